"""WARC reader: response/resource records to documents, corrupt tails to one BAD_RECORD."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from tests.unit.ingest.samples import JA
from tests.unit.ingest.warcs import build_warc, html_response, page

from watchfloor.ingest.warc import iter_warc
from watchfloor.records import MediaType, RawDocument, Reason, Rejected, doc_id_for


def read(data: bytes, max_bytes: int = 100_000) -> list[RawDocument | Rejected]:
    return list(iter_warc(io.BytesIO(data), location="/a.warc.gz", max_bytes=max_bytes))


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_responses_become_documents(gzip: bool) -> None:
    data = build_warc(
        [html_response(1), ("request", "https://news.example/1", b"", "", ""), html_response(2)],
        gzip=gzip,
    )
    items = read(data)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument"]
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.url == "https://news.example/1"
    assert first.doc_id == doc_id_for(first.url)
    assert first.data == page(1)
    assert first.media_type is MediaType.HTML
    assert first.hints.charset == "utf-8"
    assert first.hints.content_type == "text/html; charset=utf-8"
    assert first.fetched_at == datetime(2024, 11, 19, 10, 5, tzinfo=UTC)
    assert first.provenance.kind == "warc"
    assert first.provenance.offset is not None and first.provenance.offset > 0
    assert items[1].provenance is not None
    assert items[1].provenance.offset > first.provenance.offset  # type: ignore[operator]


def test_warc_shift_jis_page_keeps_charset_hint() -> None:
    body = f"<html><body><p>{JA}</p></body></html>".encode("shift_jis")
    rec = ("response", "https://news.example/ja", body, "text/html; charset=Shift_JIS", "200 OK")
    (doc,) = read(build_warc([rec]))
    assert isinstance(doc, RawDocument)
    assert doc.hints.charset == "Shift_JIS"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (
            (
                "response",
                "https://a/x.png",
                b"\x89PNG\r\n\x1a\n" + b"\x00" * 50,
                "image/png",
                "200 OK",
            ),
            Reason.UNSUPPORTED_TYPE,
        ),
        (
            ("response", "https://a/missing", b"<html>gone</html>", "text/html", "404 Not Found"),
            Reason.FETCH_ERROR,
        ),
        (("response", "https://a/empty", b"", "text/html", "200 OK"), Reason.EMPTY),
        (
            (
                "response",
                "https://a/bin",
                b"\x00\x01\x02" * 40,
                "application/octet-stream",
                "200 OK",
            ),
            Reason.UNSUPPORTED_TYPE,
        ),
    ],
)
def test_warc_non_document_responses_are_rejected_with_bytes(
    record: tuple[str, str, bytes, str, str], reason: Reason
) -> None:
    items = read(build_warc([record, html_response(1)]))
    assert len(items) == 2
    rejected = items[0]
    assert isinstance(rejected, Rejected)
    assert rejected.reason is reason
    assert rejected.data == record[2]
    assert rejected.url == record[1]
    assert isinstance(items[1], RawDocument)


def test_warc_resource_record_is_a_document() -> None:
    rec = ("resource", "https://news.example/r", page(7), "text/html", "")
    (doc,) = read(build_warc([rec]))
    assert isinstance(doc, RawDocument)
    assert doc.data == page(7)


def test_warc_payload_over_max_bytes_is_too_large() -> None:
    items = read(build_warc([html_response(1), html_response(2)]), max_bytes=60)
    assert all(isinstance(i, Rejected) and i.reason is Reason.TOO_LARGE for i in items)
    assert len(items) == 2


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("cut", [10, 150, 400, 0.5, 0.8])
def test_warc_truncated_archive_yields_good_records_then_one_bad_record(
    gzip: bool, cut: float
) -> None:
    data = build_warc([html_response(i) for i in range(4)], gzip=gzip)
    keep = int(len(data) * cut) if cut < 1 else len(data) - int(cut)
    items = read(data[:keep])
    docs = [i for i in items if isinstance(i, RawDocument)]
    bad = [i for i in items if isinstance(i, Rejected)]
    assert len(bad) <= 1
    assert items[: len(docs)] == docs  # good records first
    for doc in docs:
        assert doc.data == page(int(doc.url.rsplit("/", 1)[1]))
    if bad:
        assert bad[0].reason is Reason.BAD_RECORD
        offset = bad[0].provenance.offset if bad[0].provenance else None
        assert offset is not None
        assert bad[0].data == data[offset:keep]
    assert len(docs) < 4 or not bad


def test_warc_garbage_is_one_bad_record() -> None:
    items = read(b"WARC/1.0\r\nthis is not a warc record at all")
    assert len(items) == 1
    assert isinstance(items[0], Rejected) and items[0].reason is Reason.BAD_RECORD
