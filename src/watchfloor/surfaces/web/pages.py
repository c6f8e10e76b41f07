"""Server-rendered HTML pages (Jinja2, autoescaped): the analyst's view of the store.

Article titles and text are untrusted and only ever rendered as escaped text; evidence spans are
marked by splitting the text at claim offsets and escaping every piece.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from watchfloor.records import Status
from watchfloor.store.sqlite_derived import ClaimFilter
from watchfloor.surfaces.web import queries as q
from watchfloor.surfaces.web import review
from watchfloor.surfaces.web.app import package_dir

router = APIRouter(include_in_schema=False)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(package_dir() / "templates")),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["rel"] = lambda v: "–" if v is None else f"{float(v):.2f}"
    env.filters["short"] = lambda v: (v or "")[:10]
    env.filters["urlpart"] = lambda v: quote(str(v), safe="")
    env.filters["names"] = lambda v: ", ".join(v) if v else "—"
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> Response:
    return render(request, "error.html", status_code, title=str(status_code), message=message)


def _db(request: Request) -> Any:
    return q.open_store(request.app.state.db_path)


Text = Annotated[str | None, Query(max_length=200)]


# -- dashboard, timeline, events -------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    with _db(request) as store:
        latest = q.latest_events(store, 10)
        return render(
            request,
            "dashboard.html",
            title="Dashboard",
            counts=q.counts(store),
            latest=latest,
            leads=q.lead_list(store)[:10],
            quarantine=store.list_quarantine()[:5],
        )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    actor: Text = None,
    type: Text = None,
    status: Text = None,
    source_kind: Text = None,
    since: Text = None,
    until: Text = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    flt = q.EventFilter(
        actor=actor or None,
        type=type or None,
        status=status or None,
        source_kind=source_kind or None,
        since=since or None,
        until=until or None,
    )
    with _db(request) as store:
        everything = q.event_list(store)
        events = q.event_list(store, flt)
        shown = events[offset : offset + limit]
        trails = q.claim_trail(store, shown)
        kinds = sorted(
            {r[0] for r in store.db.execute("SELECT DISTINCT source_kind FROM documents") if r[0]}
        )
        return render(
            request,
            "timeline.html",
            title="Timeline",
            events=shown,
            total=len(events),
            limit=limit,
            offset=offset,
            trails=trails,
            filters=flt,
            actors=sorted(q.actor_counts(everything)),
            types=sorted({e["type"] for e in everything}),
            statuses=[str(s) for s in Status],
            kinds=kinds,
        )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    with _db(request) as store:
        event = q.event_row(store, event_id)
        trails = q.claim_trail(store, [event])
        docs = q.doc_meta(store, event["doc_ids"])
        stances = Counter(line.claim["stance"] for line in trails[event_id])
        return render(
            request,
            "event.html",
            title=f"Event {event['type']}",
            event=event,
            trail=trails[event_id],
            docs=[docs[d] for d in event["doc_ids"] if d in docs],
            stances=sorted(stances.items()),
            leads=[lead for lead in q.lead_list(store) if event_id in lead["event_ids"]],
        )


# -- documents and stories -------------------------------------------------------------------
@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request,
    lang: Text = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    with _db(request) as store:
        rows = store.list_documents(limit=limit, offset=offset, lang=lang or None)
        return render(
            request,
            "documents.html",
            title="Documents",
            rows=rows,
            total=store.count_documents(),
            limit=limit,
            offset=offset,
            lang=lang or "",
        )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    with _db(request) as store:
        doc = q.document_row(store, doc_id)
        claims = q.claim_list(store, ClaimFilter(doc_id=doc["doc_id"]))
        assessment = store.get_assessment(doc["doc_id"])
        mentions = store.get_mentions(doc["doc_id"])
        sections = []
        for i, s in enumerate(doc["sections"]):
            spans = [(c["start"], c["end"], c["claim_id"]) for c in claims if c["section"] == i]
            sections.append((i, s, highlight(s["text"], spans)))
        entities = Counter((m.canonical_name, m.kind, m.provisional) for m in mentions)
        return render(
            request,
            "document.html",
            title=doc["title"] or doc["url"],
            doc=doc,
            sections=sections,
            claims=claims,
            assessment=assessment,
            entities=sorted(entities.items(), key=lambda kv: (-kv[1], kv[0][0])),
        )


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """Escaped text with each claim's evidence span wrapped in <mark id="claim-...">."""
    out: list[str] = []
    at = 0
    for start, end, claim_id in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if end <= start:
            continue  # overlapping or out-of-range span: keep the text, skip the mark
        out.append(str(escape(text[at:start])))
        out.append(
            f'<mark id="claim-{escape(claim_id)}" class="evidence">{escape(text[start:end])}</mark>'
        )
        at = end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request) -> HTMLResponse:
    with _db(request) as store:
        return render(request, "stories.html", title="Stories", stories=q.story_list(store))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    with _db(request) as store:
        story = q.story_row(store, story_id)
        columns = q.story_columns(store, story)
        events = q.event_list(store, q.EventFilter(story_id=story_id))
        if not events:
            wanted = set(story["doc_ids"])
            events = [e for e in q.event_list(store) if wanted & set(e["doc_ids"])]
        return render(
            request,
            "story.html",
            title=next(iter(story["titles"].values()), story_id),
            story=story,
            columns=columns,
            events=events,
        )


