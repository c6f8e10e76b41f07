"""Streaming fusion: eviction from the event index, story closing, the chunk-by-chunk driver."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from watchfloor.fuse.events import ActorInfo, ClaimContext, EventIndex
from watchfloor.fuse.stories import DocumentProfile, StoryIndex, StoryParams, StoryStream
from watchfloor.fuse.stream import CollectingSink, FusionStream, schedule
from watchfloor.records import Claim, Stance, Status

COUNTRY = {"Person A": "Country X", "Person B": "Country Y", "Person C": "Country X"}
INFO = ActorInfo(
    country_of=COUNTRY.get,
    is_country=lambda n: n not in COUNTRY,
    is_media=lambda n: False,
)
START = date(2024, 1, 1)


def ctx(
    claim_id: str,
    doc: str,
    published: date | None,
    *,
    type_: str = "CONSULT",
    actors: tuple[str, ...] = ("Person A",),
    recipients: tuple[str, ...] = ("Country Y",),
    day: str | None = None,
) -> ClaimContext:
    claim = Claim(
        claim_id=claim_id,
        doc_id=doc,
        section=0,
        start=0,
        end=1,
        evidence="(test)",
        type=type_,
        mode=None,
        actors=actors,
        recipients=recipients,
        asserted_by=(),
        stance=Stance.REPORTS,
        status=Status.ASSERTED,
        date=day,
    )
    stamp = datetime.combine(published, datetime.min.time(), UTC) if published else None
    return ClaimContext(claim, stamp, None, None, False)


def profile(doc: str, published: date | None, features: tuple[str, ...]) -> DocumentProfile:
    stamp = datetime.combine(published, datetime.min.time(), UTC) if published else None
    return DocumentProfile(
        doc_id=doc,
        published=published,
        features=tuple((f, 2.0) for f in ("e:Country X", "e:Country Y", *features)),
        titles=(("en", doc),),
        languages=("en",),
        published_at=stamp,
    )


def occasion(
    n: int, day: date, person: str, *, undated: int = 0
) -> tuple[list[ClaimContext], list[DocumentProfile]]:
    """``n`` reports of one meeting of ``person``; the last ``undated`` have no date, and their
    claims no time either."""
    tag = f"{person[-1]}{day.isoformat()}"
    contexts, profiles = [], []
    for i in range(n):
        doc = f"{tag}-{i}"
        published = None if i >= n - undated else day + timedelta(days=i % 3)
        contexts.append(ctx(f"{doc}-c", doc, published, actors=(person,)))
        profiles.append(profile(doc, published, ("e:" + person, f"e:Place {tag}")))
    return contexts, profiles


def test_stream_close_before_forgets_every_trace_of_an_event() -> None:
    index = EventIndex(INFO)
    index.clock = START
    index.add_all([ctx(f"c{i}", f"d{i}", START) for i in range(3)])
    assert len(index.events) == 1
    assert index.close_before(START) == []  # still active on the day itself
    closed = index.close_before(START + timedelta(days=1))
    assert [len(e.claim_ids) for e in closed] == [3]
    assert not index.events and not index.claim_event and not index.doc_of_claim
    assert not index._block and not index._full and not index._name_weeks
    assert not index._doc_events and not index._touched
    assert not index.reports("d0")


@pytest.mark.parametrize(
    ("held_by", "closes"),
    [("open_docs", False), ("hold", False), (None, True)],
)
def test_stream_close_before_spares_events_still_needed(held_by: str | None, closes: bool) -> None:
    index = EventIndex(INFO)
    index.add_all([ctx("c1", "d1", START)])
    event_id = index.claim_event["c1"]
    kwargs = {"open_docs": {"d1"}} if held_by == "open_docs" else {}
    if held_by == "hold":
        kwargs = {"hold": {event_id}}
    closed = index.close_before(START + timedelta(days=5), **kwargs)
    assert bool(closed) is closes
    assert (event_id in index.events) is not closes


def test_stream_last_activity_is_the_latest_of_date_report_and_join() -> None:
    index = EventIndex(INFO)
    index.clock = START + timedelta(days=40)  # the stream has moved on since the report
    index.add_all([ctx("c1", "d1", START, day="2024-02")])  # a month: its last day counts
    event_id = index.claim_event["c1"]
    assert index.last_activity(event_id) == date(2024, 2, 29)
    index.clock = START + timedelta(days=90)
    index.add_all([ctx("c2", "d2", START, day="2024-02")])
    assert index.claim_event["c2"] == event_id
    assert index.last_activity(event_id) == START + timedelta(days=90)


def test_stream_closed_event_is_never_joined_again() -> None:
    index = EventIndex(INFO)
    index.add_all([ctx("c1", "d1", START, day=START.isoformat())])
    first = index.claim_event["c1"]
    index.close_before(START + timedelta(days=30))
    # a later report restating the day can no longer join it: it starts its own event
    index.add_all([ctx("c2", "d2", START + timedelta(days=40), day=START.isoformat())])
    assert index.claim_event["c2"] != first


def test_stream_story_stream_closes_stories_past_the_span_and_forgets_them() -> None:
    params = StoryParams(max_span_days=30)
    stream = StoryStream(params)
    a = occasion(4, START, "Person A")[1]
    b = occasion(4, START + timedelta(days=60), "Person B")[1]
    stream.add(a)
    assert stream.close_before(START + timedelta(days=20)) == []
    stream.add(b)  # the stream closes only when asked
    closed = stream.close_before(START + timedelta(days=60))
    assert [sorted(s.doc_ids) for s in closed] == [sorted(p.doc_id for p in a)]
    assert stream.open_count == 1 and set(stream.assign()) == {p.doc_id for p in b}
    rest = stream.close_before(date.max)
    assert [sorted(s.doc_ids) for s in rest] == [sorted(p.doc_id for p in b)]
    assert stream.open_count == 0 and not stream.doc_story


def test_stream_story_stream_matches_batch_clustering() -> None:
    docs = []
    for k, person in enumerate(("Person A", "Person B", "Person C")):
        docs += occasion(5, START + timedelta(days=45 * k), person, undated=1)[1]
    batch = StoryIndex(StoryParams())
    batch.add_all(docs)
    sink = CollectingSink()
    stream = FusionStream(INFO, StoryParams(), sink)
    for chunk in schedule(docs):
        stream.feed([], chunk)
    stream.finish()
    assert {frozenset(s.doc_ids) for s in sink.stories} == {
        frozenset(s.doc_ids) for s in batch.to_stories()
    }


def run_stream(
    chunks: list[tuple[list[ClaimContext], list[DocumentProfile]]], **kwargs: object
) -> tuple[CollectingSink, FusionStream]:
    sink = CollectingSink()
    stream = FusionStream(INFO, StoryParams(), sink, **kwargs)  # type: ignore[arg-type]
    for contexts, profiles in chunks:
        stream.feed(contexts, profiles)
    stream.finish()
    return sink, stream


def test_stream_places_timeless_claims_in_their_story_and_names_stories() -> None:
    contexts, profiles = occasion(5, START, "Person A", undated=2)
    later = occasion(5, START + timedelta(days=90), "Person B")
    sink, stream = run_stream([(contexts, profiles), later])
    assert not stream.index.events and stream.stories.open_count == 0
    by_claim = {c: e for e in sink.events for c in e.claim_ids}
    # the undated reports' timeless claims joined the meeting their story reports
    assert len({by_claim[c.claim.claim_id] for c in contexts}) == 1
    story_of = {d: s.story_id for s in sink.stories for d in s.doc_ids}
    event = next(e for e in sink.events if contexts[0].claim.claim_id in e.claim_ids)
    assert event.story_id == story_of[profiles[0].doc_id]
    assert sorted(c for e in sink.events for c in e.claim_ids) == sorted(
        c.claim.claim_id for c in (*contexts, *later[0])
    )


def _undated(ctx_: ClaimContext, evidence: str, claim_id: str | None = None) -> ClaimContext:
    claim = replace(ctx_.claim, evidence=evidence, claim_id=claim_id or ctx_.claim.claim_id)
    return replace(ctx_, claim=claim, lang="en")


def test_stream_dates_undated_pages_by_the_days_their_story_was_reported() -> None:
    # meetings of the same people on 2 and 10 January, the first better reported; the undated
    # page, clustered with the first, names its day, so it joins the second meeting
    contexts, profiles = [], []
    for k, (day, n) in enumerate(((date(2024, 1, 2), 5), (date(2024, 1, 10), 2))):
        for i in range(n):
            doc = f"d{k}{i}"
            published = day + timedelta(days=i % 2)
            contexts.append(ctx(f"{doc}-c", doc, published, day=day.isoformat()))
            profiles.append(profile(doc, published, ("e:Person A", "e:Place P")))
    page = ctx("page-c", "page", None)
    profiles.append(profile("page", None, ("e:Person A", "e:Place P")))
    named_day = _undated(page, "They met again on January 10, the ministry said.")
    weekday = _undated(page, "They met on Friday.", claim_id="weekday-c")
    derived = _undated(page, "They met on January 10.", claim_id="x~accuse")
    sink, _ = run_stream([([*contexts, named_day, weekday, derived], profiles)])
    redated = {c.claim_id: c for c in sink.claims}
    assert set(redated) == {"page-c", "weekday-c"}  # the derived claim keeps no date
    assert (redated["page-c"].date, redated["page-c"].date_rule) == (
        "2024-01-10",
        "story:en.month_day",
    )
    event_of = {c: e.event_id for e in sink.events for c in e.claim_ids}
    assert event_of["page-c"] == event_of["d10-c"] != event_of["d00-c"]
    assert event_of["weekday-c"] == event_of["d00-c"]  # placed by its story alone, as before
    # a weekday alone dates nothing: the claim takes the date of the event it was placed in
    assert (redated["weekday-c"].date, redated["weekday-c"].date_rule) == (
        "2024-01-02",
        "event:" + event_of["d00-c"],
    )


@pytest.mark.parametrize(("month_named", "expected"), [(True, "2024-04-30"), (False, "2024-03-30")])
def test_stream_reads_a_day_of_the_month_as_the_day_of_the_storys_event(
    month_named: bool, expected: str
) -> None:
    """A story reported on 29 and 30 March; an undated page of it says the panel will stop
    on "the 30th". Another undated page of the story dates the panel's end to April 30, so
    the 30th is that day; without it, the reports' days read it as 30 March."""
    contexts, profiles = [], []
    for i in range(4):
        doc, published = f"d{i}", date(2024, 3, 29) + timedelta(days=i % 2)
        contexts.append(ctx(f"{doc}-c", doc, published, type_="REJECT", day="2024-03-28"))
        profiles.append(profile(doc, published, ("e:Person A", "e:Place P")))
    pages = []
    for page, text in (
        ("late", "The panel's mandate ended on April 30."),
        ("soon", "The panel will stop its work on the 30th."),
    ):
        if page == "late" and not month_named:
            continue
        claim = ctx(f"{page}-c", page, None, type_="RETREAT", actors=("Panel P",), recipients=())
        pages.append(_undated(claim, text))
        profiles.append(profile(page, None, ("e:Person A", "e:Place P")))
    sink, _ = run_stream([([*contexts, *pages], profiles)])
    redated = {c.claim_id: c for c in sink.claims}
    assert (redated["soon-c"].date, redated["soon-c"].date_rule) == (
        expected,
        "story:en.day_of_month",
    )
    if month_named:
        event_of = {c: e.event_id for e in sink.events for c in e.claim_ids}
        assert event_of["soon-c"] == event_of["late-c"]


