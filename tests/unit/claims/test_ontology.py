"""The PLOVER ontology and the sanctions extension load from data and answer lookups."""

from __future__ import annotations

import pytest

from watchfloor.claims.ontology import SYMMETRIC_TYPES, load_ontology


@pytest.mark.parametrize(
    "type_", ["AGREE", "CONSULT", "AID", "REJECT", "THREATEN", "ACCUSE", "REQUEST", "ASSAULT"]
)
def test_ontology_has_plover_types(type_: str) -> None:
    assert load_ontology().is_type(type_)


@pytest.mark.parametrize(
    ("code", "type_"),
    [("042", "CONSULT"), ("0312", "AGREE"), ("129", "REJECT"), ("1121", "ACCUSE")],
)
def test_ontology_maps_cameo_codes(code: str, type_: str) -> None:
    assert type_ in {c.type for c in load_ontology().from_cameo(code)}


def test_ontology_cameo_falls_back_to_parent_code() -> None:
    assert load_ontology().from_cameo("0429")[0].code == "042"


def test_ontology_cue_code_may_map_to_two_types() -> None:
    assert {c.type for c in load_ontology().from_cameo("08")} == {"CONCEDE", "RETREAT"}


@pytest.mark.parametrize(
    ("key", "type_"),
    [
        ("troop_deployment", "AID"),
        ("arms_transfer", "AID"),
        ("veto", "REJECT"),
        ("designation", "SANCTION"),
        ("ship_to_ship", "COOPERATE"),
        ("labour_export", "COOPERATE"),
    ],
)
def test_ontology_sanctions_modes_refine_plover_types(key: str, type_: str) -> None:
    onto = load_ontology()
    mode = onto.sanctions[key]
    assert mode.type == type_ and onto.is_type(mode.type)
    assert onto.sanctions_mode_of(mode.type, mode.mode) == mode


def test_ontology_symmetric_types() -> None:
    assert {"CONSULT", "AGREE", "COOPERATE"} == SYMMETRIC_TYPES
