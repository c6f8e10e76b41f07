"""Golden: our HTML extractor on the article-extraction benchmark stays above its F1 floor."""

from __future__ import annotations

import gzip
import json
import re
import tomllib
from pathlib import Path

import pytest

from watchfloor.extract.html import extract_html
from watchfloor.extract.html_score import Score, aggregate, score_page

REPO = Path(__file__).resolve().parents[2]
BENCHMARK = REPO / ".." / "shared" / "benchmarks" / "article-extraction"
BASELINES = Path(__file__).resolve().parent / "baselines.toml"
PUBLISHED_TOLERANCE = 0.005


def _floor() -> float:
    return float(tomllib.loads(BASELINES.read_text(encoding="utf8"))["extraction"]["f1"])


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, str]]:
    path = BENCHMARK / "ground-truth.json"
    if not path.exists():
        pytest.skip("../shared/benchmarks/article-extraction is not present")
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf8"))
    return data


def _score(gold: dict[str, dict[str, str]], bodies: dict[str, str]) -> Score:
    return aggregate(score_page(item.get("articleBody"), bodies[key]) for key, item in gold.items())


def test_extraction_benchmark_scorer_reproduces_published_trafilatura(
    gold: dict[str, dict[str, str]],
) -> None:
    raw = json.loads((BENCHMARK / "output" / "trafilatura.json").read_text(encoding="utf8"))
    output = raw.get("output", raw)
    bodies = {key: (output[key] or {}).get("articleBody") or "" for key in gold}
    readme = (BENCHMARK / "README.rst").read_text(encoding="utf8")
    published = re.search(r"^\s+trafilatura\s+\S+\s+([01]\.\d{3}) ±", readme, re.MULTILINE)
    assert published is not None
    assert abs(_score(gold, bodies).f1 - float(published.group(1))) <= PUBLISHED_TOLERANCE


@pytest.mark.slow
def test_extraction_benchmark_f1_above_floor(gold: dict[str, dict[str, str]]) -> None:
    bodies = {}
    for key, item in gold.items():
        with gzip.open(BENCHMARK / "html" / f"{key}.html.gz", "rt", encoding="utf8") as f:
            bodies[key] = extract_html(f.read(), url=item.get("url")).text
    score = _score(gold, bodies)
    assert score.f1 >= _floor(), score
