"""Retrying quarantined items with the current pipeline."""

from __future__ import annotations

import tempfile
from pathlib import Path

from watchfloor.config import Config
from watchfloor.pipeline import Ingestor
from watchfloor.store.base import QuarantineItem
from watchfloor.store.codec import provenance_from_json
from watchfloor.store.sqlite import SqliteStore


def _retry_one(
    store: SqliteStore, config: Config, item: QuarantineItem, allow_private: bool
) -> bool:
    """Retry one item; True when nothing was quarantined again.

    A document that reached the raw store is reprocessed from it; a failed fetch is fetched
    again; any other input is read again from its kept original bytes (or, when no bytes were
    kept, from its original path).
    """
    from watchfloor.ingest.sources import iter_inputs
    from watchfloor.surfaces.cli_ingest import make_fetcher

    ingestor = Ingestor(store, config, stages=("extract", "entities", "claims"), workers=1)
    if item.doc_id and store.raw_state(item.doc_id) is not None:
        ingestor.process([item.doc_id], force=True)
        return ingestor.stats.failed == 0
    provenance = provenance_from_json(item.provenance)
    kind = provenance.kind if provenance else ""
    location = (
        (item.url or "") if kind in ("url", "feed") else (provenance.location if provenance else "")
    )
    fetcher = make_fetcher(config, store, allow_private)

    def read(target: str) -> None:
        todo = ingestor.read(
            iter_inputs(
                [target],
                fetcher=fetcher,  # type: ignore[arg-type]
                max_bytes=config.ingest.max_bytes,
                follow_feeds=config.ingest.follow_feeds,
            )
        )
        ingestor.process(todo)

    if location.startswith(("http://", "https://")) and item.reason == "fetch_error":
        read(location)
    elif item.data:
        suffix = ".jsonl" if kind == "jsonl" else Path(location).suffix
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"retry-{item.id}{suffix}"
            path.write_bytes(item.data)
            since = store.last_quarantine_id()
            read(str(path))
            # a rejection of the temp copy is the original input failing again, not a new item
            store.rehome_quarantine(since, str(path), item.provenance)
    elif location and Path(location).exists():
        read(location)
    else:
        return False
    return ingestor.stats.failed == 0


def retry_items(
    store: SqliteStore, config: Config, item_ids: list[int], *, allow_private: bool = False
) -> tuple[int, int]:
    """Retry items; returns (resolved, still failing)."""
    resolved = 0
    for item_id in item_ids:
        item = store.get_quarantine(item_id)
        ok = _retry_one(store, config, item, allow_private)
        store.mark_retried(item.id, resolved=ok)
        resolved += int(ok)
    return resolved, len(item_ids) - resolved
