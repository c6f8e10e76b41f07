"""Timeline data and the static timeline page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from tests.unit.surfaces.conftest import doc_id

from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.corpus_view import load_view
from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.timeline import (
    TimelineFilter,
    build_timeline,
    in_range,
    render_timeline_html,
)


def _ids(store: SqliteStore, flt: TimelineFilter | None = None) -> list[str]:
    entries = build_timeline(load_view(store), flt, load_country_resolver())
    return [e.event.event_id for e in entries]


def test_timeline_events_in_date_order(surface_store: SqliteStore) -> None:
    assert _ids(surface_store) == ["ev-summit", "ev-gift", "ev-arms", "ev-troops"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (TimelineFilter(types=("consult",)), ["ev-summit"]),
        (TimelineFilter(statuses=("confirmed",)), ["ev-troops"]),
        # persons count for their country: Kim Jong Un is North Korea
        (TimelineFilter(actors=("North Korea",)), ["ev-summit", "ev-gift", "ev-arms", "ev-troops"]),
        (TimelineFilter(actors=("Vladimir Putin",)), ["ev-summit", "ev-gift"]),
        (TimelineFilter(source_kinds=("state_media",)), ["ev-summit", "ev-troops"]),
        (TimelineFilter(source_kinds=("content_farm",)), ["ev-arms"]),
        (TimelineFilter(since="2024-02-18", until="2024-09-01"), ["ev-gift", "ev-arms"]),
        (TimelineFilter(since="2024-10"), ["ev-troops"]),
        (TimelineFilter(until="2023"), ["ev-summit"]),
    ],
)
def test_timeline_filters(
    surface_store: SqliteStore, flt: TimelineFilter, expected: list[str]
) -> None:
    assert _ids(surface_store, flt) == expected


@pytest.mark.parametrize(
    ("date", "since", "until", "inside"),
    [
        ("2024-10", "2024-10-15", None, True),  # a month overlaps a day bound
        ("2024-09", "2024-10-15", None, False),
        ("2024", None, "2024-01-01", True),
        (None, "2024-01-01", None, False),
        (None, None, None, True),
    ],
)
def test_timeline_in_range_with_partial_dates(
    date: str | None, since: str | None, until: str | None, inside: bool
) -> None:
    assert in_range(date, since, until) is inside


def test_timeline_trail_and_original_language_evidence(surface_store: SqliteStore) -> None:
    entries = build_timeline(load_view(surface_store))
    troops = next(e for e in entries if e.event.event_id == "ev-troops")
    by_claim = {line.claim_id: line for line in troops.evidence}
    assert by_claim["cl-troops-denial"].lang == "ru"
    assert by_claim["cl-troops-denial"].stance == "denies"
    assert by_claim["cl-troops-denial"].site == "tv.example.ru"
    assert by_claim["cl-troops-confirm"].lang == "ko"
    assert by_claim["cl-troops-confirm"].evidence.startswith("북한군")
    assert by_claim["cl-troops-wire"].asserted_by == (
        "National Intelligence Service (South Korea)",
    )
    assert by_claim["cl-troops-wire"].doc_id == doc_id("wire")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self.external: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag in ("script", "link", "img") and (a.get("src") or a.get("href")):
            self.external.append(str(a.get("src") or a.get("href")))
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        self._in_script = False


def test_timeline_html_anchors_escapes_and_is_standalone(surface_store: SqliteStore) -> None:
    html = render_timeline_html(build_timeline(load_view(surface_store)))
    parser = _Collect()
    parser.feed(html)
    assert {"ev-troops", "ev-arms", "cl-troops-denial", "cl-arms"} <= parser.ids
    # the <script> written into an evidence sentence is shown as text, never run
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert all("alert(1)" not in s for s in parser.scripts)
    assert parser.external == []
    assert not re.search(r"https?://(?!wire|tv|daily|news|farm|press|kcna)", html)
    assert 'lang="ko"' in html and 'lang="ru"' in html


def test_timeline_html_drops_non_http_links() -> None:
    from watchfloor.surfaces.report_html import safe_url

    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" https://example.org/a ") == "https://example.org/a"
    assert safe_url(None) is None
