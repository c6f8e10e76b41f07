"""The actor registry: YAML data shipped in the package plus user files, validated once.

A watch is configuration: actors with names per language, surnames, roles with date ranges,
role phrases ("the Russian president") and per-language lexicons. Countries come from CLDR
(babel) with only aliases and demonyms added by hand. User files override shipped entries with
the same id, key by key of the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.core import get_global

LANGS: tuple[str, ...] = ("en", "ja", "ko", "ru", "zh")
KINDS = frozenset({"person", "organization", "country", "place", "vessel", "event", "other"})
SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "MED",
        "EDU",
        "BUS",
        "CRM",
        "CVL",
        "IGO",
        "NGO",
        "LEG",
        "REF",
        "AGR",
        "ELI",
        "HLH",
        "LAB",
        "REL",
        "UAF",
        "OTHER",
    }
)
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9:._-]*$")
_CLDR_LOCALE = {"en": "en", "ja": "ja", "ko": "ko", "ru": "ru", "zh": "zh"}


class RegistryError(ValueError):
    """A registry file is malformed; the message names the file and the entry."""

    def __init__(self, source: str, entry: str, message: str) -> None:
        super().__init__(f"{source}: entry {entry}: {message}")
        self.source = source
        self.entry = entry


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """An office held from ``start`` to ``end`` (inclusive; None = open)."""

    role: str
    start: date | None = None
    end: date | None = None

    def active(self, on: date | None) -> bool:
        """Active on a date; with no date, only open-ended (current) holdings count."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True, eq=False)
class Actor:
    """One registry entry. ``names``/``short_forms``/``surnames`` map a language to spellings."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    short_forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    surnames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roles: tuple[RoleSpan, ...] = ()
    metonym_of: str | None = None
    umbrella: bool = False  # names the parent of other bodies (the UN of 国連の安保理)
    source: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    """An office and the phrases that name it per language."""

    id: str
    country: str | None
    phrases: Mapping[str, tuple[str, ...]]
    titles: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Per-language titles, blockers and country abbreviations used by the matcher."""

    titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    blockers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    abbreviations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    abbreviation_separators: tuple[str, ...] = ()
    abbreviation_suffixes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    org_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    s2t: Mapping[str, str] = field(default_factory=dict)
    # names that are also common words (ko 인도 "handover", 수단 "means", 저지 "stop"): they
    # count only when one of ``homograph_context`` follows them (인도 정부, 수단 내전)
    homographs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    homograph_context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # one character that stands alone for a country (ko 北 = North Korea), and per language
    # what must follow it (nothing listed: anything but another ideograph)
    standalone_abbreviations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    standalone_following: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _as_date(value: Any, source: str, entry: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RegistryError(source, entry, f"not an ISO date: {value!r}")


def _lang_map(value: Any, source: str, entry: str, key: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RegistryError(source, entry, f"{key} must map a language to a list of names")
    out: dict[str, tuple[str, ...]] = {}
    for lang, names in value.items():
        if lang not in LANGS:
            raise RegistryError(source, entry, f"{key}: unknown language {lang!r}")
        if names is None:
            continue
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str | int) for n in names):
            raise RegistryError(source, entry, f"{key}.{lang} must be a list of strings")
        out[str(lang)] = tuple(str(n).strip() for n in names if str(n).strip())
    return out


