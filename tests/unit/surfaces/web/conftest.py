"""Fixtures of the web tests: the hand-built sample store and an in-process client."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from watchfloor.config import load_config
from watchfloor.surfaces.web import create_app

TOKEN = "test-token-0123456789"


def load_sample() -> ModuleType:
    """The sample-store builder, loaded by path (tests are not a package)."""
    path = Path(__file__).with_name("sample.py")
    spec = importlib.util.spec_from_file_location("watchfloor_web_sample", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sample() -> ModuleType:
    return load_sample()


@pytest.fixture
def sample_db(tmp_path: Path, sample: ModuleType) -> Path:
    return sample.build_sample_store(tmp_path / "sample.db")


@pytest.fixture
def registry_path(tmp_path: Path) -> Path:
    """Where accepted review proposals are written (never the working directory)."""
    return tmp_path / "user-registry.yaml"


@pytest.fixture
def app(sample_db: Path, registry_path: Path) -> FastAPI:
    config = load_config(overrides=(f"entities.user_registry={registry_path}",))
    return create_app(sample_db, config, TOKEN, ingest_stages=("extract",))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c
