"""`make eval`: run watchfloor over ../shared/corpus/input.jsonl and score its exports.

Scoring follows ../shared/corpus/README.md (see eval/scoring.py). The run goes through the real
CLI (`watchfloor run`, or `ingest` while fusion is not available) into a temporary store.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from eval.scoring import (
    bcubed,
    briefing_coverage,
    score_copies,
    score_entities,
    score_events,
    score_flags,
    score_timeline,
)

PLACE_KINDS = {"place", "location", "city", "region", "facility"}
ENTITY_KINDS = {"person", "organization", "country"}


def load_gold(corpus: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(corpus.glob("articles/*/*.json"))]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def run_watchfloor(input_path: Path, workdir: Path, db: Path | None) -> tuple[Path, float]:
    """Run the pipeline (unless a ready store is given) and export every table."""
    exe = [sys.executable, "-m", "watchfloor"]
    started = time.perf_counter()
    if db is None:
        db = workdir / "eval.db"
        ran = subprocess.run(
            [*exe, "--db", str(db), "run", str(input_path), "--out", str(workdir / "out")]
        )
        if ran.returncode not in (0, 1):
            print(
                "`watchfloor run` unavailable; falling back to `watchfloor ingest`", file=sys.stderr
            )
            subprocess.run([*exe, "--db", str(db), "ingest", str(input_path)], check=False)
    elapsed = time.perf_counter() - started
    for table in ("documents", "entities", "claims", "events", "stories", "sources", "leads"):
        out = workdir / f"{table}.jsonl"
        subprocess.run(
            [*exe, "--db", str(db), "export", table, "--format", "jsonl", "-o", str(out)],
            check=False,
            capture_output=True,
        )
    return workdir, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--db", type=Path, help="score an existing store instead of running")
    parser.add_argument("--keep", type=Path, help="keep exports in this directory")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "input.jsonl").exists():
        print(f"no corpus at {corpus}; nothing to evaluate")
        return 0
    gold = load_gold(corpus)
    by_url = {a["url"]: a for a in gold}
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="watchfloor-eval-"))
    workdir.mkdir(parents=True, exist_ok=True)
    _, elapsed = run_watchfloor(corpus / "input.jsonl", workdir, args.db)
    print(f"corpus: {len(gold)} articles; pipeline {elapsed:.1f}s; exports in {workdir}")

    documents = read_jsonl(workdir / "documents.jsonl")
    doc_to_article = {d["doc_id"]: by_url[d["url"]]["id"] for d in documents if d["url"] in by_url}
    article_to_doc = {v: k for k, v in doc_to_article.items()}
    lang_of = {a["id"]: a["lang"] for a in gold}
    print(f"documents exported: {len(documents)} (matched to gold: {len(doc_to_article)})")

    # entities
    entities = read_jsonl(workdir / "entities.jsonl")
    predicted: dict[str, set[str]] = defaultdict(set)
    offsets_ok = offsets_all = 0
    sections = {d["doc_id"]: d["sections"] for d in documents}
    for row in entities:
        article = doc_to_article.get(row["doc_id"])
        if article is None:
            continue
        for m in row.get("mentions", []):
            offsets_all += 1
            secs = sections.get(row["doc_id"], [])
            if (
                m["section"] < len(secs)
                and secs[m["section"]]["text"][m["start"] : m["end"]] == m["text"]
            ):
                offsets_ok += 1
        if str(row.get("kind", "")).lower() in PLACE_KINDS:
            continue
        predicted[article].add(row["canonical_name"])
    if entities:
        print(
            "\n== entities (F1 of per-document canonical-name sets;"
            " targets ja/ko/en ≥ 0.90, ru/zh ≥ 0.80)"
        )
        gold_entities = {a["id"]: set(a["gold"]["entities"]) for a in gold}
        for lang, prf in score_entities(predicted, gold_entities, lang_of).items():
            print(f"  {lang}: {prf.line()}")
        print(f"  mention offsets exact: {offsets_ok}/{offsets_all}")

    # claims vs gold events
    claims = read_jsonl(workdir / "claims.jsonl")
    if claims:
        claims_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in claims:
            if c["doc_id"] in doc_to_article:
                claims_by_article[doc_to_article[c["doc_id"]]].append(c)
        gold_events = {a["id"]: a["gold"]["events"] for a in gold}
        print(
            "\n== events (claims vs gold.events; target F1 ≥ 0.60 ja/ko/en, status accuracy ≥ 0.80)"
        )
        for lang, score in score_events(gold_events, claims_by_article, lang_of).items():
            print(
                f"  {lang}: {score.prf.line()}  status acc {score.status_accuracy:.3f}"
                f"  asserted_by acc {score.asserted_accuracy:.3f}"
            )

    # stories
    if any(d.get("story_id") for d in documents):
        pred = {
            doc_to_article[d["doc_id"]]: d["story_id"]
            for d in documents
            if d["doc_id"] in doc_to_article and d.get("story_id")
        }
        gold_clusters = {a["id"]: a["cluster"] for a in gold}
        p, r, f = bcubed(pred, gold_clusters)
        print(
            "\n== stories (B-cubed vs cluster; target F1 ≥ 0.90)"
            f"\n  P {p:.3f}  R {r:.3f}  F1 {f:.3f}"
        )

    # copies
    if any(d.get("origin_id") for d in documents):
        origin = {
            doc_to_article[d["doc_id"]]: d.get("origin_id")
            for d in documents
            if d["doc_id"] in doc_to_article
        }
        gold_copy = {a["id"]: a.get("copy_of") for a in gold}
        print(
            "\n== copies (pairwise F1 over shared origin_id; target ≥ 0.80)"
            f"\n  {score_copies(origin, gold_copy).line()}"
        )

    # flags
    if any(
        d.get("machine_translated") is not None or d.get("content_farm") is not None
        for d in documents
    ):
        flagged = {
            doc_to_article[d["doc_id"]]: bool(d.get("machine_translated") or d.get("content_farm"))
            for d in documents
            if d["doc_id"] in doc_to_article
        }
        gold_flags: dict[str, bool | None] = {}
        for a in gold:
            values = [a.get("machine_translated"), a.get("content_farm")]
            gold_flags[a["id"]] = (
                None if all(v is None for v in values) else any(bool(v) for v in values)
            )
        print(
            "\n== flags (machine-translated / content farm; target P ≥ 0.80, R ≥ 0.70)"
            f"\n  {score_flags(flagged, gold_flags).line()}"
        )
        seed = next((a["id"] for a in gold if a["url"].startswith("seed:002")), None)
        if seed:
            print(f"  seed 002 flagged: {flagged.get(seed)}")

    # timeline
    events = read_jsonl(workdir / "events.jsonl")
    timeline_path = corpus / "timeline.json"
    if events and timeline_path.exists():
        timeline = json.loads(timeline_path.read_text())
        t = score_timeline(timeline, events, article_to_doc)
        print(
            f"\n== timeline ({t.entries} entries)\n  found {t.found}/{t.entries}  split {t.split}"
            f"  one event with its supporting documents: {t.one_event}/{t.entries}"
            f" ({t.one_event / t.entries:.2f})"
            f"\n  mean share of supporting documents on the entry's event: {t.support_share:.2f}"
        )
        briefing = workdir / "out" / "briefing.md"
        if briefing.exists():
            found, missing = briefing_coverage(timeline, events, briefing.read_text().splitlines())
            print(
                f"\n== briefing (issue 6: the timeline's developments, named with their dates)"
                f"\n  names {found - len(missing)}/{found} of the developments fusion found"
            )
            for entry in missing:
                print(f"  not named: {entry.get('date')} {entry.get('mode')} {entry.get('actor')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
