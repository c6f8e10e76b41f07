"""Argument roles of an event frame: actors, recipients, place and quantity.

Roles come from the sentence's structure, per language: Japanese case particles after a mention
(は/が subject, を/に/と object or partner), Korean particles from kiwipiepy tags (JKS/JX subject,
JKO/JKB/JC object or partner), and word order plus prepositions in English, Russian and Chinese
(subject before the predicate; "with", "to", с, в, 与, 向 before a mention).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from text_to_num import alpha2digit

from watchfloor.claims.frames import Trigger
from watchfloor.claims.lexicon import Lexicon
from watchfloor.claims.ontology import SYMMETRIC_TYPES
from watchfloor.claims.ru_case import bare_case

SOV_LANGS = frozenset({"ja", "ko"})
PLACE_KINDS = frozenset({"place", "location", "city", "region", "facility", "gpe_place"})

# Japanese: a parenthetical gloss and a title may sit between a name and its particle:
# 金正恩(Kim Jong Un)朝鮮労働党総書記が; a closing bracket may end a quoted title (「労働新聞」は)
_JA_GAP = re.compile(
    r"^[」』”]?(?:\s*[（(][^）)]{0,40}[）)])?"
    # a title between the name and its particle (プーチン大統領は): the longest run of kanji or
    # katakana that a particle closes
    r"(?:[\u3005\u4e00-\u9fff\u30a0-\u30ffー・]{1,10}(?=[はがもをにとの]))?"
)
_JA_MODIFIER = re.compile(r"^(?:の|・)$")
_KO_MODIFIER = re.compile(r"^(?:의|\s)$")
# Chinese writes a title between a country or body and a person with no space or particle:
# 北韩领导人金正恩, 俄罗斯总统普京, 外交部发言人毛宁 (the title ends in a person noun)
_ZH_MODIFIER = re.compile(
    r"^(?:[的\u4e00-\u9fff]{0,8}(?:人|长|長|统|統|席|理|使|员|員|记|記|官|相|帅|帥|臣))?$"
)
# "North Korean leader Kim", "Russia's natural resources minister Kozlov": up to three
# lower-case or title words between a country and a person.
# A preposition or conjunction between them joins two parties instead ("sent to Russia by Kim").
_EN_MODIFIER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?!(?:by|to|with|and|or|for|from|of|in|at|on|against|than)\s)[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Arg:
    """A mention inside one sentence (offsets relative to the sentence)."""

    name: str
    kind: str
    start: int
    end: int
    media: bool = False  # a news outlet: a possible asserter, never a participant


@dataclass(frozen=True, slots=True)
class Roles:
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    place: str | None
    quantity: str | None


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi  # heavy: built once per process

    return Kiwi()


def korean_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, tag) of each morpheme, from kiwipiepy."""
    return [(t.start, t.start + t.len, t.tag) for t in _kiwi().tokenize(text)]


