"""RSS/Atom feeds, parsed with feedparser: each item becomes exactly one output.

The rule for an item (every item is an input; none may vanish):

1. No link: ``BAD_RECORD`` holding the item (as JSON).
2. Following (``follow=True`` and a fetcher): the linked page is fetched. A page becomes a
   RawDocument (identity: the final URL after redirects; hints: the item's title and date and
   the response's charset); a 304 is ``NotModified`` (the stored copy is current).
3. Not following, or the fetch failed, or the page is not a document: an item that carries
   substantial text itself (at least ``min_item_chars`` characters of content:encoded,
   atom:content or description, tags stripped, CJK counting two) becomes a RawDocument of
   that content (HTML or text, UTF-8), identity = the item's link. This is how a
   full-content feed is read offline.
4. Otherwise: the fetch failure (``FETCH_ERROR``, ``NOT_FOUND``, ``FORBIDDEN_ADDRESS``,
   ``TOO_LARGE``), or ``NO_TEXT`` when feeds are not followed, holding the item as JSON.

A file that is not a feed is ``BAD_RECORD``; a feed without items is ``EMPTY``.
"""

from __future__ import annotations

import calendar
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from watchfloor.ingest.fetch import Fetched, Fetcher, FetchFailed, NotModified
from watchfloor.ingest.raw import build_document, quarantine_bytes
from watchfloor.ingest.sniff import sniff
from watchfloor.records import InputHints, MediaType, Provenance, RawDocument, Reason, Rejected

STAGE = "ingest.feeds.v1"
MIN_ITEM_CHARS = 200

_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One RSS item or Atom entry."""

    index: int  # 1-based position in the feed
    link: str | None
    title: str | None
    published: str | None  # ISO 8601 UTC when the feed's date parses, else as given
    summary: str | None
    content: str | None  # full content (content:encoded, atom:content)
    content_is_html: bool
    guid: str | None
    data: bytes  # the item as JSON: what quarantine keeps

    @property
    def body(self) -> str:
        """The fullest text the item carries: content, else summary."""
        return self.content or self.summary or ""

    @property
    def text_chars(self) -> int:
        """Size of the body's text once tags are stripped, a CJK character counting two.

        Ideographs, kana and Hangul carry about twice the content of a Latin letter, so one
        threshold serves ja/ko/zh and en/ru items alike.
        """
        text = _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", self.body))).strip()
        return len(text) + len(_CJK_RE.findall(text))


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title and link and its items in order."""

    title: str | None
    link: str | None
    items: tuple[FeedItem, ...]
    warning: str | None = None  # what feedparser recovered from, if anything


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        try:
            stamp = calendar.timegm(parsed)
            return datetime.fromtimestamp(stamp, UTC).isoformat()
        except (OverflowError, ValueError, TypeError):
            pass
    raw = entry.get("published") or entry.get("updated")
    return str(raw) if raw else None


def _content(entry: Any) -> tuple[str | None, bool]:
    parts = entry.get("content") or []
    best = max(parts, key=lambda part: len(part.get("value", "")), default=None)
    if best is not None and best.get("value"):
        return str(best["value"]), "html" in str(best.get("type", "text/html"))
    return None, False


def _item(entry: Any, index: int, base: str | None, location: str) -> FeedItem:
    link = entry.get("link")
    if (
        link
        and entry.get("guidislink")
        and not str(link).lower().startswith(("http://", "https://"))
    ):
        link = None  # feedparser copies any guid/id into link; only an absolute URL is one
    if link and base:
        link = urljoin(base, link)
    content, content_is_html = _content(entry)
    summary = entry.get("summary")
    if content is None and summary:
        detail = entry.get("summary_detail") or {}
        content_is_html = "html" in str(detail.get("type", "text/html"))
    title = _text(entry.get("title"))
    published = _published(entry)
    guid = _text(entry.get("id"))
    summary = _text(summary)
    fields = {
        "feed": location,
        "index": index,
        "link": link or None,
        "title": title,
        "published": published,
        "summary": summary,
        "content": content,
        "guid": guid,
    }
    return FeedItem(
        index=index,
        link=_text(link),
        title=title,
        published=published,
        summary=summary,
        content=content,
        content_is_html=content_is_html,
        guid=guid,
        data=json.dumps(fields, ensure_ascii=False).encode("utf-8"),
    )


def _text(value: object) -> str | None:
    return str(value) if value else None


