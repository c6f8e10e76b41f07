"""News outlets among the mentions: they report events, they do not take part in them.

An outlet (registry sector ``MED``: KCNA, Yonhap, TASS, Reuters …) named in a sentence is a
candidate asserter ("KCNA said", "according to Yonhap") or a byline, never an actor or recipient
of the event frame.
"""

from __future__ import annotations

from functools import lru_cache

MEDIA_SECTOR = "MED"


@lru_cache(maxsize=1)
def media_names() -> frozenset[str]:
    """Case-folded canonical names of the registry's news outlets, loaded once per process.

    Empty when the registry cannot be loaded: the claims stage then treats every mention as a
    possible participant, as before.
    """
    try:
        from watchfloor.entities.registry import Registry

        registry = Registry.load()
    except Exception:  # the registry is another stage's data; claims work without it
        return frozenset()
    return frozenset(
        a.name.casefold() for a in registry.actors.values() if a.sector == MEDIA_SECTOR
    )


def is_media(canonical_name: str) -> bool:
    """Whether a canonical name is a news outlet of the registry."""
    return canonical_name.casefold() in media_names()


@lru_cache(maxsize=2)
def _countries(media_only: bool) -> dict[str, str]:
    """Canonical name (casefolded) -> the canonical name of its country, from the registry."""
    try:
        from watchfloor.entities.registry import Registry

        registry = Registry.load()
    except Exception:  # as media_names: claims work without the registry
        return {}
    out: dict[str, str] = {}
    for actor in registry.actors.values():
        if (media_only and actor.sector != MEDIA_SECTOR) or not actor.country:
            continue
        country = registry.country(actor.country)
        if country is not None:
            out[actor.name.casefold()] = country.name
    return out


def outlet_country(canonical_name: str) -> str | None:
    """The canonical name of the country an outlet belongs to (KCNA -> North Korea), if known."""
    return _countries(True).get(canonical_name.casefold())


def actor_country(canonical_name: str) -> str | None:
    """The canonical name of the country a known person or body belongs to (Kim Jong Un ->
    North Korea), if the registry says."""
    return _countries(False).get(canonical_name.casefold())
