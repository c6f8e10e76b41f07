"""SQLite persistence of corpus-level records: assessments, sources, origins, stories, events,
leads and opaque fusion state (for incremental indexes)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from watchfloor.records import (
    DocumentAssessment,
    Event,
    Lead,
    Origin,
    SourceProfile,
    Stance,
    Status,
    Story,
    TrailEntry,
)
from watchfloor.store.codec import dt_from_text, dt_to_text, dumps


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FusedRecordsMixin:
    db: sqlite3.Connection

    # -- assessment and sources ------------------------------------------------------------
    def put_assessment(self, a: DocumentAssessment) -> None:
        self.db.execute(
            "UPDATE documents SET source_kind=?, reliability=?, machine_translated=?,"
            " content_farm=?, assess_factors=? WHERE doc_id=?",
            (
                a.source_kind,
                a.reliability,
                int(a.machine_translated),
                int(a.content_farm),
                dumps({"factors": [list(f) for f in a.factors], "reasons": list(a.reasons)}),
                a.doc_id,
            ),
        )

    def get_assessment(self, doc_id: str) -> DocumentAssessment | None:
        row = self.db.execute(
            "SELECT source_kind, reliability, machine_translated, content_farm, assess_factors"
            " FROM documents WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None or row["source_kind"] is None:
            return None
        extra = json.loads(row["assess_factors"] or "{}")
        return DocumentAssessment(
            doc_id=doc_id,
            source_kind=row["source_kind"],
            reliability=float(row["reliability"]),
            machine_translated=bool(row["machine_translated"]),
            content_farm=bool(row["content_farm"]),
            factors=tuple((str(k), float(v)) for k, v in extra.get("factors", [])),
            reasons=tuple(extra.get("reasons", [])),
        )

    def put_sources(self, profiles: list[SourceProfile]) -> None:
        self.db.execute("DELETE FROM sources")
        self.db.executemany(
            "INSERT INTO sources(site, kind, country, state_affiliated, reliability, factors,"
            " documents) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.site,
                    p.kind,
                    p.country,
                    int(p.state_affiliated),
                    p.reliability,
                    dumps([list(f) for f in p.factors]),
                    p.documents,
                )
                for p in profiles
            ],
        )

    def get_sources(self) -> list[SourceProfile]:
        return [
            SourceProfile(
                site=r["site"],
                kind=r["kind"],
                country=r["country"],
                state_affiliated=bool(r["state_affiliated"]),
                reliability=float(r["reliability"]),
                factors=tuple((str(k), float(v)) for k, v in json.loads(r["factors"])),
                documents=int(r["documents"]),
            )
            for r in self.db.execute("SELECT * FROM sources ORDER BY documents DESC, site")
        ]

    # -- origins and stories ----------------------------------------------------------------
    def put_origins(self, origins: list[Origin]) -> None:
        """Set origin_id/copy_of for the documents of each origin group."""
        for origin in origins:
            copied = dict(origin.copy_of)
            for doc_id in origin.doc_ids:
                self.db.execute(
                    "UPDATE documents SET origin_id=?, copy_of=? WHERE doc_id=?",
                    (origin.origin_id, copied.get(doc_id), doc_id),
                )

    def put_stories(self, stories: list[Story]) -> None:
        self.db.execute("DELETE FROM stories")
        self.db.execute("UPDATE documents SET story_id = NULL")
        for s in stories:
            self.db.execute(
                "INSERT INTO stories(story_id, doc_ids, titles, languages, first_published,"
                " last_published) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    s.story_id,
                    dumps(list(s.doc_ids)),
                    dumps(dict(s.titles)),
                    dumps(list(s.languages)),
                    dt_to_text(s.first_published),
                    dt_to_text(s.last_published),
                ),
            )
            self.db.executemany(
                "UPDATE documents SET story_id=? WHERE doc_id=?",
                [(s.story_id, d) for d in s.doc_ids],
            )

    def get_stories(self) -> list[Story]:
        return [
            Story(
                story_id=r["story_id"],
                doc_ids=tuple(json.loads(r["doc_ids"])),
                titles=tuple(json.loads(r["titles"]).items()),
                languages=tuple(json.loads(r["languages"])),
                first_published=dt_from_text(r["first_published"]),
                last_published=dt_from_text(r["last_published"]),
            )
            for r in self.db.execute("SELECT * FROM stories ORDER BY first_published, story_id")
        ]

    # -- events ----------------------------------------------------------------------------
    def put_events(self, events: list[Event]) -> None:
        self.db.execute("DELETE FROM events")
        self.db.execute("UPDATE claims SET event_id = NULL")
        for e in events:
            self.db.execute(
                "INSERT INTO events(event_id, type, mode, actors, recipients, date,"
                " date_precision, place, status, claim_ids, doc_ids, first_reported, origins,"
                " corroboration, asserted_by, trail, story_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    e.event_id,
                    e.type,
                    e.mode,
                    dumps(list(e.actors)),
                    dumps(list(e.recipients)),
                    e.date,
                    e.date_precision,
                    e.place,
                    str(e.status),
                    dumps(list(e.claim_ids)),
                    dumps(list(e.doc_ids)),
                    dt_to_text(e.first_reported),
                    e.origins,
                    e.corroboration,
                    dumps(list(e.asserted_by)),
                    dumps(
                        [
                            {
                                "claim_id": t.claim_id,
                                "doc_id": t.doc_id,
                                "asserted_by": list(t.asserted_by),
                                "stance": str(t.stance),
                                "status": str(t.status),
                                "site": t.site,
                            }
                            for t in e.trail
                        ]
                    ),
                    e.story_id,
                ),
            )
            # a claim belongs to the event of its own type; an event resting on claims of
            # another type (an accusation on the alleged act) lists them without owning them
            self.db.executemany(
                "UPDATE claims SET event_id=? WHERE claim_id=? AND type=?",
                [(e.event_id, c, e.type) for c in e.claim_ids],
            )

    def get_events(self) -> list[Event]:
        return [
            _event_from_row(r)
            for r in self.db.execute("SELECT * FROM events ORDER BY coalesce(date, ''), event_id")
        ]

    # -- leads -----------------------------------------------------------------------------
    def put_leads(self, leads: list[Lead]) -> None:
        known = {r[0]: r[1] for r in self.db.execute("SELECT lead_id, created_at FROM leads")}
        self.db.execute("DELETE FROM leads")
        for lead in leads:
            self.db.execute(
                "INSERT INTO leads(lead_id, category, provision, event_ids, doc_ids, reliability,"
                " summary, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    lead.lead_id,
                    lead.category,
                    lead.provision,
                    dumps(list(lead.event_ids)),
                    dumps(list(lead.doc_ids)),
                    lead.reliability,
                    lead.summary,
                    known.get(lead.lead_id, _now()),
                ),
            )

    def get_leads(self) -> list[Lead]:
        return [
            Lead(
                lead_id=r["lead_id"],
                category=r["category"],
                provision=r["provision"],
                event_ids=tuple(json.loads(r["event_ids"])),
                doc_ids=tuple(json.loads(r["doc_ids"])),
                reliability=float(r["reliability"]),
                summary=r["summary"],
            )
            for r in self.db.execute("SELECT * FROM leads ORDER BY category, lead_id")
        ]

    # -- opaque state of incremental indexes ------------------------------------------------
    def get_state(self, key: str) -> bytes | None:
        row = self.db.execute("SELECT value FROM fusion_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def put_state(self, key: str, value: bytes) -> None:
        self.db.execute(
            "INSERT INTO fusion_state(key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at",
            (key, value, _now()),
        )


def _event_from_row(r: sqlite3.Row) -> Event:
    return Event(
        event_id=r["event_id"],
        type=r["type"],
        mode=r["mode"],
        actors=tuple(json.loads(r["actors"])),
        recipients=tuple(json.loads(r["recipients"])),
        date=r["date"],
        date_precision=r["date_precision"],
        place=r["place"],
        status=Status(r["status"]),
        claim_ids=tuple(json.loads(r["claim_ids"])),
        doc_ids=tuple(json.loads(r["doc_ids"])),
        first_reported=dt_from_text(r["first_reported"]),
        origins=int(r["origins"]),
        corroboration=int(r["corroboration"]),
        asserted_by=tuple(json.loads(r["asserted_by"])),
        trail=tuple(
            TrailEntry(
                claim_id=t["claim_id"],
                doc_id=t["doc_id"],
                asserted_by=tuple(t["asserted_by"]),
                stance=Stance(t["stance"]),
                status=Status(t["status"]),
                site=t["site"],
            )
            for t in json.loads(r["trail"])
        ),
        story_id=r["story_id"],
    )
