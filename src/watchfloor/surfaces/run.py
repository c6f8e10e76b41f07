"""The main job: ingest, every per-document stage, corpus-level stages, then the outputs.

Corpus-level stages (assessment, fusion, leads) run after ingest over the whole store. Each is
incremental or cheap to redo, so running the job again over the same inputs is fast: unchanged
documents are not reprocessed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from watchfloor.config import Config
from watchfloor.pipeline import Ingestor, IngestStats
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.export import TABLES, export_table
from watchfloor.surfaces.watch import Watch

CorpusStep = Callable[[SqliteStore, Config], str]


@dataclass
class RunSummary:
    ingest: IngestStats
    steps: list[tuple[str, str, float]] = field(default_factory=list)  # name, summary, seconds
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    alerts: str = ""


def corpus_steps() -> list[tuple[str, CorpusStep]]:
    """Corpus-level steps in order; each returns a one-line summary."""
    from watchfloor.assess.stage import assess_corpus
    from watchfloor.fuse.stage import fuse_corpus
    from watchfloor.surfaces.leads import find_leads

    return [("assess", assess_corpus), ("fuse", fuse_corpus), ("leads", find_leads)]


def run_job(
    store: SqliteStore,
    config: Config,
    targets: list[str],
    out_dir: Path,
    *,
    allow_private: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    watch: Watch | None = None,
) -> RunSummary:
    from watchfloor.ingest.sources import iter_inputs
    from watchfloor.surfaces.cli_ingest import make_fetcher

    started = time.perf_counter()
    ingestor = Ingestor(
        store, config, stages=("extract", "entities", "claims"), workers=workers, progress=progress
    )
    todo = ingestor.read(
        iter_inputs(
            targets,
            fetcher=make_fetcher(config, store, allow_private),  # type: ignore[arg-type]
            max_bytes=config.ingest.max_bytes,
            follow_feeds=config.ingest.follow_feeds,
        )
    )
    read_at = time.perf_counter()
    # also pick up documents left pending by an earlier, interrupted run
    pending = set(store.pending_ids(ingestor.pipeline.version))
    fresh = set(todo)
    ingestor.process(sorted(pending | fresh, key=lambda d: (d not in fresh, d)))
    summary = RunSummary(ingest=ingestor.stats)
    summary.timings["read"] = read_at - started
    summary.timings["documents"] = time.perf_counter() - read_at
    for name, step in corpus_steps():
        t0 = time.perf_counter()
        line = step(store, config)
        summary.steps.append((name, line, time.perf_counter() - t0))
        summary.timings[name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        if table == "gdelt":
            continue  # written as events_gdelt.tsv by write_outputs
        path = out_dir / f"{table}.jsonl"
        export_table(store, table, "jsonl", path)
        summary.outputs.append(path)
    from watchfloor.surfaces.outputs import write_outputs

    summary.outputs += write_outputs(store, config, out_dir, watch=watch)
    summary.timings["outputs"] = time.perf_counter() - t0
    if watch is not None and watch.alerts.rules:
        from watchfloor.surfaces.alerts import run_alerts

        t0 = time.perf_counter()
        summary.alerts = run_alerts(store, watch).summary
        summary.timings["alerts"] = time.perf_counter() - t0
    return summary
