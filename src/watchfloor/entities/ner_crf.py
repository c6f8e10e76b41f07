"""Japanese NER as a character-level linear-chain CRF (python-crfsuite) over Sudachi features.

Every character is tagged B-/I-/O with its entity type, so spans may start or end inside a
Sudachi morpheme (Stockmark cuts 1% of names there). Each character carries its own and its
neighbours' characters and script types, the Sudachi long-unit (mode C) and short-unit (mode A)
morphemes around it with their full part of speech (固有名詞-人名-姓, 固有名詞-地名-国 ...), the
morpheme's edges and affixes, and a gazetteer lookup (registry names and CLDR territories).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from watchfloor.entities.ner import NerSpan
from watchfloor.entities.ner_chars import chunks, strip_suffix, trim_span

MODEL_FILE = "crf.bin"
GAZETTEER_FILE = "gazetteer.tsv"
AFFIX_FILE = "affixes.tsv"
# Place-name suffixes (administrative units, islands...); organisation words and personal titles
# come from the registry lexicon. A name often ends just before a title (金正恩|総書記) and with
# an organisation word or a place suffix (朝鮮中央|通信, 大阪|市).
LOC_SUFFIXES = (*"都道府県市区町村郡州省島湾", "半島")
# Longest name the gazetteer matcher tries (characters).
GAZ_MAX = 24
# Neighbouring morphemes seen from each character (each side).
MORPH_WINDOW = 2


@dataclass(frozen=True, slots=True)
class Token:
    """A Sudachi morpheme: offsets into the analysed text, surface, normalised form, POS."""

    start: int
    end: int
    surface: str
    norm: str
    pos: tuple[str, ...]  # the four POS levels without the "*" fillers


@lru_cache(maxsize=2)
def _tokenizer(mode: str) -> Any:
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").create(getattr(SplitMode, mode))


def tokens(text: str, mode: str = "C") -> list[Token]:
    """Sudachi morphemes of ``text`` in the given split mode (C: long units, A: short units)."""
    out: list[Token] = []
    for m in _tokenizer(mode).tokenize(text):
        pid = m.part_of_speech_id()
        pos = _POS.get(pid)
        if pos is None:
            pos = _POS[pid] = tuple(p for p in m.part_of_speech()[:4] if p != "*")
        out.append(Token(m.begin(), m.end(), m.surface(), m.normalized_form(), pos))
    return out


_POS: dict[int, tuple[str, ...]] = {}  # Sudachi POS id -> the four levels (ids are per dict)


def char_type(ch: str) -> str:
    """A one-letter script class: kanji, hiragana, katakana, latin, digit, space, symbol."""
    o = ord(ch)
    if 0x3040 <= o <= 0x309F:
        return "H"
    if 0x30A0 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
        return "ー" if ch == "ー" else "T"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or ch in "々〆ヶ":
        return "K"
    if ch.isdigit():
        return "D"
    if ch.isspace():
        return "_"
    if ch.isalpha():
        return "L" if ch.isascii() or unicodedata.name(ch, "").find("LATIN") >= 0 else "A"
    return "S"


class Gazetteer:
    """Names with their type, matched longest-first at every character position."""

    __slots__ = ("_lengths", "names")

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        by_first: dict[str, set[int]] = {}
        for name in names:
            if 1 <= len(name) <= GAZ_MAX:
                by_first.setdefault(name[0], set()).add(len(name))
        # Name lengths by first character, longest first.
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()}

    @classmethod
    def read(cls, path: Path) -> Gazetteer:
        names: dict[str, str] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                name, _, label = line.partition("\t")
                if name and label:
                    names[name] = label
        return cls(names)

    def lengths(self, first: str) -> tuple[int, ...]:
        """Lengths of the names that start with ``first``, longest first."""
        return self._lengths.get(first, ())

    def write(self, path: Path) -> None:
        lines = (f"{n}\t{lab}" for n, lab in sorted(self.names.items()))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def tags(self, text: str) -> list[str]:
        """Per character: "B-LOC"/"I-LOC"... for the longest name starting there, else ""."""
        n = len(text)
        out = [""] * n
        i = 0
        while i < n:
            hit = 0
            for size in self.lengths(text[i]):
                if i + size <= n and text[i : i + size] in self.names:
                    hit = size
                    break
            if hit:
                label = self.names[text[i : i + hit]]
                out[i] = "B-" + label
                for k in range(i + 1, i + hit):
                    out[k] = "I-" + label
                i += hit
            else:
                i += 1
        return out


class Affixes:
    """Titles, organisation words and place suffixes, found as substrings of the text."""

    __slots__ = ("_gaz", "words")

    def __init__(self, words: dict[str, str]) -> None:
        self.words = words  # word -> "title" | "org" | "loc"
        self._gaz = Gazetteer(words)

    @classmethod
    def read(cls, path: Path) -> Affixes:
        return cls(Gazetteer.read(path).names)

    def write(self, path: Path) -> None:
        self._gaz.write(path)

    def marks(self, text: str) -> tuple[list[str], list[str]]:
        """(kinds of words starting at each char, kinds of words ending at each char)."""
        n = len(text)
        starts = [""] * n
        ends = [""] * n
        for i in range(n):
            for size in self._gaz.lengths(text[i]):
                kind = self.words.get(text[i : i + size]) if i + size <= n else None
                if kind is not None:
                    starts[i] = starts[i] or kind
                    ends[i + size - 1] = ends[i + size - 1] or kind
        return starts, ends


def build_affixes() -> Affixes:
    """Personal titles and organisation words from the registry's ja lexicon, place suffixes."""
    from watchfloor.entities.registry import Registry

    lexicon = Registry.load(shipped=True).lexicon
    words = dict.fromkeys(LOC_SUFFIXES, "loc")
    words.update(dict.fromkeys(lexicon.org_words.get("ja", ()), "org"))
    words.update(dict.fromkeys(lexicon.titles.get("ja", ()), "title"))
    return Affixes(words)


