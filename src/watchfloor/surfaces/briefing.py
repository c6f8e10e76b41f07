"""The briefing: top developments, new events, contested claims, new sanctions leads and source
caveats for a period, in Markdown and HTML. Templates and data only, no LLM.

Every sentence ends with the ids it rests on ([ev-…] events, [cl-…] claims), each a link into
``timeline.html`` where the claim trail and the original sentences are. Output is deterministic:
the same store gives byte-identical files (no clock is read; the default period ends at the
latest event date in the store). Dates are event dates, never publication dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from watchfloor.records import Event, Lead, Stance, Status, TrailEntry
from watchfloor.surfaces.corpus_view import CorpusView, DocInfo
from watchfloor.surfaces.report_html import render
from watchfloor.surfaces.timeline import event_day, in_range
from watchfloor.surfaces.wording import (
    SYMMETRIC_TYPES,
    action,
    describe_event,
    format_date,
    join_names,
    participants,
    plural,
)

QUOTE_CHARS = 240
# event types that carry one party's charge or rejection against another
DISPUTE_TYPES = frozenset({"ACCUSE", "REJECT"})
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Sentence:
    """Text (without its final full stop) and the ids it cites; never rendered without ids."""

    text: str
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    claim_id: str
    lang: str
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Item:
    """A bullet: its sentences, an optional original-language quote and cited sub-points (one
    per event of a story, one per group of a claim trail)."""

    sentences: tuple[Sentence, ...]
    quote: Quote | None = None
    children: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class BriefingSection:
    key: str
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Briefing:
    title: str
    since: str | None
    until: str | None
    sections: tuple[BriefingSection, ...]
    timeline_href: str


def briefing_period(
    view: CorpusView, since: str | None, until: str | None, period_days: int | None
) -> tuple[str | None, str | None]:
    """Explicit bounds win; else the last ``period_days`` up to the latest event day; with
    ``period_days=None``, every date."""
    if since is not None or until is not None or period_days is None:
        return since, until
    days = [d for d in (event_day(e) for e in view.events) if d and len(d) == 10]
    if not days:
        return None, None
    end = date.fromisoformat(max(days))
    return (end - timedelta(days=period_days - 1)).isoformat(), end.isoformat()


def _claim_cites(event: Event, view: CorpusView, limit: int = 3) -> tuple[str, ...]:
    """The event's best claims: independent, reliable sources first."""

    def rank(claim_id: str) -> tuple[int, float, str]:
        claim = view.claims.get(claim_id)
        doc = view.docs.get(claim.doc_id) if claim is not None else None
        excluded = 1 if doc is not None and doc.excluded else 0
        reliability = doc.reliability if doc is not None and doc.reliability is not None else 0.5
        return (excluded, -reliability, claim_id)

    return tuple(sorted(event.claim_ids, key=rank)[:limit])


def _quote(event: Event, view: CorpusView) -> Quote | None:
    for claim_id in _claim_cites(event, view, limit=len(event.claim_ids)):
        claim = view.claims.get(claim_id)
        if claim is None or not claim.evidence.strip():
            continue
        doc = view.docs.get(claim.doc_id)
        text = " ".join(claim.evidence.split())
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1].rstrip() + "…"
        source = (doc.site if doc is not None else None) or claim.doc_id
        return Quote(claim_id, view.claim_lang.get(claim_id, "und"), text, source)
    return None


def _score(event: Event, lead_events: set[str], since: str | None, until: str | None) -> float:
    """Top developments: corroboration, then leads, confirmation and recency."""
    score = float(event.corroboration) + 0.25 * len(event.claim_ids) ** 0.5
    if event.event_id in lead_events:
        score += 1.5
    if event.status == Status.CONFIRMED:
        score += 1.0
    day = event_day(event)
    if day and since and until and len(day) == 10 and len(since) == 10 and len(until) == 10:
        span = max((date.fromisoformat(until) - date.fromisoformat(since)).days, 1)
        score += max(
            0.0, min(1.0, (date.fromisoformat(day) - date.fromisoformat(since)).days / span)
        )
    return score


