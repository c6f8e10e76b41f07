"""build_sections end to end on hand-written pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from watchfloor.extract.article import build_sections

LANGS = ["ja", "ko", "en", "ru", "zh"]

BILINGUAL = "\n".join(
    [
        "外相会談、協力拡大で一致",
        "両国の外相は18日、東京で会談し、経済や安全保障の分野で協力を拡大することで一致した。会談は約1時間行われた。",
        "外相は会談後の記者会見で「関係は新たな段階に入った」と強調した。両国は来年、首脳会談の開催を目指す。",
        "〔時事〕(2024/11/18-21:10)",
        "Foreign ministers agree to expand cooperation",
        (
            "The foreign ministers of the two countri"
            "es met in Tokyo on Monday and agreed to "
            "widen cooperation in the economy and sec"
            "urity, officials said."
        ),
        (
            "The meeting lasted about an hour, and bo"
            "th sides said they would aim for a summi"
            "t next year."
        ),
        ("Speaking to reporters afterwards, the minister said relations had entered a new stage."),
        "最新ニュース",
        "-",
        "株価、続落して取引終了",
        "-",
        "週末の天気 全国で晴れ",
        "",
    ]
)


def test_article_splits_bilingual_page_into_two_titled_sections() -> None:
    result = build_sections(
        BILINGUAL, title_hint=None, lang_hint=None, languages=LANGS, is_html_main_text=False
    )
    assert [s.lang for s in result.sections] == ["ja", "en"]
    assert result.sections[0].title == "外相会談、協力拡大で一致"
    assert result.sections[1].title == "Foreign ministers agree to expand cooperation"
    assert all("株価" not in s.text for s in result.sections)
    assert result.credits == ("Jiji Press", "時事")
    assert result.published is not None
    assert result.published.value == datetime(2024, 11, 18, 21, 10, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_article_offsets_index_the_section_text() -> None:
    result = build_sections(
        BILINGUAL, title_hint=None, lang_hint=None, languages=LANGS, is_html_main_text=False
    )
    for section in result.sections:
        assert section.title is not None and section.title not in section.text
        paras = [section.text[p.start : p.end] for p in section.paragraphs]
        assert "\n".join(paras) == section.text
        for s in section.sentences:
            sentence = section.text[s.start : s.end]
            assert sentence == sentence.strip() and sentence


def test_article_title_hint_goes_to_its_language_section() -> None:
    page = (
        "北朝鮮が弾道ミサイル発射\n"
        "防衛省によると、北朝鮮は19日朝、弾道ミサイルを発射した。日本のEEZ外に落下したとみられる。"
    )
    result = build_sections(
        page,
        title_hint="北朝鮮が弾道ミサイル発射",
        lang_hint="ja",
        languages=LANGS,
        is_html_main_text=True,
    )
    assert len(result.sections) == 1
    assert result.sections[0].title == "北朝鮮が弾道ミサイル発射"
    assert result.sections[0].text.startswith("防衛省")


def test_article_empty_body_gives_no_sections() -> None:
    result = build_sections(
        " \n\n", title_hint=None, lang_hint="en", languages=LANGS, is_html_main_text=False
    )
    assert result.sections == () and result.published is None
