"""Source registry: domain, parent-domain and pattern matching; user files override."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.assess.sources import MatchKind, SourceKind, load_registry
from watchfloor.ingest.sites import normalise_site


@pytest.mark.parametrize(
    ("site", "kind", "match"),
    [
        ("reuters.com", SourceKind.WIRE, MatchKind.DOMAIN),
        ("world.kbs.co.kr", SourceKind.BROADCASTER, MatchKind.PARENT),
        ("https://www.yna.co.kr/view/AKR2024", SourceKind.WIRE, MatchKind.DOMAIN),
        ("big5.sputniknews.cn", SourceKind.STATE_MEDIA, MatchKind.PARENT),
        ("www.mofa.go.kr", SourceKind.GOVERNMENT, MatchKind.DOMAIN),
        ("www.nis.go.kr", SourceKind.GOVERNMENT, MatchKind.DOMAIN),
        ("www.moef.go.kr", SourceKind.GOVERNMENT, MatchKind.PATTERN),
        ("kcna.kp", SourceKind.STATE_MEDIA, MatchKind.DOMAIN),
        ("anything.rep.kp", SourceKind.STATE_MEDIA, MatchKind.PATTERN),
        ("v.daum.net", SourceKind.AGGREGATOR, MatchKind.PARENT),
        ("example-unknown-news.info", SourceKind.UNKNOWN, MatchKind.UNKNOWN),
        ("203.0.113.7", SourceKind.UNKNOWN, MatchKind.UNKNOWN),
        (None, SourceKind.UNKNOWN, MatchKind.NO_SITE),
    ],
)
def test_sources_lookup(site: str | None, kind: SourceKind, match: MatchKind) -> None:
    profile = load_registry().lookup(site)
    assert profile.kind is kind
    assert profile.match is match


def test_sources_state_media_marked() -> None:
    registry = load_registry()
    for site in ("kcna.kp", "tass.ru", "xinhuanet.com", "rt.com", "cgtn.com"):
        assert registry.lookup(site).state_affiliated, site


def test_sources_country_is_alpha3() -> None:
    registry = load_registry()
    for domain in registry.domains():
        country = registry.lookup(domain).country
        assert country is None or (len(country) == 3 and country.isupper()), domain


def test_sources_user_file_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "sources:\n  - {domain: reuters.com, kind: blog, country: GBR, state_affiliated: false}\n"
        "  - {domain: my-local-paper.example, kind: newspaper, country: JPN}\n"
    )
    registry = load_registry([user])
    assert registry.lookup("reuters.com").kind is SourceKind.BLOG
    assert registry.lookup("news.my-local-paper.example").kind is SourceKind.NEWSPAPER
    assert load_registry().lookup("reuters.com").kind is SourceKind.WIRE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://WWW.Example.com:8080/a", "example.com"),
        ("m.example.com/x", "m.example.com"),
        ("", None),
    ],
)
def test_sources_normalise_site(raw: str, expected: str | None) -> None:
    assert normalise_site(raw) == expected
