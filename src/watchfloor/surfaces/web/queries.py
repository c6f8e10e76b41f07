"""Read-side queries shared by the REST API and the HTML pages.

Rows come from the export row builders (``watchfloor.surfaces.export``) so the API, the pages and
the exports agree field for field; filters follow the CLI (`ClaimFilter`). Listings are small
enough for a laptop store to filter in Python after one query.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchfloor.errors import NotFound
from watchfloor.store.base import QuarantineItem
from watchfloor.store.sqlite import SqliteStore
from watchfloor.store.sqlite_derived import ClaimFilter
from watchfloor.surfaces import export

Row = dict[str, Any]


@contextmanager
def open_store(db_path: Path) -> Iterator[SqliteStore]:
    """One connection per request: sqlite3 connections must stay on the thread that made them."""
    store = SqliteStore(db_path, create=False)
    try:
        yield store
    finally:
        store.close()


def page(rows: list[Row], limit: int, offset: int) -> Row:
    return {
        "items": rows[offset : offset + limit],
        "total": len(rows),
        "limit": limit,
        "offset": offset,
    }


# -- documents -------------------------------------------------------------------------------
def document_row(store: SqliteStore, doc_id: str) -> Row:
    """The documents export row of one document (id, id prefix or url)."""
    article = store.get_article(doc_id)
    extra = store.db.execute(
        "SELECT source_kind, reliability, machine_translated, content_farm, origin_id, copy_of,"
        " story_id FROM documents WHERE doc_id = ?",
        (article.doc_id,),
    ).fetchone()
    return {
        "doc_id": article.doc_id,
        "url": article.url,
        "site": article.site,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "author": article.author,
        "credits": list(article.credits),
        "sections": [{"lang": s.lang, "title": s.title, "text": s.text} for s in article.sections],
        "source_kind": extra["source_kind"],
        "reliability": extra["reliability"],
        "machine_translated": _bool(extra["machine_translated"]),
        "content_farm": _bool(extra["content_farm"]),
        "origin_id": extra["origin_id"],
        "copy_of": extra["copy_of"],
        "story_id": extra["story_id"],
    }


def document_page(store: SqliteStore, *, limit: int, offset: int, lang: str | None = None) -> Row:
    summaries = store.list_documents(limit=limit, offset=offset, lang=lang)
    if lang:
        total = int(
            store.db.execute(
                "SELECT count(DISTINCT doc_id) FROM sections WHERE lang = ?", (lang,)
            ).fetchone()[0]
        )
    else:
        total = store.count_documents()
    items = [document_row(store, s.doc_id) for s in summaries]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What a page needs to cite a document: title, site, date and trust flags."""

    doc_id: str
    url: str
    title: str | None
    site: str | None
    published: str | None
    source_kind: str | None
    reliability: float | None
    machine_translated: bool
    content_farm: bool


def doc_meta(store: SqliteStore, doc_ids: Iterable[str]) -> dict[str, DocMeta]:
    ids = sorted(set(doc_ids))
    out: dict[str, DocMeta] = {}
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for r in store.db.execute(
            "SELECT doc_id, url, title, site, published, source_kind, reliability,"
            f" machine_translated, content_farm FROM documents WHERE doc_id IN ({marks})",
            chunk,
        ):
            out[r["doc_id"]] = DocMeta(
                doc_id=r["doc_id"],
                url=r["url"],
                title=r["title"],
                site=r["site"],
                published=r["published"],
                source_kind=r["source_kind"],
                reliability=r["reliability"],
                machine_translated=bool(r["machine_translated"]),
                content_farm=bool(r["content_farm"]),
            )
    return out


def section_langs(store: SqliteStore, doc_ids: Iterable[str]) -> dict[tuple[str, int], str]:
    """(doc_id, section index) -> language, to label evidence sentences with their language."""
    ids = sorted(set(doc_ids))
    out: dict[tuple[str, int], str] = {}
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for r in store.db.execute(
            f"SELECT doc_id, idx, lang FROM sections WHERE doc_id IN ({marks})", chunk
        ):
            out[(r["doc_id"], int(r["idx"]))] = r["lang"]
    return out


