"""Boilerplate lexicons (data files per language) and the line normal forms they are matched in.

The lexicons live in ``watchfloor/data/lexicons/boilerplate/*.toml``; users may add files with the
same layout (``extract.boilerplate_lexicons``). Each TOML table names a removal reason.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicons"
BOILERPLATE_DIR = LEXICON_DIR / "boilerplate"

# Characters stripped from both ends of a line before an exact lexicon comparison: bullets,
# brackets, arrows and punctuation that pages wrap around their furniture ("+ Add yours", "[댓글]").
_OUTER = (
    " \t\u3000-–—+*•·・|>»«<▶▷►▲△▼▽■□◆◇●○◎※→←↑↓#:：;；,，.。!！?？()（）[]【】〔〕「」『』\"'“”‘’"
)
_SPACES = re.compile(r"\s+")


def fold(line: str) -> str:
    """NFKC, case-folded, whitespace-collapsed form used for prefix/contains/pattern matching."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", line).casefold()).strip()


def key(line: str) -> str:
    """``fold`` without surrounding punctuation and bullets: the form exact phrases compare in."""
    return fold(line).strip(_OUTER).strip()


@dataclass(frozen=True, slots=True)
class LineRules:
    """The phrases of one removal reason, already in their matching normal forms."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    contains: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    raw_contains: tuple[str, ...] = ()  # symbols NFKC would fold to letters (ⓒ -> c)

    def match_kind(self, folded: str, keyed: str, raw: str = "") -> str | None:
        """How the line matches: "exact", "prefix", "contains", "pattern", or None."""
        if keyed in self.exact:
            return "exact"
        if any(folded.startswith(p) or keyed.startswith(p) for p in self.prefixes):
            return "prefix"
        if any(c in folded for c in self.contains) or any(c in raw for c in self.raw_contains):
            return "contains"
        if any(p.search(folded) for p in self.patterns):
            return "pattern"
        return None


@dataclass(frozen=True, slots=True)
class BoilerplateLexicon:
    """All languages' boilerplate phrases merged by reason, plus author-bio words."""

    rules: tuple[tuple[str, LineRules], ...]
    bio_words: frozenset[str]

    def reason_for(self, line: str) -> tuple[str, str] | None:
        """The first (reason, match kind) whose phrases match ``line``, else None."""
        folded, keyed = fold(line), key(line)
        if not keyed:
            return None
        for reason, rules in self.rules:
            kind = rules.match_kind(folded, keyed, line)
            if kind is not None:
                return reason, kind
        return None


def _load_toml(path: Path) -> dict[str, object]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _strings(table: dict[str, object], name: str) -> list[str]:
    value = table.get(name, [])
    return [str(v) for v in value] if isinstance(value, list) else []


@lru_cache(maxsize=8)
def load_boilerplate(extra: tuple[Path, ...] = ()) -> BoilerplateLexicon:
    """Merge the shipped per-language lexicons with user files (same layout) into one lexicon."""
    merged: dict[str, dict[str, set[str]]] = {}
    bio: set[str] = set()
    for path in (*sorted(BOILERPLATE_DIR.glob("*.toml")), *extra):
        for reason, table in _load_toml(path).items():
            if not isinstance(table, dict):
                continue
            if reason == "bio":
                bio.update(fold(w) for w in _strings(table, "words"))
                continue
            slot = merged.setdefault(reason, {"exact": set(), "prefixes": set(), "contains": set()})
            slot.setdefault("patterns", set())
            slot.setdefault("raw_contains", set())
            slot["exact"].update(key(p) for p in _strings(table, "exact"))
            slot["prefixes"].update(fold(p) for p in _strings(table, "prefixes"))
            for phrase in _strings(table, "contains"):
                folded = fold(phrase)
                if len(folded) >= 2:
                    slot["contains"].add(folded)
                else:
                    slot["raw_contains"].add(phrase)
            slot["patterns"].update(_strings(table, "patterns"))
    # Reading-time and teaser rules are the most specific; list headings before plain navigation
    # so that a heading opens its list.
    order = ["reading_time", "teaser", "list_heading", "end_marker", "share", "navigation"]
    names = [n for n in order if n in merged] + sorted(n for n in merged if n not in order)
    rules = tuple(
        (
            name,
            LineRules(
                exact=frozenset(e for e in merged[name]["exact"] if e),
                prefixes=tuple(sorted(p for p in merged[name]["prefixes"] if p)),
                contains=tuple(sorted(c for c in merged[name]["contains"] if c)),
                patterns=tuple(re.compile(p) for p in sorted(merged[name]["patterns"])),
                raw_contains=tuple(sorted(merged[name]["raw_contains"])),
            ),
        )
        for name in names
    )
    return BoilerplateLexicon(rules=rules, bio_words=frozenset(w for w in bio if w))


def load_data(name: str) -> dict[str, object]:
    """A shipped lexicon data file (``wires``, ``dates``, ``han_variants``, ``abbreviations``)."""
    return _cached_data(name)


@lru_cache(maxsize=16)
def _cached_data(name: str) -> dict[str, object]:
    return _load_toml(LEXICON_DIR / f"{name}.toml")


def user_lexicons(paths: Sequence[str | Path]) -> tuple[Path, ...]:
    """Normalise configured extra lexicon paths for ``load_boilerplate`` (hashable, absolute)."""
    return tuple(Path(p).expanduser().resolve() for p in paths)
