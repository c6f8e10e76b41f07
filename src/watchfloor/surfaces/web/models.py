"""Pydantic response and request models of the REST API: the INTERCHANGE.md export rows.

Field names and meanings are the export contract (``watchfloor.surfaces.export``); a test keeps
these models and the export row builders in step. Pydantic lives only here, at the edge.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from watchfloor.records import Stance, Status


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True)


class SectionRow(_Row):
    lang: str
    title: str | None
    text: str


class DocumentRow(_Row):
    doc_id: str
    url: str
    site: str | None
    title: str | None
    published: str | None = Field(description="ISO 8601")
    author: str | None
    credits: list[str]
    sections: list[SectionRow]
    source_kind: str | None
    reliability: float | None
    machine_translated: bool | None
    content_farm: bool | None
    origin_id: str | None
    copy_of: str | None
    story_id: str | None


class MentionRow(_Row):
    section: int
    start: int
    end: int
    text: str
    method: str
    confidence: float


class EntityRow(_Row):
    doc_id: str
    entity_id: str
    canonical_name: str
    kind: str
    provisional: bool
    mentions: list[MentionRow]


class ClaimRow(_Row):
    claim_id: str
    doc_id: str
    event_id: str | None
    type: str = Field(description="PLOVER event type")
    mode: str | None
    actors: list[str]
    recipients: list[str]
    date: str | None = Field(description="YYYY-MM-DD, YYYY-MM or YYYY")
    date_precision: str | None
    place: str | None
    asserted_by: list[str]
    stance: Stance
    status: Status
    negated: bool
    evidence: str = Field(description="the evidence sentence, in its original language")
    section: int
    start: int
    end: int
    confidence: float
    context: list[str]
    object: str | None
    quantity: str | None
    date_rule: str | None
    extractor: str


class TrailRow(_Row):
    claim_id: str
    doc_id: str
    asserted_by: list[str]
    stance: Stance
    status: Status
    site: str | None


class EventRow(_Row):
    event_id: str
    type: str
    mode: str | None
    actors: list[str]
    recipients: list[str]
    date: str | None
    date_precision: str | None
    place: str | None
    status: Status
    claim_ids: list[str]
    doc_ids: list[str]
    first_reported: str | None
    origins: int = Field(description="distinct copy groups reporting the event")
    corroboration: int = Field(description="independent origins, content farms excluded")
    asserted_by: list[str]
    story_id: str | None
    trail: list[TrailRow]


class StoryRow(_Row):
    story_id: str
    doc_ids: list[str]
    titles: dict[str, str] = Field(description="language -> title")
    languages: list[str]
    first_published: str | None
    last_published: str | None


class SourceRow(_Row):
    site: str
    kind: str
    country: str | None = Field(description="ISO 3166-1 alpha-3")
    state_affiliated: bool
    reliability: float
    factors: dict[str, float]
    documents: int


class LeadRow(_Row):
    lead_id: str
    category: str
    provision: str
    event_ids: list[str]
    doc_ids: list[str]
    reliability: float
    summary: str = Field(description="a lead for analyst review, never a finding")


class SearchHitRow(_Row):
    doc_id: str
    section: int
    lang: str
    title: str | None
    snippet: str


class EdgeRow(_Row):
    """An actor-actor edge of the network over a time window."""

    source: str
    target: str
    weight: int = Field(description="number of events linking the two actors")
    types: dict[str, int] = Field(description="event type -> number of events")
    event_ids: list[str]
    symmetric: bool = Field(description="undirected (meetings, agreements) or actor -> recipient")
    dominant_type: str
    colour: str = Field(description="colour of the dominant type, #rrggbb")


class QuarantineRow(_Row):
    id: int
    doc_id: str | None
    url: str | None
    stage: str
    reason: str
    detail: str
    bytes: int
    provenance: str | None
    created_at: str
    retried_at: str | None
    resolved: bool


class MemberRow(_Row):
    entity_id: str
    lang: str
    name: str


class ProposalRow(_Row):
    """An entry of the entity review queue and the decision taken on it, if any."""

    proposal_id: str
    label: str
    kind: str
    members: list[MemberRow]
    mentions: int
    evidence: list[str]
    decision: str | None = Field(description="accept, reject, or null while pending")


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a listing: ``items[offset : offset + limit]`` of ``total``."""

    items: list[T]
    total: int
    limit: int
    offset: int


class ErrorOut(BaseModel):
    detail: str


class IngestUrls(BaseModel):
    model_config = ConfigDict(extra="forbid")

    urls: list[str] = Field(min_length=1, max_length=500)


class IngestOut(BaseModel):
    inputs: int
    new: int
    updated: int
    unchanged: int
    processed: int
    read_rejected: int
    quarantined: dict[str, int]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: str = Field(pattern="^(accept|reject)$")
    note: str = Field(default="", max_length=2000)


class DecisionOut(BaseModel):
    proposal_id: str
    decision: str
    decided_at: str
    actor_id: str | None = Field(
        description="the user-registry actor an accepted proposal was written as"
    )


class RetryOut(BaseModel):
    id: int
    resolved: bool
