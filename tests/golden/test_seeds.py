"""Golden checks on the real pages in ../shared: the seeds' Done-when items for sections and
metadata, and over the labelled corpus, that cleaning never loses gold evidence sentences."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.conftest import english_headline_of_seed_000

from watchfloor.extract.article import SectionsResult, build_sections

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
LANGS = ["ja", "ko", "en", "ru", "zh"]
# Quality floors measured on the corpus; an update may raise them, never silently lower them.
EVIDENCE_SURVIVAL_FLOOR = 0.99
PRIMARY_LANGUAGE_FLOOR = 0.98


def _seed(prefix: str) -> str:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _build(text: str, title: str | None = None) -> SectionsResult:
    # The seeds are raw text without a URL: the lead passes tz_for_site=None, so the zone must
    # be inferred (a ja page credited to 時事 is a Japanese publisher).
    return build_sections(
        text, title_hint=title, lang_hint=None, languages=LANGS, is_html_main_text=False
    )


def test_seeds_000_two_sections_titles_date_credits() -> None:
    text = _seed("000")
    result = _build(text)
    assert [(s.lang, s.title) for s in result.sections] == [
        ("ja", "ロシア代表団が平壌訪問 金氏、資源相と会談"),
        ("en", english_headline_of_seed_000()),
    ]
    assert result.published is not None
    assert result.published.value == datetime(2024, 11, 19, 19, 5, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert result.published.value.isoformat() == "2024-11-19T19:05:00+09:00"
    assert "AFP" in result.credits and "時事" in result.credits
    # Every line listed under the 最新ニュース / 写真特集 headings is gone from every section.
    lines = [ln.strip() for ln in text.splitlines()]
    start = lines.index("最新ニュース")
    items = [ln for ln in lines[start:] if ln and ln not in {"-", "最新ニュース", "写真特集"}]
    assert items
    for section in result.sections:
        for item in items:
            assert item not in section.text


def test_seeds_002_one_clean_ja_section_author_as_metadata() -> None:
    text = _seed("002")
    result = _build(text)
    assert [s.lang for s in result.sections] == ["ja"]
    body = (result.sections[0].title or "") + result.sections[0].text
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    teaser = next(ln for ln in lines if ln.startswith("READ"))
    assert result.author is not None
    author_pos = lines.index(result.author)
    bio = lines[author_pos + 1]
    for junk in [
        "1 min read",
        teaser,
        result.author,
        bio,
        "You May Also Like",
        "More From Author",
        "There are no comments",
        "Add yours",
    ]:
        assert junk not in body
    assert author_pos > len(lines) // 2  # the byline found is the one near the end


def _norm(text: str) -> str:
    # Compare modulo whitespace, stray <br> tags and the scraper's leading "date YYYY-MM-DD"
    # label, which the cleaner strips as a metadata prefix.
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*", "", text)
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
def test_seeds_corpus_evidence_survives_and_language_matches() -> None:
    articles = sorted((SHARED / "corpus" / "articles").glob("*/*.json"))
    if not articles:
        pytest.skip("../shared/corpus is not present")
    total = kept = primary_ok = 0
    for path in articles:
        article = json.loads(path.read_text(encoding="utf-8"))
        result = _build(article["text"], article.get("title"))
        blob = "".join(_norm((s.title or "") + s.text) for s in result.sections)
        for event in article["gold"]["events"]:
            total += 1
            kept += _norm(event["evidence"]) in blob
        # The primary section (the first, which carries the page's own headline) is in the
        # article's language; a bilingual page's second section may be longer.
        primary_ok += bool(result.sections) and result.sections[0].lang == article["lang"]
    survival, primary = kept / total, primary_ok / len(articles)
    print(f"evidence survival {kept}/{total} = {survival:.3f}; primary language {primary:.3f}")
    assert survival >= EVIDENCE_SURVIVAL_FLOOR
    assert primary >= PRIMARY_LANGUAGE_FLOOR
