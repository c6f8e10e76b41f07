"""Main text and metadata from HTML pages.

Up to two trafilatura passes over one parsed tree: a precision-leaning one, then, when its text
is short, a recall-leaning one. The precision text is kept unless it lost most of the recall
text (then the page's layout defeated the stricter heuristics and the fuller text is the better
bet). Headline repeats at the top of the text are dropped (the title is metadata), and bodies
split into several same-styled blocks are joined again (see html_split).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import load_html

from watchfloor.extract.html_meta import (
    DATETIME_FORMAT,
    meta_author,
    normalise_datetime,
    page_language,
)
from watchfloor.extract.html_split import recover_split_body
from watchfloor.extract.html_text import drop_title_lines, text_weight, tidy_text
from watchfloor.records import Reason

# The precision text must keep at least this share of the recall text's characters to win.
# The benchmark F1 is flat for values from 0.3 to 0.6; 0.5 sits in the middle of the plateau.
MIN_PRECISION_SHARE = 0.5
# A precision text this long (Latin-equivalent characters) is trusted without the recall pass.
# Where the precision pass fails it keeps a few hundred characters of a several-thousand text;
# skipping the second pass for long texts saves a third of the time.
TRUSTED_PRECISION_WEIGHT = 1500

# trafilatura logs a warning for every page it finds no text in; the caller records a reason.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """What the HTML extractor found on one page. ``text`` has one paragraph per line."""

    title: str | None
    text: str
    author: str | None
    published: str | None  # ISO 8601: a date, or a datetime (with offset when the page has one)
    site_name: str | None
    lang: str | None
    description: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    canonical_url: str | None = None
    strategy: str = "none"  # which candidate supplied the text: precision | recall | none
    reason: Reason | None = None  # set when ``text`` is empty: EMPTY (blank input) or NO_TEXT


def _split_meta(value: object) -> tuple[str, ...]:
    """trafilatura returns categories/tags as lists (or comma-joined strings in old versions)."""
    if not value:
        return ()
    items = value if isinstance(value, list) else str(value).split(",")
    return tuple(s for s in (str(item).strip() for item in items) if s)


def _pass(tree: HtmlElement, url: str | None, *, precision: bool) -> str:
    """One trafilatura pass without fallbacks or comments, leaning to precision or recall."""
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,
        include_comments=False,
        include_tables=True,
        favor_precision=precision,
        favor_recall=not precision,
    )
    return tidy_text(doc.text or "") if isinstance(doc, Document) else ""


def _candidates(tree: HtmlElement, url: str | None) -> tuple[str, str]:
    """The precision text, and the recall text when the precision one is short (else "")."""
    # bare_extraction copies a parsed tree before cleaning it, so both passes share one parse.
    precise = _pass(tree, url, precision=True)
    if text_weight(precise) >= TRUSTED_PRECISION_WEIGHT:
        return precise, ""
    return precise, _pass(tree, url, precision=False)


def choose_text(precise: str, full: str) -> tuple[str, str]:
    """Pick the precision text unless it is much shorter than the recall text."""
    if precise and len(precise) >= MIN_PRECISION_SHARE * len(full):
        return precise, "precision"
    if full:
        return full, "recall"
    return "", "none"


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the main text (one paragraph per line, no boilerplate) and metadata of a page."""
    if not html or not html.strip():
        return HtmlExtraction(None, "", None, None, None, None, reason=Reason.EMPTY)
    tree = load_html(html)
    if tree is None:  # trafilatura refuses input that does not look like markup
        return HtmlExtraction(None, "", None, None, None, None, reason=Reason.NO_TEXT)
    precise, full = _candidates(tree, url)
    # Metadata last: the passes above work on copies, so the parsed tree is still whole here.
    meta = extract_metadata(tree, url, _date_params())
    # Without their headline repeats the two candidates compare on body text alone.
    text, strategy = choose_text(
        drop_title_lines(precise, meta.title), drop_title_lines(full, meta.title)
    )
    text = recover_split_body(tree, text)
    return HtmlExtraction(
        title=meta.title or None,
        text=text,
        author=meta.author or meta_author(tree),
        published=normalise_datetime(meta.date),
        site_name=meta.sitename or meta.hostname or None,
        lang=page_language(tree) or meta.language or None,
        description=meta.description or None,
        categories=_split_meta(meta.categories),
        tags=_split_meta(meta.tags),
        image=meta.image or None,
        canonical_url=meta.url or None,
        strategy=strategy,
        reason=_reason(text),
    )


def _date_params() -> dict[str, object]:
    """htmldate settings: trafilatura's extensive search, with the time and offset kept."""
    return {**set_date_params(True), "outputformat": DATETIME_FORMAT}


def _reason(text: str) -> Reason | None:
    return None if text else Reason.NO_TEXT
