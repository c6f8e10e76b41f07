"""Sanctions leads: rules file, matching, reliability, storage."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from tests.unit.surfaces.conftest import build_events, doc_id, populate

from watchfloor.config import load_config
from watchfloor.errors import ConfigError
from watchfloor.records import Claim, Event, Stance, Status
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.corpus_view import DocInfo
from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.lead_rules import (
    CATEGORIES,
    default_rules_path,
    keyword_pattern,
    load_rules,
    parse_rules,
)
from watchfloor.surfaces.leads import (
    find_leads,
    lead_id,
    match_leads,
    origin_reliability,
)


def _event(eid: str, claim: Claim, **kw: object) -> Event:
    base = Event(
        event_id=eid,
        type=claim.type,
        mode=claim.mode,
        actors=claim.actors,
        recipients=claim.recipients,
        date=claim.date,
        date_precision="day",
        place=None,
        status=claim.status,
        claim_ids=(claim.claim_id,),
        doc_ids=(claim.doc_id,),
        first_reported=None,
        origins=1,
        corroboration=1,
        asserted_by=claim.asserted_by,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def _claim(evidence: str, type_: str, mode: str | None, actors: tuple[str, ...],
           recipients: tuple[str, ...], cid: str = "cl-1") -> Claim:  # fmt: skip
    return Claim(
        claim_id=cid, doc_id="d1", section=0, start=0, end=len(evidence), evidence=evidence,
        type=type_, mode=mode, actors=actors, recipients=recipients, asserted_by=(),
        stance=Stance.REPORTS, status=Status.ALLEGED, date="2024-06-19",
    )  # fmt: skip


def _categories(claim: Claim) -> set[str]:
    leads = match_leads(
        [_event("ev-1", claim)], {claim.claim_id: claim}, {}, load_rules(),
        load_country_resolver(),
    )  # fmt: skip
    return {lead.category for lead in leads}


@pytest.mark.parametrize(
    ("evidence", "type_", "mode", "actors", "recipients", "category"),
    [
        # arms transfers in each language, written for this test
        (
            "The North delivered millions of artillery shells to Moscow.",
            "AID",
            "military",
            ("North Korea",),
            ("Russia",),
            "arms_embargo",
        ),
        (
            "北朝鮮がロシアに砲弾を送ったとされる。",
            "AID",
            None,
            ("North Korea",),
            ("Russia",),
            "arms_embargo",
        ),
        (
            "북한이 러시아에 포탄을 보냈다.",
            "AID",
            None,
            ("North Korea",),
            ("Russia",),
            "arms_embargo",
        ),
        (
            "КНДР передала России снаряды.",
            "AID",
            None,
            ("North Korea",),
            ("Russia",),
            "arms_embargo",
        ),
        ("朝鲜向俄罗斯提供了弹药。", "AID", None, ("North Korea",), ("Russia",), "arms_embargo"),
        # a person counts for their country
        (
            "Kim sent missiles to Russia.",
            "AID",
            "military (munitions)",
            ("Kim Jong Un",),
            ("Russia",),
            "arms_embargo",
        ),
        # an accusation of arms transfers
        (
            "Washington accused Pyongyang of arms transfers to Moscow.",
            "ACCUSE",
            "allege",
            ("United States",),
            ("North Korea",),
            "arms_embargo",
        ),
        # luxury goods
        (
            "Putin presented Kim with an Aurus limousine.",
            "AID",
            "gift",
            ("Vladimir Putin",),
            ("Kim Jong Un",),
            "luxury_goods",
        ),
        (
            "プーチン氏が金正恩氏に高級車を贈った。",
            "AID",
            "gift",
            ("Vladimir Putin",),
            ("Kim Jong Un",),
            "luxury_goods",
        ),
        (
            "Путин подарил Ким Чен Ыну лимузин.",
            "AID",
            "gift",
            ("Vladimir Putin",),
            ("Kim Jong Un",),
            "luxury_goods",
        ),
        (
            "普京送给金正恩一辆豪车。",
            "AID",
            "gift",
            ("Vladimir Putin",),
            ("Kim Jong Un",),
            "luxury_goods",
        ),
        # other provisions
        (
            "Russia shipped refined petroleum products to the North above the cap.",
            "AID",
            None,
            ("Russia",),
            ("North Korea",),
            "refined_petroleum",
        ),
        (
            "Tankers carried crude oil to the North.",
            "AID",
            None,
            ("Russia",),
            ("North Korea",),
            "crude_oil",
        ),
        (
            "Thousands of North Korean workers were sent to Russian construction sites.",
            "COOPERATE",
            None,
            ("North Korea",),
            ("Russia",),
            "overseas_labour",
        ),
        (
            "Moscow will help Pyongyang build satellites.",
            "AID",
            "satellite assistance",
            ("Russia",),
            ("North Korea",),
            "scientific_cooperation",
        ),
        (
            "A ship-to-ship transfer with a North Korean tanker was photographed.",
            "COOPERATE",
            None,
            ("Russia",),
            ("North Korea",),
            "ship_to_ship",
        ),
        (
            "The two sides agreed on bank payments in rubles.",
            "AGREE",
            None,
            ("Russia",),
            ("North Korea",),
            "financial",
        ),
        (
            "Russia vetoed the renewal of the Panel of Experts.",
            "REJECT",
            "veto",
            ("Russia",),
            ("United States",),
            "other",
        ),
    ],
)
def test_leads_category_per_report(
    evidence: str, type_: str, mode: str | None, actors: tuple[str, ...],
    recipients: tuple[str, ...], category: str,
) -> None:  # fmt: skip
    assert category in _categories(_claim(evidence, type_, mode, actors, recipients))


@pytest.mark.parametrize(
    ("evidence", "type_", "mode", "actors", "recipients"),
    [
        # no DPRK participant: not this regime's business
        (
            "Russia delivered artillery shells to its troops.",
            "AID",
            None,
            ("Russia",),
            ("Belarus",),
        ),
        # a summit talk without goods
        (
            "Putin and Kim held talks at the cosmodrome.",
            "CONSULT",
            "summit",
            ("Vladimir Putin",),
            ("Kim Jong Un",),
        ),
        # "think tank" is not a battle tank; "Armstrong" is not "arms"
        (
            "A think tank led by Armstrong praised the aid.",
            "AID",
            None,
            ("Russia",),
            ("North Korea",),
        ),
    ],
)
def test_leads_no_lead_without_pattern(
    evidence: str, type_: str, mode: str | None, actors: tuple[str, ...],
    recipients: tuple[str, ...],
) -> None:  # fmt: skip
    assert _categories(_claim(evidence, type_, mode, actors, recipients)) == set()


def test_leads_rules_file_is_valid_and_cites_provisions() -> None:
    rules = load_rules()
    assert rules.target_codes == {"PRK"}
    assert {r.category for r in rules.rules} <= set(CATEGORIES)
    assert {"arms_embargo", "luxury_goods", "refined_petroleum", "overseas_labour",
            "scientific_cooperation", "ship_to_ship", "financial"} <= {
        r.category for r in rules.rules
    }  # fmt: skip
    for rule in rules.rules:
        assert rule.provision.startswith("UNSCR "), rule.key
        assert "para" in rule.provision, rule.key


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rule": [{"key": "x", "category": "nope", "provision": "p", "modes": ["a"]}]},
         "category 'nope'"),
        ({"rule": [{"key": "x", "category": "other", "provision": "p"}]}, "needs modes"),
        ({"rule": [{"key": "x", "category": "other"}]}, "lacks 'provision'"),
        ({"rule": [{"key": "x", "category": "other", "provision": "p", "modes": ["a"],
                    "direction": "sideways"}]}, "direction"),
    ],
)  # fmt: skip
def test_leads_bad_rules_name_the_problem(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_rules(data)


def test_leads_keyword_pattern_matching_per_script() -> None:
    pattern = keyword_pattern(["missile", "снаряд", "砲弾"])
    assert pattern is not None
    assert pattern.search("two missiles")
    assert not pattern.search("missilery")
    assert pattern.search("поставки снарядов")
    assert pattern.search("北朝鮮製の砲弾が")


def _doc(did: str, reliability: float | None, origin: str | None = None,
         excluded: bool = False) -> DocInfo:  # fmt: skip
    return DocInfo(did, f"https://x/{did}", "x", None, None, "wire", reliability, excluded,
                   False, origin, ("en",))  # fmt: skip


@pytest.mark.parametrize(
    ("docs", "expected", "independent"),
    [
        ([_doc("a", 0.8)], 0.8, 1),
        ([_doc("a", 0.5), _doc("b", 0.5)], 0.75, 2),
        # a copy of a counts once, with the best document of the group
        ([_doc("a", 0.5), _doc("b", 0.6, origin="a")], 0.6, 1),
        # unassessed documents count 0.5
        ([_doc("a", None)], 0.5, 1),
        # machine-translated / content farm only: half of their best
        ([_doc("a", 0.4, excluded=True)], 0.2, 0),
    ],
)
def test_leads_reliability_noisy_or_over_origins(
    docs: list[DocInfo], expected: float, independent: int
) -> None:
    value, n = origin_reliability([d.doc_id for d in docs], {d.doc_id: d for d in docs})
    assert value == pytest.approx(expected)
    assert n == independent


def test_leads_find_leads_stores_labelled_leads(surface_store: SqliteStore) -> None:
    line = find_leads(surface_store, load_config())
    leads = surface_store.get_leads()
    by_event = {e: lead for lead in leads for e in lead.event_ids}
    assert by_event["ev-arms"].category == "arms_embargo"
    assert by_event["ev-arms"].provision == "UNSCR 1718 (2006), para. 8(b)"
    assert by_event["ev-gift"].category == "luxury_goods"
    assert by_event["ev-gift"].provision == "UNSCR 1718 (2006), para. 8(a)(iii)"
    assert "ev-summit" not in by_event
    for lead in leads:
        assert lead.summary.startswith("Lead for review:")
        assert "finding" not in lead.summary.lower()
        assert lead.lead_id == lead_id(lead.provision, lead.event_ids)
    # the content-farm copy does not count: one independent origin for the arms report
    assert "1 independent origin" in by_event["ev-arms"].summary
    assert by_event["ev-arms"].reliability == pytest.approx(0.7)
    assert doc_id("farm") in by_event["ev-arms"].doc_ids
    assert "3 leads" in line


def test_leads_ids_stable_across_runs(tmp_path: Path) -> None:
    first = SqliteStore(tmp_path / "a.db")
    second = SqliteStore(tmp_path / "b.db")
    populate(first)
    populate(second, events=list(reversed(build_events())))
    find_leads(first, load_config())
    find_leads(second, load_config())
    find_leads(second, load_config())
    assert first.get_leads() == second.get_leads()


def test_leads_events_of_one_story_form_one_lead(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")
    events = build_events()
    arms = next(e for e in events if e.event_id == "ev-arms")
    later = replace(arms, event_id="ev-arms-2", date="2024-09-20")
    populate(store, events=[*events, later])
    find_leads(store, load_config())
    arms_leads = [lead for lead in store.get_leads() if "ev-arms" in lead.event_ids]
    assert len(arms_leads) == 1
    assert arms_leads[0].event_ids == ("ev-arms", "ev-arms-2")
    assert "2024-09-01 to 2024-09-20" in arms_leads[0].summary


@pytest.mark.slow
def test_leads_gold_arms_and_luxury_events_of_the_corpus(shared: Path) -> None:
    """Gold events of the labelled corpus (read in place) run through the rules."""
    rules, resolver = load_rules(), load_country_resolver()
    arms_total = arms_hit = 0
    for path in sorted((shared / "corpus" / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        for i, gold in enumerate(article["gold"]["events"]):
            mode = (gold.get("mode") or "").split("/", 1)[-1]
            is_arms = any(w in mode for w in ("munitions", "arms", "missile guidance"))
            if not is_arms:
                continue
            claim = _claim(
                gold.get("evidence") or "", gold["type"], mode,
                tuple((gold.get("actor") or "").split("; ")),
                tuple((gold.get("recipient") or "").split("; ")) if gold.get("recipient") else (),
                cid=f"{article['id']}-{i}",
            )  # fmt: skip
            leads = match_leads([_event("ev", claim)], {claim.claim_id: claim}, {}, rules, resolver)
            arms_total += 1
            arms_hit += any(lead.category == "arms_embargo" for lead in leads)
    assert arms_total > 0
    assert arms_hit / arms_total >= 0.9, (arms_hit, arms_total)


PROVISIONS = ("arms_embargo", "luxury_goods", "refined_petroleum", "overseas_labour",
              "scientific_cooperation", "ship_to_ship", "financial")  # fmt: skip


@pytest.mark.parametrize("category", PROVISIONS)
def test_leads_rules_have_objects_in_five_languages(category: str) -> None:
    data = tomllib.loads(default_rules_path().read_text(encoding="utf-8"))
    rules = [r for r in data["rule"] if r["category"] == category]
    assert rules, category
    for rule in rules:
        words = rule.get("keywords", {})
        assert {lang for lang, ws in words.items() if ws} == {"en", "ja", "ko", "ru", "zh"}, rule


@pytest.mark.parametrize(
    ("evidence", "type_", "mode", "actors", "recipients", "category"),
    [
        # the object is in another clause, far from the trigger
        ("North Korea shipped artillery shells to Russia on Tuesday; separately, officials in "
         "Seoul said the country still struggles with diesel shortages.", "AID",
         "military (munitions)", ("North Korea",), ("Russia",), "refined_petroleum"),
        # a pattern trigger that runs over a clause break keeps its verb's clause
        ("Russia gifted North Korea 447 goats, while luxury car sales in Moscow rose.", "AID",
         "gift", ("Russia",), ("North Korea",), "luxury_goods"),
        # the DPRK gives: the luxury-goods ban is on supplies to it
        ("Kim Jong Un gifted Vladimir Putin a luxury watch.", "AID", "gift", ("Kim Jong Un",),
         ("Vladimir Putin",), "luxury_goods"),
        # a summit story that mentions a limousine
        ("Kim Jong Un met Vladimir Putin, who arrived in an Aurus limousine.", "CONSULT", "meet",
         ("Kim Jong Un",), ("Vladimir Putin",), "luxury_goods"),
        # the ruling party's name is not labour; satellite images are a source, not a transfer
        ("The Workers' Party of Korea signed a cooperation agreement with United Russia.", "AGREE",
         "sign treaty", ("Workers' Party of Korea",), ("United Russia",), "overseas_labour"),
        ("North Korea shipped artillery shells to Russia, satellite images show.", "AID",
         "military (munitions)", ("North Korea",), ("Russia",), "scientific_cooperation"),
        # prices are not supplies
        ("North Korea shipped artillery shells to Russia as crude oil prices rose.", "AID",
         "military (munitions)", ("North Korea",), ("Russia",), "crude_oil"),
        # crude oil is the crude cap's, not the refined one's
        ("Russia shipped crude oil to North Korea.", "AID", "supply", ("Russia",),
         ("North Korea",), "refined_petroleum"),
        # no DPRK party
        ("Russia and China signed an agreement on student exchanges.", "AGREE", "sign treaty",
         ("Russia", "China"), (), "scientific_cooperation"),
    ],
)  # fmt: skip
def test_leads_near_misses_raise_no_lead(
    evidence: str, type_: str, mode: str | None, actors: tuple[str, ...],
    recipients: tuple[str, ...], category: str,
) -> None:  # fmt: skip
    assert category not in _categories(_claim(evidence, type_, mode, actors, recipients))


@pytest.mark.parametrize(
    ("evidence", "type_", "mode", "actors", "recipients", "category"),
    [
        # an import: the DPRK is the actor and the receiving side
        ("North Korea imported Maybach limousines through Chinese front companies.", "COOPERATE",
         "import", ("North Korea",), ("China",), "luxury_goods"),
        # the recipient was not attached, but the DPRK is named next to the trigger
        ("Moscow gifted Pyongyang an armoured limousine.", "AID", "gift", ("Russia",), (),
         "luxury_goods"),
        # an allegation names the goods
        ("Seoul accused Moscow of shipping luxury cars to the North.", "ACCUSE", "criticize",
         ("South Korea",), ("Russia", "North Korea"), "luxury_goods"),
        ("俄罗斯向朝鲜提供了汽油和柴油。", "AID", "supply", ("Russia",), ("North Korea",),
         "refined_petroleum"),
        ("러시아가 북한 노동자 수천 명을 받아들였다.", "COOPERATE", "labour export",
         ("Russia",), ("North Korea",), "overseas_labour"),
        # oil named without crude or refined is read against the refined-products cap
        ("Russia has shipped more than a million barrels of oil to North Korea since March.",
         "AID", "supply", ("Russia",), ("North Korea",), "refined_petroleum"),
        ("러시아가 북한에 석유 100만 배럴 이상을 공급했다.", "AID", "supply", ("Russia",),
         ("North Korea",), "refined_petroleum"),
        ("A North Korean tanker received refined petroleum from a Russian vessel.", "COOPERATE",
         "import", ("North Korea",), ("Russia",), "refined_petroleum"),
    ],
)  # fmt: skip
def test_leads_objects_and_roles(
    evidence: str, type_: str, mode: str | None, actors: tuple[str, ...],
    recipients: tuple[str, ...], category: str,
) -> None:  # fmt: skip
    assert category in _categories(_claim(evidence, type_, mode, actors, recipients))


def test_leads_proximity_is_validated() -> None:
    with pytest.raises(ConfigError, match="proximity"):
        parse_rules({"proximity": {"spaced": "far"}})
    rules = parse_rules({"proximity": {"spaced": 10, "clause_breaks": [";"]}})
    assert rules.proximity.spaced == 10
