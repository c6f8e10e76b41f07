"""Event coreference: claims from many documents and languages about one happening -> one Event.

Incremental: an ``EventIndex`` holds the events built so far; each new claim joins the most
compatible event or starts a new one, so event ids stay stable as documents arrive. Candidates
are blocked by (type, participant), so adding a claim costs about the same however many events
exist.

Compatibility needs the same type; overlapping participants, where a person or body also stands
for its country and news agencies are left out (they assert, they do not act); the same side
for directed types (an accuser is not the accused); the same date (a day apart only when the
mode agrees, since adjacent days often hold distinct steps of one visit); and no conflicting
specific participants (two meetings of the same countries with disjoint named people differ).
Claims with no date of their own are anchored by their document's publication date; claims
with neither are matched later, within their document's story (``add_in_story``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from watchfloor.records import Claim, Event, Status, TrailEntry

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# how long after an event a report without its own date may still be about it
REPORT_LAG = timedelta(days=10)
# a participant named by fewer than this share of an event's claims is not exported as its own
CORE_SHARE = 0.25
# for claims placed by story alone: score bonus per log(1 + story documents reporting the event)
SUPPORT_WEIGHT = 0.2
# date rules that borrow a day from elsewhere (another sentence, the lead paragraph)
WEAK_DATE_RULES = ("inherited:", "lead:")

CountryOf = Callable[[str], "str | None"]
Day = date  # _EventState has a ``date`` property; this alias keeps annotations unambiguous


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What fusion needs to know about a canonical name (from the actor registry)."""

    country_of: CountryOf  # person/body -> its country's canonical name; None for countries
    is_country: Callable[[str], bool]
    is_media: Callable[[str], bool]  # news agencies and outlets: asserters, never participants

    @classmethod
    def plain(cls, country_of: CountryOf | None = None) -> ActorInfo:
        """No registry: nothing is media; a name is a country when it has no country."""
        resolve: CountryOf = country_of or (lambda name: None)
        return cls(resolve, lambda name: resolve(name) is None, lambda name: False)


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim with what fusion needs to know about its document."""

    claim: Claim
    published: datetime | None
    site: str | None
    origin_id: str | None  # copy group; None means the document is its own origin
    excluded: bool  # machine-translated or content farm: never corroboration

    @property
    def anchored(self) -> bool:
        """Whether the claim can be placed in time: its own date or its document's."""
        return bool(self.claim.date) or self.published is not None


def _day(text: str | None) -> date | None:
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _claim_day(ctx: ClaimContext) -> date | None:
    """The day a claim is placed at: its own date when a day, else its report's."""
    day = _day(ctx.claim.date)
    if day is not None:
        return day
    return ctx.published.date() if ctx.published is not None else None


def _week(day: date | None) -> int:
    return -1 if day is None else day.toordinal() // 7


def _weeks_around(first: date, last: date) -> range:
    """Weeks holding any member day that could match a day between ``first`` and ``last``."""
    slack = REPORT_LAG + timedelta(days=2)
    return range(_week(first - slack), _week(last + slack) + 1)


def _weeks_near(ctx: ClaimContext) -> range | None:
    """Weeks to search for a claim's events; None means every week (a year-precision date)."""
    text = ctx.claim.date
    if text and len(text) == 7:
        try:
            first = date.fromisoformat(text + "-01")
        except ValueError:
            return None
        return _weeks_around(first, first + timedelta(days=30))
    if text and len(text) < 7:
        return None
    day = _claim_day(ctx)
    return None if day is None else _weeks_around(day, day)


def dates_compatible(a: str | None, b: str | None, *, tolerance_days: int = 1) -> bool:
    """Days within ``tolerance_days``; a month or year contains the other date."""
    if not a or not b:
        return True
    da, db = _day(a), _day(b)
    if da is not None and db is not None:
        return abs(da - db) <= timedelta(days=tolerance_days)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short)


