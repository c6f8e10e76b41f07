"""Score watchfloor's HTML extractor on the article-extraction benchmark.

Run as ``python -m eval.extraction --shared ../shared``. First validates the scorer by
reproducing the published trafilatura figure from the benchmark's own output file, then scores
ours, then prints the other systems' outputs for reference. Exits non-zero only on errors.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from watchfloor.extract.html import extract_html
from watchfloor.extract.html_score import Score, aggregate, score_page

BENCHMARK = Path("benchmarks") / "article-extraction"
VALIDATION_SYSTEM = "trafilatura"
VALIDATION_TOLERANCE = 0.005
# A results row of the benchmark README: name, version, F1 ± ci, precision ± ci, recall ± ci.
_README_ROW = re.compile(r"^\s{2,}(\S+)\s+\S+\s+([01]\.\d{3}) ± [01]\.\d{3}\s+[01]\.\d{3} ±")


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Gold bodies and page URLs by item id, plus the benchmark folder."""

    root: Path
    gold: dict[str, str]
    urls: dict[str, str | None]

    def html(self, item_id: str) -> str:
        """The page as the benchmark stores it (gzip, UTF-8)."""
        with gzip.open(self.root / "html" / f"{item_id}.html.gz", "rt", encoding="utf8") as f:
            return f.read()


def load_benchmark(root: Path) -> Benchmark:
    """Read ground-truth.json; raises FileNotFoundError when the benchmark is absent."""
    raw = json.loads((root / "ground-truth.json").read_text(encoding="utf8"))
    gold = {key: item.get("articleBody") or "" for key, item in raw.items()}
    urls = {key: item.get("url") for key, item in raw.items()}
    return Benchmark(root=root, gold=gold, urls=urls)


def load_system_output(path: Path) -> tuple[str | None, dict[str, str]]:
    """A system's bodies by item id, and its version when the file is wrapped with one."""
    raw = json.loads(path.read_text(encoding="utf8"))
    version = None
    if isinstance(raw.get("output"), dict) and "version" in raw:
        version, raw = str(raw["version"]), raw["output"]
    return version, {key: (item or {}).get("articleBody") or "" for key, item in raw.items()}


def published_f1(readme: Path) -> dict[str, float]:
    """Published F1 by system name, first (latest) table wins."""
    figures: dict[str, float] = {}
    if not readme.exists():
        return figures
    for line in readme.read_text(encoding="utf8").splitlines():
        match = _README_ROW.match(line)
        if match and match.group(1) not in figures:
            figures[match.group(1)] = float(match.group(2))
    return figures


def score_bodies(gold: dict[str, str], predicted: dict[str, str]) -> Score:
    """Benchmark score over the gold ids (a missing prediction counts as empty)."""
    if set(predicted) != set(gold):
        missing = len(set(gold) - set(predicted))
        raise ValueError(f"prediction ids do not match ground truth ({missing} missing)")
    return aggregate(score_page(gold[key], predicted[key]) for key in gold)


def run_ours(bench: Benchmark, ids: list[str]) -> tuple[dict[str, str], float]:
    """Extract every page with watchfloor; returns bodies and warm pages per second (one core)."""
    pages = {key: bench.html(key) for key in ids}
    bodies: dict[str, str] = {}
    # One untimed page first: the first call pays one-off imports and caches (htmldate's date
    # parser), which would otherwise dominate a short --limit run.
    extract_html(pages[ids[0]], url=bench.urls[ids[0]])
    started = time.perf_counter()
    for key in ids:
        bodies[key] = extract_html(pages[key], url=bench.urls[key]).text
    elapsed = time.perf_counter() - started
    return bodies, len(ids) / elapsed if elapsed > 0 else float("inf")


def _row(name: str, score: Score, extra: str = "") -> str:
    return (
        f"{name:<24} F1={score.f1:.4f}  precision={score.precision:.4f}  "
        f"recall={score.recall:.4f}  pages={score.pages}{extra}"
    )


def main(argv: list[str] | None = None) -> int:
    """Validate the scorer, score ours, print the reference systems."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    args = parser.parse_args(argv)
    root = args.shared / BENCHMARK
    try:
        bench = load_benchmark(root)
    except (OSError, ValueError) as err:
        print(f"error: cannot read the benchmark at {root}: {err}", file=sys.stderr)
        return 2
    published = published_f1(root / "README.rst")
    outputs = sorted((root / "output").glob("*.json"))

    validation = root / "output" / f"{VALIDATION_SYSTEM}.json"
    try:
        version, bodies = load_system_output(validation)
        reference = score_bodies(bench.gold, bodies)
    except (OSError, ValueError) as err:
        print(f"error: cannot validate the scorer with {validation}: {err}", file=sys.stderr)
        return 2
    expected = published.get(VALIDATION_SYSTEM)
    if expected is None:
        verdict = "no published figure to compare"
    else:
        delta = reference.f1 - expected
        ok = abs(delta) <= VALIDATION_TOLERANCE
        verdict = f"published {expected:.3f}, delta {delta:+.4f} -> {'OK' if ok else 'MISMATCH'}"
    print(_row(f"validation {VALIDATION_SYSTEM} {version or ''}".strip(), reference))
    print(f"  scorer check: {verdict} (tolerance ±{VALIDATION_TOLERANCE})")

    ids = sorted(bench.gold)[: args.limit] if args.limit else sorted(bench.gold)
    gold = {key: bench.gold[key] for key in ids}
    ours, pages_per_s = run_ours(bench, ids)
    print(_row("ours (watchfloor)", score_bodies(gold, ours), f"  pages/s={pages_per_s:.1f}"))

    print("reference systems (benchmark output/, same pages):")
    for path in outputs:
        version, bodies = load_system_output(path)
        label = f"{path.stem} {version or ''}".strip()
        figure = published.get(path.stem)
        extra = f"  (published F1 {figure:.3f}, all pages)" if figure is not None else ""
        subset = {key: bodies.get(key, "") for key in ids}
        print("  " + _row(label, score_bodies(gold, subset), extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
