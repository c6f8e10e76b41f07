"""The offline rules extractor: per sentence, triggers -> frame -> roles -> attribution ->
modality -> time, then duplicates merged within a section and weak claims dropped.

Only sentences with a trigger and at least one actor mention are analysed further.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from watchfloor.claims.attribution import Attribution, attribute
from watchfloor.claims.delegations import delegation_args, delegation_heads
from watchfloor.claims.extractor import claim_id_for
from watchfloor.claims.frames import Trigger, best_per_type, find_triggers
from watchfloor.claims.lexicon import FrameSpec, Lexicon, load_lexicon
from watchfloor.claims.media import actor_country, is_media, outlet_country
from watchfloor.claims.modality import decide_status, is_background, is_ongoing, read_modality
from watchfloor.claims.ontology import SYMMETRIC_TYPES
from watchfloor.claims.roles import (
    SOV_LANGS,
    Arg,
    RoleCues,
    assign_roles,
    clause_object_agent,
    genitive_owner,
    is_locative,
    passive_agent,
    place_of,
    speech_roles,
    split_args,
)
from watchfloor.claims.ru_case import after_preposition
from watchfloor.claims.timex_lexicon import anaphoric_day_offset
from watchfloor.claims.timex_types import Governed, ReferenceKind
from watchfloor.records import Article, Claim, Mention, Section, Span, Status

NAME = "claims.rules.v1"
MIN_CONFIDENCE = 0.7
# the date rule prefix of a claim dated by the start of an ongoing activity ("since August")
SINCE_RULE = "since:"
# the modes of troops sent to another state (the AID frames' deployments and decisions)
TROOP_MODES = frozenset({"military personnel", "decision to deploy"})


@dataclass(frozen=True, slots=True)
class DateRef:
    """The reference date for relative time expressions and where it came from."""

    day: date | None
    kind: str  # "published" | "text"


@dataclass(frozen=True, slots=True)
class _Sentence:
    section: int
    index: int
    start: int
    end: int
    text: str
    lang: str
    headline: bool  # the article's or the section's title
    heading: bool = False  # a title, subheading or caption line (see looks_like_heading)
    line: tuple[int, int, str] | None = None  # the title line a headline clause belongs to


def _fallback_sentences(text: str, lang: str) -> tuple[Span, ...]:
    try:
        from watchfloor.language.sentences import split_sentences

        return tuple(split_sentences(text, lang))
    except ImportError:  # the language package is optional for this stage
        spans = []
        for m in re.finditer(r"[^\n。！？!?]+[。！？!?]?", text):
            if m.group(0).strip():
                spans.append(Span(m.start(), m.end()))
        return tuple(spans)


def _sentences(article: Article) -> list[_Sentence]:
    out = []
    titles = {t.strip() for t in (article.title,) if t}
    for si, section in enumerate(article.sections):
        spans = section.sentences or _fallback_sentences(section.text, section.lang)
        sec_titles = titles | ({section.title.strip()} if section.title else set())
        body_index = 0
        for sp in spans:
            raw = section.text[sp.start : sp.end]
            lead = len(raw) - len(raw.lstrip())
            start, end = sp.start + lead, sp.start + len(raw.rstrip())
            if end <= start:
                continue
            text = section.text[start:end]
            headline = text in sec_titles
            heading = headline or looks_like_heading(text, section.lang)
            index = -1 if headline else body_index
            clauses = heading_clauses(text, section.lang) if heading else [(0, len(text))]
            line = (start, end, text) if len(clauses) > 1 else None
            for c_start, c_end in clauses:
                out.append(
                    _Sentence(
                        si,
                        index,
                        start + c_start,
                        start + c_end,
                        text[c_start:c_end],
                        section.lang,
                        headline,
                        heading,
                        line,
                    )
                )
            if not headline:
                body_index += 1
    return out


# Japanese and Chinese write no spaces between words: a space inside a title separates two
# clauses (「ロシア代表団が平壌訪問　金氏、資源相と会談」), each with its own subject.
_CLAUSE_SPACE = re.compile(r"(?<=[^\sA-Za-z0-9])[ \u3000]+(?=[^\sA-Za-z0-9])")


def heading_clauses(text: str, lang: str) -> list[tuple[int, int]]:
    """The clauses of a title line: split at spaces in ja/zh, the whole line elsewhere."""
    if lang not in {"ja", "zh"}:
        return [(0, len(text))]
    out, pos = [], 0
    for m in _CLAUSE_SPACE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


# How a sentence of running text ends: terminal punctuation, a closing quote or bracket, or a
# Korean declarative/polite ending written without a full stop (…했다, …합니다, …했음).
_SENTENCE_END = re.compile(r"[.!?。！？…」』”\"’')）\]]\s*$|[다요음함임]\s*$")


def looks_like_heading(text: str, lang: str) -> bool:
    """A title, subheading or caption line: short and not closed as a sentence. Its claims are
    summaries of the body's, so they count as headline claims (lower confidence, dropped when
    the body states the same kind of event)."""
    del lang  # the end-of-sentence cue above covers the five languages
    return len(text) <= 90 and not _SENTENCE_END.search(text)


def reference_date(article: Article, timezones: Mapping[str, str] | None = None) -> DateRef:
    """The publication date in the publisher's timezone, else the latest full date the text
    mentions (reference_kind "text")."""
    if article.published is not None:
        published = article.published
        tz = _publisher_tz(article, timezones or {})
        if tz is not None and published.tzinfo is not None:
            offset = published.utcoffset()
            if offset is not None and offset.total_seconds() == 0:
                published = published.astimezone(tz)
        return DateRef(
            published.date() if isinstance(published, datetime) else published, "published"
        )
    try:
        from watchfloor.claims.timex import reference_from_text
    except ImportError:
        return DateRef(None, "text")
    days = []
    for section in article.sections:
        spans = section.sentences or _fallback_sentences(section.text, section.lang)
        day = reference_from_text([section.text[s.start : s.end] for s in spans], section.lang)
        if day is not None:
            days.append(day)
    return DateRef(max(days) if days else None, "text")


def _publisher_tz(article: Article, timezones: Mapping[str, str]) -> ZoneInfo | None:
    host = (article.site or re.sub(r"^[a-z]+://", "", article.url).split("/")[0]).lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    name = timezones.get(tld)
    try:
        return ZoneInfo(name) if name else None
    except (KeyError, ValueError):
        return None


def _resolve_date(
    text: str, lang: str, ref: DateRef, trigger: Trigger, lex: Lexicon
) -> tuple[str | None, str | None, str | None]:
    try:
        from watchfloor.claims.timex import resolve_event_date
    except ImportError:
        return None, None, None
    kind: ReferenceKind = "published" if ref.kind == "published" else "text"
    expr = resolve_event_date(text, lang, ref.day, kind, trigger=(trigger.start, trigger.end))
    if expr is None:
        return None, None, None
    if expr.governed is Governed.SINCE and is_ongoing(text, trigger, lex):
        # "has shipped shells since August": the start of what the claim reports
        return expr.date, expr.precision, SINCE_RULE + expr.rule
    if expr.governed is not None:
        # "said Tuesday" dates the report, "until June" ends a term, "its tenth launch since
        # 2022" counts from a day: none is the event's
        return None, None, None
    return expr.date, expr.precision, expr.rule


def _args(
    sentence: _Sentence,
    mentions: Sequence[Mention],
    lex: Lexicon,
    pair: tuple[str, str] | None = None,
) -> list[Arg]:
    out = []
    for m in mentions:
        if m.section != sentence.section or m.start < sentence.start or m.end > sentence.end:
            continue
        rel_start, rel_end = m.start - sentence.start, m.end - sentence.start
        if _in_dateline(sentence.text, rel_start, rel_end) or _names_war(
            sentence.text, rel_start, rel_end
        ):
            continue
        out.append(
            Arg(
                m.canonical_name,
                m.kind or "",
                m.start - sentence.start,
                m.end - sentence.start,
                media=is_media(m.canonical_name),
            )
        )
    # only when the sentence names no other party: "both countries ratified the treaty"
    if pair is not None and lex.cues.pair is not None and all(a.media for a in out):
        for hit in lex.cues.pair.finditer(sentence.text):
            if not any(a.start < hit.end() and hit.start() < a.end for a in out):
                out.extend(Arg(name, "country", hit.start(), hit.end()) for name in pair)
    return sorted(out, key=lambda a: a.start)


# A dateline credit opening a sentence: "[서울=뉴시스]", "(Seoul=Yonhap)", "【ソウル共同】": the
# publisher's own credit, not a source the sentence cites nor a party to its event.
_DATELINE = re.compile(r"^\s*[\[(【（〔][^\])】）〕]{0,30}$")
_DATELINE_END = re.compile(r"^[^\[(【（〔\])】）〕]{0,30}[\])】）〕]")
# A war named after its parties ("the Russia-Ukraine war", 러시아-우크라이나 전쟁, ウクライナ戦争,
# 俄乌战争): the countries name the war, they are not parties to the sentence's event.
_WAR_AFTER = re.compile(
    r"^(?:\s?[-–‐・·/]\s?[^\s\-–‐・·/]{1,12}?)?\s?(?:전쟁|전선|침공|戦争|戦線|侵攻|战争|戰爭"
    r"|战场|戰場|war\b|front\b)",
    re.IGNORECASE,
)


def _in_dateline(text: str, start: int, end: int) -> bool:
    return bool(_DATELINE.match(text[:start]) and _DATELINE_END.match(text[end:]))


_WAR_BEFORE = re.compile(
    r"(?:\bwar\s+(?:against|on|in|with)|\bвойн\w*\s+(?:против|с|на))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _names_war(text: str, start: int, end: int) -> bool:
    """Whether the mention is part of a war's name: "Russia-Ukraine war", 우크라이나 전쟁,
    "the war against Ukraine"."""
    return bool(
        _WAR_AFTER.match(text[end:]) or _WAR_BEFORE.search(text[max(0, start - 30) : start])
    )


def section_outlets(
    article: Article, mentions: Sequence[Mention], state_media: frozenset[str]
) -> dict[int, str]:
    """The state outlet each section names first outside a dateline credit: what "state media"
    stands for in it ("…, state media said. … the Korean Central News Agency reported")."""
    out: dict[int, str] = {}
    for m in sorted(mentions, key=lambda m: (m.section, m.start)):
        if m.section in out or m.canonical_name not in state_media:
            continue
        if m.section >= len(article.sections):
            continue
        text = article.sections[m.section].text
        line_start = text.rfind("\n", 0, m.start) + 1
        if _in_dateline(text[line_start:], m.start - line_start, m.end - line_start):
            continue
        out[m.section] = m.canonical_name
    return out


def pair_countries(mentions: Sequence[Mention], section: int) -> tuple[str, str] | None:
    """The two countries a section is about: its two most-mentioned countries (first mention
    breaks ties), or None when it names fewer than two. "Both countries" refers to them."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.section == section and m.kind == "country" and not is_media(m.canonical_name):
            counts[m.canonical_name] = counts.get(m.canonical_name, 0) + 1
    if len(counts) < 2:
        return None
    order = list(counts)
    top = sorted(order, key=lambda n: (-counts[n], order.index(n)))[:2]
    return top[0], top[1]


