"""Quantities written in the five languages, as integers: figures align copies and events."""

from __future__ import annotations

import re
import unicodedata

_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(万|萬|만|千|천|億|억|thousand|million|billion|тыс|млн|млрд)?"
    r"(?:\s*(\d{1,4})(?![\d]))?",
    re.IGNORECASE,
)
_MULTIPLIER = {
    "万": 10_000,
    "萬": 10_000,
    "만": 10_000,
    "千": 1_000,
    "천": 1_000,
    "億": 10**8,
    "억": 10**8,
    "thousand": 1_000,
    "million": 10**6,
    "billion": 10**9,
    "тыс": 1_000,
    "млн": 10**6,
    "млрд": 10**9,
}


def numbers_in(text: str) -> frozenset[int]:
    """Quantities written in any of the five languages ('12,000', '1万2000', '1.2万', '12 тыс.').

    Years (1900-2100) and 0/1 are left out: they say little about which story a text tells.
    """
    out: set[int] = set()
    for match in _NUMBER.finditer(unicodedata.normalize("NFKC", text)):
        digits, unit, tail = match.group(1), match.group(2), match.group(3)
        try:
            value = float(re.sub(r"[,\u00a0 ]", "", digits))
        except ValueError:
            continue
        if unit:
            value = value * _MULTIPLIER[unit.lower()] + (
                int(tail) if tail and unit in "万萬만億억千천" else 0
            )
        number = round(value)
        if number > 1 and not 1900 <= number <= 2100:
            out.add(number)
    return frozenset(out)
