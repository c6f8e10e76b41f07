"""The rules extractor end to end on hand-written sentences: roles, attribution, stance,
status, time, place, provenance and merging, in each language."""

from __future__ import annotations

from dataclasses import replace

import _claims_helpers as H
import pytest

from watchfloor.claims.rules import (
    MIN_CONFIDENCE,
    RulesExtractor,
    heading_clauses,
    reference_date,
)
from watchfloor.records import Article, Claim, Section, Stance, Status


def run(
    text: str, lang: str, published: str | None = "2024-11-19", **kw: object
) -> tuple[Claim, ...]:
    art = H.article(text, lang, published)
    return RulesExtractor(min_confidence=0.0).extract(art, H.mentions(text))


def one(claims: tuple[Claim, ...], type_: str) -> Claim:
    found = [c for c in claims if c.type == type_]
    assert len(found) == 1, claims
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Kim met Alexander Kozlov in Pyongyang on Monday, KCNA said."),
        ("ja", "朝鮮中央通信は、金正恩総書記が18日、平壌でコズロフ天然資源相と会談したと報じた。"),
        (
            "ko",
            "김정은 국무위원장이 18일 평양에서 코즐로프 장관을 만났다고 조선중앙통신이 19일 보도했다.",  # noqa: E501
        ),
    ],
)
def test_rules_reported_meeting(lang: str, text: str) -> None:
    c = one(run(text, lang), "CONSULT")
    assert {"Kim Jong Un", "Alexander Kozlov"} <= set(c.actors) | set(c.recipients)
    assert c.asserted_by == ("Korean Central News Agency",)
    assert (c.stance, c.status) == (Stance.REPORTS, Status.ASSERTED)
    assert (c.date, c.date_precision) == ("2024-11-18", "day")
    assert c.place == "Pyongyang"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The United States and South Korea accuse the North of sending more than 10,000 troops"
            " to Russia.",
        ),
        ("ja", "韓国と米国は、北朝鮮が1万人以上の兵士をロシアに派遣したと非難している。"),
        ("ko", "미국과 한국은 북한이 러시아에 1만명 이상의 병력을 보냈다고 비난했다."),
    ],
)
def test_rules_accusation_is_one_alleged_claim_by_the_accusers(lang: str, text: str) -> None:
    claims = run(text, lang)
    assert [c.type for c in claims] == ["ACCUSE"]
    c = claims[0]
    assert set(c.actors) == {"United States", "South Korea"}
    assert c.recipients == ("North Korea",)
    assert (c.status, c.stance) == (Status.ALLEGED, Stance.ACCUSES)
    assert c.quantity and any(ch.isdigit() for ch in c.quantity)
    assert c.mode and c.mode.startswith("allege")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The NIS said North Korea had sent 1,500 troops to Russia."),
        ("ko", "국정원은 북한이 러시아에 1천500명을 파병했다고 밝혔다."),
    ],
)
def test_rules_contested_act_reported_by_third_party_is_alleged(lang: str, text: str) -> None:
    c = one(run(text, lang), "AID")
    assert c.actors == ("North Korea",) and c.recipients == ("Russia",)
    assert c.asserted_by == ("National Intelligence Service (South Korea)",)
    assert c.status is Status.ALLEGED


@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        # a state's own media speaks for it: no allegation
        ("ko", "조선중앙통신은 북한이 러시아에 부대를 파병했다고 보도했다.", Status.ASSERTED),
        ("en", "North Korea has sent troops to Russia, KCNA reported.", Status.ASSERTED),
        # an independent outlet does not
        ("en", "North Korea has sent troops to Russia, Yonhap reported.", Status.ALLEGED),
    ],
)
def test_rules_state_media_asserts_its_own_states_contested_act(
    lang: str, text: str, status: Status
) -> None:
    c = one(run(text, lang), "AID")
    assert c.actors == ("North Korea",)
    assert c.status is status


