"""Visits (where a visitor went, departures, who leads a delegation), a mandate running out, and
criticism voiced as a judgement of another's act, on sentences written for these tests, at the
shipped confidence floor."""

from __future__ import annotations

import _claims_helpers as H
import pytest

from watchfloor.claims.rules import RulesExtractor, visit_hosts
from watchfloor.records import Claim, Status

# names these sentences need beyond the shared helper's (inflected forms stand in for the
# registry's own linking, which is not under test here)
EXTRA: dict[str, tuple[str, str]] = {
    "Vladivostok": ("Vladivostok", "place"),
    "Пхеньяна": ("Pyongyang", "place"),
    "Пхеньян": ("Pyongyang", "place"),
    "General Staff Academy": (
        "Military Academy of the General Staff of the Armed Forces of Russia",
        "organization",
    ),
    "Козловым": ("Alexander Kozlov", "person"),
    "Козлов": ("Alexander Kozlov", "person"),
    "Александр Козлов": ("Alexander Kozlov", "person"),
    "科兹洛夫": ("Alexander Kozlov", "person"),
    "尹正浩": ("Yun Jong Ho", "person"),
    "윤정호": ("Yun Jong Ho", "person"),
    "Юн Чжон Хо": ("Yun Jong Ho", "person"),
    "Yun Jong Ho": ("Yun Jong Ho", "person"),
    "Russian": ("Russia", "country"),
    "총참모부 군사대학": (
        "Military Academy of the General Staff of the Armed Forces of Russia",
        "organization",
    ),
    "政府間委員会": ("Intergovernmental Commission", "organization"),
    "North Korean": ("North Korea", "country"),
    "UN Panel of Experts on North Korea": ("UN Panel of Experts on North Korea", "organization"),
    "离开平壤": ("Pyongyang", "place"),
    "Robert Wood": ("Robert Wood", "person"),
    "Роберт Вуд": ("Robert Wood", "person"),
    "ウッド": ("Robert Wood", "person"),
    "伍德": ("Robert Wood", "person"),
    "커비": ("John Kirby", "person"),
    "외교부": ("Ministry of Foreign Affairs (South Korea)", "organization"),
    "韩国外交部": ("Ministry of Foreign Affairs (South Korea)", "organization"),
    "美国": ("United States", "country"),
    "Japan's foreign minister": ("Yoko Kamikawa", "person"),
    "России": ("Russia", "country"),
    "российское": ("Russia", "country"),
    "北朝鮮兵": ("North Korea", "country"),
    "韓国外務省": ("Ministry of Foreign Affairs (South Korea)", "organization"),
}


def run(text: str, lang: str, published: str = "2023-09-12") -> tuple[Claim, ...]:
    return H.extract(text, lang, published, EXTRA)


one = H.one


# -- visits -----------------------------------------------------------------------------------

DEPARTURES = [
    ("en", "Kim Jong Un left Pyongyang by armoured train on Sunday for Russia."),
    ("ja", "金正恩総書記は10日、専用列車で平壌を出発し、ロシアに向かった。"),
    ("ko", "김정은 국무위원장이 10일 전용열차를 타고 평양을 출발해 러시아로 향했다."),
    ("zh", "金正恩10日乘专列离开平壤前往俄罗斯。"),
    ("ru", "Ким Чен Ын 10 сентября выехал из Пхеньяна в Россию на бронепоезде."),
]


@pytest.mark.parametrize(("lang", "text"), DEPARTURES)
def test_a_departure_for_abroad_is_the_visit_dated_by_the_day_it_began(
    lang: str, text: str
) -> None:
    visit = one(run(text, lang), "CONSULT")
    assert visit.mode == "visit"
    assert visit.date == "2023-09-10"
    # the capital left is the visitor's own, never the state visited
    assert visit.recipients == ("Russia",)


def test_the_place_a_traveller_left_is_no_party_to_the_visit() -> None:
    text = "Kim Jong Un left Pyongyang on Sunday evening aboard his train to visit Russia."
    visit = one(run(text, "en"), "CONSULT")
    assert visit.actors == ("Kim Jong Un",)
    assert visit.recipients == ("Russia",)


# nine sentences of scene before the report, so that it stands late in its article
SCENE = " ".join(
    [
        "The station was closed to the public.",
        "Rain fell over the city all afternoon.",
        "Officials gave no schedule for the trip.",
        "Few details were released in advance.",
        "Security along the route was tight.",
        "State television showed a crowd at the platform.",
        "Analysts had expected the journey for weeks.",
        "The train is armoured and slow.",
        "Earlier trips took several days.",
    ]
)


