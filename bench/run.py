"""Time of the main job (`watchfloor run`) over the whole ../shared corpus, split by stage.

Runs twice on one store: the first run does everything, the second shows that unchanged
documents are not reprocessed. A measurement: nothing is asserted about time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from watchfloor.config import load_config
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.run import run_job


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "input.jsonl"
    if not corpus.exists():
        print(f"no corpus at {corpus}; nothing to measure")
        return 0
    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "bench.db")
        for label in ("first run", "second run (same inputs)"):
            started = time.perf_counter()
            summary = run_job(store, config, [str(corpus)], Path(tmp) / "out", workers=args.workers)
            total = time.perf_counter() - started
            docs = summary.ingest.inputs
            print(
                f"{label}: {total:.1f}s for {docs} documents ({docs / total:.1f} docs/s);"
                f" processed {summary.ingest.processed}"
            )
            for stage, seconds in summary.timings.items():
                print(f"  {stage:<10} {seconds:7.2f}s")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS: main {own:.0f} MB, largest worker {children:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