def test_rules_denial() -> None:
    c = one(run("North Korea and Russia have denied the troop movements.", "en"), "AID")
    assert c.status is Status.DENIED and c.stance is Stance.DENIES
    assert set(c.asserted_by) == {"Russia", "North Korea"}


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # a speaker saying a contested act did not happen denies it, at full confidence
        ("ru", "Путин заявил, что Россия не получала снаряды от КНДР.", "Vladimir Putin"),
        (
            "en",
            "Russia did not receive shells from North Korea, Vladimir Putin said.",
            "Vladimir Putin",
        ),
    ],
)
def test_rules_negated_contested_act_is_a_denial(lang: str, text: str, speaker: str) -> None:
    c = one(run(text, lang), "AID")
    assert (c.actors, c.recipients) == (("North Korea",), ("Russia",))
    assert c.status is Status.DENIED and c.stance is Stance.DENIES
    assert c.asserted_by == (speaker,)
    assert c.confidence >= MIN_CONFIDENCE


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "美国白宫说，朝鲜已向俄罗斯运送了1000多个集装箱的军事装备和弹药。"),
        ("zh", "朝鲜向俄罗斯提供了炮弹。"),
    ],
)
def test_rules_zh_goods_moved_to_a_recipient(lang: str, text: str) -> None:
    c = one(run(text, lang), "AID")
    assert (c.actors, c.recipients) == (("North Korea",), ("Russia",))
    assert c.confidence >= MIN_CONFIDENCE


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Vladimir Putin will meet Kim Jong Un in Moscow later this week."),
        ("ja", "プーチン大統領は金正恩総書記と会談する予定だ。"),
        ("ko", "김정은 위원장은 러시아 대통령과 만날 예정이다."),
    ],
)
def test_rules_planned(lang: str, text: str) -> None:
    assert one(run(text, lang), "CONSULT").status is Status.PLANNED


def test_rules_half_frame_makes_no_claim() -> None:
    assert run("김정은 위원장은 다음 주에 만날 예정이다.", "ko") == ()


def test_rules_negated_meeting_is_flagged_and_weak() -> None:
    c = one(run("Kim did not meet Vladimir Putin.", "en"), "CONSULT")
    assert c.negated and c.confidence < 0.5


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Last week, North Korea ratified the treaty with Russia.", "2024-11-14"),
        ("ja", "北朝鮮は先週、ロシアとの条約を批准した。", "2024-11-14"),
    ],
)
def test_rules_relative_week(lang: str, text: str, expected: str) -> None:
    c = one(run(text, lang), "AGREE")
    assert c.date == expected and c.date_precision == "week"
    assert c.actors == ("North Korea",)


def test_rules_genitive_veto_actor() -> None:
    c = one(run("안보리 표결은 러시아의 거부권 행사로 부결됐다.", "ko"), "REJECT")
    assert c.actors == ("Russia",)


def test_rules_metonym_capital_acts_for_its_state() -> None:
    c = one(run("Pyongyang has sent thousands of troops to Russia.", "en"), "AID")
    assert c.actors == ("North Korea",)


def test_rules_provenance_offsets_are_exact() -> None:
    text = "Some intro here. Kim met Alexander Kozlov in Pyongyang on Monday."
    art = H.article(text, "en")
    (c,) = RulesExtractor(min_confidence=0.0).extract(art, H.mentions(text))
    assert art.sections[0].text[c.start : c.end] == c.evidence
    assert c.evidence.startswith("Kim met") and c.extractor == "claims.rules.v1"
    assert len(c.claim_id) == 16