def build_gazetteer() -> Gazetteer:
    """Japanese names from the shipped actor registry and CLDR territory names (babel)."""
    from babel import Locale

    from watchfloor.entities.registry import Registry

    kinds = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC"}
    names: dict[str, str] = {}
    for name in Locale("ja").territories.values():
        if len(name) >= 2:
            names.setdefault(name, "LOC")
    for actor in Registry.load(shipped=True).actors.values():
        label = kinds.get(actor.kind)
        if label is None:
            continue
        for name in (*actor.names.get("ja", ()), *actor.short_forms.get("ja", ())):
            if len(name) >= 2:
                names[name] = label
    return Gazetteer(names)


def _morph_index(toks: Sequence[Token], n: int) -> list[int]:
    """For each character position, the index of the token covering it (-1 if none)."""
    idx = [-1] * n
    for k, t in enumerate(toks):
        for i in range(max(t.start, 0), min(t.end, n)):
            if idx[i] < 0:
                idx[i] = k
    return idx


def _edge(i: int, t: Token) -> str:
    """Where character ``i`` sits in its morpheme: S(ingle), B(egin), E(nd) or I(nside)."""
    if t.end - t.start == 1:
        return "S"
    return "B" if i == t.start else "E" if i == t.end - 1 else "I"


def _long_feats(toks: Sequence[Token]) -> list[list[str]]:
    """Per long unit: its own and its neighbours' identity and POS (shared by its chars)."""
    out: list[list[str]] = []
    last = len(toks) - 1
    for k, t in enumerate(toks):
        ptag = "-".join(t.pos)
        f = [
            "Lp=" + ptag,
            "Lw=" + t.surface,
            "Ln=" + t.norm,
            "Llen=" + str(min(t.end - t.start, 8)),
            "Lsuf1=" + t.surface[-1:],
            "Lsuf2=" + t.surface[-2:],
            "Lpre1=" + t.surface[:1],
            "Lpre2=" + t.surface[:2],
        ]
        for d in range(1, MORPH_WINDOW + 1):
            for side, j in (("-", k - d), ("+", k + d)):
                if 0 <= j <= last:
                    o = toks[j]
                    f.append(f"L{side}{d}w={o.surface}")
                    f.append(f"L{side}{d}p={'-'.join(o.pos)}")
                    f.append(f"L{side}{d}p1={'-'.join(o.pos[:2])}")
                else:
                    f.append(f"L{side}{d}=<none>")
        if k < last:
            f.append("Lp/L+1w=" + ptag + "/" + toks[k + 1].surface)
        if k > 0:
            f.append("L-1w/Lp=" + toks[k - 1].surface + "/" + ptag)
        out.append(f)
    return out


def _short_feats(toks: Sequence[Token]) -> list[list[str]]:
    """Per short unit: its identity, POS and its neighbours' surfaces."""
    out: list[list[str]] = []
    last = len(toks) - 1
    for k, t in enumerate(toks):
        out.append(
            [
                "Ap=" + "-".join(t.pos),
                "Aw=" + t.surface,
                "A+1w=" + (toks[k + 1].surface if k < last else "$"),
                "A-1w=" + (toks[k - 1].surface if k > 0 else "^"),
            ]
        )
    return out


