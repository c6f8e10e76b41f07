"""Who asserts a sentence's event: the cited source over the outlet relaying it, the body a
country only qualifies, and the far subject of a Chinese reporting verb (own sentences)."""

from __future__ import annotations

import _claims_helpers as H
import pytest

from watchfloor.claims.rules import RulesExtractor
from watchfloor.records import Claim

NIS = "National Intelligence Service (South Korea)"


def run(text: str, lang: str) -> tuple[Claim, ...]:
    return RulesExtractor(min_confidence=0.0).extract(H.article(text, lang), H.mentions(text))


def aid(claims: tuple[Claim, ...]) -> Claim:
    found = [c for c in claims if c.type == "AID"]
    assert found, claims
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text", "asserter"),
    [
        # an outlet relaying a source: the source asserts
        ("en", "Yonhap reported that the NIS said North Korea sent troops to Russia.", NIS),
        # a country qualifying its own body: the body asserts
        ("en", "South Korea's NIS said North Korea sent troops to Russia.", NIS),
        ("en", "The NIS of South Korea reported that North Korea sent troops to Russia.", NIS),
        ("zh", "南韩国情院表示,朝鲜已向俄罗斯派遣部队。", NIS),
        # 金正恩在…中表示: a long adjunct between the subject and its verb
        ("zh", "金正恩在周五的电视讲话中表示,朝鲜已向俄罗斯派遣部队。", "Kim Jong Un"),
        # a broadcaster's polite によりますと, after a quoted name
        ("ja", "韓国の情報機関「国家情報院」によりますと、北朝鮮は部隊を派遣しました。", NIS),
    ],
)
def test_attribution_asserter(lang: str, text: str, asserter: str) -> None:
    assert aid(run(text, lang)).asserted_by == (asserter,)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "[서울=연합뉴스] 북한이 러시아에 병력을 파견했다."),
        ("ko", "(서울=연합뉴스) 북한이 러시아에 병력을 파견했다."),
    ],
)
def test_attribution_dateline_credit_is_no_source(lang: str, text: str) -> None:
    """The publisher's dateline credit is neither a source nor a party."""
    claim = aid(run(text, lang))
    assert "Yonhap News Agency" not in claim.asserted_by
    assert "Yonhap News Agency" not in claim.actors + claim.recipients


@pytest.mark.parametrize(
    ("lang", "text", "later"),
    [
        # own sentences: the outlet is named in one place, "state media" in another
        (
            "en",
            "Kim met Alexander Kozlov on Monday, state media said.",
            "The report was carried by KCNA on Tuesday.",
        ),
        (
            "ko",
            "관영 매체는 김정은이 코즐로프를 만났다고 보도했다.",
            "이 소식은 조선중앙통신이 전했다.",
        ),
        # the country owning the state media stands aside for its outlet
        (
            "en",
            "Kim met Alexander Kozlov on Monday, North Korea's state media said.",
            "The report was carried by KCNA on Tuesday.",
        ),
    ],
)
def test_attribution_state_media_stands_for_the_named_outlet(
    lang: str, text: str, later: str
) -> None:
    claims = run(f"{text} {later}", lang)
    meet = [c for c in claims if c.type == "CONSULT"]
    assert meet and meet[0].asserted_by == ("Korean Central News Agency",)


def test_attribution_state_media_needs_a_state_outlet() -> None:
    text = "Kim met Alexander Kozlov on Monday, state media said. Yonhap carried the report."
    meet = [c for c in run(text, "en") if c.type == "CONSULT"]
    assert meet and "Yonhap News Agency" not in meet[0].asserted_by


def test_attribution_state_media_of_another_country_keeps_the_country() -> None:
    text = "Kim met Alexander Kozlov on Monday, Russia's state media said. KCNA carried it."
    meet = [c for c in run(text, "en") if c.type == "CONSULT"]
    assert meet and "Korean Central News Agency" not in meet[0].asserted_by