def test_rules_duplicates_merge_within_section() -> None:
    text = "Kim met Alexander Kozlov on Monday. Kim and Kozlov met in Pyongyang."
    claims = run(text, "en")
    assert len([c for c in claims if c.type == "CONSULT"]) == 1
    assert claims[0].date == "2024-11-18" and claims[0].place == "Pyongyang"


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("en", "Russia and North Korea signed a protocol on trade in Pyongyang.", "protocol"),
        ("en", "Russia and North Korea signed a protocol implementing their treaty.", "protocol"),
        ("en", "Russia and North Korea signed a treaty on partnership.", "treaty"),
        ("ko", "북한과 러시아가 평양에서 경제협력 의정서에 서명했다.", "protocol"),
        # the noun nearest the verb: the plan, not the protocol named before it
        ("ko", "북한과 러시아는 의정서에 이어 체육 교류계획서를 조인했다.", "plan"),
        ("ja", "北朝鮮とロシアは平壌で経済協力の議定書に署名した。", "protocol"),
        ("zh", "朝鲜与俄罗斯签署了经贸合作议定书。", "protocol"),
        # the verb before its object, past the trigger
        ("ru", "Россия и КНДР подписали протокол о сотрудничестве.", "protocol"),
        ("ru", "Россия и КНДР подписали договор о партнерстве.", "treaty"),
        # a document of no known kind
        ("en", "Russia and North Korea signed documents in Pyongyang.", None),
    ],
)
def test_rules_signed_object_kind(lang: str, text: str, kind: str | None) -> None:
    assert one(run(text, lang), "AGREE").object == kind


def test_rules_agreements_on_different_objects_stay_apart_within_a_section() -> None:
    text = (
        "Russia and North Korea signed a protocol on trade in Pyongyang. "
        "Russia and North Korea also signed a sports exchange plan."
    )
    agree = [c for c in run(text, "en") if c.type == "AGREE"]
    assert sorted(c.object or "" for c in agree) == ["plan", "protocol"]


def test_rules_headline_claim_dropped_when_body_states_it() -> None:
    title = "Kim meets Kozlov"
    text = title + "\nKim met Alexander Kozlov in Pyongyang on Monday."
    art = H.article(text, "en", title=title)
    claims = RulesExtractor(min_confidence=0.0).extract(art, H.mentions(text))
    assert len(claims) == 1 and not claims[0].from_headline


def test_rules_headline_claim_kept_alone_with_lower_confidence() -> None:
    title = "Kim meets Kozlov"
    art = H.article(title + "\nNothing else here.", "en", title=title)
    claims = RulesExtractor(min_confidence=0.0).extract(art, H.mentions(art.sections[0].text))
    assert len(claims) == 1 and claims[0].from_headline and claims[0].confidence < 0.9


def test_rules_reference_date_from_text_when_unpublished() -> None:
    art = H.article("The photo was taken on Tuesday, June 18, 2024.", "en", published=None)
    ref = reference_date(art)
    assert ref.kind == "text" and str(ref.day) == "2024-06-18"


def test_rules_no_mentions_no_claims() -> None:
    assert run("They met on Monday.", "en") == ()


# -- structure cues added for precision (sentences written for the tests) ----------------------
def test_rules_outlet_is_never_a_participant() -> None:
    claims = run("Kim met Kozlov in Pyongyang on Monday, Yonhap reported.", "en")
    c = one(claims, "CONSULT")
    names = set(c.actors) | set(c.recipients)
    assert "Yonhap News Agency" not in names
    assert {"Kim Jong Un", "Alexander Kozlov"} <= names


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        (
            "Woodward accused Russia of blocking the panel in the Council.",
            "Barbara Woodward",
            "Russia",
        ),
        (
            "In his evening address Zelensky accused North Korea of readying more soldiers for "
            "Russia, while NIS said it could not confirm this.",
            "Volodymyr Zelensky",
            "North Korea",
        ),
    ],
)
def test_rules_speech_verb_subject_and_object(text: str, actor: str, recipient: str) -> None:
    c = one(run(text, "en"), "ACCUSE")
    assert c.actors == (actor,)
    assert recipient in c.recipients


def test_rules_denier_is_the_other_party() -> None:
    c = one(run("Russia denied using North Korean soldiers on the battlefield.", "en"), "AID")
    assert c.status == Status.DENIED
    assert c.actors == ("North Korea",)
    assert c.recipients == ("Russia",)