def _dedupe(names: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return tuple(out)


class RoleCues:
    """The role cue of each participant of one sentence: subject, topic, object, partner,
    recipient or none, read from particles (ja, ko) or prepositions (en, ru, zh)."""

    def __init__(self, text: str, args: Sequence[Arg], lexicon: Lexicon) -> None:
        self.text = text
        self.lang = lexicon.lang
        self.lexicon = lexicon
        self.args = list(args)
        # kiwipiepy morphemes (start, end, tag) of a Korean sentence; empty for other languages
        self.ko_tokens = korean_tokens(text) if self.lang == "ko" and args else []
        self.cue = {id(a): self._cue(a) for a in self.args}
        self._spread_apposition()
        self._spread_coordination()

    def _cue(self, a: Arg) -> str | None:
        cues = self.lexicon.cues
        if self._made_in(a):
            return "made"
        if self.lang == "ja":
            rest = self.text[a.end :]
            gap = _JA_GAP.match(rest)
            rest = rest[gap.end() if gap else 0 :]
            if cues.topic_after and cues.topic_after.match(rest):
                return "topic"
            if cues.subject_after and cues.subject_after.match(rest):
                return "subject"
            if cues.object_after and cues.object_after.match(rest):
                return "object"
            return None
        if self.lang == "ko":
            return self._ko_cue(a)
        before = self.text[max(0, a.start - 40) : a.start]
        if cues.partner_before and cues.partner_before.search(before):
            return "partner"
        if cues.recipient_before and cues.recipient_before.search(before):
            return "recipient"
        if cues.origin_before and cues.origin_before.search(before):
            return "origin"
        if cues.adjunct_before and cues.adjunct_before.search(before):
            return "adjunct"
        if cues.recipient_cases and bare_case(self.text, a.start, a.end) in cues.recipient_cases:
            # "КНДР поставила России снаряды": the dative is the recipient wherever it stands
            return "recipient"
        return None

    def _made_in(self, a: Arg) -> bool:
        """The mention names where goods were made (러시아산 승용차, ロシア製の車, 俄制武器)."""
        made = self.lexicon.cues.made_after
        if made is None:
            return False
        if self.lang == "ko":
            # a suffix morpheme of its own (러시아 + 산), not a noun that begins so (러시아 산업)
            return any(
                start == a.end and tag in {"XSN", "MM"} and made.fullmatch(self.text, start, end)
                for start, end, tag in self.ko_tokens
            )
        return made.match(self.text, a.end) is not None

    def _ko_cue(self, a: Arg) -> str | None:
        cues = self.lexicon.cues
        skipped = 0
        for start, end, tag in self.ko_tokens:
            if start < a.end:
                continue
            if tag.startswith(("NN", "SL", "SN", "SS", "XSN", "SH", "SW", "XPN")) or tag == "SP":
                skipped += 1
                if skipped > 5:
                    return None
                continue
            if cues.topic_after and cues.topic_after.fullmatch(tag):
                return "topic"
            if cues.subject_after and cues.subject_after.fullmatch(tag):
                return "subject"
            if tag == "JKG":
                return "modifier"
            if cues.adjunct_after and cues.adjunct_after.fullmatch(self.text, start, end):
                return "adjunct"
            if cues.origin_after and cues.origin_after.fullmatch(self.text, start, end):
                return "origin"
            if cues.object_after and cues.object_after.fullmatch(tag):
                return "object"
            return None
        return None

    def _spread_apposition(self) -> None:
        """A title and its name side by side are one participant (向朝鲜最高领导人金正恩, "to
        North Korean leader Kim Jong Un"): the preposition or particle marks only the one
        nearest it, and the other takes its role."""
        ordered = sorted(self.args, key=lambda a: a.start)
        for left, right in itertools.pairwise(ordered):
            if left.name != right.name or self.text[left.end : right.start].strip(" ·・"):
                continue
            cue_left, cue_right = self.cue.get(id(left)), self.cue.get(id(right))
            if cue_left is None and cue_right is not None:
                self.cue[id(left)] = cue_right
            elif cue_right is None and cue_left is not None:
                self.cue[id(right)] = cue_left

    def _spread_coordination(self) -> None:
        """ "A and B are …": the first conjunct takes the role of the last."""
        coord = self.lexicon.cues.coordination
        ordered = sorted(self.args, key=lambda a: a.start)
        for left, right in zip(reversed(ordered[:-1]), reversed(ordered[1:]), strict=True):
            between = self.text[left.end : right.start]
            joined = False
            if self.lang == "ko":
                joined = any(
                    left.end <= s and e <= right.start and tag == "JC"
                    for s, e, tag in self.ko_tokens
                ) or between.strip() in {",", "·", "및"}
            elif coord is not None:
                gap = _JA_GAP.match(between) if self.lang == "ja" else None
                rest = between[gap.end() if gap else 0 :]
                joined = bool(coord.match(rest.strip() if self.lang != "ja" else rest))
            if self.cue.get(id(right)) == "partner" and self._partner_word(between):
                # "俄罗斯与朝鲜", "Россия и КНДР": the joining word is what makes the right one a
                # partner; the left one is the subject, not a second partner
                continue
            if joined and self.cue.get(id(right)) is not None:
                self.cue[id(left)] = self.cue[id(right)]

    def _partner_word(self, between: str) -> bool:
        partner = self.lexicon.cues.partner_before
        return partner is not None and bool(partner.search(between))

    def modifiers(self, barrier: tuple[int, int] | None = None) -> set[int]:
        """Mentions that only qualify the next one (ロシアのプーチン大統領, 북한 김정은). A trigger
        between the two (``barrier``) is a verb, not a title: "Russia sent Kim a limousine"."""
        out: set[int] = set()
        ordered = sorted(self.args, key=lambda a: a.start)
        pattern = {"ja": _JA_MODIFIER, "ko": _KO_MODIFIER, "zh": _ZH_MODIFIER}.get(
            self.lang, _EN_MODIFIER
        )
        for left, right in itertools.pairwise(ordered):
            if left.name == right.name or left.kind not in {"country", "organization"}:
                continue
            if barrier is not None and left.end <= barrier[0] < right.start:
                continue
            between = self.text[left.end : right.start]
            titled = right.kind == "person" and bool(
                pattern.match(between) or between.strip() in {"의", "の"}
            )
            # a country also qualifies its own body, right before it: 韓国の国家情報院,
            # South Korea's NIS, 南韩国情院
            own_body = (
                left.kind == "country"
                and right.kind == "organization"
                and between.strip() in {"", "'s", "’s", "의", "の", "的"}
            )
            if titled or own_body:
                out.add(id(left))
        return out


# English passive: a form of be/get, up to two adverbs, then a past participle ("were sent",
# "has been supplied", "were reportedly sent"); the participle must lie inside the trigger
_EN_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting)\s+"
    r"(?:(?:\w+ly|also|not|never|already|just|now|then|all|both|since)\s+){0,2}"
    r"(?P<part>[A-Za-z]+(?:ed|en|wn|t|d))\b",
    re.IGNORECASE,
)
_EN_BY = re.compile(r"\bby\s+(?:the\s+|its\s+|their\s+)?", re.IGNORECASE)
# a by-phrase right after a nominal trigger, perhaps through a participle: "veto cast by"
_EN_NOMINAL_BY = re.compile(r"\s+(?:[a-z]+ed\s+|cast\s+|used\s+)?by\s+(?:the\s+)?")
# where the clause of a passive ends: its by-phrase never lies beyond
_EN_CLAUSE_END = re.compile(
    r"[;:!?]|,\s*(?:while|but|as|after|before|when|which|who|whereas)\b|\.\s", re.IGNORECASE
)
# titles between a country or body and its person: "by Russian President Vladimir Putin",
# "by North Korea's leader Kim Jong Un" (a country name may end inside its demonym: Russia-n)
_EN_TITLE_WORD = (
    r"(?:[A-Z][\w.’'-]*|leader|president|minister|chairman|premier|prime|foreign|defen[cs]e"
    r"|secretary|general|envoy|ambassador|spokes(?:wo)?man)"
)
# and an apposition after a comma: "by Russia's Minister for Trade and Industry, Ivan Petrov"
_EN_TITLE_GAP = re.compile(
    rf"^(?:'s|’s|n|an|ian)?\s+{_EN_TITLE_WORD}(?:,?\s+(?:{_EN_TITLE_WORD}|for|of|and|the))*"
    r",?\s+$"
)
# what may follow the head of an agent by-phrase: punctuation, the end, a conjunction, a
# preposition or a time word. "by Russian ships", "by Russia's army": the mention only
# qualifies the head noun, which is no agent.
_EN_AGENT_END = re.compile(
    r"^(?:\s*$|\s*(?!['’]s\b)[,.;:!?)\]\"”’—–]|\s+-\s|\s+(?:\d|(?:and|or|in|at|on|to|for|from|with"
    r"|during|after|before|since|last|this|next|earlier|later|as|amid|over|under|while|when"
    r"|which|who|whose|that|of|into|across|through|via|ago|early|late|around|about|despite"
    r"|following|between|against|itself|themselves|alone|instead|too|also|again|recently"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|\w+ly)\b))"
)
# between a passive's subject and its auxiliary: "Kim Jong Un has been received"
_EN_SUBJECT_GAP = re.compile(
    r"^\s*(?:(?:has|have|had|will|would|may|might|could|should|must|reportedly|also|allegedly"
    r"|was|were|is|are|,)\s*)*$",
    re.IGNORECASE,
)
# the next conjunct of an agent, titles included: "by Yun, and Vice Foreign Minister Im"
_EN_AGENT_CONJ = re.compile(r"\s*(?:,\s*and|,|and|&)\s+(?:the\s+)?")
_EN_TITLES = re.compile(rf"(?:{_EN_TITLE_WORD}\s+){{0,4}}")
_EN_RIGHT_AFTER = re.compile(r"^\s+(?:to|into|with)\s+(?:the\s+)?$", re.IGNORECASE)
AGENT_KINDS = frozenset({"person", "organization", "country"})


