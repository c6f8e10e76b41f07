"""The timeline: events in date order with status, corroboration, the claim trail (who asserts
what, with which stance, in which source) and the evidence sentences in their original languages.

``build_timeline`` gives the data (also for the web UI); ``render_timeline_html`` writes a
standalone static page (inline CSS and script, nothing fetched) whose anchors are the event and
claim ids that briefings link to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from watchfloor.records import Event
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.corpus_view import CorpusView, load_view
from watchfloor.surfaces.countries import CountryResolver
from watchfloor.surfaces.report_html import render
from watchfloor.surfaces.wording import action, format_date, participants


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """Empty fields do not filter. Dates are ISO prefixes (YYYY, YYYY-MM or YYYY-MM-DD)."""

    actors: tuple[str, ...] = ()  # actor or recipient; persons count for their country
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()  # wire, state_media, ...: any document of the event
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One claim of an event, with its sentence in the original language and its source."""

    claim_id: str
    doc_id: str
    lang: str
    evidence: str
    asserted_by: tuple[str, ...]
    stance: str
    status: str
    negated: bool
    site: str | None
    url: str | None
    title: str | None
    published: str | None
    source_kind: str | None
    excluded: bool  # machine-translated or content farm: not counted as corroboration


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    event: Event
    when: str  # the event's date, or "reported <day>" when the event is undated
    sort_key: str
    title: str  # participants and action
    evidence: tuple[EvidenceLine, ...]
    source_kinds: tuple[str, ...]
    lead_ids: tuple[str, ...]


def event_day(event: Event) -> str | None:
    """The date an event is placed at: its own date, else the day it was first reported."""
    if event.date:
        return event.date
    if event.first_reported is not None:
        return event.first_reported.date().isoformat()
    return None


def in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Does a (possibly month- or year-precise) date overlap [since, until]?"""
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date < since[: len(date)]:
        return False
    return not (until is not None and date[: len(until)] > until)


def _names_match(names: Iterable[str], wanted: set[str], resolver: CountryResolver | None) -> bool:
    for name in names:
        if name.lower() in wanted:
            return True
        if resolver is not None:
            country = resolver.country(name)
            if country is not None and country.lower() in wanted:
                return True
    return False


def _evidence(view: CorpusView, event: Event) -> tuple[EvidenceLine, ...]:
    trail = {t.claim_id: t for t in event.trail}
    lines = []
    for claim in view.event_claims(event):
        doc = view.docs.get(claim.doc_id)
        site = (
            doc.site
            if doc is not None
            else (trail[claim.claim_id].site if claim.claim_id in trail else None)
        )
        lines.append(
            EvidenceLine(
                claim_id=claim.claim_id,
                doc_id=claim.doc_id,
                lang=view.claim_lang.get(claim.claim_id, "und"),
                evidence=claim.evidence,
                asserted_by=claim.asserted_by,
                stance=str(claim.stance),
                status=str(claim.status),
                negated=claim.negated,
                site=site,
                url=doc.url if doc is not None else None,
                title=doc.title if doc is not None else None,
                published=doc.published if doc is not None else None,
                source_kind=doc.source_kind if doc is not None else None,
                excluded=doc.excluded if doc is not None else False,
            )
        )
    return tuple(lines)


def build_timeline(
    view: CorpusView,
    flt: TimelineFilter | None = None,
    resolver: CountryResolver | None = None,
) -> list[TimelineEntry]:
    """Events that pass the filter, in date order (undated events by first report)."""
    flt = flt or TimelineFilter()
    actors = {a.lower() for a in flt.actors}
    types = {t.upper() for t in flt.types}
    statuses = {s.lower() for s in flt.statuses}
    kinds = {k.lower() for k in flt.source_kinds}
    leads_of: dict[str, list[str]] = {}
    for lead in view.leads:
        for eid in lead.event_ids:
            leads_of.setdefault(eid, []).append(lead.lead_id)
    entries = []
    for event in view.events:
        day = event_day(event)
        if types and event.type.upper() not in types:
            continue
        if statuses and str(event.status) not in statuses:
            continue
        if actors and not _names_match([*event.actors, *event.recipients], actors, resolver):
            continue
        if not in_range(day, flt.since, flt.until):
            continue
        docs = view.event_docs(event)
        event_kinds = tuple(sorted({d.source_kind or "unknown" for d in docs}))
        if kinds and not kinds & set(event_kinds):
            continue
        when = (
            format_date(event.date, event.date_precision)
            if event.date
            else (f"reported {day}" if day else "undated")
        )
        entries.append(
            TimelineEntry(
                event=event,
                when=when,
                sort_key=day or "9999",
                title=f"{participants(event)}: {action(event)}",
                evidence=_evidence(view, event),
                source_kinds=event_kinds,
                lead_ids=tuple(sorted(leads_of.get(event.event_id, []))),
            )
        )
    return sorted(entries, key=lambda e: (e.sort_key, e.event.event_id))


def timeline(store: SqliteStore, flt: TimelineFilter | None = None) -> list[TimelineEntry]:
    """Convenience: the timeline straight from a store."""
    from watchfloor.surfaces.countries import load_country_resolver

    return build_timeline(load_view(store), flt, load_country_resolver())


def render_timeline_html(
    entries: list[TimelineEntry], *, title: str = "watchfloor timeline"
) -> str:
    """A standalone HTML page; every value is escaped, only http(s) links are emitted."""
    facets = {
        "types": sorted({e.event.type for e in entries}),
        "statuses": sorted({str(e.event.status) for e in entries}),
        "kinds": sorted({k for e in entries for k in e.source_kinds}),
        "actors": sorted({a for e in entries for a in (*e.event.actors, *e.event.recipients)}),
    }
    return render("report_timeline.html.j2", title=title, entries=entries, facets=facets)
