"""Page metadata that trafilatura leaves out or flattens: language, CJK bylines, datetimes."""

from __future__ import annotations

import re
from datetime import date

from lxml.html import HtmlElement

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
