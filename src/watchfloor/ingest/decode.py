"""Decode the bytes of a page or text into ``str``, telling which encoding was used and why.

Order: BOM, then 7-bit ISO-2022 escapes, then strict UTF-8, then the charset the transport
declared or the document declares (``<meta charset>``, http-equiv, XML declaration) *if* it
decodes strictly and the text looks plausible, then charset-normalizer restricted to the
encodings news pages actually use, re-ranked by a mojibake score. Declarations are often wrong
(a page says utf-8 but is Shift_JIS, says euc-kr but is UTF-8), so none is trusted blindly.
Binary data (NUL bytes, control characters) is ``Reason.UNDECODABLE``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from charset_normalizer import from_bytes

from watchfloor.records import MediaType, Provenance, RawDocument, Reason, Rejected

STAGE = "ingest.decode.v1"

# A declared or detected encoding is accepted when its mojibake score is at most this.
PLAUSIBLE = 0.08
# Detection is accepted outright at most this score; lossy readings must also reach it.
GOOD = 0.15
# No candidate scoring worse than this is accepted at all: the bytes are not text we can read.
IMPLAUSIBLE = 0.3
# Lossy decoding (U+FFFD for bad bytes) is accepted when at most this share of chars is lost.
MAX_LOSSY_RATIO = 0.01
# A stated charset loses to detection only when detection scores better by more than this.
STATED_MARGIN = 0.005
# How many characters of a decoded candidate are scored (head, middle and tail slices).
_SAMPLE_CHARS = 12_000
_HEAD_BYTES = 32_768  # where <meta charset> and the XML declaration are looked for


class EncodingSource(StrEnum):
    """How the encoding of a text was decided."""

    BOM = "bom"
    ESCAPES = "escapes"  # ISO-2022 escape sequences in 7-bit data
    UTF8 = "utf-8"  # strict UTF-8 (ASCII included)
    DECLARED = "declared"  # the transport's charset (HTTP header, WARC, caller)
    META = "meta"  # the document's own declaration
    DETECTED = "detected"  # statistical detection
    LOSSY = "lossy"  # best candidate with a few undecodable bytes replaced


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and how it was decided."""

    text: str
    encoding: str  # Python codec name, e.g. "utf-8", "cp932", "gb18030"
    source: EncodingSource
    declared: str | None = None  # charset label given by the transport, as given
    meta: str | None = None  # charset label found in the document, as given
    replacements: int = 0  # U+FFFD inserted (lossy decoding only)
    score: float = 0.0  # mojibake score of the chosen decoding (0 = clean)

    @property
    def declaration_wrong(self) -> bool:
        """True when a declared/meta charset existed but the bytes were not in it."""
        labels = [label for label in (self.declared, self.meta) if label]
        if not labels or self.source in (EncodingSource.DECLARED, EncodingSource.META):
            return False
        used = codecs.lookup(self.encoding).name
        return all(_family(label) != _family(used) for label in labels)


# Labels browsers treat as supersets (WHATWG Encoding Standard): decode with the superset.
_ALIASES: dict[str, tuple[str, ...]] = {
    "shift_jis": ("cp932", "shift_jis_2004"),
    "shift-jis": ("cp932", "shift_jis_2004"),
    "sjis": ("cp932", "shift_jis_2004"),
    "x-sjis": ("cp932", "shift_jis_2004"),
    "ms_kanji": ("cp932",),
    "csshiftjis": ("cp932",),
    "windows-31j": ("cp932",),
    "cp932": ("cp932",),
    "euc-jp": ("euc_jp", "euc_jis_2004", "cp932"),
    "x-euc-jp": ("euc_jp", "euc_jis_2004"),
    "iso-2022-jp": ("iso2022_jp_2", "iso2022_jp_ext"),
    "euc-kr": ("cp949",),
    "ks_c_5601-1987": ("cp949",),
    "ksc5601": ("cp949",),
    "windows-949": ("cp949",),
    "uhc": ("cp949",),
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "x-gbk": ("gb18030",),
    "cp936": ("gb18030",),
    "euc-cn": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5hkscs", "cp950"),
    "big5-hkscs": ("big5hkscs",),
    "x-x-big5": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "iso-8859-1": ("cp1252", "latin-1"),
    "latin1": ("cp1252", "latin-1"),
    "us-ascii": ("cp1252", "latin-1"),
    "ascii": ("cp1252", "latin-1"),
    "windows-1252": ("cp1252", "latin-1"),
}

