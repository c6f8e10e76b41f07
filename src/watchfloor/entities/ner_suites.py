"""Readers and scoring for the external NER suites (Stockmark ja, KLUE-NER ko).

Both suites are mapped onto PER/ORG/LOC; other types are kept as auxiliary training labels but
never scored. The fixed held-out split (sentence index % 5 == 0) is what eval and golden tests
score; the shipped models were trained on the other four fifths only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SCORED_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")
HELD_OUT_MODULUS = 5
SPLIT_DESCRIPTION = "held-out = sentences whose 0-based index in the suite file % 5 == 0"

# Stockmark v2 types. The three organisation types are ORG; 施設名 (facilities: buildings,
# airports, stations) stays a separate auxiliary label so it is neither LOC nor a false positive.
STOCKMARK_LABELS: dict[str, str] = {
    "人名": "PER",
    "法人名": "ORG",
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
    "地名": "LOC",
    "施設名": "FAC",
    "製品名": "PRODUCT",
    "イベント名": "EVENT",
}
# KLUE-NER tags: PS person, OG organisation, LC location; DT/QT/TI are dates, quantities, times.
KLUE_LABELS: dict[str, str] = {
    "PS": "PER",
    "OG": "ORG",
    "LC": "LOC",
    "DT": "DATE",
    "QT": "QUANTITY",
    "TI": "TIME",
}


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class SuiteSentence:
    """One annotated sentence of a suite with its index in the suite file."""

    index: int
    text: str
    spans: tuple[GoldSpan, ...]


def is_held_out(index: int) -> bool:
    """The fixed split: every fifth sentence is held out from training."""
    return index % HELD_OUT_MODULUS == 0


def load_stockmark(path: Path) -> list[SuiteSentence]:
    """Read Stockmark's ner.json (a list of {text, entities: [{span, type}]})."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[SuiteSentence] = []
    for i, item in enumerate(data):
        spans = tuple(
            GoldSpan(int(e["span"][0]), int(e["span"][1]), STOCKMARK_LABELS.get(e["type"], "MISC"))
            for e in item.get("entities", [])
        )
        out.append(SuiteSentence(i, item["text"], spans))
    return out


def load_klue(path: Path) -> list[SuiteSentence]:
    """Read KLUE-NER's char-level BIO tsv (one char + tag a line, blank line between sentences)."""
    out: list[SuiteSentence] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        chars: list[str] = []
        tags: list[str] = []
        for line in block.split("\n"):
            if not line or line.startswith("##"):
                continue
            char, _, tag = line.rpartition("\t")
            chars.append(char)
            tags.append(tag)
        if chars:
            out.append(SuiteSentence(len(out), "".join(chars), _bio_spans(tags)))
    return out


def _bio_spans(tags: Sequence[str]) -> tuple[GoldSpan, ...]:
    spans: list[GoldSpan] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == label and start >= 0
        if inside:
            continue
        if start >= 0:
            spans.append(GoldSpan(start, i, KLUE_LABELS.get(label, label)))
            start, label = -1, ""
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    return tuple(spans)


@dataclass(slots=True)
class Scores:
    """Exact span+type counts per label, for P/R/F1."""

    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)

    def add(
        self, gold: Iterable[tuple[int, int, str]], pred: Iterable[tuple[int, int, str]]
    ) -> None:
        g = {s for s in gold if s[2] in SCORED_LABELS}
        p = {s for s in pred if s[2] in SCORED_LABELS}
        for s in g & p:
            self.tp[s[2]] = self.tp.get(s[2], 0) + 1
        for s in p - g:
            self.fp[s[2]] = self.fp.get(s[2], 0) + 1
        for s in g - p:
            self.fn[s[2]] = self.fn.get(s[2], 0) + 1

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 for one label or, with None, micro-averaged over all."""
        labels = SCORED_LABELS if label is None else (label,)
        tp = sum(self.tp.get(x, 0) for x in labels)
        fp = sum(self.fp.get(x, 0) for x in labels)
        fn = sum(self.fn.get(x, 0) for x in labels)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f
