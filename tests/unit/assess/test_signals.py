"""Per-document signals on articles written for these tests (never third-party text)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from watchfloor.assess.signals import Code, document_signals
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
    "両国の閣僚は経済協力についても話し合いました。 会談の詳細は明らかにされていない。\n"
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