@dataclass(frozen=True, slots=True)
class Passive:
    """An English passive and its parties: the "by" agent, the grammatical subject before the
    auxiliary, and a "to"/"with" party after the participle. ``reason`` says what decided:
    "agent", or why none was found ("not-english", "active", "no-by", "non-agent")."""

    reason: str
    agents: tuple[Arg, ...] = ()
    subject: tuple[Arg, ...] = ()
    marked: tuple[Arg, ...] = ()

    @property
    def found(self) -> bool:
        return self.reason == "agent"


def _agent_at(text: str, pos: int, args: Sequence[Arg], limit: int) -> list[Arg]:
    """The agent group a by-phrase starting at ``pos`` names: a linked person, body or country
    (through its titles: "Russian President Putin") and its conjuncts, or [] when the phrase's
    head is anything else ("by train", "by 2025", "by Russian ships")."""
    by_start = {a.start: a for a in args if not a.media}
    group: list[Arg] = []
    head = by_start.get(pos)
    while head is not None:
        nxt = next(
            (
                b
                for b in sorted(args, key=lambda b: b.start)
                if b.start >= head.end
                and b.kind == "person"
                and head.kind in {"country", "organization"}
                and b.start - head.end <= 60
                and _EN_TITLE_GAP.match(text[head.end : b.start])
            ),
            None,
        )
        if nxt is not None:
            head = nxt
            continue
        if head.end > limit or head.kind not in AGENT_KINDS:
            break
        if not _EN_AGENT_END.match(text[head.end :]):
            # the first head qualifies a noun ("by Russian ships"): no agent; a later
            # conjunct that does ("by X and Russian ships") just ends the group
            break
        group.append(head)
        conj = _EN_AGENT_CONJ.match(text[head.end :])
        start = head.end + conj.end() if conj else -1
        head = next(
            (
                b
                for b in sorted(args, key=lambda b: b.start)
                if conj is not None
                and not b.media
                and b.start >= start
                and _EN_TITLES.fullmatch(text[start : b.start])
            ),
            None,
        )
    return group


def passive_agent(text: str, trigger: Trigger, args: Sequence[Arg], cues: RoleCues) -> Passive:
    """English: the roles of a trigger used as a passive participle with a "by" agent, read from
    word order alone ("Troops were sent to Russia by North Korea")."""
    if cues.lang != "en":
        return Passive("not-english")
    passives = [
        m
        for m in _EN_PASSIVE.finditer(text)
        if trigger.start <= m.start("part") and m.end("part") <= trigger.end
    ]
    if not passives:
        return Passive("active")
    aux = passives[-1]
    part_end = aux.end("part")
    stop = _EN_CLAUSE_END.search(text, part_end)
    limit = stop.start() if stop else len(text)
    # a later passive has its own by-phrase: "troops were sent and shells were shipped by X"
    later = next((m for m in _EN_PASSIVE.finditer(text, part_end)), None)
    if later is not None:
        limit = min(limit, later.start())
    by_hits = [m for m in _EN_BY.finditer(text, part_end, limit)]
    if not by_hits:
        return Passive("no-by")
    agents: list[Arg] = []
    for hit in by_hits:
        agents = _agent_at(text, hit.end(), args, limit)
        if agents:
            break
    if not agents:
        return Passive("non-agent")
    taken = {a.name for a in agents}
    subject = _subject_of(text, list(args), cues, aux.start(), taken)
    # the "to" party sits before the by-phrase or right after it ("supplied by X to Y"); a "to"
    # further on belongs to another verb ("condemned by X for sending troops to Y")
    by_start = min(a.start for a in agents)
    agents_end = max(a.end for a in agents)
    marked = [
        a
        for a in args
        if a.name not in taken
        and cues.cue.get(id(a)) in {"recipient", "partner"}
        and (
            part_end <= a.start < by_start
            or (agents_end <= a.start and _EN_RIGHT_AFTER.match(text[agents_end : a.start]))
        )
    ][:1]
    return Passive("agent", tuple(agents), tuple(subject), tuple(marked))


