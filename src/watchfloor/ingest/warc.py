"""WARC and WARC.gz archives, read with warcio: one item per response/resource record.

``response``, ``resource`` and ``conversion`` records are inputs: an HTML/text payload with a
2xx status becomes a RawDocument; other payloads (images, PDF), non-2xx responses and
``revisit`` records are quarantined with their bytes. ``warcinfo``, ``request`` and
``metadata`` records describe a crawl and are not inputs.

warcio silently stops at a truncated record or a cut gzip member, so after iterating we compare
where the last good record ended with the size of the archive: anything left over (other than
padding) becomes one ``BAD_RECORD`` holding those bytes. Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from watchfloor.ingest.raw import build_document, quarantine_bytes, too_large
from watchfloor.ingest.sniff import sniff
from watchfloor.records import InputHints, MediaType, Provenance, RawDocument, Reason, Rejected

STAGE = "ingest.warc.v1"

DOCUMENT_RECORDS = frozenset({"response", "resource", "conversion"})
_MEDIA_BY_MIME = {
    "text/html": MediaType.HTML,
    "application/xhtml+xml": MediaType.HTML,
    "text/plain": MediaType.TEXT,
    "text/markdown": MediaType.MARKDOWN,
    "text/x-markdown": MediaType.MARKDOWN,
}
_SNIFF_MIMES = frozenset({"", "application/octet-stream", "unk", "unknown", "text/unknown"})
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.I)


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _charset(content_type: str | None) -> str | None:
    match = _CHARSET_RE.search(content_type or "")
    return match.group(1) if match else None


def _warc_date(value: str | None, clock: Callable[[], datetime]) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return clock()


def _unread(record: Any) -> int:
    """Bytes the record's header promised but the stream did not deliver."""
    remaining = getattr(record.raw_stream, "limit", 0)
    return remaining if isinstance(remaining, int) else 0


def _read_payload(record: Any, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` payload bytes, and whether the record's block was cut short."""
    data = record.content_stream().read(limit)
    return data, len(data) < limit and _unread(record) > 0


def iter_warc(
    stream: IO[bytes],
    *,
    location: str,
    max_bytes: int,
    clock: Callable[[], datetime] | None = None,
) -> Iterator[RawDocument | Rejected]:
    """Yield one item per document record of a seekable WARC stream, then any corrupt tail."""
    now = clock or (lambda: datetime.now(UTC))
    size = stream.seek(0, 2)
    stream.seek(0)
    good_end = 0
    failure = "archive ends in a truncated or unreadable record"
    iterator = ArchiveIterator(stream, check_digests=False)
    records = iter(iterator)
    while True:
        try:
            record = next(records)
            rec_type = record.rec_type
            if rec_type in DOCUMENT_RECORDS or rec_type == "revisit":
                payload, truncated = _read_payload(record, 2 * max_bytes + 1)
            else:
                iterator.read_to_end()
                payload, truncated = b"", _unread(record) > 0
            offset = iterator.get_record_offset()
            length = iterator.get_record_length()
        except StopIteration:
            break
        except Exception as exc:  # warcio raises many types on corrupt input
            failure = f"unreadable record: {type(exc).__name__}: {exc}"
            break
        if not rec_type or record.rec_headers.get_header("Content-Length") is None:
            failure = f"record at offset {offset} has an incomplete WARC header"
            good_end = offset
            break
        if truncated:
            failure = f"record at offset {offset} is truncated"
            good_end = offset
            break
        good_end = offset + length
        if rec_type in DOCUMENT_RECORDS or rec_type == "revisit":
            yield _record_item(record, payload, offset, location, max_bytes, now)
    tail = _tail(stream, good_end, size, max_bytes)
    if tail is not None:
        data, tail_size = tail
        yield Rejected(
            doc_id=None,
            stage=STAGE,
            reason=Reason.BAD_RECORD,
            detail=f"{failure}; {tail_size} bytes from offset {good_end} not readable"
            + ("" if data else " (not kept: over twice max_bytes)"),
            data=data,
            provenance=Provenance(kind="warc", location=location, offset=good_end),
        )


def _tail(stream: IO[bytes], start: int, size: int, max_bytes: int) -> tuple[bytes, int] | None:
    """The unread rest of the archive after ``start``, unless it is only padding."""
    if start >= size:
        return None
    stream.seek(start)
    head = stream.read(min(size - start, 2 * max_bytes + 1))
    if not head.strip(b"\r\n\t \x00"):
        return None
    return (head if size - start <= 2 * max_bytes else b""), size - start


def _record_item(
    record: Any,
    payload: bytes,
    offset: int,
    location: str,
    max_bytes: int,
    clock: Callable[[], datetime],
) -> RawDocument | Rejected:
    headers = record.rec_headers
    url = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    provenance = Provenance(kind="warc", location=location, offset=offset)
    fetched_at = _warc_date(headers.get_header("WARC-Date"), clock)

    def reject(reason: Reason, detail: str, data: bytes = payload) -> Rejected:
        return Rejected(None, STAGE, reason, detail, data, provenance, url or None)

    if record.rec_type == "revisit":
        return reject(Reason.UNSUPPORTED_TYPE, "revisit record: its payload is stored elsewhere")
    if not url:
        return reject(Reason.BAD_RECORD, f"{record.rec_type} record without WARC-Target-URI")
    if len(payload) > max_bytes:
        return too_large(
            len(payload),
            max_bytes,
            data=quarantine_bytes(payload, max_bytes),
            provenance=provenance,
            url=url,
            stage=STAGE,
        )
    http = record.http_headers if record.rec_type == "response" else None
    if http is not None:
        content_type = http.get_header("Content-Type")
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return reject(Reason.FETCH_ERROR, f"HTTP status {status or '?'} in the archive")
    else:
        content_type = headers.get_header("Content-Type")
    mime = _mime(content_type)
    media = _MEDIA_BY_MIME.get(mime)
    if media is None and (mime in _SNIFF_MIMES or mime.startswith("text/")):
        media = sniff(payload, name=url, content_type=content_type).media_type
    if media is None:
        return reject(Reason.UNSUPPORTED_TYPE, f"payload is {mime or 'of unknown type'}")
    hints = InputHints(charset=_charset(content_type), content_type=content_type)
    return build_document(
        payload,
        url=url,
        media_type=media,
        provenance=provenance,
        fetched_at=fetched_at,
        max_bytes=max_bytes,
        hints=hints,
        stage=STAGE,
    )
