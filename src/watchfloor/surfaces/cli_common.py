"""Shared pieces of the CLI commands: the context object, JSON output, progress bars."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from watchfloor.config import Config, load_config
from watchfloor.store.sqlite import SqliteStore


@dataclass
class Context:
    db_path: Path
    config_path: str | None
    overrides: tuple[str, ...]
    _config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path, self.overrides)
        return self._config

    def store(self, *, create: bool = False) -> SqliteStore:
        return SqliteStore(self.db_path, create=create)


pass_ctx = click.make_pass_decorator(Context)


def emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@contextmanager
def progress_bar(label: str, enabled: bool) -> Iterator[Callable[[int, int | None], None]]:
    """A progress bar on stderr when there is enough work to watch; silent otherwise."""
    if not enabled or not sys.stderr.isatty():

        def quiet(done: int, total: int | None) -> None:
            return None

        yield quiet
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update