def test_rules_reported_contested_act_keeps_reporter_out_of_roles() -> None:
    # the NIS reports a troop movement whose agent the clause leaves unsaid
    claims = run('국정원은 "지난 8일부터 특수부대 병력 이동이 시작됐다"고 밝혔다.', "ko")
    assert all(
        "National Intelligence Service (South Korea)" not in c.actors
        for c in claims
        if c.type == "AID"
    )


def test_rules_background_mention_is_less_confident() -> None:
    text = "Trade between Russia and North Korea grew following the summit of Kim and Putin."
    c = one(run(text, "en"), "CONSULT")
    assert "background" in c.context
    assert c.confidence < 0.7


def test_rules_undated_claim_inherits_lead_date() -> None:
    text = (
        "Kim met Kozlov in Pyongyang on Monday, KCNA said. "
        "The talks were warm, the agency said. "
        "Officials of both sides joined the dinner. "
        "The menu was not published. "
        "North Korea ratified its treaty with Russia, the agency added."
    )
    claims = run(text, "en")
    agree = one(claims, "AGREE")
    assert agree.date == "2024-11-18"
    assert agree.date_rule and agree.date_rule.startswith("lead:")


def test_rules_heading_claim_dropped_when_body_states_same_type() -> None:
    text = "Pyongyang hosts Kozlov\nKim met Kozlov in Pyongyang on Monday, KCNA said."
    claims = run(text, "en")
    consult = [c for c in claims if c.type == "CONSULT"]
    assert consult and all(not c.from_headline for c in consult)


def test_rules_heading_claim_stays_when_the_body_does_not_state_its_type() -> None:
    """A deck line may carry the only statement of an event (the body goes on to the talks)."""
    text = (
        "普京表示他与金正恩讨论了所有问题,朝鲜首次在金正恩出访期间发射弹道导弹\n"
        "普京当天在东方航天发射场与金正恩会晤。"
    )
    art = H.article(text, "zh", "2023-09-13")
    claims = RulesExtractor().extract(art, H.mentions(text))  # the default confidence floor
    launch = one(claims, "THREATEN")
    assert launch.from_headline and launch.actors == ("North Korea",)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Kim meets Kozlov in Pyongyang", "en", True),
        ("Kim met Kozlov in Pyongyang on Monday.", "en", False),
        ("김정은, 코즐로프 접견", "ko", True),
        ("김정은 위원장이 코즐로프 장관을 접견했다", "ko", False),
        ("金正恩氏、コズロフ氏と会談", "ja", True),
    ],
)
def test_rules_looks_like_heading(text: str, lang: str, expected: bool) -> None:
    from watchfloor.claims.rules import looks_like_heading

    assert looks_like_heading(text, lang) is expected


def test_rules_quantities_keep_deployments_apart() -> None:
    text = (
        "North Korea has sent 1,500 troops to Russia, NIS said. "
        "North Korea will send 12,000 troops to Russia in total, NIS said. "
        "North Korea has sent 3,000 troops to Russia so far, NIS added."
    )
    aid = [c for c in run(text, "en") if c.type == "AID"]
    assert len(aid) >= 2


# -- titles, sections and the story's source ---------------------------------------------------
def _two_sections(ja: tuple[str | None, str], en: tuple[str | None, str]) -> Article:
    base = H.article(en[1], "en")
    return replace(
        base,
        title=ja[0],
        sections=(Section("ja", ja[0], ja[1]), Section("en", en[0], en[1])),
    )


def _run_article(art: Article) -> tuple[Claim, ...]:
    ms = tuple(m for i, s in enumerate(art.sections) for m in H.mentions(s.text, section=i))
    return RulesExtractor(min_confidence=0.0).extract(art, ms)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ja", "代表団が平壌訪問　首相と会談", ["代表団が平壌訪問", "首相と会談"]),
        ("zh", "代表团抵达平壤 与领导人会晤", ["代表团抵达平壤", "与领导人会晤"]),
        (
            "en",
            "Delegation visits Pyongyang as ties deepen",
            ["Delegation visits Pyongyang as ties deepen"],
        ),
        ("ja", "NATO 事務総長が訪日", ["NATO 事務総長が訪日"]),
    ],
)
def test_rules_heading_clauses(lang: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in heading_clauses(text, lang)] == expected


