"""Attribution: who asserts a sentence's event and with which stance.

The asserter is the mention that is the subject of a reporting verb ("KCNA said", "…と朝鮮中央
通信が報じた", "…고 밝혔다", "X表示", "заявил X") or the object of a source marker ("according to
X", "Xによると", "X에 따르면", "据X报道", "по данным X"). The verb's lexicon entry gives the stance.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from watchfloor.claims.lexicon import Lexicon
from watchfloor.claims.roles import SOV_LANGS, Arg, RoleCues


@dataclass(frozen=True, slots=True)
class Attribution:
    asserters: tuple[Arg, ...]
    stance: str | None  # None: no reporting frame in the sentence
    verb_span: tuple[int, int] | None

    @property
    def names(self) -> tuple[str, ...]:
        out: list[str] = []
        for a in self.asserters:
            if a.name not in out:
                out.append(a.name)
        return tuple(out)


NONE = Attribution((), None, None)

# How far a subject may sit from its reporting verb, in characters ("KCNA said", "Seoul's spy
# agency told lawmakers", "state media KCNA reported").
_SVO_GAP = {"en": 30, "ru": 30, "zh": 8}


# the conjunction an en/ru list of speakers needs besides its commas
_CONJUNCTION = re.compile(r"\b(?:and|или|и)\b|&", re.IGNORECASE)
# languages whose lists are joined by a comma alone (、 and ，; "A、B는" is a list)
_COMMA_LISTS = frozenset({"ja", "ko", "zh"})
_CLAUSE_PUNCT = re.compile(r"[,;:，；：。]")
# role cues of a mention a preposition governs: never the subject of a verb of saying
_GOVERNED = frozenset({"recipient", "partner", "origin", "adjunct"})
# a name after a reporting verb is its (inverted) subject only when nothing opens a clause
# between them: "said Kirby" is a speaker, "assessed that North Korea…" is the content
_OPENS_CLAUSE = re.compile(r"[,;:，；：]|\b(?:that|whether|if|что|чтобы|как)\b", re.IGNORECASE)
# what precedes a verb of saying whose subject follows it: a quote, a comma, a dash
_BEFORE_INVERSION = re.compile(r"[,\"'”’»—–-]\s*$")
# quoted speech inside the reported clause: a name in it is never the one reporting
_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』|“[^“”]*”|\"[^\"]*\"")
# Chinese prepositions that make the mention after them an adjunct, not the subject
_ZH_ADJUNCT = re.compile(r"(?:在|向|与|與|和|对|對|从|從|据|據|同|跟|给|給|为|為)$")


def _zh_clause_subject(text: str, args: Sequence[Arg], mods: set[int], v_start: int) -> list[Arg]:
    """The subject of a Chinese reporting verb far from it: the first mention of its clause,
    when a long adjunct sits between ("金正恩在…的讲话中表示": Kim said in a speech …)."""
    clause_start = max((m.end() for m in _CLAUSE_PUNCT.finditer(text, 0, v_start)), default=0)
    inside = sorted(
        (a for a in args if clause_start <= a.start and a.end <= v_start),
        key=lambda a: a.start,
    )
    for a in inside:
        if id(a) in mods:
            continue
        if _ZH_ADJUNCT.search(text[max(clause_start, a.start - 1) : a.start]):
            return []
        return [a]
    return []


# "the National Intelligence Service (NIS) of South Korea said": the body, not its country
_OF_COUNTRY = re.compile(
    r"^[)）]?\s*(?:[(（][^)）]{0,20}[)）]\s*)?(?:of|из|之)\s+(?:the\s+)?$", re.IGNORECASE
)


# a title between a country and its official: "South Korean President", 北韩领导人
_TITLE_GAP = re.compile(r"^(?:\s+(?:[A-Z][\w-]*\s+){1,3}|[\u4e00-\u9fff]{1,6})$")


def _head(subj: Arg, args: Sequence[Arg], text: str, mods: set[int]) -> Arg:
    """The speaking body or person a subject mention stands for: the organisation a country
    only qualifies ("South Korea's spy agency", 南韩国情院, "the NIS of South Korea")."""
    ordered = sorted(args, key=lambda a: a.start)
    idx = ordered.index(subj)
    if subj.kind == "country" and id(subj) in mods and idx + 1 < len(ordered):
        head = ordered[idx + 1]
        between = text[subj.end : head.start]
        if between.strip() in {"", "'s", "’s", "의", "の", "的"} or _TITLE_GAP.match(between):
            return head
    if subj.kind == "country" and idx > 0:
        prev = ordered[idx - 1]
        if prev.kind in {"organization", "person"} and _OF_COUNTRY.match(
            text[prev.end : subj.start]
        ):
            return prev
    return subj


class _Hit(NamedTuple):
    """A reporting verb in the sentence; a passive one (것으로 알려졌다) names no speaker."""

    start: int
    end: int
    stance: str
    passive: bool


def _better(new: tuple[Arg, _Hit], old: tuple[Arg, _Hit], event: int) -> bool:
    """Which reporting frame asserts the event: a source an outlet cites beats the outlet
    ("Yonhap reported the NIS found …": the NIS asserts, Yonhap relays); otherwise the frame
    farthest from the event, since the nearest verb is often the event's own predicate ("met …
    and told")."""
    if new[0].media != old[0].media:
        return old[0].media
    return abs(new[1][0] - event) > abs(old[1][0] - event)


