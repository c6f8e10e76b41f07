"""Scorers for the labelled corpus, exactly as ../shared/corpus/README.md defines them.

Pure functions of exported rows and gold articles, so they can be unit-tested and reused on
held-out data.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def norm(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().lower()


def split_names(value: Any) -> set[str]:
    """Gold joins several names with '; '; exports use lists."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {norm(v) for v in value.split(";") if v.strip()}
    return {norm(v) for v in value if v and str(v).strip()}


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


# -- entities ---------------------------------------------------------------------------------
def score_entities(
    predicted: Mapping[str, set[str]], gold: Mapping[str, set[str]], lang_of: Mapping[str, str]
) -> dict[str, PRF]:
    """Per-language tp/fp/fn of each document's set of canonical names (normalised).

    A gold document missing from ``predicted`` counts as predicting nothing.
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for doc, gold_names in gold.items():
        g = {norm(n) for n in gold_names}
        p = {norm(n) for n in predicted.get(doc, set())}
        c = counts[lang_of.get(doc, "?")]
        c[0] += len(g & p)
        c[1] += len(p - g)
        c[2] += len(g - p)
    return {lang: PRF(*c) for lang, c in sorted(counts.items())}


# -- events -----------------------------------------------------------------------------------
def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def dates_agree(gold_date: str | None, claim_date: str | None) -> bool:
    """A gold day must be within ±1 day of the claim's date; a gold month or year must be a
    prefix of it; a null gold date matches anything."""
    if not gold_date:
        return True
    if not claim_date:
        return False
    if "/" in gold_date:
        # a range ("2024-10-08/2024-10-13"), which the README leaves undefined: the claim's day
        # must fall inside it, with the same one-day tolerance at either end
        first, _, last = gold_date.partition("/")
        lo, hi, c = _parse_day(first), _parse_day(last), _parse_day(claim_date)
        if lo is None or hi is None or c is None or len(claim_date) < 10:
            return False
        return lo - timedelta(days=1) <= c <= hi + timedelta(days=1)
    if len(gold_date) == 10:
        g, c = _parse_day(gold_date), _parse_day(claim_date)
        if g is None or c is None or len(claim_date) < 10:
            return False
        return abs(g - c) <= timedelta(days=1)
    return claim_date.startswith(gold_date)


def event_matches(gold: Mapping[str, Any], claim: Mapping[str, Any]) -> bool:
    if gold.get("type") != claim.get("type"):
        return False
    g_actors, g_recipients = split_names(gold.get("actor")), split_names(gold.get("recipient"))
    c_actors, c_recipients = split_names(claim.get("actors")), split_names(claim.get("recipients"))
    if gold.get("type") in SYMMETRIC_TYPES:
        if not (g_actors | g_recipients) & (c_actors | c_recipients):
            return False
    else:
        if not g_actors & c_actors:
            return False
        if g_recipients and c_recipients and not g_recipients & c_recipients:
            return False
    return dates_agree(gold.get("date"), claim.get("date"))


@dataclass
class EventScore:
    prf: PRF
    status_right: int
    asserted_right: int
    matched: int

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.matched if self.matched else 0.0

    @property
    def asserted_accuracy(self) -> float:
        return self.asserted_right / self.matched if self.matched else 0.0


def match_document_events(
    gold_events: Sequence[Mapping[str, Any]], claims: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Greedy matching: each gold event takes the first unused claim that matches it."""
    used: set[int] = set()
    pairs = []
    for gi, gold in enumerate(gold_events):
        for ci, claim in enumerate(claims):
            if ci not in used and event_matches(gold, claim):
                used.add(ci)
                pairs.append((gi, ci))
                break
    return pairs


def score_events(
    gold_by_doc: Mapping[str, Sequence[Mapping[str, Any]]],
    claims_by_doc: Mapping[str, Sequence[Mapping[str, Any]]],
    lang_of: Mapping[str, str],
) -> dict[str, EventScore]:
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for doc, gold_events in gold_by_doc.items():
        claims = claims_by_doc.get(doc, [])
        pairs = match_document_events(gold_events, claims)
        a = acc[lang_of[doc]]
        a[0] += len(pairs)
        a[1] += len(claims) - len(pairs)
        a[2] += len(gold_events) - len(pairs)
        for gi, ci in pairs:
            gold, claim = gold_events[gi], claims[ci]
            a[3] += int(gold.get("status") == claim.get("status"))
            g_by, c_by = split_names(gold.get("asserted_by")), split_names(claim.get("asserted_by"))
            a[4] += int(bool(g_by & c_by) or (not g_by and not c_by))
    return {
        lang: EventScore(PRF(a[0], a[1], a[2]), a[3], a[4], a[0]) for lang, a in sorted(acc.items())
    }


