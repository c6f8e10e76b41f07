"""Feeds: every item comes out once: fetched page, own content, or a rejection with the item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.unit.ingest.conftest import PAGE_EN, LocalServer, feed_xml

from watchfloor.ingest.feeds import Feed, iter_feed_items, parse_feed
from watchfloor.ingest.fetch import Fetcher, NotModified
from watchfloor.records import MediaType, RawDocument, Reason, Rejected

EXAMPLE_FEED = Path(__file__).resolve().parents[3] / "examples" / "feed.xml"
LONG = "Officials in Seoul said talks with Moscow on transport links would resume next week. " * 4

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://news.example/"/>
<entry><title>One</title><link href="/a/1"/><id>1</id><updated>2024-11-19T10:05:00Z</updated>
<content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry>
<entry><title>No link</title><id>2</id><summary>short</summary></entry>
</feed>""".encode()


def parse(data: bytes) -> Feed:
    feed = parse_feed(data, location="/feeds/a.xml")
    assert isinstance(feed, Feed)
    return feed


def test_feeds_parse_atom_items_and_resolve_links() -> None:
    feed = parse(ATOM)
    assert feed.title == "A"
    first, second = feed.items
    assert first.link == "https://news.example/a/1"
    assert first.published == "2024-11-19T10:05:00+00:00"
    assert first.content_is_html and first.text_chars >= 200
    assert second.link is None
    assert json.loads(second.data)["title"] == "No link"


def test_feeds_offline_items_with_content_become_documents() -> None:
    items = list(
        iter_feed_items(
            parse(ATOM), location="/feeds/a.xml", fetcher=None, follow=False, max_bytes=100_000
        )
    )
    doc, bad = items
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://news.example/a/1"
    assert doc.media_type is MediaType.HTML
    assert doc.hints.title == "One"
    assert doc.provenance.kind == "feed" and doc.provenance.feed == "/feeds/a.xml"
    assert isinstance(bad, Rejected) and bad.reason is Reason.BAD_RECORD
    assert json.loads(bad.data)["index"] == 2


def test_feeds_short_item_not_followed_is_no_text() -> None:
    rss = b"""<rss version="2.0"><channel><title>t</title><item><title>x</title>
    <link>https://news.example/x</link><description>Short teaser.</description></item>
    </channel></rss>"""
    (item,) = iter_feed_items(parse(rss), location="f", fetcher=None, follow=True, max_bytes=10_000)
    assert isinstance(item, Rejected)
    assert item.reason is Reason.NO_TEXT
    assert json.loads(item.data)["link"] == "https://news.example/x"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is not xml", Reason.BAD_RECORD),
        (b'<rss version="2.0"><channel><title>t</title></channel></rss>', Reason.EMPTY),
    ],
)
def test_feeds_bad_or_empty_feed_is_one_rejection(data: bytes, reason: Reason) -> None:
    result = parse_feed(data, location="f")
    assert isinstance(result, Rejected)
    assert result.reason is reason
    assert result.data == data


def test_feeds_follow_fetches_pages_and_quarantines_failures(
    local_http_server: LocalServer,
) -> None:
    feed = parse(feed_xml(local_http_server.base).encode())
    fetcher = Fetcher(allow_private=True, per_host_delay=0, retries=0)
    page, missing = iter_feed_items(
        feed,
        location=local_http_server.url("/feed.xml"),
        fetcher=fetcher,
        follow=True,
        max_bytes=100_000,
    )
    assert isinstance(page, RawDocument)
    assert page.data == PAGE_EN.encode()
    assert page.hints.title == "Envoys meet in Pyongyang"
    assert page.hints.published == "2024-11-19T10:05:00+00:00"
    assert page.hints.charset == "utf-8"
    assert isinstance(missing, Rejected)
    assert missing.reason is Reason.NOT_FOUND
    assert json.loads(missing.data)["title"] == "Missing page"


def test_feeds_refused_fetch_falls_back_to_item_content(local_http_server: LocalServer) -> None:
    rss = f"""<rss version="2.0"><channel><title>t</title><item><title>x</title>
    <link>{local_http_server.url("/page.html")}</link><description>{LONG}</description></item>
    </channel></rss>""".encode()
    fetcher = Fetcher(allow_private=False, per_host_delay=0, retries=0)
    (doc,) = iter_feed_items(
        parse(rss), location="f", fetcher=fetcher, follow=True, max_bytes=10_000
    )
    assert isinstance(doc, RawDocument)
    assert LONG.strip() in doc.data.decode()
    assert local_http_server.hits["/page.html"] == 0


def test_feeds_not_modified_item_is_reported(local_http_server: LocalServer) -> None:
    rss = f"""<rss version="2.0"><channel><title>t</title><item><title>x</title>
    <link>{local_http_server.url("/etag")}</link></item></channel></rss>""".encode()
    fetcher = Fetcher(allow_private=True, per_host_delay=0, retries=0)
    first = list(
        iter_feed_items(parse(rss), location="f", fetcher=fetcher, follow=True, max_bytes=10**5)
    )
    second = list(
        iter_feed_items(parse(rss), location="f", fetcher=fetcher, follow=True, max_bytes=10**5)
    )
    assert isinstance(first[0], RawDocument)
    assert isinstance(second[0], NotModified)


def test_feeds_example_feed_yields_documents_offline() -> None:
    feed = parse(EXAMPLE_FEED.read_bytes())
    items = list(
        iter_feed_items(
            feed, location=str(EXAMPLE_FEED), fetcher=None, follow=False, max_bytes=1_000_000
        )
    )
    assert len(items) == len(feed.items) >= 3
    assert all(isinstance(i, RawDocument) for i in items)
