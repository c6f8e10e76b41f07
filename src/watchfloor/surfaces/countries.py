"""Actor -> country, for the surfaces: leads (is the DPRK involved?), alerts, network and GDELT.

Canonical actor names are English Wikipedia titles. Countries resolve through CLDR (babel) plus
the overrides of ``data/actors/countries.yaml``; persons and organisations through the ``country``
field of the actor registry files (ISO 3166-1 alpha-3). Loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


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


def _actor_dir() -> Path:
    return Path(str(resources.files("watchfloor") / "data" / "actors"))


def _alpha2_to_alpha3() -> dict[str, str]:
    from babel.core import get_global

    out: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        # CLDR aliases map alpha-3 (and numeric) codes to alpha-2; keep the alphabetic ones
        if len(alias) == 3 and alias.isalpha() and alias.isupper() and len(targets) == 1:
            out.setdefault(targets[0], alias)
    return out


def _country_names(overrides: dict[str, str]) -> dict[str, str]:
    """alpha-2 -> canonical English name (CLDR, with Wikipedia-title overrides)."""
    from babel import Locale

    names = {code: str(name) for code, name in Locale("en").territories.items() if code.isalpha()}
    names.update(overrides)
    return names


def _registry_rows(files: Iterable[Path]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue  # a broken user file is reported by the entity stage, not here
        actors = data.get("actors") if isinstance(data, dict) else None
        if isinstance(actors, list):
            rows += [a for a in actors if isinstance(a, dict)]
    return rows


@lru_cache(maxsize=8)
def load_country_resolver(extra_files: tuple[str, ...] = ()) -> CountryResolver:
    """Build the resolver from CLDR and the shipped (plus user) actor registry files."""
    base = _actor_dir()
    countries_yaml = base / "countries.yaml"
    overrides: dict[str, str] = {}
    if countries_yaml.exists():
        data = yaml.safe_load(countries_yaml.read_text(encoding="utf-8")) or {}
        overrides = dict((data.get("countries") or {}).get("canonical_overrides") or {})
    a3 = _alpha2_to_alpha3()
    names = _country_names(overrides)
    code_of_name: dict[str, str] = {}
    name_of_code: dict[str, str] = {}
    for alpha2, name in names.items():
        alpha3 = a3.get(alpha2)
        if alpha3 is None:
            continue
        name_of_code[alpha3] = name
        code_of_name[name.lower()] = alpha3
    files = sorted(p for p in base.glob("*.yaml") if not p.name.startswith("_"))
    files += [Path(f) for f in extra_files]
    for row in _registry_rows(files):
        actor, country = row.get("name"), row.get("country")
        if isinstance(actor, str) and isinstance(country, str) and len(country) == 3:
            code_of_name.setdefault(actor.lower(), country.upper())
    return CountryResolver(code_of_name=code_of_name, name_of_code=name_of_code)
