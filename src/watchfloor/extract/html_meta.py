"""Page metadata: trafilatura's fields minus the unused costly ones, plus what it leaves out or
flattens (language, CJK bylines, datetimes)."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

_LOG = logging.getLogger(__name__)

# Language declarations, most specific first: the root element, then meta tags.
_LANG_XPATHS = (
    "/html/@lang",
    "/html/@xml:lang",
    '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
    '="content-language"]/@content',
    '//meta[@property="og:locale"]/@content',
)
_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_AUTHOR_XPATHS = (
    '//meta[@name="author"]/@content',
    '//meta[@property="article:author"]/@content',
    '//meta[@name="byl"]/@content',
)
MAX_AUTHOR_CHARS = 60
# htmldate output "2019-11-19T13:03:00+0000": the offset lacks its colon.
_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
_MIDNIGHT_NO_ZONE = "T00:00:00"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def page_language(tree: HtmlElement) -> str | None:
    """Primary language subtag the page declares ("ja" for "ja-JP"), lowercased, or None."""
    for xpath in _LANG_XPATHS:
        for value in tree.xpath(xpath):
            match = _LANG_TAG.match(str(value).strip())
            if match:
                return match.group(1).lower()
    return None


def meta_author(tree: HtmlElement) -> str | None:
    """Author from meta tags, kept even without a space (CJK names are written unspaced)."""
    for xpath in _AUTHOR_XPATHS:
        for value in tree.xpath(xpath):
            name = " ".join(str(value).split())
            if name and len(name) <= MAX_AUTHOR_CHARS and "://" not in name:
                return name
    return None


def normalise_datetime(value: str | None) -> str | None:
    """ISO 8601 from htmldate output: colon in the offset; a bare midnight means date only.

    htmldate fills an unknown time with 00:00:00, so a midnight without an offset is reported
    as the date alone rather than as a precise time.
    """
    if not value:
        return None
    if value.endswith(_MIDNIGHT_NO_ZONE):
        value = value[: -len(_MIDNIGHT_NO_ZONE)]
    value = _OFFSET.sub(r"\1:\2", value) if "T" in value else value
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value


def page_metadata(
    tree: HtmlElement, url: str | None, date_params: dict[str, Any] | None
) -> Document:
    """trafilatura's ``extract_metadata`` (2.3.1, same steps and order) for what we use.

    Title, author, url, date and site name come out the same; link-scraped categories and tags
    and the license are skipped (a fifth of the metadata time, and the pipeline reads none of
    them): categories and tags are those of meta tags and JSON-LD only. ``date_params`` None
    skips the date search (htmldate) when the caller already knows the publication date.
    """
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as err:  # trafilatura guards its JSON-LD reader the same way
        _LOG.debug("JSON-LD metadata failed: %s", err)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    date_config = {**(date_params or {}), "url": metadata.url}
    metadata.date = find_date(tree, **date_config) if date_params is not None else None
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.filedate = date_config.get("max_date")
    metadata.clean_and_trim()
    return metadata