def _as_actor(text: str, args: list[Arg], places: list[Arg], lex: Lexicon) -> list[Arg]:
    """Capitals acting as their state ("Pyongyang has sent troops") join the participants;
    a capital in locative use ("met in Pyongyang") stays a place."""
    extra = [
        Arg(lex.metonyms[p.name], "country", p.start, p.end)
        for p in places
        if p.name in lex.metonyms and not is_locative(text, p, lex.lang)
    ]
    return sorted(args + extra, key=lambda a: a.start)


class RulesExtractor:
    """Offline rules plus structure cues; one instance per process (lexicons are cached)."""

    name = NAME

    def __init__(
        self,
        timezones: Mapping[str, str] | None = None,
        min_confidence: float = MIN_CONFIDENCE,
        lexicons: Mapping[str, Lexicon] | None = None,
    ) -> None:
        self.timezones = dict(timezones or {})
        self.min_confidence = min_confidence
        self._lexicons = dict(lexicons or {})

    def lexicon(self, lang: str) -> Lexicon:
        if lang not in self._lexicons:
            self._lexicons[lang] = load_lexicon(lang)
        return self._lexicons[lang]

    def extract(self, article: Article, mentions: Sequence[Mention]) -> tuple[Claim, ...]:
        ref = reference_date(article, self.timezones)
        claims: list[Claim] = []
        last_contested: dict[int, FrameSpec] = {}
        contested: set[str] = set()  # ids of claims whose frame is contested (troops, arms)
        narrative: dict[int, tuple[int, str, str, str]] = {}  # section -> (index, date, prec, rule)
        pairs = {si: pair_countries(mentions, si) for si in range(len(article.sections))}
        state_media = self.lexicon("en").state_media  # language-independent (_common.toml)
        outlets = section_outlets(article, mentions, state_media)
        heads = delegation_heads(article, mentions, self.lexicon)
        for sentence in _sentences(article):
            lex = self.lexicon(sentence.lang)
            if not lex.frames:
                continue
            args = _args(sentence, mentions, lex, pairs.get(sentence.section))
            head = heads.get(sentence.section)
            if head is not None:
                # "the delegation arrived": its head, named elsewhere in the section, acts
                args = sorted(
                    args + delegation_args(sentence.text, args, head, lex), key=lambda a: a.start
                )
            people, places = split_args(args)
            found = []
            if people or places:
                found = claims_of_sentence(
                    article,
                    sentence,
                    people,
                    places,
                    lex,
                    ref,
                    last_contested.get(sentence.section),
                )
            anchor = narrative.get(sentence.section)
            shifted = _anaphoric_day(sentence, anchor, ref) if found else None
            line_place = _line_place(sentence, mentions, lex) if found else None
            outlet = outlets.get(sentence.section)
            generic = lex.reporting.generic
            for c, spec in found:
                if (
                    outlet is not None
                    and generic is not None
                    and (not c.asserted_by or set(c.asserted_by) == {outlet_country(outlet)})
                    and generic.search(sentence.text)
                ):
                    # "(North Korea's) state media said Kim met …": the outlet the section
                    # names elsewhere, when it is that country's
                    c = replace(c, asserted_by=(outlet,))
                if c.place is None and line_place is not None:
                    # a title is one story: "Delegation visits Pyongyang; Kim meets minister"
                    c = replace(c, place=line_place)
                if spec.contested:
                    last_contested[sentence.section] = spec
                    contested.add(c.claim_id)
                if c.date is None and shifted is not None:
                    # "The previous day, Kim met …": a day counted from the story's last one
                    c = replace(c, date=shifted, date_precision="day", date_rule="anaphoric_day")
                if c.date is None and anchor is not None and 0 <= sentence.index - anchor[0] <= 2:
                    # news narrates in the time its lead set: "on Wednesday … arrived. He met …"
                    c = replace(
                        c,
                        date=anchor[1],
                        date_precision=anchor[2],
                        date_rule=f"inherited:{anchor[3]}",
                    )
                claims.append(c)
            own = _sentence_time(sentence, ref)
            if own is None and shifted is not None:
                own = (shifted, "day", "anaphoric_day")
            if own is not None and not sentence.headline:
                narrative[sentence.section] = (sentence.index, *own)
        claims = lend_dates_across_sections(claims)
        merged = merge_duplicates(claims)
        merged = drop_covered_headlines(merged)
        kept = [c for c in merged if c.confidence >= self.min_confidence]
        sourced = source_contested(inherit_lead_date(kept), contested, state_media)
        return tuple(inherit_story_source(sourced))


