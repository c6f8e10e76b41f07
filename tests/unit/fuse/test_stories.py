"""Story clustering on hand-made document profiles (features as the fusion stage builds them)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from watchfloor.fuse.stories import (
    DocumentProfile,
    StoryIndex,
    StoryParams,
    _chunk_starts,
    _vector,
)
from watchfloor.language.numbers import ordinals_in

COMMON = ("e:Russia", "e:North Korea", "e:Pyongyang")
VISIT_2023 = ("e:Alexander Kozlov", "e:Oleg Matytsin", "c:CONSULT:Alexander Kozlov", "ev:k23")
VISIT_2024 = (
    "e:Alexander Kozlov",
    "e:Military Academy of the General Staff",
    "c:CONSULT:Kim Jong Un",
    "ev:k24",
)
VETO = ("e:UN Panel of Experts", "e:United Nations Security Council", "c:REJECT:Russia", "ev:v")


def doc(
    doc_id: str,
    features: tuple[str, ...],
    published: date | None,
    *,
    lang: str = "en",
    title: str = "",
) -> DocumentProfile:
    return DocumentProfile(
        doc_id=doc_id,
        published=published,
        features=tuple((f, 2.0) for f in COMMON + features),
        titles=((lang, title or doc_id),),
        languages=(lang,),
    )


def corpus() -> list[DocumentProfile]:
    d23, d24, dv = date(2023, 11, 15), date(2024, 11, 19), date(2024, 3, 29)
    docs = [doc(f"k23-{i}", VISIT_2023, d23 + timedelta(days=i % 3)) for i in range(4)]
    docs += [doc(f"k24-{i}", VISIT_2024, d24 + timedelta(days=i % 3)) for i in range(5)]
    docs += [doc(f"veto-{i}", VETO, dv, lang=("ja", "ko", "ru")[i % 3]) for i in range(5)]
    # reports with no date: only their features place them
    docs += [doc("k23-undated", VISIT_2023[:3], None), doc("veto-undated", VETO[:3], None)]
    return docs


def groups(index: StoryIndex) -> set[frozenset[str]]:
    return {frozenset(s.doc_ids) for s in index.to_stories()}


def prefix_groups(index: StoryIndex) -> set[frozenset[str]]:
    return {frozenset(d.split("-")[0] for d in s.doc_ids) for s in index.to_stories()}


def test_stories_same_actors_on_two_occasions_stay_apart() -> None:
    index = StoryIndex()
    index.add_all(corpus())
    assert prefix_groups(index) == {frozenset({"k23"}), frozenset({"k24"}), frozenset({"veto"})}
    assert len(index.stories) == 3


def test_stories_one_story_has_a_title_per_language() -> None:
    index = StoryIndex()
    index.add_all(corpus())
    veto = next(s for s in index.to_stories() if any(d.startswith("veto") for d in s.doc_ids))
    assert {lang for lang, _ in veto.titles} == {"en", "ja", "ko", "ru"}


def test_stories_span_limit_splits_identical_reports_months_apart() -> None:
    docs = [doc("a", VETO, date(2024, 3, 28)), doc("b", VETO, date(2024, 6, 28))]
    index = StoryIndex(StoryParams(max_span_days=30))
    index.add_all(docs)
    assert len(index.stories) == 2
    wide = StoryIndex(StoryParams(max_span_days=120))
    wide.add_all(docs)
    assert len(wide.stories) == 1


@pytest.mark.parametrize("split", [3, 8, 12])
def test_stories_incremental_keeps_ids_and_matches_batch(split: int) -> None:
    docs = corpus()
    batch = StoryIndex()
    batch.add_all(docs)
    first = StoryIndex()
    first.add_all(docs[:split])
    state = dict(first.doc_story)
    later = StoryIndex()
    later.restore(docs[:split], state)
    later.add_all(docs[split:])
    assert all(later.doc_story[d] == s for d, s in state.items())
    assert groups(later) == groups(batch)


def test_stories_existing_stories_never_merge() -> None:
    a, b = doc("a", VETO, date(2024, 3, 28)), doc("b", VETO, date(2024, 3, 29))
    index = StoryIndex()
    index.restore([a, b], {"a": "st-one", "b": "st-two"})
    index.add_all([doc("c", VETO, date(2024, 3, 30))])
    assert set(index.stories) == {"st-one", "st-two"}
    assert index.doc_story["c"] in {"st-one", "st-two"}


def test_stories_new_story_id_is_deterministic() -> None:
    ids = []
    for order in (1, -1):
        index = StoryIndex()
        index.add_all(corpus()[::order])
        ids.append(sorted(index.stories))
    assert ids[0] == ids[1]


def test_stories_too_common_feature_proposes_no_candidates() -> None:
    # only the shared common entities link these two; with a cap below their frequency, the
    # documents are never compared and stay apart
    docs = [doc(f"x{i}", (f"e:only-{i}",), date(2024, 1, 1)) for i in range(6)]
    capped = StoryIndex(StoryParams(threshold=0.0001, posting_cap=3, min_link=0.0))
    capped.add_all(docs)
    assert len(capped.stories) == 6
    open_ = StoryIndex(StoryParams(threshold=0.0001, posting_cap=100, min_link=0.0))
    open_.add_all(docs)
    assert len(open_.stories) < 6


@pytest.mark.parametrize(("cap", "apart"), [(3, True), (100, False)])
def test_stories_feature_too_common_within_the_window_proposes_no_candidates(
    cap: int, apart: bool
) -> None:
    # one report a week shares only the common entities: no week holds more than the cap, but
    # the weeks a report looks at do, so with a low cap the reports are never compared
    docs = [doc(f"x{i}", (f"e:only-{i}",), date(2024, 1, 1 + 5 * i)) for i in range(5)]
    index = StoryIndex(StoryParams(threshold=0.0001, posting_cap=cap, min_link=0.0))
    index.add_all(docs)
    assert (len(index.stories) == 5) is apart


@pytest.mark.parametrize("max_links", [1, 3, 30])
def test_stories_each_new_document_keeps_its_strongest_links(max_links: int) -> None:
    day = date(2024, 1, 1)
    # x0 shares more with x1 than with any other: its strongest link goes there
    docs = [doc("x0", ("e:a", "e:b", "e:c"), day), doc("x1", ("e:a", "e:b", "e:c"), day)]
    docs += [doc(f"y{i}", ("e:a",), day) for i in range(5)]
    index = StoryIndex(StoryParams(min_link=0.0, max_links=max_links))
    df: dict[str, int] = {}
    for d in docs:
        for f, _ in d.features:
            df[f] = df.get(f, 0) + 1
    vectors = [_vector(d, df, len(docs)) for d in docs]
    links = list(index._links([], docs, vectors))
    per_doc: dict[int, list[tuple[int, float]]] = {}
    for i, j, s in links:
        per_doc.setdefault(j, []).append((i, s))
    assert all(len(found) <= max_links for found in per_doc.values())
    strongest = max(per_doc[1], key=lambda p: p[1])
    assert strongest[0] == 0


@pytest.mark.parametrize("chunk_days", [7, 30, 90, 100_000])
def test_stories_chunked_streaming_matches_one_chunk(chunk_days: int) -> None:
    # the three occasions are months apart: any chunking gives the same stories, undated
    # reports included (each is placed with its most similar dated report)
    whole = StoryIndex(StoryParams(chunk_days=100_000))
    whole.add_all(corpus())
    chunked = StoryIndex(StoryParams(chunk_days=chunk_days))
    chunked.add_all(corpus())
    assert groups(chunked) == groups(whole)
    assert prefix_groups(chunked) == {
        frozenset({"k23"}),
        frozenset({"k24"}),
        frozenset({"veto"}),
    }


@pytest.mark.parametrize("gap", [1, 10, 25])
def test_stories_story_crossing_a_chunk_cut_stays_whole(gap: int) -> None:
    # one occasion reported on both sides of any cut (a 7-day chunk), never more than 30 days
    start = date(2024, 3, 25)
    docs = [doc(f"veto-{i}", VETO, start + timedelta(days=i * gap // 3)) for i in range(4)]
    index = StoryIndex(StoryParams(chunk_days=7))
    index.add_all(docs)
    assert len(index.stories) == 1


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # reports on days 0-9 and 12-20: the quiet days 10-11 hold the first cut, not day 8
        ((*range(10), *range(12, 21)), [0, 10, 18]),
        # no quiet day: the cut falls at the chunk length
        (tuple(range(20)), [0, 8, 16]),
    ],
)
def test_stories_chunks_are_cut_on_quiet_days(days: tuple[int, ...], expected: list[int]) -> None:
    base = date(2024, 1, 1)
    docs = [doc(f"d{i}", VETO, base + timedelta(days=d)) for i, d in enumerate(days)]
    starts = _chunk_starts(docs, 8)
    assert [s - base.toordinal() for s in starts] == expected


def test_stories_undated_report_of_an_earlier_story_joins_it_incrementally() -> None:
    old = [doc(f"k23-{i}", VISIT_2023, date(2023, 11, 15)) for i in range(3)]
    first = StoryIndex()
    first.add_all(old)
    (story_id,) = first.stories
    later = StoryIndex(StoryParams(chunk_days=7))
    later.restore(old, first.doc_story)
    later.add_all([doc("k23-undated", VISIT_2023, None), *corpus()[4:9]])
    assert later.doc_story["k23-undated"] == story_id


@pytest.mark.parametrize(
    ("shared", "story"),
    [
        # each occasion's reports share one name with the page: the day decides
        (("e:Kim Jong Un",), "k23"),
        # the next year's share far more: the day of the month alone does not outweigh them
        (("e:Kim Jong Un", "e:Military Academy", "c:CONSULT:Kim Jong Un", "e:Pyongyang"), "k24"),
    ],
)
def test_stories_day_of_the_month_places_an_undated_report(
    shared: tuple[str, ...], story: str
) -> None:
    """An undated report of a visit names the day it began (14日), like the reports of that
    visit, not those of the next year's by the same minister."""
    visit = ("e:Alexander Kozlov", "c:CONSULT:Alexander Kozlov")
    day = "d:CONSULT:Alexander Kozlov:---14"
    k23 = [doc(f"k23-{i}", (*visit, "e:Oleg Matytsin", day), date(2023, 11, 15)) for i in range(2)]
    k24 = [
        doc(f"k24-{i}", (*visit, *shared, "d:CONSULT:Alexander Kozlov:---18"), date(2024, 11, 19))
        for i in range(2)
    ]
    undated = doc("u-undated", (*visit, "e:Oleg Matytsin", *shared, day), None)
    index = StoryIndex()
    index.add_all([*k23, *k24, undated])
    (home,) = [s for s in index.to_stories() if "u-undated" in s.doc_ids]
    assert {d.split("-")[0] for d in home.doc_ids} == {"u", story}


