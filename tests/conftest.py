"""Shared fixtures: locating ../shared, building records by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from watchfloor.records import (
    Article,
    InputHints,
    MediaType,
    Provenance,
    RawDocument,
    Section,
    Span,
    doc_id_for,
    sha256_hex,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture
def shared() -> Path:
    """The real data in ../shared, read in place; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def make_raw(url: str, data: bytes, media_type: MediaType = MediaType.TEXT) -> RawDocument:
    return RawDocument(
        doc_id=doc_id_for(url),
        url=url,
        sha256=sha256_hex(data),
        data=data,
        media_type=media_type,
        provenance=Provenance(kind="file", location=url),
        fetched_at=datetime(2024, 11, 19, tzinfo=UTC),
        hints=InputHints(),
    )


def make_article(raw: RawDocument, sections: list[tuple[str, str | None, str]]) -> Article:
    return Article(
        doc_id=raw.doc_id,
        url=raw.url,
        sha256=raw.sha256,
        site="example.com",
        title=sections[0][1],
        published=datetime(2024, 11, 19, 19, 5, tzinfo=UTC),
        published_source="input",
        author=None,
        credits=("AFP",),
        sections=tuple(
            Section(lang, title, text, paragraphs=(Span(0, len(text)),))
            for lang, title, text in sections
        ),
        extractor="test",
    )


def english_headline_of_seed_000() -> str:
    """The expected English title of seed 000: the headline line right after the page's
    Japanese credit line (read from ../shared in place rather than copied into the repo)."""
    seed = next((SHARED / "seeds").glob("000_*.txt"))
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    credit = next(i for i, line in enumerate(lines) if line.startswith("〔AFP=時事〕"))
    return lines[credit + 1]
