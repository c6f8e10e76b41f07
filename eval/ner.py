"""Score the NER backends on the external suites: exact span + type P/R/F1 for PER/ORG/LOC.

Usage (cwd /work/main): python -m eval.ner --shared ../shared [--limit N]
Suites: ../shared/benchmarks/ner-ja (Stockmark Wikipedia NER v2.0) and ner-ko (KLUE-NER v1.1
dev). The shipped ja/ko models were trained on these suites, so only the fixed held-out split
(sentence index % 5 == 0) is scored, for every backend alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from watchfloor.entities.ner import NerBackend, get_backend
from watchfloor.entities.ner_suites import (
    SCORED_LABELS,
    SPLIT_DESCRIPTION,
    Scores,
    SuiteSentence,
    is_held_out,
    load_klue,
    load_stockmark,
)


def score_backend(backend: NerBackend, sents: Sequence[SuiteSentence]) -> tuple[Scores, float]:
    """Scores over the sentences and the backend's throughput in chars/s (model load excluded)."""
    texts = [s.text for s in sents]
    started = time.perf_counter()
    predicted = backend.spans_batch(texts)
    elapsed = time.perf_counter() - started
    scores = Scores()
    for sent, spans in zip(sents, predicted, strict=True):
        scores.add(
            [(g.start, g.end, g.label) for g in sent.spans],
            [(p.start, p.end, p.label) for p in spans],
        )
    return scores, sum(map(len, texts)) / max(elapsed, 1e-9)


def print_scores(suite: str, backend: NerBackend, scores: Scores, speed: float) -> None:
    p, r, f = scores.prf()
    print(f"{suite:7} {backend.name:24} ALL  P {p:.3f} R {r:.3f} F1 {f:.3f}  {speed:9.0f} chars/s")
    for label in SCORED_LABELS:
        p, r, f = scores.prf(label)
        print(f"{'':7} {'':24} {label:4} P {p:.3f} R {r:.3f} F1 {f:.3f}")


def held_out(sents: list[SuiteSentence], limit: int | None) -> list[SuiteSentence]:
    out = [s for s in sents if is_held_out(s.index)]
    return out[:limit] if limit else out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--limit", type=int, default=None, help="first N held-out sentences per suite")
    ap.add_argument("--no-reference", action="store_true", help="skip GiNZA / kiwi references")
    args = ap.parse_args(argv)
    bench = args.shared / "benchmarks"
    ja_path, ko_path = bench / "ner-ja" / "ner.json", bench / "ner-ko" / "klue-ner-v1.1_dev.tsv"
    if not ja_path.exists() or not ko_path.exists():
        print(f"suites not found under {bench}", file=sys.stderr)
        return 2
    print(f"split: {SPLIT_DESCRIPTION}; scored: PER/ORG/LOC, exact span + type, micro-averaged")
    print("maps: Stockmark 人名→PER, 法人名/政治的組織名/その他の組織名→ORG, 地名→LOC")
    print("      (施設名/製品名/イベント名 not scored); KLUE PS→PER, OG→ORG, LC→LOC (DT/QT/TI not)")
    suites: list[tuple[str, str, list[SuiteSentence]]] = [
        ("ner-ja", "ja", held_out(load_stockmark(ja_path), args.limit)),
        ("ner-ko", "ko", held_out(load_klue(ko_path), args.limit)),
    ]
    for suite, lang, sents in suites:
        print(f"{suite}: {len(sents)} held-out sentences, {sum(len(s.text) for s in sents)} chars")
        backends: list[NerBackend] = []
        default = get_backend(lang)
        if default is not None:
            backends.append(default)
        if not args.no_reference:
            backends.extend(_references(lang, default))
        for backend in backends:
            scores, speed = score_backend(backend, sents)
            print_scores(suite, backend, scores, speed)
    return 0


def _references(lang: str, default: NerBackend | None) -> list[NerBackend]:
    """The as-shipped alternatives, printed for comparison with the default backend."""
    if lang == "ja":
        from watchfloor.entities.ner_ja import GinzaBackend

        return [] if isinstance(default, GinzaBackend) else [GinzaBackend()]
    from watchfloor.entities.ner_ko import KiwiHeuristicBackend

    return [] if isinstance(default, KiwiHeuristicBackend) else [KiwiHeuristicBackend()]


if __name__ == "__main__":
    raise SystemExit(main())