def rank_events(
    view: CorpusView,
    events: Iterable[Event],
    since: str | None = None,
    until: str | None = None,
) -> list[Event]:
    """Events by importance: corroboration, sanctions leads, confirmation, then recency."""
    lead_events = {eid for lead in view.leads for eid in lead.event_ids}
    days = [d for d in (event_day(e) for e in view.events) if d and len(d) == 10]
    if days:
        since = since or min(days)
        until = until or max(days)
    return sorted(
        events,
        key=lambda e: (-_score(e, lead_events, since, until), event_day(e) or "", e.event_id),
    )


def _development(event: Event, view: CorpusView) -> Item:
    parts = [f"{describe_event(event)}; status {event.status}"]
    parts.append(f"{plural(event.corroboration, 'independent origin')}")
    if event.asserted_by:
        parts.append(f"according to {join_names(event.asserted_by)}")
    text = ", ".join(parts)
    return Item(
        (Sentence(text, (event.event_id, *_claim_cites(event, view))),),
        quote=_quote(event, view),
    )


def _is_contested(event: Event) -> bool:
    stances = {t.stance for t in event.trail}
    statuses = {t.status for t in event.trail}
    against = Stance.DENIES in stances or Status.DENIED in statuses
    support = bool(stances & {Stance.ACCUSES, Stance.CONFIRMS, Stance.CLAIMS}) or bool(
        statuses & {Status.ALLEGED, Status.CONFIRMED, Status.ASSERTED}
    )
    mixed = len(stances & {Stance.ACCUSES, Stance.CONFIRMS, Stance.DENIES}) >= 2
    return (against and support) or mixed


# trail groups in display order: (label, predicate on a trail entry); the first that matches wins,
# so an explicit denial or confirmation outranks the status the claim was given
_TRAIL_GROUPS: tuple[tuple[str, Callable[[TrailEntry], bool]], ...] = (
    ("denied by", lambda t: t.stance == Stance.DENIES or t.status == Status.DENIED),
    ("confirmed by", lambda t: t.stance == Stance.CONFIRMS or t.status == Status.CONFIRMED),
    ("accused by", lambda t: t.stance == Stance.ACCUSES),
    ("speculated by", lambda t: t.stance == Stance.SPECULATES),
    ("alleged by", lambda t: t.status == Status.ALLEGED),
    ("described as planned by", lambda t: t.status == Status.PLANNED),
    ("described as hypothetical by", lambda t: t.status == Status.HYPOTHETICAL),
    ("reported by", lambda t: True),
)
# the order an analyst reads a dispute in: the allegation, then who backs or rejects it
_TRAIL_DISPLAY = (
    "alleged by",
    "accused by",
    "reported by",
    "speculated by",
    "described as planned by",
    "described as hypothetical by",
    "confirmed by",
    "denied by",
)


def _trail_label(entry: TrailEntry) -> str:
    return next(label for label, test in _TRAIL_GROUPS if test(entry))


def claim_trail(event: Event) -> tuple[Sentence, ...]:
    """The event's claims grouped as alleged / accused / reported / confirmed / denied, each
    group naming its asserters (or the site, when nobody is named) and citing its claims."""
    groups: dict[str, list[TrailEntry]] = {}
    for entry in event.trail:
        groups.setdefault(_trail_label(entry), []).append(entry)
    out = []
    for label in _TRAIL_DISPLAY:
        entries = groups.get(label, [])
        if not entries:
            continue
        who: list[str] = []
        for t in entries:
            who += list(t.asserted_by) or [t.site or "an unattributed source"]
        names = sorted(set(who), key=lambda n: (-who.count(n), n))
        claim_ids = tuple(dict.fromkeys(t.claim_id for t in entries))
        text = (
            f"{label.capitalize()} {join_names(names, limit=5)} ({plural(len(claim_ids), 'claim')})"
        )
        out.append(Sentence(text, claim_ids[:6]))
    return tuple(out)


def _contested(event: Event, related: list[Event]) -> Item:
    """A contested event with its claim trail, plus the accusations and rejections about it
    found in the same story (they are separate events, but part of the same dispute)."""
    sentences = [Sentence(f"{describe_event(event)} is contested", (event.event_id,))]
    children = list(claim_trail(event))
    for other in related:
        who = f", according to {join_names(other.asserted_by)}" if other.asserted_by else ""
        children.append(
            Sentence(
                f"Related in the same story: {describe_event(other)}; status {other.status}{who}",
                (other.event_id, *[t.claim_id for t in other.trail][:2]),
            )
        )
    return Item(tuple(sentences), children=tuple(children))


