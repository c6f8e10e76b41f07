"""Per-paragraph language ID: script rules, Han disambiguation, neighbour inheritance."""

from __future__ import annotations

import random

import pytest

from watchfloor.language.langid import (
    ScriptCounts,
    han_lang,
    identify,
    identify_paragraphs,
    script_counts,
)

LANGS = ["ja", "ko", "en", "ru", "zh"]


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("北朝鮮はミサイルを発射した。", "ja", "kana"),
        ("북한이 미사일을 발사했다.", "ko", "hangul"),
        ("Северная Корея запустила ракету.", "ru", "cyrillic"),
        ("朝鲜发射了一枚导弹,这是今年第三次。", "zh", "han-zh"),
        ("防衛省発表 弾道弾発射", "ja", "han-ja"),
        ("North Korea fired a missile on Tuesday.", "en", "latin"),
        ("12:30", None, "no-letters"),
    ],
)
def test_langid_script_rules(text: str, lang: str | None, reason: str) -> None:
    guess = identify(text, LANGS)
    assert (guess.lang, guess.reason) == (lang, reason)


def test_langid_lingua_among_configured_latin_languages() -> None:
    guess = identify("Le ministre a rencontré son homologue à Moscou mardi.", ["en", "fr", "ja"])
    assert (guess.lang, guess.reason) == ("fr", "lingua")


def test_langid_kanji_headline_inherits_from_japanese_neighbours() -> None:
    paras = ["金正恩氏訪露", "金正恩総書記はロシアに到着した。", "首脳会談が行われる見通しだ。"]
    assert [g.lang for g in identify_paragraphs(paras, LANGS)] == ["ja", "ja", "ja"]


def test_langid_kanji_only_document_defaults_to_chinese() -> None:
    guesses = identify_paragraphs(["金正恩訪俄", "普京會見金正恩"], LANGS)
    assert [g.lang for g in guesses] == ["zh", "zh"]


def test_langid_numbers_inherit_neighbour() -> None:
    guesses = identify_paragraphs(
        ["North Korea fired a missile.", "2024", "Seoul protested."], LANGS
    )
    assert [g.lang for g in guesses] == ["en", "en", "en"]


def test_langid_respects_configured_languages() -> None:
    assert identify("북한이 미사일을 발사했다.", ["en", "ja"]).lang != "ko"


@pytest.mark.parametrize(("text", "lang"), [("総書記", "ja"), ("这个", "zh"), ("首相会談", None)])
def test_langid_han_characters(text: str, lang: str | None) -> None:
    assert han_lang(text) == lang


def _script_counts_per_character(text: str) -> ScriptCounts:
    """The per-character definition the regex counts must agree with."""
    kana = hangul = han = cyrillic = latin = 0
    for ch in text:
        o = ord(ch)
        if (0x3040 <= o <= 0x30FF and o not in (0x30FB, 0x30FC)) or 0xFF66 <= o <= 0xFF9F:
            kana += 1
        elif 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            han += 1
        elif 0x0400 <= o <= 0x04FF:
            cyrillic += 1
        elif ch.isalpha() and o < 0x0250:
            latin += 1
    return ScriptCounts(kana, hangul, han, cyrillic, latin)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("東京・ソウル", ScriptCounts(3, 0, 2, 0, 0)),  # ・ is not kana
        ("ラーメン", ScriptCounts(3, 0, 0, 0, 0)),  # nor is the long-vowel mark
        ("Pyongyang 평양 Пхеньян", ScriptCounts(0, 2, 0, 7, 9)),
        ("Café ½ ß ǅ", ScriptCounts(0, 0, 0, 0, 6)),  # ½ is no letter; ǅ (U+01C5) is
    ],
)
def test_langid_script_counts_examples(text: str, counts: ScriptCounts) -> None:
    assert script_counts(text) == counts


def test_langid_script_counts_match_per_character_definition() -> None:
    rng = random.Random(7)
    ranges = [(0, 0x600), (0x1100, 0x1200), (0x3000, 0x3200), (0x3400, 0x3500), (0x4E00, 0x9FFF)]
    ranges += [(0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x1F300, 0x1F400)]
    for _ in range(2000):
        text = "".join(chr(rng.randint(*rng.choice(ranges))) for _ in range(rng.randint(0, 30)))
        assert script_counts(text) == _script_counts_per_character(text), text
