"""Argument roles on own sentences: the veto's target, war names, the object inside a verb
phrase, the speaker who promises an act, a quoted owner (「…」の), and English passives with a
"by" agent (and the "by" phrases that name none)."""

from __future__ import annotations

import _claims_helpers as H
import pytest

from watchfloor.claims.frames import find_triggers
from watchfloor.claims.lexicon import load_lexicon
from watchfloor.claims.roles import Arg, Passive, RoleCues, find_quantity, passive_agent
from watchfloor.claims.rules import RulesExtractor
from watchfloor.records import Claim, Status

PANEL = "UN Panel of Experts on North Korea"
UNSC = "United Nations Security Council"
KOZLOV = "Alexander Kozlov"


def run(text: str, lang: str) -> tuple[Claim, ...]:
    return RulesExtractor(min_confidence=0.0).extract(H.article(text, lang), H.mentions(text))


def of_type(claims: tuple[Claim, ...], type_: str) -> Claim:
    found = [c for c in claims if c.type == type_]
    assert found, claims
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russia vetoed a draft by the United States in the Security Council on Thursday."),
        ("en", "The council failed to adopt the North Korea draft due to a veto cast by Russia."),
        (
            "en",
            "The draft on North Korea failed due to a veto cast by Russia, a permanent member of "
            "the Security Council, as speakers deplored it.",
        ),
        ("ko", "러시아는 전문가 패널 연장안에 거부권을 행사했다."),
        ("ja", "ロシアは専門家パネルの延長案に拒否権を行使した。"),
        # refusing the extension at the council is the same act
        ("ko", "러시아가 전문가 패널의 임기 연장을 거부한 데 대해 비판이 나온다."),
        ("ja", "ロシアは専門家パネルの任期延長を拒否した。"),
    ],
)
def test_roles_veto_targets_no_body(lang: str, text: str) -> None:
    """A veto's recipient is the sponsoring country, never the council or the panel."""
    claim = of_type(run(text, lang), "REJECT")
    assert claim.actors == ("Russia",)
    assert not {PANEL, UNSC} & set(claim.recipients)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "북한이 러시아-우크라이나 전쟁에 병력을 파견했다."),
        ("ko", "북한은 우크라이나 전쟁을 위해 러시아에 병력을 보냈다."),
        ("en", "North Korea sent troops to Russia for the Ukraine war."),
        ("zh", "朝鲜向俄罗斯派遣部队参加乌克兰战争。"),
    ],
)
def test_roles_war_name_is_no_party(lang: str, text: str) -> None:
    claim = of_type(run(text, lang), "AID")
    assert claim.actors == ("North Korea",)
    assert "Ukraine" not in claim.recipients


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Putin told reporters that Russia will help North Korea build satellites."),
        ("zh", "普京表示,俄罗斯将协助朝鲜研发卫星,并将与金正恩会谈。"),
    ],
)
def test_roles_object_inside_verb_phrase(lang: str, text: str) -> None:
    claim = of_type(run(text, lang), "AID")
    assert claim.actors == ("Russia",)
    assert claim.recipients[:1] == ("North Korea",)
    assert claim.status == Status.PLANNED
    assert not claim.negated


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "푸틴 대통령은 김정은 위원장에게 북한의 위성 개발을 돕겠다고 밝혔다."),
        ("ja", "プーチン大統領は金正恩氏に北朝鮮の衛星開発を支援すると述べた。"),
    ],
)
def test_roles_speaker_promises_the_act(lang: str, text: str) -> None:
    """A quoted act with no subject of its own is the speaker's: …돕겠다고 밝혔다."""
    claim = of_type(run(text, lang), "AID")
    assert claim.actors == ("Vladimir Putin",)
    assert claim.recipients == ("North Korea",)
    assert claim.status == Status.PLANNED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Vladimir Putin confirmed he would help North Korea build satellites."),
        ("en", "Vladimir Putin said that he would help North Korea with its satellites."),
        ("ru", "Путин заявил, что он поможет КНДР создать спутники."),
    ],
)
def test_roles_pronoun_takes_up_the_speaker(lang: str, text: str) -> None:
    """ "X said he would help Y": the reported clause's pronoun subject is the speaker."""
    claim = of_type(run(text, lang), "AID")
    assert claim.actors == ("Vladimir Putin",)
    assert claim.recipients == ("North Korea",)


