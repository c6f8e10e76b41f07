"""Stories: documents about one developing news item, across languages, clustered incrementally.

Every story of a watch shares the same actors, so topic similarity alone cannot tell stories
apart (DESIGN.md, measured baselines). A document is described by sparse, language-independent
features: the canonical entities it names, the (event type, participant) pairs of its claims,
the events its claims joined and its copy group. Features are TF-IDF weighted, so the rare,
specific ones (Kozlov, the Panel of Experts, one event) decide and the watch's common actors
(Russia, North Korea) barely count. Documents are grouped by average-linkage agglomerative
clustering of the cosine of those vectors, under a publication-date span limit.

Incremental: stories of earlier runs are restored as fixed clusters. New documents cluster among
themselves and may join at most one existing story; two existing stories never merge, so story
ids stay stable. Candidate pairs come from an inverted index over features, bucketed by
publication week and capped per posting list, so cost grows about linearly with documents.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from watchfloor.records import Story


@dataclass(frozen=True, slots=True)
class DocumentProfile:
    """What story clustering knows about a document."""

    doc_id: str
    published: date | None
    features: tuple[tuple[str, float], ...]  # (feature, raw count): "e:<entity>", "c:TYPE:<name>"…
    titles: tuple[tuple[str, str], ...] = ()  # (lang, title)
    languages: tuple[str, ...] = ()
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Clustering parameters; defaults measured on the labelled corpus (see bench/fusion.py).

    ``threshold``: minimum average cosine between two clusters' documents to merge them; the
    corpus B-cubed F1 is flat (±0.01) between 0.06 and 0.12. ``max_span_days``: a story's
    dated documents span at most this many days (a new occasion of the same actors becomes a
    new story). ``posting_cap``: a feature shared by more documents than this within one time
    bucket is too common to propose candidates (it still counts in the similarity).
    ``max_candidates``: documents compared with each new one, found through its rarest
    features first. ``min_link``: pair similarities below this are not kept (they barely move
    an average and would dominate memory). ``max_links``: of those, each new document keeps
    its strongest this many, so the link graph grows linearly with documents.
    """

    threshold: float = 0.1
    max_span_days: int = 30
    bucket_days: int = 7
    posting_cap: int = 100
    max_candidates: int = 100
    min_link: float = 0.03
    max_links: int = 50


def _idf(n_docs: int, df: int) -> float:
    """Smoothed IDF: near zero, never zero, for a feature every document has, so a corpus whose
    documents all share their features (a small batch, one story) still links them."""
    return math.log((n_docs + 1) / (df + 0.5))


