"""Actor -> country, for the surfaces: leads (is the DPRK involved?), alerts, network and GDELT.

Canonical actor names are English Wikipedia titles. The lookup is read off the actor registry
(`entities.registry.Registry`), which already builds one country actor per CLDR territory and
carries each person's or organisation's ISO 3166-1 alpha-3 country, so the surfaces and fusion
agree on every code. Loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from watchfloor.entities.registry import Registry


@dataclass(frozen=True, slots=True)
class CountryResolver:
    """Maps canonical actor names to the ISO alpha-3 code and canonical name of their country."""

    code_of_name: dict[str, str]  # lower-cased canonical name -> alpha-3
    name_of_code: dict[str, str]  # alpha-3 -> canonical country name

    def code(self, name: str) -> str | None:
        """ISO 3166-1 alpha-3 of the actor's country (or of the country itself)."""
        return self.code_of_name.get(name.strip().lower())

    def country(self, name: str) -> str | None:
        """Canonical name of the actor's country ("Kim Jong Un" -> "North Korea")."""
        code = self.code(name)
        return None if code is None else self.name_of_code.get(code)

    def is_country(self, name: str) -> bool:
        code = self.code(name)
        return code is not None and self.name_of_code.get(code, "").lower() == name.strip().lower()


def resolver_from_registry(registry: Registry) -> CountryResolver:
    """Country actors give the code -> name table; every actor with a country adds its name."""
    name_of_code: dict[str, str] = {}
    code_of_name: dict[str, str] = {}
    actors = sorted(registry.actors.values(), key=lambda a: (a.kind != "country", a.id))
    for actor in actors:
        if not actor.country:
            continue
        if actor.kind == "country":
            name_of_code.setdefault(actor.country, actor.name)
        code_of_name.setdefault(actor.name.lower(), actor.country)
    return CountryResolver(code_of_name=code_of_name, name_of_code=name_of_code)


@lru_cache(maxsize=8)
def load_country_resolver(extra_files: tuple[str, ...] = ()) -> CountryResolver:
    """The resolver of the shipped registry plus the user's registry files."""
    return resolver_from_registry(Registry.load(extra_files))
