"""Claims against the corpus gold: event P/R/F1 per language, status and asserted_by accuracy.

Articles come from ../shared/corpus/input.jsonl through the real per-document pipeline (extract,
entities, claims). The extract + entities output is cached in the temp directory, keyed by the
code and data it depends on, so re-runs only redo the claims stage (``--no-cache`` to disable).
``--mentions MODULE:FUNC`` plugs another mention source (a function of an Article returning
Mentions), for experiments.

    .venv/bin/python -m eval.claims --shared ../shared [--lang ja] [--show-errors]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import json
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eval.scoring import event_matches, score_events
from watchfloor.records import Article, Claim, Mention, RawDocument

MentionSource = Callable[[Article], Sequence[Mention]]


def load_gold(corpus: Path) -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("articles/*/*.json"))
    ]


def _cache_key(corpus: Path) -> str:
    """Fingerprint of everything the extract and entity stages depend on (code, data, input),
    so a cached run is reused only while none of it changed."""
    root = Path(__file__).resolve().parents[1] / "src" / "watchfloor"
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file() or rel.startswith(("claims/", "data/lexicons/triggers/")):
            continue
        if rel.startswith("data/lexicons/reporting/") or "__pycache__" in rel:
            continue
        st = path.stat()
        h.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}".encode())
    st = (corpus / "input.jsonl").stat()
    h.update(f"input:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


class Runner:
    """Runs the real per-document pipeline (extract, entities, claims) on input lines.

    The extract + entities output is cached per fingerprint (``_cache_key``) so that iterating on
    the claims stage re-runs only the claims stage; the claims come from the pipeline's own
    claims stage either way. ``mentions`` replaces the entity stage's mentions (experiments).
    """

    def __init__(self, mentions: MentionSource | None, cache: Path | None) -> None:
        from watchfloor.config import load_config
        from watchfloor.pipeline import DocumentPipeline

        self.config = load_config()
        self.pipeline = DocumentPipeline(self.config, ("extract", "entities", "claims"))
        self.mention_source = mentions
        self.cache_path = cache
        self.cache: dict[str, tuple[Article, tuple[Mention, ...]]] = {}
        if cache is not None and cache.exists():
            with cache.open("rb") as fh:
                self.cache = pickle.load(fh)
        self.dirty = False
        self.warmed: set[str] = set()
        self.claim_seconds = 0.0

    def run(self, line: bytes) -> tuple[Article | None, tuple[Claim, ...]]:
        from watchfloor.ingest.jsonl import iter_jsonl
        from watchfloor.pipeline import ProcessedDocument

        key = hashlib.sha256(line).hexdigest()
        hit = self.cache.get(key)
        if hit is None:
            raw = next(iter_jsonl(io.BytesIO(line), location="eval", max_bytes=20_000_000))
            if not isinstance(raw, RawDocument):
                return None, ()
            done = self.pipeline.process(raw)
            if not isinstance(done, ProcessedDocument):
                print(f"rejected: {done.reason} {done.detail[:120]}", file=sys.stderr)
                return None, ()
            hit = (done.article, done.mentions)
            self.cache[key] = hit
            self.dirty = True
        article, mentions = hit
        if self.mention_source is not None:
            mentions = tuple(self.mention_source(article))
        assert self.pipeline.claims is not None
        langs = {s.lang for s in article.sections} - self.warmed
        if langs:  # lazy models (kiwipiepy) load on a language's first document: not timed
            self.pipeline.claims.process((article, mentions))
            self.warmed |= langs
        started = time.perf_counter()
        claims = self.pipeline.claims.process((article, mentions))
        self.claim_seconds += time.perf_counter() - started
        return article, claims

    def save(self) -> None:
        if self.cache_path is not None and self.dirty:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            with self.cache_path.open("wb") as fh:
                pickle.dump(self.cache, fh)


def _load_source(spec: str | None) -> MentionSource | None:
    if not spec:
        return None
    module, _, func = spec.partition(":")
    loaded: MentionSource = getattr(importlib.import_module(module), func or "mentions")
    return loaded


def claim_row(claim: Claim) -> dict[str, Any]:
    row = asdict(claim)
    row["stance"], row["status"] = str(claim.stance), str(claim.status)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--lang", action="append", help="only these languages")
    parser.add_argument("--mentions", help="MODULE:FUNC mention source instead of the entity stage")
    parser.add_argument(
        "--show-errors", action="store_true", help="print unmatched gold and claims"
    )
    parser.add_argument("--dump", type=Path, help="write the claims as JSON Lines here")
    parser.add_argument(
        "--no-cache", action="store_true", help="do not reuse cached extract+entities output"
    )
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "input.jsonl").exists():
        print(f"no corpus at {corpus}; nothing to evaluate")
        return 0
    gold = load_gold(corpus)
    by_url = {a["url"]: a for a in gold}
    cache = None
    if not args.no_cache:
        cache = Path(tempfile.gettempdir()) / f"watchfloor-eval-claims-{_cache_key(corpus)}.pkl"
    runner = Runner(_load_source(args.mentions), cache)
    claims_by: dict[str, list[dict[str, Any]]] = {}
    gold_by: dict[str, list[dict[str, Any]]] = {}
    lang_of: dict[str, str] = {}
    docs_by_lang: dict[str, int] = defaultdict(int)
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for line in (corpus / "input.jsonl").read_bytes().splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        art = by_url.get(record["url"])
        if art is None or (args.lang and art["lang"] not in args.lang):
            continue
        _article, claims = runner.run(line)
        rows = [claim_row(c) for c in claims]
        claims_by[art["id"]] = rows
        gold_by[art["id"]] = art["gold"]["events"]
        lang_of[art["id"]] = art["lang"]
        docs_by_lang[art["lang"]] += 1
        if dump is not None:
            for row in rows:
                dump.write(json.dumps({"article": art["id"], **row}, ensure_ascii=False) + "\n")
        if args.show_errors:
            _show(art, rows)
    runner.save()
    if dump is not None:
        dump.close()
    scores = score_events(gold_by, claims_by, lang_of)
    print("== events (claims vs gold.events; target F1 >= 0.60 ja/ko/en, status accuracy >= 0.80)")
    total_claims = sum(len(v) for v in claims_by.values())
    for lang, s in scores.items():
        print(
            f"  {lang}: {s.prf.line()}  status acc {s.status_accuracy:.3f}"
            f"  asserted_by acc {s.asserted_accuracy:.3f}  ({docs_by_lang[lang]} docs)"
        )
    matched = sum(s.matched for s in scores.values())
    status_right = sum(s.status_right for s in scores.values())
    print(
        f"  all: {total_claims} claims; status acc {status_right / matched if matched else 0:.3f}"
    )
    print(f"  claims stage: {runner.claim_seconds:.2f}s for {len(claims_by)} documents")
    return 0


def _show(art: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    used: set[int] = set()
    lines = []
    for g in art["gold"]["events"]:
        hit = next((i for i, c in enumerate(rows) if i not in used and event_matches(g, c)), None)
        if hit is None:
            lines.append(
                f"   FN {g['type']} {g['actor']} -> {g['recipient']} {g['date']} "
                f"[{g['status']}] | {g['evidence'][:90]}"
            )
        else:
            used.add(hit)
            c = rows[hit]
            flag = "" if c["status"] == g["status"] else f" STATUS {c['status']}!={g['status']}"
            lines.append(f"   TP {g['type']} {c['actors']}->{c['recipients']} {c['date']}{flag}")
    for i, c in enumerate(rows):
        if i not in used:
            lines.append(
                f"   FP {c['type']}/{c['mode']} {c['actors']} -> {c['recipients']} {c['date']} "
                f"[{c['status']}] by {c['asserted_by']} conf {c['confidence']}"
                f" | {c['evidence'][:90]}"
            )
    print(f"## {art['id']} ({art['published']})")
    print("\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
