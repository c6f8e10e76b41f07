"""The briefing over the labelled corpus (issue 6, "Seeds + corpus"): every gold development the
fusion found is named with its date and participants, the troop deployment shows its claim trail
with asserters, and arms transfers appear as arms-embargo leads.

Runs ``watchfloor run`` over ../shared/corpus/input.jsonl once per module (about a minute).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus"
DPRK = {"North Korea", "Kim Jong Un"}
ARMS_MODE_WORDS = ("munition", "arms", "weapon", "ammunition", "artillery", "missile")


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not (CORPUS / "input.jsonl").exists():
        pytest.skip("../shared/corpus is not available")
    work = tmp_path_factory.mktemp("briefing")
    cmd = [sys.executable, "-m", "watchfloor", "--db", str(work / "eval.db"), "run"]
    cmd += [str(CORPUS / "input.jsonl"), "--out", str(work / "out")]
    subprocess.run(cmd, check=False, capture_output=True, cwd=ROOT)
    if not (work / "out" / "briefing.md").exists():
        pytest.fail("watchfloor run wrote no briefing")
    yield work / "out"


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _scoring() -> Any:
    sys.path.insert(0, str(ROOT))
    try:
        from eval import scoring
    finally:
        sys.path.remove(str(ROOT))
    return scoring


@pytest.mark.slow
def test_briefing_corpus_names_found_developments_with_dates(out_dir: Path) -> None:
    events = _rows(out_dir / "events.jsonl")
    lines = (out_dir / "briefing.md").read_text().splitlines()
    gold = json.loads((CORPUS / "timeline.json").read_text())
    found, missing = _scoring().briefing_coverage(gold, events, lines)
    print(f"\nbriefing names {found - len(missing)}/{found} found gold developments")
    assert found >= 12
    assert not missing, [(e["date"], e["type"], e["actor"]) for e in missing]


@pytest.mark.slow
def test_briefing_corpus_troop_deployment_trail(out_dir: Path) -> None:
    text = (out_dir / "briefing.md").read_text()
    contested = text.split("## Contested claims")[1].split("\n## ")[0]
    items = contested.split("\n- ")[1:]
    troops = [
        i for i in items if "AID/military personnel" in i.splitlines()[0] and "North Korea" in i
    ]
    assert troops, "no contested troop-deployment item"
    trail = "\n".join(troops)
    for label in ("Alleged by", "Denied by"):
        lines = [ln for ln in trail.splitlines() if ln.strip().startswith(f"- {label}")]
        assert lines, label
        # each group names who says so and cites the claims
        assert all("(timeline.html#" in ln for ln in lines)
    assert "Confirmed by" in trail or "Accused by" in trail
    alleged = [ln for ln in trail.splitlines() if "Alleged by" in ln]
    assert any("National Intelligence Service (South Korea)" in ln for ln in alleged)
    denied = [ln for ln in trail.splitlines() if "Denied by" in ln]
    assert any("Russia" in ln or "North Korea" in ln for ln in denied)


@pytest.mark.slow
def test_briefing_corpus_arms_transfers_are_arms_embargo_leads(out_dir: Path) -> None:
    events = _rows(out_dir / "events.jsonl")
    leads = _rows(out_dir / "leads.jsonl")
    arms_leads = {
        e for lead in leads if lead["category"] == "arms_embargo" for e in lead["event_ids"]
    }
    transfers = [
        e
        for e in events
        if e["type"] == "AID"
        and any(w in (e["mode"] or "").lower() for w in ARMS_MODE_WORDS)
        and DPRK & {*e["actors"], *e["recipients"]}
    ]
    assert transfers, "no arms transfer involving the DPRK was extracted"
    unmatched = [e["event_id"] for e in transfers if e["event_id"] not in arms_leads]
    assert not unmatched, unmatched
    text = (out_dir / "briefing.md").read_text()
    section = text.split("## New sanctions leads")[1].split("\n## ")[0]
    assert "arms\\_embargo" in section and "Lead for review" in section
