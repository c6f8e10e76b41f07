"""Configuration: the shipped default.toml, a user file over it key by key, CLI overrides last.

Validated once into frozen pydantic models and passed explicitly; there is no global config.
"""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from watchfloor.errors import ConfigError


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LanguagesConfig(_Frozen):
    enabled: tuple[str, ...]


class IngestConfig(_Frozen):
    max_bytes: int
    workers: int
    batch_size: int
    follow_feeds: bool


class FetchConfig(_Frozen):
    timeout: float
    max_bytes: int
    retries: int
    backoff: float
    per_host_delay: float
    user_agent: str
    allow_private: bool


class ExtractConfig(_Frozen):
    min_text_chars: int
    boilerplate_lexicons: tuple[str, ...]


class EntitiesConfig(_Frozen):
    registry_files: tuple[str, ...]
    user_registry: str
    ner: bool


class ClaimsConfig(_Frozen):
    extractors: tuple[str, ...]


class FuseConfig(_Frozen):
    story_window_days: int
    copy_threshold: float


class ServeConfig(_Frozen):
    host: str
    port: int
    token: str


class Config(_Frozen):
    languages: LanguagesConfig
    ingest: IngestConfig
    fetch: FetchConfig
    extract: ExtractConfig
    timezones: dict[str, str]
    entities: EntitiesConfig
    claims: ClaimsConfig
    fuse: FuseConfig
    serve: ServeConfig

    def resolved_json(self) -> str:
        """The resolved configuration, recorded with every run."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in base:
            raise ConfigError(f"{where}: unknown key '{key}'")
        if isinstance(base[key], dict) and key != "timezones":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: '{key}' must be a table")
            merged[key] = _merge(base[key], value, f"{where}.{key}")
        elif isinstance(base[key], dict):
            merged[key] = {**base[key], **value}
        else:
            merged[key] = value
    return merged


def _parse_override(text: str) -> tuple[list[str], Any]:
    if "=" not in text:
        raise ConfigError(f"override '{text}' must look like section.key=value")
    dotted, raw = text.split("=", 1)
    path = [part for part in dotted.strip().lstrip("-").split(".") if part]
    if len(path) < 2:
        raise ConfigError(f"override '{text}' must name a section and a key")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw  # a bare word is a string
    return path, value


def default_dict() -> dict[str, Any]:
    text = resources.files("watchfloor").joinpath("default.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_config(path: str | Path | None = None, overrides: tuple[str, ...] = ()) -> Config:
    """Resolve the configuration: defaults, then a user TOML file, then ``section.key=value``."""
    data = default_dict()
    if path is not None:
        p = Path(path)
        try:
            user = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file not found: {p}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: invalid TOML: {exc}") from exc
        data = _merge(data, user, str(p))
    for text in overrides:
        keys, value = _parse_override(text)
        patch: dict[str, Any] = {keys[-1]: value}
        for key in reversed(keys[:-1]):
            patch = {key: patch}
        data = _merge(data, patch, "override")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"invalid configuration at {where}: {first['msg']}") from exc
