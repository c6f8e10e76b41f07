"""Spelling variants derived from the registry's names, so the data lists each name once.

- en: Korean names with and without hyphens (Kim Jong Un / Kim Jong-un / Kim Jong-Un);
- ja: katakana names with or without the middle dot or a double hyphen (キム・ジョンウン);
- zh: traditional spellings from a simplified->traditional character table;
- ru: case forms (Путин -> Путина, Путину, Путиным, Путине), since Russian inflects names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

# One-to-one character folds applied to both patterns and text. They keep string length, so a
# match in the folded text has the same offsets in the original.
_FOLD_PAIRS = {
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\t": " ",
    "\n": " ",
    "\r": " ",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "ё": "е",
    "Ё": "Е",
    "\uff65": "・",  # halfwidth katakana middle dot
    "\u00b7": "・",  # middle dot used in zh/ko transliterations
    "\u2022": "・",
    "\u30fb": "・",
    "\u2027": "・",
    "\u30a0": "=",  # katakana double hyphen
    "\uff1d": "=",
}
for _code in range(0xFF01, 0xFF5F):  # full-width ASCII -> ASCII
    _FOLD_PAIRS.setdefault(chr(_code), chr(_code - 0xFEE0))
FOLD_TABLE = str.maketrans(_FOLD_PAIRS)


def fold(text: str) -> str:
    """Length-preserving normalisation shared by patterns and text."""
    return text.translate(FOLD_TABLE)


def normalize_name(text: str) -> str:
    """Key for comparing names: NFKC, folded, whitespace collapsed, lower-cased."""
    return " ".join(fold(unicodedata.normalize("NFKC", text)).split()).lower()


def korean_romanization_variants(name: str) -> set[str]:
    """Kim Jong Un <-> Kim Jong-un <-> Kim Jong-Un (three-syllable Korean names in Latin script)."""
    out = {name}
    parts = name.split()
    if len(parts) == 3 and all(p[:1].isupper() and p.isalpha() for p in parts):
        family, a, b = parts
        out.add(f"{family} {a}-{b.lower()}")
        out.add(f"{family} {a}-{b}")
    elif len(parts) == 2 and "-" in parts[1]:
        family, given = parts
        a, _, b = given.partition("-")
        if a and b:
            out.add(f"{family} {a.capitalize()} {b.capitalize()}")
            out.add(f"{family} {a.capitalize()}-{b.capitalize()}")
            out.add(f"{family} {a.capitalize()}-{b.lower()}")
    return out


def katakana_variants(name: str) -> set[str]:
    """キム・ジョンウン -> キムジョンウン, キム=ジョンウン (papers differ in the separator)."""
    folded = fold(name)
    if "・" not in folded and "=" not in folded:
        return {name}
    bare = folded.replace("・", "").replace("=", "")
    return {name, bare, folded.replace("=", "・"), folded.replace("・", "=")}


def traditional_variants(name: str, s2t: Mapping[str, str]) -> set[str]:
    """The traditional spelling of a simplified zh name, when the table changes it."""
    trad = "".join(s2t.get(ch, ch) for ch in name)
    return {name, trad}


def middle_dot_variants(name: str) -> set[str]:
    """zh transliterations are written with ・ or · or nothing between given and family name."""
    folded = fold(name)
    if "・" not in folded:
        return {name}
    return {name, folded, folded.replace("・", "")}


# --- Russian case forms --------------------------------------------------------------------
# Six cases: nominative, genitive, dative, accusative, instrumental, prepositional. Each slot
# holds the endings that replace the nominative ending (several where usage varies).
_Paradigm = tuple[str, tuple[tuple[str, ...], ...]]

_SIBILANT_VELAR = set("гкхжшчщ")
_VOWELS = set("аеёиоуыэюя")


def _paradigm(word: str, *, person: bool) -> _Paradigm | None:
    """(ending to strip, endings per case) for a Russian word, or None when indeclinable."""
    low = word.lower()
    if len(word) < 2 or (word.isupper() and len(word) <= 6) or not low[-1].isalpha():
        return None  # abbreviations (ООН, КНДР) and non-words do not inflect
    if low.endswith(("ский", "цкий")):
        return "ий", (("ий",), ("ого",), ("ому",), ("ого", "ий"), ("им",), ("ом",))
    if low.endswith(("ская", "цкая")):
        return "ая", (("ая",), ("ой",), ("ой",), ("ую",), ("ой",), ("ой",))
    if low.endswith("ия"):
        return "я", (("я",), ("и",), ("и",), ("ю",), ("ей",), ("и",))
    if low.endswith("ие"):
        return "е", (("е",), ("я",), ("ю",), ("е",), ("ем",), ("и",))
    if low.endswith(("ая",)):
        return "ая", (("ая",), ("ой",), ("ой",), ("ую",), ("ой",), ("ой",))
    if low.endswith("яя"):
        return "яя", (("яя",), ("ей",), ("ей",), ("юю",), ("ей",), ("ей",))
    if low.endswith(("ый", "ой")) and not person:
        return low[-2:], ((low[-2:],), ("ого",), ("ому",), ("ого", low[-2:]), ("ым",), ("ом",))
    if low.endswith("ий") and not person:
        stem_end = low[-3] if len(low) > 2 else ""
        if stem_end in _SIBILANT_VELAR:
            return "ий", (("ий",), ("ого",), ("ому",), ("ого", "ий"), ("им",), ("ом",))
        return "ий", (("ий",), ("его",), ("ему",), ("его", "ий"), ("им",), ("ем",))
    if low.endswith(("ое", "ее")) and not person:
        return low[-2:], ((low[-2:],), ("ого",), ("ому",), (low[-2:],), ("ым",), ("ом",))
    if low.endswith("ий"):  # masculine first names: Юрий, Дмитрий, Василий
        return "й", (("й",), ("я",), ("ю",), ("я",), ("ем",), ("и",))
    if person and low.endswith(("ова", "ева", "ина", "ына")):  # Захарова
        return "а", (("а",), ("ой",), ("ой",), ("у",), ("ой",), ("ой",))
    if low.endswith("а"):
        gen = "и" if len(low) > 1 and low[-2] in _SIBILANT_VELAR else "ы"
        return "а", (("а",), (gen,), ("е",), ("у",), ("ой",), ("е",))
    if low.endswith("я"):
        return "я", (("я",), ("и",), ("е",), ("ю",), ("ей",), ("е",))
    if low.endswith("й"):
        return "й", (("й",), ("я",), ("ю",), ("я",), ("ем",), ("е",))
    if low.endswith("ь"):
        return "ь", (("ь",), ("я", "и"), ("ю", "и"), ("ь", "я"), ("ем", "ью"), ("е", "и"))
    if low.endswith("ство") or low.endswith("ло"):
        return "о", (("о",), ("а",), ("у",), ("о",), ("ом",), ("е",))
    if low[-1] in _VOWELS:
        return None  # Шойгу, Кожемяко, Токио: indeclinable
    # consonant stems: Путин, Козлов, Кремль handled above; surnames take -ым, nouns -ом
    return "", (("",), ("а",), ("у",), ("", "а"), ("ом", "ым", "ем"), ("е",))


def _word_forms(word: str, *, person: bool) -> list[set[str]]:
    """The word's forms per case; an indeclinable word has itself in every slot."""
    p = _paradigm(word, person=person)
    if p is None:
        return [{word}] * 6
    strip, endings = p
    stem = word[: len(word) - len(strip)] if strip else word
    return [{stem + e for e in slot} for slot in endings]