def _criticised(trig: Trigger, triggers: Sequence[Trigger], allegation: bool) -> Trigger | None:
    """The act a criticism names ("regretted Russia's veto"): the sentence's first trigger that
    is no speech act; None for other frames and for an accusation of a nested act."""
    if trig.type != "ACCUSE" or allegation or not trig.spec.speech:
        return None
    return next((t for t in triggers if not t.spec.speech), None)


def _marked_recipients(text: str, spec: FrameSpec, args: Sequence[Arg]) -> tuple[str, ...]:
    """The mentions a frame's recipient markers point at ("the US-drafted resolution"): for a
    veto the sponsor of the resolution, never the state the resolution is about."""
    found = [
        a.name
        for a in args
        if (
            (spec.recipient_after is not None and spec.recipient_after.match(text[a.end :]))
            or (
                spec.recipient_before is not None
                and spec.recipient_before.search(text[max(0, a.start - 40) : a.start])
            )
        )
    ]
    return tuple(dict.fromkeys(found))[:2]


def _owner(text: str, trig: Trigger, args: Sequence[Arg], lang: str) -> str | None:
    """The country or body whose troops (what the frame's ``owned`` names) the sentence says
    are provided, when one mention directly owns them near the trigger; else None. A Russian
    owner is an adjective or a genitive, never a noun a preposition governs: in "направить в
    Россию 12 тысяч военных" Russia is where they go."""
    owned = trig.spec.owned
    if owned is None:
        return None
    owners = {
        a.name
        for a in args
        if a.kind in ("country", "organization")
        and not (lang == "ru" and after_preposition(text, a.start))
        and abs(a.start - trig.start) <= 80
        and (m := owned.match(text, a.end)) is not None
        and not any(a.end < b.start < m.end() for b in args)
    }
    return next(iter(owners)) if len(owners) == 1 else None


def _line_place(sentence: _Sentence, mentions: Sequence[Mention], lex: Lexicon) -> str | None:
    """The place a whole title line names, when the sentence is one clause of it."""
    if sentence.line is None:
        return None
    start, end, text = sentence.line
    whole = replace(sentence, start=start, end=end, text=text, line=None)
    _people, places = split_args(_args(whole, mentions, lex))
    return place_of(text, places, lex)


