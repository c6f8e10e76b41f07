"""In-document coreference of short forms, resolved after every full name has been found.

- a surname alone or with a title ("Kim", 金氏, 김 위원장, Mr. Kim) links to the registry person
  with that surname most recently introduced by full name; failing that, to the one person whose
  current role carries that title (金委員長 -> Kim Jong Un), or to the only registry person with a
  distinctive surname (Putin);
- short forms ("the North", 朝鮮) link only when their actor is named elsewhere in the document;
- role phrases ("the Russian president", 러시아 대통령) resolve to who held the role on the
  article's date (``Registry.holders``); with no date, to the current holders.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from watchfloor.entities.matcher import ROLE, SHORT, SURNAME, SURNAME_TITLE, Match
from watchfloor.entities.registry import Actor, Registry

# Surnames shared by many people: never resolved without an introduction or a matching title.
_SHARED_SURNAME_COUNTRIES = frozenset({"PRK", "KOR", "CHN"})


@dataclass(frozen=True, slots=True)
class Position:
    """Document order of a span: section index, then character offset (-1: the title)."""

    section: int
    start: int


@dataclass(frozen=True, slots=True)
class Resolved:
    """A short form resolved to an actor, with the method and a confidence."""

    actor: Actor
    method: str
    confidence: float


class Introductions:
    """Where each registry actor is named in full in a document, in document order."""

    def __init__(self) -> None:
        self._by_actor: dict[str, list[tuple[int, int]]] = {}

    def add(self, actor_id: str, pos: Position) -> None:
        self._by_actor.setdefault(actor_id, []).append((pos.section, pos.start))

    def finish(self) -> None:
        for positions in self._by_actor.values():
            positions.sort()

    def mentioned(self, actor_id: str) -> bool:
        return actor_id in self._by_actor

    def last_before(self, actor_id: str, pos: Position) -> tuple[int, int] | None:
        positions = self._by_actor.get(actor_id)
        if not positions:
            return None
        k = bisect_right(positions, (pos.section, pos.start))
        return positions[k - 1] if k else None

    def first(self, actor_id: str) -> tuple[int, int] | None:
        positions = self._by_actor.get(actor_id)
        return positions[0] if positions else None


def _distinctive(surname: str, candidates: Sequence[Actor]) -> bool:
    """A surname that names one registry person and is not a common East Asian family name."""
    if len(candidates) != 1:
        return False
    actor = candidates[0]
    if actor.country in _SHARED_SURNAME_COUNTRIES:
        return False
    alphabetic = all(ord(ch) < 0x0530 for ch in surname)  # Latin or Cyrillic
    return len(surname) >= (4 if alphabetic else 2)


class Coreference:
    """Resolves the short forms of one document against its introductions."""

    def __init__(
        self, registry: Registry, lang: str, on: date | None, intro: Introductions
    ) -> None:
        self.registry = registry
        self.lang = lang
        self.on = on
        self.intro = intro

    def resolve(self, match: Match, pos: Position) -> Resolved | None:
        """The actor a short-form match refers to, or None when the document does not say."""
        kind = match.target.kind
        if kind == ROLE:
            return self._role(match.target.ref)
        if kind == SHORT:
            actor = self.registry.get(match.target.ref)
            if actor is not None and self.intro.mentioned(actor.id):
                return Resolved(actor, "coref", 0.8)
            return None
        if kind in (SURNAME, SURNAME_TITLE):
            lang = match.target.lang or self.lang
            return self._surname(
                match.target.ref, match.target.title, pos, kind == SURNAME_TITLE, lang
            )
        return None

    def _role(self, role_id: str) -> Resolved | None:
        # a holder the text names wins (the article may be older or newer than its date says)
        ever = self.registry.holders_ever(role_id)
        named = [a for a in ever if self.intro.mentioned(a.id)]
        holders = self.registry.holders(role_id, self.on)
        named_now = [a for a in named if a in holders]
        if len(named_now) == 1:
            return Resolved(named_now[0], "coref", 0.85)
        if self.on is None:
            # no date: only a role with one registered holder ever is safe (Putin, Kim Jong Un)
            if len(named) == 1:
                return Resolved(named[0], "coref", 0.75)
            if len(ever) == 1 and holders:
                return Resolved(ever[0], "coref", 0.7)
            return None
        if len(holders) == 1:
            return Resolved(holders[0], "coref", 0.8)
        return None

    def _surname(
        self, surname: str, title: str, pos: Position, titled: bool, lang: str
    ) -> Resolved | None:
        candidates = self.registry.with_surname(lang, surname)
        if not candidates:
            return None
        # 1. the most recent full-name introduction before this position
        best: tuple[tuple[int, int], Actor] | None = None
        for actor in candidates:
            last = self.intro.last_before(actor.id, pos)
            if last is not None and (best is None or last > best[0]):
                best = (last, actor)
        if best is not None:
            return Resolved(best[1], "coref", 0.85)
        # 2. an introduction later in the document (headlines use the short form first)
        later = [(self.intro.first(a.id), a) for a in candidates if self.intro.mentioned(a.id)]
        if later:
            later.sort(key=lambda pair: pair[0] or (0, 0))
            return Resolved(later[0][1], "coref", 0.75)
        # 3. the title fits the current role of exactly one candidate (金委員長, 김 위원장)
        if titled and title:
            fitting = [
                a for a in candidates if title in self.registry.role_titles(a, lang, self.on)
            ]
            if len(fitting) == 1:
                return Resolved(fitting[0], "coref", 0.7)
        # 4. a distinctive surname names its one registry person (Putin, Shoigu)
        if _distinctive(surname, candidates):
            return Resolved(candidates[0], "coref", 0.7)
        return None
