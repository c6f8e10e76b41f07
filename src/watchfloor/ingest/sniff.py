"""Decide what kind of input some bytes are, from magic bytes, content and the file name.

Content wins over the name when it is decisive (a ``.html`` file that is a PNG is a PNG); the
name decides between look-alikes (``.md`` text is Markdown, ``.jsonl`` is JSON Lines even when
its first line is malformed, so every line is still counted and quarantined one by one).
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from enum import StrEnum

from watchfloor.ingest.decode import Decoded, decode_bytes
from watchfloor.records import MediaType, Reason

SNIFF_BYTES = 65_536  # how much of an input is looked at


class InputKind(StrEnum):
    """What an input is: one document, a container of items, or something we cannot use."""

    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"
    JSONL = "jsonl"
    WARC = "warc"
    FEED = "feed"
    GZIP = "gzip"  # a compressed single input; look inside
    EMPTY = "empty"
    UNSUPPORTED = "unsupported"  # a known non-text format (PDF, image, archive, ...)
    BINARY = "binary"  # bytes that decode to no plausible text


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The kind of an input and the evidence for it."""

    kind: InputKind
    detail: str

    @property
    def media_type(self) -> MediaType | None:
        """The document media type for single-document kinds; None for containers/rejects."""
        return _MEDIA.get(self.kind)

    @property
    def reason(self) -> Reason | None:
        """The rejection reason for kinds that cannot be ingested; None otherwise."""
        return _REASONS.get(self.kind)


_MEDIA = {
    InputKind.HTML: MediaType.HTML,
    InputKind.TEXT: MediaType.TEXT,
    InputKind.MARKDOWN: MediaType.MARKDOWN,
}
_REASONS = {
    InputKind.EMPTY: Reason.EMPTY,
    InputKind.UNSUPPORTED: Reason.UNSUPPORTED_TYPE,
    InputKind.BINARY: Reason.UNDECODABLE,
}

# Magic numbers of formats that are not text news inputs.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "zip archive (or docx/xlsx/epub)"),
    (b"PK\x05\x06", "empty zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (doc/xls)"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM media"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00asm", "WebAssembly"),
)

_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp")
_TEXT_EXT = (".txt", ".text")
_MD_EXT = (".md", ".markdown", ".mdown", ".mkd")
_JSONL_EXT = (".jsonl", ".ndjson", ".jsonlines")
_JSONL_MIMES = ("application/x-ndjson", "application/jsonl", "application/jsonlines")
_FEED_EXT = (".rss", ".atom")

_HTML_RE = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<(?:p|div|article|h1|br)[\s>/]",
    re.I,
)
_FEED_RE = re.compile(r"<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]", re.I)
_MD_RE = re.compile(r"^(?:#{1,6} \S|\* \S|- \S|> \S|```|\d+\. \S)|\[[^\]\n]+\]\([^)\s]+\)", re.M)
_XML_DECL_RE = re.compile(r"^\s*<\?xml", re.I)


def _lower_name(name: str | None) -> str:
    return (name or "").lower()


def _strip_gz(name: str) -> str:
    return name[:-3] if name.endswith(".gz") else name


def _gunzip_head(data: bytes) -> bytes | None:
    """The first bytes of a gzip stream, or None if it is corrupt from the start."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, SNIFF_BYTES)
    except zlib.error:
        return None


def _mime_of(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def sniff(
    data: bytes,
    *,
    name: str | None = None,
    content_type: str | None = None,
) -> Sniffed:
    """Classify the head of an input; ``name`` is a path or URL, ``content_type`` an HTTP one."""
    head = data[:SNIFF_BYTES]
    lname = _lower_name(name).split("?", 1)[0].split("#", 1)[0]
    if not head.strip():
        return Sniffed(InputKind.EMPTY, "no bytes" if not head else "only whitespace")
    if head.startswith(b"\x1f\x8b"):
        inner = _gunzip_head(head)
        if inner is None:
            return Sniffed(InputKind.BINARY, "corrupt gzip stream")
        if inner.startswith(b"WARC/"):
            return Sniffed(InputKind.WARC, "gzip-compressed WARC records")
        return Sniffed(InputKind.GZIP, "gzip-compressed input")
    if head.startswith(b"WARC/"):
        return Sniffed(InputKind.WARC, "WARC record header")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return Sniffed(InputKind.UNSUPPORTED, what)
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return Sniffed(InputKind.UNSUPPORTED, f"RIFF {head[8:12].decode('ascii').strip()} media")

    if lname.endswith(_JSONL_EXT) or _mime_of(content_type) in _JSONL_MIMES:
        # Named JSON Lines: judged line by line, so one binary line cannot sink the others.
        return Sniffed(InputKind.JSONL, "JSON Lines by name or content type")
    decoded = decode_bytes(head, declared=_charset_of(content_type))
    if not isinstance(decoded, Decoded):
        return Sniffed(InputKind.BINARY, decoded.detail)
    return _sniff_text(decoded.text, lname, _mime_of(content_type))


def _charset_of(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([^\s;\"]+)", content_type or "", re.I)
    return match.group(1) if match else None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _is_json_object_line(line: str) -> bool:
    if not (line.startswith("{") and line.endswith("}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _sniff_text(text: str, lname: str, mime: str) -> Sniffed:
    """Classify decoded text: feed, HTML, JSON Lines, Markdown or plain text."""
    start = text.lstrip("\ufeff \t\r\n")[:4096]
    if start.startswith("{"):
        if _is_json_object_line(_first_line(text)):
            return Sniffed(InputKind.JSONL, "first line is a JSON object")
        return Sniffed(InputKind.UNSUPPORTED, "JSON that is not one object a line")
    if start.startswith("["):
        return Sniffed(InputKind.UNSUPPORTED, "JSON array, not JSON Lines")
    if start.startswith("<"):
        if _FEED_RE.search(start):
            return Sniffed(InputKind.FEED, "RSS/Atom root element")
        if _HTML_RE.search(text[:SNIFF_BYTES]):
            return Sniffed(InputKind.HTML, "HTML markup")
        if _XML_DECL_RE.match(start) or mime.endswith("xml"):
            return Sniffed(InputKind.UNSUPPORTED, "XML that is neither a feed nor XHTML")
    by_name = mime in ("application/rss+xml", "application/atom+xml") or lname.endswith(_FEED_EXT)
    if by_name and _FEED_RE.search(start):
        return Sniffed(InputKind.FEED, "feed by name or content type")
    if mime in ("text/html", "application/xhtml+xml") or lname.endswith(_HTML_EXT):
        return Sniffed(InputKind.HTML, "HTML by name or content type")
    if mime == "text/markdown" or lname.endswith(_MD_EXT):
        return Sniffed(InputKind.MARKDOWN, "Markdown by name or content type")
    if lname.endswith(_TEXT_EXT) or mime == "text/plain":
        return Sniffed(InputKind.TEXT, "plain text by name or content type")
    if _HTML_RE.search(text[:4096]) and start.startswith("<"):
        return Sniffed(InputKind.HTML, "HTML markup")
    if len(_MD_RE.findall(text[:SNIFF_BYTES])) >= 3 and _MD_RE.match(start):
        return Sniffed(InputKind.MARKDOWN, "Markdown headings, lists or links")
    return Sniffed(InputKind.TEXT, "plain text")
