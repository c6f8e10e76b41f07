"""A small hand-built watch store for the analyst surfaces (sentences written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.conftest import make_article, make_raw

from watchfloor.records import (
    Claim,
    DocumentAssessment,
    Event,
    Stance,
    Status,
    TrailEntry,
)
from watchfloor.store.sqlite import SqliteStore

# doc key -> (site, lang, published, source kind, reliability, machine translated/content farm)
DOCS: dict[str, tuple[str, str, datetime, str, float, bool]] = {
    "wire": ("wire.example.com", "en", datetime(2024, 10, 24, 3, tzinfo=UTC), "wire", 0.8, False),
    "statetv": (
        "tv.example.ru",
        "ru",
        datetime(2024, 10, 25, tzinfo=UTC),
        "state_media",
        0.4,
        False,
    ),
    "daily": (
        "daily.example.kr",
        "ko",
        datetime(2024, 10, 26, tzinfo=UTC),
        "newspaper",
        0.7,
        False,
    ),
    "arms": ("news.example.org", "en", datetime(2024, 9, 3, tzinfo=UTC), "newspaper", 0.7, False),
    "farm": ("farm.example.net", "en", datetime(2024, 9, 4, tzinfo=UTC), "content_farm", 0.1, True),
    "gift": ("press.example.kr", "ko", datetime(2024, 2, 20, tzinfo=UTC), "newspaper", 0.7, False),
    "kcna": ("kcna.example.kp", "ja", datetime(2023, 9, 14, tzinfo=UTC), "state_media", 0.3, False),
}

# claim id -> (doc key, evidence, type, mode, actors, recipients, asserted_by, stance, status, date)
CLAIMS: dict[
    str,
    tuple[
        str, str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], Stance, Status, str
    ],
] = {
    "cl-troops-wire": (
        "wire",
        "Seoul's spy agency said about 3,000 North Korean soldiers had moved to Russia.",
        "AID",
        "military personnel",
        ("North Korea",),
        ("Russia",),
        ("National Intelligence Service (South Korea)",),
        Stance.ACCUSES,
        Status.ALLEGED,
        "2024-10-23",
    ),
    "cl-troops-denial": (
        "statetv",
        "Москва назвала сообщения о северокорейских солдатах выдумкой.",
        "AID",
        "military personnel",
        ("North Korea",),
        ("Russia",),
        ("Russia",),
        Stance.DENIES,
        Status.DENIED,
        "2024-10-23",
    ),
    "cl-troops-confirm": (
        "daily",
        "북한군 병력이 러시아에 도착한 사실이 확인됐다고 정부가 밝혔다.",
        "AID",
        "military personnel",
        ("North Korea",),
        ("Russia",),
        ("Government of South Korea",),
        Stance.CONFIRMS,
        Status.CONFIRMED,
        "2024-10-23",
    ),
    "cl-arms": (
        "arms",
        "Officials said Pyongyang shipped artillery shells to Russia by rail"
        " <script>alert(1)</script>.",
        "AID",
        "military (munitions)",
        ("North Korea",),
        ("Russia",),
        ("United States",),
        Stance.ACCUSES,
        Status.ALLEGED,
        "2024-09-01",
    ),
    "cl-arms-farm": (
        "farm",
        "Pyongyang reportedly sent artillery ammunition to Moscow.",
        "AID",
        "military (munitions)",
        ("North Korea",),
        ("Russia",),
        (),
        Stance.REPORTS,
        Status.ASSERTED,
        "2024-09-01",
    ),
    "cl-gift": (
        "gift",
        "푸틴 대통령이 김정은 위원장에게 러시아제 고급 승용차를 선물했다.",
        "AID",
        "gift",
        ("Vladimir Putin",),
        ("Kim Jong Un",),
        ("Korean Central News Agency",),
        Stance.REPORTS,
        Status.ASSERTED,
        "2024-02-18",
    ),
    "cl-summit": (
        "kcna",
        "プーチン大統領と金正恩総書記が宇宙基地で会談した。",
        "CONSULT",
        "summit",
        ("Vladimir Putin",),
        ("Kim Jong Un",),
        ("Korean Central News Agency",),
        Stance.REPORTS,
        Status.ASSERTED,
        "2023-09-13",
    ),
}

# event id -> (claim ids, story id)
EVENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "ev-troops": (("cl-troops-wire", "cl-troops-denial", "cl-troops-confirm"), "st-troops"),
    "ev-arms": (("cl-arms", "cl-arms-farm"), "st-arms"),
    "ev-gift": (("cl-gift",), "st-gift"),
    "ev-summit": (("cl-summit",), "st-summit"),
}


def doc_id(key: str) -> str:
    return make_raw(f"https://{DOCS[key][0]}/{key}", b"x").doc_id


def _claim(cid: str) -> Claim:
    key, evidence, type_, mode, actors, recipients, asserted, stance, status, date = CLAIMS[cid]
    return Claim(
        claim_id=cid,
        doc_id=doc_id(key),
        section=0,
        start=0,
        end=len(evidence),
        evidence=evidence,
        type=type_,
        mode=mode,
        actors=actors,
        recipients=recipients,
        asserted_by=asserted,
        stance=stance,
        status=status,
        date=date,
        date_precision="day",
    )


def build_events() -> list[Event]:
    from watchfloor.fuse.events import derive_status

    events = []
    for eid, (cids, story) in EVENTS.items():
        claims = [_claim(c) for c in cids]
        keys = [CLAIMS[c][0] for c in cids]
        independent = {k for k in keys if not DOCS[k][5]}
        first = claims[0]
        events.append(
            Event(
                event_id=eid,
                type=first.type,
                mode=first.mode,
                actors=first.actors,
                recipients=first.recipients,
                date=first.date,
                date_precision="day",
                place=None,
                status=derive_status(c.status for c in claims),
                claim_ids=tuple(cids),
                doc_ids=tuple(dict.fromkeys(c.doc_id for c in claims)),
                first_reported=min(DOCS[k][2] for k in keys),
                origins=len(set(keys)),
                corroboration=len(independent),
                asserted_by=tuple(dict.fromkeys(n for c in claims for n in c.asserted_by)),
                trail=tuple(
                    TrailEntry(c.claim_id, c.doc_id, c.asserted_by, c.stance, c.status, DOCS[k][0])
                    for c, k in zip(claims, keys, strict=True)
                ),
                story_id=story,
            )
        )
    return events


def populate(store: SqliteStore, *, events: list[Event] | None = None) -> None:
    by_doc: dict[str, list[Claim]] = {}
    for cid, spec in CLAIMS.items():
        by_doc.setdefault(spec[0], []).append(_claim(cid))
    for key, (site, lang, published, kind, reliability, excluded) in DOCS.items():
        text = " ".join(c.evidence for c in by_doc.get(key, []))
        raw = make_raw(f"https://{site}/{key}", b"x")
        store.put_raw(raw)
        article = replace(
            make_article(raw, [(lang, f"Title {key}", text)]), site=site, published=published
        )
        store.put_article(article, "test")
        with store.transaction():
            store.put_assessment(
                DocumentAssessment(
                    doc_id=raw.doc_id,
                    source_kind=kind,
                    reliability=reliability,
                    machine_translated=excluded,
                    content_farm=excluded,
                )
            )
            store.put_claims(raw.doc_id, tuple(by_doc.get(key, [])))
    with store.transaction():
        store.put_events(build_events() if events is None else events)


@pytest.fixture
def surface_store(tmp_path: Path) -> SqliteStore:
    store = SqliteStore(tmp_path / "w.db")
    populate(store)
    return store
