"""Ingest conservation: every input comes out exactly once (document or rejection), never raising.

Hypothesis draws arbitrary files, JSON Lines with malformed lines, truncated and bit-flipped
WARCs; a fuzz test runs a fixed battery of malformed, binary, huge and mis-encoded inputs.
"""

from __future__ import annotations

import gzip
import json
import random
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.ingest.samples import JA, KO, RU, ZH, ZH_TW, html_page
from tests.unit.ingest.warcs import build_warc, html_response, record_ends

from watchfloor.ingest.sniff import SNIFF_BYTES, InputKind, sniff
from watchfloor.ingest.sources import iter_inputs
from watchfloor.records import RawDocument, Reason, Rejected

MAX_BYTES = 4_000
NAMES = ["a.txt", "b.html", "c.md", "d.bin", "e", "f.htm", "g.xml", "h.json"]


def ingest(targets: list[str]) -> list[RawDocument | Rejected]:
    items = list(
        iter_inputs(
            targets, fetcher=None, max_bytes=MAX_BYTES, follow_feeds=False, raise_errors=True
        )
    )
    for item in items:
        assert isinstance(item, RawDocument | Rejected)
        if isinstance(item, Rejected):
            assert item.reason is not Reason.STAGE_ERROR, item.detail
            assert item.detail
            assert item.provenance is not None
        else:
            assert len(item.data) <= MAX_BYTES
            assert item.fetched_at.tzinfo is not None
    return items  # type: ignore[return-value]


def by_location(items: list[RawDocument | Rejected]) -> Counter[str]:
    """Items per input container: feed items count under their feed."""
    return Counter(
        i.provenance.feed or i.provenance.location for i in items if i.provenance is not None
    )


def expected_single(path: Path) -> bool:
    """True when the file is one input (not a container of records or items)."""
    data = path.read_bytes()
    kind = sniff(data[:SNIFF_BYTES], name=path.name).kind
    return kind not in (InputKind.JSONL, InputKind.WARC, InputKind.FEED, InputKind.GZIP)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies=st.lists(st.binary(max_size=6_000), min_size=1, max_size=6))
