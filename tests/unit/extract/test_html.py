"""HTML main-text extraction on hand-written news pages (ja, ko, zh, en), and its scorer."""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

import pytest
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from watchfloor.extract.html import (
    HtmlExtraction,
    choose_text,
    date_params,
    extract_html,
    parse_html,
)
from watchfloor.extract.html_meta import (
    meta_author,
    normalise_datetime,
    page_language,
    page_metadata,
)
from watchfloor.extract.html_score import (
    PageScore,
    aggregate,
    score_page,
    shingles,
    tokenize,
)
from watchfloor.extract.html_split import recover_split_body
from watchfloor.extract.html_text import drop_title_lines, is_title_line, text_weight, tidy_text
from watchfloor.records import Reason

# --- fixtures: news pages written for this project -------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """A news page: its article text and the boilerplate around it."""

    lang: str
    site: str
    title: str
    author: str
    published: str
    paragraphs: tuple[str, ...]
    boilerplate: tuple[str, ...]  # menu items, related-article links, footer


def render(page: Page) -> str:
    """A typical news page: header menu, article, related-article list, footer."""
    menu, related, footer = page.boilerplate[:6], page.boilerplate[6:-1], page.boilerplate[-1]
    nav = "".join(f'<li><a href="/c/{i}">{escape(t)}</a></li>' for i, t in enumerate(menu))
    links = "".join(f'<li><a href="/n/{i}">{escape(t)}</a></li>' for i, t in enumerate(related))
    body = "".join(f"<p>{escape(p)}</p>" for p in page.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{page.lang}"><head><meta charset="utf-8">
<title>{escape(page.title)} | {escape(page.site)}</title>
<meta property="og:site_name" content="{escape(page.site)}">
<meta property="og:title" content="{escape(page.title)}">
<meta name="author" content="{escape(page.author)}">
<meta property="article:published_time" content="{page.published}">
</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{escape(page.title)}</h1>
<div class="byline">{escape(page.author)}</div>
<div class="article-body">{body}</div></article>
<aside class="related"><ul>{links}</ul></aside></main>
<footer><p>{escape(footer)}</p></footer>
</body></html>"""


JA = Page(
    lang="ja",
    site="架空新報",
    title="ロシア極東で経済協議 北朝鮮の代表団が参加",
    author="山田太郎",
    published="2024-11-19T19:05:00+09:00",
    paragraphs=(
        "ロシア極東の都市で19日、北朝鮮の代表団を招いた経済協議が開かれた。",
        "協議では港湾の共同利用や鉄道貨物の拡大が主な議題となり、双方は年内の合意を目指すと述べた。",
        "代表団を率いた担当相は、両国の協力は新しい段階に入ったと強調した。",
        "一方、国連の制裁との関係を懸念する声も専門家の間で上がっている。",
        "外交筋によると、次回の協議は来年春に平壌で開かれる見通しだという。",
    ),
    boilerplate=(
        "トップ",
        "政治",
        "経済",
        "国際",
        "スポーツ",
        "ランキング",
        "最新ニュース 株価が小幅に反発",
        "写真特集 紅葉の名所を歩く",
        "首相が地方視察へ 来週にも",
        "Copyright 架空新報社 無断転載を禁じます",
    ),
)

KO = Page(
    lang="ko",
    site="가상일보",
    title="러시아와 북한, 극동 경제 협의 개최",
    author="김민수 기자",
    published="2024-11-19T10:05:00+09:00",
    paragraphs=(
        "러시아 극동 지역에서 19일 북한 대표단이 참석한 경제 협의가 열렸다.",
        "양측은 항만 공동 이용과 철도 화물 확대를 주요 의제로 논의했다.",
        "대표단을 이끈 장관은 두 나라의 협력이 새로운 단계에 들어섰다고 말했다.",
        "전문가들은 유엔 제재와의 관계를 우려하고 있다.",
        "다음 협의는 내년 봄 평양에서 열릴 예정이라고 외교 소식통이 전했다.",
    ),
    boilerplate=(
        "홈",
        "정치",
        "경제",
        "국제",
        "스포츠",
        "많이 본 뉴스",
        "증시 소폭 반등",
        "포토 단풍 명소를 걷다",
        "총리 지방 방문 예정",
        "저작권자 가상일보 무단 전재 및 재배포 금지",
    ),
)

ZH = Page(
    lang="zh",
    site="虚构日报",
    title="俄罗斯远东举行经济磋商 朝鲜代表团出席",
    author="王明",
    published="2024-11-19T18:05:00+08:00",
    paragraphs=(
        "俄罗斯远东城市19日举行经济磋商，朝鲜代表团应邀出席。",
        "双方重点讨论了港口共同使用和扩大铁路货运等议题，并表示争取年内达成协议。",
        "率团的部长强调，两国合作已进入新阶段。",
        "另一方面，一些专家对与联合国制裁的关系表示担忧。",
        "据外交消息人士透露，下一轮磋商预计明年春天在平壤举行。",
    ),
    boilerplate=(
        "首页",
        "政治",
        "经济",
        "国际",
        "体育",
        "排行榜",
        "最新新闻 股市小幅反弹",
        "图片专题 漫步红叶名胜",
        "总理下周视察地方",
        "版权所有 虚构日报社 未经许可不得转载",
    ),
)

EN = Page(
    lang="en",
    site="The Invented Herald",
    title="Russia and North Korea hold economic talks in the Far East",
    author="Jane Doe",
    published="2024-11-19T10:05:00+00:00",
    paragraphs=(
        "Officials from Russia and North Korea met in a Far Eastern port city on Tuesday to "
        "discuss closer economic ties.",
        "The talks focused on shared use of harbour facilities and more rail freight, and both "
        "sides said they hoped to reach an agreement before the end of the year.",
        "The minister leading the delegation said cooperation had entered a new stage.",
        "Analysts warned that several of the plans could conflict with United Nations sanctions.",
        "A further round is expected in Pyongyang next spring, according to a diplomat.",
    ),
    boilerplate=(
        "Home",
        "Politics",
        "Business",
        "World",
        "Sport",
        "Most read",
        "Latest news: markets edge higher",
        "Photo gallery: autumn colours",
        "Prime minister to tour regions",
        "Copyright The Invented Herald. All rights reserved.",
    ),
)

PAGES = [pytest.param(page, id=page.lang) for page in (JA, KO, ZH, EN)]


# --- extract_html ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_html_text_is_the_article_one_paragraph_per_line(page: Page) -> None:
    result = extract_html(render(page), url="https://news.example/a/1")
    assert result.text.split("\n") == list(page.paragraphs)
    assert result.reason is None


@pytest.mark.parametrize("page", PAGES)
def test_html_text_has_no_boilerplate_or_headline(page: Page) -> None:
    lines = set(extract_html(render(page)).text.split("\n"))
    assert lines.isdisjoint(page.boilerplate)
    assert page.title not in lines


@pytest.mark.parametrize("page", PAGES)
def test_html_metadata_is_read(page: Page) -> None:
    result = extract_html(render(page), url="https://news.example/a/1")
    assert result.title == page.title
    assert result.author == page.author  # CJK names have no space; they must survive
    assert result.published == page.published
    assert result.site_name == page.site
    assert result.lang == page.lang


@pytest.mark.parametrize(
    "html",
    [
        render(JA),
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Déclaré.</p></body></html>',
        "<!DOCTYPE html>\n<html><head><title>T</title></head><body><form><input value='v'>"
        "<label>L</label><select><option>o</option></select><textarea>t</textarea></form>"
        "<!-- a comment --><p>Text</p></body></html>",
        "<div><p>A fragment</p><p>of two paragraphs</p></div>",
        "<p>one paragraph only</p>",
        "plain words, no markup at all",
        "<html/>\n<body><p>self-closing html</p></body>",
    ],
)
def test_html_parse_html_builds_trafilaturas_tree(html: str) -> None:
    ours, theirs = parse_html(html), load_html(html)
    if theirs is None:
        assert ours is None
        return
    assert ours is not None
    assert lxml_html.tostring(ours) == lxml_html.tostring(theirs)
    assert all(type(element) is HtmlElement for element in ours.iter(tag=etree.Element))


def _without_author_meta(page: Page) -> str:
    """The page with its byline only in the body (trafilatura then searches the elements)."""
    return render(page).replace(f'<meta name="author" content="{escape(page.author)}">', "")


@pytest.mark.parametrize(
    "html",
    [render(p) for p in (JA, KO, ZH, EN)]
    + [_without_author_meta(p) for p in (JA, KO, ZH, EN)]
    + ["<html><body><p>Only a paragraph.</p><p>And another.</p></body></html>"],
)
def test_html_page_metadata_agrees_with_trafilatura(html: str) -> None:
    """Our trimmed metadata step reads the same fields as trafilatura's full one."""
    tree = load_html(html)
    assert tree is not None
    ours = page_metadata(tree, "https://news.example/a/1", date_params())
    theirs = extract_metadata(tree, "https://news.example/a/1", date_params())
    fields = ("title", "author", "url", "hostname", "date", "sitename", "description", "image")
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]


