"""Sanctions leads end to end: sentences written for these tests go through registry entity
linking and the claim stage (one event per claim), then the rules, in all five languages.

Reports the shipped extractor cannot yet turn into a usable claim are marked xfail with the gap
named; ``test_leads_e2e_reports_with_supply_frames`` runs them with trigger frames proposed for
the claims lexicons, so the rules side is tested either way.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import pytest

from watchfloor.claims.lexicon import LANGS, Lexicon, parse_lexicon
from watchfloor.claims.rules import RulesExtractor
from watchfloor.claims.stage import ClaimStage
from watchfloor.entities.registry import Registry
from watchfloor.entities.stage import EntityStage
from watchfloor.language.sentences import split_sentences
from watchfloor.records import Article, Claim, Event, Section
from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.leads import load_rules, match_leads


@lru_cache(maxsize=1)
def _entities() -> EntityStage:
    return EntityStage(Registry.load(), ner=False)


def _article(text: str, lang: str) -> Article:
    section = Section(lang, None, text, sentences=split_sentences(text, lang))
    published = datetime(2024, 6, 20, tzinfo=UTC)
    return Article(
        "doc-e2e", "https://example.org/e2e", "0" * 64, "example.org", None, published, "input",
        None, (), (section,), "test",
    )  # fmt: skip


def _event(claim: Claim) -> Event:
    return Event(
        event_id=f"ev-{claim.claim_id}", type=claim.type, mode=claim.mode, actors=claim.actors,
        recipients=claim.recipients, date=claim.date, date_precision=claim.date_precision,
        place=claim.place, status=claim.status, claim_ids=(claim.claim_id,),
        doc_ids=(claim.doc_id,), first_reported=None, origins=1, corroboration=1,
        asserted_by=claim.asserted_by,
    )  # fmt: skip


def _run(text: str, lang: str, stage: ClaimStage) -> tuple[tuple[Claim, ...], set[str]]:
    """(claims, lead categories) of one sentence."""
    article = _article(text, lang)
    claims = stage.process((article, _entities().process(article)))
    leads = match_leads(
        [_event(c) for c in claims], {c.claim_id: c for c in claims}, {}, load_rules(),
        load_country_resolver(),
    )  # fmt: skip
    return claims, {lead.category for lead in leads}


@lru_cache(maxsize=1)
def _shipped() -> ClaimStage:
    return ClaimStage((RulesExtractor(),))


NO_TRIGGER = "extractor gap: no trigger frame for supplying, exporting or importing goods"
NO_LABOUR = "extractor gap: no trigger frame for sending workers abroad"
RU_DATIVE = "extractor gap: ru dative recipient (России, КНДР) not assigned; actor taken instead"
RU_GIFT = "extractor gap: no ru gift trigger (подарил), and Ким Чен Ыну (dative) is not linked"
ZH_XIANG = "extractor gap: zh recipient after 向 not assigned, claim below min confidence"
EN_DOUBLE = "extractor gap: en double object (sent Kim a limousine) gives Kim as actor"
HELP_PLAN = "extractor gap: planned help (will help X build) loses its recipient, low confidence"
AGREE_PAIR = "extractor gap: 'agreed on' pools both partners as actors, below min confidence"


def _gap(reason: str) -> Any:
    return pytest.mark.xfail(reason=reason, strict=False)


def _case(category: str, lang: str, text: str, gap: str | None = None) -> Any:
    marks = [_gap(gap)] if gap else []
    return pytest.param(category, lang, text, marks=marks, id=f"{category}-{lang}-{text[:18]}")


REPORTS = [
    _case("arms_embargo", "en", "North Korea shipped artillery shells to Russia last month."),
    _case("arms_embargo", "ja", "北朝鮮がロシアに砲弾を供与した。"),
    _case("arms_embargo", "ko", "북한이 러시아에 포탄을 공급했다."),
    _case("arms_embargo", "ru", "КНДР поставила России снаряды и боеприпасы.", RU_DATIVE),
    _case("arms_embargo", "zh", "朝鲜向俄罗斯提供了大量炮弹。", ZH_XIANG),
    _case("luxury_goods", "en", "Vladimir Putin gifted Kim Jong Un an Aurus limousine."),
    _case("luxury_goods", "en", "Russia sent Kim Jong Un a limousine as a gift.", EN_DOUBLE),
    _case("luxury_goods", "en", "North Korea imported Maybach limousines via China.", NO_TRIGGER),
    _case("luxury_goods", "ja", "プーチン氏が金正恩氏に高級車アウルスを贈った。"),
    _case("luxury_goods", "ja", "北朝鮮は中国から高級酒や化粧品を輸入した。", NO_TRIGGER),
    _case("luxury_goods", "ko", "푸틴 대통령이 김정은 위원장에게 아우루스 승용차를 선물했다."),
    _case("luxury_goods", "ko", "북한이 중국을 통해 벤츠 리무진을 수입했다.", NO_TRIGGER),
    _case("luxury_goods", "ru", "Путин подарил Ким Чен Ыну лимузин Aurus.", RU_GIFT),
    _case("luxury_goods", "ru", "КНДР ввезла лимузины Mercedes через Китай.", NO_TRIGGER),
    _case("luxury_goods", "zh", "普京向金正恩赠送了一辆奥鲁斯豪华轿车。", ZH_XIANG),
    _case("luxury_goods", "zh", "朝鲜从中国进口了奔驰豪华轿车。", NO_TRIGGER),
    _case(
        "refined_petroleum", "en", "Russia supplied diesel and gasoline to North Korea.", NO_TRIGGER
    ),
    _case("refined_petroleum", "ja", "ロシアが北朝鮮に軽油やガソリンを提供した。", NO_TRIGGER),
    _case("refined_petroleum", "ko", "러시아가 북한에 휘발유와 경유를 공급했다.", NO_TRIGGER),
    _case(
        "refined_petroleum", "ru", "Россия поставила КНДР бензин и дизельное топливо.", NO_TRIGGER
    ),
    _case("refined_petroleum", "zh", "俄罗斯向朝鲜提供了汽油和柴油。", NO_TRIGGER),
    _case("overseas_labour", "en", "North Korea sent thousands of workers to Russia.", NO_LABOUR),
    _case("overseas_labour", "ja", "北朝鮮がロシアに数千人の労働者を派遣した。", NO_LABOUR),
    _case("overseas_labour", "ko", "북한이 러시아에 노동자 수천 명을 파견했다.", NO_LABOUR),
    _case("overseas_labour", "ru", "КНДР направила в Россию тысячи рабочих.", NO_LABOUR),
    _case("overseas_labour", "zh", "朝鲜向俄罗斯派遣了数千名工人。", NO_LABOUR),
    _case("scientific_cooperation", "en", "Russia will help North Korea build satellites."),
    _case("scientific_cooperation", "ja", "ロシアが北朝鮮の衛星開発を支援する。"),
    _case("scientific_cooperation", "ko", "러시아가 북한의 위성 개발을 지원하기로 했다."),
    _case("scientific_cooperation", "ru", "Россия поможет КНДР в создании спутников.", HELP_PLAN),
    _case("scientific_cooperation", "zh", "俄罗斯将帮助朝鲜研制卫星。"),
    _case("ship_to_ship", "en", "Japan accused North Korea of ship-to-ship transfers at sea."),
    _case("ship_to_ship", "ja", "日本政府は北朝鮮の瀬取りを非難した。"),
    _case("ship_to_ship", "ko", "정부는 북한의 불법 해상 환적을 비난했다."),
    _case("ship_to_ship", "ru", "Япония обвинила КНДР в перегрузке в море с судна на судно."),
    _case("ship_to_ship", "zh", "日本谴责朝鲜进行海上过驳。"),
    _case(
        "financial", "en", "Russia and North Korea agreed on bank payments in rubles.", AGREE_PAIR
    ),
    _case("financial", "ja", "ロシアと北朝鮮は銀行決済で合意した。", AGREE_PAIR),
    _case("financial", "ko", "러시아와 북한은 은행 결제에 합의했다.", AGREE_PAIR),
    _case(
        "financial", "ru", "Россия и КНДР договорились о банковских расчетах в рублях.", AGREE_PAIR
    ),
    _case("financial", "zh", "俄罗斯与朝鲜就银行结算达成协议。", AGREE_PAIR),
    _case("financial", "en", "Washington accused Pyongyang of laundering money through banks."),
]


@pytest.mark.slow
@pytest.mark.parametrize(("category", "lang", "text"), REPORTS)
def test_leads_e2e_report_raises_its_lead(category: str, lang: str, text: str) -> None:
    claims, categories = _run(text, lang, _shipped())
    assert claims, "the claim stage produced no claim"
    assert category in categories, [(c.type, c.mode, c.actors, c.recipients) for c in claims]


NEAR_MISSES = [
    # the DPRK gives, it does not receive: no luxury-goods lead
    ("luxury_goods", "en", "Kim Jong Un gifted Vladimir Putin a luxury watch."),
    ("luxury_goods", "ja", "金正恩氏がプーチン氏に高級時計を贈った。"),
    ("luxury_goods", "ko", "김정은 위원장이 푸틴 대통령에게 고급 시계를 선물했다."),
    # no DPRK party
    ("luxury_goods", "en", "Vladimir Putin gifted Alexander Lukashenko an Aurus limousine."),
    ("scientific_cooperation", "en", "Russia and China signed an agreement on student exchanges."),
    ("ship_to_ship", "en", "China accused Japan of ship-to-ship transfers at sea."),
    # a car in a summit story is no supply of one
    (
        "luxury_goods",
        "en",
        "Kim Jong Un met Vladimir Putin, who had arrived in an Aurus limousine.",
    ),
    # prices in another clause, satellite images as a source, the ruling party's name
    ("refined_petroleum", "en", "Russia gifted North Korea 447 goats, while diesel prices rose."),
    ("crude_oil", "en", "North Korea shipped artillery shells to Russia as crude oil prices rose."),
    (
        "scientific_cooperation",
        "en",
        "North Korea shipped artillery shells to Russia, satellite images show.",
    ),
    (
        "scientific_cooperation",
        "ko",
        "북한이 러시아에 포탄을 공급했다고 위성사진 분석 결과 드러났다.",
    ),
    ("scientific_cooperation", "ja", "北朝鮮がロシアに砲弾を供与したことが衛星写真で確認された。"),
    (
        "overseas_labour",
        "en",
        "The Workers' Party of Korea signed a cooperation agreement with United Russia.",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("category", "lang", "text"), NEAR_MISSES)
def test_leads_e2e_near_miss_raises_no_lead(category: str, lang: str, text: str) -> None:
    claims, categories = _run(text, lang, _shipped())
    assert claims, "the near miss must reach the rules as a claim to test them"
    assert category not in categories


# Trigger frames proposed for the claims lexicons (owned there): supplying, importing and
# sending workers. Here they only show that the rules turn such claims into leads.
PROPOSED: Mapping[str, list[dict[str, Any]]] = {
    "en": [
        {"key": "en.aid.supply", "type": "AID", "mode": "supply", "strength": 0.85,
         "needs": "actor", "terms": ["supplied", "supplies", "delivered", "provided", "exported",
                                     "shipped", "sold"]},
        {"key": "en.cooperate.import", "type": "COOPERATE", "mode": "import", "strength": 0.85,
         "needs": "actor", "terms": ["imported", "imports", "bought", "purchased", "procured"]},
        {"key": "en.cooperate.labour", "type": "COOPERATE", "mode": "labour export",
         "strength": 0.85, "needs": "actor",
         "patterns": ["(?:sent|dispatched)\\b[^.;]{0,40}?(?:workers|labourers|laborers)"]},
    ],
    "ja": [
        {"key": "ja.aid.supply", "type": "AID", "mode": "supply", "strength": 0.85,
         "needs": "actor", "terms": ["提供した", "供給した", "輸出した", "売却した"]},
        {"key": "ja.cooperate.import", "type": "COOPERATE", "mode": "import", "strength": 0.85,
         "needs": "actor", "terms": ["輸入した", "輸入している", "購入した"]},
        {"key": "ja.cooperate.labour", "type": "COOPERATE", "mode": "labour export",
         "strength": 0.85, "needs": "actor", "patterns": ["労働者[^。]{0,10}?(?:派遣|送)"]},
    ],
    "ko": [
        {"key": "ko.aid.supply", "type": "AID", "mode": "supply", "strength": 0.85,
         "needs": "actor", "terms": ["공급했", "제공했", "수출했"]},
        {"key": "ko.cooperate.import", "type": "COOPERATE", "mode": "import", "strength": 0.85,
         "needs": "actor", "terms": ["수입했", "들여왔"]},
        {"key": "ko.cooperate.labour", "type": "COOPERATE", "mode": "labour export",
         "strength": 0.85, "needs": "actor",
         "patterns": ["(?:노동자|근로자)[^.。]{0,15}?(?:파견|보냈|송출)"]},
    ],
    "ru": [
        {"key": "ru.aid.supply", "type": "AID", "mode": "supply", "strength": 0.85,
         "needs": "actor", "terms": ["поставила", "поставил", "поставили", "передала"]},
        {"key": "ru.aid.gift", "type": "AID", "mode": "gift", "strength": 0.85,
         "needs": "actor", "terms": ["подарил", "подарила", "подарили"]},
        {"key": "ru.cooperate.import", "type": "COOPERATE", "mode": "import", "strength": 0.85,
         "needs": "actor", "terms": ["ввезла", "ввез", "импортировала"]},
        {"key": "ru.cooperate.labour", "type": "COOPERATE", "mode": "labour export",
         "strength": 0.85, "needs": "actor",
         "patterns": ["(?:направил\\w*|отправил\\w*)\\s(?:\\S+\\s){0,4}?рабочих"]},
    ],
    "zh": [
        {"key": "zh.aid.supply", "type": "AID", "mode": "supply", "strength": 0.85,
         "needs": "actor", "terms": ["提供了", "供应了", "出口了"]},
        {"key": "zh.cooperate.import", "type": "COOPERATE", "mode": "import", "strength": 0.85,
         "needs": "actor", "terms": ["进口了", "進口了"]},
        {"key": "zh.cooperate.labour", "type": "COOPERATE", "mode": "labour export",
         "strength": 0.85, "needs": "actor", "patterns": ["派遣[^。]{0,10}?(?:工人|劳工|勞工)"]},
    ],
}  # fmt: skip


def _toml(*parts: str) -> dict[str, Any]:
    path = resources.files("watchfloor").joinpath("data", "lexicons", *parts)
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@lru_cache(maxsize=1)
def _proposed() -> ClaimStage:
    lexicons: dict[str, Lexicon] = {}
    for lang in LANGS:
        triggers = _toml("triggers", f"{lang}.toml")
        triggers["frame"] = [*triggers.get("frame", []), *PROPOSED.get(lang, [])]
        lexicons[lang] = parse_lexicon(
            lang, triggers, _toml("reporting", f"{lang}.toml"), _toml("triggers", "_common.toml")
        )
    return ClaimStage((RulesExtractor(lexicons=lexicons),))


# a gap that frames alone do not close: zh "X从Y进口" (X imported from Y) makes Y the actor
ZH_FROM = "extractor gap: zh source after 从/经 taken as the actor of an import"
STILL_GAPS = {"朝鲜从中国进口了奔驰豪华轿车。": ZH_FROM}

# the same reports, marked only with the gaps frames do not close: they pass once frames exist
TRIGGER_GAPS = [
    pytest.param(*p.values, id=p.id, marks=[_gap(STILL_GAPS[str(p.values[2])])]
                 if p.values[2] in STILL_GAPS else [])
    for p in REPORTS
    if any(m.kwargs.get("reason") in {NO_TRIGGER, NO_LABOUR} for m in p.marks)
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("category", "lang", "text"), TRIGGER_GAPS)
def test_leads_e2e_reports_with_supply_frames(category: str, lang: str, text: str) -> None:
    claims, categories = _run(text, lang, _proposed())
    assert claims, "no claim even with the proposed frames"
    assert category in categories, [(c.type, c.mode, c.actors, c.recipients) for c in claims]
