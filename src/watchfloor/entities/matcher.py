"""Multi-pattern matching of every registry name, role phrase and title form over section text.

One character trie per language holds all spellings (folded, see ``variants.fold``); a scan
walks it from each allowed start and reports every pattern that ends there. Boundaries differ by
script: Latin and Cyrillic need word boundaries; Japanese and Chinese have none; in Korean a
particle follows the name directly (김정은은, 푸틴이), so only the start of short names is
checked. Russian case forms are generated from the nominative (variants.russian_case_forms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from watchfloor.entities.grouping import has_reading as _has_reading
from watchfloor.entities.grouping import romanize
from watchfloor.entities.registry import Registry
from watchfloor.entities.variants import expand, fold, russian_case_forms

# Target kinds, and their priority when two candidates have the same length.
ACTOR, ROLE, SURNAME_TITLE, SHORT, SURNAME, BLOCK, ABBREV = (
    "actor",
    "role",
    "surname_title",
    "short",
    "surname",
    "block",
    "abbrev",
)
PRIORITY = {BLOCK: 6, ACTOR: 5, ROLE: 4, SURNAME_TITLE: 3, SHORT: 2, SURNAME: 1, ABBREV: 0}
_END = ""  # trie terminal key; no character is the empty string
_ACRONYM = re.compile(r"[A-Z][A-Z0-9/&.-]{1,7}")
# "the nuclear-armed North": an article, one or two lower-case (hyphenated) words, then a
# capitalised head that no other capitalised word follows
_MODIFIED_SHORT = re.compile(
    r"\b[Tt]he\s+(?:[a-z]+(?:-[a-z]+)*\s+){1,2}([A-Z][a-z]+)\b(?!['’]?\s*[A-Z0-9])"
)


@dataclass(frozen=True, slots=True)
class Target:
    """What a pattern stands for: an actor id, a role id, a surname (+ title), or a blocker."""

    kind: str
    ref: str
    title: str = ""
    boundary: str = "none"  # "word" | "latin" | "hangul" | "none"
    lang: str = ""  # the language whose lexicon the pattern came from


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate span of the scanned text; offsets index the original (unfolded) text."""

    start: int
    end: int
    target: Target

    @property
    def length(self) -> int:
        return self.end - self.start


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def _is_ideograph(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def _is_cjk(ch: str) -> bool:
    return 0x3040 <= ord(ch) <= 0x30FF or _is_ideograph(ch) or _is_hangul(ch)  # kana, Han, Hangul


def _boundary_for(lang: str, pattern: str) -> str:
    if lang in ("en", "ru"):
        return "word"
    if not any(_is_cjk(ch) for ch in pattern):
        return "latin"  # a Latin acronym inside CJK text (AP通信, NATO): ASCII boundaries only
    if lang == "ko" and len(pattern) <= 2:
        return "hangul"  # short names: must not start inside a word (e.g. 북한 in 대북한)
    return "none"


def _is_han_name(name: str) -> bool:
    """A three- or four-character name in Han characters (尹錫悦, 金正恩)."""
    return 3 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name)


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class LangMatcher:
    """The compiled patterns of one language."""

    def __init__(self, lang: str, registry: Registry) -> None:
        self.lang = lang
        self.registry = registry
        self._trie: dict[str, Any] = {}
        self.exact: dict[str, str] = {}  # folded spelling -> actor id, for NER spans
        self.short_exact: dict[str, str] = {}  # folded short form -> actor id
        self._near: dict[str, list[tuple[str, str]]] = {}  # romanized initial -> (key, actor id)
        self._near_han: dict[str, list[tuple[str, str]]] = {}  # family name -> (name, actor id)
        self._the_short: dict[str, Target] = {}  # "North" of "the North" -> its SHORT target
        lex = registry.lexicon
        self._homographs = frozenset(fold(w) for w in lex.homographs.get(lang, ()))
        self._homograph_context = tuple(fold(w) for w in lex.homograph_context.get(lang, ()))
        self._build()

    # -- building ------------------------------------------------------------------------
    def _add(self, pattern: str, target: Target) -> None:
        key = fold(pattern)
        if not key.strip():
            return
        node = self._trie
        for ch in key:
            node = node.setdefault(ch, {})
        bucket: list[Target] = node.setdefault(_END, [])
        if target not in bucket:
            bucket.append(target)

    def _pattern_ok(self, pattern: str) -> bool:
        # one CJK character is never a name on its own (金, 朝): abbreviations are scanned apart
        return not (self.lang in ("ja", "zh", "ko") and len(pattern) < 2)

    def _build(self) -> None:
        lang, reg = self.lang, self.registry
        s2t = reg.lexicon.s2t
        for actor in reg.actors.values():
            person = actor.kind == "person"
            names = list(actor.names.get(lang, ()))
            if lang != "en":
                # Latin acronyms (KCNA, NIS, NATO) are written as such in every language
                names += [n for n in actor.names.get("en", ()) if _ACRONYM.fullmatch(n)]
            country = actor.kind == "country"
            for spelling in expand(names, lang, person=person, s2t=s2t, country=country):
                if self._pattern_ok(spelling):
                    self._add(
                        spelling, Target(ACTOR, actor.id, boundary=_boundary_for(lang, spelling))
                    )
                    self.exact.setdefault(fold(spelling), actor.id)
            if person:
                for spelling in actor.names.get(lang, ()):
                    key = romanize(spelling)
                    if len(key) >= 6 and _has_reading(spelling):
                        self._near.setdefault(key[:1], []).append((key, actor.id))
                    elif _is_han_name(spelling):
                        self._near_han.setdefault(spelling[0], []).append((spelling, actor.id))
            for spelling in expand(actor.short_forms.get(lang, ()), lang, person=False, s2t=s2t):
                self.short_exact.setdefault(fold(spelling), actor.id)
                if self._pattern_ok(spelling):
                    target = Target(SHORT, actor.id, boundary=_boundary_for(lang, spelling))
                    self._add(spelling, target)
                    head = spelling[4:] if lang == "en" and spelling.startswith("the ") else ""
                    if head[:1].isupper() and head.isalpha():
                        self._the_short.setdefault(head, target)
        for role in reg.roles.values():
            for phrase in expand(role.phrases.get(lang, ()), lang, person=False, s2t=s2t):
                if self._pattern_ok(phrase):
                    self._add(phrase, Target(ROLE, role.id, boundary=_boundary_for(lang, phrase)))
        for blocker in reg.lexicon.blockers.get(lang, ()):
            self._add(blocker, Target(BLOCK, blocker, boundary=_boundary_for(lang, blocker)))
        self._build_surnames()

    def _titles(self) -> set[str]:
        titles = set(self.registry.lexicon.titles.get(self.lang, ()))
        for role in self.registry.roles.values():
            titles.update(role.titles.get(self.lang, ()))
        return titles

    def _build_surnames(self) -> None:
        lang = self.lang
        titles = self._titles()
        for surname, _actors in self.registry.surname_items(lang):
            forms = russian_case_forms(surname, person=True) if lang == "ru" else {surname}
            for title in titles:
                if lang in ("en", "ru"):
                    for form in forms:
                        pattern = f"{title} {form}"
                        self._add(pattern, Target(SURNAME_TITLE, surname, title, "word", lang))
                else:
                    patterns = [surname + title]
                    if lang == "ko" or not _is_cjk(surname[-1]):
                        patterns.append(f"{surname} {title}")
                    for pattern in patterns:
                        self._add(
                            pattern,
                            Target(
                                SURNAME_TITLE, surname, title, _boundary_for(lang, pattern), lang
                            ),
                        )
            # a bare surname is a candidate only where it is a word of its own (Kim, Путина,
            # キム, 푸틴); one-character CJK surnames (金, 김) need a title
            if lang in ("en", "ru") or len(surname) >= 2:
                for form in forms:
                    self._add(form, Target(SURNAME, surname, "", _boundary_for(lang, form), lang))

    def near_person(self, name: str, threshold: float = 0.86) -> str | None:
        """The registry person whose spelling is nearly this one (ベローソフ ~ ベロウソフ), when
        exactly one is that close. Only full names with a reading are compared."""
        if _is_han_name(name):
            # 尹錫烈 for 尹錫悦: same family name and length, one character off
            han_hits = {
                actor_id
                for cand, actor_id in self._near_han.get(name[0], ())
                if len(cand) == len(name)
                and sum(a != b for a, b in zip(cand, name, strict=True)) == 1
            }
            return next(iter(han_hits)) if len(han_hits) == 1 else None
        key = romanize(name)
        if len(key) < 6 or " " not in key or not _has_reading(name):
            return None
        hits = {
            actor_id
            for cand, actor_id in self._near.get(key[:1], ())
            if SequenceMatcher(None, key, cand).ratio() >= threshold
        }
        return next(iter(hits)) if len(hits) == 1 else None

    # -- scanning ------------------------------------------------------------------------
    def _ok(self, text: str, start: int, end: int, boundary: str) -> bool:
        if boundary == "none":
            return True
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if boundary == "word":
            first, last = text[start], text[end - 1]
            if first.isalnum() and before.isalnum():
                return False
            return not (last.isalnum() and after.isalnum())
        if boundary == "latin":
            return not (_ascii_word(before) and _ascii_word(text[start])) and not (
                _ascii_word(after) and _ascii_word(text[end - 1])
            )
        if boundary == "hangul":
            return not _is_hangul(before)
        return True

    def _not_a_word(self, folded: str, start: int, end: int, target: Target) -> bool:
        """A name that is also a common word counts only before a context word (인도 정부)."""
        if target.kind == BLOCK or folded[start:end] not in self._homographs:
            return True
        rest = folded[end : end + 12].lstrip(" ")
        return any(rest.startswith(word) for word in self._homograph_context)

    def scan(self, text: str) -> list[Match]:
        """Every pattern occurrence in ``text`` that respects its boundary rule (overlaps kept)."""
        folded = fold(text)
        n = len(folded)
        trie = self._trie
        word_lang = self.lang in ("en", "ru")
        out: list[Match] = []
        for i in range(n):
            node = trie.get(folded[i])
            if node is None:
                continue
            if word_lang and i > 0 and folded[i - 1].isalnum() and folded[i].isalnum():
                continue  # inside a word: no Latin/Cyrillic name can start here
            j = i + 1
            while True:
                bucket = node.get(_END)
                if bucket:
                    for target in bucket:
                        if self._ok(folded, i, j, target.boundary) and self._not_a_word(
                            folded, i, j, target
                        ):
                            out.append(Match(i, j, target))
                if j >= n:
                    break
                node = node.get(folded[j])
                if node is None:
                    break
                j += 1
        out.extend(self._scan_abbreviations(folded))
        out.extend(self._scan_standalone(folded))
        out.extend(self._scan_modified_short(text))
        return out

    def _scan_modified_short(self, text: str) -> list[Match]:
        """English short forms with adjectives between the article and the head ("the
        nuclear-armed North", "the reclusive North"): one or two lower-case words, and no
        capitalised word after the head (so "the isolated North Korea" is not one)."""
        if not self._the_short:
            return []
        out: list[Match] = []
        for m in _MODIFIED_SHORT.finditer(text):
            target = self._the_short.get(m.group(1))
            if target is not None:
                out.append(Match(m.start(), m.end(), target))
        return out

    def _scan_abbreviations(self, folded: str) -> list[Match]:
        """Runs of one-character country abbreviations: 露朝, 日米韓, 북·러, 中俄; or one
        before a listed suffix (露軍, 俄方, 북측). A run must not continue a word (今朝日本)."""
        lex = self.registry.lexicon
        table = lex.abbreviations.get(self.lang)
        if not table:
            return []
        seps = set(lex.abbreviation_separators)
        suffixes = lex.abbreviation_suffixes.get(self.lang, ())
        out: list[Match] = []
        n = len(folded)
        i = 0
        while i < n:
            if folded[i] not in table:
                i += 1
                continue
            positions = [i]
            j = i + 1
            while j < n:
                if folded[j] in table and folded[j] not in {folded[p] for p in positions}:
                    positions.append(j)
                    j += 1
                elif (
                    folded[j] in seps
                    and j + 1 < n
                    and folded[j + 1] in table
                    and not _continues_kana(folded, j + 1)
                ):
                    j += 1
                else:
                    break
            before = folded[i - 1] if i > 0 else " "
            # zh runs have no word boundaries to check; ja/ko runs must start a word. After a
            # digit the character is a counter or a date (18日, 3일, 2中), never a country.
            starts_word = not before.isdigit() and (
                self.lang == "zh" or not (_is_cjk(before) and before not in "・")
            )
            if len(positions) >= 2 and starts_word:
                for p in positions:
                    out.append(Match(p, p + 1, Target(ABBREV, f"country:{table[folded[p]]}")))
            elif len(positions) == 1 and starts_word:
                rest = folded[i + 1 : i + 6]
                if any(rest.startswith(s) for s in suffixes):
                    out.append(Match(i, i + 1, Target(ABBREV, f"country:{table[folded[i]]}")))
            i = j if j > i else i + 1
        return out

    def _scan_standalone(self, folded: str) -> list[Match]:
        """A one-character short form standing alone for its country (北김정은, 「北が…」): not
        inside a word of ideographs, and where the language lists what must follow it, opening
        a phrase (no letter or kana before it) before one of those."""
        lex = self.registry.lexicon
        table = lex.standalone_abbreviations.get(self.lang)
        if not table:
            return []
        following = lex.standalone_following.get(self.lang, ())
        out: list[Match] = []
        # a handful of characters: find them rather than walk every character of the text
        found = sorted((i, code) for ch, code in table.items() for i in _positions(folded, ch))
        for i, code in found:
            before = folded[i - 1] if i > 0 else " "
            after = folded[i + 1] if i + 1 < len(folded) else " "
            if _is_ideograph(before) or _is_ideograph(after) or before.isdigit():
                continue
            if following:
                if before.isalnum() or _is_cjk(before):
                    continue
                if not any(folded.startswith(f, i + 1) for f in following):
                    continue
            out.append(Match(i, i + 1, Target(ABBREV, f"country:{code}")))
        return out


def _positions(text: str, ch: str) -> list[int]:
    """Where a character occurs in the text."""
    out, i = [], text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _continues_kana(text: str, i: int) -> bool:
    """A katakana abbreviation that opens a longer katakana word (ロ in ロシア) is not one."""
    return i + 1 < len(text) and _is_katakana(text[i]) and _is_katakana(text[i + 1])


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "\u30fc"


class Matcher:
    """Matchers for several languages, built once from a registry."""

    def __init__(self, registry: Registry, langs: tuple[str, ...]) -> None:
        self.registry = registry
        self.by_lang = {lang: LangMatcher(lang, registry) for lang in langs}

    def scan(self, text: str, lang: str) -> list[Match]:
        matcher = self.by_lang.get(lang)
        return matcher.scan(text) if matcher is not None else []


def select(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches: longest first, then by kind priority, then leftmost."""
    ordered = sorted(matches, key=lambda m: (-m.length, -PRIORITY[m.target.kind], m.start))
    taken: list[tuple[int, int]] = []
    chosen: list[Match] = []
    for m in ordered:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        taken.append((m.start, m.end))
        chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen
