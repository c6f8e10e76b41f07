"""Throughput and peak memory of ``extract_html`` over the article-extraction benchmark pages.

Run as ``python bench/extract.py --shared ../shared``. One process, one core. Prints figures,
asserts nothing about time. Besides wall-clock rates it prints CPU milliseconds per page for
``extract_html`` and for the whole extract stage (decoding, cleaning, language sections): on a
shared machine CPU time measures this code, the wall clock its neighbours too.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import resource
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from watchfloor.config import load_config
from watchfloor.extract.html import extract_html
from watchfloor.extract.stage import ExtractStage
from watchfloor.records import InputHints, MediaType, Provenance, RawDocument

BENCHMARK = Path("benchmarks") / "article-extraction" / "html"


def main(argv: list[str] | None = None) -> int:
    """Extract every page ``--repeat`` times; print pages/s, strategy counts and peak RSS."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    paths = sorted((args.shared / BENCHMARK).glob("*.html.gz"))[: args.limit]
    if not paths:
        print(f"error: no pages under {args.shared / BENCHMARK}", file=sys.stderr)
        return 2
    pages = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf8") as f:
            pages.append(f.read())
    megabytes = sum(len(page.encode("utf8")) for page in pages) / 1e6
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    strategies: Counter[str] = Counter()
    timings = []
    cpu = []
    for round_ in range(args.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        for page in pages:
            result = extract_html(page)
            if round_ == 0:
                strategies[result.strategy] += 1
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    stage_cpu = _stage_cpu(pages, args.repeat)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first, best = timings[0], min(timings)
    print(f"pages: {len(pages)} ({megabytes:.1f} MB of HTML), rounds: {args.repeat}")
    print(f"extract_html: {len(pages) / first:.1f} pages/s first round (cold caches)")
    print(f"extract_html: {len(pages) / best:.1f} pages/s best round, {megabytes / best:.1f} MB/s")
    print(f"extract_html CPU: {1000 * min(cpu) / len(pages):.1f} ms/page (best round)")
    print(f"extract stage CPU: {1000 * stage_cpu / len(pages):.1f} ms/page (best round)")
    print("text from: " + ", ".join(f"{k} {v}" for k, v in sorted(strategies.items())))
    print(f"peak RSS: {peak:.0f} MB (pages loaded: {rss_before:.0f} MB)")
    return 0


def _stage_cpu(pages: list[str], repeat: int) -> float:
    """CPU seconds of the best round of ``ExtractStage.process`` over the pages as HTML files."""
    stage = ExtractStage(load_config(None, ()))
    fetched = datetime.now(UTC)
    raws = [
        RawDocument(
            doc_id=f"bench-{i}",
            url=f"file:///bench/{i}.html",
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            media_type=MediaType.HTML,
            provenance=Provenance(kind="file", location=f"/bench/{i}.html"),
            fetched_at=fetched,
            hints=InputHints(),
        )
        for i, data in enumerate(page.encode("utf8") for page in pages)
    ]
    rounds = []
    for _ in range(repeat):
        started = time.process_time()
        for raw in raws:
            stage.process(raw)
        rounds.append(time.process_time() - started)
    return min(rounds)


if __name__ == "__main__":
    sys.exit(main())