def test_roles_pronoun_of_the_reporter_is_not_the_agent_of_a_named_party() -> None:
    """ "The NIS said it had found North Korea sending troops": the act has its own agent."""
    text = "The NIS said it had found North Korea sending troops to Russia."
    claim = of_type(run(text, "en"), "AID")
    assert claim.actors == ("North Korea",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "국정원은 러시아로 병력을 파견했다고 밝혔다."),
        ("ja", "国家情報院はロシアへ部隊を派遣したと発表した。"),
    ],
)
def test_roles_reporter_of_contested_act_is_not_its_agent(lang: str, text: str) -> None:
    for claim in run(text, lang):
        if claim.type == "AID":
            assert "National Intelligence Service (South Korea)" not in claim.actors


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The expert panel's mandate expired on April 30."),
        ("ja", "「専門家パネル」の活動が30日、終了した。"),
        ("ko", "전문가 패널의 임기가 만료됐다."),
        ("zh", "专家小组的任期已届满。"),
        ("ru", "Мандат группы экспертов истёк в апреле."),
    ],
)
def test_roles_mandate_expiry_names_the_body(lang: str, text: str) -> None:
    claim = of_type(run(text, lang), "RETREAT")
    assert claim.mode == "mandate expiry"
    assert claim.actors == (PANEL,)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "전문가 패널은 다음 달 활동을 종료한다."),
        ("ja", "専門家パネルは来月、活動を終了する。"),
        ("en", "The expert panel's mandate expires next month."),
        ("zh", "专家小组的任期尚未到期。"),
    ],
)
def test_roles_coming_expiry_is_no_event(lang: str, text: str) -> None:
    assert not [c for c in run(text, lang) if c.type == "RETREAT"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "North Korea sent troops to support Russia's war against Ukraine."),
        ("ru", "КНДР направила войска в Россию для войны против Украины."),
    ],
)
def test_roles_war_against_is_no_party(lang: str, text: str) -> None:
    claim = of_type(run(text, lang), "AID")
    assert "Ukraine" not in claim.actors + claim.recipients


@pytest.mark.parametrize(
    ("text", "type_", "actors", "recipients"),
    [
        (
            "Troops were sent to Russia by North Korea last month.",
            "AID",
            ("North Korea",),
            ("Russia",),
        ),
        (
            "Artillery shells were supplied to Moscow by Pyongyang in the autumn.",
            "AID",
            ("North Korea",),
            ("Russia",),
        ),
        (
            "Shells have been shipped by North Korea to Russia.",
            "AID",
            ("North Korea",),
            ("Russia",),
        ),
        (
            "North Korean troops were reportedly sent to Russia by Kim Jong Un.",
            "AID",
            ("Kim Jong Un",),
            ("Russia",),
        ),
        (
            "Kim Jong Un was received by Vladimir Putin at a space centre.",
            "CONSULT",
            ("Vladimir Putin",),
            ("Kim Jong Un",),
        ),
        (
            "Kim Jong Un has been welcomed at the airport by Russian President Vladimir Putin.",
            "CONSULT",
            ("Vladimir Putin",),
            ("Kim Jong Un",),
        ),
        ("The draft resolution was vetoed by Russia on Thursday.", "REJECT", ("Russia",), ()),
        (
            "The draft was blocked by Russia and North Korea.",
            "REJECT",
            ("Russia", "North Korea"),
            (),
        ),
    ],
)
def test_roles_passive_by_agent_acts(
    text: str, type_: str, actors: tuple[str, ...], recipients: tuple[str, ...]
) -> None:
    """A passive participle with a "by" agent: the agent acts, the "to" party or the subject
    is the other side."""
    claim = of_type(run(text, "en"), type_)
    assert claim.actors == actors
    assert claim.recipients == recipients


@pytest.mark.parametrize(
    ("text", "actors", "target"),
    [
        (
            "Kim Jong Un was accused by South Korea of arming Russia.",
            ("South Korea",),
            "Kim Jong Un",
        ),
        (
            "North Korea was condemned by the United States for sending troops to Russia.",
            ("United States",),
            "North Korea",
        ),
    ],
)
def test_roles_passive_speech_agent_speaks(text: str, actors: tuple[str, ...], target: str) -> None:
    """ "X was accused by Y": Y speaks and asserts; X is the target, never the speaker."""
    claim = of_type(run(text, "en"), "ACCUSE")
    assert claim.actors == actors
    assert claim.recipients[:1] == (target,)
    assert target not in claim.asserted_by


