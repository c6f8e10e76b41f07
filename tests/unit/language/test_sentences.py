"""Sentence spans per language: exact offsets, abbreviations, quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchfloor.language.sentences import split_sentences


def _texts(text: str, lang: str, **kw: bool) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, lang, **kw)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "金氏は「協力する。」と述べた。会談は終わった！次は？",
            "ja",
            ["金氏は「協力する。」と述べた。", "会談は終わった！", "次は？"],
        ),
        (
            "双方表示:“将加强合作。”会谈气氛友好。",
            "zh",
            ["双方表示:“将加强合作。”", "会谈气氛友好。"],
        ),
        (
            "Mr. Kim met Gen. Lee in the U.S. on Jan. 5. Talks ended. J. Smith left.",
            "en",
            ["Mr. Kim met Gen. Lee in the U.S. on Jan. 5.", "Talks ended.", "J. Smith left."],
        ),
        (
            "В 2024 г. президент, т.е. глава государства, прибыл. Затем уехал.",
            "ru",
            ["В 2024 г. президент, т.е. глава государства, прибыл.", "Затем уехал."],
        ),
        ("one line\nsecond line.", "en", ["one line", "second line."]),
        # scraped text that lost the space between sentences
        (
            "The envoy left for Moscow.The talks resumed in the U.S.Army base at example.org.",
            "en",
            [
                "The envoy left for Moscow.",
                "The talks resumed in the U.S.Army base at example.org.",
            ],
        ),
        (
            "Делегация прибыла в Пхеньян.Переговоры начались.",
            "ru",
            ["Делегация прибыла в Пхеньян.", "Переговоры начались."],
        ),
    ],
)
def test_sentences_split(text: str, lang: str, expected: list[str]) -> None:
    assert _texts(text, lang) == expected


@pytest.mark.parametrize("use_kiwi", [True, False])
def test_sentences_korean(use_kiwi: bool) -> None:
    text = '그는 "좋다. 아주 좋다"고 말했다. 양국은 회담을 가졌습니다. 끝'
    assert _texts(text, "ko", use_kiwi=use_kiwi) == [
        '그는 "좋다. 아주 좋다"고 말했다.',
        "양국은 회담을 가졌습니다.",
        "끝",
    ]


def test_sentences_korean_glued_sentences() -> None:
    text = "만남은 4년 만이다.현지 언론이 보도했다. 규모는 3.5배 늘었다."
    assert _texts(text, "ko") == [
        "만남은 4년 만이다.",
        "현지 언론이 보도했다.",
        "규모는 3.5배 늘었다.",
    ]


@given(
    st.text(alphabet=st.sampled_from(list('ab 。.!?\n「」"A')), max_size=80),
    st.sampled_from(["ja", "zh", "en", "ru"]),
)
def test_sentences_spans_are_ordered_trimmed_and_inside(text: str, lang: str) -> None:
    prev = 0
    for span in split_sentences(text, lang):
        assert prev <= span.start < span.end <= len(text)
        chunk = text[span.start : span.end]
        assert chunk == chunk.strip() and "\n" not in chunk
        prev = span.end
