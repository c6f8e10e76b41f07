"""HTTP fetching for item pages and single URLs: polite, bounded, conditional and SSRF-safe.

- Only http/https. Every address a host resolves to is checked (private, loopback, link-local,
  multicast, reserved, unspecified, shared, IPv4-mapped/6to4/Teredo-embedded) before
  connecting, and the connection goes to the checked address (no second DNS lookup an attacker
  could answer differently). Redirects are followed by hand and every hop is checked again.
  ``allow_private=True`` lifts the address check (tests, intranet news).
- Timeouts per operation plus a total budget; bodies are streamed and abandoned past
  ``max_bytes``; connect errors, timeouts, 5xx and 429 are retried with exponential backoff,
  honouring Retry-After; a minimum delay separates requests to one host (thread-safe).
- Conditional GET through a ``ValidatorCache``: a 304 is ``NotModified``, not an error.

``fetch`` never raises for a bad URL or a failing server: it returns ``FetchFailed``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urljoin

import httpx

from watchfloor.errors import FetchRefused
from watchfloor.records import InputHints, Provenance, Reason, Rejected, doc_id_for

STAGE = "ingest.fetch.v1"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})
_RETRY_ERRORS = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.PoolTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.I)


class ValidatorCache(Protocol):
    """Where conditional-GET validators live between runs (in memory, or in the store)."""

    def get(self, url: str) -> tuple[str | None, str | None] | None: ...

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


class MemoryValidatorCache:
    """A thread-safe in-memory ValidatorCache."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, tuple[str | None, str | None]] = {}

    def get(self, url: str) -> tuple[str | None, str | None] | None:
        with self._lock:
            return self._items.get(url)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            self._items[url] = (etag, last_modified)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page fetched successfully (2xx)."""

    url: str  # final URL, after redirects
    requested: str
    status: int
    data: bytes
    content_type: str | None
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def charset(self) -> str | None:
        match = _CHARSET_RE.search(self.content_type or "")
        return match.group(1) if match else None

    @property
    def mime(self) -> str:
        return (self.content_type or "").split(";", 1)[0].strip().lower()

    @property
    def hints(self) -> InputHints:
        return InputHints(charset=self.charset, content_type=self.content_type)


@dataclass(frozen=True, slots=True)
class NotModified:
    """The server answered 304: the copy stored earlier is current. Not an error."""

    url: str
    requested: str
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.requested)


@dataclass(frozen=True, slots=True)
class FetchFailed:
    """A fetch that produced no page: refused, not found, too large, or failing after retries."""

    url: str
    reason: Reason
    detail: str
    status: int | None = None

    def rejected(self, provenance: Provenance | None = None, data: bytes = b"") -> Rejected:
        """This failure as a quarantine item (``data``: e.g. the feed item that linked here)."""
        return Rejected(
            doc_id=doc_id_for(self.url),
            stage=STAGE,
            reason=self.reason,
            detail=self.detail,
            data=data,
            provenance=provenance or Provenance(kind="url", location=self.url),
            url=self.url,
        )


FetchResult = Fetched | NotModified | FetchFailed


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why connecting to ``ip`` is refused by default, or None for a global unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            inner = forbidden_reason(embedded)
            return f"embeds {embedded}, which {inner}" if inner else None
    checks = (
        ("is_unspecified", "is unspecified"),
        ("is_loopback", "is loopback"),
        ("is_link_local", "is link-local"),
        ("is_multicast", "is multicast"),
        ("is_private", "is private"),
        ("is_reserved", "is reserved"),
    )
    for attr, why in checks:
        if getattr(ip, attr):
            return why
    if not ip.is_global:
        return "is not globally routable"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IP literals resolve to themselves)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


@dataclass(frozen=True, slots=True)
class _Target:
    url: httpx.URL
    host: str  # ASCII (IDNA) host name
    port: int
    address: str  # the checked IP to connect to


class _Retry(Exception):
    """A transient failure worth another attempt after ``wait`` seconds."""

    def __init__(self, detail: str, wait: float | None = None, status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.wait = wait
        self.status = status


class Fetcher:
    """Fetches pages over HTTP(S) with limits, retries, politeness and conditional GET."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = 10_000_000,
        retries: int = 3,
        backoff: float = 0.5,
        per_host_delay: float = 1.0,
        user_agent: str = "watchfloor/0.1",
        allow_private: bool = False,
        cache: ValidatorCache | None = None,
        max_redirects: int = 5,
        max_retry_after: float = 60.0,
        total_timeout: float | None = None,
        resolver: Resolver | None = None,
        is_forbidden: Callable[[IPAddress], str | None] = forbidden_reason,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.per_host_delay = per_host_delay
        self.user_agent = user_agent
        self.allow_private = allow_private
        self.cache = cache if cache is not None else MemoryValidatorCache()
        self.max_redirects = max_redirects
        self.max_retry_after = max_retry_after
        self.total_timeout = total_timeout if total_timeout is not None else 3 * timeout
        self._resolve = resolver or system_resolver
        self._is_forbidden = is_forbidden
        self._sleep = sleep
        self._clock = clock or (lambda: datetime.now(UTC))
        self._host_lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        # No keep-alive: each connection goes to one checked address with one SNI name.
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- address policy -----------------------------------------------------------------

    def check_url(self, url: str) -> list[str]:
        """The addresses ``url`` may be fetched from; raises FetchRefused (before connecting)."""
        return [self._target(url).address]

    def _target(self, url: str) -> _Target:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise FetchRefused(f"invalid URL {url!r}: {exc}") from exc
        if parsed.scheme not in ("http", "https"):
            raise FetchRefused(f"scheme {parsed.scheme or '(none)'!r} refused: only http/https")
        host = parsed.raw_host.decode("ascii", "replace").strip("[]")
        if not host:
            raise FetchRefused(f"URL {url!r} has no host")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        try:
            addresses = self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise _Unresolvable(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise _Unresolvable(f"{host} resolves to no address")
        if not self.allow_private:
            for text in addresses:
                ip = ipaddress.ip_address(text.split("%", 1)[0])
                why = self._is_forbidden(ip)
                if why:
                    raise FetchRefused(
                        f"{host} resolves to {ip}, which {why}; pass allow_private to fetch it"
                    )
        return _Target(parsed, host, port, addresses[0].split("%", 1)[0])

    # --- politeness ---------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        """Reserve the next slot for ``host`` and sleep until it (thread-safe)."""
        if self.per_host_delay <= 0:
            return
        with self._host_lock:
            now = time.monotonic()
            start = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = start + self.per_host_delay
        if start > now:
            self._sleep(start - now)

    # --- fetching -----------------------------------------------------------------------

    def fetch(self, url: str, *, conditional: bool = True) -> FetchResult:
        """GET ``url``, following redirects by hand; never raises for bad input."""
        try:
            return self._fetch(url, conditional)
        except Exception as exc:  # a malformed URL or odd server must not end the run
            return FetchFailed(url, Reason.FETCH_ERROR, f"{type(exc).__name__}: {exc}")

    def _fetch(self, url: str, conditional: bool) -> FetchResult:
        requested = url
        redirects: list[str] = []
        validators = self.cache.get(requested) if conditional else None
        current = url
        while True:
            try:
                target = self._target(current)
            except FetchRefused as exc:
                return FetchFailed(requested, Reason.FORBIDDEN_ADDRESS, str(exc))
            except _Unresolvable as exc:
                return FetchFailed(requested, Reason.FETCH_ERROR, str(exc))
            outcome = self._get_with_retries(target, validators if not redirects else None)
            if isinstance(outcome, FetchFailed):
                return FetchFailed(requested, outcome.reason, outcome.detail, outcome.status)
            status, headers, body = outcome
            if status in _REDIRECTS:
                location = headers.get("location")
                if not location:
                    return FetchFailed(
                        requested, Reason.FETCH_ERROR, f"HTTP {status} without Location", status
                    )
                if len(redirects) >= self.max_redirects:
                    return FetchFailed(
                        requested,
                        Reason.FETCH_ERROR,
                        f"more than {self.max_redirects} redirects",
                        status,
                    )
                current = urljoin(current, location)
                redirects.append(current)
                continue
            return self._result(requested, current, status, headers, body, redirects, validators)

    def _result(
        self,
        requested: str,
        final: str,
        status: int,
        headers: httpx.Headers,
        body: bytes,
        redirects: list[str],
        validators: tuple[str | None, str | None] | None,
    ) -> FetchResult:
        etag = headers.get("etag")
        last_modified = headers.get("last-modified")
        if status == 304 and validators is not None:
            return NotModified(final, requested, self._clock(), etag, last_modified)
        if status in (404, 410):
            return FetchFailed(requested, Reason.NOT_FOUND, f"HTTP {status} for {final}", status)
        if not 200 <= status < 300:
            return FetchFailed(requested, Reason.FETCH_ERROR, f"HTTP {status} for {final}", status)
        if etag or last_modified:
            self.cache.put(requested, etag, last_modified)
        return Fetched(
            url=final,
            requested=requested,
            status=status,
            data=body,
            content_type=headers.get("content-type"),
            fetched_at=self._clock(),
            etag=etag,
            last_modified=last_modified,
            redirects=tuple(redirects),
        )

    def _get_with_retries(
        self, target: _Target, validators: tuple[str | None, str | None] | None
    ) -> tuple[int, httpx.Headers, bytes] | FetchFailed:
        attempt = 0
        while True:
            self._wait_turn(target.host)
            try:
                return self._get_once(target, validators)
            except _TooLarge as exc:
                return FetchFailed(str(target.url), Reason.TOO_LARGE, str(exc))
            except _Retry as exc:
                if attempt >= self.retries:
                    detail = f"{exc.detail} (after {attempt + 1} attempts)"
                    return FetchFailed(str(target.url), Reason.FETCH_ERROR, detail, exc.status)
                wait = self.backoff * (2**attempt)
                if exc.wait is not None:
                    wait = max(wait, min(exc.wait, self.max_retry_after))
                attempt += 1
                self._sleep(wait)
            except httpx.HTTPError as exc:
                detail = f"{type(exc).__name__}: {exc}"
                return FetchFailed(str(target.url), Reason.FETCH_ERROR, detail)

    def _get_once(
        self, target: _Target, validators: tuple[str | None, str | None] | None
    ) -> tuple[int, httpx.Headers, bytes]:
        headers = {"Host": target.url.netloc.decode("ascii")}
        if validators is not None:
            etag, last_modified = validators
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        # Connect to the checked address; keep the name for Host and for TLS (SNI, cert check).
        pinned = target.url.copy_with(host=target.address)
        request = self._client.build_request(
            "GET", pinned, headers=headers, extensions={"sni_hostname": target.host}
        )
        started = time.monotonic()
        try:
            response = self._client.send(request, stream=True)
        except _RETRY_ERRORS as exc:
            raise _Retry(f"{type(exc).__name__}: {exc or 'no detail'}") from exc
        try:
            status = response.status_code
            if status in _RETRY_STATUS:
                wait = _retry_after(response.headers.get("retry-after"), self._clock())
                raise _Retry(f"HTTP {status}", wait, status)
            if status in _REDIRECTS or status == 304 or not 200 <= status < 300:
                return status, response.headers, b""
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise _TooLarge(
                    f"Content-Length {declared} exceeds max_bytes={self.max_bytes}; not downloaded"
                )
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise _TooLarge(
                            f"body exceeds max_bytes={self.max_bytes}; download abandoned"
                        )
                    if time.monotonic() - started > self.total_timeout:
                        raise _Retry(f"body not received within {self.total_timeout:g} s")
                    chunks.append(chunk)
            except _RETRY_ERRORS as exc:
                raise _Retry(f"{type(exc).__name__} while reading the body") from exc
            except httpx.DecodingError as exc:
                raise httpx.HTTPError(f"cannot decode the body: {exc}") from exc
            return status, response.headers, b"".join(chunks)
        finally:
            response.close()


class _TooLarge(Exception):
    """The body is over the limit."""


class _Unresolvable(Exception):
    """The host name does not resolve: not worth retrying."""