# -- actors and network ----------------------------------------------------------------------
@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> HTMLResponse:
    with _db(request) as store:
        counts = q.actor_counts(q.event_list(store))
        return render(
            request,
            "actors.html",
            title="Actors",
            actors=sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
        )


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, name: str) -> HTMLResponse:
    with _db(request) as store:
        events = q.event_list(store, q.EventFilter(actor=name))
        co = q.co_actors(q.event_list(store), name)
        mentions = int(
            store.db.execute(
                "SELECT count(*) FROM mentions WHERE lower(canonical_name) = lower(?)", (name,)
            ).fetchone()[0]
        )
        if not events and not mentions:
            return render(request, "error.html", 404, title="404", message=f"no actor named {name}")
        return render(
            request,
            "actor.html",
            title=name,
            name=name,
            events=events,
            co_actors=co,
            mentions=mentions,
            types=sorted(Counter(e["type"] for e in events).items(), key=lambda kv: -kv[1]),
        )


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    since: Text = None,
    until: Text = None,
    type: Text = None,
    nodes: Annotated[int, Query(ge=2, le=80)] = 30,
) -> HTMLResponse:
    flt = q.EventFilter(since=since or None, until=until or None, type=type or None)
    with _db(request) as store:
        everything = q.event_list(store)
        edges = q.network(store, flt)
    graph = layout(edges, nodes)
    return render(
        request,
        "network.html",
        title="Network",
        edges=edges,
        graph=graph,
        filters=flt,
        types=sorted({e["type"] for e in everything}),
    )


def layout(edges: list[dict[str, Any]], max_nodes: int, size: int = 640) -> dict[str, Any]:
    """A circular layout of the busiest actors; edge width by weight, colour by main type."""
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e["source"]] += e["weight"]
        degree[e["target"]] += e["weight"]
    names = [n for n, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:max_nodes]]
    margin = 220  # room for labels left and right of the circle
    width = size + 2 * margin
    centre, middle, radius = width / 2, size / 2, size / 2 - 60
    pos = {}
    for i, name in enumerate(names):
        angle = 2 * math.pi * i / max(len(names), 1) - math.pi / 2
        pos[name] = (centre + radius * math.cos(angle), middle + radius * math.sin(angle))
    lines = []
    colour: dict[str, str] = {}
    for e in edges:
        if e["source"] not in pos or e["target"] not in pos:
            continue
        main = e["dominant_type"]
        colour.setdefault(main, e["colour"])
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        if not e["symmetric"]:  # stop short of the target so the arrowhead shows
            dist = math.hypot(x2 - x1, y2 - y1) or 1.0
            x2, y2 = x2 - (x2 - x1) * 7 / dist, y2 - (y2 - y1) * 7 / dist
        lines.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2,
                      "width": 1 + 1.5 * math.log2(e["weight"]), "colour": e["colour"],
                      "edge": e, "type": main, "directed": not e["symmetric"]})  # fmt: skip
    labels = [
        {"name": n, "x": x, "y": y, "anchor": "start" if x >= centre else "end",
         "dx": 8 if x >= centre else -8, "degree": degree[n]}
        for n, (x, y) in pos.items()
    ]  # fmt: skip
    return {
        "width": width,
        "height": size,
        "lines": lines,
        "nodes": labels,
        "legend": sorted(colour.items()),
    }


# -- sources, leads, quarantine, review, search ----------------------------------------------
@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> HTMLResponse:
    with _db(request) as store:
        return render(request, "sources.html", title="Sources", sources=q.source_list(store))


@router.get("/leads", response_class=HTMLResponse)
def leads(request: Request) -> HTMLResponse:
    with _db(request) as store:
        rows = q.lead_list(store)
        events = {e["event_id"]: e for e in q.event_list(store)}
        return render(request, "leads.html", title="Sanctions leads", leads=rows, events=events)


@router.get("/quarantine", response_class=HTMLResponse)
def quarantine(request: Request, include_resolved: bool = False) -> HTMLResponse:
    with _db(request) as store:
        items = store.list_quarantine(include_resolved=include_resolved)
        return render(
            request,
            "quarantine.html",
            title="Quarantine",
            items=items,
            include_resolved=include_resolved,
        )


@router.get("/quarantine/{item_id}", response_class=HTMLResponse)
def quarantine_item(request: Request, item_id: int) -> HTMLResponse:
    with _db(request) as store:
        item = store.get_quarantine(item_id)
        return render(
            request,
            "quarantine_item.html",
            title=f"Quarantine #{item.id}",
            item=item,
            preview=q.decoded_preview(item.data),
        )


@router.get("/review", response_class=HTMLResponse)
def review_queue(request: Request, pending: bool = False) -> HTMLResponse:
    with _db(request) as store:
        proposals = review.list_proposals(store, pending_only=pending)
        return render(
            request, "review.html", title="Entity review", proposals=proposals, pending=pending
        )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q_: Annotated[str, Query(alias="q", max_length=200)] = "",
) -> HTMLResponse:
    with _db(request) as store:
        hits = store.search(q_, limit=50) if q_.strip() else []
        docs = q.doc_meta(store, (h.doc_id for h in hits))
        return render(request, "search.html", title="Search", query=q_, hits=hits, docs=docs)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> HTMLResponse:
    return render(request, "ingest.html", title="Ingest")
