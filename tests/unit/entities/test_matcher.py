"""Multi-pattern matching per language: boundaries, particles, inflection, abbreviations."""

from __future__ import annotations

from functools import lru_cache

import pytest

from watchfloor.entities.matcher import Matcher, select
from watchfloor.entities.registry import LANGS, Registry
from watchfloor.entities.variants import russian_adjective_forms, russian_case_forms


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    return Matcher(Registry.load(), LANGS)


def found(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [
        (text[m.start : m.end], m.target.kind, m.target.ref)
        for m in select(matcher().scan(text, lang))
    ]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "ref"),
    [
        ("ko", "김정은은 어제 연설했다", "김정은", "kim-jong-un"),
        ("ko", "푸틴이 말했다", "푸틴", "vladimir-putin"),
        ("ja", "金正恩総書記が視察した", "金正恩", "kim-jong-un"),
        ("zh", "普京表示欢迎", "普京", "vladimir-putin"),
        ("zh", "習近平會見", "習近平", "xi-jinping"),
        ("ru", "встреча с Владимиром Путиным прошла", "Владимиром Путиным", "vladimir-putin"),
        ("ru", "в России заявили", "России", "country:RUS"),
        ("ru", "Шойгу прибыл", "Шойгу", "sergei-shoigu"),
        ("ru", "заседание Совета Безопасности ООН", "Совета Безопасности ООН", "unsc"),
        ("en", "Russia's envoy spoke", "Russia", "country:RUS"),
        ("en", "Kim Jong-un arrived", "Kim Jong-un", "kim-jong-un"),
        ("ja", "キム・ジョンウン氏", "キム・ジョンウン", "kim-jong-un"),
        ("ja", "キムジョンウン氏", "キムジョンウン", "kim-jong-un"),
    ],
)
def test_matcher_finds_names(lang: str, text: str, surface: str, ref: str) -> None:
    assert (surface, "actor", ref) in found(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Kimchi is served"),  # no match inside a word
        ("en", "the russian language"),  # case-sensitive proper names
        ("ja", "金曜日に会う"),  # 金 is Friday here
        ("ko", "대북한 정책"),  # short names must start a word
        ("ja", "今朝日本で"),  # 朝+日 inside 今朝日本 is no abbreviation run
        ("ja", "自由で開かれたインド太平洋"),  # a region, not India
    ],
)
def test_matcher_ignores_non_names(lang: str, text: str) -> None:
    kinds = {k for _s, k, ref in found(text, lang) if not ref.startswith("country:JPN")}
    assert "actor" not in kinds and "abbrev" not in kinds


@pytest.mark.parametrize(
    ("lang", "text", "refs"),
    [
        ("ja", "露朝首脳会談", {"country:RUS", "country:PRK"}),
        ("ko", "북·러 정상회담", {"country:PRK", "country:RUS"}),
        ("zh", "中俄关系和俄方立场", {"country:CHN", "country:RUS"}),
        ("ja", "日米韓が連携", {"country:JPN", "country:USA", "country:KOR"}),
    ],
)
def test_matcher_country_abbreviations(lang: str, text: str, refs: set[str]) -> None:
    assert refs <= {ref for _s, kind, ref in found(text, lang) if kind == "abbrev"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ja", "総書記は18日、ロシアの閣僚と会った"),  # 日 of a date, ロ opening ロシア
        ("ja", "会談は3日間続いた"),  # 日 as a counter before a listed suffix (間)
        ("ja", "両首脳は１９日、平壌で会談した"),  # full-width digits too
        ("ko", "지난 18일 북한은 발표했다"),  # 일 of a date
        ("zh", "18日军方发表声明"),  # 日 of a date before 军
    ],
)
def test_matcher_abbreviations_skip_dates_and_longer_words(lang: str, text: str) -> None:
    assert not [ref for _s, kind, ref in found(text, lang) if kind == "abbrev"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "국정원 “北병력 3000여명 러시아 이동”"),
        ("ko", "北 특수부대 1500명 파병"),
        ("ja", "国情院は「北が特殊部隊を輸送した」と明らかにした"),
        ("ja", "この期間、北の軍の動向を監視した"),
    ],
)
def test_matcher_standalone_north(lang: str, text: str) -> None:
    """Korean headlines and Korean-origin Japanese copy write North Korea as 北 alone."""
    assert ("北", "abbrev", "country:PRK") in found(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "남북 관계와 南北 정상회담"),  # inside a word of ideographs
        ("ko", "北京 방문"),
        ("ja", "平壌の北に位置する基地"),  # the compass point
        ("ja", "ミサイルは北へ飛んだ"),
        ("ja", "北米と欧州"),
        ("ja", "東北地方の港"),
        ("zh", "其实,北方的冬天"),  # no standalone form in Chinese
    ],
)
def test_matcher_standalone_north_needs_its_context(lang: str, text: str) -> None:
    assert not [ref for _s, kind, ref in found(text, lang) if ref == "country:PRK"]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "kind"),
    [
        ("ja", "金委員長は述べた", "金委員長", "surname_title"),
        ("ko", "김 위원장은 말했다", "김 위원장", "surname_title"),
        ("en", "Mr. Kim said", "Mr. Kim", "surname_title"),
        ("ru", "г-н Путин сказал", "г-н Путин", "surname_title"),
        ("en", "the Russian President said", "Russian President", "role"),
        ("ko", "러시아 대통령은", "러시아 대통령", "role"),
    ],
)
def test_matcher_titles_and_roles(lang: str, text: str, surface: str, kind: str) -> None:
    assert any(s == surface and k == kind for s, k, _r in found(text, lang))


