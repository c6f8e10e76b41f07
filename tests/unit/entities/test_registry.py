"""Registry loading, validation, CLDR countries and roles resolved by date."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from watchfloor.entities.registry import Registry, RegistryError


@lru_cache(maxsize=1)
def shipped() -> Registry:
    return Registry.load()


def test_registry_loads_shipped_actors_with_all_languages() -> None:
    reg = shipped()
    kim = reg.get("kim-jong-un")
    assert kim is not None and kim.name == "Kim Jong Un" and kim.kind == "person"
    assert kim.country == "PRK"
    assert {"en", "ja", "ko", "ru", "zh"} <= set(kim.names)
    assert "김정은" in kim.names["ko"] and "Ким Чен Ын" in kim.names["ru"]


@pytest.mark.parametrize(
    ("alpha3", "lang", "expected"),
    [
        ("PRK", "ja", "北朝鮮"),
        ("PRK", "ko", "북한"),
        ("KOR", "ru", "Республика Корея"),
        ("RUS", "zh", "俄罗斯"),
        ("KOR", "zh", "南韓"),
        ("USA", "en", "United States"),
    ],
)
def test_registry_country_names_come_from_cldr(alpha3: str, lang: str, expected: str) -> None:
    country = shipped().country(alpha3)
    assert country is not None and expected in country.names[lang]


@pytest.mark.parametrize(
    ("phrase", "lang", "day", "expected"),
    [
        ("Russian Defense Minister", "en", date(2023, 9, 13), "Sergei Shoigu"),
        ("ロシア国防相", "ja", date(2024, 6, 1), "Andrei Belousov"),
        ("한국 대통령", "ko", date(2024, 10, 18), "Yoon Suk Yeol"),
        ("韩国总统", "zh", date(2025, 7, 1), "Lee Jae-myung"),
        ("президент России", "ru", date(2024, 11, 19), "Vladimir Putin"),
        ("US President", "en", date(2024, 1, 5), "Joe Biden"),
        ("US President", "en", date(2025, 3, 5), "Donald Trump"),
    ],
)
def test_registry_roles_at_resolves_by_date(
    phrase: str, lang: str, day: date, expected: str
) -> None:
    assert [a.name for a in shipped().roles_at(phrase, lang, day)] == [expected]


def test_registry_roles_at_without_date_uses_open_ranges() -> None:
    reg = shipped()
    assert [a.name for a in reg.roles_at("Russian Defense Minister", "en", None)] == [
        "Andrei Belousov"
    ]
    assert reg.roles_at("no such office", "en", None) == ()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("actors:\n  - {id: x1, name: X, kind: planet, names: {en: [X]}}\n", "kind 'planet'"),
        (
            "actors:\n  - {id: x1, name: X, kind: person, names: {en: [X]},"
            " roles: [{role: nope}]}\n",
            "unknown role",
        ),
        ("actors:\n  - {id: x1, name: X, kind: person, names: {xx: [X]}}\n", "unknown language"),
        (
            "actors:\n  - {id: x1, name: X, kind: person, country: KP, names: {en: [X]}}\n",
            "alpha-3",
        ),
        (
            "actors:\n  - {id: x1, name: X, kind: person, names: {en: [X]},"
            " roles: [{role: president-of-russia, from: 2020-13-01}]}\n",
            "ISO date",
        ),
        ("actors: [\n", "invalid YAML"),
        ("stuff: 1\n", "unknown top-level"),
    ],
)
def test_registry_rejects_bad_files_naming_file_and_entry(
    tmp_path: Path, body: str, needle: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(RegistryError) as err:
        Registry.load([path])
    assert needle in str(err.value) and str(path) in str(err.value)


def test_registry_user_file_overrides_and_extends(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "actors:\n"
        "  - {id: kim-jong-un, name: Kim Jong Un, kind: person, country: PRK, names: {en: [Kim Jong Un, Marshal Kim]}}\n"  # noqa: E501
        "  - {id: user-some-envoy, name: Some Envoy, kind: person, names: {en: [Some Envoy]}}\n",
    )
    reg = Registry.load([path])
    kim = reg.get("kim-jong-un")
    assert kim is not None and "Marshal Kim" in kim.names["en"] and "ja" not in kim.names
    assert reg.get("user-some-envoy") is not None
