"""Alerts: rules, contradiction detection, webhook delivery with retries, never twice."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from watchfloor.config import load_config
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.alerts import (
    contradictions,
    evaluate_alerts,
    record_alerts,
    run_alerts,
)
from watchfloor.surfaces.corpus_view import load_view
from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.leads import find_leads
from watchfloor.surfaces.watch import AlertRule, AlertSettings, Watch


class _Hook:
    """A local webhook: answers the queued statuses in turn (then 200), records bodies."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.bodies: list[dict[str, object]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                status = hook.statuses.pop(0) if hook.statuses else 200
                if status == 200:
                    hook.bodies.append(json.loads(body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook() -> Iterator[_Hook]:
    server = _Hook([500])  # the first POST fails, the retry succeeds
    yield server
    server.close()


RULES = (
    AlertRule(name="dprk-aid", kind="new_event", actors=("North Korea",), types=("AID",),
              modes=("military",)),
    AlertRule(name="leads", kind="new_lead"),
    AlertRule(name="contra", kind="contradiction"),
)  # fmt: skip


def _watch(webhook: str | None, rules: tuple[AlertRule, ...] = RULES) -> Watch:
    return Watch(alerts=AlertSettings(webhook=webhook, retries=2, backoff=0.0, rules=rules))


def test_alerts_rules_select_events_leads_and_contradictions(surface_store: SqliteStore) -> None:
    find_leads(surface_store, load_config())
    alerts = evaluate_alerts(load_view(surface_store), _watch(None), load_country_resolver())
    by_rule: dict[str, list[tuple[str, ...]]] = {}
    for a in alerts:
        by_rule.setdefault(a.rule, []).append(a.subject_ids)
    assert sorted(by_rule["dprk-aid"]) == [("ev-arms",), ("ev-troops",)]  # not the gift
    assert len(by_rule["leads"]) == 3
    # the denial contradicts the earlier accusation; the confirmation contradicts the denial
    assert sorted(by_rule["contra"]) == [
        ("ev-troops", "cl-troops-confirm"),
        ("ev-troops", "cl-troops-denial"),
    ]
    assert all(json.loads(a.payload)["alert_key"] == a.key for a in alerts)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (AlertRule(name="r", kind="new_event", actors=("Russia",), role="recipient"), 2),
        (AlertRule(name="r", kind="new_event", actors=("Kim Jong Un",), role="any"), 2),
        (AlertRule(name="r", kind="new_event", min_corroboration=3), 1),
        (AlertRule(name="r", kind="new_lead", categories=("luxury_goods",)), 1),
    ],
)
def test_alerts_rule_filters(surface_store: SqliteStore, rule: AlertRule, expected: int) -> None:
    find_leads(surface_store, load_config())
    view = load_view(surface_store)
    alerts = evaluate_alerts(view, _watch(None, (rule,)), load_country_resolver())
    assert len(alerts) == expected


def test_alerts_contradiction_order_follows_publication(surface_store: SqliteStore) -> None:
    view = load_view(surface_store)
    troops = next(e for e in view.events if e.event_id == "ev-troops")
    pairs = [(a.claim_id, b.claim_id) for a, b in contradictions(troops, view)]
    assert pairs == [
        ("cl-troops-wire", "cl-troops-denial"),
        ("cl-troops-denial", "cl-troops-confirm"),
    ]


def test_alerts_webhook_retry_then_never_twice(surface_store: SqliteStore, hook: _Hook) -> None:
    find_leads(surface_store, load_config())
    printed: list[str] = []
    first = run_alerts(surface_store, _watch(hook.url), echo=printed.append)
    assert len(first.new) == 7 and len(printed) == 7
    assert all(d.ok for d in first.delivered)
    assert first.delivered[0].attempts == 2  # 500, then 200
    assert len(hook.bodies) == 7
    assert len({b["alert_key"] for b in hook.bodies}) == 7

    second = run_alerts(surface_store, _watch(hook.url), echo=printed.append)
    assert second.new == () and second.delivered == ()
    assert len(hook.bodies) == 7 and len(printed) == 7
    rows = surface_store.db.execute(
        "SELECT count(*), sum(sent_at IS NOT NULL), sum(attempts) FROM alerts"
    ).fetchone()
    assert tuple(rows) == (7, 7, 8)


def test_alerts_failed_delivery_recorded_and_retried_later(
    surface_store: SqliteStore, tmp_path: Path
) -> None:
    failing = _Hook([500] * 3)  # 1 try + 2 retries all fail for the first alert
    try:
        rule = (AlertRule(name="contra", kind="contradiction"),)
        report = run_alerts(surface_store, _watch(failing.url, rule), echo=lambda _: None)
        assert [d.ok for d in report.delivered] == [False, True]
        row = surface_store.db.execute(
            "SELECT attempts, last_error, sent_at FROM alerts WHERE alert_key = ?",
            (report.delivered[0].key,),
        ).fetchone()
        assert (row["attempts"], row["last_error"], row["sent_at"]) == (3, "HTTP 500", None)
        again = run_alerts(surface_store, _watch(failing.url, rule), echo=lambda _: None)
        assert again.new == ()
        assert [d.ok for d in again.delivered] == [True]
        assert len(failing.bodies) == 2
    finally:
        failing.close()


def test_alerts_client_error_not_retried(surface_store: SqliteStore) -> None:
    server = _Hook([404])
    try:
        rule = (AlertRule(name="contra", kind="contradiction"),)
        report = run_alerts(surface_store, _watch(server.url, rule), echo=lambda _: None)
        assert report.delivered[0].attempts == 1 and report.delivered[0].error == "HTTP 404"
    finally:
        server.close()


def test_alerts_unreachable_webhook_is_recorded(surface_store: SqliteStore) -> None:
    server = _Hook([])
    url = server.url
    server.close()  # nothing listens any more
    rule = (AlertRule(name="contra", kind="contradiction"),)
    report = run_alerts(surface_store, _watch(url, rule), echo=lambda _: None)
    assert report.delivered and not any(d.ok for d in report.delivered)
    assert all(d.error and "Connect" in d.error for d in report.delivered)


def test_alerts_record_is_idempotent(surface_store: SqliteStore) -> None:
    alerts = evaluate_alerts(load_view(surface_store), _watch(None), load_country_resolver())
    assert len(record_alerts(surface_store, alerts)) == len(alerts)
    assert record_alerts(surface_store, alerts) == []
