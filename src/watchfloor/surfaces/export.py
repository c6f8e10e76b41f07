"""Export tables (INTERCHANGE.md): JSON Lines, CSV and Parquet with the same columns.

Each table is a function from the store to rows (plain dicts, the interchange contract);
the format writers know nothing about tables.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from watchfloor.errors import WatchfloorError
from watchfloor.store.sqlite import SqliteStore

Row = dict[str, Any]

DOCUMENT_COLUMNS = (
    "doc_id", "url", "site", "title", "published", "author", "credits", "sections",
    "source_kind", "reliability", "machine_translated", "content_farm", "origin_id", "copy_of",
    "story_id",
)  # fmt: skip


def document_rows(store: SqliteStore) -> Iterator[Row]:
    flags = {
        r["doc_id"]: r
        for r in store.db.execute(
            "SELECT doc_id, source_kind, reliability, machine_translated, content_farm,"
            " origin_id, copy_of, story_id FROM documents"
        )
    }
    for article in store.iter_articles():
        extra = flags[article.doc_id]
        yield {
            "doc_id": article.doc_id,
            "url": article.url,
            "site": article.site,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "author": article.author,
            "credits": list(article.credits),
            "sections": [
                {"lang": s.lang, "title": s.title, "text": s.text} for s in article.sections
            ],
            "source_kind": extra["source_kind"],
            "reliability": extra["reliability"],
            "machine_translated": _bool(extra["machine_translated"]),
            "content_farm": _bool(extra["content_farm"]),
            "origin_id": extra["origin_id"],
            "copy_of": extra["copy_of"],
            "story_id": extra["story_id"],
        }


def entity_rows(store: SqliteStore) -> Iterator[Row]:
    for doc_id, mentions in store.iter_mentions_by_doc():
        by_entity: dict[str, Row] = {}
        for m in mentions:
            row = by_entity.setdefault(
                m.entity_id,
                {
                    "doc_id": doc_id,
                    "entity_id": m.entity_id,
                    "canonical_name": m.canonical_name,
                    "kind": m.kind,
                    "provisional": m.provisional,
                    "mentions": [],
                },
            )
            row["mentions"].append(
                {
                    "section": m.section,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "method": m.method,
                    "confidence": m.confidence,
                }
            )
        yield from by_entity.values()


def claim_rows(store: SqliteStore) -> Iterator[Row]:
    events = store.claim_event_ids()
    for c in store.get_claims():
        yield {
            "claim_id": c.claim_id,
            "doc_id": c.doc_id,
            "event_id": events.get(c.claim_id),
            "type": c.type,
            "mode": c.mode,
            "actors": list(c.actors),
            "recipients": list(c.recipients),
            "date": c.date,
            "date_precision": c.date_precision,
            "place": c.place,
            "asserted_by": list(c.asserted_by),
            "stance": str(c.stance),
            "status": str(c.status),
            "negated": c.negated,
            "evidence": c.evidence,
            "section": c.section,
            "start": c.start,
            "end": c.end,
            "confidence": c.confidence,
            "context": list(c.context),
            "object": c.object,
            "quantity": c.quantity,
            "date_rule": c.date_rule,
            "extractor": c.extractor,
        }


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


def event_rows(store: SqliteStore) -> Iterator[Row]:
    for e in store.get_events():
        yield {
            "event_id": e.event_id,
            "type": e.type,
            "mode": e.mode,
            "actors": list(e.actors),
            "recipients": list(e.recipients),
            "date": e.date,
            "date_precision": e.date_precision,
            "place": e.place,
            "status": str(e.status),
            "claim_ids": list(e.claim_ids),
            "doc_ids": list(e.doc_ids),
            "first_reported": _iso(e.first_reported),
            "origins": e.origins,
            "corroboration": e.corroboration,
            "asserted_by": list(e.asserted_by),
            "story_id": e.story_id,
            "trail": [
                {
                    "claim_id": t.claim_id,
                    "doc_id": t.doc_id,
                    "asserted_by": list(t.asserted_by),
                    "stance": str(t.stance),
                    "status": str(t.status),
                    "site": t.site,
                }
                for t in e.trail
            ],
        }


def story_rows(store: SqliteStore) -> Iterator[Row]:
    for s in store.get_stories():
        yield {
            "story_id": s.story_id,
            "doc_ids": list(s.doc_ids),
            "titles": dict(s.titles),
            "languages": list(s.languages),
            "first_published": _iso(s.first_published),
            "last_published": _iso(s.last_published),
        }


def source_rows(store: SqliteStore) -> Iterator[Row]:
    for p in store.get_sources():
        yield {
            "site": p.site,
            "kind": p.kind,
            "country": p.country,
            "state_affiliated": p.state_affiliated,
            "reliability": p.reliability,
            "factors": dict(p.factors),
            "documents": p.documents,
        }


def lead_rows(store: SqliteStore) -> Iterator[Row]:
    for lead in store.get_leads():
        yield {
            "lead_id": lead.lead_id,
            "category": lead.category,
            "provision": lead.provision,
            "event_ids": list(lead.event_ids),
            "doc_ids": list(lead.doc_ids),
            "reliability": lead.reliability,
            "summary": lead.summary,
        }


def plover_rows(store: SqliteStore) -> Iterator[Row]:
    """Claims as PLOVER records (the PLOVER field names; asserter and stance under
    "watchfloor")."""
    from watchfloor.claims.plover_export import ArticleMeta, plover_records

    metas = {a.doc_id: ArticleMeta.of(a) for a in store.iter_articles()}
    yield from plover_records(store.get_claims(), metas)


def gdelt_table_rows(store: SqliteStore) -> Iterator[Row]:
    """Events as a GDELT-like table (one row per fused event)."""
    from watchfloor.surfaces.corpus_view import load_view
    from watchfloor.surfaces.countries import load_country_resolver
    from watchfloor.surfaces.gdelt import gdelt_rows

    yield from gdelt_rows(load_view(store), load_country_resolver())


TableBuilder = Callable[[SqliteStore], Iterable[Row]]
TABLES: dict[str, TableBuilder] = {
    "documents": document_rows,
    "entities": entity_rows,
    "claims": claim_rows,
    "events": event_rows,
    "stories": story_rows,
    "sources": source_rows,
    "leads": lead_rows,
    # not in INTERCHANGE.md's core set: for PLOVER and GDELT/ICEWS tooling
    "plover": plover_rows,
    "gdelt": gdelt_table_rows,
}
FORMATS = ("jsonl", "csv", "parquet")


def _bool(value: object) -> bool | None:
    return None if value is None else bool(value)


def write_jsonl(rows: Iterable[Row], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[Row], out: IO[str]) -> int:
    """CSV with nested fields (lists, objects) as JSON strings."""
    writer: csv.DictWriter[str] | None = None
    n = 0
    for row in rows:
        flat = {
            k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
            for k, v in row.items()
        }
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    return n


def write_parquet(rows: Iterable[Row], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    materialised = list(rows)
    table = pa.Table.from_pylist(materialised) if materialised else pa.table({})
    pq.write_table(table, str(path))
    return len(materialised)


def export_table(store: SqliteStore, table: str, fmt: str, out: Path | None) -> int:
    """Write one table; files are written atomically (temp file, then rename)."""
    if table not in TABLES:
        raise WatchfloorError(f"unknown table '{table}'; choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise WatchfloorError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    rows = TABLES[table](store)
    if fmt == "parquet":
        if out is None:
            raise WatchfloorError("parquet export needs an output file (-o FILE)")
        return _atomic(out, lambda tmp: write_parquet(rows, tmp))
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if out is None:
        import sys

        return writer(rows, sys.stdout)

    def _text(tmp: Path) -> int:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            return writer(rows, fh)

    return _atomic(out, _text)


def _atomic(path: Path, write: Callable[[Path], int]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        n = write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def rows_to_jsonl_text(rows: Iterable[Row]) -> str:
    buf = io.StringIO()
    write_jsonl(rows, buf)
    return buf.getvalue()