def test_a_late_sentence_that_dates_its_act_to_a_day_is_a_report() -> None:
    dated = run(SCENE + " Kim Jong Un left Pyongyang on September 10 to visit Russia.", "en")
    assert one(dated, "CONSULT").date == "2023-09-10"
    # restated late without a day of its own, the same act is scene, below the floor
    undated = run(SCENE + " Kim Jong Un left Pyongyang to visit Russia.", "en")
    assert not [c for c in undated if c.type == "CONSULT"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russia and North Korea signed a protocol in Pyongyang on November 15 last year."),
        ("ko", "북한과 러시아는 지난해 11월15일 평양에서 위원회 회의를 열고 의정서에 조인했다."),
    ],
)
def test_an_act_recalled_with_its_own_day_is_a_claim_about_that_day(lang: str, text: str) -> None:
    signed = one(run(text, lang, "2024-11-21"), "AGREE")
    assert signed.date == "2023-11-15"
    assert "historical" in signed.context


def test_an_act_recalled_without_its_day_is_scene() -> None:
    text = "Russia and North Korea signed a protocol in Pyongyang last year."
    assert not [c for c in run(text, "en", "2024-11-21") if c.type == "AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "A Russian delegation led by Alexander Kozlov arrived in Pyongyang on Tuesday.",
        "The delegation, headed by Kozlov, landed at Pyongyang's airport on Tuesday.",
    ],
)
def test_a_foreign_capital_reached_names_the_host(text: str) -> None:
    visit = one(run(text, "en", "2023-11-15"), "CONSULT")
    assert visit.actors == ("Alexander Kozlov",)
    assert visit.recipients == ("North Korea",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Alexander Kozlov departed Pyongyang on Nov. 17 after an official visit."),
        ("ru", "Козлов 17 ноября покинул Пхеньян, завершив визит."),
    ],
)
def test_the_foreign_place_left_at_the_end_of_a_visit_hosted_it(lang: str, text: str) -> None:
    visit = one(run(text, lang, "2023-11-18"), "CONSULT")
    assert visit.actors == ("Alexander Kozlov",)
    assert visit.recipients == ("North Korea",)
    assert visit.date == "2023-11-17"


def test_ru_the_leader_of_a_delegation_is_no_partner() -> None:
    # "во главе с X" (headed by X): X leads the visit, "с" is no "with" here
    text = "Делегация во главе с Козловым прибыла в Пхеньян 14 ноября."
    visit = one(run(text, "ru", "2023-11-15"), "CONSULT")
    assert (visit.actors, visit.recipients) == (("Alexander Kozlov",), ("North Korea",))


def test_a_delegation_of_a_body_is_that_bodys_visit() -> None:
    # "of" marks no recipient after "delegation": the academy is the visitor
    text = "A delegation of the General Staff Academy arrived in Pyongyang on Monday."
    visit = one(run(text, "en", "2024-11-19"), "CONSULT")
    academy = "Military Academy of the General Staff of the Armed Forces of Russia"
    assert (visit.actors, visit.recipients) == ((academy,), ("North Korea",))


