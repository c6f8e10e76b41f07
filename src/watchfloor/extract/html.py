"""Main text and metadata from HTML pages."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """What the HTML extractor found on one page. ``text`` has one paragraph per line."""

    title: str | None
    text: str
    author: str | None
    published: str | None  # ISO 8601 date or datetime as found in the page
    site_name: str | None
    lang: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the main text and metadata of a page (placeholder: trafilatura defaults)."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return HtmlExtraction(None, "", None, None, None, None)
    return HtmlExtraction(
        title=doc.title,
        text=doc.text or "",
        author=doc.author,
        published=doc.date,
        site_name=doc.sitename,
        lang=doc.language,
    )
