"""Conversions between records and their stored (JSON / ISO 8601) forms."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from watchfloor.records import InputHints, Provenance, Span


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def provenance_to_json(p: Provenance | None) -> str | None:
    return None if p is None else dumps(asdict(p))


def provenance_from_json(text: str | None) -> Provenance | None:
    return None if text is None else Provenance(**json.loads(text))


def hints_to_json(h: InputHints) -> str:
    return dumps({k: v for k, v in asdict(h).items() if v is not None})


def hints_from_json(text: str) -> InputHints:
    return InputHints(**json.loads(text))


def spans_to_json(spans: tuple[Span, ...]) -> str:
    return dumps([[s.start, s.end] for s in spans])


def spans_from_json(text: str) -> tuple[Span, ...]:
    return tuple(Span(int(a), int(b)) for a, b in json.loads(text))


def dt_to_text(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def dt_from_text(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