def claims_of_sentence(
    article: Article,
    sentence: _Sentence,
    people: list[Arg],
    places: list[Arg],
    lex: Lexicon,
    ref: DateRef,
    previous_contested: FrameSpec | None = None,
) -> list[tuple[Claim, FrameSpec]]:
    """The claims one sentence states, with the frame spec each came from."""
    text = sentence.text
    found = find_triggers(text, lex)
    # per type the strongest trigger the sentence states as its news, else the strongest named
    # as background: in "정상회담을 위해 만난 푸틴" the meeting happened, the summit is its aim
    foreground = [t for t in found if not is_background(text, t, lex)]
    stated = {t.type for t in foreground}
    triggers = best_per_type(foreground + [t for t in found if t.type not in stated])
    if not triggers and previous_contested is not None and lex.cues.anaphora is not None:
        # "Both governments rejected those reports": the event is the previous sentence's one
        m = lex.cues.anaphora.search(text)
        if m:
            triggers = [Trigger(previous_contested, m.start(), m.end(), False)]
    if not triggers:
        return []
    participants = _as_actor(text, people, places, lex)
    if not participants:
        return []
    cues = RoleCues(text, participants, lex)
    accuse = next((t for t in triggers if t.type == "ACCUSE"), None)
    nested = [t for t in triggers if t.spec.contested and t is not accuse]
    if accuse is not None and nested:
        # "X accuses Y of sending troops": one accusation whose content is the nested act
        triggers = [t for t in triggers if t not in nested]
    out: list[tuple[Claim, FrameSpec]] = []
    for trig in triggers:
        allegation = trig is accuse and bool(nested)
        passive_subject: set[str] = set()
        attribution = attribute(text, participants, lex, cues, trig.start)
        asserter_names = set(attribution.names)
        # outlets report events; they are never the frame's participants
        players = [a for a in participants if not a.media]
        frame_args = [a for a in players if a.name not in asserter_names]
        if not frame_args and not (trig.spec.contested and attribution.stance != "denies"):
            # "Pyongyang said it had ratified": the speaker may be the agent, but not of a
            # contested act it reports about others ("the NIS said troops were moved")
            frame_args = players
        if not frame_args or (trig.spec.evaluative and not attribution.asserters):
            # "Russia's veto has undermined the regime": a judgement nobody voices is no
            # criticism
            continue
        if trig.spec.speech and attribution.asserters:
            # the speaker of a speech act (accuse, urge, warn) is its actor; the others are
            # its target, or for an accusation the agent of the alleged act
            actors = attribution.names
            criticised = _criticised(trig, triggers, allegation)
            target = nested[0] if allegation else (criticised or trig)
            roles = assign_roles(text, target, frame_args, places, lex, cues)
            # "X regretted Russia's veto": the target of a criticism is the agent of the act it
            # names; an accusation's is the agent of the alleged act
            agent_only = allegation or (criticised is not None and bool(roles.actors))
            pool = roles.actors if agent_only else roles.actors + roles.recipients
            passive = passive_agent(text, trig, players, cues)
            if passive.found:
                # "Kim was accused by Seoul of …": the "by" agent speaks; the subject is the
                # target (of an accusation: the agent of the alleged act), not the speaker
                actors = tuple(dict.fromkeys(a.name for a in passive.agents))
                accused = tuple(a.name for a in passive.subject + passive.marked)
                pool = accused if allegation and accused else (*accused, *pool)
                passive_subject = {a.name for a in passive.subject}
            elif lex.lang not in SOV_LANGS and not trig.spec.evaluative:
                # the speech verb's own subject and object, when the clause shows them (a
                # judgement's subject is its target: "Wood said Russia had undermined …")
                subject, addressee = speech_roles(text, trig, players, cues)
                if subject:
                    actors = tuple(dict.fromkeys(a.name for a in subject))
                if addressee and not allegation:
                    pool = (addressee[0].name, *pool)
            recipients = tuple(n for n in dict.fromkeys(pool) if n not in actors)[:2]
        else:
            roles = assign_roles(text, trig, frame_args, places, lex, cues)
            actors, recipients = roles.actors, roles.recipients
            criticised = _criticised(trig, triggers, allegation)
            if criticised is not None:
                # 「カービー氏はロシアの拒否権の行使は無謀だと述べ、…と非難した」: no verb of
                # saying after the criticism, but its target is still the agent of the act
                agents = assign_roles(text, criticised, frame_args, places, lex, cues).actors
                targets = tuple(n for n in agents if n not in actors)
                recipients = targets[:2] or recipients
            if trig.spec.receives and trig.spec.receiver_role == "recipient" and recipients:
                # "Russia received shells from North Korea": the origin provides
                actors, recipients = recipients, actors
            if _speaker_acts(trig, frame_args, players, attribution, cues, lex):
                # 「プーチン氏は…北朝鮮の衛星開発を支援すると述べた」, 푸틴은 … 돕겠다고 밝혔다:
                # the quoted clause has no subject of its own, so the speaker is its agent
                actors = tuple(dict.fromkeys(a.name for a in attribution.asserters if not a.media))
                # the mention the fallback took for the agent is the act's other party
                pool = tuple(dict.fromkeys(roles.recipients + roles.actors))
                recipients = tuple(n for n in pool if n not in actors)[:2]
            if allegation:
                inner = assign_roles(text, nested[0], frame_args, places, lex, cues)
                recipients = tuple(n for n in inner.actors if n not in actors) or recipients
        owner = _owner(text, trig, frame_args, lex.lang)
        if owner is not None and actors != (owner,):
            # "Russia transported North Korean troops": the troops' owner provides them; a
            # country that carries or takes them is the other side (a person or body wrongly
            # read as the agent is dropped, not made the recipient)
            kinds = {a.name: a.kind for a in frame_args}
            others = tuple(n for n in recipients if n != owner) or tuple(
                n for n in actors if n != owner and kinds.get(n) == "country"
            )
            actors, recipients = (owner,), others[:2]
        speakers = tuple(a.name for a in attribution.asserters if not a.media)
        if (
            not actors
            and speakers
            and not allegation
            and (not trig.spec.contested or attribution.stance == "denies")
        ):
            # "Pyongyang said it had ratified …", "Russia denied the troop movements": the
            # speaker is the agent (or the party denying its own act). Not for a contested act
            # someone else reports ("the NIS said troops were moved"): its agent is unsaid.
            actors = tuple(dict.fromkeys(speakers))
        if not actors:
            continue
        if (trig.spec.recipient_after or trig.spec.recipient_before) and not (
            # 外交部对俄罗斯行使否决权表示遗憾: 对 governs the vetoing clause, not the draft
            clause_object_agent(text, trig, frame_args, lex)
        ):
            marked = _marked_recipients(text, trig.spec, frame_args)
            # "미국이 제출한 결의안", 「米国が提出した決議案」: the sponsor is the subject of a
            # relative clause, not the agent; the agent is then the frame's other party
            rest = (
                tuple(n for n in actors if n not in marked)
                or tuple(n for n in recipients if n not in marked)
                # roles took only the sponsor: the first other state named acts
                or tuple(
                    a.name for a in frame_args if a.kind == "country" and a.name not in marked
                )[:1]
            )
            if rest:
                actors, recipients = rest, marked
            else:
                recipients = tuple(n for n in marked if n not in actors)
        if trig.spec.recipient_kinds:
            kinds = {a.name: a.kind for a in participants}
            recipients = tuple(n for n in recipients if kinds.get(n) in trig.spec.recipient_kinds)
        if attribution.stance == "denies" and not recipients:
            # "Russia denied using North Korean troops": a denial comes from a party to the act;
            # when it is not the agent, it is the other side
            recipients = tuple(n for n in dict.fromkeys(speakers) if n not in actors)[:2]
        if trig.type == "CONSULT" and (trig.spec.mode or "").startswith("visit"):
            # the end of a visit names the place left ("Kozlov departed Pyongyang")
            left = [a.name for a in places] if trig.spec.mode == "visit end" else []
            recipients = visit_hosts(
                actors, recipients, roles.place, [a.name for a in frame_args], left
            )
        needs_two = trig.spec.needs == "two"
        if needs_two and len(set(actors) | set(recipients)) < 2:
            continue
        modality = read_modality(text, trig, lex, {a.start for a in participants})
        # the subject of a passive speech verb is its target, never its speaker
        asserted_by = tuple(n for n in attribution.names if n not in passive_subject)
        if trig.spec.speech:
            asserted_by = asserted_by or actors
        status, stance = decide_status(
            trig,
            modality,
            attribution.stance,
            asserted_by,
            actors,
            allegation,
            party_speaks=party_speaks(asserted_by, actors, lex.state_media),
        )
        day, precision, rule = _resolve_date(text, sentence.lang, ref, trig, lex)
        context = list(modality.contexts())
        # an activity going on since a past day is today's news, not history
        historical = _is_historical(day, ref) and not (rule or "").startswith(SINCE_RULE)
        if historical:
            context.append("historical")
        mode = trig.spec.mode
        obj = object_of(text, trig)
        if allegation:
            alleged = nested[0].spec
            mode = f"allege {alleged.mode}" if alleged.mode else "allege"
            obj = f"{alleged.type}/{alleged.mode}"
        confidence = _confidence(
            trig,
            sentence,
            # a party's denial names the act's two sides in its speakers
            recipients or (actors if attribution.stance == "denies" else ()),
            # a denial is a full claim, whether a verb or a negation over the act makes it
            modality.negated and status is not Status.DENIED,
            # an act recalled with its own day ("on November 15 last year") is a claim
            # about that day, kept with its "historical" context; recalled by a month or a
            # year only, it sets the scene
            (historical and precision != "day") or modality.background,
            needs_two,
            modality.hypothetical,
            parties=len(set(actors) | set(recipients)),
            own_day=precision == "day",
        )
        claim = Claim(
            claim_id=claim_id_for(
                article.doc_id, sentence.section, sentence.start, trig.type, actors
            ),
            doc_id=article.doc_id,
            section=sentence.section,
            start=sentence.start,
            end=sentence.end,
            evidence=text,
            type=trig.type,
            mode=mode,
            actors=actors,
            recipients=recipients,
            asserted_by=asserted_by,
            stance=stance,
            status=status,
            negated=modality.negated,
            context=tuple(context),
            object=obj,
            quantity=roles.quantity if (trig.spec.contested or allegation) else None,
            date=day,
            date_precision=precision,
            date_rule=rule,
            place=roles.place,
            confidence=round(confidence, 3),
            extractor=NAME,
            from_headline=sentence.heading,
        )
        out.append((claim, trig.spec))
    return _troops_are_no_visitors(out)


