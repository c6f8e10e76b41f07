"""Entity F1 per language on the labelled corpus, scored as ../shared/corpus/README.md says.

Articles are built simply here (one section per record, language from the article JSON,
published from the record); the lead's pipeline test replaces this with the real stages.
Floors are pinned a little under the measured figures: raise them, never lower them silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
FLOORS = {"en": 0.90, "ja": 0.90, "ko": 0.90, "ru": 0.80, "zh": 0.80}  # issue 3 targets


@pytest.mark.slow
def test_entities_corpus_f1_per_language() -> None:
    if not (SHARED / "corpus" / "input.jsonl").exists():
        pytest.skip("../shared/corpus is not available")
    sys.path.insert(0, str(ROOT))
    try:
        from eval.entities import format_scores, load_gold, predict_simple, score_entities
    finally:
        sys.path.remove(str(ROOT))
    gold, langs, _articles = load_gold(SHARED)
    pred, _ = predict_simple(SHARED)
    scores = score_entities(pred, gold, langs)
    print("\n" + format_scores(scores))
    for lang, floor in FLOORS.items():
        assert scores[lang].f1 >= floor, f"{lang}: F1 {scores[lang].f1:.3f} < floor {floor}"
