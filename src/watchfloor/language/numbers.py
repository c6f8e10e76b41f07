"""Quantities written in the five languages, as integers: figures align copies and events."""

from __future__ import annotations

import re
import unicodedata

_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+(?:\.\d+)?)\s*"
    # 300多万 (over three million): "more than" between the figure and its unit
    r"(?:多|余|餘|여)?(万|萬|만|千|천|億|억|thousand|million|billion|тыс|млн|млрд)?"
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


# The number of a recurring session ("the 10th meeting of the commission", 제10차 회의, 第11回会合,
# 第十届 is left out: figures only). Bare ordinals are mostly dates ("November 11th", 11일), so
# the en/ru forms need a session noun and the ko one without 제 a meeting word.
_SESSION_NOUNS_EN = r"(?:session|meeting|round|plenary|sitting|congress|summit|conference|talks)"
_SESSION_NOUNS_RU = r"(?:заседани|сесси|раунд|встреч|съезд|пленум|саммит|переговор)"
_ORDINAL = re.compile(
    r"제\s?(\d{1,3})\s?차"
    r"|(?<![\d.])(\d{1,3})\s?차\s?(?:회의|회담|총회|전원회의|경제공동위|공동위|위원회)"
    r"|第\s?(\d{1,3})\s?[回次届屆轮輪]"
    rf"|(?<![\d.])(\d{{1,3}})(?:st|nd|rd|th)\s+(?:[\w-]+\s+){{0,4}}?{_SESSION_NOUNS_EN}"
    rf"|(?<![\d.])(\d{{1,3}})-(?:е|го|м|й|ое|ого|ом)\s+(?:\w+\s+){{0,3}}?{_SESSION_NOUNS_RU}",
    re.IGNORECASE,
)


def ordinals_in(text: str) -> frozenset[int]:
    """Numbers of recurring sessions named in any of the five languages: the 10th and the 11th
    session of one commission are two meetings, a year apart."""
    out: set[int] = set()
    for match in _ORDINAL.finditer(unicodedata.normalize("NFKC", text)):
        value = next(g for g in match.groups() if g is not None)
        out.add(int(value))
    return frozenset(out)
