"""Per-paragraph language identification: script rules first, lingua for Latin script.

Kana ⇒ ja, Hangul ⇒ ko, Cyrillic-dominant ⇒ ru. Han without kana is decided by characters only one
of Japanese or Chinese writes (経/对/這…); lingua cannot do it (it calls every kanji-only line
zh). What stays undecided (short lines, kanji headlines, numbers) inherits from its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from watchfloor.extract.lexicon import load_data

CJK_LANGS = frozenset({"ja", "zh"})
NON_LATIN = frozenset(
    {"ja", "ko", "zh", "ru", "uk", "be", "bg", "el", "ar", "he", "fa", "hi", "th"}
)


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    kana: int
    hangul: int
    han: int
    cyrillic: int
    latin: int

    @property
    def letters(self) -> int:
        return self.kana + self.hangul + self.han + self.cyrillic + self.latin


@dataclass(frozen=True, slots=True)
class LangGuess:
    """A paragraph's language (ISO 639-1) or None, and the rule that decided it."""

    lang: str | None
    reason: str  # kana | hangul | cyrillic | han-ja | han-zh | han-ambiguous | lingua | latin |
    # no-letters | inherited | hint | unsupported


# Runs of each script's characters. U+30FB (・) and U+30FC (ー) sit in the katakana block but
# appear in Chinese text too, so they are not kana.
_KANA = re.compile("[\u3040-\u30fa\u30fd-\u30ff\uff66-\uff9f]+")
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]+")
# Latin letters: alphabetic characters below U+0250 (Latin-1, Extended-A and -B).
_LATIN = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in range(0x250) if chr(cp).isalpha()) + "]+"
)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def script_counts(text: str) -> ScriptCounts:
    """Letters per script; one regex pass per script (a per-character loop is 5x slower)."""
    latin = _count(_LATIN, text)
    if text.isascii():
        return ScriptCounts(0, 0, 0, 0, latin)
    return ScriptCounts(
        kana=_count(_KANA, text),
        hangul=_count(_HANGUL, text),
        han=_count(_HAN, text),
        cyrillic=_count(_CYRILLIC, text),
        latin=latin,
    )


@lru_cache(maxsize=1)
def _han_tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_data("han_variants")
    return (
        frozenset(str(data["ja_only"])),
        frozenset(str(data["zh_only"])),
        frozenset(str(data["zh_function"])),
    )


def han_lang(text: str) -> str | None:
    """ja or zh for Han-only text from characters only one of them writes, else None."""
    ja_only, zh_only, zh_function = _han_tables()
    ja = sum(1 for ch in text if ch in ja_only)
    zh = sum(1 for ch in text if ch in zh_only) + 0.3 * sum(1 for ch in text if ch in zh_function)
    if ja >= 1 and ja > zh:
        return "ja"
    if zh >= 1 and zh > ja:
        return "zh"
    return None


@lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]) -> object | None:
    """A lingua detector for these Latin-script languages, built once per process."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = []
    for code in languages:
        try:
            langs.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:
            continue
    if len(langs) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*langs).build()


def _latin(text: str, languages: tuple[str, ...]) -> LangGuess:
    latin_langs = tuple(sorted(code for code in languages if code not in NON_LATIN))
    if not latin_langs:
        return LangGuess(None, "unsupported")
    if len(latin_langs) == 1:
        return LangGuess(latin_langs[0], "latin")
    detector = _detector(latin_langs)
    found = detector.detect_language_of(text) if detector is not None else None  # type: ignore[attr-defined]
    if found is None:
        return LangGuess(None, "lingua")
    return LangGuess(found.iso_code_639_1.name.lower(), "lingua")


def identify(text: str, languages: Sequence[str]) -> LangGuess:
    """The language of one paragraph, restricted to ``languages``; None when undecidable."""
    langs = tuple(languages)
    c = script_counts(text)
    if c.letters < 2:
        return LangGuess(None, "no-letters")
    cjk = c.kana + c.hangul + c.han
    if c.hangul >= 2 and c.hangul >= c.kana and "ko" in langs:
        return LangGuess("ko", "hangul")
    # Any real kana share makes Japanese; one stray kana in long Chinese text does not.
    if c.kana >= 1 and c.kana * 10 >= c.kana + c.han and "ja" in langs:
        return LangGuess("ja", "kana")
    if c.cyrillic > c.latin and c.cyrillic >= 2 * cjk:
        return LangGuess("ru", "cyrillic") if "ru" in langs else LangGuess(None, "unsupported")
    if cjk * 2 >= c.latin + c.cyrillic and c.han:
        found = han_lang(text)
        if found in langs:
            return LangGuess(found, f"han-{found}")
        return LangGuess(None, "han-ambiguous")
    if c.latin >= 2:
        return _latin(text, langs)
    return LangGuess(None, "no-letters")


def identify_paragraphs(
    paragraphs: Sequence[str], languages: Sequence[str], *, hint: str | None = None
) -> tuple[LangGuess, ...]:
    """Languages of a document's paragraphs; undecided ones inherit from their neighbours.

    A kanji-only line takes the nearest ja/zh neighbour, else the document's ja/zh majority, else
    the hint, else zh (Japanese prose without any kana is implausible over a whole document).
    """
    guesses = [identify(p, languages) for p in paragraphs]
    decided = [g.lang for g in guesses]
    cjk_votes = [lang for lang in decided if lang in CJK_LANGS]
    majority = max(set(cjk_votes), key=cjk_votes.count) if cjk_votes else None
    out: list[LangGuess] = []
    for i, g in enumerate(guesses):
        if g.lang is not None:
            out.append(g)
            continue
        wanted = CJK_LANGS if g.reason == "han-ambiguous" else None
        near = _nearest(decided, i, wanted)
        if near is not None:
            out.append(LangGuess(near, "inherited"))
        elif g.reason == "han-ambiguous":
            fallback = majority or (hint if hint in CJK_LANGS else None)
            if fallback is None:
                fallback = "zh" if "zh" in languages else ("ja" if "ja" in languages else None)
            out.append(LangGuess(fallback, "inherited" if majority else "hint"))
        else:
            out.append(LangGuess(hint if hint in languages else None, "hint"))
    return tuple(out)


def _nearest(decided: Sequence[str | None], i: int, wanted: frozenset[str] | None) -> str | None:
    for dist in range(1, len(decided)):
        for j in (i - dist, i + dist):
            if 0 <= j < len(decided):
                lang = decided[j]
                if lang is not None and (wanted is None or lang in wanted):
                    return lang
    return None
