"""The boilerplate cleaner on hand-written junk-laden pages in ja/ko/en/ru/zh."""

from __future__ import annotations

import pytest

from watchfloor.extract.clean import RemovalReason, clean_text, is_bio_blurb
from watchfloor.extract.lexicon import load_boilerplate

JA_PAGE = "\n".join(
    [
        "北朝鮮、新型ミサイルを発射 日本海に落下",
        (
            "防衛省によると、北朝鮮は15日午前、東岸から弾道ミサイル1発を発射した。ミサイル"
            "は日本の排他的経済水域の外に落下したとみられる。"
        ),
        "政府は外交ルートを通じて北朝鮮に厳重に抗議した。官房長官は記者会見で「断じて容認できない」と述べた。",
        "3分で読めます",
        "関連記事",
        "-",
        "首相、来月にも訪米へ調整",
        "-",
        "円相場、小幅に反発",
        "-",
        "天気予報 週末は広く晴れ",
        "",
    ]
)

KO_PAGE = "\n".join(
    [
        "정부, 대북 추가 제재 발표",
        "입력 2024.11.19. 오후 7:05",
        (
            "[서울=연합뉴스] 홍길동 기자 = 정부는 19일 북한의 미사일 발사와 관"
            "련해 개인 5명과 기관 3곳을 독자 제재 대상으로 지정했다고 밝혔다. 외"
            "교부는 이번 조치가 국제사회와의 공조를 강화하기 위한 것이라고 설명했다."
        ),
        "정부는 앞으로도 관련국과 긴밀히 협력하겠다고 덧붙였다.",
        "홍길동 기자 gildong@example.co.kr",
        "저작권자 ⓒ 연합뉴스, 무단 전재 및 재배포 금지",
        "많이 본 기사",
        "북한, 동해상으로 탄도미사일 발사",
        "주가 하락 마감",
        "댓글",
        "",
    ]
)

EN_PAGE = "\n".join(
    [
        "Skip to content",
        "By Jane Roe",
        "3 min read",
        (
            "The foreign ministers of both countries "
            "met in the capital on Tuesday and agreed"
            " to expand trade, officials said after t"
            "he talks ended."
        ),
        "READ  Ten gadgets you will want this summer",
        (
            "They also discussed fishing rights, acco"
            "rding to a statement released by the min"
            "istry late in the evening."
        ),
        "Also read | Markets rally as oil slips below $80",
        "Share this article",
        "You May Also Like",
        "Celebrity chef opens new restaurant",
        "Local team wins the derby",
        "",
    ]
)

RU_PAGE = "\n".join(
    [
        "Главная",
        (
            "Министр иностранных дел провел переговор"
            "ы со своим коллегой в Москве и обсудил в"
            "опросы торговли и безопасности в регионе"
            "."
        ),
        ("Стороны договорились продолжить консультации в следующем году, сообщили в ведомстве."),
        "Читайте также: Курс рубля снизился на торгах",
        "Иван Петров",
        "Все права защищены",
        "",
    ]
)

ZH_PAGE = "\n".join(
    [
        "朝鲜外相访问莫斯科 两国讨论合作",
        (
            "新华社莫斯科11月1日电 俄罗斯外长当天在莫斯科会见了来访的朝鲜外相,"
            "双方就双边关系和地区局势交换了意见。"
        ),
        "双方表示将继续加强在各领域的合作。",
        "相关新闻",
        "俄罗斯举行军事演习",
        "股市收盘小幅上涨",
        "版权所有 未经授权不得转载",
        "",
    ]
)


@pytest.mark.parametrize(
    ("page", "gone", "kept"),
    [
        (
            JA_PAGE,
            ["3分で読めます", "首相、来月にも訪米へ調整", "天気予報 週末は広く晴れ"],
            ["防衛省によると"],
        ),
        (
            KO_PAGE,
            ["입력 2024.11.19", "무단 전재", "주가 하락 마감", "gildong@"],
            ["정부는 앞으로도"],
        ),
        (
            EN_PAGE,
            ["3 min read", "READ  Ten", "Also read |", "Celebrity chef", "By Jane Roe"],
            ["fishing rights"],
        ),
        (RU_PAGE, ["Читайте также", "Все права", "Иван Петров"], ["Стороны договорились"]),
        (ZH_PAGE, ["俄罗斯举行军事演习", "版权所有"], ["双方表示将继续"]),
    ],
)
def test_clean_removes_junk_and_keeps_body(page: str, gone: list[str], kept: list[str]) -> None:
    result = clean_text(page)
    body = "\n".join(k.text for k in result.kept)
    for phrase in gone:
        assert phrase not in body
    for phrase in kept:
        assert phrase in body


@pytest.mark.parametrize(
    ("page", "author"),
    [(KO_PAGE, "홍길동"), (EN_PAGE, "Jane Roe"), (RU_PAGE, "Иван Петров")],
)
def test_clean_detects_byline(page: str, author: str) -> None:
    assert clean_text(page).author == author


def test_clean_removes_bio_blurb_and_author_name() -> None:
    page = (
        "The two leaders signed a cooperation agreement covering energy and transport projects.\n"
        "Hiro Tanaka\n"
        "Coffee junkie. Twitter ninja. Award-winning web expert. Music lover.\n"
    )
    result = clean_text(page)
    assert result.author == "Hiro Tanaka"
    reasons = {r.reason for r in result.removed}
    assert {RemovalReason.AUTHOR_BIO, RemovalReason.BYLINE} <= reasons
    assert len(result.kept) == 1


def test_clean_never_removes_long_prose_after_a_heading() -> None:
    prose = (
        "The delegation then visited a factory and a university, where officials described plans "
        "to expand scientific exchanges over the next three years."
    )
    lead = "Talks were held in the capital on Monday, the agency said in a brief report."
    page = f"{lead}\nRelated\n{prose}\n"
    body = [k.text for k in clean_text(page).kept]
    assert prose in body


def test_clean_keeps_order_and_reports_reasons() -> None:
    result = clean_text(JA_PAGE)
    indices = [k.index for k in result.kept]
    assert indices == sorted(indices)
    assert all(isinstance(r.reason, RemovalReason) for r in result.removed)
    assert any(r.reason is RemovalReason.READING_TIME for r in result.removed)


def test_clean_drops_repeated_lines() -> None:
    line = "북한은 이날 오전 동해상으로 단거리 탄도미사일 2발을 발사했다고 합참이 밝혔다."
    result = clean_text(f"{line}\n{line}\n")
    assert [k.text for k in result.kept] == [line]
    assert result.removed[0].reason is RemovalReason.DUPLICATE


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Coffee junkie. Twitter ninja. Award-winning web expert. Music lover.", True),
        ("ミュージック愛好家。フードエバンジェリスト。学生。認定エキスパート。", True),
        ("The minister arrived. He met officials. Talks followed. A dinner was held.", False),
        # Latin bio words count as whole words only: no "fan" in "Fantasy", no "reader" in
        # "Readers", no "student" in "Studentship".
        ("Fantasy maps. Readers' notes. Studentship news. Port views.", False),
        ("Fantasy fan. Avid reader. Port views. Student.", True),
    ],
)
def test_clean_bio_blurb_detection(line: str, expected: bool) -> None:
    assert is_bio_blurb(line, load_boilerplate().bio_words) is expected
