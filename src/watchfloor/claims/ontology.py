"""The event ontology as data: PLOVER types, modes, contexts, the CAMEO table and the sanctions
extension (data/ontology/*.toml), loaded once and queried by the extractors and exports."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Types whose participants are interchangeable: "A met B" is "B met A".
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad: str
    modes: tuple[str, ...]
    contexts: tuple[str, ...]
    in_reference: bool


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    type: str
    mode: str
    contexts: tuple[str, ...]
    label: str


@dataclass(frozen=True, slots=True)
class SanctionsMode:
    """A sanctions-relevant refinement of a PLOVER type (troop deployment, veto, ...)."""

    key: str
    type: str
    mode: str
    label: str
    contexts: tuple[str, ...]
    lead_category: str
    provisions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    types: dict[str, EventType]
    contexts: tuple[str, ...]
    cameo: tuple[CameoCode, ...]
    sanctions: dict[str, SanctionsMode]

    def is_type(self, name: str) -> bool:
        return name in self.types

    def from_cameo(self, code: str) -> tuple[CameoCode, ...]:
        """PLOVER readings of a CAMEO code; falls back to its parent (0311 -> 031 -> 03)."""
        code = code.strip()
        while code:
            hits = tuple(c for c in self.cameo if c.code == code)
            if hits:
                return hits
            code = code[:-1]
        return ()

    def sanctions_mode_of(self, type_: str, mode: str | None) -> SanctionsMode | None:
        """The sanctions extension entry a (type, mode) pair falls under, if any."""
        for entry in self.sanctions.values():
            if entry.type == type_ and entry.mode == mode:
                return entry
        return None


def _data_dir() -> Path:
    return Path(str(resources.files("watchfloor") / "data" / "ontology"))


def parse_ontology(plover: dict[str, object], sanctions: dict[str, object]) -> Ontology:
    """Build an Ontology from the parsed plover.toml and sanctions.toml documents."""
    raw_types = plover.get("types", {})
    assert isinstance(raw_types, dict)
    types = {
        name: EventType(
            name=name,
            quad=str(body.get("quad", "other")),
            modes=tuple(body.get("modes", ())),
            contexts=tuple(body.get("contexts", ())),
            in_reference=bool(body.get("in_reference", False)),
        )
        for name, body in raw_types.items()
    }
    raw_cameo = plover.get("cameo", [])
    assert isinstance(raw_cameo, list)
    cameo = tuple(
        CameoCode(
            code=str(row["code"]),
            type=str(row["type"]),
            mode=str(row.get("mode", "")),
            contexts=tuple(row.get("contexts", ())),
            label=str(row.get("label", "")),
        )
        for row in raw_cameo
    )
    raw_modes = sanctions.get("modes", {})
    assert isinstance(raw_modes, dict)
    extension = {
        key: SanctionsMode(
            key=key,
            type=str(body["type"]),
            mode=str(body["mode"]),
            label=str(body.get("label", "")),
            contexts=tuple(body.get("contexts", ())),
            lead_category=str(body.get("lead_category", "other")),
            provisions=tuple(body.get("provisions", ())),
        )
        for key, body in raw_modes.items()
    }
    contexts = plover.get("contexts", ())
    assert isinstance(contexts, list | tuple)
    return Ontology(
        version=str(plover.get("version", "")),
        types=types,
        contexts=tuple(str(c) for c in contexts),
        cameo=cameo,
        sanctions=extension,
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The shipped ontology, loaded once per process."""
    base = _data_dir()
    with (base / "plover.toml").open("rb") as fh:
        plover = tomllib.load(fh)
    with (base / "sanctions.toml").open("rb") as fh:
        sanctions = tomllib.load(fh)
    return parse_ontology(plover, sanctions)
