"""The analyst outputs of a run: briefing (HTML + Markdown), timeline page, actor network
(GraphML) and the GDELT-like event table, each written atomically (temp file, then rename) so a
reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from watchfloor.config import Config
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.briefing import build_briefing, rank_events, render_html, render_markdown
from watchfloor.surfaces.corpus_view import load_view
from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.gdelt import gdelt_text
from watchfloor.surfaces.network import build_network, to_graphml
from watchfloor.surfaces.timeline import build_timeline, render_timeline_html
from watchfloor.surfaces.watch import Watch
from watchfloor.surfaces.wording import describe_event, plural

OUTPUT_FILES = (
    "briefing.html",
    "briefing.md",
    "timeline.html",
    "network.graphml",
    "events_gdelt.tsv",
)


def write_atomic(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_outputs(
    store: SqliteStore, config: Config, out_dir: Path, *, watch: Watch | None = None
) -> list[Path]:
    """Write the five output files into ``out_dir``; returns their paths.

    Without a watch the briefing covers every date in the store; with one, its [briefing]
    period (explicit dates, or the last ``period_days`` up to the latest event).
    """
    view = load_view(store)
    resolver = load_country_resolver(tuple(config.entities.registry_files))
    title = watch.name if watch is not None else "watchfloor"
    if watch is not None:
        b = watch.briefing
        briefing = build_briefing(
            view,
            since=b.since,
            until=b.until,
            period_days=b.period_days,
            top=b.top,
            max_items=b.max_items,
            title=f"{title}: briefing",
        )
    else:
        briefing = build_briefing(view, period_days=None, title="Watch briefing")
    entries = build_timeline(view, None, resolver)
    out_dir = Path(out_dir)
    return [
        write_atomic(out_dir / "briefing.html", render_html(briefing)),
        write_atomic(out_dir / "briefing.md", render_markdown(briefing)),
        write_atomic(
            out_dir / "timeline.html", render_timeline_html(entries, title=f"{title}: timeline")
        ),
        write_atomic(out_dir / "network.graphml", to_graphml(build_network(view.events), resolver)),
        write_atomic(out_dir / "events_gdelt.tsv", gdelt_text(view, resolver)),
    ]


def top_events(store: SqliteStore, n: int = 5) -> list[str]:
    """One line per top event (corroboration, leads, confirmation, recency) for the CLI."""
    view = load_view(store)
    lines = []
    for event in rank_events(view, view.events)[:n]:
        lines.append(
            f"{describe_event(event)} [{event.status};"
            f" {plural(event.corroboration, 'independent origin')}] {event.event_id}"
        )
    return lines