@pytest.mark.parametrize(
    "text",
    [
        "Troops were sent to Russia by train.",
        "Troops were sent to Russia by sea.",
        "Troops will be sent to Russia by 2025.",
        "Shells were shipped to Russia by the end of October.",
        "Troops were sent to Russia by Russian ships.",
        "Troops were sent to Russia by Russian navy ships last week.",
    ],
)
def test_roles_passive_by_non_agent_is_no_actor(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """ "by" + a means, a deadline or a noun a demonym qualifies names no agent."""
    monkeypatch.setitem(H.NAMES, "Russian", ("Russia", "country"))
    for claim in run(text, "en"):
        assert "Russia" not in claim.actors, claim


def _passive(text: str, word: str) -> Passive:
    lex = load_lexicon("en")
    args = [Arg(m.canonical_name, m.kind or "", m.start, m.end) for m in H.mentions(text)]
    start = text.index(word)
    trig = next(t for t in find_triggers(text, lex) if t.start <= start < t.end)
    return passive_agent(text, trig, args, RoleCues(text, args, lex))


@pytest.mark.parametrize(
    ("text", "word", "reason", "agents", "subject"),
    [
        (
            "Kim Jong Un was received by Vladimir Putin.",
            "received",
            "agent",
            ["Vladimir Putin"],
            ["Kim Jong Un"],
        ),
        ("Troops were sent to Russia by train.", "sent", "non-agent", [], []),
        ("Troops were sent to Russia last year.", "sent", "no-by", [], []),
        ("North Korea sent troops to Russia.", "sent", "active", [], []),
        # the by-phrase of a later passive is not this one's: "… and shells were shipped by X"
        (
            "Troops were sent to Russia and shells were shipped by North Korea.",
            "Troops",
            "no-by",
            [],
            [],
        ),
    ],
)
def test_roles_passive_reason_codes(
    text: str, word: str, reason: str, agents: list[str], subject: list[str]
) -> None:
    found = _passive(text, word)
    assert found.reason == reason
    assert found.found == (reason == "agent")
    assert [a.name for a in found.agents] == agents
    assert [a.name for a in found.subject] == subject


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        # the noun a relative clause modifies is the clause's agent
        ("ko", "북한을 방문한 코즐로프 장관은 기자들에게 협력을 강조했다.", KOZLOV),
        ("ko", "회의 참석차 북한을 방문하고 돌아온 코즐로프 장관이 성과를 설명했다.", KOZLOV),
        ("ja", "北朝鮮を訪問したコズロフ大臣は記者団に成果を語った。", KOZLOV),
        # a clause that ends before the noun (a connective, a comma) modifies nothing
        ("ko", "북한을 방문했고, 코즐로프 장관이 성과를 설명했다.", None),
    ],
)
def test_roles_relative_clause_head_is_the_agent(lang: str, text: str, actor: str | None) -> None:
    visit = [c for c in run(text, lang) if c.mode == "visit"]
    if actor is None:
        assert all(c.actors != (KOZLOV,) for c in visit)
        return
    assert visit and visit[0].actors == (actor,)
    assert "North Korea" in visit[0].recipients


@pytest.mark.parametrize(
    "text",
    [
        # the verb of saying comes before the criticism: its target is still the veto's agent
        "ホワイトハウスのカービー調整官はロシアの拒否権の行使は「無謀」だと述べ、"
        "北朝鮮への制裁を弱めようとしていると非難しました。",
        "カービー調整官はロシアの拒否権の行使を非難した。",
    ],
)
def test_roles_criticism_targets_the_agent_of_the_act_it_names(text: str) -> None:
    names = {**H.NAMES, "カービー": ("John Kirby", "person")}
    claims = RulesExtractor(min_confidence=0.0).extract(
        H.article(text, "ja"), H.mentions(text, names=names)
    )
    claim = of_type(claims, "ACCUSE")
    assert claim.actors == ("John Kirby",)
    assert claim.recipients == ("Russia",)


