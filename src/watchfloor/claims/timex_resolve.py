"""Calendar arithmetic: turn a ``Parsed`` expression into a dated ``TimeExpression``.

Rules for a **published** reference R (the article's publication date): a news article reports
past events, so a bare day of month or weekday is the most recent one on or before R (R itself
counts: "said Tuesday" in a Tuesday article is that day); a bare month is the most recent such
month on or before R's month. Explicit markers move strictly into the past (去る, 지난, last) or
the future (来る, 오는, next); a future cue in the clause (予定, will) means "on or after R".

Rules for a **text** reference R (a dated mention in the text, used when the page has no
publication date): R is only a lower bound of the publication date P, which lies in
[R, R+6] (a story is written within days of the latest date it mentions). An event named by a
bare weekday lies within a week before P, hence in [R-6, R+6]; we take the occurrence nearest R
(offsets -3..+3), because a story's dated events cluster around its latest dated mention. A bare
day of month likewise resolves to its occurrence nearest R, at most 6 days after R.
"""

from __future__ import annotations

from datetime import date, timedelta

from watchfloor.claims.timex_types import Direction, Parsed, ReferenceKind, TimeExpression

TEXT_FORWARD_DAYS = 6  # publication is assumed within [R, R+6] for a text-derived reference
FUTURE_WEIGHT = 2.0  # a month-day without year: a future candidate counts as twice as far


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + k
    return total // 12, total % 12 + 1


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _pick(
    candidates: list[date], ref: date, direction: Direction, kind: ReferenceKind
) -> date | None:
    """Choose among candidate dates by direction and reference kind (see module docstring)."""
    if direction is Direction.PAST:
        past = [c for c in candidates if c < ref]
        return max(past) if past else None
    if direction is Direction.FUTURE:
        future = [c for c in candidates if c > ref]
        return min(future) if future else None
    if direction is Direction.FUTURE_CUE:
        future = [c for c in candidates if c >= ref]
        return min(future) if future else None
    if kind == "text":
        window = [c for c in candidates if c <= ref + timedelta(days=TEXT_FORWARD_DAYS)]
        return min(window, key=lambda c: (abs((c - ref).days), c)) if window else None
    past = [c for c in candidates if c <= ref]
    return max(past) if past else None


def _day_of_month(day: int, ref: date, direction: Direction, kind: ReferenceKind) -> date | None:
    candidates = []
    for k in range(-3, 3):
        y, m = _add_months(ref.year, ref.month, k)
        found = _valid(y, m, day)
        if found is not None:
            candidates.append(found)
    return _pick(candidates, ref, direction, kind)


def _weekday(weekday: int, ref: date, direction: Direction, kind: ReferenceKind) -> date:
    ahead = (weekday - ref.isoweekday()) % 7  # 0..6 days forward to that weekday
    if direction is Direction.PAST:
        return ref - timedelta(days=(7 - ahead) if ahead else 7)
    if direction is Direction.FUTURE:
        return ref + timedelta(days=ahead or 7)
    if direction is Direction.FUTURE_CUE:
        return ref + timedelta(days=ahead)
    if kind == "text":
        return ref + timedelta(days=ahead if ahead <= 3 else ahead - 7)
    return ref - timedelta(days=(7 - ahead) % 7)


def _month(month: int, ref: date, direction: Direction) -> tuple[int, int]:
    if direction is Direction.PAST:
        return (ref.year if month < ref.month else ref.year - 1), month
    if direction is Direction.FUTURE:
        return (ref.year if month > ref.month else ref.year + 1), month
    if direction is Direction.FUTURE_CUE:
        return (ref.year if month >= ref.month else ref.year + 1), month
    return (ref.year if month <= ref.month else ref.year - 1), month