def object_of(text: str, trig: Trigger) -> str | None:
    """The kind of what the trigger's act is about ("protocol" for 의정서에 서명했다), from its
    frame's ``objects``; None when the frame names none or the sentence names no known kind.

    A trigger's span runs from its object to its verb or from its verb to its object, so the
    object is the match nearest the verb: the last when the span opens with one (교류계획서를
    조인했다 after a 의정서), else the first. Past the span, the first match in the frame's
    ``objects_after`` reach counts ("подписали протокол")."""
    spec = trig.spec
    if not spec.objects:
        return None
    span = text[trig.start : trig.end]
    found = sorted((m.start(), kind) for kind, regex in spec.objects for m in regex.finditer(span))
    if found:
        return found[-1][1] if found[0][0] == 0 else found[0][1]
    after = text[trig.end : trig.end + spec.objects_after]
    later = sorted((m.start(), kind) for kind, regex in spec.objects if (m := regex.search(after)))
    return later[0][1] if later else None


def _troops_are_no_visitors(
    found: list[tuple[Claim, FrameSpec]],
) -> list[tuple[Claim, FrameSpec]]:
    """A sentence that sends a state's troops reports their arrival as the deployment, not as
    a visit by that state ("North Korean troops arrived in Kursk", 러시아에 도착한 … 부대를
    파견): its visit claims by the sending side are dropped."""
    senders = {a for c, _ in found if c.type == "AID" and c.mode in TROOP_MODES for a in c.actors}
    if not senders:
        return found
    return [
        (c, spec)
        for c, spec in found
        if not (c.type == "CONSULT" and c.mode == "visit" and set(c.actors) <= senders)
    ]


