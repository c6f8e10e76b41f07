"""Wire credits parsed from their usual slots, never from running text."""

from __future__ import annotations

import pytest

from watchfloor.extract.credits import credit_names, find_credits, is_credit_only_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("〔AFP=時事〕(2024/11/19-19:05)", ("AFP", "Jiji Press", "時事")),
        ("両国は協力を確認した。【翻訳編集AFPBBNews】", ("AFP",)),
        ("SEOUL, Nov 19 (Reuters) - Officials met on Tuesday.", ("Reuters",)),
        ("(서울=연합뉴스) 정부는 19일 밝혔다.", ("Yonhap", "연합뉴스")),
        ("[모스크바=AP/뉴시스] 회담이 열렸다.", ("AP", "Newsis", "뉴시스")),
        ("МОСКВА, 19 ноя — РИА Новости. Переговоры прошли.", ("RIA Novosti", "РИА Новости")),
        ("МОСКВА, 19 ноября. /ТАСС/. Переговоры прошли.", ("TASS", "ТАСС")),
        ("新华社平壤11月18日电 会谈在平壤举行。", ("Xinhua", "新华社")),
        ("据朝中社报道,双方举行了会谈。", ("KCNA", "朝中社")),
        ("The talks ended without a statement. — Reuters", ("Reuters",)),
        ("【ソウル聯合ニュース】韓国政府は19日、声明を出した。", ("Yonhap", "聯合ニュース")),
        ("Source: Xinhua", ("Xinhua",)),
    ],
)
def test_credits_parse_credit_slots(line: str, expected: tuple[str, ...]) -> None:
    assert credit_names(find_credits([line])) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The state-run Korean Central News Agency (KCNA) said the meeting was friendly.",
        "Officials told AP reporters nothing about the visit on Monday afternoon.",
        "(AP Photo/Ahn Young-joon)",
    ],
)
def test_credits_ignore_running_text_and_photo_credits(line: str) -> None:
    assert find_credits([line]) == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("〔AFP=時事〕(2024/11/19-19:05)", True),
        ("/연합뉴스", True),
        ("AP", True),
        ("据朝中社报道,金正恩会见了代表团", False),
    ],
)
def test_credits_credit_only_line(line: str, expected: bool) -> None:
    assert is_credit_only_line(line) is expected


def test_credits_seed_rule_keeps_canonical_and_native_tokens() -> None:
    names = credit_names(find_credits(["〔AFP=時事〕"]))
    assert "AFP" in names and "時事" in names and "Jiji Press" in names
