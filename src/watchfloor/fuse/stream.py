"""Streaming fusion: documents in publication order, one time chunk at a time.

Each chunk runs the fusion steps in the stage's order: its anchored claims join events, its
documents (with the events their claims joined) join stories. A story closes once no later
document can join it (its first report is more than the span limit behind the stream); then its
loosely dated events are folded, the claims of its undated pages that name a calendar day are
dated by the days the story was reported (``_date_by_story``) and matched like any dated claim,
its claims with still no time are placed among its events, and it is folded again. An event
closes once its last activity (stated date, last report, last join) is ``horizon_days`` behind
the stream and no open story reports it; its claims that name no day of their own then take
its date (``date_rule`` ``event:<event id>``). Closed stories and events go to a sink and are
forgotten, so memory is bounded by the intake of the horizon, not by the whole record.

The horizon is long (a year) because later reports restate the day of an earlier happening
("the treaty signed on 19 June"), and such a claim can only join an event still held; at a
fixed intake it costs memory in proportion to a year of documents, whatever the record's length.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol

from watchfloor.claims.timex import DAY_OF_MONTH_RULE, TimeExpression, resolve_by_reports
from watchfloor.fuse.accusations import is_derived
from watchfloor.fuse.events import STORY_DATE_RULE, ActorInfo, ClaimContext, EventIndex
from watchfloor.fuse.stories import (
    DF_DAYS,
    DocumentProfile,
    StoryParams,
    StoryStream,
    _chunk_starts,
    _chunks,
    _date_key,
    _place_undated,
)
from watchfloor.records import Claim, Event, Story

# days an event is held after its last activity (see the module docstring)
HORIZON_DAYS = 365


class FusionSink(Protocol):
    """Where closed events and stories go (the stage collects them for the store)."""

    def put_events(self, events: list[Event]) -> None: ...

    def put_stories(self, stories: list[Story]) -> None: ...

    def put_claims(self, claims: list[Claim]) -> None:
        """Claims fusion gave a date (``FusionStream._date_by_story``, and as their events
        close, ``EventIndex.close_before``)."""
        ...


@dataclass
class CollectingSink:
    """A sink that keeps everything: for the stage (which writes it at once) and tests."""

    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def put_claims(self, claims: list[Claim]) -> None:
        self.claims.extend(claims)

    def put_events(self, events: list[Event]) -> None:
        self.events.extend(events)

    def put_stories(self, stories: list[Story]) -> None:
        self.stories.extend(stories)


class FusionStream:
    """Events and stories of documents fed in publication order (see the module docstring)."""

    def __init__(
        self,
        info: ActorInfo,
        params: StoryParams | None = None,
        sink: FusionSink | None = None,
        *,
        horizon_days: int = HORIZON_DAYS,
        previous_stories: Mapping[str, str] | None = None,
        df_days: int = DF_DAYS,
        known_df: tuple[Mapping[str, int], int] | None = None,
    ) -> None:
        self.index = EventIndex(info)
        self.stories = StoryStream(params, previous_stories, df_days, known_df)
        self.sink: FusionSink = sink if sink is not None else CollectingSink()
        self.horizon = timedelta(days=horizon_days)
        # events of an earlier run: they absorb, never move, and are held to the end
        self._keep: set[str] = set()
        self._restored: dict[str, str] = {}  # claim -> event of an earlier run
        self._timeless: dict[str, list[ClaimContext]] = defaultdict(list)  # by document
        # document -> story of closed stories, while an open event still names the document
        self._closed_story: dict[str, str] = {}
        self._published: dict[str, date] = {}  # document -> publication day, until it closes

    def restore(self, contexts: Iterable[ClaimContext], assignment: Mapping[str, str]) -> None:
        """Put an earlier run's claims back into their events before the stream starts."""
        contexts = list(contexts)
        self.index.restore(contexts, assignment)
        self._keep |= set(self.index.events)
        # never matched again, even once their event has closed
        self._restored.update(
            (c.claim.claim_id, e)
            for c in contexts
            if (e := self.index.claim_event.get(c.claim.claim_id))
        )

    def feed(
        self,
        contexts: Sequence[ClaimContext],
        profiles: Sequence[DocumentProfile],
        extra: Sequence[ClaimContext] = (),
    ) -> None:
        """One chunk: the claims and profiles of documents published on consecutive days (and
        undated ones arriving with them). ``extra`` claims join events but are no story
        feature (claims fusion derives from others)."""
        days = [p.published for p in profiles if p.published is not None]
        # report days of documents in open stories: undated pages are read against them
        self._published.update((p.doc_id, p.published) for p in profiles if p.published)
        if days:
            self._close(min(days))
            self.index.clock = max(days)
        fresh = [
            c
            for c in (*contexts, *extra)
            if c.claim.claim_id not in self.index.claim_event
            and c.claim.claim_id not in self._restored
        ]
        self.index.add_all([c for c in fresh if c.anchored])
        for ctx in fresh:
            if not ctx.anchored:
                self._timeless[ctx.claim.doc_id].append(ctx)
        # a document's events are story features
        found: dict[str, Counter[str]] = defaultdict(Counter)
        for ctx in contexts:
            claim_id = ctx.claim.claim_id
            event_id = self.index.claim_event.get(claim_id) or self._restored.get(claim_id)
            if event_id is not None:
                found[ctx.claim.doc_id]["ev:" + event_id] += 1
        self.stories.add([_with_events(p, found.get(p.doc_id)) for p in profiles])

    def finish(self) -> None:
        """Close every story and event."""
        self._close(None)

    def _close(self, day: date | None) -> None:
        """Close the stories no document from ``day`` on can join (all with None), fold and
        complete their events, then close the events past the horizon."""
        closing = self.stories.close_before(day or date.max)
        open_story = self.stories.assign()
        if closing:
            closed = {d: s.story_id for s in closing for d in s.doc_ids}
            doc_story = {**self._closed_story, **open_story, **closed}
            ids = {s.story_id for s in closing}
            timeless = [c for d in closed for c in self._timeless.pop(d, ())]
            dated, timeless = self._date_by_story(timeless, closing)
            self.index.merge_within_stories(doc_story, keep=self._keep, only=ids)
            self.index.add_all(dated)
            self.index.add_in_stories(timeless, closed)
            self.index.merge_within_stories(doc_story, keep=self._keep, only=ids)
            self.sink.put_stories(closing)
            self._closed_story.update((d, s) for d, s in closed.items() if self.index.reports(d))
        # claims with no date of their own take their event's as it closes (``close_before``)
        redated: list[Claim] = []
        if day is None:
            # claims of documents no story holds: placed among their own document's events
            rest = [c for claims in self._timeless.values() for c in claims]
            self._timeless.clear()
            self.index.add_in_stories(rest, {})
            events = self.index.close_before(date.max, redated=redated)
        else:
            # an earlier run's events stay to the end: one may have no day to close by (claims
            # with no time), and a claim of its re-fed document would recreate its id
            events = self.index.close_before(
                day - self.horizon, open_docs=open_story, hold=self._keep, redated=redated
            )
        if events:
            self.sink.put_events([self._with_story(e) for e in events])
        # a derived accusation is dated by its report, never by the act it rests on
        redated = [c for c in redated if not is_derived(c.claim_id)]
        if redated:
            self.sink.put_claims(redated)
        for doc_id in [d for d in self._closed_story if not self.index.reports(d)]:
            del self._closed_story[doc_id]

    def _report_days(self, closing: Sequence[Story]) -> dict[str, list[date]]:
        """Each closing story's document -> the publication days of the story's dated
        documents; those documents' days are forgotten, their story being closed."""
        story_days: dict[str, list[date]] = {}
        for story in closing:
            days = [day for d in story.doc_ids if (day := self._published.pop(d, None))]
            story_days.update((d, days) for d in story.doc_ids)
        return story_days

    def _date_by_story(
        self, timeless: Sequence[ClaimContext], closing: Sequence[Story]
    ) -> tuple[list[ClaimContext], list[ClaimContext]]:
        """Claims of undated pages whose sentence names a day or month ("23日", "April 30")
        read against the days their story was reported (``resolve_by_reports``); the others
        stay timeless. A re-dated claim goes to the sink, with a ``story:`` date rule.

        A day of the month alone ("30日で活動を停止する") is read first as the day of an
        event of the same act and party the story reports, in whichever month that fell (by
        its dated pages, or by the story's other undated pages that name the month); the count
        of reports around each reading only guesses the month."""
        story_days = self._report_days(closing)
        story_of = {d: s for s in closing for d in s.doc_ids}
        read: list[tuple[ClaimContext, TimeExpression]] = []
        rest: list[ClaimContext] = []
        for ctx in timeless:
            claim = ctx.claim
            expr = None
            days = story_days.get(claim.doc_id)
            # a derived accusation is dated by its report, not by the act its sentence dates
            if ctx.lang and days and not is_derived(claim.claim_id):
                expr = resolve_by_reports(claim.evidence, ctx.lang, days)
            if expr is None:
                rest.append(ctx)
            else:
                read.append((ctx, expr))
        # the days the stories' undated pages date acts to in full: (story, type, party) -> days
        stated: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for c, e in read:
            if not e.rule.endswith(DAY_OF_MONTH_RULE) and e.precision == "day":
                story_id = story_of[c.claim.doc_id].story_id
                for name in self.index.participants(c.claim):
                    stated[(story_id, c.claim.type, name)].add(e.date)
        dated: list[ClaimContext] = []
        for ctx, expr in read:
            when = expr.date
            if expr.rule.endswith(DAY_OF_MONTH_RULE):
                story = story_of[ctx.claim.doc_id]
                keys = [
                    (story.story_id, ctx.claim.type, name)
                    for name in self.index.participants(ctx.claim)
                ]
                found = [
                    *self.index.story_days(ctx, story.doc_ids),
                    *sorted(set().union(*(stated.get(k, set()) for k in keys))),
                ]
                same_day = [d for d in found if d[8:10] == when[8:10]]
                when = same_day[0] if same_day else when
            redated = replace(
                ctx.claim,
                date=when,
                date_precision=expr.precision,
                date_rule=STORY_DATE_RULE + expr.rule,
            )
            dated.append(replace(ctx, claim=redated))
        if dated:
            self.sink.put_claims([c.claim for c in dated])
        return dated, rest

    def _with_story(self, event: Event) -> Event:
        """The event with the story most of its documents belong to."""
        votes = Counter(s for d in event.doc_ids if (s := self._closed_story.get(d)) is not None)
        best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        return replace(event, story_id=best[0][0] if best else None)