# Candidates for detection: the encodings legacy ja/ko/zh/ru/en news pages use, in tie-break
# order. Unrestricted detection picks exotic code pages (mac_cyrillic, cp1125, ...).
DETECT_CANDIDATES: tuple[str, ...] = (
    "cp932",
    "euc_jp",
    "cp949",
    "gb18030",
    "big5hkscs",
    "cp1251",
    "koi8_r",
    "cp1252",
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_RE = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]{1,40})", re.I)
_XML_RE = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._\-]{1,40})", re.I)
_ISO2022_RE = re.compile(rb"\x1b(?:\$[@AB(]|\$\)C|\(J|\(B|\$\(D)")
# C0 controls other than \t \n \v \f \r and ESC (ISO-2022), plus DEL: never in real text.
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x1C, 0x1D}
_CONTROL_BYTES |= {0x1E, 0x1F, 0x7F}
_CONTROL_DELETE = bytes(sorted(_CONTROL_BYTES))


def _family(label: str) -> str:
    """A canonical codec name for comparing labels (cp932 and shift_jis are one family)."""
    key = label.strip().lower()
    candidates = _ALIASES.get(key)
    name = candidates[0] if candidates else key
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return key
    return {"utf-8-sig": "utf-8", "shift_jis": "cp932", "euc_kr": "cp949"}.get(name, name)


def codecs_for_label(label: str) -> tuple[str, ...]:
    """Python text codecs to try for a charset label, most likely first; () if unknown."""
    key = label.strip().strip("\"'").lower()
    names = _ALIASES.get(key, (key,))
    found: list[str] = []
    for name in names:
        try:
            info = codecs.lookup(name)
        except LookupError:
            continue
        # Refuse bytes-to-bytes "codecs" (base64, zlib, rot13) a hostile page may name.
        if not getattr(info, "_is_text_encoding", True):
            continue
        if info.name not in found:
            found.append(info.name)
    return tuple(found)


def find_declared_charset(data: bytes) -> str | None:
    """The charset a document declares in its head: XML declaration or ``<meta>``."""
    head = data[:_HEAD_BYTES]
    match = _XML_RE.search(head) or _META_RE.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii", "replace")


def _reject(data: bytes, detail: str) -> Rejected:
    return Rejected(doc_id=None, stage=STAGE, reason=Reason.UNDECODABLE, detail=detail, data=data)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError, TypeError, ValueError):
        return None