@dataclass
class _EventState:
    event_id: str
    type: str
    members: list[ClaimContext] = field(default_factory=list)
    participants: Counter[str] = field(default_factory=Counter)
    actors: set[str] = field(default_factory=set)  # expanded with countries
    recipients: set[str] = field(default_factory=set)  # expanded with countries
    specific: set[str] = field(default_factory=set)  # named persons and bodies
    dates: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    places: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)

    last_published: Day | None = None

    @property
    def date(self) -> str | None:
        """The most stated date, at the finest precision; a day after every report of the event
        (a misread year) only when no other day is stated."""
        for size in (10, 7, 4):
            found = [(self._plausible(d), n, d) for d, n in self.dates.items() if len(d) == size]
            if found:
                return max(found)[2]
        return None

    def _plausible(self, text: str) -> bool:
        day = _day(text)
        last = self.last_published
        return day is None or last is None or day <= last + timedelta(days=1)

    @property
    def main_mode(self) -> str | None:
        return ranked(self.modes)[0][0] if self.modes else None

    @property
    def anchor(self) -> Day | None:
        """The day reports of this event cluster around: its date, else its first report."""
        day = _day(self.date)
        if day is not None:
            return day
        published = [m.published.date() for m in self.members if m.published is not None]
        return min(published) if published else None


