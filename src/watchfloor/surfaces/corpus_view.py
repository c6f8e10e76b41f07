"""A read-only snapshot of what the analyst surfaces show: events, their claims, documents,
sources and leads, loaded from the store in a few queries and shared by every output."""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.records import Claim, Event, Lead, SourceProfile
from watchfloor.store.sqlite import SqliteStore


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What a surface says about a document: where it is from and how far to trust it."""

    doc_id: str
    url: str
    site: str | None
    title: str | None
    published: str | None  # ISO 8601 as stored
    source_kind: str | None  # None: not assessed
    reliability: float | None
    machine_translated: bool
    content_farm: bool
    origin_id: str | None
    languages: tuple[str, ...]

    @property
    def origin(self) -> str:
        """The copy group this document belongs to (itself when it copies nothing)."""
        return self.origin_id or self.doc_id

    @property
    def excluded(self) -> bool:
        """Machine-translated and content-farm documents never count as corroboration."""
        return self.machine_translated or self.content_farm


@dataclass(frozen=True, slots=True)
class CorpusView:
    events: tuple[Event, ...]
    claims: dict[str, Claim]
    docs: dict[str, DocInfo]
    claim_lang: dict[str, str]  # claim_id -> language of its section
    sources: dict[str, SourceProfile]
    leads: tuple[Lead, ...]

    def event_claims(self, event: Event) -> list[Claim]:
        return [self.claims[c] for c in event.claim_ids if c in self.claims]

    def event_docs(self, event: Event) -> list[DocInfo]:
        return [self.docs[d] for d in event.doc_ids if d in self.docs]


def load_docs(store: SqliteStore) -> dict[str, DocInfo]:
    langs: dict[str, list[str]] = {}
    for r in store.db.execute("SELECT doc_id, lang FROM sections ORDER BY doc_id, idx"):
        langs.setdefault(r["doc_id"], []).append(r["lang"])
    docs: dict[str, DocInfo] = {}
    for r in store.db.execute(
        "SELECT doc_id, url, site, title, published, source_kind, reliability,"
        " machine_translated, content_farm, origin_id FROM documents"
    ):
        docs[r["doc_id"]] = DocInfo(
            doc_id=r["doc_id"],
            url=r["url"],
            site=r["site"],
            title=r["title"],
            published=r["published"],
            source_kind=r["source_kind"],
            reliability=None if r["reliability"] is None else float(r["reliability"]),
            machine_translated=bool(r["machine_translated"]),
            content_farm=bool(r["content_farm"]),
            origin_id=r["origin_id"],
            languages=tuple(dict.fromkeys(langs.get(r["doc_id"], []))),
        )
    return docs


def load_view(store: SqliteStore) -> CorpusView:
    """Everything the surfaces read, in one pass over the store."""
    claims = {c.claim_id: c for c in store.get_claims()}
    section_lang = {
        (r["doc_id"], int(r["idx"])): r["lang"]
        for r in store.db.execute("SELECT doc_id, idx, lang FROM sections")
    }
    claim_lang = {cid: section_lang.get((c.doc_id, c.section), "und") for cid, c in claims.items()}
    return CorpusView(
        events=tuple(store.get_events()),
        claims=claims,
        docs=load_docs(store),
        claim_lang=claim_lang,
        sources={p.site: p for p in store.get_sources()},
        leads=tuple(store.get_leads()),
    )
