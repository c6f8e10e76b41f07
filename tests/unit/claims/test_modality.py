"""Background cues: a trigger in a phrase that only sets the scene is not the sentence's news."""

from __future__ import annotations

import pytest

from watchfloor.claims.frames import find_triggers
from watchfloor.claims.lexicon import load_lexicon
from watchfloor.claims.modality import is_background, read_modality


def _first(text: str, lang: str, word: str) -> bool:
    lex = load_lexicon(lang)
    trig = next(t for t in find_triggers(text, lex) if word in text[t.start : t.end])
    return is_background(text, trig, lex)


@pytest.mark.parametrize(
    ("lang", "text", "word", "expected"),
    [
        # sentences written for the tests
        ("en", "Trade grew following the summit between the two leaders.", "summit", True),
        ("en", "In exchange for sending troops, Moscow offers technology.", "troops", True),
        ("en", "The leaders met hours after North Korea fired two missiles.", "fired", False),
        # a clause the news counts from: its act is the starting point, not the news
        ("en", "Ties have grown since the two leaders signed a treaty in June.", "signed", True),
        (
            "en",
            "Ties grew since the North Korean leader and the Russian president signed a pact.",
            "signed",
            True,
        ),
        ("en", "Kim met Kozlov in Pyongyang on Monday.", "met", False),
        ("ko", "양국은 정상회담을 위해 실무 협의를 이어 갔다.", "정상회담", True),
        ("ko", "조약을 체결한 후 교류가 늘었다.", "체결", True),
        ("ko", "김정은 위원장은 코즐로프 장관을 만났다.", "만났다", False),
        ("ja", "条約の締結後、両国の交流は拡大した。", "締結", True),
        ("ja", "金正恩総書記はコズロフ氏と会談した。", "会談", False),
    ],
)
def test_modality_is_background(lang: str, text: str, word: str, expected: bool) -> None:
    assert _first(text, lang, word) is expected


def test_modality_background_context() -> None:
    lex = load_lexicon("en")
    text = "Trade grew following the summit between the two leaders."
    trig = next(t for t in find_triggers(text, lex) if t.type == "CONSULT")
    assert "background" in read_modality(text, trig, lex).contexts()


def _modality(text: str, lang: str, word: str) -> tuple[bool, bool, bool]:
    lex = load_lexicon(lang)
    trig = next(t for t in find_triggers(text, lex) if word in text[t.start : t.end])
    m = read_modality(text, trig, lex)
    return m.planned, m.hypothetical, m.negated


@pytest.mark.parametrize(
    ("lang", "text", "word", "expected"),
    [
        # (planned, hypothetical, negated); sentences written for the tests
        # a cue overlapping the trigger (돕 / 돕겠) must not hide the one after it (겠다고)
        ("ko", "러시아는 북한의 위성 개발을 돕겠다고 밝혔다.", "위성", (True, False, False)),
        # 다면서 is a quotative, not a condition
        ("ko", "국정원은 북한이 병력을 이송했다면서 사진을 냈다.", "이송", (False, False, False)),
        ("ko", "북한이 병력을 파견한다면 제재가 뒤따를 것이다.", "파견", (False, True, False)),
        # ならない is "must", not a condition
        ("ja", "ロシアは北朝鮮の衛星開発を支援しなければならない。", "衛星", (False, False, False)),
        ("ja", "プーチン氏は北朝鮮の衛星開発を支援すると述べた。", "衛星", (True, False, False)),
        # 未来 is "future", not the negation 未
        ("zh", "普京表示,俄罗斯未来将协助朝鲜研发卫星。", "协助", (True, False, False)),
        ("zh", "俄罗斯尚未协助朝鲜研发卫星。", "协助", (False, False, True)),
    ],
)
def test_modality_cues(lang: str, text: str, word: str, expected: tuple[bool, bool, bool]) -> None:
    assert _modality(text, lang, word) == expected
