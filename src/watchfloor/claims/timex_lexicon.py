"""Time vocabularies per language, kept as data in ``data/lexicons/time/{lang}.toml``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

TIME_LANGS: frozenset[str] = frozenset({"ja", "ko", "zh", "en", "ru"})


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """The words of one language that name days, weeks, months, years and their markers."""

    lang: str
    relative_day: Mapping[str, int]
    anaphoric_day: Mapping[str, int]  # "the previous day": from the story's last stated day
    relative_week: Mapping[str, int]
    relative_month: Mapping[str, int]
    relative_year: Mapping[str, int]
    weekday: Mapping[str, int]
    weekday_short: Mapping[str, int]
    month: Mapping[str, int]
    era: Mapping[str, int]
    year_modifier: Mapping[str, int]
    numbers: Mapping[str, int]
    units: Mapping[str, tuple[str, ...]]  # year/month/day suffixes (CJK)
    units_ago: Mapping[str, tuple[str, ...]]  # day/week/month/year words before "ago"
    month_context: tuple[str, ...]
    past_markers: tuple[str, ...]
    future_markers: tuple[str, ...]
    future_cues: tuple[str, ...]
    reporting: tuple[str, ...]
    bound_after: tuple[str, ...]
    bound_before: tuple[str, ...]
    quotative: tuple[str, ...]  # regexes: the end of a reported clause before a day
    # the bound words that open an ongoing period ("since", 以来): the others end one
    start_bounds: tuple[str, ...] = ()


def _ints(raw: object) -> dict[str, int]:
    return {str(k): int(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def _strs(raw: object) -> tuple[str, ...]:
    return tuple(str(v) for v in raw) if isinstance(raw, list) else ()


def _lists(raw: object) -> dict[str, tuple[str, ...]]:
    return {str(k): _strs(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


@cache
def load_time_lexicon(lang: str) -> TimeLexicon:
    """Load (once per process) the time vocabulary of ``lang``; KeyError if there is none."""
    if lang not in TIME_LANGS:
        raise KeyError(f"no time lexicon for language {lang!r}")
    path = resources.files("watchfloor") / "data" / "lexicons" / "time" / f"{lang}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    markers = data.get("markers", {})
    cues = data.get("cues", {})
    return TimeLexicon(
        lang=lang,
        relative_day=_ints(data.get("relative_day")),
        anaphoric_day=_ints(data.get("anaphoric_day")),
        relative_week=_ints(data.get("relative_week")),
        relative_month=_ints(data.get("relative_month")),
        relative_year=_ints(data.get("relative_year")),
        weekday=_ints(data.get("weekday")),
        weekday_short=_ints(data.get("weekday_short")),
        month=_ints(data.get("month")),
        era=_ints(data.get("era")),
        year_modifier=_ints(data.get("year_modifier")),
        numbers=_ints(data.get("numbers")),
        units=_lists(data.get("units")),
        units_ago=_lists(data.get("units_ago")),
        month_context=_strs(data.get("context", {}).get("month")),
        past_markers=_strs(markers.get("past")),
        future_markers=_strs(markers.get("future")),
        future_cues=_strs(cues.get("future")),
        reporting=_strs(cues.get("reporting")),
        bound_after=_strs(cues.get("bound_after")),
        bound_before=_strs(cues.get("bound_before")),
        quotative=_strs(cues.get("quotative")),
        start_bounds=_strs(cues.get("start_bounds")),
    )


def alternation(words: Iterable[str], *, space: str = r"\s+") -> str:
    """A regex alternation of ``words``, longest first; a space in a word matches ``space``."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return r"(?!x)x"  # matches nothing
    return "|".join(space.join(re.escape(part) for part in w.split(" ")) for w in unique)


def lookup(table: Mapping[str, int], found: str, *, fold: bool = False) -> int:
    """The value of the lexicon word ``found`` matched (ignoring spacing, optionally case)."""
    key = re.sub(r"\s+", "", found)
    for word, value in table.items():
        w = word.replace(" ", "")
        if w == key or (fold and w.casefold() == key.casefold()):
            return value
    raise KeyError(found)


@cache
def _anaphoric_pattern(lang: str) -> re.Pattern[str] | None:
    lex = load_time_lexicon(lang)
    if not lex.anaphoric_day:
        return None
    body = alternation(lex.anaphoric_day, space=r"\s*")
    if lang in {"en", "ru"}:
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return re.compile(body)


def anaphoric_day_offset(text: str, lang: str) -> int | None:
    """Days from the story's last stated day that ``text`` sets itself at ("the next day"
    = +1, 前日 = -1), or None when it names no such day."""
    if lang not in TIME_LANGS:
        return None
    pattern = _anaphoric_pattern(lang)
    found = pattern.search(text) if pattern is not None else None
    if found is None:
        return None
    return lookup(load_time_lexicon(lang).anaphoric_day, found.group(), fold=True)