# -- claims and events -----------------------------------------------------------------------
def claim_list(store: SqliteStore, flt: ClaimFilter, *, event_id: str | None = None) -> list[Row]:
    """Claims export rows matching the CLI filters (and, optionally, one event)."""
    wanted = {c.claim_id for c in store.get_claims(flt)}
    rows = [r for r in export.claim_rows(store) if r["claim_id"] in wanted]
    if event_id is not None:
        rows = [r for r in rows if r["event_id"] == event_id]
    return rows


def claim_row(store: SqliteStore, claim_id: str) -> Row:
    for row in export.claim_rows(store):
        if row["claim_id"] == claim_id:
            return row
    raise NotFound(f"no claim {claim_id}")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Timeline filters; empty fields do not filter. Dates compare as ISO prefixes."""

    actor: str | None = None
    type: str | None = None
    status: str | None = None
    source_kind: str | None = None
    since: str | None = None
    until: str | None = None
    story_id: str | None = None
    doc_id: str | None = None


def event_list(store: SqliteStore, flt: EventFilter | None = None) -> list[Row]:
    """Events export rows in date order (undated last), filtered like the timeline.

    Actor, status, source-kind and date filters are the timeline module's (a person counts for
    their country there); type matches the type or the mode, as `watchfloor claims list` does.
    """
    flt = flt or EventFilter()
    rows = list(export.event_rows(store))
    ordered = _timeline_order(store, flt)
    if ordered is None:  # timeline module unavailable: same filters, done here
        kinds: dict[str, str | None] = {}
        if flt.source_kind:
            kinds = {
                r[0]: r[1] for r in store.db.execute("SELECT doc_id, source_kind FROM documents")
            }
        out = [r for r in rows if _event_matches(r, flt, kinds)]
        out.sort(key=event_sort_key)
        return out
    by_id = {r["event_id"]: r for r in rows}
    out = [by_id[i] for i in ordered if i in by_id]
    local = EventFilter(type=flt.type, story_id=flt.story_id, doc_id=flt.doc_id)
    return [r for r in out if _event_matches(r, local, {})]


def _timeline_order(store: SqliteStore, flt: EventFilter) -> list[str] | None:
    try:
        from watchfloor.surfaces.timeline import TimelineFilter, timeline
    except ImportError:
        return None
    entries = timeline(
        store,
        TimelineFilter(
            actors=(flt.actor,) if flt.actor else (),
            statuses=(flt.status,) if flt.status else (),
            source_kinds=(flt.source_kind,) if flt.source_kind else (),
            since=flt.since,
            until=flt.until,
        ),
    )
    return [e.event.event_id for e in entries]


def event_sort_key(row: Row) -> tuple[str, str]:
    date = row["date"] or (row["first_reported"] or "")[:10] or "~"
    return (date, row["event_id"])


def _event_matches(row: Row, flt: EventFilter, kinds: dict[str, str | None]) -> bool:
    if flt.actor:
        wanted = flt.actor.casefold()
        names = [n.casefold() for n in (*row["actors"], *row["recipients"])]
        if wanted not in names:
            return False
    if flt.type:
        t = flt.type.casefold()
        if t not in ((row["type"] or "").casefold(), (row["mode"] or "").casefold()):
            return False
    if flt.status and row["status"] != flt.status:
        return False
    if flt.source_kind and not any(kinds.get(d) == flt.source_kind for d in row["doc_ids"]):
        return False
    date = row["date"] or (row["first_reported"] or "")[:10]
    if flt.since and (not date or date < flt.since):
        return False
    if flt.until and (not date or date > flt.until + "\uffff"):
        return False
    if flt.story_id and row["story_id"] != flt.story_id:
        return False
    return not (flt.doc_id and flt.doc_id not in row["doc_ids"])


def event_row(store: SqliteStore, event_id: str) -> Row:
    for row in export.event_rows(store):
        if row["event_id"] == event_id:
            return row
    raise NotFound(f"no event {event_id}")


@dataclass(frozen=True, slots=True)
class TrailLine:
    """One line of a claim trail: who asserts what, with which stance, in which source."""

    claim: Row
    lang: str
    doc: DocMeta | None


def claim_trail(store: SqliteStore, events: list[Row]) -> dict[str, list[TrailLine]]:
    """event_id -> its claims with the evidence language and the citing document."""
    claim_ids = {c for e in events for c in e["claim_ids"]}
    claims = [r for r in export.claim_rows(store) if r["claim_id"] in claim_ids]
    docs = doc_meta(store, (c["doc_id"] for c in claims))
    langs = section_langs(store, docs)
    by_id = {c["claim_id"]: c for c in claims}
    out: dict[str, list[TrailLine]] = {}
    for e in events:
        lines = []
        for cid in e["claim_ids"]:
            c = by_id.get(cid)
            if c is None:
                continue
            lines.append(
                TrailLine(c, langs.get((c["doc_id"], c["section"]), ""), docs.get(c["doc_id"]))
            )
        out[e["event_id"]] = lines
    return out


# -- stories ---------------------------------------------------------------------------------
def story_list(store: SqliteStore, *, lang: str | None = None) -> list[Row]:
    rows = list(export.story_rows(store))
    if lang:
        rows = [r for r in rows if lang in r["languages"]]
    return rows


def story_row(store: SqliteStore, story_id: str) -> Row:
    for row in export.story_rows(store):
        if row["story_id"] == story_id:
            return row
    raise NotFound(f"no story {story_id}")


@dataclass(frozen=True, slots=True)
class StoryPiece:
    """One language section of one document of a story, for the side-by-side view."""

    doc: DocMeta
    section: int
    title: str | None
    excerpt: str


def story_columns(
    store: SqliteStore, story: Row, *, excerpt_chars: int = 700
) -> list[tuple[str, list[StoryPiece]]]:
    """One column per language: every section in that language of the story's documents."""
    docs = doc_meta(store, story["doc_ids"])
    columns: dict[str, list[StoryPiece]] = defaultdict(list)
    for doc_id in story["doc_ids"]:
        meta = docs.get(doc_id)
        if meta is None:
            continue
        for r in store.db.execute(
            "SELECT idx, lang, title, text FROM sections WHERE doc_id = ? ORDER BY idx", (doc_id,)
        ):
            text: str = r["text"]
            excerpt = text if len(text) <= excerpt_chars else text[:excerpt_chars].rstrip() + "…"
            columns[r["lang"]].append(StoryPiece(meta, int(r["idx"]), r["title"], excerpt))
    order = [lang for lang in story["languages"] if lang in columns]
    order += sorted(set(columns) - set(order))
    for lang in order:
        columns[lang].sort(key=lambda p: p.doc.published or "")
    return [(lang, columns[lang]) for lang in order]


