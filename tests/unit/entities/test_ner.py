"""Each language's NER backend finds people, organisations and places at exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.entities.ner import NerSpan, get_backend

# Our own sentences; (text, label) pairs that must come back as spans with these exact offsets.
CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "ja",
        "岸田文雄首相は東京でトヨタ自動車の幹部と会った。",
        [("岸田文雄", "PER"), ("東京", "LOC"), ("トヨタ自動車", "ORG")],
    ),
    (
        "ja",
        "金正恩総書記は平壌でロシアの代表団と会談したと朝鮮中央通信が伝えた。",
        [("金正恩", "PER"), ("ロシア", "LOC"), ("朝鮮中央通信", "ORG")],
    ),
    (
        "en",
        "Vladimir Putin hosted Kim Jong Un in Moscow, and the United Nations was not invited.",
        [
            ("Vladimir Putin", "PER"),
            ("Kim Jong Un", "PER"),
            ("Moscow", "LOC"),
            ("United Nations", "ORG"),
        ],
    ),
    (
        "ru",
        "Министр Александр Козлов прилетел в Пхеньян, сообщило агентство ТАСС.",
        [("Александр Козлов", "PER"), ("Пхеньян", "LOC"), ("ТАСС", "ORG")],
    ),
    (
        "ko",
        "김정은 국무위원장이 평양에서 러시아 대표단을 만났다고 삼성전자 관계자가 말했다.",
        [("김정은", "PER"), ("평양", "LOC"), ("삼성전자", "ORG")],
    ),
    (
        "ko",
        "유엔 안전보장이사회는 서울에서 회의를 열었다.",
        [("유엔 안전보장이사회", "ORG"), ("서울", "LOC")],
    ),
]

CASES_BY_LANG: dict[str, str] = {lang: text for lang, text, _ in reversed(CASES)}


def _found(spans: list[NerSpan]) -> set[tuple[str, str]]:
    return {(s.text, s.label) for s in spans}


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_ner_backend_finds_entities_at_exact_offsets(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    backend = get_backend(lang)
    assert backend is not None and backend.lang == lang
    spans = backend.spans(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.label in {"PER", "ORG", "LOC"}
    assert set(expected) <= _found(spans)
    for name, _ in expected:
        start = text.index(name)
        assert any(s.start == start and s.end == start + len(name) for s in spans)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "ko", "en", "ru"])
def test_ner_backend_batch_equals_single_and_offsets_shift(lang: str) -> None:
    backend = get_backend(lang)
    assert backend is not None
    text = CASES_BY_LANG[lang]
    batch = backend.spans_batch([text, "", "   ", "\n" + text])
    assert batch[0] == backend.spans(text)
    assert batch[1] == [] and batch[2] == []
    assert [(s.start - 1, s.end - 1, s.label) for s in batch[3]] == [
        (s.start, s.end, s.label) for s in batch[0]
    ]


@pytest.mark.slow
def test_ner_backend_long_text_is_chunked_with_true_offsets() -> None:
    backend = get_backend("ko")
    assert backend is not None
    sentence = CASES_BY_LANG["ko"] + " "
    text = sentence * 60  # > one chunk
    spans = backend.spans(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert {s.start // len(sentence) for s in spans if s.text == "김정은"} == set(range(60))


@pytest.mark.parametrize("lang", ["zh", "xx", ""])
def test_ner_get_backend_none_without_model(lang: str) -> None:
    assert get_backend(lang) is None


def test_ner_get_backend_is_cached_per_process() -> None:
    assert get_backend("zh-Hans") is get_backend("zh")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "ko", "en", "ru"])
@settings(max_examples=25, deadline=None)
@given(text=st.text(st.characters(exclude_categories=()), max_size=300))
def test_ner_backend_never_raises_and_offsets_hold(lang: str, text: str) -> None:
    backend = get_backend(lang)
    assert backend is not None
    for span in backend.spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
