"""The offline rules extractor: per sentence, triggers -> frame -> roles -> attribution ->
modality -> time, then duplicates merged within a section and weak claims dropped.

Only sentences with a trigger and at least one actor mention are analysed further.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from watchfloor.claims.attribution import attribute
from watchfloor.claims.extractor import claim_id_for
from watchfloor.claims.frames import Trigger, best_per_type, find_triggers
from watchfloor.claims.lexicon import FrameSpec, Lexicon, load_lexicon
from watchfloor.claims.modality import decide_status, read_modality
from watchfloor.claims.ontology import SYMMETRIC_TYPES
from watchfloor.claims.roles import Arg, RoleCues, assign_roles, is_locative, split_args
from watchfloor.claims.timex_types import ReferenceKind
from watchfloor.records import Article, Claim, Mention, Section, Span, Status

NAME = "claims.rules.v1"
MIN_CONFIDENCE = 0.7


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
    headline: bool


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
            out.append(
                _Sentence(
                    si, -1 if headline else body_index, start, end, text, section.lang, headline
                )
            )
            if not headline:
                body_index += 1
    return out


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
    text: str, lang: str, ref: DateRef, trigger: Trigger
) -> tuple[str | None, str | None, str | None]:
    try:
        from watchfloor.claims.timex import resolve_event_date
    except ImportError:
        return None, None, None
    kind: ReferenceKind = "published" if ref.kind == "published" else "text"
    expr = resolve_event_date(text, lang, ref.day, kind, trigger=(trigger.start, trigger.end))
    if expr is None or (expr.governed is not None and str(expr.governed) == "reporting"):
        # "said Tuesday" dates the report, not the event
        return None, None, None
    return expr.date, expr.precision, expr.rule


def _args(
    sentence: _Sentence, mentions: Sequence[Mention], metonyms: Mapping[str, str]
) -> list[Arg]:
    out = []
    for m in mentions:
        if m.section != sentence.section or m.start < sentence.start or m.end > sentence.end:
            continue
        out.append(
            Arg(m.canonical_name, m.kind or "", m.start - sentence.start, m.end - sentence.start)
        )
    return out


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
        narrative: dict[int, tuple[int, str, str, str]] = {}  # section -> (index, date, prec, rule)
        for sentence in _sentences(article):
            lex = self.lexicon(sentence.lang)
            if not lex.frames:
                continue
            args = _args(sentence, mentions, lex.metonyms)
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
            for c, spec in found:
                if spec.contested:
                    last_contested[sentence.section] = spec
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
            if own is not None and not sentence.headline:
                narrative[sentence.section] = (sentence.index, *own)
        claims = lend_dates_across_sections(claims)
        merged = merge_duplicates(claims)
        merged = drop_covered_headlines(merged)
        return tuple(c for c in merged if c.confidence >= self.min_confidence)


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
    triggers = best_per_type(find_triggers(text, lex))
    if not triggers and previous_contested is not None and lex.cues.anaphora is not None:
        # "Moscow and Pyongyang have denied such intentions": the event is the previous one
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
        attribution = attribute(text, participants, lex, cues, trig.start)
        asserter_ids = {id(a) for a in attribution.asserters}
        frame_args = [a for a in participants if id(a) not in asserter_ids] or list(participants)
        if trig.spec.speech and attribution.asserters:
            # the speaker of a speech act (accuse, urge, warn) is its actor; the others are
            # its target, or for an accusation the agent of the alleged act
            actors = attribution.names
            target = nested[0] if allegation else trig
            roles = assign_roles(text, target, frame_args, places, lex, cues)
            pool = roles.actors if allegation else roles.actors + roles.recipients
            recipients = tuple(n for n in dict.fromkeys(pool) if n not in actors)[:2]
        else:
            roles = assign_roles(text, trig, frame_args, places, lex, cues)
            actors, recipients = roles.actors, roles.recipients
            if allegation:
                inner = assign_roles(text, nested[0], frame_args, places, lex, cues)
                recipients = tuple(n for n in inner.actors if n not in actors) or recipients
        if not actors and attribution.asserters and not allegation:
            # "Pyongyang said it had ratified …", "Russia denied the troop movements": the
            # speaker is the agent (or the party denying its own act)
            actors = attribution.names
        if not actors:
            continue
        needs_two = trig.spec.needs == "two"
        if needs_two and len(set(actors) | set(recipients)) < 2:
            continue
        modality = read_modality(text, trig, lex)
        asserted_by = attribution.names
        if trig.spec.speech:
            asserted_by = asserted_by or actors
        status, stance = decide_status(
            trig, modality, attribution.stance, asserted_by, actors, allegation
        )
        day, precision, rule = _resolve_date(text, sentence.lang, ref, trig)
        context = list(modality.contexts())
        historical = _is_historical(day, ref)
        if historical:
            context.append("historical")
        mode = trig.spec.mode
        obj = None
        if allegation:
            alleged = nested[0].spec
            mode = f"allege {alleged.mode}" if alleged.mode else "allege"
            obj = f"{alleged.type}/{alleged.mode}"
        confidence = _confidence(
            trig, sentence, recipients, modality.negated, historical, needs_two
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
            from_headline=sentence.headline,
        )
        out.append((claim, trig.spec))
    return out


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


def lend_dates_across_sections(claims: Sequence[Claim]) -> list[Claim]:
    """Sections of one document tell the same story in several languages: an undated claim
    takes the date of the same event stated, dated, in another section."""
    out = []
    for c in claims:
        if c.date is None:
            twin = next(
                (
                    o
                    for o in claims
                    if o.section != c.section
                    and o.date
                    and _same_event(o, c)
                    and set(o.actors) & set(c.actors)
                    and o.date_rule
                    and not o.date_rule.startswith("inherited")
                ),
                None,
            )
            if twin is not None:
                c = replace(
                    c,
                    date=twin.date,
                    date_precision=twin.date_precision,
                    date_rule=f"section:{twin.date_rule}",
                )
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
    historical: bool,
    needs_two: bool,
) -> float:
    score = trig.spec.strength
    if sentence.headline:
        score *= 0.75
    elif sentence.index > 8:
        score *= 0.85
    if not needs_two and not recipients and trig.type in {"AID", "CONSULT"}:
        score *= 0.85
    if negated:
        score *= 0.3
    if historical:
        score *= 0.7
    return score


def _compatible_dates(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


# Modes that name one kind of happening: a summit is a meeting is talks.
_MODE_FAMILIES = {"summit": "meet", "meeting": "meet", "meet": "meet"}


def _family(mode: str | None) -> str | None:
    return _MODE_FAMILIES.get(mode or "", mode)


def _same_event(a: Claim, b: Claim) -> bool:
    if a.type != b.type or a.status != b.status or _family(a.mode) != _family(b.mode):
        return False
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
    its date, place and asserters when the first lacks them."""
    kept: list[Claim] = []
    for c in claims:
        twin = next((k for k in kept if k.section == c.section and _same_event(k, c)), None)
        if twin is None:
            kept.append(c)
            continue
        idx = kept.index(twin)
        if twin.from_headline and not c.from_headline:
            twin, c = c, twin  # the body sentence is the better evidence
        kept[idx] = replace(
            twin,
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
    """A headline claim stays only when no body claim states the same event."""
    body = [c for c in claims if not c.from_headline]
    out = []
    for c in claims:
        if c.from_headline and any(
            b.type == c.type
            and (set(b.actors) | set(b.recipients)) & (set(c.actors) | set(c.recipients))
            for b in body
        ):
            continue
        out.append(c)
    return out


__all__ = ["NAME", "RulesExtractor", "Section", "Status", "reference_date"]
