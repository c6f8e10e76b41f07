"""The records that flow between stages: the vocabulary of the code (see DESIGN.md).

All records are frozen slotted dataclasses, advanced with ``dataclasses.replace``. Every record
carries the document id it belongs to. Offsets are character offsets into ``Section.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_for(url: str) -> str:
    """A document's id is derived from its identity, the url (INTERCHANGE.md)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


class MediaType(StrEnum):
    """What the raw bytes of a document are, as far as ingest could tell."""

    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"
    ARTICLE_JSON = "article-json"  # one line of the INTERCHANGE.md article JSON Lines


class Reason(StrEnum):
    """Stable reason codes for quarantined inputs and items."""

    UNDECODABLE = "undecodable"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    BAD_RECORD = "bad_record"
    FETCH_ERROR = "fetch_error"
    FORBIDDEN_ADDRESS = "forbidden_address"
    NOT_FOUND = "not_found"
    NO_TEXT = "no_text"
    STAGE_ERROR = "stage_error"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where raw bytes came from: a path, a URL, a WARC record, a line of a JSONL file."""

    kind: str  # "file" | "url" | "warc" | "jsonl" | "feed" | "stdin"
    location: str  # path or URL of the container
    line: int | None = None  # 1-based line for JSONL
    offset: int | None = None  # byte offset of a WARC record
    feed: str | None = None  # feed URL an item came from


@dataclass(frozen=True, slots=True)
class InputHints:
    """Metadata supplied with the input (JSONL fields, feed items, HTTP headers).

    Hints are used when extraction finds nothing better; ``lang`` is never trusted over the text.
    """

    title: str | None = None
    published: str | None = None  # ISO 8601 as given
    lang: str | None = None
    site: str | None = None
    charset: str | None = None  # from a Content-Type header
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Original bytes of one document, stored content-addressed before any processing."""

    doc_id: str
    url: str
    sha256: str
    data: bytes
    media_type: MediaType
    provenance: Provenance
    fetched_at: datetime
    hints: InputHints = field(default_factory=InputHints)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    """The part of an article in one language, with its own title."""

    lang: str  # ISO 639-1
    title: str | None
    text: str
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """Main text and metadata of one document, one Section per language present."""

    doc_id: str
    url: str
    sha256: str
    site: str | None
    title: str | None
    published: datetime | None  # tz-aware when known
    published_source: str | None  # "input" | "html-meta" | "text" | "url" | None
    author: str | None
    credits: tuple[str, ...]
    sections: tuple[Section, ...]
    extractor: str  # "extract.html.v1" etc.
    removed: tuple[str, ...] = ()  # boilerplate lines removed by the cleaner (for audit)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a section that names an entity."""

    doc_id: str
    section: int
    start: int
    end: int
    text: str
    entity_id: str
    canonical_name: str
    kind: str  # person, organization, country, place, ...
    provisional: bool
    confidence: float
    method: str  # "registry" | "ner" | "coref"


class Stance(StrEnum):
    REPORTS = "reports"
    ACCUSES = "accuses"
    DENIES = "denies"
    CONFIRMS = "confirms"
    CLAIMS = "claims"
    SPECULATES = "speculates"


class Status(StrEnum):
    ASSERTED = "asserted"
    ALLEGED = "alleged"
    DENIED = "denied"
    CONFIRMED = "confirmed"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement in one document: an event frame, who asserts it, and the evidence span."""

    claim_id: str
    doc_id: str
    section: int
    start: int  # evidence sentence offsets in the section text
    end: int
    evidence: str
    type: str  # PLOVER event type
    mode: str | None
    actors: tuple[str, ...]  # canonical names
    recipients: tuple[str, ...]
    asserted_by: tuple[str, ...]
    stance: Stance
    status: Status
    negated: bool = False
    context: tuple[str, ...] = ()  # PLOVER contexts / modality flags: planned, historical, ...
    # what the act is about: the kind of document signed ("protocol", "treaty", "plan"), or
    # for an allegation the alleged act ("AID/military personnel"); differing objects are
    # different events
    object: str | None = None
    quantity: str | None = None
    date: str | None = None  # YYYY-MM-DD | YYYY-MM | YYYY
    date_precision: str | None = None  # day | week | month | year
    date_rule: str | None = None
    place: str | None = None
    confidence: float = 0.5
    extractor: str = ""
    from_headline: bool = False


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input or item a stage could not process; it goes to quarantine with its bytes."""

    doc_id: str | None
    stage: str
    reason: Reason
    detail: str
    data: bytes = b""
    provenance: Provenance | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """A site's profile: what kind of outlet it is and how far to trust it, with the factors."""

    site: str
    # wire | newspaper | broadcaster | state_media | government | aggregator | blog | content_farm
    # | unknown
    kind: str
    country: str | None  # ISO 3166-1 alpha-3
    state_affiliated: bool
    reliability: float
    factors: tuple[tuple[str, float], ...] = ()  # (factor, contribution), in order of application
    documents: int = 0


@dataclass(frozen=True, slots=True)
class DocumentAssessment:
    """Per-document trust signals: source kind, reliability and content-farm / MT flags."""

    doc_id: str
    source_kind: str
    reliability: float
    machine_translated: bool
    content_farm: bool
    factors: tuple[tuple[str, float], ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Origin:
    """Documents that are copies, translations or rewrites of one another."""

    origin_id: str  # the first-published member
    doc_ids: tuple[str, ...]
    copy_of: tuple[tuple[str, str], ...] = ()  # (doc_id, doc_id it copies)


@dataclass(frozen=True, slots=True)
class Story:
    """Documents about one developing news item, across languages."""

    story_id: str
    doc_ids: tuple[str, ...]
    titles: tuple[tuple[str, str], ...]  # (lang, title)
    languages: tuple[str, ...]
    first_published: datetime | None
    last_published: datetime | None


@dataclass(frozen=True, slots=True)
class TrailEntry:
    """One claim behind an event: who asserts what, with which stance, in which source."""

    claim_id: str
    doc_id: str
    asserted_by: tuple[str, ...]
    stance: Stance
    status: Status
    site: str | None


@dataclass(frozen=True, slots=True)
class Event:
    """Claims from many documents about the same real-world happening."""

    event_id: str
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    date: str | None
    date_precision: str | None
    place: str | None
    status: Status
    claim_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    first_reported: datetime | None
    origins: int
    corroboration: int
    asserted_by: tuple[str, ...]
    trail: tuple[TrailEntry, ...] = ()
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class Lead:
    """A sanctions provision possibly engaged by events: for analyst review, never a finding."""

    lead_id: str
    category: str
    provision: str
    event_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    reliability: float
    summary: str
