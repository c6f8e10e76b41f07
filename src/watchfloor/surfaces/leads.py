"""Sanctions leads: events that may engage a provision of a sanctions regime, for analyst review.

The regime is data (``data/sanctions/unscr_dprk.toml``): each rule maps a provision to an event
pattern (types, where the target state must appear, modes, and per-language object lexicons). An
object word counts only in the claim's object or mode, or near the claim's trigger in the evidence
(same clause, a few words away), never anywhere in the sentence. A lead is never a finding; its
summary always says "Lead for review".

Reliability of a lead: each document counts with its assessed reliability (0.5 when it was not
assessed); a copy group (origin) counts once, with its best document; independent origins (not
machine-translated, not content farms) combine by noisy-or, 1 - prod(1 - r). When only excluded
origins report it, the lead gets half of their best reliability.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from watchfloor.claims.lexicon import FrameSpec, load_lexicon
from watchfloor.claims.ontology import SYMMETRIC_TYPES
from watchfloor.config import Config
from watchfloor.records import Claim, Event, Lead
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.corpus_view import DocInfo, load_docs
from watchfloor.surfaces.countries import CountryResolver, load_country_resolver
from watchfloor.surfaces.lead_rules import (
    UNKNOWN_RELIABILITY,
    Proximity,
    SanctionRule,
    SanctionRules,
    load_rules,
)
from watchfloor.surfaces.wording import (
    action,
    format_date,
    join_names,
    participants,
    plural,
    strongest_status,
)

# -- matching ------------------------------------------------------------------------------------

IsTarget = Callable[[str], bool]
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def target_predicate(rules: SanctionRules, resolver: CountryResolver | None) -> IsTarget:
    """Is this canonical name the target state, or a person/organisation of it?"""

    def is_target(name: str) -> bool:
        if name.strip().lower() in rules.target_names:
            return True
        if resolver is None:
            return False
        return resolver.code(name) in rules.target_codes

    return is_target


def _script_langs(text: str) -> tuple[str, ...]:
    """Lexicons to look for a trigger in: by script, since claims do not carry their language.
    Han without kana may be Chinese or kana-less Japanese (headlines), so both are tried."""
    if _HANGUL.search(text):
        return ("ko",)
    if _KANA.search(text):
        return ("ja",)
    if _CYRILLIC.search(text):
        return ("ru",)
    if _HAN.search(text):
        return ("zh", "ja")
    return ("en",)


def _frames(lang: str) -> tuple[FrameSpec, ...]:
    try:
        return load_lexicon(lang).frames
    except (OSError, ValueError):  # a broken lexicon file must not stop the leads
        return ()


def trigger_spans(claim: Claim) -> list[tuple[int, int]]:
    """Where the claim's trigger is in its evidence: hits of the frames of its type and mode (and
    of the alleged act of an accusation), else of any frame of its type; empty when none is found
    (a claim from another extractor), and then only its object and mode count."""
    wanted = {(claim.type, claim.mode)}
    if claim.object and "/" in claim.object:
        inner_type, inner_mode = claim.object.split("/", 1)
        wanted.add((inner_type, inner_mode))
    inner_types = {t for t, _ in wanted}
    exact: list[tuple[int, int]] = []
    loose: list[tuple[int, int]] = []
    for lang in _script_langs(claim.evidence):
        for spec in _frames(lang):
            if spec.type not in inner_types:
                continue
            spans = [(m.start(), m.end()) for m in spec.regex.finditer(claim.evidence) if m.end()]
            (exact if (spec.type, spec.mode) in wanted else loose).extend(spans)
    return sorted(set(exact or loose))


def _reach(text: str, proximity: Proximity) -> int:
    if _HANGUL.search(text):
        return proximity.hangul
    if _KANA.search(text) or _HAN.search(text):
        return proximity.cjk
    return proximity.spaced


def near_trigger(claim: Claim, proximity: Proximity) -> list[tuple[int, int]]:
    """Windows of the evidence around each trigger hit: a few words each side, cut at the clause
    breaks so that an object of another clause ("…, while oil prices rose") does not count."""
    text = claim.evidence
    reach = _reach(text, proximity)
    spans = trigger_spans(claim)
    if not spans and len(text) <= 2 * reach:
        # no trigger found (another extractor's claim): a sentence no wider than one window is
        # near whatever its trigger is; a longer one lends only its object and mode
        spans = [(len(text) // 2, len(text) // 2)]
    # a pattern trigger may run over a clause break ("sent grain to X, while car sales rose"):
    # keep the clause of its verb, which leads in SVO languages and closes in Japanese and Korean
    verb_last = bool(_HANGUL.search(text) or _KANA.search(text))
    windows = []
    for start, end in spans:
        breaks = proximity.clause_break
        inner = [m for m in breaks.finditer(text, start, end)] if breaks is not None else []
        if inner:
            start, end = (inner[-1].end(), end) if verb_last else (start, inner[0].start())
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        for m in breaks.finditer(text, lo, hi) if breaks is not None else ():
            if m.end() <= start:
                lo = m.end()
            elif m.start() >= end:
                hi = m.start()
                break
        windows.append((lo, hi))
    return windows


def _hit_in(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> str | None:
    # matched over the whole text, kept when inside a window: cutting the text first would make
    # false word starts ("disarms" cut to "arms")
    for m in pattern.finditer(text):
        if any(lo <= m.start() and m.end() <= hi for lo, hi in windows):
            return m.group(0)
    return None


def _object_hit(rule: SanctionRule, claim: Claim, proximity: Proximity) -> str | None:
    """A sanctioned object in the claim's object or mode, or near its trigger in the evidence."""
    if rule.keywords is None:
        return None
    for text in (claim.object or "", claim.mode or ""):
        hit = rule.keywords.search(text) if text else None
        if hit and not (rule.exclude is not None and rule.exclude.search(text)):
            return hit.group(0)
    windows = near_trigger(claim, proximity)
    hit_text = _hit_in(rule.keywords, claim.evidence, windows)
    if hit_text is None:
        return None
    if rule.exclude is not None and _hit_in(rule.exclude, claim.evidence, windows):
        return None
    return hit_text


