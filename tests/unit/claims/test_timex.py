"""Unit tests of the time-expression resolver: every family in ja/ko/zh/en/ru, month and year
boundaries, reference kinds, and the choice of the event's date in a sentence."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.claims.timex import (
    Governed,
    find_time_expressions,
    reference_from_text,
    resolve_by_reports,
    resolve_event_date,
)

TUE = date(2024, 11, 19)  # a Tuesday
NEW_YEAR = date(2024, 1, 2)  # a Tuesday, two days into the year
LEAP = date(2024, 3, 1)  # a Friday after 29 February

# (lang, sentence, reference, expected text, date, precision, rule)
CASES = [
    # --- Japanese ---
    (
        "ja",
        "両首脳は2024年11月19日に会談した。",
        TUE,
        "2024年11月19日",
        "2024-11-19",
        "day",
        "ja.absolute_date",
    ),
    (
        "ja",
        "声明は2024/11/19付で出された。",
        TUE,
        "2024/11/19",
        "2024-11-19",
        "day",
        "ja.absolute_date",
    ),
    ("ja", "代表団は11月18日に到着した。", TUE, "11月18日", "2024-11-18", "day", "ja.month_day"),
    ("ja", "式典は12月28日に開かれた。", NEW_YEAR, "12月28日", "2023-12-28", "day", "ja.month_day"),
    (
        "ja",
        "首相は十一月十八日に演説した。",
        TUE,
        "十一月十八日",
        "2024-11-18",
        "day",
        "ja.month_day",
    ),
    ("ja", "金総書記は18日に大臣と会談した。", TUE, "18日", "2024-11-18", "day", "ja.day_of_month"),
    (
        "ja",
        "大臣は１８日午後、平壌に着いた。",
        TUE,
        "１８日",
        "2024-11-18",
        "day",
        "ja.day_of_month",
    ),
    ("ja", "政府は20日に声明を出した。", TUE, "20日", "2024-10-20", "day", "ja.day_of_month"),
    ("ja", "双方は31日に合意した。", NEW_YEAR, "31日", "2023-12-31", "day", "ja.day_of_month"),
    ("ja", "議会は29日に可決した。", LEAP, "29日", "2024-02-29", "day", "ja.day_of_month"),
    ("ja", "議会は30日に可決した。", LEAP, "30日", "2024-01-30", "day", "ja.day_of_month"),
    ("ja", "大臣は19日(火)に会見した。", TUE, "19日(火)", "2024-11-19", "day", "ja.day_of_month"),
    ("ja", "使節団は去る19日に出発した。", TUE, "去る19日", "2024-10-19", "day", "ja.day_of_month"),
    (
        "ja",
        "首脳会談は来る25日に開かれる。",
        TUE,
        "来る25日",
        "2024-11-25",
        "day",
        "ja.day_of_month",
    ),
    ("ja", "首相は25日に訪問する予定だ。", TUE, "25日", "2024-11-25", "day", "ja.day_of_month"),
    ("ja", "大統領は火曜日に演説した。", TUE, "火曜日", "2024-11-19", "day", "ja.weekday"),
    ("ja", "大統領は月曜に演説した。", TUE, "月曜", "2024-11-18", "day", "ja.weekday"),
    ("ja", "閣議（金）で決まった。", TUE, "（金）", "2024-11-15", "day", "ja.weekday"),
    ("ja", "外相は金曜日に会見した。", NEW_YEAR, "金曜日", "2023-12-29", "day", "ja.weekday"),
    ("ja", "国防相は昨日、発表した。", TUE, "昨日", "2024-11-18", "day", "ja.relative_day"),
    ("ja", "国防相はきのう発表した。", NEW_YEAR, "きのう", "2024-01-01", "day", "ja.relative_day"),
    ("ja", "一昨日の会談で合意した。", NEW_YEAR, "一昨日", "2023-12-31", "day", "ja.relative_day"),
    ("ja", "明日、発表する。", TUE, "明日", "2024-11-20", "day", "ja.relative_day"),
    ("ja", "長官は3日前に辞任した。", NEW_YEAR, "3日前", "2023-12-30", "day", "ja.relative_day"),
    ("ja", "先週、条約を批准した。", TUE, "先週", "2024-11-14", "week", "ja.relative_week"),
    ("ja", "先週、条約を批准した。", NEW_YEAR, "先週", "2023-12-28", "week", "ja.relative_week"),
    ("ja", "来週に協議する。", TUE, "来週", "2024-11-28", "week", "ja.relative_week"),
    (
        "ja",
        "先週の金曜日に署名した。",
        TUE,
        "先週の金曜日",
        "2024-11-15",
        "day",
        "ja.relative_week_weekday",
    ),
    ("ja", "今月、条約を批准した。", TUE, "今月", "2024-11", "month", "ja.relative_month"),
    ("ja", "先月、軍を派遣した。", NEW_YEAR, "先月", "2023-12", "month", "ja.relative_month"),
    ("ja", "来月に訪問する。", TUE, "来月", "2024-12", "month", "ja.relative_month"),
    (
        "ja",
        "先月18日に署名した。",
        NEW_YEAR,
        "先月18日",
        "2023-12-18",
        "day",
        "ja.relative_month_day",
    ),
    ("ja", "昨年、関係が深まった。", NEW_YEAR, "昨年", "2023", "year", "ja.relative_year"),
    ("ja", "今年に入って接近した。", TUE, "今年", "2024", "year", "ja.relative_year"),
    ("ja", "来年に再訪する。", TUE, "来年", "2025", "year", "ja.relative_year"),
    (
        "ja",
        "金氏は昨年9月にロシアを訪れた。",
        TUE,
        "昨年9月",
        "2023-09",
        "month",
        "ja.relative_year_month",
    ),
    (
        "ja",
        "金氏は去年9月13日に会った。",
        TUE,
        "去年9月13日",
        "2023-09-13",
        "day",
        "ja.relative_year_date",
    ),
    ("ja", "両国は6月に条約に署名した。", TUE, "6月", "2024-06", "month", "ja.month"),
    ("ja", "両国は12月に協議した。", NEW_YEAR, "12月", "2023-12", "month", "ja.month"),
    ("ja", "2023年9月に首脳会談があった。", TUE, "2023年9月", "2023-09", "month", "ja.year_month"),
    ("ja", "2023年に初めて会った。", TUE, "2023年", "2023", "year", "ja.year"),
    ("ja", "令和5年に制定された。", TUE, "令和5年", "2023", "year", "ja.year"),
    # --- Korean ---
    (
        "ko",
        "양측은 2024년 11월 19일 회담했다.",
        TUE,
        "2024년 11월 19일",
        "2024-11-19",
        "day",
        "ko.absolute_date",
    ),
    (
        "ko",
        "발표는 2024. 11. 18. 나왔다.",
        TUE,
        "2024. 11. 18",
        "2024-11-18",
        "day",
        "ko.absolute_date",
    ),
    ("ko", "대표단은 11월 18일 도착했다.", TUE, "11월 18일", "2024-11-18", "day", "ko.month_day"),
    ("ko", "김 위원장은 18일 장관을 만났다.", TUE, "18일", "2024-11-18", "day", "ko.day_of_month"),
    (
        "ko",
        "김 위원장은 18일 오후 3시 장관을 만났다.",
        TUE,
        "18일",
        "2024-11-18",
        "day",
        "ko.day_of_month",
    ),
    ("ko", "양국은 31일 합의했다.", NEW_YEAR, "31일", "2023-12-31", "day", "ko.day_of_month"),
    ("ko", "의회는 29일 비준했다.", LEAP, "29일", "2024-02-29", "day", "ko.day_of_month"),
    ("ko", "장관은 지난 19일 출국했다.", TUE, "지난 19일", "2024-10-19", "day", "ko.day_of_month"),
    ("ko", "회의는 오는 25일 열린다.", TUE, "오는 25일", "2024-11-25", "day", "ko.day_of_month"),
    (
        "ko",
        "함정들은 지난 8~13일 동안 머물렀다.",
        TUE,
        "지난 8~13일",
        "2024-11-08",
        "day",
        "ko.day_of_month",
    ),
    ("ko", "대통령은 화요일 연설했다.", TUE, "화요일", "2024-11-19", "day", "ko.weekday"),
    ("ko", "외무상은 금요일 회견했다.", NEW_YEAR, "금요일", "2023-12-29", "day", "ko.weekday"),
    ("ko", "정부는 어제 발표했다.", NEW_YEAR, "어제", "2024-01-01", "day", "ko.relative_day"),
    ("ko", "정부는 그제 발표했다.", TUE, "그제", "2024-11-17", "day", "ko.relative_day"),
    ("ko", "정부는 오늘 발표했다.", TUE, "오늘", "2024-11-19", "day", "ko.relative_day"),
    ("ko", "정부는 내일 발표한다.", TUE, "내일", "2024-11-20", "day", "ko.relative_day"),
    ("ko", "장관은 3일 전 사임했다.", TUE, "3일 전", "2024-11-16", "day", "ko.relative_day"),
    (
        "ko",
        "북한은 지난주 조약을 비준했다.",
        TUE,
        "지난주",
        "2024-11-14",
        "week",
        "ko.relative_week",
    ),
    (
        "ko",
        "북한은 지난 주 조약을 비준했다.",
        NEW_YEAR,
        "지난 주",
        "2023-12-28",
        "week",
        "ko.relative_week",
    ),
    ("ko", "양측은 다음 주 협의한다.", TUE, "다음 주", "2024-11-28", "week", "ko.relative_week"),
    (
        "ko",
        "지난주 금요일 서명했다.",
        TUE,
        "지난주 금요일",
        "2024-11-15",
        "day",
        "ko.relative_week_weekday",
    ),
    ("ko", "양국은 이달 조약을 비준했다.", TUE, "이달", "2024-11", "month", "ko.relative_month"),
    ("ko", "북한은 지난달 파병했다.", NEW_YEAR, "지난달", "2023-12", "month", "ko.relative_month"),
    ("ko", "장관은 다음 달 방문한다.", TUE, "다음 달", "2024-12", "month", "ko.relative_month"),
    (
        "ko",
        "지난달 18일 서명했다.",
        NEW_YEAR,
        "지난달 18일",
        "2023-12-18",
        "day",
        "ko.relative_month_day",
    ),
    ("ko", "양국은 지난해 관계를 강화했다.", TUE, "지난해", "2023", "year", "ko.relative_year"),
    ("ko", "작년에 처음 만났다.", NEW_YEAR, "작년", "2023", "year", "ko.relative_year"),
    ("ko", "올해 협력이 늘었다.", TUE, "올해", "2024", "year", "ko.relative_year"),
    (
        "ko",
        "김 위원장은 지난해 9월 러시아를 방문했다.",
        TUE,
        "지난해 9월",
        "2023-09",
        "month",
        "ko.relative_year_month",
    ),
    ("ko", "양국은 6월 조약에 서명했다.", TUE, "6월", "2024-06", "month", "ko.month"),
    ("ko", "양국은 지난 11월 협의했다.", TUE, "지난 11월", "2023-11", "month", "ko.month"),
    ("ko", "2023년 9월 정상회담이 열렸다.", TUE, "2023년 9월", "2023-09", "month", "ko.year_month"),
    ("ko", "2023년 처음 만났다.", TUE, "2023년", "2023", "year", "ko.year"),
    # --- Chinese ---
    (
        "zh",
        "双方于2024年11月19日举行会谈。",
        TUE,
        "2024年11月19日",
        "2024-11-19",
        "day",
        "zh.absolute_date",
    ),
    ("zh", "代表团11月18日抵达平壤。", TUE, "11月18日", "2024-11-18", "day", "zh.month_day"),
    ("zh", "代表团11月18号抵达平壤。", TUE, "11月18号", "2024-11-18", "day", "zh.month_day"),
    ("zh", "金正恩18日会见了部长。", TUE, "18日", "2024-11-18", "day", "zh.day_of_month"),
    ("zh", "金正恩18号会见了部长。", TUE, "18号", "2024-11-18", "day", "zh.day_of_month"),
    ("zh", "金正恩18日下午3时会见了部长。", TUE, "18日", "2024-11-18", "day", "zh.day_of_month"),
    ("zh", "双方31日达成协议。", NEW_YEAR, "31日", "2023-12-31", "day", "zh.day_of_month"),
    ("zh", "总统星期二发表讲话。", TUE, "星期二", "2024-11-19", "day", "zh.weekday"),
    ("zh", "总统周一发表讲话。", TUE, "周一", "2024-11-18", "day", "zh.weekday"),
    ("zh", "外长週五举行记者会。", NEW_YEAR, "週五", "2023-12-29", "day", "zh.weekday"),
    ("zh", "双方上周二签署协议。", TUE, "上周二", "2024-11-12", "day", "zh.relative_week_weekday"),
    ("zh", "政府昨天宣布。", NEW_YEAR, "昨天", "2024-01-01", "day", "zh.relative_day"),
    ("zh", "政府前天宣布。", TUE, "前天", "2024-11-17", "day", "zh.relative_day"),
    ("zh", "政府今天宣布。", TUE, "今天", "2024-11-19", "day", "zh.relative_day"),
    ("zh", "政府明天宣布。", TUE, "明天", "2024-11-20", "day", "zh.relative_day"),
    ("zh", "部长3天前辞职。", TUE, "3天前", "2024-11-16", "day", "zh.relative_day"),
    ("zh", "朝鲜上周批准了条约。", NEW_YEAR, "上周", "2023-12-28", "week", "zh.relative_week"),
    ("zh", "双方下周会谈。", TUE, "下周", "2024-11-28", "week", "zh.relative_week"),
    ("zh", "双方本月批准了条约。", TUE, "本月", "2024-11", "month", "zh.relative_month"),
    ("zh", "朝鲜上个月派兵。", NEW_YEAR, "上个月", "2023-12", "month", "zh.relative_month"),
    ("zh", "部长下个月访问。", TUE, "下个月", "2024-12", "month", "zh.relative_month"),
    ("zh", "两国去年加强了关系。", NEW_YEAR, "去年", "2023", "year", "zh.relative_year"),
    ("zh", "两国今年加强了关系。", TUE, "今年", "2024", "year", "zh.relative_year"),
    (
        "zh",
        "金正恩去年9月访问俄罗斯。",
        TUE,
        "去年9月",
        "2023-09",
        "month",
        "zh.relative_year_month",
    ),
    ("zh", "两国6月签署条约。", TUE, "6月", "2024-06", "month", "zh.month"),
    ("zh", "2023年9月举行峰会。", TUE, "2023年9月", "2023-09", "month", "zh.year_month"),
    ("zh", "2023年首次会面。", TUE, "2023年", "2023", "year", "zh.year"),
    # --- English ---
    (
        "en",
        "The leaders met on Nov. 19, 2024, in Pyongyang.",
        TUE,
        "Nov. 19, 2024",
        "2024-11-19",
        "day",
        "en.absolute_date",
    ),
    (
        "en",
        "The deal was signed on November 18, 2024.",
        TUE,
        "November 18, 2024",
        "2024-11-18",
        "day",
        "en.absolute_date",
    ),
    (
        "en",
        "The deal was signed on 18 November 2024.",
        TUE,
        "18 November 2024",
        "2024-11-18",
        "day",
        "en.absolute_date",
    ),
    (
        "en",
        "The statement is dated 2024-11-18.",
        TUE,
        "2024-11-18",
        "2024-11-18",
        "day",
        "en.absolute_date",
    ),
    (
        "en",
        "The delegation arrived on November 17.",
        TUE,
        "November 17",
        "2024-11-17",
        "day",
        "en.month_day",
    ),
    (
        "en",
        "The delegation arrived on 17 November.",
        TUE,
        "17 November",
        "2024-11-17",
        "day",
        "en.month_day",
    ),
    (
        "en",
        "The vote took place on Dec. 28.",
        NEW_YEAR,
        "Dec. 28",
        "2023-12-28",
        "day",
        "en.month_day",
    ),
    (
        "en",
        "The minister arrived on the 18th.",
        TUE,
        "18th",
        "2024-11-18",
        "day",
        "en.day_of_month",
    ),
    (
        "en",
        "The parliament voted on the 31st, officials said.",
        NEW_YEAR,
        "31st",
        "2023-12-31",
        "day",
        "en.day_of_month",
    ),
    ("en", "Kim met Monday with the minister.", TUE, "Monday", "2024-11-18", "day", "en.weekday"),
    ("en", "The minister spoke on Tuesday.", TUE, "Tuesday", "2024-11-19", "day", "en.weekday"),
    (
        "en",
        "Troops crossed the border on Monday morning.",
        TUE,
        "Monday",
        "2024-11-18",
        "day",
        "en.weekday",
    ),
    ("en", "The minister spoke on Friday.", NEW_YEAR, "Friday", "2023-12-29", "day", "en.weekday"),
    ("en", "The envoy left last Tuesday.", TUE, "last Tuesday", "2024-11-12", "day", "en.weekday"),
    ("en", "The envoy leaves next Monday.", TUE, "next Monday", "2024-11-25", "day", "en.weekday"),
    ("en", "Putin will arrive on Wednesday.", TUE, "Wednesday", "2024-11-20", "day", "en.weekday"),
    (
        "en",
        "The ministry said so yesterday.",
        NEW_YEAR,
        "yesterday",
        "2024-01-01",
        "day",
        "en.relative_day",
    ),
    ("en", "Talks resume today.", TUE, "today", "2024-11-19", "day", "en.relative_day"),
    ("en", "Talks resume tomorrow.", TUE, "tomorrow", "2024-11-20", "day", "en.relative_day"),
    (
        "en",
        "He resigned two days ago.",
        NEW_YEAR,
        "two days ago",
        "2023-12-31",
        "day",
        "en.relative_day",
    ),
    (
        "en",
        "Last week, the country said it had ratified the pact.",
        TUE,
        "Last week",
        "2024-11-14",
        "week",
        "en.relative_week",
    ),
    (
        "en",
        "The pact was ratified last week.",
        NEW_YEAR,
        "last week",
        "2023-12-28",
        "week",
        "en.relative_week",
    ),
    (
        "en",
        "The pact was ratified earlier this week.",
        TUE,
        "earlier this week",
        "2024-11-19",
        "week",
        "en.relative_week",
    ),
    (
        "en",
        "Talks are planned for next week.",
        TUE,
        "next week",
        "2024-11-28",
        "week",
        "en.relative_week",
    ),
    (
        "en",
        "The treaty took effect this month.",
        TUE,
        "this month",
        "2024-11",
        "month",
        "en.relative_month",
    ),
    (
        "en",
        "Troops were sent last month.",
        NEW_YEAR,
        "last month",
        "2023-12",
        "month",
        "en.relative_month",
    ),
    ("en", "The two met last year.", NEW_YEAR, "last year", "2023", "year", "en.relative_year"),
    ("en", "Trade grew this year.", TUE, "this year", "2024", "year", "en.relative_year"),
    ("en", "Putin and Kim signed a treaty in June.", TUE, "June", "2024-06", "month", "en.month"),
    ("en", "The sides met in December.", NEW_YEAR, "December", "2023-12", "month", "en.month"),
    (
        "en",
        "They met in November, officials said.",
        TUE,
        "November",
        "2024-11",
        "month",
        "en.month",
    ),
    (
        "en",
        "The treaty was drafted in June 2023.",
        TUE,
        "June 2023",
        "2023-06",
        "month",
        "en.year_month",
    ),
    (
        "en",
        "Kim visited in September last year.",
        TUE,
        "September last year",
        "2023-09",
        "month",
        "en.relative_year_month",
    ),
    (
        "en",
        "The commission met on November 15 last year.",
        TUE,
        "November 15 last year",
        "2023-11-15",
        "day",
        "en.relative_year_date",
    ),
    ("en", "The two first met in 2019.", TUE, "2019", "2019", "year", "en.year"),
    # --- Russian ---
    (
        "ru",
        "Лидеры встретились 19 ноября 2024 года в Пхеньяне.",
        TUE,
        "19 ноября 2024 года",
        "2024-11-19",
        "day",
        "ru.absolute_date",
    ),
    (
        "ru",
        "Документ подписан 18.11.2024.",
        TUE,
        "18.11.2024",
        "2024-11-18",
        "day",
        "ru.absolute_date",
    ),
    ("ru", "Делегация прибыла 17 ноября.", TUE, "17 ноября", "2024-11-17", "day", "ru.month_day"),
    (
        "ru",
        "Голосование прошло 28 декабря.",
        NEW_YEAR,
        "28 декабря",
        "2023-12-28",
        "day",
        "ru.month_day",
    ),
    (
        "ru",
        "Министр прибыл 18-го числа.",
        TUE,
        "18-го числа",
        "2024-11-18",
        "day",
        "ru.day_of_month",
    ),
    ("ru", "Министр выступил во вторник.", TUE, "вторник", "2024-11-19", "day", "ru.weekday"),
    (
        "ru",
        "Министр выступил в понедельник утром.",
        TUE,
        "понедельник",
        "2024-11-18",
        "day",
        "ru.weekday",
    ),
    ("ru", "Министр выступил в пятницу.", NEW_YEAR, "пятницу", "2023-12-29", "day", "ru.weekday"),
    ("ru", "Посол уехал в прошлую среду.", TUE, "прошлую среду", "2024-11-13", "day", "ru.weekday"),
    (
        "ru",
        "Посол вернётся в следующий понедельник.",
        TUE,
        "следующий понедельник",
        "2024-11-25",
        "day",
        "ru.weekday",
    ),
    ("ru", "МИД сообщил об этом вчера.", NEW_YEAR, "вчера", "2024-01-01", "day", "ru.relative_day"),
    (
        "ru",
        "Переговоры начались позавчера.",
        TUE,
        "позавчера",
        "2024-11-17",
        "day",
        "ru.relative_day",
    ),
    ("ru", "Переговоры продолжатся завтра.", TUE, "завтра", "2024-11-20", "day", "ru.relative_day"),
    (
        "ru",
        "Он ушёл в отставку 3 дня назад.",
        TUE,
        "3 дня назад",
        "2024-11-16",
        "day",
        "ru.relative_day",
    ),
    (
        "ru",
        "Договор ратифицирован на прошлой неделе.",
        NEW_YEAR,
        "на прошлой неделе",
        "2023-12-28",
        "week",
        "ru.relative_week",
    ),
    (
        "ru",
        "Договор вступил в силу в этом месяце.",
        TUE,
        "в этом месяце",
        "2024-11",
        "month",
        "ru.relative_month",
    ),
    (
        "ru",
        "Войска прибыли в прошлом месяце.",
        NEW_YEAR,
        "в прошлом месяце",
        "2023-12",
        "month",
        "ru.relative_month",
    ),
    (
        "ru",
        "Стороны встретились в прошлом году.",
        NEW_YEAR,
        "в прошлом году",
        "2023",
        "year",
        "ru.relative_year",
    ),
    ("ru", "Торговля выросла в этом году.", TUE, "в этом году", "2024", "year", "ru.relative_year"),
    (
        "ru",
        "Ким посетил Россию в сентябре прошлого года.",
        TUE,
        "сентябре прошлого года",
        "2023-09",
        "month",
        "ru.relative_year_month",
    ),
    ("ru", "Договор подписан в июне.", TUE, "июне", "2024-06", "month", "ru.month"),
    ("ru", "Стороны встретились в декабре.", NEW_YEAR, "декабре", "2023-12", "month", "ru.month"),
    (
        "ru",
        "Проект подготовлен в июне 2023 года.",
        TUE,
        "июне 2023 года",
        "2023-06",
        "month",
        "ru.year_month",
    ),
    ("ru", "Впервые они встретились в 2019 году.", TUE, "2019 году", "2019", "year", "ru.year"),
]


@pytest.mark.parametrize(("lang", "sentence", "ref", "text", "when", "precision", "rule"), CASES)
def test_timex_resolves_each_family(
    lang: str, sentence: str, ref: date, text: str, when: str, precision: str, rule: str
) -> None:
    found = resolve_event_date(sentence, lang, ref)
    assert found is not None, sentence
    assert (found.text, found.date, found.precision, found.rule) == (text, when, precision, rule)
    assert sentence[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ja", "会合は3日間続いた。"),
        ("ja", "訪問2日目に工場を視察した。"),
        ("ko", "회의는 3일간 이어졌다."),
        ("ko", "사람들은 오늘날 그렇게 말한다."),
        ("zh", "安理会第18号文件。"),
        ("zh", "据今日俄罗斯电视台报道。"),
        ("en", "May I ask a question?"),
        ("en", "Officials meet on Mondays."),
        ("en", "The 18-month-old war goes on."),
        ("en", "They held the 11th session."),
        ("ru", "Окружающая среда пострадала."),
    ],
)
def test_timex_ignores_non_dates(lang: str, sentence: str) -> None:
    assert find_time_expressions(sentence, lang, TUE) == []


@pytest.mark.parametrize(
    ("lang", "sentence", "texts"),
    [
        ("en", "KCNA said Tuesday that Kim met Kozlov on Monday.", ["Tuesday", "Monday"]),
        ("en", "On Tuesday, KCNA said Kim met Kozlov on Monday.", ["Tuesday", "Monday"]),
        ("ja", "朝鮮中央通信は19日、金総書記が18日に大臣と会談したと伝えた。", ["19日", "18日"]),
        ("ko", "조선중앙통신은 19일 김 위원장이 18일 장관을 만났다고 보도했다.", ["19일", "18일"]),
        ("zh", "朝中社19日报道，金正恩18日会见了部长。", ["19日", "18日"]),
        (
            "ru",
            "МИД сообщил во вторник, что министр прибыл в понедельник.",
            ["вторник", "понедельник"],
        ),
    ],
)
def test_timex_event_date_skips_the_reporting_date(
    lang: str, sentence: str, texts: list[str]
) -> None:
    found = find_time_expressions(sentence, lang, TUE)
    assert [e.text for e in found] == texts
    assert found[0].governed is Governed.REPORTING
    best = resolve_event_date(sentence, lang, TUE)
    assert best is not None and best.text == texts[1] and best.date == "2024-11-18"


@pytest.mark.parametrize(
    ("lang", "sentence", "bound", "event"),
    [
        ("en", "Since 2019 the two have met often, and they met again in June.", "2019", "June"),
        ("ja", "2019年以来の協力の中で、両国は6月に条約に署名した。", "2019年", "6月"),
        ("ko", "2019년 이후 처음으로 양국은 6월 조약에 서명했다.", "2019년", "6월"),
        ("zh", "2019年以来，两国6月签署了条约。", "2019年", "6月"),
    ],
)
def test_timex_event_date_skips_since_bounds(
    lang: str, sentence: str, bound: str, event: str
) -> None:
    found = {e.text: e for e in find_time_expressions(sentence, lang, TUE)}
    assert found[bound].governed is Governed.SINCE
    best = resolve_event_date(sentence, lang, TUE)
    assert best is not None and best.text == event


@pytest.mark.parametrize(
    ("lang", "sentence", "kind", "expected"),
    [
        # the start of an ongoing activity dates it when nothing else does
        (
            "en",
            "North Korea has shipped shells to Russia since August last year.",
            "since",
            "2023-08",
        ),
        ("ko", "북한은 지난해 8월 이후 러시아에 포탄을 보냈다.", "since", "2023-08"),
        ("ja", "北朝鮮は2023年8月以降、ロシアに砲弾を送っている。", "since", "2023-08"),
        # an end point never does
        ("en", "The panel's mandate runs until April 30.", "bound", "2024-04-30"),
        ("ko", "전문가 패널의 임기는 4월 30일까지다.", "bound", "2024-04-30"),
    ],
)
def test_timex_start_and_end_bounds(lang: str, sentence: str, kind: str, expected: str) -> None:
    best = resolve_event_date(sentence, lang, date(2024, 10, 23))
    assert best is not None and best.governed == kind and best.date == expected


def test_timex_event_date_prefers_finer_precision_then_the_trigger() -> None:
    sentence = "Last week the parliament ratified the pact that Putin signed in June."
    best = resolve_event_date(sentence, "en", TUE)
    assert best is not None and best.precision == "week"
    two_days = "On Monday Kim arrived, and on Tuesday he met Kozlov."
    at = two_days.index("met")
    best = resolve_event_date(two_days, "en", TUE, trigger=(at, at + 3))
    assert best is not None and best.text == "Tuesday"
    assert resolve_event_date(two_days, "en", TUE) == find_time_expressions(two_days, "en", TUE)[0]


# Reference Tue 2024-06-18 as a publication date vs as a date taken from the text.
JUNE_TUE = date(2024, 6, 18)


@pytest.mark.parametrize(
    ("lang", "sentence", "published", "text_derived"),
    [
        ("en", "Putin arrived on Wednesday morning.", "2024-06-12", "2024-06-19"),
        ("en", "Putin arrived on Thursday.", "2024-06-13", "2024-06-20"),
        ("en", "Putin spoke on Friday.", "2024-06-14", "2024-06-21"),
        ("en", "Putin spoke on Saturday.", "2024-06-15", "2024-06-15"),
        ("en", "Putin spoke on Monday.", "2024-06-17", "2024-06-17"),
        ("en", "Putin spoke on Tuesday.", "2024-06-18", "2024-06-18"),
        ("ja", "プーチン氏は水曜日の午前に到着した。", "2024-06-12", "2024-06-19"),
        ("ko", "푸틴 대통령은 수요일 오전 도착했다.", "2024-06-12", "2024-06-19"),
        ("zh", "普京星期三上午抵达。", "2024-06-12", "2024-06-19"),
        ("ru", "Путин прибыл в среду утром.", "2024-06-12", "2024-06-19"),
        ("ja", "プーチン氏は20日に到着した。", "2024-05-20", "2024-06-20"),
        ("ja", "プーチン氏は24日に到着した。", "2024-05-24", "2024-06-24"),
        ("ja", "プーチン氏は25日に到着した。", "2024-05-25", "2024-05-25"),
        ("ko", "푸틴 대통령은 16일 출발했다.", "2024-06-16", "2024-06-16"),
    ],
)
def test_timex_reference_kind_changes_bare_days(
    lang: str, sentence: str, published: str, text_derived: str
) -> None:
    by_pub = resolve_event_date(sentence, lang, JUNE_TUE, "published")
    by_text = resolve_event_date(sentence, lang, JUNE_TUE, "text")
    assert by_pub is not None and by_text is not None
    assert (by_pub.date, by_text.date) == (published, text_derived)


@pytest.mark.parametrize(
    ("lang", "paragraphs", "expected"),
    [
        (
            "en",
            ["A caption: Putin in Yakutsk on Tuesday, June 18, 2024.", "He arrived Wednesday."],
            date(2024, 6, 18),
        ),
        (
            "ja",
            ["写真は2024年6月18日火曜日、ヤクーツクで撮影。", "水曜日に到着した。"],
            date(2024, 6, 18),
        ),
        ("ko", ["사진은 2023년 9월 13일 촬영.", "2024년 6월 18일 촬영한 사진."], date(2024, 6, 18)),
        ("zh", ["2024年6月18日，普京抵达雅库茨克。"], date(2024, 6, 18)),
        ("ru", ["Снимок сделан 18 июня 2024 года в Якутске."], date(2024, 6, 18)),
        (
            "en",
            ["The summit will be held on July 5, 2024.", "Photo: June 18, 2024."],
            date(2024, 6, 18),
        ),
        ("en", ["No dates here at all, only June and Monday."], None),
        # a term's end is no day of the page: "extended until 30 April 2025"
        (
            "en",
            ["Photo: March 28, 2024.", "The draft would have extended it until 30 April 2025."],
            date(2024, 3, 28),
        ),
    ],
)
def test_timex_reference_from_text_takes_the_latest_full_date(
    lang: str, paragraphs: list[str], expected: date | None
) -> None:
    assert reference_from_text(paragraphs, lang) == expected


def test_timex_text_reference_dates_the_seed_like_story() -> None:
    paragraphs = [
        "写真は2024年6月18日火曜日、ヤクーツクで撮影。",
        "プーチン氏は水曜日の午前、平壌に到着した。",
    ]
    ref = reference_from_text(paragraphs, "ja")
    best = resolve_event_date(paragraphs[1], "ja", ref, "text")
    assert best is not None and (best.date, best.rule) == ("2024-06-19", "ja.weekday")


def test_timex_week_precision_records_monday_and_midweek() -> None:
    found = resolve_event_date("The pact was ratified last week.", "en", TUE)
    assert found is not None
    assert (found.week_start, found.date, found.precision) == ("2024-11-11", "2024-11-14", "week")
    this_week = resolve_event_date("The pact was ratified this week.", "en", TUE)
    assert this_week is not None and this_week.date == "2024-11-19"  # not after the reference


@pytest.mark.parametrize(
    ("lang", "sentence", "kept"),
    [
        ("ja", "2024年11月19日と18日と先週に会った。", ["2024年11月19日"]),
        ("en", "On Nov. 19, 2024 and on Monday they met.", ["Nov. 19, 2024"]),
        ("de", "Am 2024-11-19 und gestern.", ["2024-11-19"]),
    ],
)
def test_timex_without_reference_keeps_only_absolute_dates(
    lang: str, sentence: str, kept: list[str]
) -> None:
    assert [e.text for e in find_time_expressions(sentence, lang, None)] == kept
    assert resolve_event_date("18日に会談した。", "ja", None) is None


@pytest.mark.parametrize("lang", ["ja", "ko", "zh", "en", "ru", "de"])
@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            list("0123456789年月日일월년号 -/.,、曜火金水周星期二Mondayinvбвтор()")
        ),
        max_size=40,
    )
)
def test_timex_never_raises_and_offsets_match(lang: str, text: str) -> None:
    for e in find_time_expressions(text, lang, TUE):
        assert text[e.start : e.end] == e.text
        assert e.precision in {"day", "week", "month", "year"}


def test_timex_accepts_a_datetime_reference() -> None:
    published = datetime(2024, 11, 19, 19, 5, tzinfo=UTC)
    found = resolve_event_date("Kim met Monday with the minister.", "en", published)
    assert found is not None and found.date == "2024-11-18"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # own sentences: 전했다 (reported) after a day is no "days ago"
        ("조선중앙통신이 21일 전했다.", "2024-11-21"),
        ("북한은 3일 전 미사일을 발사했다.", "2024-11-18"),
        # 전용 (special) after a day is no "days ago" either; a particle after 전 still is
        ("김 위원장은 지난 10일 전용 열차로 떠났다.", "2024-11-10"),
        ("북한은 3일 전에 미사일을 발사했다.", "2024-11-18"),
    ],
)
def test_timex_korean_ago_is_not_the_verb_convey(text: str, expected: str) -> None:
    from watchfloor.claims.timex import find_time_expressions

    found = find_time_expressions(text, "ko", date(2024, 11, 21), "published")
    assert [e.date for e in found] == [expected]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # own sentences: the day after the quotative dates the report, the subject between
        ("ko", "북한과 러시아는 18일 의정서를 체결했다고 19일 조선중앙통신이 보도했다."),
        ("ja", "両国は18日に議定書に調印したと19日、朝鮮中央通信が報じた。"),
    ],
)
def test_timex_day_after_the_quotative_dates_the_report(lang: str, sentence: str) -> None:
    best = resolve_event_date(sentence, lang, TUE)
    assert best is not None and best.date == "2024-11-18"


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # own sentences: minutes or hours before the report are the report's day
        ("ko", "대표단은 30여분 전 평양에 도착했다."),
        ("ja", "代表団は2時間前に平壌に到着した。"),
        ("zh", "代表团在20分钟前抵达平壤。"),
    ],
)
def test_timex_minutes_and_hours_ago_are_the_reference_day(lang: str, sentence: str) -> None:
    found = find_time_expressions(sentence, lang, TUE)
    assert [e.date for e in found] == [TUE.isoformat()]


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        # own sentences: a span of years names a period, a plan document is no future tense
        ("ko", "두 나라는 18일 회담을 열어 2025~2027년 교류계획서에 서명했다.", "2024-11-18"),
        ("en", "On Monday they signed the 2025-2027 exchange plan.", "2024-11-18"),
        # a plan to act still looks ahead
        ("ko", "김 위원장은 25일 러시아를 방문할 계획이다.", "2024-11-25"),
    ],
)
def test_timex_year_spans_and_plan_nouns(lang: str, sentence: str, expected: str) -> None:
    best = resolve_event_date(sentence, lang, TUE)
    assert best is not None and best.date == expected


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # the year written beside the day dates the founding, not the ending
        ("ja", "2015年に発足した監視団の活動は6月12日に終わった。"),
        ("en", "The mission, set up in 2015, ended its work on June 12."),
    ],
)
def test_timex_without_reference_a_coarser_written_date_is_not_the_event_date(
    lang: str, sentence: str
) -> None:
    assert resolve_event_date(sentence, lang, None) is None
    found = resolve_event_date(sentence, lang, date(2024, 6, 20))
    assert found is not None and found.date == "2024-06-12"


# an undated page of a story reported from 20 to 26 October 2024, mostly on the 21st
REPORTS = [date(2024, 10, 20)] * 2 + [date(2024, 10, 21)] * 5 + [date(2024, 10, 26)] * 2


@pytest.mark.parametrize(
    ("lang", "sentence", "expected", "rule"),
    [
        # a bare day: the month in which the story's reports fall just after it
        ("ja", "部隊の約2000人は25日にロシアへ移動した。", "2024-10-25", "ja.day_of_month"),
        ("ko", "병력 이송은 지난 9일부터 시작됐다.", "2024-10-09", "ko.day_of_month"),
        ("en", "The ships sailed on October 12, officials said.", "2024-10-12", "en.month_day"),
        # a weekday leans on the unknown publication day; the day written beside it does not
        ("en", "The ministers met on Monday (Oct 21) in Pyongyang.", "2024-10-21", "en.month_day"),
        # a day after every dated report: the page itself may be a later report
        ("ja", "監視団の任務は11月15日、終了した。", "2024-11-15", "ja.month_day"),
    ],
)
def test_timex_resolve_by_reports_reads_calendar_days_against_the_story(
    lang: str, sentence: str, expected: str, rule: str
) -> None:
    found = resolve_by_reports(sentence, lang, REPORTS)
    assert found is not None
    assert (found.date, found.rule) == (expected, rule)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The troops left on Friday."),  # a weekday leans on the unknown publication day
        ("ko", "병력은 어제 이동했다."),  # so does yesterday
        ("ja", "会談は2023年9月13日に行われた。"),  # a written year needs no story
        ("en", "The ministers met to discuss trade."),
        # the only reading of a month is ten months before every report: no story's date
        ("ko", "파병은 12월에 마무리될 계획이다."),
    ],
)
def test_timex_resolve_by_reports_leaves_other_expressions(lang: str, sentence: str) -> None:
    assert resolve_by_reports(sentence, lang, REPORTS) is None
    assert resolve_by_reports("병력 이송은 지난 9일부터 시작됐다.", "ko", []) is None


@pytest.mark.parametrize(
    ("lang", "sentence", "published", "expected"),
    [
        # a wire dispatch republished days later: its weekday is the dispatch's, not the page's
        (
            "en",
            "UNITED NATIONS, May 26 (Reuters) - China and Russia on Thursday vetoed the draft.",
            date(2022, 6, 3),
            "2022-05-26",
        ),
        (
            "zh",
            "联合国,5月26日(路透社)——中国和俄罗斯周四否决了决议草案。",
            date(2022, 6, 3),
            "2022-05-26",
        ),
        (
            "ru",
            "МОСКВА, 13 сентября. /ТАСС/. Путин вчера встретился с Ким Чен Ыном.",
            date(2023, 9, 20),
            "2023-09-12",
        ),
        (
            "en",
            "SEOUL, Nov 19 — Kim met yesterday with the Russian minister.",
            date(2024, 11, 25),
            "2024-11-18",
        ),
    ],
)
def test_timex_a_dateline_is_the_reference_of_its_sentence(
    lang: str, sentence: str, published: date, expected: str
) -> None:
    found = resolve_event_date(sentence, lang, published)
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("en", "MOSCOW, Sept. 13 (Xinhua) -- Vladimir Putin met Kim Jong Un.", "2024-09-13"),
        # a dateline dates the event when the sentence has nothing finer ("2024年" is coarser)
        (
            "zh",
            "俄罗斯卫星通讯社莫斯科11月17日电 科兹洛夫表示,双方已就2024年供应达成共识。",
            "2024-11-17",
        ),
        ("ja", "[国連 28日 ロイター] - 国連安全保障理事会は決議案を否決した。", "2024-11-28"),
    ],
)
def test_timex_a_dateline_dates_a_sentence_with_no_finer_time(
    lang: str, sentence: str, expected: str
) -> None:
    found = resolve_event_date(sentence, lang, date(2024, 11, 30))
    assert found is not None and found.dateline and found.governed is None
    assert found.date == expected


def test_timex_a_day_inside_a_sentence_is_no_dateline() -> None:
    found = find_time_expressions(
        "Kim met Putin on Sept. 13 - a rare trip.", "en", date(2023, 9, 20)
    )
    assert [e.governed for e in found] == [None]


@pytest.mark.parametrize(
    ("lang", "sentence", "verb", "expected"),
    [
        # a CJK time comes before its verb: past the verb and a clause break, it dates the next
        ("ja", "金正恩氏は10日に平壌を出発し、12日にハサンに到着した。", "出発し", "2023-09-10"),
        (
            "ko",
            "김 위원장은 10일 평양을 출발했으며, 12일 하산역에 도착했다.",
            "출발했",
            "2023-09-10",
        ),
        ("zh", "金正恩10日离开平壤，12日抵达哈桑。", "离开", "2023-09-10"),
        # a bracketed time right after a noun notes that noun's day
        ("ja", "総書記はプーチン氏と対面、会談(13日)を行った。", "対面", "2023-09-13"),
        # a verb that ends its clause before a break leaves the later time to another predicate
        ("ja", "金氏はコズロフ氏と会った上で、6月に結んだ条約に触れた。", "会った", None),
        ("ko", "김 위원장은 코즐로프 장관을 만났고, 6월에 체결한 조약을 언급했다.", "만났", None),
        # the time before it is still the verb's
        (
            "ja",
            "金氏は12日にコズロフ氏と会った上で、6月に結んだ条約に触れた。",
            "会った",
            "2023-09-12",
        ),
        # a noun trigger with its topic comma keeps the time its verb takes after the break
        ("ja", "両首脳の会談は、13日に行われた。", "会談", "2023-09-13"),
    ],
)
def test_timex_cjk_time_past_the_verb_and_a_break_belongs_to_the_next_clause(
    lang: str, sentence: str, verb: str, expected: str | None
) -> None:
    start = sentence.index(verb)
    best = resolve_event_date(sentence, lang, date(2023, 9, 14), trigger=(start, start + len(verb)))
    assert (best.date if best else None) == expected
