"""WARC reader: response/resource records to documents, corrupt tails to one BAD_RECORD."""

from __future__ import annotations

import gzip as gzip_module
import io
import re
from datetime import UTC, datetime

import pytest
from tests.unit.ingest.samples import JA
from tests.unit.ingest.warcs import build_warc, html_response, page, record_ends

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


def check_cut(data: bytes, keep: int) -> list[RawDocument | Rejected]:
    """Read ``data[:keep]`` and assert the exact outcome of a cut of a valid archive.

    Records that end by the cut are documents, in order; anything after them is one
    BAD_RECORD holding exactly the rest. A cut between two records leaves a valid archive.
    """
    ends = record_ends(data)
    items = read(data[:keep])
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.data for d in docs] == [page(j) for j in range(sum(e <= keep for e in ends[1:]))]
    bad = items[len(docs) :]
    assert len(bad) == (0 if keep in ends or keep == 0 else 1), (keep, ends, items)
    if bad:
        assert isinstance(bad[0], Rejected) and bad[0].reason is Reason.BAD_RECORD
        assert bad[0].provenance is not None and bad[0].provenance.offset is not None
        assert bad[0].data == data[bad[0].provenance.offset : keep]
    return items


@pytest.mark.parametrize("back", range(1, 9))
def test_warc_gzip_member_cut_in_its_trailer_is_a_bad_record(back: int) -> None:
    # regression (property example n=4, gzip, cut=0.5625): the deflate data of the third
    # member is whole but its CRC/size trailer is cut; warcio read it as a good record and
    # the two later records vanished without a BAD_RECORD
    data = build_warc([html_response(i) for i in range(4)])
    ends = record_ends(data)
    items = check_cut(data, ends[2] - back)
    assert len(items) == 2
    assert items[1].provenance is not None and items[1].provenance.offset == ends[1]
    assert isinstance(items[1], Rejected) and "gzip member" in items[1].detail


def test_warc_property_example_cut_at_nine_sixteenths() -> None:
    data = build_warc([html_response(i) for i in range(4)])
    items = check_cut(data, int(len(data) * 0.5625))
    assert isinstance(items[-1], Rejected)


@pytest.mark.parametrize("back", [1, 2, 3])
def test_warc_last_record_without_closing_blank_lines_is_a_bad_record(back: int) -> None:
    data = build_warc([html_response(i) for i in range(3)], gzip=False)
    items = check_cut(data, len(data) - back)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Rejected"]


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_every_cut_is_accounted_for(gzip: bool) -> None:
    data = build_warc([html_response(i) for i in range(3)], gzip=gzip)
    for keep in range(1, len(data) + 1):
        check_cut(data, keep)


@pytest.mark.parametrize("after", [b"Content-Length:", b"Content-Length: ", b"Content-Length: 1"])
def test_warc_header_cut_inside_content_length_is_a_bad_record(after: bytes) -> None:
    data = build_warc([html_response(0), html_response(1)], gzip=False)
    ends = record_ends(data)
    at = data.index(after, ends[1]) + len(after)  # inside the second response's header
    items = check_cut(data, at)
    assert isinstance(items[-1], Rejected) and items[-1].provenance is not None
    assert items[-1].provenance.offset == ends[1]


def test_warc_wrong_content_length_mid_archive_stops_with_the_rest(
    capfd: pytest.CaptureFixture[str],
) -> None:
    data = build_warc([html_response(0), html_response(1)], gzip=False)
    ends = record_ends(data)
    match = re.compile(rb"Content-Length: (\d+)").search(data, ends[0])
    assert match is not None
    short = str(int(match.group(1)) - 10).encode().rjust(len(match.group(1)), b"0")
    broken = data[: match.start(1)] + short + data[match.end(1) :]
    items = read(broken)
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert items[0].reason is Reason.BAD_RECORD
    assert items[0].provenance is not None and items[0].provenance.offset == ends[0]
    assert items[0].data == broken[ends[0] :]
    assert capfd.readouterr().err == ""  # reported as a rejection, not as warcio's stderr line


def test_warc_gzipped_as_one_stream_is_read_whole() -> None:
    plain = build_warc([html_response(i) for i in range(3)], gzip=False)
    items = read(gzip_module.compress(plain))
    assert [i.data for i in items] == [page(0), page(1), page(2)]
    # offsets refer to the decompressed archive
    assert [i.provenance.offset for i in items if i.provenance] == record_ends(plain)[:3]


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9, 0.999])
def test_warc_gzipped_as_one_stream_and_cut_ends_in_one_bad_record(cut: float) -> None:
    plain = build_warc([html_response(i) for i in range(3)], gzip=False)
    packed = gzip_module.compress(plain)
    items = read(packed[: int(len(packed) * cut)])
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.data for d in docs] == [page(j) for j in range(len(docs))]
    assert len(docs) < 3
    assert len(items) == len(docs) + 1
    last = items[-1]
    assert isinstance(last, Rejected) and last.reason is Reason.BAD_RECORD
    assert last.provenance is not None and last.provenance.offset is not None
    start = last.provenance.offset
    if "decompressed" in last.detail:  # read after decompressing: the rest of the plain archive
        assert last.data == plain[start : start + len(last.data)]
    else:  # cut inside the first record: the compressed bytes as they are
        assert docs == [] and last.data == packed[start : int(len(packed) * cut)]


@pytest.mark.parametrize(
    ("rec_type", "reason"),
    [("continuation", Reason.UNSUPPORTED_TYPE), ("bogus", Reason.BAD_RECORD)],
)
@pytest.mark.parametrize("gzip", [True, False])
def test_warc_unknown_or_continuation_record_is_quarantined(
    rec_type: str, reason: Reason, gzip: bool
) -> None:
    odd = (rec_type, "https://news.example/odd", b"segment bytes", "text/plain", "")
    items = read(build_warc([html_response(0), odd, html_response(1)], gzip=gzip))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejected", "RawDocument"]
    assert isinstance(items[1], Rejected)
    assert items[1].reason is reason
    assert items[1].data == b"segment bytes"
    assert items[1].url == "https://news.example/odd"
