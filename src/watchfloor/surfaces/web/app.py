"""The web application: server-rendered pages, the REST API under /api, local static files.

Nothing is loaded from a CDN: FastAPI's Swagger/ReDoc pages (which pull scripts from one) are
off; the OpenAPI schema is served at /api/openapi.json. Every response carries a restrictive
Content-Security-Policy (self only, no inline script or style).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from watchfloor import __version__
from watchfloor.config import Config
from watchfloor.errors import NotFound, StoreError
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.web.auth import REFUSED, bearer_ok

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DEFAULT_INGEST_STAGES: tuple[str, ...] = ("extract", "entities", "claims")


def package_dir() -> Path:
    return Path(str(resources.files("watchfloor.surfaces.web")))


def create_app(
    db_path: Path,
    config: Config,
    token: str,
    *,
    ingest_stages: tuple[str, ...] = DEFAULT_INGEST_STAGES,
) -> FastAPI:
    """Build the app over one store file; writes need ``token`` (must not be empty)."""
    if not token:
        raise ValueError("the web app needs a non-empty write token")
    SqliteStore(db_path, create=True).close()  # create and migrate once, before any request
    app = FastAPI(
        title="watchfloor",
        version=__version__,
        description="Sourced, deduplicated records of who did what to whom, according to whom. "
        "Reads need no token; writes need `Authorization: Bearer <token>`.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db_path = Path(db_path)
    app.state.config = config
    app.state.token = token
    app.state.ingest_stages = ingest_stages

    from watchfloor.surfaces.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=package_dir() / "static"), name="static")

    writes = [
        (route.path_regex, (route.methods or set()) - {"GET", "HEAD"})
        for route in api.router.routes
        if isinstance(route, APIRoute) and (route.methods or set()) - {"GET", "HEAD"}
    ]

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if any(
            request.method in m and r.match(request.url.path) for r, m in writes
        ) and not bearer_ok(request.headers.get("authorization"), token):
            # refuse before the body is read or parsed
            response: Response = JSONResponse(
                {"detail": REFUSED}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        else:
            response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return pages.error_page(request, 404, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return HTMLResponse(f"store unavailable: {exc}", status_code=503)

    return app
