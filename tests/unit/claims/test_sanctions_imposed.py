"""Sanctions imposed by one state on another's entities, in each language, on sentences written
for these tests: the imposer acts, the target receives (COERCE, as CAMEO 163 maps to PLOVER)."""

from __future__ import annotations

import _claims_helpers as H
import pytest

from watchfloor.records import Claim
from watchfloor.surfaces.gdelt import cameo_code

EXTRA: dict[str, tuple[str, str]] = {
    "Russian": ("Russia", "country"),
    "Washington": ("United States", "country"),
    "US": ("United States", "country"),
    "美国": ("United States", "country"),
    "США": ("United States", "country"),
    "российских": ("Russia", "country"),
    "北朝鮮": ("North Korea", "country"),
}


def run(text: str, lang: str) -> tuple[Claim, ...]:
    return H.extract(text, lang, "2024-10-31", EXTRA)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The US imposed sanctions on Russian firms that shipped North Korea's arms."),
        ("en", "Washington has sanctioned three Russian companies."),
        ("ja", "米国は北朝鮮の武器輸送に関与したロシアの団体に制裁を科した。"),
        ("ko", "미국은 북한 무기 운송에 관여한 러시아 기관들에 제재를 부과했다."),
        ("zh", "美国对协助运输朝鲜武器的俄罗斯实体实施制裁。"),
        ("ru", "США ввели санкции против российских компаний, перевозивших оружие КНДР."),
    ],
)
def test_sanctions_imposed_name_the_imposer_and_the_target(lang: str, text: str) -> None:
    found = [c for c in run(text, lang) if c.type == "COERCE"]
    assert len(found) == 1, found
    claim = found[0]
    assert claim.mode == "impose sanctions"
    assert (claim.actors, claim.recipients) == (("United States",), ("Russia",))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The UN sanctions on North Korea remain in force."),
        # a draft that would impose sanctions, and imposing them as a topic, impose none
        ("ko", "안보리는 북한에 추가 제재를 부과하는 결의안을 표결에 부쳤다."),
        ("zh", "中俄否决了对朝鲜实施额外制裁的决议。"),
        ("zh", "他说，对朝鲜实施新的制裁是进入僵局的途径。"),
    ],
)
def test_sanctions_named_but_not_imposed(lang: str, text: str) -> None:
    assert not [c for c in run(text, lang) if c.type == "COERCE"]


def test_sanctions_imposed_export_as_cameo_163() -> None:
    assert cameo_code("COERCE", "impose sanctions") == "163"
