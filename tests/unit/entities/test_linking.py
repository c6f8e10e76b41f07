"""The entity stage end to end: five languages, exact offsets, NER cascade, provisional
entities, grouping proposals and writing accepted ones to the user registry."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from watchfloor.entities import stage as stage_module
from watchfloor.entities.grouping import ProvisionalObservation, name_similarity, romanize
from watchfloor.entities.linking import accept_proposal, group_provisional
from watchfloor.entities.ner import NerSpan
from watchfloor.entities.registry import Registry
from watchfloor.entities.stage import EntityStage
from watchfloor.records import Article, Section

DAY = datetime(2024, 11, 19, tzinfo=UTC)


@lru_cache(maxsize=1)
def registry() -> Registry:
    return Registry.load()


@lru_cache(maxsize=1)
def stage() -> EntityStage:
    return EntityStage(registry(), ner=False)


def article(*sections: Section, published: datetime | None = DAY) -> Article:
    return Article(
        doc_id="doc",
        url="u",
        sha256="",
        site=None,
        title=None,
        published=published,
        published_source=None,
        author=None,
        credits=(),
        sections=sections,
        extractor="test",
    )


# My own sentences, one per language, naming the same actors.
SENTENCES = {
    "en": "North Korean leader Kim Jong Un received Russia's natural resources minister Alexander Kozlov in Pyongyang, KCNA said.",  # noqa: E501
    "ja": "北朝鮮の金正恩総書記は平壌でロシアのコズロフ天然資源環境相と会談したと朝鮮中央通信が伝えた。",  # noqa: E501
    "ko": "김정은 국무위원장이 평양에서 러시아의 코즐로프 천연자원환경부 장관을 접견했다고 조선중앙통신이 보도했다.",  # noqa: E501
    "ru": "Ким Чен Ын принял в Пхеньяне министра природных ресурсов России Александра Козлова, сообщило ЦТАК.",  # noqa: E501
    "zh": "据朝中社报道，朝鲜最高领导人金正恩在平壤会见了俄罗斯自然资源与生态部部长科兹洛夫。",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_linking_same_actors_in_every_language(lang: str) -> None:
    mentions = stage().process(article(Section(lang=lang, title=None, text=SENTENCES[lang])))
    names = {m.canonical_name for m in mentions}
    assert {"Kim Jong Un", "Alexander Kozlov", "Russia", "Korean Central News Agency"} <= names
    for m in mentions:
        assert m.text == SENTENCES[lang][m.start : m.end]
        assert not m.provisional and m.method in {"registry", "coref", "ner"}


def test_linking_offsets_are_per_section_and_titles_separate() -> None:
    art = article(
        Section(lang="ja", title="露朝が会談", text="プーチン大統領は述べた。"),
        Section(lang="en", title="Putin meets Kim", text="Vladimir Putin met Kim Jong Un."),
    )
    text_mentions, title_mentions = stage().process_all(art)
    for m in text_mentions:
        assert m.text == art.sections[m.section].text[m.start : m.end]
    for m in title_mentions:
        assert m.text == (art.sections[m.section].title or "")[m.start : m.end]
    assert {"Russia", "North Korea"} <= {m.canonical_name for m in title_mentions}


def test_linking_capital_as_actor_but_not_as_place() -> None:
    text = "Pyongyang denied the report. Officials arrived in Moscow on Monday."
    mentions = stage().process(article(Section(lang="en", title=None, text=text)))
    pairs = {(m.text, m.canonical_name) for m in mentions}
    assert ("Pyongyang", "North Korea") in pairs and ("Pyongyang", "Pyongyang") in pairs
    assert ("Moscow", "Russia") not in pairs and ("Moscow", "Moscow") in pairs


ACADEMY = "Military Academy of the General Staff of the Armed Forces of Russia"


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        # a delegation (대표단) is a body: 대표 there is no title that takes the name
        ("ko", "총참모부 군사대학 대표단이 평양에 도착했다.", True),
        # a title after a body's name names a person: the body is not mentioned
        ("ko", "총참모부 군사대학 대표는 말했다.", False),
    ],
)
def test_linking_a_delegation_is_no_title(lang: str, text: str, kept: bool) -> None:
    mentions = stage().process(article(Section(lang=lang, title=None, text=text)))
    assert (ACADEMY in {m.canonical_name for m in mentions}) is kept


class FakeBackend:
    lang = "en"
    name = "ner.fake"

    def spans(self, text: str) -> list[NerSpan]:
        out = []
        for word, label in (
            ("Ivan Petrovsky", "PER"),
            ("Kozlov", "PER"),
            ("Korea Shipping Co", "ORG"),
        ):
            k = text.find(word)
            if k >= 0:
                out.append(NerSpan(k, k + len(word), word, label, 0.9))
        return out

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]:
        return [self.spans(t) for t in texts]


def test_linking_ner_cascade_provisional_and_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        stage_module, "get_backend", lambda lang: FakeBackend() if lang == "en" else None
    )
    st = EntityStage(registry(), ("en",), ner=True)
    text = "Alexander Kozlov arrived. An aide, Ivan Petrovsky, met Korea Shipping Co staff. Kozlov left."  # noqa: E501
    mentions = st.process(article(Section(lang="en", title=None, text=text)))
    by_text = {m.text: m for m in mentions}
    prov = by_text["Ivan Petrovsky"]
    assert prov.provisional and prov.entity_id == "prov:en:ivan petrovsky" and prov.kind == "person"
    assert by_text["Korea Shipping Co"].kind == "organization"
    assert (
        by_text["Kozlov"].canonical_name == "Alexander Kozlov" and not by_text["Kozlov"].provisional
    )
    for m in mentions:
        assert m.text == text[m.start : m.end]


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("キム・ヨンボク", "Kim Yong Bok", True),
        ("김영복", "Kim Yong Bok", True),
        ("Кожемяко", "Kozhemyako", True),
        ("김영복", "Park Sun-won", False),
    ],
)
def test_linking_transliteration_similarity(a: str, b: str, close: bool) -> None:
    assert (name_similarity(a, b) >= 0.72) is close, (romanize(a), romanize(b))


def test_linking_group_provisional_and_accept(tmp_path: Path) -> None:
    co = frozenset({"kim-jong-un", "country:RUS"})
    obs = [
        ProvisionalObservation("prov:en:kim yong bok", "Kim Yong Bok", "en", "person", "d1", co),
        ProvisionalObservation("prov:ko:김영복", "김영복", "ko", "person", "d2", co),
        ProvisionalObservation("prov:ja:別人", "別人", "ja", "person", "d3", frozenset({"nato"})),
    ]
    proposals = group_provisional(obs)
    assert len(proposals) == 1
    prop = proposals[0]
    assert prop.canonical_name == "Kim Yong Bok" and len(prop.evidence) >= 2
    path = tmp_path / "user-registry.yaml"
    actor_id = accept_proposal(prop, path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc["actors"][0]["id"] == actor_id and "김영복" in doc["actors"][0]["names"]["ko"]
    reg = Registry.load([path])  # the accepted actor is a valid registry entry
    assert reg.get(actor_id) is not None
    assert accept_proposal(prop, path) != actor_id  # a second acceptance gets a fresh id
