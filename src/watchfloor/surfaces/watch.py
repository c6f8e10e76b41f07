"""The watch config (``watch.toml``): what to read, whom to watch, which alerts to raise, and
where the outputs go. A watch is configuration, not code (DESIGN.md).

Relative paths in the file are relative to the file's own folder, so a watch can be run from
anywhere.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from watchfloor.errors import ConfigError

RuleKind = Literal["new_event", "new_lead", "contradiction"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AlertRule(_Frozen):
    """One alert rule. Empty filters do not filter.

    new_event: an event whose actors (or recipients, per ``role``) include one of ``actors``
    (persons and organisations count for their country), of one of ``types``, whose mode contains
    one of ``modes``. new_lead: a lead of one of ``categories``. contradiction: a claim whose
    stance opposes an earlier claim about the same event (denies vs accuses/confirms).
    """

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.:-]+$")
    kind: RuleKind
    actors: tuple[str, ...] = ()
    role: Literal["actor", "recipient", "any"] = "actor"
    types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    min_corroboration: int = Field(default=0, ge=0)

    @field_validator("types")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.upper() for v in value)


class AlertSettings(_Frozen):
    webhook: str | None = None  # http(s) URL; alerts are printed either way
    retries: int = Field(default=3, ge=0, le=10)
    backoff: float = Field(default=0.5, ge=0.0)  # seconds, doubled per retry
    timeout: float = Field(default=10.0, gt=0.0)
    rules: tuple[AlertRule, ...] = ()

    @field_validator("webhook")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        assert value is not None
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError("webhook must be an http(s) URL")
        return value

    @field_validator("rules")
    @classmethod
    def _unique(cls, value: tuple[AlertRule, ...]) -> tuple[AlertRule, ...]:
        names = [r.name for r in value]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"alert rule names must be unique: {', '.join(dupes)}")
        return value


class BriefingSettings(_Frozen):
    """The briefing period: explicit dates, else the last ``period_days`` up to the latest event."""

    period_days: int = Field(default=30, ge=1)
    since: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    until: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    top: int = Field(default=5, ge=1, le=50)
    max_items: int = Field(default=25, ge=1)


class Watch(_Frozen):
    name: str = "watch"
    base_dir: Path = Path(".")  # the watch file's folder; relative paths resolve against it
    feeds: tuple[str, ...] = ()  # RSS/Atom URLs or files
    inputs: tuple[str, ...] = ()  # files, folders, JSONL, WARC, URLs
    actors: tuple[str, ...] = ()  # actors of interest (canonical names)
    event_types: tuple[str, ...] = ()  # PLOVER types of interest; empty: all
    output_dir: str = "out"
    briefing: BriefingSettings = BriefingSettings()
    alerts: AlertSettings = AlertSettings()

    @field_validator("event_types")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.upper() for v in value)

    def _resolve(self, item: str) -> str:
        if "://" in item or item == "-":
            return item
        path = Path(item).expanduser()
        return str(path if path.is_absolute() else (self.base_dir / path))

    def targets(self) -> list[str]:
        """What `watchfloor run` reads: inputs then feeds, relative paths resolved."""
        return [self._resolve(t) for t in (*self.inputs, *self.feeds)]

    def out_path(self) -> Path:
        return Path(self._resolve(self.output_dir))


def parse_watch(data: dict[str, object], base_dir: Path, where: str = "watch") -> Watch:
    """Validate a parsed watch document; the error names the offending key."""
    flat: dict[str, object] = dict(data.get("watch", {}) or {})  # type: ignore[call-overload]
    for section in ("briefing", "alerts"):
        if section in data:
            flat[section] = data[section]
    unknown = sorted(set(data) - {"watch", "briefing", "alerts"})
    if unknown:
        raise ConfigError(f"{where}: unknown table(s) {', '.join(unknown)}")
    alerts = flat.get("alerts")
    if isinstance(alerts, dict) and "rule" in alerts:
        # [[alerts.rule]] in TOML reads naturally; the model calls the list `rules`
        alerts = dict(alerts)
        alerts["rules"] = alerts.pop("rule")
        flat["alerts"] = alerts
    flat["base_dir"] = base_dir
    try:
        return Watch.model_validate(flat)
    except ValidationError as exc:
        first = exc.errors()[0]
        parts = [str(part) for part in first["loc"]] or ["watch"]
        if parts[0] not in ("briefing", "alerts"):
            parts.insert(0, "watch")  # keys of the [watch] table are flattened into the model
        loc = ".".join("rule" if p == "rules" else p for p in parts)
        raise ConfigError(f"{where}: invalid watch config at {loc}: {first['msg']}") from exc


def load_watch(path: str | Path) -> Watch:
    """Read and validate a watch.toml; raises ConfigError with a one-line reason."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"watch file not found: {p}") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"watch file is a folder: {p}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: invalid TOML: {exc}") from exc
    return parse_watch(data, p.resolve().parent, str(p))
