"""Recognise time expressions in Japanese, Korean and Chinese text (no dateparser: it reads
18日, 19일 and 金 wrongly). One chained pattern per language covers
[marker] [year] [month] [day] [weekday], e.g. 2024年11月19日(火), 昨年9月, 지난 18일, 上周二."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from watchfloor.claims.timex_lexicon import TimeLexicon, alternation, load_time_lexicon, lookup
from watchfloor.claims.timex_types import Direction, Parsed

_DIGIT = "0-9０-９"
_NUM = rf"(?<![{_DIGIT}.．]){{g}}[{_DIGIT}]{{{{1,2}}}}(?![{_DIGIT}])"
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KNUM = "[〇一二三四五六七八九十]{1,3}"
# Words after a number + 日/일 that make it a duration or an ordinal, not a date:
# 3日間 (three days), 2日目 (the second day), 3일간, 사흘째, 3일 동안.
_DAY_STOPS = {
    "ja": r"(?!間|目|前|後|ぶり|以内|連続|分)",
    "ko": r"(?!\s*(?:간|째|동안|만에|전|후|치)\b)(?!간|째)",
    "zh": r"(?!内|內|前|後|后)",
}
# Number prefixes that make 18号 an ordinal: 第18号 (No. 18).
_NOT_AFTER = r"(?<!第)"


def parse_number(text: str) -> int:
    """An Arabic (half- or full-width) or kanji numeral up to 99: 18, １８, 十八, 二十一."""
    if text.isdigit():
        return int(text)  # int() reads full-width digits too
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (
            _KANJI_DIGITS.get(ones, 0) if ones else 0
        )
    return int("".join(str(_KANJI_DIGITS[c]) for c in text))


@dataclass(frozen=True, slots=True)
class _Rules:
    lexicon: TimeLexicon
    chain: re.Pattern[str]
    ago: re.Pattern[str]
    stop: re.Pattern[str] | None


def _unit(words: tuple[str, ...]) -> str:
    return "(?:" + alternation(words, space=r"\s*") + ")"


@cache
def _rules(lang: str) -> _Rules:
    lex = load_time_lexicon(lang)
    s = r"\s*"
    j = r"\s*(?:の\s*)?" if lang == "ja" else s  # 先週の金曜日
    num = _NUM.format(g="")
    y_unit, m_unit, d_unit = (_unit(lex.units[k]) for k in ("year", "month", "day"))
    year = (
        rf"(?:(?<![{_DIGIT}])(?P<y>(?:19|20|１９|２０)[{_DIGIT}]{{2}}){s}{y_unit}"
        rf"|(?P<era>{alternation(lex.era)}){s}(?P<ey>[{_DIGIT}]{{1,2}}|元){s}{y_unit}"
        rf"|(?P<yrel>{alternation(lex.relative_year, space=s)}))"
    )
    month = (
        rf"(?:(?P<m>{num}|{_KNUM}){s}{m_unit}|(?P<mrel>{alternation(lex.relative_month, space=s)}))"
    )
    # A range 8~13일 dates its first day; a range may be followed by 동안/間 (its duration).
    day = (
        rf"{_NOT_AFTER}(?P<d>{num}|{_KNUM})(?:{s}[~〜～∼\-–—・]{s}(?P<dend>{num}))?{s}{d_unit}"
        rf"(?(dend)|{_DAY_STOPS[lang]})"
    )
    short = alternation(lex.weekday_short) if lex.weekday_short else r"(?!x)x"
    weekday = (
        rf"(?:(?P<wd>{alternation(lex.weekday)})"
        rf"|[(（]{s}(?P<wds>{short}){s}(?:曜日?)?{s}[)）])"
    )
    week = rf"(?P<wrel>{alternation(lex.relative_week, space=s)})"
    # zh 上周二: a week word then a bare weekday numeral (only after a week word).
    wk_num = r"(?(wrel)(?P<wdn>[一二三四五六日天])|(?!x)x)" if lang == "zh" else r"(?!x)x"
    markers = alternation((*lex.past_markers, *lex.future_markers))
    # A marker counts only before a date part: 지난 18일, but 지난해 is a year word.
    starts = rf"[{_DIGIT}〇一二三四五六七八九十(（]|{alternation(lex.weekday)}"
    pre = rf"(?:(?P<pre>{markers}){s}(?={starts}))?"
    rday = rf"(?P<rday>{alternation(lex.relative_day, space=s)})"
    # 今(12)日, 昨(11)日: a relative day word with the day of month written inside it.
    paren_day = rf"(?:今|昨|前|明)[(（]{s}(?P<pd>{num}){s}[)）]{s}{d_unit}"
    # Every part is optional; empty and incoherent matches are dropped in _from_chain.
    chain = (
        rf"(?:{paren_day}|{rday}|{pre}(?:{year})?(?:{j}{month})?(?:{j}{day})?(?:{j}{week})?"
        rf"(?:{j}(?:{weekday}|{wk_num}))?)"
    )
    ago_alts = "|".join(
        rf"(?P<ago_{unit}>{_unit(words)})" for unit, words in lex.units_ago.items() if words
    )
    # Korean 전 (before) also opens words of its own: "21일 전했다" is "reported on the 21st"
    # (전하다, to convey), "10일 전용 열차" is "on the 10th, a special train"; after 전 (ago)
    # only a particle may follow ("10일 전에", "3년 전부터")
    tail = r"(?!(?!에|부터|까지|의|쯤|께|엔|인|이)[가-힣])" if lang == "ko" else ""
    ago = rf"(?P<n>{num}|{_KNUM}){s}(?:{ago_alts}){tail}"
    stop_words = {"zh": ["今日俄罗斯", "今日俄羅斯", "今日美国", "今日美國"], "ko": ["오늘날"]}
    stop = re.compile(alternation(stop_words[lang])) if lang in stop_words else None
    return _Rules(lex, re.compile(chain), re.compile(ago), stop)


def _from_chain(m: re.Match[str], lex: TimeLexicon) -> Parsed | None:
    g = m.groupdict()
    fields: dict[str, int | None] = {}
    if g["y"]:
        fields["year"] = int(g["y"])
    elif g["era"]:
        fields["year"] = lookup(lex.era, g["era"]) - 1 + (1 if g["ey"] == "元" else int(g["ey"]))
    elif g["yrel"]:
        fields["year_offset"] = lookup(lex.relative_year, g["yrel"])
    if g["m"]:
        fields["month"] = parse_number(g["m"])
    elif g["mrel"]:
        fields["month_offset"] = lookup(lex.relative_month, g["mrel"])
    if g["d"]:
        if not g["d"][0].isdigit() and not g["m"]:
            return None  # a kanji day needs its month: 一日 alone is "one day"
        fields["day"] = parse_number(g["d"])
    if g["wrel"]:
        fields["week_offset"] = lookup(lex.relative_week, g["wrel"])
    if g["wd"]:
        fields["weekday"] = lookup(lex.weekday, g["wd"])
    elif g["wds"]:
        fields["weekday"] = lookup(lex.weekday_short, g["wds"])
    elif g.get("wdn"):
        fields["weekday"] = "一二三四五六".find(g["wdn"]) + 1 or 7
    if g["pd"]:
        fields["day"] = parse_number(g["pd"])
    if g["rday"]:
        fields["day_offset"] = lookup(lex.relative_day, g["rday"])
    month, day = fields.get("month"), fields.get("day")
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if not fields or (
        set(fields) & {"year", "year_offset"} and "day" in fields and "month" not in fields
    ):
        return None
    direction = Direction.NONE
    if g["pre"]:
        direction = Direction.PAST if g["pre"] in lex.past_markers else Direction.FUTURE
    start = m.start() + len(m.group()) - len(m.group().lstrip())
    return Parsed(start, m.end(), direction=direction, **fields)


def _from_ago(m: re.Match[str]) -> Parsed:
    n = -parse_number(m.group("n"))
    unit = next(k for k, v in m.groupdict().items() if k.startswith("ago_") and v)
    if unit in ("ago_hour", "ago_minute"):
        n = 0  # "30分前": the reference day (a report written late at night aside)
    key = {
        "ago_day": "day_offset",
        "ago_week": "week_offset",
        "ago_month": "month_offset",
        "ago_hour": "day_offset",
        "ago_minute": "day_offset",
    }
    return Parsed(m.start(), m.end(), **{key.get(unit, "year_offset"): n})  # type: ignore[arg-type]


def parse_cjk(text: str, lang: str) -> list[Parsed]:
    """Every time expression in ``text`` (ja, ko or zh), unresolved, in text order."""
    rules = _rules(lang)
    found: list[Parsed] = [_from_ago(m) for m in rules.ago.finditer(text)]
    taken = [(p.start, p.end) for p in found]
    for m in rules.chain.finditer(text):
        if m.end() == m.start() or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        parsed = _from_chain(m, rules.lexicon)
        if parsed is not None:
            found.append(parsed)
    if rules.stop is not None:
        stops = [(m.start(), m.end()) for m in rules.stop.finditer(text)]
        found = [p for p in found if not any(s < p.end and p.start < e for s, e in stops)]
    return sorted(found, key=lambda p: p.start)


CJK_PARSERS: dict[str, Callable[[str, str], list[Parsed]]] = {
    "ja": parse_cjk,
    "ko": parse_cjk,
    "zh": parse_cjk,
}
