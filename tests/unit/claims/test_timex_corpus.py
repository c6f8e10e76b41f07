"""The time resolver on the real corpus and seeds in ../shared (read in place, never copied):
gold event evidence sentences must resolve to dates that agree with the gold dates."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from watchfloor.claims.timex import (
    TimeExpression,
    find_time_expressions,
    reference_from_text,
    resolve_event_date,
)

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
ARTICLES = SHARED / "corpus" / "articles"
# Floors measured when the resolver was written; raise them, never lower them silently.
AGREEMENT_OF_RESOLVED_FLOOR = 0.90  # measured 86/92 = 0.93
AGREEMENT_OF_ALL_FLOOR = 0.62  # measured 86/131 = 0.66 (many evidence sentences carry no date)

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason="../shared corpus not present")


def _article(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _reference(article: dict[str, Any]) -> tuple[date | None, str]:
    published = article.get("published")
    if published and len(published) >= 10:
        return date.fromisoformat(published[:10]), "published"
    return reference_from_text(article["text"].split("\n"), article["lang"]), "text"


def _agrees(gold: str, got: TimeExpression | None) -> bool:
    """The corpus rule: a gold day within ±1 day, a gold month or year a prefix; a gold range
    "a/b" counts when the date falls within it, ±1 day."""
    if got is None:
        return False
    if "/" in gold or len(gold) == 10:
        if len(got.date) != 10:
            return False
        first, _, last = gold.partition("/")
        day = date.fromisoformat(got.date)
        low, high = date.fromisoformat(first), date.fromisoformat(last or first)
        return (low - day).days <= 1 and (day - high).days <= 1
    return got.date.startswith(gold)


def test_timex_corpus_gold_event_dates_agree() -> None:
    total = resolved = agreed = 0
    for path in sorted(ARTICLES.glob("*/*.json")):
        article = _article(path)
        reference, kind = _reference(article)
        for event in article["gold"]["events"]:
            if not event.get("date") or not event.get("evidence"):
                continue
            evidence = event["evidence"]
            # A mixed page (seed 000) carries English evidence in a Japanese article.
            lang = "en" if re.fullmatch(r"[\x00-\x7f’“”—–]+", evidence) else article["lang"]
            got = resolve_event_date(evidence, lang, reference, kind)  # type: ignore[arg-type]
            total += 1
            resolved += got is not None
            agreed += _agrees(event["date"], got)
    assert total > 100
    assert agreed / resolved >= AGREEMENT_OF_RESOLVED_FLOOR, (agreed, resolved)
    assert agreed / total >= AGREEMENT_OF_ALL_FLOOR, (agreed, total)


def test_timex_seed_000_dates_its_events_from_the_publication_date() -> None:
    article = _article(ARTICLES / "seeds" / "000.json")
    reference, kind = _reference(article)
    assert (reference, kind) == (date(2024, 11, 19), "published")
    by_precision: dict[str, set[str]] = {}
    for event in article["gold"]["events"]:
        evidence = event["evidence"]
        lang = "en" if re.fullmatch(r"[\x00-\x7f’“”—–]+", evidence) else "ja"
        got = resolve_event_date(evidence, lang, reference)
        if got is not None:
            by_precision.setdefault(got.precision, set()).add(got.week_start or got.date)
    assert "2024-11-18" in by_precision["day"]  # the meeting "Monday"
    assert by_precision["week"] == {"2024-11-11"}  # the ratification "last week"
    assert "2024-06" in by_precision["month"]  # the treaty signed "in June"


def test_timex_seed_002_uses_the_caption_date_as_reference() -> None:
    article = _article(ARTICLES / "seeds" / "002.json")
    assert article["published"] is None
    paragraphs = article["text"].split("\n")
    reference = reference_from_text(paragraphs, "ja")
    assert reference == date(2024, 6, 18)
    weekdays = [
        e.date
        for paragraph in paragraphs
        for e in find_time_expressions(paragraph, "ja", reference, "text")
        if e.rule == "ja.weekday"
    ]
    # The arrival "on Wednesday" is the day after the Tuesday caption, not a week before it.
    assert "2024-06-19" in weekdays
    assert all(d in {"2024-06-18", "2024-06-19"} for d in weekdays)
