"""Throughput and peak memory of ``extract_html`` over the article-extraction benchmark pages.

Run as ``python bench/extract.py --shared ../shared``. One process, one core. Prints figures,
asserts nothing about time.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from watchfloor.extract.html import extract_html

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
    for round_ in range(args.repeat):
        started = time.perf_counter()
        for page in pages:
            result = extract_html(page)
            if round_ == 0:
                strategies[result.strategy] += 1
        timings.append(time.perf_counter() - started)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first, best = timings[0], min(timings)
    print(f"pages: {len(pages)} ({megabytes:.1f} MB of HTML), rounds: {args.repeat}")
    print(f"extract_html: {len(pages) / first:.1f} pages/s first round (cold caches)")
    print(f"extract_html: {len(pages) / best:.1f} pages/s best round, {megabytes / best:.1f} MB/s")
    print("text from: " + ", ".join(f"{k} {v}" for k, v in sorted(strategies.items())))
    print(f"peak RSS: {peak:.0f} MB (pages loaded: {rss_before:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