def _utf8_allowing_truncation(data: bytes) -> str | None:
    """Strict UTF-8, tolerating only an incomplete character cut off at the very end."""
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _binary_reason(data: bytes) -> str | None:
    """Why bytes without a BOM look binary rather than text, or None."""
    head = data[:65_536]
    if not head:
        return None
    nuls = head.count(0)
    if nuls:
        return f"binary data: {nuls} NUL bytes in the first {len(head)} bytes"
    controls = len(head) - len(head.translate(None, _CONTROL_DELETE))
    if controls > max(2, len(head) // 100):
        return f"binary data: {controls} control bytes in the first {len(head)} bytes"
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM shows NULs in every other byte for ASCII-range characters."""
    head = data[:4096]
    if len(head) < 4 or len(data) % 2:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    for codec, nuls, other in (
        ("utf-16-le", odd_nuls, even_nuls),
        ("utf-16-be", even_nuls, odd_nuls),
    ):
        if nuls > half * 0.3 and other < half * 0.02:
            text = _strict(data, codec)
            if text is not None and mojibake_score(text, codec) <= PLAUSIBLE:
                return text, codec
    return None


# --- plausibility -------------------------------------------------------------------------


def _decode_range(codec: str, leads: Iterable[int], trails: Iterable[int]) -> frozenset[str]:
    trail_list = list(trails)
    chars: set[str] = set()
    for lead in leads:
        for trail in trail_list:
            text = _strict(bytes((lead, trail)), codec)
            if text is not None and len(text) == 1:
                chars.add(text)
    return frozenset(chars)


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """Han characters in the first (frequent) level of GB2312, Big5 or JIS X 0208."""
    trails94 = range(0xA1, 0xFF)
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    return (
        _decode_range("gb2312", range(0xB0, 0xD8), trails94)
        | _decode_range("big5", range(0xA4, 0xC7), big5_trails)
        | _decode_range("euc_jp", range(0xB0, 0xD0), trails94)
    )


@lru_cache(maxsize=1)
def _jis_han() -> frozenset[str]:
    """Han characters Japanese text can contain: JIS X 0208 plus the cp932 extensions."""
    cp932_trails = [*range(0x40, 0x7F), *range(0x80, 0xFD)]
    return _decode_range("cp932", [*range(0x88, 0xA0), *range(0xE0, 0xFD)], cp932_trails)


@lru_cache(maxsize=1)
def _ksx1001_hangul() -> frozenset[str]:
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR): nearly all of real Korean text."""
    return _decode_range("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _is_latin_letter(ch: str) -> bool:
    """Accented Latin letters (Latin-1 Supplement and Extended-A/B)."""
    return "\u00c0" <= ch <= "\u024f" and ch not in "\u00d7\u00f7"


# Typographic marks real text uses next to letters; not counted as mojibake symbols.
_TYPOGRAPHIC = frozenset(
    "\u00a0\u00ab\u00bb\u00b0\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u2026\u2116\u2022"
)


def _is_odd_symbol(ch: str) -> bool:
    """Symbols single-byte mojibake is made of: Latin-1 signs, box drawing, math, arrows."""
    if ch in _TYPOGRAPHIC:
        return False
    o = ord(ch)
    return (
        0xA1 <= o <= 0xBF or 0x2B0 <= o <= 0x2FF or 0x2010 <= o <= 0x203A or 0x2100 <= o <= 0x25FF
    )


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_CHARS:
        return text
    third = _SAMPLE_CHARS // 3
    mid = len(text) // 2
    return text[:third] + text[mid - third // 2 : mid + third // 2] + text[-third:]


_JAPANESE_CODECS = frozenset(
    {"cp932", "shift_jis", "shift_jis_2004", "euc_jp", "euc_jis_2004", "iso2022_jp_2"}
)
_KOREAN_CODECS = frozenset({"cp949", "euc_kr", "iso2022_kr"})


def mojibake_score(text: str, codec: str | None = None) -> float:
    """Share of suspicious characters among the non-ASCII ones (0 = clean, 1+ = garbage).

    Signals, each a known signature of decoding with the wrong codec: control, private-use and
    unassigned characters; half-width katakana; Han characters outside the frequent levels of
    GB2312/Big5/JIS (or outside JIS when kana show the text is Japanese); Hangul outside
    KS X 1001; ideographs separated by spaces (zh/ja do not space words); Hangul and Han
    alternating; runs of accented letters and symbols; Cyrillic inside Latin words; case flips
    and mostly-uppercase Cyrillic. With ``codec``, a Japanese codec must yield kana and a
    Korean one Hangul when the text is full of ideographs.
    """
    sample = _sample(text)
    counts = {"kana": 0, "han": 0, "hangul": 0, "upper": 0, "lower": 0}
    non_ascii = 0
    for ch in sample:
        if ch >= "\x80":
            non_ascii += 1
            if _is_kana(ch):
                counts["kana"] += 1
            elif _is_han(ch):
                counts["han"] += 1
            elif _is_hangul(ch):
                counts["hangul"] += 1
            elif _is_cyrillic(ch) and ch.isalpha():
                counts["upper" if ch.isupper() else "lower"] += 1
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0b\x0c\x1b")
    if non_ascii == 0:
        return controls / max(1, len(sample))
    kana, han, hangul = counts["kana"], counts["han"], counts["hangul"]
    japanese = kana >= 0.1 * (kana + han) and kana >= 3
    common, jis, hangul_ok = _common_han(), _jis_han(), _ksx1001_hangul()
    bad = float(controls)
    prev = prev2 = " "
    for ch in sample:
        if ch >= "\x80":
            if _is_han(ch):
                if japanese and ch not in jis:
                    bad += 1.0
                elif ch not in common:
                    bad += 0.5
                if prev == " " and _is_han(prev2):
                    bad += 1.0  # ideographs separated by spaces: Korean bytes read as Chinese
                if _is_hangul(prev):
                    bad += 0.5
            elif _is_hangul(ch):
                if ch not in hangul_ok:
                    bad += 0.5
                if _is_han(prev):
                    bad += 0.5
            elif "\uff61" <= ch <= "\uff9f":
                bad += 0.5  # half-width katakana: EUC-JP read as Shift_JIS
            elif _is_latin_letter(ch):
                if prev >= "\x80" and not prev.isspace() and prev not in _TYPOGRAPHIC:
                    bad += 0.5
            elif _is_odd_symbol(ch):
                bad += 0.25
                if prev >= "\x80" and not prev.isspace() and prev not in _TYPOGRAPHIC:
                    bad += 0.5
            elif _is_cyrillic(ch):
                if prev.isascii() and prev.isalpha():
                    bad += 1.0  # a Latin word with Cyrillic inside: cp1252 read as cp1251
                elif ch.isupper() and prev.islower() and _is_cyrillic(prev):
                    bad += 1.0
            else:
                category = unicodedata.category(ch)
                if category in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd":
                    bad += 1.0
        prev2, prev = prev, ch
    cased = counts["upper"] + counts["lower"]
    if cased >= 30 and counts["upper"] > 0.5 * cased:
        bad += counts["upper"] - 0.5 * cased  # body text is mostly lower case in any script
    ideographs = han + kana + hangul
    if codec in _JAPANESE_CODECS and han >= 20 and kana < 0.05 * ideographs:
        bad += 0.5 * han  # a Japanese codec gave ideographs without kana: not Japanese text
    if codec in _KOREAN_CODECS and han >= 20 and hangul < 0.2 * ideographs:
        bad += 0.5 * han
    return bad / non_ascii


# --- decoding -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    codec: str
    score: float


def _best_candidate(data: bytes, codecs_to_try: Iterable[str]) -> _Candidate | None:
    """Strictly decode with each codec, score, and keep the least suspicious (ties: order)."""
    best: _Candidate | None = None
    for codec in codecs_to_try:
        text = _strict(data, codec)
        if text is None:
            continue
        score = mojibake_score(text, codec)
        if best is None or score < best.score - 1e-9:
            best = _Candidate(text, codec, score)
            if score == 0.0:
                break
    return best


def _detected_order(data: bytes) -> list[str]:
    """charset-normalizer's ranking over the restricted candidates, then the rest."""
    order: list[str] = []
    try:
        matches = from_bytes(data[:200_000], cp_isolation=list(DETECT_CANDIDATES))
        for match in matches:
            name = codecs.lookup(match.encoding).name
            if name in DETECT_CANDIDATES and name not in order:
                order.append(name)
    except (LookupError, ValueError, RuntimeError):  # a detector failure is not fatal
        order = []
    return order + [c for c in DETECT_CANDIDATES if c not in order]


def decode_bytes(
    data: bytes,
    *,
    declared: str | None = None,
    media_type: MediaType | None = None,
) -> Decoded | Rejected:
    """Decode page or text bytes; ``declared`` is the transport's charset (HTTP header).

    Returns ``Rejected(UNDECODABLE)`` (with the bytes, no doc id) for binary data or bytes no
    candidate encoding turns into plausible text. ``media_type`` enables the ``<meta>`` scan
    for HTML (it is also done for unknown types that look like markup).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text, codecs.lookup(codec).name, EncodingSource.BOM, declared)
            break  # a BOM followed by invalid data: fall through to the other steps

    meta: str | None = None
    if media_type in (MediaType.HTML, None) or media_type is MediaType.MARKDOWN:
        meta = find_declared_charset(data)

    if 0 in data[:65_536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return Decoded(utf16[0], utf16[1], EncodingSource.DETECTED, declared, meta)
    binary = _binary_reason(data)
    if binary is not None:
        return _reject(data, binary)

    if b"\x1b" in data and _ISO2022_RE.search(data) and max(data, default=0) < 0x80:
        for codec in ("iso2022_jp_2", "iso2022_jp_ext", "iso2022_kr"):
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text, codec, EncodingSource.ESCAPES, declared, meta)

    text = _utf8_allowing_truncation(data)
    if text is not None:
        return Decoded(text, "utf-8", EncodingSource.UTF8, declared, meta)

    stated: tuple[_Candidate, EncodingSource] | None = None
    for label, source in ((declared, EncodingSource.DECLARED), (meta, EncodingSource.META)):
        if not label:
            continue
        found = _best_candidate(data, codecs_for_label(label))
        if found is not None and found.score == 0.0:
            return Decoded(found.text, found.codec, source, declared, meta)
        if found is not None and found.score <= PLAUSIBLE and stated is None:
            stated = (found, source)

    best = _best_candidate(data, _detected_order(data))
    # A stated charset that decodes with a few oddities still wins unless detection finds a
    # clearly cleaner reading (EUC-JP bytes also decode as Big5 into plausible-looking Han).
    if stated is not None and (best is None or stated[0].score <= best.score + STATED_MARGIN):
        found, source = stated
        return Decoded(found.text, found.codec, source, declared, meta, score=found.score)
    if best is not None and best.score <= GOOD:
        return Decoded(
            best.text, best.codec, EncodingSource.DETECTED, declared, meta, 0, best.score
        )

    # A few corrupt bytes make every strict decode fail but the right codec, or leave only
    # wrong ones: a near-clean lossy reading beats a strict but suspicious one.
    lossy = _best_lossy(data, [*_label_codecs(declared, meta), "utf-8", *DETECT_CANDIDATES])
    if lossy is not None:
        lost = lossy.text.count("\ufffd")
        return Decoded(
            lossy.text, lossy.codec, EncodingSource.LOSSY, declared, meta, lost, lossy.score
        )
    if best is not None and best.score <= IMPLAUSIBLE:
        return Decoded(
            best.text, best.codec, EncodingSource.DETECTED, declared, meta, 0, best.score
        )
    why = "no candidate encoding decodes these bytes into plausible text"
    if best is not None:
        why += f" (best: {best.codec}, mojibake score {best.score:.2f})"
    return _reject(data, why)


def _label_codecs(*labels: str | None) -> list[str]:
    return [codec for label in labels if label for codec in codecs_for_label(label)]


def _best_lossy(data: bytes, codecs_to_try: Iterable[str]) -> _Candidate | None:
    """Decode with replacement; accept a codec losing at most MAX_LOSSY_RATIO of characters."""
    best: _Candidate | None = None
    for codec in dict.fromkeys(codecs_to_try):
        try:
            text = data.decode(codec, errors="replace")
        except (LookupError, TypeError, ValueError):
            continue
        lost = text.count("\ufffd")
        if lost > max(1, len(text) * MAX_LOSSY_RATIO):
            continue
        score = mojibake_score(text.replace("\ufffd", ""), codec)
        if score <= GOOD and (best is None or score < best.score):
            best = _Candidate(text, codec, score)
    return best


def decode_document(doc: RawDocument) -> Decoded | Rejected:
    """Decode a document's bytes using its charset hint; a rejection carries its identity."""
    result = decode_bytes(doc.data, declared=doc.hints.charset, media_type=doc.media_type)
    if isinstance(result, Rejected):
        return with_identity(result, doc.doc_id, doc.url, doc.provenance)
    return result


def with_identity(
    rejected: Rejected, doc_id: str | None, url: str | None, provenance: Provenance | None
) -> Rejected:
    """The same rejection, attributed to a document."""
    return Rejected(
        doc_id=doc_id,
        stage=rejected.stage,
        reason=rejected.reason,
        detail=rejected.detail,
        data=rejected.data,
        provenance=provenance,
        url=url,
    )
