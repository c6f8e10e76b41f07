"""The claims stage: (article, mentions) -> claims, through the configured extractors.

Every extractor's output is verified against the article (verbatim evidence) before it leaves the
stage. Only the offline rules extractor ships; others register in ``EXTRACTORS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from watchfloor.claims.extractor import Extractor, verify_claims
from watchfloor.claims.rules import RulesExtractor
from watchfloor.config import Config
from watchfloor.errors import ConfigError
from watchfloor.records import Article, Claim, Mention

ExtractorFactory = Callable[[Config], Extractor]


def _rules(config: Config) -> Extractor:
    return RulesExtractor(timezones=config.timezones)


EXTRACTORS: Mapping[str, ExtractorFactory] = {"rules": _rules}


class ClaimStage:
    """Claims of one document from its article and entity mentions."""

    name: ClassVar[str] = "claims.rules.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"claims"})

    def __init__(self, extractors: tuple[Extractor, ...]) -> None:
        self.extractors = extractors

    def process(self, item: tuple[Article, tuple[Mention, ...]]) -> tuple[Claim, ...]:
        article, mentions = item
        out: list[Claim] = []
        seen: set[str] = set()
        for extractor in self.extractors:
            kept, _refused = verify_claims(article, extractor.extract(article, mentions))
            for claim in kept:
                if claim.claim_id not in seen:
                    seen.add(claim.claim_id)
                    out.append(claim)
        return tuple(out)


def build_claim_stage(config: Config) -> ClaimStage:
    """The stage with the extractors named in ``[claims] extractors``, built once."""
    built = []
    for name in config.claims.extractors:
        factory = EXTRACTORS.get(name)
        if factory is None:
            raise ConfigError(
                f"claims.extractors: unknown extractor {name!r} (known: {sorted(EXTRACTORS)})"
            )
        built.append(factory(config))
    return ClaimStage(tuple(built))
