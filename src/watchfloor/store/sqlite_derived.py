"""SQLite persistence of derived per-document records: mentions and claims."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from watchfloor.records import Claim, Mention, Stance, Status
from watchfloor.store.codec import dumps


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Filters of `watchfloor claims list`; empty fields do not filter."""

    actor: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    limit: int | None = None


class DerivedRecordsMixin:
    db: sqlite3.Connection

    def put_mentions(self, doc_id: str, mentions: tuple[Mention, ...]) -> None:
        self.db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self.db.executemany(
            "INSERT OR REPLACE INTO mentions(doc_id, section, start, end, text, entity_id,"
            " canonical_name, kind, provisional, confidence, method)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    m.section,
                    m.start,
                    m.end,
                    m.text,
                    m.entity_id,
                    m.canonical_name,
                    m.kind,
                    int(m.provisional),
                    m.confidence,
                    m.method,
                )
                for m in mentions
            ],
        )

    def get_mentions(self, doc_id: str | None = None) -> list[Mention]:
        sql = "SELECT * FROM mentions"
        args: tuple[str, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            args = (doc_id,)
        sql += " ORDER BY doc_id, section, start"
        return [_mention_from_row(r) for r in self.db.execute(sql, args)]

    def iter_mentions_by_doc(self) -> Iterator[tuple[str, list[Mention]]]:
        current: str | None = None
        bucket: list[Mention] = []
        for row in self.db.execute("SELECT * FROM mentions ORDER BY doc_id, section, start"):
            mention = _mention_from_row(row)
            if current is not None and mention.doc_id != current:
                yield current, bucket
                bucket = []
            current = mention.doc_id
            bucket.append(mention)
        if current is not None:
            yield current, bucket

    def put_claims(self, doc_id: str, claims: tuple[Claim, ...]) -> None:
        self.db.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
        self.db.executemany(
            "INSERT OR REPLACE INTO claims(claim_id, doc_id, section, start, end, evidence, type,"
            " mode, actors, recipients, asserted_by, stance, status, negated, context, object,"
            " quantity, date, date_precision, date_rule, place, confidence, extractor,"
            " from_headline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?)",
            [
                (
                    c.claim_id,
                    doc_id,
                    c.section,
                    c.start,
                    c.end,
                    c.evidence,
                    c.type,
                    c.mode,
                    dumps(list(c.actors)),
                    dumps(list(c.recipients)),
                    dumps(list(c.asserted_by)),
                    str(c.stance),
                    str(c.status),
                    int(c.negated),
                    dumps(list(c.context)),
                    c.object,
                    c.quantity,
                    c.date,
                    c.date_precision,
                    c.date_rule,
                    c.place,
                    c.confidence,
                    c.extractor,
                    int(c.from_headline),
                )
                for c in claims
            ],
        )

    def get_claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        flt = flt or ClaimFilter()
        sql = "SELECT * FROM claims WHERE 1=1"
        args: list[object] = []
        if flt.doc_id:
            sql += " AND doc_id = ?"
            args.append(flt.doc_id)
        if flt.type:
            sql += " AND (type = ? OR mode = ?)"
            args += [flt.type.upper(), flt.type]
        if flt.status:
            sql += " AND status = ?"
            args.append(flt.status)
        if flt.since:
            sql += " AND date >= ?"
            args.append(flt.since)
        if flt.until:
            sql += " AND date <= ?"
            args.append(flt.until + "\uffff")
        if flt.actor:
            sql += (
                " AND (EXISTS (SELECT 1 FROM json_each(claims.actors) WHERE lower(value) = ?)"
                " OR EXISTS (SELECT 1 FROM json_each(claims.recipients) WHERE lower(value) = ?))"
            )
            args += [flt.actor.lower(), flt.actor.lower()]
        sql += " ORDER BY coalesce(date, ''), doc_id, section, start"
        if flt.limit:
            sql += " LIMIT ?"
            args.append(flt.limit)
        return [claim_from_row(r) for r in self.db.execute(sql, args)]

    def put_claim_dates(self, claims: Iterable[Claim]) -> None:
        """Record dates fusion gave claims after extraction (their ``date_rule`` says how)."""
        self.db.executemany(
            "UPDATE claims SET date = ?, date_precision = ?, date_rule = ? WHERE claim_id = ?",
            [(c.date, c.date_precision, c.date_rule, c.claim_id) for c in claims],
        )

    def claim_event_ids(self) -> dict[str, str | None]:
        return {r[0]: r[1] for r in self.db.execute("SELECT claim_id, event_id FROM claims")}


def _mention_from_row(row: sqlite3.Row) -> Mention:
    return Mention(
        doc_id=row["doc_id"],
        section=int(row["section"]),
        start=int(row["start"]),
        end=int(row["end"]),
        text=row["text"],
        entity_id=row["entity_id"],
        canonical_name=row["canonical_name"],
        kind=row["kind"],
        provisional=bool(row["provisional"]),
        confidence=float(row["confidence"]),
        method=row["method"],
    )


def claim_from_row(row: sqlite3.Row) -> Claim:
    return Claim(
        claim_id=row["claim_id"],
        doc_id=row["doc_id"],
        section=int(row["section"]),
        start=int(row["start"]),
        end=int(row["end"]),
        evidence=row["evidence"],
        type=row["type"],
        mode=row["mode"],
        actors=tuple(json.loads(row["actors"])),
        recipients=tuple(json.loads(row["recipients"])),
        asserted_by=tuple(json.loads(row["asserted_by"])),
        stance=Stance(row["stance"]),
        status=Status(row["status"]),
        negated=bool(row["negated"]),
        context=tuple(json.loads(row["context"])),
        object=row["object"],
        quantity=row["quantity"],
        date=row["date"],
        date_precision=row["date_precision"],
        date_rule=row["date_rule"],
        place=row["place"],
        confidence=float(row["confidence"]),
        extractor=row["extractor"],
        from_headline=bool(row["from_headline"]),
    )
