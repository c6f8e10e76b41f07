"""sniff: content decides when decisive, the name decides between look-alikes."""

from __future__ import annotations

import gzip

import pytest
from tests.unit.ingest.samples import JA, KO

from watchfloor.ingest.sniff import InputKind, sniff
from watchfloor.records import MediaType, Reason


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", InputKind.HTML),
        (b"<html><head><title>t</title></head></html>", None, InputKind.HTML),
        ("<p>北朝鮮</p>".encode("shift_jis"), "page.htm", InputKind.HTML),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed", InputKind.FEED),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', None, InputKind.FEED),
        (b'<?xml version="1.0"?><urlset></urlset>', "sitemap.xml", InputKind.UNSUPPORTED),
        (b'{"url": "u", "text": "t"}\n{"url": "v", "text": "t"}\n', "x.txt", InputKind.JSONL),
        (b"not json at all\n", "broken.jsonl", InputKind.JSONL),
        (b'{\n  "pretty": true\n}\n', "x.json", InputKind.UNSUPPORTED),
        (b"[1, 2]", "x.json", InputKind.UNSUPPORTED),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x", InputKind.WARC),
        (gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"), "a.warc.gz", InputKind.WARC),
        (gzip.compress(b"<html></html>"), "a.html.gz", InputKind.GZIP),
        (
            b"# Title\n\nSome *text* and a [link](http://a.b).\n\n- item\n",
            "notes",
            InputKind.MARKDOWN,
        ),
        (b"Just a line of text.", "notes.md", InputKind.MARKDOWN),
        (JA.encode("euc_jp"), "a.txt", InputKind.TEXT),
        (KO.encode("utf-16"), None, InputKind.TEXT),
        (b"%PDF-1.7\n%\xe2\xe3", "paper.html", InputKind.UNSUPPORTED),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.png", InputKind.UNSUPPORTED),
        (b"PK\x03\x04\x14\x00", "a.docx", InputKind.UNSUPPORTED),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", None, InputKind.UNSUPPORTED),
        (b"\x00\x01\x02\x03\x04\x05" * 20, "a.bin", InputKind.BINARY),
        (b"\x1f\x8bnot really gzip", "x.gz", InputKind.BINARY),
        (b"", "a.txt", InputKind.EMPTY),
        (b"  \n\t ", "a.txt", InputKind.EMPTY),
    ],
)
def test_sniff_kinds(data: bytes, name: str | None, kind: InputKind) -> None:
    result = sniff(data, name=name)
    assert result.kind is kind, result.detail
    assert result.detail


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/html; charset=utf-8", InputKind.HTML),
        ("text/plain", InputKind.TEXT),
        ("text/markdown", InputKind.MARKDOWN),
    ],
)
def test_sniff_uses_content_type_for_plain_bytes(content_type: str, kind: InputKind) -> None:
    assert (
        sniff(b"Some words of a page.", name="https://a.b/x", content_type=content_type).kind
        is kind
    )


@pytest.mark.parametrize(
    ("kind", "media", "reason"),
    [
        (InputKind.HTML, MediaType.HTML, None),
        (InputKind.TEXT, MediaType.TEXT, None),
        (InputKind.MARKDOWN, MediaType.MARKDOWN, None),
        (InputKind.JSONL, None, None),
        (InputKind.UNSUPPORTED, None, Reason.UNSUPPORTED_TYPE),
        (InputKind.BINARY, None, Reason.UNDECODABLE),
        (InputKind.EMPTY, None, Reason.EMPTY),
    ],
)
def test_sniff_maps_kinds_to_media_and_reasons(
    kind: InputKind, media: MediaType | None, reason: Reason | None
) -> None:
    from watchfloor.ingest.sniff import Sniffed

    sniffed = Sniffed(kind, "x")
    assert sniffed.media_type == media
    assert sniffed.reason == reason
