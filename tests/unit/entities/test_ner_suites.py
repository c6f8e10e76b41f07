"""The suite readers, the fixed split and exact span+type scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.entities.ner_suites import Scores, is_held_out, load_klue, load_stockmark


def test_ner_suites_klue_bio_becomes_spans(tmp_path: Path) -> None:
    rows = ["## header", "## id\t<서울:LC>에 간 <민수:PS>"]
    tags = ["B-LC", "I-LC", "O", " ", "O", "O", "B-PS", "I-PS"]
    for ch, tag in zip("서울에 간 민수", tags, strict=True):
        rows.append(f"{ch}\t{'O' if tag == ' ' else tag}")
    path = tmp_path / "klue.tsv"
    path.write_text("\n".join(rows) + "\n\n" + "가\tO\n", encoding="utf-8")
    first, second = load_klue(path)
    assert first.text == "서울에 간 민수"
    assert [(s.start, s.end, s.label) for s in first.spans] == [(0, 2, "LOC"), (6, 8, "PER")]
    assert second.index == 1 and second.spans == ()


def test_ner_suites_stockmark_types_are_mapped(tmp_path: Path) -> None:
    item = {
        "curid": "1",
        "text": "山田は大阪の北浜銀行と大阪駅に行った。",
        "entities": [
            {"name": "山田", "span": [0, 2], "type": "人名"},
            {"name": "大阪", "span": [3, 5], "type": "地名"},
            {"name": "北浜銀行", "span": [6, 10], "type": "法人名"},
            {"name": "大阪駅", "span": [11, 14], "type": "施設名"},
        ],
    }
    path = tmp_path / "ner.json"
    path.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
    (sent,) = load_stockmark(path)
    assert [s.label for s in sent.spans] == ["PER", "LOC", "ORG", "FAC"]


@pytest.mark.parametrize(("index", "held"), [(0, True), (1, False), (4, False), (5, True)])
def test_ner_suites_split_is_fixed(index: int, held: bool) -> None:
    assert is_held_out(index) is held


def test_ner_suites_scores_exact_span_and_type() -> None:
    scores = Scores()
    gold = [(0, 2, "PER"), (3, 5, "LOC"), (6, 9, "DATE")]
    pred = [(0, 2, "PER"), (3, 5, "ORG"), (6, 9, "DATE"), (10, 12, "LOC")]
    scores.add(gold, pred)
    p, r, f = scores.prf()
    assert (p, r) == (1 / 3, 1 / 2)  # DATE is not scored; a wrong type is both FP and FN
    assert f == pytest.approx(0.4)
    assert scores.prf("PER") == (1.0, 1.0, 1.0)