def _vector(doc: DocumentProfile, df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """Sublinear-TF x IDF, L2-normalised."""
    vec: dict[str, float] = {}
    for feature, count in doc.features:
        if count <= 0:
            continue
        weight = (1.0 + math.log(count)) * _idf(n_docs, df.get(feature, 0))
        if weight > 0:
            vec[feature] = vec.get(feature, 0.0) + weight
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {f: w / norm for f, w in vec.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # documents share few features: intersect the keys (in C) before multiplying
    return sum(a[f] * b[f] for f in a.keys() & b.keys())


@dataclass
class _Cluster:
    """A cluster during agglomeration: an existing story (fixed id) or new documents."""

    members: list[DocumentProfile]
    story_id: str | None  # set when the cluster holds a story of an earlier run
    first: date | None = None
    last: date | None = None

    def span_with(self, other: _Cluster) -> int:
        firsts = [d for d in (self.first, other.first) if d is not None]
        lasts = [d for d in (self.last, other.last) if d is not None]
        if not firsts:
            return 0
        return (max(lasts) - min(firsts)).days


@dataclass
class _StoryState:
    story_id: str
    members: list[DocumentProfile] = field(default_factory=list)

    def published_range(self) -> tuple[date | None, date | None]:
        days = [d.published for d in self.members if d.published is not None]
        return (min(days), max(days)) if days else (None, None)


class StoryIndex:
    """Story clustering over document profiles, restorable from an earlier assignment."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.stories: dict[str, _StoryState] = {}
        self.doc_story: dict[str, str] = {}
        self._restored: list[DocumentProfile] = []

    # -- restoring ---------------------------------------------------------------------------
    def restore(self, docs: Iterable[DocumentProfile], assignment: Mapping[str, str]) -> None:
        """Put documents back into the stories an earlier run gave them."""
        for doc in docs:
            story_id = assignment.get(doc.doc_id)
            if story_id is None or doc.doc_id in self.doc_story:
                continue
            self.stories.setdefault(story_id, _StoryState(story_id)).members.append(doc)
            self.doc_story[doc.doc_id] = story_id
            self._restored.append(doc)

    # -- clustering --------------------------------------------------------------------------
    def add_all(self, docs: Iterable[DocumentProfile]) -> None:
        """Cluster new documents, joining existing stories where they fit."""
        new = [
            d for d in dict((d.doc_id, d) for d in docs).values() if d.doc_id not in self.doc_story
        ]
        if not new:
            return
        everyone = self._restored + new
        df: Counter[str] = Counter()
        for doc in everyone:
            df.update({f for f, c in doc.features if c > 0})
        vectors = [_vector(d, df, len(everyone)) for d in everyone]
        n_old = len(self._restored)

        clusters: dict[int, _Cluster] = {}
        node_of: list[int] = []
        story_node: dict[str, int] = {}
        for i, doc in enumerate(everyone):
            if i < n_old:
                story_id = self.doc_story[doc.doc_id]
                node = story_node.get(story_id)
                if node is None:
                    node = story_node[story_id] = len(story_node)
                    first, last = self.stories[story_id].published_range()
                    clusters[node] = _Cluster([], story_id, first, last)
                clusters[node].members.append(doc)
                node_of.append(node)
        for i in range(n_old, len(everyone)):
            node = len(story_node) + (i - n_old)
            doc = everyone[i]
            clusters[node] = _Cluster([doc], None, doc.published, doc.published)
            node_of.append(node)

        # pairwise similarity sums between clusters, from each new document's strongest links
        links: dict[int, dict[int, float]] = defaultdict(dict)
        for i, j, s in self._links(everyone, vectors, n_old):
            a, b = node_of[i], node_of[j]
            if a == b:
                continue
            links[a][b] = links[a].get(b, 0.0) + s
            links[b][a] = links[b].get(a, 0.0) + s

        # Lazy max-heap of average links. After a merge only the dropped cluster's neighbours
        # can have gained; every other pair with the kept cluster can only have lost (it grew),
        # so its entry is an upper bound, re-checked and re-pushed when it comes up.
        heap: list[tuple[float, int, int]] = []

        def average(a: int, b: int) -> float:
            return links[a].get(b, 0.0) / (len(clusters[a].members) * len(clusters[b].members))

        def push(a: int, b: int) -> None:
            avg = average(a, b)
            if avg >= self.params.threshold:
                heapq.heappush(heap, (-avg, min(a, b), max(a, b)))

        for a, neighbours in links.items():
            for b in neighbours:
                if a < b:
                    push(a, b)
        while heap:
            negative, a, b = heapq.heappop(heap)
            if a not in clusters or b not in clusters or b not in links[a]:
                continue
            current = average(a, b)
            if current < -negative - 1e-12:
                push(a, b)  # stale upper bound: re-queue at its present value
                continue
            ca, cb = clusters[a], clusters[b]
            if ca.story_id is not None and cb.story_id is not None:
                continue  # existing stories keep their identity
            if ca.span_with(cb) > self.params.max_span_days:
                continue
            keep, drop = (
                (a, b)
                if ca.story_id is not None
                or (cb.story_id is None and len(ca.members) >= len(cb.members))
                else (b, a)
            )
            ck, cd = clusters[keep], clusters.pop(drop)
            ck.members.extend(cd.members)
            if ck.story_id is None:
                ck.story_id = cd.story_id
            firsts = [d for d in (ck.first, cd.first) if d is not None]
            lasts = [d for d in (ck.last, cd.last) if d is not None]
            ck.first, ck.last = (min(firsts), max(lasts)) if firsts else (None, None)
            gained = []
            for c, s in links.pop(drop, {}).items():
                links[c].pop(drop, None)
                if c == keep:
                    continue
                links[keep][c] = links[keep].get(c, 0.0) + s
                links[c][keep] = links[keep][c]
                gained.append(c)
            for c in gained:
                push(keep, c)

        for cluster in clusters.values():
            fresh = [d for d in cluster.members if d.doc_id not in self.doc_story]
            if not fresh:
                continue
            story_id = cluster.story_id or _new_story_id(cluster.members)
            state = self.stories.setdefault(story_id, _StoryState(story_id))
            for doc in fresh:
                state.members.append(doc)
                self.doc_story[doc.doc_id] = story_id
        self._restored = [d for s in self.stories.values() for d in s.members]

    def _links(
        self, docs: list[DocumentProfile], vectors: list[dict[str, float]], n_old: int
    ) -> Iterator[tuple[int, int, float]]:
        """(i, j, cosine) for each new document j: its ``max_links`` most similar candidates at
        or above ``min_link``. Weaker links barely move an average of a story's documents, and
        keeping a bounded number per document bounds the graph (and the merge heap) linearly."""
        p = self.params
        current = -1
        found: list[tuple[float, int]] = []

        def flush() -> Iterator[tuple[int, int, float]]:
            for s, i in heapq.nlargest(p.max_links, found):
                yield i, current, s

        for i, j in self._candidate_pairs(docs, n_old):
            if j != current:
                yield from flush()
                current, found = j, []
            s = _dot(vectors[i], vectors[j])
            if s >= p.min_link:
                found.append((s, i))
        yield from flush()

    def _candidate_pairs(
        self, docs: list[DocumentProfile], n_old: int
    ) -> Iterable[tuple[int, int]]:
        """Document pairs (i < j, j new) that share a feature specific enough in their window."""
        p = self.params
        postings: dict[tuple[str, int], list[int]] = defaultdict(list)
        buckets_of: dict[str, set[int]] = defaultdict(set)
        df: Counter[str] = Counter()
        bucket = [
            d.published.toordinal() // p.bucket_days if d.published is not None else -1
            for d in docs
        ]
        for i, doc in enumerate(docs):
            for feature, count in doc.features:
                if count > 0:
                    postings[(feature, bucket[i])].append(i)
                    buckets_of[feature].add(bucket[i])
                    df[feature] += 1
        reach = p.max_span_days // p.bucket_days + 1
        for j in range(n_old, len(docs)):
            seen: set[int] = set()
            rarest_first = sorted(
                (f for f, c in docs[j].features if c > 0), key=lambda f: (df[f], f)
            )
            for feature in rarest_first:
                if len(seen) >= p.max_candidates:
                    break
                if bucket[j] < 0:
                    if df[feature] > p.posting_cap:
                        continue
                    lists = [postings[(feature, b)] for b in buckets_of[feature]]
                else:
                    lists = [
                        postings[(feature, b)]
                        for b in (-1, *range(bucket[j] - reach, bucket[j] + reach + 1))
                        if (feature, b) in postings
                    ]
                for posting in lists:
                    if len(posting) > p.posting_cap:
                        continue
                    for i in posting:
                        if i in seen or i == j or (i > j and i >= n_old):
                            continue
                        seen.add(i)
                        yield (i, j)

    # -- output ------------------------------------------------------------------------------
    def to_stories(self) -> list[Story]:
        out = []
        for state in self.stories.values():
            titles: dict[str, str] = {}
            for doc in sorted(state.members, key=lambda d: (d.published or date.max, d.doc_id)):
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


def _new_story_id(members: list[DocumentProfile]) -> str:
    """A new story is named after its earliest document, so reruns name it the same."""
    first = min(members, key=lambda d: (d.published or date.max, d.doc_id))
    return "st-" + hashlib.sha256(first.doc_id.encode()).hexdigest()[:12]
