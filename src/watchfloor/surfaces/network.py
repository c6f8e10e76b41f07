"""The actor network: actor–actor edges over a time window, weighted by events and coloured by
their dominant PLOVER type, exported as GraphML (written with the standard library, so no graph
package is needed; Gephi, yEd, Cytoscape and networkx read it).

Directed types give actor -> recipient edges; symmetric types (CONSULT, AGREE, COOPERATE) pool
their participants into undirected pairs, written in name order with ``symmetric = true``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from watchfloor.records import Event
from watchfloor.surfaces.countries import CountryResolver
from watchfloor.surfaces.timeline import event_day, in_range
from watchfloor.surfaces.wording import SYMMETRIC_TYPES

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# PLOVER quad classes -> colour; types not listed are grey.
TYPE_COLOURS: dict[str, str] = {
    "AGREE": "#2e7d32", "CONSULT": "#43a047", "SUPPORT": "#66bb6a", "CONCEDE": "#9ccc65",
    "COOPERATE": "#1565c0", "AID": "#1e88e5", "RETREAT": "#42a5f5", "INVESTIGATE": "#90caf9",
    "ACCUSE": "#ef6c00", "REQUEST": "#fb8c00", "REJECT": "#f4511e", "THREATEN": "#e53935",
    "DISAPPROVE": "#ffa726", "DEMAND": "#ffb74d", "SANCTION": "#8e24aa",
    "PROTEST": "#c62828", "MOBILIZE": "#b71c1c", "COERCE": "#ad1457", "ASSAULT": "#880e4f",
    "CRIME": "#6a1b9a",
}  # fmt: skip
DEFAULT_COLOUR = "#9e9e9e"


@dataclass
class Edge:
    source: str
    target: str
    symmetric: bool
    types: Counter[str] = field(default_factory=Counter)
    event_ids: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return len(self.event_ids)

    @property
    def dominant_type(self) -> str:
        # most events first, then alphabetical: deterministic on ties
        return min(self.types.items(), key=lambda kv: (-kv[1], kv[0]))[0]


@dataclass(frozen=True, slots=True)
class Network:
    nodes: dict[str, int]  # actor -> number of events it takes part in
    edges: tuple[Edge, ...]


def _pairs(event: Event) -> list[tuple[str, str, bool]]:
    if event.type in SYMMETRIC_TYPES:
        people = sorted(set(event.actors) | set(event.recipients))
        return [(a, b, True) for a, b in combinations(people, 2)]
    return [
        (a, r, False)
        for a in dict.fromkeys(event.actors)
        for r in dict.fromkeys(event.recipients)
        if a != r
    ]


def build_network(
    events: Iterable[Event], *, since: str | None = None, until: str | None = None
) -> Network:
    """Edges between actors of events whose date (else first report) falls in the window."""
    edges: dict[tuple[str, str, bool], Edge] = {}
    nodes: Counter[str] = Counter()
    for event in sorted(events, key=lambda e: (event_day(e) or "", e.event_id)):
        day = event_day(event)
        if not in_range(day, since, until):
            continue
        for name in set(event.actors) | set(event.recipients):
            nodes[name] += 1
        for a, b, symmetric in _pairs(event):
            edge = edges.setdefault((a, b, symmetric), Edge(a, b, symmetric))
            edge.types[event.type] += 1
            edge.event_ids.append(event.event_id)
            if day:
                edge.dates.append(day)
    ordered = sorted(edges.values(), key=lambda e: (-e.weight, e.source, e.target, e.symmetric))
    return Network(nodes=dict(sorted(nodes.items())), edges=tuple(ordered))


_NODE_KEYS = (("label", "string"), ("events", "int"), ("country", "string"))
_EDGE_KEYS = (
    ("weight", "int"), ("type", "string"), ("color", "string"), ("types", "string"),
    ("symmetric", "boolean"), ("first_date", "string"), ("last_date", "string"),
    ("event_ids", "string"),
)  # fmt: skip


def to_graphml(network: Network, resolver: CountryResolver | None = None) -> str:
    """GraphML 1.0 text: declared keys, one node per actor, one edge per (pair, symmetry)."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for name, kind in _NODE_KEYS:
        ET.SubElement(
            root, f"{{{GRAPHML_NS}}}key",
            {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": kind},
        )  # fmt: skip
    for name, kind in _EDGE_KEYS:
        ET.SubElement(
            root, f"{{{GRAPHML_NS}}}key",
            {"id": f"e_{name}", "for": "edge", "attr.name": name, "attr.type": kind},
        )  # fmt: skip
    graph = ET.SubElement(
        root, f"{{{GRAPHML_NS}}}graph", {"id": "actors", "edgedefault": "directed"}
    )
    ids = {name: f"n{i}" for i, name in enumerate(network.nodes)}

    def data(parent: ET.Element, key: str, value: str) -> None:
        ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": key}).text = value

    for name, count in network.nodes.items():
        node = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": ids[name]})
        data(node, "n_label", name)
        data(node, "n_events", str(count))
        code = resolver.code(name) if resolver is not None else None
        if code:
            data(node, "n_country", code)
    for i, edge in enumerate(network.edges):
        attrs = {"id": f"e{i}", "source": ids[edge.source], "target": ids[edge.target]}
        if edge.symmetric:
            attrs["directed"] = "false"
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", attrs)
        data(el, "e_weight", str(edge.weight))
        data(el, "e_type", edge.dominant_type)
        data(el, "e_color", TYPE_COLOURS.get(edge.dominant_type, DEFAULT_COLOUR))
        data(el, "e_types", json.dumps(dict(sorted(edge.types.items()))))
        data(el, "e_symmetric", "true" if edge.symmetric else "false")
        if edge.dates:
            data(el, "e_first_date", min(edge.dates))
            data(el, "e_last_date", max(edge.dates))
        data(el, "e_event_ids", " ".join(edge.event_ids))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
