"""Display width of text: wide (CJK) characters count double, so lengths compare across scripts.

The per-character ``unicodedata.east_asian_width`` loop costs about 60 ns a character and the
cleaner measures every line several times; here one regex pass over the text counts its wide
characters instead, with the same result (the table is built from ``unicodedata`` itself).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _narrow_bmp() -> re.Pattern[str]:
    """Runs of BMP characters that are not wide (east_asian_width W or F), built once."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for cp in range(0x80, 0x10000):
        wide = unicodedata.east_asian_width(chr(cp)) in "WF"
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0xFFFF))
    wide_class = "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )
    # Astral characters are excluded too: texts with any are measured character by character.
    return re.compile(f"[^{wide_class}\U00010000-\U0010ffff]+")


def char_width(text: str) -> int:
    """Reference definition: one per character, two for east_asian_width W (wide) or F (full)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def display_width(text: str) -> int:
    """Width with wide (CJK) characters counting double: ``char_width``, computed faster."""
    if text.isascii():
        return len(text)
    wide = _narrow_bmp().sub("", text)  # what is left: wide BMP and astral characters
    if wide and _ASTRAL.search(wide):
        return char_width(text)
    return len(text) + len(wide)