def features(text: str, gazetteer: Gazetteer, affixes: Affixes | None = None) -> list[list[str]]:
    """The CRF attributes of every character of ``text`` (one list per character)."""
    n = len(text)
    if n == 0:
        return []
    long_units = tokens(text, "C")
    short_units = tokens(text, "A")
    li = _morph_index(long_units, n)
    si = _morph_index(short_units, n)
    lf = _long_feats(long_units)
    sf = _short_feats(short_units)
    gaz = gazetteer.tags(text)
    starts, ends = affixes.marks(text) if affixes is not None else ([""] * n, [""] * n)
    pad = "^^" + text + "$$"
    tpad = "^^" + "".join(map(char_type, text)) + "$$"
    out: list[list[str]] = []
    for i in range(n):
        j = i + 2
        f = [
            "b",
            "c0=" + pad[j],
            "c-1=" + pad[j - 1],
            "c+1=" + pad[j + 1],
            "c-2=" + pad[j - 2],
            "c+2=" + pad[j + 2],
            "c-1c0=" + pad[j - 1 : j + 1],
            "c0c+1=" + pad[j : j + 2],
            "c-2c-1=" + pad[j - 2 : j],
            "c+1c+2=" + pad[j + 1 : j + 3],
            "c-1c+1=" + pad[j - 1 : j + 2],
            "t0=" + tpad[j],
            "t-1t0=" + tpad[j - 1 : j + 1],
            "t0t+1=" + tpad[j : j + 2],
            "t-2..t+2=" + tpad[j - 2 : j + 3],
        ]
        g = gaz[i]
        if g:
            f.append("g=" + g)
            f.append("gl=" + g[2:])
        else:
            if i and gaz[i - 1]:
                f.append("g-1end=" + gaz[i - 1][2:])
            if i + 1 < n and gaz[i + 1][:2] == "B-":
                f.append("g+1start=" + gaz[i + 1][2:])
        if i + 1 < n and starts[i + 1]:
            f.append("x>" + starts[i + 1])  # a title or org word follows this char
        if ends[i]:
            f.append("x<" + ends[i])  # this char ends a title, org word or place suffix
        if i and ends[i - 1]:
            f.append("x-1<" + ends[i - 1])
        k = li[i]
        if k >= 0:
            t = long_units[k]
            edge = _edge(i, t)
            f.append("L=" + edge)
            f.append("Lpb=" + edge + lf[k][0])
            f += lf[k]
        k = si[i]
        if k >= 0:
            edge = _edge(i, short_units[k])
            f.append("A=" + edge)
            f.append("Apb=" + edge + sf[k][0])
            f += sf[k]
        out.append(f)
    return out


def bio_tags(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags for ``n`` characters; overlapping spans after the first are skipped."""
    tags = ["O"] * n
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < 0 or end > n or end <= start or any(t != "O" for t in tags[start:end]):
            continue
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
    return tags


def decode(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans from BIO tags; an I- without a matching open span starts one."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and start >= 0 and tag[2:] == label:
            continue
        if start >= 0:
            spans.append((start, i, label))
            start, label = -1, ""
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    return spans


class CrfBackend:
    """The trained character CRF behind the ``NerBackend`` interface."""

    def __init__(
        self,
        lang: str,
        name: str,
        path: Path,
        keep: frozenset[str],
        honorifics: tuple[str, ...] = (),
    ) -> None:
        import pycrfsuite

        self.lang = lang
        self.name = name
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path / MODEL_FILE))
        self._gazetteer = Gazetteer.read(path / GAZETTEER_FILE)
        self._affixes = Affixes.read(path / AFFIX_FILE)
        self._keep = keep  # labels emitted; auxiliary training labels (FAC...) are dropped
        self._honorifics = honorifics  # stripped from the end of PER spans (金正恩氏 → 金正恩)
        tokens("a", "C")  # load the Sudachi dictionary now, not inside the first batch

    def spans(self, text: str) -> list[NerSpan]:
        out: list[NerSpan] = []
        for off, piece in chunks(text):
            for start, end, label in self.tag(piece):
                out.append(NerSpan(off + start, off + end, text[off + start : off + end], label))
        return out

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]:
        return [self.spans(t) for t in texts]

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        """Kept (start, end, label) spans of one piece of text (at most one chunk long)."""
        if not text:
            return []
        tags = self._tagger.tag(features(text, self._gazetteer, self._affixes))
        out: list[tuple[int, int, str]] = []
        for start, end, label in decode(tags):
            if label not in self._keep:
                continue
            start, end = trim_span(text, start, end)
            if label == "PER":
                end = strip_suffix(text, start, end, self._honorifics)
            if end > start:
                out.append((start, end, label))
        return out