def test_stream_restored_run_keeps_event_and_story_ids() -> None:
    first = occasion(5, START, "Person A")
    sink, _ = run_stream([first])
    claim_event = {c: e.event_id for e in sink.events for c in e.claim_ids}
    doc_story = {d: s.story_id for s in sink.stories for d in s.doc_ids}
    more = occasion(3, START + timedelta(days=1), "Person A")
    again = CollectingSink()
    stream = FusionStream(INFO, StoryParams(), again, previous_stories=doc_story, horizon_days=0)
    stream.restore(first[0], claim_event)
    stream.feed([*first[0], *more[0]], [*first[1], *more[1]])
    stream.finish()
    ids = [e.event_id for e in again.events]
    assert len(ids) == len(set(ids))  # no event comes out twice
    after = {c: e.event_id for e in again.events for c in e.claim_ids}
    assert all(after[c] == e for c, e in claim_event.items())
    stories = {d: s.story_id for s in again.stories for d in s.doc_ids}
    assert all(stories[d] == s for d, s in doc_story.items())


@pytest.mark.parametrize("horizon", [30, 90])
def test_stream_memory_is_bounded_at_a_steady_intake(horizon: int) -> None:
    """Twelve months of one meeting a week: what the stream holds stops growing."""
    held: list[tuple[int, int, int]] = []
    sink = CollectingSink()
    stream = FusionStream(INFO, StoryParams(), sink, horizon_days=horizon)
    people = [f"Person {i}" for i in range(60)]
    for month in range(12):
        contexts, profiles = [], []
        for week in range(4):
            day = START + timedelta(days=30 * month + 7 * week)
            c, p = occasion(3, day, people[(4 * month + week) % len(people)])
            contexts += c
            profiles += p
        stream.feed(contexts, profiles)
        index = stream.index
        held.append((len(index.events), len(index._block), len(stream.stories.assign())))
    stream.finish()
    claims = Counter(c for e in sink.events for c in e.claim_ids)
    assert len(claims) == 12 * 4 * 3 and set(claims.values()) == {1}  # each claim once
    middle, last = held[5], held[-1]
    assert all(b <= max(m, 1) * 1.5 for m, b in zip(middle, last, strict=True))


