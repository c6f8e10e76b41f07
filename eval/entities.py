"""Entity scoring as ../shared/corpus/README.md defines it, reusable by ``make eval``.

Per document, the set of canonical names of persons, organizations and countries (places left
out) is compared with ``gold.entities`` after NFKC + lower-casing; tp/fp/fn are summed per
language. Run as a script to score the registry-led entity stage on the corpus texts directly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from eval.scoring import PRF, norm, score_entities

# Kinds that count as predictions: places are excluded; provisional NER entities count with the
# kind the model gave them (person / organization).
SCORED_KINDS = frozenset({"person", "organization", "country", "vessel"})


# One scorer for `make eval` and this script: the corpus README's entity rule.
Score = PRF


def load_gold(
    shared: Path,
) -> tuple[dict[str, set[str]], dict[str, str], dict[str, dict[str, object]]]:
    """Gold entity sets, languages and article records keyed by url."""
    gold: dict[str, set[str]] = {}
    langs: dict[str, str] = {}
    articles: dict[str, dict[str, object]] = {}
    for path in sorted((shared / "corpus" / "articles").glob("*/*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        gold[art["url"]] = set(art["gold"]["entities"])
        langs[art["url"]] = art["lang"]
        articles[art["url"]] = art
    return gold, langs, articles


def input_records(shared: Path) -> Iterable[dict[str, object]]:
    with (shared / "corpus" / "input.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def parse_published(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def format_scores(scores: Mapping[str, Score]) -> str:
    lines = [f"{'lang':<5}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for lang, s in scores.items():
        lines.append(
            f"{lang:<5}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
        )
    return "\n".join(lines)


def predict_simple(shared: Path, *, ner: bool = True) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Predictions of the entity stage on simply built Articles (one section per record)."""
    from watchfloor.entities.registry import Registry
    from watchfloor.entities.stage import EntityStage
    from watchfloor.records import Article, Section, doc_id_for

    _gold, langs, _articles = load_gold(shared)
    stage = EntityStage(Registry.load(), ner=ner)
    pred: dict[str, set[str]] = {}
    for rec in input_records(shared):
        url = str(rec["url"])
        if url not in langs:
            continue
        title = rec.get("title")
        article = Article(
            doc_id=doc_id_for(url),
            url=url,
            sha256="",
            site=None,
            title=str(title) if title else None,
            published=parse_published(rec.get("published")),
            published_source="input",
            author=None,
            credits=(),
            sections=(
                Section(
                    lang=langs[url],
                    title=str(title) if title else None,
                    text=str(rec.get("text") or ""),
                ),
            ),
            extractor="eval.simple",
        )
        pred[url] = stage.entity_names(article, SCORED_KINDS)
    return pred, langs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--errors", action="store_true", help="print fp/fn per document")
    parser.add_argument("--no-ner", action="store_true", help="registry matching + coref only")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    gold, langs, articles = load_gold(shared)
    pred, _ = predict_simple(shared, ner=not args.no_ner)
    if args.errors:
        for url in sorted(gold, key=lambda u: str(articles[u]["id"])):
            g = {norm(n) for n in gold[url]}
            p = {norm(n) for n in pred.get(url, set())}
            if g != p:
                print(articles[url]["id"], "FP:", sorted(p - g), "FN:", sorted(g - p))
    print(format_scores(score_entities(pred, gold, langs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
