"""Modality and status: negation, planned/future, hypothetical, historical, and the claim's
status from its frame, its asserter and the stance of the reporting verb.

Status follows the corpus README: asserted, alleged (an accusation, or a contested act reported by
a third party), denied, confirmed, planned, hypothetical.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from watchfloor.claims.frames import Trigger
from watchfloor.claims.lexicon import Lexicon
from watchfloor.records import Stance, Status

# Window (characters) around the trigger where a cue modifies it. Verb-final languages put
# tense, negation and modality after the predicate; the others before it (Chinese 将, English
# will / did not).
_AFTER_LANGS = frozenset({"ja", "ko"})
_WINDOW = {"en": 45, "ru": 40, "zh": 12, "ja": 22, "ko": 22}
_NEG_WINDOW = {"en": 20, "ru": 12, "zh": 4, "ja": 8, "ko": 10}


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    planned: bool
    hypothetical: bool
    background: bool = False  # a subordinate mention of another event: "after the summit"

    def contexts(self) -> tuple[str, ...]:
        out = []
        if self.negated:
            out.append("negated")
        if self.planned:
            out.append("planned")
        if self.hypothetical:
            out.append("hypothetical")
        if self.background:
            out.append("background")
        return tuple(out)


def _near(
    pattern: re.Pattern[str] | None,
    text: str,
    trigger: Trigger,
    lang: str,
    width: int,
    not_before: Container[int] = (),
) -> bool:
    """Whether a cue sits within ``width`` of the trigger (after it in verb-final languages,
    before it elsewhere); a cue ending where a mention starts (``not_before``) is skipped."""
    if pattern is None:
        return False
    if lang in _AFTER_LANGS:
        # search from the trigger's end: a cue overlapping the trigger (돕 + 돕겠) must not
        # swallow the one right after it (겠다고)
        window = text[trigger.start : trigger.end + width]
        return pattern.search(window, trigger.end - trigger.start) is not None
    offset = max(0, trigger.start - width)
    return any(
        offset + m.end() not in not_before for m in pattern.finditer(text[offset : trigger.start])
    )


def read_modality(
    text: str, trigger: Trigger, lexicon: Lexicon, mention_starts: Container[int] = ()
) -> Modality:
    """Negation, future/plan and condition cues that scope over the trigger. A future cue
    right before a mention is no future: 将 before its object is the disposal marker
    (俄罗斯运输船将北韩军队运送到俄罗斯: the ships carried the troops), not "will"."""
    lang = lexicon.lang
    cues = lexicon.cues
    width = _WINDOW.get(lang, 30)
    planned = trigger.spec.planned or _near(
        cues.planned, text, trigger, lang, width, mention_starts
    )
    negated = _near(cues.negation, text, trigger, lang, _NEG_WINDOW.get(lang, 10))
    hypothetical = _near(cues.hypothetical, text, trigger, lang, width * 2)
    background = is_background(text, trigger, lexicon)
    return Modality(
        negated=negated, planned=planned, hypothetical=hypothetical, background=background
    )


# How far a background cue may sit from its trigger: right after the predicate in verb-final
# languages (회담을 위해, 締結後), before it in the others ("following the summit", 在…之后).
_BACKGROUND_AFTER = {"ja": 8, "ko": 8, "zh": 6}
_BACKGROUND_BEFORE = {"en": 40, "ru": 30}
# A finite verb after the cue ("hours after North Korea fired missiles") reports an event in its
# own right; the cue backgrounds nominal references ("following the summit", "after the talks").
_FINITE = {
    "en": re.compile(r"^\w+ed\b", re.IGNORECASE),
    "ru": re.compile(r"^\w+(?:л|ла|ли|ло|лся|лась|лись)\b", re.IGNORECASE),
}


def is_background(text: str, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether the trigger sits in a subordinate phrase that sets the scene for the sentence's
    own news ("after the treaty was signed", "for the summit", "had sent troops before"):
    such events are context, not the event the sentence reports."""
    pattern = lexicon.cues.background
    if pattern is None:
        return False
    lang = lexicon.lang
    after = _BACKGROUND_AFTER.get(lang)
    if after is not None:
        m = pattern.search(text[trigger.end : trigger.end + after])
        return m is not None
    width = _BACKGROUND_BEFORE.get(lang, 30)
    window = text[max(0, trigger.start - width) : trigger.start]
    finite = _FINITE.get(lang)
    if finite is not None and finite.match(text[trigger.start : trigger.end]):
        # "hours after North Korea fired missiles" reports the launch; but a clause that
        # dates the sentence's news from an earlier act ("cooperation has grown since Kim and
        # Putin signed a treaty in June") names that act as its starting point
        pattern = lexicon.cues.background_clause
        if pattern is None:
            return False
        # the clause's subject may be long ("since the leaders of the two neighbours")
        window = text[max(0, trigger.start - 2 * width) : trigger.start]
    return any(not re.search(r"[,;:.]", window[m.end() :]) for m in pattern.finditer(window))


def decide_status(
    trigger: Trigger,
    modality: Modality,
    stance: str | None,
    asserters: tuple[str, ...],
    actors: tuple[str, ...],
    allegation: bool,
    *,
    party_speaks: bool | None = None,
) -> tuple[Status, Stance]:
    """Status and stance of a claim.

    - a denial verb over the event, or a contested act a speaker says did not happen ("Peskov
      said Russia had not received weapons"): denied / denies;
    - an accusation with an alleged act inside ("accuse X of sending troops"): alleged / accuses;
    - a contested act (troops, arms) reported by someone not taking part in it, or a claim or
      speculation: alleged;
    - future or plan: planned; a condition: hypothetical; else asserted (confirmed when the actor
      itself confirms).

    ``party_speaks``: whether an asserter is the actor or speaks for it (its state's media);
    by default, whether an asserter is one of the actors.
    """
    spec = trigger.spec
    if stance == "denies" or (modality.negated and spec.contested and asserters):
        return Status.DENIED, Stance.DENIES
    if spec.type == "ACCUSE":
        return (Status.ALLEGED if allegation else Status.ASSERTED), Stance.ACCUSES
    if modality.hypothetical:
        return Status.HYPOTHETICAL, Stance(stance) if stance else Stance.SPECULATES
    if modality.planned:
        return Status.PLANNED, Stance(stance) if stance else Stance.REPORTS
    own = bool(set(asserters) & set(actors)) if party_speaks is None else party_speaks
    third_party = bool(asserters) and not own
    if stance in {"claims", "speculates", "accuses"}:
        return Status.ALLEGED, Stance(stance)
    if spec.contested and third_party:
        return Status.ALLEGED, Stance(stance) if stance else Stance.REPORTS
    if stance == "confirms" and own:
        return Status.CONFIRMED, Stance.CONFIRMS
    return Status.ASSERTED, Stance(stance) if stance else Stance.REPORTS


def is_ongoing(text: str, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether the act is told as still going on (has shipped, 送っている, 보내왔다, 一直): a
    "since" bound then dates its start."""
    return _near(lexicon.cues.ongoing, text, trigger, lexicon.lang, _WINDOW.get(lexicon.lang, 30))
