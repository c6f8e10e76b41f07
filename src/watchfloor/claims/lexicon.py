"""Per-language lexicons as data: event triggers (data/lexicons/triggers/{lang}.toml), reporting
frames and stances (data/lexicons/reporting/{lang}.toml) and the shared metonyms (_common.toml).

Terms are compiled once into regular expressions. English and Russian terms match whole words;
Japanese, Korean and Chinese have no spaces, so their terms match as substrings.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

SPACED_LANGS = frozenset({"en", "ru"})
LANGS = ("ja", "ko", "en", "ru", "zh")


@dataclass(frozen=True, slots=True)
class FrameSpec:
    """One trigger entry: words that signal an event of a PLOVER type and mode.

    ``contested``: when a third party reports it, it is an allegation (troops, arms).
    ``needs``: participants the frame must have: "two" (actor and partner), "actor", "recipient".
    ``passive``: terms whose grammatical subject is the recipient ("was welcomed by").
    ``speech``: the trigger is itself a speech act (accuse, deny, veto announced): its subject is
    also its asserter.
    ``evaluative``: a speech frame whose words judge another's act ("had undermined", 無責任,
    台無しにした) rather than say something: its grammatical subject is the target, and it is a
    criticism only when a speaker says it.
    """

    key: str
    type: str
    mode: str | None
    strength: float
    regex: re.Pattern[str]
    passive: re.Pattern[str] | None
    contested: bool
    needs: str
    speech: bool
    default_recipients: tuple[str, ...]
    planned: bool
    genitive: str | None = None  # role of a mention in "X's <trigger>": "actor" | "recipient"
    # kinds a recipient may have ("country" for a veto: its target is the resolution's sponsor,
    # never the council voting nor the panel it concerns); empty: any kind
    recipient_kinds: tuple[str, ...] = ()
    # strength when both sides of the act are named ("Russia and North Korea agreed on …"):
    # a weak word with its two parties is a full claim; None: always ``strength``
    paired_strength: float | None = None
    # the actor receives (an import): a mention marked as the origin (从中国) is the other party
    receives: bool = False
    # when set, only a mention marked by these is a recipient: the sponsor of a vetoed
    # resolution ("a US-drafted resolution", 미국이 제출한 결의안), text right after / before it
    recipient_after: re.Pattern[str] | None = None
    recipient_before: re.Pattern[str] | None = None
    # the PLOVER role of the receiving side of a ``receives`` frame: the importer is the actor
    # of an import, but the recipient of AID (whose actor is the origin that provides it)
    receiver_role: str = "actor"
    # what the actor provides, named after its owner: "North Korean troops", 북한군, 朝鲜士兵;
    # the owner is the actor whoever carries them ("Russia transported North Korean troops")
    owned: re.Pattern[str] | None = None
    # what the act is about, by kind: the document signed ("protocol": 의정서, 議定書,
    # "протокол…"); each kind's regex is looked for in the trigger's span and, for a verb that
    # comes before its object ("подписали протокол"), up to ``objects_after`` characters after it
    objects: tuple[tuple[str, re.Pattern[str]], ...] = ()
    objects_after: int = 0
    evaluative: bool = False


@dataclass(frozen=True, slots=True)
class Cues:
    """Modality and role cues of one language, each compiled to a regex (None when empty)."""

    planned: re.Pattern[str] | None
    negation: re.Pattern[str] | None
    hypothetical: re.Pattern[str] | None
    historical: re.Pattern[str] | None
    anaphora: re.Pattern[str] | None
    subject_after: re.Pattern[str] | None  # particle right after a mention: は/が, 은/는/이/가
    topic_after: re.Pattern[str] | None  # topic marker: は, 은/는
    object_after: re.Pattern[str] | None  # を/に/と, 을/를/에게/와/과
    partner_before: re.Pattern[str] | None  # "with", "с", 与/同/和
    recipient_before: re.Pattern[str] | None  # "to", 向
    coordination: re.Pattern[str] | None  # "and", と, 와/과, 和, и
    clause_break: re.Pattern[str] | None
    # the trigger names a background event: "after the summit", 회담을 위해, 締結後, 보낸 적이 있다
    background: re.Pattern[str] | None = None
    # the background cues that open a clause whose finite verb is still background ("since")
    background_clause: re.Pattern[str] | None = None
    # the act is still going on (has shipped, 送っている, 보내왔다): a "since" bound dates it
    ongoing: re.Pattern[str] | None = None
    # "both countries", 両国, 양국: the pair of countries the section is about
    pair: re.Pattern[str] | None = None
    # a reporting verb by which a speaker owns up to an act (認めた, 인정했다, "acknowledged"):
    # the speaker may be the agent of a contested act it reports (its own troops sent)
    admission: re.Pattern[str] | None = None
    # the origin of goods or people right before a mention: 从, 從, 经 (never the subject)
    origin_before: re.Pattern[str] | None = None
    # a preposition that makes the mention after it an adverbial, never the subject: 在 (in,
    # during: 朝鲜在金正恩出访期间发射了导弹), 由于 (because of)
    adjunct_before: re.Pattern[str] | None = None
    # ko: an adverbial particle (kiwipiepy's JKB) after a mention that names no recipient: of
    # place (에서: where, an adverbial) or of source (로부터: whence, the origin of goods received)
    adjunct_after: re.Pattern[str] | None = None
    origin_after: re.Pattern[str] | None = None
    # a suffix right after a country that names where goods were made (러시아산, ロシア製,
    # 俄罗斯产, "Russian-made"): the country qualifies the goods and is no party to the act
    made_after: re.Pattern[str] | None = None
    # ja/ko: the end of an embedded clause the main clause is about (…したことに対し, …한 데
    # 대해): a subject before it is not the main verb's
    embedded_end: re.Pattern[str] | None = None
    # zh: a preposition whose object is a whole clause when a predicate of attitude follows the
    # clause's verb (外交部对[俄罗斯行使否决权]表示遗憾): the clause's own subject acts
    clause_object_before: re.Pattern[str] | None = None
    clause_object_after: re.Pattern[str] | None = None
    # grammatical cases that mark a bare mention as the recipient (ru: the dative, read with a
    # morphology tagger); empty for languages that mark roles otherwise
    recipient_cases: frozenset[str] = frozenset()
    # a delegation named without its head ("the delegation", 代表団, 대표단, 代表团, делегация), and
    # the text around a person that makes them its head: before the person ("a delegation led
    # by", "делегация во главе с") or after it (が率いる, 이 이끄는, 为首的)
    delegation: re.Pattern[str] | None = None
    delegation_head_before: re.Pattern[str] | None = None
    delegation_head_after: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    stance: str
    regex: re.Pattern[str]
    # "…것으로 알려졌다" (it is known that…): no one reports, so its topic is no speaker
    passive: bool = False


@dataclass(frozen=True, slots=True)
class Reporting:
    """Reporting frames: verbs with their stance, and source markers around a mention."""

    verbs: tuple[ReportingVerb, ...]
    source_before: re.Pattern[str] | None  # text right after the source: によると, 에 따르면
    source_after: re.Pattern[str] | None  # text right before the source: according to, 据
    quote_end: re.Pattern[str] | None  # end of a reported clause: と, 고, что
    # a source named only by its kind: "state media said", 관영 매체는, 官方媒体
    generic: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    frames: tuple[FrameSpec, ...]
    cues: Cues
    reporting: Reporting
    metonyms: dict[str, str] = field(default_factory=dict)
    state_media: frozenset[str] = frozenset()  # outlets "state media" may stand for


def _data(*parts: str) -> Path:
    return Path(str(resources.files("watchfloor").joinpath("data", "lexicons", *parts)))


def compile_terms(
    terms: list[str], lang: str, patterns: list[str] | None = None
) -> re.Pattern[str] | None:
    """One alternation regex of literal terms (longest first) and raw patterns."""
    parts = [re.escape(t) for t in sorted(set(terms), key=len, reverse=True) if t]
    parts += list(patterns or ())
    if not parts:
        return None
    body = "|".join(parts)
    if lang in SPACED_LANGS:
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
    return re.compile(f"(?:{body})")


def _anchored(patterns: list[str] | None, *, start: bool) -> re.Pattern[str] | None:
    """Patterns that must touch a mention: at the start of the text after it, or at the end of
    the text before it."""
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"^(?:{body})" if start else f"(?:{body})$", re.IGNORECASE)


def _owned(nouns: list[str], modifiers: list[str], lang: str) -> re.Pattern[str] | None:
    """The text after an owner that names what it owns: numbers, a few of the frame's
    ``owned_modifiers`` and a noun in spaced languages ("North Korean special forces", "1,500
    North Korean troops"; never a verb: "Russia received troops from …"), the noun itself or
    after a genitive particle in Chinese, Japanese and Korean (북한군, 北朝鮮の兵士, 朝鲜士兵)."""
    if not nouns:
        return None
    body = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    if lang in SPACED_LANGS:
        mods = "|".join([r"[\d,.]+", *modifiers])
        return re.compile(rf"(?:\s+(?:{mods})){{0,4}}\s+(?:{body})\b", re.IGNORECASE)
    return re.compile(rf"[의の的]?\s?(?:{body})")


def _objects(table: dict[str, list[str]], lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each object kind with one regex of its patterns (whole words in spaced languages)."""
    out = []
    for kind, patterns in table.items():
        regex = compile_terms([], lang, list(patterns))
        if regex is not None:
            out.append((str(kind), regex))
    return tuple(out)


def _frames(doc: dict[str, Any], lang: str) -> tuple[FrameSpec, ...]:
    out = []
    for i, entry in enumerate(doc.get("frame", [])):
        regex = compile_terms(list(entry.get("terms", [])), lang, list(entry.get("patterns", [])))
        if regex is None:
            continue
        passive = compile_terms(list(entry.get("passive", [])), lang)
        out.append(
            FrameSpec(
                key=str(entry.get("key", f"{lang}.{i}")),
                type=str(entry["type"]),
                mode=entry.get("mode"),
                strength=float(entry.get("strength", 0.7)),
                regex=regex,
                passive=passive,
                contested=bool(entry.get("contested", False)),
                needs=str(entry.get("needs", "actor")),
                speech=bool(entry.get("speech", False)),
                default_recipients=tuple(entry.get("default_recipients", ())),
                planned=bool(entry.get("planned", False)),
                genitive=entry.get("genitive"),
                recipient_kinds=tuple(entry.get("recipient_kinds", ())),
                paired_strength=(
                    float(entry["paired_strength"]) if "paired_strength" in entry else None
                ),
                receives=bool(entry.get("receives", False)),
                receiver_role=str(entry.get("receiver_role", "actor")),
                recipient_after=_anchored(entry.get("recipient_after"), start=True),
                recipient_before=_anchored(entry.get("recipient_before"), start=False),
                owned=_owned(
                    list(entry.get("owned", [])), list(entry.get("owned_modifiers", [])), lang
                ),
                objects=_objects(entry.get("objects", {}), lang),
                objects_after=int(entry.get("objects_after", 0)),
                evaluative=bool(entry.get("evaluative", False)),
            )
        )
    return tuple(out)


def _cues(doc: dict[str, Any], lang: str) -> Cues:
    cues = doc.get("cues", {})
    roles = doc.get("roles", {})

    def c(table: dict[str, Any], key: str) -> re.Pattern[str] | None:
        return compile_terms(list(table.get(key, [])), lang, list(table.get(key + "_patterns", [])))

    def raw(table: dict[str, Any], key: str) -> re.Pattern[str] | None:
        # particles are matched right after a mention, so they are anchored raw patterns
        values = list(table.get(key, []))
        return re.compile("|".join(values)) if values else None

    return Cues(
        planned=c(cues, "planned"),
        negation=c(cues, "negation"),
        hypothetical=c(cues, "hypothetical"),
        historical=c(cues, "historical"),
        anaphora=c(cues, "anaphora"),
        admission=c(cues, "admission"),
        subject_after=raw(roles, "subject_after"),
        topic_after=raw(roles, "topic_after"),
        object_after=raw(roles, "object_after"),
        partner_before=raw(roles, "partner_before"),
        recipient_before=raw(roles, "recipient_before"),
        coordination=raw(roles, "coordination"),
        clause_break=raw(roles, "clause_break"),
        background=c(cues, "background"),
        background_clause=c(cues, "background_clause"),
        ongoing=c(cues, "ongoing"),
        pair=c(cues, "pair"),
        origin_before=raw(roles, "origin_before"),
        adjunct_before=raw(roles, "adjunct_before"),
        adjunct_after=raw(roles, "adjunct_after"),
        origin_after=raw(roles, "origin_after"),
        made_after=raw(roles, "made_after"),
        embedded_end=raw(roles, "embedded_end"),
        clause_object_before=raw(roles, "clause_object_before"),
        clause_object_after=raw(roles, "clause_object_after"),
        recipient_cases=frozenset(str(v) for v in roles.get("recipient_cases", [])),
        delegation=c(roles, "delegation"),
        delegation_head_before=_anchored(roles.get("delegation_head_before"), start=False),
        delegation_head_after=_anchored(roles.get("delegation_head_after"), start=True),
    )


def _reporting(doc: dict[str, Any], lang: str) -> Reporting:
    verbs = []
    for entry in doc.get("verb", []):
        regex = compile_terms(list(entry.get("terms", [])), lang, list(entry.get("patterns", [])))
        if regex is not None:
            verbs.append(
                ReportingVerb(
                    stance=str(entry["stance"]), regex=regex, passive=bool(entry.get("passive"))
                )
            )
    src = doc.get("source", {})

    def raw(key: str) -> re.Pattern[str] | None:
        values = list(src.get(key, []))
        return re.compile("|".join(values), re.IGNORECASE) if values else None

    return Reporting(
        verbs=tuple(verbs),
        source_before=raw("after_mention"),
        source_after=raw("before_mention"),
        quote_end=raw("quote_end"),
        generic=compile_terms(list(src.get("generic", [])), lang),
    )


def parse_lexicon(
    lang: str, triggers: dict[str, Any], reporting: dict[str, Any], common: dict[str, Any]
) -> Lexicon:
    """Build a Lexicon from parsed TOML documents (used by tests with hand-made data)."""
    return Lexicon(
        lang=lang,
        frames=_frames(triggers, lang),
        cues=_cues(triggers, lang),
        reporting=_reporting(reporting, lang),
        metonyms={str(k): str(v) for k, v in common.get("metonyms", {}).items()},
        state_media=frozenset(str(n) for n in common.get("state_media", {}).get("names", [])),
    )


def _load_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=8)
def load_lexicon(lang: str) -> Lexicon:
    """The shipped lexicon of a language, loaded once per process (empty for unknown ones)."""
    return parse_lexicon(
        lang,
        _load_toml(_data("triggers", f"{lang}.toml")),
        _load_toml(_data("reporting", f"{lang}.toml")),
        _load_toml(_data("triggers", "_common.toml")),
    )
