"""Event coreference: claims from many documents and languages about one happening -> one Event.

Incremental: an ``EventIndex`` holds the events built so far; each new claim joins the most
compatible event or starts a new one, so event ids stay stable as documents arrive. Candidates
are blocked by (type, participant), so adding a claim costs about the same however many events
exist. Compatibility needs the same type, compatible participants (pooled for symmetric types),
compatible dates and places.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from watchfloor.records import Claim, Event, Status, TrailEntry

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# how long after an event a report without its own date may still be about it
REPORT_LAG = timedelta(days=10)

CountryOf = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim with what fusion needs to know about its document."""

    claim: Claim
    published: datetime | None
    site: str | None
    origin_id: str | None  # copy group; None means the document is its own origin
    excluded: bool  # machine-translated or content farm: never corroboration


def _day(text: str | None) -> date | None:
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Days within one day; a month or year contains the other date."""
    if not a or not b:
        return True
    da, db = _day(a), _day(b)
    if da is not None and db is not None:
        return abs(da - db) <= timedelta(days=1)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short)


@dataclass
class _EventState:
    event_id: str
    type: str
    members: list[ClaimContext] = field(default_factory=list)
    participants: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)

    @property
    def date(self) -> str | None:
        for size in (10, 7, 4):
            found = [(n, d) for d, n in self.dates.items() if len(d) == size]
            if found:
                return max(found)[1]
        return None

    @property
    def anchor(self) -> date | None:
        """The day reports of this event cluster around: its date, else its first report."""
        day = _day(self.date)
        if day is not None:
            return day
        published = [m.published.date() for m in self.members if m.published is not None]
        return min(published) if published else None


class EventIndex:
    """Events built so far, with a blocking index for new claims."""

    def __init__(self, country_of: CountryOf | None = None) -> None:
        self.country_of: CountryOf = country_of or (lambda name: None)
        self.events: dict[str, _EventState] = {}
        self.claim_event: dict[str, str] = {}
        self.doc_of_claim: dict[str, str] = {}
        self._block: dict[tuple[str, str], set[str]] = defaultdict(set)

    # -- matching ----------------------------------------------------------------------------
    def _expand(self, names: Iterable[str]) -> set[str]:
        out = set(names)
        for name in list(out):
            country = self.country_of(name)
            if country:
                out.add(country)
        return out

    def _people(self, names: Iterable[str]) -> set[str]:
        """Names more specific than a country (persons, organisations)."""
        return {n for n in names if self.country_of(n) is not None}

    def _participants(self, claim: Claim) -> set[str]:
        return set(claim.actors) | set(claim.recipients)

    def score(self, ctx: ContextLike, event: _EventState) -> float | None:
        """How well a claim fits an event; None when incompatible."""
        claim = ctx.claim
        if claim.type != event.type:
            return None
        mine = self._participants(claim)
        theirs = set(event.participants)
        if not mine or not theirs:
            return None
        mine_x, theirs_x = self._expand(mine), self._expand(theirs)
        overlap = mine_x & theirs_x
        if not overlap:
            return None
        if claim.type not in SYMMETRIC_TYPES:
            actors = self._expand(claim.actors)
            event_actors = self._expand(
                n for m in event.members for n in m.claim.actors
            )
            if actors and event_actors and not actors & event_actors:
                return None
        # two reports naming different people on each side are about different meetings
        extra_mine = self._people(mine) - self._people(theirs)
        extra_theirs = self._people(theirs) - self._people(mine)
        if extra_mine and extra_theirs:
            return None
        if claim.date:
            if not dates_compatible(claim.date, event.date):
                return None
        else:
            anchor = event.anchor
            if anchor is not None and ctx.published is not None:
                lag = ctx.published.date() - anchor
                if not timedelta(days=-1) <= lag <= REPORT_LAG:
                    return None
            elif anchor is not None or ctx.published is not None:
                return None
        places = {m.claim.place for m in event.members if m.claim.place}
        if claim.place and places and claim.place not in places:
            return None
        jaccard = len(overlap) / len(mine_x | theirs_x)
        exact_day = bool(claim.date) and claim.date == event.date
        return jaccard + (0.5 if exact_day else 0.0)

    # -- building ----------------------------------------------------------------------------
    def _attach(self, ctx: ClaimContext, event_id: str) -> None:
        claim = ctx.claim
        state = self.events.setdefault(event_id, _EventState(event_id=event_id, type=claim.type))
        state.members.append(ctx)
        state.participants.update(self._participants(claim))
        if claim.date:
            state.dates[claim.date] += 1
        for name in self._expand(self._participants(claim)):
            self._block[(claim.type, name)].add(event_id)
        self.claim_event[claim.claim_id] = event_id
        self.doc_of_claim[claim.claim_id] = claim.doc_id

    def restore(self, contexts: Iterable[ClaimContext], assignment: dict[str, str]) -> None:
        """Put claims back into the events an earlier run gave them, without re-matching."""
        for ctx in contexts:
            event_id = assignment.get(ctx.claim.claim_id)
            if event_id is None:
                continue
            if event_id in self.events and self.events[event_id].type != ctx.claim.type:
                continue  # the claim changed type since: it will be matched afresh
            self._attach(ctx, event_id)

    def add(self, ctx: ClaimContext) -> str:
        """Attach a claim to its best event (or a new one); returns the event id."""
        claim = ctx.claim
        if claim.claim_id in self.claim_event:
            return self.claim_event[claim.claim_id]
        candidates: set[str] = set()
        for name in self._expand(self._participants(claim)):
            candidates |= self._block.get((claim.type, name), set())
        best: tuple[float, str] | None = None
        for event_id in sorted(candidates):
            s = self.score(ctx, self.events[event_id])
            if s is not None and (best is None or s > best[0]):
                best = (s, event_id)
        event_id = (
            best[1]
            if best is not None
            else "ev-" + hashlib.sha256(claim.claim_id.encode()).hexdigest()[:12]
        )
        self._attach(ctx, event_id)
        return event_id

    def add_all(self, contexts: Iterable[ClaimContext]) -> None:
        # dated, precise claims first: they anchor events that vaguer reports then join
        ordered = sorted(
            contexts,
            key=lambda c: (
                -len(c.claim.date or ""),
                c.published.isoformat() if c.published else "9999",
                c.claim.claim_id,
            ),
        )
        for ctx in ordered:
            self.add(ctx)

    # -- output ----------------------------------------------------------------------------
    def to_events(self) -> list[Event]:
        return [build_event(state) for state in self.events.values()]

    def state_json(self) -> str:
        """The claim -> event assignment, enough to rebuild the index from stored claims."""
        return json.dumps(self.claim_event, sort_keys=True)


ContextLike = ClaimContext


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


def build_event(state: _EventState) -> Event:
    members = state.members
    actor_count: Counter[str] = Counter()
    recipient_count: Counter[str] = Counter()
    modes: Counter[str] = Counter()
    places: Counter[str] = Counter()
    asserters: Counter[str] = Counter()
    for m in members:
        actor_count.update(m.claim.actors)
        recipient_count.update(m.claim.recipients)
        if m.claim.mode:
            modes[m.claim.mode] += 1
        if m.claim.place:
            places[m.claim.place] += 1
        asserters.update(m.claim.asserted_by)
    actors = [n for n, _ in actor_count.most_common() if actor_count[n] >= recipient_count[n]]
    recipients = [n for n, _ in recipient_count.most_common() if n not in actors]
    date_value = state.date
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date_value or ""), None)
    day_claims = [m.claim for m in members if m.claim.date == date_value and m.claim.date_precision]
    if day_claims:
        precision = Counter(c.date_precision for c in day_claims).most_common(1)[0][0]
    origins = {m.origin_id or m.claim.doc_id for m in members}
    independent = {m.origin_id or m.claim.doc_id for m in members if not m.excluded}
    published = [m.published for m in members if m.published is not None]
    ordered = sorted(members, key=lambda m: (m.published.isoformat() if m.published else "9999", m.claim.claim_id))
    return Event(
        event_id=state.event_id,
        type=state.type,
        mode=modes.most_common(1)[0][0] if modes else None,
        actors=tuple(actors),
        recipients=tuple(recipients),
        date=date_value,
        date_precision=precision,
        place=places.most_common(1)[0][0] if places else None,
        status=derive_status(m.claim.status for m in members),
        claim_ids=tuple(m.claim.claim_id for m in ordered),
        doc_ids=tuple(dict.fromkeys(m.claim.doc_id for m in ordered)),
        first_reported=min(published) if published else None,
        origins=len(origins),
        corroboration=len(independent),
        asserted_by=tuple(n for n, _ in asserters.most_common()),
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