# -- stories: B-cubed ---------------------------------------------------------------------------
def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels, over gold items."""
    items = [i for i in gold if i in predicted]
    missing = [i for i in gold if i not in predicted]
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i in items:
        by_pred[predicted[i]].add(i)
        by_gold[gold[i]].add(i)
    precision = recall = 0.0
    for i in items:
        same_pred, same_gold = by_pred[predicted[i]], by_gold[gold[i]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    n = len(items) + len(missing)  # an item with no story counts as a singleton miss
    for i in missing:
        precision += 1.0
        recall += 1.0 / len([j for j in gold if gold[j] == gold[i]])
    p, r = precision / n if n else 0.0, recall / n if n else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- copies: pairwise F1 over shared origin_id ------------------------------------------------
def gold_copy_groups(copy_of: Mapping[str, str | None]) -> dict[str, str]:
    """Connected components of copy_of, as item -> component id."""
    parent = {i: i for i in copy_of}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for item, target in copy_of.items():
        if target and target in parent:
            parent[find(item)] = find(target)
    return {i: find(i) for i in copy_of}


def pairs_of(groups: Mapping[str, str | None]) -> set[frozenset[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for item, group in groups.items():
        if group is not None:
            members[group].append(item)
    out: set[frozenset[str]] = set()
    for items in members.values():
        out |= {frozenset(p) for p in itertools.combinations(sorted(items), 2)}
    return out


def score_copies(
    predicted_origin: Mapping[str, str | None], gold_copy_of: Mapping[str, str | None]
) -> PRF:
    gold_pairs = pairs_of(gold_copy_groups(gold_copy_of))
    pred_pairs = pairs_of({i: predicted_origin.get(i) for i in gold_copy_of})
    return PRF(
        len(gold_pairs & pred_pairs), len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs)
    )


# -- flags --------------------------------------------------------------------------------------
def score_flags(predicted: Mapping[str, bool], gold: Mapping[str, bool | None]) -> PRF:
    tp = fp = fn = 0
    for item, g in gold.items():
        if g is None:
            continue
        p = bool(predicted.get(item))
        tp += int(p and g)
        fp += int(p and not g)
        fn += int(g and not p)
    return PRF(tp, fp, fn)


# -- timeline -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TimelineResult:
    entries: int
    found: int
    split: int
    one_event: int  # found, not split, and carrying its supporting documents
    support_share: float = 0.0  # mean share of an entry's supporting documents on its event


def _share(supporting: set[str], event: Mapping[str, Any]) -> float:
    return len(supporting & set(event.get("doc_ids", []))) / len(supporting) if supporting else 0.0


def score_timeline(
    timeline: Iterable[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    doc_of_article: Mapping[str, str],
) -> TimelineResult:
    entries = found = split = one = 0
    shares = 0.0
    for entry in timeline:
        entries += 1
        matching = [e for e in events if event_matches(entry, e)]
        if not matching:
            continue
        found += 1
        exact = [
            e for e in matching if e.get("date") and e["date"][:10] == (entry.get("date") or "")
        ]
        supporting = {
            doc_of_article[a] for a in entry.get("supporting_articles", []) if a in doc_of_article
        }
        if len(exact) > 1:
            split += 1
            # the share printed for a split entry is that of its best-supported piece
            shares += max(_share(supporting, e) for e in exact)
            continue
        # with no event at exactly its date, the entry's event is the matching one carrying
        # most of its supporting documents (not whichever the export happens to list first)
        best = exact[0] if exact else max(matching, key=lambda e: _share(supporting, e))
        shares += _share(supporting, best)
        if supporting and supporting <= set(best.get("doc_ids", [])):
            one += 1
    return TimelineResult(entries, found, split, one, shares / entries if entries else 0.0)


# -- briefing: the timeline's developments named with their dates -----------------------------
def markdown_escaped(name: str) -> str:
    """A name as the Markdown briefing writes it (its special characters escaped)."""
    return name.replace("_", "\\_").replace("*", "\\*")


def briefing_coverage(
    timeline: Iterable[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    briefing_lines: Sequence[str],
) -> tuple[int, list[Mapping[str, Any]]]:
    """How many timeline entries some exported event matches, and those of them the briefing
    does not name: no line cites a matching event with its date and all its participants."""

    def named(event: Mapping[str, Any]) -> bool:
        names = [markdown_escaped(n) for n in [*event["actors"], *event["recipients"]]]
        return any(
            event["event_id"] in line
            and (event.get("date") or "undated") in line
            and all(n in line for n in names)
            for line in briefing_lines
        )

    found, missing = 0, []
    for entry in timeline:
        matched = [e for e in events if event_matches(entry, e)]
        if not matched:
            continue
        found += 1
        if not any(named(e) for e in matched):
            missing.append(entry)
    return found, missing
