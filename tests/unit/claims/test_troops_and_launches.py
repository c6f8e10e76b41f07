"""Troops found abroad, Russian troop sends and missile launches, on sentences written for
these tests, at the shipped confidence floor."""

from __future__ import annotations

import _claims_helpers as H
import pytest

from watchfloor.records import Claim, Status

EXTRA: dict[str, tuple[str, str]] = {
    "Lloyd Austin": ("Lloyd Austin", "person"),
    "Ллойд Остин": ("Lloyd Austin", "person"),
    "オースティン": ("Lloyd Austin", "person"),
    "오스틴": ("Lloyd Austin", "person"),
    "奥斯汀": ("Lloyd Austin", "person"),
    "North Korean": ("North Korea", "country"),
    "North Korea": ("North Korea", "country"),
    "北朝鮮軍": ("North Korea", "country"),
    "북한군": ("North Korea", "country"),
    "朝鲜": ("North Korea", "country"),
    "северокорейских": ("North Korea", "country"),
    "России": ("Russia", "country"),
    "Южнокорейская": ("South Korea", "country"),
    "US": ("United States", "country"),
}


def run(text: str, lang: str, published: str = "2024-10-23") -> tuple[Claim, ...]:
    return H.extract(text, lang, published, EXTRA)


one = H.one


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Lloyd Austin said there was evidence that North Korean troops were in Russia."),
        ("ja", "オースティン国防長官は、北朝鮮軍がロシアにいる証拠があると述べた。"),
        ("ko", "오스틴 국방장관은 북한군이 러시아에 있다는 증거가 있다고 말했다."),
        ("zh", "美国国防部长奥斯汀表示，有证据显示朝鲜军队已在俄罗斯。"),
        (
            "ru",
            "Ллойд Остин заявил, что есть данные о присутствии северокорейских войск в России.",
        ),
    ],
)
def test_troops_said_to_be_abroad_are_an_alleged_deployment(lang: str, text: str) -> None:
    claim = one(run(text, lang), "AID")
    assert claim.mode == "military personnel"
    assert claim.actors == ("North Korea",)
    assert claim.status == Status.ALLEGED and claim.asserted_by == ("Lloyd Austin",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "US troops are in South Korea under a defence treaty."),  # stationed, no news
        ("en", "The troops were in high spirits."),
        ("ko", "북한군이 훈련 중에 있다."),  # 중에 있다: in the middle of training
    ],
)
def test_troops_being_somewhere_is_not_always_a_deployment(lang: str, text: str) -> None:
    assert not [c for c in run(text, lang) if c.type == "AID"]


def test_ja_troops_sent_with_the_plain_verb() -> None:
    text = "北朝鮮は8日から13日にかけて特殊部隊約1500人をロシアに送った。"
    claim = one(run(text, "ja", "2024-10-19"), "AID")
    assert (claim.mode, claim.actors) == ("military personnel", ("North Korea",))


def test_ru_a_place_troops_go_to_is_not_their_owner() -> None:
    text = "Южнокорейская разведка заявила, что КНДР решила направить в Россию 12 тысяч военных."
    claim = one(run(text, "ru", "2024-10-18"), "AID")
    assert (claim.actors, claim.recipients) == (("North Korea",), ("Russia",))


@pytest.mark.parametrize(
    "text",
    [
        "КНДР 13 сентября запустила две баллистические ракеты малой дальности.",
        "КНДР произвела пуск баллистической ракеты.",
    ],
)
def test_ru_missile_launch(text: str) -> None:
    claim = one(run(text, "ru", "2023-09-13"), "THREATEN")
    assert claim.mode == "ballistic missile launch" and claim.actors == ("North Korea",)