def _parties(event: Event) -> set[str]:
    return {*event.actors, *event.recipients}


def _story_key(event: Event) -> str:
    return event.story_id or f"~{event.event_id}"


def _development_line(event: Event, view: CorpusView) -> Sentence:
    """One dated line per event, every participant named (the story groups keep lines short)."""
    if event.type in SYMMETRIC_TYPES:
        who = join_names([*event.actors, *event.recipients], limit=8)
    elif event.recipients:
        who = f"{join_names(event.actors, limit=8)} → {join_names(event.recipients, limit=8)}"
    else:
        who = join_names(event.actors, limit=8)
    when = format_date(event.date, event.date_precision)
    if not event.date and event.first_reported is not None:
        when = f"date not stated (first reported {event.first_reported.date().isoformat()})"
    text = (
        f"{when}: {who}: {action(event)}; status {event.status},"
        f" {plural(event.corroboration, 'independent origin')}"
    )
    return Sentence(text, (event.event_id, *_claim_cites(event, view, 1)))


def developments_by_story(
    view: CorpusView, events: Iterable[Event], min_corroboration: int = 2
) -> tuple[Item, ...]:
    """Every event corroborated by at least ``min_corroboration`` independent origins, in date
    order, grouped by story (stories ordered by their first dated event); no ranking cut-off, so
    a well-sourced development is never dropped for space."""
    chosen = [e for e in events if e.corroboration >= min_corroboration]
    groups: dict[str, list[Event]] = {}
    for e in sorted(chosen, key=lambda e: (e.date is None, event_day(e) or "", e.event_id)):
        groups.setdefault(_story_key(e), []).append(e)

    def first_day(key: str) -> tuple[bool, str, str]:
        days = [e.date for e in groups[key] if e.date]
        return (not days, min(days) if days else "", key)

    items = []
    for key in sorted(groups, key=first_day):
        members = groups[key]
        lead = max(members, key=lambda e: (e.corroboration, -len(e.event_id), e.event_id))
        days = sorted(e.date for e in members if e.date)
        span = (days or ["undated"])[0]
        if days and days[0] != days[-1]:
            span = f"{days[0]} to {days[-1]}"
        head = Sentence(
            f"{plural(len(members), 'development')}, {span}, led by {participants(lead)}:"
            f" {action(lead)}",
            tuple(e.event_id for e in members),
        )
        items.append(Item((head,), children=tuple(_development_line(e, view) for e in members)))
    return tuple(items)


def _lead_item(lead: Lead) -> Item:
    cites = tuple(lead.event_ids)
    sentences = [s.rstrip(".") for s in _SENTENCE_END.split(lead.summary) if s.strip()]
    out = [Sentence(s, cites) for s in sentences]
    out.append(
        Sentence(f"Category {lead.category}, source reliability {lead.reliability:.2f}", cites)
    )
    return Item(tuple(out))


def _caveats(event: Event, docs: list[DocInfo]) -> list[str]:
    kinds = {d.source_kind for d in docs}
    out = []
    if docs and kinds == {"state_media"}:
        sites = sorted({d.site for d in docs if d.site})
        out.append("reported only by state media" + (f" ({', '.join(sites)})" if sites else ""))
    excluded = [d for d in docs if d.excluded]
    if excluded and event.corroboration == 0:
        out.append("reported only by machine-translated or content-farm sources")
    elif excluded:
        out.append(
            f"{plural(len(excluded), 'machine-translated or content-farm document')} excluded"
            " from corroboration"
        )
    if event.origins == 1 and kinds != {"state_media"}:
        out.append("single origin")
    if not docs or all(d.source_kind is None for d in docs):
        out.append("sources not assessed")
    return out


