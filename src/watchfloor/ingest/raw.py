"""Build a RawDocument from one document's bytes, or say why it cannot be one.

Shared by every reader (files, stdin, URLs, WARC records, feed items) so the checks are the
same everywhere: size, emptiness and, for text media, that the bytes decode to text.

Size policy: an input over ``max_bytes`` is ``TOO_LARGE``. Its bytes go to quarantine when they
are at most twice the limit (so raising the limit and retrying works from quarantine alone);
beyond that nothing is copied and the detail plus provenance say where the original is.
"""

from __future__ import annotations

from datetime import datetime

from watchfloor.ingest.decode import Decoded, decode_bytes
from watchfloor.records import (
    InputHints,
    MediaType,
    Provenance,
    RawDocument,
    Reason,
    Rejected,
    doc_id_for,
    sha256_hex,
)

STAGE = "ingest.sources.v1"


def quarantine_bytes(data: bytes, max_bytes: int) -> bytes:
    """The bytes to keep with a TOO_LARGE rejection: all of them up to twice the limit."""
    return data if len(data) <= 2 * max_bytes else b""


def too_large(
    size: int,
    max_bytes: int,
    *,
    data: bytes,
    provenance: Provenance,
    url: str | None = None,
    stage: str = STAGE,
) -> Rejected:
    kept = "kept" if data else "not kept (over twice the limit; see provenance)"
    return Rejected(
        doc_id=doc_id_for(url) if url else None,
        stage=stage,
        reason=Reason.TOO_LARGE,
        detail=f"{size} bytes exceeds max_bytes={max_bytes}; bytes {kept}",
        data=data,
        provenance=provenance,
        url=url,
    )


def build_document(
    data: bytes,
    *,
    url: str,
    media_type: MediaType,
    provenance: Provenance,
    fetched_at: datetime,
    max_bytes: int,
    hints: InputHints | None = None,
    stage: str = STAGE,
) -> RawDocument | Rejected:
    """Check size, emptiness and decodability, then wrap the bytes as a RawDocument."""
    doc_id = doc_id_for(url)
    hints = hints or InputHints()

    def reject(reason: Reason, detail: str, kept: bytes = data) -> Rejected:
        return Rejected(doc_id, stage, reason, detail, kept, provenance, url)

    if len(data) > max_bytes:
        return too_large(
            len(data),
            max_bytes,
            data=quarantine_bytes(data, max_bytes),
            provenance=provenance,
            url=url,
            stage=stage,
        )
    if not data.strip():
        return reject(Reason.EMPTY, "no bytes" if not data else "only whitespace")
    if media_type in (MediaType.HTML, MediaType.TEXT, MediaType.MARKDOWN):
        decoded = decode_bytes(data, declared=hints.charset, media_type=media_type)
        if not isinstance(decoded, Decoded):
            return reject(decoded.reason, decoded.detail)
        if not decoded.text.strip("\ufeff \t\r\n\x0b\x0c\u3000\xa0"):
            return reject(Reason.EMPTY, f"only whitespace once decoded as {decoded.encoding}")
    return RawDocument(
        doc_id=doc_id,
        url=url,
        sha256=sha256_hex(data),
        data=data,
        media_type=media_type,
        provenance=provenance,
        fetched_at=fetched_at,
        hints=hints,
    )
