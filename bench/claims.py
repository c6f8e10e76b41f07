"""Documents per second of the claims stage, per language, over ../shared/corpus/input.jsonl.

Articles and mentions are built first (extract + entity stages, not timed); then only the claims
stage is timed. Prints figures; asserts nothing about time.

    .venv/bin/python bench/claims.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not (corpus / "input.jsonl").exists():
        print(f"no corpus at {corpus}")
        return 0
    from watchfloor.claims.stage import build_claim_stage
    from watchfloor.config import load_config
    from watchfloor.entities.registry import Registry
    from watchfloor.entities.stage import EntityStage
    from watchfloor.ingest.jsonl import iter_jsonl
    from watchfloor.pipeline import DocumentPipeline, ProcessedDocument

    config = load_config()
    extract = DocumentPipeline(config, ("extract",))
    entities = EntityStage(Registry.load())
    lang_of = {
        json.loads(p.read_text())["url"]: json.loads(p.read_text())["lang"]
        for p in corpus.glob("articles/*/*.json")
    }
    items: dict[str, list[Any]] = defaultdict(list)
    for raw in iter_jsonl(
        io.BytesIO((corpus / "input.jsonl").read_bytes()), location="bench", max_bytes=50_000_000
    ):
        done = extract.process(raw) if not hasattr(raw, "reason") else raw
        if isinstance(done, ProcessedDocument):
            items[lang_of.get(done.article.url, "?")].append(
                (done.article, entities.process(done.article))
            )
    stage = build_claim_stage(config)
    for pairs in items.values():  # warm caches (lexicons, kiwi) outside the timing
        stage.process(pairs[0])
    print(f"claims stage ({stage.name}), best of {args.repeat}")
    total_docs = total_time = 0.0
    for lang in sorted(items):
        pairs = items[lang]
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            for pair in pairs:
                stage.process(pair)
            best = min(best, time.perf_counter() - started)
        chars = sum(sum(len(s.text) for s in a.sections) for a, _m in pairs)
        print(
            f"  {lang}: {len(pairs)} docs  {len(pairs) / best:.1f} docs/s"
            f"  {chars / best / 1000:.0f}k chars/s"
        )
        total_docs += len(pairs)
        total_time += best
    print(f"  all: {total_docs / total_time:.1f} docs/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