DELEGATIONS = [
    (
        "en",
        "A delegation led by Kozlov arrived on Sunday. "
        "The delegation held talks with Yun Jong Ho on Monday.",
    ),
    (
        "ko",
        "코즐로프 장관이 이끄는 대표단이 평양에 도착했다. "
        "대표단은 15일 윤정호 대외경제상과 회담했다.",
    ),
    ("zh", "以科兹洛夫为首的代表团抵达平壤。代表团15日与尹正浩举行会谈。"),
    (
        "ru",
        "Прибыла делегация во главе с Козловым. "
        "Делегация 15 ноября провела переговоры с Юн Чжон Хо.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), DELEGATIONS)
def test_the_delegation_stands_for_the_head_the_section_names(lang: str, text: str) -> None:
    meetings = [c for c in run(text, lang, "2023-11-16") if c.mode == "meet"]
    assert len(meetings) == 1, meetings
    parties = set(meetings[0].actors) | set(meetings[0].recipients)
    assert {"Alexander Kozlov", "Yun Jong Ho"} <= parties


def test_the_delegation_head_is_read_after_the_delegation_too() -> None:
    # 代表団は…コズロフ天然資源環境相がトップを務める: the head is named later on
    text = (
        "ロシア代表団が14日に平壌に到着した。ロシア代表団はコズロフ天然資源環境相がトップを務める。"
    )
    visit = one(run(text, "ja", "2023-11-15"), "CONSULT")
    assert "Alexander Kozlov" in visit.actors


@pytest.mark.parametrize(
    "later",
    [
        # another delegation: said so, or a state other than the head's qualifies it
        "A separate delegation held talks with Yun Jong Ho on Monday.",
        "The North Korean delegation held talks with Yun Jong Ho on Monday.",
    ],
)
def test_another_delegation_is_not_the_heads(later: str) -> None:
    text = f"A delegation led by Kozlov arrived on Sunday. {later}"
    for c in run(text, "en", "2023-11-16"):
        if c.mode == "meet":
            assert "Alexander Kozlov" not in set(c.actors) | set(c.recipients)


def test_a_bodys_own_delegation_is_not_the_heads() -> None:
    text = (
        "코즐로프 장관이 이끄는 대표단이 13일 도착했다. "
        "총참모부 군사대학 대표단도 18일 평양에 도착했다."
    )
    academy = [c for c in run(text, "ko", "2024-11-19") if c.date == "2024-11-18"]
    assert academy and all("Alexander Kozlov" not in c.actors for c in academy)


def test_the_forum_a_delegation_attends_does_not_make_it_another() -> None:
    # 政府間委員会のロシア代表団: the commission's Russian side, led by the head named later
    text = "政府間委員会のロシア代表団が14日に平壌に到着した。代表団はコズロフ氏がトップを務める。"
    visit = one(run(text, "ja", "2023-11-15"), "CONSULT")
    assert "Alexander Kozlov" in visit.actors


def test_ru_a_nominative_after_the_verb_is_its_subject() -> None:
    text = "В Пхеньян 14 ноября прибыл министр природных ресурсов Александр Козлов."
    visit = one(run(text, "ru", "2023-11-15"), "CONSULT")
    assert (visit.actors, visit.recipients) == (("Alexander Kozlov",), ("North Korea",))


def test_a_trip_at_home_is_no_visit() -> None:
    # Putin in Vladivostok visits no state: no host, so no claim above the floor
    assert not run("Vladimir Putin arrived in Vladivostok on Monday.", "en")


def test_visit_hosts_keep_what_they_cannot_judge() -> None:
    # a visitor of unknown country: the roles found stand
    assert visit_hosts(["Some Envoy"], ["North Korea"], None, []) == ("North Korea",)
    assert visit_hosts(["Kim Jong Un"], [], "Moscow", []) == ("Russia",)
    assert visit_hosts(["Kim Jong Un"], ["North Korea"], None, ["Russia"]) == ("Russia",)
    assert visit_hosts(["Vladimir Putin"], [], "Vladivostok", []) == ()


# -- a mandate running out ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The mandate of the UN Panel of Experts on North Korea expired on April 30."),
        ("zh", "联合国安理会朝鲜问题专家小组的任期于4月30日届满。"),
        ("ru", "Мандат группы экспертов ООН по КНДР истек 30 апреля."),
    ],
)
def test_a_mandate_that_ran_out_on_a_stated_day(lang: str, text: str) -> None:
    claim = one(run(text, lang, "2024-05-02"), "RETREAT")
    assert claim.actors == ("UN Panel of Experts on North Korea",)
    assert claim.date == "2024-04-30"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The mandate of the UN Panel of Experts on North Korea will expire on April 30."),
        ("zh", "联合国安理会朝鲜问题专家小组的任期将于4月30日届满。"),
        ("ja", "国連の専門家パネルは30日で活動を停止することになった。"),
        ("ko", "유엔 전문가 패널의 임기는 30일 종료될 예정이다."),
        ("ru", "Мандат группы экспертов ООН по КНДР истекает 30 апреля."),
    ],
)
def test_a_mandate_that_will_run_out_is_a_planned_expiry_on_its_day(lang: str, text: str) -> None:
    claim = one(run(text, lang, "2024-04-20"), "RETREAT")
    assert claim.status is Status.PLANNED
    assert claim.actors == ("UN Panel of Experts on North Korea",)
    assert claim.date == "2024-04-30"


# -- criticism as a judgement ----------------------------------------------------------------

JUDGEMENTS = [
    ("en", "US envoy Robert Wood said Russia had undermined the sanctions regime."),
    ("ja", "米国のウッド次席大使は「ロシアは制裁の仕組みを台無しにした」と述べた。"),
    ("ja", "米国のウッド次席大使は「ロシアの行動は無責任だ」と述べた。"),
    ("ko", '커비 조정관은 "러시아의 무모한 행동은 제재를 약화시킨다"고 말했다.'),
    ("zh", "美国副代表伍德表示，俄罗斯的做法极不负责任。"),
    ("ru", "Постпред США Роберт Вуд заявил, что Россия подорвала режим санкций."),
]