def _parse_actor(raw: Any, source: str, index: int) -> Actor:
    if not isinstance(raw, dict):
        raise RegistryError(source, f"#{index}", "an actor must be a mapping")
    entry = str(raw.get("id", f"#{index}"))
    unknown = set(raw) - {
        "id",
        "name",
        "kind",
        "country",
        "sector",
        "wikidata",
        "names",
        "short_forms",
        "surname",
        "roles",
        "metonym_of",
        "umbrella",
    }
    if unknown:
        raise RegistryError(source, entry, f"unknown keys {sorted(unknown)}")
    for key in ("id", "name", "kind"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RegistryError(source, entry, f"missing or empty {key!r}")
    if not _ID_RE.match(raw["id"]):
        raise RegistryError(source, entry, "id must be lower-case letters, digits, -_.:")
    if raw["kind"] not in KINDS:
        raise RegistryError(source, entry, f"kind {raw['kind']!r} not in {sorted(KINDS)}")
    country = raw.get("country")
    if country is not None and not (
        isinstance(country, str) and re.fullmatch(r"[A-Z]{3}", country)
    ):
        raise RegistryError(source, entry, f"country must be ISO 3166-1 alpha-3: {country!r}")
    sector = raw.get("sector")
    if sector is not None and sector not in SECTORS:
        raise RegistryError(source, entry, f"sector {sector!r} is not a PLOVER agent sector")
    wikidata = raw.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and re.fullmatch(r"Q\d+", wikidata)):
        raise RegistryError(source, entry, f"wikidata must look like Q123: {wikidata!r}")
    roles: list[RoleSpan] = []
    for r in raw.get("roles") or []:
        if not isinstance(r, dict) or not isinstance(r.get("role"), str):
            raise RegistryError(source, entry, "each role needs a 'role' id")
        start = _as_date(r.get("from"), source, entry)
        end = _as_date(r.get("to"), source, entry)
        if start and end and end < start:
            raise RegistryError(source, entry, f"role {r['role']} ends before it starts")
        roles.append(RoleSpan(r["role"], start, end))
    names = _lang_map(raw.get("names"), source, entry, "names")
    if not names:
        raise RegistryError(source, entry, "needs names in at least one language")
    return Actor(
        id=raw["id"],
        name=raw["name"].strip(),
        kind=raw["kind"],
        country=country,
        sector=sector,
        wikidata=wikidata,
        names=names,
        short_forms=_lang_map(raw.get("short_forms"), source, entry, "short_forms"),
        surnames=_lang_map(raw.get("surname"), source, entry, "surname"),
        roles=tuple(roles),
        metonym_of=raw.get("metonym_of"),
        umbrella=bool(raw.get("umbrella", False)),
        source=source,
    )


def _parse_role(raw: Any, source: str, index: int) -> Role:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise RegistryError(source, f"role #{index}", "a role must be a mapping with an id")
    entry = raw["id"]
    return Role(
        id=entry,
        country=raw.get("country"),
        phrases=_lang_map(raw.get("phrases"), source, entry, "phrases"),
        titles=_lang_map(raw.get("titles"), source, entry, "titles"),
    )


def _alpha3_table() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 from CLDR's territory aliases (alpha-3 codes alias alpha-2)."""
    out: dict[str, str] = {}
    for key, value in get_global("territory_aliases").items():
        if len(key) == 3 and key.isalpha() and isinstance(value, list) and len(value) == 1:
            out.setdefault(value[0], key)
    return out


def _country_actors(spec: Mapping[str, Any], source: str) -> list[Actor]:
    """One actor per CLDR territory with an alpha-3 code, names in every language from CLDR."""
    overrides = spec.get("canonical_overrides") or {}
    skip = set(spec.get("skip") or [])
    aliases = spec.get("aliases") or {}
    short = spec.get("short_forms") or {}
    alpha3 = _alpha3_table()
    territories = {lang: Locale.parse(loc).territories for lang, loc in _CLDR_LOCALE.items()}
    trad = Locale.parse("zh_Hant").territories
    out: list[Actor] = []
    for code, en_name in sorted(territories["en"].items()):
        if len(code) != 2 or not code.isalpha() or code in skip or code not in alpha3:
            continue
        entry = f"country {code}"
        names: dict[str, tuple[str, ...]] = {}
        extra = _lang_map(aliases.get(code), source, entry, "aliases")
        for lang in LANGS:
            cldr = territories[lang].get(code)
            spellings = [cldr] if cldr else []
            if lang == "zh" and trad.get(code):
                spellings.append(trad[code])
            # CLDR adds qualifiers in parentheses ("Myanmar (Burma)"): match the bare name too
            spellings += [re.sub(r"\s*[(（].*?[)）]", "", s) for s in spellings]
            spellings += list(extra.get(lang, ()))
            names[lang] = tuple(dict.fromkeys(s for s in spellings if s))
        out.append(
            Actor(
                id=f"country:{alpha3[code]}",
                name=str(overrides.get(code, en_name)),
                kind="country",
                country=alpha3[code],
                sector="GOV",
                names=names,
                short_forms=_lang_map(short.get(code), source, entry, "short_forms"),
                source=source,
            )
        )
    return out


