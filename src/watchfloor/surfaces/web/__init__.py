"""The web UI and REST API of `watchfloor serve` (FastAPI, server-rendered, no CDN)."""

from __future__ import annotations

from watchfloor.surfaces.web.app import create_app

__all__ = ["create_app"]
