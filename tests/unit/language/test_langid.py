"""Per-paragraph language ID: script rules, Han disambiguation, neighbour inheritance."""

from __future__ import annotations

import pytest

from watchfloor.language.langid import han_lang, identify, identify_paragraphs

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
