"""The pipeline version: what decides whether a stored document is processed again."""

from __future__ import annotations

from pathlib import Path

from watchfloor.config import load_config
from watchfloor.pipeline import DocumentPipeline, tree_digest


def test_tree_digest_follows_contents_and_paths_not_bytecode(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    lexicon = tmp_path / "data" / "ko.toml"
    lexicon.write_text('terms = ["의정서"]\n', encoding="utf-8")
    first = tree_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.cpython-312.pyc").write_bytes(b"\0\1")
    assert tree_digest(tmp_path) == first
    lexicon.write_text('terms = ["의정서", "계획서"]\n', encoding="utf-8")
    edited = tree_digest(tmp_path)
    assert edited != first
    lexicon.rename(tmp_path / "data" / "ja.toml")
    assert tree_digest(tmp_path) != edited


def test_pipeline_version_names_the_stages_and_the_settings_they_read(tmp_path: Path) -> None:
    config = load_config(None)
    stages = ("extract", "entities", "claims")
    version = DocumentPipeline(config, stages).version
    assert version.startswith("extract.article.v2+entities.link.v1+claims.rules.v1@")
    assert DocumentPipeline(config, stages).version == version
    # a setting the stages read makes another version; one they do not read does not
    path = tmp_path / "watchfloor.toml"
    path.write_text('[timezones]\nko = "UTC"\n', encoding="utf-8")
    assert DocumentPipeline(load_config(path), stages).version != version
    path.write_text("[serve]\nport = 9999\n", encoding="utf-8")
    assert DocumentPipeline(load_config(path), stages).version == version
