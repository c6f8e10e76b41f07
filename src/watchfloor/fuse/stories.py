"""Stories: documents about one developing news item, across languages, built online.

Every story of a watch shares the same actors, so topic similarity alone cannot tell stories
apart (DESIGN.md, measured baselines). A story is recognised by its *events*: documents whose
claims fall into the same events belong together; beyond that, the specific participants and
objects (weighted by how rare they are in the watch) and the dates decide. Each new document
joins the best story within the publication window or starts a new one, so story ids stay
stable as documents arrive.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from watchfloor.records import Story


@dataclass(frozen=True, slots=True)
class DocumentProfile:
    """What story clustering knows about a document."""

    doc_id: str
    published: date | None
    event_ids: tuple[str, ...]  # events of its claims, main events first
    event_dates: tuple[date, ...]  # day-precision dates of its events
    entities: tuple[str, ...]  # canonical names mentioned (registry and provisional)
    titles: tuple[tuple[str, str], ...]  # (lang, title)
    languages: tuple[str, ...]
    published_at: datetime | None = None

    @property
    def when(self) -> date | None:
        """The document's time on the story axis: its publication, else its events."""
        if self.published is not None:
            return self.published
        return max(self.event_dates) if self.event_dates else None


@dataclass
class _StoryState:
    story_id: str
    members: list[DocumentProfile] = field(default_factory=list)
    events: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None

    def add(self, doc: DocumentProfile) -> None:
        self.members.append(doc)
        self.events.update(doc.event_ids)
        self.entities.update(set(doc.entities))
        when = doc.when
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)


class StoryIndex:
    """Online story clustering over document profiles."""

    def __init__(
        self,
        *,
        window_days: int = 30,
        threshold: float = 0.35,
        event_weight: float = 1.0,
        entity_weight: float = 0.6,
    ) -> None:
        self.window = timedelta(days=window_days)
        self.threshold = threshold
        self.event_weight = event_weight
        self.entity_weight = entity_weight
        self.stories: dict[str, _StoryState] = {}
        self.doc_story: dict[str, str] = {}
        self.doc_freq: Counter[str] = Counter()
        self.n_docs = 0

    def observe(self, docs: Iterable[DocumentProfile]) -> None:
        """Count entity document frequencies (for rarity weights) before assigning."""
        for doc in docs:
            if doc.doc_id in self.doc_story:
                continue
            self.n_docs += 1
            self.doc_freq.update(set(doc.entities))

    def _idf(self, name: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.doc_freq[name]))

    def similarity(self, doc: DocumentProfile, story: _StoryState) -> float:
        when = doc.when
        if when is not None and story.first is not None and story.last is not None:
            if when < story.first - self.window or when > story.last + self.window:
                return 0.0
            gap = max((story.first - when).days, (when - story.last).days, 0)
        else:
            gap = 0
        shared_events = sum(1 for e in doc.event_ids if story.events[e])
        event_score = shared_events / max(1, len(doc.event_ids))
        doc_entities = set(doc.entities)
        if doc_entities:
            weights = {n: self._idf(n) for n in doc_entities}
            total = sum(weights.values()) or 1.0
            covered = sum(
                w * min(1.0, story.entities[n] / max(1, len(story.members)) * 2)
                for n, w in weights.items()
            )
            entity_score = covered / total
        else:
            entity_score = 0.0
        decay = 1.0 / (1.0 + gap / 7.0)
        return (self.event_weight * event_score + self.entity_weight * entity_score) * decay

    def restore(self, docs: Iterable[DocumentProfile], assignment: dict[str, str]) -> None:
        """Put documents back into the stories an earlier run gave them."""
        for doc in docs:
            story_id = assignment.get(doc.doc_id)
            if story_id is None:
                continue
            self.n_docs += 1
            self.doc_freq.update(set(doc.entities))
            self.stories.setdefault(story_id, _StoryState(story_id=story_id)).add(doc)
            self.doc_story[doc.doc_id] = story_id

    def add(self, doc: DocumentProfile) -> str:
        if doc.doc_id in self.doc_story:
            return self.doc_story[doc.doc_id]
        best: tuple[float, str] | None = None
        for story_id, story in self.stories.items():
            s = self.similarity(doc, story)
            if s >= self.threshold and (best is None or s > best[0]):
                best = (s, story_id)
        if best is None:
            story_id = "st-" + hashlib.sha256(doc.doc_id.encode()).hexdigest()[:12]
            self.stories[story_id] = _StoryState(story_id=story_id)
        else:
            story_id = best[1]
        self.stories[story_id].add(doc)
        self.doc_story[doc.doc_id] = story_id
        return story_id

    def add_all(self, docs: list[DocumentProfile]) -> None:
        self.observe(docs)
        # documents with events first, in time order: they found stories others then join
        ordered = sorted(
            docs,
            key=lambda d: (not d.event_ids, d.when or date.max, d.doc_id),
        )
        for doc in ordered:
            self.add(doc)

    def to_stories(self) -> list[Story]:
        out = []
        for state in self.stories.values():
            titles: dict[str, str] = {}
            for doc in sorted(state.members, key=lambda d: d.when or date.max):
                for lang, title in doc.titles:
                    titles.setdefault(lang, title)
            stamps = [d.published_at for d in state.members if d.published_at is not None]
            langs = sorted({lang for d in state.members for lang in d.languages})
            out.append(
                Story(
                    story_id=state.story_id,
                    doc_ids=tuple(d.doc_id for d in state.members),
                    titles=tuple(sorted(titles.items())),
                    languages=tuple(langs),
                    first_published=min(stamps) if stamps else None,
                    last_published=max(stamps) if stamps else None,
                )
            )
        return out
