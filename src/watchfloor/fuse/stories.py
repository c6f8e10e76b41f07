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

Streaming: dated documents are clustered in publication order, a chunk of days at a time,
against the stories still open (first document within the span limit). A cluster is held as a
summary (size, date range, sum of member vectors), so a document's average cosine with a story
is one dot product; closed stories keep only that summary, and drop it when no undated
document is left to place. An undated document is clustered in the chunk of its most similar
dated document; one without any is clustered last, against every story.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import math
import operator
from collections import ChainMap, Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import repeat

from watchfloor.records import Story

# a stream's IDF counts the documents of this many trailing days
DF_DAYS = 365


@dataclass(frozen=True, slots=True)
class DocumentProfile:
    """What story clustering knows about a document."""

    doc_id: str
    # the publication day; for a page with none, the latest day its text dates an act to
    # against a date the text gives (fuse/stage._own_day), which it was published on or after
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
    bucket, or within all the buckets a dated document looks at, is too common to propose
    candidates (it still counts in the similarity); so a busy month costs no more per document.
    ``max_candidates``: documents compared with each new one, found through its rarest
    features first. ``min_link``: pair similarities below this are not kept (they barely move
    an average and would dominate memory). ``max_links``: of those, each new document keeps
    its strongest this many, so the link graph grows linearly with documents. ``chunk_days``:
    dated documents are clustered this many calendar days at a time, against the stories still
    open, so memory and the merge heap are bounded by a chunk, not the whole corpus.
    ``story_features``: a story is proposed to a new document through its strongest this many
    features (by summed weight), and compared with at most ``max_stories`` stories (those
    sharing its rarest features first), so the work per document stays bounded however many
    stories are open.
    """

    threshold: float = 0.1
    max_span_days: int = 30
    bucket_days: int = 7
    posting_cap: int = 100
    max_candidates: int = 100
    min_link: float = 0.03
    max_links: int = 50
    chunk_days: int = 30
    story_features: int = 20
    max_stories: int = 10
    undated_near: float = 0.8


# a session number a claim's sentence names ("n:10": 제10차 회의) tells one meeting of a
# recurring body from its next, with the same actors: it weighs as much as several names
SESSION_PREFIX = "n:"
SESSION_WEIGHT = 3.0
# the day of the month an act of a type with a party was dated to ("d:CONSULT:Kozlov:---14",
# ISO 8601's day of the month; fuse/stage.py). No similarity feature: it only tells which of
# two near-equal time chunks an undated page belongs to (_place_undated).
DAY_PREFIX = "d:"


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
        if feature.startswith(DAY_PREFIX):
            continue
        weight = (1.0 + math.log(count)) * _idf(n_docs, df.get(feature, 0))
        if feature.startswith(SESSION_PREFIX):
            weight *= SESSION_WEIGHT
        if weight > 0:
            vec[feature] = vec.get(feature, 0.0) + weight
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {f: w / norm for f, w in vec.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # documents share few features: intersect the keys, then multiply and add, all in C (the
    # hottest loop of clustering; a set iterates in the same order both times)
    common = a.keys() & b.keys()
    return sum(map(operator.mul, map(a.__getitem__, common), map(b.__getitem__, common)))


def _dot_into(vec: dict[str, float], total: dict[str, float]) -> float:
    """Dot product of a document vector with a (larger) cluster sum vector."""
    return sum(map(operator.mul, vec.values(), map(total.get, vec, repeat(0.0))))


@dataclass
class _Cluster:
    """A cluster during agglomeration, summarised: its size, date range, the sum of its
    members' vectors (so the average cosine of a document with its members is one dot product)
    and the members new in this run. ``story_id`` is set for a story of an earlier run."""

    story_id: str | None
    size: int
    first: date | None
    last: date | None
    total: dict[str, float]
    fresh: list[DocumentProfile]

    def span_with(self, other: _Cluster) -> int:
        firsts = [d for d in (self.first, other.first) if d is not None]
        lasts = [d for d in (self.last, other.last) if d is not None]
        if not firsts:
            return 0
        return (max(lasts) - min(firsts)).days

    def absorb(self, other: _Cluster) -> None:
        self.size += other.size
        self.fresh.extend(other.fresh)
        firsts = [d for d in (self.first, other.first) if d is not None]
        lasts = [d for d in (self.last, other.last) if d is not None]
        self.first, self.last = (min(firsts), max(lasts)) if firsts else (None, None)
        total = self.total
        for f, w in other.total.items():
            total[f] = total.get(f, 0.0) + w


@dataclass
class _StoryState:
    story_id: str
    members: list[DocumentProfile] = field(default_factory=list)


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
        """Cluster new documents, joining existing stories where they fit.

        Dated documents stream in publication order, one time chunk at a time: each chunk is
        clustered among itself and the stories still open (first document within the span
        limit); older stories are closed. An undated document joins the chunk of its most
        similar dated one; with none (or only an earlier run's), it comes last, against every
        story."""
        new = [d for d in {d.doc_id: d for d in docs}.values() if d.doc_id not in self.doc_story]
        if not new:
            return
        p = self.params
        df: Counter[str] = Counter()
        for doc in (*self._restored, *new):
            df.update({f for f, c in doc.features if c > 0})
        n_docs = len(self._restored) + len(new)
        undated = [d for d in new if d.published is None]

        def vectorise(doc: DocumentProfile) -> dict[str, float]:
            return _vector(doc, df, n_docs)

        closed: list[_Cluster] = []
        pending: list[_Cluster] = []  # earlier stories, by first date, not yet reached
        for state in self.stories.values():
            cluster = _Cluster(state.story_id, 0, None, None, {}, [])
            for doc in state.members:
                cluster.absorb(_Cluster(None, 1, doc.published, doc.published, vectorise(doc), []))
            (pending if cluster.first is not None else closed).append(cluster)
        pending.sort(key=lambda c: c.first or date.min, reverse=True)

        dated = sorted((d for d in new if d.published is not None), key=_date_key)
        starts = _chunk_starts(dated, p.chunk_days)
        placed, undated = _place_undated(dated, undated, df, n_docs, p, starts, self._restored)
        open_: list[_Cluster] = []
        span = p.max_span_days
        for key, chunk in _chunks(dated, starts):
            start, end = _day(chunk[0]), _day(chunk[-1])
            chunk.extend(placed.pop(key, ()))
            while pending and (pending[-1].first or date.min).toordinal() <= end + span:
                open_.append(pending.pop())
            still = []
            for c in open_:
                if (c.first or date.min).toordinal() + span >= start:
                    still.append(c)
                    continue
                if not undated:  # nothing compares with a closed story again: drop its sum
                    c.total = {}
                closed.append(c)
            open_ = still
            eligible = [c for c in open_ if (c.last or date.min).toordinal() - span <= end]
            open_.extend(self._agglomerate(eligible, chunk, vectorise))
        closed.extend(open_)
        closed.extend(pending)
        if undated:
            closed.extend(self._agglomerate(closed, undated, vectorise))

        for cluster in closed:
            if not cluster.fresh:
                continue
            story_id = cluster.story_id or _new_story_id(cluster.fresh)
            state = self.stories.setdefault(story_id, _StoryState(story_id))
            for doc in cluster.fresh:
                state.members.append(doc)
                self.doc_story[doc.doc_id] = story_id
        self._restored = [d for s in self.stories.values() for d in s.members]

    def _agglomerate(
        self,
        fixed: list[_Cluster],
        docs: list[DocumentProfile],
        vectorise: Callable[[DocumentProfile], dict[str, float]],
    ) -> list[_Cluster]:
        """Average-linkage clustering of ``docs`` among themselves and into ``fixed`` clusters
        (which grow in place but never merge with each other); returns the new clusters."""
        p = self.params
        vectors = [vectorise(d) for d in docs]
        n_fixed = len(fixed)
        clusters: dict[int, _Cluster] = dict(enumerate(fixed))
        for j, doc in enumerate(docs):
            clusters[n_fixed + j] = _Cluster(
                None, 1, doc.published, doc.published, vectors[j], [doc]
            )

        # pairwise similarity sums between clusters, from each new document's strongest links
        links: dict[int, dict[int, float]] = defaultdict(dict)
        for i, j, s in self._links(fixed, docs, vectors):
            # each pair comes once (from its later document)
            links[i][j] = links[j][i] = s

        # Lazy max-heap of average links. After a merge only the dropped cluster's neighbours
        # can have gained; every other pair with the kept cluster can only have lost (it grew),
        # so its entry is an upper bound, re-checked and re-pushed when it comes up.
        heap: list[tuple[float, int, int]] = []

        def average(a: int, b: int) -> float:
            return links[a].get(b, 0.0) / (clusters[a].size * clusters[b].size)

        def push(a: int, b: int) -> None:
            avg = average(a, b)
            if avg >= p.threshold:
                heapq.heappush(heap, (-avg, min(a, b), max(a, b)))

        # every pair once, heapified at once (pops come in the same order as pushed one by one)
        threshold = p.threshold
        for a, neighbours in links.items():
            size = clusters[a].size
            for b, total in neighbours.items():
                if a < b and (avg := total / (size * clusters[b].size)) >= threshold:
                    heap.append((-avg, a, b))
        heapq.heapify(heap)
        del vectors  # the singletons' sums alias them; merges update those in place
        while heap:
            negative, a, b = heapq.heappop(heap)
            if a not in clusters or b not in clusters or b not in links[a]:
                continue
            if a < n_fixed and b < n_fixed:
                continue  # existing stories keep their identity
            current = average(a, b)
            if current < -negative - 1e-12:
                push(a, b)  # stale upper bound: re-queue at its present value
                continue
            ca, cb = clusters[a], clusters[b]
            if ca.span_with(cb) > p.max_span_days:
                continue
            # a fixed cluster keeps its node (it has the lower number); else the larger one
            keep, drop = (a, b) if a < n_fixed or ca.size >= cb.size else (b, a)
            clusters[keep].absorb(clusters.pop(drop))
            gained = []
            for c, s in links.pop(drop, {}).items():
                links[c].pop(drop, None)
                if c == keep:
                    continue
                links[keep][c] = links[keep].get(c, 0.0) + s
                links[c][keep] = links[keep][c]
                if keep >= n_fixed or c >= n_fixed:  # two stories never merge: no entry
                    gained.append(c)
            for c in gained:
                push(keep, c)
        return [c for node, c in clusters.items() if node >= n_fixed]

    def _links(
        self, fixed: list[_Cluster], docs: list[DocumentProfile], vectors: list[dict[str, float]]
    ) -> Iterator[tuple[int, int, float]]:
        """(node, node, similarity sum) for each new document: its ``max_links`` strongest
        candidates (other new documents, or fixed clusters by their average cosine) at or above
        ``min_link``. Weaker links barely move an average of a story's documents, and keeping a
        bounded number per document bounds the graph (and the merge heap) linearly. Fixed
        clusters are node ``0..len(fixed)-1``, document ``j`` is node ``len(fixed) + j``."""
        p = self.params
        n_fixed = len(fixed)
        by_feature: dict[str, list[int]] = defaultdict(list)
        for node, cluster in enumerate(fixed):
            # a story is found through its strongest features only: the common ones every
            # open story shares would make each document a candidate of every story
            for f in heapq.nlargest(p.story_features, cluster.total, key=cluster.total.__getitem__):
                by_feature[f].append(node)
        for j, earlier in self._candidates(docs):
            vec = vectors[j]
            found = []  # (average, node, sum)
            for i in earlier:
                s = _dot(vectors[i], vec)
                if s >= p.min_link:
                    found.append((s, n_fixed + i, s))
            if by_feature:
                seen: set[int] = set()
                for f in sorted(vec, key=lambda f: (len(by_feature.get(f, ())), f)):
                    posting = by_feature.get(f)
                    if not posting:
                        continue
                    # rarest first: every later posting is at least as long
                    if len(posting) > p.posting_cap or len(seen) >= p.max_stories:
                        break
                    seen.update(posting)
                for node in seen:
                    cluster = fixed[node]
                    s = _dot_into(vec, cluster.total)
                    if s / cluster.size >= p.min_link:
                        found.append((s / cluster.size, node, s))
            for _, node, s in heapq.nlargest(p.max_links, found):
                yield node, n_fixed + j, s

    def _candidates(self, docs: list[DocumentProfile]) -> Iterator[tuple[int, list[int]]]:
        """For each document j, the earlier documents i < j of ``docs`` that share a feature
        specific enough in their window (rarest features first, at most ``max_candidates``)."""
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
        cap = p.posting_cap
        for j in range(len(docs)):
            seen: dict[int, None] = {}
            here = bucket[j]
            rarest_first = sorted(
                (f for f, c in docs[j].features if c > 0), key=lambda f: (df[f], f)
            )
            for feature in rarest_first:
                if len(seen) >= p.max_candidates:
                    break
                if here < 0 and df[feature] > cap:
                    continue
                window = [
                    postings[(feature, b)]
                    for b in buckets_of[feature]
                    if here < 0 or b < 0 or abs(b - here) <= reach
                ]
                # too common within the window the document looks at: it proposes nothing
                # (every document of a busy month would be a candidate of every other)
                if here >= 0 and sum(map(len, window)) > cap:
                    continue
                # which candidates, not their order, matters: all of a feature's are taken
                for posting in window:
                    if len(posting) <= cap:
                        # postings hold document numbers in increasing order
                        seen.update(dict.fromkeys(posting[: bisect.bisect_left(posting, j)]))
            yield j, list(seen)

    # -- output ------------------------------------------------------------------------------
    def to_stories(self) -> list[Story]:
        return [story_record(state.story_id, state.members) for state in self.stories.values()]


def story_record(story_id: str, members: list[DocumentProfile]) -> Story:
    """The exported story of its member documents: each language's earliest title."""
    titles: dict[str, str] = {}
    for doc in sorted(members, key=lambda d: (d.published or date.max, d.doc_id)):
        for lang, title in doc.titles:
            titles.setdefault(lang, title)
    stamps = [d.published_at for d in members if d.published_at is not None]
    langs = sorted({lang for d in members for lang in d.languages})
    return Story(
        story_id=story_id,
        doc_ids=tuple(d.doc_id for d in members),
        titles=tuple(sorted(titles.items())),
        languages=tuple(langs),
        first_published=min(stamps) if stamps else None,
        last_published=max(stamps) if stamps else None,
    )


class StoryStream:
    """Stories of documents that arrive in publication order, one chunk at a time.

    The same clustering as ``StoryIndex.add_all``, but nothing is known in advance: each chunk
    (dated documents of consecutive days, with the undated ones that arrive alongside) is
    clustered among itself and the stories still open; ``close_before`` hands back the stories
    no later document can join and forgets them. IDF comes from the documents of the last
    ``df_days`` days, so memory is bounded by the intake of that span, not the whole record.
    Documents of an earlier run's assignment (``previous``) rejoin their story as it was.
    """

    def __init__(
        self,
        params: StoryParams | None = None,
        previous: Mapping[str, str] | None = None,
        df_days: int = DF_DAYS,
        known_df: tuple[Mapping[str, int], int] | None = None,
    ) -> None:
        self.params = params or StoryParams()
        self.df_days = df_days
        # document frequencies known in advance (a stored record's) and their document count:
        # they stand in for the rolling ones of the features they cover
        self._known = None if known_df is None else (dict(known_df[0]), known_df[1])
        self.doc_story: dict[str, str] = {}  # documents of open stories with an id so far
        self._previous = previous or {}
        self._open: list[_Cluster] = []
        self._by_story: dict[str, _Cluster] = {}  # open stories of the earlier run
        self._df: Counter[str] = Counter()
        self._n = 0
        self._recent: deque[tuple[int, tuple[str, ...]]] = deque()  # (day, features) for df
        self._last_day = date.min.toordinal()
        self._clusterer = StoryIndex(self.params)  # its agglomeration, over summaries

    @property
    def open_count(self) -> int:
        return len(self._open)

    def _count(self, docs: Sequence[DocumentProfile], day: int) -> None:
        """Add documents to the rolling document frequencies; expire those past ``df_days``."""
        for doc in docs:
            features = tuple(f for f, c in doc.features if c > 0)
            self._df.update(features)
            self._n += 1
            self._recent.append((_day(doc) if doc.published else day, features))
        while self._recent and self._recent[0][0] < day - self.df_days:
            _, features = self._recent.popleft()
            self._n -= 1
            for f in features:
                self._df[f] -= 1
                if self._df[f] <= 0:
                    del self._df[f]

    def add(self, docs: Sequence[DocumentProfile]) -> None:
        """Cluster one chunk of documents among themselves and into the open stories."""
        docs = [d for d in {d.doc_id: d for d in docs}.values() if d.doc_id not in self.doc_story]
        if not docs:
            return
        days = [_day(d) for d in docs if d.published is not None]
        start, end = (min(days), max(days)) if days else (self._last_day, self._last_day)
        self._last_day = max(self._last_day, end)
        self._count(docs, start)
        df: Mapping[str, int] = self._df
        n_docs = self._n
        if self._known is not None:
            df, n_docs = ChainMap(self._known[0], self._df), max(n_docs, self._known[1])

        def vectorise(doc: DocumentProfile) -> dict[str, float]:
            return _vector(doc, df, n_docs)

        new = []
        for doc in docs:
            story_id = self._previous.get(doc.doc_id)
            if story_id is None:
                new.append(doc)
                continue
            cluster = self._by_story.get(story_id)
            if cluster is None:
                cluster = _Cluster(story_id, 0, None, None, {}, [])
                self._by_story[story_id] = cluster
                self._open.append(cluster)
            cluster.absorb(_Cluster(None, 1, doc.published, doc.published, vectorise(doc), [doc]))
            self.doc_story[doc.doc_id] = story_id
        # as ``StoryIndex.add_all``: dated documents a chunk of days at a time (a long intake,
        # such as a stored record, is cut into the pieces batch clustering uses), an undated one
        # with the piece of its most similar dated document, the rest last against every story
        p = self.params
        span = p.max_span_days
        dated = sorted((d for d in new if d.published is not None), key=_date_key)
        starts = _chunk_starts(dated, p.chunk_days)
        undated = [d for d in new if d.published is None]
        placed, left = _place_undated(dated, undated, df, n_docs, p, starts, [])
        for key, piece in _chunks(dated, starts):
            first, last = _day(piece[0]), _day(piece[-1])
            piece.extend(placed.pop(key, ()))
            eligible = [
                c
                for c in self._open
                if (c.first or date.min).toordinal() + span >= first
                and (c.last or date.min).toordinal() - span <= last
            ]
            self._open.extend(self._clusterer._agglomerate(eligible, piece, vectorise))
        if left:
            self._open.extend(self._clusterer._agglomerate(list(self._open), left, vectorise))
        for cluster in self._open:
            # only the summary is compared from now on: members keep what the export needs
            cluster.fresh = [_light(d) for d in cluster.fresh]
            if cluster.story_id is not None:
                for doc in cluster.fresh:
                    self.doc_story[doc.doc_id] = cluster.story_id

    def close_before(self, day: date) -> list[Story]:
        """The stories whose first document is more than the span limit before ``day`` (no
        later document can join them), forgotten here; with ``date.max``, every story."""
        last = day == date.max
        limit = day.toordinal() - self.params.max_span_days
        out, still = [], []
        for cluster in self._open:
            if not last and (cluster.first or date.min).toordinal() >= limit:
                still.append(cluster)
                continue
            members = cluster.fresh
            if not members:
                continue
            story_id = cluster.story_id or _new_story_id(members)
            out.append(story_record(story_id, members))
            for doc in members:
                self.doc_story.pop(doc.doc_id, None)
            if cluster.story_id is not None:
                self._by_story.pop(cluster.story_id, None)
        self._open = still
        return out

    def assign(self) -> dict[str, str]:
        """Document -> story of every open story, new ones named as they would be now."""
        out = dict(self.doc_story)
        for cluster in self._open:
            if cluster.story_id is None and cluster.fresh:
                story_id = _new_story_id(cluster.fresh)
                out.update({d.doc_id: story_id for d in cluster.fresh})
        return out


def _light(doc: DocumentProfile) -> DocumentProfile:
    """A member document without its features (its vector is in its story's sum)."""
    return doc if not doc.features else replace(doc, features=())


def _new_story_id(members: list[DocumentProfile]) -> str:
    """A new story is named after its earliest document, so reruns name it the same."""
    first = min(members, key=lambda d: (d.published or date.max, d.doc_id))
    return "st-" + hashlib.sha256(first.doc_id.encode()).hexdigest()[:12]


def _date_key(doc: DocumentProfile) -> tuple[date, str]:
    return (doc.published or date.min, doc.doc_id)


def _day(doc: DocumentProfile) -> int:
    return (doc.published or date.min).toordinal()


def _chunk_starts(dated: list[DocumentProfile], days: int) -> list[int]:
    """First day (ordinal) of each time chunk of date-sorted documents: about ``days`` long,
    cut on the quietest day of the following half-chunk, so a cut rarely falls inside a burst
    of reports about one occasion."""
    if not dated:
        return []
    per_day = Counter(_day(d) for d in dated)
    starts = [_day(dated[0])]
    last = _day(dated[-1])
    while starts[-1] + days <= last:
        window = range(starts[-1] + days, min(last, starts[-1] + days + days // 2) + 1)
        starts.append(min(window, key=lambda day: (per_day.get(day, 0), day)))
    return starts


def _chunk_of(day: int, starts: list[int]) -> int:
    return bisect.bisect_right(starts, day) - 1


def _chunks(
    dated: list[DocumentProfile], starts: list[int]
) -> Iterator[tuple[int, list[DocumentProfile]]]:
    """Date-sorted documents grouped by chunk, with the chunk number."""
    chunk: list[DocumentProfile] = []
    key = 0
    for doc in dated:
        k = _chunk_of(_day(doc), starts)
        if chunk and k != key:
            yield key, chunk
            chunk = []
        key = k
        chunk.append(doc)
    if chunk:
        yield key, chunk


def _place_undated(
    dated: list[DocumentProfile],
    undated: list[DocumentProfile],
    df: Mapping[str, int],
    n_docs: int,
    p: StoryParams,
    starts: list[int],
    earlier: list[DocumentProfile],
) -> tuple[dict[int, list[DocumentProfile]], list[DocumentProfile]]:
    """Undated documents by the time chunk of their most similar dated document (through the
    features specific enough to propose candidates), so they cluster alongside their story's
    dated reports; those sharing no such feature with a dated one are returned apart.

    The same actors meet again on other occasions, so names alone may rank two chunks nearly
    alike (within ``undated_near`` of the best): of those, one where a report dates an act of
    the page's type and party to the day of the month the page names wins."""
    if not undated:
        return {}, []
    wanted = {f for d in undated for f, c in d.features if c > 0 and df.get(f, 0) <= p.posting_cap}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    # an earlier run's document has no chunk (-1): its undated neighbour goes to the last pass,
    # which sees every story
    known = [*dated, *(d for d in earlier if d.published is not None)]
    chunk = [_chunk_of(_day(d), starts) if i < len(dated) else -1 for i, d in enumerate(known)]
    days: dict[str, set[int]] = defaultdict(set)  # day feature -> chunks reporting it
    for i, doc in enumerate(known):
        shared = [f for f, c in doc.features if f in wanted and c > 0]
        for f in shared:
            if f.startswith(DAY_PREFIX):
                days[f].add(chunk[i])
        if shared:
            for f, w in _vector(doc, df, n_docs).items():
                if f in wanted:
                    postings[f].append((i, w))
    placed: dict[int, list[DocumentProfile]] = defaultdict(list)
    left = []
    for doc in undated:
        score: dict[int, float] = defaultdict(float)
        for f, w in _vector(doc, df, n_docs).items():
            for i, wi in postings.get(f, ()):
                score[i] += w * wi
        best = max(score, key=lambda i: (score[i], -i)) if score else -1
        if best < 0 or chunk[best] < 0:
            left.append(doc)
            continue
        near: dict[int, float] = {}
        for i, s in score.items():
            if s >= p.undated_near * score[best]:
                near[chunk[i]] = max(near.get(chunk[i], 0.0), s)
        agreeing = {
            k for f, c in doc.features if c > 0 and f.startswith(DAY_PREFIX) for k in days[f]
        }
        home = max(near, key=lambda k: (k in agreeing, near[k], k == chunk[best], -k))
        if home < 0:
            left.append(doc)
        else:
            placed[home].append(doc)
    return placed, left