@pytest.mark.parametrize("page", PAGES)
def test_html_date_search_can_be_skipped(page: Page) -> None:
    full = extract_html(render(page), url="https://news.example/a/1")
    lean = extract_html(render(page), url="https://news.example/a/1", find_date=False)
    assert lean.published is None and full.published == page.published
    assert replace(lean, published=full.published) == full


@pytest.mark.parametrize("page", PAGES)
def test_html_short_article_is_kept(page: Page) -> None:
    short = replace(page, paragraphs=page.paragraphs[:2])
    assert extract_html(render(short)).text.split("\n") == list(short.paragraphs)


@pytest.mark.parametrize("page", PAGES)
def test_html_br_separated_paragraphs_become_lines(page: Page) -> None:
    html = render(page)
    html = html.replace("</p><p>", "<br><br>")
    assert extract_html(html).text.split("\n") == list(page.paragraphs)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", Reason.EMPTY),
        ("   \n\t", Reason.EMPTY),
        ("<html><body></body></html>", Reason.NO_TEXT),
        (
            "<html><body><script>var a = 1;</script><style>p {}</style></body></html>",
            Reason.NO_TEXT,
        ),
        ("plain words without any markup", Reason.NO_TEXT),
        ("\x00\x01\x02 binary \xff\xfe", Reason.NO_TEXT),
    ],
    ids=["empty", "blank", "no-body", "script-only", "no-markup", "binary-ish"],
)
def test_html_unusable_input_returns_reason(html: str, reason: Reason) -> None:
    result = extract_html(html)
    assert isinstance(result, HtmlExtraction)
    assert result.text == ""
    assert result.reason == reason


