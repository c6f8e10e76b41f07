"""Publication datetimes from stamps in ja/ko/zh/en/ru text, with the publisher's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from watchfloor.extract.pubdate import (
    find_dates,
    find_published,
    infer_timezone,
    is_metadata_line,
    parse_date_string,
    site_country,
)

TOKYO, SEOUL, MOSCOW = ZoneInfo("Asia/Tokyo"), ZoneInfo("Asia/Seoul"), ZoneInfo("Europe/Moscow")


@pytest.mark.parametrize(
    ("text", "day", "time"),
    [
        ("〔AFP=時事〕(2024/11/19-19:05)", "2024-11-19", (19, 5)),
        ("2024年11月19日 19時05分", "2024-11-19", (19, 5)),
        ("2024.11.19.", "2024-11-19", None),
        ("2024-11-19 19:05", "2024-11-19", (19, 5)),
        ("입력 2024.11.19. 오후 7:05", "2024-11-19", (19, 5)),
        ("입력 2024.11.19 (08:08)", "2024-11-19", (8, 8)),
        ("19 ноября 2024", "2024-11-19", None),
        ("18:09, 28 марта 2024", "2024-03-28", (18, 9)),
        ("Nov. 19, 2024", "2024-11-19", None),
        ("23 Oct 2024 9:34 AM GMT", "2024-10-23", (9, 34)),
        ("2024年11月19日", "2024-11-19", None),
        ("13.09.2023", "2023-09-13", None),
    ],
)
def test_pubdate_find_dates_formats(text: str, day: str, time: tuple[int, int] | None) -> None:
    found = find_dates(text)
    assert found, text
    assert found[0].day.isoformat() == day
    assert (found[0].hour, found[0].minute) == (time if time else (None, None))


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Talks resumed at 19:05 on the 19th.", False),  # no four-digit year: no date
        ("The 1905 treaty was cited.", False),  # a year alone is no date
        ("Updated 19 November 2024, 19:05", True),
        ("입력 2024.11.19. 오후 7:05", True),
    ],
)
def test_pubdate_find_dates_needs_a_year(line: str, found: bool) -> None:
    assert bool(find_dates(line)) is found


def test_pubdate_credit_stamp_in_publisher_zone() -> None:
    lines = ["見出し", "本文です。", "〔AFP=時事〕(2024/11/19-19:05)"]
    found = find_published(lines, tz_name="Asia/Tokyo", credit_lines={2})
    assert found is not None
    assert found.value == datetime(2024, 11, 19, 19, 5, tzinfo=TOKYO)
    assert found.precision == "minute" and found.source == "text-credit"


def test_pubdate_ignores_dates_inside_body_sentences() -> None:
    lines = [
        "Talks held",
        "Officials said on Tuesday that the treaty signed on June 19, 2024 took effect.",
        "The two sides agreed to meet again in the spring of next year in the capital.",
        "Most observers expect the next round to be difficult for both delegations.",
        "A statement followed later in the day from the foreign ministry in Seoul.",
        "Nothing more was disclosed, the ministry said in its short written statement.",
        "Analysts said the treaty dated March 3, 2023 was a precedent for the deal.",
    ]
    assert find_published(lines, tz_name=None) is None


def test_pubdate_date_only_has_day_precision() -> None:
    found = find_published(["입력 2024.11.19.", "본문입니다."], tz_name="Asia/Seoul")
    assert found is not None and found.precision == "day"
    assert found.value == datetime(2024, 11, 19, tzinfo=SEOUL)


def test_pubdate_prefers_metadata_stamp_over_lead_date() -> None:
    lines = ["2023-09-01 A headline", "Updated: 19 ноября 2024 10:00", "Body."]
    found = find_published(lines, tz_name="Europe/Moscow")
    assert found is not None and found.value == datetime(2024, 11, 19, 10, 0, tzinfo=MOSCOW)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("입력 | 2023-05-02 08:10   수정 | 2023-05-02 09:45", True),
        ("Write: 2023-05-02 06:01:44Update: 2023-05-02 11:20:09", True),
        ("The treaty of 2024-06-19 was ratified by both parliaments this week.", False),
    ],
)
def test_pubdate_metadata_line(line: str, expected: bool) -> None:
    assert is_metadata_line(line) is expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"tz_for_site": "Asia/Seoul", "lang": "ja"}, ("Asia/Seoul", "site")),
        (
            {"tz_for_site": None, "lang": ["en", "ja"], "credit_homes": [("jp", "ja")]},
            ("Asia/Tokyo", "domestic-credit"),
        ),
        ({"tz_for_site": None, "lang": "ko"}, ("Asia/Seoul", "language")),
        ({"tz_for_site": None, "lang": "en"}, (None, "unknown")),
    ],
)
def test_pubdate_infer_timezone(
    kwargs: dict[str, object], expected: tuple[str | None, str]
) -> None:
    assert infer_timezone(**kwargs) == expected  # type: ignore[arg-type]


def test_pubdate_parse_date_string() -> None:
    iso = parse_date_string("2024-11-19T19:05:00+09:00", tz_name=None)
    assert iso is not None and iso.value == datetime(2024, 11, 19, 19, 5, tzinfo=TOKYO)
    plain = parse_date_string("2024-11-19", tz_name="Asia/Tokyo")
    assert plain is not None and plain.precision == "day"
    assert parse_date_string("no date here", tz_name=None) is None


@pytest.mark.parametrize(
    ("site", "country"),
    [
        ("www.yna.co.kr", "kr"),
        ("https://www.jiji.com/jc/", None),
        ("news.ltn.com.tw", "tw"),
        ("bbc.co.uk", "gb"),
        ("example.tv", None),
        (None, None),
    ],
)
def test_pubdate_site_country(site: str | None, country: str | None) -> None:
    assert site_country(site) == country
