"""A small hand-built store for the web tests: three documents in ja/en/ko, claims, two events,
stories, sources, a lead, a provisional entity and a quarantined input.

Every sentence here is written for these tests (facts may be real, wording is our own). Loaded by
path from the unit and browser conftests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from watchfloor.records import (
    Article,
    Claim,
    DocumentAssessment,
    Event,
    InputHints,
    Lead,
    MediaType,
    Mention,
    Origin,
    Provenance,
    RawDocument,
    Reason,
    Rejected,
    Section,
    SourceProfile,
    Span,
    Stance,
    Status,
    Story,
    TrailEntry,
    doc_id_for,
    sha256_hex,
)
from watchfloor.store.sqlite import SqliteStore

JA_TEXT = (
    "韓国の情報機関は18日、北朝鮮がロシアに兵士を派遣したと発表した。"
    "ロシア政府はこの報道を否定した。"
)
EN_TEXT = (
    "South Korea's spy agency said on Friday that North Korea had sent troops to Russia. "
    "Moscow rejected the report."
)
KO_TEXT = (
    "국가정보원은 북한이 러시아에 병력을 보냈다고 밝혔다. Example Shipping Co 선박도 언급됐다."
)
FARM_TEXT = (
    "Kim Jong Un welcomed Vladimir Putin in Pyongyang, the website wrote. "
    "<script>alert('x')</script> is not markup here."
)

URL_A = "https://wire.example.jp/news/troops"
URL_B = "https://news.example.kr/article/1"
URL_C = "https://farm.example.com/putin-kim"
DOC_A, DOC_B, DOC_C = doc_id_for(URL_A), doc_id_for(URL_B), doc_id_for(URL_C)


def _raw(url: str, text: str) -> RawDocument:
    data = text.encode()
    return RawDocument(
        doc_id=doc_id_for(url),
        url=url,
        sha256=sha256_hex(data),
        data=data,
        media_type=MediaType.TEXT,
        provenance=Provenance(kind="file", location=url),
        fetched_at=datetime(2024, 10, 18, tzinfo=UTC),
        hints=InputHints(),
    )


def _article(raw: RawDocument, site: str, published: datetime, sections: list[Section]) -> Article:
    return Article(
        doc_id=raw.doc_id,
        url=raw.url,
        sha256=raw.sha256,
        site=site,
        title=sections[0].title,
        published=published,
        published_source="input",
        author=None,
        credits=(),
        sections=tuple(sections),
        extractor="test",
    )


def _section(lang: str, title: str, text: str) -> Section:
    return Section(lang, title, text, paragraphs=(Span(0, len(text)),))


def _claim(cid: str, doc: str, section: int, text: str, sentence: str, **kw: object) -> Claim:
    start = text.index(sentence)
    base: dict[str, object] = {
        "claim_id": cid,
        "doc_id": doc,
        "section": section,
        "start": start,
        "end": start + len(sentence),
        "evidence": sentence,
    }
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def build_sample_store(path: Path) -> Path:
    """Write the sample store to ``path`` and return it."""
    store = SqliteStore(path)
    raw_a, raw_b, raw_c = (
        _raw(URL_A, JA_TEXT + EN_TEXT),
        _raw(URL_B, KO_TEXT),
        _raw(URL_C, FARM_TEXT),
    )
    ja_title, en_title = "北朝鮮、ロシアに派兵か", "Seoul says North Korea sent troops to Russia"
    article_a = _article(
        raw_a,
        "wire.example.jp",
        datetime(2024, 10, 18, 9, 0, tzinfo=UTC),
        [_section("ja", ja_title, JA_TEXT), _section("en", en_title, EN_TEXT)],
    )
    article_b = _article(
        raw_b,
        "news.example.kr",
        datetime(2024, 10, 18, 11, 0, tzinfo=UTC),
        [_section("ko", "북한, 러시아에 병력 파견", KO_TEXT)],
    )
    article_c = _article(
        raw_c,
        "farm.example.com",
        datetime(2024, 6, 20, tzinfo=UTC),
        [_section("en", "Putin <b>visits</b> Pyongyang", FARM_TEXT)],
    )
    ja_1 = "韓国の情報機関は18日、北朝鮮がロシアに兵士を派遣したと発表した。"
    ja_2 = "ロシア政府はこの報道を否定した。"
    en_1 = "South Korea's spy agency said on Friday that North Korea had sent troops to Russia."
    ko_1 = "국가정보원은 북한이 러시아에 병력을 보냈다고 밝혔다."
    farm_1 = "Kim Jong Un welcomed Vladimir Putin in Pyongyang, the website wrote."
    troops = {"type": "AID", "mode": "military", "actors": ("North Korea",),
              "recipients": ("Russia",), "date": "2024-10-18", "date_precision": "day"}  # fmt: skip
    nis = ("National Intelligence Service",)
    claims_a = (
        _claim("c-ja-1", DOC_A, 0, JA_TEXT, ja_1, asserted_by=nis, stance=Stance.ACCUSES,
               status=Status.ALLEGED, **troops),
        _claim("c-ja-2", DOC_A, 0, JA_TEXT, ja_2, asserted_by=("Russia",), stance=Stance.DENIES,
               status=Status.DENIED, **troops),
        _claim("c-en-1", DOC_A, 1, EN_TEXT, en_1, asserted_by=nis, stance=Stance.ACCUSES,
               status=Status.ALLEGED, **troops),
    )  # fmt: skip
    claims_b = (
        _claim("c-ko-1", DOC_B, 0, KO_TEXT, ko_1, asserted_by=nis, stance=Stance.ACCUSES,
               status=Status.ALLEGED, **troops),
    )  # fmt: skip
    claims_c = (
        _claim("c-farm-1", DOC_C, 0, FARM_TEXT, farm_1, type="CONSULT", mode="visit",
               actors=("Vladimir Putin",), recipients=("Kim Jong Un",), asserted_by=(),
               stance=Stance.REPORTS, status=Status.ASSERTED, date="2024-06-19",
               date_precision="day"),
    )  # fmt: skip
    ko_org = KO_TEXT.index("Example Shipping Co")
    mentions_b = (
        Mention(DOC_B, 0, ko_org, ko_org + 19, "Example Shipping Co", "prov:example-shipping",
                "Example Shipping Co", "organization", True, 0.6, "ner"),
        Mention(DOC_B, 0, KO_TEXT.index("북한"), KO_TEXT.index("북한") + 2, "북한",
                "country:PRK", "North Korea", "country", False, 0.95, "registry"),
    )  # fmt: skip
    with store.transaction():
        for raw, article, claims, mentions in (
            (raw_a, article_a, claims_a, ()),
            (raw_b, article_b, claims_b, mentions_b),
            (raw_c, article_c, claims_c, ()),
        ):
            store.put_raw(raw)
            store.put_article(article, "test")
            store.put_mentions(article.doc_id, mentions)
            store.put_claims(article.doc_id, claims)
        for doc, kind, rel, farm in (
            (DOC_A, "wire", 0.85, False),
            (DOC_B, "newspaper", 0.7, False),
            (DOC_C, "content_farm", 0.1, True),
        ):
            store.put_assessment(
                DocumentAssessment(doc, kind, rel, farm, farm, (("kind", rel),), ("sample",))
            )
        store.put_sources(
            [
                SourceProfile("wire.example.jp", "wire", "JPN", False, 0.85,
                              (("kind", 0.8), ("credits", 0.05)), 1),
                SourceProfile("news.example.kr", "newspaper", "KOR", False, 0.7,
                              (("kind", 0.7),), 1),
                SourceProfile("farm.example.com", "content_farm", None, False, 0.1,
                              (("kind", 0.3), ("machine_translated", -0.2)), 1),
            ]
        )  # fmt: skip
        store.put_origins(
            [Origin(DOC_A, (DOC_A,)), Origin(DOC_B, (DOC_B,)), Origin(DOC_C, (DOC_C,))]
        )
        store.put_stories(
            [
                Story("s-troops", (DOC_A, DOC_B), (("ja", ja_title), ("en", en_title),
                      ("ko", "북한, 러시아에 병력 파견")), ("ja", "en", "ko"),
                      article_a.published, article_b.published),
                Story("s-visit", (DOC_C,), (("en", "Putin visits Pyongyang"),), ("en",),
                      article_c.published, article_c.published),
            ]
        )  # fmt: skip
        trail = tuple(
            TrailEntry(c.claim_id, c.doc_id, c.asserted_by, c.stance, c.status, site)
            for c, site in (
                (claims_a[0], "wire.example.jp"),
                (claims_a[1], "wire.example.jp"),
                (claims_a[2], "wire.example.jp"),
                (claims_b[0], "news.example.kr"),
            )
        )
        store.put_events(
            [
                Event("e-troops", "AID", "military", ("North Korea",), ("Russia",), "2024-10-18",
                      "day", None, Status.ALLEGED, tuple(t.claim_id for t in trail),
                      (DOC_A, DOC_B), article_a.published, 2, 2,
                      ("National Intelligence Service", "Russia"), trail, "s-troops"),
                Event("e-visit", "CONSULT", "visit", ("Vladimir Putin",), ("Kim Jong Un",),
                      "2024-06-19", "day", "Pyongyang", Status.ASSERTED, ("c-farm-1",), (DOC_C,),
                      article_c.published, 1, 0, (),
                      (TrailEntry("c-farm-1", DOC_C, (), Stance.REPORTS, Status.ASSERTED,
                                  "farm.example.com"),), "s-visit"),
            ]
        )  # fmt: skip
        store.put_leads(
            [
                Lead("l-1", "scientific_cooperation", "UNSCR 2270 (2016), para. 11",
                     ("e-troops",), (DOC_A, DOC_B), 0.6,
                     "Reported military aid from North Korea to Russia; review it."),
            ]
        )  # fmt: skip
    store.quarantine(
        Rejected(
            doc_id=None,
            stage="ingest.read",
            reason=Reason.NOT_FOUND,
            detail="no such file or directory: /nonexistent/page.html",
            provenance=Provenance(kind="file", location="/nonexistent/page.html"),
        )
    )
    store.close()
    return path