def test_html_xml_declaration_with_encoding_is_parsed() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + render(EN)
    assert extract_html(html).text.split("\n") == list(EN.paragraphs)


# --- choosing between the precision and the recall text --------------------------------------


@pytest.mark.parametrize(
    ("precise", "full", "expected"),
    [
        ("a" * 60, "a" * 100, "precision"),
        ("a" * 40, "a" * 100, "recall"),
        ("", "a" * 100, "recall"),
        ("a" * 60, "", "precision"),
        ("", "", "none"),
    ],
)
def test_html_choose_text_prefers_precision_unless_much_shorter(
    precise: str, full: str, expected: str
) -> None:
    text, strategy = choose_text(precise, full)
    assert strategy == expected
    assert text == {"precision": precise, "recall": full, "none": ""}[expected]


# --- line tidying and headline repeats -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title", "expected"),
    [
        ("Talks open in Vladivostok", "Talks open in Vladivostok", True),
        ("Talks open in Vladivostok", "Talks open in Vladivostok | The Invented Herald", True),
        ("TALKS OPEN IN VLADIVOSTOK!", "Talks open in Vladivostok", True),
        ("ロシア極東で経済協議", "ロシア極東で経済協議 | 架空新報", True),
        (
            "Talks open in Vladivostok on Tuesday after a long delay, officials said",
            "Talks open",
            False,
        ),
        ("Another sentence entirely", "Talks open in Vladivostok", False),
        ("", "Talks open", False),
    ],
)
def test_html_is_title_line(line: str, title: str, expected: bool) -> None:
    assert is_title_line(line, title) is expected


def test_html_drop_title_lines_only_at_the_top() -> None:
    text = "Headline here\nFirst paragraph.\nSecond.\nThird.\nHeadline here"
    assert drop_title_lines(text, "Headline here") == (
        "First paragraph.\nSecond.\nThird.\nHeadline here"
    )
    assert drop_title_lines("Headline here", "Headline here") == "Headline here"
    assert drop_title_lines(text, None) == text


def test_html_tidy_text_collapses_spaces_and_blank_lines() -> None:
    assert tidy_text("  a\u3000 b \n\n\u00a0\nc  ") == "a b\nc"


@pytest.mark.parametrize(("text", "weight"), [("abc", 3), ("平壌", 6), ("평양 a", 8)])
def test_html_text_weight_counts_cjk_as_words(text: str, weight: int) -> None:
    assert text_weight(text) == weight


# --- metadata helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-19T13:03:00+0000", "2019-11-19T13:03:00+00:00"),
        ("2019-11-19T09:01:42+0530", "2019-11-19T09:01:42+05:30"),
        ("2019-11-19T00:00:00", "2019-11-19"),
        ("2019-11-19T00:00:00+0900", "2019-11-19T00:00:00+09:00"),
        ("2019-11-19", "2019-11-19"),
        ("not a date", None),
        (None, None),
    ],
)
def test_html_normalise_datetime(value: str | None, expected: str | None) -> None:
    assert normalise_datetime(value) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<html lang="ja-JP">', "ja"),
        ('<html lang="KO">', "ko"),
        ('<html><head><meta http-equiv="Content-Language" content="zh-CN">', "zh"),
        ('<html><head><meta property="og:locale" content="ru_RU">', "ru"),
        ('<html lang="">', None),
        ("<html>", None),
    ],
)
def test_html_page_language(head: str, expected: str | None) -> None:
    tree = lxml_html.fromstring(head + "<body><p>x</p></body></html>")
    assert page_language(tree) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [("王明", "王明"), ("  Jane   Doe ", "Jane Doe"), ("https://x.example/me", None), ("", None)],
)
def test_html_meta_author_keeps_unspaced_names(content: str, expected: str | None) -> None:
    tree = lxml_html.fromstring(
        f'<html><head><meta name="author" content="{content}"></head><body></body></html>'
    )
    assert meta_author(tree) == expected


