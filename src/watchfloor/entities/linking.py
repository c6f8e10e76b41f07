"""Linking: turn matches into Mentions, with coreference, metonymy and the NER cascade.

Registry matching and coreference run on every section (cheap). Statistical NER runs only on
sentences that still hold an unexplained proper-noun candidate (a capitalised word, a katakana
run, a name before a title) and only spans not already covered are kept. An NER span spelled like
a registry name links to that actor; the rest become provisional entities ``prov:<lang>:<name>``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from watchfloor.entities.coref import Coreference, Introductions, Position
from watchfloor.entities.grouping import Proposal, accept_proposal, group_provisional
from watchfloor.entities.matcher import (
    ABBREV,
    ACTOR,
    BLOCK,
    ROLE,
    SURNAME,
    LangMatcher,
    Match,
    Matcher,
    Target,
    select,
)
from watchfloor.entities.ner import NerBackend, NerSpan
from watchfloor.entities.registry import Actor, Registry
from watchfloor.entities.variants import fold, normalize_name
from watchfloor.records import Mention

__all__ = [
    "Linker",
    "Proposal",
    "SectionText",
    "accept_proposal",
    "group_provisional",
    "provisional_id",
]

_NER_KIND = {"PER": "person", "ORG": "organization", "LOC": "place"}

# Capitals stand for their government ("Pyongyang denied") except where the text places
# something in or at the city. These are the cues of a locative use, per language.
_LOCATIVE_BEFORE = {
    "en": re.compile(
        r"(?:\b(?:in|to|from|at|near|into|toward|towards|via|visit|visited|visiting|visits|"
        r"outside|around|arrived|arrive|arrives|left|leave|landed|across|through|within|of)\s+)$",
        re.IGNORECASE,
    ),
    "ru": re.compile(r"(?:\b(?:в|во|из|на|до|под|около|через|к|ко|по)\s+)$", re.IGNORECASE),
    "zh": re.compile(
        r"(?:在|抵达|抵達|到|前往|访问|訪問|赴|飞抵|飛抵|飞往|离开|離開|于|於|自|从|從|抵)$"
    ),
}
_LOCATIVE_AFTER = {
    "ja": re.compile(
        r"^(?:で|に|へ|市|郊外|駅|空港|入り|近郊|中心部|発|時事|支局|から|まで|特派員|=|＝)"
    ),
    "ko": re.compile(
        r"^(?:에서|에|으로|로|시|공항|역|를 방문|을 방문|발|근교|외곽|특파원|까지|=|\)|주재)"
    ),
    "zh": re.compile(r"^(?:市|郊区|機場|机场|电|電|讯|訊|时间|時間)"),
    "en": re.compile(r"^\s*(?:\(|,\s*[A-Z][a-z]+ \(|-based)"),
}


@dataclass(slots=True)
class LinkResult:
    """Mentions of one document, the spans registry matching explained, and its introductions."""

    text: list[Mention]
    titles: list[Mention]
    covered: dict[int, list[tuple[int, int]]]  # section -> spans matched (blockers included)
    intro: Introductions
    day: date | None


@dataclass(frozen=True, slots=True)
class SectionText:
    """What linking needs of a section: its index, language, text, title and sentences."""

    index: int
    lang: str
    text: str
    title: str | None
    sentences: tuple[tuple[int, int], ...] = ()


def provisional_id(lang: str, name: str) -> str:
    """Id of a provisional entity: language and normalised name (stable across documents)."""
    return f"prov:{lang}:{normalize_name(name)}"


def _clean_surface(text: str) -> str:
    name = " ".join(unicodedata.normalize("NFKC", text).split())
    name = re.sub(r"['’]s$", "", name)
    return re.sub(r"^(?:the|The)\s+", "", name)


def _metonymic(lang: str, text: str, m: Match) -> bool:
    """A capital used for its government: not all-caps (a dateline), not in a locative slot."""
    surface = text[m.start : m.end]
    if surface.isupper() and len(surface) > 2:
        return False  # an English dateline: SEOUL, South Korea (AP)
    if text[max(0, m.start - 1) : m.start] in ("【", "[", "(", "（", "〔"):
        return False  # a CJK dateline: 【ソウル聯合ニュース】, (서울=연합뉴스)
    before = _LOCATIVE_BEFORE.get(lang)
    if before is not None and before.search(text[max(0, m.start - 24) : m.start]):
        return False
    after = _LOCATIVE_AFTER.get(lang)
    return not (after is not None and after.search(text[m.end : m.end + 12]))


# what may follow a Korean title word that ends the title: a particle or honorific (장관은,
# 대표의, 장관님) or no syllable at all; in 대표단 (a delegation) 대표 is no title. Japanese
# and Chinese titles run on into the next word (ロシア政府代表団 names the delegation's
# government only as its owner, as the corpus labels it).
_KO_AFTER_TITLE = frozenset("은는이가을를의과와도에께님으로만측")


def _title_ends(lang: str, rest: str) -> bool:
    """Whether a title word ends where ``rest`` (the text after it) begins."""
    nxt = rest[:1]
    return lang != "ko" or not ("가" <= nxt <= "힣") or nxt in _KO_AFTER_TITLE


class Linker:
    """Registry matching, coreference and the NER cascade for one document at a time."""

    def __init__(self, registry: Registry, matcher: Matcher) -> None:
        self.registry = registry
        self.matcher = matcher
        # person titles that may follow an organization's name in ja/ko/zh (部长, 장관, 相)
        self._title_words: dict[str, tuple[str, ...]] = {
            lang: tuple(
                t
                for t in registry.lexicon.titles.get(lang, ())
                if len(t) >= 1 and t not in ("氏", "さん", "씨", "先生", "女士")
            )
            for lang in ("ja", "ko", "zh")
        }

    def _mention(
        self,
        doc_id: str,
        section: int,
        text: str,
        start: int,
        end: int,
        actor: Actor,
        method: str,
        confidence: float,
    ) -> Mention:
        return Mention(
            doc_id=doc_id,
            section=section,
            start=start,
            end=end,
            text=text[start:end],
            entity_id=actor.id,
            canonical_name=actor.name,
            kind=actor.kind,
            provisional=False,
            confidence=confidence,
            method=method,
        )

    def link(self, doc_id: str, sections: Sequence[SectionText], on: object) -> LinkResult:
        """Mentions in section texts and in section titles (offsets index the title)."""
        day = on.date() if isinstance(on, datetime) else on if isinstance(on, date) else None
        scanned: list[tuple[SectionText, bool, str, list[Match], list[Match]]] = []
        intro = Introductions()
        for sec in sections:
            if sec.lang not in self.matcher.by_lang:
                continue
            for is_title, body in ((True, sec.title or ""), (False, sec.text)):
                if not body:
                    continue
                candidates = self.matcher.scan(body, sec.lang)
                if sec.lang != "en" and "en" in self.matcher.by_lang:
                    # pages mix languages (a Japanese page with its English version, English
                    # quotes): English names in another section are still names
                    candidates += [
                        m for m in self.matcher.scan(body, "en") if m.target.kind != ABBREV
                    ]
                chosen = select(candidates)
                scanned.append((sec, is_title, body, candidates, chosen))
                for m in chosen:
                    if m.target.kind == ACTOR:
                        intro.add(m.target.ref, Position(sec.index, -1 if is_title else m.start))
        intro.finish()
        result = LinkResult([], [], {}, intro, day)
        for sec, is_title, body, candidates, chosen in scanned:
            coref = Coreference(self.registry, sec.lang, day, intro)
            out = result.titles if is_title else result.text
            out.extend(
                self._section_mentions(doc_id, sec, body, candidates, chosen, coref, is_title)
            )
            if not is_title:
                result.covered[sec.index] = [(m.start, m.end) for m in chosen]
        return result

    def _section_mentions(
        self,
        doc_id: str,
        sec: SectionText,
        body: str,
        candidates: list[Match],
        chosen: list[Match],
        coref: Coreference,
        is_title: bool,
    ) -> list[Mention]:
        out: list[Mention] = []
        starts = {m.start: m for m in chosen}
        for m in chosen:
            kind = m.target.kind
            if (
                kind == BLOCK
                or self._umbrella(body, m, starts)
                or self._owner_modifier(body, m, starts)
            ):
                continue
            pos = Position(sec.index, -1 if is_title else m.start)
            if kind in (ACTOR, ABBREV):
                actor = self.registry.get(m.target.ref)
                if actor is None or self._in_title_phrase(sec.lang, body, m, actor):
                    continue
                conf = 0.95 if kind == ACTOR else 0.7
                out.append(
                    self._mention(doc_id, sec.index, body, m.start, m.end, actor, "registry", conf)
                )
                if actor.metonym_of and _metonymic(sec.lang, body, m):
                    country = self.registry.get(actor.metonym_of)
                    if country is not None:
                        out.append(
                            self._mention(
                                doc_id, sec.index, body, m.start, m.end, country, "coref", 0.5
                            )
                        )
                if kind == ACTOR and actor.kind == "organization":
                    out.extend(self._nested_countries(doc_id, sec.index, body, m, candidates))
                continue
            else:
                resolved = coref.resolve(m, pos)
                if resolved is not None:
                    out.append(
                        self._mention(
                            doc_id,
                            sec.index,
                            body,
                            m.start,
                            m.end,
                            resolved.actor,
                            resolved.method,
                            resolved.confidence,
                        )
                    )
                if kind != ROLE:
                    continue
            out.extend(self._nested_countries(doc_id, sec.index, body, m, candidates))
        return out

    def _umbrella(self, body: str, m: Match, starts: dict[int, Match]) -> bool:
        """An international body named as the parent of the next one (国連の安全保障理事会,
        the UN's panel): the name designates the inner body only."""
        if m.target.kind != ACTOR:
            return False
        outer = self.registry.get(m.target.ref)
        if outer is None or not outer.umbrella:
            return False
        for connector in ("", " ", "の", "的", "'s "):
            nxt = starts.get(m.end + len(connector))
            if nxt is None or body[m.end : m.end + len(connector)] != connector:
                continue
            inner = self.registry.get(nxt.target.ref) if nxt.target.kind == ACTOR else None
            if inner is not None and inner.sector == "IGO" and inner.id != outer.id:
                return True
        return False

    def _owner_modifier(self, body: str, m: Match, starts: dict[int, Match]) -> bool:
        """A country named only as the owner of one of its bodies (韓国の国家情報院, South
        Korean intelligence service): the text names the body, not the country as an actor."""
        if m.target.kind != ACTOR:
            return False
        country = self.registry.get(m.target.ref)
        if country is None or country.kind != "country":
            return False
        for connector in (" ", "の", "의 ", "'s ", "’s ", "的", ""):
            if body[m.end : m.end + len(connector)] != connector:
                continue
            nxt = starts.get(m.end + len(connector))
            inner = self.registry.get(nxt.target.ref) if nxt and nxt.target.kind == ACTOR else None
            if (
                inner is not None
                and inner.kind == "organization"
                and inner.country == country.country
            ):
                return True
        return False

    def _in_title_phrase(self, lang: str, body: str, m: Match, actor: Actor) -> bool:
        """A ministry named only as part of someone's title (天然資源環境相, 자연자원부 장관,
        Minister of Natural Resources): the title designates the person, not the body."""
        if actor.kind != "organization" or actor.sector == "MED":
            return False
        after = body[m.end : m.end + 8].lstrip(" ")
        titles = self._title_words.get(lang, ())
        if any(after.startswith(t) and _title_ends(lang, after[len(t) :]) for t in titles):
            return True
        # 自然资源与生态部长: the title shares the ministry's last character (部 + 部长)
        tail = body[m.end - 1 : m.end + 6]
        if any(len(t) >= 2 and tail.startswith(t) for t in titles):
            return True
        return lang == "en" and bool(
            re.search(
                r"(?:Minister|Secretary|Director|Chief|head|chief|minister)\s+(?:of\s+(?:the\s+)?)?$",
                body[max(0, m.start - 20) : m.start],
            )
        )

    def _nested_countries(
        self, doc_id: str, section: int, body: str, outer: Match, candidates: list[Match]
    ) -> list[Mention]:
        """Countries named inside a role phrase or a government body (the Russian president,
        North Korea's Foreign Ministry): the country is mentioned too. Media names are not
        (Voice of America does not mention the United States)."""
        owner_country: str | None = None
        if outer.target.kind == ACTOR:
            actor = self.registry.get(outer.target.ref)
            if actor is None or actor.sector == "MED" or actor.kind != "organization":
                return []
            owner_country = actor.country
        elif outer.target.kind == ROLE:
            role = self.registry.roles.get(outer.target.ref)
            owner_country = role.country if role else None
        out: list[Mention] = []
        seen: set[str] = set()
        for m in candidates:
            if m is outer or not (outer.start <= m.start and m.end <= outer.end):
                continue
            if m.target.kind not in (ACTOR, ABBREV):
                continue
            actor = self.registry.get(m.target.ref)
            if actor is None or actor.kind != "country" or actor.id in seen:
                continue
            if owner_country is not None and actor.country != owner_country:
                continue
            seen.add(actor.id)
            out.append(
                self._mention(doc_id, section, body, m.start, m.end, actor, "registry", 0.85)
            )
        return out

    # -- the NER cascade -------------------------------------------------------------------
    def ner_mentions(
        self, doc_id: str, sec: SectionText, backend: NerBackend, result: LinkResult
    ) -> list[Mention]:
        """Run NER on the sentences where it can add something; keep uncovered spans only."""
        text = sec.text
        mask = bytearray(len(text))
        for start, end in result.covered.get(sec.index, ()):
            mask[start:end] = b"\x01" * (end - start)
        for m in result.text:
            if m.section == sec.index:
                mask[m.start : m.end] = b"\x01" * (m.end - m.start)
        sentences = sec.sentences or tuple(_split_sentences(text))
        picked = [(s, e) for s, e in sentences if needs_ner(sec.lang, text, s, e, mask)]
        if not picked:
            return []
        batches = backend.spans_batch([text[s:e] for s, e in picked])
        known = {normalize_name(m.canonical_name) for m in result.text} | {
            normalize_name(m.text) for m in result.text
        }
        coref = Coreference(self.registry, sec.lang, result.day, result.intro)
        out: list[Mention] = []
        for (s, _e), spans in zip(picked, batches, strict=False):
            for span in spans:
                mention = self._ner_mention(doc_id, sec, s, span, mask, known, coref)
                if mention is not None:
                    out.append(mention)
                    mask[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        return out

    def _ner_mention(
        self,
        doc_id: str,
        sec: SectionText,
        offset: int,
        span: NerSpan,
        mask: bytearray,
        known: set[str],
        coref: Coreference,
    ) -> Mention | None:
        start, end = offset + span.start, offset + span.end
        text = sec.text
        if not (0 <= start < end <= len(text)) or any(mask[start:end]):
            return None
        surface = text[start:end]
        if not surface.strip() or span.label not in _NER_KIND:
            return None
        name = _clean_surface(surface)
        lm = self.matcher.by_lang.get(sec.lang)
        if lm is not None:
            actor = self._registry_actor(
                lm, name, sec.lang, span.label, coref, Position(sec.index, start)
            )
            if actor is not None:
                return self._mention(doc_id, sec.index, text, start, end, actor, "ner", 0.75)
        if not _plausible_name(name, sec.lang) or normalize_name(name) in known:
            return None
        if any(
            name.endswith(t) and len(name) > len(t) for t in self._title_words.get(sec.lang, ())
        ):
            return None  # a title, not a name (情報総局局長)
        if not self._name_shaped(name, span.label, sec.lang, text, end):
            return None
        if any(normalize_name(name) in k for k in known if " " in k or len(k) > 6):
            return None  # a fragment of a name already linked ("Council" of "Security Council")
        return Mention(
            doc_id=doc_id,
            section=sec.index,
            start=start,
            end=end,
            text=surface,
            entity_id=provisional_id(sec.lang, name),
            canonical_name=name,
            kind=_NER_KIND[span.label],
            provisional=True,
            confidence=round(0.6 * float(span.score), 3),
            method="ner",
        )

    def _name_shaped(self, name: str, label: str, lang: str, text: str, end: int) -> bool:
        """Keep a provisional entity only when it looks like a name of its kind: models also tag
        common nouns (ミサイル, ロケット技術). Organizations need an organization word (通信,
        Agency) or a Latin acronym; persons need a full name or a title/honorific after them."""
        if label == "ORG":
            if _ACRONYM_RE.fullmatch(name):
                return True
            words = self.registry.lexicon.org_words.get(lang, ())
            if lang in ("en", "ru"):
                tokens = set(re.findall(r"[\w.]+", name))
                return any(w in tokens for w in words)
            return any(w in name for w in words)
        if label == "PER":
            if lang in ("en", "ru"):
                return len([t for t in name.split() if t[:1].isupper()]) >= 2
            if "・" in fold(name) or " " in name:
                return True
            after = text[end : end + 4].lstrip()
            return any(after.startswith(t) for t in self.registry.lexicon.titles.get(lang, ()))
        return True

    def _registry_actor(
        self, lm: LangMatcher, name: str, lang: str, label: str, coref: Coreference, pos: Position
    ) -> Actor | None:
        """The registry actor an NER span names: an exact spelling, a short form of an actor the
        document names, a surname of an introduced person, or a near spelling of a person."""
        key = fold(name)
        actor_id = lm.exact.get(key) or lm.short_exact.get(key)
        if actor_id:
            actor = self.registry.get(actor_id)
            if actor is not None and (key in lm.exact or coref.intro.mentioned(actor.id)):
                return actor
        if label == "PER":
            for surname in (name, name.split()[-1] if " " in name else ""):
                if surname and self.registry.with_surname(lang, surname):
                    match = Match(0, len(surname), Target(SURNAME, surname))
                    resolved = coref.resolve(match, pos)
                    return resolved.actor if resolved is not None else None
            near = lm.near_person(name)
            return self.registry.get(near) if near else None
        return None


def _plausible_name(name: str, lang: str) -> bool:
    """Drop NER output that cannot be a name: too short, lower-case Latin/Cyrillic, digits."""
    if any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2:
        return False
    latin = all(ord(ch) < 0x0530 for ch in letters)
    if latin:
        return len(letters) >= 3 and name[:1].isupper()
    return True


_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{2,7}")
_SENT_END = re.compile(r"[.!?。！？]+[\"'”’)）」』]*\s*|\n+")
_CAP_WORD = re.compile(r"\b[A-ZА-ЯЁ][\w'’-]{1,}")
_KATAKANA_RUN = re.compile(r"[ァ-ヺー・]{3,}")
_CJK_NAME_TITLE = re.compile(
    r"[一-龥]{2,4}(?:氏|さん|首相|大統領|外相|長官|大使|議員|報道官|委員長|先生|女士|总统|部长|外长|大使)"
)
_KO_NAME_TITLE = re.compile(
    r"[가-힣]{2,4}\s?(?:대통령|장관|위원장|대사|의원|총리|대변인|씨|국장|부장|사령관|원장|교수|연구원)"
)
_STOP_CAPS = frozenset(
    [
        "I",
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Or",
        "If",
        "As",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "В",
        "На",
        "Но",
        "И",
        "А",
        "По",
        "Это",
        "Он",
        "Она",
        "Они",
    ]
)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.end() > start:
            out.append((start, m.end()))
            start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def needs_ner(lang: str, text: str, start: int, end: int, mask: bytearray) -> bool:
    """Whether a sentence holds a proper-noun candidate that registry matching did not explain."""
    sentence = text[start:end]

    def uncovered(m: re.Match[str]) -> bool:
        return not any(mask[start + m.start() : start + m.end()])

    if lang in ("en", "ru"):
        # only what can survive as a provisional entity is worth a model call: a run of two
        # capitalised words (a full name, an organization's name) or an acronym; single
        # capitalised words are surnames the registry and coreference already handle
        previous_end = -2
        for m in _CAP_WORD.finditer(sentence):
            word = m.group().rstrip("'’s")
            if word in _STOP_CAPS or not uncovered(m):
                previous_end = -2
                continue
            if _ACRONYM_RE.fullmatch(word) or sentence[previous_end : m.start()] == " ":
                return True
            previous_end = m.end()
        return False
    if lang == "ja":
        return any(uncovered(m) for m in _KATAKANA_RUN.finditer(sentence)) or any(
            uncovered(m) for m in _CJK_NAME_TITLE.finditer(sentence)
        )
    if lang == "ko":
        return any(uncovered(m) for m in _KO_NAME_TITLE.finditer(sentence))
    if lang == "zh":
        return any(uncovered(m) for m in _CJK_NAME_TITLE.finditer(sentence))
    return False
