"""Find and resolve time expressions in a sentence against a reference date (public API).

Languages: ja, ko, zh (own chained patterns, ``timex_cjk``), en, ru (``timex_alpha``); any other
language gets the numeric ISO rule only. Vocabularies are data (``data/lexicons/time``).
Calendar rules (past-leaning for a publication date, nearest for a text-derived date) are in
``timex_resolve``; week precision dates the week's Thursday (see ``TimeExpression``).

Choosing the event's date in a sentence (``resolve_event_date``), in order:
1. expressions not governed by a reporting verb or a since/until adverbial come first
   ("said Tuesday that Kim met Kozlov on Monday" → Monday; "2019年以来" is a bound, not an event);
2. then finer precision (day < week < month < year);
3. then any expression before a wire dateline's day ("MOSCOW, Nov 17 (Sputnik) -"), which
   dates the event only when nothing else of its precision does; the dateline is also the
   reference of the sentence's weekdays and "yesterday";
4. then nearness to the event trigger when the caller gives its span;
5. then position: in ja/ko/zh the later one (the reported clause comes before the verb of
   saying, and the reporting date opens the sentence: "KCNAは19日、…18日に会談したと伝えた"),
   in en/ru the earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache

from watchfloor.claims.timex_alpha import ALPHA_PARSERS
from watchfloor.claims.timex_cjk import CJK_PARSERS
from watchfloor.claims.timex_lexicon import TIME_LANGS, TimeLexicon, alternation, load_time_lexicon
from watchfloor.claims.timex_resolve import resolve_parsed
from watchfloor.claims.timex_types import (
    Direction,
    Governed,
    Parsed,
    ReferenceKind,
    TimeExpression,
)

__all__ = [
    "DAY_OF_MONTH_RULE",
    "Governed",
    "ReferenceKind",
    "TimeExpression",
    "day_of_month",
    "find_time_expressions",
    "needs_reference",
    "reference_from_text",
    "resolve_by_reports",
    "resolve_event_date",
]

_CJK = frozenset({"ja", "ko", "zh"})
# rules of expressions that need no reference (a year is written), and a stand-in reference
# to rank the others against when a page has none (``resolve_event_date``)
_ABSOLUTE_RULES = (".year", ".year_month", ".absolute_date")
_PROBE_REFERENCE = date(2000, 7, 1)
_PARSERS: dict[str, Callable[[str, str], list[Parsed]]] = {**CJK_PARSERS, **ALPHA_PARSERS}
_NUMERIC = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s?([-/.])\s?([01]?\d)\s?\2\s?([0-3]?\d)(?![\d])")
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_GOVERNED_RANK = {None: 0, Governed.REPORTING: 1, Governed.SINCE: 2, Governed.BOUND: 2}
_CLAUSE_BREAK = re.compile(r"[,;:，；：。!?！？]|\b(?:and|but|while|whereas|и|а|но)\b")
_CJK_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?]")
# a clause break between a verb and a later time (the Japanese comma 、 too: …出発し、12日…)
_CJK_NEXT_CLAUSE = re.compile(r"[，,、；;。！？!?]")
_LEAD_IN = re.compile(
    r"(?:\s+(?:in|at)\s+an?\s+(?:\w+\s+)?(?:statement|interview|briefing|report|post))?"
    r"(?:\s+(?:on|early|late|last|this|next|в|во|на|прошлый|прошлую))*\s*$",
    re.IGNORECASE,
)
# a verb ending its clause right at a trigger's end (its last character on), then a break
_FINITE_BEFORE_BREAK = {
    "ja": re.compile(r"[たでし](?:た|て)?(?:上で|後|あと)?[、，,]"),
    "ko": re.compile(r"(?:했|났|됐|았|었)?(?:고|으며|며|는데)\s*[,，]"),
}
_CJK_TOPIC = re.compile(r"(?:は|은|는|[、，,])\s*$")
# A dateline opening a dispatch: "UNITED NATIONS, May 26 (Reuters) -", "MOSCOW, Sept. 13
# (Xinhua) --", "МОСКВА, 13 сентября. /ТАСС/.", "莫斯科11月17日电", "联合国,5月26日(路透社)——",
# "[国連 28日 ロイター] -". Its day is when the dispatch was filed: the reference its weekdays and
# "yesterday" are read against, and the event's date only when nothing finer dates it.
_DATELINE_PLACE = re.compile(r"^\s*(?:[A-ZА-ЯЁ][\w.'’-]*[\s,]+){1,4}$")
_DATELINE_PLACE_CJK = re.compile(r"^\s*[^\s,，、。「」『』“”\d]{1,12}[,，]?\s*$")
_DATELINE_CREDIT = r"(?:\s*[(（][^()（）]{1,30}[)）])?\s*"
_DATELINE_AFTER = re.compile(_DATELINE_CREDIT + r"\.?\s*(?:-{1,2}\s|[–—―]{1,2}|/[^/\s]{1,20}/)")
_DATELINE_AFTER_CJK = re.compile(_DATELINE_CREDIT + r"(?:[-–—―]{1,2}|[电電])")
_DATELINE_BRACKET_BEFORE = re.compile(r"^\s*[\[［【][^\]］】]{0,15}$")
_DATELINE_BRACKET_AFTER = re.compile(r"^[^\[\]［］【】]{0,15}[\]］】]")
_YEAR_SPAN_BEFORE = re.compile(r"(?<!\d)\d{4}\s*[~〜～\-–—]\s*$")
_YEAR_SPAN_AFTER = re.compile(r"\s*[~〜～\-–—]\s*\d{4}(?!\d)")


@dataclass(frozen=True, slots=True)
class _Cues:
    reporting: re.Pattern[str]
    future: re.Pattern[str]
    bound_after: re.Pattern[str] | None
    bound_before: re.Pattern[str] | None
    quotative: re.Pattern[str] | None
    start_after: re.Pattern[str] | None = None
    start_before: re.Pattern[str] | None = None


@cache
def _cues(lang: str) -> _Cues:
    lex: TimeLexicon = load_time_lexicon(lang)
    space = r"\s*" if lang in _CJK else r"\s+"
    edge = "" if lang in _CJK else r"\b"
    flags = re.IGNORECASE

    def words(items: Sequence[str]) -> str:
        return rf"{edge}(?:{alternation(items, space=space)}){edge}"

    return _Cues(
        reporting=re.compile(words(lex.reporting), flags),
        future=re.compile(words(lex.future_cues), flags),
        bound_after=re.compile(r"\s*(?:" + words(lex.bound_after) + ")", flags)
        if lex.bound_after
        else None,
        bound_before=re.compile("(?:" + words(lex.bound_before) + r")\s*$", flags)
        if lex.bound_before
        else None,
        quotative=re.compile("|".join(lex.quotative)) if lex.quotative else None,
        start_after=re.compile(r"\s*(?:" + words(starts_after) + ")", flags)
        if (starts_after := [w for w in lex.bound_after if w in lex.start_bounds])
        else None,
        start_before=re.compile("(?:" + words(starts_before) + r")\s*$", flags)
        if (starts_before := [w for w in lex.bound_before if w in lex.start_bounds])
        else None,
    )


def _parse(text: str, lang: str) -> list[Parsed]:
    """Language rules first; numeric dates (2024-11-19, 2024.11.19, 2024. 11. 19.) fill gaps."""
    parser = _PARSERS.get(lang)
    out = parser(text, lang) if parser is not None else []
    numeric = []
    for m in _NUMERIC.finditer(text):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        overlaps = any(p.start < m.end() and m.start() < p.end for p in out)
        if 1 <= month <= 12 and 1 <= day <= 31 and not overlaps:
            numeric.append(Parsed(m.start(), m.end(), year=year, month=month, day=day))
    return sorted(out + numeric, key=lambda p: p.start) if numeric else out


def _reporting_near(text: str, p: Parsed, lang: str, cues: _Cues) -> bool:
    """Is ``p`` directly governed by a verb of saying ("said Tuesday", "19日に伝えた")?"""
    if lang in _CJK:
        after = re.sub(r"^[\s、，,にはの]{0,3}", "", text[p.end : p.end + 12])
        if cues.reporting.match(after) is not None:
            return True
        # "…체결했다고 16일 조선중앙통신이 보도했다", "…調印したと16日、朝鮮中央通信が報じた":
        # a day right after the quotative belongs to the verb of saying that closes the clause
        quotative = cues.quotative
        return (
            quotative is not None
            and quotative.search(text[max(0, p.start - 4) : p.start]) is not None
            and cues.reporting.search(text[p.end : p.end + 30]) is not None
        )
    before = _CLAUSE_BREAK.split(text[max(0, p.start - 60) : p.start])[-1]
    before = _LEAD_IN.sub("", before)  # "said on", "заявил во", "said in a statement on"
    before_words = " ".join(before.split()[-2:])
    after = _CLAUSE_BREAK.split(text[p.end : p.end + 30])[0]
    after_words = " ".join(after.split()[:2])
    return bool(cues.reporting.search(before_words) or cues.reporting.search(after_words))


def _is_dateline(text: str, p: Parsed, lang: str) -> bool:
    """Whether ``p`` is the day of a dateline opening the sentence (see ``_DATELINE_PLACE``)."""
    if p.day is None or p.weekday is not None or p.day_offset is not None:
        return False
    # a dateline opens its line (a sentence may run on from a caption line above it)
    before, after = text[text.rfind("\n", 0, p.start) + 1 : p.start], text[p.end :]
    if _DATELINE_BRACKET_BEFORE.match(before) and _DATELINE_BRACKET_AFTER.match(after):
        return True
    if p.month is None:
        return False
    if lang in _CJK:
        place = _DATELINE_PLACE_CJK.match(before) or not before.strip()
        return bool(place) and _DATELINE_AFTER_CJK.match(after) is not None
    return _DATELINE_PLACE.match(before) is not None and _DATELINE_AFTER.match(after) is not None


def _governance(text: str, lang: str, parsed: list[Parsed]) -> list[Governed | None]:
    """Mark expressions that are when something was said, or a since/until bound."""
    if lang not in TIME_LANGS:
        return [None] * len(parsed)
    cues = _cues(lang)
    out: list[Governed | None] = []
    for p in parsed:
        before20 = text[max(0, p.start - 20) : p.start]
        if _is_dateline(text, p, lang):
            out.append(None)
        elif (cues.start_after and cues.start_after.match(text, p.end)) or (
            cues.start_before and cues.start_before.search(before20)
        ):
            out.append(Governed.SINCE)
        elif (
            (cues.bound_after and cues.bound_after.match(text, p.end))
            or (cues.bound_before and cues.bound_before.search(before20))
            # a span of years ("2024~2026년 교류계획서", "the 2024-2026 plan") is a period
            or _YEAR_SPAN_BEFORE.search(text[max(0, p.start - 8) : p.start])
            or _YEAR_SPAN_AFTER.match(text, p.end)
        ):
            out.append(Governed.BOUND)
        elif _reporting_near(text, p, lang, cues):
            out.append(Governed.REPORTING)
        else:
            out.append(None)
    if Governed.REPORTING in out:
        return out
    # Else the sentence's first expression as a topic-time adverbial before a verb of saying:
    # "KCNAは19日、…18日に…と伝えた", "On Tuesday, KCNA said Kim met him on Monday".
    fine = [
        p
        for p, gov in zip(parsed, out, strict=True)
        if gov is None and (p.year is None or p.day is not None) and not _is_dateline(text, p, lang)
    ]
    if len(fine) < 2:
        return out
    p = fine[0]
    topic = re.match(r"\s*[、，,]", text[p.end :]) or (
        lang in _CJK and _CJK_TOPIC.search(text[max(0, p.start - 3) : p.start])
    )
    if topic and cues.reporting.search(text, p.end) is not None:
        out[parsed.index(p)] = Governed.REPORTING
    return out


def _future_cue(text: str, p: Parsed, lang: str) -> bool:
    """Is the clause of ``p`` in the future ("will visit on Wednesday", "25日に訪問する予定")?"""
    cues = _cues(lang)
    if lang in _CJK:
        rest = text[p.end :]
        rest = re.sub(r"^\s*[、，,]", "", rest)
        clause = _CJK_CLAUSE_BREAK.split(rest, maxsplit=1)[0]
        said = cues.reporting.search(clause)
        if said:
            clause = clause[: said.start()]
        return cues.future.search(clause) is not None
    before = _CLAUSE_BREAK.split(text[max(0, p.start - 80) : p.start])[-1]
    if cues.future.search(before):
        return True
    if re.match(r"\s*,", text[p.end :]) and p.start < 3:  # "On Wednesday, Putin will visit"
        after = _CLAUSE_BREAK.split(text[p.end :].lstrip(" ,"), maxsplit=1)[0]
        return cues.future.search(after) is not None
    return False


def _scan(text: str, lang: str) -> list[tuple[Parsed, Governed | None, Direction]]:
    parsed = _parse(text, lang)
    governed = _governance(text, lang, parsed)
    out = []
    for p, gov in zip(parsed, governed, strict=True):
        direction = p.direction
        relative = p.year is None and p.year_offset is None and p.month_offset is None
        if (
            direction is Direction.NONE
            and relative
            and p.week_offset is None
            and p.day_offset is None
            and gov is not Governed.REPORTING
            and lang in TIME_LANGS
            and _future_cue(text, p, lang)
        ):
            direction = Direction.FUTURE_CUE
        out.append((p, gov, direction))
    return out


def find_time_expressions(
    text: str,
    lang: str,
    reference: date | None,
    reference_kind: ReferenceKind = "published",
) -> list[TimeExpression]:
    """Every time expression in ``text`` resolved against ``reference``, in text order.

    Without a reference only absolute expressions (a written year) resolve; the others are
    left out. ``reference_kind`` says whether the reference is the publication date or a date
    taken from the text (``reference_from_text``), which changes how bare days resolve.
    """
    if isinstance(reference, datetime):
        reference = reference.date()  # a datetime would leak its time into the ISO dates
    scanned = _scan(text, lang)
    dateline = next((p for p, _gov, _dir in scanned if _is_dateline(text, p, lang)), None)
    if dateline is not None:
        span = text[dateline.start : dateline.end]
        filed = resolve_parsed(dateline, span, lang, reference, reference_kind, Direction.NONE)
        if filed is not None and filed.precision == "day":
            # the dispatch's own day: "May 26 (Reuters) - … on Thursday" is that Thursday
            reference, reference_kind = date.fromisoformat(filed.date), "published"
    found = []
    for p, gov, direction in scanned:
        expr = resolve_parsed(p, text[p.start : p.end], lang, reference, reference_kind, direction)
        if expr is None:
            continue
        if p is dateline:
            expr = replace(expr, dateline=True)
        found.append(expr if gov is None else _with_governed(expr, gov))
    return found


def _with_governed(expr: TimeExpression, gov: Governed) -> TimeExpression:
    return replace(expr, governed=gov)


def resolve_event_date(
    text: str,
    lang: str,
    reference: date | None,
    reference_kind: ReferenceKind = "published",
    trigger: tuple[int, int] | None = None,
    rules: tuple[str, ...] | None = None,
) -> TimeExpression | None:
    """The expression that best dates the event of this sentence (see the module docstring);
    ``trigger`` is the event predicate's span when the caller knows it; ``rules``, when given,
    the rule suffixes an expression must have to count. None: no dated time, or (without a
    reference) the best expression needs one: beside "4月30日", the "2009年" of "2009年の設立後"
    is not the event's date, it is only the one left readable."""
    if reference is None:
        probe = resolve_event_date(text, lang, _PROBE_REFERENCE, "published", trigger, rules)
        if probe is not None and not probe.rule.endswith(_ABSOLUTE_RULES):
            return None
    found = find_time_expressions(text, lang, reference, reference_kind)
    if rules is not None:
        found = [e for e in found if e.rule.endswith(rules)]
    if not found:
        return None
    later_first = lang in _CJK
    if trigger is not None and lang in _FINITE_BEFORE_BREAK:
        # 「…と会った上で、6月に結んだ条約」: after a verb that ends its clause, a time past the
        # break is another predicate's (a noun trigger, 「会談は、13日に行われた」, keeps it)
        verb_end = _FINITE_BEFORE_BREAK[lang].match(text, trigger[1] - 1)
        if verb_end:
            found = [e for e in found if e.start < verb_end.end()]
            if not found:
                return None

    def key(e: TimeExpression) -> tuple[int, int, bool, bool, int, int]:
        distance = 0
        next_clause = False
        if trigger is not None:
            distance = max(trigger[0] - e.end, e.start - trigger[1], 0)
            # CJK times come before their verb: after the trigger and a clause break, a time
            # dates the next clause (10日…出発し、12日…到着: the departure is the 10th), unless
            # it is a bracketed note on the noun before it (対面、会談(13日)を行った)
            next_clause = (
                later_first
                and e.start >= trigger[1]
                and _CJK_NEXT_CLAUSE.search(text, trigger[1], e.start) is not None
                and text[max(0, e.start - 1) : e.start] not in ("(", "（")
            )
        return (
            _GOVERNED_RANK[e.governed],
            _PRECISION_RANK[e.precision],
            e.dateline,
            next_clause,
            distance,
            -e.start if later_first else e.start,
        )

    return min(found, key=key)


