"""PLOVER JSON export of claims, with the field names of the PLOVER gold-standard records
(id, date, source, target, event, mode, context, text, language, publication, eventLoc, ...).

What PLOVER has no field for (asserter, stance, status, offsets) goes under "watchfloor", so a
PLOVER reader ignores it and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from watchfloor.claims.ontology import Ontology, load_ontology
from watchfloor.records import Article, Claim

PLOVER_VERSION = "watchfloor-plover-1"


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a PLOVER record needs to know about the claim's document."""

    doc_id: str
    url: str
    site: str | None
    title: str | None
    published: str | None  # ISO 8601
    langs: tuple[str, ...]  # language of each section

    @classmethod
    def of(cls, article: Article) -> ArticleMeta:
        return cls(
            doc_id=article.doc_id,
            url=article.url,
            site=article.site,
            title=article.title,
            published=article.published.isoformat() if article.published else None,
            langs=tuple(s.lang for s in article.sections),
        )


def _actors(names: Iterable[str], codes: Mapping[str, str]) -> list[dict[str, str]]:
    out = []
    for name in names:
        entry = {"actorText": name}
        if name in codes:
            entry["code"] = codes[name]
        out.append(entry)
    return out


def plover_record(
    claim: Claim,
    meta: ArticleMeta,
    codes: Mapping[str, str] | None = None,
    ontology: Ontology | None = None,
) -> dict[str, Any]:
    """One PLOVER JSON record for one claim. ``codes`` maps canonical names to actor codes
    (ISO 3166-1 alpha-3 for countries) when the caller has them."""
    ontology = ontology or load_ontology()
    codes = codes or {}
    lang = meta.langs[claim.section] if 0 <= claim.section < len(meta.langs) else None
    contexts = [c for c in claim.context if c in ontology.contexts]
    sanctions = ontology.sanctions_mode_of(claim.type, claim.mode)
    record: dict[str, Any] = {
        "id": f"{meta.doc_id}-{claim.claim_id}",
        "date": claim.date,
        "source": _actors(claim.actors, codes),
        "target": _actors(claim.recipients, codes),
        "event": claim.type,
        "mode": claim.mode or "",
        "context": ", ".join(contexts),
        "eventText": claim.evidence,
        "text": claim.evidence,
        "language": lang,
        "publication": meta.site or meta.url,
        "coder": claim.extractor,
        "version": PLOVER_VERSION,
    }
    if claim.place:
        record["eventLoc"] = {"placeName": claim.place}
    if claim.quantity:
        record["size"] = claim.quantity
    record["watchfloor"] = {
        "claim_id": claim.claim_id,
        "doc_id": claim.doc_id,
        "url": meta.url,
        "published": meta.published,
        "date_precision": claim.date_precision,
        "asserted_by": list(claim.asserted_by),
        "stance": str(claim.stance),
        "status": str(claim.status),
        "negated": claim.negated,
        "modality": [c for c in claim.context if c not in ontology.contexts],
        "object": claim.object,
        "section": claim.section,
        "start": claim.start,
        "end": claim.end,
        "confidence": claim.confidence,
        "from_headline": claim.from_headline,
        "sanctions_mode": sanctions.key if sanctions else None,
        "quad": ontology.types[claim.type].quad if claim.type in ontology.types else None,
    }
    return record


def plover_records(
    claims: Iterable[Claim],
    metas: Mapping[str, ArticleMeta],
    codes: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """PLOVER records of many claims; claims whose document has no metadata are skipped by
    the caller's choice of ``metas`` (each record needs its publication)."""
    ontology = load_ontology()
    return [plover_record(c, metas[c.doc_id], codes, ontology) for c in claims if c.doc_id in metas]
