"""The claims stage as the pipeline builds and calls it."""

from __future__ import annotations

import _claims_helpers as H
import pytest

from watchfloor.claims.stage import ClaimStage, build_claim_stage
from watchfloor.config import load_config
from watchfloor.errors import ConfigError


def test_stage_contract() -> None:
    assert ClaimStage.name == "claims.rules.v1"
    assert ClaimStage.requires == {"article", "mentions"}
    assert ClaimStage.provides == {"claims"}


def test_stage_processes_article_and_mentions() -> None:
    stage = build_claim_stage(load_config())
    text = "Kim met Alexander Kozlov in Pyongyang on Monday, KCNA said."
    claims = stage.process((H.article(text, "en"), H.mentions(text)))
    assert [c.type for c in claims] == ["CONSULT"]


def test_stage_unknown_extractor_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        build_claim_stage(load_config(overrides=('claims.extractors=["oracle"]',)))


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "!!!", "Kim"])
def test_stage_odd_text_gives_no_claims(text: str) -> None:
    stage = build_claim_stage(load_config())
    assert stage.process((H.article(text or " ", "en"), H.mentions(text))) == ()
