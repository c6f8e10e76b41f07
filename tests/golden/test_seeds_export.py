"""Issue 2's seed checks, end to end: `watchfloor ingest ../shared/seeds` then export documents."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import english_headline_of_seed_000


@pytest.fixture(scope="module")
def seed_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    shared = Path(__file__).resolve().parents[2] / ".." / "shared"
    if not (shared / "seeds").is_dir():
        pytest.skip("../shared/seeds is not present")
    tmp = tmp_path_factory.mktemp("seeds")
    db = tmp / "w.db"
    cmd = [sys.executable, "-m", "watchfloor", "--db", str(db)]
    ingest = subprocess.run(
        [*cmd, "ingest", "--stages", "extract", str(shared / "seeds")], capture_output=True
    )
    assert ingest.returncode == 0, ingest.stderr.decode()
    out = tmp / "documents.jsonl"
    subprocess.run([*cmd, "export", "documents", "-o", str(out)], check=True, capture_output=True)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {Path(r["url"]).name[:3]: r for r in rows}


def all_text(doc: dict[str, Any]) -> str:
    return "\n".join((s["title"] or "") + "\n" + s["text"] for s in doc["sections"])


def test_seed_000_has_a_ja_and_an_en_section_with_their_titles(
    seed_docs: dict[str, dict[str, Any]],
) -> None:
    doc = seed_docs["000"]
    assert [(s["lang"], s["title"]) for s in doc["sections"]] == [
        ("ja", "ロシア代表団が平壌訪問 金氏、資源相と会談"),
        ("en", english_headline_of_seed_000()),
    ]


def test_seed_000_published_and_credits(seed_docs: dict[str, dict[str, Any]]) -> None:
    doc = seed_docs["000"]
    assert datetime.fromisoformat(doc["published"]) == datetime.fromisoformat(
        "2024-11-19T19:05+09:00"
    )
    assert doc["published"].endswith("+09:00")
    assert "AFP" in doc["credits"] and "時事" in doc["credits"]


def test_seed_000_has_no_latest_news_or_photo_lists(seed_docs: dict[str, dict[str, Any]]) -> None:
    text = all_text(seed_docs["000"])
    for junk in ("最新ニュース", "写真特集", "サッカーW杯予選", "パリ五輪", "円相場", "清原正吾"):
        assert junk not in text


def test_seed_002_is_one_clean_ja_section_with_author_metadata(
    seed_docs: dict[str, dict[str, Any]],
) -> None:
    doc = seed_docs["002"]
    assert [s["lang"] for s in doc["sections"]] == ["ja"]
    text = all_text(doc)
    for junk in (
        "1 min read", "READ", "ブリュッセル", "Omori Yoshiaki", "ミュージックホリック",
        "フードエバンジェリスト", "You May Also Like", "More From Author",
        "There are no comments", "Add yours",
    ):  # fmt: skip
        assert junk not in text, junk
    assert doc["author"] == "Omori Yoshiaki"
