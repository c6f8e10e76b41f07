"""iter_inputs: every input found under the targets comes out exactly once."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.unit.ingest.conftest import PAGE_EN, LocalServer
from tests.unit.ingest.samples import JA, KO, html_page
from tests.unit.ingest.warcs import build_warc, html_response

from watchfloor.ingest.fetch import Fetcher, NotModified
from watchfloor.ingest.sources import iter_inputs
from watchfloor.records import MediaType, RawDocument, Reason, Rejected, doc_id_for, sha256_hex

NOW = datetime(2024, 11, 19, 10, 0, tzinfo=UTC)
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def run(targets: list[str], **kwargs: object) -> list[RawDocument | Rejected | NotModified]:
    params: dict[str, object] = {
        "fetcher": None,
        "max_bytes": 10_000,
        "follow_feeds": False,
        "clock": lambda: NOW,
        "raise_errors": True,
    }
    params.update(kwargs)
    return list(iter_inputs(targets, **params))  # type: ignore[arg-type]


def test_sources_directory_is_walked_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_bytes(html_page(JA, "shift_jis").encode("shift_jis"))
    (tmp_path / "a.txt").write_text(KO, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("# Title\n\nBody text.\n")
    items = run([str(tmp_path)])
    assert [Path(str(i.url)).name for i in items] == ["a.txt", "b.html", "c.md"]
    assert [i.media_type for i in items if isinstance(i, RawDocument)] == [
        MediaType.TEXT,
        MediaType.HTML,
        MediaType.MARKDOWN,
    ]
    doc = items[1]
    assert isinstance(doc, RawDocument)
    path = (tmp_path / "b.html").resolve()
    assert doc.url == path.as_uri()
    assert doc.doc_id == doc_id_for(doc.url)
    assert doc.sha256 == sha256_hex(doc.data)
    assert doc.provenance.kind == "file" and doc.provenance.location == str(path)
    assert doc.fetched_at == NOW


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", Reason.EMPTY),
        (b"   \n\n", Reason.EMPTY),
        (b"%PDF-1.4\n", Reason.UNSUPPORTED_TYPE),
        (b"\x00\x01\x02\x03" * 50, Reason.UNDECODABLE),
        (b"x" * 15_000, Reason.TOO_LARGE),
        (b"\x1f\x8b\x08\x00corrupt", Reason.UNDECODABLE),
    ],
)
def test_sources_bad_files_are_rejected_with_their_bytes(
    tmp_path: Path, body: bytes, reason: Reason
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(body)
    (item,) = run([str(path)])
    assert isinstance(item, Rejected)
    assert item.reason is reason
    assert item.data == body
    assert item.provenance is not None and item.provenance.location == str(path.resolve())


def test_sources_far_too_large_file_keeps_no_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"y" * 25_000)
    (item,) = run([str(path)])
    assert isinstance(item, Rejected) and item.reason is Reason.TOO_LARGE
    assert item.data == b""
    assert "25000" in item.detail


def test_sources_missing_path_and_unknown_scheme(tmp_path: Path) -> None:
    missing, scheme = run([str(tmp_path / "nope.html"), "ftp://example.com/a"])
    assert isinstance(missing, Rejected) and missing.reason is Reason.NOT_FOUND
    assert missing.data == b""
    assert isinstance(scheme, Rejected) and scheme.reason is Reason.UNSUPPORTED_TYPE


def test_sources_stdin_is_sniffed() -> None:
    (doc,) = run(["-"], stdin=io.BytesIO(html_page(JA, None).encode("euc_jp")))
    assert isinstance(doc, RawDocument)
    assert doc.media_type is MediaType.HTML
    assert doc.provenance.kind == "stdin"
    assert doc.url == f"stdin:sha256:{doc.sha256}"


def test_sources_stdin_jsonl() -> None:
    data = b'{"url": "u1", "text": "a"}\n{"url": 3}\n'
    items = run(["-"], stdin=io.BytesIO(data))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejected"]


def test_sources_gzip_file_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE_EN.encode()))
    (doc,) = run([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.data == PAGE_EN.encode()
    assert doc.media_type is MediaType.HTML


def test_sources_gzip_bomb_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 700_000))
    (item,) = run([str(path)])
    assert isinstance(item, Rejected) and item.reason is Reason.TOO_LARGE


def test_sources_warc_and_empty_containers(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(build_warc([html_response(1), html_response(2)]))
    (tmp_path / "b.warc").write_bytes(build_warc([], gzip=False))
    (tmp_path / "c.jsonl").write_bytes(b"\n\n")
    items = run([str(tmp_path)])
    assert [type(i).__name__ for i in items] == [
        "RawDocument",
        "RawDocument",
        "Rejected",
        "Rejected",
    ]
    assert all(i.reason is Reason.EMPTY for i in items[2:] if isinstance(i, Rejected))


def test_sources_url_page_feed_and_not_modified(local_http_server: LocalServer) -> None:
    fetcher = Fetcher(allow_private=True, per_host_delay=0, retries=0)
    page, wrong_header, image = run(
        [
            local_http_server.url("/page.html"),
            local_http_server.url("/sjis-wrong-header.html"),
            local_http_server.url("/image.png"),
        ],
        fetcher=fetcher,
    )
    assert isinstance(page, RawDocument) and page.provenance.kind == "url"
    assert page.url == local_http_server.url("/page.html")
    assert isinstance(wrong_header, RawDocument) and wrong_header.hints.charset == "utf-8"
    assert isinstance(image, Rejected) and image.reason is Reason.UNSUPPORTED_TYPE
    feed_items = run([local_http_server.url("/feed.xml")], fetcher=fetcher, follow_feeds=True)
    assert [type(i).__name__ for i in feed_items] == ["RawDocument", "Rejected"]
    first, again = run([local_http_server.url("/etag")] * 2, fetcher=fetcher)
    assert isinstance(first, RawDocument) and isinstance(again, NotModified)


def test_sources_url_refused_without_allow_private(local_http_server: LocalServer) -> None:
    fetcher = Fetcher(allow_private=False, per_host_delay=0, retries=0)
    (item,) = run([local_http_server.url("/page.html")], fetcher=fetcher)
    assert isinstance(item, Rejected) and item.reason is Reason.FORBIDDEN_ADDRESS
    (offline,) = run([local_http_server.url("/page.html")], fetcher=None)
    assert isinstance(offline, Rejected) and offline.reason is Reason.FETCH_ERROR


def test_sources_examples_yield_documents_offline() -> None:
    if not (EXAMPLES / "archive.warc.gz").exists():
        pytest.skip("examples not built")
    items = run(
        [str(EXAMPLES / "archive.warc.gz"), str(EXAMPLES / "feed.xml")],
        max_bytes=1_000_000,
        follow_feeds=True,
        fetcher=Fetcher(per_host_delay=0, retries=0, resolver=_no_dns),
    )
    assert len(items) == 5
    assert all(isinstance(i, RawDocument) for i in items)


def _no_dns(host: str, port: int) -> list[str]:
    raise OSError("offline test: no DNS")
