"""Storage: the repository interface and its SQLite backend."""

from watchfloor.store.base import PutResult, Repository
from watchfloor.store.sqlite import SqliteStore

__all__ = ["PutResult", "Repository", "SqliteStore"]
