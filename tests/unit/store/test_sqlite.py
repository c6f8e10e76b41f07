from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.conftest import make_article, make_raw

from watchfloor.errors import NotFound, StoreError
from watchfloor.records import Provenance, Reason, Rejected
from watchfloor.store.base import PutResult
from watchfloor.store.schema import SCHEMA_VERSION
from watchfloor.store.sqlite import SqliteStore


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "w.db")


def test_sqlite_migrates_to_current_schema_in_wal_mode(store: SqliteStore) -> None:
    assert store.schema_version == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        SqliteStore(path)


def test_sqlite_rejects_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        SqliteStore(path)


def test_sqlite_put_raw_is_idempotent_and_versions_changed_bytes(store: SqliteStore) -> None:
    raw = make_raw("https://example.com/a", b"first")
    assert store.put_raw(raw) is PutResult.NEW
    assert store.put_raw(raw) is PutResult.UNCHANGED
    assert store.put_raw(make_raw("https://example.com/a", b"second")) is PutResult.UPDATED
    assert store.get_raw(raw.doc_id).data == b"second"
    # both versions' bytes stay in the content-addressed blob store
    assert store.db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 2


def test_sqlite_article_round_trip(store: SqliteStore) -> None:
    raw = make_raw("https://example.com/a", b"x")
    store.put_raw(raw)
    article = make_article(
        raw, [("ja", "見出し", "北朝鮮のニュース本文"), ("en", "Head", "Body text")]
    )
    store.put_article(article, "v1")
    assert store.get_article(raw.doc_id) == article
    assert store.raw_state(raw.doc_id) == "done"
    assert store.pending_ids("v1") == []
    assert store.pending_ids("v2") == [raw.doc_id]


@pytest.mark.parametrize(
    ("query", "lang"),
    [("北朝鮮", "ja"), ("평양", "ko"), ("Pyongyang", "en"), ("Москва", "ru")],
)
def test_sqlite_search_finds_cjk_and_short_queries(
    store: SqliteStore, query: str, lang: str
) -> None:
    texts = {
        "ja": "北朝鮮の代表団が到着した",
        "ko": "평양에서 회담이 열렸다",
        "en": "Talks were held in Pyongyang",
        "ru": "Москва и Пхеньян подписали договор",
    }
    for i, (code, text) in enumerate(texts.items()):
        raw = make_raw(f"https://example.com/{i}", text.encode())
        store.put_raw(raw)
        store.put_article(make_article(raw, [(code, None, text)]), "v1")
    hits = store.search(query)
    assert [h.lang for h in hits] == [lang]


def test_sqlite_quarantine_keeps_bytes_and_deduplicates(store: SqliteStore) -> None:
    rejected = Rejected(
        doc_id=None,
        stage="ingest.jsonl",
        reason=Reason.BAD_RECORD,
        detail="line 3: not JSON",
        data=b"{broken",
        provenance=Provenance(kind="jsonl", location="/in.jsonl", line=3),
    )
    first = store.quarantine(rejected)
    assert store.quarantine(rejected) == first
    items = store.list_quarantine()
    assert len(items) == 1
    assert items[0].data == b"{broken"
    assert items[0].reason == "bad_record"
    store.mark_retried(first, resolved=True)
    assert store.list_quarantine() == []
    assert len(store.list_quarantine(include_resolved=True)) == 1


def test_sqlite_missing_items_raise_not_found(store: SqliteStore) -> None:
    with pytest.raises(NotFound):
        store.get_article("nope")
    with pytest.raises(NotFound):
        store.get_quarantine(42)


def test_sqlite_transaction_rolls_back_on_error(store: SqliteStore) -> None:
    raw = make_raw("https://example.com/a", b"x")
    with pytest.raises(RuntimeError), store.transaction():
        store.put_raw(raw)
        raise RuntimeError("boom")
    assert store.count_raw() == 0


def test_sqlite_claim_belongs_to_the_event_of_its_own_type(store: SqliteStore) -> None:
    """An accusation event lists the alleged claim it rests on without taking it over."""
    from watchfloor.records import Claim, Event, Stance, Status

    raw = make_raw("https://example.com/a", b"x")
    store.put_raw(raw)
    store.put_article(
        make_article(raw, [("en", "Head", "Troops were sent, the agency said.")]), "v1"
    )
    claim = Claim(
        claim_id="c1",
        doc_id=raw.doc_id,
        section=0,
        start=0,
        end=10,
        evidence="Troops wer",
        type="AID",
        mode=None,
        actors=("North Korea",),
        recipients=("Russia",),
        asserted_by=("South Korea",),
        stance=Stance.REPORTS,
        status=Status.ALLEGED,
    )

    def event(event_id: str, type_: str) -> Event:
        return Event(
            event_id, type_, None, (), (), None, None, None, Status.ALLEGED, ("c1",),
            (raw.doc_id,), None, 1, 1, (),
        )  # fmt: skip

    with store.transaction():
        store.put_claims(raw.doc_id, (claim,))
        store.put_events([event("ev-aid", "AID"), event("ev-accuse", "ACCUSE")])
    assert store.claim_event_ids() == {"c1": "ev-aid"}
    # fusion may date a claim afterwards (an undated page read against its story)
    from dataclasses import replace

    with store.transaction():
        store.put_claim_dates(
            [replace(claim, date="2024-10-23", date_precision="day", date_rule="story:ja.x")]
        )
    (stored,) = store.get_claims()
    assert (stored.date, stored.date_rule) == ("2024-10-23", "story:ja.x")