# how far the reporting verb may close the quoted act: 돕겠다고 밝혔다, 支援すると明らかにした
_QUOTE_REACH = 15
# en/ru: the reported clause opens with a pronoun that takes up the speaker ("Putin confirmed
# he would help …", "Лавров заявил, что он …"), and how far on its act may follow
_SELF_SUBJECT = {
    # "confirmed he would", "confirmed for the first time that it had"
    "en": re.compile(r"\s*,?\s*(?:(?:[\w-]+\s+){0,5}?that\s+)?(?:he|she|it|they)\b", re.IGNORECASE),
    "ru": re.compile(r"\s*,?\s*что\s+(?:он|она|оно|они)\b", re.IGNORECASE),
}
_SELF_REACH = 40


def _speaker_acts(
    trig: Trigger,
    frame_args: Sequence[Arg],
    players: Sequence[Arg],
    attribution: Attribution,
    cues: RoleCues,
    lex: Lexicon,
) -> bool:
    """Whether the speaker of a reporting frame is also the agent of the act it reports.

    Verb-final languages: the act closes the quoted clause (돕겠다고 밝혔다, 支援すると述べた)
    and nothing before it is marked as its subject nor owns it (ロシアの拒否権). en/ru: the
    reported clause's subject is a pronoun taking up the speaker, and no other party is named
    before the act ("Putin confirmed he would help North Korea build satellites"). Not for
    speech acts, nor for contested acts (the NIS reporting troop moves is not their agent)
    unless the speaker owns up to the act (北朝鮮は…派遣したことを認めた, "North Korea
    acknowledged it had deployed troops": the lexicon's ``admission`` verbs)."""
    if trig.spec.speech:
        return False
    verb = attribution.verb_span
    if trig.spec.contested:
        admission = lex.cues.admission
        if verb is None or admission is None or not admission.search(cues.text, *verb):
            return False
    if not any(not a.media for a in attribution.asserters) or len(frame_args) == len(players):
        return False
    self_subject = _SELF_SUBJECT.get(lex.lang)
    if self_subject is not None or lex.lang == "zh":
        # the reported clause follows the verb of saying, the act soon after
        if verb is None or not 0 <= trig.start - verb[1] <= _SELF_REACH:
            return False
        between = [a for a in frame_args if verb[1] <= a.start < trig.start]
        if self_subject is not None:
            return self_subject.match(cues.text, verb[1]) is not None and not between
        # zh drops the reported clause's subject (朝鲜承认向俄罗斯派兵): only a party a
        # preposition marks stands between the verb and the act
        return all(cues.cue.get(id(a)) is not None for a in between)
    if lex.lang not in SOV_LANGS:
        return False
    if verb is None or not 0 <= verb[0] - trig.end <= _QUOTE_REACH:
        return False
    if trig.spec.genitive == "actor" and genitive_owner(cues.text, trig, list(frame_args)):
        return False
    return not any(
        cues.cue.get(id(a)) in {"subject", "topic"} and a.end <= trig.start for a in frame_args
    )


def _sentence_time(sentence: _Sentence, ref: DateRef) -> tuple[str, str, str] | None:
    """The day or week a sentence is set in, when it says so and it is recent news time."""
    try:
        from watchfloor.claims.timex import resolve_event_date
    except ImportError:
        return None
    kind: ReferenceKind = "published" if ref.kind == "published" else "text"
    expr = resolve_event_date(sentence.text, sentence.lang, ref.day, kind)
    if expr is None or expr.governed is not None or expr.precision != "day":
        return None
    if _is_historical(expr.date, ref):
        return None
    return expr.date, expr.precision, expr.rule


def _anaphoric_day(
    sentence: _Sentence, anchor: tuple[int, str, str, str] | None, ref: DateRef
) -> str | None:
    """The day of "the previous day" / 翌日 / накануне: counted from the day the story last
    stated (within two sentences), else from the report's own day."""
    offset = anaphoric_day_offset(sentence.text, sentence.lang)
    if offset is None:
        return None
    base = ref.day if ref.kind == "published" else None
    if anchor is not None and 0 <= sentence.index - anchor[0] <= 2 and anchor[2] == "day":
        base = date.fromisoformat(anchor[1])
    return None if base is None else (base + timedelta(days=offset)).isoformat()


_OWN_TIME = frozenset({Status.PLANNED, Status.HYPOTHETICAL})


def inherit_lead_date(claims: Sequence[Claim]) -> list[Claim]:
    """An undated claim takes the day of its section's lead event: a news story is set on the
    day of its main event, which the lead dates once ("Kim met Kozlov on Monday … Kozlov also
    met the premier"). Plans and conditions have their own time; background has none."""
    lead: dict[int, Claim] = {}
    for c in claims:
        if (
            c.section not in lead
            and c.date
            and c.date_precision == "day"
            and not c.from_headline
            and c.status not in _OWN_TIME
            and not {"historical", "background"} & set(c.context)
        ):
            lead[c.section] = c
    out = []
    for c in claims:
        first = lead.get(c.section)
        if (
            c.date is None
            and first is not None
            and c.status not in _OWN_TIME
            and not {"historical", "background"} & set(c.context)
        ):
            c = replace(
                c,
                date=first.date,
                date_precision=first.date_precision,
                date_rule=f"lead:{first.date_rule}",
            )
        out.append(c)
    return out


def _participants(c: Claim) -> set[str]:
    return set(c.actors) | set(c.recipients)