# -- entities, actors, network ---------------------------------------------------------------
def entity_list(
    store: SqliteStore,
    *,
    doc_id: str | None = None,
    name: str | None = None,
    provisional: bool | None = None,
) -> list[Row]:
    rows = []
    wanted = name.casefold() if name else None
    for row in export.entity_rows(store):
        if doc_id and row["doc_id"] != doc_id:
            continue
        if wanted and row["canonical_name"].casefold() != wanted:
            continue
        if provisional is not None and row["provisional"] != provisional:
            continue
        rows.append(row)
    return rows


def actor_counts(events: list[Row]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for e in events:
        for name in set(e["actors"]) | set(e["recipients"]):
            counts[name] += 1
    return counts


def co_actors(events: list[Row], name: str) -> list[tuple[str, int]]:
    """Actors appearing in the same events as ``name``, most frequent first."""
    counts: Counter[str] = Counter()
    key = name.casefold()
    for e in events:
        names = set(e["actors"]) | set(e["recipients"])
        if key in {n.casefold() for n in names}:
            counts.update(n for n in names if n.casefold() != key)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def network(store: SqliteStore, flt: EventFilter | None = None) -> list[Row]:
    """Actor-actor edges of the events passing ``flt``, from the network module when present.

    Directed types give actor -> recipient edges; symmetric ones (meetings, agreements) give
    undirected pairs. Each edge carries its dominant type and that type's colour.
    """
    rows = event_list(store, flt)
    try:
        from watchfloor.surfaces.network import DEFAULT_COLOUR, TYPE_COLOURS, build_network
    except ImportError:
        return network_edges(rows)
    wanted = {r["event_id"] for r in rows}
    built = build_network(e for e in store.get_events() if e.event_id in wanted)
    return [
        {
            "source": edge.source,
            "target": edge.target,
            "weight": edge.weight,
            "types": dict(sorted(edge.types.items())),
            "event_ids": list(edge.event_ids),
            "symmetric": edge.symmetric,
            "dominant_type": edge.dominant_type,
            "colour": TYPE_COLOURS.get(edge.dominant_type, DEFAULT_COLOUR),
        }
        for edge in built.edges
    ]


def network_edges(events: list[Row]) -> list[Row]:
    """Fallback edges: actor->recipient pairs, else co-acting actors, undirected.

    Edges are undirected (names sorted) so "A meets B" and "B meets A" add up.
    """
    edges: dict[tuple[str, str], Row] = {}
    for e in events:
        pairs: set[tuple[str, str]] = set()
        actors, recipients = list(dict.fromkeys(e["actors"])), list(dict.fromkeys(e["recipients"]))
        if recipients:
            pairs = {(min(a, r), max(a, r)) for a in actors for r in recipients if a != r}
        else:
            pairs = {(a, b) for i, a in enumerate(sorted(actors)) for b in sorted(actors)[i + 1 :]}
        for a, b in pairs:
            edge = edges.setdefault(
                (a, b),
                {"source": a, "target": b, "weight": 0, "types": {}, "event_ids": [],
                 "symmetric": True, "dominant_type": "", "colour": "#9e9e9e"},
            )  # fmt: skip
            edge["weight"] += 1
            edge["types"][e["type"]] = edge["types"].get(e["type"], 0) + 1
            edge["event_ids"].append(e["event_id"])
    for edge in edges.values():
        edge["dominant_type"] = min(edge["types"].items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return sorted(edges.values(), key=lambda r: (-r["weight"], r["source"], r["target"]))


# -- sources, leads, quarantine --------------------------------------------------------------
def source_list(store: SqliteStore, *, kind: str | None = None) -> list[Row]:
    rows = list(export.source_rows(store))
    return [r for r in rows if not kind or r["kind"] == kind]


def source_row(store: SqliteStore, site: str) -> Row:
    for row in export.source_rows(store):
        if row["site"] == site:
            return row
    raise NotFound(f"no source {site}")


def lead_list(store: SqliteStore, *, category: str | None = None) -> list[Row]:
    rows = list(export.lead_rows(store))
    return [r for r in rows if not category or r["category"] == category]


def lead_row(store: SqliteStore, lead_id: str) -> Row:
    for row in export.lead_rows(store):
        if row["lead_id"] == lead_id:
            return row
    raise NotFound(f"no lead {lead_id}")


def quarantine_row(item: QuarantineItem) -> Row:
    return {
        "id": item.id,
        "doc_id": item.doc_id,
        "url": item.url,
        "stage": item.stage,
        "reason": item.reason,
        "detail": item.detail,
        "bytes": len(item.data),
        "provenance": item.provenance,
        "created_at": item.created_at,
        "retried_at": item.retried_at,
        "resolved": item.resolved,
    }


# -- dashboard -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Counts:
    documents: int
    claims: int
    events: int
    stories: int
    sources: int
    leads: int
    quarantine: int
    extra: dict[str, int] = field(default_factory=dict)


def counts(store: SqliteStore) -> Counts:
    def n(table: str) -> int:
        return int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return Counts(
        documents=n("documents"),
        claims=n("claims"),
        events=n("events"),
        stories=n("stories"),
        sources=n("sources"),
        leads=n("leads"),
        quarantine=store.count_quarantine(),
    )


def latest_events(store: SqliteStore, limit: int = 10) -> list[Row]:
    """The most recent events by date (then first report), newest first."""
    rows = event_list(store)
    rows.sort(key=lambda r: (r["date"] or "", r["first_reported"] or ""), reverse=True)
    return rows[:limit]


def decoded_preview(data: bytes, limit: int = 4000) -> str:
    return data[:limit].decode("utf-8", "replace")


def _bool(value: object) -> bool | None:
    return None if value is None else bool(value)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
