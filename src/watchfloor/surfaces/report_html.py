"""Jinja2 environment for the static report pages (timeline, briefing).

Autoescaping is on for every template: article text, titles and names are untrusted input.
Links to original articles are emitted only for http(s) URLs, so a ``javascript:`` URL in an
input can never become a clickable link.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None (rendered as plain text)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    folder = Path(str(resources.files("watchfloor") / "surfaces" / "templates"))
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
