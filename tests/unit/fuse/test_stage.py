"""The fusion stage's document rows: undated copies borrow their copy group's date; the days
of the month that place undated pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from watchfloor.fuse.events import ClaimContext
from watchfloor.fuse.stage import _date_from_copies, _day_of_month, _DocRow, _own_day
from watchfloor.records import Claim, Stance, Status

DAY1 = datetime(2024, 11, 19, 8, tzinfo=UTC)
DAY2 = datetime(2024, 11, 20, 8, tzinfo=UTC)


def row(doc_id: str, published: datetime | None, origin: str | None) -> _DocRow:
    return _DocRow(doc_id, None, published, origin, False, None)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # an undated copy takes the group's earliest date
        ([row("a", DAY2, "o"), row("b", DAY1, "o"), row("c", None, "o")], DAY1),
        # a group with no dated member leaves it undated
        ([row("a", None, "o"), row("c", None, "o")], None),
        # another group's date never applies
        ([row("a", DAY1, "p"), row("c", None, "o")], None),
        # a document that is its own origin has nothing to borrow
        ([row("a", DAY1, "o"), row("c", None, None)], None),
    ],
)
def test_stage_undated_copy_borrows_group_date(
    rows: list[_DocRow], expected: datetime | None
) -> None:
    out = _date_from_copies({r.doc_id: r for r in rows})
    assert out["c"].published == expected
    assert all(out[r.doc_id].published == r.published for r in rows if r.published)


def claim_ctx(evidence: str, lang: str, day: str | None, rule: str | None = None) -> ClaimContext:
    claim = Claim(
        claim_id="c",
        doc_id="c",
        section=0,
        start=0,
        end=len(evidence),
        evidence=evidence,
        type="CONSULT",
        mode="visit",
        actors=("Alexander Kozlov",),
        recipients=("North Korea",),
        asserted_by=(),
        stance=Stance.REPORTS,
        status=Status.ASSERTED,
        date=day,
        date_precision="day" if day else None,
        date_rule=rule,
    )
    return ClaimContext(claim, None, None, None, False, lang)


@pytest.mark.parametrize(
    ("published", "evidence", "day", "rule", "expected"),
    [
        # an undated page: the day its sentence names, whatever the month
        (None, "ロシア代表団が14日に平壌に到着した。", None, None, 14),
        (None, "ロシア代表団が平壌に到着した。", None, None, None),
        # a dated page: the day of a recent act
        (DAY1, "(text)", "2024-11-18", "ja.day_of_month", 18),
        # not a day it recalls from another year, nor one fusion gave the claim
        (DAY1, "(text)", "2023-11-14", "en.month_day", None),
        (DAY1, "(text)", "2024-11-18", "event:ev-1", None),
    ],
)
def test_stage_day_of_the_month_of_a_claim(
    published: datetime | None,
    evidence: str,
    day: str | None,
    rule: str | None,
    expected: int | None,
) -> None:
    docs = {"c": row("c", published, None)}
    assert _day_of_month(claim_ctx(evidence, "ja", day, rule), docs) == expected


@pytest.mark.parametrize(
    ("published", "rule", "expected"),
    [
        # a weekday an undated page reads against a date its own text gives places it in time
        (None, "lead:inherited:ja.weekday", date(2024, 6, 19)),
        (None, "ko.day_of_month", date(2024, 6, 19)),
        # a date written with its year may recall another year; fusion's own dates say nothing
        (None, "ja.absolute_date", None),
        (None, "story:ja.day_of_month", None),
        # a dated page has its own day
        (DAY1, "ja.weekday", None),
    ],
)
def test_stage_an_undated_page_is_placed_by_the_days_its_text_gives(
    published: datetime | None, rule: str, expected: date | None
) -> None:
    docs = {"c": row("c", published, None)}
    assert _own_day(claim_ctx("(text)", "ja", "2024-06-19", rule), docs) == expected
