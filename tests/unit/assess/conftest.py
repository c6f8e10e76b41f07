"""Articles built by hand for the assess tests (a fixture returning a builder)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from watchfloor.records import Article, Section, Span, doc_id_for

DEFAULT_DATE = datetime(2024, 6, 19, tzinfo=UTC)


def _article(
    text: str,
    lang: str,
    *,
    url: str = "https://example-unknown-news.info/a/1",
    site: str | None = None,
    published: datetime | None = DEFAULT_DATE,
    author: str | None = None,
    credits: tuple[str, ...] = (),
    removed: tuple[str, ...] = (),
    title: str | None = None,
) -> Article:
    return Article(
        doc_id=doc_id_for(url),
        url=url,
        sha256="0" * 64,
        site=site if site is not None else url.split("/")[2],
        title=title,
        published=published,
        published_source="input" if published else None,
        author=author,
        credits=credits,
        sections=(Section(lang, title, text, (Span(0, len(text)),)),),
        extractor="test",
        removed=removed,
    )


@pytest.fixture
def make_article() -> Callable[..., Article]:
    def build(text: str, lang: str, **kwargs: Any) -> Article:
        return _article(text, lang, **kwargs)

    return build
