"""Ingest + extract throughput over the article-extraction benchmark pages.

Prints documents/s and peak RSS for `watchfloor ingest` (reading files, raw store, extraction,
store writes) with the configured worker processes. A measurement, not a test: nothing is
asserted about time.

Besides wall-clock figures it prints CPU seconds (main process and workers, from getrusage): on a
shared machine the wall clock measures the neighbours too, CPU time measures this code.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from watchfloor.config import load_config
from watchfloor.ingest.sources import iter_inputs
from watchfloor.pipeline import Ingestor
from watchfloor.store.sqlite import SqliteStore


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def cpu_seconds() -> tuple[float, float]:
    """User + system CPU seconds of this process and of its reaped children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--repeat", type=int, default=3, help="copies of each page (distinct urls)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    pages = sorted((args.shared / "benchmarks" / "article-extraction" / "html").glob("*"))
    if not pages:
        print("no benchmark pages found; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "pages"
        src.mkdir()
        n = 0
        for r in range(args.repeat):
            for page in pages:
                data = page.read_bytes()
                if page.suffix == ".gz":
                    data = gzip.decompress(data)
                # a marker keeps copies distinct so every one is extracted and stored
                (src / f"{r}-{page.name.removesuffix('.gz')}.html").write_bytes(
                    data + f"<!-- copy {r} -->".encode()
                )
                n += 1
        config = load_config(None, (f"ingest.workers={args.workers}",))
        store = SqliteStore(Path(tmp) / "bench.db")
        ingestor = Ingestor(store, config, stages=("extract",), workers=args.workers)
        cpu_own0, cpu_children0 = cpu_seconds()
        started = time.perf_counter()
        todo = ingestor.read(
            iter_inputs(
                [str(src)], fetcher=None, max_bytes=config.ingest.max_bytes, follow_feeds=False
            )
        )
        read_done = time.perf_counter()
        ingestor.process(todo)
        elapsed = time.perf_counter() - started
        cpu_own, cpu_children = cpu_seconds()
        cpu_own -= cpu_own0
        cpu_children -= cpu_children0
        stats = ingestor.stats
        own, children = peak_rss_mb()
        print(f"pages: {n} ({len(pages)} benchmark pages x {args.repeat}), workers: {args.workers}")
        reading = read_done - started
        print(f"read + raw store: {reading:.2f}s; extract + store: {elapsed - reading:.2f}s")
        print(f"ingest+extract: {n / elapsed:.1f} documents/s ({elapsed:.2f}s total)")
        print(
            f"CPU: main {cpu_own:.2f}s ({1000 * cpu_own / n:.1f} ms/doc), workers "
            f"{cpu_children:.2f}s ({1000 * cpu_children / n:.1f} ms/doc)"
        )
        if args.workers > 1 and cpu_children > 0:
            # Workers extract in parallel; the main process reads and writes between batches.
            busy = cpu_own + cpu_children / args.workers
            print(
                f"CPU-bound estimate on {args.workers} idle cores: {n / busy:.1f} documents/s "
                "(main CPU + worker CPU / workers)"
            )
        print(f"processed {stats.processed}, quarantined {dict(stats.quarantined)}")
        print(f"peak RSS: main {own:.0f} MB, largest worker {children:.0f} MB")
        store.close()
        shutil.rmtree(src, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