def _subject_of(
    text: str, args: list[Arg], cues: RoleCues, aux_start: int, taken: set[str]
) -> list[Arg]:
    """The passive's grammatical subject: the mention group right before its auxiliary. A
    mention that only qualifies the subject noun ("North Korean troops were sent") is none."""
    group = _group_before(args, cues, aux_start)
    if not group:
        return []
    last = max(group, key=lambda a: a.end)
    if not _EN_SUBJECT_GAP.match(text[last.end : aux_start]):
        return []
    return [a for a in group if a.name not in taken]


_NOT_SUBJECT = frozenset({"partner", "recipient", "adjunct"})


def _group_before(
    args: list[Arg],
    cues: RoleCues,
    pos: int,
    skip: frozenset[str] = _NOT_SUBJECT,
    conjoin: bool = False,
) -> list[Arg]:
    """SVO: the nearest mention before ``pos`` without a preposition (``skip``: the cues that
    rule a mention out), and its conjuncts. With ``conjoin`` (an act one side does) a partner
    a bare coordinator joins to the mention before it is a conjunct: 中国和俄罗斯否决了 is
    two vetoing states, not China vetoing with Russia."""
    coord = cues.lexicon.cues.coordination

    def conjunct(a: Arg) -> bool:
        if not conjoin or cues.cue.get(id(a)) != "partner" or coord is None:
            return False
        if any(b.end <= a.start and coord.match(cues.text[b.end : a.start].strip()) for b in args):
            return True
        # "Власти РК и США осудили вето": joined to a name the text does not know, the mention
        # is still one of the subjects
        word = re.search(r"(\S+)\s*$", cues.text[: a.start])
        return bool(
            word
            and coord.match(word.group(1))
            and not any(0 <= word.start(1) - b.end <= 1 for b in args)
        )

    before = [a for a in args if a.end <= pos and (cues.cue.get(id(a)) not in skip or conjunct(a))]
    # a mention inside a longer one ("North Korean" in "North Korean leader") is not a conjunct
    before = [
        a
        for a in before
        if not any(
            b.start <= a.start and a.end <= b.end and b.end - b.start > a.end - a.start
            for b in before
        )
    ]
    if not before:
        return []
    last = max(before, key=lambda a: a.start)
    group = [last]
    for a in sorted(before, key=lambda a: -a.start):
        if a is not last and (a.start, a.end) == (last.start, last.end):
            group.append(a)  # one phrase for two parties: "both countries", "they"
            continue
        if a is last or a.end > group[-1].start:
            continue
        between = cues.text[a.end : group[-1].start]
        joined = coord is not None and coord.match(
            between.strip() if cues.lang != "ja" else between
        )
        if joined or between.strip(" ,") == "":
            group.append(a)
        else:
            break
    return group


# how far before its verb a marked recipient or partner may stand: 向俄罗斯提供, "КНДР России
# поставила", 与朝鲜就银行结算达成协议 (a partner's topic may sit between)
_PREVERBAL_REACH = {"recipient": 12, "partner": 30}
_PREVERBAL_BREAK = re.compile(r"[,;:，；：。、]")


def _marked_before(
    text: str, args: list[Arg], cues: RoleCues, actors: list[Arg], pos: int, symmetric: bool
) -> list[Arg]:
    """A recipient (or, for a symmetric act, a partner) marked before its verb, after the
    subject and in the same clause: the object of 向/给 in Chinese (朝鲜向俄罗斯提供了…), a
    Russian dative ahead of a noun trigger, 俄罗斯与朝鲜…达成协议."""
    start = max((a.end for a in actors), default=0)
    kinds = ("recipient", "partner") if symmetric else ("recipient",)
    return [
        a
        for a in args
        if start <= a.start
        and a.end <= pos
        and (kind := cues.cue.get(id(a))) in kinds
        and pos - a.end <= _PREVERBAL_REACH[str(kind)]
        and not _PREVERBAL_BREAK.search(text[a.end : pos])
    ][-1:]


def _first_group_after(args: list[Arg], cues: RoleCues, pos: int) -> list[Arg]:
    after = sorted((a for a in args if a.start >= pos), key=lambda a: a.start)
    if not after:
        return []
    group = [after[0]]
    coord = cues.lexicon.cues.coordination
    for a in after[1:]:
        between = cues.text[group[-1].end : a.start]
        if coord is not None and coord.match(between.strip()):
            group.append(a)
        else:
            break
    return group


_CLAUSE_PUNCT = re.compile(r"[。，,、；;：:]")


