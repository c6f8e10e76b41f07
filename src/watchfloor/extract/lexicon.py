"""Boilerplate lexicons (data files per language) and the line normal forms they are matched in.

The lexicons live in ``watchfloor/data/lexicons/boilerplate/*.toml``; users may add files with the
same layout (``extract.boilerplate_lexicons``). Each TOML table names a removal reason.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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


_Trie = dict[str, "_Trie"]


def trie_regex(words: Iterable[str], word_chars: str | None = None) -> str:
    """One regex matching any of ``words`` literally, longest first, factored into a trie.

    ``re`` tries a flat alternation's branches one by one at every position; a trie whose
    branches start with distinct literals lets it skip non-starting positions and branches at
    once (about 20x faster for a hundred words). With ``word_chars`` (a character-class body),
    a word starting or ending with such a character must not touch another one there ("AP"
    does not match in "APEC"), as with ``(?<![cls])word(?![cls])`` around each word.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        if word:
            node[""] = {}  # a word ends here
    guard = re.compile(f"[{word_chars}]") if word_chars else None
    return _trie_branches(trie, guard, word_chars or "", last="")


def _trie_branches(node: _Trie, guard: re.Pattern[str] | None, cls: str, last: str) -> str:
    """The regex for the words below ``node``; ``last`` is the character that led here."""
    branches = []
    for ch, child in node.items():
        if not ch:
            continue
        head = re.escape(ch)
        if not last and guard is not None and guard.match(ch):
            # The boundary is checked after the first literal, so that ``re`` can still skip
            # positions by their first character: no word character before this one.
            head += rf"(?<![{cls}][\s\S])"
        branches.append(head + _trie_branches(child, guard, cls, ch))
    if "" in node:
        # Longer words are tried first; ending here is the last alternative.
        boundary = guard is not None and guard.match(last) is not None
        branches.append(rf"(?![{cls}])" if boundary else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def fold(line: str) -> str:
    """NFKC, case-folded, whitespace-collapsed form used for prefix/contains/pattern matching."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", line).casefold()).strip()


def key(line: str) -> str:
    """``fold`` without surrounding punctuation and bullets: the form exact phrases compare in."""
    return fold(line).strip(_OUTER).strip()


_NEVER = re.compile(r"(?!)")


def _any_of(words: Sequence[str]) -> re.Pattern[str]:
    """A pattern matching any of ``words`` literally (never matching when there are none)."""
    return re.compile(trie_regex(words)) if words else _NEVER


# A backreference, a named-group reference or inline flags: such patterns are searched alone.
_UNJOINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]")


def _joined(patterns: Sequence[re.Pattern[str]]) -> tuple[re.Pattern[str], ...]:
    """The patterns as one alternation (one search per line), those that cannot be joined apart."""
    alone = [p for p in patterns if p.flags & ~re.UNICODE or _UNJOINABLE.search(p.pattern)]
    rest = [p for p in patterns if p not in alone]
    if len(rest) < 2:
        return tuple(patterns)
    try:
        joined = re.compile("|".join(f"(?:{p.pattern})" for p in rest))
    except re.error:  # e.g. the same group name in two patterns
        return tuple(patterns)
    return (joined, *alone)


@dataclass(frozen=True, slots=True)
class LineRules:
    """The phrases of one removal reason, already in their matching normal forms."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    contains: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    raw_contains: tuple[str, ...] = ()  # symbols NFKC would fold to letters (ⓒ -> c)
    # The phrase lists compiled into one trie pattern each (one scan per line, not one per phrase).
    _prefix: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _contains: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _raw_contains: re.Pattern[str] = field(init=False, repr=False, compare=False)

    _patterns: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_prefix", _any_of(self.prefixes))
        object.__setattr__(self, "_contains", _any_of(self.contains))
        object.__setattr__(self, "_raw_contains", _any_of(self.raw_contains))
        object.__setattr__(self, "_patterns", _joined(self.patterns))

    def match_kind(self, folded: str, keyed: str, raw: str = "") -> str | None:
        """How the line matches: "exact", "prefix", "contains", "pattern", or None."""
        if keyed in self.exact:
            return "exact"
        if self._prefix.match(folded) or self._prefix.match(keyed):
            return "prefix"
        if self._contains.search(folded) or self._raw_contains.search(raw):
            return "contains"
        if any(p.search(folded) for p in self._patterns):
            return "pattern"
        return None

    def union(self, other: LineRules) -> LineRules:
        """Rules matching a line when either of the two does."""
        return LineRules(
            exact=self.exact | other.exact,
            prefixes=tuple(sorted({*self.prefixes, *other.prefixes})),
            contains=tuple(sorted({*self.contains, *other.contains})),
            patterns=(*self.patterns, *other.patterns),
            raw_contains=tuple(sorted({*self.raw_contains, *other.raw_contains})),
        )


@dataclass(frozen=True, slots=True)
class BoilerplateLexicon:
    """All languages' boilerplate phrases merged by reason, plus author-bio words."""

    rules: tuple[tuple[str, LineRules], ...]
    bio_words: frozenset[str]
    # All reasons' rules in one: most lines match none, and one check tells so.
    _any: LineRules = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        merged = LineRules(frozenset(), (), (), ())
        for _, rules in self.rules:
            merged = merged.union(rules)
        object.__setattr__(self, "_any", merged)

    def reason_for(self, line: str) -> tuple[str, str] | None:
        """The first (reason, match kind) whose phrases match ``line``, else None."""
        folded = fold(line)
        keyed = folded.strip(_OUTER).strip()  # key(line), without folding twice
        if not keyed or self._any.match_kind(folded, keyed, line) is None:
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