def _with_events(profile: DocumentProfile, events: Counter[str] | None) -> DocumentProfile:
    if not events:
        return profile
    merged = Counter(dict(profile.features))
    merged.update(events)
    return replace(profile, features=tuple(sorted(merged.items())))


def schedule(
    profiles: Sequence[DocumentProfile],
    params: StoryParams | None = None,
    previous: Mapping[str, str] | None = None,
    chunk_days: int | None = None,
) -> list[list[DocumentProfile]]:
    """Chunks of a stored record's documents for the stream: dated ones in publication order,
    ``chunk_days`` (default the story parameters') at a time; an undated one with the chunk of
    its earlier run's story, else of its most similar dated document; one with neither comes in
    a last chunk of its own."""
    p = params or StoryParams()
    if chunk_days is not None:
        p = replace(p, chunk_days=chunk_days)
    earlier = previous or {}
    dated = sorted((d for d in profiles if d.published is not None), key=_date_key)
    undated = [d for d in profiles if d.published is None]
    starts = _chunk_starts(dated, p.chunk_days)
    keyed = list(_chunks(dated, starts))
    chunks = [chunk for _, chunk in keyed]
    story_chunk: dict[str, int] = {}
    for k, chunk in enumerate(chunks):
        for doc in chunk:
            story = earlier.get(doc.doc_id)
            if story is not None:
                story_chunk.setdefault(story, k)
    df: Counter[str] = Counter()
    for doc in profiles:
        df.update({f for f, c in doc.features if c > 0})
    rest: list[DocumentProfile] = []
    for doc in undated:
        home = story_chunk.get(earlier.get(doc.doc_id, ""))
        if home is None:
            rest.append(doc)
        else:
            chunks[home].append(doc)
    # _place_undated names chunks by their number among the starts (some may hold nothing)
    placed, left = _place_undated(dated, rest, df, len(profiles), p, starts, [])
    for position, (key, _) in enumerate(keyed):
        chunks[position].extend(placed.pop(key, ()))
    if left:
        chunks.append(left)
    return chunks
