"""Event coreference on claims written for these tests (names are real actors, frames invented)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from watchfloor.fuse import events as events_module
from watchfloor.fuse.events import (
    ActorInfo,
    ClaimContext,
    EventIndex,
    core_participants,
    dates_compatible,
    derive_status,
)
from watchfloor.records import Claim, Stance, Status

COUNTRY = {
    "Vladimir Putin": "Russia",
    "Sergei Shoigu": "Russia",
    "Alexander Kozlov": "Russia",
    "Kim Jong Un": "North Korea",
    "Kim Yo Jong": "North Korea",
    "Choe Son Hui": "North Korea",
    "Sergey Lavrov": "Russia",
    "John Kirby": "United States",
}
DAY, NOV17, NOV18 = "2023-09-13", "2024-11-17", "2024-11-18"
MEDIA = {"Xinhua News Agency", "Yonhap News Agency"}
INFO = ActorInfo(
    country_of=COUNTRY.get,
    is_country=lambda n: n not in COUNTRY and n not in MEDIA,
    is_media=lambda n: n in MEDIA,
)


def ctx(
    claim_id: str,
    type_: str,
    actors: tuple[str, ...],
    recipients: tuple[str, ...] = (),
    *,
    date: str | None = None,
    mode: str | None = None,
    doc: str | None = None,
    published: str | None = "2023-09-14",
    status: Status = Status.ASSERTED,
    rule: str | None = None,
    obj: str | None = None,
) -> ClaimContext:
    claim = Claim(
        claim_id=claim_id,
        doc_id=doc or "d-" + claim_id,
        section=0,
        start=0,
        end=1,
        evidence="(test)",
        type=type_,
        mode=mode,
        actors=actors,
        recipients=recipients,
        asserted_by=(),
        stance=Stance.REPORTS,
        status=status,
        date=date,
        date_rule=rule,
        object=obj,
    )
    when = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    return ClaimContext(claim=claim, published=when, site=None, origin_id=None, excluded=False)


def build(*contexts: ClaimContext) -> EventIndex:
    index = EventIndex(INFO)
    index.add_all(contexts)
    return index


def same(index: EventIndex, a: str, b: str) -> bool:
    return index.claim_event[a] == index.claim_event[b]


@pytest.mark.parametrize(
    ("a", "b", "tolerance", "expected"),
    [
        ("2023-09-13", "2023-09-14", 1, True),
        ("2023-09-13", "2023-09-14", 0, False),
        ("2023-09-13", "2023-09-15", 1, False),
        ("2023-09", "2023-09-13", 1, True),
        ("2023", "2024-03-28", 1, False),
        (None, "2024-03-28", 1, True),
    ],
)
def test_events_dates_compatible(a: str | None, b: str, tolerance: int, expected: bool) -> None:
    assert dates_compatible(a, b, tolerance_days=tolerance) is expected


def test_events_summit_reports_naming_different_extra_people_merge() -> None:
    index = build(
        ctx(
            "a", "CONSULT", ("Vladimir Putin",), ("Kim Jong Un", "Sergei Shoigu"), date="2023-09-13"
        ),
        ctx("b", "CONSULT", ("Kim Jong Un",), ("Vladimir Putin", "Kim Yo Jong"), date="2023-09-13"),
        ctx("c", "CONSULT", ("Russia",), ("North Korea",), date="2023-09-13"),
    )
    assert same(index, "a", "b") and same(index, "a", "c")
    assert len(index.events) == 1


def test_events_same_countries_disjoint_named_people_stay_apart() -> None:
    index = build(
        ctx("a", "CONSULT", ("Vladimir Putin",), ("Kim Jong Un",), date="2023-09-13"),
        ctx("b", "CONSULT", ("Sergey Lavrov",), ("Choe Son Hui",), date="2023-09-13"),
    )
    assert not same(index, "a", "b")


@pytest.mark.parametrize(("second", "joined"), [("plan", False), ("protocol", True), (None, True)])
def test_events_different_objects_signed_the_same_day_stay_apart(
    second: str | None, joined: bool
) -> None:
    # the session's protocol, then what else was signed that day: the sports ministers'
    # exchange plan is another agreement; the protocol again, or an unnamed document, is not
    index = build(
        ctx("a", "AGREE", ("North Korea", "Russia"), date="2023-11-15", obj="protocol"),
        ctx("b", "AGREE", ("Russia",), ("North Korea",), date="2023-11-15", obj=second),
    )
    assert same(index, "a", "b") is joined
    assert len(index.events) == (1 if joined else 2)


def test_events_accuser_and_accused_are_different_events() -> None:
    index = build(
        ctx("a", "ACCUSE", ("United States",), ("Russia",), date="2024-03-28"),
        ctx("b", "ACCUSE", ("Russia",), ("United States",), date="2024-03-28"),
        ctx("c", "ACCUSE", ("John Kirby",), ("Russia",), date="2024-03-28"),
    )
    assert not same(index, "a", "b")
    assert same(index, "a", "c")  # Kirby speaks for the United States


def test_events_news_agency_is_not_a_participant() -> None:
    index = build(
        ctx("a", "REJECT", ("Russia",), ("United Nations Security Council",), date="2024-03-28"),
        ctx("b", "REJECT", ("Xinhua News Agency", "Russia"), (), date="2024-03-28"),
    )
    assert same(index, "a", "b")
    (event,) = index.to_events()
    assert "Xinhua News Agency" not in event.actors + event.recipients


@pytest.mark.parametrize(
    ("mode_a", "mode_b", "merged"),
    [("visit", "meet", False), ("meet", "meet", True), (None, "meet", True)],
)
def test_events_adjacent_days_merge_only_with_the_same_mode(
    mode_a: str | None, mode_b: str, merged: bool
) -> None:
    index = build(
        ctx(
            "a", "CONSULT", ("Alexander Kozlov",), ("North Korea",), date="2024-11-17", mode=mode_a
        ),
        ctx(
            "b", "CONSULT", ("Alexander Kozlov",), ("Kim Jong Un",), date="2024-11-18", mode=mode_b
        ),
    )
    assert same(index, "a", "b") is merged


def test_events_another_mode_must_state_the_events_own_day() -> None:
    # a departure on the 10th does not join a meeting known only as "September", nor does a
    # meeting reported undated three days later join the departure
    index = build(
        ctx("dep", "CONSULT", ("Kim Jong Un",), ("Russia",), date="2023-09-10", mode="visit"),
        ctx("month", "CONSULT", ("Kim Jong Un",), ("Vladimir Putin",), date="2023-09", mode="meet"),
        ctx("late", "CONSULT", ("Kim Jong Un",), ("Vladimir Putin",), mode="meet"),
    )
    assert not same(index, "dep", "month")
    assert not same(index, "dep", "late")
    # the same mode keeps its looser fit: the month's meeting takes the undated report
    assert same(index, "month", "late")


def test_events_undated_report_joins_event_within_report_lag() -> None:
    index = build(
        ctx("a", "AID", ("North Korea",), ("Russia",), date="2024-10-18"),
        ctx("b", "AID", ("North Korea",), ("Russia",), published="2024-10-20"),
        ctx("c", "AID", ("North Korea",), ("Russia",), published="2024-12-20"),
    )
    assert same(index, "a", "b")
    assert not same(index, "a", "c")


def test_events_timeless_claim_is_placed_within_its_story() -> None:
    index = build(
        ctx("a", "REJECT", ("Russia",), ("UN Panel of Experts",), date="2024-03-28", doc="d1"),
        ctx("b", "REJECT", ("Russia",), ("UN Panel of Experts",), date="2022-05-26", doc="d9"),
    )
    timeless = ctx("c", "REJECT", ("Russia",), (), doc="d2", published=None)
    assert not timeless.anchored
    event_id = index.add_in_story(timeless, ["d1", "d2"])
    assert event_id == index.claim_event["a"]
    lonely = ctx("e", "REJECT", ("Russia",), (), doc="d3", published=None)
    placed = index.add_in_story(lonely, ["d3"])  # no story-mate reports a veto: a new event
    assert placed not in {index.claim_event["a"], index.claim_event["b"]}


def test_events_timeless_claim_follows_the_event_stating_its_figure() -> None:
    # a first deployment reported by three pages, a later disclosure of 3,000 troops by one
    first = [
        ctx(f"a{i}", "AID", ("North Korea",), ("Russia",), date="2024-10-08", doc=f"d{i}")
        for i in range(3)
    ]
    later = ctx("b", "AID", ("North Korea",), ("Russia",), date="2024-10-23", doc="d5")
    index = build(*first, replace(later, claim=replace(later.claim, quantity="some 3,000 troops")))
    story = ["d0", "d1", "d2", "d5", "d6", "d7"]
    figure = ctx("c", "AID", ("North Korea",), ("Russia",), doc="d6", published=None)
    figure = replace(figure, claim=replace(figure.claim, quantity="約3000人"))
    plain = ctx("e", "AID", ("North Korea",), ("Russia",), doc="d7", published=None)
    assert index.add_in_story(figure, story) == index.claim_event["b"]
    assert index.add_in_story(plain, story) == index.claim_event["a0"]  # the best reported


def test_events_merge_pass_joins_fragments_of_one_meeting() -> None:
    # "a" and "b" name different people, so greedy placement starts two events; "c" names both
    # and joins one of them; the merge pass then folds the other in
    index = build(
        ctx("a", "CONSULT", ("Alexander Kozlov",), ("North Korea",), date="2024-11-18"),
        ctx("b", "CONSULT", ("Kim Jong Un",), ("Russia",), date="2024-11-18"),
        ctx("c", "CONSULT", ("Kim Jong Un",), ("Alexander Kozlov",), date="2024-11-18"),
    )
    assert same(index, "a", "b") and same(index, "b", "c")
    assert len(index.events) == 1


def test_events_restore_keeps_ids_and_matches_only_new_claims() -> None:
    first = build(ctx("a", "AID", ("North Korea",), ("Russia",), date="2024-10-18"))
    state = dict(first.claim_event)
    again = EventIndex(INFO)
    again.restore([ctx("a", "AID", ("North Korea",), ("Russia",), date="2024-10-18")], state)
    again.add_all([ctx("b", "AID", ("North Korea",), ("Russia",), date="2024-10-18")])
    assert again.claim_event["a"] == state["a"] == again.claim_event["b"]


def test_events_core_participants_drop_rare_mentions() -> None:
    members = [
        ctx(str(i), "CONSULT", ("Vladimir Putin",), ("Kim Jong Un",), date="2023-09-13")
        for i in range(6)
    ] + [ctx("x", "CONSULT", ("Japan",), ("Kim Jong Un",), date="2023-09-13")]
    actors, recipients = core_participants(members, INFO)
    assert actors == ("Vladimir Putin",)
    assert recipients == ("Kim Jong Un",)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([Status.ALLEGED, Status.CONFIRMED], Status.CONFIRMED),
        ([Status.ALLEGED, Status.DENIED], Status.ALLEGED),
        ([Status.DENIED], Status.DENIED),
        ([], Status.ASSERTED),
    ],
)
def test_events_derive_status(statuses: list[Status], expected: Status) -> None:
    assert derive_status(statuses) is expected


def test_events_corroboration_counts_origins_once_and_skips_excluded() -> None:
    a = ctx("a", "AID", ("North Korea",), ("Russia",), date="2024-10-18")
    b = ctx("b", "AID", ("North Korea",), ("Russia",), date="2024-10-18")
    c = ctx("c", "AID", ("North Korea",), ("Russia",), date="2024-10-18")
    copies = [
        ClaimContext(x.claim, x.published, None, origin_id="o1", excluded=False) for x in (a, b)
    ]
    farm = ClaimContext(c.claim, c.published, None, origin_id=None, excluded=True)
    (event,) = build(*copies, farm).to_events()
    assert event.origins == 2
    assert event.corroboration == 1


def _veto(claim_id: str, doc: str, *, date: str | None, rule: str | None) -> ClaimContext:
    return ctx(
        claim_id, "REJECT", ("Russia",), (), date=date, doc=doc, published="2024-03-29", rule=rule
    )


@pytest.mark.parametrize(
    ("date", "rule", "merged"),
    [
        ("2024-04-30", "inherited:en.month_day", True),  # day borrowed from another sentence
        ("2024-04-30", "lead:en.month_day", True),  # day borrowed from the lead
        ("2024-04-30", "en.relative_day", True),  # day guessed from a relative phrase
        ("2025-03-28", "en.month_day", True),  # after every report of the story: misread year
        ("2024-03-25", "en.month_day", False),  # another day stated outright: another veto
    ],
)
def test_events_story_pass_folds_loosely_dated_events(date: str, rule: str, merged: bool) -> None:
    main = [_veto(f"m{i}", f"d{i}", date="2024-03-28", rule="en.month_day") for i in range(3)]
    index = build(*main, _veto("x", "dx", date=date, rule=rule))
    assert not same(index, "m0", "x")
    index.merge_within_stories({d: "s1" for d in ("d0", "d1", "d2", "dx")})
    assert same(index, "m0", "x") is merged
    assert index.events[index.claim_event["m0"]].date == "2024-03-28"


def test_events_story_pass_keeps_stories_and_restored_events_apart() -> None:
    main = [_veto(f"m{i}", f"d{i}", date="2024-03-28", rule="en.month_day") for i in range(3)]
    index = build(*main, _veto("x", "dx", date="2024-04-30", rule="inherited:en.month_day"))
    index.merge_within_stories({"d0": "s1", "d1": "s1", "d2": "s1", "dx": "s2"})
    assert not same(index, "m0", "x")  # another story
    index.merge_within_stories(
        {d: "s1" for d in ("d0", "d1", "d2", "dx")}, keep=[index.claim_event["x"]]
    )
    assert not same(index, "m0", "x")  # restored from an earlier run: it never moves


def test_events_date_skips_a_day_after_every_report() -> None:
    index = build(
        _veto("a", "d1", date="2024-03-28", rule="en.month_day"),
        _veto("b", "d2", date="2024-03-28", rule="inherited:en.month_day"),
        ctx("c", "REJECT", ("Russia",), (), date="2025-03-28", doc="d3", published=None),
    )
    index.merge_within_stories({"d1": "s1", "d2": "s1", "d3": "s1"})
    assert same(index, "a", "c")
    assert index.events[index.claim_event["a"]].date == "2024-03-28"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # stated equally often: the earliest (the first report, a late-night event in local time)
        (("2024-11-18", "2024-11-17"), "2024-11-17"),
        (("2024-11-17", "2024-11-18"), "2024-11-17"),
        # stated more often wins over earlier
        (("2024-11-18", "2024-11-18", "2024-11-17"), "2024-11-18"),
    ],
)
def test_events_date_prefers_the_earliest_of_equally_stated_days(
    days: tuple[str, ...], expected: str
) -> None:
    index = EventIndex(INFO)
    for k, day in enumerate(days):
        # one event: the claims are attached directly, whatever matching would do
        index._attach(
            ctx(
                f"k{k}",
                "CONSULT",
                ("Sergei Shoigu",),
                ("North Korea",),
                date=day,
                published="2024-11-19",
            ),
            "ev-1",
        )
    assert index.events["ev-1"].date == expected


def test_events_story_pass_stated_day_does_not_chain_through_a_borrowed_one() -> None:
    # an arrival stated for the 17th must not reach the 18th's meeting through a report whose
    # day is only borrowed from the lead (it may fold into either, never bridge them)
    arrival = ctx(
        "x",
        "CONSULT",
        ("Alexander Kozlov",),
        ("North Korea",),
        date=NOV17,
        mode="visit",
        doc="d1",
        published="2024-11-19",
        rule="ko.day_of_month",
    )
    loose = [
        ctx(
            f"y{i}",
            "CONSULT",
            ("Alexander Kozlov",),
            (),
            date="2024-11-21",
            mode="meet",
            doc=f"d2{i}",
            published="2024-11-21",
            rule="lead:inherited:ko.absolute_date",
        )
        for i in range(2)
    ]
    meeting = [
        ctx(
            f"z{i}",
            "CONSULT",
            ("Kim Jong Un",),
            ("Alexander Kozlov",),
            date=NOV18,
            mode="meet",
            doc=f"d3{i}",
            published="2024-11-19",
            rule="en.weekday",
        )
        for i in range(3)
    ]
    index = build(arrival, *loose, *meeting)
    index.merge_within_stories({c.claim.doc_id: "s1" for c in (arrival, *loose, *meeting)})
    assert same(index, "y0", "z0")
    assert not same(index, "x", "z0")


def _troops(claim_id: str, doc: str, day: str) -> ClaimContext:
    return ctx(
        claim_id,
        "AID",
        ("North Korea",),
        ("Russia",),
        date=day,
        mode="military personnel",
        doc=doc,
        published="2024-10-24",
        rule="ko.day_of_month",
    )


@pytest.mark.parametrize(
    ("later", "both_in_one_document", "merged"),
    [
        ("2024-10-12", True, True),  # one report: shipped from the 8th, arrived by the 12th
        ("2024-10-12", False, False),  # nobody states both days: two shipments
        ("2024-10-23", True, False),  # more than a week apart: another step
    ],
)
def test_events_story_pass_joins_days_one_document_states_of_one_happening(
    later: str, both_in_one_document: bool, merged: bool
) -> None:
    first = [_troops("a1", "d1", "2024-10-08"), _troops("a2", "d2", "2024-10-08")]
    second = [
        _troops("b1", "d3", later),
        _troops("b2", "d1" if both_in_one_document else "d4", later),
    ]
    index = build(*first, *second)
    assert not same(index, "a1", "b1")
    index.merge_within_stories({d: "s1" for d in ("d1", "d2", "d3", "d4")})
    assert same(index, "a1", "b1") is merged


def test_events_timeless_claims_placed_in_their_stories() -> None:
    index = build(
        ctx("a", "REJECT", ("Russia",), ("UN Panel of Experts",), date="2024-03-28", doc="d1"),
        ctx("b", "REJECT", ("Russia",), ("UN Panel of Experts",), date="2022-05-26", doc="d9"),
    )
    timeless = [
        ctx(f"t{i}", "REJECT", ("Russia",), (), doc=f"d{i + 2}", published=None) for i in range(3)
    ]
    lonely = [ctx(f"l{i}", "ACCUSE", ("Japan",), (), doc="d2", published=None) for i in range(2)]
    story = {"d1": "s1", "d2": "s1", "d3": "s1", "d4": "s1", "d9": "s9"}
    index.add_in_stories([*timeless, *lonely], story)
    assert all(same(index, "a", f"t{i}") for i in range(3))
    assert same(index, "l0", "l1")  # no event fits: the first starts one, the next joins it
    assert not same(index, "l0", "a")


@pytest.mark.parametrize(("forum", "joined"), [(True, True), (False, False)])
def test_events_a_multinational_body_sets_no_event_apart(forum: bool, joined: bool) -> None:
    # the protocol signed by the two ministers, and by the two states at their joint commission
    commission = "Joint Commission"
    people = {"Minister A": "Russia", "Minister B": "North Korea"}
    info = ActorInfo(
        country_of=people.get,
        is_country=lambda n: n in {"Russia", "North Korea"},
        is_media=lambda n: False,
        is_forum=lambda n: forum and n == commission,
    )
    index = EventIndex(info)
    index.add_all(
        [
            ctx("ministers", "AGREE", ("Minister A",), ("Minister B",), date=NOV18),
            ctx("states", "AGREE", ("Russia", "North Korea"), (commission,), date=NOV18),
        ]
    )
    assert same(index, "ministers", "states") is joined


def test_events_candidates_stay_bounded_while_rare_names_still_match() -> None:
    people = {f"Official {i}": "Russia" for i in range(3 * events_module.BLOCK_CAP)}
    info = ActorInfo(
        country_of=people.get,
        is_country=lambda n: n not in people,
        is_media=lambda n: False,
    )
    index = EventIndex(info)
    # many meetings of the same day and countries, each with its own official: distinct events
    index.add_all(
        [
            ctx(f"m{i}", "CONSULT", (name,), ("North Korea",), date=NOV18)
            for i, name in enumerate(people)
        ]
    )
    assert len(index.events) == len(people)
    late = ctx("late", "CONSULT", ("Official 700",), ("North Korea",), date=NOV18)
    assert len(index._candidates(late)) <= events_module.MAX_CANDIDATES
    index.add_all([late])
    assert same(index, "late", "m700")


def test_events_common_participant_adds_no_candidates_once_a_rarer_one_found_some() -> None:
    # more meetings of the same countries in the week than the candidate cap, each with its own
    # official: the country could only name an arbitrary few of them, so the official decides
    n = events_module.MAX_CANDIDATES + 10
    people = {f"Official {i}": "Russia" for i in range(n)}
    info = ActorInfo(
        country_of=people.get, is_country=lambda n: n not in people, is_media=lambda n: False
    )
    index = EventIndex(info)
    index.add_all(
        [
            ctx(f"m{i}", "CONSULT", (name,), ("North Korea",), date=NOV18)
            for i, name in enumerate(people)
        ]
    )
    late = ctx("late", "CONSULT", ("Official 5",), ("North Korea",), date=NOV18)
    assert index._candidates(late) == [index.claim_event["m5"]]
    # with no rarer participant, the common one still proposes (up to the cap)
    plain = ctx("plain", "CONSULT", ("Russia",), ("North Korea",), date=NOV18)
    assert len(index._candidates(plain)) == events_module.MAX_CANDIDATES


def test_events_refine_moves_a_report_to_the_event_of_its_own_day() -> None:
    # the reception of the 18th is the most reported day, so it forms first; a report of the
    # 17th placed before the 17th's arrival existed joins the 18th's event (a day off, same
    # mode), and the refining pass moves it to the arrival it states the day of
    meeting = [
        ctx(f"m{i}", "CONSULT", ("Kim Jong Un",), ("Alexander Kozlov",), date=NOV18, mode="meet")
        for i in range(4)
    ]
    early = ctx(
        "x",
        "CONSULT",
        ("Alexander Kozlov",),
        ("North Korea",),
        date=NOV17,
        mode="meet",
        published="2024-11-18",
    )
    arrival = [
        ctx(
            f"v{i}",
            "CONSULT",
            ("Alexander Kozlov",),
            ("North Korea",),
            date=NOV17,
            mode="visit",
            published="2024-11-19",
        )
        for i in range(2)
    ]
    index = build(*meeting, early, *arrival)
    assert not same(index, "m0", "v0")
    assert same(index, "x", "v0")
    assert not same(index, "x", "m0")


def test_events_story_days_are_the_days_of_the_storys_events_of_the_act() -> None:
    index = build(
        ctx("met", "CONSULT", ("Alexander Kozlov",), ("North Korea",), date=NOV18, doc="a"),
        ctx("met2", "CONSULT", ("Alexander Kozlov",), ("North Korea",), date=NOV18, doc="b"),
        ctx("signed", "AGREE", ("Alexander Kozlov",), ("North Korea",), date=NOV17, doc="a"),
        ctx("other", "CONSULT", ("Kim Yo Jong",), ("Choe Son Hui",), date=NOV17, doc="a"),
        ctx("elsewhere", "CONSULT", ("Alexander Kozlov",), date="2024-11-20", doc="z"),
    )
    # an undated page's meeting with Kozlov: its story's pages a and b report his on the 18th
    page = ctx("page", "CONSULT", ("Alexander Kozlov",), published=None, doc="p")
    assert index.story_days(page, ["a", "b", "p"]) == [NOV18]
    assert index.story_days(page, ["z"]) == ["2024-11-20"]
