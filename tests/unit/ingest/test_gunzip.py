"""Whole-stream gzip decompression: every member, bounded, and a reason when it stops early."""

from __future__ import annotations

import gzip
import io
import os

import pytest

from watchfloor.ingest.gunzip import Gunzipped, gunzip_to

TEXT = b"Delegations met in Vladivostok to talk about rail freight.\n" * 40


def run(data: bytes, limit: int = 1 << 20) -> tuple[Gunzipped, bytes]:
    target = io.BytesIO()
    result = gunzip_to(io.BytesIO(data), target, limit=limit)
    assert result.size == len(target.getvalue())
    return result, target.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        gzip.compress(TEXT),
        gzip.compress(TEXT[:100]) + gzip.compress(TEXT[100:]),  # two members
        gzip.compress(TEXT[:100]) + b"\x00" * 7 + gzip.compress(TEXT[100:]),  # NUL padding
        gzip.compress(TEXT) + b"\x00" * 3,
    ],
)
def test_gunzip_complete_streams_decompress_whole(data: bytes) -> None:
    result, out = run(data)
    assert result.problem is None
    assert out == TEXT


def test_gunzip_big_member_across_read_chunks() -> None:
    body = os.urandom(200_000)  # incompressible: spans several reads
    result, out = run(gzip.compress(body))
    assert (result.problem, out) == (None, body)


@pytest.mark.parametrize("back", [1, 4, 8, 20])
def test_gunzip_cut_stream_keeps_what_decompressed_and_says_so(back: int) -> None:
    data = gzip.compress(TEXT)
    result, out = run(data[:-back])
    assert result.problem == "gzip stream ends inside a member"
    assert TEXT.startswith(out)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (gzip.compress(TEXT) + b"not gzip", "corrupt gzip data"),
        (b"plain text", "corrupt gzip data"),
        (gzip.compress(TEXT)[:-8] + b"\x00\x00\x00\x00" + gzip.compress(TEXT)[-4:], "corrupt"),
    ],
)
def test_gunzip_corrupt_stream_has_a_reason(data: bytes, expected: str) -> None:
    result, _ = run(data)
    assert result.problem is not None and result.problem.startswith(expected)


def test_gunzip_stops_at_the_limit() -> None:
    result, out = run(gzip.compress(b"z" * 100_000), limit=1_000)
    assert result.problem == "decompresses to over 1000 bytes"
    assert out == b"z" * 1_000


def test_gunzip_empty_input_is_complete_and_empty() -> None:
    assert run(b"") == (Gunzipped(0, None), b"")
