"""Russian NER with natasha (slovnet news NER over navec embeddings; numpy only)."""

from __future__ import annotations

from typing import Any

from watchfloor.entities.ner import NerSpan
from watchfloor.entities.ner_chars import chunks


class NatashaBackend:
    lang = "ru"
    name = "ner.ru.natasha.v1"

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        self._segmenter: Any = Segmenter()
        self._tagger: Any = NewsNERTagger(NewsEmbedding())

    def spans(self, text: str) -> list[NerSpan]:
        from natasha import Doc

        out: list[NerSpan] = []
        for off, piece in chunks(text, 10_000):
            doc = Doc(piece)
            doc.segment(self._segmenter)
            doc.tag_ner(self._tagger)
            for span in doc.spans:
                if span.type in ("PER", "ORG", "LOC"):
                    start, end = off + span.start, off + span.stop
                    out.append(NerSpan(start, end, text[start:end], span.type))
        return out

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]:
        return [self.spans(t) for t in texts]