def clause_object_agent(
    text: str, trigger: Trigger, args: Sequence[Arg], lexicon: Lexicon
) -> list[Arg]:
    """The subject of a clause a preposition governs whole (zh 外交部对[俄罗斯行使否决权]表示
    遗憾): the mention right after the preposition and right before the trigger, when a
    predicate of attitude follows the trigger. Empty when the sentence is not so built."""
    cues = lexicon.cues
    before, after = cues.clause_object_before, cues.clause_object_after
    if before is None or after is None or not after.match(text, trigger.end):
        return []
    # the clause's subject, at most a light verb away from the trigger (俄罗斯行使否决权)
    near = [
        a
        for a in args
        if a.end <= trigger.start
        and trigger.start - a.end <= 3
        and not _CLAUSE_PUNCT.search(text, a.end, trigger.start)
    ]
    if not near:
        return []
    agent = max(near, key=lambda a: a.end)
    return [agent] if before.search(text, 0, agent.start) else []


def assign_roles(
    text: str,
    trigger: Trigger,
    participants: Sequence[Arg],
    places: Sequence[Arg],
    lexicon: Lexicon,
    cues: RoleCues | None = None,
) -> Roles:
    """Actors and recipients of one frame from the sentence's participants (asserters removed)."""
    cues = cues or RoleCues(text, participants, lexicon)
    mods = cues.modifiers((trigger.start, trigger.end))
    args = [a for a in participants if id(a) not in mods] or list(participants)
    lang = lexicon.lang
    actors: list[Arg] = []
    recipients: list[Arg] = []
    # en/ru: the subject before the verb acts even in a symmetric frame ("Kim met with X")
    svo_subject = _group_before(args, cues, trigger.start) if lang in {"en", "ru"} else []
    if trigger.type in SYMMETRIC_TYPES and trigger.spec.needs == "two":
        ordered = sorted(args, key=lambda a: a.start)
        subj = [a for a in ordered if cues.cue.get(id(a)) in {"subject", "topic"}]
        first = svo_subject or subj or ordered[:1]
        actors = first
        # the partner ("met with X") first; the others stay as possible parties
        partner = [
            a
            for a in ordered
            if a.start >= trigger.end
            and cues.cue.get(id(a)) == "partner"
            and not any(b.start <= a.start and a.end <= b.end and b != a for b in ordered)
        ]
        rest = partner[:1] + [a for a in ordered if a not in partner[:1]]
        recipients = [a for a in rest if a.name not in {f.name for f in first}]
    elif lang in SOV_LANGS:
        # a clause the main one is about (…한 데 대해, …したことに対し) keeps its subject
        embedded = lexicon.cues.embedded_end
        opens = max(
            (m.end() for m in embedded.finditer(text, 0, trigger.start)) if embedded else (),
            default=0,
        )
        before = [a for a in args if opens <= a.start and a.end <= trigger.start]
        # the verb ends the trigger: a pattern trigger that runs from its object to its verb
        # holds the subject and the goal between (의정서는 윤정호와 코즐로프가 서명했다), when
        # a particle marks them so
        inner = [a for a in args if opens <= a.start and trigger.start <= a.start < trigger.end]
        subj = [a for a in before + inner if cues.cue.get(id(a)) == "subject"]
        if not trigger.spec.speech:
            # a topic inside the trigger is the act's own (国情院は、北朝鮮兵は…移動し): the
            # sentence's opening topic is then its reporter
            subj += [a for a in inner if cues.cue.get(id(a)) == "topic"]
            subj.sort(key=lambda a: a.start)
        topic = [a for a in before if cues.cue.get(id(a)) == "topic"] or [
            # a topic ahead of that clause is the main clause's (외교부는 러시아가 … 행사한 데
            # 대해 유감을 표명했다): the clause keeps only its own subject
            a
            for a in args
            if a.end <= opens and cues.cue.get(id(a)) == "topic"
        ][:1]
        if trigger.spec.speech:
            actors = topic or subj
        else:
            # the subject nearest the predicate: in 「AはBが…派遣したと…」 B is the agent
            actors = _nearest_group(subj, cues) if subj else topic
        # the origin of goods received (북한으로부터 받았다) is their other party
        other = {"object", "origin"} if trigger.spec.receives else {"object"}
        objs = [a for a in before + inner if cues.cue.get(id(a)) in other]
        recipients = [a for a in objs if a.name not in {x.name for x in actors}]
        if trigger.spec.speech:
            # the owner of what is demanded or condemned: ロ朝の軍事協力の解消を促した
            near = [a for a in participants if opens <= a.start and a.end <= trigger.start]
            named = {x.name for x in actors} | {x.name for x in recipients}
            recipients += [
                a for a in _object_owners(text, trigger, near, lang) if a.name not in named
            ]
        if trigger.spec.speech and not recipients:
            recipients = [a for a in subj if a.name not in {x.name for x in actors}]
        if not actors and not trigger.spec.speech:
            # "북한을 방문한 코즐로프 장관이", 「平壌を訪問したコズロフ大臣が」: the noun a
            # relative clause modifies is its agent
            actors = relative_head(text, trigger, args, cues)
            recipients = [a for a in recipients if a.name not in {x.name for x in actors}]
        if not actors:
            rest = [a for a in before if cues.cue.get(id(a)) not in _NOT_AGENT]
            actors = rest[:1]
        if not recipients and not trigger.spec.speech:
            recipients = _goal_after(text, trigger, args, lang, {x.name for x in actors})
    else:
        # the origin of an import (从中国进口) is never its subject
        skip = _NOT_SUBJECT | {"origin"} if trigger.spec.receives else _NOT_SUBJECT
        actors = clause_object_agent(text, trigger, args, lexicon) or _group_before(
            args, cues, trigger.start, skip, conjoin=trigger.type not in SYMMETRIC_TYPES
        )
        if not actors and lang == "ru":
            # "В Пхеньян прибыла делегация": Russian may put the subject after its verb; the
            # nominative says it is one
            actors = [
                a
                for a in args
                if a.start >= trigger.end
                and cues.cue.get(id(a)) is None
                and bare_case(text, a.start, a.end) == "Nom"
            ][:1]
        taken = {a.name for a in actors}
        marked = [
            a
            for a in args
            if a.start >= trigger.end and cues.cue.get(id(a)) in {"partner", "recipient"}
        ]
        # a mention inside a verb phrase trigger is its object: "help North Korea build
        # satellites", 協助北韓研發衛星
        inside = [
            a
            for a in args
            if trigger.start < a.start and a.end <= trigger.end and a.name not in taken
        ]
        recipients = (
            inside[:1]
            or marked[:1]
            or _marked_before(
                text, args, cues, actors, trigger.start, trigger.type in SYMMETRIC_TYPES
            )
            or _first_group_after(args, cues, trigger.end)
            # "朝鲜从中国进口了…": the origin of an import is its other party
            or [a for a in args if trigger.spec.receives and cues.cue.get(id(a)) == "origin"][:1]
        )
        recipients = [a for a in recipients if a.name not in taken]
        if not actors:
            # "denied using North Korean troops": the owner named inside the trigger acts
            inside = [a for a in args if trigger.start <= a.start and a.end <= trigger.end]
            actors = inside[:1]
    passive = passive_agent(text, trigger, args, cues) if lang == "en" else Passive("not-english")
    if passive.found:
        # "Kim was received by Putin", "troops were sent to Russia by North Korea": the "by"
        # agent acts; a "to" party, then the subject, is the other side
        agents = {a.name for a in passive.agents}
        others = list(passive.marked) + list(passive.subject)
        if not others and trigger.spec.needs == "two":
            # a meeting's subject may be no mention ("the delegation … was received by X"):
            # the other parties the clause names stay its participants
            others = [a for a in actors + recipients if a.name not in agents]
        actors = list(passive.agents)
        recipients = others
    elif trigger.passive:
        # "a veto cast by the Russian Federation — a member of the Council": the by-phrase
        # right after a nominal trigger names the agent
        by = _EN_NOMINAL_BY.match(text, trigger.end) if lang == "en" else None
        by_agents = _agent_at(text, by.end(), args, len(text)) if by else []
        if by_agents:
            named = {a.name for a in by_agents}
            recipients = [a for a in actors + recipients if a.name not in named]
            actors = by_agents
        else:
            actors, recipients = recipients, actors
    owner = genitive_owner(text, trigger, list(participants), lang)
    if owner is not None and trigger.spec.genitive == "actor":
        actors = [owner]
        recipients = [a for a in recipients if a.name != owner.name]
    elif owner is not None and trigger.spec.genitive == "recipient":
        recipients = [owner]
        actors = [a for a in actors if a.name != owner.name] or actors
    return Roles(
        actors=_dedupe([a.name for a in actors]),
        recipients=_dedupe([a.name for a in recipients if a.name not in {x.name for x in actors}]),
        place=_place(text, places, lexicon),
        quantity=find_quantity(text, lexicon, trigger),
    )


