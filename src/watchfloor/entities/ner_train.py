"""Train a small character-level spaCy NER (CNN, CPU, no torch) on a suite's training split.

Used by scripts/train_ner_ko.py (the earlier ja CNN too; ja now trains a CRF, ``ner_crf_train``).
Training never sees the held-out split (``ner_suites.is_held_out``); the scores printed at the
end are on that split.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from watchfloor.entities.ner_chars import ANALYSERS, char_doc
from watchfloor.entities.ner_suites import Scores, SuiteSentence, is_held_out
from watchfloor.entities.ner_vectors import PROJECTION_FILE, attach


@dataclass(frozen=True, slots=True)
class TrainSettings:
    """Network size and schedule; defaults fit a few CPU minutes and a < 20 MB model."""

    width: int = 96
    depth: int = 4
    window: int = 1
    rows: tuple[int, int, int, int] = (6000, 12000, 600, 200)
    hidden: int = 64
    epochs: int = 15
    batch: int = 32
    dropout: float = 0.2
    max_seconds: float = 3600.0  # a safety cap; normal runs stop after ``epochs``
    seed: int = 0
    dev_size: int = 400  # sentences (index % 5 == 1) used to pick the best epoch
    vectors: int = 0  # >0: project ja_ginza's static vectors to this many dims (ja only)


def build_pipeline(settings: TrainSettings) -> Language:
    """A blank multi-language pipeline with one self-contained ner component."""
    nlp = spacy.blank("xx")
    tok2vec = {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": settings.width,
            "attrs": ["ORTH", "NORM", "TAG", "SHAPE"],
            "rows": list(settings.rows),
            "include_static_vectors": settings.vectors > 0,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": settings.width,
            "depth": settings.depth,
            "window_size": settings.window,
            "maxout_pieces": 3,
        },
    }
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": settings.hidden,
        "maxout_pieces": 2,
        "use_upper": True,
        "tok2vec": tok2vec,
    }
    nlp.add_pipe("ner", config={"model": model})
    return nlp


def to_example(nlp: Language, lang: str, sent: SuiteSentence) -> Example | None:
    """A training example; spans that do not fall on character tokens are skipped."""
    doc = char_doc(nlp.vocab, sent.text, ANALYSERS[lang])
    ref = doc.copy()
    ents = []
    taken: set[int] = set()
    for s in sorted(sent.spans, key=lambda x: (x.start, -x.end)):
        span = ref.char_span(s.start, s.end, label=s.label)
        if span is None or any(t.i in taken for t in span):
            continue
        taken.update(t.i for t in span)
        ents.append(span)
    ref.set_ents(ents, default="outside")
    return Example(doc, ref)


def predict(nlp: Language, lang: str, texts: Sequence[str]) -> list[Doc]:
    docs = [char_doc(nlp.vocab, t, ANALYSERS[lang]) for t in texts]
    return list(nlp.pipe(docs, batch_size=64))


def score(nlp: Language, lang: str, sents: Sequence[SuiteSentence]) -> Scores:
    scores = Scores()
    for sent, doc in zip(sents, predict(nlp, lang, [s.text for s in sents]), strict=True):
        gold = [(s.start, s.end, s.label) for s in sent.spans]
        scores.add(gold, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
    return scores


def train(
    lang: str, sents: Sequence[SuiteSentence], out: Path, settings: TrainSettings, source: str
) -> Scores:
    """Train on the non-held-out sentences, keep the best epoch by dev F1, save to ``out``.

    The dev set for picking the epoch is carved from the training split (the first sentences
    with index % 5 == 1), so the held-out split stays unseen until the final score.
    """
    random.seed(settings.seed)
    spacy.util.fix_random_seed(settings.seed)
    nlp = build_pipeline(settings)
    projection = None
    if settings.vectors:
        from watchfloor.entities.ner_vectors import ginza_table, pca_projection, projected_vectors

        projection = pca_projection(ginza_table()[0], settings.vectors)
        nlp.vocab.vectors = projected_vectors(projection)
    train_sents = [s for s in sents if not is_held_out(s.index)]
    dev = [s for s in train_sents if s.index % 5 == 1][: settings.dev_size]
    dev_ids = {s.index for s in dev}
    fit = [s for s in train_sents if s.index not in dev_ids]
    held = [s for s in sents if is_held_out(s.index)]
    examples = [e for e in (to_example(nlp, lang, s) for s in fit) if e is not None]
    optimizer = nlp.initialize(lambda: examples)
    best, started = -1.0, time.time()
    for epoch in range(settings.epochs):
        random.shuffle(examples)
        losses: dict[str, float] = {}
        for i in range(0, len(examples), settings.batch):
            nlp.update(
                examples[i : i + settings.batch],
                sgd=optimizer,
                drop=settings.dropout,
                losses=losses,
            )
        with nlp.use_params(optimizer.averages):
            f1 = score(nlp, lang, dev).prf()[2]
            if f1 > best:
                best = f1
                _save(nlp, out, projection)
        elapsed = time.time() - started
        print(f"epoch {epoch}: loss {losses.get('ner', 0.0):.0f} dev F1 {f1:.3f} ({elapsed:.0f}s)")
        if elapsed > settings.max_seconds:
            break
    final = spacy.load(out)
    attach(final.vocab, out)
    result = score(final, lang, held)
    meta: dict[str, Any] = {
        "lang": lang,
        "source": source,
        "train_sentences": len(fit),
        "epoch_pick_sentences": len(dev),
        "held_out_sentences": len(held),
        "split": "held-out: index % 5 == 0; epoch pick: the first dev_size with index % 5 == 1; "
        "train: the rest",
        "held_out_f1": round(result.prf()[2], 4),
        "settings": {k: getattr(settings, k) for k in settings.__slots__},
    }
    (out / "training.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return result


def _save(nlp: Language, out: Path, projection: Any) -> None:
    """Save the pipeline without its borrowed vector table (only the projection is ours)."""
    if projection is None:
        nlp.to_disk(out)
        return
    import numpy as np
    from spacy.vectors import Vectors

    table = nlp.vocab.vectors
    nlp.vocab.vectors = Vectors(shape=(0, table.shape[1]), attr="NORM")
    try:
        nlp.to_disk(out)
    finally:
        nlp.vocab.vectors = table
    np.save(out / PROJECTION_FILE, projection)
