"""Retrying a quarantined item: failing again updates that item, succeeding resolves it."""

from __future__ import annotations

from pathlib import Path

from watchfloor.config import load_config
from watchfloor.ingest.sources import iter_inputs
from watchfloor.pipeline import Ingestor
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.retry import retry_items


def _ingest(store: SqliteStore, path: Path) -> None:
    config = load_config()
    ingestor = Ingestor(store, config, stages=("extract",), workers=1)
    inputs = iter_inputs(
        [str(path)],
        fetcher=None,
        max_bytes=config.ingest.max_bytes,
        follow_feeds=config.ingest.follow_feeds,
    )
    ingestor.process(ingestor.read(inputs))


def test_retry_failing_again_keeps_one_item_with_the_original_provenance(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"url": "https://example.org/a"}\n', encoding="utf-8")  # no text
    store = SqliteStore(tmp_path / "w.db")
    _ingest(store, bad)
    [item] = store.list_quarantine()
    bad.unlink()  # the retry must work from the kept bytes
    resolved, still = retry_items(store, load_config(), [item.id])
    assert (resolved, still) == (0, 1)
    [again] = store.list_quarantine(include_resolved=True)
    assert again.id == item.id
    assert again.provenance == item.provenance
    assert again.retried_at is not None and not again.resolved


def test_retry_rehome_keeps_distinct_rejections_apart(tmp_path: Path) -> None:
    bad = tmp_path / "two.jsonl"
    bad.write_text('{"url": "https://example.org/a"}\nnot json\n', encoding="utf-8")
    store = SqliteStore(tmp_path / "w.db")
    _ingest(store, bad)
    items = store.list_quarantine()
    assert len(items) == 2
    retry_items(store, load_config(), [i.id for i in items])
    after = store.list_quarantine(include_resolved=True)
    assert sorted(i.id for i in after) == sorted(i.id for i in items)
    assert {i.provenance for i in after} == {i.provenance for i in items}