def _finer(day: str | None, than: str | None) -> bool:
    """Whether ``day`` is a more precise date inside ``than`` (2024-11-14 inside 2024-11)."""
    return bool(day and than and len(day) > len(than) and day.startswith(than))


def _twins(c: Claim, claims: Sequence[Claim]) -> list[Claim]:
    """The same event as ``c`` stated in other sections of the document."""
    return [
        o
        for o in claims
        if o.section != c.section
        and _same_event(o, c)
        and (
            set(o.actors) & set(c.actors)
            # a symmetric event told from the other side: both parties in common
            or (c.type in SYMMETRIC_TYPES and len(_participants(o) & _participants(c)) >= 2)
        )
    ]


def inherit_story_source(claims: Sequence[Claim]) -> list[Claim]:
    """An unattributed claim takes the source its section's story is told on: a report names
    its source once ("KCNA said Kim met Kozlov …") and narrates the rest on its word ("Kozlov
    also met the premier"). The source is the first news outlet asserting a body claim
    (KCNA, Yonhap); background and plans are left as they are."""
    source: dict[int, Claim] = {}
    for c in claims:
        if c.section in source or c.from_headline or not c.asserted_by:
            continue
        if all(is_media(n) for n in c.asserted_by):
            source[c.section] = c
    out = []
    for c in claims:
        story = source.get(c.section)
        if (
            story is not None
            and not c.asserted_by
            # the story's own time: "last week it ratified …" is told on another word
            and _compatible_dates(c.date, story.date)
            and c.status in _FACTUAL
            and not {"historical", "background"} & set(c.context)
        ):
            c = replace(c, asserted_by=story.asserted_by)
        out.append(c)
    return out


def visit_hosts(
    visitors: Sequence[str],
    recipients: Sequence[str],
    place: str | None,
    named: Sequence[str],
    left: Sequence[str] = (),
) -> tuple[str, ...]:
    """The other side of a visit, which is never the visitors' own state: "Kim left Pyongyang
    for Russia" goes to Russia, not to the capital it left. When the sentence names no side
    abroad, the country of the place visited hosts it ("a delegation led by Kozlov arrived in
    Pyongyang": North Korea); Putin in Vladivostok visits no one. A foreign place ``left`` at
    the end of a visit hosted it ("Kozlov departed Pyongyang"). Unchanged when a visitor's
    country is unknown."""
    homes = [actor_country(v) for v in visitors]
    if not homes or None in homes:
        return tuple(recipients)
    abroad = tuple(r for r in recipients if actor_country(r) not in homes)
    if abroad:
        return abroad
    if recipients:
        # the other side read was the visitors' own capital, the place they left: the state
        # named besides is where they went
        states = [n for n in named if actor_country(n) == n and n not in homes]
        if states:
            return tuple(states[:1])
    host = actor_country(place) if place else None
    if host is not None and host not in homes:
        return (host,)
    hosts = [c for n in left if (c := actor_country(n)) is not None and c not in homes]
    return tuple(hosts[:1])


def party_speaks(
    asserted_by: Sequence[str], parties: Iterable[str], state_media: Container[str]
) -> bool:
    """Whether an asserter is one of the parties or speaks for one: a state's own media (KCNA
    reporting North Korea's troops) asserts its state's act; it does not allege it."""
    named = set(parties)
    sides = named | {c for n in named if (c := actor_country(n)) is not None}
    return any(n in named or (n in state_media and outlet_country(n) in sides) for n in asserted_by)


def _third_party(c: Claim, state_media: Container[str]) -> bool:
    return bool(c.asserted_by) and not party_speaks(c.asserted_by, _participants(c), state_media)


def source_contested(
    claims: Sequence[Claim], contested: set[str], state_media: Container[str] = frozenset()
) -> list[Claim]:
    """A contested act (troops, arms) stays an allegation all through the report that makes it:
    an unattributed statement of it takes the asserter of the nearest attributed one in its
    section ("the NIS said troops moved … The first 1,500 arrived in Vladivostok"), and any
    contested act asserted by someone not party to it is ``alleged``, also when the asserter
    was lent by another sentence or section after the sentence's own status was decided."""
    sources = [
        (i, c)
        for i, c in enumerate(claims)
        if c.claim_id in contested
        and c.status == Status.ALLEGED
        and _third_party(c, state_media)
        and not all(is_media(n) for n in c.asserted_by)
    ]
    out = []
    for i, c in enumerate(claims):
        if c.claim_id in contested and c.status == Status.ASSERTED:
            if not c.asserted_by and not {"historical", "background"} & set(c.context):
                near = [
                    (abs(j - i) + (0.5 if j > i else 0), s)
                    for j, s in sources
                    if s.section == c.section
                    and s.type == c.type
                    and (not c.date or not s.date or c.date[:7] == s.date[:7])
                    and not set(s.asserted_by) & _participants(c)
                ]
                if near:
                    c = replace(c, asserted_by=min(near, key=lambda x: x[0])[1].asserted_by)
            if _third_party(c, state_media):
                c = replace(c, status=Status.ALLEGED, stance=c.stance)
        out.append(c)
    return out


def lend_dates_across_sections(claims: Sequence[Claim]) -> list[Claim]:
    """Sections of one document tell the same story in several languages: a claim takes the
    date (or a finer one), place and asserters of the same event stated in another section; a
    headline claim so confirmed by another section's body keeps a body-like confidence."""
    out = []
    for c in claims:
        twins = _twins(c, claims)
        dated = [
            o
            for o in twins
            if o.date
            and o.date_rule
            and not o.date_rule.startswith("inherited")
            and (c.date is None or _finer(o.date, c.date))
        ]
        if dated:
            twin = dated[0]
            c = replace(
                c,
                date=twin.date,
                date_precision=twin.date_precision,
                date_rule=f"section:{twin.date_rule}",
            )
        if twins and (c.place is None or not c.asserted_by):
            c = replace(
                c,
                place=c.place or next((o.place for o in twins if o.place), None),
                asserted_by=c.asserted_by
                or next((o.asserted_by for o in twins if o.asserted_by), ()),
            )
        body = [o for o in twins if not o.from_headline]
        if c.from_headline and body:
            c = replace(c, confidence=round(max(c.confidence, body[0].confidence * 0.85), 3))
        out.append(c)
    return out


