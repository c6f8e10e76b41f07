"""Corpus-level fusion step: origins (copies), events (claim coreference) and stories.

Incremental: claims already assigned to events keep their event, and documents already in a
story keep their story; only new ones are matched. The assignments live in the store's
``fusion_state`` table, so a later run starts from them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from watchfloor.config import Config
from watchfloor.fuse.events import ClaimContext, CountryOf, EventIndex
from watchfloor.fuse.stories import DocumentProfile, StoryIndex
from watchfloor.records import Claim
from watchfloor.store.sqlite import SqliteStore

EVENTS_KEY = "events.claim_event.v1"
STORIES_KEY = "stories.doc_story.v1"


def _load_assignment(store: SqliteStore, key: str) -> dict[str, str]:
    raw = store.get_state(key)
    return {} if raw is None else dict(json.loads(raw.decode("utf-8")))


def country_resolver(config: Config) -> CountryOf:
    """Canonical name -> canonical name of its country, from the actor registry."""
    from watchfloor.entities.registry import Registry

    registry = Registry.load(config.entities.registry_files)

    def country_of(name: str) -> str | None:
        actor = registry.by_name(name)
        if actor is None or actor.kind == "country" or not actor.country:
            return None
        country = registry.country(actor.country)
        return country.name if country is not None and country.name != name else None

    return country_of


def _document_rows(store: SqliteStore) -> dict[str, dict[str, object]]:
    rows = {}
    for r in store.db.execute(
        "SELECT doc_id, site, published, origin_id, machine_translated, content_farm, title"
        " FROM documents"
    ):
        rows[r["doc_id"]] = dict(r)
    return rows


def build_events(store: SqliteStore, country_of: CountryOf) -> EventIndex:
    docs = _document_rows(store)
    claims: list[Claim] = store.get_claims()
    contexts = []
    for claim in claims:
        doc = docs.get(claim.doc_id, {})
        published = doc.get("published")
        from datetime import datetime

        contexts.append(
            ClaimContext(
                claim=claim,
                published=datetime.fromisoformat(str(published)) if published else None,
                site=str(doc["site"]) if doc.get("site") else None,
                origin_id=str(doc["origin_id"]) if doc.get("origin_id") else None,
                excluded=bool(doc.get("machine_translated")) or bool(doc.get("content_farm")),
            )
        )
    index = EventIndex(country_of)
    previous = _load_assignment(store, EVENTS_KEY)
    known = [c for c in contexts if c.claim.claim_id in previous]
    index.restore(known, previous)
    index.add_all([c for c in contexts if c.claim.claim_id not in previous])
    return index


def build_stories(store: SqliteStore, index: EventIndex, config: Config) -> StoryIndex:
    docs = _document_rows(store)
    events_of_doc: dict[str, list[str]] = defaultdict(list)
    event_dates: dict[str, list[date]] = defaultdict(list)
    events = {e.event_id: e for e in index.to_events()}
    for claim_id, event_id in index.claim_event.items():
        doc_id = index.doc_of_claim[claim_id]
        if event_id not in events_of_doc[doc_id]:
            events_of_doc[doc_id].append(event_id)
            value = events[event_id].date
            if value and len(value) == 10:
                event_dates[doc_id].append(date.fromisoformat(value))
    entities: dict[str, list[str]] = defaultdict(list)
    for doc_id, mentions in store.iter_mentions_by_doc():
        entities[doc_id] = sorted({m.canonical_name for m in mentions})
    sections: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in store.db.execute("SELECT doc_id, lang, title FROM sections ORDER BY doc_id, idx"):
        sections[r["doc_id"]].append((r["lang"], r["title"] or ""))
    profiles = []
    from datetime import datetime

    for doc_id, row in docs.items():
        published_at = (
            datetime.fromisoformat(str(row["published"])) if row.get("published") else None
        )
        titles = tuple(
            (lang, title or str(row.get("title") or "")) for lang, title in sections[doc_id]
        )
        profiles.append(
            DocumentProfile(
                doc_id=doc_id,
                published=published_at.date() if published_at else None,
                event_ids=tuple(events_of_doc[doc_id]),
                event_dates=tuple(event_dates[doc_id]),
                entities=tuple(entities[doc_id]),
                titles=tuple((lang, t) for lang, t in titles if t),
                languages=tuple(dict.fromkeys(lang for lang, _ in sections[doc_id])),
                published_at=published_at,
            )
        )
    stories = StoryIndex(window_days=config.fuse.story_window_days)
    previous = _load_assignment(store, STORIES_KEY)
    stories.restore([p for p in profiles if p.doc_id in previous], previous)
    stories.add_all([p for p in profiles if p.doc_id not in previous])
    return stories


def fuse_corpus(store: SqliteStore, config: Config) -> str:
    """Run fusion over the store and persist events, stories and their assignments."""
    country_of = country_resolver(config)
    with store.transaction():
        index = build_events(store, country_of)
        stories = build_stories(store, index, config)
        events = index.to_events()
        story_of_doc = stories.doc_story
        from dataclasses import replace

        events = [
            replace(e, story_id=story_of_doc.get(e.doc_ids[0]) if e.doc_ids else None)
            for e in events
        ]
        store.put_events(events)
        store.put_stories(stories.to_stories())
        store.put_state(EVENTS_KEY, index.state_json().encode("utf-8"))
        store.put_state(STORIES_KEY, json.dumps(stories.doc_story, sort_keys=True).encode("utf-8"))
    return f"{len(events)} events, {len(stories.stories)} stories"