# --- benchmark scorer ------------------------------------------------------------------------


def test_html_score_tokens_are_unicode_word_runs() -> None:
    assert tokenize("Kim's visit, 2024年11月19日!") == ["Kim", "s", "visit", "2024年11月19日"]


def test_html_score_short_text_is_one_short_shingle() -> None:
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {}
    assert sum(shingles("a b c d e").values()) == 2


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("a b c d e", "a b c d e", PageScore(1.0, 0.0, 0.0)),
        ("a b c d e", "", PageScore(0.0, 0.0, 1.0)),
        ("", "a b c d e", PageScore(0.0, 1.0, 0.0)),
        ("", "", PageScore(0.0, 0.0, 0.0)),
        ("a b c d e", "a b c d x", PageScore(1 / 3, 1 / 3, 1 / 3)),
    ],
)
def test_html_score_page_normalises_overlap(gold: str, predicted: str, expected: PageScore) -> None:
    assert score_page(gold, predicted) == pytest.approx(expected)


def test_html_score_aggregate_skips_empty_sides_like_the_benchmark() -> None:
    pages = [
        score_page("a b c d e", "a b c d e"),  # exact: P = R = 1
        score_page("a b c d e", ""),  # nothing predicted: left out of precision, R = 0
        score_page("a b c d e f", "a b c d e x"),  # 2 of 3 shingles shared: P = R = 2/3
    ]
    result = aggregate(pages)
    assert result.precision == pytest.approx((1 + 2 / 3) / 2)
    assert result.recall == pytest.approx((1 + 0 + 2 / 3) / 3)
    assert result.f1 == pytest.approx(
        2 * result.precision * result.recall / (result.precision + result.recall)
    )


# --- bodies split into several same-styled blocks -------------------------------------------


def _split_page(page: Page, *, lead_box: str | None = None) -> str:
    """The page with its body cut in two ``div.article__body`` blocks around an advert."""
    first, second = page.paragraphs[:3], page.paragraphs[3:]

    def block(paragraphs: tuple[str, ...]) -> str:
        return '<div class="article__body">' + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

    box = f"{block((lead_box,))}</div>" if lead_box else ""
    body = (
        f'{box}{block(first)}</div><div class="ad"><p>Advertisement</p></div>'
        f'<div class="share"><a href="/s">Share</a></div>{block(second)}</div>'
    )
    return render(page).replace(
        '<div class="article-body">' + "".join(f"<p>{escape(p)}</p>" for p in page.paragraphs),
        body + "<div>",
    )


def _long(page: Page) -> Page:
    """Paragraphs long enough to read as prose on their own (split blocks need prose)."""
    return replace(page, paragraphs=tuple(p + " " + p for p in page.paragraphs))


@pytest.mark.parametrize("page", PAGES)
def test_html_split_body_blocks_are_joined(page: Page) -> None:
    long_page = _long(page)
    lines = extract_html(_split_page(long_page)).text.split("\n")
    body = [line for line in lines if line in long_page.paragraphs]
    assert body == list(long_page.paragraphs)  # all of it, in order, once


def _blocks(*blocks: tuple[str, ...]) -> str:
    return (
        "<html><body>"
        + "".join(
            '<div class="body-part">' + "".join(f"<p>{p}</p>" for p in block) + "</div><hr>"
            for block in blocks
        )
        + "</body></html>"
    )


PROSE = tuple(
    f"Paragraph {n} of a story that runs long enough to read as prose rather than a label, "
    "and then goes on a little further."
    for n in range(6)
)


def test_html_recover_split_body_adds_later_blocks_in_order() -> None:
    tree = lxml_html.fromstring(_blocks(PROSE[:2], PROSE[2:4], PROSE[4:]))
    text = "\n".join(PROSE[:2])
    assert recover_split_body(tree, text) == "\n".join(PROSE)


def test_html_recover_split_body_skips_blocks_ahead_and_link_lists() -> None:
    links = tuple(f'<a href="/{n}">{p}</a>' for n, p in enumerate(PROSE[4:]))
    tree = lxml_html.fromstring(_blocks(PROSE[:1], PROSE[1:3], links))
    text = "\n".join(PROSE[1:3])
    assert recover_split_body(tree, text) == text


def test_html_recover_split_body_needs_a_classed_container() -> None:
    html = _blocks(PROSE[:2], PROSE[2:]).replace(' class="body-part"', "")
    text = "\n".join(PROSE[:2])
    assert recover_split_body(lxml_html.fromstring(html), text) == text
