"""The repository interface every store backend implements (SQLite now, PostgreSQL later)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from watchfloor.records import Article, RawDocument, Rejected


class PutResult(StrEnum):
    NEW = "new"  # a document not seen before
    UPDATED = "updated"  # same url, different bytes: a new version
    UNCHANGED = "unchanged"  # identical bytes re-ingested: nothing to do


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    id: int
    doc_id: str | None
    url: str | None
    stage: str
    reason: str
    detail: str
    data: bytes
    provenance: str | None
    created_at: str
    retried_at: str | None
    resolved: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    section: int
    lang: str
    title: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    doc_id: str
    url: str
    site: str | None
    title: str | None
    published: str | None
    languages: tuple[str, ...]
    state: str


class Repository(Protocol):
    def transaction(self) -> AbstractContextManager[None]: ...

    def put_raw(self, raw: RawDocument) -> PutResult: ...

    def get_raw(self, doc_id: str) -> RawDocument: ...

    def raw_state(self, doc_id: str) -> str | None: ...

    def iter_raw(self, *, state: str | None = None) -> Iterator[RawDocument]: ...

    def put_article(self, article: Article, pipeline_version: str) -> None: ...

    def get_article(self, doc_id: str) -> Article: ...

    def iter_articles(self) -> Iterator[Article]: ...

    def list_documents(
        self, *, limit: int = 50, offset: int = 0, lang: str | None = None
    ) -> list[DocumentSummary]: ...

    def count_documents(self) -> int: ...

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]: ...

    def quarantine(self, rejected: Rejected) -> int: ...

    def list_quarantine(
        self, *, reason: str | None = None, include_resolved: bool = False
    ) -> list[QuarantineItem]: ...

    def get_quarantine(self, item_id: int) -> QuarantineItem: ...

    def mark_retried(self, item_id: int, *, resolved: bool) -> None: ...

    def close(self) -> None: ...