def _parse_lexicon(raw: Any, source: str) -> Lexicon:
    if not isinstance(raw, dict):
        raise RegistryError(source, "lexicon", "must be a mapping")
    s2t_raw = str(raw.get("s2t") or "")
    if len(s2t_raw) % 2:
        raise RegistryError(source, "lexicon", "s2t must hold simplified/traditional pairs")
    abbreviations = _char_tables(raw.get("abbreviations"))
    return Lexicon(
        titles=_lang_map(raw.get("titles"), source, "lexicon", "titles"),
        blockers=_lang_map(raw.get("blockers"), source, "lexicon", "blockers"),
        abbreviations=abbreviations,
        abbreviation_separators=tuple(raw.get("abbreviation_separators") or ()),
        abbreviation_suffixes=_lang_map(
            raw.get("abbreviation_suffixes"), source, "lexicon", "abbreviation_suffixes"
        ),
        org_words=_lang_map(raw.get("org_words"), source, "lexicon", "org_words"),
        s2t={s2t_raw[i]: s2t_raw[i + 1] for i in range(0, len(s2t_raw), 2)},
        homographs=_lang_map(raw.get("homographs"), source, "lexicon", "homographs"),
        homograph_context=_lang_map(
            raw.get("homograph_context"), source, "lexicon", "homograph_context"
        ),
        standalone_abbreviations=_char_tables(raw.get("standalone_abbreviations")),
        standalone_following=_lang_map(
            raw.get("standalone_following"), source, "lexicon", "standalone_following"
        ),
    )


def _char_tables(raw: Any) -> dict[str, dict[str, str]]:
    """Per language: a one-character short form -> its country code."""
    return {
        str(lang): {str(k): str(v) for k, v in (table or {}).items()}
        for lang, table in (raw or {}).items()
    }


