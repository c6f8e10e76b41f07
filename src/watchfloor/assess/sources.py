"""The source registry: a site's domain -> its profile (kind, country, state affiliation).

The registry is data (``data/sources/*.yaml``); user files override it domain by domain.
A host matches its own entry or the nearest parent domain's (``world.kbs.co.kr`` -> ``kbs.co.kr``),
then host patterns (``*.go.kr``); anything else is an unknown site, judged later by its signals.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from watchfloor.ingest.sites import is_ip_host, normalise_site

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "sources"


class SourceKind(StrEnum):
    WIRE = "wire"
    NEWSPAPER = "newspaper"
    BROADCASTER = "broadcaster"
    STATE_MEDIA = "state_media"
    GOVERNMENT = "government"
    AGGREGATOR = "aggregator"
    BLOG = "blog"
    CONTENT_FARM = "content_farm"
    UNKNOWN = "unknown"


class MatchKind(StrEnum):
    """How a site was matched: the reason code of a lookup."""

    DOMAIN = "domain"  # the host itself is listed
    PARENT = "parent"  # a parent domain is listed
    PATTERN = "pattern"  # a host glob matched
    UNKNOWN = "unknown"  # nothing matched
    NO_SITE = "no_site"  # the document has no site


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """What is known about a site; ``match`` says how it was found."""

    site: str
    kind: SourceKind
    country: str | None  # ISO 3166-1 alpha-3
    state_affiliated: bool
    name: str | None = None
    langs: tuple[str, ...] = ()
    notes: str | None = None
    match: MatchKind = MatchKind.UNKNOWN
    entry: str | None = None  # the registry domain or pattern that matched

    @property
    def known(self) -> bool:
        return self.match in (MatchKind.DOMAIN, MatchKind.PARENT, MatchKind.PATTERN)


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: SourceKind
    country: str | None
    state_affiliated: bool
    name: str | None
    langs: tuple[str, ...]
    notes: str | None


def _entry(raw: Mapping[str, Any], origin: str) -> _Entry:
    try:
        kind = SourceKind(str(raw["kind"]))
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{origin}: bad or missing kind in {dict(raw)!r}") from exc
    country = raw.get("country")
    return _Entry(
        kind=kind,
        country=str(country).upper() if country else None,
        state_affiliated=bool(raw.get("state_affiliated", False)),
        name=str(raw["name"]) if raw.get("name") else None,
        langs=tuple(str(x) for x in raw.get("langs") or ()),
        notes=str(raw["notes"]) if raw.get("notes") else None,
    )


class SourceRegistry:
    """Domain and pattern lookup over the shipped registry plus user files."""

    def __init__(
        self, domains: Mapping[str, _Entry], patterns: Sequence[tuple[str, _Entry]]
    ) -> None:
        self._domains = dict(domains)
        self._patterns = tuple(patterns)

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> SourceRegistry:
        """Later files override earlier ones, domain by domain and pattern by pattern."""
        domains: dict[str, _Entry] = {}
        patterns: dict[str, _Entry] = {}
        for path in paths:
            doc = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            for raw in doc.get("sources") or ():
                entry = _entry(raw, str(path))
                for domain in (raw["domain"], *(raw.get("also") or ())):
                    site = normalise_site(str(domain))
                    if site:
                        domains[site] = entry
            for raw in doc.get("patterns") or ():
                patterns[str(raw["pattern"]).lower()] = _entry(raw, str(path))
        return cls(domains, tuple(patterns.items()))

    def __len__(self) -> int:
        return len(self._domains)

    def outlet_names(self) -> dict[str, str]:
        """Case-folded outlet names (with and without a leading 'The') -> a domain."""
        names: dict[str, str] = {}
        for domain, entry in self._domains.items():
            if entry.name:
                folded = entry.name.casefold()
                names.setdefault(folded, domain)
                names.setdefault(folded.removeprefix("the "), domain)
        return names

    def domains(self) -> tuple[str, ...]:
        return tuple(sorted(self._domains))

    def lookup(self, site_or_url: str | None) -> SourceProfile:
        """The profile of a site: exact host, nearest listed parent, host pattern, else unknown."""
        host = normalise_site(site_or_url)
        if host is None:
            return SourceProfile("", SourceKind.UNKNOWN, None, False, match=MatchKind.NO_SITE)
        if not is_ip_host(host):
            labels = host.split(".")
            for i in range(len(labels) - 1):
                candidate = ".".join(labels[i:])
                entry = self._domains.get(candidate)
                if entry is not None:
                    match = MatchKind.DOMAIN if i == 0 else MatchKind.PARENT
                    return _profile(host, entry, match, candidate)
            for pattern, entry in self._patterns:
                if fnmatch.fnmatchcase(host, pattern) or host == pattern.removeprefix("*."):
                    return _profile(host, entry, MatchKind.PATTERN, pattern)
        return SourceProfile(host, SourceKind.UNKNOWN, None, False, match=MatchKind.UNKNOWN)


def _profile(host: str, entry: _Entry, match: MatchKind, key: str) -> SourceProfile:
    return SourceProfile(
        site=host,
        kind=entry.kind,
        country=entry.country,
        state_affiliated=entry.state_affiliated,
        name=entry.name,
        langs=entry.langs,
        notes=entry.notes,
        match=match,
        entry=key,
    )


def shipped_registry_files() -> tuple[Path, ...]:
    return tuple(sorted(DATA_DIR.glob("*.yaml")))


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> SourceRegistry:
    return SourceRegistry.from_files([*shipped_registry_files(), *(Path(p) for p in extra)])


def load_registry(extra: Iterable[str | Path] = ()) -> SourceRegistry:
    """The shipped registry with user files (same YAML layout) applied over it; cached."""
    return _cached(tuple(str(p) for p in extra))
