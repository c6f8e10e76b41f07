"""decode_bytes: legacy CJK/Cyrillic encodings, BOMs, wrong declarations, binary data."""

from __future__ import annotations

import codecs

import pytest
from tests.unit.ingest.samples import EN, FR, JA, KO, RU, ZH, ZH_TW, html_page

from watchfloor.ingest.decode import (
    Decoded,
    EncodingSource,
    decode_bytes,
    decode_document,
    find_declared_charset,
    mojibake_score,
)
from watchfloor.records import MediaType, Reason, Rejected

LEGACY = [
    (JA, "shift_jis"),
    (JA, "cp932"),
    (JA, "euc_jp"),
    (JA, "iso2022_jp"),
    (KO, "euc_kr"),
    (KO, "cp949"),
    (ZH, "gb2312"),
    (ZH, "gbk"),
    (ZH, "gb18030"),
    (ZH_TW, "big5"),
    (ZH_TW, "cp950"),
    (RU, "cp1251"),
    (RU, "koi8_r"),
    (FR, "cp1252"),
]
WRONG_LABELS = [None, "utf-8", "euc-kr", "shift_jis", "gb2312", "big5", "iso-8859-1", "euc-jp"]


def assert_decodes(result: Decoded | Rejected, text: str) -> Decoded:
    assert isinstance(result, Decoded), result
    assert text in result.text
    return result


@pytest.mark.parametrize(("text", "codec"), LEGACY)
def test_decode_detects_legacy_encodings_without_declaration(text: str, codec: str) -> None:
    result = assert_decodes(decode_bytes(text.encode(codec)), text)
    assert result.source in (EncodingSource.DETECTED, EncodingSource.ESCAPES)


@pytest.mark.parametrize(("text", "codec"), LEGACY)
@pytest.mark.parametrize("label", WRONG_LABELS)
def test_decode_survives_wrong_meta_charset(text: str, codec: str, label: str | None) -> None:
    data = html_page(text, label).encode(codec)
    result = assert_decodes(decode_bytes(data, media_type=MediaType.HTML), text)
    assert result.meta == label


@pytest.mark.parametrize(("text", "codec"), LEGACY)
@pytest.mark.parametrize("label", WRONG_LABELS)
def test_decode_survives_wrong_declared_charset(text: str, codec: str, label: str | None) -> None:
    assert_decodes(decode_bytes(text.encode(codec), declared=label), text)


def test_decode_reports_a_wrong_declaration() -> None:
    data = html_page(JA, "utf-8").encode("shift_jis")
    result = decode_bytes(data, media_type=MediaType.HTML)
    assert isinstance(result, Decoded)
    assert result.encoding == "cp932"
    assert result.declaration_wrong


def test_decode_utf8_page_declaring_euc_kr_is_utf8() -> None:
    data = html_page(KO, "euc-kr").encode("utf-8")
    result = assert_decodes(decode_bytes(data, declared="euc-kr"), KO)
    assert result.source is EncodingSource.UTF8
    assert result.declaration_wrong


def test_decode_trusts_a_correct_declaration() -> None:
    result = decode_bytes(html_page(JA, "euc-jp").encode("euc_jp"))
    assert isinstance(result, Decoded)
    assert result.source is EncodingSource.META
    assert not result.declaration_wrong


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-be", None), ("utf-32", "utf-32")],
)
@pytest.mark.parametrize("text", [JA, KO, EN])
def test_decode_boms(codec: str, bom: str | None, text: str) -> None:
    data = text.encode(codec)
    if bom is None:
        data = codecs.BOM_UTF16_BE + data
    result = assert_decodes(decode_bytes(data), text)
    assert result.source is EncodingSource.BOM
    assert not result.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom(codec: str) -> None:
    assert_decodes(decode_bytes(EN.encode(codec)), EN)


def test_decode_utf8_cut_mid_character_is_still_utf8() -> None:
    data = JA.encode("utf-8")[:-1]
    result = decode_bytes(data)
    assert isinstance(result, Decoded)
    assert result.source is EncodingSource.UTF8
    assert JA[:-2] in result.text


def test_decode_mostly_utf8_with_a_stray_byte_is_lossy_utf8() -> None:
    data = (JA * 3).encode("utf-8") + b"\xff" + (JA * 3).encode("utf-8")
    result = decode_bytes(data)
    assert isinstance(result, Decoded)
    assert result.source is EncodingSource.LOSSY
    assert result.encoding == "utf-8"
    assert result.replacements == 1


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00\x00\x10",
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"text\x00with\x00nuls\x00everywhere\x00and more\x00",
    ],
)
def test_decode_binary_is_undecodable(data: bytes) -> None:
    result = decode_bytes(data)
    assert isinstance(result, Rejected)
    assert result.reason is Reason.UNDECODABLE
    assert result.data == data
    assert result.detail


def test_decode_random_high_bytes_are_undecodable() -> None:
    data = bytes((x * 37 + 129) % 127 + 128 for x in range(2000))
    result = decode_bytes(data)
    assert isinstance(result, Rejected)
    assert result.reason is Reason.UNDECODABLE


def test_decode_ignores_non_text_codec_labels() -> None:
    result = decode_bytes(RU.encode("cp1251"), declared="base64")
    assert_decodes(result, RU)


@pytest.mark.parametrize(
    ("head", "label"),
    [
        (b'<meta charset="Shift_JIS">', "Shift_JIS"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=euc-kr'>", "euc-kr"),
        (b'<?xml version="1.0" encoding="GB2312"?><rss/>', "GB2312"),
        (b"<html><body>no declaration</body></html>", None),
    ],
)
def test_decode_finds_declared_charset(head: bytes, label: str | None) -> None:
    assert find_declared_charset(head) == label


@pytest.mark.parametrize(("text", "codec"), [c for c in LEGACY[:11] if "2022" not in c[1]])
def test_decode_mojibake_score_separates_right_from_wrong(text: str, codec: str) -> None:
    data = text.encode(codec)
    right = mojibake_score(data.decode(codec), codec)
    assert right < 0.05
    for other in ("cp932", "euc_jp", "cp949", "gb18030", "big5hkscs", "cp1251", "cp1252"):
        try:
            wrong = data.decode(other)
        except UnicodeDecodeError:
            continue
        if wrong != data.decode(codec):
            assert mojibake_score(wrong, other) > right


def test_decode_document_attributes_the_rejection() -> None:
    from tests.conftest import make_raw

    doc = make_raw("https://example.com/x", b"\x00\x01\x02" * 10, MediaType.HTML)
    result = decode_document(doc)
    assert isinstance(result, Rejected)
    assert result.doc_id == doc.doc_id
    assert result.url == doc.url
    assert result.provenance == doc.provenance
