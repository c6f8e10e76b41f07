"""Why timeline entries miss supporting documents: one line per supporting document not on the
entry's event, with the cause (no claim, claim with another date, claim on another event).

    .venv/bin/python -m eval.corpus --shared ../shared --keep /tmp/ev   # exports first
    .venv/bin/python -m eval.timeline_diag --shared ../shared --keep /tmp/ev
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eval.scoring import event_matches


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _pick(
    entry: Mapping[str, Any], events: list[dict[str, Any]], support: set[str]
) -> dict[str, Any] | None:
    """The event the scorer credits (see eval.scoring.score_timeline)."""
    matching = [e for e in events if event_matches(entry, e)]
    exact = [e for e in matching if e.get("date") and e["date"][:10] == (entry.get("date") or "")]
    if not matching:
        return None
    pool = exact or matching
    if len(exact) == 1:
        return exact[0]
    return max(pool, key=lambda e: len(support & set(e.get("doc_ids", []))))


def _short(event: Mapping[str, Any] | None) -> str:
    if event is None:
        return "-"
    return (
        f"{event['event_id'][:9]}[{event.get('date')} {event.get('mode')}"
        f" {'/'.join(event.get('actors', []))}->{'/'.join(event.get('recipients', []))}"
        f" n={len(event.get('doc_ids', []))}]"
    )


def _cause(
    entry: Mapping[str, Any], claims: list[dict[str, Any]], event_of: Mapping[str, dict[str, Any]]
) -> str:
    full = [c for c in claims if event_matches(entry, c)]
    if full:
        return "merge: " + "; ".join(
            f"{c.get('date')} {c.get('mode')} -> {_short(event_of.get(c['claim_id']))}"
            for c in full
        )
    undated = [c for c in claims if event_matches({**entry, "date": None}, c)]
    if undated:
        return "date: " + "; ".join(
            f"claim {c.get('date')} ({c.get('date_rule')}) -> {_short(event_of.get(c['claim_id']))}"
            for c in undated
        )
    typed = [c for c in claims if c.get("type") == entry.get("type")]
    if typed:
        return "parties: " + "; ".join(
            f"{'/'.join(c.get('actors', []))}->{'/'.join(c.get('recipients', []))} {c.get('date')}"
            for c in typed
        )
    return "no claim of type " + str(entry.get("type"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--keep", type=Path, required=True, help="exports of eval.corpus")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    gold = {
        a["url"]: a for a in (json.loads(p.read_text()) for p in corpus.glob("articles/*/*.json"))
    }
    documents = _read(args.keep / "documents.jsonl")
    doc_of = {gold[d["url"]]["id"]: d["doc_id"] for d in documents if d["url"] in gold}
    article_of = {v: k for k, v in doc_of.items()}
    story_of = {d["doc_id"]: d.get("story_id") for d in documents}
    claims_of: dict[str, list[dict[str, Any]]] = {}
    for c in _read(args.keep / "claims.jsonl"):
        claims_of.setdefault(c["doc_id"], []).append(c)
    events = _read(args.keep / "events.jsonl")
    # a claim's own event (an accusation event also lists the alleged claims it rests on)
    by_id = {e["event_id"]: e for e in events}
    event_of = {
        c["claim_id"]: by_id[c["event_id"]]
        for cs in claims_of.values()
        for c in cs
        if c.get("event_id") in by_id
    }
    timeline = json.loads((corpus / "timeline.json").read_text())
    for n, entry in enumerate(timeline):
        support_docs = {doc_of[a] for a in entry.get("supporting_articles", []) if a in doc_of}
        chosen = _pick(entry, events, support_docs)
        exact = [
            e
            for e in events
            if event_matches(entry, e) and (e.get("date") or "")[:10] == (entry.get("date") or "")
        ]
        docs = set(chosen.get("doc_ids", [])) if chosen else set()
        support = entry.get("supporting_articles", [])
        hit = [a for a in support if doc_of.get(a) in docs]
        print(
            f"\n#{n} {entry['date']} {entry['type']} {entry['mode']} {entry['actor']}"
            f" -> {entry['recipient']}  {len(hit)}/{len(support)}  split={len(exact)}"
            f"\n   event {_short(chosen)}"
        )
        for e in exact:
            if e is not chosen:
                print(f"   also  {_short(e)}")
        for article in support:
            doc = doc_of.get(article)
            if doc is None:
                print(f"   {article}: not exported")
            elif doc not in docs:
                cause = _cause(entry, claims_of.get(doc, []), event_of)
                print(f"   {article} (story {str(story_of.get(doc))[:9]}): {cause}")
        if chosen:
            extra = [
                article_of.get(d, d)
                for d in chosen.get("doc_ids", [])
                if d not in set(doc_of.get(a) for a in support)
            ]
            if extra:
                print(f"   also on event: {', '.join(sorted(extra))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
