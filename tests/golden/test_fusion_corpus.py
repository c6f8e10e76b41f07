"""Stories and timeline events on the labelled corpus, scored as ../shared/corpus/README.md says.

Runs the real pipeline (`watchfloor run`) over ../shared/corpus/input.jsonl once (about a
minute), then checks story B-cubed, the timeline, and that incremental fusion keeps earlier
assignments. Floors are pinned a little under the measured figures (stories F1 0.936, timeline
mean supporting-document share 0.63, one split entry): raise them, never lower them silently.
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
STORIES_F1 = 0.93
TIMELINE_SHARE = 0.60


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not (CORPUS / "input.jsonl").exists():
        pytest.skip("../shared/corpus is not available")
    work = tmp_path_factory.mktemp("fusion")
    db = work / "eval.db"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "watchfloor",
            "--db",
            str(db),
            "run",
            str(CORPUS / "input.jsonl"),
            "--out",
            str(work / "out"),
        ],
        check=False,
        capture_output=True,
        cwd=ROOT,
    )
    if not db.exists():
        pytest.fail("watchfloor run produced no store")
    yield db


def _gold() -> dict[str, dict[str, Any]]:
    articles = [json.loads(p.read_text()) for p in sorted(CORPUS.glob("articles/*/*.json"))]
    return {a["url"]: a for a in articles}


def _scoring() -> Any:
    sys.path.insert(0, str(ROOT))
    try:
        import eval.scoring as scoring
    finally:
        sys.path.remove(str(ROOT))
    return scoring


def _stories(db: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(article id -> story id, article id -> gold cluster, article id -> doc id)."""
    from watchfloor.store.sqlite import SqliteStore

    gold = _gold()
    store = SqliteStore(db)
    try:
        rows = list(store.db.execute("SELECT doc_id, url, story_id FROM documents"))
    finally:
        store.close()
    pred = {gold[r["url"]]["id"]: r["story_id"] for r in rows if r["url"] in gold and r["story_id"]}
    clusters = {a["id"]: a["cluster"] for a in gold.values()}
    docs = {gold[r["url"]]["id"]: r["doc_id"] for r in rows if r["url"] in gold}
    return pred, clusters, docs


@pytest.mark.slow
def test_fusion_corpus_stories_bcubed(store_path: Path) -> None:
    pred, clusters, _ = _stories(store_path)
    p, r, f = _scoring().bcubed(pred, clusters)
    print(f"\nstories B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    assert f >= STORIES_F1
    # the 2023 visit and the other distractors stay apart from the 2024 visit (S7). Three undated
    # reports of the 2023 visit still join it: they give a day of the month at most (15日), or
    # several years at once, so nothing in them dates the visit. Every dated distractor stays out.
    s7 = {pred[a] for a, c in clusters.items() if c == "S7" and a in pred}
    leaked = [a for a, c in clusters.items() if c == "distractor" and pred.get(a) in s7]
    assert len(leaked) <= 3, leaked
    dated = {a["id"] for a in _gold().values() if a.get("published")}
    assert not [a for a in leaked if a in dated], leaked


@pytest.mark.slow
def test_fusion_corpus_timeline_events(store_path: Path) -> None:
    from watchfloor.store.sqlite import SqliteStore

    _, _, docs = _stories(store_path)
    store = SqliteStore(store_path)
    try:
        events = [
            {
                "type": e.type,
                "actors": list(e.actors),
                "recipients": list(e.recipients),
                "date": e.date,
                "doc_ids": list(e.doc_ids),
            }
            for e in store.get_events()
        ]
    finally:
        store.close()
    timeline = json.loads((CORPUS / "timeline.json").read_text())
    t = _scoring().score_timeline(timeline, events, docs)
    print(
        f"\ntimeline found {t.found}/{t.entries} split {t.split} one {t.one_event}"
        f" share {t.support_share:.2f}"
    )
    assert t.support_share >= TIMELINE_SHARE
    assert t.split <= 2


@pytest.mark.slow
def test_fusion_corpus_incremental_keeps_assignments(store_path: Path) -> None:
    from watchfloor.config import load_config
    from watchfloor.fuse.stage import EVENTS_KEY, STORIES_KEY, fuse_corpus
    from watchfloor.store.sqlite import SqliteStore

    store = SqliteStore(store_path)
    try:
        stories = json.loads(store.get_state(STORIES_KEY) or b"{}")
        events = json.loads(store.get_state(EVENTS_KEY) or b"{}")
        assert stories and events
        # forget every third document, as if it arrived after the others
        forgotten = {d for i, d in enumerate(sorted(stories)) if i % 3 == 0}
        kept_stories = {d: s for d, s in stories.items() if d not in forgotten}
        doc_of = {r[0]: r[1] for r in store.db.execute("SELECT claim_id, doc_id FROM claims")}
        kept_events = {c: e for c, e in events.items() if doc_of.get(c) not in forgotten}
        with store.transaction():
            store.put_state(STORIES_KEY, json.dumps(kept_stories).encode())
            store.put_state(EVENTS_KEY, json.dumps(kept_events).encode())
        fuse_corpus(store, load_config())
        after_stories = json.loads(store.get_state(STORIES_KEY) or b"{}")
        after_events = json.loads(store.get_state(EVENTS_KEY) or b"{}")
    finally:
        store.close()
    assert all(after_stories[d] == s for d, s in kept_stories.items())
    assert all(after_events[c] == e for c, e in kept_events.items())
    assert set(after_stories) == set(stories)
    pred, clusters, _ = _stories(store_path)
    _, _, f = _scoring().bcubed(pred, clusters)
    print(f"\nstories B-cubed after incremental re-fusion F1 {f:.3f}")
    assert f >= STORIES_F1 - 0.05