class EventIndex:
    """Events built so far, with a blocking index for new claims."""

    def __init__(self, actors: ActorInfo | CountryOf | None = None) -> None:
        if isinstance(actors, ActorInfo):
            self.info = actors
        else:
            self.info = ActorInfo.plain(actors)
        self.events: dict[str, _EventState] = {}
        self.claim_event: dict[str, str] = {}
        self.doc_of_claim: dict[str, str] = {}
        # (type, participant) -> week of a member's day -> events; a claim only looks at the
        # weeks its own day could match, so lookups stay small however long the record grows
        self._block: dict[tuple[str, str], dict[int, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self._doc_events: dict[str, set[str]] = defaultdict(set)

    # -- participants ------------------------------------------------------------------------
    def _clean(self, names: Iterable[str]) -> set[str]:
        return {n for n in names if n and not self.info.is_media(n)}

    def _expand(self, names: Iterable[str]) -> set[str]:
        out = set(names)
        for name in list(out):
            country = self.info.country_of(name)
            if country:
                out.add(country)
        return out

    def _specific(self, names: Iterable[str]) -> set[str]:
        return {n for n in names if not self.info.is_country(n)}

    def participants(self, claim: Claim) -> set[str]:
        """The claim's actors and recipients, news media left out."""
        return self._clean(claim.actors) | self._clean(claim.recipients)

    # -- matching ----------------------------------------------------------------------------
    def score(
        self, ctx: ClaimContext, event: _EventState, *, use_time: bool = True
    ) -> float | None:
        """How well a claim fits an event; None when incompatible."""
        claim = ctx.claim
        if claim.type != event.type:
            return None
        mine = self.participants(claim)
        if not mine or not event.participants:
            return None
        mine_x = self._expand(mine)
        theirs_x = self._expand(event.participants)
        overlap = mine_x & theirs_x
        if not overlap:
            return None
        if claim.type not in SYMMETRIC_TYPES:
            # the same side must act (an accuser is not the accused); recipients are too noisy
            # in extracted claims to forbid a match, they only weigh in the overlap
            actors = self._expand(self._clean(claim.actors))
            if actors and event.actors and not actors & event.actors:
                return None
        specific = self._specific(mine)
        if specific and event.specific and not specific & event.specific:
            return None
        same_mode = not claim.mode or not event.modes or claim.mode == event.main_mode
        if use_time and not self._time_fits(ctx, event, same_mode):
            return None
        jaccard = len(overlap) / len(mine_x | theirs_x)
        bonus = 0.0
        if claim.date and claim.date == event.date:
            bonus += 0.5
        if claim.mode and claim.mode == event.main_mode:
            bonus += 0.25
        if specific & event.specific:
            bonus += 0.25
        if claim.place and event.places:
            bonus += 0.1 if claim.place in event.places else -0.1
        return jaccard + bonus

    def _time_fits(self, ctx: ClaimContext, event: _EventState, same_mode: bool) -> bool:
        claim = ctx.claim
        if claim.date:
            return dates_compatible(claim.date, event.date, tolerance_days=1 if same_mode else 0)
        anchor = event.anchor
        if anchor is not None and ctx.published is not None:
            lag = ctx.published.date() - anchor
            return timedelta(days=-1) <= lag <= REPORT_LAG
        return anchor is None and ctx.published is None

    # -- building ----------------------------------------------------------------------------
    def _attach(self, ctx: ClaimContext, event_id: str) -> None:
        claim = ctx.claim
        state = self.events.setdefault(event_id, _EventState(event_id=event_id, type=claim.type))
        state.members.append(ctx)
        names = self.participants(claim)
        state.participants.update(names)
        state.actors |= self._expand(self._clean(claim.actors))
        state.recipients |= self._expand(self._clean(claim.recipients))
        state.specific |= self._specific(names)
        if claim.date:
            # a day borrowed from another sentence or the lead counts half a stated one
            borrowed = (claim.date_rule or "").startswith(WEAK_DATE_RULES)
            state.dates[claim.date] += 1 if borrowed else 2
        if ctx.published is not None:
            day = ctx.published.date()
            if state.last_published is None or day > state.last_published:
                state.last_published = day
        if claim.mode:
            state.modes[claim.mode] += 1
        if claim.place:
            state.places.add(claim.place)
        state.docs.add(claim.doc_id)
        week = _week(_claim_day(ctx))
        for name in self._expand(names):
            self._block[(claim.type, name)][week].add(event_id)
        self._doc_events[claim.doc_id].add(event_id)
        self.claim_event[claim.claim_id] = event_id
        self.doc_of_claim[claim.claim_id] = claim.doc_id

    def restore(self, contexts: Iterable[ClaimContext], assignment: Mapping[str, str]) -> None:
        """Put claims back into the events an earlier run gave them, without re-matching."""
        for ctx in contexts:
            event_id = assignment.get(ctx.claim.claim_id)
            if event_id is None:
                continue
            if event_id in self.events and self.events[event_id].type != ctx.claim.type:
                continue  # the claim changed type since: it will be matched afresh
            self._attach(ctx, event_id)

    def _lookup(self, type_: str, names: Iterable[str], weeks: Iterable[int] | None) -> set[str]:
        out: set[str] = set()
        wanted = None if weeks is None else list(weeks)
        for name in self._expand(names):
            by_week = self._block.get((type_, name))
            if not by_week:
                continue
            if wanted is None:
                for ids in by_week.values():
                    out |= ids
            else:
                for week in wanted:
                    out |= by_week.get(week, set())
        return {e for e in out if e in self.events}  # merged events leave stale entries

    def _candidates(self, ctx: ClaimContext) -> set[str]:
        return self._lookup(ctx.claim.type, self.participants(ctx.claim), _weeks_near(ctx))

    def _place(
        self,
        ctx: ClaimContext,
        candidates: Iterable[str],
        *,
        use_time: bool,
        weigh_support: set[str] | None = None,
    ) -> str:
        best: tuple[float, int, str] | None = None
        for event_id in sorted(candidates):
            event = self.events[event_id]
            s = self.score(ctx, event, use_time=use_time)
            if s is None:
                continue
            if weigh_support is not None:
                # with no date to go by, the happening the story reports most is the best bet
                s += SUPPORT_WEIGHT * math.log1p(len(event.docs & weigh_support))
            if best is None or (s, len(event.docs)) > best[:2]:
                best = (s, len(event.docs), event_id)
        event_id = (
            best[2]
            if best is not None
            else "ev-" + hashlib.sha256(ctx.claim.claim_id.encode()).hexdigest()[:12]
        )
        self._attach(ctx, event_id)
        return event_id

    def add(self, ctx: ClaimContext) -> str:
        """Attach a claim to its best event (or a new one); returns the event id."""
        if ctx.claim.claim_id in self.claim_event:
            return self.claim_event[ctx.claim.claim_id]
        return self._place(ctx, self._candidates(ctx), use_time=True)

    def add_all(self, contexts: Iterable[ClaimContext]) -> None:
        """Add claims, the precisely dated first: they anchor events vaguer reports then join.

        Greedy placement can leave one happening in two events (when the first reports were
        vague); a merge pass then joins the events created here into compatible ones.
        """
        ordered = sorted(
            contexts,
            key=lambda c: (
                -len(c.claim.date or ""),
                c.claim.date or "",
                c.published.isoformat() if c.published else "9999",
                c.claim.claim_id,
            ),
        )
        before = set(self.events)
        for ctx in ordered:
            self.add(ctx)
        self.merge_new(set(self.events) - before)

    def events_compatible(self, a: _EventState, b: _EventState) -> bool:
        """Whether two events describe one happening (see the module docstring)."""
        if a.type != b.type:
            return False
        if not self._expand(a.participants) & self._expand(b.participants):
            return False
        if a.type not in SYMMETRIC_TYPES and a.actors and b.actors and not a.actors & b.actors:
            return False
        if a.specific and b.specific and not a.specific & b.specific:
            return False
        day_a, day_b = _day(a.date), _day(b.date)
        if day_a is not None and day_b is not None:
            tolerance = 1 if a.main_mode == b.main_mode else 0
            return abs(day_a - day_b) <= timedelta(days=tolerance)
        if a.date and b.date:
            return dates_compatible(a.date, b.date)
        anchor_a, anchor_b = a.anchor, b.anchor
        if anchor_a is None or anchor_b is None:
            return anchor_a is None and anchor_b is None
        dated, other = (anchor_a, anchor_b) if a.date else (anchor_b, anchor_a)
        return timedelta(days=-1) <= other - dated <= REPORT_LAG

    def merge_new(self, new_ids: set[str]) -> None:
        """Fold each event created in this run into a compatible, better-reported event."""
        order = sorted(new_ids, key=lambda e: (len(self.events[e].docs), e))
        for event_id in order:
            event = self.events.get(event_id)
            if event is None:
                continue
            anchor = event.anchor
            weeks = None if anchor is None else _weeks_around(anchor, anchor)
            candidates = self._lookup(event.type, event.participants, weeks)
            best: tuple[int, str] | None = None
            for other_id in sorted(candidates - {event_id}):
                other = self.events.get(other_id)
                if other is None or not self.events_compatible(event, other):
                    continue
                rank = (len(other.docs), other_id)
                if rank[0] < len(event.docs) and other_id in new_ids:
                    continue  # the bigger one absorbs; it will be visited in turn
                if best is None or rank > best:
                    best = rank
            if best is None:
                continue
            moved = self.events.pop(event_id)
            for ctx in moved.members:
                self._attach(ctx, best[1])

    # -- story consolidation -----------------------------------------------------------------
    def _strong_day(self, event: _EventState, last_report: Day | None) -> Day | None:
        """The event's day when a claim states it outright; None when the day is only borrowed
        (inherited from a nearby sentence, the lead, a relative phrase) or impossible (after
        every report of the story), since such days often belong to another step or year."""
        day = _day(event.date)
        if day is None:
            return None
        if last_report is not None and day > last_report + timedelta(days=1):
            return None
        stated = event.date
        for m in event.members:
            rule = m.claim.date_rule or ""
            # relative phrases ("last year", "on the 28th") lean on a guessed reference date
            borrowed = rule.startswith(WEAK_DATE_RULES) or "relative" in rule
            if m.claim.date == stated and not borrowed:
                return day
        return None

    def _sides_fit(self, a: _EventState, b: _EventState) -> bool:
        """Shared (expanded) participants, the same acting side, and no clash of named actors."""
        if a.type != b.type:
            return False
        if not self._expand(a.participants) & self._expand(b.participants):
            return False
        if a.type in SYMMETRIC_TYPES:
            named_a, named_b = a.specific, b.specific
        else:
            if a.actors and b.actors and not a.actors & b.actors:
                return False
            named_a, named_b = self._named_actors(a), self._named_actors(b)
        return not (named_a and named_b and not named_a & named_b)

    def _named_actors(self, event: _EventState) -> set[str]:
        names: set[str] = set()
        for m in event.members:
            names |= self._specific(self._clean(m.claim.actors))
        return names

    def merge_within_stories(self, doc_story: Mapping[str, str], keep: Iterable[str] = ()) -> None:
        """Fold a story's loosely dated events into its best-reported compatible event.

        Claims without a date of their own, or dated by a borrowed rule, often start events of
        their own although their story reports one happening of that type and those parties;
        two events whose days are both stated outright and differ stay apart. Events in
        ``keep`` (restored from an earlier run) may absorb others but never move.
        """
        fixed = set(keep)
        stories: dict[str, list[str]] = defaultdict(list)
        for event_id, event in self.events.items():
            votes = Counter(doc_story[d] for d in event.docs if d in doc_story)
            if votes:
                stories[ranked(votes)[0][0]].append(event_id)
        last_report: dict[str, Day] = {}
        for event in self.events.values():
            for m in event.members:
                story = doc_story.get(m.claim.doc_id)
                if story is not None and m.published is not None:
                    day = m.published.date()
                    if story not in last_report or day > last_report[story]:
                        last_report[story] = day
        for story_id in sorted(stories):
            self._merge_story(stories[story_id], last_report.get(story_id), fixed)

    def _merge_story(self, event_ids: list[str], last_report: Day | None, fixed: set[str]) -> None:
        order = sorted(event_ids, key=lambda e: (len(self.events[e].docs), e))
        for position, event_id in enumerate(order):
            event = self.events.get(event_id)
            if event is None or event_id in fixed:
                continue
            day = self._strong_day(event, last_report)
            best: tuple[int, str] | None = None
            for other_id in order[position + 1 :]:
                other = self.events.get(other_id)
                if other is None or not self._sides_fit(event, other):
                    continue
                other_day = self._strong_day(other, last_report)
                if day is not None and other_day is not None:
                    tolerance = 1 if event.main_mode == other.main_mode else 0
                    if abs(day - other_day) > timedelta(days=tolerance):
                        continue
                elif event.date and other.date and not (day is None or other_day is None):
                    continue
                rank = (len(other.docs), other_id)
                if best is None or rank > best:
                    best = rank
            if best is None:
                continue
            moved = self.events.pop(event_id)
            for ctx in moved.members:
                self._attach(ctx, best[1])

    def add_in_story(self, ctx: ClaimContext, story_docs: Iterable[str]) -> str:
        """Place a claim that has no time of its own among the events of its story's documents.

        The story stands in for the missing date: it already groups reports of one occasion.
        """
        if ctx.claim.claim_id in self.claim_event:
            return self.claim_event[ctx.claim.claim_id]
        docs = set(story_docs)
        nearby: set[str] = set()
        for doc_id in docs:
            nearby |= self._doc_events.get(doc_id, set())
        candidates = {
            e for e in nearby if e in self.events and self.events[e].type == ctx.claim.type
        }
        return self._place(ctx, candidates, use_time=False, weigh_support=docs)

    # -- output ----------------------------------------------------------------------------
    def to_events(self) -> list[Event]:
        return [build_event(state, self.info) for state in self.events.values()]

    def state_json(self) -> str:
        """The claim -> event assignment, enough to rebuild the index from stored claims."""
        return json.dumps(self.claim_event, sort_keys=True)


def ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Counter items by count, ties by name: the same claims give the same order every run."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def derive_status(statuses: Iterable[Status]) -> Status:
    """An event's status from its claims: confirmed beats alleged; denial only if nothing else."""
    seen = set(statuses)
    if Status.CONFIRMED in seen:
        return Status.CONFIRMED
    if Status.ASSERTED in seen:
        return Status.ASSERTED
    if Status.ALLEGED in seen:
        return Status.ALLEGED
    if Status.DENIED in seen:
        return Status.DENIED
    if Status.PLANNED in seen:
        return Status.PLANNED
    return Status.HYPOTHETICAL if seen else Status.ASSERTED


def core_participants(
    members: list[ClaimContext], info: ActorInfo
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The actors and recipients most reports agree on, news media left out.

    A name joins the core when at least ``CORE_SHARE`` of the claims name it (the most named
    always does); its side is where it is named more often.
    """
    actor_count: Counter[str] = Counter()
    recipient_count: Counter[str] = Counter()
    for m in members:
        actor_count.update({n for n in m.claim.actors if not info.is_media(n)})
        recipient_count.update({n for n in m.claim.recipients if not info.is_media(n)})
    total = actor_count + recipient_count
    if not total:
        return (), ()
    need = max(1.0, CORE_SHARE * len(members))
    top = ranked(total)[0][0]
    core = [n for n, c in ranked(total) if c >= need or n == top]
    actors = tuple(n for n in core if actor_count[n] >= recipient_count[n])
    recipients = tuple(n for n in core if actor_count[n] < recipient_count[n])
    return actors, recipients


def build_event(state: _EventState, info: ActorInfo | None = None) -> Event:
    info = info or ActorInfo.plain()
    members = state.members
    modes: Counter[str] = Counter()
    places: Counter[str] = Counter()
    asserters: Counter[str] = Counter()
    for m in members:
        if m.claim.mode:
            modes[m.claim.mode] += 1
        if m.claim.place:
            places[m.claim.place] += 1
        asserters.update(m.claim.asserted_by)
    actors, recipients = core_participants(members, info)
    date_value = state.date
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date_value or ""))
    day_claims = [m.claim for m in members if m.claim.date == date_value and m.claim.date_precision]
    if day_claims:
        precision = ranked(Counter(str(c.date_precision) for c in day_claims))[0][0]
    origins = {m.origin_id or m.claim.doc_id for m in members}
    independent = {m.origin_id or m.claim.doc_id for m in members if not m.excluded}
    published = [m.published for m in members if m.published is not None]
    ordered = sorted(
        members,
        key=lambda m: (m.published.isoformat() if m.published else "9999", m.claim.claim_id),
    )
    return Event(
        event_id=state.event_id,
        type=state.type,
        mode=ranked(modes)[0][0] if modes else None,
        actors=actors,
        recipients=recipients,
        date=date_value,
        date_precision=precision,
        place=ranked(places)[0][0] if places else None,
        status=derive_status(m.claim.status for m in members),
        claim_ids=tuple(m.claim.claim_id for m in ordered),
        doc_ids=tuple(dict.fromkeys(m.claim.doc_id for m in ordered)),
        first_reported=min(published) if published else None,
        origins=len(origins),
        corroboration=len(independent),
        asserted_by=tuple(n for n, _ in ranked(asserters)),
        trail=tuple(
            TrailEntry(
                claim_id=m.claim.claim_id,
                doc_id=m.claim.doc_id,
                asserted_by=m.claim.asserted_by,
                stance=m.claim.stance,
                status=m.claim.status,
                site=m.site,
            )
            for m in ordered
        ),
    )
