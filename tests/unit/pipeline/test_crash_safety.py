"""A large ingest killed with SIGKILL and rerun: no duplicate, no corruption, nothing lost."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_DOCS = 1200


def count(db: Path, table: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def ingest(db: Path, src: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "watchfloor", "--db", str(db), "--set", "ingest.batch_size=16",
         "ingest", "--stages", "extract", str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip


@pytest.mark.slow
def test_ingest_sigkill_then_rerun_loses_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(N_DOCS):
        (src / f"doc{i:05d}.txt").write_text(
            f"Report number {i} on the talks\n\n"
            f"Officials met in Pyongyang on Monday for round {i} of the talks, the agency said. "
            "They discussed trade, science and technology cooperation over two days.\n",
            encoding="utf-8",
        )
    db = tmp_path / "w.db"
    proc = ingest(db, src)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if count(db, "documents") >= 50:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; raise N_DOCS"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = count(db, "documents")
    assert 0 < killed_at < N_DOCS

    rerun = ingest(db, src)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM raw_documents").fetchone()[0] == N_DOCS
    assert con.execute("SELECT count(DISTINCT url) FROM raw_documents").fetchone()[0] == N_DOCS
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == N_DOCS
    assert (
        con.execute("SELECT count(*) FROM sections_fts").fetchone()[0]
        == con.execute("SELECT count(*) FROM sections").fetchone()[0]
    )
    assert (
        con.execute("SELECT count(*) FROM raw_documents WHERE state != 'done'").fetchone()[0] == 0
    )
    assert con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0
