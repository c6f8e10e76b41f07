"""Publication datetime from page text or metadata strings, with the publisher's timezone.

Handles ja/ko/zh (``2024年11月19日 19時05分``, ``입력 2024.11.19. 오후 7:05``), numeric
(``(2024/11/19-19:05)``, ``2024-11-19 19:05``, ``13.09.2023``), English (``Nov. 19, 2024``) and
Russian (``19 ноября 2024``) forms with an own resolver: dateparser misreads 18日 / 19일.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from watchfloor.extract.lexicon import load_data

Precision = Literal["day", "minute"]

# Default timezone per publisher country; the configuration's [timezones] table overrides it.
DEFAULT_TZ_BY_COUNTRY: Mapping[str, str] = {
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "kp": "Asia/Pyongyang",
    "cn": "Asia/Shanghai",
    "tw": "Asia/Taipei",
    "hk": "Asia/Hong_Kong",
    "ru": "Europe/Moscow",
    "ua": "Europe/Kyiv",
    "us": "America/New_York",
    "gb": "Europe/London",
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "in": "Asia/Kolkata",
    "vn": "Asia/Ho_Chi_Minh",
}
# Publisher country implied by the page language alone: ja and ko pages are overwhelmingly
# published in one country; ru pages mostly on Moscow time; zh pages in cn/tw/hk, all UTC+8.
LANGUAGE_HOME: Mapping[str, str] = {"ja": "jp", "ko": "kr", "ru": "ru", "zh": "cn"}
# Two-letter top-level domains used as generic ones, which say nothing about the publisher.
_GENERIC_CC = frozenset({"tv", "io", "me", "co", "ai", "fm", "ws", "cc", "to", "ly", "gg", "app"})
_EXPLICIT_TZ = {"z": 0, "gmt": 0, "utc": 0, "kst": 9, "jst": 9, "msk": 3, "ist": 5.5}


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication datetime (tz-aware), how precise it is, where it was found, and its zone."""

    value: datetime
    precision: Precision
    source: str  # "text-credit" | "text-meta" | "text-lead" | "string"
    timezone: str  # IANA name, a UTC offset found in the text, or "UTC (assumed)"


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A calendar date (and maybe time) found in a line, with its character span."""

    start: int
    end: int
    day: date
    hour: int | None
    minute: int | None
    offset_hours: float | None  # explicit zone in the text (Z, GMT, +09:00, KST)


_TIME = (
    r"(?:\s*(?:[-T,|]|\s)\s*(?:[（(][^)）\d]{1,3}[)）]\s*)?"
    r"(?P<ap1>오전|오후|午前|午後|AM|PM|am|pm)?\s*[(（]?(?P<H>\d{1,2})\s*(?::|時|시|h)\s*(?P<M>\d{1,2})"
    r"\s*(?:分|분)?(?:\s*:\s*\d{2}(?:\.\d+)?)?[)）]?"
    r"(?:\s*(?P<ap2>AM|PM|am|pm|a\.m\.|p\.m\.))?"
    r"(?:\s*(?P<tz>Z|GMT|UTC|KST|JST|MSK|[+-]\d{2}:?\d{2}))?)?"
)
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<y>(?:19|20)\d{2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)\.?"
    + _TIME
)
_CJK = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"(?:\s*[（(][^)）\d]{1,3}[)）])?"
    r"(?:\s*(?P<ap1>午前|午後|오전|오후)?\s*(?P<H>\d{1,2})\s*[時시:：]\s*(?:(?P<M>\d{1,2})\s*[分분]?)?)?"
)
_DMY_DOTS = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?!\d)" + _TIME
)
_SLASHED = re.compile(
    r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)" + _TIME
)
_BEFORE_TIME = r"(?:(?P<H0>\d{1,2}):(?P<M0>\d{2})\s*,?\s*)?"
# Every date form above needs a four-digit year: lines without one (most) skip them all.
_YEAR = re.compile(r"(?:19|20)\d{2}")


@lru_cache(maxsize=1)
def _month_tables() -> tuple[dict[str, int], dict[str, int]]:
    months = load_data("dates")["months"]
    assert isinstance(months, dict)
    return dict(months["en"]), dict(months["ru"])


@lru_cache(maxsize=1)
def _worded_patterns() -> tuple[re.Pattern[str], ...]:
    en, ru = _month_tables()
    en_alt = "|".join(sorted(en, key=len, reverse=True))
    ru_alt = "|".join(sorted(ru, key=len, reverse=True))
    ordinal = r"(?:st|nd|rd|th)?"
    return (
        re.compile(
            _BEFORE_TIME
            + rf"\b(?P<mon>{en_alt})\.?\s+(?P<d>\d{{1,2}}){ordinal},?\s+(?P<y>(?:19|20)\d{{2}})\b"
            + _TIME,
            re.IGNORECASE,
        ),
        re.compile(
            _BEFORE_TIME
            + rf"\b(?P<d>\d{{1,2}}){ordinal}\s+(?P<mon>{en_alt})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
            + _TIME,
            re.IGNORECASE,
        ),
        re.compile(
            _BEFORE_TIME
            + rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{ru_alt})\.?\s+(?P<y>(?:19|20)\d{{2}})"
            + r"(?:\s*(?:г\.|года|г\b))?,?"
            + _TIME,
            re.IGNORECASE,
        ),
    )


def _hour(hour: int, ampm: str | None) -> int:
    if ampm and ampm.lower().startswith(("p", "오후", "午後")) and hour < 12:
        return hour + 12
    if ampm and ampm.lower().startswith(("a", "오전", "午前")) and hour == 12:
        return 0
    return hour


def _offset(tz: str | None) -> float | None:
    if not tz:
        return None
    low = tz.lower()
    if low in _EXPLICIT_TZ:
        return _EXPLICIT_TZ[low]
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return sign * (int(digits[:2]) + int(digits[2:4]) / 60)


def _build(
    m: re.Match[str], y: int, mo: int, d: int, *, lang_mdy: bool = False
) -> DateMatch | None:
    groups = m.groupdict()
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if not 1990 <= y <= 2100:
        return None
    hour = minute = None
    h_raw, m_raw = groups.get("H") or groups.get("H0"), groups.get("M") or groups.get("M0")
    if h_raw is not None:
        ampm = groups.get("ap1") or groups.get("ap2")
        hour, minute = _hour(int(h_raw), ampm), int(m_raw or 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            hour = minute = None
    return DateMatch(m.start(), m.end(), day, hour, minute, _offset(groups.get("tz")))


def find_dates(line: str, *, lang: str | None = None) -> list[DateMatch]:
    """Every full date (with year) in ``line``, leftmost first, non-overlapping."""
    if not _YEAR.search(line):
        return []
    found: list[DateMatch] = []
    en, ru = _month_tables()
    for m in _NUMERIC.finditer(line):
        dm = _build(m, int(m["y"]), int(m["m"]), int(m["d"]))
        found.extend([dm] if dm else [])
    for m in _CJK.finditer(line):
        dm = _build(m, int(m["y"]), int(m["m"]), int(m["d"]))
        found.extend([dm] if dm else [])
    for m in _DMY_DOTS.finditer(line):
        dm = _build(m, int(m["y"]), int(m["m"]), int(m["d"]))
        found.extend([dm] if dm else [])
    for m in _SLASHED.finditer(line):
        a, b = int(m["a"]), int(m["b"])
        # 10/18/2024 is month-first, 18/10/2024 day-first; when both fit, English pages are
        # month-first and everyone else day-first.
        month_first = b > 12 or (a <= 12 and lang == "en")
        mo, d = (a, b) if month_first else (b, a)
        dm = _build(m, int(m["y"]), mo, d)
        found.extend([dm] if dm else [])
    for pat in _worded_patterns():
        for m in pat.finditer(line):
            mon = m["mon"].lower()
            month = en.get(mon) or ru.get(mon)
            if month:
                dm = _build(m, int(m["y"]), month, int(m["d"]))
                found.extend([dm] if dm else [])
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    result: list[DateMatch] = []
    for dm in found:
        if not result or dm.start >= result[-1].end:
            result.append(dm)
    return result


def strip_dates(line: str) -> str:
    """``line`` with every date/time removed (to see what else a line carries)."""
    out, pos = [], 0
    for dm in find_dates(line):
        out.append(line[pos : dm.start])
        pos = dm.end
    out.append(line[pos:])
    return " ".join(out)


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    labels = load_data("dates")["labels"]
    assert isinstance(labels, dict)
    words = sorted((str(w) for w in labels["published"]), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


_NON_LETTER = re.compile(r"[\W\d_]+")


def is_metadata_line(line: str, *, max_residue: int = 10) -> bool:
    """True for a line that is a publication stamp: dates plus labels (입력, Updated, 更新) only."""
    if len(line) > 120 or not find_dates(line):
        return False
    residue = _NON_LETTER.sub("", _label_re().sub(" ", strip_dates(line)))
    return len(residue) <= max_residue


def _zone(name: str | None) -> tuple[tzinfo, str]:
    if name:
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return UTC, "UTC (assumed)"


def _to_published(dm: DateMatch, tz_name: str | None, source: str) -> PublishedDate:
    if dm.offset_hours is not None:
        tz: tzinfo = timezone(timedelta(hours=dm.offset_hours))
        label = f"UTC{dm.offset_hours:+g}"
    else:
        tz, label = _zone(tz_name)
    if dm.hour is None:
        value = datetime(dm.day.year, dm.day.month, dm.day.day, tzinfo=tz)
        return PublishedDate(value, "day", source, label)
    value = datetime(dm.day.year, dm.day.month, dm.day.day, dm.hour, dm.minute or 0, tzinfo=tz)
    return PublishedDate(value, "minute", source, label)


def find_published(
    lines: Sequence[str],
    *,
    tz_name: str | None,
    credit_lines: Collection[int] = (),
    lang: str | None = None,
) -> PublishedDate | None:
    """The publication datetime among the dates of a page's lines, or None.

    Only stamps count: a date on a credit line (``〔AFP=時事〕(2024/11/19-19:05)``), a metadata
    line (``입력 2024.11.19. 오후 7:05``), or a date opening one of the first lines (a dateline).
    Dates inside body sentences are about events, not publication, and are ignored.
    """
    best: tuple[tuple[int, int, int], DateMatch, str] | None = None
    head = max(10, len(lines) // 3)
    for i, line in enumerate(lines):
        matches = find_dates(line, lang=lang)
        if not matches:
            continue
        dm = matches[0]
        if i in credit_lines:
            score, source = 4, "text-credit"
        elif is_metadata_line(line):
            score, source = (3 if i < head else 2), "text-meta"
        elif i < 6 and dm.start <= 40:
            score, source = 2, "text-lead"
        else:
            continue
        rank = (score, 1 if dm.hour is not None else 0, -i)
        if best is None or rank > best[0]:
            best = (rank, dm, source)
    return None if best is None else _to_published(best[1], tz_name, best[2])


def parse_date_string(
    value: str, *, tz_name: str | None, lang: str | None = None
) -> PublishedDate | None:
    """Parse a metadata string (ISO 8601 from htmldate or the input, or a free-form stamp)."""
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        has_time = "T" in text or " " in text or ":" in text
        if parsed.tzinfo is None:
            tz, label = _zone(tz_name)
            parsed = parsed.replace(tzinfo=tz)
        else:
            label = parsed.tzname() or "UTC"
        return PublishedDate(parsed, "minute" if has_time else "day", "string", label)
    matches = find_dates(text, lang=lang)
    if not matches:
        return None
    found = _to_published(matches[0], tz_name, "string")
    return PublishedDate(found.value, found.precision, "string", found.timezone)


def infer_timezone(
    *,
    tz_for_site: str | None,
    lang: str | Sequence[str] | None,
    credit_homes: Iterable[tuple[str, str | None]] = (),
    tz_by_country: Mapping[str, str] | None = None,
) -> tuple[str | None, str]:
    """The publisher's timezone and why: the site's, else a domestic credit's, else the language's.

    ``lang`` is the page language, or its section languages, dominant first. ``credit_homes``
    are (country, lang) of the credited agencies: a page with a ja section credited to 時事 (a
    Japanese agency publishing in ja) is a Japanese publisher. Otherwise the first language with
    a home country decides (ja ⇒ jp, ko ⇒ kr, ru ⇒ ru, zh ⇒ cn); else None (caller assumes UTC).
    """
    table = tz_by_country or DEFAULT_TZ_BY_COUNTRY
    langs = [lang] if isinstance(lang, str) else list(lang or [])
    if tz_for_site:
        return tz_for_site, "site"
    for country, agency_lang in credit_homes:
        if agency_lang in langs and country in table:
            return table[country], "domestic-credit"
    for code in langs:
        home = LANGUAGE_HOME.get(code)
        if home and home in table:
            return table[home], "language"
    return None, "unknown"


def site_country(site: str | None) -> str | None:
    """ISO 3166-1 alpha-2 of a site's country-code top-level domain (``.co.kr`` → kr), else None."""
    if not site:
        return None
    host = site.lower().split("//")[-1].split("/")[0].split(":")[0].rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in _GENERIC_CC:
        return None
    return "gb" if tld == "uk" else tld
