"""WARC and WARC.gz archives, read with warcio: one item per response/resource record.

``response``, ``resource`` and ``conversion`` records are inputs: an HTML/text payload with a
2xx status becomes a RawDocument; other payloads (images, PDF), non-2xx responses and
``revisit``, ``continuation`` and unknown-type records are quarantined with their bytes.
``warcinfo``, ``request`` and ``metadata`` records describe a crawl and are not inputs.

warcio silently stops at a truncated record or a cut gzip member, and accepts a member without
its trailer or a last record without its closing blank lines. So each record is checked whole
(Content-Length, gzip member end, closing CRLF CRLF) and the loop stops at the first that is
not; then whatever follows the last good record (other than padding) becomes one
``BAD_RECORD`` holding those bytes. A WARC gzipped as one stream (not one member per record) is
decompressed first, and its offsets refer to the decompressed archive. Nothing here raises on
bad input. A cut exactly between two records leaves a valid, shorter archive: undetectable.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from watchfloor.ingest.gunzip import gunzip_to
from watchfloor.ingest.raw import build_document, quarantine_bytes, too_large
from watchfloor.ingest.sniff import sniff
from watchfloor.records import InputHints, MediaType, Provenance, RawDocument, Reason, Rejected

STAGE = "ingest.warc.v1"
GZIP_EXPANSION = 100  # a WARC gzipped as one stream may decompress to this many times its size
SPOOL_BYTES = 32 << 20  # ...and is decompressed in memory up to this size, then on disk


class _QuietArchiveIterator(ArchiveIterator):
    """warcio writes a line to stderr per bad record boundary; we count ``err_count`` instead
    and quarantine the record with a reason, so the raw message would only be noise."""

    INC_RECORD = ""


DOCUMENT_RECORDS = frozenset({"response", "resource", "conversion"})
CRAWL_RECORDS = frozenset({"warcinfo", "request", "metadata"})  # describe a crawl: not inputs
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


def _valid_length(value: str | None) -> bool:
    # a header cut inside "Content-Length: 123" leaves an empty or partial value
    return value is not None and value.strip().isdigit()


def _peek(stream: IO[bytes], start: int, size: int) -> bytes:
    """``size`` bytes at ``start``, leaving the stream where warcio expects it."""
    position = stream.tell()
    stream.seek(start)
    data = stream.read(size)
    stream.seek(position)
    return data


class _NotChunked(Exception):
    """The archive is one gzip stream, not one gzip member per record."""


@dataclass(frozen=True, slots=True)
class _Read:
    """Where the record loop stopped: the end of the last good record, and why."""

    good_end: int
    failure: str


def _framing_problem(
    iterator: ArchiveIterator,
    stream: IO[bytes],
    *,
    offset: int,
    length: int,
    errors_before: int,
    cut: str | None,
) -> str | None:
    """Why a record that warcio read whole is still not complete, or None if it is.

    warcio accepts a gzip member without its trailer, a record without its closing blank
    lines and a Content-Length that overruns the block (it only warns), so a cut there would
    drop every later record silently.
    """
    next_line = iterator.next_line or b""
    if iterator.err_count > errors_before:
        return "is not followed by a blank line (wrong Content-Length?)"
    decompressor = getattr(iterator.reader, "decompressor", None)
    if decompressor is not None:
        # each record must fill exactly one member: more data after it means one gzip stream
        if next_line.startswith(b"WARC/"):
            raise _NotChunked
        if next_line:
            return "shares its gzip member with other data"
        return None if getattr(decompressor, "eof", True) else "is cut inside its gzip member"
    if next_line:
        return None  # another record follows, so this one ended
    if cut is not None:
        return f"is the last one before the archive was cut ({cut})"
    # the spec closes every record with CRLF CRLF; fewer line breaks at the end means a cut
    if _peek(stream, offset + length, 8).count(b"\n") < 2:
        return "is cut before its closing blank lines"
    return None


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
    try:
        yield from _iter_records(stream, size, location, max_bytes, now, cut=None, note="")
        return
    except _NotChunked:
        pass  # raised before any item was yielded
    stream.seek(0)
    limit = max(GZIP_EXPANSION * size, GZIP_EXPANSION * max_bytes)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as plain:
        unzipped = gunzip_to(stream, plain, limit=limit)
        plain.seek(0)
        yield from _iter_records(
            plain,
            unzipped.size,
            location,
            max_bytes,
            now,
            cut=unzipped.problem,
            note=f" (one gzip stream, {unzipped.problem or 'complete'}: offsets are in the"
            " decompressed archive)",
        )


def _iter_records(
    stream: IO[bytes],
    size: int,
    location: str,
    max_bytes: int,
    now: Callable[[], datetime],
    *,
    cut: str | None,
    note: str,
) -> Iterator[RawDocument | Rejected]:
    """The record loop: items for good records, then one BAD_RECORD for any unread rest.

    ``cut`` says why the stream (a decompressed one) ended early, so its last record is suspect.
    Raises ``_NotChunked`` before yielding anything when the first gzip member holds more
    than one record.
    """
    stop = _Read(0, cut or "archive ends in a truncated or unreadable record")
    emitted = False
    iterator = _QuietArchiveIterator(stream, check_digests=False)
    records = iter(iterator)
    while True:
        try:
            record = next(records)
            errors_before = iterator.err_count
            rec_type = record.rec_type
            if rec_type not in CRAWL_RECORDS:
                payload, truncated = _read_payload(record, 2 * max_bytes + 1)
            else:
                iterator.read_to_end()
                payload, truncated = b"", _unread(record) > 0
            offset = iterator.get_record_offset()
            length = iterator.get_record_length()
            problem = None
            if not rec_type or not _valid_length(record.rec_headers.get_header("Content-Length")):
                problem = "has an incomplete WARC header"
            elif truncated:
                problem = "is truncated"
            else:
                problem = _framing_problem(
                    iterator,
                    stream,
                    offset=offset,
                    length=length,
                    errors_before=errors_before,
                    cut=cut,
                )
        except StopIteration:
            break
        except _NotChunked:
            if emitted:
                stop = _Read(offset, f"record at offset {offset} shares a gzip member")
                break
            raise
        except Exception as exc:  # warcio raises many types on corrupt input
            stop = _Read(stop.good_end, f"unreadable record: {type(exc).__name__}: {exc}")
            break
        if problem is not None:
            stop = _Read(offset, f"record at offset {offset} {problem}")
            break
        # the next record starts after this one's closing blank lines (outside ``length``
        # in an uncompressed archive)
        stop = _Read(max(offset + length, iterator.offset), stop.failure)
        if rec_type not in CRAWL_RECORDS:
            emitted = True
            yield _record_item(record, payload, offset, location, max_bytes, now)
    start = min(max(stop.good_end, 0), size)  # warcio offsets inside a member can be off
    tail = _tail(stream, start, size, max_bytes)
    if tail is not None:
        data, tail_size = tail
        yield Rejected(
            doc_id=None,
            stage=STAGE,
            reason=Reason.BAD_RECORD,
            detail=f"{stop.failure}; {tail_size} bytes from offset {start} not readable"
            + ("" if data else " (not kept: over twice max_bytes)")
            + note,
            data=data,
            provenance=Provenance(kind="warc", location=location, offset=start),
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
    if record.rec_type == "continuation":
        kept = quarantine_bytes(payload, max_bytes)
        return reject(Reason.UNSUPPORTED_TYPE, "continuation record: part of a larger one", kept)
    if record.rec_type not in DOCUMENT_RECORDS:
        kept = quarantine_bytes(payload, max_bytes)
        return reject(Reason.BAD_RECORD, f"unknown WARC-Type {record.rec_type!r}", kept)
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
