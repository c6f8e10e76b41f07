"""Language sections: runs, merged interruptions, titles."""

from __future__ import annotations

from watchfloor.language.sections import looks_like_headline, split_sections

JA_BODY = [
    "両国の首脳は19日、首都で会談し、経済協力の拡大で合意した。会談は約2時間にわたった。",
    "首脳は会談後、共同声明に署名し、来年の相互訪問を確認した。関係者が明らかにした。",
    "専門家は、今回の合意が地域の安全保障環境に影響を与える可能性があると指摘している。",
]
EN_BODY = [
    "The two leaders met in the capital on Tuesday and agreed to expand economic cooperation.",
    "They signed a joint statement after the talks and confirmed mutual visits next year.",
    "Experts said the agreement could affect the security environment in the region.",
]


def test_sections_two_languages_two_titled_sections() -> None:
    paras = [
        "首脳会談、経済協力拡大で合意",
        *JA_BODY,
        "Leaders agree to expand cooperation",
        *EN_BODY,
    ]
    langs = ["ja"] * 4 + ["en"] * 4
    drafts = split_sections(paras, langs)
    assert [(d.lang, d.title) for d in drafts] == [
        ("ja", "首脳会談、経済協力拡大で合意"),
        ("en", "Leaders agree to expand cooperation"),
    ]
    assert drafts[0].paragraphs == tuple(JA_BODY)


def test_sections_merge_tiny_interruption() -> None:
    paras = [JA_BODY[0], "(AP)", "Kim Jong Un", JA_BODY[1], JA_BODY[2]]
    drafts = split_sections(paras, ["ja", "en", "en", "ja", "ja"])
    assert len(drafts) == 1 and drafts[0].lang == "ja" and len(drafts[0].paragraphs) == 5


def test_sections_title_hint_applies_to_its_language() -> None:
    paras = ["首脳会談、経済協力拡大で合意", *JA_BODY, *EN_BODY]
    drafts = split_sections(
        paras, ["ja"] * 4 + ["en"] * 3, title_hint="Leaders agree", title_lang="en"
    )
    assert drafts[0].title == "首脳会談、経済協力拡大で合意"
    assert drafts[1].title == "Leaders agree"
    assert drafts[1].paragraphs == tuple(EN_BODY)


def test_sections_drop_label_before_headline() -> None:
    drafts = split_sections(["World", "Leaders agree to expand cooperation", *EN_BODY], ["en"] * 5)
    assert drafts[0].title == "Leaders agree to expand cooperation"
    assert drafts[0].removed == ("World",)


def test_sections_first_sentence_is_not_a_title() -> None:
    drafts = split_sections(EN_BODY, ["en"] * 3)
    assert drafts[0].title is None and drafts[0].paragraphs == tuple(EN_BODY)


def test_sections_single_paragraph_keeps_its_text() -> None:
    drafts = split_sections(["Leaders agree to expand cooperation"], ["en"])
    assert drafts[0].paragraphs == ("Leaders agree to expand cooperation",)


def test_sections_empty() -> None:
    assert split_sections([], []) == ()


def test_sections_headline_shape() -> None:
    assert looks_like_headline("ロシア代表団が平壌訪問 金氏、資源相と会談")
    assert not looks_like_headline("両国は条約を批准した。")
    assert not looks_like_headline("- 11月17日:平壌に到着")
