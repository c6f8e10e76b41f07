"""Character docs keep offsets into the original text; long texts are cut at sentence ends."""

from __future__ import annotations

import pytest
from spacy.vocab import Vocab

from watchfloor.entities.ner_chars import (
    Morph,
    analyse_ja,
    analyse_ko,
    char_doc,
    chunks,
    strip_suffix,
    trim_span,
)


def _fixed(text: str) -> list[Morph]:
    return [Morph(0, 2, "ab", "NNP")]


@pytest.mark.parametrize("text", ["ab cd", "  a  b ", "", "\n\nx\ty", "한국 서울", "東京 。"])
def test_ner_chars_doc_text_is_input(text: str) -> None:
    doc = char_doc(Vocab(), text, _fixed)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token)] == token.text


def test_ner_chars_features_follow_morphemes() -> None:
    doc = char_doc(Vocab(), "abc", _fixed)
    assert [t.tag_ for t in doc] == ["B-NNP", "I-NNP", "X"]
    assert [t.norm_ for t in doc] == ["ab", "ab", "c"]


@pytest.mark.parametrize(
    ("analyse", "text"), [(analyse_ja, "東京都に行った。"), (analyse_ko, "서울에 갔다.")]
)
def test_ner_chars_analysers_cover_text(analyse: object, text: str) -> None:
    morphs = analyse(text)  # type: ignore[operator]
    assert morphs and morphs[0].start == 0
    assert all(0 <= m.start < m.end <= len(text) for m in morphs)


@pytest.mark.parametrize("limit", [50, 100])
def test_ner_chars_chunks_cover_text_in_order(limit: int) -> None:
    text = "一文目です。" * 40 + "x" * 130
    pieces = chunks(text, limit)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert all(text[off : off + len(p)] == p for off, p in pieces)


@pytest.mark.parametrize(
    ("text", "span", "want"),
    [
        (" 東京、", (0, 4), (1, 3)),
        ("三菱(株)", (0, 5), (0, 5)),
        ("、。", (0, 2), (2, 2)),
        ("NHK「", (0, 4), (0, 3)),
        ("」東京", (0, 3), (1, 3)),
    ],
)
def test_ner_chars_trim_span(text: str, span: tuple[int, int], want: tuple[int, int]) -> None:
    assert trim_span(text, *span) == want


@pytest.mark.parametrize(
    ("text", "want"), [("金正恩氏", 3), ("氏", 1), ("岸田さん", 2), ("東京", 2)]
)
def test_ner_chars_strip_suffix(text: str, want: int) -> None:
    assert strip_suffix(text, 0, len(text), ("氏", "さん")) == want
