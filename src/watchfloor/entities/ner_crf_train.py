"""Train the character CRF of ``ner_crf`` on Stockmark's training split (one CPU thread).

Split (``ner_suites``): held out = index % 5 == 0, never trained on, scored only at the end;
dev = the first ``dev_size`` sentences with index % 5 == 1, used only to compare settings;
the shipped model is then trained on every non-held-out sentence (dev included).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchfloor.entities.ner_crf import (
    AFFIX_FILE,
    GAZETTEER_FILE,
    MODEL_FILE,
    Affixes,
    Gazetteer,
    bio_tags,
    build_affixes,
    build_gazetteer,
    decode,
    features,
)
from watchfloor.entities.ner_suites import Scores, SuiteSentence, is_held_out


@dataclass(frozen=True, slots=True)
class CrfSettings:
    """L-BFGS with elastic-net regularisation; c1 (L1) also keeps the model small."""

    c1: float = 0.05
    c2: float = 0.01
    iterations: int = 100
    min_freq: int = 1  # drop attributes seen fewer times than this
    dev_size: int = 1069  # sentences with index % 5 == 1 used to compare settings


def split(sents: Sequence[SuiteSentence], dev_size: int) -> tuple[list[Any], list[Any], list[Any]]:
    """(fit, dev, held-out) sentences by the fixed rule."""
    train = [s for s in sents if not is_held_out(s.index)]
    dev = [s for s in train if s.index % 5 == 1][:dev_size]
    dev_ids = {s.index for s in dev}
    fit = [s for s in train if s.index not in dev_ids]
    held = [s for s in sents if is_held_out(s.index)]
    return fit, dev, held


def fit_model(
    items: Sequence[tuple[list[list[str]], list[str]]], settings: CrfSettings, out: Path
) -> None:
    """Train a CRF on (features, tags) sequences and write it to ``out``."""
    import pycrfsuite

    trainer: Any = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": settings.iterations,
            "feature.minfreq": settings.min_freq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(out))


def score_model(
    model: Path, sents: Sequence[SuiteSentence], feats: Sequence[list[list[str]]]
) -> Scores:
    """Exact span+type scores of a trained CRF on sentences with precomputed features."""
    import pycrfsuite

    tagger: Any = pycrfsuite.Tagger()
    tagger.open(str(model))
    scores = Scores()
    for sent, xseq in zip(sents, feats, strict=True):
        pred = decode(tagger.tag(xseq)) if xseq else []
        scores.add([(g.start, g.end, g.label) for g in sent.spans], pred)
    return scores


def featurize(
    sents: Sequence[SuiteSentence], gazetteer: Gazetteer, affixes: Affixes
) -> list[tuple[list[list[str]], list[str]]]:
    """(character features, BIO tags) per sentence."""
    return [
        (
            features(s.text, gazetteer, affixes),
            bio_tags(len(s.text), [(g.start, g.end, g.label) for g in s.spans]),
        )
        for s in sents
    ]


def train(
    sents: Sequence[SuiteSentence], out: Path, settings: CrfSettings, source: str
) -> tuple[Scores, Scores]:
    """Score the settings on dev (model fit without dev), then ship a model fit on fit + dev.

    Returns (dev scores, held-out scores of the shipped model).
    """
    out.mkdir(parents=True, exist_ok=True)
    gazetteer = build_gazetteer()
    gazetteer.write(out / GAZETTEER_FILE)
    affixes = build_affixes()
    affixes.write(out / AFFIX_FILE)
    fit, dev, held = split(sents, settings.dev_size)
    started = time.time()
    fit_items = featurize(fit, gazetteer, affixes)
    dev_items = featurize(dev, gazetteer, affixes)
    print(f"features: {time.time() - started:.0f}s")
    probe = out / (MODEL_FILE + ".dev")
    fit_model(fit_items, settings, probe)
    dev_scores = score_model(probe, dev, [x for x, _ in dev_items])
    probe.unlink()
    print(f"dev F1 {dev_scores.prf()[2]:.4f} ({time.time() - started:.0f}s)")
    fit_model([*fit_items, *dev_items], settings, out / MODEL_FILE)
    held_items = featurize(held, gazetteer, affixes)
    result = score_model(out / MODEL_FILE, held, [x for x, _ in held_items])
    meta: dict[str, Any] = {
        "lang": "ja",
        "method": "character-level linear-chain CRF (python-crfsuite), BIO tags",
        "source": source,
        "train_sentences": len(fit) + len(dev),
        "dev_sentences": len(dev),
        "held_out_sentences": len(held),
        "split": "held-out: index % 5 == 0; dev (settings only): the first dev_size with "
        "index % 5 == 1; the shipped model is fit on all non-held-out sentences",
        "dev_f1": round(dev_scores.prf()[2], 4),
        "held_out_f1": round(result.prf()[2], 4),
        "held_out": {
            lab or "ALL": [round(x, 4) for x in result.prf(lab)]
            for lab in (None, "PER", "ORG", "LOC")
        },
        "settings": {k: getattr(settings, k) for k in settings.__slots__},
    }
    (out / "training.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return dev_scores, result