def test_rules_title_clause_takes_date_place_and_source_from_other_section() -> None:
    title = "ロシア代表団が平壌訪問　金正恩氏、コズロフ氏と会談"
    art = _two_sections(
        (title, f"{title}\n両国の関係は深まっている。"),
        (None, "Kim met Alexander Kozlov on Monday, KCNA said."),
    )
    claims = _run_article(art)
    ja = [c for c in claims if c.section == 0 and c.type == "CONSULT" and c.mode == "meet"]
    assert len(ja) == 1, claims
    c = ja[0]
    assert c.actors == ("Kim Jong Un",) and c.recipients == ("Alexander Kozlov",)
    assert c.from_headline and c.evidence == "金正恩氏、コズロフ氏と会談"
    assert (c.date, c.date_rule) == ("2024-11-18", "section:en.weekday")
    assert c.asserted_by == ("Korean Central News Agency",)
    assert c.place == "Pyongyang"  # from the other clause of the title: 平壌訪問
    assert c.confidence >= 0.7  # confirmed by the other section's body


def test_rules_both_countries_and_finer_date_from_other_section() -> None:
    art = _two_sections(
        (None, "ロシアと北朝鮮は協力を強めている。両国は今月、新しい条約を批准した。"),
        (None, "Last week, North Korea ratified the new treaty with Russia."),
    )
    claims = _run_article(art)
    ja = [c for c in claims if c.section == 0 and c.type == "AGREE"]
    assert len(ja) == 1, claims
    assert set(ja[0].actors) | set(ja[0].recipients) == {"Russia", "North Korea"}
    en = next(c for c in claims if c.section == 1 and c.type == "AGREE")
    assert ja[0].date == en.date and ja[0].date_rule == f"section:{en.date_rule}"


@pytest.mark.parametrize(
    "sentence",
    ["In June, both countries signed a defense treaty.", "In June, they signed a defense treaty."],
)
def test_rules_a_pair_phrase_is_both_parties_of_a_two_sided_act(sentence: str) -> None:
    """ "both countries" and a "they" that signs or meets stand for the section's two states."""
    claims = run(f"North Korea and Russia have deepened their cooperation. {sentence}", "en")
    agree = one(claims, "AGREE")
    assert {*agree.actors, *agree.recipients} == {"North Korea", "Russia"}
    assert agree.date == "2024-06"


def test_rules_they_of_other_acts_is_no_pair() -> None:
    claims = run("North Korea and Russia have deepened ties. They sent troops abroad.", "en")
    assert all(c.evidence != "They sent troops abroad." for c in claims)


def test_rules_both_countries_not_added_when_parties_are_named() -> None:
    claims = run("ロシアと北朝鮮は協力を強めている。両国は今月、新しい条約を批准した。", "ja")
    assert one(claims, "AGREE").actors
    claims = run("両国は、ロシアが北朝鮮と条約を批准したと述べた。", "ja")
    assert "両国" not in [c.evidence for c in claims]
    assert all(set(c.actors) <= {"Russia", "North Korea"} for c in claims)


@pytest.mark.parametrize(
    ("text", "later", "inherits"),
    [
        (
            "KCNA said Kim met Alexander Kozlov on Monday.",
            "North Korea and Russia signed a trade agreement.",
            True,
        ),
        (
            "KCNA said Kim met Alexander Kozlov on Monday.",
            "In 2019, North Korea and Russia signed a trade agreement.",
            False,
        ),
        (
            "South Korea said Kim met Alexander Kozlov on Monday.",
            "North Korea and Russia signed a trade agreement.",
            False,
        ),
    ],
)
def test_rules_story_source_is_lent_to_unattributed_claims(
    text: str, later: str, inherits: bool
) -> None:
    claims = run(f"{text} {later}", "en")
    second = [c for c in claims if c.evidence == later]
    assert len(second) == 1, claims
    assert bool(second[0].asserted_by) is inherits
    if inherits:
        assert second[0].asserted_by == ("Korean Central News Agency",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ja", "ロシア代表団が平壌を訪問した。"),
        ("en", "A Russian delegation visited Pyongyang."),
    ],
)
def test_rules_visit_destination_is_the_place(lang: str, text: str) -> None:
    c = one(run(text, lang), "CONSULT")
    assert c.place == "Pyongyang"


