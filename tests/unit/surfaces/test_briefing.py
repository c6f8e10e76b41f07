"""The briefing: deterministic, every sentence cited, dates from events, untrusted text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.unit.surfaces.conftest import populate

from watchfloor.config import load_config
from watchfloor.records import Event, Stance, Status, TrailEntry
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.briefing import (
    briefing_period,
    build_briefing,
    claim_trail,
    md_escape,
    render_html,
    render_markdown,
)
from watchfloor.surfaces.corpus_view import load_view
from watchfloor.surfaces.leads import find_leads

CITE = re.compile(r"\[(?:ev|cl)-[\w-]+\]\(timeline\.html#(?:ev|cl)-[\w-]+\)")


def _markdown(store: SqliteStore, **kw: object) -> str:
    find_leads(store, load_config())
    return render_markdown(build_briefing(load_view(store), **kw))  # type: ignore[arg-type]


def test_briefing_deterministic_across_stores(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.db", "b.db"):
        store = SqliteStore(tmp_path / name)
        populate(store)
        find_leads(store, load_config())
        b = build_briefing(load_view(store), period_days=None)
        outputs.append((render_markdown(b), render_html(b)))
    assert outputs[0] == outputs[1]


def test_briefing_every_sentence_cites_ids(surface_store: SqliteStore) -> None:
    text = _markdown(surface_store, period_days=None)
    body = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert body
    for line in body:
        # split after a full stop followed by a capital: "para. 8(b)" stays whole
        for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", line.lstrip("-> ")):
            assert CITE.search(sentence), sentence


def test_briefing_sections_and_contested_trail(surface_store: SqliteStore) -> None:
    text = _markdown(surface_store, period_days=None)
    for heading in (
        "Top developments",
        "Contested claims",
        "New sanctions leads",
        "Source caveats",
    ):
        assert f"## {heading}" in text
    contested = text.split("## Contested claims")[1].split("## ")[0]
    for label in ("Accused by", "Denied by", "Confirmed by"):
        assert label in contested
    assert "cl-troops-denial" in contested and "cl-troops-confirm" in contested
    assert "reported only by state media" in text
    assert "excluded from corroboration" in text
    assert "Lead for review" in text and "para. 8(a)(iii)" in text


def test_briefing_uses_event_dates_not_publication(surface_store: SqliteStore) -> None:
    text = _markdown(surface_store, period_days=None)
    # the troop movement is dated 2024-10-23; its reports came out on 10-24..10-26
    assert "2024-10-23" in text
    assert "2024-10-24" not in text and "2024-10-26" not in text


@pytest.mark.parametrize(
    ("kw", "included", "excluded"),
    [
        ({"period_days": 60}, ["ev-troops", "ev-arms"], ["ev-gift", "ev-summit"]),
        ({"since": "2024-01-01", "until": "2024-03-01"}, ["ev-gift"], ["ev-troops", "ev-summit"]),
    ],
)
def test_briefing_period(
    surface_store: SqliteStore, kw: dict[str, object], included: list[str], excluded: list[str]
) -> None:
    text = _markdown(surface_store, **kw)
    for eid in included:
        assert f"#{eid})" in text
    for eid in excluded:
        assert f"#{eid})" not in text


def test_briefing_default_period_ends_at_latest_event(surface_store: SqliteStore) -> None:
    assert briefing_period(load_view(surface_store), None, None, 30) == ("2024-09-24", "2024-10-23")


def test_briefing_html_escapes_script_in_evidence(surface_store: SqliteStore) -> None:
    find_leads(surface_store, load_config())
    html = render_html(build_briefing(load_view(surface_store), period_days=None))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="timeline.html#ev-troops"' in html
    assert "<script" not in html.lower()
    md = _markdown(surface_store, period_days=None)
    assert "<script>" not in md


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("a*b_c", r"a\*b\_c"), ("<x>", r"\<x\>"), ("[ev-1](js)", r"\[ev-1\](js)")],
)
def test_briefing_markdown_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


@pytest.mark.parametrize(
    ("min_corroboration", "listed", "absent"),
    [
        (1, ["ev-summit", "ev-gift", "ev-arms", "ev-troops"], []),
        (2, ["ev-troops"], ["ev-summit", "ev-gift", "ev-arms"]),
    ],
)
def test_briefing_developments_list_corroborated_events_in_date_order(
    surface_store: SqliteStore, min_corroboration: int, listed: list[str], absent: list[str]
) -> None:
    text = _markdown(surface_store, period_days=None, top=0, min_corroboration=min_corroboration)
    section = text.split("## Developments by story")[1].split("\n## ")[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("  - ")]
    # one dated line per event, in date order, each citing its event
    shown = [eid for ln in lines for eid in listed + absent if f"[{eid}]" in ln]
    assert shown == listed
    days = [ln[4:14] for ln in lines]
    assert days == sorted(days)
    for eid in absent:
        assert f"#{eid})" not in section


@pytest.mark.parametrize(
    ("stance", "status", "label"),
    [
        (Stance.REPORTS, Status.ALLEGED, "Alleged by"),
        (Stance.ACCUSES, Status.ALLEGED, "Accused by"),
        (Stance.DENIES, Status.ALLEGED, "Denied by"),
        (Stance.REPORTS, Status.DENIED, "Denied by"),
        (Stance.CONFIRMS, Status.ASSERTED, "Confirmed by"),
        (Stance.REPORTS, Status.ASSERTED, "Reported by"),
    ],
)
def test_briefing_claim_trail_groups_by_stance_and_status(
    stance: Stance, status: Status, label: str
) -> None:
    trail = (
        TrailEntry("cl-1", "d-1", ("Seoul",), stance, status, "a.example"),
        TrailEntry("cl-2", "d-2", (), stance, status, "b.example"),
    )
    event = Event(
        "ev-x", "AID", "military personnel", ("North Korea",), ("Russia",), "2024-10-23", "day",
        None, status, ("cl-1", "cl-2"), ("d-1", "d-2"), None, 2, 2, ("Seoul",), trail,
    )  # fmt: skip
    (sentence,) = claim_trail(event)
    assert sentence.text == f"{label} Seoul and b.example (2 claims)"
    assert sentence.cites == ("cl-1", "cl-2")