# cues that never make a bare mention before a verb-final predicate its agent: the object, a
# place (러시아에서), a source (러시아로부터) and where goods were made (러시아산)
_NOT_AGENT = frozenset({"object", "adjunct", "origin", "made"})
# ja/ko: the goal particle after a mention (に, へ; 에, 에게, 로) that follows a noun trigger
# on the way to its verb: 포탄을 러시아에 보냈다, 砲弾をロシアに送った
_GOAL_AFTER = {
    "ja": re.compile(r"(?:に(?!ついて|対し|よる|より|おいて|おける)|へ)"),
    "ko": re.compile(r"(?:에게|에|께|한테|으로|로)(?!서|부터)"),
}
# the trigger is the verb's object: only its object particle stands before the goal
_GOAL_OBJECT = {"ja": re.compile(r"\s*を\s*"), "ko": re.compile(r"\s*(?:을|를)\s*")}


def _goal_after(
    text: str, trigger: Trigger, args: Sequence[Arg], lang: str, taken: set[str]
) -> list[Arg]:
    """Verb-final languages: the goal named right after a noun trigger, on the way to its verb
    (포탄을 러시아에 보냈다: the shells went to Russia), or inside a trigger that runs from the
    goods to the verb (병력을 러시아로 이동); [] when there is none."""
    goal, obj = _GOAL_AFTER.get(lang), _GOAL_OBJECT.get(lang)
    if goal is None or obj is None:
        return []
    for a in sorted(args, key=lambda a: a.start):
        if a.name in taken or a.start < trigger.start or not goal.match(text, a.end):
            continue
        inside = a.end <= trigger.end
        if inside or (a.start >= trigger.end and obj.fullmatch(text, trigger.end, a.start)):
            return [a]
    return []


# Japanese: a verb in its plain past or present form right before a noun ends a relative clause
_JA_ADNOMINAL = re.compile(r"^(?:し|され)?(?:た|る|ている|ていた|してきた|てきた)$")
_KO_CLAUSE_END = re.compile(r"[,.;:!?，。、\"“”'‘’()]")


