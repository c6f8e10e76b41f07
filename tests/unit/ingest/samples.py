"""Short news sentences written for these tests (facts real, sentences our own), per language."""

JA = (
    "ロシアの安全保障会議書記が平壌を訪れ、金正恩総書記と会談した。両国は昨年６月に包括的戦略"
    "パートナーシップ条約に署名しており、軍事協力の拡大が続いている。国連安全保障理事会の制裁決議"
    "との整合性について、日米韓は強い懸念を表明した。"
)
KO = (
    "러시아 국가안보회의 서기가 평양을 방문해 김정은 국무위원장과 회담했다. 양국은 지난해 6월 "
    "포괄적 전략적 동반자 관계 조약에 서명했으며 군사 협력이 계속 확대되고 있다. 한미일 3국은 "
    "유엔 안전보장이사회 대북 제재 결의 위반 가능성에 깊은 우려를 나타냈다."
)
ZH = (
    "俄罗斯联邦安全会议秘书访问平壤，与朝鲜领导人金正恩举行会谈。两国去年六月签署了全面战略伙伴"
    "关系条约，军事合作不断扩大。日本、美国和韩国对可能违反联合国安理会制裁决议的行为表示严重关切。"
)
ZH_TW = (
    "俄羅斯聯邦安全會議秘書訪問平壤，與北韓領導人金正恩舉行會談。兩國去年六月簽署了全面戰略夥伴"
    "關係條約，軍事合作持續擴大。日本、美國和南韓對可能違反聯合國安理會制裁決議的行為表示嚴重關切。"
)
RU = (
    "Секретарь Совета безопасности России посетил Пхеньян и провёл переговоры с Ким Чен Ыном. "
    "В прошлом году две страны подписали договор о всеобъемлющем стратегическом партнёрстве, "
    "и военное сотрудничество продолжает расширяться."
)
EN = (
    "Russia's security council secretary visited Pyongyang and held talks with Kim Jong Un. "
    "The two countries signed a strategic partnership treaty last June."
)
FR = (
    "Le secrétaire du Conseil de sécurité russe s'est rendu à Pyongyang. Les deux pays ont signé "
    "un traité de partenariat stratégique l'année dernière."
)


def html_page(body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"
