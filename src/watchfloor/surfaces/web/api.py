"""REST API under ``/api``: reads need no token, writes need ``Authorization: Bearer <token>``.

Bodies are the INTERCHANGE.md export rows (see ``models``). Listings take ``limit``/``offset``
and answer ``{items, total, limit, offset}``; unknown ids answer 404.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from watchfloor.config import Config
from watchfloor.pipeline import Ingestor
from watchfloor.records import Status
from watchfloor.store.sqlite_derived import ClaimFilter
from watchfloor.surfaces.web import models as m
from watchfloor.surfaces.web import queries as q
from watchfloor.surfaces.web import review
from watchfloor.surfaces.web.auth import REFUSED, bearer_ok

router = APIRouter(prefix="/api", tags=["api"])

_bearer = HTTPBearer(auto_error=False, description="The write token printed by `watchfloor serve`.")

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": m.ErrorOut, "description": "No such id"}
}
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"model": m.ErrorOut, "description": "Missing or wrong bearer token"}
}

BAD_BODY: dict[int | str, dict[str, Any]] = {
    400: {"model": m.ErrorOut, "description": "The body is not parseable (e.g. not UTF-8 JSON)"}
}

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]
DateQ = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Text = Annotated[str | None, Query(max_length=200)]
ItemId = Annotated[int, PathParam(ge=0, le=2**62)]


def db_path(request: Request) -> Path:
    path: Path = request.app.state.db_path
    return path


def config_of(request: Request) -> Config:
    config: Config = request.app.state.config
    return config


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Refuse a write unless it carries the server's token (compared in constant time).

    The app's middleware refuses such requests before their body is read; this dependency
    declares the scheme in the OpenAPI schema and guards the route on its own as well.
    """
    header = request.headers.get("authorization")
    if credentials is None or not bearer_ok(header, request.app.state.token):
        raise HTTPException(status_code=401, detail=REFUSED, headers={"WWW-Authenticate": "Bearer"})


# -- documents -------------------------------------------------------------------------------
@router.get("/documents", response_model=m.Page[m.DocumentRow], summary="List documents")
def list_documents(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    lang: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
) -> dict[str, Any]:
    """Documents by publication date, as rows of the documents export."""
    with q.open_store(db_path(request)) as store:
        return q.document_page(store, limit=limit, offset=offset, lang=lang)


@router.get(
    "/documents/{doc_id}", response_model=m.DocumentRow, responses=NOT_FOUND, summary="A document"
)
def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    """One document by id, id prefix or url."""
    with q.open_store(db_path(request)) as store:
        return q.document_row(store, doc_id)