@pytest.mark.parametrize(("lang", "text"), JUDGEMENTS)
def test_a_judgement_voiced_is_a_criticism_by_its_speaker(lang: str, text: str) -> None:
    claim = one(run(text, lang, "2024-03-29"), "ACCUSE")
    assert claim.mode == "criticize"
    # the judged act's subject is the target, the speaker the critic
    assert claim.actors == ("Robert Wood",) or claim.actors == ("John Kirby",)
    assert claim.recipients == ("Russia",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russia's veto has undermined the sanctions regime."),
        ("ja", "ロシアの拒否権で制裁の仕組みが台無しになった。"),
    ],
)
def test_a_judgement_nobody_voices_is_no_criticism(lang: str, text: str) -> None:
    assert not [c for c in run(text, lang, "2024-03-29") if c.type == "ACCUSE"]


def test_a_verb_of_criticism_outranks_a_judgement_in_its_sentence() -> None:
    text = "カービー調整官はロシアの拒否権の行使は「無謀」だと述べ、制裁を弱めると非難した。"
    names = {**EXTRA, "カービー": ("John Kirby", "person")}
    art = H.article(text, "ja", "2024-03-29")
    claims = RulesExtractor().extract(art, H.mentions(text, names={**H.NAMES, **names}))
    claim = one(claims, "ACCUSE")
    assert (claim.actors, claim.recipients) == (("John Kirby",), ("Russia",))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "외교부는 러시아가 거부권을 행사한 데 대해 깊은 유감을 표명했다."),
        ("ja", "韓国外務省は、ロシアが拒否権を行使したことに対し、深い遺憾の意を表明した。"),
    ],
)
def test_a_topic_before_a_clause_the_verb_is_about_is_the_verbs(lang: str, text: str) -> None:
    # 외교부는 [러시아가 … 행사한 데 대해] 유감을 표명했다: the clause keeps its own subject,
    # and the topic ahead of it regrets
    claim = one(run(text, lang, "2024-03-29"), "ACCUSE")
    assert claim.actors == ("Ministry of Foreign Affairs (South Korea)",)
    assert claim.recipients == ("Russia",)


def test_en_regrettable_in_a_speakers_words_is_criticism_of_the_act_named() -> None:
    text = "Japan's foreign minister said it was deeply regrettable that Russia had vetoed it."
    claim = one(run(text, "en", "2024-03-29"), "ACCUSE")
    assert (claim.actors, claim.recipients) == (("Yoko Kamikawa",), ("Russia",))


def test_zh_what_dui_governs_is_spoken_about_not_the_speaker() -> None:
    # 韩国外交部对[俄罗斯行使否决权]表示遗憾: the ministry regrets, Russia is regretted
    claim = one(run("韩国外交部对俄罗斯行使否决权表示深感遗憾。", "zh", "2024-03-29"), "ACCUSE")
    assert claim.actors == ("Ministry of Foreign Affairs (South Korea)",)
    assert claim.recipients == ("Russia",)
    assert claim.asserted_by == ("Ministry of Foreign Affairs (South Korea)",)


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # 对 governs the clause [俄罗斯行使否决权] the regret is about: Russia vetoed
        ("韩国外交部对俄罗斯行使否决权表示遗憾。", "Russia", None),
        # with no predicate of attitude after the act, 对 marks the draft vetoed (its sponsor)
        ("俄罗斯对美国起草的决议草案行使了否决权。", "Russia", "United States"),
    ],
)
def test_zh_the_subject_of_a_clause_dui_governs_acts(
    text: str, actor: str, recipient: str | None
) -> None:
    veto = one(run(text, "zh", "2024-03-29"), "REJECT")
    assert veto.actors == (actor,)
    assert veto.recipients == ((recipient,) if recipient else ())


def test_ru_a_genitive_after_the_veto_owns_it() -> None:
    claims = run("США осудили вето России на продление мандата.", "ru", "2024-03-29")
    assert one(claims, "REJECT").actors == ("Russia",)
    assert one(claims, "ACCUSE").recipients == ("Russia",)


def test_ja_an_act_named_as_the_object_of_a_denial_is_denied() -> None:
    claim = one(run("ロシアは北朝鮮兵の派遣を否定した。", "ja", "2024-10-25"), "AID")
    assert claim.status == Status.DENIED and claim.asserted_by == ("Russia",)


def test_ru_a_name_joined_to_an_unknown_one_is_a_subject_not_a_partner() -> None:
    # РК (the Republic of Korea) is no known name: США is still one who condemns, not a partner
    text = "Власти РК и США осудили российское вето в Совбезе ООН."
    regret = one(run(text, "ru", "2024-03-29"), "ACCUSE")
    assert regret.actors == ("United States",)
    assert regret.recipients == ("Russia",)