def _is_historical(day: str | None, ref: DateRef) -> bool:
    """An event dated well before the reference is background, not news."""
    if not day or ref.day is None:
        return False
    try:
        year = int(day[:4])
        month = int(day[5:7]) if len(day) >= 7 else 12
    except ValueError:
        return False
    months = (ref.day.year - year) * 12 + (ref.day.month - month)
    return months > 6


def _confidence(
    trig: Trigger,
    sentence: _Sentence,
    recipients: tuple[str, ...],
    negated: bool,
    background: bool,
    needs_two: bool,
    hypothetical: bool = False,
    parties: int = 0,
    own_day: bool = False,
) -> float:
    score = trig.spec.strength
    if trig.spec.paired_strength is not None and parties >= 2:
        # "Russia and North Korea agreed on …", 俄罗斯与朝鲜达成协议: both sides of the act
        # named make a weak word ("agreed") a full claim
        score = max(score, trig.spec.paired_strength)
    if sentence.heading:
        # a title or deck states the story's main event, in terse syntax: a little less sure
        # than the body, whose claims of the same type replace it (drop_covered_headlines)
        score *= 0.85
    elif sentence.index > 8 and not own_day:
        # late in an article an act is mostly restated to set the scene, unless the sentence
        # dates it to a day of its own ("left Pyongyang on the evening of September 10")
        score *= 0.85
    if not needs_two and not recipients and trig.type in {"AID", "CONSULT"}:
        score *= 0.85
    if negated:
        score *= 0.3
    if background:  # dated long before the news, or named only to set the scene
        score *= 0.7
    if hypothetical:  # "if the panel's mandate ends": a condition, not an event
        score *= 0.6
    return score


def _compatible_dates(a: str | None, b: str | None) -> bool:
    """Undated, nested (a month and a day in it) or adjacent days: a late-night event is dated
    by one outlet in local time and by another in its own."""
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) == len(b) == 10:
        try:
            return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= 1
        except ValueError:
            return False
    return False


# Statuses that state the event happened (by whoever's word); plans, denials and conditions
# are other claims about it.
_FACTUAL = frozenset({Status.ASSERTED, Status.ALLEGED, Status.CONFIRMED})


def _same_status(a: Status, b: Status) -> bool:
    return a == b or (a in _FACTUAL and b in _FACTUAL)


# Modes that name one kind of happening: a summit is a meeting is talks.
_MODE_FAMILIES = {"summit": "meet", "meeting": "meet", "meet": "meet"}


def _family(mode: str | None) -> str | None:
    return _MODE_FAMILIES.get(mode or "", mode)


def _digits(quantity: str) -> str:
    return re.sub(r"\D", "", quantity)


def _same_event(a: Claim, b: Claim) -> bool:
    if a.type != b.type or not _same_status(a.status, b.status):
        return False
    if a.quantity and b.quantity and _digits(a.quantity) != _digits(b.quantity):
        return False  # "1,500 troops" and "12,000 troops": two deployments (or estimates)
    if _family(a.mode) != _family(b.mode):
        return False
    if a.object and b.object and a.object != b.object:
        return False  # a session's protocol and the sports ministers' exchange plan
    if a.type in SYMMETRIC_TYPES:
        overlap = set(a.actors) | set(a.recipients)
        if not overlap & (set(b.actors) | set(b.recipients)):
            return False
    elif not set(a.actors) & set(b.actors):
        return False
    if ("historical" in a.context) != ("historical" in b.context):
        return False
    return _compatible_dates(a.date, b.date)


def merge_duplicates(claims: Sequence[Claim]) -> list[Claim]:
    """One claim per event within a document section: the first mention wins; a later one lends
    its date, place and asserters when the first lacks them, and for an agreement the signing
    parties it names besides the first's."""
    kept: list[Claim] = []
    for c in claims:
        twin = next((k for k in kept if k.section == c.section and _same_event(k, c)), None)
        if twin is None:
            kept.append(c)
            continue
        idx = kept.index(twin)
        if twin.from_headline and not c.from_headline:
            twin, c = c, twin  # the body sentence is the better evidence
        actors, recipients = twin.actors, twin.recipients
        if twin.type == "AGREE":
            # "North Korea and Russia signed the protocol … Yun and Kozlov signed it": the
            # later sentence names who signed for them. (A meeting's later sentences name
            # attendees and escorts as often as its parties, so only agreements pool them.)
            seen = {*actors, *recipients}
            recipients = (*recipients, *(n for n in (*c.actors, *c.recipients) if n not in seen))
        kept[idx] = replace(
            twin,
            actors=actors,
            recipients=recipients,
            date=twin.date or c.date,
            date_precision=twin.date_precision or c.date_precision,
            date_rule=twin.date_rule or c.date_rule,
            place=twin.place or c.place,
            asserted_by=twin.asserted_by or c.asserted_by,
            confidence=max(twin.confidence, c.confidence),
            from_headline=twin.from_headline and c.from_headline,
        )
    return kept


def drop_covered_headlines(claims: Sequence[Claim]) -> list[Claim]:
    """A headline claim stays only when no body claim of its section states an event of the same
    type: a title summarises the lead, and its terse syntax (no particles, no verbs) makes its
    roles less reliable than the body's. A title event that another section's body states
    (``confirmed``) is dropped only by a body claim with a participant in common."""
    body = [c for c in claims if not c.from_headline]
    out = []
    for c in claims:
        if c.from_headline and any(
            b.type == c.type
            and b.section == c.section
            and (
                _participants(b) & _participants(c)
                or not any(not o.from_headline for o in _twins(c, claims))
            )
            for b in body
        ):
            continue
        out.append(c)
    return out


__all__ = ["NAME", "RulesExtractor", "Section", "Status", "reference_date"]
