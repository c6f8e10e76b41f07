"""Deterministic wording shared by leads, briefings, alerts and the timeline (no LLM)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from watchfloor.records import Event, Status

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})

# Strongest first: the status a group of events is summarised by.
STATUS_ORDER: tuple[Status, ...] = (
    Status.CONFIRMED,
    Status.ASSERTED,
    Status.ALLEGED,
    Status.DENIED,
    Status.PLANNED,
    Status.HYPOTHETICAL,
)


def join_names(names: Sequence[str], limit: int = 3) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 others"."""
    names = list(dict.fromkeys(n for n in names if n))
    if not names:
        return "an unnamed party"
    if len(names) > limit:
        rest = len(names) - limit
        return ", ".join(names[:limit]) + f" and {rest} other{'s' if rest > 1 else ''}"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def participants(event: Event) -> str:
    """Who did it to whom: "North Korea → Russia"; symmetric types pool both sides."""
    if event.type in SYMMETRIC_TYPES:
        return join_names([*event.actors, *event.recipients])
    if event.recipients:
        return f"{join_names(event.actors)} → {join_names(event.recipients)}"
    return join_names(event.actors)


def action(event: Event) -> str:
    """The PLOVER type with its mode: "AID/military personnel"."""
    return f"{event.type}/{event.mode}" if event.mode else event.type


def format_date(date: str | None, precision: str | None = None) -> str:
    if not date:
        return "undated"
    if precision == "week":
        return f"week of {date}"
    return date


def describe_event(event: Event) -> str:
    """One line naming an event: participants, action and date (never a publication date
    passed off as the event's: an undated event says when it was first reported)."""
    when = format_date(event.date, event.date_precision)
    if not event.date and event.first_reported is not None:
        when = f"date not stated, first reported {event.first_reported.date().isoformat()}"
    return f"{participants(event)}: {action(event)}, {when}"


def strongest_status(statuses: Iterable[Status]) -> Status:
    seen = set(statuses)
    for status in STATUS_ORDER:
        if status in seen:
            return status
    return Status.ASSERTED


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