@pytest.mark.parametrize(
    ("text", "actors", "recipients"),
    [
        # a coordinator joins two agents of a one-sided act ...
        ("朝鲜和俄罗斯周四否决了决议案。", {"North Korea", "Russia"}, set()),
        # ... while for a meeting the joined state stays the other party
        ("朝鲜和俄罗斯举行了会谈。", {"North Korea"}, {"Russia"}),
    ],
)
def test_roles_zh_coordinated_agents(text: str, actors: set[str], recipients: set[str]) -> None:
    claim = run(text, "zh")[0]
    assert set(claim.actors) == actors
    assert set(claim.recipients) == recipients


@pytest.mark.parametrize(
    ("text", "type_", "actor"),
    [
        ("朝鲜在金正恩出访期间发射了弹道导弹。", "THREATEN", "North Korea"),
        ("朝鲜在俄罗斯的帮助下发射了弹道导弹。", "THREATEN", "North Korea"),
    ],
)
def test_roles_zh_mention_after_zai_is_an_adverbial(text: str, type_: str, actor: str) -> None:
    """在 opens an adverbial (during Kim's trip, with Russia's help): not the subject."""
    claim = of_type(run(text, "zh"), type_)
    assert claim.actors == (actor,)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "러시아가 거부권을 행사한 것에 대해 국제사회가 비판하고 있다."),
        ("ja", "ロシアが拒否権を行使したことに対し、国際社会が批判している。"),
    ],
)
def test_roles_subject_of_the_clause_criticised_is_not_the_critic(lang: str, text: str) -> None:
    """…한 데 대해, …したことに対し close the act the main clause is about: its subject vetoed,
    it did not criticise (the critic here is no named party, so there is no criticism claim)."""
    claims = run(text, lang)
    assert of_type(claims, "REJECT").actors == ("Russia",)
    assert all(c.actors != ("Russia",) for c in claims if c.type == "ACCUSE")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "북한은 대량의 포탄을 러시아에 보냈다."),
        ("ja", "北朝鮮は大量の砲弾をロシアに送った。"),
        # the troops frame's trigger runs from the troops to the verb, goal included
        ("ko", "정보당국은 북한군 약 2000명이 러시아로 이동했다고 밝혔다."),
        ("ko", "북한이 특수부대를 러시아에 보냈다."),
    ],
)
def test_roles_goal_after_a_noun_trigger_is_the_recipient(lang: str, text: str) -> None:
    """포탄을 러시아에 보냈다: the goal between the goods and the verb receives them."""
    claim = of_type(run(text, lang), "AID")
    assert claim.actors == ("North Korea",)
    assert claim.recipients == ("Russia",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "북한은 포탄을 러시아에서 생산했다."),  # 에서: where, not to whom
        ("ko", "북한은 병력을 러시아에서 이동시켰다."),
        ("ko", "북한은 러시아로부터 병력을 이송했다."),  # 로부터: whence, not to whom
        ("ja", "北朝鮮は砲弾についてロシアに説明した。"),  # the goods are not sent
    ],
)
def test_roles_no_goal_after_a_noun_trigger(lang: str, text: str) -> None:
    for claim in run(text, lang):
        if claim.type == "AID":
            assert "Russia" not in claim.recipients


@pytest.mark.parametrize(
    ("lang", "text", "adjective"),
    [
        ("en", "The United States criticised the Russian veto of the draft.", "Russian"),
        ("ru", "США выразили сожаление в связи с российским вето.", "российским"),
    ],
)
def test_roles_a_country_adjective_owns_the_act_it_qualifies(
    lang: str, text: str, adjective: str
) -> None:
    """ "the Russian veto", "российским вето": Russia vetoed, whoever criticises it."""
    names = {**H.NAMES, adjective: ("Russia", "country")}
    article = H.article(text, lang)
    claims = RulesExtractor(min_confidence=0.0).extract(article, H.mentions(text, names=names))
    assert of_type(claims, "REJECT").actors == ("Russia",)


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("The agency says the North sent some three-thousand troops so far.", "some 3000 troops"),
        (
            "A total of ten thousand soldiers will be deployed by December.",
            "A total of 10000 soldiers",
        ),
        ("Officials counted seventy-five thousand shells at the depot.", "75000 shells"),
        ("The North sent about 1,500 troops last week.", "about 1,500 troops"),
    ],
)
def test_find_quantity_reads_english_counts_spelled_out(text: str, quantity: str) -> None:
    """A count in words is a figure like one in digits: it tells one disclosure from the next."""
    assert find_quantity(text, load_lexicon("en")) == quantity


