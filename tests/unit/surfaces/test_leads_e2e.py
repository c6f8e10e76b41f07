"""Sanctions leads end to end: sentences written for these tests go through registry entity
linking and the claim stage (one event per claim), then the rules, in all five languages.

Reports the shipped extractor cannot yet turn into a usable claim are marked xfail with the gap
named; ``test_leads_e2e_reports_with_supply_frames`` runs them with trigger frames proposed for
the claims lexicons, so the rules side is tested either way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import pytest

from watchfloor.claims.rules import RulesExtractor
from watchfloor.claims.stage import ClaimStage
from watchfloor.entities.registry import Registry
from watchfloor.entities.stage import EntityStage
from watchfloor.language.sentences import split_sentences
from watchfloor.records import Article, Claim, Event, Section
from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.lead_rules import load_rules
from watchfloor.surfaces.leads import match_leads


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


def _gap(reason: str) -> Any:
    return pytest.mark.xfail(reason=reason, strict=False)


def _case(category: str, lang: str, text: str, gap: str | None = None) -> Any:
    marks = [_gap(gap)] if gap else []
    return pytest.param(category, lang, text, marks=marks, id=f"{category}-{lang}-{text[:18]}")


REPORTS = [
    _case("arms_embargo", "en", "North Korea shipped artillery shells to Russia last month."),
    _case("arms_embargo", "ja", "北朝鮮がロシアに砲弾を供与した。"),
    _case("arms_embargo", "ko", "북한이 러시아에 포탄을 공급했다."),
    _case("arms_embargo", "ru", "КНДР поставила России снаряды и боеприпасы."),
    _case("arms_embargo", "zh", "朝鲜向俄罗斯提供了大量炮弹。"),
    _case("luxury_goods", "en", "Vladimir Putin gifted Kim Jong Un an Aurus limousine."),
    _case("luxury_goods", "en", "Russia sent Kim Jong Un a limousine as a gift."),
    _case("luxury_goods", "en", "North Korea imported Maybach limousines via China."),
    _case("luxury_goods", "ja", "プーチン氏が金正恩氏に高級車アウルスを贈った。"),
    _case("luxury_goods", "ja", "北朝鮮は中国から高級酒や化粧品を輸入した。"),
    _case("luxury_goods", "ko", "푸틴 대통령이 김정은 위원장에게 아우루스 승용차를 선물했다."),
    _case("luxury_goods", "ko", "북한이 중국을 통해 벤츠 리무진을 수입했다."),
    _case("luxury_goods", "ru", "Путин подарил Ким Чен Ыну лимузин Aurus."),
    _case("luxury_goods", "ru", "КНДР ввезла лимузины Mercedes через Китай."),
    _case("luxury_goods", "zh", "普京向金正恩赠送了一辆奥鲁斯豪华轿车。"),
    _case("luxury_goods", "zh", "朝鲜从中国进口了奔驰豪华轿车。"),
    # arms transferred, bought, or sent on to a goal named after them
    _case("arms_embargo", "en", "North Korea transferred arms to Russia, the White House said."),
    _case("arms_embargo", "en", "Russia bought rockets and artillery shells from North Korea."),
    _case("arms_embargo", "ko", "북한은 컨테이너 1만3000개 분량의 포탄을 러시아에 보냈다."),
    _case("arms_embargo", "ja", "北朝鮮は大量の砲弾をロシアに送った。"),
    # a gift received: the giver supplies it
    _case("luxury_goods", "en", "Kim Jong Un received a limousine from Vladimir Putin as a gift."),
    _case("luxury_goods", "ja", "金正恩氏はプーチン氏から高級車を贈られた。"),
    _case("luxury_goods", "ko", "김정은 위원장은 푸틴 대통령으로부터 리무진을 선물받았다."),
    _case("luxury_goods", "zh", "金正恩获赠普京的豪华轿车。"),
    _case("luxury_goods", "ru", "Ким Чен Ын получил в подарок от Путина лимузин."),
    # a car sent or handed over is a gift too
    _case("luxury_goods", "ja", "プーチン氏は金正恩氏に高級車をプレゼントした。"),
    _case("luxury_goods", "ja", "プーチン氏は金正恩氏にリムジンを送った。"),
    _case("luxury_goods", "ko", "푸틴 대통령은 김정은 위원장에게 고급 승용차를 보냈다."),
    _case("luxury_goods", "zh", "普京送给金正恩一辆豪华轿车。"),
    _case("luxury_goods", "ru", "Путин отправил Ким Чен Ыну лимузин."),
    _case("refined_petroleum", "en", "Russia supplied diesel and gasoline to North Korea."),
    _case("refined_petroleum", "ja", "ロシアが北朝鮮に軽油やガソリンを提供した。"),
    _case("refined_petroleum", "ko", "러시아가 북한에 휘발유와 경유를 공급했다."),
    _case("refined_petroleum", "ru", "Россия поставила КНДР бензин и дизельное топливо."),
    _case("refined_petroleum", "zh", "俄罗斯向朝鲜提供了汽油和柴油。"),
    _case("overseas_labour", "en", "North Korea sent thousands of workers to Russia."),
    _case("overseas_labour", "ja", "北朝鮮がロシアに数千人の労働者を派遣した。"),
    _case("overseas_labour", "ko", "북한이 러시아에 노동자 수천 명을 파견했다."),
    _case("overseas_labour", "ru", "КНДР направила в Россию тысячи рабочих."),
    _case("overseas_labour", "zh", "朝鲜向俄罗斯派遣了数千名工人。"),
    _case("scientific_cooperation", "en", "Russia will help North Korea build satellites."),
    _case("scientific_cooperation", "ja", "ロシアが北朝鮮の衛星開発を支援する。"),
    _case("scientific_cooperation", "ko", "러시아가 북한의 위성 개발을 지원하기로 했다."),
    _case("scientific_cooperation", "ru", "Россия поможет КНДР в создании спутников."),
    _case("scientific_cooperation", "zh", "俄罗斯将帮助朝鲜研制卫星。"),
    _case("ship_to_ship", "en", "Japan accused North Korea of ship-to-ship transfers at sea."),
    _case("ship_to_ship", "ja", "日本政府は北朝鮮の瀬取りを非難した。"),
    _case("ship_to_ship", "ko", "정부는 북한의 불법 해상 환적을 비난했다."),
    _case("ship_to_ship", "ru", "Япония обвинила КНДР в перегрузке в море с судна на судно."),
    _case("ship_to_ship", "zh", "日本谴责朝鲜进行海上过驳。"),
    _case("financial", "en", "Russia and North Korea agreed on bank payments in rubles."),
    _case("financial", "ja", "ロシアと北朝鮮は銀行決済で合意した。"),
    _case("financial", "ko", "러시아와 북한은 은행 결제에 합의했다."),
    _case("financial", "ru", "Россия и КНДР договорились о банковских расчетах в рублях."),
    _case("financial", "zh", "俄罗斯与朝鲜就银行结算达成协议。"),
    _case("financial", "en", "Washington accused Pyongyang of laundering money through banks."),
    # one party agreeing with the other, and a delivery verb
    _case("financial", "en", "Russia agreed with North Korea on payments through a state bank."),
    _case("financial", "zh", "俄罗斯同意与朝鲜开展银行结算合作。"),
    _case("refined_petroleum", "en", "Moscow delivered tankers of diesel to Pyongyang in May."),
    _case("refined_petroleum", "ru", "Россия передала КНДР партию дизельного топлива."),
    _case("luxury_goods", "ja", "ロシアが北朝鮮に高級乗用車を輸出した。"),
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
    # the DPRK supplies, it does not receive; an import of goods not on the luxury list
    ("luxury_goods", "en", "North Korea supplied luxury cars to Russia."),
    ("luxury_goods", "zh", "朝鲜向俄罗斯出口了豪华轿车。"),
    ("luxury_goods", "en", "North Korea imported wheat from Russia."),
    # a message passed on is no delivery of goods
    ("refined_petroleum", "ru", "Россия поставила КНДР зерно, а цены на бензин выросли."),
]


@pytest.mark.slow
@pytest.mark.parametrize(("category", "lang", "text"), NEAR_MISSES)
def test_leads_e2e_near_miss_raises_no_lead(category: str, lang: str, text: str) -> None:
    claims, categories = _run(text, lang, _shipped())
    assert claims, "the near miss must reach the rules as a claim to test them"
    assert category not in categories
