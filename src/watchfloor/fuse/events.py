"""Event coreference: claims from many documents and languages about one happening -> one Event.

Incremental: an ``EventIndex`` holds the events built so far; each new claim joins the most
compatible event or starts a new one, so event ids stay stable as documents arrive. Candidates
are blocked by (type, participant, week), looked up rarest participant first and capped
(``MAX_CANDIDATES`` per claim, ``BLOCK_CAP`` per key), so adding a claim costs about the same
however many events exist, even when every event names the watch's own countries.

Compatibility needs the same type; overlapping participants, where a person or body also stands
for its country and news agencies are left out (they assert, they do not act); the same side
for directed types (an accuser is not the accused); the same date (a day apart only when the
mode agrees, since adjacent days often hold distinct steps of one visit); and no conflicting
specific participants (two meetings of the same countries with disjoint named people differ; a
body of several states, such as a UN organ or a joint commission, is a forum and never
conflicts); and no conflicting objects (a protocol signed is not an exchange plan signed by
other ministers that day: ``Claim.object``). Among compatible events a claim prefers the one
that states its day, its mode, its named people, its place and its figures ("about 3,000
troops").
Claims with no date of their own are anchored by their document's publication date; claims
with neither are matched later, within their document's story (``add_in_stories``). Within a
story, loosely dated events fold into the best-reported compatible one
(``merge_within_stories``); a stated day never folds into a borrowed one, and two stated days
of one mode join only as a multi-day happening that one document reports on both days.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from watchfloor.language.numbers import numbers_in
from watchfloor.records import Claim, Event, Status, TrailEntry

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# how long after an event a report without its own date may still be about it
REPORT_LAG = timedelta(days=10)
_ONE_DAY = timedelta(days=1)
# a participant named by fewer than this share of an event's claims is not exported as its own
CORE_SHARE = 0.25
# for claims placed by story alone: score bonus per log(1 + story documents reporting the event)
SUPPORT_WEIGHT = 0.2
# score bonus when a claim states a figure the event's claims state (as much as the same day)
QUANTITY_WEIGHT = 0.5
# date rules that borrow a day from elsewhere (another sentence, the lead paragraph, the days
# the story was reported: fuse/stream.py)
STORY_DATE_RULE = "story:"
# the date of the event fusion placed a claim with no time of its own in (fuse/stream.py)
EVENT_DATE_RULE = "event:"
# the date rules of days fusion itself gave a claim
FUSED_DATE_RULES = (STORY_DATE_RULE, EVENT_DATE_RULE)
WEAK_DATE_RULES = ("inherited:", "lead:", *FUSED_DATE_RULES)
# blocking bounds: events compared with one claim (found through its rarest participants first),
# and events one (type, participant, week) key remembers; a key that fills up is too common to
# propose candidates while rarer keys do (the watch's own countries name every event)
MAX_CANDIDATES = 64
BLOCK_CAP = 256
# a happening one document reports on two days of the same mode (a shipment "from the 8th to
# the 13th") is one multi-day event when the days are at most this far apart
MULTI_DAY_SPAN = timedelta(days=7)
# the refining pass moves a claim only to an event that fits it this much better than its own
REFINE_MARGIN = 0.25
# the memo of names' countries is dropped when it grows past this (a stream meets new names)
COUNTRY_MEMO = 50_000

CountryOf = Callable[[str], "str | None"]
Day = date  # _EventState has a ``date`` property; this alias keeps annotations unambiguous


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What fusion needs to know about a canonical name (from the actor registry)."""

    country_of: CountryOf  # person/body -> its country's canonical name; None for countries
    is_country: Callable[[str], bool]
    is_media: Callable[[str], bool]  # news agencies and outlets: asserters, never participants
    # bodies of several states (UN organs, a bilateral commission): the forum of a happening,
    # not one of its sides, so they never set two events apart (see ``EventIndex._specific``)
    is_forum: Callable[[str], bool] = lambda name: False

    def clean(self, names: Iterable[str]) -> set[str]:
        """The names that can take part in an event: news media left out."""
        return {n for n in names if n and not self.is_media(n)}

    def participants(self, claim: Claim) -> set[str]:
        """The claim's actors and recipients, news media left out."""
        return self.clean(claim.actors) | self.clean(claim.recipients)

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
    lang: str | None = None  # of the evidence sentence's section

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


