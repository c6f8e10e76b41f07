"""Turn ingest targets (paths, directories, ``-``, URLs) into documents and rejections.

Every input item comes out exactly once, as a RawDocument, a Rejected, or (for a URL answered
with 304) a NotModified: inputs = stored + quarantined (+ unchanged). What counts as an input:
each regular file (hidden files and directories skipped), each non-blank JSON Lines line, each
response/resource record of a WARC plus one item for a corrupt tail, each feed item, each URL.
A container that yields nothing (a blank JSONL file, a WARC of only warcinfo) is one ``EMPTY``.

Identity (``url``): a file's ``file://`` URI, a page's final URL, a JSONL record's url, a WARC
record's target URI, and ``stdin:sha256:<hex>`` for a single document read from stdin.

Limits: ``max_bytes`` applies to each document (a file, a line, a WARC payload, a page), not to
containers, which are streamed. Oversized documents keep their bytes in quarantine up to twice
the limit (see ``raw.py``). Decompressed ``.gz`` inputs are capped at ``64 * max_bytes``.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import shutil
import sys
import tempfile
import traceback
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, BinaryIO
from urllib.parse import unquote, urlparse

from watchfloor.ingest.feeds import MIN_ITEM_CHARS, iter_feed_items, parse_feed
from watchfloor.ingest.fetch import Fetched, Fetcher, NotModified
from watchfloor.ingest.jsonl import iter_jsonl
from watchfloor.ingest.raw import STAGE, build_document, quarantine_bytes, too_large
from watchfloor.ingest.sniff import SNIFF_BYTES, InputKind, sniff
from watchfloor.ingest.warc import iter_warc
from watchfloor.records import InputHints, Provenance, RawDocument, Reason, Rejected, sha256_hex

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
Item = RawDocument | Rejected | NotModified
GZIP_EXPANSION_LIMIT = 64  # decompressed .gz inputs may be this many times max_bytes


@dataclass(frozen=True, slots=True)
class _Context:
    fetcher: Fetcher | None
    max_bytes: int
    follow_feeds: bool
    min_item_chars: int
    clock: Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class _Origin:
    """Where a stream came from: its name for sniffing, provenance, and identity."""

    name: str
    kind: str  # provenance kind: "file" | "url" | "stdin"
    location: str
    url: str | None  # None: derive from the bytes (stdin)
    content_type: str | None = None
    hints: InputHints | None = None
    fetched_at: datetime | None = None


def iter_inputs(
    targets: Sequence[str],
    *,
    fetcher: Fetcher | None,
    max_bytes: int,
    follow_feeds: bool,
    stdin: BinaryIO | None = None,
    min_feed_item_chars: int = MIN_ITEM_CHARS,
    clock: Callable[[], datetime] | None = None,
    raise_errors: bool = False,
) -> Iterator[Item]:
    """Yield one item per input found under ``targets`` (see the module docstring).

    Bad input never raises. An unexpected error inside one target becomes a ``STAGE_ERROR``
    rejection for that target and the others go on (``raise_errors=True`` re-raises, for tests).
    """
    ctx = _Context(
        fetcher, max_bytes, follow_feeds, min_feed_item_chars, clock or (lambda: datetime.now(UTC))
    )
    for target in targets:
        try:
            yield from _from_target(target, ctx, stdin)
        except Exception as exc:
            if raise_errors:
                raise
            yield Rejected(
                doc_id=None,
                stage=STAGE,
                reason=Reason.STAGE_ERROR,
                detail=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}",
                provenance=Provenance(kind="target", location=target),
            )


def _from_target(target: str, ctx: _Context, stdin: BinaryIO | None) -> Iterator[Item]:
    if target == "-":
        yield from _from_stdin(stdin if stdin is not None else sys.stdin.buffer, ctx)
        return
    lowered = target.lower()
    if lowered.startswith(("http://", "https://")):
        yield from _from_url(target, ctx)
        return
    if lowered.startswith("file://"):
        target = unquote(urlparse(target).path)
    elif _SCHEME_RE.match(target) and not os.path.exists(target):
        scheme = target.split("://", 1)[0]
        yield Rejected(
            None,
            STAGE,
            Reason.UNSUPPORTED_TYPE,
            f"scheme {scheme!r} not supported: give a path, '-', or an http(s) URL",
            provenance=Provenance(kind="target", location=target),
        )
        return
    yield from _from_path(Path(target), ctx)


def _not_found(path: Path, detail: str) -> Rejected:
    return Rejected(
        None,
        STAGE,
        Reason.NOT_FOUND,
        detail,
        provenance=Provenance(kind="file", location=str(path)),
    )


def _from_path(path: Path, ctx: _Context) -> Iterator[Item]:
    if not path.exists():
        yield _not_found(path, f"no such file or directory: {path}")
    elif path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield from _from_file(Path(root) / name, ctx)
    else:
        yield from _from_file(path, ctx)


def _from_file(path: Path, ctx: _Context) -> Iterator[Item]:
    absolute = path.resolve()
    if not absolute.is_file():
        yield Rejected(
            None,
            STAGE,
            Reason.UNSUPPORTED_TYPE,
            f"not a regular file: {path}",
            provenance=Provenance(kind="file", location=str(absolute)),
        )
        return
    try:
        stream = open(absolute, "rb")  # noqa: SIM115 - closed below, after the generator ends
    except OSError as exc:
        yield _not_found(absolute, f"cannot read {path}: {exc.strerror or exc}")
        return
    with stream:
        origin = _Origin(absolute.name, "file", str(absolute), absolute.as_uri())
        yield from _from_stream(stream, origin, ctx)


def _from_stdin(stdin: BinaryIO, ctx: _Context) -> Iterator[Item]:
    # Spool so WARC/JSONL readers can seek; stays in memory up to max_bytes.
    with tempfile.SpooledTemporaryFile(max_size=ctx.max_bytes) as spool:
        shutil.copyfileobj(stdin, spool)
        yield from _from_stream(spool, _Origin("-", "stdin", "-", None), ctx)


def _from_url(url: str, ctx: _Context) -> Iterator[Item]:
    provenance = Provenance(kind="url", location=url)
    if ctx.fetcher is None:
        yield Rejected(
            None,
            STAGE,
            Reason.FETCH_ERROR,
            "no fetcher: network access is off",
            b"",
            provenance,
            url,
        )
        return
    result = ctx.fetcher.fetch(url)
    if isinstance(result, NotModified):
        yield result
        return
    if not isinstance(result, Fetched):
        yield result.rejected(provenance=provenance)
        return
    origin = _Origin(
        result.url,
        "url",
        result.url,
        result.url,
        result.content_type,
        result.hints,
        result.fetched_at,
    )
    yield from _from_stream(io.BytesIO(result.data), origin, ctx)


def _read_upto(stream: IO[bytes], limit: int) -> bytes:
    stream.seek(0)
    return stream.read(limit)


def _from_stream(
    stream: IO[bytes], origin: _Origin, ctx: _Context, depth: int = 0
) -> Iterator[Item]:
    """Dispatch one seekable stream on what it sniffs as."""
    size = stream.seek(0, 2)
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    sniffed = sniff(head, name=origin.name, content_type=origin.content_type)
    provenance = Provenance(kind=origin.kind, location=origin.location)
    fetched_at = origin.fetched_at or ctx.clock()

    def reject(reason: Reason, detail: str) -> Rejected:
        kept = quarantine_bytes(_read_upto(stream, 2 * ctx.max_bytes + 1), ctx.max_bytes)
        return Rejected(None, STAGE, reason, detail, kept, provenance, origin.url)

    if sniffed.kind in (InputKind.WARC, InputKind.JSONL):
        stream.seek(0)
        if sniffed.kind is InputKind.WARC:
            items = iter_warc(
                stream, location=origin.location, max_bytes=ctx.max_bytes, clock=ctx.clock
            )
        else:
            items = iter_jsonl(
                stream, location=origin.location, max_bytes=ctx.max_bytes, clock=ctx.clock
            )
        count = 0
        for item in items:
            count += 1
            yield item
        if count == 0:
            yield reject(Reason.EMPTY, f"{sniffed.kind} input with no records")
        return
    if sniffed.kind is InputKind.GZIP:
        yield from _from_gzip(stream, origin, ctx, depth, reject)
        return
    reason = sniffed.reason
    if reason is not None:
        yield reject(reason, f"{origin.name}: {sniffed.detail}")
        return
    if size > ctx.max_bytes:
        kept = quarantine_bytes(_read_upto(stream, 2 * ctx.max_bytes + 1), ctx.max_bytes)
        yield too_large(size, ctx.max_bytes, data=kept, provenance=provenance, url=origin.url)
        return
    data = _read_upto(stream, size)
    if sniffed.kind is InputKind.FEED:
        feed_location = origin.location  # a file's path or a feed's URL, like other containers
        feed = parse_feed(data, location=feed_location)
        if isinstance(feed, Rejected):
            yield feed
            return
        yield from iter_feed_items(
            feed,
            location=feed_location,
            fetcher=ctx.fetcher,
            follow=ctx.follow_feeds,
            max_bytes=ctx.max_bytes,
            min_item_chars=ctx.min_item_chars,
            clock=ctx.clock,
        )
        return
    media = sniffed.media_type
    if media is None:  # every kind is handled above; keep the item rather than assume
        yield reject(Reason.UNSUPPORTED_TYPE, f"{origin.name}: {sniffed.detail}")
        return
    yield build_document(
        data,
        url=origin.url or f"stdin:sha256:{sha256_hex(data)}",
        media_type=media,
        provenance=provenance,
        fetched_at=fetched_at,
        max_bytes=ctx.max_bytes,
        hints=origin.hints,
    )


def _from_gzip(
    stream: IO[bytes],
    origin: _Origin,
    ctx: _Context,
    depth: int,
    reject: Callable[[Reason, str], Rejected],
) -> Iterator[Item]:
    """Decompress a .gz input (bounded) and dispatch what is inside."""
    if depth > 0:
        yield reject(Reason.UNSUPPORTED_TYPE, f"{origin.name}: gzip inside gzip")
        return
    limit = GZIP_EXPANSION_LIMIT * ctx.max_bytes
    stream.seek(0)
    with tempfile.SpooledTemporaryFile(max_size=ctx.max_bytes) as inner:
        try:
            with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
                copied = 0
                while chunk := unzipped.read(1 << 20):
                    copied += len(chunk)
                    if copied > limit:
                        yield reject(
                            Reason.TOO_LARGE, f"{origin.name}: decompresses to over {limit} bytes"
                        )
                        return
                    inner.write(chunk)
        except (OSError, EOFError, zlib.error) as exc:
            yield reject(Reason.UNDECODABLE, f"{origin.name}: corrupt gzip: {exc}")
            return
        name = origin.name[:-3] if origin.name.lower().endswith(".gz") else origin.name
        inner_origin = _Origin(
            name,
            origin.kind,
            origin.location,
            origin.url,
            None,
            origin.hints,
            origin.fetched_at,
        )
        yield from _from_stream(inner, inner_origin, ctx, depth + 1)
