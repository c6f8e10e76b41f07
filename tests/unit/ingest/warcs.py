"""Build small WARC archives in memory for tests, with warcio's writer and our own pages."""

from __future__ import annotations

import io

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

Record = tuple[str, str, bytes, str, str]  # (type, url, body, content type, status line)


def page(i: int) -> bytes:
    return (
        f"<html><body><article><p>Report {i}: delegations met in Pyongyang to discuss trade "
        f"and transport.</p></article></body></html>"
    ).encode()


def build_warc(records: list[Record], *, gzip: bool = True, warcinfo: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    if warcinfo:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for rec_type, url, body, ctype, status in records:
        if rec_type == "response":
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-11-19T10:05:00Z"},
            )
        elif rec_type == "request":
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a")], is_http_request=True)
            record = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), http_headers=headers
            )
        else:
            record = writer.create_warc_record(
                url,
                rec_type,
                payload=io.BytesIO(body),
                warc_content_type=ctype,
                warc_headers_dict={"WARC-Date": "2024-11-19T10:05:00Z"},
            )
        writer.write_record(record)
    return buffer.getvalue()


def html_response(i: int) -> Record:
    return ("response", f"https://news.example/{i}", page(i), "text/html; charset=utf-8", "200 OK")


def record_ends(data: bytes) -> list[int]:
    """Where each record of a whole, valid archive ends (its closing blank lines included)."""
    iterator = ArchiveIterator(io.BytesIO(data))
    starts = []
    for _ in iterator:
        starts.append(iterator.get_record_offset())
    return [*starts[1:], len(data)]
