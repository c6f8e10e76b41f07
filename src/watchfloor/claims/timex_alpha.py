"""Recognise time expressions in English and Russian text with a small rule set (faster and
more predictable than dateparser, which this runs far too often to afford): month-name dates in
every order and case form, weekdays, relative words, "N days ago", bare months in context."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from watchfloor.claims.timex_lexicon import TimeLexicon, alternation, load_time_lexicon, lookup
from watchfloor.claims.timex_types import Direction, Parsed

_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?<![\d.,])(?P<y>(?:19|20)\d\d)(?![\d%])"
_DAY = r"(?<![\d.,:])(?P<d>[0-3]?\d)(?![\d:])"
_AGO_FIELD = {"day": "day_offset", "week": "week_offset", "month": "month_offset"}
# Russian year tails: "2024 года", "в 2023 году", "2023 г."
_RU_YEAR_TAIL = r"(?:\s*(?:года|году|год|г\.))"


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], TimeLexicon], Parsed | None]


def _fields(m: re.Match[str], lex: TimeLexicon, fold: bool) -> Parsed | None:
    """Build a Parsed from the named groups a rule matched (y, d, mon, ymod, mk, wd, ...)."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    out: dict[str, int] = {}
    if "y" in g:
        out["year"] = int(g["y"])
    if "ymod" in g:
        out["year_offset"] = lookup(lex.year_modifier, g["ymod"], fold=True)
    if "mon" in g:
        out["month"] = lookup(lex.month, g["mon"], fold=fold)
    if "d" in g:
        out["day"] = int(g["d"])
        if not 1 <= out["day"] <= 31:
            return None
    if "wd" in g:
        out["weekday"] = lookup(lex.weekday, g["wd"], fold=fold)
    for group, table, key in (
        ("rday", lex.relative_day, "day_offset"),
        ("rweek", lex.relative_week, "week_offset"),
        ("rmonth", lex.relative_month, "month_offset"),
        ("ryear", lex.relative_year, "year_offset"),
    ):
        if group in g:
            out[key] = lookup(table, g[group], fold=True)
    if "unit" in g:  # "two days ago", "неделю назад" (no number: one unit)
        n = 1
        if "n" in g:
            n = int(g["n"]) if g["n"].isdigit() else lookup(lex.numbers, g["n"], fold=True)
        unit = next(k for k, words in lex.units_ago.items() if g["unit"].casefold() in words)
        out[_AGO_FIELD.get(unit, "year_offset")] = -n
    direction = Direction.NONE
    if "mk" in g:
        mk = re.sub(r"\s+", " ", g["mk"].casefold())
        direction = Direction.PAST if mk in lex.past_markers else Direction.FUTURE
    start = m.start("mk") if "mk" in g else m.start("x") if "x" in g else m.start()
    return Parsed(start, m.end(), direction=direction, **out)


