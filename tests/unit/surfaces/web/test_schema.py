"""The REST API against its own OpenAPI schema, with schemathesis, in process (ASGI, no network).

Every generated request must get a documented status code and a body that conforms to the
schema; no 500s. Writes are checked twice: refused without the token, well-formed with it.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from watchfloor.config import load_config  # noqa: E402
from watchfloor.surfaces.web import create_app  # noqa: E402

TOKEN = "schema-test-token-0123456789"


def _build_app() -> Any:
    """The app over a fresh sample store, built at collection time.

    schemathesis' lazy fixture loader does not work with this pytest version (it sets a private
    node attribute), so the schema is loaded eagerly from a store in a temporary directory.
    """
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location("watchfloor_web_sample", Path(__file__).with_name("sample.py"))
    assert spec is not None and spec.loader is not None
    sample: ModuleType = module_from_spec(spec)
    spec.loader.exec_module(sample)
    tmp = Path(tempfile.mkdtemp(prefix="watchfloor-schema-"))
    atexit.register(shutil.rmtree, tmp, True)
    db = sample.build_sample_store(tmp / "sample.db")
    config = load_config(overrides=(f"entities.user_registry={tmp / 'user-registry.yaml'}",))
    return create_app(db, config, TOKEN, ingest_stages=("extract",))


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx: Any, value: Any) -> bytes:
    """Generated bodies are strings (sent as UTF-8); negative ones may be any JSON value."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, bytes):
        return value
    return json.dumps(value).encode()


schema = schemathesis.openapi.from_asgi("/api/openapi.json", _build_app())
FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@schema.include(method="GET").parametrize()
@FAST
def test_schema_reads_conform(case: Any) -> None:
    case.call_and_validate()


@schema.include(method="POST").parametrize()
@FAST
def test_schema_writes_without_token_are_refused(case: Any) -> None:
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    response = case.call()
    if case.method.upper() != "POST":
        # schemathesis also probes undeclared methods; those must be 405, never served
        assert response.status_code == 405, response.text
        return
    assert response.status_code == 401, response.text


# URL ingest would try the network with generated addresses: covered by test_api instead.
@schema.include(method="POST").exclude(path="/api/ingest/urls").parametrize()
@FAST
def test_schema_writes_with_token_conform(case: Any) -> None:
    excluded = []
    if case.operation.path == "/api/ingest/jsonl":
        # a text body has no type on the wire: a "wrongly typed" generated value arrives as
        # valid text and is, rightly, ingested (and quarantined line by line)
        excluded.append(schemathesis.checks.negative_data_rejection)
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=excluded)
