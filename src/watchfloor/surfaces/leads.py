"""Sanctions leads: events that may engage a provision of a sanctions regime, for analyst review.

The regime is data (``data/sanctions/unscr_dprk.toml``): each rule maps a provision to an event
pattern (types, where the target state must appear, modes and per-language keywords over the
claims' evidence). A lead is never a finding; its summary always says "Lead for review".

Reliability of a lead: each document counts with its assessed reliability (0.5 when it was not
assessed); a copy group (origin) counts once, with its best document; independent origins (not
machine-translated, not content farms) combine by noisy-or, 1 - prod(1 - r). When only excluded
origins report it, the lead gets half of their best reliability.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from watchfloor.config import Config
from watchfloor.errors import ConfigError
from watchfloor.records import Claim, Event, Lead
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.corpus_view import DocInfo, load_docs
from watchfloor.surfaces.countries import CountryResolver, load_country_resolver
from watchfloor.surfaces.wording import (
    action,
    format_date,
    join_names,
    participants,
    plural,
    strongest_status,
)

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
    keywords: re.Pattern[str] | None
    exclude: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class SanctionRules:
    version: str
    regime: str
    target_names: frozenset[str]  # lower-cased canonical names of the target state
    target_codes: frozenset[str]  # ISO alpha-3
    target_mentions: re.Pattern[str] | None
    rules: tuple[SanctionRule, ...]


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


# -- matching ------------------------------------------------------------------------------------

IsTarget = Callable[[str], bool]


def target_predicate(rules: SanctionRules, resolver: CountryResolver | None) -> IsTarget:
    """Is this canonical name the target state, or a person/organisation of it?"""

    def is_target(name: str) -> bool:
        if name.strip().lower() in rules.target_names:
            return True
        if resolver is None:
            return False
        return resolver.code(name) in rules.target_codes

    return is_target


def _texts(event: Event, claims: list[Claim]) -> list[str]:
    texts = [event.mode or ""]
    for c in claims:
        texts += [c.evidence, c.mode or "", c.object or ""]
    return [t for t in texts if t]


def _direction_ok(
    rule: SanctionRule,
    event: Event,
    claims: list[Claim],
    rules: SanctionRules,
    is_target: IsTarget,
) -> bool:
    if rule.direction == "any":
        return True
    if rule.direction == "from":
        return any(is_target(n) for n in event.actors)
    if rule.direction == "to":
        return any(is_target(n) for n in event.recipients)
    names = [*event.actors, *event.recipients]
    for c in claims:
        names += [*c.actors, *c.recipients]
    if any(is_target(n) for n in names):
        return True
    pattern = rules.target_mentions
    return pattern is not None and any(pattern.search(c.evidence) for c in claims)


def rule_matches(
    rule: SanctionRule,
    event: Event,
    claims: list[Claim],
    rules: SanctionRules,
    is_target: IsTarget,
) -> str | None:
    """The text that made the rule match (a mode or a keyword), or None."""
    if rule.types and event.type.upper() not in rule.types:
        return None
    if not _direction_ok(rule, event, claims, rules, is_target):
        return None
    modes = [m.lower() for m in [event.mode, *(c.mode for c in claims)] if m]
    for wanted in rule.modes:
        if any(wanted in m for m in modes):
            return wanted
    if rule.keywords is None:
        return None
    for text in _texts(event, claims):
        hit = rule.keywords.search(text)
        if hit and not (rule.exclude is not None and rule.exclude.search(text)):
            return hit.group(0)
    return None


def origin_reliability(doc_ids: Iterable[str], docs: Mapping[str, DocInfo]) -> tuple[float, int]:
    """Noisy-or reliability over independent origins, and how many independent origins."""
    best: dict[str, float] = {}
    excluded_best = 0.0
    for doc_id in dict.fromkeys(doc_ids):
        doc = docs.get(doc_id)
        r = UNKNOWN_RELIABILITY
        if doc is not None and doc.reliability is not None:
            r = min(max(doc.reliability, 0.0), 1.0)
        if doc is not None and doc.excluded:
            excluded_best = max(excluded_best, r)
            continue
        origin = doc.origin if doc is not None else doc_id
        best[origin] = max(best.get(origin, 0.0), r)
    if not best:
        return round(excluded_best * 0.5, 3), 0
    miss = 1.0
    for r in best.values():
        miss *= 1.0 - r
    return round(1.0 - miss, 3), len(best)


def lead_id(provision: str, event_ids: Iterable[str]) -> str:
    key = provision + "|" + ",".join(sorted(event_ids))
    return "ld-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _what(events: list[Event]) -> str:
    if len(events) == 1:
        e = events[0]
        return f"{participants(e)}, {action(e)}, {format_date(e.date, e.date_precision)}"
    dates = sorted(e.date for e in events if e.date)
    span = (
        "undated"
        if not dates
        else dates[0]
        if dates[0] == dates[-1]
        else f"{dates[0]} to {dates[-1]}"
    )
    actions = join_names(sorted({action(e) for e in events}), limit=2)
    parties = join_names(sorted({participants(e) for e in events}), limit=2)
    return f"{len(events)} events ({actions}; {parties}; {span})"


def build_lead(rule: SanctionRule, events: list[Event], docs: Mapping[str, DocInfo]) -> Lead:
    events = sorted(events, key=lambda e: (e.date or "", e.event_id))
    doc_ids = tuple(dict.fromkeys(d for e in events for d in e.doc_ids))
    reliability, independent = origin_reliability(doc_ids, docs)
    status = strongest_status(e.status for e in events)
    label = rule.label
    if rule.related:
        label += "; see also " + ", ".join(rule.related)
    summary = (
        f"Lead for review: {_what(events)} may engage {rule.provision} ({label}). "
        f"Reported by {plural(independent, 'independent origin')}; status {status}."
    )
    return Lead(
        lead_id=lead_id(rule.provision, (e.event_id for e in events)),
        category=rule.category,
        provision=rule.provision,
        event_ids=tuple(e.event_id for e in events),
        doc_ids=doc_ids,
        reliability=reliability,
        summary=summary,
    )


def match_leads(
    events: Iterable[Event],
    claims: Mapping[str, Claim],
    docs: Mapping[str, DocInfo],
    rules: SanctionRules,
    resolver: CountryResolver | None = None,
) -> list[Lead]:
    """Leads from events: per rule, the matching events of one story form one lead."""
    is_target = target_predicate(rules, resolver)
    groups: dict[tuple[str, str], list[Event]] = defaultdict(list)
    by_key = {r.key: r for r in rules.rules}
    for event in events:
        event_claims = [claims[c] for c in event.claim_ids if c in claims]
        for rule in rules.rules:
            if rule_matches(rule, event, event_claims, rules, is_target) is not None:
                groups[(rule.key, event.story_id or event.event_id)].append(event)
    leads = [build_lead(by_key[key], group, docs) for (key, _), group in groups.items()]
    unique = {lead.lead_id: lead for lead in leads}
    return sorted(unique.values(), key=lambda lead: (lead.category, lead.provision, lead.lead_id))


def find_leads(
    store: SqliteStore,
    config: Config,
    *,
    rules: SanctionRules | None = None,
    resolver: CountryResolver | None = None,
) -> str:
    """Corpus step: match every event against the sanctions rules and store the leads."""
    rules = rules or load_rules()
    resolver = resolver or load_country_resolver(tuple(config.entities.registry_files))
    with store.transaction():
        events = store.get_events()
        claims = {c.claim_id: c for c in store.get_claims()}
        leads = match_leads(events, claims, load_docs(store), rules, resolver)
        store.put_leads(leads)
    counts: dict[str, int] = defaultdict(int)
    for lead in leads:
        counts[lead.category] += 1
    detail = ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))
    return f"{plural(len(leads), 'lead')} for review" + (f" ({detail})" if detail else "")