@cache
def _rules(lang: str) -> tuple[_Rule, ...]:
    lex = load_time_lexicon(lang)
    fold = lang == "ru"  # Russian month and weekday names are lower case; English capitalised
    i = "(?i:" if not fold else "(?:"
    mon = rf"(?P<mon>{alternation(lex.month)})(?!\w)"
    wd = rf"(?P<wd>{alternation(lex.weekday)})(?![\w])"
    mk = rf"{i}(?P<mk>{alternation((*lex.past_markers, *lex.future_markers))}))\s+"
    ctx = rf"{i}\b(?:{alternation(lex.month_context)}))\s*"
    ymod = rf"{i}(?P<ymod>{alternation(lex.year_modifier)}))\b"
    ryear = r"(?:\s*(?:года|году|г\.))?" if fold else ""

    def rel(group: str, table: dict[str, int] | object) -> str:
        return rf"{i}\b(?P<{group}>{alternation(table)})\b)"  # type: ignore[arg-type]

    nums = alternation(lex.numbers)
    units = alternation(w for words in lex.units_ago.values() for w in words)
    ago = "назад" if fold else "ago"
    patterns: list[str] = [
        # ISO and numeric dates: 2024-11-19, 2024/11/19, 19.11.2024
        r"(?<![\d.])(?P<y>(?:19|20)\d\d)[-/.](?P<mo>[01]?\d)[-/.](?P<d>[0-3]?\d)(?![\d])",
        r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d])",
        # Month-name dates, most specific first
        rf"(?:{mk})?(?P<x>{mon})\s*{_DAY}{_ORD},?\s+{_YEAR}{ryear}",
        rf"(?P<x>{_DAY}{_ORD}(?:-?го)?)\s+(?:of\s+)?{mon},?\s+{_YEAR}{ryear}",
        rf"(?P<x>{_DAY}{_ORD}(?:-?го)?)\s+(?:of\s+)?{mon}(?:,?\s+{ymod})?",
        rf"(?P<x>{mon})\s*{_DAY}{_ORD}(?!\s*(?:%|percent|процент))(?:,?\s+{ymod})?",
        rf"(?P<x>{mon}),?\s+(?:of\s+)?{_YEAR}{ryear}",
        rf"(?P<x>{mon}),?\s+(?:of\s+)?{ymod}",
        rf"(?:{ctx})(?:{mk})?(?P<x>{mon})",
        rf"(?:{mk})(?P<x>{mon})",
        # Years with a preposition or a Russian year word: "in 2023", "в 2023 году", "2023 года"
        rf"(?:{ctx}|\b(?:in|of|since|by|до|после)\s+)(?P<x>{_YEAR}){ryear}",
        rf"(?P<x>{_YEAR}){_RU_YEAR_TAIL}" if fold else r"(?!x)x",
        # Weekdays: "on Monday", "last Friday", "во вторник", "в прошлую среду"
        (rf"(?:\bв|\bво)\s+(?:{mk})?(?P<x>{wd})" if fold else rf"(?:{mk})?(?P<x>{wd})(?!s\b)"),
        # Relative words
        rel("rday", lex.relative_day),
        rel("rweek", lex.relative_week),
        rel("rmonth", lex.relative_month),
        rel("ryear", lex.relative_year),
        rf"{i}\b(?:(?P<n>\d{{1,2}}|{nums})\s+)?(?P<unit>{units})\s+{ago}\b)",
        # Day of month alone: "on the 18th", "18-го", "18 числа"
        (
            r"\b(?:в\s+ночь\s+на\s+)?(?P<x>(?P<d>[0-3]?\d))(?:-?го\s+числа|-го\b|\s+числа)"
            if fold
            else r"(?i:\bon\s+the\s+)(?P<x>(?P<d>[0-3]?\d)(?:st|nd|rd|th))"
            r"(?=\s*(?:[,.;:)!?]|$|(?i:\s+(?:and|when|at|in|after|before|with|as|to|morning"
            r"|afternoon|evening|night)\b)))"
        ),
    ]
    flags = re.IGNORECASE if fold else 0
    rules = []
    for pattern in patterns:
        compiled = re.compile(pattern, flags)
        rules.append(_Rule(compiled, _numeric if "(?P<mo>" in pattern else _with(fold)))
    return tuple(rules)


def _with(fold: bool) -> Callable[[re.Match[str], TimeLexicon], Parsed | None]:
    def build(m: re.Match[str], lex: TimeLexicon) -> Parsed | None:
        return _fields(m, lex, fold)

    return build


def _numeric(m: re.Match[str], lex: TimeLexicon) -> Parsed | None:
    month, day = int(m.group("mo")), int(m.group("d"))
    if lex.lang == "en" and "/" in m.group() and month > 12 >= day:
        month, day = day, month  # 19/11/2024 written day first
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Parsed(m.start(), m.end(), year=int(m.group("y")), month=month, day=day)


def parse_alpha(text: str, lang: str) -> list[Parsed]:
    """Every time expression in ``text`` (en or ru), unresolved; earlier rules win overlaps."""
    lex = load_time_lexicon(lang)
    found: list[Parsed] = []
    for rule in _rules(lang):
        for m in rule.pattern.finditer(text):
            if any(p.start < m.end() and m.start() < p.end for p in found):
                continue
            parsed = rule.build(m, lex)
            if parsed is not None:
                found.append(parsed)
    return sorted(found, key=lambda p: p.start)


ALPHA_PARSERS: dict[str, Callable[[str, str], list[Parsed]]] = {
    "en": parse_alpha,
    "ru": parse_alpha,
}
