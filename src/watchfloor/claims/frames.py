"""Trigger detection: which event frames a sentence states, from the language's trigger lexicon.

Overlapping hits keep the stronger, then longer one (首脳会談 wins over the 会談 inside it); a
sentence keeps at most one hit per PLOVER type, the strongest.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.claims.lexicon import FrameSpec, Lexicon


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in a sentence; offsets are relative to the sentence."""

    spec: FrameSpec
    start: int
    end: int
    passive: bool

    @property
    def type(self) -> str:
        return self.spec.type

    @property
    def text_span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _overlaps(a: Trigger, b: Trigger) -> bool:
    return a.start < b.end and b.start < a.end


def find_triggers(text: str, lexicon: Lexicon) -> list[Trigger]:
    """All non-overlapping trigger hits of a sentence, in text order."""
    hits: list[Trigger] = []
    for spec in lexicon.frames:
        for m in spec.regex.finditer(text):
            if m.end() <= m.start():
                continue
            passive = False
            if spec.passive is not None:
                for p in spec.passive.finditer(text):
                    if p.start() <= m.start() < p.end() or m.start() <= p.start() < m.end():
                        passive = True
                        break
            hits.append(Trigger(spec, m.start(), m.end(), passive))
    hits.sort(key=lambda t: (-t.spec.strength, -(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for hit in hits:
        if not any(_overlaps(hit, k) for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda t: t.start)


def best_per_type(triggers: list[Trigger]) -> list[Trigger]:
    """One trigger per type: the strongest (earliest on ties), returned in text order."""
    best: dict[str, Trigger] = {}
    for t in triggers:
        current = best.get(t.type)
        if current is None or t.spec.strength > current.spec.strength:
            best[t.type] = t
    return sorted(best.values(), key=lambda t: t.start)
