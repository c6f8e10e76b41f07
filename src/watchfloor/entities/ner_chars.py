"""Character-level spaCy docs for CJK/Korean NER, with morpheme features on every character.

Korean and Japanese entity boundaries often fall inside a whitespace token (경찰은 = 경찰 + 은)
and sometimes inside a morpheme, so the small trained models tag one token per character. Each
character carries the morpheme analyser's view as features: NORM is the morpheme's form and TAG
is its part of speech with a B-/I- position prefix, so the CNN sees word identity and POS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

from watchfloor.entities.ner import NerSpan
from watchfloor.entities.ner_vectors import attach

# Longest text handed to an analyser in one call; longer texts are cut at line or sentence ends.
# (Sudachi refuses inputs over ~49 kB; shorter chunks also bound the CNN's memory.)
MAX_CHUNK_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Morph:
    """One morpheme: character offsets into the analysed text, its form and its tag."""

    start: int
    end: int
    form: str
    tag: str


Analyser = Callable[[str], list[Morph]]


@lru_cache(maxsize=1)
def _sudachi() -> Any:
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").create(SplitMode.C)


def analyse_ja(text: str) -> list[Morph]:
    """Sudachi long-unit morphemes; the tag keeps the proper-noun subclasses (人名/地名-国...)."""
    out: list[Morph] = []
    for m in _sudachi().tokenize(text):
        pos = m.part_of_speech()
        tag = "-".join(p for p in pos[:4] if p != "*")
        out.append(Morph(m.begin(), m.end(), m.normalized_form(), tag))
    return out


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


def analyse_ko(text: str) -> list[Morph]:
    """Kiwi morphemes; kiwi may merge or overlap morphemes (했다 → 하/었/다), first one wins."""
    return [
        Morph(t.start, t.start + t.len, t.form, str(t.tag).split("-")[0])
        for t in _kiwi().tokenize(text)
    ]


ANALYSERS: dict[str, Analyser] = {"ja": analyse_ja, "ko": analyse_ko}


def char_doc(vocab: Vocab, text: str, analyse: Analyser) -> Doc:
    """One token per non-space character (a single following space becomes trailing space).

    ``doc.text == text`` always holds, so token offsets are offsets into the given text.
    """
    words: list[str] = []
    spaces: list[bool] = []
    for ch in text:
        if ch == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
        else:
            words.append(ch)
            spaces.append(False)
    doc = Doc(vocab, words=words, spaces=spaces)
    if not words:
        return doc
    forms = [""] * len(text)
    tags = [""] * len(text)
    for m in analyse(text):
        for i in range(max(m.start, 0), min(m.end, len(text))):
            if not tags[i]:
                forms[i] = m.form
                tags[i] = ("B-" if i == m.start else "I-") + m.tag
    for token in doc:
        i = token.idx
        token.norm_ = forms[i] or token.text
        token.tag_ = tags[i] or ("SPACE" if token.text.isspace() else "X")
    return doc


def safe_text(text: str) -> str:
    """The text with lone surrogates replaced by U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut a text into pieces of at most ``limit`` chars at newlines or sentence ends.

    Lone surrogates (from badly decoded input) become U+FFFD, one char for one, because the
    Rust/C analysers cannot encode them; offsets are unchanged.
    """
    text = safe_text(text)
    out: list[tuple[int, str]] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        marks = ("\n", "。", ". ", "다.")
        ends = [i + len(m) for m in marks if (i := window.rfind(m)) >= 0]
        cut = max(ends, default=limit)
        end = pos + (cut if cut > limit // 4 else limit)
        out.append((pos, text[pos:end]))
        pos = end
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def model_dir(name: str) -> Path:
    """Where a shipped model lives inside the package (``data/models/<name>``)."""
    return Path(str(files("watchfloor") / "data" / "models" / name))


class CharModelBackend:
    """A trained character-level NER model behind the ``NerBackend`` interface."""

    def __init__(
        self,
        lang: str,
        name: str,
        path: Path,
        keep: frozenset[str],
        honorifics: tuple[str, ...] = (),
    ) -> None:
        import spacy

        self.lang = lang
        self.name = name
        self._nlp = spacy.load(path)
        attach(self._nlp.vocab, path)  # borrowed static vectors, when trained with them
        self._analyse = ANALYSERS[lang]
        self._analyse("a")  # load the analyser's dictionary now, not inside the first batch
        self._keep = keep  # labels emitted; auxiliary training labels (DATE, FAC...) are dropped
        self._honorifics = honorifics  # stripped from the end of PER spans (金正恩氏 → 金正恩)

    def spans(self, text: str) -> list[NerSpan]:
        return self.spans_batch([text])[0]

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]:
        pieces = [(n, off, piece) for n, t in enumerate(texts) for off, piece in chunks(t)]
        docs = (char_doc(self._nlp.vocab, piece, self._analyse) for _, _, piece in pieces)
        out: list[list[NerSpan]] = [[] for _ in texts]
        for (n, off, _), doc in zip(pieces, self._nlp.pipe(docs, batch_size=32), strict=True):
            for ent in doc.ents:
                if ent.label_ in self._keep:
                    start, end = trim_span(doc.text, ent.start_char, ent.end_char)
                    if ent.label_ == "PER":
                        end = strip_suffix(doc.text, start, end, self._honorifics)
                    if end > start:
                        text = texts[n][off + start : off + end]
                        out[n].append(NerSpan(off + start, off + end, text, ent.label_))
        return out


def strip_suffix(text: str, start: int, end: int, suffixes: tuple[str, ...]) -> int:
    """The span end without a trailing suffix, unless the suffix is all there is."""
    for suffix in suffixes:
        if text.endswith(suffix, start, end) and end - len(suffix) > start:
            return end - len(suffix)
    return end


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with whitespace or edge punctuation."""
    while start < end and (
        text[start].isspace() or text[start] in _EDGE_PUNCT or text[start] in _CLOSING
    ):
        start += 1
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT or text[end - 1] in _OPENING
    ):
        end -= 1
    return start, end


# A name may end in a closing bracket (三菱商事(株)) but never in an opening one (NHK「).
_EDGE_PUNCT = frozenset("、。，,.:;!?！？・")
_OPENING = frozenset("「『（(【《〈[“‘")
_CLOSING = frozenset("」』）)】》〉]”’")
