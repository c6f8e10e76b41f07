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
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import is_dubious_html, repair_faulty_html

from watchfloor.extract.html_meta import (
    DATETIME_FORMAT,
    meta_author,
    normalise_datetime,
    page_language,
    page_metadata,
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


def _parser() -> HTMLParser:
    """trafilatura's HTML parser settings, with lxml's C-level element class lookup.

    lxml.html's own lookup is a Python method called for every element object the extractors
    touch (half a million per hundred pages); it only differs in giving form, input, select,
    textarea and label elements subclasses with form helpers, which no extractor uses.
    """
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


_PARSER = _parser()


def parse_html(html: str) -> HtmlElement | None:
    """A page's tree as trafilatura's ``load_html`` builds it from a string, with ``_PARSER``.

    None for input that is not markup (no "html" at the start and at most one top element).
    """
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree: HtmlElement | None = None
    from_bytes = False
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _parse_bytes(html), True
    except Exception:  # as in load_html: whatever lxml raises on a broken page means no tree
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _parse_bytes(html)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _parse_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # as in trafilatura's fromstring_bytes
        return None


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


def extract_html(html: str, url: str | None = None, *, find_date: bool = True) -> HtmlExtraction:
    """Extract the main text (one paragraph per line, no boilerplate) and metadata of a page.

    ``find_date=False`` skips the publication-date search (``published`` is None): for inputs
    that supply the date, it saves the search's time (htmldate, a tenth of the page's).
    """
    if not html or not html.strip():
        return HtmlExtraction(None, "", None, None, None, None, reason=Reason.EMPTY)
    tree = parse_html(html)
    if tree is None:  # trafilatura refuses input that does not look like markup
        return HtmlExtraction(None, "", None, None, None, None, reason=Reason.NO_TEXT)
    precise, full = _candidates(tree, url)
    # Metadata last: the passes above work on copies, so the parsed tree is still whole here.
    meta = page_metadata(tree, url, date_params() if find_date else None)
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


def date_params() -> dict[str, Any]:
    """htmldate settings: trafilatura's extensive search, with the time and offset kept."""
    return {**set_date_params(True), "outputformat": DATETIME_FORMAT}


def _reason(text: str) -> Reason | None:
    return None if text else Reason.NO_TEXT
