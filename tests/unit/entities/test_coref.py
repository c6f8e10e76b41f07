"""In-document coreference: surnames after introduction, titles, short forms, role phrases."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

import pytest

from watchfloor.entities.registry import Registry
from watchfloor.entities.stage import EntityStage
from watchfloor.records import Article, Section


@lru_cache(maxsize=1)
def stage() -> EntityStage:
    return EntityStage(Registry.load(), ner=False)


def article(
    lang: str, text: str, published: datetime | None = None, title: str | None = None
) -> Article:
    return Article(
        doc_id="d1",
        url="u",
        sha256="",
        site=None,
        title=title,
        published=published,
        published_source=None,
        author=None,
        credits=(),
        sections=(Section(lang=lang, title=title, text=text),),
        extractor="test",
    )


def linked(lang: str, text: str, published: datetime | None = None) -> list[tuple[str, str, str]]:
    return [
        (m.text, m.canonical_name, m.method)
        for m in stage().process(article(lang, text, published))
    ]


def test_coref_surname_after_introduction() -> None:
    out = linked("en", "Kim Jong Un toured a factory. Later Kim praised the workers.")
    assert ("Kim", "Kim Jong Un", "coref") in out


def test_coref_surname_picks_most_recent_introduction() -> None:
    text = "Kim Jong Un spoke first. His sister Kim Yo Jong issued a statement. Kim warned Seoul."
    out = linked("en", text)
    assert out[-1][0] != "Seoul" or ("Kim", "Kim Yo Jong", "coref") in out
    assert ("Kim", "Kim Yo Jong", "coref") in out


def test_coref_bare_shared_surname_without_introduction_is_not_linked() -> None:
    assert all(name != "Kim Jong Un" for _t, name, _m in linked("en", "A man named Kim spoke."))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ja", "金委員長は演説で決意を示した。", "Kim Jong Un"),
        ("ko", "김 위원장은 이날 공장을 찾았다.", "Kim Jong Un"),
        ("en", "President Putin arrived late.", "Vladimir Putin"),
        ("ja", "プーチン氏は歓迎した。", "Vladimir Putin"),
        ("ko", "푸틴 대통령이 밝혔다.", "Vladimir Putin"),
    ],
)
def test_coref_title_forms(lang: str, text: str, expected: str) -> None:
    day = datetime(2024, 6, 19, tzinfo=UTC)
    assert expected in {name for _t, name, _m in linked(lang, text, day)}


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        (
            "The Russian defence minister visited Pyongyang.",
            datetime(2023, 7, 26, tzinfo=UTC),
            "Sergei Shoigu",
        ),
        (
            "The Russian defence minister visited Pyongyang.",
            datetime(2024, 9, 13, tzinfo=UTC),
            "Andrei Belousov",
        ),
        (
            "The South Korean president spoke on television.",
            datetime(2024, 10, 18, tzinfo=UTC),
            "Yoon Suk Yeol",
        ),
    ],
)
def test_coref_role_phrases_resolve_on_article_date(
    text: str, day: datetime, expected: str
) -> None:
    assert (expected, "coref") in {(name, m) for _t, name, m in linked("en", text, day)}


def test_coref_undated_role_prefers_the_holder_the_text_names() -> None:
    out = linked("en", "The South Korean president met reporters. Yoon Suk Yeol said little.")
    assert ("South Korean president", "Yoon Suk Yeol", "coref") in out


def test_coref_short_form_needs_the_full_name_in_the_document() -> None:
    assert all(n != "North Korea" for _t, n, _m in linked("en", "the North won the match"))
    out = linked("en", "North Korea fired a missile. The launch by the North was condemned.")
    assert ("the North", "North Korea", "coref") in out
