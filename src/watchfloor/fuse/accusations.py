"""Accusation events: a third party alleging an act is a happening of its own.

"Pyongyang has moved soldiers to Russia, the NIS told lawmakers" states two things an analyst
tracks: the alleged deployment (an AID event, whoever reports it) and the agency's accusation
against North Korea, made when it is reported. The claims stage records the first, with the
agency as asserter and status "alleged"; this module derives the second for fusion, so that an
intelligence disclosure or a government's charge appears on the timeline as an ACCUSE event
with its own date and every report that carries it.

Derived claims live only inside fusion and are never exported as claims: an accusation event
lists the real claims it rests on (``resolve_derived``), and those claims keep their own event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from watchfloor.fuse.events import ActorInfo, ClaimContext
from watchfloor.records import Event, Stance, Status

ACCUSE = "ACCUSE"
MODE = "allege"
SUFFIX = "~accuse"
DATE_RULE = "report"  # dated by the report that carries the accusation
# an alleged accusation or denial is not an accusation by the one who relays it
SKIP_TYPES = frozenset({ACCUSE, "REJECT"})


def is_derived(claim_id: str) -> bool:
    return claim_id.endswith(SUFFIX)


def base_claim_id(claim_id: str) -> str:
    """The real claim a derived claim was made from (the id itself for a real claim)."""
    return claim_id[: -len(SUFFIX)] if is_derived(claim_id) else claim_id


def _side(names: Iterable[str], info: ActorInfo) -> set[str]:
    """Names with their countries, news media left out."""
    out = info.clean(names)
    return out | {c for n in out if (c := info.country_of(n))}


def accusation(ctx: ClaimContext, info: ActorInfo) -> ClaimContext | None:
    """The accusation an alleged claim carries, or None.

    Only a claim the claims stage marked "alleged" qualifies, and only its asserters who are
    neither news media (they relay) nor on the acting side (a state does not accuse itself);
    the accused are the claim's actors. The accusation is dated by its report, not by the act.
    """
    claim = ctx.claim
    if claim.status is not Status.ALLEGED or claim.negated or claim.type in SKIP_TYPES:
        return None
    accused = tuple(n for n in claim.actors if n and not info.is_media(n))
    if not accused:
        return None
    acting = _side(accused, info)
    accusers = tuple(
        n for n in claim.asserted_by if n and not info.is_media(n) and not _side([n], info) & acting
    )
    if not accusers:
        return None
    day = ctx.published.date().isoformat() if ctx.published is not None else None
    derived = replace(
        claim,
        claim_id=claim.claim_id + SUFFIX,
        type=ACCUSE,
        # no mode of its own: an accusation joins a stated one ("accused … of sending troops")
        # a day either side, as any claim of the same mode would
        mode=None,
        actors=accusers,
        recipients=accused,
        asserted_by=accusers,
        stance=Stance.ACCUSES,
        date=day,
        date_precision="day" if day else None,
        date_rule=DATE_RULE if day else None,
        place=None,
        extractor=claim.extractor + "+accusation",
    )
    return replace(ctx, claim=derived)


def derive_accusations(contexts: Iterable[ClaimContext], info: ActorInfo) -> list[ClaimContext]:
    """One accusation per document and (accusers, accused): a report that repeats the charge
    in five sentences carries one accusation, resting on its first claim."""
    out: dict[tuple[str, frozenset[str], frozenset[str]], ClaimContext] = {}
    for ctx in sorted(contexts, key=lambda c: (c.claim.doc_id, c.claim.start, c.claim.claim_id)):
        derived = accusation(ctx, info)
        if derived is None:
            continue
        c = derived.claim
        key = (c.doc_id, frozenset(c.actors), frozenset(c.recipients))
        out.setdefault(key, derived)
    return list(out.values())


def resolve_derived(events: Iterable[Event]) -> list[Event]:
    """Events as exported: derived claim ids replaced by the real claims they rest on."""
    out = []
    for event in events:
        if any(is_derived(c) for c in event.claim_ids):
            event = replace(
                event,
                mode=event.mode or MODE,
                claim_ids=tuple(dict.fromkeys(base_claim_id(c) for c in event.claim_ids)),
                trail=tuple(replace(t, claim_id=base_claim_id(t.claim_id)) for t in event.trail),
            )
        out.append(event)
    return out
