"""SQLite schema as numbered migrations, applied in order and recorded in ``user_version``.

Add a migration to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: raw store, documents, sections with full-text search, quarantine, runs
    """
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
    );
    CREATE TABLE raw_documents (
        doc_id TEXT PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        media_type TEXT NOT NULL,
        provenance TEXT NOT NULL,
        hints TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        -- state of per-document processing: pending | done | rejected
        state TEXT NOT NULL DEFAULT 'pending',
        pipeline_version TEXT
    );
    CREATE INDEX raw_documents_state ON raw_documents(state);
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY REFERENCES raw_documents(doc_id),
        url TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        site TEXT,
        title TEXT,
        published TEXT,
        published_source TEXT,
        author TEXT,
        credits TEXT NOT NULL,
        extractor TEXT NOT NULL,
        removed TEXT NOT NULL,
        source_kind TEXT,
        reliability REAL,
        machine_translated INTEGER,
        content_farm INTEGER,
        assess_factors TEXT,
        origin_id TEXT,
        copy_of TEXT,
        story_id TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_site ON documents(site);
    CREATE TABLE sections (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        lang TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        sentences TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    -- trigram tokenizer: substring search that works for ja/ko/zh as well as en/ru
    CREATE VIRTUAL TABLE sections_fts USING fts5(
        doc_id UNINDEXED, idx UNINDEXED, title, text, tokenize='trigram'
    );
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        fingerprint TEXT NOT NULL UNIQUE,
        doc_id TEXT,
        url TEXT,
        stage TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        data BLOB NOT NULL,
        provenance TEXT,
        created_at TEXT NOT NULL,
        retried_at TEXT,
        resolved INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX quarantine_reason ON quarantine(reason);
    CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY AUTOINCREMENT,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        config TEXT NOT NULL,
        versions TEXT NOT NULL,
        stats TEXT
    );
    CREATE TABLE http_validators (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT NOT NULL
    );
    """,
    # 2: entity mentions and claims
    """
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        canonical_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        provisional INTEGER NOT NULL,
        confidence REAL NOT NULL,
        method TEXT NOT NULL,
        PRIMARY KEY (doc_id, section, start, end)
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE TABLE claims (
        claim_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        evidence TEXT NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        actors TEXT NOT NULL,
        recipients TEXT NOT NULL,
        asserted_by TEXT NOT NULL,
        stance TEXT NOT NULL,
        status TEXT NOT NULL,
        negated INTEGER NOT NULL,
        context TEXT NOT NULL,
        object TEXT,
        quantity TEXT,
        date TEXT,
        date_precision TEXT,
        date_rule TEXT,
        place TEXT,
        confidence REAL NOT NULL,
        extractor TEXT NOT NULL,
        from_headline INTEGER NOT NULL,
        event_id TEXT
    );
    CREATE INDEX claims_doc ON claims(doc_id);
    CREATE INDEX claims_type ON claims(type);
    CREATE INDEX claims_date ON claims(date);
    """,
    # 3: corpus-level records: sources, stories, events, leads, alerts, fusion state
    """
    CREATE TABLE sources (
        site TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        country TEXT,
        state_affiliated INTEGER NOT NULL,
        reliability REAL NOT NULL,
        factors TEXT NOT NULL,
        documents INTEGER NOT NULL
    );
    CREATE TABLE stories (
        story_id TEXT PRIMARY KEY,
        doc_ids TEXT NOT NULL,
        titles TEXT NOT NULL,
        languages TEXT NOT NULL,
        first_published TEXT,
        last_published TEXT
    );
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        mode TEXT,
        actors TEXT NOT NULL,
        recipients TEXT NOT NULL,
        date TEXT,
        date_precision TEXT,
        place TEXT,
        status TEXT NOT NULL,
        claim_ids TEXT NOT NULL,
        doc_ids TEXT NOT NULL,
        first_reported TEXT,
        origins INTEGER NOT NULL,
        corroboration INTEGER NOT NULL,
        asserted_by TEXT NOT NULL,
        trail TEXT NOT NULL,
        story_id TEXT
    );
    CREATE INDEX events_date ON events(date);
    CREATE TABLE leads (
        lead_id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        provision TEXT NOT NULL,
        event_ids TEXT NOT NULL,
        doc_ids TEXT NOT NULL,
        reliability REAL NOT NULL,
        summary TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE alerts (
        alert_key TEXT PRIMARY KEY,
        rule TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE fusion_state (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE review_decisions (
        proposal_id TEXT PRIMARY KEY,
        decision TEXT NOT NULL,
        payload TEXT NOT NULL,
        decided_at TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