def _is_adjective(word: str) -> bool:
    return word.lower().endswith(("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"))


def russian_case_forms(name: str, *, person: bool) -> set[str]:
    """Case forms of a Russian name with agreement across its words.

    Persons inflect every word (Владимира Путина); other names inflect leading adjectives and the
    first noun only, since what follows is already a genitive complement (Совет Безопасности ООН
    -> Совета Безопасности ООН; Министерство иностранных дел -> Министерства иностранных дел).
    """
    words = name.split(" ")
    if not words or any(not w for w in words):
        return {name}
    inflect: list[bool] = []
    seen_noun = False
    for w in words:
        if person:
            inflect.append(True)
        elif seen_noun:
            inflect.append(False)
        else:
            inflect.append(True)
            if not _is_adjective(w):
                seen_noun = True
    per_word = [
        _word_forms(w, person=person) if flag else [{w}] * 6
        for w, flag in zip(words, inflect, strict=True)
    ]
    out = {name}
    for case in range(6):
        combos: list[str] = [""]
        for slots in per_word:
            combos = [f"{c} {f}" if c else f for c in combos for f in sorted(slots[case])]
            if len(combos) > 24:  # keep the cross product small; agreement is enough
                combos = combos[:24]
        out.update(combos)
    if person and len(words) > 1:
        # Korean, Chinese and Vietnamese names decline only their last word: Ким Чен Ыну,
        # Си Цзиньпину, Чве Сон Хи (indeclinable)
        head = " ".join(words[:-1])
        out.update(f"{head} {form}" for slot in per_word[-1] for form in slot)
    return out


