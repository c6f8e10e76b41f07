"""Benchmark the NER backends: chars/s, docs/s of 2,000-char articles, and peak RSS per language.

Usage (cwd /work/main): python bench/ner.py --shared ../shared [--docs 40] [--backend ja ...]
Articles come from ../shared/corpus/input.jsonl, assigned a language by script and cut or
joined to 2,000 chars. Each backend runs in its own process so its peak RSS is its own.
Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

DOC_CHARS = 2000
BACKENDS = ("ja", "ja-ginza", "ko", "ko-kiwi", "en", "ru")


def script_lang(text: str) -> str:
    """A rough language by script, enough to pick benchmark articles."""
    counts = {
        "ko": len(re.findall(r"[\uac00-\ud7a3]", text)),
        "ja": len(re.findall(r"[\u3040-\u30ff]", text)) * 3,
        "ru": len(re.findall(r"[\u0400-\u04ff]", text)),
        "en": len(re.findall(r"[A-Za-z]", text)) // 4,
        "zh": len(re.findall(r"[\u4e00-\u9fff]", text)) // 2,
    }
    return max(counts, key=lambda k: counts[k])


def articles(shared: Path, lang: str, n: int) -> list[str]:
    """``n`` texts of exactly DOC_CHARS chars in one language (articles joined, then cut)."""
    pool = ""
    for line in (shared / "corpus" / "input.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("text") or ""
        if text and script_lang(text) == lang:
            pool += text + "\n\n"
    if not pool:
        return []
    while len(pool) < n * DOC_CHARS:
        pool += pool
    return [pool[i * DOC_CHARS : (i + 1) * DOC_CHARS] for i in range(n)]


def load(name: str) -> object:
    if name == "ja-ginza":
        from watchfloor.entities.ner_ja import GinzaBackend

        return GinzaBackend()
    if name == "ko-kiwi":
        from watchfloor.entities.ner_ko import KiwiHeuristicBackend

        return KiwiHeuristicBackend()
    from watchfloor.entities.ner import get_backend

    return get_backend(name)


def run_one(name: str, shared: Path, n: int) -> None:
    texts = articles(shared, name.split("-")[0], n + 2)
    if not texts:
        print(f"{name:9} no articles in this language")
        return
    t0 = time.perf_counter()
    backend = load(name)
    loaded = time.perf_counter() - t0
    if backend is None:
        print(f"{name:9} no backend")
        return
    backend.spans_batch(texts[:2])  # type: ignore[attr-defined]  # warm up lazy parts
    t1 = time.perf_counter()
    found = backend.spans_batch(texts[2:])  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(map(len, texts[2:]))
    print(
        f"{name:9} {backend.name:22} load {loaded:5.1f}s  {chars / elapsed:8.0f} chars/s  "  # type: ignore[attr-defined]
        f"{n / elapsed:6.2f} docs/s  peak RSS {rss_mb:6.0f} MB  "
        f"{sum(map(len, found)) / n:5.1f} spans/doc"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--backend", nargs="*", default=list(BACKENDS), choices=BACKENDS)
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)  # child-process mode
    args = ap.parse_args()
    if args.one:
        run_one(args.one, args.shared, args.docs)
        return 0
    print(f"{args.docs} docs of {DOC_CHARS} chars per backend, one process each")
    for name in args.backend:
        cmd = [sys.executable, __file__, "--shared", str(args.shared), "--docs", str(args.docs)]
        subprocess.run([*cmd, "--one", name], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
