"""Reliability of a document and of a source: a transparent score stored with its factors.

Base by the source's kind; state-affiliated sources are capped; unknown sites start neutral and
are judged by their signals. Machine-translated and content-farm documents are flagged with the
reasons (signal details) so an analyst sees why, and are excluded from corroboration by default.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from watchfloor.assess.signals import Code, Family, Signal, document_signals, load_lexicon
from watchfloor.assess.sources import SourceKind, SourceProfile, SourceRegistry, load_registry
from watchfloor.records import Article

BASE_BY_KIND: dict[SourceKind, float] = {
    SourceKind.WIRE: 0.85,
    SourceKind.NEWSPAPER: 0.75,
    SourceKind.BROADCASTER: 0.75,
    SourceKind.GOVERNMENT: 0.65,  # authoritative for its own statements, partisan otherwise
    SourceKind.AGGREGATOR: 0.6,  # re-serves others' copy, usually with credit
    SourceKind.STATE_MEDIA: 0.45,
    SourceKind.BLOG: 0.4,
    SourceKind.CONTENT_FARM: 0.1,
    SourceKind.UNKNOWN: 0.5,
}
STATE_CAP = 0.5
MT_CAP = 0.3
FARM_CAP = 0.15
# Signal weights come in three strengths: circumstantial 0.2-0.25 (no date or byline, a language
# foreign to the ccTLD, anonymous hosting, a blog or board address, a few Taiwanese words in
# simplified script), textual 0.35-0.5 (one MT fingerprint, theme furniture, teasers, a late
# uncredited copy, a Korean register mix, dates opening English sentences, a Taiwanese page
# convention in simplified script), damning >= 0.6 (repost disclaimers, persona bios, several
# fingerprints, a script mirror with both conventions and vocabulary). An unknown site is
# flagged at UNKNOWN_FARM: one damning signal, or a textual one with any other; never one
# circumstantial signal, nor two. MT traces count in full there: machine translation on a site
# nobody vouches for is how farms fill their pages.
# A known outlet needs far more (KNOWN_FARM), and only its own share of MT evidence.
UNKNOWN_FARM = 0.6
# Evidence that absence from the registry itself carries. 0: unknown sites are judged by their
# signals alone. Raise it only when the registry covers the honest outlets a watch reads, since
# on a site the registry has simply not met it flags pages that merely lack a date or byline.
UNLISTED_PRIOR = 0.0
KNOWN_FARM = 1.3
UNKNOWN_MT = 0.7
KNOWN_MT = 1.0
MT_AS_FARM = 0.6  # MT evidence towards a known outlet's farm flag and the score penalty


@dataclass(frozen=True, slots=True)
class Factor:
    """One term of a reliability score: what it is and its value (a base, a cap or a delta)."""

    name: str
    value: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Assessment:
    """Trust of one document: its source profile, signals, flags with reasons, and score."""

    doc_id: str
    site: str
    kind: SourceKind
    country: str | None
    state_affiliated: bool
    reliability: float
    factors: tuple[Factor, ...]
    signals: tuple[Signal, ...]
    machine_translated: bool
    machine_translated_reasons: tuple[str, ...] = ()
    content_farm: bool = False
    content_farm_reasons: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        """Excluded from corroboration by default."""
        return self.machine_translated or self.content_farm

    def factors_dict(self) -> dict[str, float]:
        return {f.name: round(f.value, 3) for f in self.factors}


def _sum(signals: Iterable[Signal], family: Family) -> float:
    return sum(s.weight for s in signals if s.family is family)


def _reasons(signals: Iterable[Signal], family: Family) -> tuple[str, ...]:
    return tuple(f"{s.code}: {s.detail}" for s in signals if s.family is family)


def decide(
    doc_id: str,
    profile: SourceProfile,
    signals: Sequence[Signal],
    unlisted_prior: float = UNLISTED_PRIOR,
) -> Assessment:
    """Flags and score from a profile and the document's signals (pure; see module doc)."""
    mt = _sum(signals, Family.MT)
    farm = _sum(signals, Family.FARM)
    known = profile.known
    machine_translated = mt >= (KNOWN_MT if known else UNKNOWN_MT)
    mt_reasons = _reasons(signals, Family.MT) if machine_translated else ()

    farm_reasons: list[str] = []
    if profile.kind is SourceKind.CONTENT_FARM:
        content_farm = True
        farm_reasons.append(
            f"registry: {profile.entry} is a content farm ({profile.notes or profile.name})"
        )
    elif known:
        content_farm = farm >= KNOWN_FARM
    else:
        content_farm = round(unlisted_prior + farm + mt, 6) >= UNKNOWN_FARM
    if content_farm:
        farm_reasons += _reasons(signals, Family.FARM)
        if not known:
            farm_reasons.insert(
                0,
                f"site not in the source registry; evidence {unlisted_prior + farm + mt:.2f}"
                f" >= {UNKNOWN_FARM} (farm signals {farm:.2f}, machine-translation signals"
                f" {mt:.2f}, unlisted prior {unlisted_prior:.2f})",
            )
            if machine_translated:
                farm_reasons.append("machine-translated text on an unknown site")
            elif mt:
                farm_reasons += _reasons(signals, Family.MT)  # traces below the MT flag count here

    factors: list[Factor] = []
    base = BASE_BY_KIND[profile.kind]
    factors.append(Factor(f"base.{profile.kind}", base, profile.entry or "unknown site"))
    score = base
    if profile.state_affiliated or profile.kind is SourceKind.STATE_MEDIA:
        if score > STATE_CAP:
            factors.append(Factor("cap.state_affiliated", STATE_CAP))
        score = min(score, STATE_CAP)
    evidence = farm + MT_AS_FARM * mt
    if evidence > 0:
        penalty = round(min(0.4, 0.25 * evidence) if not known else min(0.2, 0.1 * evidence), 3)
        factors.append(
            Factor("signals", -penalty, ", ".join(sorted({str(s.code) for s in signals})))
        )
        score -= penalty
    if machine_translated and score > MT_CAP:
        factors.append(Factor("cap.machine_translated", MT_CAP))
        score = MT_CAP
    if content_farm and score > FARM_CAP:
        factors.append(Factor("cap.content_farm", FARM_CAP))
        score = FARM_CAP
    score = max(0.0, min(1.0, score))
    return Assessment(
        doc_id=doc_id,
        site=profile.site,
        kind=profile.kind,
        country=profile.country,
        state_affiliated=profile.state_affiliated,
        reliability=round(score, 3),
        factors=tuple(factors),
        signals=tuple(signals),
        machine_translated=machine_translated,
        machine_translated_reasons=mt_reasons,
        content_farm=content_farm,
        content_farm_reasons=tuple(farm_reasons),
    )


