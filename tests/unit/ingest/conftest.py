"""A local HTTP server for fetch/feed/source tests: never the internet.

Routes (all on 127.0.0.1, random port): pages in several encodings, a feed, ETag and
Last-Modified with 304, a slow page, 500-then-200, 429 with Retry-After, huge bodies (with and
without Content-Length), redirects (to a page, in a loop, to a non-http scheme), 404, a PNG.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

PAGE_EN = (
    "<html><head><title>Envoys meet in Pyongyang</title></head><body><article>"
    "<h1>Envoys meet in Pyongyang</h1><p>A Russian delegation arrived in Pyongyang on Monday "
    "for talks on trade and transport links, state media in both countries reported.</p>"
    "</article></body></html>"
)
PAGE_JA = (
    "<html><head><meta charset='utf-8'><title>代表団が平壌到着</title></head><body>"
    "<p>ロシアの代表団が平壌に到着し、貿易や交通の協力について協議した。</p></body></html>"
)
ETAG = '"v1-abc"'
LAST_MODIFIED = "Tue, 19 Nov 2024 10:05:00 GMT"


def feed_xml(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local desk</title><link>{base}/</link>
<item><title>Envoys meet in Pyongyang</title><link>{base}/page.html</link>
<pubDate>Tue, 19 Nov 2024 10:05:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>Missing page</title><link>{base}/missing</link>
<description>Another teaser.</description></item>
</channel></rss>"""


@dataclass
class LocalServer:
    """The running server: its base URL, per-path hit counts and request headers seen."""

    base: str
    hits: Counter[str] = field(default_factory=Counter)
    headers: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def _send(
            self,
            status: int,
            body: bytes = b"",
            ctype: str = "text/html; charset=utf-8",
            **extra: str,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if "no_length" not in extra:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
            for key, value in extra.items():
                if key != "no_length":
                    self.send_header(key.replace("_", "-"), value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with server.lock:
                server.hits[path] += 1
                count = server.hits[path]
                server.headers.append((path, dict(self.headers.items())))
            if path == "/page.html":
                self._send(200, PAGE_EN.encode())
            elif path == "/ja.html":
                self._send(200, PAGE_JA.encode())
            elif path == "/sjis-wrong-header.html":
                body = PAGE_JA.replace("utf-8", "shift_jis").encode("cp932")
                self._send(200, body, "text/html; charset=utf-8")
            elif path == "/feed.xml":
                self._send(200, feed_xml(server.base).encode(), "application/rss+xml")
            elif path == "/etag":
                if self.headers.get("If-None-Match") == ETAG:
                    self._send(304, ETag=ETAG)
                else:
                    self._send(200, PAGE_EN.encode(), ETag=ETAG)
            elif path == "/lastmod":
                if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    self._send(304)
                else:
                    self._send(200, PAGE_EN.encode(), Last_Modified=LAST_MODIFIED)
            elif path == "/slow":
                time.sleep(1.5)
                self._send(200, PAGE_EN.encode())
            elif path == "/flaky":
                if count == 1:
                    self._send(500, b"oops")
                else:
                    self._send(200, PAGE_EN.encode())
            elif path == "/always-500":
                self._send(503, b"down")
            elif path == "/retry-after":
                if count == 1:
                    self._send(429, b"slow down", Retry_After="1")
                else:
                    self._send(200, PAGE_EN.encode())
            elif path == "/huge":
                self._send(200, b"<p>" + b"x" * 300_000 + b"</p>")
            elif path == "/huge-stream":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"y" * 10_000)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
            elif path == "/gzip":
                self._send(200, gzip.compress(PAGE_EN.encode()), Content_Encoding="gzip")
            elif path == "/redirect":
                self._send(302, Location=server.url("/page.html"))
            elif path == "/redirect-relative":
                self._send(301, Location="/ja.html")
            elif path == "/redirect-loop":
                self._send(302, Location="/redirect-loop")
            elif path == "/redirect-file":
                self._send(302, Location="file:///etc/passwd")
            elif path == "/redirect-internal":
                self._send(
                    302, Location=f"http://internal.test:{server.base.rsplit(':', 1)[1]}/page.html"
                )
            elif path == "/image.png":
                self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
            elif path == "/empty":
                self._send(200, b"")
            else:
                self._send(404, b"not here")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    """Timeout and size-limit tests hang up mid-response on purpose; that is not a server error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def local_http_server() -> Iterator[LocalServer]:
    """A threaded http.server on 127.0.0.1 with a random port, stopped after the test."""
    state = LocalServer(base="")
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
