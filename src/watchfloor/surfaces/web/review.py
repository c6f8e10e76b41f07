"""The entity review queue: provisional entities proposed for the registry, and decisions.

Proposals come from ``watchfloor.entities.grouping``: cross-language groups of provisional
entities (``group_provisional``), then every remaining provisional entity on its own. Decisions
are kept in the store's ``review_decisions`` table; an accepted proposal is appended to the user
registry (``config.entities.user_registry``) with ``accept_proposal``.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watchfloor.config import Config
from watchfloor.errors import NotFound
from watchfloor.store.sqlite import SqliteStore


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One proposal of the queue, with the decision taken on it so far (None: pending)."""

    proposal_id: str
    label: str
    kind: str
    members: tuple[tuple[str, str, str], ...]  # (entity_id, lang, name)
    mentions: int
    evidence: tuple[str, ...]
    decision: str | None

    @property
    def entity_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m[0] for m in self.members))

    @property
    def examples(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m[2] for m in self.members))


def single_id(entity_id: str) -> str:
    return hashlib.sha256(f"single\x00{entity_id}".encode()).hexdigest()[:16]


@dataclass
class _Entity:
    entity_id: str
    name: str
    kind: str
    langs: dict[str, int]
    docs: set[str]
    mentions: int = 0


def _provisional(store: SqliteStore) -> tuple[dict[str, _Entity], list[Any]]:
    """Provisional entities of the store and, when grouping is available, its observations."""
    entities: dict[str, _Entity] = {}
    registry_by_doc: dict[str, set[str]] = defaultdict(set)
    seen: dict[tuple[str, str], str] = {}  # (entity_id, doc_id) -> lang
    for r in store.db.execute(
        "SELECT m.doc_id, m.entity_id, m.canonical_name, m.kind, m.provisional, s.lang"
        " FROM mentions m JOIN sections s ON s.doc_id = m.doc_id AND s.idx = m.section"
    ):
        if not r["provisional"]:
            registry_by_doc[r["doc_id"]].add(r["entity_id"])
            continue
        e = entities.setdefault(
            r["entity_id"], _Entity(r["entity_id"], r["canonical_name"], r["kind"], {}, set())
        )
        e.mentions += 1
        e.langs[r["lang"]] = e.langs.get(r["lang"], 0) + 1
        e.docs.add(r["doc_id"])
        seen.setdefault((r["entity_id"], r["doc_id"]), r["lang"])
    try:
        from watchfloor.entities.grouping import ProvisionalObservation
    except ImportError:
        return entities, []
    titles = {r[0]: r[1] or "" for r in store.db.execute("SELECT doc_id, title FROM documents")}
    observations = [
        ProvisionalObservation(
            entity_id=eid,
            name=entities[eid].name,
            lang=lang,
            kind=entities[eid].kind,
            doc_id=doc_id,
            co_mentions=frozenset(registry_by_doc.get(doc_id, ())),
            context=titles.get(doc_id, ""),
        )
        for (eid, doc_id), lang in sorted(seen.items())
    ]
    return entities, observations


def list_proposals(store: SqliteStore, *, pending_only: bool = False) -> list[ReviewItem]:
    """Group proposals first (best score first), then single entities by mentions."""
    entities, observations = _provisional(store)
    decided = {
        r["proposal_id"]: r["decision"]
        for r in store.db.execute("SELECT proposal_id, decision FROM review_decisions")
    }
    items: list[ReviewItem] = []
    grouped: set[str] = set()
    if observations:
        from watchfloor.entities.grouping import group_provisional

        for p in group_provisional(observations):
            grouped.update(m[0] for m in p.members)
            items.append(
                ReviewItem(
                    proposal_id=p.proposal_id,
                    label=p.canonical_name,
                    kind=p.kind,
                    members=tuple(p.members),
                    mentions=sum(entities[m[0]].mentions for m in p.members if m[0] in entities),
                    evidence=tuple(p.evidence),
                    decision=decided.get(p.proposal_id),
                )
            )
    singles = sorted(
        (e for e in entities.values() if e.entity_id not in grouped),
        key=lambda e: (-e.mentions, e.name),
    )
    for e in singles:
        pid = single_id(e.entity_id)
        lang = max(e.langs.items(), key=lambda kv: (kv[1], kv[0]))[0]
        items.append(
            ReviewItem(
                proposal_id=pid,
                label=e.name,
                kind=e.kind,
                members=((e.entity_id, lang, e.name),),
                mentions=e.mentions,
                evidence=(f"{e.mentions} mentions in {len(e.docs)} documents",),
                decision=decided.get(pid),
            )
        )
    if pending_only:
        items = [i for i in items if i.decision is None]
    return items


def get_proposal(store: SqliteStore, proposal_id: str) -> ReviewItem:
    for item in list_proposals(store):
        if item.proposal_id == proposal_id:
            return item
    raise NotFound(f"no review proposal {proposal_id}")


def decide(
    store: SqliteStore, config: Config, proposal_id: str, decision: str, note: str = ""
) -> tuple[str, str | None]:
    """Record a decision; returns (decided_at, registry actor id when accepted and written)."""
    item = get_proposal(store, proposal_id)
    previous = store.db.execute(
        "SELECT decision, payload FROM review_decisions WHERE proposal_id = ?", (proposal_id,)
    ).fetchone()
    actor_id = None
    if decision == "accept" and previous is not None and previous["decision"] == "accept":
        actor_id = json.loads(previous["payload"]).get("actor_id")  # never append it twice
    elif decision == "accept":
        actor_id = _apply(item, Path(config.entities.user_registry))
    decided_at = datetime.now(UTC).isoformat(timespec="seconds")
    payload = {
        "label": item.label,
        "kind": item.kind,
        "members": [list(m) for m in item.members],
        "evidence": list(item.evidence),
        "note": note,
        "actor_id": actor_id,
    }
    with store.transaction():
        store.db.execute(
            "INSERT INTO review_decisions(proposal_id, decision, payload, decided_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(proposal_id) DO UPDATE SET"
            " decision=excluded.decision, payload=excluded.payload, decided_at=excluded.decided_at",
            (proposal_id, decision, json.dumps(payload, ensure_ascii=False), decided_at),
        )
    return decided_at, actor_id


def _apply(item: ReviewItem, registry_path: Path) -> str | None:
    """Append an accepted proposal to the user registry; None when grouping is unavailable."""
    try:
        from watchfloor.entities.grouping import Proposal, accept_proposal
    except ImportError:
        return None
    proposal = Proposal(
        proposal_id=item.proposal_id,
        canonical_name=item.label,
        kind=item.kind,
        members=item.members,
        evidence=item.evidence,
        score=0.0,
    )
    return accept_proposal(proposal, registry_path)
