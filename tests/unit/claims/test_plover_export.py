"""PLOVER JSON export of claims."""

from __future__ import annotations

import json

from watchfloor.claims.plover_export import ArticleMeta, plover_record, plover_records
from watchfloor.records import Claim, Stance, Status

META = ArticleMeta(
    "d", "https://example.org/a", "example.org", "t", "2024-11-19T00:00:00+00:00", ("en",)
)


def _claim() -> Claim:
    return Claim(
        claim_id="c1",
        doc_id="d",
        section=0,
        start=0,
        end=10,
        evidence="some text",
        type="AID",
        mode="military personnel",
        actors=("North Korea",),
        recipients=("Russia",),
        asserted_by=("National Intelligence Service (South Korea)",),
        stance=Stance.REPORTS,
        status=Status.ALLEGED,
        context=("military", "planned"),
        quantity="1,500 troops",
        date="2024-10-18",
        date_precision="day",
        place="Vladivostok",
        extractor="claims.rules.v1",
    )


def test_plover_export_fields() -> None:
    rec = plover_record(_claim(), META, {"North Korea": "PRK"})
    assert rec["event"] == "AID" and rec["mode"] == "military personnel"
    assert rec["source"] == [{"actorText": "North Korea", "code": "PRK"}]
    assert rec["target"] == [{"actorText": "Russia"}]
    assert rec["date"] == "2024-10-18" and rec["language"] == "en"
    assert rec["context"] == "military"
    assert rec["eventLoc"] == {"placeName": "Vladivostok"} and rec["size"] == "1,500 troops"
    wf = rec["watchfloor"]
    assert wf["status"] == "alleged" and wf["modality"] == ["planned"]
    assert wf["sanctions_mode"] == "troop_deployment"
    json.dumps(rec)  # serialisable


def test_plover_export_many() -> None:
    assert len(plover_records([_claim(), _claim()], {"d": META})) == 2