def relative_head(text: str, trigger: Trigger, args: Sequence[Arg], cues: RoleCues) -> list[Arg]:
    """The mention a relative clause ending in the trigger modifies, when it is the subject or
    topic of the main clause (ja, ko); else nothing. In Korean the clause may chain on
    (방문하고 돌아온) as long as it ends in an adnominal ending (kiwipiepy's ETM) right before
    the head, with no punctuation in between."""
    after = sorted((a for a in args if a.start >= trigger.end), key=lambda a: a.start)
    if not after or cues.cue.get(id(after[0])) not in {"subject", "topic"}:
        return []
    head = after[0]
    between = text[trigger.end : head.start]
    if cues.lang == "ja":
        return [head] if _JA_ADNOMINAL.match(between) else []
    if cues.lang != "ko" or len(between) > 12 or _KO_CLAUSE_END.search(between):
        return []
    tags = [tag for start, _end, tag in cues.ko_tokens if trigger.end <= start < head.start]
    return [head] if tags and tags[-1] == "ETM" else []


# a closing quote may end the owner's name: 「専門家パネル」の活動
_GENITIVE = re.compile(r"^[」』”\"]?\s*(?:의|の|'s|’s|的|之)?\s*$")


# a country's adjective right before a noun owns it: Russian, North Korean, российский
_DEMONYM = re.compile(
    r"(?:[a-z]an|ese|ish|[Ss]ki)$|(?:ск|цк)(?:ий|ая|ое|ие|ого|ой|им|ому|ую|ими|их)$"
)


def genitive_owner(text: str, trigger: Trigger, args: list[Arg], lang: str = "") -> Arg | None:
    """The mention attached to the trigger noun: ロシアの拒否権, 러시아의 거부권, Russia's veto,
    and in Russian a genitive right after it (вето России)."""
    reach = 3 if trigger.spec.genitive == "actor" else 8  # "北韓的人造衛星", "북한의 인공위성"
    before = [a for a in args if a.end <= trigger.start and trigger.start - a.end <= reach]
    if lang == "ru" and not before:
        after = [a for a in args if a.start >= trigger.end and a.start - trigger.end <= 1]
        if after and bare_case(text, after[0].start, after[0].end) == "Gen":
            return after[0]
    if not before:
        return None
    last = max(before, key=lambda a: a.end)
    between = text[last.end : trigger.start].rstrip()
    if reach > 3:
        between = re.sub(r"(?<=[의の的])\s*\S{1,4}$|(?<='s)\s+\S+$", "", between)
    if not between.strip() and _DEMONYM.search(text[last.start : last.end]):
        return last  # "the Russian veto", "российским вето": the adjective names the owner
    return last if between.strip() and _GENITIVE.match(between) else None


# ja/ko: a mention's genitive, then nouns only, then the object particle right before the verb
_OBJECT_OWNED = {
    "ja": re.compile(r"の[^、。，,をがはにでとも「」]{1,14}を\s*$"),
    "ko": re.compile(r"의\s?[^,.을를이가은는에서와과]{1,14}(?:을|를)\s*$"),
}


def _object_owners(text: str, trigger: Trigger, before: list[Arg], lang: str) -> list[Arg]:
    """The mentions whose genitive opens the object of a speech verb (ロ朝の軍事協力の解消を促した,
    러시아의 행동을 규탄했다): the party the demand or the blame is about. A run of them (ロ朝,
    北朝鮮とロシア) counts whole; [] when the object has no such owner."""
    owned = _OBJECT_OWNED.get(lang)
    if owned is None or not before:
        return []
    last = max(before, key=lambda a: a.end)
    if not owned.match(text, last.end, trigger.start):
        return []
    group = [last]
    for a in sorted(before, key=lambda a: -a.start):
        if a is last or a.end > group[-1].start:
            continue
        if text[a.end : group[-1].start].strip() in {"", "と", "・", "、", "와", "과", "·"}:
            group.append(a)
        else:
            break
    return sorted(group, key=lambda a: a.start)


def _nearest_group(subj: list[Arg], cues: RoleCues) -> list[Arg]:
    last = max(subj, key=lambda a: a.start)
    group = [last]
    for a in sorted(subj, key=lambda a: -a.start):
        if a is last:
            continue
        if (
            cues.text[a.end : group[-1].start].strip(" 、,・") in {"", "と", "와", "과", "및"}
            or len(cues.text[a.end : group[-1].start]) <= 3
        ):
            group.append(a)
        else:
            break
    return group


# a facility word may sit between the place and its particle: 平壌空港で, 평양 순안공항에서
_LOCATIVE_AFTER = {
    "ja": re.compile(r"^[\u4e00-\u9fff\u30a0-\u30ffー]{0,5}?(?:で|にて)"),
    "ko": re.compile(r"^(?:\s?[가-힣]{0,5}?)(?:에서)"),
}
_LOCATIVE_BEFORE = {
    "en": re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:\S+\s+){0,2}$", re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)(?:в|во|на)\s+$", re.IGNORECASE),
    "zh": re.compile(r"(?:在|于|於)$"),
}


def _marked(
    text: str,
    arg: Arg,
    after: re.Pattern[str] | None,
    before: re.Pattern[str] | None,
    reach: int,
) -> bool:
    """Whether a marker follows the mention, or precedes it within ``reach`` characters."""
    if after is not None and after.match(text[arg.end :]):
        return True
    return (
        before is not None
        and before.search(text[max(0, arg.start - reach) : arg.start]) is not None
    )


def is_locative(text: str, arg: Arg, lang: str) -> bool:
    """Whether a place mention is where something happens ("in Pyongyang", 平壌で, 평양에서)."""
    return _marked(text, arg, _LOCATIVE_AFTER.get(lang), _LOCATIVE_BEFORE.get(lang), 30)


