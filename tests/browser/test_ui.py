"""The web UI in real headless Chromium (Debian's), over the sample store served by uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

TOKEN = "browser-test-token-0123456789"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_ui_dashboard_shows_counts_and_latest_events(page: Any) -> None:
    page.goto("/")
    assert page.title() == "Dashboard · watchfloor"
    counts = page.locator("ul.counts").inner_text()
    assert "3\ndocuments" in counts and "2\nevents" in counts
    assert page.locator("#quarantine-count").inner_text() == "1"
    assert page.locator("a[href='/events/e-troops']").count() >= 1
    assert page.console_errors == []


def test_ui_timeline_screenshot_trail_and_filters(page: Any, tmp_path: Path) -> None:
    page.goto("/timeline")
    events = page.locator("article.event")
    assert events.count() == 2
    # date order, with the claim trail and evidence in the original languages
    assert events.nth(0).get_attribute("data-event-id") == "e-visit"
    troops = page.locator("#event-e-troops")
    assert troops.locator("tr.claim").count() == 4
    assert troops.locator("span.evidence[lang='ja']").count() == 2
    assert troops.locator("span.evidence[lang='ko']").count() == 1
    assert "denies" in troops.inner_text() and "corroboration 2" in troops.inner_text()
    shot = tmp_path / "timeline.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5_000
    page.select_option("select[name=status]", "alleged")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/timeline?**status=alleged**")
    assert page.locator("article.event").count() == 1
    assert page.locator("#event-e-troops").count() == 1
    assert page.console_errors == []


def test_ui_event_page_links_each_claim_to_its_sentence(page: Any) -> None:
    page.goto("/events/e-troops")
    trail = page.locator("table.trail tr.claim")
    assert trail.count() == 4
    stances = trail.locator(".stance").all_inner_texts()
    assert sorted(stances) == ["accuses", "accuses", "accuses", "denies"]
    page.locator("#trail-c-ja-2 a.evidence-link").click()
    page.wait_for_url("**/documents/**#claim-c-ja-2")
    mark = page.locator("mark#claim-c-ja-2")
    assert mark.inner_text() == "ロシア政府はこの報道を否定した。"
    assert page.console_errors == []


def test_ui_story_page_puts_languages_side_by_side(page: Any) -> None:
    page.goto("/stories/s-troops")
    columns = page.locator("#languages section.column")
    assert [columns.nth(i).get_attribute("data-lang") for i in range(columns.count())] == [
        "ja", "en", "ko",
    ]  # fmt: skip
    boxes = [columns.nth(i).bounding_box() for i in range(3)]
    assert all(b is not None for b in boxes)
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    assert abs(boxes[0]["y"] - boxes[2]["y"]) < 2
    assert "Moscow rejected the report." in columns.nth(1).inner_text()


def test_ui_full_text_search_from_the_header(page: Any) -> None:
    page.goto("/")
    page.fill("header input[name=q]", "병력")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("ol.hits li").count() == 1
    assert "병력" in page.locator("ol.hits .snippet").inner_text()


def test_ui_actor_and_network_pages(page: Any) -> None:
    page.goto("/network")
    assert page.locator("svg.network line").count() == 2
    page.locator("svg.network a[href='/actors/North%20Korea']").click()
    page.wait_for_url("**/actors/North%20Korea")
    assert "Russia" in page.locator("#co-actors").inner_text()


def test_ui_write_needs_the_token(page: Any) -> None:
    refused = page.request.post("/api/review/nope", data={"decision": "accept"})
    assert refused.status == 401
    page.goto("/review")
    row = page.locator("#review tbody tr").first
    row.locator("button", has_text="accept").click()
    result = row.locator("output.result")
    page.wait_for_function("el => el.textContent.length > 0", arg=result.element_handle())
    assert result.inner_text().startswith("401")
    assert row.locator(".decision").inner_text() == "pending"
    page.fill("#token", TOKEN)
    row.locator("button", has_text="accept").click()
    page.wait_for_function("el => el.textContent.startsWith('200')", arg=result.element_handle())
    assert row.locator(".decision").inner_text() == "accept"
    page.reload()
    assert page.locator("#review tbody tr .decision").first.inner_text() == "accept"
    assert page.console_errors == [] or all("401" in e for e in page.console_errors)