@pytest.mark.parametrize("seed", [9, 14, 15, 17])
def test_stream_one_long_chunk_clusters_stories_as_batch(seed: int) -> None:
    """A stored record fed as one chunk is clustered in the month-long pieces batch clustering
    uses, so the stream's stories are the batch's."""
    rng = random.Random(seed)
    docs = []
    for _ in range(12):
        # occasions of the same few people over four months: pieces decide what may merge
        day = START + timedelta(days=rng.randint(0, 120))
        person = rng.choice(["Person A", "Person B", "Person C"])
        docs += occasion(rng.randint(3, 7), day, person, undated=rng.randint(0, 2))[1]
    batch = StoryIndex(StoryParams())
    batch.add_all(docs)
    df: Counter[str] = Counter()
    for doc in docs:
        df.update({f for f, c in doc.features if c > 0})
    sink = CollectingSink()
    stream = FusionStream(INFO, StoryParams(), sink, known_df=(df, len(docs)))
    for chunk in schedule(docs, chunk_days=3650):
        stream.feed([], chunk)
    stream.finish()
    assert {frozenset(s.doc_ids) for s in sink.stories} == {
        frozenset(s.doc_ids) for s in batch.to_stories()
    }


def test_stream_restored_event_without_a_day_comes_out_once() -> None:
    """An earlier run's event left with claims that have no time is held to the end, so the
    re-fed claim that named it joins it instead of recreating its id."""
    contexts, profiles = occasion(4, START, "Person A", undated=1)
    sink, _ = run_stream([(contexts, profiles)])
    claim_event = {c: e.event_id for e in sink.events for c in e.claim_ids}
    doc_story = {d: s.story_id for s in sink.stories for d in s.doc_ids}
    # the earlier run kept only the timeless claim's assignment
    timeless = contexts[-1]
    kept = {timeless.claim.claim_id: claim_event[timeless.claim.claim_id]}
    again = CollectingSink()
    stream = FusionStream(INFO, StoryParams(), again, previous_stories=doc_story, horizon_days=0)
    stream.restore([timeless], kept)
    later = occasion(3, START + timedelta(days=200), "Person B")
    stream.feed(contexts, profiles)
    stream.feed(*later)
    stream.finish()
    ids = [e.event_id for e in again.events]
    assert len(ids) == len(set(ids))
    after = {c: e.event_id for e in again.events for c in e.claim_ids}
    assert after[timeless.claim.claim_id] == kept[timeless.claim.claim_id]


def test_stream_claims_without_a_date_take_their_events() -> None:
    """A report that names no day (dated page or not) is dated by the event it joined, with an
    ``event:`` rule; a claim with a day of its own keeps it, and a derived accusation is dated
    by its report, never by the act."""
    day = date(2024, 1, 2)
    contexts = [ctx(f"d{i}-c", f"d{i}", day, day=day.isoformat()) for i in range(3)]
    profiles = [profile(f"d{i}", day, ("e:Person A",)) for i in range(3)]
    contexts.append(ctx("late-c", "late", day + timedelta(days=1)))  # dated page, no day
    profiles.append(profile("late", day + timedelta(days=1), ("e:Person A",)))
    sink, _ = run_stream([(contexts, profiles)])
    (event,) = sink.events
    assert "late-c" in event.claim_ids
    redated = {c.claim_id: c for c in sink.claims}
    assert set(redated) == {"late-c"}
    assert (redated["late-c"].date, redated["late-c"].date_rule) == (
        "2024-01-02",
        "event:" + event.event_id,
    )
