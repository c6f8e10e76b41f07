"""Statistical NER backends, one per language, behind one small interface.

The entity stage runs registry matching on everything and asks a backend only where it adds
something (the cascade in issue 3). Backends load their model once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Protocol


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A named-entity span found by a statistical model; offsets index the given text."""

    start: int
    end: int
    text: str
    label: str  # normalised: "PER" | "ORG" | "LOC" (countries, cities, regions: LOC)
    score: float = 1.0


class NerBackend(Protocol):
    lang: str
    name: str  # "ner.ja.ginza.v1"

    def spans(self, text: str) -> list[NerSpan]: ...

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]: ...


def _ja() -> NerBackend:
    from watchfloor.entities.ner_ja import load_ja

    return load_ja()


def _ko() -> NerBackend:
    from watchfloor.entities.ner_ko import load_ko

    return load_ko()


def _en() -> NerBackend:
    from watchfloor.entities.ner_en import SpacyEnBackend

    return SpacyEnBackend()


def _ru() -> NerBackend:
    from watchfloor.entities.ner_ru import NatashaBackend

    return NatashaBackend()


# zh has no usable offline NER model: mention detection there is registry-led.
_FACTORIES: dict[str, Callable[[], NerBackend]] = {"ja": _ja, "ko": _ko, "en": _en, "ru": _ru}


def get_backend(lang: str) -> NerBackend | None:
    """The NER backend for a language, or None where none is available (zh is registry-led).

    The backend is built on first use and cached for the life of the process.
    """
    return _cached_backend(lang.lower().split("-")[0])


@cache
def _cached_backend(lang: str) -> NerBackend | None:
    factory = _FACTORIES.get(lang)
    return factory() if factory is not None else None