@pytest.mark.parametrize(
    ("lang", "text", "quantity"),
    [
        # rounds and launchers are counted with their own words, not only people
        ("ja", "北朝鮮はロシアに砲弾を約300万発供与した。", "約300万発"),
        ("ko", "북한은 러시아에 포탄 약 300만 발을 제공했다.", "약 300만 발"),
        ("zh", "朝鲜向俄罗斯提供了300多万发炮弹。", "300多万发"),
        ("ru", "КНДР передала России 3 млн снарядов.", "3 млн снарядов"),
    ],
)
def test_find_quantity_counts_munitions(lang: str, text: str, quantity: str) -> None:
    assert find_quantity(text, load_lexicon(lang)) == quantity


@pytest.mark.parametrize(
    "text", ["One of the troops was wounded.", "North Korea sent troops to Russia."]
)
def test_find_quantity_needs_a_count(text: str) -> None:
    assert find_quantity(text, load_lexicon("en")) is None


def test_roles_ko_subject_inside_a_pattern_trigger() -> None:
    """의정서는 …가 서명했다: the trigger runs from the document to the verb, and the
    signers named between are its subject."""
    claim = of_type(run("이 의정서는 북한과 러시아가 서명했다.", "ko"), "AGREE")
    assert set(claim.actors) | set(claim.recipients) == {"North Korea", "Russia"}


@pytest.mark.parametrize(
    ("lang", "text", "target"),
    [
        ("ja", "米国はロシアと北朝鮮の軍事協力の拡大を非難した。", {"Russia", "North Korea"}),
        ("ko", "미국은 북한과 러시아의 군사 협력을 비난했다.", {"North Korea", "Russia"}),
    ],
)
def test_roles_owner_of_a_condemned_object_is_the_target(
    lang: str, text: str, target: set[str]
) -> None:
    """ロシアと北朝鮮の軍事協力の拡大を非難した: what is condemned belongs to its target."""
    claim = of_type(run(text, lang), "ACCUSE")
    assert target <= set(claim.recipients)


_GIFT_NAMES = {
    **H.NAMES,
    "俄罗斯总统": ("Vladimir Putin", "person"),
    "朝鲜最高领导人": ("Kim Jong Un", "person"),
    "金正恩": ("Kim Jong Un", "person"),
    "North Korean leader": ("Kim Jong Un", "person"),
    "Putin": ("Vladimir Putin", "person"),
    "Russian": ("Russia", "country"),
    "푸틴": ("Vladimir Putin", "person"),
}


def _gift(text: str, lang: str) -> Claim:
    claims = RulesExtractor(min_confidence=0.0).extract(
        H.article(text, lang), H.mentions(text, names=_GIFT_NAMES)
    )
    return of_type(claims, "AID")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the preposition marks the title; the name beside it is the same recipient
        ("zh", "俄罗斯总统普京向朝鲜最高领导人金正恩赠送了一辆轿车。"),
        ("en", "Putin presented a limousine to North Korean leader Kim Jong Un."),
    ],
)
def test_roles_a_title_and_its_name_side_by_side_are_one_participant(lang: str, text: str) -> None:
    gift = _gift(text, lang)
    assert gift.actors == ("Vladimir Putin",)
    assert gift.recipients == ("Kim Jong Un",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "푸틴 대통령이 김정은 국무위원장에게 러시아산 승용차를 선물했다."),
        ("ja", "プーチン大統領が金正恩総書記にロシア製の高級車を贈った。"),
        ("zh", "普京向金正恩赠送了一辆俄罗斯产轿车。"),
        ("en", "Putin has given Kim a Russian-made limousine."),
    ],
)
def test_roles_where_goods_were_made_is_no_party(lang: str, text: str) -> None:
    gift = _gift(text, lang)
    assert gift.actors == ("Vladimir Putin",)
    assert gift.recipients == ("Kim Jong Un",)