def test_rules_locative_needs_a_whole_word() -> None:
    # "that could advance Pyongyang's programme": the "at" of "that" is no locative
    claims = run("Russia pledged help that could speed up Pyongyang's rocket work.", "en")
    assert all(c.place is None for c in claims)


NIS_NAME = "National Intelligence Service (South Korea)"


@pytest.mark.parametrize(
    ("lang", "text", "later"),
    [
        # sentences written for the tests; other counts, so the two are not merged
        (
            "en",
            "The NIS said North Korea decided to send 12,000 troops to Russia.",
            "North Korea moved 1,500 troops to Russia on Tuesday.",
        ),
        (
            "ko",
            "국정원은 북한이 1만2천 명의 병력을 파견하기로 결정했다고 밝혔다.",
            "북한은 지난 8일 특수부대 1500명을 러시아로 이송했다.",
        ),
        (
            "ja",
            "国家情報院は北朝鮮が1万2000人の兵力の派遣を決定したと発表した。",
            "北朝鮮は特殊部隊1500人をロシアに派遣した。",
        ),
    ],
)
def test_rules_contested_act_keeps_its_source(lang: str, text: str, later: str) -> None:
    """An unattributed statement of a contested act in a report that attributes it is still an
    allegation by the same source."""
    claims = run(f"{text} {later}", lang)
    second = [c for c in claims if c.evidence == later and c.type == "AID"]
    assert len(second) == 1, claims
    assert second[0].asserted_by == (NIS_NAME,)
    assert second[0].status == Status.ALLEGED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "North Korea moved 1,500 troops to Russia on Tuesday."),
        ("ko", "북한은 지난 8일 특수부대 병력을 러시아로 이송했다."),
    ],
)
def test_rules_contested_act_without_source_stays_asserted(lang: str, text: str) -> None:
    claim = one(run(text, lang), "AID")
    assert claim.asserted_by == ()
    assert claim.status == Status.ASSERTED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the summit named as a modifier of another noun: background, not the news
        ("ko", "양국은 지난 9월 열린 정상회담 합의 이행 방안을 논의했다."),
        ("ja", "両国は9月の首脳会談での合意の履行について協議した。"),
    ],
)
def test_rules_event_as_noun_modifier_is_background(lang: str, text: str) -> None:
    for c in run(text, lang):
        if c.mode == "summit":
            assert "background" in c.context


def test_rules_hypothetical_claim_is_weak() -> None:
    """A condition is not an event: its claim falls below the default confidence floor."""
    text = "전문가 패널의 임기가 만료됐다면 제재 감시가 어려워진다."
    claims = RulesExtractor().extract(H.article(text, "ko"), H.mentions(text))
    assert not [c for c in claims if c.type == "RETREAT"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # counted from the report's day (published Tuesday 2024-11-19) when the story states none
        ("en", "The previous day, Kim met Kozlov in Pyongyang, KCNA said.", "2024-11-18"),
        # counted from the day the story last stated
        (
            "en",
            "Kozlov arrived in Pyongyang on Sunday. The next day, Kim met Kozlov in Pyongyang.",
            "2024-11-18",
        ),
        ("ja", "金正恩総書記は前日、平壌でコズロフ天然資源相と会談した。", "2024-11-18"),
        ("ko", "김정은 국무위원장은 전날 평양에서 코즐로프 장관을 만났다.", "2024-11-18"),
    ],
)
def test_rules_anaphoric_day_counts_from_the_story_day(lang: str, text: str, expected: str) -> None:
    (meet,) = [c for c in run(text, lang) if c.type == "CONSULT" and c.mode == "meet"]
    assert meet.date == expected
    assert meet.date_rule == "anaphoric_day"


