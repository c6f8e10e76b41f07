"""Accusation events derived from alleged claims (claims written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from watchfloor.fuse.accusations import (
    base_claim_id,
    derive_accusations,
    is_derived,
    resolve_derived,
)
from watchfloor.fuse.events import ActorInfo, ClaimContext, EventIndex
from watchfloor.records import Claim, Stance, Status

NIS = "National Intelligence Service (South Korea)"
COUNTRY = {NIS: "South Korea", "Lloyd Austin": "United States", "Kim Jong Un": "North Korea"}
MEDIA = {"Yonhap News Agency"}
INFO = ActorInfo(
    country_of=COUNTRY.get,
    is_country=lambda n: n not in COUNTRY and n not in MEDIA,
    is_media=lambda n: n in MEDIA,
)


def ctx(
    claim_id: str,
    *,
    actors: tuple[str, ...] = ("North Korea",),
    asserted_by: tuple[str, ...] = (NIS,),
    status: Status = Status.ALLEGED,
    type_: str = "AID",
    doc: str | None = None,
    published: str | None = "2024-10-18",
    start: int = 0,
) -> ClaimContext:
    claim = Claim(
        claim_id=claim_id,
        doc_id=doc or "d-" + claim_id,
        section=0,
        start=start,
        end=start + 1,
        evidence="(test)",
        type=type_,
        mode="military personnel",
        actors=actors,
        recipients=("Russia",),
        asserted_by=asserted_by,
        stance=Stance.REPORTS,
        status=status,
        date="2024-10-08",
        date_precision="day",
    )
    stamp = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    return ClaimContext(claim, stamp, "example.org", None, False)


def test_accusations_alleged_act_by_a_third_party_is_an_accusation() -> None:
    (derived,) = derive_accusations([ctx("c1")], INFO)
    claim = derived.claim
    assert claim.type == "ACCUSE"
    assert claim.actors == (NIS,)
    assert claim.recipients == ("North Korea",)
    assert claim.stance is Stance.ACCUSES
    # dated by the report, not by the alleged act
    assert claim.date == "2024-10-18"
    assert is_derived(claim.claim_id) and base_claim_id(claim.claim_id) == "c1"


@pytest.mark.parametrize(
    "context",
    [
        ctx("asserted", status=Status.ASSERTED),  # stated as fact: no accusation
        ctx("denied", status=Status.DENIED),
        ctx("media", asserted_by=("Yonhap News Agency",)),  # an outlet relays, it does not accuse
        ctx("own side", asserted_by=("Kim Jong Un",)),  # a state's own leader: no accusation
        ctx("nobody", asserted_by=()),
        ctx("accusation", type_="ACCUSE"),  # an alleged accusation is not the relayer's
    ],
)
def test_accusations_need_an_alleged_act_and_a_third_party(context: ClaimContext) -> None:
    assert derive_accusations([context], INFO) == []


def test_accusations_one_per_document_and_parties() -> None:
    contexts = [ctx("a", doc="d1", start=5), ctx("b", doc="d1", start=1), ctx("c", doc="d2")]
    derived = derive_accusations(contexts, INFO)
    assert sorted(base_claim_id(d.claim.claim_id) for d in derived) == ["b", "c"]


def test_accusations_form_events_listing_the_real_claims() -> None:
    """Reports of one disclosure a day apart make one accusation event; the next disclosure,
    five days later, is another; the alleged claims keep their own event."""
    contexts = [
        ctx("r1", published="2024-10-18"),
        ctx("r1b", published="2024-10-18"),
        ctx("r2", published="2024-10-19"),
        ctx("r3", published="2024-10-23"),
        ctx("r4", asserted_by=("Lloyd Austin",), published="2024-10-23"),
    ]
    index = EventIndex(INFO)
    index.add_all(contexts + derive_accusations(contexts, INFO))
    events = resolve_derived(index.to_events())
    accusations = sorted(
        (e for e in events if e.type == "ACCUSE"), key=lambda e: (e.date or "", e.actors)
    )
    assert [(e.date, e.actors, set(e.claim_ids)) for e in accusations] == [
        ("2024-10-18", (NIS,), {"r1", "r1b", "r2"}),
        ("2024-10-23", ("Lloyd Austin",), {"r4"}),
        ("2024-10-23", (NIS,), {"r3"}),
    ]
    assert all(not is_derived(t.claim_id) for e in accusations for t in e.trail)
    assert {e.mode for e in accusations} == {"allege"}
    (aid,) = [e for e in events if e.type == "AID"]
    assert set(aid.claim_ids) == {"r1", "r1b", "r2", "r3", "r4"}


def test_accusations_join_a_stated_accusation_a_day_apart() -> None:
    """ "The NIS accused North Korea on Friday" and next-day reports of the NIS's allegation are
    one accusation."""
    stated = ctx("stated", type_="ACCUSE", status=Status.ALLEGED, published="2024-10-18")
    stated = replace(
        stated,
        claim=replace(
            stated.claim,
            actors=(NIS,),
            recipients=("North Korea",),
            mode="allege military personnel",
            date="2024-10-18",
        ),
    )
    reports = [ctx("r1", published="2024-10-19"), ctx("r2", published="2024-10-19")]
    index = EventIndex(INFO)
    index.add_all([stated, *reports, *derive_accusations(reports, INFO)])
    (accusation,) = [e for e in resolve_derived(index.to_events()) if e.type == "ACCUSE"]
    assert set(accusation.claim_ids) == {"stated", "r1", "r2"}
    assert accusation.mode == "allege military personnel"
