"""Alerts: the watch's rules turn events, leads and contradicting claims into alert records,
printed and optionally POSTed (JSON) to a webhook with retries and exponential backoff.

An alert's key is a hash of its rule and subject ids; the ``alerts`` table holds it with
``INSERT OR IGNORE``, so the same alert is recorded once, printed once and, once delivered
(``sent_at`` set), never sent again. Failed deliveries keep ``attempts`` and ``last_error`` and
are retried on the next run.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from watchfloor.records import Event, Lead, Stance, Status, TrailEntry
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.corpus_view import CorpusView, load_view
from watchfloor.surfaces.countries import CountryResolver, load_country_resolver
from watchfloor.surfaces.watch import AlertRule, AlertSettings, Watch
from watchfloor.surfaces.wording import describe_event, join_names

SUPPORT_STANCES = frozenset({Stance.ACCUSES, Stance.CONFIRMS, Stance.CLAIMS})
SUPPORT_STATUSES = frozenset({Status.ALLEGED, Status.CONFIRMED, Status.ASSERTED})


@dataclass(frozen=True, slots=True)
class Alert:
    key: str
    rule: str
    kind: str
    subject_ids: tuple[str, ...]
    message: str
    payload: str  # JSON, sorted keys: what the webhook receives


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    key: str
    ok: bool
    attempts: int
    error: str | None


@dataclass(frozen=True, slots=True)
class AlertReport:
    new: tuple[Alert, ...]
    delivered: tuple[DeliveryResult, ...]

    @property
    def summary(self) -> str:
        sent = sum(1 for d in self.delivered if d.ok)
        failed = len(self.delivered) - sent
        line = f"{len(self.new)} new alert(s)"
        if self.delivered:
            line += f", {sent} sent, {failed} failed"
        return line


def alert_key(rule: str, subject_ids: tuple[str, ...]) -> str:
    raw = rule + "|" + "|".join(subject_ids)
    return "al-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def _make(
    rule: AlertRule, subjects: tuple[str, ...], message: str, body: dict[str, object]
) -> Alert:
    key = alert_key(rule.name, subjects)
    payload = {
        "alert_key": key,
        "rule": rule.name,
        "kind": rule.kind,
        "subjects": list(subjects),
        "message": message,
        **body,
    }
    return Alert(
        key=key,
        rule=rule.name,
        kind=rule.kind,
        subject_ids=subjects,
        message=message,
        payload=json.dumps(payload, sort_keys=True, ensure_ascii=False),
    )


def _event_body(event: Event) -> dict[str, object]:
    return {
        "event": {
            "event_id": event.event_id,
            "type": event.type,
            "mode": event.mode,
            "actors": list(event.actors),
            "recipients": list(event.recipients),
            "date": event.date,
            "status": str(event.status),
            "corroboration": event.corroboration,
            "claim_ids": list(event.claim_ids),
        }
    }


def _names_hit(names: tuple[str, ...], wanted: set[str], resolver: CountryResolver | None) -> bool:
    for name in names:
        if name.lower() in wanted:
            return True
        country = resolver.country(name) if resolver is not None else None
        if country is not None and country.lower() in wanted:
            return True
    return False


def event_matches(
    rule: AlertRule, event: Event, view: CorpusView, resolver: CountryResolver | None
) -> bool:
    if rule.types and event.type.upper() not in rule.types:
        return False
    if event.corroboration < rule.min_corroboration:
        return False
    if rule.modes:
        modes = [m.lower() for m in [event.mode, *(c.mode for c in view.event_claims(event))] if m]
        if not any(w.lower() in m for w in rule.modes for m in modes):
            return False
    if rule.actors:
        wanted = {a.lower() for a in rule.actors}
        names = {
            "actor": event.actors,
            "recipient": event.recipients,
            "any": (*event.actors, *event.recipients),
        }[rule.role]
        if not _names_hit(names, wanted, resolver):
            return False
    return True


def _is_denial(t: TrailEntry) -> bool:
    return t.stance == Stance.DENIES or t.status == Status.DENIED


def _is_support(t: TrailEntry) -> bool:
    return not _is_denial(t) and (t.stance in SUPPORT_STANCES or t.status in SUPPORT_STATUSES)


def contradictions(event: Event, view: CorpusView) -> list[tuple[TrailEntry, TrailEntry]]:
    """(earlier, later) claim pairs of one event whose stances oppose, in publication order."""

    def published(t: TrailEntry) -> str:
        doc = view.docs.get(t.doc_id)
        return (doc.published if doc is not None else None) or "9999"

    ordered = sorted(event.trail, key=lambda t: (published(t), t.claim_id))
    pairs = []
    for i, later in enumerate(ordered):
        for earlier in ordered[:i]:
            opposed = (_is_denial(later) and _is_support(earlier)) or (
                _is_support(later) and _is_denial(earlier)
            )
            if opposed:
                pairs.append((earlier, later))
                break  # one alert per contradicting claim
    return pairs


def _who(t: TrailEntry) -> str:
    return join_names(t.asserted_by) if t.asserted_by else (t.site or "a source")


def evaluate_alerts(
    view: CorpusView, watch: Watch, resolver: CountryResolver | None = None
) -> list[Alert]:
    """Every alert the watch's rules raise over the store, in a stable order."""
    alerts: list[Alert] = []
    leads: tuple[Lead, ...] = view.leads
    for rule in watch.alerts.rules:
        if rule.kind == "new_event":
            for event in view.events:
                if event_matches(rule, event, view, resolver):
                    message = (
                        f"[{rule.name}] new event: {describe_event(event)},"
                        f" status {event.status} [{event.event_id}]"
                    )
                    alerts.append(_make(rule, (event.event_id,), message, _event_body(event)))
        elif rule.kind == "new_lead":
            for lead in leads:
                if rule.categories and lead.category not in rule.categories:
                    continue
                message = f"[{rule.name}] {lead.summary} [{', '.join(lead.event_ids)}]"
                body: dict[str, object] = {
                    "lead": {
                        "lead_id": lead.lead_id,
                        "category": lead.category,
                        "provision": lead.provision,
                        "event_ids": list(lead.event_ids),
                        "reliability": lead.reliability,
                        "summary": lead.summary,
                    }
                }
                alerts.append(_make(rule, (lead.lead_id,), message, body))
        else:
            for event in view.events:
                if rule.types and event.type.upper() not in rule.types:
                    continue
                for earlier, later in contradictions(event, view):
                    message = (
                        f"[{rule.name}] {_who(later)} {later.stance} [{later.claim_id}] what"
                        f" {_who(earlier)} {earlier.stance} [{earlier.claim_id}]:"
                        f" {describe_event(event)} [{event.event_id}]"
                    )
                    body = {
                        **_event_body(event),
                        "earlier_claim": earlier.claim_id,
                        "later_claim": later.claim_id,
                    }
                    subjects = (event.event_id, later.claim_id)
                    alerts.append(_make(rule, subjects, message, body))
    return alerts


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_alerts(store: SqliteStore, alerts: list[Alert]) -> list[Alert]:
    """Store alerts not seen before; returns only the new ones."""
    new = []
    with store.transaction():
        for alert in alerts:
            cur = store.db.execute(
                "INSERT OR IGNORE INTO alerts(alert_key, rule, payload, created_at)"
                " VALUES (?, ?, ?, ?)",
                (alert.key, alert.rule, alert.payload, _now()),
            )
            if cur.rowcount:
                new.append(alert)
    return new