def russian_case_variants(name: str) -> set[str]:
    """Совет Безопасности / Совет безопасности: Russian papers differ in capitalising the words
    after the first of a multi-word name; abbreviations (ООН, РФ) keep their case."""
    words = name.split(" ")
    if len(words) < 2:
        return {name}

    def recase(word: str, upper: bool) -> str:
        if word.isupper() or not word[:1].isalpha():
            return word
        return (word[:1].upper() if upper else word[:1].lower()) + word[1:]

    return {
        name,
        " ".join([words[0], *(recase(w, False) for w in words[1:])]),
        " ".join([words[0], *(recase(w, True) for w in words[1:])]),
    }


# Ukrainian and some Russian-language outlets write a state's name in lower case on purpose
# ("россия", "в россии"); a one-word country name this long is no common word in lower case
RU_LOWER_COUNTRY_MIN = 5


def russian_lower_forms(forms: Iterable[str]) -> set[str]:
    """Lower-cased one-word country forms (Россия -> россия, России -> россии)."""
    return {
        f[:1].lower() + f[1:]
        for f in forms
        if " " not in f and len(f) >= RU_LOWER_COUNTRY_MIN and f[:1].isupper() and not f.isupper()
    }


_RU_ADJECTIVE_ENDINGS = ("ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ое", "ие", "их", "ими")


def russian_adjective_forms(word: str) -> set[str]:
    """Every gender, number and case of a lower-case relational adjective that names a state
    (российский -> российская, российских, …), and each capitalised to open a sentence
    (Российская делегация …); {word} for anything else."""
    if " " in word or not word.islower() or not word.endswith(("ский", "цкий")):
        return {word}
    stem = word[:-2]
    forms = {stem + ending for ending in _RU_ADJECTIVE_ENDINGS}
    return forms | {f[:1].upper() + f[1:] for f in forms}


def expand(
    names: Iterable[str],
    lang: str,
    *,
    person: bool,
    s2t: Mapping[str, str],
    country: bool = False,
) -> set[str]:
    """All spellings the matcher should look for, for one actor in one language."""
    out: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        if lang == "en":
            out |= korean_romanization_variants(name) if person else {name}
        elif lang == "ja":
            out |= katakana_variants(name)
        elif lang == "zh":
            for v in middle_dot_variants(name):
                out |= traditional_variants(v, s2t)
        elif lang == "ru":
            for cased in russian_case_variants(name):
                out |= russian_case_forms(cased, person=person)
        else:
            out.add(name)
    if lang == "ru" and country:
        out |= russian_lower_forms(out)
        out |= {f for name in names for f in russian_adjective_forms(name.strip())}
    return out
