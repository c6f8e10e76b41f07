"""REST API and pages of `watchfloor serve`, in process, over the hand-built sample store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

import click
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pydantic import BaseModel

from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces import cli_serve, export
from watchfloor.surfaces.web import models
from watchfloor.surfaces.web.app import CSP
from watchfloor.surfaces.web.pages import highlight, layout
from watchfloor.surfaces.web.queries import network_edges

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def export_rows(db: Path, table: str) -> list[dict[str, Any]]:
    store = SqliteStore(db, create=False)
    try:
        return json.loads(json.dumps(list(export.TABLES[table](store))))
    finally:
        store.close()


# -- reads match the export contract ---------------------------------------------------------
@pytest.mark.parametrize(
    ("table", "path", "key"),
    [
        ("documents", "/api/documents", "doc_id"),
        ("claims", "/api/claims", "claim_id"),
        ("events", "/api/events", "event_id"),
        ("stories", "/api/stories", "story_id"),
        ("sources", "/api/sources", "site"),
        ("leads", "/api/leads", "lead_id"),
        ("entities", "/api/entities", "entity_id"),
    ],
)
def test_api_list_bodies_equal_export_rows(
    client: TestClient, sample_db: Path, table: str, path: str, key: str
) -> None:
    body = client.get(path).json()
    expected = export_rows(sample_db, table)
    assert body["total"] == len(expected) > 0
    by_key = {(r.get("doc_id"), r[key]) for r in expected}
    assert {(r.get("doc_id"), r[key]) for r in body["items"]} == by_key
    for row in body["items"]:
        same = [e for e in expected if (e.get("doc_id"), e[key]) == (row.get("doc_id"), row[key])]
        assert same == [row]


@pytest.mark.parametrize(
    ("table", "model"),
    [
        ("documents", models.DocumentRow),
        ("claims", models.ClaimRow),
        ("events", models.EventRow),
        ("stories", models.StoryRow),
        ("sources", models.SourceRow),
        ("leads", models.LeadRow),
        ("entities", models.EntityRow),
    ],
)
def test_api_models_cover_every_export_column(
    sample_db: Path, table: str, model: type[BaseModel]
) -> None:
    for row in export_rows(sample_db, table):
        assert set(row) == set(model.model_fields), table


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/documents/nope", 404),
        ("/api/claims/nope", 404),
        ("/api/events/nope", 404),
        ("/api/events/nope/claims", 404),
        ("/api/stories/nope", 404),
        ("/api/sources/nope.example", 404),
        ("/api/leads/nope", 404),
        ("/api/quarantine/999", 404),
        ("/api/events?since=yesterday", 422),
        ("/api/claims?status=rumoured", 422),
        ("/api/documents?limit=0", 422),
        ("/api/search", 422),
    ],
)
def test_api_errors_are_404_and_422(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=russia", ["e-visit", "e-troops"]),  # Putin counts for Russia
        ("actor=north%20korea", ["e-visit", "e-troops"]),  # and Kim Jong Un for North Korea
        ("actor=Vladimir%20Putin", ["e-visit"]),
        ("actor=Kim%20Jong%20Un", ["e-visit"]),
        ("type=consult", ["e-visit"]),
        ("type=military", ["e-troops"]),
        ("status=alleged", ["e-troops"]),
        ("source_kind=content_farm", ["e-visit"]),
        ("source_kind=wire", ["e-troops"]),
        ("since=2024-07", ["e-troops"]),
        ("until=2024-06", ["e-visit"]),
        ("since=2024-06-19&until=2024-10-18", ["e-visit", "e-troops"]),
        ("story_id=s-visit", ["e-visit"]),
        ("", ["e-visit", "e-troops"]),
    ],
)
def test_api_events_filters_and_date_order(
    client: TestClient, query: str, expected: list[str]
) -> None:
    body = client.get(f"/api/events?{query}").json()
    assert [e["event_id"] for e in body["items"]] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=North%20Korea", {"c-ja-1", "c-ja-2", "c-en-1", "c-ko-1"}),
        ("status=denied", {"c-ja-2"}),
        ("type=CONSULT", {"c-farm-1"}),
        ("since=2024-10-01", {"c-ja-1", "c-ja-2", "c-en-1", "c-ko-1"}),
        ("event_id=e-visit", {"c-farm-1"}),
    ],
)
def test_api_claims_filters_like_the_cli(
    client: TestClient, query: str, expected: set[str]
) -> None:
    body = client.get(f"/api/claims?{query}").json()
    assert {c["claim_id"] for c in body["items"]} == expected


def test_api_pagination_pages_through_all_items(client: TestClient) -> None:
    first = client.get("/api/claims?limit=2&offset=0").json()
    second = client.get("/api/claims?limit=2&offset=2").json()
    third = client.get("/api/claims?limit=2&offset=4").json()
    assert first["total"] == 5 and (first["limit"], first["offset"]) == (2, 0)
    ids = [c["claim_id"] for page in (first, second, third) for c in page["items"]]
    assert len(ids) == len(set(ids)) == 5


def test_api_event_claims_carry_original_language_evidence(client: TestClient) -> None:
    claims = client.get("/api/events/e-troops/claims").json()
    evidence = {c["claim_id"]: c["evidence"] for c in claims}
    assert evidence["c-ja-2"] == "ロシア政府はこの報道を否定した。"
    assert evidence["c-ko-1"].startswith("국가정보원은")


def test_api_document_by_prefix_and_search(client: TestClient, sample: ModuleType) -> None:
    doc = client.get(f"/api/documents/{sample.DOC_A[:8]}").json()
    assert doc["doc_id"] == sample.DOC_A
    assert [s["lang"] for s in doc["sections"]] == ["ja", "en"]
    hits = client.get("/api/search", params={"q": "병력"}).json()
    assert [h["doc_id"] for h in hits] == [sample.DOC_B]


def test_api_network_edges_weight_events(client: TestClient) -> None:
    edges = client.get("/api/network").json()
    pairs = {(e["source"], e["target"]): e for e in edges}
    assert pairs[("North Korea", "Russia")]["weight"] == 1
    assert pairs[("North Korea", "Russia")]["types"] == {"AID": 1}
    assert client.get("/api/network?until=2024-06-30").json()[0]["source"] == "Kim Jong Un"


# -- writes need the token -------------------------------------------------------------------
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}],
)
def test_api_writes_without_the_token_are_refused(
    client: TestClient, headers: dict[str, str]
) -> None:
    proposal = client.get("/api/review").json()[0]["proposal_id"]
    response = client.post(f"/api/review/{proposal}", json={"decision": "accept"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/review").json()[0]["decision"] is None
    assert client.post("/api/quarantine/1/retry", headers=headers).status_code == 401
    assert client.post("/api/ingest/jsonl", content=b"{}", headers=headers).status_code == 401


def test_api_review_decision_with_token_is_recorded(client: TestClient, sample_db: Path) -> None:
    proposal = client.get("/api/review?pending=true").json()
    assert [p["label"] for p in proposal] == ["Example Shipping Co"]
    pid = proposal[0]["proposal_id"]
    response = client.post(f"/api/review/{pid}", json={"decision": "reject"}, headers=AUTH)
    assert response.status_code == 200
    assert response.json()["decision"] == "reject"
    assert client.get("/api/review?pending=true").json() == []
    row = (
        sqlite3.connect(sample_db)
        .execute("SELECT decision, payload FROM review_decisions WHERE proposal_id = ?", (pid,))
        .fetchone()
    )
    assert row[0] == "reject" and json.loads(row[1])["label"] == "Example Shipping Co"
    bad = client.post(f"/api/review/{pid}", json={"decision": "maybe"}, headers=AUTH)
    assert bad.status_code == 422
    missing = client.post("/api/review/nope", json={"decision": "accept"}, headers=AUTH)
    assert missing.status_code == 404


def test_api_review_accept_writes_the_user_registry_once(
    client: TestClient, registry_path: Path
) -> None:
    import yaml

    pid = client.get("/api/review").json()[0]["proposal_id"]
    first = client.post(f"/api/review/{pid}", json={"decision": "accept"}, headers=AUTH).json()
    again = client.post(f"/api/review/{pid}", json={"decision": "accept"}, headers=AUTH).json()
    assert first["actor_id"] == again["actor_id"] == "user-example-shipping-co"
    actors = yaml.safe_load(registry_path.read_text(encoding="utf-8"))["actors"]
    assert [(a["id"], a["kind"]) for a in actors] == [("user-example-shipping-co", "organization")]


def test_api_ingest_jsonl_stores_good_lines_and_quarantines_bad(client: TestClient) -> None:
    lines = [
        json.dumps({"url": "https://new.example.org/a", "text": "A new page about a summit in "
                    "Vladivostok where two leaders met and talked for hours.",
                    "published": "2024-11-19"}),
        "{not json",
    ]  # fmt: skip
    response = client.post(
        "/api/ingest/jsonl",
        content="\n".join(lines).encode(),
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    stats = response.json()
    assert (stats["inputs"], stats["new"], stats["processed"]) == (2, 1, 1)
    assert stats["quarantined"] == {"bad_record": 1}
    urls = [d["url"] for d in client.get("/api/documents?limit=500").json()["items"]]
    assert "https://new.example.org/a" in urls


@pytest.mark.parametrize("target", ["/etc/passwd", "file:///etc/passwd", "ftp://x.example/a"])
def test_api_ingest_urls_refuses_anything_but_http(client: TestClient, target: str) -> None:
    response = client.post("/api/ingest/urls", json={"urls": [target]}, headers=AUTH)
    assert response.status_code == 422


def test_api_quarantine_retry_with_token_marks_the_item(client: TestClient) -> None:
    response = client.post("/api/quarantine/1/retry", headers=AUTH)
    assert response.status_code == 200
    assert response.json() == {"id": 1, "resolved": False}  # the original file is gone
    assert client.get("/api/quarantine/1").json()["retried_at"] is not None


# -- pages -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    ["/", "/timeline", "/events/e-troops", "/stories", "/stories/s-troops", "/documents",
     "/actors", "/actors/North%20Korea", "/network", "/sources", "/leads", "/quarantine",
     "/quarantine/1", "/review", "/search?q=Korea", "/ingest", "/api/events"],
)  # fmt: skip
def test_pages_render_with_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_pages_no_cdn_backed_docs(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_pages_escape_untrusted_article_text(client: TestClient, sample: ModuleType) -> None:
    html = client.get(f"/documents/{sample.DOC_C}").text
    assert "<script>alert" not in html and "<b>visits</b>" not in html
    assert "&lt;script&gt;alert" in html and "&lt;b&gt;visits&lt;/b&gt;" in html
    assert 'id="claim-c-farm-1"' in html  # evidence sentence is marked and linkable


def test_pages_timeline_shows_trail_in_original_languages(client: TestClient) -> None:
    html = client.get("/timeline").text
    assert html.index("2024-06-19") < html.index("2024-10-18")  # date order
    assert '<span class="evidence" lang="ja">ロシア政府はこの報道を否定した。</span>' in html
    assert 'lang="ko">국가정보원은' in html
    assert "denies" in html and "accuses" in html and "corroboration 2" in html
    filtered = client.get("/timeline?actor=Kim+Jong+Un&status=&type=").text
    assert "e-visit" in filtered and "e-troops" not in filtered


def test_pages_story_shows_languages_side_by_side(client: TestClient) -> None:
    html = client.get("/stories/s-troops").text
    columns = [html.index(f'data-lang="{lang}"') for lang in ("ja", "en", "ko")]
    assert columns == sorted(columns)
    assert "ロシア政府はこの報道を否定した。" in html and "Moscow rejected the report." in html


def test_pages_actor_lists_co_actors(client: TestClient) -> None:
    html = client.get("/actors/North%20Korea").text
    assert 'href="/actors/Russia"' in html
    assert client.get("/actors/Nobody%20Here").status_code == 404


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("a <b> c", [(2, 5, "x")], 'a <mark id="claim-x" class="evidence">&lt;b&gt;</mark> c'),
        ("abcdef", [(0, 3, "1"), (2, 5, "2")],
         '<mark id="claim-1" class="evidence">abc</mark><mark id="claim-2" class="evidence">de'
         "</mark>f"),
        ("abc", [(5, 9, "z")], "abc"),
        ("x&y", [], "x&amp;y"),
    ],
)  # fmt: skip
def test_pages_highlight_escapes_and_marks(
    text: str, spans: list[tuple[int, int, str]], expected: str
) -> None:
    assert str(highlight(text, spans)) == expected


def test_pages_network_layout_keeps_busiest_nodes() -> None:
    events = [
        {"event_id": f"e{i}", "type": t, "actors": [a], "recipients": [r]}
        for i, (t, a, r) in enumerate(
            [("AID", "A", "B"), ("AID", "B", "A"), ("CONSULT", "A", "C"), ("AID", "D", "E")]
        )
    ]
    edges = network_edges(events)
    assert (edges[0]["source"], edges[0]["target"], edges[0]["weight"]) == ("A", "B", 2)
    graph = layout(edges, max_nodes=3)
    assert {n["name"] for n in graph["nodes"]} == {"A", "B", "C"}
    assert len(graph["lines"]) == 2


# -- the serve command -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False),
     ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_cli_serve_is_loopback(host: str, loopback: bool) -> None:
    assert cli_serve.is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("given", "configured", "generated"),
    [("abc", "", False), (None, "conf", False), (None, "", True)],
)
def test_cli_serve_resolve_token(given: str | None, configured: str, generated: bool) -> None:
    token, was_generated = cli_serve.resolve_token(given, configured)
    assert was_generated is generated
    assert token == (given or configured) if not generated else len(token) >= 24


SERVE = (
    "from watchfloor.cli import cli, main\n"
    "if 'serve' not in cli.commands:\n"
    "    from watchfloor.surfaces import cli_serve\n"
    "    cli_serve.register(cli)\n"
    "main()\n"
)


def test_cli_serve_prints_a_token_and_serves_the_timeline(sample_db: Path) -> None:
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "--db", str(sample_db), "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        lines = [proc.stderr.readline() for _ in range(3)]
        assert f"http://127.0.0.1:{port}/" in lines[0], lines
        token = lines[2].rsplit(" ", 1)[1].strip()
        assert "generated" in lines[2] and len(token) >= 24
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                page = httpx.get(f"{base}/timeline", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert page.status_code == 200 and 'data-event-id="e-troops"' in page.text
        url = f"{base}/api/quarantine/1/retry"
        assert httpx.post(url, timeout=10).status_code == 401
        ok = httpx.post(url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert ok.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_cli_serve_registers_a_documented_command() -> None:
    group = click.Group("watchfloor")
    cli_serve.register(group)
    result = CliRunner().invoke(group, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--token" in result.output and "localhost" in result.output