# the destination of a visit: 平壌訪問, 평양을 방문, 访问平壤, "visited Pyongyang"
_DESTINATION_AFTER = {
    "ja": re.compile(r"^(?:を|に)?(?:訪問|訪れ|入り)"),
    "ko": re.compile(r"^\s?(?:을|를|에)?\s?(?:방문|도착)"),
}
_DESTINATION_BEFORE = {
    "en": re.compile(r"\bvisit(?:s|ed|ing)?\s+$", re.IGNORECASE),
    "ru": re.compile(r"(?:посетил\w*|посещени\w+)\s+$", re.IGNORECASE),
    "zh": re.compile(r"(?:访问|訪問|抵达|抵達|到访|到訪)$"),
}


def is_destination(text: str, arg: Arg, lang: str) -> bool:
    """Whether a place mention is the destination of a visit named right next to it."""
    return _marked(text, arg, _DESTINATION_AFTER.get(lang), _DESTINATION_BEFORE.get(lang), 20)


def place_of(text: str, places: Sequence[Arg], lexicon: Lexicon) -> str | None:
    """The registry place where the event happened: the first place mention in locative use,
    else the destination of a visit the sentence names."""
    for p in places:
        if is_locative(text, p, lexicon.lang):
            return p.name
    for p in places:
        if is_destination(text, p, lexicon.lang):
            return p.name
    return None


_place = place_of


# an English count spelled out ("some three-thousand troops", "ten thousand soldiers"); text2num
# turns the match into digits
_EN_SPELLED = (
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|a)[- ])?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred)"
)
_QUANTITY = {
    "en": re.compile(
        r"(?:(?:more than|over|about|around|some|nearly|approximately|at least|another"
        r"|an additional"
        r"|additional|up to|a total of|total of)\s+)?(?:\d[\d,.]*|\b" + _EN_SPELLED + r")"
        r"(?:[- ](?:hundred|thousand|million))?"
        r"(?:\s+[\w-]+){0,3}?\s+(?:troops|soldiers|forces|personnel|containers|rounds|shells|missiles"
        r"|workers|animals|servicemen)",
        re.IGNORECASE,
    ),
    "ja": re.compile(
        r"(?:約|およそ|計約|計)?[\d,，０-９]+(?:万|千)?[\d,，０-９]*(?:人|名|発|基|個|両)"
        r"(?:以上|あまり|余り|規模)?"
    ),
    "ko": re.compile(
        r"(?:약\s?|총\s?)?[\d,]+(?:만|천)?\s?[\d,]*(?:천)?\s?(?:여\s?)?(?:명|개|발|기)(?:\s?이상)?"
    ),
    "zh": re.compile(r"(?:约|約|共)?[\d,.]+(?:多)?(?:万|萬|千)?(?:多)?(?:名|人|个|個|发|發|枚)"),
    "ru": re.compile(
        r"\d[\d\s,.]*(?:тыс\.?|тысяч\w*|млн\.?|миллион\w*)?\s*"
        r"(?:военн\w+|солдат\w*|человек|снаряд\w*|ракет\w*|боеприпас\w*)",
        re.IGNORECASE,
    ),
}


def find_quantity(text: str, lexicon: Lexicon, trigger: Trigger | None = None) -> str | None:
    """A count of troops, munitions or goods near the trigger ("more than 10,000 soldiers")."""
    pattern = _QUANTITY.get(lexicon.lang)
    if pattern is None:
        return None
    found = [m for m in pattern.finditer(text) if any(ch.isdigit() for ch in _digits(m, lexicon))]
    if not found:
        return None
    if trigger is None:
        return _digits(found[0], lexicon).strip()
    best = min(found, key=lambda m: max(trigger.start - m.end(), m.start() - trigger.end, 0))
    return _digits(best, lexicon).strip()


def _digits(match: re.Match[str], lexicon: Lexicon) -> str:
    """The matched count with a spelled-out English number in digits ("some 3000 troops")."""
    if lexicon.lang != "en":
        return match.group(0)
    return str(alpha2digit(match.group(0), "en"))


def split_args(args: Sequence[Arg]) -> tuple[list[Arg], list[Arg]]:
    """Participants (persons, organizations, countries) and places."""
    people = [a for a in args if a.kind not in PLACE_KINDS]
    places = [a for a in args if a.kind in PLACE_KINDS]
    return people, places


# Between a speech verb and its object: nothing but an article ("accused Russia", "urged the
# North", "condemned North Korea's …").
_OBJECT_GAP = re.compile(r"^\s*(?:the\s+)?$", re.IGNORECASE)
_SUBJECT_GAP = 30


def speech_roles(
    text: str, trigger: Trigger, args: Sequence[Arg], cues: RoleCues
) -> tuple[list[Arg], list[Arg]]:
    """Subject and direct object of a speech verb in SVO order ("Woodward accused Russia of …",
    "Zelensky also accused Pyongyang"): the nearest mention group before the verb, with no
    clause break between, and the mention right after it. Empty lists when absent."""
    mods = cues.modifiers((trigger.start, trigger.end))
    own = [a for a in args if id(a) not in mods] or list(args)
    subject = _group_before(own, cues, trigger.start)
    if subject:
        last = max(subject, key=lambda a: a.end)
        gap = text[last.end : trigger.start]
        if trigger.start - last.end > _SUBJECT_GAP or re.search(r"[,;:“”\"]", gap):
            subject = []
    after = sorted((a for a in own if a.start >= trigger.end), key=lambda a: a.start)
    obj = [after[0]] if after and _OBJECT_GAP.match(text[trigger.end : after[0].start]) else []
    return subject, obj