@pytest.mark.parametrize(
    ("name", "person", "forms"),
    [
        ("Путин", True, {"Путина", "Путину", "Путиным", "Путине"}),
        ("Россия", False, {"России", "Россию", "Россией"}),
        ("Москва", False, {"Москвы", "Москве", "Москву", "Москвой"}),
        ("Шойгу", True, {"Шойгу"}),
        ("Северная Корея", False, {"Северной Кореи", "Северную Корею"}),
        ("Совет Безопасности ООН", False, {"Совета Безопасности ООН", "Советом Безопасности ООН"}),
        ("Мария Захарова", True, {"Марии Захаровой"}),
        ("Ким Чен Ын", True, {"Ким Чен Ына", "Ким Чен Ыну", "Ким Чен Ыном"}),
        ("Си Цзиньпин", True, {"Си Цзиньпину", "Си Цзиньпина"}),
    ],
)
def test_matcher_russian_case_forms(name: str, person: bool, forms: set[str]) -> None:
    assert forms <= russian_case_forms(name, person=person)


def test_matcher_offsets_index_original_text() -> None:
    text = "Kim\u00a0Jong\u00a0Un met Ｐｕｔｉｎ"  # folds keep length: nbsp and full-width letters
    for m in matcher().scan(text, "en"):
        assert 0 <= m.start < m.end <= len(text)
    assert ("Kim\u00a0Jong\u00a0Un", "actor", "kim-jong-un") in found(text, "en")


HOMOGRAPH_COUNTRIES = {"country:IND", "country:SDN", "country:JEY"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("그들은 인도적 지원을 보냈다", None),  # humanitarian, not India
        ("제재를 피할 수단을 찾았다", None),  # means, not Sudan
        ("범죄를 저지르는 상황", None),  # to commit, not Jersey
        ("인도 정부는 성명을 냈다", "country:IND"),
        ("수단 내전이 길어졌다", "country:SDN"),
        ("인도·파키스탄 국경", "country:IND"),
    ],
)
def test_matcher_ko_homograph_countries_need_context(text: str, country: str | None) -> None:
    refs = {ref for _s, _k, ref in found(text, "ko") if ref in HOMOGRAPH_COUNTRIES}
    assert refs == ({country} if country else set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Ukrainian outlets write the state's name in lower case on purpose
        ("Вчера россия заблокировала резолюцию.", True),
        ("Санкции против россии продлены.", True),
        # a short lower-case word stays a word: "того" is "of that", not Togo
        ("После того делегация уехала.", False),
    ],
)
def test_matcher_russian_lower_case_country(text: str, expected: bool) -> None:
    kinds = {ref for _, _, ref in found(text, "ru")}
    assert bool(kinds & {"country:RUS", "country:TGO"}) is expected


@pytest.mark.parametrize("text", ["南韓總統辦公室表示將密切關注", "韩国总统办公室发表声明"])
def test_matcher_zh_presidential_office_is_no_president(text: str) -> None:
    """总统办公室 is the office that speaks for the president, not the president."""
    refs = {ref for _s, _k, ref in found(text, "zh")}
    assert "president-office-rok" in refs and "yoon-suk-yeol" not in refs


@pytest.mark.parametrize(
    ("text", "surface", "ref"),
    [
        # a state's adjective in every gender, number and case, capitalised to open a sentence
        ("Российская делегация прибыла в Пхеньян.", "Российская", "country:RUS"),
        ("Северокорейские военные прибыли в Курск.", "Северокорейские", "country:PRK"),
        ("Глава российской делегации выступил.", "российской", "country:RUS"),
        ("О северокорейских рабочих сообщили вчера.", "северокорейских", "country:PRK"),
    ],
)
def test_matcher_russian_state_adjectives(text: str, surface: str, ref: str) -> None:
    assert (surface, ref) in {(s, r) for s, _k, r in found(text, "ru")}


def test_russian_adjective_forms_leave_other_names_alone() -> None:
    assert russian_adjective_forms("Россия") == {"Россия"}
    assert {"российская", "Российские", "российскими"} <= russian_adjective_forms("российский")