@pytest.mark.parametrize(
    ("text", "gift"),
    [
        ("Putin has given North Korean leader Kim Jong Un a Russian-made Aurus limousine.", True),
        ("Russia sent North Korea a gift of 447 goats.", True),
        # what follows a preposition is not what was given
        ("Kim gave a speech on the car industry.", False),
    ],
)
def test_roles_en_gift_is_the_object_of_giving(text: str, gift: bool) -> None:
    claims = RulesExtractor(min_confidence=0.0).extract(
        H.article(text, "en"), H.mentions(text, names=_GIFT_NAMES)
    )
    assert any(c.type == "AID" and c.mode == "gift" for c in claims) is gift


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "North Korea confirmed for the first time that it had deployed troops to Russia."),
        ("en", "North Korea acknowledged it sent troops to Russia."),
        ("ja", "北朝鮮は28日、ロシアに部隊を派遣したことを初めて公式に認めた。"),
        ("zh", "朝鲜首次承认向俄罗斯派兵。"),
        ("ru", "КНДР впервые признала, что она направила войска в Россию."),
    ],
)
def test_roles_a_speaker_owning_up_to_its_troops_is_their_sender(lang: str, text: str) -> None:
    troops = of_type(run(text, lang), "AID")
    assert troops.actors == ("North Korea",)
    assert troops.recipients == ("Russia",)
    assert troops.status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a third party confirming names the sender: the confirmation is no admission
        ("en", "The NIS confirmed that North Korea had sent troops to Russia."),
        ("zh", "国情院证实朝鲜向俄罗斯派兵。"),
    ],
)
def test_roles_a_third_party_confirming_troops_is_not_their_sender(lang: str, text: str) -> None:
    troops = of_type(run(text, lang), "AID")
    assert troops.actors == ("North Korea",)
    assert troops.status == Status.ALLEGED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a complement clause (…したことを確認した, …한 것을 확인했다) is reported by the topic
        ("ja", "国家情報院は、北朝鮮がロシアに部隊を派遣したことを確認した。"),
        ("ko", "국정원은 북한이 러시아에 부대를 파견한 것을 확인했다."),
        # a topic inside the act's own span is its agent; the opening topic reports it
        ("ja", "国家情報院は、北朝鮮軍はロシアに移動したと明らかにした。"),
    ],
)
def test_roles_sov_reporter_of_a_clause_is_not_the_sender(lang: str, text: str) -> None:
    troops = of_type(run(text, lang), "AID")
    assert troops.actors == ("North Korea",)
    assert troops.asserted_by == ("National Intelligence Service (South Korea)",)
    assert troops.status == Status.ALLEGED


def test_roles_ja_topic_inside_the_act_is_its_agent() -> None:
    # no verb of saying: the opening topic is still not the one whose troops moved
    text = (
        "国情院は、北朝鮮兵はロシア海軍の輸送艦で移動し、ロシアの軍服を支給されたとの見方を示した。"
    )
    troops = of_type(run(text, "ja"), "AID")
    assert troops.actors == ("North Korea",)


@pytest.mark.parametrize(
    "text",
    [
        "国家情報院は、部隊がロシアに移動したことを確認した。",
        "국정원은 부대가 러시아로 이동한 것을 확인했다.",
    ],
)
def test_roles_reporter_of_unowned_troops_is_not_their_sender(text: str) -> None:
    lang = "ja" if "国" in text else "ko"
    claims = run(text, lang)
    assert not any(
        c.type == "AID" and "National Intelligence Service (South Korea)" in c.actors
        for c in claims
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "미국은 북한이 러시아에 탄도미사일을 제공했다고 규탄했다."),
        # the clause condemned is an object: its subject is the accused, not the critic
        ("ko", "미국은 북한이 러시아에 탄도미사일을 제공한 것을 규탄했다."),
        ("ja", "米国は、北朝鮮がロシアに弾道ミサイルを供与したことを非難した。"),
        # a transfer named as a noun, its owner before it
        (
            "en",
            "The United States condemned North Korea's transfer of ballistic missiles to Russia.",
        ),
    ],
)
def test_roles_condemned_missile_transfer_is_an_accusation_of_the_supplier(
    lang: str, text: str
) -> None:
    accusation = of_type(run(text, lang), "ACCUSE")
    assert accusation.actors == ("United States",)
    assert accusation.recipients == ("North Korea",)
    assert accusation.object == "AID/military (munitions)"


def test_roles_ja_subject_of_a_condemned_clause_is_never_the_critic() -> None:
    # the critic is no mention here: better no critic than the accused as its own critic
    claims = run("各国の外相は、北朝鮮がロシアに弾道ミサイルを供与したことを非難した。", "ja")
    assert not any(c.type == "ACCUSE" and "North Korea" in c.actors for c in claims)