@dataclass
class Assessor:
    """Assesses documents against a registry; built once per process.

    ``blind`` judges every document as if its own site were unknown (the registry still names
    other outlets, for bylines and links): how a site the registry lacks is treated.
    """

    registry: SourceRegistry = field(default_factory=load_registry)
    blind: bool = False
    unlisted_prior: float = UNLISTED_PRIOR

    def profile(self, article: Article) -> SourceProfile:
        profile = self.registry.lookup(article.site or article.url)
        if self.blind and profile.known:
            return SourceProfile(profile.site, SourceKind.UNKNOWN, None, False)
        return profile

    def assess(self, article: Article, extra_signals: Sequence[Signal] = ()) -> Assessment:
        """Signals of the article (plus any from the copy index) -> flags and reliability."""
        profile = self.profile(article)
        signals = document_signals(article, profile, load_lexicon(), registry=self.registry)
        return decide(
            article.doc_id, profile, (*signals, *extra_signals), unlisted_prior=self.unlisted_prior
        )


@dataclass(frozen=True, slots=True)
class SourceAssessment:
    """A site's profile and reliability for the ``sources`` export."""

    site: str
    kind: SourceKind
    country: str | None
    state_affiliated: bool
    reliability: float
    factors: tuple[Factor, ...]
    documents: int


def assess_source(profile: SourceProfile, documents: Sequence[Assessment]) -> SourceAssessment:
    """Base and caps of the profile; an unknown site takes the mean of its documents' scores."""
    base = BASE_BY_KIND[profile.kind]
    factors = [Factor(f"base.{profile.kind}", base, profile.entry or "unknown site")]
    score = base
    if profile.state_affiliated or profile.kind is SourceKind.STATE_MEDIA:
        score = min(score, STATE_CAP)
        factors.append(Factor("cap.state_affiliated", STATE_CAP))
    if documents:
        flagged = sum(1 for d in documents if d.flagged) / len(documents)
        if flagged:
            factors.append(Factor("share_flagged", flagged))
        if not profile.known:
            score = sum(d.reliability for d in documents) / len(documents)
            factors.append(Factor("mean_document_reliability", score))
        else:
            score = score * (1 - 0.5 * flagged)
    return SourceAssessment(
        site=profile.site,
        kind=profile.kind,
        country=profile.country,
        state_affiliated=profile.state_affiliated,
        reliability=round(score, 3),
        factors=tuple(factors),
        documents=len(documents),
    )


__all__ = [
    "Assessment",
    "Assessor",
    "Code",
    "Factor",
    "SourceAssessment",
    "assess_source",
    "decide",
]
