"""Russian grammatical case of the words of a sentence, from natasha's morphology tagger.

Russian marks roles by case, not word order: the dative names the recipient of a transfer
("поставила России снаряды", "подарил Ким Чен Ыну"), whatever its place in the sentence.
Indeclinable names (КНДР) get their case from context, which the tagger reads.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# parts of speech that can head a name or a noun phrase
_NOMINAL = frozenset({"PROPN", "NOUN", "X"})


@lru_cache(maxsize=1)
def _tools() -> tuple[Any, Any] | None:
    """Segmenter and morphology tagger, built once per process; None when natasha is absent."""
    try:
        from natasha import NewsEmbedding, NewsMorphTagger, Segmenter
    except ImportError:  # the Russian models are optional for this stage
        return None
    return Segmenter(), NewsMorphTagger(NewsEmbedding())


@lru_cache(maxsize=256)
def tag_cases(text: str) -> tuple[tuple[int, int, str, str | None], ...]:
    """(start, end, part of speech, case) of each token; empty when natasha is unavailable."""
    tools = _tools()
    if tools is None:
        return ()
    from natasha import Doc

    segmenter, tagger = tools
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(tagger)
    return tuple(
        (t.start, t.stop, str(t.pos or ""), (t.feats or {}).get("Case")) for t in doc.tokens
    )


def bare_case(text: str, start: int, end: int) -> str | None:
    """The case of the span's first nominal word when no preposition governs it ("России" in
    "поставила России снаряды": Dat); None after a preposition or when unknown."""
    inside = [t for t in tag_cases(text) if start <= t[0] and t[1] <= end]
    if not inside or after_preposition(text, start):
        return None
    head = next((t for t in inside if t[2] in _NOMINAL), inside[0])
    return head[3]


def after_preposition(text: str, start: int) -> bool:
    """Whether a preposition directly governs the word at ``start`` (в Россию, из КНДР)."""
    before = [t for t in tag_cases(text) if t[1] <= start]
    return bool(before) and before[-1][2] == "ADP"