def test_ingest_conservation_arbitrary_files(bodies: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for i, body in enumerate(bodies):
            path = root / f"{i}-{NAMES[i % len(NAMES)]}"
            path.write_bytes(body)
            paths.append(path.resolve())
        items = ingest([tmp])
        counts = by_location(items)
        for path in paths:
            assert counts[str(path)] >= 1, path
            if expected_single(path):
                assert counts[str(path)] == 1, path


GOOD = {"url": "https://news.example/a", "text": "Talks in Pyongyang went on for two days."}
json_lines = st.one_of(
    st.just(json.dumps(GOOD)),
    st.builds(
        lambda u, t: json.dumps({"url": u, "text": t}, ensure_ascii=False),
        st.text(min_size=1, max_size=20),
        st.text(max_size=40),
    ),
    st.builds(
        lambda d: json.dumps(d),
        st.dictionaries(
            st.sampled_from(["url", "html", "text", "title", "published", "lang", "site"]),
            st.one_of(st.none(), st.integers(), st.text(max_size=10), st.lists(st.integers())),
            max_size=5,
        ),
    ),
    st.just("[1, 2]"),
    st.just('{"url": "u", "html": "<p>x</p>"'),
    st.text(max_size=60).map(lambda t: t.replace("\n", " ").replace("\r", " ")),
    st.just("x" * (MAX_BYTES + 10)),
)


def oracle_is_document(line: str) -> bool:
    """Independent statement of INTERCHANGE.md: an object with a url and html or text."""
    try:
        value = json.loads(line)
    except ValueError:
        return False
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        return False
    if not value["url"].strip() or len(line.encode()) > MAX_BYTES:
        return False
    for key in ("html", "text", "title", "published", "lang", "site"):
        if value.get(key) is not None and not isinstance(value[key], str):
            return False
    return bool((value.get("html") or "").strip() or (value.get("text") or "").strip())


@settings(max_examples=80, deadline=None)
@given(lines=st.lists(json_lines, min_size=1, max_size=12), crlf=st.booleans())
def test_ingest_conservation_jsonl(lines: list[str], crlf: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        sep = "\r\n" if crlf else "\n"
        path.write_bytes(sep.join(lines).encode("utf-8", "surrogatepass") + sep.encode())
        items = ingest([str(path)])
        # JSON whitespace is ASCII: a line of U+3000 is garbage, not a blank line
        nonblank = [line for line in lines if line.encode("utf-8", "surrogatepass").strip()]
        if not nonblank:
            assert len(items) == 1 and isinstance(items[0], Rejected)
            return
        assert len(items) == len(nonblank)
        docs = [i for i in items if isinstance(i, RawDocument)]
        assert len(docs) == sum(oracle_is_document(line) for line in nonblank)
        for item in items:
            assert item.provenance is not None and item.provenance.line is not None


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=5),
    gz=st.booleans(),
    one_stream=st.booleans(),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), max_size=3),
)
def test_ingest_conservation_truncated_and_corrupt_warcs(
    n: int, gz: bool, one_stream: bool, cut: float, flips: list[tuple[float, int]]
) -> None:
    plain = build_warc([html_response(i) for i in range(n)], gzip=gz and not one_stream)
    # a WARC gzipped as one stream (``gzip a.warc``) rather than one member per record
    whole = gzip.compress(plain) if gz and one_stream else plain
    data = bytearray(whole)
    for where, xor in flips:
        data[int(where * (len(data) - 1))] ^= xor
    keep = bytes(data[: int(len(data) * cut)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.warc.gz"
        path.write_bytes(keep)
        items = ingest([str(path)])
        assert len(items) >= 1
        if sniff(keep[:SNIFF_BYTES], name=path.name).kind is not InputKind.WARC:
            assert len(items) == 1  # cut so short it is no longer a WARC: one input
            return
        docs = [i for i in items if isinstance(i, RawDocument)]
        bad = [i for i in items if isinstance(i, Rejected) and i.reason is Reason.BAD_RECORD]
        assert len(docs) <= n
        if not flips:
            assert len(bad) <= 1
            # a lost record is always accounted for by the one BAD_RECORD
            assert (
                len(docs) == n or len(bad) == 1 or keep in (plain[:e] for e in record_ends(plain))
            )
            if whole is plain:
                # exactly: records that end by the cut are documents; one BAD_RECORD holds the
                # rest, unless the cut falls between two records (a valid, shorter archive)
                ends = record_ends(plain)
                assert len(docs) == sum(end <= len(keep) for end in ends[1:])
                assert len(bad) == (0 if len(keep) in ends else 1)
                for item in bad:
                    assert item.provenance is not None and item.provenance.offset is not None
                    assert item.data == keep[item.provenance.offset :]
            else:  # the gzip trailer is the last 8 bytes: any cut of the stream shows
                assert len(bad) == (0 if keep == whole else 1)


def fuzz_corpus() -> dict[str, bytes]:
    """Malformed, binary, huge and mis-encoded inputs, generated deterministically."""
    rng = random.Random(20241119)
    corpus: dict[str, bytes] = {}
    for i in range(25):
        corpus[f"random-{i}.bin"] = rng.randbytes(rng.randint(1, 3000))
        corpus[f"high-{i}.txt"] = bytes(rng.randint(0x80, 0xFF) for _ in range(500))
    texts = {"ja": JA, "ko": KO, "zh": ZH, "tw": ZH_TW, "ru": RU}
    wrong = ["utf-8", "euc-kr", "shift_jis", "gb2312", "big5", "iso-8859-1", "koi8-r", "bogus"]
    codecs_by_lang = {
        "ja": ["shift_jis", "euc_jp", "iso2022_jp", "utf-16"],
        "ko": ["euc_kr", "cp949", "utf-8-sig"],
        "zh": ["gb2312", "gb18030"],
        "tw": ["big5"],
        "ru": ["cp1251", "koi8_r"],
    }
    for lang, text in texts.items():
        for codec in codecs_by_lang[lang]:
            for label in wrong:
                corpus[f"{lang}-{codec}-{label}.html"] = html_page(text, label).encode(codec)
            body = (text * 3).encode(codec)
            corpus[f"{lang}-{codec}-cut.txt"] = body[: len(body) // 2 + 1]
    corpus["huge.html"] = b"<p>" + b"x" * (3 * MAX_BYTES) + b"</p>"
    corpus["just-over.html"] = b"<p>" + b"y" * MAX_BYTES + b"</p>"
    corpus["bomb.txt.gz"] = gzip.compress(b"z" * (80 * MAX_BYTES))
    corpus["nested.gz"] = gzip.compress(gzip.compress(b"hello"))
    corpus["cut.html.gz"] = gzip.compress(JA.encode() * 20)[:50]
    corpus["bom-garbage.txt"] = b"\xef\xbb\xbf" + rng.randbytes(200)
    corpus["utf16-odd.txt"] = KO.encode("utf-16")[:-1]
    corpus["nul-text.txt"] = b"text\x00" * 50
    corpus["only-bom.txt"] = b"\xef\xbb\xbf"
    corpus["jsonl-huge.jsonl"] = (
        b'{"url": "u", "text": "' + b"a" * (5 * MAX_BYTES) + b'"}\n{"url": 1}\n'
    )
    corpus["jsonl-binary.jsonl"] = rng.randbytes(500)
    corpus["feed-broken.rss"] = b'<rss version="2.0"><channel><item><title>x</title>'
    corpus["feed-nolinks.xml"] = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>a</title></item>'
        b"<item><title>b</title><link>javascript:alert(1)</link></item></channel></rss>"
    )
    corpus["warc-garbage.warc"] = b"WARC/1.0\r\n" + rng.randbytes(400)
    corpus["warc-header-only.warc"] = (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n"
    )
    return corpus


def test_ingest_conservation_fuzz_battery() -> None:
    corpus = fuzz_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, body in corpus.items():
            path = Path(tmp) / name
            path.write_bytes(body)
            paths[name] = path.resolve()
        items = ingest([tmp])
        counts = by_location(items)
        for name, path in paths.items():
            assert counts[str(path)] >= 1, name
            if expected_single(path):
                assert counts[str(path)] == 1, name
        reasons = Counter(i.reason for i in items if isinstance(i, Rejected))
        assert reasons[Reason.TOO_LARGE] >= 3
        assert reasons[Reason.UNDECODABLE] >= 10
        docs = {Path(i.provenance.location).name for i in items if isinstance(i, RawDocument)}
        # every mis-declared legacy page is still read as a document
        assert all(name in docs for name in corpus if name.endswith(".html") and "-" in name[:3])
