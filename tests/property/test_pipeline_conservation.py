"""Conservation through the whole ingest: inputs = stored + quarantined, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.config import load_config
from watchfloor.ingest.sources import iter_inputs
from watchfloor.pipeline import Ingestor
from watchfloor.store.sqlite import SqliteStore

GOOD_TEXT = "Officials in Seoul said on Tuesday that talks with Moscow would continue next week."

file_bodies = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.just(b""),
    st.just(GOOD_TEXT.encode("utf-8")),
    st.just(GOOD_TEXT.encode("utf-16")),
    st.just("北朝鮮の代表団が平壌に到着したと伝えた。両国は協力を確認した。".encode("shift_jis")),
    st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    st.just(b"<html><body><nav>Home</nav></body></html>"),
)
jsonl_lines = st.one_of(
    st.just(json.dumps({"url": "https://example.com/a", "text": GOOD_TEXT})),
    st.just(json.dumps({"url": "https://example.com/b"})),
    st.just(json.dumps({"url": "https://example.com/c", "html": "<p>" + GOOD_TEXT + "</p>"})),
    st.just('{"url": 5, "text": "x"}'),
    st.just("[1, 2, 3]"),
    st.text(max_size=80).filter(lambda t: "\n" not in t and "\r" not in t),
)


@settings(max_examples=25, deadline=None)
@given(bodies=st.lists(file_bodies, max_size=6), lines=st.lists(jsonl_lines, max_size=6))
def test_pipeline_inputs_equal_stored_plus_quarantined(
    bodies: list[bytes], lines: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "in"
        src.mkdir()
        for i, body in enumerate(bodies):
            (src / f"f{i}.txt").write_bytes(body)
        if lines:
            (src / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        store = SqliteStore(root / "w.db")
        ingestor = Ingestor(store, load_config(), stages=("extract",), workers=1)
        ingestor.process(
            ingestor.read(
                iter_inputs([str(src)], fetcher=None, max_bytes=10_000, follow_feeds=False)
            )
        )
        stats = ingestor.stats
        stored = stats.new + stats.updated + stats.unchanged
        # every input item was stored or quarantined at read time
        assert stats.inputs == stored + stats.read_rejected
        assert stats.inputs >= len(bodies)
        # every stored document was processed or quarantined by a stage; none left pending
        states = dict(
            store.db.execute("SELECT state, count(*) FROM raw_documents GROUP BY state").fetchall()
        )
        assert states.get("pending", 0) == 0
        assert states.get("done", 0) == store.count_documents()
        stage_rows = store.db.execute(
            "SELECT count(DISTINCT doc_id) FROM quarantine WHERE doc_id IS NOT NULL"
            " AND stage LIKE 'extract%'"
        ).fetchone()[0]
        assert states.get("rejected", 0) == stage_rows
        read_rows = store.db.execute(
            "SELECT count(*) FROM quarantine WHERE stage NOT LIKE 'extract%'"
        ).fetchone()[0]
        assert read_rows == stats.read_rejected
        store.close()