def _merge_lexicon(a: Lexicon, b: Lexicon) -> Lexicon:
    def merge(
        x: Mapping[str, tuple[str, ...]], y: Mapping[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        return {k: tuple(dict.fromkeys((*x.get(k, ()), *y.get(k, ())))) for k in {*x, *y}}

    def tables(
        x: Mapping[str, Mapping[str, str]], y: Mapping[str, Mapping[str, str]]
    ) -> dict[str, dict[str, str]]:
        return {k: {**x.get(k, {}), **y.get(k, {})} for k in {*x, *y}}

    return Lexicon(
        titles=merge(a.titles, b.titles),
        blockers=merge(a.blockers, b.blockers),
        abbreviations=tables(a.abbreviations, b.abbreviations),
        abbreviation_separators=tuple(
            dict.fromkeys((*a.abbreviation_separators, *b.abbreviation_separators))
        ),
        abbreviation_suffixes=merge(a.abbreviation_suffixes, b.abbreviation_suffixes),
        org_words=merge(a.org_words, b.org_words),
        s2t={**a.s2t, **b.s2t},
        homographs=merge(a.homographs, b.homographs),
        homograph_context=merge(a.homograph_context, b.homograph_context),
        standalone_abbreviations=tables(a.standalone_abbreviations, b.standalone_abbreviations),
        standalone_following=merge(a.standalone_following, b.standalone_following),
    )


def shipped_files() -> list[Path]:
    """The registry files shipped in ``watchfloor/data/actors``, in a stable order."""
    root = resources.files("watchfloor") / "data" / "actors"
    return sorted(Path(str(p)) for p in root.iterdir() if str(p).endswith((".yaml", ".yml")))


class Registry:
    """Actors, roles and lexicons, with the lookups the matcher and coreference need."""

    def __init__(self, actors: Iterable[Actor], roles: Iterable[Role], lexicon: Lexicon) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors[actor.id] = actor
        self.roles: dict[str, Role] = {r.id: r for r in roles}
        self.lexicon = lexicon
        for actor in self.actors.values():
            for span in actor.roles:
                if span.role not in self.roles:
                    raise RegistryError(actor.source, actor.id, f"unknown role {span.role!r}")
            if actor.metonym_of and actor.metonym_of not in self.actors:
                raise RegistryError(
                    actor.source, actor.id, f"unknown metonym_of {actor.metonym_of!r}"
                )
        self._holders: dict[str, list[tuple[Actor, RoleSpan]]] = {}
        for actor in self.actors.values():
            for span in actor.roles:
                self._holders.setdefault(span.role, []).append((actor, span))
        self._phrase_roles: dict[tuple[str, str], list[str]] = {}
        for role in self.roles.values():
            for lang, phrases in role.phrases.items():
                for phrase in phrases:
                    self._phrase_roles.setdefault((lang, phrase.casefold()), []).append(role.id)
        self._surnames: dict[tuple[str, str], list[Actor]] = {}
        for actor in self.actors.values():
            for lang, surnames in actor.surnames.items():
                for s in surnames:
                    self._surnames.setdefault((lang, s), []).append(actor)
        self._by_name = {a.name.casefold(): a for a in self.actors.values()}
        self._by_alpha3 = {
            a.country: a for a in self.actors.values() if a.kind == "country" and a.country
        }

    @classmethod
    def load(cls, user_files: Sequence[str | Path] = (), *, shipped: bool = True) -> Registry:
        """Load the shipped registry then each user file; later entries override by id."""
        files = [*(shipped_files() if shipped else []), *(Path(p) for p in user_files)]
        actors: dict[str, Actor] = {}
        roles: dict[str, Role] = {}
        lexicon = Lexicon()
        for path in files:
            source = str(path)
            try:
                doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            except FileNotFoundError as exc:
                raise RegistryError(source, "-", "file not found") from exc
            except yaml.YAMLError as exc:
                raise RegistryError(source, "-", f"invalid YAML: {exc}") from exc
            except ValueError as exc:  # PyYAML builds dates while parsing: 2020-13-01 fails here
                raise RegistryError(source, "-", f"a value is not an ISO date: {exc}") from exc
            if doc is None:
                continue
            if not isinstance(doc, dict):
                raise RegistryError(source, "-", "top level must be a mapping")
            unknown = set(doc) - {"actors", "roles", "lexicon", "countries"}
            if unknown:
                raise RegistryError(source, "-", f"unknown top-level keys {sorted(unknown)}")
            for i, raw in enumerate(doc.get("actors") or []):
                actor = _parse_actor(raw, source, i)
                if actor.id in actors and actors[actor.id].source == source:
                    raise RegistryError(source, actor.id, "duplicate id in the same file")
                actors[actor.id] = actor
            for i, raw in enumerate(doc.get("roles") or []):
                role = _parse_role(raw, source, i)
                roles[role.id] = role
            if doc.get("lexicon") is not None:
                lexicon = _merge_lexicon(lexicon, _parse_lexicon(doc["lexicon"], source))
            if doc.get("countries") is not None:
                for actor in _country_actors(doc["countries"], source):
                    actors.setdefault(actor.id, actor)
        return cls(actors.values(), roles.values(), lexicon)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def by_name(self, canonical_name: str) -> Actor | None:
        return self._by_name.get(canonical_name.casefold())

    def country(self, alpha3: str) -> Actor | None:
        return self._by_alpha3.get(alpha3)

    def holders(self, role_id: str, on: date | None) -> tuple[Actor, ...]:
        """Who held a role on a date (None: the current holders, open-ended ranges)."""
        return tuple(a for a, span in self._holders.get(role_id, ()) if span.active(on))

    def holders_ever(self, role_id: str) -> tuple[Actor, ...]:
        """Everyone the registry records as having held a role, in registry order."""
        return tuple(dict.fromkeys(a for a, _span in self._holders.get(role_id, ())))

    def roles_at(self, role_phrase: str, lang: str, on: date | None) -> tuple[Actor, ...]:
        """Actors a role phrase designates on a date, e.g. ("Russian President", "en", d)."""
        out: dict[str, Actor] = {}
        for role_id in self._phrase_roles.get((lang, role_phrase.strip().casefold()), ()):
            for actor in self.holders(role_id, on):
                out[actor.id] = actor
        return tuple(out.values())

    def with_surname(self, lang: str, surname: str) -> tuple[Actor, ...]:
        return tuple(self._surnames.get((lang, surname), ()))

    def surname_items(self, lang: str) -> list[tuple[str, tuple[Actor, ...]]]:
        return [(s, tuple(a)) for (lg, s), a in self._surnames.items() if lg == lang]

    def role_titles(self, actor: Actor, lang: str, on: date | None) -> set[str]:
        """Short titles (위원장, President) of the roles an actor holds on a date."""
        out: set[str] = set()
        for span in actor.roles:
            # undated text: any role the actor ever held (the surname narrows it down already)
            if on is None or span.active(on):
                out.update(self.roles[span.role].titles.get(lang, ()))
        return out
