"""The per-document pipeline and the ingest runner that owns iteration, batching and resume.

Raw bytes are committed before processing; per-document results are committed per batch.
A run killed at any point loses nothing: on the next run, raw documents already stored are
recognised (content-addressed) and the ones never processed are picked up again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from watchfloor import __version__
from watchfloor.config import Config
from watchfloor.ingest.fetch import NotModified
from watchfloor.records import Article, Claim, Mention, RawDocument, Rejected
from watchfloor.stage import Runner
from watchfloor.store.base import PutResult
from watchfloor.store.sqlite import SqliteStore


@dataclass(frozen=True, slots=True)
class ProcessedDocument:
    """Everything the per-document stages derived from one raw document."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()


StageName = str
ALL_STAGES: tuple[StageName, ...] = ("extract", "entities", "claims")


class DocumentPipeline:
    """Per-document stages, built once per process: pure functions of a raw document."""

    def __init__(self, config: Config, stages: Sequence[StageName] = ("extract",)) -> None:
        from watchfloor.extract.stage import ExtractStage

        unknown = set(stages) - set(ALL_STAGES)
        if unknown:
            raise ValueError(f"unknown stages {sorted(unknown)}")
        self.config = config
        self.stage_names = tuple(s for s in ALL_STAGES if s in stages)
        self.extract = ExtractStage(config)
        self.entities = None
        self.claims = None
        if "entities" in self.stage_names:
            from watchfloor.entities.stage import build_entity_stage

            self.entities = build_entity_stage(config)
        if "claims" in self.stage_names:
            from watchfloor.claims.stage import build_claim_stage

            self.claims = build_claim_stage(config)

    @property
    def version(self) -> str:
        """The stages run, and a digest of what decides their output: watchfloor's code and
        data (lexicons, registries, models) and the configuration the stages read. A stored
        document made by another version is processed again (``pending_ids``), so an upgrade or
        an edited lexicon reaches documents already stored."""
        names = [self.extract.name]
        if self.entities is not None:
            names.append(self.entities.name)
        if self.claims is not None:
            names.append(self.claims.name)
        settings = self.config.model_dump(
            mode="json", include={"languages", "extract", "timezones", "entities", "claims"}
        )
        digest = hashlib.sha256(code_digest().encode("ascii"))
        digest.update(json.dumps(settings, sort_keys=True).encode("utf-8"))
        return "+".join(names) + "@" + digest.hexdigest()[:16]

    def process(
        self, raw: RawDocument, *, raise_errors: bool = False
    ) -> ProcessedDocument | Rejected:
        article = Runner(
            self.extract, raise_errors=raise_errors, source_bytes=lambda r: r.data
        ).apply(raw)
        if isinstance(article, Rejected):
            return _with_source(article, raw)
        mentions: tuple[Mention, ...] = ()
        claims: tuple[Claim, ...] = ()
        if self.entities is not None:
            found = Runner(self.entities, raise_errors=raise_errors).apply(article)
            if isinstance(found, Rejected):
                return _with_source(found, raw)
            mentions = found
        if self.claims is not None:
            made = Runner(self.claims, raise_errors=raise_errors).apply((article, mentions))
            if isinstance(made, Rejected):
                return _with_source(made, raw)
            claims = made
        return ProcessedDocument(article, mentions, claims)


def _with_source(rejected: Rejected, raw: RawDocument) -> Rejected:
    from dataclasses import replace

    return replace(
        rejected,
        doc_id=rejected.doc_id or raw.doc_id,
        data=rejected.data or raw.data,
        provenance=rejected.provenance or raw.provenance,
        url=rejected.url or raw.url,
    )


# -- worker processes ------------------------------------------------------------------------
_WORKER: DocumentPipeline | None = None


def _init_worker(config: Config, stages: tuple[StageName, ...]) -> None:
    global _WORKER
    if _WORKER is None or _WORKER.stage_names != tuple(s for s in ALL_STAGES if s in stages):
        _WORKER = DocumentPipeline(config, stages)


def _work(raw: RawDocument) -> ProcessedDocument | Rejected:
    assert _WORKER is not None
    return _WORKER.process(raw)


@dataclass
class IngestStats:
    inputs: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    processed: int = 0
    read_rejected: int = 0  # inputs quarantined before reaching the raw store
    quarantined: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return sum(self.quarantined.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "inputs": self.inputs,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "processed": self.processed,
            "read_rejected": self.read_rejected,
            "quarantined": dict(self.quarantined),
        }


Progress = Callable[[int, int | None], None]