def _sides(
    rules: SanctionRules, type_: str, mode: str | None, actors: Iterable[str],
    recipients: Iterable[str],
) -> tuple[list[str], list[str]]:  # fmt: skip
    """(giving side, receiving side). Partners of a symmetric type are on both sides; the actor
    of a receiving mode (an import, a purchase) is the receiving side."""
    givers, takers = list(actors), list(recipients)
    if type_.upper() in SYMMETRIC_TYPES:
        both = givers + takers
        return both, both
    if mode and any(m in mode.lower() for m in rules.receiving_modes):
        return takers, givers
    return givers, takers


def _direction_ok(
    rule: SanctionRule,
    event: Event,
    claim: Claim | None,
    rules: SanctionRules,
    is_target: IsTarget,
    windows: list[tuple[int, int]],
) -> bool:
    if rule.direction == "any":
        return True
    frames = [(event.type, event.mode, event.actors, event.recipients)]
    if claim is not None:
        frames.append((claim.type, claim.mode, claim.actors, claim.recipients))
    for type_, mode, actors, recipients in frames:
        givers, takers = _sides(rules, type_, mode, actors, recipients)
        side = givers if rule.direction == "from" else takers if rule.direction == "to" else None
        if side is None and any(is_target(n) for n in givers + takers):
            return True
        if side is not None and any(is_target(n) for n in side):
            return True
    if claim is None or rules.target_mentions is None:
        return False
    # the extractor may miss a participant ("Moscow received shells from Pyongyang"): the target
    # named near the trigger stands in, for a directed rule only when that side was left empty
    # and the target is not on the other one
    if rule.direction != "involved":
        givers, takers = _sides(rules, claim.type, claim.mode, claim.actors, claim.recipients)
        side, other = (givers, takers) if rule.direction == "from" else (takers, givers)
        if side or any(is_target(n) for n in other):
            return False
    return _hit_in(rules.target_mentions, claim.evidence, windows) is not None


def rule_matches(
    rule: SanctionRule,
    event: Event,
    claims: list[Claim],
    rules: SanctionRules,
    is_target: IsTarget,
) -> str | None:
    """What made the rule match the event (a mode or an object word), or None.

    A mode of the event or of a claim counts as it is (the extractor classified it); an object
    word counts only in a claim's object or mode or near its trigger, and the target state must
    stand where the rule's direction wants it in that claim or in the event."""
    if rule.types and event.type.upper() not in rule.types:
        return None
    for wanted in rule.modes:
        in_mode = bool(event.mode) and wanted in (event.mode or "").lower()
        if in_mode and _direction_ok(rule, event, None, rules, is_target, []):
            return wanted
    for claim in claims:
        windows = near_trigger(claim, rules.proximity)
        hit = next((w for w in rule.modes if claim.mode and w in claim.mode.lower()), None)
        hit = hit or _object_hit(rule, claim, rules.proximity)
        if hit and _direction_ok(rule, event, claim, rules, is_target, windows):
            return hit
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
