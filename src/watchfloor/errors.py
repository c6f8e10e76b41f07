"""Library exceptions, named by noun. The CLI turns them into one readable line."""

from __future__ import annotations


class WatchfloorError(Exception):
    """Base of every error watchfloor raises on purpose."""

    exit_code = 1


class ConfigError(WatchfloorError):
    """A configuration file or override is invalid."""

    exit_code = 2


class InputError(WatchfloorError):
    """An input path or URL cannot be read at all."""

    exit_code = 2


class MissingDependency(WatchfloorError):
    """An optional heavy dependency a stage needs is not installed."""

    exit_code = 3

    def __init__(self, package: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{package}' package; install it with: pip install '{package}'"
        )


class StoreError(WatchfloorError):
    """The store is missing, corrupt or at a newer schema than this version knows."""


class NotFound(WatchfloorError):
    """A document, entity, claim, event or quarantine item does not exist."""

    exit_code = 4


class FetchRefused(WatchfloorError):
    """The fetcher refused a URL (private address, bad scheme) before connecting."""