Post = Callable[[str, bytes], int]  # (url, body) -> HTTP status; raises httpx.HTTPError


def httpx_post(timeout: float) -> Post:
    def post(url: str, body: bytes) -> int:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            response = client.post(url, content=body, headers={"Content-Type": "application/json"})
            return response.status_code

    return post


def _attempt(
    post: Post, url: str, body: bytes, settings: AlertSettings, sleep: Callable[[float], None]
) -> tuple[bool, int, str | None]:
    """POST with retries on transport errors, 5xx and 429; other 4xx are not retried."""
    error: str | None = None
    for attempt in range(settings.retries + 1):
        if attempt:
            sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            status = post(url, body)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
            continue
        if 200 <= status < 300:
            return True, attempt + 1, None
        error = f"HTTP {status}"
        if status < 500 and status != 429:
            return False, attempt + 1, error
    return False, settings.retries + 1, error


def deliver_pending(
    store: SqliteStore,
    settings: AlertSettings,
    *,
    post: Post | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[DeliveryResult]:
    """POST every unsent alert to the webhook; marks delivered ones so they are never resent."""
    if settings.webhook is None:
        return []
    post = post or httpx_post(settings.timeout)
    rows = store.db.execute(
        "SELECT alert_key, payload FROM alerts WHERE sent_at IS NULL ORDER BY created_at, alert_key"
    ).fetchall()
    results = []
    for row in rows:
        ok, attempts, error = _attempt(
            post, settings.webhook, row["payload"].encode("utf-8"), settings, sleep
        )
        with store.transaction():
            store.db.execute(
                "UPDATE alerts SET attempts = attempts + ?, last_error = ?,"
                " sent_at = CASE WHEN ? THEN ? ELSE sent_at END WHERE alert_key = ?",
                (attempts, error, int(ok), _now(), row["alert_key"]),
            )
        results.append(DeliveryResult(row["alert_key"], ok, attempts, error))
    return results


def run_alerts(
    store: SqliteStore,
    watch: Watch,
    *,
    echo: Callable[[str], None] = print,
    resolver: CountryResolver | None = None,
    post: Post | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> AlertReport:
    """Evaluate the watch's rules, record and print new alerts, then deliver unsent ones."""
    resolver = resolver or load_country_resolver()
    new = record_alerts(store, evaluate_alerts(load_view(store), watch, resolver))
    for alert in new:
        echo(alert.message)
    delivered = deliver_pending(store, watch.alerts, post=post, sleep=sleep)
    return AlertReport(tuple(new), tuple(delivered))