def build_briefing(
    view: CorpusView,
    *,
    since: str | None = None,
    until: str | None = None,
    period_days: int | None = 30,
    top: int = 5,
    max_items: int = 25,
    min_corroboration: int = 2,
    title: str = "Watch briefing",
    timeline_href: str = "timeline.html",
) -> Briefing:
    """Assemble the briefing data for a period (see module doc for the defaults)."""
    since, until = briefing_period(view, since, until, period_days)
    events = [e for e in view.events if in_range(event_day(e), since, until)]
    ids = {e.event_id for e in events}
    leads = [lead for lead in view.leads if ids & set(lead.event_ids)]

    top_events = rank_events(view, events, since, until)[:top]
    top_ids = {e.event_id for e in top_events}
    by_day = sorted(events, key=lambda e: (event_day(e) or "9999", e.event_id))

    def reported_in_period(e: Event) -> bool:
        first = e.first_reported.date().isoformat() if e.first_reported else event_day(e)
        return in_range(first, since, until)

    developments_items = developments_by_story(view, events, min_corroboration)
    listed = top_ids | {e.event_id for e in events if e.corroboration >= min_corroboration}
    candidates = [e for e in events if e.event_id not in listed and reported_in_period(e)]
    # when there are more than fit, keep the most important (dated ones rank first), then
    # list them in date order
    ranked_new = rank_events(view, candidates, since, until)
    ranked_new.sort(key=lambda e: e.date is None)  # stable: keeps rank order within each group
    keep = {e.event_id for e in ranked_new[:max_items]}
    new = [e for e in by_day if e.event_id in keep] + [
        e for e in by_day if e.event_id in {c.event_id for c in candidates} - keep
    ]
    new_items = [
        Item(
            (
                Sentence(
                    f"{describe_event(e)}; status {e.status}",
                    (e.event_id, *_claim_cites(e, view, 1)),
                ),
            )
        )
        for e in new[:max_items]
    ]
    if len(new) > max_items:
        rest = new[max_items:]
        new_items.append(
            Item(
                (
                    Sentence(
                        f"{plural(len(rest), 'further event')} in this period are in the timeline",
                        tuple(e.event_id for e in rest),
                    ),
                )
            )
        )
    # accusations and rejections stand beside the contested event in its story
    disputes = [e for e in by_day if e.type in DISPUTE_TYPES]
    contested = [
        _contested(
            e,
            [
                d
                for d in disputes
                if d.story_id is not None
                and d.story_id == e.story_id
                and d is not e
                and _parties(d) & _parties(e)
            ][:max_items],
        )
        for e in by_day
        if _is_contested(e)
    ][:max_items]
    caveats = []
    for e in [*top_events, *new[:max_items]]:
        notes = _caveats(e, view.event_docs(e))
        if notes:
            caveats.append(
                Item((Sentence(f"{describe_event(e)}: {'; '.join(notes)}", (e.event_id,)),))
            )
    developments = tuple(_development(e, view) for e in top_events)
    lead_items = tuple(_lead_item(lead) for lead in leads[:max_items])
    sections = (
        BriefingSection("top", "Top developments", developments),
        BriefingSection(
            "developments",
            f"Developments by story (corroboration {min_corroboration} or more)",
            developments_items,
        ),
        BriefingSection("new", "Other new events", tuple(new_items)),
        BriefingSection("contested", "Contested claims", tuple(contested)),
        BriefingSection("leads", "New sanctions leads (for review, not findings)", lead_items),
        BriefingSection("caveats", "Source caveats", tuple(caveats[:max_items])),
    )
    return Briefing(title, since, until, sections, timeline_href)


# -- rendering ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown and HTML syntax in untrusted text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _period(b: Briefing) -> str:
    if b.since and b.until:
        return f"{b.since} to {b.until}"
    return "all dates"


def render_markdown(b: Briefing) -> str:
    def cite(i: str) -> str:
        return f"[{md_escape(i)}]({b.timeline_href}#{i})"

    lines = [f"# {md_escape(b.title)}: {_period(b)}", ""]
    for section in b.sections:
        lines += [f"## {section.heading} ({len(section.items)})", ""]
        for item in section.items:
            text = " ".join(
                f"{md_escape(s.text)} {' '.join(cite(i) for i in s.cites)}." for s in item.sentences
            )
            lines.append(f"- {text}")
            if item.quote is not None:
                q = item.quote
                lines.append(
                    f"  > {md_escape(q.text)} ({q.lang}, {md_escape(q.source)}) {cite(q.claim_id)}"
                )
            for child in item.children:
                lines.append(
                    f"  - {md_escape(child.text)} {' '.join(cite(i) for i in child.cites)}."
                )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_html(b: Briefing) -> str:
    return render("report_briefing.html.j2", b=b, period=_period(b))
