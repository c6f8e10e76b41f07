"""The entity review queue: provisional entities proposed for the registry, and decisions.

Proposals group provisional mentions by (kind, name). Decisions are kept in the store's
``review_decisions`` table so the queue survives restarts; an accepted proposal is written to the
user registry when the linking module offers ``accept_proposal``.
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
class Proposal:
    """Provisional entities that look like one actor missing from the registry."""

    proposal_id: str
    label: str
    kind: str
    entity_ids: tuple[str, ...]
    mentions: int
    examples: tuple[str, ...]
    decision: str | None


def proposal_id_for(kind: str, label: str) -> str:
    return hashlib.sha256(f"{kind}\x00{label.casefold()}".encode()).hexdigest()[:16]


def list_proposals(store: SqliteStore, *, pending_only: bool = False) -> list[Proposal]:
    """Provisional mentions grouped by (kind, name), most mentioned first, with decisions."""
    groups: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"label": "", "ids": set(), "n": 0, "examples": {}}
    )
    for r in store.db.execute(
        "SELECT entity_id, canonical_name, kind, text FROM mentions WHERE provisional = 1"
    ):
        key = (r["kind"], r["canonical_name"].casefold())
        g = groups[key]
        g["label"] = g["label"] or r["canonical_name"]
        g["ids"].add(r["entity_id"])
        g["n"] += 1
        g["examples"][r["text"]] = None
    decided = {
        r["proposal_id"]: r["decision"]
        for r in store.db.execute("SELECT proposal_id, decision FROM review_decisions")
    }
    out = []
    for (kind, _), g in groups.items():
        pid = proposal_id_for(kind, g["label"])
        decision = decided.get(pid)
        if pending_only and decision is not None:
            continue
        out.append(
            Proposal(
                proposal_id=pid,
                label=g["label"],
                kind=kind,
                entity_ids=tuple(sorted(g["ids"])),
                mentions=g["n"],
                examples=tuple(list(g["examples"])[:5]),
                decision=decision,
            )
        )
    out.sort(key=lambda p: (-p.mentions, p.label))
    return out


def get_proposal(store: SqliteStore, proposal_id: str) -> Proposal:
    for p in list_proposals(store):
        if p.proposal_id == proposal_id:
            return p
    raise NotFound(f"no review proposal {proposal_id}")


def decide(
    store: SqliteStore, config: Config, proposal_id: str, decision: str, note: str = ""
) -> tuple[str, bool]:
    """Record a decision; returns (decided_at, applied to the user registry)."""
    proposal = get_proposal(store, proposal_id)
    applied = False
    if decision == "accept":
        applied = _apply(proposal, Path(config.entities.user_registry))
    decided_at = datetime.now(UTC).isoformat(timespec="seconds")
    payload = {
        "label": proposal.label,
        "kind": proposal.kind,
        "entity_ids": list(proposal.entity_ids),
        "note": note,
        "applied": applied,
    }
    with store.transaction():
        store.db.execute(
            "INSERT INTO review_decisions(proposal_id, decision, payload, decided_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(proposal_id) DO UPDATE SET"
            " decision=excluded.decision, payload=excluded.payload, decided_at=excluded.decided_at",
            (proposal_id, decision, json.dumps(payload, ensure_ascii=False), decided_at),
        )
    return decided_at, applied


def _apply(proposal: Proposal, registry_path: Path) -> bool:
    """Write an accepted proposal to the user registry through the linking module, if present."""
    try:
        from watchfloor.entities import linking
    except ImportError:
        return False
    accept = getattr(linking, "accept_proposal", None)
    make = getattr(linking, "Proposal", None)
    if accept is None or make is None:
        return False
    try:
        accept(make(label=proposal.label, kind=proposal.kind), registry_path)
    except TypeError:
        return False  # a linking API this version does not know how to call
    return True
