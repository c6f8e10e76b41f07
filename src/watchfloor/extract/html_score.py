"""Shingle-overlap scoring of extracted article bodies against gold bodies.

Replicates the scoring of the article-extraction benchmark (scrapinghub): tokens are runs of
``\\w+``, bodies become multisets of 4-token shingles, per-page tp/fp/fn are normalised, and
precision and recall are means over pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalised tp/fp/fn of one page (they sum to 1, or are all 0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class Score:
    """Corpus figures: precision and recall are means over pages, F1 their harmonic mean."""

    f1: float
    precision: float
    recall: float
    pages: int


def tokenize(text: str | None) -> list[str]:
    """Runs of word characters (Unicode); CJK runs stay whole, as in the benchmark."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n tokens is one shorter shingle."""
    tokens = tokenize(text)
    # Like the benchmark: range(max(1, len - n + 1)) yields one (short) shingle for short texts.
    found = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(s for s in found if s)


def score_page(gold: str | None, predicted: str | None) -> PageScore:
    """Multiset overlap (tp) and excess (fp, fn) of shingles, normalised by tp+fp+fn."""
    gold_sh = shingles(gold)
    pred_sh = shingles(predicted)
    tp = float(sum((gold_sh & pred_sh).values()))
    fp = float(sum((pred_sh - gold_sh).values()))
    fn = float(sum((gold_sh - pred_sh).values()))
    total = tp + fp + fn
    if total > 0:
        return PageScore(tp / total, fp / total, fn / total)
    return PageScore(0.0, 0.0, 0.0)


def page_precision(page: PageScore) -> float:
    """tp/(tp+fp), or 1 when the page matches exactly (fp = fn = 0)."""
    if page.fp == page.fn == 0:
        return 1.0
    if page.tp == page.fp == 0:
        return 0.0
    return page.tp / (page.tp + page.fp)


def page_recall(page: PageScore) -> float:
    """tp/(tp+fn), or 1 when the page matches exactly (fp = fn = 0)."""
    if page.fp == page.fn == 0:
        return 1.0
    if page.tp == page.fn == 0:
        return 0.0
    return page.tp / (page.tp + page.fn)


def aggregate(pages: Iterable[PageScore]) -> Score:
    """Mean precision over pages with any prediction, mean recall over pages with any gold."""
    pages = list(pages)
    # The benchmark leaves a page out of the precision mean when nothing was predicted
    # (tp + fp = 0), and out of the recall mean when the gold body is empty (tp + fn = 0).
    precisions = [page_precision(p) for p in pages if p.tp + p.fp > 0]
    recalls = [page_recall(p) for p in pages if p.tp + p.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return Score(f1=f1, precision=precision, recall=recall, pages=len(pages))