def parse_feed(data: bytes, *, location: str) -> Feed | Rejected:
    """Parse RSS/Atom bytes (never a URL: feedparser would fetch it) into items."""
    provenance = Provenance(kind="feed", location=location, feed=location)
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    except Exception as exc:  # feedparser is lenient, but a hostile file may still break it
        return Rejected(
            None, STAGE, Reason.BAD_RECORD, f"feed parser failed: {exc}", data, provenance
        )
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        why = parsed.get("bozo_exception") or "no RSS/Atom root element"
        return Rejected(
            None, STAGE, Reason.BAD_RECORD, f"not an RSS/Atom feed: {why}", data, provenance
        )
    channel = parsed.get("feed") or {}
    base = channel.get("link") or None
    items = tuple(_item(entry, i, base, location) for i, entry in enumerate(entries, 1))
    if not items:
        return Rejected(None, STAGE, Reason.EMPTY, "feed has no items", data, provenance)
    warning = str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    return Feed(channel.get("title") or None, base, items, warning)


def _hints(item: FeedItem, **extra: str | None) -> InputHints:
    return InputHints(title=item.title, published=item.published, **extra)


def item_document(
    item: FeedItem,
    *,
    feed_location: str,
    fetched_at: datetime,
    max_bytes: int,
) -> RawDocument | Rejected:
    """The item's own content as a document (identity: its link)."""
    url = item.link or f"{feed_location}#item-{item.index}"
    media = MediaType.HTML if item.content_is_html else MediaType.TEXT
    ctype = "text/html; charset=utf-8" if item.content_is_html else "text/plain; charset=utf-8"
    return build_document(
        item.body.encode("utf-8"),
        url=url,
        media_type=media,
        provenance=Provenance(kind="feed", location=url, feed=feed_location),
        fetched_at=fetched_at,
        max_bytes=max_bytes,
        hints=_hints(item, charset="utf-8", content_type=ctype),
        stage=STAGE,
    )


def _page_document(
    item: FeedItem, page: Fetched, feed_location: str, max_bytes: int
) -> RawDocument | Rejected:
    provenance = Provenance(kind="feed", location=page.url, feed=feed_location)
    media = sniff(page.data, name=page.url, content_type=page.content_type).media_type
    if media is None:
        return Rejected(
            None,
            STAGE,
            Reason.UNSUPPORTED_TYPE,
            f"item {item.index} links to {page.mime or 'an unknown type'}, not a page",
            quarantine_bytes(page.data, max_bytes),
            provenance,
            page.url,
        )
    return build_document(
        page.data,
        url=page.url,
        media_type=media,
        provenance=provenance,
        fetched_at=page.fetched_at,
        max_bytes=max_bytes,
        hints=_hints(item, charset=page.charset, content_type=page.content_type),
        stage=STAGE,
    )


def iter_feed_items(
    feed: Feed,
    *,
    location: str,
    fetcher: Fetcher | None,
    follow: bool,
    max_bytes: int,
    min_item_chars: int = MIN_ITEM_CHARS,
    clock: Callable[[], datetime] | None = None,
) -> Iterator[RawDocument | Rejected | NotModified]:
    """One output per item, following the rule in the module docstring."""
    now = clock or (lambda: datetime.now(UTC))
    for item in feed.items:
        provenance = Provenance(kind="feed", location=item.link or location, feed=location)
        if not item.link:
            yield Rejected(
                None,
                STAGE,
                Reason.BAD_RECORD,
                f"item {item.index} has no link",
                item.data,
                provenance,
            )
            continue
        substantial = item.text_chars >= min_item_chars
        own = item_document(item, feed_location=location, fetched_at=now(), max_bytes=max_bytes)
        if not follow or fetcher is None:
            if substantial:
                yield own
            else:
                yield Rejected(
                    None,
                    STAGE,
                    Reason.NO_TEXT,
                    f"item {item.index} carries {item.text_chars} characters "
                    f"(< {min_item_chars}) and feed items are not being fetched",
                    item.data,
                    provenance,
                    item.link,
                )
            continue
        result = fetcher.fetch(item.link)
        if isinstance(result, NotModified):
            yield result
            continue
        if isinstance(result, Fetched):
            page = _page_document(item, result, location, max_bytes)
            if isinstance(page, RawDocument) or not substantial:
                yield page
            else:
                yield own
            continue
        yield own if substantial else _failure(result, item, provenance)


def _failure(result: FetchFailed, item: FeedItem, provenance: Provenance) -> Rejected:
    rejected = result.rejected(provenance=provenance, data=item.data)
    return Rejected(
        rejected.doc_id,
        STAGE,
        rejected.reason,
        f"item {item.index}: {rejected.detail}",
        rejected.data,
        provenance,
        item.link,
    )
