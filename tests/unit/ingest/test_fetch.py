"""Fetcher: limits, retries, politeness, conditional GET and address refusal, on a local server."""

from __future__ import annotations

import ipaddress
import threading
import time

import pytest
from tests.unit.ingest.conftest import ETAG, PAGE_EN, LocalServer

from watchfloor.errors import FetchRefused
from watchfloor.ingest.fetch import (
    Fetched,
    Fetcher,
    FetchFailed,
    MemoryValidatorCache,
    NotModified,
    forbidden_reason,
)
from watchfloor.records import Reason, Rejected


def make_fetcher(**kwargs: object) -> tuple[Fetcher, list[float]]:
    sleeps: list[float] = []
    params: dict[str, object] = {
        "allow_private": True,
        "per_host_delay": 0.0,
        "backoff": 0.01,
        "retries": 2,
        "timeout": 5.0,
        "sleep": sleeps.append,
    }
    params.update(kwargs)
    return Fetcher(**params), sleeps  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.5.4",
        "192.168.0.10",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "100.64.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::1",
    ],
)
def test_fetch_forbidden_reason_refuses_non_global(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_fetch_forbidden_reason_allows_global(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def test_fetch_refuses_loopback_without_allow_private(local_http_server: LocalServer) -> None:
    fetcher, _ = make_fetcher(allow_private=False)
    result = fetcher.fetch(local_http_server.url("/page.html"))
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FORBIDDEN_ADDRESS
    assert "127.0.0.1" in result.detail
    assert local_http_server.hits["/page.html"] == 0  # refused before connecting
    with pytest.raises(FetchRefused):
        fetcher.check_url(local_http_server.url("/page.html"))


def test_fetch_succeeds_with_allow_private(local_http_server: LocalServer) -> None:
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(local_http_server.url("/page.html"))
    assert isinstance(result, Fetched)
    assert result.data == PAGE_EN.encode()
    assert result.status == 200
    assert result.mime == "text/html"
    assert result.charset == "utf-8"
    assert result.fetched_at.tzinfo is not None
    sent = local_http_server.headers[-1][1]
    assert sent["Host"] == local_http_server.base.removeprefix("http://")
    assert sent["User-Agent"].startswith("watchfloor")


def test_fetch_refuses_when_any_resolved_address_is_private() -> None:
    fetcher, _ = make_fetcher(
        allow_private=False, resolver=lambda host, port: ["93.184.216.34", "10.0.0.7"]
    )
    result = fetcher.fetch("https://news.test/a")
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FORBIDDEN_ADDRESS
    assert "10.0.0.7" in result.detail


def test_fetch_rechecks_every_redirect_hop(local_http_server: LocalServer) -> None:
    def resolver(host: str, port: int) -> list[str]:
        return {"127.0.0.1": ["127.0.0.1"], "internal.test": ["10.0.0.5"]}[host]

    def policy(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return None if str(ip) == "127.0.0.1" else forbidden_reason(ip)

    fetcher, _ = make_fetcher(allow_private=False, resolver=resolver, is_forbidden=policy)
    result = fetcher.fetch(local_http_server.url("/redirect-internal"))
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FORBIDDEN_ADDRESS
    assert "10.0.0.5" in result.detail
    assert local_http_server.hits["/redirect-internal"] == 1
    assert local_http_server.hits["/page.html"] == 0


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a", "file:///etc/passwd", "javascript:alert(1)", "not a url"]
)
def test_fetch_refuses_non_http_schemes(url: str) -> None:
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(url)
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FORBIDDEN_ADDRESS


def test_fetch_refuses_redirect_to_file_scheme(local_http_server: LocalServer) -> None:
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(local_http_server.url("/redirect-file"))
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FORBIDDEN_ADDRESS


@pytest.mark.parametrize(
    ("path", "final"), [("/redirect", "/page.html"), ("/redirect-relative", "/ja.html")]
)
def test_fetch_follows_redirects(local_http_server: LocalServer, path: str, final: str) -> None:
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(local_http_server.url(path))
    assert isinstance(result, Fetched)
    assert result.url == local_http_server.url(final)
    assert result.requested == local_http_server.url(path)
    assert result.redirects == (local_http_server.url(final),)


def test_fetch_redirect_loop_is_an_error(local_http_server: LocalServer) -> None:
    fetcher, _ = make_fetcher(max_redirects=3)
    result = fetcher.fetch(local_http_server.url("/redirect-loop"))
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FETCH_ERROR
    assert local_http_server.hits["/redirect-loop"] == 4


def test_fetch_etag_gives_not_modified(local_http_server: LocalServer) -> None:
    cache = MemoryValidatorCache()
    fetcher, _ = make_fetcher(cache=cache)
    url = local_http_server.url("/etag")
    first = fetcher.fetch(url)
    assert isinstance(first, Fetched)
    assert first.etag == ETAG
    assert cache.get(url) == (ETAG, None)
    second = fetcher.fetch(url)
    assert isinstance(second, NotModified)
    assert local_http_server.headers[-1][1]["If-None-Match"] == ETAG
    assert isinstance(fetcher.fetch(url, conditional=False), Fetched)


def test_fetch_last_modified_gives_not_modified(local_http_server: LocalServer) -> None:
    fetcher, _ = make_fetcher()
    url = local_http_server.url("/lastmod")
    assert isinstance(fetcher.fetch(url), Fetched)
    assert isinstance(fetcher.fetch(url), NotModified)


def test_fetch_timeout_is_a_fetch_error(local_http_server: LocalServer) -> None:
    fetcher, sleeps = make_fetcher(timeout=0.3, retries=1)
    started = time.monotonic()
    result = fetcher.fetch(local_http_server.url("/slow"))
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FETCH_ERROR
    assert "2 attempts" in result.detail
    assert time.monotonic() - started < 3.0
    assert sleeps == [0.01]


def test_fetch_retries_5xx_then_succeeds(local_http_server: LocalServer) -> None:
    fetcher, sleeps = make_fetcher()
    result = fetcher.fetch(local_http_server.url("/flaky"))
    assert isinstance(result, Fetched)
    assert local_http_server.hits["/flaky"] == 2
    assert sleeps == [0.01]


def test_fetch_gives_up_after_retries_with_exponential_backoff(
    local_http_server: LocalServer,
) -> None:
    fetcher, sleeps = make_fetcher(retries=3, backoff=0.1)
    result = fetcher.fetch(local_http_server.url("/always-500"))
    assert isinstance(result, FetchFailed)
    assert result.status == 503
    assert local_http_server.hits["/always-500"] == 4
    assert sleeps == pytest.approx([0.1, 0.2, 0.4])


def test_fetch_honours_retry_after(local_http_server: LocalServer) -> None:
    fetcher, sleeps = make_fetcher()
    result = fetcher.fetch(local_http_server.url("/retry-after"))
    assert isinstance(result, Fetched)
    assert sleeps == [1.0]


@pytest.mark.parametrize("path", ["/huge", "/huge-stream"])
def test_fetch_aborts_bodies_over_max_bytes(local_http_server: LocalServer, path: str) -> None:
    fetcher, _ = make_fetcher(max_bytes=100_000)
    result = fetcher.fetch(local_http_server.url(path))
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.TOO_LARGE


def test_fetch_decodes_gzip_content_encoding(local_http_server: LocalServer) -> None:
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(local_http_server.url("/gzip"))
    assert isinstance(result, Fetched)
    assert result.data == PAGE_EN.encode()


def test_fetch_404_is_not_found(local_http_server: LocalServer) -> None:
    fetcher, sleeps = make_fetcher()
    result = fetcher.fetch(local_http_server.url("/nope"))
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.NOT_FOUND
    assert sleeps == []  # 4xx is not retried
    rejected = result.rejected(data=b"<item/>")
    assert isinstance(rejected, Rejected)
    assert rejected.reason is Reason.NOT_FOUND
    assert rejected.data == b"<item/>"
    assert rejected.url == local_http_server.url("/nope")


def test_fetch_unresolvable_host_is_not_retried() -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    fetcher, sleeps = make_fetcher(resolver=resolver)
    result = fetcher.fetch("https://nowhere.invalid/a")
    assert isinstance(result, FetchFailed)
    assert result.reason is Reason.FETCH_ERROR
    assert sleeps == []


def test_fetch_per_host_delay_spaces_requests_across_threads(
    local_http_server: LocalServer,
) -> None:
    fetcher = Fetcher(allow_private=True, per_host_delay=0.2, retries=0)
    stamps: list[float] = []
    lock = threading.Lock()

    def one() -> None:
        assert isinstance(fetcher.fetch(local_http_server.url("/page.html")), Fetched)
        with lock:
            stamps.append(time.monotonic())

    threads = [threading.Thread(target=one) for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert local_http_server.hits["/page.html"] == 4
    assert max(stamps) - started >= 0.55  # three gaps of 0.2 s between four requests
