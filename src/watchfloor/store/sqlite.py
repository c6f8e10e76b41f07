"""The embedded SQLite store: WAL, migrations, FTS5 trigram search, quarantine, raw blobs."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from watchfloor.errors import NotFound, StoreError
from watchfloor.records import Article, MediaType, RawDocument, Rejected, Section
from watchfloor.store.base import DocumentSummary, PutResult, QuarantineItem, SearchHit
from watchfloor.store.codec import (
    dt_from_text,
    dt_to_text,
    dumps,
    hints_from_json,
    hints_to_json,
    provenance_from_json,
    provenance_to_json,
    spans_from_json,
    spans_to_json,
)
from watchfloor.store.schema import MIGRATIONS, SCHEMA_VERSION
from watchfloor.store.sqlite_derived import DerivedRecordsMixin
from watchfloor.store.sqlite_fused import FusedRecordsMixin


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqliteStore(DerivedRecordsMixin, FusedRecordsMixin):
    """A watchfloor store in one SQLite file. Not shared between threads; one per process."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no watchfloor store at {self.path} (run `watchfloor ingest` first)")
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self._depth = 0
        self._pending_validators: dict[str, tuple[str | None, str | None]] = {}
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable watchfloor store: {exc}") from exc

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema {version}, newer than this watchfloor ({SCHEMA_VERSION})"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _split_sql(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number + 1}")

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction; nested calls join the outermost one."""
        if self._depth == 0:
            self.db.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.db.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # -- raw store --------------------------------------------------------------------------
    def put_raw(self, raw: RawDocument) -> PutResult:
        """Store raw bytes content-addressed; identical bytes for a known url change nothing."""
        with self.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO blobs(sha256, size, data) VALUES (?, ?, ?)",
                (raw.sha256, len(raw.data), raw.data),
            )
            row = self.db.execute(
                "SELECT sha256 FROM raw_documents WHERE doc_id = ?", (raw.doc_id,)
            ).fetchone()
            if row is not None and row["sha256"] == raw.sha256:
                return PutResult.UNCHANGED
            values = (
                raw.sha256,
                str(raw.media_type),
                provenance_to_json(raw.provenance),
                hints_to_json(raw.hints),
                dt_to_text(raw.fetched_at),
                _now(),
            )
            if row is None:
                self.db.execute(
                    "INSERT INTO raw_documents(doc_id, url, sha256, media_type, provenance, hints,"
                    " fetched_at, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (raw.doc_id, raw.url, *values),
                )
                return PutResult.NEW
            self.db.execute(
                "UPDATE raw_documents SET sha256=?, media_type=?, provenance=?, hints=?,"
                " fetched_at=?, ingested_at=?, state='pending', pipeline_version=NULL"
                " WHERE doc_id=?",
                (*values, raw.doc_id),
            )
            return PutResult.UPDATED

    def get_raw(self, doc_id: str) -> RawDocument:
        row = self.db.execute(
            "SELECT r.*, b.data FROM raw_documents r JOIN blobs b USING(sha256) WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no document {doc_id}")
        return _raw_from_row(row)

    def raw_state(self, doc_id: str) -> str | None:
        row = self.db.execute(
            "SELECT state FROM raw_documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return None if row is None else str(row["state"])

    def set_raw_state(self, doc_id: str, state: str, pipeline_version: str | None) -> None:
        self.db.execute(
            "UPDATE raw_documents SET state=?, pipeline_version=? WHERE doc_id=?",
            (state, pipeline_version, doc_id),
        )

    def iter_raw(self, *, state: str | None = None) -> Iterator[RawDocument]:
        """Raw documents in ingest order (ids first, so writes during iteration are safe)."""
        if state is None:
            ids = [r[0] for r in self.db.execute("SELECT doc_id FROM raw_documents ORDER BY rowid")]
        else:
            ids = [
                r[0]
                for r in self.db.execute(
                    "SELECT doc_id FROM raw_documents WHERE state = ? ORDER BY rowid", (state,)
                )
            ]
        for doc_id in ids:
            yield self.get_raw(doc_id)

    def pending_ids(self, pipeline_version: str) -> list[str]:
        """Documents never processed, or processed by another pipeline version."""
        rows = self.db.execute(
            "SELECT doc_id FROM raw_documents WHERE state = 'pending'"
            " OR pipeline_version IS NOT ? ORDER BY rowid",
            (pipeline_version,),
        )
        return [r[0] for r in rows]

    def count_raw(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM raw_documents").fetchone()[0])

    # -- articles ---------------------------------------------------------------------------
    def put_article(self, article: Article, pipeline_version: str) -> None:
        with self.transaction():
            self.delete_article(article.doc_id)
            self.db.execute(
                "INSERT INTO documents(doc_id, url, sha256, site, title, published,"
                " published_source, author, credits, extractor, removed, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.doc_id,
                    article.url,
                    article.sha256,
                    article.site,
                    article.title,
                    dt_to_text(article.published),
                    article.published_source,
                    article.author,
                    dumps(list(article.credits)),
                    article.extractor,
                    dumps(list(article.removed)),
                    _now(),
                ),
            )
            for idx, section in enumerate(article.sections):
                self.db.execute(
                    "INSERT INTO sections(doc_id, idx, lang, title, text, paragraphs, sentences)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.doc_id,
                        idx,
                        section.lang,
                        section.title,
                        section.text,
                        spans_to_json(section.paragraphs),
                        spans_to_json(section.sentences),
                    ),
                )
                self.db.execute(
                    "INSERT INTO sections_fts(doc_id, idx, title, text) VALUES (?, ?, ?, ?)",
                    (article.doc_id, idx, section.title or "", section.text),
                )
            self.set_raw_state(article.doc_id, "done", pipeline_version)

    def delete_article(self, doc_id: str) -> None:
        self.db.execute("DELETE FROM sections_fts WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM sections WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def get_article(self, doc_id: str) -> Article:
        row = self.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT * FROM documents WHERE doc_id LIKE ? || '%' OR url = ? LIMIT 2",
                (doc_id, doc_id),
            ).fetchall()
            if len(row) != 1:
                raise NotFound(f"no document {doc_id}")
            row = row[0]
        return self._article_from_row(row)

    def _article_from_row(self, row: sqlite3.Row) -> Article:
        import json

        sections = tuple(
            Section(
                lang=s["lang"],
                title=s["title"],
                text=s["text"],
                paragraphs=spans_from_json(s["paragraphs"]),
                sentences=spans_from_json(s["sentences"]),
            )
            for s in self.db.execute(
                "SELECT * FROM sections WHERE doc_id = ? ORDER BY idx", (row["doc_id"],)
            )
        )
        return Article(
            doc_id=row["doc_id"],
            url=row["url"],
            sha256=row["sha256"],
            site=row["site"],
            title=row["title"],
            published=dt_from_text(row["published"]),
            published_source=row["published_source"],
            author=row["author"],
            credits=tuple(json.loads(row["credits"])),
            sections=sections,
            extractor=row["extractor"],
            removed=tuple(json.loads(row["removed"])),
        )

    def iter_articles(self) -> Iterator[Article]:
        ids = [r[0] for r in self.db.execute("SELECT doc_id FROM documents ORDER BY rowid")]
        for doc_id in ids:
            yield self.get_article(doc_id)

    def count_documents(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def list_documents(
        self, *, limit: int = 50, offset: int = 0, lang: str | None = None
    ) -> list[DocumentSummary]:
        sql = (
            "SELECT d.doc_id, d.url, d.site, d.title, d.published, r.state,"
            " (SELECT group_concat(lang, ',') FROM sections s WHERE s.doc_id = d.doc_id) AS langs"
            " FROM documents d JOIN raw_documents r USING(doc_id)"
        )
        args: list[object] = []
        if lang:
            sql += " WHERE EXISTS (SELECT 1 FROM sections s WHERE s.doc_id = d.doc_id AND lang=?)"
            args.append(lang)
        sql += " ORDER BY coalesce(d.published, ''), d.rowid LIMIT ? OFFSET ?"
        args += [limit, offset]
        return [
            DocumentSummary(
                doc_id=r["doc_id"],
                url=r["url"],
                site=r["site"],
                title=r["title"],
                published=r["published"],
                languages=tuple((r["langs"] or "").split(",")) if r["langs"] else (),
                state=r["state"],
            )
            for r in self.db.execute(sql, args)
        ]

    # -- search -----------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over section titles and text, in any language.

        The trigram index needs three characters; shorter queries (two-character CJK words
        such as 평양) fall back to a substring scan.
        """
        query = query.strip()
        if not query:
            return []
        if len(query) >= 3:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self.db.execute(
                "SELECT f.doc_id, f.idx, s.lang, f.title,"
                " snippet(sections_fts, 3, '[', ']', '…', 12) AS snip"
                " FROM sections_fts f JOIN sections s ON s.doc_id = f.doc_id AND s.idx = f.idx"
                " WHERE sections_fts MATCH ? ORDER BY rank LIMIT ?",
                (phrase, limit),
            ).fetchall()
            return [SearchHit(r[0], int(r[1]), r[2], r[3] or None, r[4]) for r in rows]
        rows = self.db.execute(
            "SELECT doc_id, idx, lang, title, text FROM sections WHERE instr(text, ?) > 0"
            " OR instr(coalesce(title, ''), ?) > 0 LIMIT ?",
            (query, query, limit),
        ).fetchall()
        hits = []
        for r in rows:
            text: str = r["text"]
            at = max(text.find(query), 0)
            snippet = text[max(0, at - 30) : at + len(query) + 30]
            hits.append(SearchHit(r["doc_id"], int(r["idx"]), r["lang"], r["title"], snippet))
        return hits

    # -- quarantine -------------------------------------------------------------------------
    def quarantine(self, rejected: Rejected) -> int:
        """Keep a rejected input with its bytes; the same rejection twice is stored once."""
        fingerprint = _fingerprint(
            rejected.stage,
            str(rejected.reason),
            rejected.url,
            provenance_to_json(rejected.provenance),
            rejected.data,
        )
        with self.transaction():
            self.db.execute(
                "INSERT INTO quarantine(fingerprint, doc_id, url, stage, reason, detail, data,"
                " provenance, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(fingerprint) DO UPDATE SET detail=excluded.detail, resolved=0",
                (
                    fingerprint,
                    rejected.doc_id,
                    rejected.url,
                    rejected.stage,
                    str(rejected.reason),
                    rejected.detail,
                    rejected.data,
                    provenance_to_json(rejected.provenance),
                    _now(),
                ),
            )
            if rejected.doc_id is not None and rejected.stage.startswith("extract"):
                self.set_raw_state(rejected.doc_id, "rejected", None)
            row = self.db.execute(
                "SELECT id FROM quarantine WHERE fingerprint = ?", (fingerprint,)
            ).fetchone()
        return int(row[0])

    def last_quarantine_id(self) -> int:
        """The newest quarantine row id (0 when empty); marks where a retry starts."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM quarantine").fetchone()[0])

    def rehome_quarantine(self, since_id: int, temp_location: str, original: str | None) -> int:
        """Point rows a retry added from a temporary copy back at the original input.

        A retry re-reads kept bytes from a temp file, so its rejections carry the temp path.
        Each such row (id > ``since_id``) gets the original provenance; when that makes it the
        same rejection as an existing row, the two fold into the older one. Returns the number
        of rows folded away.
        """
        folded = 0
        with self.transaction():
            rows = self.db.execute(
                "SELECT id, stage, reason, url, detail, data, provenance FROM quarantine"
                " WHERE id > ? ORDER BY id",
                (since_id,),
            ).fetchall()
            for row in rows:
                if temp_location not in (row["provenance"] or ""):
                    continue
                fingerprint = _fingerprint(
                    row["stage"], row["reason"], row["url"], original, bytes(row["data"])
                )
                same = self.db.execute(
                    "SELECT id FROM quarantine WHERE fingerprint = ? AND id != ?",
                    (fingerprint, row["id"]),
                ).fetchone()
                if same is not None:
                    self.db.execute(
                        "UPDATE quarantine SET detail = ?, resolved = 0 WHERE id = ?",
                        (row["detail"], same[0]),
                    )
                    self.db.execute("DELETE FROM quarantine WHERE id = ?", (row["id"],))
                    folded += 1
                else:
                    self.db.execute(
                        "UPDATE quarantine SET provenance = ?, fingerprint = ? WHERE id = ?",
                        (original, fingerprint, row["id"]),
                    )
        return folded

    def list_quarantine(
        self, *, reason: str | None = None, include_resolved: bool = False
    ) -> list[QuarantineItem]:
        sql = "SELECT * FROM quarantine WHERE 1=1"
        args: list[object] = []
        if reason:
            sql += " AND reason = ?"
            args.append(reason)
        if not include_resolved:
            sql += " AND resolved = 0"
        sql += " ORDER BY id"
        return [_quarantine_from_row(r) for r in self.db.execute(sql, args)]

    def count_quarantine(self, *, include_resolved: bool = False) -> int:
        sql = "SELECT count(*) FROM quarantine"
        if not include_resolved:
            sql += " WHERE resolved = 0"
        return int(self.db.execute(sql).fetchone()[0])

    def get_quarantine(self, item_id: int) -> QuarantineItem:
        row = self.db.execute("SELECT * FROM quarantine WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(f"no quarantine item {item_id}")
        return _quarantine_from_row(row)

    def mark_retried(self, item_id: int, *, resolved: bool) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE quarantine SET retried_at = ?, resolved = ? WHERE id = ?",
                (_now(), int(resolved), item_id),
            )

    # -- HTTP validators (conditional GET) --------------------------------------------------
    # The fetcher records validators as soon as a page arrives, before the page is stored. They
    # are held back and written with the batch that stores the page, so a crash in between can
    # never leave a validator whose page is missing (the next fetch would get a 304 for it).
    def get(self, url: str) -> tuple[str | None, str | None] | None:
        if url in self._pending_validators:
            return self._pending_validators[url]
        row = self.db.execute(
            "SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._pending_validators[url] = (etag, last_modified)

    def flush_validators(self) -> None:
        """Write held-back validators; call inside the transaction that stores their pages."""
        for url, (etag, last_modified) in self._pending_validators.items():
            self.db.execute(
                "INSERT INTO http_validators(url, etag, last_modified, checked_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag,"
                " last_modified=excluded.last_modified, checked_at=excluded.checked_at",
                (url, etag, last_modified, _now()),
            )
        self._pending_validators.clear()

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, command: str, config_json: str, versions: dict[str, str]) -> int:
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO runs(command, started_at, config, versions) VALUES (?, ?, ?, ?)",
                (command, _now(), config_json, dumps(versions)),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, stats: dict[str, object]) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, stats = ? WHERE run_id = ?",
                (_now(), dumps(stats), run_id),
            )


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _raw_from_row(row: sqlite3.Row) -> RawDocument:
    provenance = provenance_from_json(row["provenance"])
    assert provenance is not None
    fetched = dt_from_text(row["fetched_at"])
    assert fetched is not None
    return RawDocument(
        doc_id=row["doc_id"],
        url=row["url"],
        sha256=row["sha256"],
        data=bytes(row["data"]),
        media_type=MediaType(row["media_type"]),
        provenance=provenance,
        fetched_at=fetched,
        hints=hints_from_json(row["hints"]),
    )


def _fingerprint(
    stage: str, reason: str, url: str | None, provenance: str | None, data: bytes
) -> str:
    """Identity of a rejection: the same input failing the same way is stored once."""
    parts = [stage, reason, url or "", provenance or ""]
    joined = b"\x00".join([*(p.encode() for p in parts), hashlib.sha256(data).digest()])
    return hashlib.sha256(joined).hexdigest()


def _quarantine_from_row(row: sqlite3.Row) -> QuarantineItem:
    return QuarantineItem(
        id=int(row["id"]),
        doc_id=row["doc_id"],
        url=row["url"],
        stage=row["stage"],
        reason=row["reason"],
        detail=row["detail"],
        data=bytes(row["data"]),
        provenance=row["provenance"],
        created_at=row["created_at"],
        retried_at=row["retried_at"],
        resolved=bool(row["resolved"]),
    )
