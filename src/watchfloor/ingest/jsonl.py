"""Article JSON Lines (INTERCHANGE.md): one document per valid line, one rejection per bad one.

A document's bytes are the line itself (without its line break), so the raw store keeps exactly
what the user gave; ``article_record`` parses them again for extraction. Blank lines are not
inputs. Lines longer than ``max_bytes`` are rejected as too large without being held in memory
whole beyond twice the limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

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

STAGE = "ingest.jsonl.v1"
_CHUNK = 1 << 20

_OPTIONAL_STRINGS = ("html", "text", "title", "published", "lang", "site")


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """The fields of one article JSON line, validated."""

    url: str
    html: str | None
    text: str | None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    site: str | None = None

    @property
    def hints(self) -> InputHints:
        return InputHints(
            title=self.title, published=self.published, lang=self.lang, site=self.site
        )


def parse_article(line: bytes) -> ArticleRecord | str:
    """Validate one line; return the record or a one-line reason it is not one."""
    try:
        value = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return f"not UTF-8 at byte {exc.start}"
    except (ValueError, RecursionError) as exc:
        return f"invalid JSON: {exc}"
    if not isinstance(value, dict):
        return f"a JSON {type(value).__name__}, not an object"
    url = value.get("url")
    if not isinstance(url, str):
        return "missing url" if url is None else f"url must be a string, not {_kind(url)}"
    if not url.strip():
        return "url is empty"
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        item = value.get(key)
        if item is not None and not isinstance(item, str):
            return f"{key} must be a string, not {_kind(item)}"
        fields[key] = item
    if fields["html"] is None and fields["text"] is None:
        return "missing both html and text"
    return ArticleRecord(url=url.strip(), **fields)


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def article_record(doc: RawDocument) -> ArticleRecord | Rejected:
    """The parsed fields of an ARTICLE_JSON document (so extraction knows html from text)."""
    parsed = parse_article(doc.data)
    if isinstance(parsed, ArticleRecord):
        return parsed
    return Rejected(
        doc_id=doc.doc_id,
        stage=STAGE,
        reason=Reason.BAD_RECORD,
        detail=parsed,
        data=doc.data,
        provenance=doc.provenance,
        url=doc.url,
    )


def line_to_item(
    line: bytes,
    *,
    line_no: int,
    location: str,
    fetched_at: datetime,
    kind: str = "jsonl",
) -> RawDocument | Rejected:
    """One non-blank line (without its line break) to a document or a BAD_RECORD/EMPTY."""
    provenance = Provenance(kind=kind, location=location, line=line_no)
    parsed = parse_article(line)
    if isinstance(parsed, str):
        return Rejected(
            doc_id=None,
            stage=STAGE,
            reason=Reason.BAD_RECORD,
            detail=f"line {line_no}: {parsed}",
            data=line,
            provenance=provenance,
        )
    doc_id = doc_id_for(parsed.url)
    if not (parsed.html or "").strip() and not (parsed.text or "").strip():
        return Rejected(
            doc_id=doc_id,
            stage=STAGE,
            reason=Reason.EMPTY,
            detail=f"line {line_no}: html and text are both blank",
            data=line,
            provenance=provenance,
            url=parsed.url,
        )
    return RawDocument(
        doc_id=doc_id,
        url=parsed.url,
        sha256=sha256_hex(line),
        data=line,
        media_type=MediaType.ARTICLE_JSON,
        provenance=provenance,
        fetched_at=fetched_at,
        hints=parsed.hints,
    )


def _strip_eol(line: bytes) -> bytes:
    if line.endswith(b"\n"):
        line = line[:-1]
    if line.endswith(b"\r"):
        line = line[:-1]
    return line


def iter_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes, int]]:
    """Yield (line number, line bytes, full length) for every line of a binary stream.

    Lines longer than ``max_bytes`` are consumed in chunks; their bytes are kept only while
    they stay within twice the limit (else ``b""``) and the full length is reported.
    """
    line_no = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        line_no += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line_no, _strip_eol(line), len(_strip_eol(line))
            continue
        kept: bytes | None = line
        total = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_CHUNK)
            if not line:
                break
            total += len(line)
            if kept is not None and total <= 2 * max_bytes:
                kept += line
            else:
                kept = None
        body = _strip_eol(kept) if kept is not None else b""
        yield line_no, body, total - (1 if line.endswith(b"\n") else 0)


def iter_jsonl(
    stream: IO[bytes],
    *,
    location: str,
    max_bytes: int,
    clock: Callable[[], datetime] | None = None,
    kind: str = "jsonl",
) -> Iterator[RawDocument | Rejected]:
    """Every non-blank line of an article JSON Lines stream as a document or a rejection."""
    now = clock or (lambda: datetime.now(UTC))
    for line_no, line, length in iter_lines(stream, max_bytes):
        if length > max_bytes:
            kept = "kept" if line else "not kept (over twice the limit)"
            yield Rejected(
                doc_id=None,
                stage=STAGE,
                reason=Reason.TOO_LARGE,
                detail=f"line {line_no}: {length} bytes exceeds max_bytes={max_bytes}; "
                f"bytes {kept}",
                data=line,
                provenance=Provenance(kind=kind, location=location, line=line_no),
            )
            continue
        if not line.strip():
            continue  # blank lines are not inputs
        yield line_to_item(line, line_no=line_no, location=location, fetched_at=now(), kind=kind)
