"""Korean NER: a small character CNN trained on KLUE-NER, with a kiwipiepy heuristic fallback.

No Korean NER model ships offline, so data/models/ner-ko is our own model trained on four
fifths of KLUE-NER dev (see scripts/train_ner_ko.py). Without it, ``KiwiHeuristicBackend``
types kiwi's proper nouns (NNP) by the title or suffix that follows them.
"""

from __future__ import annotations

from typing import Any

from watchfloor.entities.ner import NerBackend, NerSpan
from watchfloor.entities.ner_chars import CharModelBackend, model_dir, safe_text

MODEL_NAME = "ner-ko"
KEEP = frozenset({"PER", "ORG", "LOC"})


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# A proper noun followed (directly or after a space) by one of these is a person.
PERSON_CUES = _words(
    "씨 대통령 총리 장관 차관 위원장 부위원장 국무위원장 총비서 비서 의원 대사 대표 외무상 "
    "국방상 총장 사령관 주석 국왕 여사 교수 감독 선수 기자 특파원 대변인 회장 사장 부장"
)
# ... or one of these: an organisation.
ORG_CUES = _words(
    "정부 당국 외무성 국방성 외교부 국방부 통일부 통신 신문 방송 당 군 은행 그룹 위원회 "
    "대학 대학교 연구소 회사 기업 협회 연합 공사 재단 의회 국회 정보원"
)
# Suffixes that make a proper noun (or a noun compound) a place.
LOC_SUFFIXES = ("시", "도", "군", "구", "읍", "면", "리", "동", "섬", "강", "산", "항", "만")
# Common Korean surnames: a lone 2-3 syllable NNP starting with one reads as a person's name.
SURNAMES = _words("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍 전 고 문 손")


def load_ko() -> NerBackend:
    """The trained character model when it ships with the package, else the kiwi heuristic."""
    path = model_dir(MODEL_NAME)
    if (path / "meta.json").exists():
        return CharModelBackend("ko", "ner.ko.chars.v1", path, KEEP, ("씨",))
    return KiwiHeuristicBackend()


class KiwiHeuristicBackend:
    """Proper nouns from kiwipiepy, typed by the title or institution word after them."""

    lang = "ko"
    name = "ner.ko.kiwi-nnp.v1"

    def __init__(self) -> None:
        from kiwipiepy import Kiwi

        self._kiwi: Any = Kiwi()

    def spans(self, text: str) -> list[NerSpan]:
        return self._typed(text, list(self._kiwi.tokenize(safe_text(text))))

    def spans_batch(self, texts: list[str]) -> list[list[NerSpan]]:
        return [self.spans(t) for t in texts]

    def _typed(self, text: str, tokens: list[Any]) -> list[NerSpan]:
        out: list[NerSpan] = []
        i = 0
        while i < len(tokens):
            if str(tokens[i].tag) != "NNP":
                i += 1
                continue
            j = i
            # Adjacent proper nouns form one name (김 정은, 조선 중앙 통신 split by kiwi).
            while j + 1 < len(tokens) and str(tokens[j + 1].tag) == "NNP":
                j += 1
            start = tokens[i].start
            end = tokens[j].start + tokens[j].len
            nxt = tokens[j + 1].form if j + 1 < len(tokens) else ""
            label = _label_for(text[start:end], nxt)
            if label is not None:
                out.append(NerSpan(start, end, text[start:end], label, 0.5))
            i = j + 1
        return out


def _label_for(name: str, following: str) -> str | None:
    if following in PERSON_CUES:
        return "PER"
    if following in ORG_CUES:
        return "ORG"
    if name.endswith(LOC_SUFFIXES) and len(name) > 1:
        return "LOC"
    if name[0] in SURNAMES and 2 <= len(name) <= 3:
        return "PER"
    return "LOC"  # kiwi's lexicon of proper nouns is mostly places and countries