@pytest.mark.parametrize(
    ("lang", "text", "asserter"),
    [
        # a name quoted inside the reported clause is not the one reporting it
        (
            "ja",
            "韓国の国家情報院は18日、北朝鮮が兵士をロシアへ移動させたと発表し、"
            "「北朝鮮が参戦した」との見解を示した。",
            NIS,
        ),
        # "assessed that North Korea…": a name after "that" is the content, not the speaker
        (
            "en",
            "The NIS released a statement saying that it assessed that North Korea sent troops "
            "to Russia.",
            None,
        ),
        # "according to" cites a source within its own clause only
        ("en", "According to reports, North Korea sent troops to Russia, the NIS said.", NIS),
        # the subject follows "says" only after a quote or a comma
        ("en", "The spy agency says North Korea sent troops to Russia.", None),
        # a participle never takes its subject after it
        (
            "en",
            "South Korea says North Korea sent troops to Russia, experts saying Kim wants cash.",
            "South Korea",
        ),
    ],
)
def test_attribution_speaker_is_never_inside_the_reported_clause(
    lang: str, text: str, asserter: str | None
) -> None:
    claim = aid(run(text, lang))
    assert claim.actors == ("North Korea",)
    if asserter is None:
        assert "North Korea" not in claim.asserted_by
    else:
        assert asserter in claim.asserted_by


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # "it is known that…": the topic is what the report is about, not who reports it
        ("ko", "김정은은 10일 평양을 떠나 러시아에 도착한 것으로 알려졌다."),
        ("ja", "金正恩は10日に平壌を出発し、ロシアに到着したと伝えられた。"),
    ],
)
def test_attribution_passive_report_has_no_speaker(lang: str, text: str) -> None:
    claims = [c for c in run(text, lang) if c.type == "CONSULT"]
    assert claims, run(text, lang)
    assert all(c.asserted_by == () for c in claims)


@pytest.mark.parametrize(
    ("text", "asserters"),
    [
        # a comma alone joins no speakers in English: the name before it ends another phrase
        ("North Korea sent troops to Russia, South Korea's NIS said.", (NIS,)),
        # a list closed by "and" is several speakers
        (
            "Ukraine, the United States and South Korea said North Korea sent troops to Russia.",
            ("Ukraine", "United States", "South Korea"),
        ),
    ],
)
def test_attribution_commas_join_speakers_only_in_a_list(
    text: str, asserters: tuple[str, ...]
) -> None:
    claim = aid(run(text, "en"))
    assert claim.asserted_by == asserters
    assert claim.recipients == ("Russia",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the subject before a quotation closed by a quotative says what the quotation holds
        ("ja", "国情院が「北朝鮮が今月8日にロシアへ派兵した」と18日、明らかにした。"),
        ("ko", '국정원이 "북한이 이달 8일 러시아에 파병했다"라고 18일 밝혔다.'),
    ],
)
def test_attribution_subject_before_a_quotation_says_it(lang: str, text: str) -> None:
    claim = aid(run(text, lang))
    assert claim.actors == ("North Korea",)
    assert claim.asserted_by == (NIS,)


def test_attribution_disposal_jiang_before_a_mention_is_no_future() -> None:
    """将 before its object (the 把 construction) is no "will": the ships carried the troops."""
    carried = aid(run("南韩国情院表示,俄罗斯运输船将朝鲜军队运送到俄罗斯。", "zh"))
    assert carried.status != "planned" and carried.actors == ("North Korea",)
    assert aid(run("南韩国情院表示,朝鲜将向俄罗斯派兵。", "zh")).status == "planned"


def test_attribution_zh_puts_no_speaker_after_its_verb() -> None:
    """What 证实 opens is the confirmed clause, not its speaker."""
    claim = aid(run("调查发现,俄罗斯舰艇往来于朝鲜与俄罗斯之间,证实朝鲜军队开始参战。", "zh"))
    assert claim.actors == ("North Korea",)
    assert "North Korea" not in claim.asserted_by


def test_attribution_a_comma_and_an_article_join_no_speakers() -> None:
    """ "… to Russia, the NIS said": Russia is where the troops went, not a second speaker."""
    claim = aid(run("North Korea sent troops to Russia, the NIS said.", "en"))
    assert claim.asserted_by == (NIS,)
    assert claim.recipients == ("Russia",)