def test_rules_anaphoric_day_needs_a_reference() -> None:
    meet = one(run("The previous day, Kim met Kozlov.", "en", published=None), "CONSULT")
    assert meet.date is None


def test_rules_since_bound_is_not_the_event_date() -> None:
    text = "Earlier, North Korea fired two missiles, its tenth launch since the start of 2022."
    launch = one(run(text, "en"), "THREATEN")
    assert launch.date is None


def test_rules_japanese_signature_with_sain() -> None:
    agree = one(run("平壌でコズロフ天然資源相が議定書にサインした。", "ja"), "AGREE")
    assert agree.actors == ("Alexander Kozlov",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # own sentences: the troops' owner provides them, whoever carries them
        ("en", "Russia transported 1,500 North Korean troops to Vladivostok."),
        ("ko", "러시아가 북한군 1500명을 블라디보스토크로 수송했다."),
        ("zh", "俄罗斯运送朝鲜士兵前往远东。"),
    ],
)
def test_rules_troops_belong_to_their_owner(lang: str, text: str) -> None:
    names = {
        **H.NAMES,
        "North Korean": ("North Korea", "country"),
        "Vladivostok": ("Vladivostok", "place"),
        "블라디보스토크": ("Vladivostok", "place"),
    }
    art = H.article(text, lang, "2024-10-18")
    claims = RulesExtractor(min_confidence=0.0).extract(art, H.mentions(text, names=names))
    troops = one(claims, "AID")
    assert troops.actors == ("North Korea",)
    assert troops.recipients == ("Russia",)


def test_rules_troops_owner_needs_the_noun_right_after_it() -> None:
    """'Russia received troops from North Korea': a verb between is no ownership."""
    troops = [c for c in run("North Korea sent troops to help Russia.", "en") if c.type == "AID"]
    assert troops and troops[0].actors == ("North Korea",)


def test_rules_using_anothers_munitions_is_their_supply() -> None:
    text = "Russia is using North Korean ammunition in Ukraine, South Korea said."
    names = {**H.NAMES, "North Korean": ("North Korea", "country")}
    claims = RulesExtractor(min_confidence=0.0).extract(
        H.article(text, "en"), H.mentions(text, names=names)
    )
    arms = one(claims, "AID")
    assert (arms.actors, arms.recipients) == (("North Korea",), ("Russia",))


@pytest.mark.parametrize(
    ("text", "type_", "actors", "recipients"),
    [
        # own sentences: what a state receives from another is the other's AID
        (
            "Russia received artillery shells from North Korea.",
            "AID",
            ("North Korea",),
            ("Russia",),
        ),
        ("Russia received troops from North Korea.", "AID", ("North Korea",), ("Russia",)),
        # a reception is still a meeting
        (
            "Kim received Alexander Kozlov in Pyongyang.",
            "CONSULT",
            ("Kim Jong Un",),
            ("Alexander Kozlov",),
        ),
    ],
)
def test_rules_received_from(
    text: str, type_: str, actors: tuple[str, ...], recipients: tuple[str, ...]
) -> None:
    claims = run(text, "en")
    assert [c.type for c in claims] == [type_]
    assert (claims[0].actors, claims[0].recipients) == (actors, recipients)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "러시아는 북한으로부터 포탄 수백만 발을 받았다."),
        ("ja", "ロシアは北朝鮮から大量の砲弾を受け取った。"),
        ("zh", "俄罗斯从朝鲜获得了大量炮弹。"),
        ("ru", "Россия получила от КНДР миллионы снарядов."),
    ],
)
def test_rules_arms_received_from_are_the_origins_aid(lang: str, text: str) -> None:
    arms = one(run(text, lang), "AID")
    assert (arms.actors, arms.recipients) == (("North Korea",), ("Russia",))


