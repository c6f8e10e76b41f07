"""Verification of any extractor's output: evidence must quote the article verbatim."""

from __future__ import annotations

from dataclasses import replace

import pytest

from watchfloor.claims.extractor import (
    ClaimProblem,
    align_quote,
    claim_id_for,
    verify_claim,
    verify_claims,
)
from watchfloor.records import Article, Claim, Section, Stance, Status

TEXT = "Intro line.\nKim met Kozlov in Pyongyang on Monday, state media said."


def _article() -> Article:
    return Article(
        "d", "u", "s", None, None, None, None, None, (), (Section("en", None, TEXT),), "t"
    )


def _claim(**kw: object) -> Claim:
    evidence = "Kim met Kozlov in Pyongyang on Monday, state media said."
    start = TEXT.index(evidence)
    base = Claim(
        claim_id=claim_id_for("d", 0, start, "CONSULT", ("Kim Jong Un",)),
        doc_id="d",
        section=0,
        start=start,
        end=start + len(evidence),
        evidence=evidence,
        type="CONSULT",
        mode="meet",
        actors=("Kim Jong Un",),
        recipients=("Alexander Kozlov",),
        asserted_by=(),
        stance=Stance.REPORTS,
        status=Status.ASSERTED,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_extractor_verbatim_claim_passes() -> None:
    assert verify_claim(_article(), _claim()).claim == _claim()


def test_extractor_realigns_wrong_offsets() -> None:
    verdict = verify_claim(_article(), _claim(start=0, end=5))
    assert verdict.claim is not None
    assert TEXT[verdict.claim.start : verdict.claim.end] == verdict.claim.evidence


def test_extractor_realigns_reflowed_whitespace() -> None:
    verdict = verify_claim(
        _article(), _claim(evidence="Kim met  Kozlov\nin Pyongyang", start=0, end=0)
    )
    assert verdict.claim is not None and verdict.claim.evidence == "Kim met Kozlov in Pyongyang"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"evidence": "Kim met Putin in Moscow."}, ClaimProblem.QUOTE_NOT_FOUND),
        ({"evidence": "  "}, ClaimProblem.EMPTY_EVIDENCE),
        ({"section": 3}, ClaimProblem.BAD_SECTION),
        ({"type": "GOSSIP"}, ClaimProblem.UNKNOWN_TYPE),
        ({"actors": ()}, ClaimProblem.NO_ACTOR),
    ],
)
def test_extractor_refuses_with_reason(change: dict[str, object], problem: ClaimProblem) -> None:
    verdict = verify_claim(_article(), _claim(**change))
    assert verdict.claim is None and verdict.problem is problem


def test_extractor_verify_claims_splits() -> None:
    kept, refused = verify_claims(_article(), [_claim(), _claim(evidence="invented")])
    assert len(kept) == 1 and len(refused) == 1


def test_extractor_align_quote_prefers_hint() -> None:
    assert align_quote("ab ab ab", "ab", hint=5) == (6, 8)


def test_extractor_claim_id_is_stable_and_order_free() -> None:
    assert claim_id_for("d", 0, 1, "AID", ("A", "B")) == claim_id_for("d", 0, 1, "AID", ("B", "A"))
    assert claim_id_for("d", 0, 1, "AID", ("A",)) != claim_id_for("d", 0, 2, "AID", ("A",))