def test_stories_session_number_places_an_undated_report() -> None:
    """An undated report of a recurring meeting names the same ministers as the next year's
    session; the session number its claims name (제10차 회의 → n:10) places it with its own,
    though the next session is better reported, shares more names with it, and some of its
    reports recall the earlier session."""
    session = ("e:Alexander Kozlov", "e:Yun Jong Ho")
    extra = ("c:AGREE:Yun Jong Ho", "e:Intergovernmental Commission")
    tenth = [doc(f"s10-{i}", (*session, "n:10"), date(2023, 11, 16)) for i in range(2)]
    eleventh = [
        doc(
            f"s11-{i}",
            (*session, *extra, "n:11", *(("n:10",) if i < 2 else ())),
            date(2024, 11, 20),
        )
        for i in range(6)
    ]
    undated = doc("s10-undated", (*session, *extra, "n:10"), None)
    index = StoryIndex()
    index.add_all([*tenth, *eleventh, undated])
    assert prefix_groups(index) == {frozenset({"s10"}), frozenset({"s11"})}


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("북한과 러시아가 제10차 회의를 열어 의정서를 채택했다", {10}),
        ("앞서 양국은 10차 경제공동위원회 의정서를 체결했다", {10}),
        ("委員会の第11回会議に出席した", {11}),
        ("the commission's 11th session opened in Pyongyang", {11}),
        ("открылось 11-е заседание межправкомиссии", {11}),
        ("they met on November 11th", set()),  # a date, not a session
        ("지난 11일 회의에서", set()),
    ],
)
def test_stories_session_numbers_in_five_languages(text: str, numbers: set[int]) -> None:
    assert ordinals_in(text) == numbers