@pytest.mark.parametrize(
    ("lang", "text", "recipients"),
    [
        # own sentences: a veto's recipient is the sponsor of the resolution
        (
            "en",
            "Russia vetoed a resolution drafted by the United States on Thursday.",
            ("United States",),
        ),
        ("ko", "러시아가 미국이 제출한 결의안에 거부권을 행사했다.", ("United States",)),
        ("ja", "ロシアは米国が提出した決議案に拒否権を行使した。", ("United States",)),
        (
            "ru",
            "В Совбезе Россия наложила вето на внесённую США резолюцию о КНДР.",
            ("United States",),
        ),
        # the state a resolution is about is no recipient of its veto
        ("en", "Russia vetoed the resolution on North Korea sanctions.", ()),
    ],
)
def test_rules_veto_recipient_is_the_sponsor(
    lang: str, text: str, recipients: tuple[str, ...]
) -> None:
    veto = one(run(text, lang), "REJECT")
    assert (veto.actors, veto.recipients) == (("Russia",), recipients)


@pytest.mark.parametrize(
    ("lang", "text", "mode"),
    [
        # the meeting happened; the summit is only its aim: the stated event is the claim
        ("ko", "김정은 위원장과 정상회담을 위해 만난 푸틴 대통령이 협력을 강조했다.", "meet"),
        # with no other trigger of its type, the aim still makes a (weaker) claim
        ("ko", "김정은 위원장은 정상회담을 위해 러시아를 방문했다.", "visit"),
    ],
)
def test_rules_prefers_the_trigger_stated_as_news_over_one_named_as_aim(
    lang: str, text: str, mode: str
) -> None:
    claims = RulesExtractor().extract(H.article(text, lang), H.mentions(text))
    consult = [c for c in claims if c.type == "CONSULT"]
    assert [c.mode for c in consult] == [mode]


def test_rules_a_since_bound_dates_an_ongoing_activity_but_an_until_bound_does_not() -> None:
    since = one(run("North Korea has shipped shells to Russia since August 2023.", "en"), "AID")
    assert (since.date, since.date_precision) == ("2023-08", "month")
    until = run("Russia supplied oil to North Korea until December 2023.", "en")
    assert one(until, "AID").date is None
    assert since.date_rule and since.date_rule.startswith("since:")


def test_rules_an_agreement_restated_names_all_its_signing_parties() -> None:
    text = (
        "North Korea and Russia signed the protocol in Pyongyang on Wednesday. "
        "Kim Jong Un signed the protocol with Russia at the ceremony."
    )
    agree = one(run(text, "en"), "AGREE")
    assert {"North Korea", "Russia", "Kim Jong Un"} <= {*agree.actors, *agree.recipients}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "North Korea's troops arrived in Russia last week."),
        ("ko", "북한이 이미 러시아에 도착한 특수부대를 포함한 병력을 파견하기로 했다."),
    ],
)
def test_rules_arriving_troops_are_a_deployment_not_a_visit(lang: str, text: str) -> None:
    claims = run(text, lang)
    assert one(claims, "AID").actors == ("North Korea",)
    assert not [c for c in claims if c.type == "CONSULT"]


def test_rules_a_minister_arriving_is_still_a_visit() -> None:
    visit = one(run("Alexander Kozlov arrived in Pyongyang on Sunday.", "en"), "CONSULT")
    assert visit.mode == "visit" and visit.actors == ("Alexander Kozlov",)


@pytest.mark.parametrize(
    "text",
    [
        "North Korea received refined petroleum from Russia in a ship-to-ship transfer.",
        "North Korea received 50,000 tonnes of grain from Russia.",
    ],
)
def test_rules_en_goods_received_from_are_an_import_not_a_meeting(text: str) -> None:
    claims = run(text, "en")
    assert not any(c.type == "CONSULT" for c in claims)
    imported = one(claims, "COOPERATE")
    assert (imported.mode, imported.actors, imported.recipients) == (
        "import",
        ("North Korea",),
        ("Russia",),
    )