class Ingestor:
    """Reads inputs into the raw store, then runs the per-document stages on what is pending."""

    def __init__(
        self,
        store: SqliteStore,
        config: Config,
        *,
        stages: Sequence[StageName] = ("extract",),
        workers: int | None = None,
        raise_errors: bool = False,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.stages = tuple(stages)
        self.workers = config.ingest.workers if workers is None else workers
        self.raise_errors = raise_errors
        self.progress = progress
        self.stats = IngestStats()
        self._pipeline: DocumentPipeline | None = None

    @property
    def pipeline(self) -> DocumentPipeline:
        if self._pipeline is None:
            self._pipeline = DocumentPipeline(self.config, self.stages)
        return self._pipeline

    # -- reading ----------------------------------------------------------------------------
    def read(self, items: Iterable[RawDocument | Rejected | NotModified]) -> list[str]:
        """Store raw inputs (committed per batch) and quarantine rejected ones.

        Returns the ids of documents that need processing.
        """
        todo: list[str] = []
        batch: list[RawDocument | Rejected | NotModified] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.config.ingest.batch_size:
                todo += self._store_batch(batch)
                batch = []
        if batch:
            todo += self._store_batch(batch)
        return todo

    def _store_batch(self, batch: list[RawDocument | Rejected | NotModified]) -> list[str]:
        todo: list[str] = []
        with self.store.transaction():
            self.store.flush_validators()
            for item in batch:
                self.stats.inputs += 1
                if isinstance(item, NotModified):
                    # a 304: the copy stored earlier is current
                    self.stats.unchanged += 1
                    continue
                if isinstance(item, Rejected):
                    self.store.quarantine(item)
                    self.stats.quarantined[str(item.reason)] += 1
                    self.stats.read_rejected += 1
                    continue
                result = self.store.put_raw(item)
                if result is PutResult.NEW:
                    self.stats.new += 1
                elif result is PutResult.UPDATED:
                    self.stats.updated += 1
                else:
                    self.stats.unchanged += 1
                    if self.store.raw_state(item.doc_id) == "rejected":
                        # already quarantined with its reason: count it there, not again
                        self.stats.quarantined["already_quarantined"] += 1
                        continue
                todo.append(item.doc_id)
        return todo

    # -- processing -------------------------------------------------------------------------
    def process(self, doc_ids: Sequence[str], *, force: bool = False) -> None:
        """Run the per-document stages on documents, skipping those already up to date."""
        version = self.pipeline.version
        if not force:
            pending = set(self.store.pending_ids(version))
            doc_ids = [d for d in doc_ids if d in pending]
        total = len(doc_ids)
        done = 0
        for results in self._results(doc_ids):
            with self.store.transaction():
                for result in results:
                    self._write(result, version)
            done += len(results)
            if self.progress is not None:
                self.progress(done, total)

    def _raws(self, doc_ids: Sequence[str]) -> Iterator[RawDocument]:
        for doc_id in doc_ids:
            yield self.store.get_raw(doc_id)

    def _results(self, doc_ids: Sequence[str]) -> Iterator[list[ProcessedDocument | Rejected]]:
        size = self.config.ingest.batch_size
        use_pool = self.workers > 1 and len(doc_ids) >= 4 * size // 2 and not self.raise_errors
        if not use_pool:
            batch: list[ProcessedDocument | Rejected] = []
            for raw in self._raws(doc_ids):
                batch.append(self.pipeline.process(raw, raise_errors=self.raise_errors))
                if len(batch) >= size:
                    yield batch
                    batch = []
            if batch:
                yield batch
            return
        fork = sys.platform == "linux"
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        if fork:
            # workers inherit the stages built here (models load once, pages shared)
            global _WORKER
            _WORKER = self.pipeline
        with ctx.Pool(
            self.workers, initializer=_init_worker, initargs=(self.config, self.stages)
        ) as pool:
            # raw documents are read here, in the thread that owns the store connection; the
            # next batch is processed while the caller writes the previous one
            pending = None
            for start in range(0, len(doc_ids), size):
                raws = list(self._raws(doc_ids[start : start + size]))
                job = pool.map_async(_work, raws, chunksize=max(1, len(raws) // (4 * self.workers)))
                if pending is not None:
                    yield pending.get()
                pending = job
            if pending is not None:
                yield pending.get()

    def _write(self, result: ProcessedDocument | Rejected, version: str) -> None:
        if isinstance(result, Rejected):
            self.store.quarantine(result)
            self.stats.quarantined[str(result.reason)] += 1
            return
        self.store.put_article(result.article, version)
        if result.mentions or self.pipeline.entities is not None:
            self.store.put_mentions(result.article.doc_id, result.mentions)
        if result.claims or self.pipeline.claims is not None:
            self.store.put_claims(result.article.doc_id, result.claims)
        self.stats.processed += 1


@functools.cache
def code_digest() -> str:
    """sha256 of the installed watchfloor package: every source and data file, by path."""
    return tree_digest(Path(__file__).resolve().parent)


def tree_digest(root: Path) -> str:
    """sha256 over the relative paths and contents of the files under ``root`` (bytecode
    caches left out)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def versions() -> dict[str, str]:
    """Versions recorded with every run."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"watchfloor": __version__, "python": sys.version.split()[0]}
    for name in ("trafilatura", "htmldate", "lingua-language-detector", "spacy", "ja-ginza"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out
