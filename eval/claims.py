"""Claims against the corpus gold: event P/R/F1 per language, status and asserted_by accuracy.

Articles come from ../shared/corpus/input.jsonl through the real per-document pipeline (extract,
entities, claims) when it is available; otherwise one section per article is built from the
record's text. ``--mentions MODULE:FUNC`` plugs another mention source (a function of an Article
returning Mentions), for experiments while the entity stage is being built.

    .venv/bin/python -m eval.claims --shared ../shared [--lang ja] [--show-errors]
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.scoring import event_matches, score_events
from watchfloor.records import Article, Claim, Mention, Section, doc_id_for

MentionSource = Callable[[Article], Sequence[Mention]]


def load_gold(corpus: Path) -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("articles/*/*.json"))
    ]


def _plain_article(record: dict[str, Any], lang: str) -> Article:
    """One section from the record's text (used when the extract stage is not available)."""
    published = None
    if record.get("published"):
        try:
            published = datetime.fromisoformat(str(record["published"]).replace("Z", "+00:00"))
            if published.tzinfo is None:
                published = published.replace(tzinfo=UTC)
        except ValueError:
            published = None
    text = record.get("text") or ""
    title = record.get("title")
    return Article(
        doc_id=doc_id_for(record["url"]),
        url=record["url"],
        sha256="",
        site=record.get("site"),
        title=title,
        published=published,
        published_source="input" if published else None,
        author=None,
        credits=(),
        sections=(Section(lang=lang, title=title, text=text),),
        extractor="eval.plain",
    )


class Runner:
    """Builds articles, mentions and claims for input records, with whatever stages exist."""

    def __init__(self, mentions: MentionSource | None) -> None:
        from watchfloor.claims.stage import build_claim_stage
        from watchfloor.config import load_config

        self.config = load_config()
        self.claims = build_claim_stage(self.config)
        self.mention_source = mentions
        self.pipeline: Any = None
        self.entities: Any = None
        from watchfloor.pipeline import DocumentPipeline

        try:
            stages = ("extract", "entities") if mentions is None else ("extract",)
            self.pipeline = DocumentPipeline(self.config, stages)
        except Exception as exc:  # the entity stage's builder may still be missing
            print(f"full pipeline unavailable ({type(exc).__name__}: {exc})", file=sys.stderr)
            try:
                self.pipeline = DocumentPipeline(self.config, ("extract",))
            except Exception as exc2:  # extract too: plain sections
                print(f"extract unavailable ({exc2}); using plain sections", file=sys.stderr)
            if mentions is None:
                try:
                    from watchfloor.entities.registry import Registry
                    from watchfloor.entities.stage import EntityStage

                    self.entities = EntityStage(Registry.load())
                except Exception as exc3:
                    print(f"entity stage unavailable ({exc3}); no mentions", file=sys.stderr)
        self.claim_seconds = 0.0

    def run(
        self, line: bytes, record: dict[str, Any], lang: str
    ) -> tuple[Article, tuple[Claim, ...]]:
        article: Article | None = None
        mentions: tuple[Mention, ...] = ()
        if self.pipeline is not None:
            from watchfloor.ingest.jsonl import iter_jsonl
            from watchfloor.pipeline import ProcessedDocument

            raw = next(iter_jsonl(io.BytesIO(line), location="eval", max_bytes=50_000_000))
            done = self.pipeline.process(raw) if not hasattr(raw, "reason") else raw
            if isinstance(done, ProcessedDocument):
                article, mentions = done.article, done.mentions
        if article is None:
            article = _plain_article(record, lang)
        if self.mention_source is not None:
            mentions = tuple(self.mention_source(article))
        elif self.entities is not None:
            mentions = tuple(self.entities.process(article))
        started = time.perf_counter()
        claims = self.claims.process((article, mentions))
        self.claim_seconds += time.perf_counter() - started
        return article, claims


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
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "input.jsonl").exists():
        print(f"no corpus at {corpus}; nothing to evaluate")
        return 0
    gold = load_gold(corpus)
    by_url = {a["url"]: a for a in gold}
    runner = Runner(_load_source(args.mentions))
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
        _article, claims = runner.run(line, record, art["lang"])
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
