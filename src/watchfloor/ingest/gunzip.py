"""Decompress a whole gzip stream (every member) into a file, bounded, saying if it was complete.

Used for WARCs gzipped as one stream instead of one member per record (``gzip a.warc``): warcio
cannot read those record by record, so the WARC reader decompresses them first.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import IO, Any

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # gzip header and trailer, checked by zlib


@dataclass(frozen=True, slots=True)
class Gunzipped:
    """Bytes written, and why decompression stopped early (None when the stream ended cleanly)."""

    size: int
    problem: str | None


def gunzip_to(source: IO[bytes], target: IO[bytes], *, limit: int) -> Gunzipped:
    """Write each gzip member of ``source`` (from its position) to ``target``, up to ``limit``."""
    written = 0
    decompressor: Any = None  # None between members
    data = b""
    while True:
        if not data:
            data = source.read(_CHUNK)
            if not data:
                break
        if decompressor is None:
            data = data.lstrip(b"\x00")  # some writers pad between members with NULs
            if not data:
                continue
            decompressor = zlib.decompressobj(_GZIP_WBITS)
        try:
            out = decompressor.decompress(data, limit - written + 1)
        except zlib.error as exc:
            return Gunzipped(written, f"corrupt gzip data after {written} bytes: {exc}")
        if written + len(out) > limit:
            target.write(out[: limit - written])
            return Gunzipped(limit, f"decompresses to over {limit} bytes")
        target.write(out)
        written += len(out)
        if decompressor.eof:
            data, decompressor = decompressor.unused_data, None
        else:
            data = decompressor.unconsumed_tail
    if decompressor is not None:
        return Gunzipped(written, "gzip stream ends inside a member")
    return Gunzipped(written, None)
