"""Japanese NER: a character CRF trained on Stockmark, and GiNZA as shipped for reference.

The trained model (data/models/ner-ja, ``ner_crf``) is the default: it is more accurate on the
held-out Stockmark split and several times faster than GiNZA, whose ENE labels are remapped here.
"""

from __future__ import annotations

from typing import Any

from watchfloor.entities.ner import NerBackend, NerSpan
from watchfloor.entities.ner_chars import chunks, model_dir
from watchfloor.entities.ner_crf import MODEL_FILE, CrfBackend

MODEL_NAME = "ner-ja"
KEEP = frozenset({"PER", "ORG", "LOC"})
# Honorifics and status words that news attaches to names; the name itself ends before them.
HONORIFICS = ("氏", "さん", "様", "容疑者", "被告")

# GiNZA predicts Extended Named Entity (ENE) types. Organisations in all their kinds are ORG;
# geopolitical entities and natural or regional places are LOC. Facilities (airports, schools,
# stations), products, events and titles are not emitted. 国連 comes out as
# International_Organization and is ORG; 北朝鮮 as Country and is LOC.
ENE_TO_LABEL: dict[str, str] = {
    "Person": "PER",
    **dict.fromkeys(
        (
            "Company",
            "Company_Group",
            "Corporation_Other",
            "Government",
            "International_Organization",
            "Military",
            "Political_Party",
            "Political_Organization_Other",
            "Cabinet",
            "Organization_Other",
            "Pro_Sports_Organization",
            "Sports_Organization_Other",
            "Sports_League",
            "Show_Organization",
            "Family",
            "Ethnic_Group_Other",
        ),
        "ORG",
    ),
    **dict.fromkeys(
        (
            "Country",
            "City",
            "Province",
            "County",
            "GPE_Other",
            "Domestic_Region",
            "Continental_Region",
            "Region_Other",
            "Location_Other",
            "Geological_Region_Other",
            "Island",
            "Mountain",
            "River",
            "Lake",
            "Sea",
            "Bay",
            "Water_Route",
            "Astral_Body_Other",
        ),
        "LOC",
    ),
}


def load_ja() -> NerBackend:
    """The trained character CRF shipped in the package; GiNZA as shipped if it is missing."""
    path = model_dir(MODEL_NAME)
    if (path / MODEL_FILE).exists():
        return CrfBackend("ja", "ner.ja.crf.v1", path, KEEP, HONORIFICS)
    return GinzaBackend()


class GinzaBackend:
    """GiNZA's NER only: tok2vec + ner; parser, morphologizer and bunsetu steps are disabled."""

    lang = "ja"
    name = "ner.ja.ginza.v1"

    def __init__(self, label_map: dict[str, str] | None = None) -> None:
        import spacy

        # The ner listens to the shared tok2vec; nothing else feeds it.
        self._nlp: Any = spacy.load(
            "ja_ginza",
            exclude=["parser", "morphologizer", "compound_splitter", "bunsetu_recognizer"],
        )
        self._map = ENE_TO_LABEL if label_map is None else label_map

    def spans(self, text: str) -> list[NerSpan]:
        return self.spans_batch([text])[0]

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]:
        pieces = [(n, off, piece) for n, t in enumerate(texts) for off, piece in chunks(t)]
        out: list[list[NerSpan]] = [[] for _ in texts]
        docs = self._nlp.pipe((p for _, _, p in pieces), batch_size=32)
        for (n, off, _), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                label = self._map.get(ent.label_)
                if label is not None:
                    start, end = off + ent.start_char, off + ent.end_char
                    out[n].append(NerSpan(start, end, texts[n][start:end], label))
        return out
