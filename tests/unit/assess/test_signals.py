"""Per-document signals on articles written for these tests (never third-party text)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from watchfloor.assess.reliability import Assessor
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


# -- how a page was made: register mixes, script mirrors, kit addresses, date order ------------
# -- Korean register mix ------------------------------------------------------------------------
KO_PAPER = (
    "외교부 장관은 19일 오전 전용기 편으로 모스크바에 도착해 사흘간의 공식 일정을 시작했다.\n"
    "장관은 도착 직후 러시아 외무장관과 만나 에너지와 물류 협력 방안을 집중적으로 논의했다.\n"
    "양측은 회담이 끝난 뒤 내년 상반기 안에 정부 간 위원회를 다시 열기로 합의했다고 밝혔다.\n"
    "정부 관계자는 이번 방문이 두 나라의 경제 협력을 넓히는 계기가 될 것이라고 설명했다.\n"
    "장관은 20일 현지 기업인들과 간담회를 한 뒤 21일 저녁 귀국길에 오를 예정이라고 전했다.\n"
    "이번 회담에서는 항공 노선 증편과 교육 교류 확대 문제도 함께 다뤄진 것으로 알려졌다.\n"
)
KO_BROADCAST = (
    "외교부 장관이 오늘 오전 전용기 편으로 모스크바에 도착해 사흘간의 공식 일정을 시작했습니다.\n"
    "장관은 도착 직후 러시아 외무장관과 만나 에너지와 물류 협력 방안을 집중적으로 논의했습니다.\n"
    "양측은 내년 상반기 안에 정부 간 위원회를 다시 열기로 합의했다고 외교부가 전했습니다.\n"
    "정부 관계자는 이번 방문이 경제 협력을 넓히는 계기가 될 것이라고 설명했습니다.\n"
    "장관은 현지 기업인들과 간담회를 한 뒤 모레 저녁 귀국길에 오를 예정입니다.\n"
    "이번 회담에서는 항공 노선 증편과 교육 교류 확대 문제도 함께 다뤄졌습니다.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (KO_PAPER, False),  # a paper narrates in 했다 throughout
        (KO_BROADCAST, False),  # a broadcaster in 했습니다 throughout
        # buttons of a portal page ('댓글을 작성해보세요') are too short to count as narration
        (KO_PAPER + "첫 댓글을 작성해보세요.\n주소 복사가 완료되었습니다.\n", False),
        # a broadcaster's script with a paper's paragraphs pasted under it
        (KO_BROADCAST + "\n".join(KO_PAPER.splitlines()[:3]) + "\n", True),
        (KO_PAPER + "\n".join(KO_BROADCAST.splitlines()[:3]) + "\n", True),
    ],
)
def test_signals_korean_register_mix(make_article: Make, text: str, expected: bool) -> None:
    assert (_signal(make_article(text, "ko"), Code.STYLE_MIX) is not None) is expected


def test_signals_korean_mix_is_textual_evidence(make_article: Make) -> None:
    half = "\n".join(KO_BROADCAST.splitlines()[:4] + KO_PAPER.splitlines()[:4]) + "\n"
    signal = _signal(make_article(half, "ko"), Code.STYLE_MIX)
    assert signal is not None and signal.weight == pytest.approx(0.5)


def test_signals_korean_quotes_do_not_count(make_article: Make) -> None:
    quoted = KO_PAPER + '장관은 "협력을 넓히겠습니다. 곧 다시 오겠습니다"라고 말했다.\n'
    assert _signal(make_article(quoted, "ko"), Code.STYLE_MIX) is None


# -- simplified-script mirrors of Taiwanese pages -----------------------------------------------
ZH_MIRROR = (
    "北韩部队抵达俄国远东 南韩情报机构证实\n"
    "▲北韩士兵在港口集结。(图/路透社)\n"
    "记者王小明/编译\n"
    "南韩国家情报院今(19)日表示,北韩已向俄国派出第一批部队,这些士兵将在远东的基地接受训练。\n"
    "情报院说,北韩近来多次试射飞弹,并与俄国官员频繁接触,相关情资仍在分析。\n"
)
ZH_MAINLAND = (
    "朝鲜代表团抵达莫斯科 两国将举行经贸会谈\n"
    "据俄罗斯媒体19日报道,朝鲜对外经济相率领的代表团当天抵达莫斯科,将与俄方举行会谈。\n"
    "双方将讨论交通、能源和教育领域的合作,并计划签署新的议定书。这是今年以来的第三次会谈。\n"
)
ZH_TAIWAN = (
    "北韓部隊抵達俄國遠東 南韓情報機構證實\n"
    "▲北韓士兵在港口集結。(圖/路透社)\n"
    "記者王小明/編譯\n"
    "南韓國家情報院今(19)日表示,北韓已向俄國派出第一批部隊,這些士兵將在遠東的基地接受訓練。\n"
    "情報院說,北韓近來多次試射飛彈,並與俄國官員頻繁接觸,相關情資仍在分析中。\n"
)
# an agency's simplified-script service: a few Taiwanese words, none of a Taiwanese newsroom's
# page conventions
ZH_AGENCY = (
    "南韩情报机构说北韩部队已抵达俄国\n"
    "南韩情报机构周五说,北韩已向俄国派出约一千五百名士兵,他们正在远东的基地接受训练。\n"
    "北韩近来多次试射飞弹,这一消息还没有得到俄方证实。这是南韩首次公布相关的卫星照片。\n"
)


# a mainland page may credit a photo the same way, and nothing else Taiwanese
ZH_MAINLAND_PHOTO = ZH_MAINLAND + "▲代表团抵达机场。(图/视觉中国)\n"


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        (ZH_MIRROR, 0.6),
        (ZH_MAINLAND, None),
        (ZH_TAIWAN, None),
        (ZH_AGENCY, 0.2),
        (ZH_MAINLAND_PHOTO, 0.2),
    ],
)
def test_signals_script_mirror(make_article: Make, text: str, weight: float | None) -> None:
    signal = _signal(make_article(text, "zh"), Code.SCRIPT_MIRROR)
    assert (signal.weight if signal else None) == (pytest.approx(weight) if weight else None)


def test_signals_mainland_photo_credit_is_not_a_flag(make_article: Make) -> None:
    article = make_article(ZH_MAINLAND_PHOTO, "zh", published=None)  # no date either
    assert not Assessor().assess(article).flagged


# -- addresses of unconfigured publishing kits --------------------------------------------------
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example-unknown-news.info/?p=4417", True),
        ("https://example-unknown-news.info/news/?p=88", True),
        ("http://board-example.kr/bbs/board.php?bo_table=free&wr_id=12", True),
        ("http://example-portal.info/index.php?action=showtopic&newsid=5", True),
        ("https://example-blog.info/2024/06/19/%E9%A6%96%E7%9B%B8%E8%A8%AA%E5%95%8F/", True),
        ("https://example-unknown-news.info/world/2024/06/19/12345.html", False),
        ("https://example-unknown-news.info/news/minister-visits-capital-812", False),
        ("https://example-unknown-news.info/search?p=2", False),  # a page number, not a post
        ("https://www.yna.co.kr/view/?p=4417", False),  # a listed outlet's own choice
    ],
)
def test_signals_cms_address(make_article: Make, url: str, expected: bool) -> None:
    article = make_article("The minister arrived on Tuesday for talks.", "en", url=url)
    assert (_signal(article, Code.CMS_ADDRESS) is not None) is expected


def test_signals_cms_address_alone_is_not_a_flag(make_article: Make) -> None:
    text = "The minister arrived on Tuesday for two days of talks on trade and energy."
    article = make_article(text, "en", url="https://example-unknown-news.info/?p=12")
    assessment = Assessor().assess(article)
    assert Code.CMS_ADDRESS in {s.code for s in assessment.signals}
    assert not assessment.flagged


# -- English sentences opened by a calendar date -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On June 17, the minister arrived in the capital. Talks began at noon. "
            "On June 18, the two sides signed a protocol on shipping.",
            True,
        ),
        (
            "The minister arrived in the capital on Monday. On June 17, talks began at noon.",
            False,  # one such sentence is a style choice
        ),
        (
            "The minister arrived on June 17, and the two sides signed a protocol on June 18, "
            "officials said.",
            False,  # dates after the verb, as English news writes them
        ),
    ],
)
def test_signals_date_first(make_article: Make, text: str, expected: bool) -> None:
    assert (_signal(make_article(text, "en"), Code.DATE_FIRST) is not None) is expected


# -- an outlet's own byline in registry-blind mode ----------------------------------------------
def test_signals_own_byline_is_not_foreign(make_article: Make) -> None:
    text = "By Euronews\nThe minister arrived on Tuesday for two days of talks on trade."
    own = make_article(text, "en", url="https://www.euronews.com/2024/06/19/x")
    assessment = Assessor(blind=True).assess(own)
    assert Code.FOREIGN_BYLINE not in {s.code for s in assessment.signals}
    other = make_article(text, "en", url="https://example-unknown-news.info/a/1")
    assessment = Assessor(blind=True).assess(other)
    assert Code.FOREIGN_BYLINE in {s.code for s in assessment.signals}


# -- a space before a full stop ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister arrived in the capital . Talks began at noon on Tuesday.", True),
        # at a paragraph's end the space is where a link or a footnote mark was stripped
        ("The minister arrived in the capital .\nTalks began at noon on Tuesday.", False),
        ("The minister arrived in the capital. Talks began at noon on Tuesday.", False),
    ],
)
def test_signals_space_before_stop(make_article: Make, text: str, expected: bool) -> None:
    assert (_signal(make_article(text, "en"), Code.CALQUE) is not None) is expected