def _verb_hits(text: str, lexicon: Lexicon) -> list[_Hit]:
    """Reporting verbs in text order, the longest where two overlap."""
    hits: list[_Hit] = []
    for verb in lexicon.reporting.verbs:
        for m in verb.regex.finditer(text):
            hits.append(_Hit(m.start(), m.end(), verb.stance, verb.passive))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[_Hit] = []
    for h in hits:
        if not kept or h[0] >= kept[-1][1]:
            kept.append(h)
    return kept


def _joins(between: str, lexicon: Lexicon) -> bool:
    coord = lexicon.cues.coordination
    stripped = between if lexicon.lang == "ja" else between.strip()
    if coord is not None and coord.match(stripped):
        return True
    return stripped in {"", ",", "、", "·", "및", "와", "과", "and"}


def _has_particle_after(text: str, arg: Arg, lexicon: Lexicon) -> bool:
    """A mention already closed by its own case particle (韓国は) does not join the next one."""
    rest = text[arg.end : arg.end + 2]
    return lexicon.lang == "ja" and rest[:1] in {"は", "が", "を", "に"}


def _conjuncts(arg: Arg, args: Sequence[Arg], text: str, lexicon: Lexicon) -> list[Arg]:
    """The asserter and mentions coordinated with it ("Russia and North Korea have denied")."""
    group = [arg]
    ordered = sorted(args, key=lambda a: a.start)
    idx = ordered.index(arg)
    for other in reversed(ordered[:idx]):
        between = text[other.end : group[0].start]
        if _joins(between, lexicon):
            group.insert(0, other)
        else:
            break
    for other in ordered[idx + 1 :]:
        between = text[group[-1].end : other.start]
        gap = between[: max(0, len(between) - 0)]
        if _joins(gap, lexicon) and not _has_particle_after(text, group[-1], lexicon):
            group.append(other)
        else:
            break
    if lexicon.lang not in _COMMA_LISTS and len(group) > 1:
        # "A, B and C said" is a list; "visiting Pyongyang, North Korea's media said" and
        # "… to Russia, the White House said" are not: without a conjunction, commas (and an
        # article) join no speakers
        betweens = [text[a.end : b.start] for a, b in itertools.pairwise(group)]
        if not any(_CONJUNCTION.search(b) for b in betweens):
            return [arg]
    return group


def _quoting_subject(
    text: str,
    args: Sequence[Arg],
    cues: RoleCues,
    quote: re.Pattern[str] | None,
    event_start: int,
    v_start: int,
) -> Arg | None:
    """「国情院が「北が…移動を始めた」と18日、明らかにした」: the event sits in a bracketed
    quotation closed by a quotative (と, 라고) before the verb of saying, and no topic opens the
    sentence; the subject nearest before the quotation says it (ja, ko)."""
    if quote is None:
        return None
    for m in _QUOTED.finditer(text, 0, v_start):
        q0, q1 = m.span()
        if not q0 < event_start < q1:
            continue
        if not any(quote.search(text[event_start : q1 + n]) for n in (1, 2, 3)):
            return None
        before = [a for a in args if a.end <= q0 and cues.cue.get(id(a)) == "subject"]
        return max(before, key=lambda a: a.end) if before else None
    return None