def _month_day(month: int, day: int, ref: date, direction: Direction) -> date | None:
    """A month and day without a year: the nearest such date, leaning to the past."""
    candidates = [d for y in range(ref.year - 4, ref.year + 2) if (d := _valid(y, month, day))]
    if direction is not Direction.NONE:
        return _pick(candidates, ref, direction, "published")

    def cost(c: date) -> float:
        gap = (c - ref).days
        return gap * FUTURE_WEIGHT if gap > 0 else -gap

    return min(candidates, key=cost) if candidates else None


def _monday(d: date) -> date:
    return d - timedelta(days=d.isoweekday() - 1)


def _day_expr(p: Parsed, text: str, d: date, rule: str) -> TimeExpression:
    return TimeExpression(p.start, p.end, text, d.isoformat(), "day", rule)


def _month_expr(p: Parsed, text: str, y: int, m: int, rule: str) -> TimeExpression:
    return TimeExpression(p.start, p.end, text, f"{y:04d}-{m:02d}", "month", rule)


def resolve_parsed(
    p: Parsed,
    text: str,
    lang: str,
    reference: date | None,
    kind: ReferenceKind,
    direction: Direction,
) -> TimeExpression | None:
    """Resolve one parsed expression; None when it needs a reference and has none, or is not a
    real calendar date (31 June)."""
    r = f"{lang}."
    # Absolute: a year is written out.
    if p.year is not None:
        if p.month is None:
            return TimeExpression(p.start, p.end, text, f"{p.year:04d}", "year", r + "year")
        if p.day is None:
            return _month_expr(p, text, p.year, p.month, r + "year_month")
        found = _valid(p.year, p.month, p.day)
        return _day_expr(p, text, found, r + "absolute_date") if found else None
    if reference is None:
        return None
    ref = reference
    if p.day_offset is not None:
        return _day_expr(p, text, ref + timedelta(days=p.day_offset), r + "relative_day")
    if p.year_offset is not None:
        year = ref.year + p.year_offset
        if p.month is None:
            return TimeExpression(p.start, p.end, text, f"{year:04d}", "year", r + "relative_year")
        if p.day is None:
            return _month_expr(p, text, year, p.month, r + "relative_year_month")
        found = _valid(year, p.month, p.day)
        return _day_expr(p, text, found, r + "relative_year_date") if found else None
    if p.month_offset is not None:
        y, m = _add_months(ref.year, ref.month, p.month_offset)
        if p.day is None:
            return _month_expr(p, text, y, m, r + "relative_month")
        found = _valid(y, m, p.day)
        return _day_expr(p, text, found, r + "relative_month_day") if found else None
    if p.week_offset is not None:
        monday = _monday(ref) + timedelta(days=7 * p.week_offset)
        if p.weekday is not None:
            day = monday + timedelta(days=p.weekday - 1)
            return _day_expr(p, text, day, r + "relative_week_weekday")
        mid = monday + timedelta(days=3)
        if p.week_offset == 0 and direction is Direction.NONE:
            mid = min(mid, ref)  # "this week" in a report: the part of the week already past
        return TimeExpression(
            p.start, p.end, text, mid.isoformat(), "week", r + "relative_week", monday.isoformat()
        )
    if p.month is not None:
        if p.day is None:
            y, m = _month(p.month, ref, direction)
            return _month_expr(p, text, y, m, r + "month")
        found = _month_day(p.month, p.day, ref, direction)
        return _day_expr(p, text, found, r + "month_day") if found else None
    if p.day is not None:
        found = _day_of_month(p.day, ref, direction, kind)
        if found is not None and p.weekday is not None and found.isoweekday() != p.weekday:
            # 18日(火): the written weekday picks the month when the default one disagrees.
            alt = [
                d
                for k in range(-3, 3)
                if (d := _valid(*_add_months(ref.year, ref.month, k), p.day))
                and d.isoweekday() == p.weekday
            ]
            default = found
            if alt:
                found = min(alt, key=lambda d: abs((d - default).days))
        return _day_expr(p, text, found, r + "day_of_month") if found else None
    if p.weekday is not None:
        return _day_expr(p, text, _weekday(p.weekday, ref, direction, kind), r + "weekday")
    return None
