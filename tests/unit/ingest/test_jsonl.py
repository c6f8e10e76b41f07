"""Article JSON Lines: one document per valid line, BAD_RECORD with line number otherwise."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from watchfloor.ingest.jsonl import ArticleRecord, article_record, iter_jsonl, parse_article
from watchfloor.records import MediaType, RawDocument, Reason, Rejected, doc_id_for, sha256_hex

NOW = datetime(2024, 11, 19, 10, 0, tzinfo=UTC)


def read(data: bytes, max_bytes: int = 10_000) -> list[RawDocument | Rejected]:
    return list(
        iter_jsonl(io.BytesIO(data), location="/in/a.jsonl", max_bytes=max_bytes, clock=lambda: NOW)
    )


def test_jsonl_valid_line_becomes_document_with_hints() -> None:
    record = {
        "url": "https://example.com/a",
        "html": "<p>平壌で会談</p>",
        "title": "会談",
        "published": "2024-11-19T19:05:00+09:00",
        "lang": "ja",
        "site": "example.com",
    }
    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    (doc,) = read(line + b"\n")
    assert isinstance(doc, RawDocument)
    assert doc.data == line
    assert doc.sha256 == sha256_hex(line)
    assert doc.doc_id == doc_id_for("https://example.com/a")
    assert doc.media_type is MediaType.ARTICLE_JSON
    assert doc.provenance.kind == "jsonl" and doc.provenance.line == 1
    assert doc.hints.title == "会談" and doc.hints.lang == "ja" and doc.hints.site == "example.com"
    assert doc.hints.published == "2024-11-19T19:05:00+09:00"
    assert doc.fetched_at == NOW
    parsed = article_record(doc)
    assert isinstance(parsed, ArticleRecord)
    assert parsed.html == "<p>平壌で会談</p>" and parsed.text is None


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        (b"{not json", "invalid JSON"),
        (b"[1, 2, 3]", "not an object"),
        (b'"a string"', "not an object"),
        (b'{"text": "t"}', "missing url"),
        (b'{"url": 5, "text": "t"}', "url must be a string"),
        (b'{"url": "  ", "text": "t"}', "url is empty"),
        (b'{"url": "u"}', "missing both html and text"),
        (b'{"url": "u", "html": null, "text": null}', "missing both html and text"),
        (b'{"url": "u", "text": ["a"]}', "text must be a string"),
        (b'{"url": "u", "text": "t", "published": 20241119}', "published must be a string"),
        (b'{"url": "u", "text": "t", "title": {"a": 1}}', "title must be a string"),
        (b'{"url": "u", "text": "\xff\xfe"}', "not UTF-8"),
    ],
)
def test_jsonl_bad_lines_are_bad_records(line: bytes, fragment: str) -> None:
    good = b'{"url": "https://example.com/ok", "text": "fine"}'
    items = read(good + b"\n" + line + b"\n" + good + b"\n")
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejected", "RawDocument"]
    bad = items[1]
    assert isinstance(bad, Rejected)
    assert bad.reason is Reason.BAD_RECORD
    assert bad.detail.startswith("line 2:") and fragment in bad.detail
    assert bad.data == line
    assert bad.provenance is not None and bad.provenance.line == 2


def test_jsonl_blank_lines_are_not_inputs_and_crlf_is_stripped() -> None:
    data = b'\n  \n{"url": "u1", "text": "a"}\r\n\r\n{"url": "u2", "text": "b"}'
    items = read(data)
    assert [i.url for i in items] == ["u1", "u2"]
    assert [i.provenance.line for i in items if i.provenance] == [3, 5]
    assert items[0].data == b'{"url": "u1", "text": "a"}'


def test_jsonl_blank_html_and_text_is_empty() -> None:
    (item,) = read(b'{"url": "u", "html": "  ", "text": ""}')
    assert isinstance(item, Rejected)
    assert item.reason is Reason.EMPTY
    assert item.url == "u"


@pytest.mark.parametrize(("size", "kept"), [(150, True), (500, False)])
def test_jsonl_long_line_is_too_large(size: int, kept: bool) -> None:
    long_line = json.dumps({"url": "u", "text": "x" * size}).encode()
    items = read(long_line + b'\n{"url": "v", "text": "y"}\n', max_bytes=100)
    assert isinstance(items[0], Rejected)
    assert items[0].reason is Reason.TOO_LARGE
    assert (items[0].data == long_line) is kept
    assert isinstance(items[1], RawDocument) and items[1].url == "v"


def test_jsonl_parse_article_accepts_bom() -> None:
    parsed = parse_article('\ufeff{"url": "u", "text": "t"}'.encode())
    assert isinstance(parsed, ArticleRecord)


def test_jsonl_article_record_rejects_non_json_document() -> None:
    from tests.conftest import make_raw

    result = article_record(make_raw("u", b"not json", MediaType.ARTICLE_JSON))
    assert isinstance(result, Rejected)
    assert result.reason is Reason.BAD_RECORD
