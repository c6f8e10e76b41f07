"""The surfaces' country lookup is read off the actor registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.entities.registry import Registry, RegistryError
from watchfloor.surfaces.countries import load_country_resolver, resolver_from_registry


@pytest.mark.parametrize(
    ("name", "code", "country"),
    [
        ("Kim Jong Un", "PRK", "North Korea"),
        ("north korea", "PRK", "North Korea"),
        ("Vladimir Putin", "RUS", "Russia"),
        ("Korean Central News Agency", "PRK", "North Korea"),
        ("South Korea", "KOR", "South Korea"),
        ("Nobody In Particular", None, None),
    ],
)
def test_countries_resolves_actors_and_countries(
    name: str, code: str | None, country: str | None
) -> None:
    resolver = load_country_resolver()
    assert resolver.code(name) == code
    assert resolver.country(name) == country


def test_countries_is_country_only_for_the_country_itself() -> None:
    resolver = load_country_resolver()
    assert resolver.is_country("Russia")
    assert not resolver.is_country("Vladimir Putin")
    assert not resolver.is_country("Unknown Place")


def test_countries_agree_with_the_registry_on_every_country_actor() -> None:
    registry = Registry.load()
    resolver = resolver_from_registry(registry)
    for actor in registry.actors.values():
        if actor.kind == "country" and actor.country:
            assert resolver.code(actor.name) == actor.country
            assert resolver.is_country(actor.name)


def test_countries_reads_user_registry_files(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "actors:\n  - id: org:test-trading\n    name: Test Trading Company\n"
        "    kind: organization\n    country: PRK\n"
        "    names:\n      en: [Test Trading Company]\n",
        encoding="utf-8",
    )
    resolver = load_country_resolver((str(user),))
    assert resolver.country("Test Trading Company") == "North Korea"


def test_countries_reports_a_broken_user_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [\n", encoding="utf-8")
    with pytest.raises(RegistryError):
        load_country_resolver((str(bad),))
