"""The character CRF's features, tag coding and gazetteer, and the shipped ja model's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.entities.ner_chars import model_dir
from watchfloor.entities.ner_crf import (
    MODEL_FILE,
    Affixes,
    CrfBackend,
    Gazetteer,
    bio_tags,
    char_type,
    decode,
    features,
)


@pytest.mark.parametrize(
    ("ch", "kind"),
    [
        *[("東", "K"), ("々", "K"), ("の", "H"), ("ロ", "T"), ("ー", "ー"), ("A", "L")],
        *[("7", "D"), ("７", "D"), (" ", "_"), ("、", "S"), ("Ж", "A"), ("é", "L")],
    ],
)
def test_ner_crf_char_type(ch: str, kind: str) -> None:
    assert char_type(ch) == kind


@pytest.mark.parametrize(
    ("n", "spans", "tags"),
    [
        (5, [(0, 2, "PER"), (3, 5, "LOC")], ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"]),
        (4, [(0, 2, "ORG"), (2, 4, "ORG")], ["B-ORG", "I-ORG", "B-ORG", "I-ORG"]),
        # an overlapping span after the first is dropped, an out-of-range one too
        (4, [(0, 3, "ORG"), (1, 2, "LOC"), (3, 9, "PER")], ["B-ORG", "I-ORG", "I-ORG", "O"]),
    ],
)
def test_ner_crf_bio_tags(n: int, spans: list[tuple[int, int, str]], tags: list[str]) -> None:
    assert bio_tags(n, spans) == tags


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["I-PER", "I-PER", "O"], [(0, 2, "PER")]),  # a stray I- opens a span
        (["B-PER", "I-LOC", "O"], [(0, 1, "PER"), (1, 2, "LOC")]),
        (["O", "B-ORG"], [(1, 2, "ORG")]),
        ([], []),
    ],
)
def test_ner_crf_decode(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert decode(tags) == spans


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), max_size=6))
@settings(max_examples=60, deadline=None)
def test_ner_crf_decode_inverts_bio_tags(raw: list[tuple[int, int]]) -> None:
    spans: list[tuple[int, int, str]] = []
    for start, size in sorted(raw):
        end = min(start + size, 30)
        if end > start and all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, "LOC"))
    assert decode(bio_tags(30, spans)) == sorted(spans)


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("北朝鮮とロシア", ["B-LOC", "I-LOC", "I-LOC", "", "B-LOC", "I-LOC", "I-LOC"]),
        # the longest name wins; a name cut off by the end of the text does not match
        ("北朝鮮軍", ["B-ORG", "I-ORG", "I-ORG", "I-ORG"]),
        ("ロシ", ["B-ORG", ""]),
        ("", []),
    ],
)
def test_ner_crf_gazetteer_tags(text: str, tags: list[str]) -> None:
    gaz = Gazetteer({"北朝鮮": "LOC", "北朝鮮軍": "ORG", "ロシア": "LOC", "ロ": "ORG"})
    assert gaz.tags(text) == tags


@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        ("山田氏", ["", "", "title"], ["", "", "title"]),
        ("京都市の大学", ["", "", "loc", "", "org", ""], ["", "", "loc", "", "", "org"]),
        ("", [], []),
    ],
)
def test_ner_crf_affix_marks(text: str, starts: list[str], ends: list[str]) -> None:
    affixes = Affixes({"氏": "title", "市": "loc", "大学": "org"})
    assert affixes.marks(text) == (starts, ends)


def test_ner_crf_gazetteer_round_trips(tmp_path: Path) -> None:
    gaz = Gazetteer({"国連": "ORG", "平壌": "LOC"})
    gaz.write(tmp_path / "g.tsv")
    assert Gazetteer.read(tmp_path / "g.tsv").names == gaz.names
    assert Gazetteer.read(tmp_path / "missing.tsv").names == {}


@pytest.mark.parametrize("text", ["国連の安保理は平壌を非難した。", "A社 と B社", "　\n", "x"])
def test_ner_crf_features_one_list_per_char(text: str) -> None:
    feats = features(text, Gazetteer({"平壌": "LOC"}))
    assert len(feats) == len(text)
    assert all(f and f[0] == "b" for f in feats)
    if "平壌" in text:
        i = text.index("平壌")
        assert "g=B-LOC" in feats[i] and "g=I-LOC" in feats[i + 1]
        assert any(x.startswith("Lp=名詞-固有名詞-地名") for x in feats[i])


def _backend() -> CrfBackend:
    path = model_dir("ner-ja")
    if not (path / MODEL_FILE).exists():
        pytest.skip("the ja CRF model is not shipped")
    return CrfBackend("ja", "ner.ja.crf.v1", path, frozenset({"PER", "ORG", "LOC"}), ("氏",))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("鈴木一郎氏は大阪市でソニーの社員と会った。", {("鈴木一郎", "PER"), ("大阪市", "LOC")}),
        ("ロシアのプーチン大統領は北朝鮮を訪れた。", {("ロシア", "LOC"), ("北朝鮮", "LOC")}),
    ],
)
def test_ner_crf_backend_finds_entities(text: str, expected: set[tuple[str, str]]) -> None:
    spans = _backend().spans(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert expected <= {(s.text, s.label) for s in spans}


@pytest.mark.slow
def test_ner_crf_backend_long_text_offsets() -> None:
    backend = _backend()
    sentence = "田中花子氏は京都府で日本銀行の職員と会った。"
    text = "\n".join([sentence] * 150)  # > 2,000 chars: cut into chunks
    spans = backend.spans(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    single = {(s.text, s.label) for s in backend.spans(sentence)}
    assert {(s.text, s.label) for s in spans} == single
    assert backend.spans_batch(["", sentence]) == [[], backend.spans(sentence)]
