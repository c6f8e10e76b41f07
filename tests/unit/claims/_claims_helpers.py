"""Hand-built articles and mentions for the claims tests (sentences written for the tests)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from watchfloor.records import Article, Claim, Mention, Section

NAMES: dict[str, tuple[str, str]] = {
    # en
    "Kim Jong Un": ("Kim Jong Un", "person"),
    "Kim": ("Kim Jong Un", "person"),
    "Alexander Kozlov": ("Alexander Kozlov", "person"),
    "Kozlov": ("Alexander Kozlov", "person"),
    "Vladimir Putin": ("Vladimir Putin", "person"),
    "KCNA": ("Korean Central News Agency", "organization"),
    "United States": ("United States", "country"),
    "South Korea": ("South Korea", "country"),
    "North Korea": ("North Korea", "country"),
    "the North": ("North Korea", "country"),
    "Russia": ("Russia", "country"),
    "Ukraine": ("Ukraine", "country"),
    "Pyongyang": ("Pyongyang", "place"),
    "Moscow": ("Moscow", "place"),
    "NIS": ("National Intelligence Service (South Korea)", "organization"),
    "Yonhap": ("Yonhap News Agency", "organization"),
    "Woodward": ("Barbara Woodward", "person"),
    "Zelensky": ("Volodymyr Zelensky", "person"),
    # ja
    "金正恩": ("Kim Jong Un", "person"),
    "コズロフ": ("Alexander Kozlov", "person"),
    "プーチン": ("Vladimir Putin", "person"),
    "朝鮮中央通信": ("Korean Central News Agency", "organization"),
    "韓国": ("South Korea", "country"),
    "米国": ("United States", "country"),
    "北朝鮮": ("North Korea", "country"),
    "ロシア": ("Russia", "country"),
    "平壌": ("Pyongyang", "place"),
    # ko
    "김정은": ("Kim Jong Un", "person"),
    "코즐로프": ("Alexander Kozlov", "person"),
    "조선중앙통신": ("Korean Central News Agency", "organization"),
    "북한": ("North Korea", "country"),
    "러시아": ("Russia", "country"),
    "미국": ("United States", "country"),
    "한국": ("South Korea", "country"),
    "국정원": ("National Intelligence Service (South Korea)", "organization"),
    "평양": ("Pyongyang", "place"),
    # zh
    "普京": ("Vladimir Putin", "person"),
    "朝鲜": ("North Korea", "country"),
    "俄罗斯": ("Russia", "country"),
    "新华社": ("Xinhua News Agency", "organization"),
    "白宫": ("White House", "organization"),
    # ru
    "Путин": ("Vladimir Putin", "person"),
    "Ким Чен Ын": ("Kim Jong Un", "person"),
    "Россия": ("Russia", "country"),
    "КНДР": ("North Korea", "country"),
    "ТАСС": ("TASS", "organization"),
    "США": ("United States", "country"),
    "Россию": ("Russia", "country"),
    "Украины": ("Ukraine", "country"),
    "группы экспертов": ("UN Panel of Experts on North Korea", "organization"),
    # bodies and outlets used by the attribution and role tests
    "Security Council": ("United Nations Security Council", "organization"),
    "expert panel": ("UN Panel of Experts on North Korea", "organization"),
    "専門家パネル": ("UN Panel of Experts on North Korea", "organization"),
    "전문가 패널": ("UN Panel of Experts on North Korea", "organization"),
    "专家小组": ("UN Panel of Experts on North Korea", "organization"),
    "国家情報院": ("National Intelligence Service (South Korea)", "organization"),
    "国情院": ("National Intelligence Service (South Korea)", "organization"),
    "연합뉴스": ("Yonhap News Agency", "organization"),
    "南韩": ("South Korea", "country"),
    "푸틴": ("Vladimir Putin", "person"),
    "우크라이나": ("Ukraine", "country"),
    "乌克兰": ("Ukraine", "country"),
}


def article(
    text: str, lang: str, published: str | None = "2024-11-19", title: str | None = None
) -> Article:
    pub = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    return Article(
        doc_id="doc1",
        url="https://example.org/a",
        sha256="0" * 64,
        site="example.org",
        title=title,
        published=pub,
        published_source="input" if pub else None,
        author=None,
        credits=(),
        sections=(Section(lang, title, text),),
        extractor="test",
    )


def mentions(
    text: str, section: int = 0, names: dict[str, tuple[str, str]] | None = None
) -> tuple[Mention, ...]:
    """Longest-first, non-overlapping dictionary matches of ``names`` (default NAMES)."""
    found = []
    for surface, (name, kind) in (NAMES if names is None else names).items():
        for m in re.finditer(re.escape(surface), text):
            found.append((m.start(), m.end(), surface, name, kind))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[Mention] = []
    end = -1
    for start, stop, surface, name, kind in found:
        if start >= end:
            out.append(
                Mention(
                    "doc1", section, start, stop, surface, name, name, kind, False, 1.0, "registry"
                )
            )
            end = stop
    return tuple(out)


def extract(
    text: str,
    lang: str,
    published: str | None = "2024-11-19",
    extra: dict[str, tuple[str, str]] | None = None,
) -> tuple[Claim, ...]:
    """Claims above the shipped confidence floor, with ``extra`` names beside NAMES."""
    from watchfloor.claims.rules import RulesExtractor

    art = article(text, lang, published)
    return RulesExtractor().extract(art, mentions(text, names={**NAMES, **(extra or {})}))


def one(claims: tuple[Claim, ...], type_: str) -> Claim:
    """The one claim of a type (fails listing them all when there are none or several)."""
    found = [c for c in claims if c.type == type_]
    assert len(found) == 1, claims
    return found[0]
