"""The fusion stage's document rows: undated copies borrow their copy group's date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watchfloor.fuse.stage import _date_from_copies, _DocRow

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