def _last_day(text: str | None) -> date | None:
    """The last day a date (a day, month or year) covers."""
    if not text:
        return None
    day = _day(text)
    if day is not None:
        return day
    try:
        if len(text) == 7:
            first = date.fromisoformat(text + "-01")
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if len(text) == 4:
            return date(int(text), 12, 31)
    except ValueError:
        return None
    return None


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


@dataclass(frozen=True, slots=True)
class _ClaimView:
    """A claim's participants as matching needs them (media left out, countries added)."""

    participants: frozenset[str]
    expanded: frozenset[str]
    actors: frozenset[str]  # expanded with countries
    specific: frozenset[str]
    figures: frozenset[int]  # quantities the claim states


@dataclass(slots=True)
class _EventState:
    event_id: str
    type: str
    members: list[ClaimContext] = field(default_factory=list)
    participants: Counter[str] = field(default_factory=Counter)
    expanded: set[str] = field(default_factory=set)  # participants with their countries
    actors: set[str] = field(default_factory=set)  # expanded with countries
    recipients: set[str] = field(default_factory=set)  # expanded with countries
    specific: set[str] = field(default_factory=set)  # named persons and bodies
    dates: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    places: set[str] = field(default_factory=set)
    quantities: set[int] = field(default_factory=set)  # figures its claims state (numbers_in)
    objects: set[str] = field(default_factory=set)  # what its claims are about (Claim.object)
    docs: set[str] = field(default_factory=set)
    first_published: Day | None = None
    last_published: Day | None = None
    # derived values, refreshed on every attach (matching reads them far more often)
    date: str | None = None
    main_mode: str | None = None

    def refresh(self) -> None:
        """Recompute the derived date and mode after members changed."""
        self.date = self._best_date()
        self.main_mode = ranked(self.modes)[0][0] if self.modes else None

    def _best_date(self) -> str | None:
        """The most stated date, at the finest precision; a day after every report of the event
        (a misread year) only when no other day is stated; among equally stated ones the
        earliest (the first report of an accusation, a late-night happening in local time)."""
        for size in (10, 7, 4):
            found = [
                (not self._plausible(d), -n, d) for d, n in self.dates.items() if len(d) == size
            ]
            if found:
                return min(found)[2]
        return None

    def _plausible(self, text: str) -> bool:
        day = _day(text)
        last = self.last_published
        return day is None or last is None or day <= last + timedelta(days=1)

    @property
    def anchor(self) -> Day | None:
        """The day reports of this event cluster around: its date, else its first report."""
        day = _day(self.date)
        return day if day is not None else self.first_published


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
        # (type, participant, week of a member's day) -> events, in insertion order and at most
        # BLOCK_CAP of them; a claim only looks at the weeks its own day could match, so lookups
        # stay small however long the record grows
        self._block: dict[tuple[str, str, int], dict[str, None]] = {}
        self._full: set[tuple[str, str, int]] = set()  # keys that reached BLOCK_CAP
        self._doc_events: dict[str, set[str]] = defaultdict(set)
        self._country: dict[str, str | None] = {}  # memo of info.country_of
        self._name_weeks: dict[tuple[str, str], set[int]] = defaultdict(set)
        # streaming: the day the stream stood at when each event last gained a claim (see
        # ``close_before``); ``clock`` is set by the driver before each batch
        self.clock: Day | None = None
        self._touched: dict[str, Day] = {}

    # -- participants ------------------------------------------------------------------------
    def _clean(self, names: Iterable[str]) -> set[str]:
        return self.info.clean(names)

    def _country_of(self, name: str) -> str | None:
        if name not in self._country:
            self._country[name] = self.info.country_of(name)
        return self._country[name]

    def _expand(self, names: Iterable[str]) -> set[str]:
        out = set(names)
        for name in list(out):
            country = self._country_of(name)
            if country:
                out.add(country)
        return out

    def _specific(self, names: Iterable[str]) -> set[str]:
        """Named people and national bodies: two events naming disjoint ones differ."""
        return {n for n in names if not self.info.is_country(n) and not self.info.is_forum(n)}

    def participants(self, claim: Claim) -> set[str]:
        """The claim's actors and recipients, news media left out."""
        return self.info.participants(claim)

    # -- matching ----------------------------------------------------------------------------
    def _view(self, claim: Claim) -> _ClaimView:
        """The claim's participant sets, computed once per placement (not per candidate)."""
        mine = frozenset(self.participants(claim))
        return _ClaimView(
            participants=mine,
            expanded=frozenset(self._expand(mine)),
            actors=frozenset(self._expand(self._clean(claim.actors))),
            specific=frozenset(self._specific(mine)),
            figures=numbers_in(claim.quantity) if claim.quantity else frozenset(),
        )

    def score(
        self,
        ctx: ClaimContext,
        event: _EventState,
        *,
        use_time: bool = True,
        view: _ClaimView | None = None,
    ) -> float | None:
        """How well a claim fits an event; None when incompatible."""
        claim = ctx.claim
        if claim.type != event.type:
            return None
        v = view or self._view(claim)
        if not v.participants or not event.participants:
            return None
        overlap = v.expanded & event.expanded
        if not overlap:
            return None
        # the same side must act (an accuser is not the accused); recipients are too noisy in
        # extracted claims to forbid a match, they only weigh in the overlap
        directed = claim.type not in SYMMETRIC_TYPES
        if directed and v.actors and event.actors and not v.actors & event.actors:
            return None
        specific = v.specific
        if specific and event.specific and not specific & event.specific:
            return None
        if claim.object and event.objects and claim.object not in event.objects:
            return None  # a protocol signed is not the exchange plan signed the same day
        same_mode = not claim.mode or not event.modes or claim.mode == event.main_mode
        if use_time and not self._time_fits(ctx, event, same_mode):
            return None
        jaccard = len(overlap) / len(v.expanded | event.expanded)
        bonus = 0.0
        if claim.date and claim.date == event.date:
            bonus += 0.5
        if claim.mode and claim.mode == event.main_mode:
            bonus += 0.25
        if specific & event.specific:
            bonus += 0.25
        if claim.place and event.places:
            bonus += 0.1 if claim.place in event.places else -0.1
        if v.figures & event.quantities:
            # the same figure ("about 3,000 troops") tells one disclosure from the next
            bonus += QUANTITY_WEIGHT
        return jaccard + bonus

    def _time_fits(self, ctx: ClaimContext, event: _EventState, same_mode: bool) -> bool:
        claim = ctx.claim
        if claim.date:
            if not same_mode and event.date and len(claim.date) != len(event.date):
                # another mode must state the event's own day: a meeting known by its month
                # is not the departure of that month's 10th, nor is a departure's day a
                # meeting's
                return False
            return dates_compatible(claim.date, event.date, tolerance_days=1 if same_mode else 0)
        anchor = event.anchor
        if anchor is not None and ctx.published is not None:
            lag = ctx.published.date() - anchor
            # another mode only from a report of the next day at the latest
            return timedelta(days=-1) <= lag <= (REPORT_LAG if same_mode else _ONE_DAY)
        return anchor is None and ctx.published is None

    # -- building ----------------------------------------------------------------------------
    def _attach(self, ctx: ClaimContext, event_id: str) -> None:
        claim = ctx.claim
        state = self.events.setdefault(event_id, _EventState(event_id=event_id, type=claim.type))
        state.members.append(ctx)
        view = self._view(claim)
        names, expanded = view.participants, view.expanded
        state.participants.update(names)
        state.expanded |= expanded
        state.actors |= view.actors
        state.recipients |= self._expand(self._clean(claim.recipients))
        state.specific |= view.specific
        if claim.object:
            state.objects.add(claim.object)
        if claim.date:
            # a day borrowed from another sentence or the lead counts half a stated one
            borrowed = (claim.date_rule or "").startswith(WEAK_DATE_RULES)
            state.dates[claim.date] += 1 if borrowed else 2
        if ctx.published is not None:
            day = ctx.published.date()
            if state.last_published is None or day > state.last_published:
                state.last_published = day
            if state.first_published is None or day < state.first_published:
                state.first_published = day
        if claim.mode:
            state.modes[claim.mode] += 1
        if claim.place:
            state.places.add(claim.place)
        state.quantities |= view.figures
        state.docs.add(claim.doc_id)
        state.refresh()
        week = _week(_claim_day(ctx))
        for name in expanded:
            key = (claim.type, name, week)
            self._name_weeks[(claim.type, name)].add(week)
            posting = self._block.setdefault(key, {})
            if event_id in posting:
                continue
            if len(posting) >= BLOCK_CAP:
                self._full.add(key)
                continue
            posting[event_id] = None
        self._doc_events[claim.doc_id].add(event_id)
        self.claim_event[claim.claim_id] = event_id
        self.doc_of_claim[claim.claim_id] = claim.doc_id
        if self.clock is not None:
            self._touched[event_id] = self.clock

    def restore(self, contexts: Iterable[ClaimContext], assignment: Mapping[str, str]) -> None:
        """Put claims back into the events an earlier run gave them, without re-matching."""
        for ctx in contexts:
            event_id = assignment.get(ctx.claim.claim_id)
            if event_id is None:
                continue
            if event_id in self.events and self.events[event_id].type != ctx.claim.type:
                continue  # the claim changed type since: it will be matched afresh
            self._attach(ctx, event_id)

    def _lookup(self, type_: str, names: Iterable[str], weeks: Iterable[int] | None) -> list[str]:
        """Events sharing a participant within the weeks, rarest participant first and at most
        MAX_CANDIDATES of them; a participant too common to block on (its key filled up, or
        more events in the weeks than MAX_CANDIDATES, of which it could only name an arbitrary
        few) adds candidates only when no rarer one found any."""
        fixed = None if weeks is None else list(weeks)
        postings: list[tuple[int, bool, str, list[dict[str, None]]]] = []
        for name in self._expand(names):
            # a year-precision date may match any week the participant was seen in
            wanted = sorted(self._name_weeks.get((type_, name), ())) if fixed is None else fixed
            found = [self._block[k] for w in wanted if (k := (type_, name, w)) in self._block]
            if found:
                size = sum(len(f) for f in found)
                full = size > MAX_CANDIDATES or any((type_, name, w) in self._full for w in wanted)
                postings.append((size, full, name, found))
        postings.sort(key=lambda p: (p[1], p[0], p[2]))
        out: dict[str, None] = {}
        for _, full, _, found in postings:
            if len(out) >= MAX_CANDIDATES or (full and out):
                break
            for posting in found:
                for event_id in posting:
                    if event_id in self.events:  # merged events leave stale entries
                        out[event_id] = None
                        if len(out) >= MAX_CANDIDATES:
                            break
                if len(out) >= MAX_CANDIDATES:
                    break
        return list(out)

    def _candidates(self, ctx: ClaimContext) -> list[str]:
        return self._lookup(ctx.claim.type, self.participants(ctx.claim), _weeks_near(ctx))

    def _place(
        self,
        ctx: ClaimContext,
        candidates: Iterable[str],
        *,
        use_time: bool,
        weigh_support: set[str] | None = None,
    ) -> str:
        event_id = self._best(ctx, candidates, use_time=use_time, weigh_support=weigh_support)
        if event_id is None:
            event_id = "ev-" + hashlib.sha256(ctx.claim.claim_id.encode()).hexdigest()[:12]
        self._attach(ctx, event_id)
        return event_id

    def add(self, ctx: ClaimContext) -> str:
        """Attach a claim to its best event (or a new one); returns the event id."""
        if ctx.claim.claim_id in self.claim_event:
            return self.claim_event[ctx.claim.claim_id]
        return self._place(ctx, self._candidates(ctx), use_time=True)

    def add_all(self, contexts: Iterable[ClaimContext]) -> None:
        """Add claims, the precisely dated first: they anchor events vaguer reports then join.

        Among dates of one precision the most reported (type, date) goes first, so an event
        forms around the day most reports give and a report a day off joins it, rather than
        the earliest day starting an event the next day's happening then chains onto.
        Greedy placement can leave one happening in two events (when the first reports were
        vague); a merge pass then joins the events created here into compatible ones.
        """
        contexts = list(contexts)
        stated = Counter((c.claim.type, c.claim.date) for c in contexts if c.claim.date)
        ordered = sorted(
            contexts,
            key=lambda c: (
                -len(c.claim.date or ""),
                -stated[(c.claim.type, c.claim.date)] if c.claim.date else 0,
                c.claim.date or "",
                c.published.isoformat() if c.published else "9999",
                c.claim.claim_id,
            ),
        )
        before = set(self.events)
        placed = [ctx for ctx in ordered if ctx.claim.claim_id not in self.claim_event]
        for ctx in ordered:
            self.add(ctx)
        self.merge_new(set(self.events) - before)
        self.refine([ctx for ctx in placed if _day(ctx.claim.date) is not None], fixed=before)

    def refine(self, contexts: Iterable[ClaimContext], fixed: Iterable[str] = ()) -> int:
        """One pass that moves each day-dated claim to the event it now fits best, when that
        beats its own by ``REFINE_MARGIN``: greedy placement judged it against the events that
        existed when its turn came (a report of the 17th met the 18th's event before the 17th's
        had formed). Events in ``fixed`` lose no claims. Returns the number of claims moved."""
        keep = set(fixed)
        moved = 0
        for ctx in contexts:
            current = self.claim_event.get(ctx.claim.claim_id)
            if current is None or current in keep or current not in self.events:
                continue
            own = self.score(ctx, self.events[current])
            view = self._view(ctx.claim)
            best: tuple[float, str] | None = None
            for event_id in sorted(self._candidates(ctx)):
                if event_id == current:
                    continue
                s = self.score(ctx, self.events[event_id], view=view)
                if s is not None and (best is None or s > best[0]):
                    best = (s, event_id)
            if best is None or (own is not None and best[0] < own + REFINE_MARGIN):
                continue
            self._detach(ctx, current)
            self._attach(ctx, best[1])
            moved += 1
        return moved

    def _detach(self, ctx: ClaimContext, event_id: str) -> None:
        """Take a claim out of its event, rebuilding the event from its other members."""
        state = self.events.pop(event_id)
        del self.claim_event[ctx.claim.claim_id]
        for other in state.members:
            if other.claim.claim_id != ctx.claim.claim_id:
                self._attach(other, event_id)

    def events_compatible(self, a: _EventState, b: _EventState) -> bool:
        """Whether two events describe one happening (see the module docstring)."""
        if a.type != b.type:
            return False
        if not a.expanded & b.expanded:
            return False
        if a.type not in SYMMETRIC_TYPES and a.actors and b.actors and not a.actors & b.actors:
            return False
        if a.specific and b.specific and not a.specific & b.specific:
            return False
        if a.objects and b.objects and not a.objects & b.objects:
            return False
        same_mode = a.main_mode == b.main_mode
        day_a, day_b = _day(a.date), _day(b.date)
        if day_a is not None and day_b is not None:
            return abs(day_a - day_b) <= timedelta(days=1 if same_mode else 0)
        if a.date and b.date:
            # as for a claim (_time_fits): another mode must state the same day
            return (same_mode or len(a.date) == len(b.date)) and dates_compatible(a.date, b.date)
        anchor_a, anchor_b = a.anchor, b.anchor
        if anchor_a is None or anchor_b is None:
            return anchor_a is None and anchor_b is None
        dated, other = (anchor_a, anchor_b) if a.date else (anchor_b, anchor_a)
        return timedelta(days=-1) <= other - dated <= (REPORT_LAG if same_mode else _ONE_DAY)

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
            for other_id in candidates:
                other = self.events.get(other_id)
                if other_id == event_id or other is None:
                    continue
                if not self.events_compatible(event, other):
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

    def _sides_fit(
        self, a: _EventState, b: _EventState, cache: dict[str, set[str]] | None = None
    ) -> bool:
        """Shared (expanded) participants, the same acting side, and no clash of named actors."""
        if a.type != b.type:
            return False
        if not a.expanded & b.expanded:
            return False
        if a.type not in SYMMETRIC_TYPES and a.actors and b.actors and not a.actors & b.actors:
            return False
        memo = {} if cache is None else cache
        for event in (a, b):
            if event.event_id not in memo:
                memo[event.event_id] = self._core_named(event)
        named_a, named_b = memo[a.event_id], memo[b.event_id]
        return not (named_a and named_b and not named_a & named_b)

    def _core_named(self, event: _EventState) -> set[str]:
        """The named people and bodies (the acting ones for directed types) that at least
        ``CORE_SHARE`` of the event's claims name: one stray name misread into one report of a
        well-reported event does not make it another happening."""
        counts: Counter[str] = Counter()
        for m in event.members:
            names = (
                m.claim.actors if event.type not in SYMMETRIC_TYPES else self.participants(m.claim)
            )
            counts.update(self._specific(self._clean(names)))
        need = max(1.0, CORE_SHARE * len(event.members))
        return {n for n, c in counts.items() if c >= need}

    def merge_within_stories(
        self,
        doc_story: Mapping[str, str],
        keep: Iterable[str] = (),
        only: Container[str] | None = None,
    ) -> None:
        """Fold a story's loosely dated events into its best-reported compatible event.

        Claims without a date of their own, or dated by a borrowed rule, often start events of
        their own although their story reports one happening of that type and those parties;
        two events whose days are both stated outright and differ stay apart. Events in
        ``keep`` (restored from an earlier run) may absorb others but never move. With
        ``only``, just those stories are folded (a stream folds each story once it closes).
        """
        fixed = set(keep)
        held: Iterable[str] = self.events
        if only is not None:
            # a story's events are reported by its documents: look only at those
            linked: set[str] = set()
            for doc_id, story_id in doc_story.items():
                if story_id in only:
                    linked |= self._doc_events.get(doc_id, set())
            held = sorted(e for e in linked if e in self.events)
        stories: dict[str, list[str]] = defaultdict(list)
        for event_id in held:
            event = self.events[event_id]
            votes = Counter(doc_story[d] for d in event.docs if d in doc_story)
            if votes:
                stories[ranked(votes)[0][0]].append(event_id)
        last_report: dict[str, Day] = {}
        for event_id in held:
            event = self.events[event_id]
            for m in event.members:
                story = doc_story.get(m.claim.doc_id)
                if story is not None and m.published is not None:
                    day = m.published.date()
                    if story not in last_report or day > last_report[story]:
                        last_report[story] = day
        for story_id in sorted(stories):
            if only is None or story_id in only:
                self._merge_story(stories[story_id], last_report.get(story_id), fixed)

    def _merge_story(self, event_ids: list[str], last_report: Day | None, fixed: set[str]) -> None:
        by_type: dict[str, list[str]] = defaultdict(list)
        for event_id in event_ids:
            by_type[self.events[event_id].type].append(event_id)
        for type_ in sorted(by_type):
            self._merge_story_type(by_type[type_], last_report, fixed)

    def _days_fit(
        self, a: _EventState, day_a: Day | None, b: _EventState, day_b: Day | None
    ) -> bool:
        """Two events' stated days allow one happening: a day apart with the same mode, or
        several days of one mode both stated by one document (a multi-day happening)."""
        if day_a is None or day_b is None:
            return True
        same_mode = a.main_mode == b.main_mode
        gap = abs(day_a - day_b)
        if gap <= timedelta(days=1 if same_mode else 0):
            return True
        if not same_mode or gap > MULTI_DAY_SPAN:
            return False
        # one document states both days in claims of the events' own mode
        mode = a.main_mode
        stated_a = {
            m.claim.doc_id
            for m in a.members
            if m.claim.mode == mode and _day(m.claim.date) == day_a
        }
        return any(
            m.claim.doc_id in stated_a and m.claim.mode == mode and _day(m.claim.date) == day_b
            for m in b.members
        )

    def _merge_story_type(
        self, event_ids: list[str], last_report: Day | None, fixed: set[str]
    ) -> None:
        """Fold each of one type's events into the best-reported compatible later one; with
        more than MAX_CANDIDATES later events only the best-reported ones are tried."""
        order = sorted(event_ids, key=lambda e: (len(self.events[e].docs), e))
        strong: dict[str, Day | None] = {
            e: self._strong_day(self.events[e], last_report) for e in order
        }
        named: dict[str, set[str]] = {}  # core named participants, recomputed when one grows
        for position, event_id in enumerate(order):
            event = self.events.get(event_id)
            if event is None or event_id in fixed:
                continue
            # the later events are the better reported; past MAX_CANDIDATES only the best
            start = max(position + 1, len(order) - MAX_CANDIDATES)
            later = [e for e in order[start:] if e in self.events]
            best: tuple[int, str] | None = None
            for other_id in later:
                other = self.events[other_id]
                if strong[event_id] is not None and strong[other_id] is None:
                    continue  # a stated day never folds into a borrowed one (no chaining)
                if not self._sides_fit(event, other, named):
                    continue
                if not self._days_fit(event, strong[event_id], other, strong[other_id]):
                    continue
                rank = (len(other.docs), other_id)
                if best is None or rank > best:
                    best = rank
            if best is None:
                continue
            moved = self.events.pop(event_id)
            for ctx in moved.members:
                self._attach(ctx, best[1])
            strong[best[1]] = self._strong_day(self.events[best[1]], last_report)
            named.pop(best[1], None)

    def _best(
        self,
        ctx: ClaimContext,
        candidates: Iterable[str],
        *,
        use_time: bool,
        weigh_support: set[str] | None = None,
    ) -> str | None:
        best: tuple[float, int, str] | None = None
        view = self._view(ctx.claim)
        for event_id in sorted(candidates):
            event = self.events[event_id]
            s = self.score(ctx, event, use_time=use_time, view=view)
            if s is None:
                continue
            if weigh_support is not None:
                # with no date to go by, the happening the story reports most is the best bet
                s += SUPPORT_WEIGHT * math.log1p(len(event.docs & weigh_support))
            if best is None or (s, len(event.docs)) > best[:2]:
                best = (s, len(event.docs), event_id)
        return None if best is None else best[2]

    def _story_events(self, docs: Iterable[str], type_: str) -> list[str]:
        """Events of a type reported by the story's documents, the best-reported first, at most
        MAX_CANDIDATES."""
        found: set[str] = set()
        for doc_id in docs:
            found |= self._doc_events.get(doc_id, set())
        ids = [e for e in found if e in self.events and self.events[e].type == type_]
        ids.sort(key=lambda e: (-len(self.events[e].docs), e))
        return ids[:MAX_CANDIDATES]

    def story_days(self, ctx: ClaimContext, story_docs: Iterable[str]) -> list[str]:
        """The days (to the day) of the events of the claim's type and one of its parties that
        the story's documents report, the best-reported first."""
        names = self._expand(self.participants(ctx.claim))
        out: dict[str, None] = {}
        for event_id in self._story_events(story_docs, ctx.claim.type):
            event = self.events[event_id]
            if event.date and len(event.date) == 10 and names & event.expanded:
                out[event.date] = None
        return list(out)

    def add_in_story(self, ctx: ClaimContext, story_docs: Iterable[str]) -> str:
        """Place a claim that has no time of its own among the events of its story's documents.

        The story stands in for the missing date: it already groups reports of one occasion.
        """
        if ctx.claim.claim_id in self.claim_event:
            return self.claim_event[ctx.claim.claim_id]
        docs = set(story_docs)
        candidates = self._story_events(docs, ctx.claim.type)
        return self._place(ctx, candidates, use_time=False, weigh_support=docs)

    def add_in_stories(
        self, contexts: Iterable[ClaimContext], doc_story: Mapping[str, str]
    ) -> None:
        """Place claims with no time of their own, each among its story's events (see
        ``add_in_story``), all judged against the events as they stand before any joins, so
        the first placements do not snowball into the support later ones see. A claim no
        event fits starts one, which its story's later timeless claims may join."""
        members: dict[str, list[str]] = defaultdict(list)
        for doc_id, story_id in doc_story.items():
            members[story_id].append(doc_id)
        by_story: dict[str, list[ClaimContext]] = defaultdict(list)
        for ctx in contexts:
            if ctx.claim.claim_id not in self.claim_event:
                story = doc_story.get(ctx.claim.doc_id)
                by_story["s:" + story if story else "d:" + ctx.claim.doc_id].append(ctx)
        for key in sorted(by_story):
            docs = set(members[key[2:]]) if key.startswith("s:") else {key[2:]}
            pending = sorted(by_story[key], key=lambda c: c.claim.claim_id)
            nearby: dict[str, list[str]] = {}
            chosen: list[tuple[ClaimContext, str | None]] = []
            for ctx in pending:
                type_ = ctx.claim.type
                if type_ not in nearby:
                    nearby[type_] = self._story_events(docs, type_)
                chosen.append(
                    (ctx, self._best(ctx, nearby[type_], use_time=False, weigh_support=docs))
                )
            for ctx, event_id in chosen:
                if event_id is not None:
                    self._attach(ctx, event_id)
            for ctx, event_id in chosen:
                if event_id is None:
                    self.add_in_story(ctx, docs)

    # -- streaming -------------------------------------------------------------------------
    def last_activity(self, event_id: str) -> Day | None:
        """The latest day a later claim could still be matched to the event by: its (latest)
        date, its last report, and the stream's day when it last gained a claim."""
        event = self.events[event_id]
        days = [
            d
            for d in (_last_day(event.date), event.last_published, self._touched.get(event_id))
            if d is not None
        ]
        return max(days) if days else None

    def reports(self, doc_id: str) -> bool:
        """Whether a document has claims in an event still held."""
        return bool(self._doc_events.get(doc_id))

    def close_before(
        self,
        day: Day,
        *,
        open_docs: Container[str] = frozenset(),
        hold: Container[str] = frozenset(),
        redated: list[Claim] | None = None,
    ) -> list[Event]:
        """Build and forget the events whose last activity is before ``day``, except those
        reported by a document in ``open_docs`` (a story still open may yet fold or extend
        them) and those in ``hold``. Their claims, blocking keys and document links go too, so
        the index holds only what later claims can still join. With ``redated``, the closing
        events' claims that have no date of their own are added to it with the event's date
        (``date_rule`` ``event:<event id>``: the day is the event's, not the sentence's)."""
        closing = []
        for event_id, event in self.events.items():
            last = self.last_activity(event_id)
            if last is not None and last >= day:
                continue  # most held events are recent: the cheap test first
            if event_id in hold or any(d in open_docs for d in event.docs):
                continue
            closing.append(event_id)
        out = [build_event(self.events[event_id], self.info) for event_id in closing]
        if redated is not None:
            for built in out:
                if built.date:
                    redated.extend(
                        replace(
                            m.claim,
                            date=built.date,
                            date_precision=built.date_precision,
                            date_rule=EVENT_DATE_RULE + built.event_id,
                        )
                        for m in self.events[built.event_id].members
                        if not m.claim.date
                    )
        self._forget(closing)
        if len(self._country) > COUNTRY_MEMO:
            self._country.clear()
        return out

    def _forget(self, event_ids: Iterable[str]) -> None:
        """Remove events and every index entry naming them (and entries of events merged into
        them earlier, which share their members' keys). Each key and document is cleaned once
        per call, whatever number of closing events share it."""
        keys: set[tuple[str, str, int]] = set()
        docs: set[str] = set()
        for event_id in event_ids:
            state = self.events.pop(event_id)
            self._touched.pop(event_id, None)
            docs |= state.docs
            for m in state.members:
                claim = m.claim
                if self.claim_event.get(claim.claim_id) == event_id:
                    del self.claim_event[claim.claim_id]
                    self.doc_of_claim.pop(claim.claim_id, None)
                week = _week(_claim_day(m))
                names = self._expand(self.participants(claim))
                keys.update((claim.type, name, week) for name in names)
        for doc_id in docs:
            linked = self._doc_events.get(doc_id)
            if linked is not None:
                # the document's own links, not every held event: this runs once per event
                for stale in [e for e in linked if e not in self.events]:
                    linked.discard(stale)
                if not linked:
                    del self._doc_events[doc_id]
        for key in keys:
            posting = self._block.get(key)
            if posting is None:
                continue
            for stale in [e for e in posting if e not in self.events]:
                del posting[stale]
            if posting:
                continue
            del self._block[key]
            self._full.discard(key)
            type_, name, week = key
            weeks = self._name_weeks.get((type_, name))
            if weeks is not None:
                weeks.discard(week)
                if not weeks:
                    del self._name_weeks[(type_, name)]

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
