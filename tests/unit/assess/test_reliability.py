"""Flags and reliability: base by kind, state cap, unknown sites judged by signals."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from watchfloor.assess.reliability import Assessor, assess_source, decide
from watchfloor.assess.signals import Code, Family, Signal
from watchfloor.assess.sources import SourceKind, load_registry
from watchfloor.records import Article

Make = Callable[..., Article]
TEXT = "The minister arrived on Tuesday for two days of talks on trade and energy in the capital."


def test_reliability_base_by_kind_and_state_cap(make_article: Make) -> None:
    assessor = Assessor()
    wire = assessor.assess(make_article(TEXT, "en", url="https://www.reuters.com/a"))
    state = assessor.assess(make_article(TEXT, "en", url="https://tass.com/a"))
    assert wire.kind is SourceKind.WIRE and wire.reliability == 0.85
    assert state.reliability <= 0.5
    assert (
        "cap.state_affiliated" in state.factors_dict()
        or state.factors_dict()["base.state_media"] <= 0.5
    )
    assert not wire.flagged and not state.flagged


def test_reliability_unknown_site_with_farm_signals_is_flagged(make_article: Make) -> None:
    article = make_article(
        TEXT,
        "en",
        published=None,
        removed=("You May Also Like", "Coffee lover. Web evangelist. Student."),
    )
    result = Assessor().assess(article)
    assert result.content_farm
    assert result.reliability <= 0.15
    assert any("farm.template_bio" in r for r in result.content_farm_reasons)


def test_reliability_unknown_site_without_signals_is_neutral(make_article: Make) -> None:
    result = Assessor().assess(make_article(TEXT, "en", author="A. Writer"))
    assert not result.flagged
    assert result.reliability == 0.5


def test_reliability_known_outlet_needs_strong_evidence() -> None:
    profile = load_registry().lookup("asahi.com")
    weak = (Signal(Code.THEME_FURNITURE, Family.FARM, 0.6, "x"),)
    assert not decide("d", profile, weak).content_farm
    strong = (*weak, Signal(Code.TEMPLATE_BIO, Family.FARM, 0.9, "y"))
    assert decide("d", profile, strong).content_farm


def test_reliability_registry_content_farm() -> None:
    profile = load_registry().lookup("korea.news-pravda.com")
    result = decide("d", profile, ())
    assert result.content_farm and result.reliability <= 0.15


def test_reliability_machine_translation_flag() -> None:
    profile = load_registry().lookup("unknown-example.info")
    signals = (
        Signal(Code.CALQUE, Family.MT, 0.7, "a"),
        Signal(Code.CJK_SPACING, Family.MT, 0.5, "b"),
    )
    result = decide("d", profile, signals)
    assert result.machine_translated and result.content_farm
    assert result.reliability <= 0.15


def test_reliability_source_aggregate(make_article: Make) -> None:
    assessor = Assessor()
    docs = [
        assessor.assess(make_article(TEXT, "en", url=f"https://unknown-x.info/{i}"))
        for i in range(3)
    ]
    source = assess_source(assessor.registry.lookup("unknown-x.info"), docs)
    assert source.documents == 3 and 0 <= source.reliability <= 1


# -- unknown sites judged by their signals -----------------------------------------------------
UNKNOWN = load_registry().lookup("https://never-listed-news.example/a")
NO_DATE = Signal(Code.NO_PROVENANCE, Family.FARM, 0.25, "no date")
FOREIGN_TLD = Signal(Code.SITE_LANGUAGE, Family.MT, 0.25, "ja on .vn")
FURNITURE = Signal(Code.THEME_FURNITURE, Family.FARM, 0.4, "Skip to content")
ONE_CALQUE = Signal(Code.CALQUE, Family.MT, 0.35, "one calque")
DISCLAIMER = Signal(Code.REPOST_DISCLAIMER, Family.FARM, 0.7, "if this infringes")


@pytest.mark.parametrize(
    ("signals", "flagged"),
    [
        ((), False),
        ((NO_DATE,), False),  # one circumstantial signal
        ((NO_DATE, FOREIGN_TLD), False),  # two circumstantial signals
        ((FURNITURE,), False),  # one textual signal
        ((FURNITURE, NO_DATE), True),  # textual plus circumstantial
        ((ONE_CALQUE, NO_DATE), True),  # MT traces count in full on an unknown site
        ((DISCLAIMER,), True),  # damning alone
    ],
)
def test_reliability_unknown_site_needs_corroborated_evidence(
    signals: tuple[Signal, ...], flagged: bool
) -> None:
    assert not UNKNOWN.known
    assert decide("d", UNKNOWN, signals).flagged is flagged


def test_reliability_unknown_site_reasons_show_evidence_and_mt_traces() -> None:
    result = decide("d", UNKNOWN, (ONE_CALQUE, NO_DATE))
    assert result.content_farm and not result.machine_translated
    assert result.content_farm_reasons[0].startswith("site not in the source registry; evidence")
    assert any(r.startswith("mt.calque") for r in result.content_farm_reasons)
    assert "signals" in result.factors_dict()


def test_reliability_unlisted_prior_is_explicit() -> None:
    assert not decide("d", UNKNOWN, (NO_DATE,)).flagged
    assert decide("d", UNKNOWN, (NO_DATE,), unlisted_prior=0.35).flagged
    known = load_registry().lookup("reuters.com")
    assert not decide("d", known, (NO_DATE,), unlisted_prior=0.35).flagged


def test_reliability_blind_assessor_ignores_the_sites_own_entry(make_article: Make) -> None:
    article = make_article(TEXT, "en", url="https://www.reuters.com/world/a")
    assert Assessor().assess(article).kind is SourceKind.WIRE
    blind = Assessor(blind=True).assess(article)
    assert blind.kind is SourceKind.UNKNOWN and blind.reliability == 0.5
