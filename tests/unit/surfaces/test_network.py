"""Actor network and its GraphML export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from tests.unit.surfaces.conftest import build_events

from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.network import GRAPHML_NS, build_network, to_graphml

NS = {"g": GRAPHML_NS}


def test_network_edges_weighted_by_events() -> None:
    network = build_network(build_events())
    edges = {(e.source, e.target, e.symmetric): e for e in network.edges}
    nk_ru = edges[("North Korea", "Russia", False)]
    assert nk_ru.weight == 2
    assert sorted(nk_ru.event_ids) == ["ev-arms", "ev-troops"]
    assert nk_ru.dominant_type == "AID"
    # CONSULT is symmetric: one undirected pair in name order
    assert ("Kim Jong Un", "Vladimir Putin", True) in edges
    assert edges[("Vladimir Putin", "Kim Jong Un", False)].dominant_type == "AID"


@pytest.mark.parametrize(
    ("since", "until", "weight"),
    [(None, None, 2), ("2024-10-01", None, 1), (None, "2024-09-30", 1), ("2025", None, 0)],
)
def test_network_time_window(since: str | None, until: str | None, weight: int) -> None:
    network = build_network(build_events(), since=since, until=until)
    found = [e.weight for e in network.edges if (e.source, e.target) == ("North Korea", "Russia")]
    assert (found[0] if found else 0) == weight


def test_network_graphml_is_valid_and_complete() -> None:
    text = to_graphml(build_network(build_events()), load_country_resolver())
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    keys = {k.get("id"): k for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    assert graph is not None and graph.get("edgedefault") == "directed"
    nodes = {n.get("id"): n for n in graph.findall("g:node", NS)}
    labels = {
        d.text: nid for nid, n in nodes.items() for d in n.findall("g:data", NS)
        if d.get("key") == "n_label"
    }  # fmt: skip
    assert {"North Korea", "Russia", "Kim Jong Un", "Vladimir Putin"} <= set(labels)
    for edge in graph.findall("g:edge", NS):
        assert edge.get("source") in nodes and edge.get("target") in nodes
        for d in edge.findall("g:data", NS):
            assert d.get("key") in keys  # every data element refers to a declared key
    weights = [
        int(d.text or 0) for e in graph.findall("g:edge", NS) for d in e.findall("g:data", NS)
        if d.get("key") == "e_weight"
    ]  # fmt: skip
    assert max(weights) == 2
    assert "PRK" in text and "#1e88e5" in text  # country attribute and AID colour


def test_network_graphml_escapes_names() -> None:
    from dataclasses import replace

    events = [replace(build_events()[0], actors=("A <b>&",), recipients=("B",))]
    text = to_graphml(build_network(events))
    assert ET.fromstring(text.encode("utf-8")) is not None
    assert "A &lt;b&gt;&amp;" in text
