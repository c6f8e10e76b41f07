"""Line-level tidying of extracted HTML text: one paragraph per line, no title, no empty lines."""

from __future__ import annotations

import re

# Horizontal whitespace, including NBSP and the ideographic space (U+3000) used in CJK layout.
_SPACES = re.compile(r"[^\S\n]+")
_WORDS = re.compile(r"\w+")
# Kana, CJK ideographs and Hangul: one such character carries about a word of Latin text.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CJK_CHAR_WEIGHT = 3
# The title is looked for only among the first lines, where pages repeat their headline.
TITLE_SEARCH_LINES = 3
# A line is the title when one contains the other and the shorter covers this share of the longer.
TITLE_MIN_COVER = 0.6
# Separators between a headline and a site or section name in <title>; spaces required around
# hyphens so that hyphenated words stay whole.
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+|\s*[|｜]\s*")


def tidy_text(text: str) -> str:
    """Collapse runs of spaces inside lines and drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def text_weight(text: str) -> int:
    """Length in Latin-equivalent characters (a CJK character counts as a short word)."""
    return len(text) + (CJK_CHAR_WEIGHT - 1) * len(_CJK.findall(text))


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _title_variants(title: str) -> list[str]:
    """The title, and its parts around site-name separators ("Headline | Site", "Site - Head")."""
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    return [title, *parts] if len(parts) > 1 else [title]


def is_title_line(line: str, title: str) -> bool:
    """True when ``line`` repeats ``title`` (same words, or one nearly covering the other).

    The title's parts around separators are tried too, so "Headline | Site" matches "Headline".
    """
    norm_line = _normal(line)
    if not norm_line:
        return False
    for variant in _title_variants(title):
        norm_title = _normal(variant)
        if not norm_title:
            continue
        if norm_line == norm_title:
            return True
        shorter, longer = sorted((norm_line, norm_title), key=len)
        if shorter in longer and len(shorter) >= TITLE_MIN_COVER * len(longer):
            return True
    return False


def drop_title_lines(text: str, title: str | None) -> str:
    """Remove headline repeats from the first lines: the title is metadata, not body text."""
    if not title or not text:
        return text
    lines = text.split("\n")
    head = [line for line in lines[:TITLE_SEARCH_LINES] if not is_title_line(line, title)]
    kept = "\n".join(head + lines[TITLE_SEARCH_LINES:])
    # A page whose only text is its headline keeps it: better than an empty body.
    return kept or text
