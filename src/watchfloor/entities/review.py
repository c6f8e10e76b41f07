"""The entity review queue: grouping proposals for provisional entities, built from the store.

Decisions are recorded in ``review_decisions`` so a rejected proposal is not offered again; an
accepted one is written to the user's registry file (``entities.user_registry``), so the next
run links those names to one registry actor.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from watchfloor.entities.grouping import (
    Embedder,
    Proposal,
    ProvisionalObservation,
    accept_proposal,
    group_provisional,
)
from watchfloor.errors import NotFound
from watchfloor.store.sqlite import SqliteStore


def observations(store: SqliteStore) -> list[ProvisionalObservation]:
    """One observation per (provisional entity, document), with its co-mentioned actors."""
    registry_ids: dict[str, set[str]] = defaultdict(set)
    provisional: list[tuple[str, str, str, str, int, int]] = []
    rows = store.db.execute(
        "SELECT m.doc_id, m.section, m.start, m.end, m.entity_id, m.canonical_name, m.kind,"
        " m.provisional, s.lang FROM mentions m JOIN sections s"
        " ON s.doc_id = m.doc_id AND s.idx = m.section"
    )
    for r in rows:
        if r["provisional"]:
            provisional.append(
                (
                    r["doc_id"],
                    r["entity_id"],
                    r["canonical_name"],
                    r["kind"],
                    r["section"],
                    r["lang"],
                )
            )
        else:
            registry_ids[r["doc_id"]].add(r["entity_id"])
    seen: set[tuple[str, str]] = set()
    out = []
    for doc_id, entity_id, name, kind, section, lang in provisional:
        if (doc_id, entity_id) in seen:
            continue
        seen.add((doc_id, entity_id))
        title = store.db.execute(
            "SELECT title FROM sections WHERE doc_id = ? AND idx = ?", (doc_id, section)
        ).fetchone()
        out.append(
            ProvisionalObservation(
                entity_id=entity_id,
                name=name,
                lang=str(lang),
                kind=kind,
                doc_id=doc_id,
                co_mentions=frozenset(registry_ids[doc_id]),
                context=(title[0] or "") if title else "",
            )
        )
    return out


def decided(store: SqliteStore) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT proposal_id FROM review_decisions")}


def pending_proposals(store: SqliteStore, embedder: Embedder | None = None) -> list[Proposal]:
    """Proposals not yet accepted or rejected, best first."""
    done = decided(store)
    found = group_provisional(observations(store), embedder=embedder)
    return sorted(
        (p for p in found if p.proposal_id not in done), key=lambda p: (-p.score, p.proposal_id)
    )


def decide(
    store: SqliteStore, proposal_id: str, accept: bool, user_registry: str | Path
) -> str | None:
    """Record a decision; an accepted proposal goes to the user's registry. Returns its actor id."""
    match = [p for p in pending_proposals(store) if p.proposal_id.startswith(proposal_id)]
    if len(match) != 1:
        raise NotFound(f"no pending proposal {proposal_id}")
    proposal = match[0]
    actor_id = accept_proposal(proposal, user_registry) if accept else None
    with store.transaction():
        store.db.execute(
            "INSERT OR REPLACE INTO review_decisions(proposal_id, decision, payload, decided_at)"
            " VALUES (?, ?, ?, ?)",
            (
                proposal.proposal_id,
                "accepted" if accept else "rejected",
                json.dumps(
                    {"canonical_name": proposal.canonical_name, "members": proposal.members},
                    ensure_ascii=False,
                ),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
    return actor_id
