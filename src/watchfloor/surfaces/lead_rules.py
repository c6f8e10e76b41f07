"""Sanctions rules as data: provisions mapped to event patterns, and how near a trigger an object
word must be. Parsed and validated here; matched against events in ``surfaces/leads.py``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from watchfloor.errors import ConfigError

CATEGORIES = (
    "arms_embargo",
    "luxury_goods",
    "refined_petroleum",
    "crude_oil",
    "overseas_labour",
    "scientific_cooperation",
    "ship_to_ship",
    "financial",
    "other",
)
DIRECTIONS = ("from", "to", "involved", "any")
UNKNOWN_RELIABILITY = 0.5
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"^[\x00-\x7f\u00c0-\u024f]+$")


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex over keywords of any language.

    Latin-script keywords match whole words with an optional plural; Cyrillic ones are stems
    matched at a word start (Russian inflects: снаряд -> снарядов); CJK ones match as substrings
    because those languages do not separate words with spaces.
    """
    parts: list[str] = []
    for kw in sorted({k.strip() for k in keywords if k.strip()}, key=lambda k: (-len(k), k)):
        body = r"\s+".join(re.escape(word) for word in kw.split())
        if _CYRILLIC.search(kw):
            parts.append(rf"(?<!\w){body}")
        elif _LATIN.match(kw):
            parts.append(rf"(?<!\w){body}(?:s|es)?(?!\w)")
        else:
            parts.append(body)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


@dataclass(frozen=True, slots=True)
class SanctionRule:
    """One provision and the event pattern that may engage it."""

    key: str
    category: str
    provision: str
    related: tuple[str, ...]
    label: str
    types: frozenset[str]  # empty: any type
    direction: str  # from | to | involved | any
    modes: tuple[str, ...]  # lower-cased substrings of an event or claim mode
    keywords: re.Pattern[str] | None  # the sanctioned objects, all languages
    exclude: re.Pattern[str] | None  # words that veto a keyword hit near the same trigger


@dataclass(frozen=True, slots=True)
class Proximity:
    """How near a claim's trigger an object word must be: characters on each side, per script
    (a Korean word is shorter than an English one, a Chinese one shorter still), within a clause."""

    spaced: int  # en, ru
    hangul: int  # ko
    cjk: int  # ja, zh
    clause_break: re.Pattern[str] | None


DEFAULT_PROXIMITY = Proximity(60, 24, 18, re.compile(r"[;；。!?！？]"))


@dataclass(frozen=True, slots=True)
class SanctionRules:
    version: str
    regime: str
    target_names: frozenset[str]  # lower-cased canonical names of the target state
    target_codes: frozenset[str]  # ISO alpha-3
    target_mentions: re.Pattern[str] | None
    rules: tuple[SanctionRule, ...]
    # modes whose actor is the receiving side (an import, a purchase): "to" looks at actors
    receiving_modes: tuple[str, ...] = ()
    proximity: Proximity = DEFAULT_PROXIMITY


def _words(table: Any, where: str) -> list[str]:
    if table is None:
        return []
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table of language -> list of words")
    out: list[str] = []
    for lang, words in table.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ConfigError(f"{where}.{lang} must be a list of strings")
        out += words
    return out


def _proximity(raw: Any, where: str) -> Proximity:
    if raw is None:
        return DEFAULT_PROXIMITY
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}.proximity must be a table")
    try:
        spaced, hangul, cjk = (int(raw.get(k, d)) for k, d in (
            ("spaced", DEFAULT_PROXIMITY.spaced), ("hangul", DEFAULT_PROXIMITY.hangul),
            ("cjk", DEFAULT_PROXIMITY.cjk)))  # fmt: skip
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}.proximity: window sizes must be integers") from exc
    breaks = [str(b) for b in raw.get("clause_breaks", [])]
    try:
        pattern = re.compile("|".join(breaks), re.IGNORECASE) if breaks else None
    except re.error as exc:
        raise ConfigError(f"{where}.proximity.clause_breaks: {exc}") from exc
    return Proximity(spaced, hangul, cjk, pattern or DEFAULT_PROXIMITY.clause_break)


def parse_rules(data: Mapping[str, Any], where: str = "rules") -> SanctionRules:
    """Validate a parsed rules document; errors name the rule and the field."""
    rules: list[SanctionRule] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("rule", [])):
        at = f"{where}: rule {i + 1}"
        try:
            key, category, provision = str(raw["key"]), str(raw["category"]), str(raw["provision"])
        except KeyError as exc:
            raise ConfigError(f"{at} lacks '{exc.args[0]}'") from exc
        at = f"{where}: rule '{key}'"
        if key in seen:
            raise ConfigError(f"{at} is defined twice")
        seen.add(key)
        if category not in CATEGORIES:
            raise ConfigError(f"{at}: category '{category}' is not one of {', '.join(CATEGORIES)}")
        direction = str(raw.get("direction", "involved"))
        if direction not in DIRECTIONS:
            raise ConfigError(
                f"{at}: direction '{direction}' is not one of {', '.join(DIRECTIONS)}"
            )
        modes = tuple(str(m).lower() for m in raw.get("modes", []))
        keywords = keyword_pattern(_words(raw.get("keywords"), f"{at}.keywords"))
        if not modes and keywords is None:
            raise ConfigError(f"{at} needs modes or keywords")
        rules.append(
            SanctionRule(
                key=key,
                category=category,
                provision=provision,
                related=tuple(str(r) for r in raw.get("related", [])),
                label=str(raw.get("label", "")),
                types=frozenset(str(t).upper() for t in raw.get("types", [])),
                direction=direction,
                modes=modes,
                keywords=keywords,
                exclude=keyword_pattern(_words(raw.get("exclude"), f"{at}.exclude")),
            )
        )
    return SanctionRules(
        version=str(data.get("version", "")),
        regime=str(data.get("regime", "")),
        target_names=frozenset(str(n).lower() for n in data.get("target_names", [])),
        target_codes=frozenset(str(c).upper() for c in data.get("target_codes", [])),
        target_mentions=keyword_pattern(_words(data.get("target_mentions"), f"{where}.mentions")),
        rules=tuple(rules),
        receiving_modes=tuple(str(m).lower() for m in data.get("receiving_modes", [])),
        proximity=_proximity(data.get("proximity"), where),
    )


def default_rules_path() -> Path:
    return Path(str(resources.files("watchfloor") / "data" / "sanctions" / "unscr_dprk.toml"))


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> SanctionRules:
    """Load a rules file (the shipped UNSC DPRK regime by default), once per process."""
    p = Path(path) if path else default_rules_path()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"sanctions rules file not found: {p}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: invalid TOML: {exc}") from exc
    return parse_rules(data, str(p))
