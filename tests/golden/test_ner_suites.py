"""Golden: the ja/ko NER backends stay above their F1 floors on the suites' held-out split.

Only held-out sentences (index % 5 == 0) are scored: the shipped models trained on the rest.
A fixed sample (the first N held-out sentences) keeps the runtime reasonable.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from watchfloor.entities.ner import get_backend
from watchfloor.entities.ner_suites import (
    Scores,
    SuiteSentence,
    is_held_out,
    load_klue,
    load_stockmark,
)

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "benchmarks"
BASELINES = Path(__file__).resolve().parent / "baselines.toml"
SAMPLE = 400

SUITES: dict[str, tuple[str, Path, Callable[[Path], list[SuiteSentence]]]] = {
    "ner_ja": ("ja", BENCH / "ner-ja" / "ner.json", load_stockmark),
    "ner_ko": ("ko", BENCH / "ner-ko" / "klue-ner-v1.1_dev.tsv", load_klue),
}


@pytest.mark.slow
@pytest.mark.parametrize("section", sorted(SUITES))
def test_ner_suites_held_out_f1_above_floor(section: str) -> None:
    lang, path, loader = SUITES[section]
    if not path.exists():
        pytest.skip(f"{path} is not present")
    floor = float(tomllib.loads(BASELINES.read_text(encoding="utf8"))[section]["f1"])
    sents = [s for s in loader(path) if is_held_out(s.index)][:SAMPLE]
    backend = get_backend(lang)
    assert backend is not None
    scores = Scores()
    for sent, spans in zip(sents, backend.spans_batch([s.text for s in sents]), strict=True):
        assert all(sent.text[p.start : p.end] == p.text for p in spans)
        scores.add(
            [(g.start, g.end, g.label) for g in sent.spans],
            [(p.start, p.end, p.label) for p in spans],
        )
    assert scores.prf()[2] >= floor, f"{backend.name}: F1 {scores.prf()[2]:.4f} < floor {floor}"