def attribute(
    text: str,
    args: Sequence[Arg],
    lexicon: Lexicon,
    cues: RoleCues,
    event_start: int,
) -> Attribution:
    """The reporting frame of a sentence, relative to the trigger starting at ``event_start``."""
    if not args:
        return NONE
    rep = lexicon.reporting
    # 1. source markers
    for a in args:
        if rep.source_after is not None and rep.source_after.search(
            text[max(0, a.start - 40) : a.start]
        ):
            return Attribution((a,), "reports", None)
        if rep.source_before is not None and rep.source_before.match(text[a.end :]):
            return Attribution((a,), "reports", None)
    verbs = _verb_hits(text, lexicon)
    if not verbs:
        return NONE
    lang = lexicon.lang
    if lang in SOV_LANGS:
        # the reporting verb closes the sentence after the event; its subject sits between the
        # quotative (と, 고) and the verb, or is the topic that opens the sentence
        after_event = [v for v in verbs if v[0] >= event_start]
        if not after_event:
            return NONE
        v_start, v_end, stance, passive = after_event[-1]
        if passive:
            # "…것으로 알려졌다": the stance holds, but nobody in the sentence reports it
            return Attribution((), stance, (v_start, v_end))
        quoted_spans = [m.span() for m in _QUOTED.finditer(text, event_start, v_start)]
        between = [
            a
            for a in args
            if event_start <= a.start
            and a.end <= v_start
            and not any(q0 < a.start and a.end < q1 for q0, q1 in quoted_spans)
        ]
        quote = rep.quote_end
        for a in reversed(between):
            if cues.cue.get(id(a)) in {"subject", "topic"} and (
                quote is None or quote.search(text[event_start : a.start])
            ):
                return Attribution(
                    tuple(_conjuncts(a, args, text, lexicon)), stance, (v_start, v_end)
                )
        opening = [a for a in args if a.end <= event_start and cues.cue.get(id(a)) == "topic"]
        if opening:
            first = min(opening, key=lambda a: a.start)
            group = [x for x in opening if cues.cue.get(id(x)) == "topic" and x.start < event_start]
            inner = [a for a in args if first.end <= a.start < event_start and a not in group]
            # the event sits in the clause a quotative closes (…했다고 밝혔다, …したと述べた):
            # the opening topic is the one who says it, even when the clause names no subject
            quoted = quote is not None and quote.search(
                text[event_start:v_start].rstrip(" \"'”’」』")
            )
            if inner or quoted:  # someone else is the event's subject: the topic reports it
                return Attribution(
                    tuple(_conjuncts(first, args, text, lexicon)) or (first,),
                    stance,
                    (v_start, v_end),
                )
        speaker = _quoting_subject(text, args, cues, quote, event_start, v_start)
        if speaker is not None:
            return Attribution(
                tuple(_conjuncts(speaker, args, text, lexicon)), stance, (v_start, v_end)
            )
        return NONE
    gap = _SVO_GAP.get(lang, 20)
    mods = cues.modifiers()
    best: tuple[Arg, _Hit] | None = None
    for v in verbs:
        v_start, v_end = v.start, v.end
        before = [
            a
            for a in args
            if a.end <= v_start
            and v_start - a.end <= gap
            and not _CLAUSE_PUNCT.search(text[a.end : v_start])
            # 外交部对俄罗斯行使否决权表示遗憾: a mention 对 governs is what is spoken about
            and not (lang == "zh" and cues.cue.get(id(a)) in _GOVERNED)
        ]
        if not before and lang == "zh":
            before = _zh_clause_subject(text, args, mods, v_start)
        if before:
            subj = _head(max(before, key=lambda a: a.end), args, text, mods)
            candidate = (subj, v)
        else:
            # the subject follows its verb only after a quote or a clause ("…, said Kirby",
            # "— сообщил ТАСС"); "The spy agency says North Korea sent…" has it before. Chinese
            # never inverts: in "…,证实北韩军队开始参战" the mention opens what is confirmed
            inverted = lang != "zh" and (
                v_start == 0 or _BEFORE_INVERSION.search(text[:v_start]) is not None
            )
            after = [
                a
                for a in args
                if inverted
                and a.start >= v_end
                and a.start - v_end <= 12
                and not _OPENS_CLAUSE.search(text[v_end : a.start])
                # a participle never takes its subject after it ("experts saying Kim was…")
                and not text[v_start:v_end].lower().endswith("ing")
            ]
            if not after:
                continue
            candidate = (min(after, key=lambda a: a.start), v)
        if best is None or _better(candidate, best, event_start):
            best = candidate
    if best is None:
        return NONE
    arg, hit = best
    asserters = tuple(_conjuncts(arg, args, text, lexicon))
    return Attribution(asserters, hit.stance, (hit.start, hit.end))
