"""Record types of the time-expression resolver (see ``timex.py`` for the public API)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

ReferenceKind = Literal["published", "text"]
"""``published``: the article's publication date. ``text``: a date the text itself mentions,
taken as a lower bound of the (unknown) publication date; see ``timex_resolve``."""


class Direction(StrEnum):
    """Which way a bare day, weekday or month reaches from the reference."""

    NONE = "none"  # most recent on or before the reference (news reports past events)
    PAST = "past"  # explicit past marker: 去る, 지난, last, прошлый — strictly before
    FUTURE = "future"  # explicit future marker: 来る, 오는, next, следующий — strictly after
    FUTURE_CUE = "future_cue"  # future tense in the clause (予定, will): on or after


class Governed(StrEnum):
    """Why an expression is probably not the date of the sentence's event."""

    REPORTING = "reporting"  # "said Tuesday", "19日、…と伝えた": when it was said
    BOUND = "bound"  # "until June", "2024~2026년": an end point or a span
    # "since August last year", "2019年以来": the start of an ongoing activity, which dates a
    # claim of it when the sentence names no other time ("has shipped shells since August")
    SINCE = "since"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a sentence and resolved to a calendar date.

    ``date`` is ``YYYY-MM-DD`` for day and week precision, else ``YYYY-MM`` or ``YYYY``. For week
    precision ``date`` is the week's Thursday (its ISO midpoint, which also decides the ISO
    week's month and year), clamped to the reference for the current week, so a ±1-day or
    month-prefix comparison hits the middle of the week; ``week_start`` is the Monday.
    """

    start: int  # offsets into the given sentence
    end: int
    text: str
    date: str
    precision: str  # "day" | "week" | "month" | "year"
    rule: str  # stable name of the resolving rule, e.g. "ja.day_of_month"
    week_start: str | None = None
    governed: Governed | None = None
    # the day of a dateline opening the dispatch ("MOSCOW, Nov 17 (Sputnik) -"): when it was
    # filed, which dates the event only when the sentence names no finer time of its own
    dateline: bool = False


@dataclass(frozen=True, slots=True)
class Parsed:
    """A recognised but unresolved expression: which calendar fields the words fixed.

    Offsets (``*_offset``) are relative to the reference; absolute fields are calendar values.
    ``weekday`` is ISO (1 = Monday). The family of the rule follows from which fields are set.
    """

    start: int
    end: int
    year: int | None = None
    year_offset: int | None = None
    month: int | None = None
    month_offset: int | None = None
    day: int | None = None
    day_offset: int | None = None
    weekday: int | None = None
    week_offset: int | None = None
    direction: Direction = Direction.NONE

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)
