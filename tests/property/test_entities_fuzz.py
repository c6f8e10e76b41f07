"""The entity stage never raises on arbitrary text, and every offset points at its text."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.entities.registry import LANGS, Registry
from watchfloor.entities.stage import EntityStage
from watchfloor.records import Article, Section


@lru_cache(maxsize=1)
def stage() -> EntityStage:
    return EntityStage(Registry.load(), ner=False)


# Text mixing the scripts and the names the matcher cares about, plus arbitrary characters.
FRAGMENTS = st.sampled_from(
    [
        "Kim",
        "Kim Jong Un",
        "Путин",
        "Путина",
        "김정은",
        "김 위원장",
        "金",
        "委員長",
        "露朝",
        "북·러",
        "俄方",
        "Pyongyang",
        "the North",
        "Mr. ",
        "'s",
        "\u00a0",
        "\n",
        "・",
        "Ｐｕｔｉｎ",
        "ё",
        "İ",
    ]
)
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, title=st.one_of(st.none(), TEXT), lang=st.sampled_from([*LANGS, "fr"]))
def test_entities_fuzz_never_raises_offsets_exact(text: str, title: str | None, lang: str) -> None:
    art = Article(
        doc_id="d",
        url="u",
        sha256="",
        site=None,
        title=title,
        published=None,
        published_source=None,
        author=None,
        credits=(),
        sections=(Section(lang=lang, title=title, text=text),),
        extractor="fuzz",
    )
    text_mentions, title_mentions = stage().process_all(art)
    for m in text_mentions:
        assert m.text == text[m.start : m.end] and m.start < m.end
    for m in title_mentions:
        assert m.text == (title or "")[m.start : m.end]