def reference_from_text(texts: Sequence[str], lang: str) -> date | None:
    """A fallback reference when the page has no publication date: the latest fully dated
    (day-precision, year written) mention in ``texts``, e.g. a caption's "Tuesday, June 18,
    2024"; dates in a future-tense clause (a scheduled event) and since/until bounds are
    ignored. None: none found."""
    best: date | None = None
    for text in texts:
        for p, gov, direction in _scan(text, lang):
            if p.year is None or p.month is None or p.day is None:
                continue
            if gov in (Governed.BOUND, Governed.SINCE):
                continue  # "extended until 30 April 2025": a term's end, often to come
            if direction is Direction.FUTURE_CUE or (
                lang in TIME_LANGS and _future_cue(text, p, lang)
            ):
                continue
            try:
                found = date(p.year, p.month, p.day)
            except ValueError:
                continue
            best = found if best is None or found > best else best
    return best


def needs_reference(rule: str) -> bool:
    """Whether an expression of this rule was read against a reference day (a weekday, "23日",
    "yesterday"), not written out with its year."""
    return not rule.endswith(_ABSOLUTE_RULES)


# the rule of a day of the month alone ("23日", "on the 18th"): its month is the reference's
DAY_OF_MONTH_RULE = ".day_of_month"
# rules of expressions that write calendar fields but leave the year (or year and month) to the
# reference: "23日", "4月30日", "March": read against a report day they keep their meaning,
# unlike "yesterday" or "Friday", whose anchor is the unknown publication day itself
_CALENDAR_RULES = (DAY_OF_MONTH_RULE, ".month_day", ".month")
# a reference for reading only the day of the month: every day 1-31 falls in its month
_ANY_DAY = date(2001, 1, 31)


