"""Stages and the runner that owns iteration.

A stage handles one item and returns its output or a ``Rejected``. It never loops over the
corpus: the runner does, and catches unexpected exceptions per item (``stage_error``), so a bad
document is quarantined instead of ending the run. Tests run with ``raise_errors=True``.
"""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Generic, Protocol, TypeVar

from watchfloor.records import Reason, Rejected

In = TypeVar("In")
Out = TypeVar("Out")
In_contra = TypeVar("In_contra", contravariant=True)
Out_co = TypeVar("Out_co", covariant=True)


class Stage(Protocol[In_contra, Out_co]):
    name: ClassVar[str]  # dotted and versioned: "extract.article.v1"
    requires: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def process(self, item: In_contra) -> Out_co | Rejected: ...


class WiringError(Exception):
    """A stage requires something no upstream stage provides."""


def check_wiring(stages: Sequence[Stage[object, object]], given: Iterable[str] = ()) -> None:
    """Fail before a run starts if a stage's ``requires`` is not provided upstream."""
    available = set(given)
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise WiringError(f"stage {stage.name} requires {sorted(missing)}, not provided")
        available |= stage.provides


def doc_id_of(item: object) -> str | None:
    value = getattr(item, "doc_id", None)
    return value if isinstance(value, str) else None


@dataclass
class RunStats:
    """Counts a run keeps: items in, out, and rejections by stage and reason."""

    seen: int = 0
    ok: int = 0
    rejected: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add_rejection(self, rejection: Rejected) -> None:
        self.rejected[(rejection.stage, str(rejection.reason))] += 1

    @property
    def failed(self) -> int:
        return sum(self.rejected.values())


@dataclass
class Runner(Generic[In, Out]):
    """Applies one stage to many items, turning unexpected exceptions into ``stage_error``."""

    stage: Stage[In, Out]
    raise_errors: bool = False
    on_rejected: Callable[[Rejected], None] | None = None
    stats: RunStats = field(default_factory=RunStats)
    source_bytes: Callable[[In], bytes] | None = None

    def apply(self, item: In) -> Out | Rejected:
        self.stats.seen += 1
        try:
            result = self.stage.process(item)
        except Exception as exc:
            if self.raise_errors:
                raise
            data = b""
            if self.source_bytes is not None:
                try:
                    data = self.source_bytes(item)
                except Exception:  # the rejection must still be recorded
                    data = b""
            result = Rejected(
                doc_id=doc_id_of(item),
                stage=self.stage.name,
                reason=Reason.STAGE_ERROR,
                detail=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}",
                data=data,
                url=getattr(item, "url", None),
            )
        if isinstance(result, Rejected):
            self.stats.add_rejection(result)
            if self.on_rejected is not None:
                self.on_rejected(result)
        else:
            self.stats.ok += 1
        return result

    def map(self, items: Iterable[In]) -> Iterator[Out]:
        """Yield the outputs of the items that were not rejected."""
        for item in items:
            result = self.apply(item)
            if not isinstance(result, Rejected):
                yield result
