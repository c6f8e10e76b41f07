"""write_outputs and top_events: the files a run leaves in out/."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from watchfloor.config import load_config
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.leads import find_leads
from watchfloor.surfaces.outputs import OUTPUT_FILES, top_events, write_outputs
from watchfloor.surfaces.watch import load_watch

REPO = Path(__file__).resolve().parents[3]


def test_outputs_writes_all_files_deterministically(
    surface_store: SqliteStore, tmp_path: Path
) -> None:
    find_leads(surface_store, load_config())
    paths = write_outputs(surface_store, load_config(), tmp_path / "out")
    assert sorted(p.name for p in paths) == sorted(OUTPUT_FILES)
    first = {p.name: p.read_bytes() for p in paths}
    write_outputs(surface_store, load_config(), tmp_path / "out")
    assert {p.name: p.read_bytes() for p in paths} == first
    assert not list((tmp_path / "out").glob(".*.tmp"))  # temp files renamed away
    ET.fromstring(first["network.graphml"])
    assert b"ev-troops" in first["timeline.html"] and b"ev-troops" in first["briefing.md"]


def test_outputs_with_watch_uses_its_name_and_period(
    surface_store: SqliteStore, tmp_path: Path
) -> None:
    watch = load_watch(REPO / "watch.example.toml")
    write_outputs(surface_store, load_config(), tmp_path, watch=watch)
    md = (tmp_path / "briefing.md").read_text(encoding="utf-8")
    assert md.startswith(f"# {watch.name}: briefing")


def test_outputs_top_events_lines(surface_store: SqliteStore) -> None:
    find_leads(surface_store, load_config())
    lines = top_events(surface_store, 2)
    assert len(lines) == 2
    assert lines[0].endswith("ev-troops") and "2024-10-23" in lines[0]


def test_outputs_empty_store(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "empty.db")
    paths = write_outputs(store, load_config(), tmp_path / "out")
    assert all(p.exists() for p in paths)
    assert top_events(store) == []
