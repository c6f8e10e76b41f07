"""The pluggable extractor interface and the verification every extractor's output must pass.

The default extractor is offline rules (``watchfloor.claims.rules``). Another extractor (an
OpenAI-compatible LLM endpoint, say) plugs in by implementing ``Extractor``; whatever it returns
is kept only when its evidence is a verbatim quote of the article, realigned to exact offsets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from watchfloor.claims.ontology import Ontology, load_ontology
from watchfloor.records import Article, Claim, Mention, Stance, Status


class Extractor(Protocol):
    """Turns one article and its entity mentions into claims."""

    name: str  # "claims.rules.v1"

    def extract(self, article: Article, mentions: Sequence[Mention]) -> tuple[Claim, ...]: ...


class ClaimProblem(StrEnum):
    """Why a claim from an extractor was refused."""

    BAD_SECTION = "bad_section"
    QUOTE_NOT_FOUND = "quote_not_found"
    EMPTY_EVIDENCE = "empty_evidence"
    UNKNOWN_TYPE = "unknown_type"
    NO_ACTOR = "no_actor"
    BAD_STATUS = "bad_status"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A verified claim (offsets realigned to the quote) or the reason it was refused."""

    claim: Claim | None
    problem: ClaimProblem | None
    detail: str = ""


def claim_id_for(doc_id: str, section: int, start: int, type_: str, actors: Sequence[str]) -> str:
    """A stable id: the same frame at the same place of the same document keeps its id."""
    key = "|".join([doc_id, str(section), str(start), type_, ";".join(sorted(actors))])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def align_quote(text: str, quote: str, hint: int = 0) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``: exact match nearest ``hint``, else a match that ignores
    runs of whitespace (LLMs often reflow spaces). None when the quote is not in the text."""
    if not quote.strip():
        return None
    hits = []
    pos = text.find(quote)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(quote, pos + 1)
    if hits:
        start = min(hits, key=lambda p: abs(p - hint))
        return start, start + len(quote)
    import re

    words = [re.escape(w) for w in quote.split()]
    if not words:
        return None
    m = re.search(r"\s+".join(words), text)
    return (m.start(), m.end()) if m else None


def verify_claim(article: Article, claim: Claim, ontology: Ontology | None = None) -> Verdict:
    """Keep a claim only if its evidence is verbatim in its section and its frame is well formed."""
    ontology = ontology or load_ontology()
    if not 0 <= claim.section < len(article.sections):
        return Verdict(None, ClaimProblem.BAD_SECTION, f"section {claim.section}")
    if not claim.evidence.strip():
        return Verdict(None, ClaimProblem.EMPTY_EVIDENCE)
    text = article.sections[claim.section].text
    if text[claim.start : claim.end] != claim.evidence:
        span = align_quote(text, claim.evidence, claim.start)
        if span is None:
            return Verdict(None, ClaimProblem.QUOTE_NOT_FOUND, claim.evidence[:80])
        claim = replace(claim, start=span[0], end=span[1], evidence=text[span[0] : span[1]])
    if not ontology.is_type(claim.type):
        return Verdict(None, ClaimProblem.UNKNOWN_TYPE, claim.type)
    if not claim.actors:
        return Verdict(None, ClaimProblem.NO_ACTOR)
    if not isinstance(claim.status, Status) or not isinstance(claim.stance, Stance):
        return Verdict(None, ClaimProblem.BAD_STATUS, f"{claim.status}/{claim.stance}")
    return Verdict(claim, None)


def verify_claims(
    article: Article, claims: Sequence[Claim], ontology: Ontology | None = None
) -> tuple[tuple[Claim, ...], tuple[Verdict, ...]]:
    """Split an extractor's output into verified claims and refusals (with reasons)."""
    kept: list[Claim] = []
    refused: list[Verdict] = []
    for claim in claims:
        verdict = verify_claim(article, claim, ontology)
        if verdict.claim is not None:
            kept.append(verdict.claim)
        else:
            refused.append(verdict)
    return tuple(kept), tuple(refused)
