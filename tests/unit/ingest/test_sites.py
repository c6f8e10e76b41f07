"""One normal form for a publisher's site."""

from __future__ import annotations

import pytest

from watchfloor.ingest.sites import is_ip_host, normalise_site, site_of


@pytest.mark.parametrize(
    ("url", "hint", "site"),
    [
        ("https://www.Example.co.jp/news/1", None, "example.co.jp"),
        ("http://news.example.org:8080/a", None, "news.example.org"),
        ("https://example.org/a", "WWW.Other.org", "other.org"),
        ("https://example.org/a", "other.org/politics/", "other.org"),
        ("https://example.org/a", "  ", "example.org"),
        ("seed:000.html", None, None),
        ("file:///tmp/a.html", None, None),
        ("seed:000.html", "example.kr", "example.kr"),
    ],
)
def test_sites_site_of_prefers_the_hint_and_needs_http(
    url: str, hint: str | None, site: str | None
) -> None:
    assert site_of(url, hint) == site


@pytest.mark.parametrize(
    ("text", "site"),
    [("https://www.a.example/x", "a.example"), ("B.example.", "b.example"), ("", None)],
)
def test_sites_normalise_site(text: str, site: str | None) -> None:
    assert normalise_site(text) == site


@pytest.mark.parametrize(("host", "ip"), [("10.0.0.1", True), ("::1", True), ("a.example", False)])
def test_sites_is_ip_host(host: str, ip: bool) -> None:
    assert is_ip_host(host) is ip
