"""Per-document signals on articles written for these tests (never third-party text)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from watchfloor.assess.signals import Code, Signal, document_signals, uncredited_copy
from watchfloor.assess.sources import load_registry
from watchfloor.records import Article

Make = Callable[..., Article]

# Japanese written the way a word-by-word translation from Korean comes out: spaces between
# words, a Korean-style dateline, calques, and polite and plain endings mixed.
JA_MT = (
    "大韓民国ソウル(AP) — 韓国の大統領 イ・ミンホ大統領が東京に到着した。 "
    "両国は協力したいと言った後。\n"
    "大統領は空港で日本の首相に会った タナカ・ケンジ。 "
    "二人は握手して会談に向かったと伝えられました。\n"
    "米国と韓国の管理者は、その後、両国の交流が急激に増加したと述べました。 会談は二時間続いた。\n"
    "クレムリン宮はこの会談について論評しなかった。 首相は新しい協定に署名する予定です。\n"
    "両国の 閣僚は 経済協力についても話し合いました。 会談の詳細は明らかにされていない。\n"
)
JA_NATIVE = (
    "【ソウル時事】韓国の李大統領は十九日、東京を訪れ、田中首相と会談した。両首脳は経済協力の拡大で一致した。\n"
    "会談は約二時間に及び、両国の閣僚も同席した。外交筋によると、新たな協定の署名も視野に入れている。\n"
    "首相は会談後、記者団に対し「率直な意見交換ができた」と語った。両国は年内に再び会談する方針だ。\n"
)


def _codes(article: Article) -> set[Code]:
    registry = load_registry()
    profile = registry.lookup(article.site or article.url)
    return {s.code for s in document_signals(article, profile, registry=registry)}


def test_signals_japanese_mt_fingerprints(make_article: Make) -> None:
    codes = _codes(make_article(JA_MT, "ja"))
    assert {Code.CJK_SPACING, Code.CALQUE, Code.FOREIGN_DATELINE, Code.STYLE_MIX} <= codes


def test_signals_native_japanese_is_clean(make_article: Make) -> None:
    codes = _codes(make_article(JA_NATIVE, "ja", url="https://www.asahi.com/articles/x"))
    assert not codes


@pytest.mark.parametrize(
    "bio",
    [
        "Coffee lover. Travel evangelist. Student. Award-winning web expert.",
        "音楽愛好家。フードエバンジェリスト。学生。受賞歴のあるウェブの専門家。",
        "커피 애호가. 음식 전도사. 학생. 수상 경력에 빛나는 웹 전문가.",
        "Любитель кофе. Евангелист еды. Студент. Отмеченный наградами веб-эксперт.",
    ],
)
def test_signals_template_bio(make_article: Make, bio: str) -> None:
    text = "The minister arrived on Tuesday for two days of talks on trade and energy.\n"
    codes = _codes(make_article(text, "en", removed=("Jane Example", bio)))
    assert Code.TEMPLATE_BIO in codes


def test_signals_ordinary_caption_is_not_a_bio(make_article: Make) -> None:
    text = "The two leaders met in the capital. They signed a treaty. Talks lasted hours. No deal."
    assert Code.TEMPLATE_BIO not in _codes(make_article(text, "en"))


def test_signals_theme_furniture_and_reading_time(make_article: Make) -> None:
    text = "The minister arrived on Tuesday for two days of talks on trade and energy.\n"
    article = make_article(
        text, "en", removed=("1 min read", "You May Also Like", "More From Author")
    )
    codes = _codes(article)
    assert {Code.THEME_FURNITURE, Code.READING_TIME} <= codes


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        (
            "部长周二抵达首都进行会谈。本文由用户上传,如有侵权请联系删除。",
            "zh",
            Code.REPOST_DISCLAIMER,
        ),
        (
            "The minister arrived.<br /> Talks began on Tuesday and lasted two days.",
            "en",
            Code.MARKUP_RESIDUE,
        ),
        (
            "It is clarified that the minister flew in. Earlier it became known about the visit.",
            "en",
            Code.CALQUE,
        ),
        ("장관은 11 월 21 일 평양에 도착했다. 회의는 11 월 22 일 열렸다.", "ko", Code.CALQUE),
    ],
)
def test_signals_text_tells(make_article: Make, text: str, lang: str, code: Code) -> None:
    assert code in _codes(make_article(text, lang))


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://bestproductreviews.example/news/1", Code.OFFTOPIC_DOMAIN),
        ("https://d1234abcd.cloudfront.net/story", Code.ANONYMOUS_HOST),
        ("https://spam.example/?u=https%3A%2F%2Fwww3.nhk.or.jp%2Fnews%2F1", Code.PROXY_URL),
    ],
)
def test_signals_site_tells(make_article: Make, url: str, code: Code) -> None:
    text = "The minister arrived on Tuesday for two days of talks on trade and energy."
    assert code in _codes(make_article(text, "en", url=url))


def test_signals_site_language_mismatch(make_article: Make) -> None:
    text = "韓国の大統領は東京に到着し、首相と会談した。両国は経済協力で一致した。"
    assert Code.SITE_LANGUAGE in _codes(make_article(text, "ja", url="https://news-example.vn/a"))
    assert Code.SITE_LANGUAGE not in _codes(
        make_article(text, "ja", url="https://news-example.jp/a")
    )


def test_signals_no_provenance_only_on_unknown_sites(make_article: Make) -> None:
    text = "The minister arrived on Tuesday for two days of talks on trade and energy."
    bare = make_article(text, "en", published=None)
    assert Code.NO_PROVENANCE in _codes(bare)
    credited = make_article("SEOUL (Reuters) - " + text, "en", published=None)
    assert Code.NO_PROVENANCE not in _codes(credited)
    known = make_article(text, "en", published=None, url="https://www.reuters.com/world/x")
    assert Code.NO_PROVENANCE not in _codes(known)


# -- signals that let unknown sites be judged on their own ---------------------------------------
def _signal(article: Article, code: Code) -> Signal | None:
    registry = load_registry()
    profile = registry.lookup(article.site or article.url)
    found = [s for s in document_signals(article, profile, registry=registry) if s.code is code]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "ボストーチヌイ基地で首脳が会った。両首脳はボストチヌイで昼食をとった。",
            "ja",
            True,
        ),
        (
            "ボストーチヌイ基地で首脳が会った。両首脳はボストーチヌイで昼食をとった。",
            "ja",
            False,
        ),
        ("Volodymyr Zelensky spoke on Friday. Later Vlodymyr Zelensky left Kyiv.", "en", True),
        ("Koreans and the Korean government met. Korea agreed.", "en", False),
        ("Министр посетил Пхеньян. В Пхеньяне министра встретили.", "ru", False),
    ],
)
def test_signals_transliteration_drift(
    make_article: Make, text: str, lang: str, expected: bool
) -> None:
    assert (Code.TRANSLITERATION in _codes(make_article(text, lang))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首相が訪問へ\nジャカルタ - 首相は金曜日にインドネシアを訪れ、大統領と会談した。", True),
        ("首相が訪問へ\nソウル:首相は十九日に韓国を訪れ、大統領と会談した。両国は合意した。", True),
        ("首相が訪問へ\n【ソウル時事】首相は十九日に韓国を訪れ、大統領と会談した。", False),
        ("首相が訪問へ\n写真:首相は十九日に韓国を訪れ、大統領と会談した。", False),
    ],
)
def test_signals_western_dateline_in_cjk(make_article: Make, text: str, expected: bool) -> None:
    assert (Code.FOREIGN_DATELINE in _codes(make_article(text, "ja"))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首相は月曜日に大統領と会った。外相は火曜日に会見した。", True),
        ("首相は19日（火）に大統領と会った。外相は20日に会見した。", False),
    ],
)
def test_signals_weekday_calque_in_japanese(make_article: Make, text: str, expected: bool) -> None:
    assert (Code.CALQUE in _codes(make_article(text, "ja"))) is expected


def test_signals_stray_cjk_spaces_are_typos(make_article: Make) -> None:
    body = "首相は十九日に大統領と会談した。両国は協力で一致した。会談は二時間続いた。" * 3
    one_space = body.replace("両国は", "両国 は", 1)
    many = body.replace("両国は", "両国 は").replace("会談は", "会談 は")
    assert Code.CJK_SPACING not in _codes(make_article(one_space, "ja"))
    assert Code.CJK_SPACING in _codes(make_article(many, "ja"))


PROSE = (
    "The foreign minister arrived in the capital on Tuesday for two days of talks.\n"
    "Officials said the visit would focus on trade, energy and a new shipping route.\n"
)


@pytest.mark.parametrize(
    ("text", "removed", "expected"),
    [
        (
            PROSE
            + "Storm closes mountain roads in the north\n"
            + "Central bank holds rates for a third month\n"
            + "Local team wins the regional cup final\n",
            (),
            True,
        ),
        (
            PROSE,
            (
                "[tail_headlines] Storm closes roads",
                "[tail_headlines] Bank holds rates",
                "[tail_headlines] Team wins the cup",
            ),
            True,
        ),
        (PROSE + "Harbour fire under control 14:05 • 3120 views\n", (), True),
        (PROSE + "The minister leaves on Thursday.\n", (), False),
    ],
)
def test_signals_teasers_of_other_stories(
    make_article: Make, text: str, removed: tuple[str, ...], expected: bool
) -> None:
    article = make_article(text, "en", removed=removed)
    assert (Code.TEASERS in _codes(article)) is expected


def test_signals_furniture_counts_kinds_not_repeats(make_article: Make) -> None:
    once = make_article(PROSE, "en", removed=("[navigation] Skip to content",))
    signal = _signal(once, Code.THEME_FURNITURE)
    assert signal is not None and signal.weight == pytest.approx(0.4)
    twice = make_article(PROSE + "Also read: one\nAlso read: two\n", "en")
    signal = _signal(twice, Code.THEME_FURNITURE)
    assert signal is not None and signal.weight == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (PROSE + "Kim Minji (kminji@ytn.co.kr)\n", None, True),  # a known broadcaster's reporter
        (PROSE + "Original article: https://news.other-paper.example/a/1\n", None, True),
        (PROSE + "https://www.other-paper.example/story/1\n", None, True),
        (PROSE + "https://cdn.example-unknown-news.info/photo.jpg\n", None, False),
        (PROSE + "Tips: desk@example-unknown-news.info\n", None, False),  # its own address
        (PROSE, "장관 평양 도착 / 연합뉴스TV (YonhapnewsTV)", True),
        (PROSE, "Minister visits the capital: KCNA", False),  # a headline's attribution
    ],
)
def test_signals_foreign_byline_on_unknown_site(
    make_article: Make, text: str, title: str | None, expected: bool
) -> None:
    article = make_article(text, "en", title=title)
    assert (Code.FOREIGN_BYLINE in _codes(article)) is expected


def test_signals_english_edition_is_not_foreign(make_article: Make) -> None:
    assert Code.SITE_LANGUAGE not in _codes(make_article(PROSE, "en", url="https://news-x.kr/a"))
    signal = _signal(
        make_article("首相は大統領と会談した。両国は一致した。", "ja", url="https://news-x.vn/a"),
        Code.SITE_LANGUAGE,
    )
    assert signal is not None and signal.weight <= 0.25


@pytest.mark.parametrize(
    ("url", "weight"),
    [
        ("https://d2k81mzq7x0v4p.cloudfront.net/story", 0.4),
        ("https://mynews.netlify.app/story", 0.25),
        ("http://203.0.113.7/story", 0.25),
    ],
)
def test_signals_anonymous_host_strength(make_article: Make, url: str, weight: float) -> None:
    signal = _signal(make_article(PROSE, "en", url=url), Code.ANONYMOUS_HOST)
    assert signal is not None and signal.weight == pytest.approx(weight)


@pytest.mark.parametrize(
    ("copy_day", "original_day", "original_credits", "weight"),
    [
        (20, 19, (), 0.4),  # a later copy of original reporting
        (20, 19, ("Reuters",), 0.1),  # both re-serve a wire
        (None, 19, (), 0.25),  # which came first is unknown
        (18, 19, (), 0.1),  # dated before the page it supposedly copies
    ],
)
def test_signals_uncredited_copy_weighs_lateness(
    make_article: Make,
    copy_day: int | None,
    original_day: int,
    original_credits: tuple[str, ...],
    weight: float,
) -> None:
    copy = make_article(
        PROSE, "en", published=datetime(2024, 6, copy_day, tzinfo=UTC) if copy_day else None
    )
    original = make_article(
        PROSE,
        "en",
        url="https://original-paper.example/a",
        published=datetime(2024, 6, original_day, tzinfo=UTC),
        credits=original_credits,
    )
    signal = uncredited_copy("original-paper.example", original_credits, copy, original)
    assert signal.code is Code.UNCREDITED_COPY and signal.weight == pytest.approx(weight)