# -- claims and events -----------------------------------------------------------------------
@router.get("/claims", response_model=m.Page[m.ClaimRow], summary="List claims")
def list_claims(
    request: Request,
    actor: Text = None,
    type: Text = None,
    status: Status | None = None,
    since: DateQ = None,
    until: DateQ = None,
    doc_id: Text = None,
    event_id: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims filtered like `watchfloor claims list` (actor or recipient, type or mode)."""
    flt = ClaimFilter(
        actor=actor,
        type=type,
        status=str(status) if status else None,
        since=since,
        until=until,
        doc_id=doc_id,
    )
    with q.open_store(db_path(request)) as store:
        return q.page(q.claim_list(store, flt, event_id=event_id), limit, offset)


@router.get("/claims/{claim_id}", response_model=m.ClaimRow, responses=NOT_FOUND, summary="A claim")
def get_claim(request: Request, claim_id: str) -> dict[str, Any]:
    with q.open_store(db_path(request)) as store:
        return q.claim_row(store, claim_id)


@router.get("/events", response_model=m.Page[m.EventRow], summary="List events (the timeline)")
def list_events(
    request: Request,
    actor: Text = None,
    type: Text = None,
    status: Status | None = None,
    source_kind: Text = None,
    since: DateQ = None,
    until: DateQ = None,
    story_id: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events in date order with the timeline's filters; each carries its claim trail."""
    flt = q.EventFilter(
        actor=actor,
        type=type,
        status=str(status) if status else None,
        source_kind=source_kind,
        since=since,
        until=until,
        story_id=story_id,
    )
    with q.open_store(db_path(request)) as store:
        return q.page(q.event_list(store, flt), limit, offset)


@router.get(
    "/events/{event_id}", response_model=m.EventRow, responses=NOT_FOUND, summary="An event"
)
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    with q.open_store(db_path(request)) as store:
        return q.event_row(store, event_id)


@router.get(
    "/events/{event_id}/claims",
    response_model=list[m.ClaimRow],
    responses=NOT_FOUND,
    summary="The claims behind an event",
)
def get_event_claims(request: Request, event_id: str) -> list[dict[str, Any]]:
    """The event's claims with their evidence sentences in the original languages."""
    with q.open_store(db_path(request)) as store:
        event = q.event_row(store, event_id)
        wanted = set(event["claim_ids"])
        return [r for r in q.claim_list(store, ClaimFilter()) if r["claim_id"] in wanted]


# -- stories, entities, network --------------------------------------------------------------
@router.get("/stories", response_model=m.Page[m.StoryRow], summary="List stories")
def list_stories(
    request: Request,
    lang: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    with q.open_store(db_path(request)) as store:
        return q.page(q.story_list(store, lang=lang), limit, offset)


@router.get(
    "/stories/{story_id}", response_model=m.StoryRow, responses=NOT_FOUND, summary="A story"
)
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    with q.open_store(db_path(request)) as store:
        return q.story_row(store, story_id)


@router.get("/entities", response_model=m.Page[m.EntityRow], summary="List entities")
def list_entities(
    request: Request,
    doc_id: Text = None,
    name: Text = None,
    provisional: bool | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One row per (document, entity) with its mentions, like the entities export."""
    with q.open_store(db_path(request)) as store:
        rows = q.entity_list(store, doc_id=doc_id, name=name, provisional=provisional)
        return q.page(rows, limit, offset)


@router.get("/network", response_model=list[m.EdgeRow], summary="Actor network edges")
def get_network(
    request: Request,
    since: DateQ = None,
    until: DateQ = None,
    type: Text = None,
    actor: Text = None,
) -> list[dict[str, Any]]:
    """Actor-actor edges over a time window, weighted by events, with counts per type."""
    flt = q.EventFilter(actor=actor, type=type, since=since, until=until)
    with q.open_store(db_path(request)) as store:
        return q.network(store, flt)


# -- sources, leads, search ------------------------------------------------------------------
@router.get("/sources", response_model=m.Page[m.SourceRow], summary="List sources")
def list_sources(
    request: Request, kind: Text = None, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    """Source profiles: kind, country, reliability with its factors."""
    with q.open_store(db_path(request)) as store:
        return q.page(q.source_list(store, kind=kind), limit, offset)


@router.get("/sources/{site}", response_model=m.SourceRow, responses=NOT_FOUND, summary="A source")
def get_source(request: Request, site: str) -> dict[str, Any]:
    with q.open_store(db_path(request)) as store:
        return q.source_row(store, site)


@router.get("/leads", response_model=m.Page[m.LeadRow], summary="List sanctions leads")
def list_leads(
    request: Request, category: Text = None, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    """Sanctions leads: for analyst review, never findings."""
    with q.open_store(db_path(request)) as store:
        return q.page(q.lead_list(store, category=category), limit, offset)


@router.get("/leads/{lead_id}", response_model=m.LeadRow, responses=NOT_FOUND, summary="A lead")
def get_lead(request: Request, lead_id: str) -> dict[str, Any]:
    with q.open_store(db_path(request)) as store:
        return q.lead_row(store, lead_id)


@router.get("/search", response_model=list[m.SearchHitRow], summary="Full-text search")
def search(
    request: Request,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[dict[str, Any]]:
    """Substring search over titles and text in any language (works for ja/ko/zh)."""
    with q.open_store(db_path(request)) as store:
        return [
            {"doc_id": h.doc_id, "section": h.section, "lang": h.lang, "title": h.title,
             "snippet": h.snippet}
            for h in store.search(q_, limit=limit)
        ]  # fmt: skip


# -- quarantine and review -------------------------------------------------------------------
@router.get("/quarantine", response_model=list[m.QuarantineRow], summary="Quarantined inputs")
def list_quarantine(
    request: Request, reason: Text = None, include_resolved: bool = False
) -> list[dict[str, Any]]:
    with q.open_store(db_path(request)) as store:
        items = store.list_quarantine(reason=reason, include_resolved=include_resolved)
        return [q.quarantine_row(i) for i in items]


@router.get(
    "/quarantine/{item_id}",
    response_model=m.QuarantineRow,
    responses=NOT_FOUND,
    summary="A quarantined input",
)
def get_quarantine(request: Request, item_id: ItemId) -> dict[str, Any]:
    with q.open_store(db_path(request)) as store:
        return q.quarantine_row(store.get_quarantine(item_id))


@router.post(
    "/quarantine/{item_id}/retry",
    response_model=m.RetryOut,
    responses={**NOT_FOUND, **UNAUTHORIZED},
    dependencies=[Depends(require_token)],
    summary="Retry a quarantined input (write)",
)
def retry_quarantine(request: Request, item_id: ItemId) -> dict[str, Any]:
    _import_cli()
    from watchfloor.surfaces.retry import retry_items

    with q.open_store(db_path(request)) as store:
        store.get_quarantine(item_id)  # 404 before any work
        fixed, _ = retry_items(store, config_of(request), [item_id])
        return {"id": item_id, "resolved": fixed == 1}


@router.get("/review", response_model=list[m.ProposalRow], summary="Entity review queue")
def list_review(request: Request, pending: bool = False) -> list[dict[str, Any]]:
    """Provisional entities proposed for the registry, with decisions taken so far."""
    with q.open_store(db_path(request)) as store:
        return [_proposal_row(p) for p in review.list_proposals(store, pending_only=pending)]


@router.post(
    "/review/{proposal_id}",
    response_model=m.DecisionOut,
    responses={
        **NOT_FOUND,
        **UNAUTHORIZED,
        **BAD_BODY,
        409: {"model": m.ErrorOut, "description": "The user registry cannot be written"},
    },
    dependencies=[Depends(require_token)],
    summary="Accept or reject a review proposal (write)",
)
def decide_review(request: Request, proposal_id: str, body: m.DecisionIn) -> dict[str, Any]:
    """Record the decision; accepting appends the actor to the user registry file."""
    with q.open_store(db_path(request)) as store:
        try:
            decided_at, actor_id = review.decide(
                store, config_of(request), proposal_id, body.decision, body.note
            )
        except (ValueError, OSError) as exc:  # an unreadable or malformed user registry
            raise HTTPException(409, f"cannot write the user registry: {exc}") from exc
    return {
        "proposal_id": proposal_id,
        "decision": body.decision,
        "decided_at": decided_at,
        "actor_id": actor_id,
    }


def _proposal_row(p: review.ReviewItem) -> dict[str, Any]:
    return {
        "proposal_id": p.proposal_id,
        "label": p.label,
        "kind": p.kind,
        "members": [{"entity_id": e, "lang": lang, "name": n} for e, lang, n in p.members],
        "mentions": p.mentions,
        "evidence": list(p.evidence),
        "decision": p.decision,
    }


# -- ingest (writes) -------------------------------------------------------------------------
_LINES = {"type": "string", "minLength": 1, "pattern": r"\S"}
_JSONL_BODY = {
    "requestBody": {
        "required": True,
        "description": "Article JSON Lines (INTERCHANGE.md): one object a line with url and "
        "html or text. Bad lines are quarantined with their line number.",
        "content": {
            "application/x-ndjson": {"schema": _LINES},
            "text/plain": {"schema": _LINES},
        },
    }
}


JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "text/plain")


@router.post(
    "/ingest/jsonl",
    response_model=m.IngestOut,
    responses={
        **UNAUTHORIZED,
        415: {"model": m.ErrorOut, "description": "Not a JSON Lines media type"},
        422: {"model": m.ErrorOut, "description": "Empty body"},
    },
    dependencies=[Depends(require_token)],
    openapi_extra=_JSONL_BODY,
    summary="Ingest article JSON Lines (write)",
)
async def ingest_jsonl(request: Request) -> dict[str, Any]:
    """Store and process the posted lines; run `watchfloor run` (or fuse) to update events."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media and media not in JSONL_TYPES:
        raise HTTPException(415, f"post article JSON Lines as one of {', '.join(JSONL_TYPES)}")
    body = await request.body()
    if not body.strip():
        raise HTTPException(422, "empty body: post one article JSON object a line")
    return await run_in_threadpool(_ingest, request, body, None)


@router.post(
    "/ingest/urls",
    response_model=m.IngestOut,
    responses={**UNAUTHORIZED, **BAD_BODY},
    dependencies=[Depends(require_token)],
    summary="Fetch and ingest http(s) URLs or feeds (write)",
)
def ingest_urls(request: Request, body: m.IngestUrls) -> dict[str, Any]:
    """Fetch pages or feeds (private addresses refused) and process them."""
    bad = [u for u in body.urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        # never let a web client name a path on the server's disk
        raise HTTPException(status_code=422, detail=f"only http(s) URLs are accepted: {bad[:3]}")
    return _ingest(request, None, body.urls)


def _ingest(request: Request, body: bytes | None, urls: list[str] | None) -> dict[str, Any]:
    """Run ingest on a request's lines or URLs in this worker thread, one worker process."""
    from watchfloor.ingest.jsonl import iter_jsonl
    from watchfloor.ingest.sources import iter_inputs
    from watchfloor.pipeline import versions

    _import_cli()
    from watchfloor.surfaces.cli_ingest import make_fetcher

    config = config_of(request)
    stages: tuple[str, ...] = request.app.state.ingest_stages
    with q.open_store(db_path(request)) as store:
        run_id = store.start_run("web ingest", config.resolved_json(), versions())
        ingestor = Ingestor(store, config, stages=stages, workers=1)
        items: Iterator[Any]
        if body is not None:
            items = iter_jsonl(
                io.BytesIO(body), location="web-api", max_bytes=config.ingest.max_bytes
            )
        else:
            items = iter_inputs(
                urls or [],
                fetcher=make_fetcher(config, store, False),  # type: ignore[arg-type]
                max_bytes=config.ingest.max_bytes,
                follow_feeds=config.ingest.follow_feeds,
            )
        todo = ingestor.read(items)
        ingestor.process(todo)
        store.finish_run(run_id, ingestor.stats.as_dict())
        stats = ingestor.stats
    return {
        "inputs": stats.inputs,
        "new": stats.new,
        "updated": stats.updated,
        "unchanged": stats.unchanged,
        "processed": stats.processed,
        "read_rejected": stats.read_rejected,
        "quarantined": dict(stats.quarantined),
    }


def _import_cli() -> None:
    """Import the CLI before cli_ingest: importing cli_ingest first is a circular import."""
    import watchfloor.cli  # noqa: F401