def day_of_month(text: str, lang: str) -> int | None:
    """The day of the month a sentence dates its event to by the calendar ("14日", "Nov. 14"),
    whatever month and year it falls in; None when it names no such day."""
    expr = resolve_event_date(text, lang, _ANY_DAY, "published", rules=_CALENDAR_RULES)
    if expr is None or expr.governed is not None or expr.precision != "day":
        return None
    return int(expr.date[8:10])


def resolve_by_reports(
    text: str,
    lang: str,
    report_days: Sequence[date],
    *,
    lag_days: int = 10,
    after_days: int = 31,
) -> TimeExpression | None:
    """Date a sentence of a page that carries no date of its own from the days other reports
    of its story were published.

    The sentence's event expression (``resolve_event_date``) is read with each report day as
    the publication date, and with a day ``after_days`` past the last (the page may be a later
    report); only calendar expressions count (a day of the month, a month and day, a month),
    so in "met on Monday (Nov 18)" the weekday gives way to the day it names.
    The reading most reports were published on or within ``lag_days`` after wins; then the one
    nearest the days of the reports; then the later. A reading no report follows counts only
    within ``after_days`` of the reports. None when the sentence has no such expression, it
    dates the report rather than the event, or no reading is near the story.
    """
    if not report_days:
        return None
    first, last = min(report_days), max(report_days)
    readings: dict[str, TimeExpression] = {}
    for day in sorted({*report_days, last + timedelta(days=after_days)}):
        expr = resolve_event_date(text, lang, day, "published", rules=_CALENDAR_RULES)
        if expr is None or expr.governed is not None:
            continue
        readings.setdefault(expr.date, expr)
    best: tuple[int, int, str, TimeExpression] | None = None
    for iso, expr in readings.items():
        start = date.fromisoformat(iso if len(iso) == 10 else iso + "-01")
        end = start if len(iso) == 10 else _month_end(start)
        support = sum(1 for d in report_days if start <= d <= end + timedelta(days=lag_days))
        distance = max((first - end).days, (start - last).days, 0)
        if not support and distance > after_days:
            continue  # no report near it: a reading of some other year ("by December")
        key = (support, -distance, iso)
        if best is None or key > best[:3]:
            best = (*key, expr)
    return None if best is None else best[3]


def _month_end(first: date) -> date:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - timedelta(days=1)
