"""Trigger and reporting lexicons load per language and find frames in sentences."""

from __future__ import annotations

import pytest

from watchfloor.claims.frames import best_per_type, find_triggers
from watchfloor.claims.lexicon import LANGS, load_lexicon, parse_lexicon
from watchfloor.claims.ontology import load_ontology


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_frames_use_known_types(lang: str) -> None:
    lex = load_lexicon(lang)
    assert lex.frames and lex.reporting.verbs
    onto = load_ontology()
    assert all(onto.is_type(f.type) for f in lex.frames)


@pytest.mark.parametrize(
    ("lang", "sentence", "type_"),
    [
        ("ja", "両首脳は平壌で会談した。", "CONSULT"),
        ("ko", "두 정상은 평양에서 만났다.", "CONSULT"),
        ("en", "The two leaders met in Pyongyang.", "CONSULT"),
        ("ru", "Лидеры встретились в Пхеньяне.", "CONSULT"),
        ("zh", "两国领导人在平壤会见。", "CONSULT"),
        ("ja", "議会は条約を批准した。", "AGREE"),
        ("ko", "의회는 조약을 비준했다.", "AGREE"),
        ("en", "The parliament ratified the treaty.", "AGREE"),
        ("ru", "Парламент ратифицировал договор.", "AGREE"),
        ("ja", "政府は部隊を派兵した。", "AID"),
        ("ko", "정부는 병력을 파병했다.", "AID"),
        ("en", "The government sent thousands of troops abroad.", "AID"),
        ("en", "The council resolution was vetoed.", "REJECT"),
        ("ko", "상임이사국이 거부권을 행사했다.", "REJECT"),
    ],
)
def test_lexicon_finds_trigger(lang: str, sentence: str, type_: str) -> None:
    found = {t.type for t in find_triggers(sentence, load_lexicon(lang))}
    assert type_ in found


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ko", "부부장은 전선 인근의 KN-23 미사일 발사장을 방문했다."),
        ("ja", "副部長は前線近くのKN-23ミサイル発射場を訪れた。"),
        ("zh", "副部长视察了前线附近的发射场,那里部署了导弹。"),
    ],
)
def test_lexicon_a_launch_site_is_no_launch(lang: str, sentence: str) -> None:
    found = {t.type for t in find_triggers(sentence, load_lexicon(lang))}
    assert "THREATEN" not in found


def test_lexicon_longer_trigger_wins_overlap() -> None:
    hits = find_triggers("両国は首脳会談を行った。", load_lexicon("ja"))
    assert [(h.spec.mode) for h in hits if h.type == "CONSULT"] == ["summit"]


def test_lexicon_english_terms_match_whole_words() -> None:
    assert not find_triggers("The metro was closed.", load_lexicon("en"))


def test_lexicon_best_per_type_keeps_one_hit_per_type() -> None:
    hits = find_triggers("They met and held talks.", load_lexicon("en"))
    assert len(best_per_type(hits)) == 1


def test_lexicon_parse_from_documents() -> None:
    lex = parse_lexicon(
        "en",
        {"frame": [{"type": "CONSULT", "mode": "meet", "terms": ["huddled"], "needs": "two"}]},
        {"verb": [{"stance": "reports", "terms": ["said"]}]},
        {"metonyms": {"Pyongyang": "North Korea"}},
    )
    assert [t.type for t in find_triggers("They huddled.", lex)] == ["CONSULT"]
    assert lex.metonyms["Pyongyang"] == "North Korea"
