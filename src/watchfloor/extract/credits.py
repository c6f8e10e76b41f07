"""Wire credits of a page (〔AFP=時事〕, (서울=연합뉴스), (Reuters) -, /ТАСС/, 新华社平壤…电).

Credits are looked for only where pages put them (datelines at a line start, brackets at a line
end, "Source:" lines, lines of nothing but credits, copyright lines), never in running text:
"the Korean Central News Agency (KCNA) said" cites a source, it does not credit a wire.

Export rule (``credit_names``): each agency's canonical name (data/lexicons/wires.toml), in the
order first credited, followed by the original token when it is written in another script than
the canonical name, so 〔AFP=時事〕 gives ("AFP", "Jiji Press", "時事"): the canonical name for
grouping across languages and the publisher's own token for readers and search.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from watchfloor.extract.lexicon import load_data, trie_regex
from watchfloor.extract.pubdate import strip_dates


@dataclass(frozen=True, slots=True)
class Agency:
    """A wire service or agency that pages credit, with its home country and language."""

    name: str
    country: str | None
    lang: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Credit:
    """One credit token found in a page: which agency, as written, where, in which context."""

    name: str
    surface: str
    line: int
    start: int
    end: int
    context: str  # "bracket" | "dash" | "slash" | "dateline-zh" | "source" | "line" | "copyright"


@lru_cache(maxsize=1)
def agencies() -> tuple[Agency, ...]:
    """The shipped agency table."""
    raw = load_data("wires").get("agency", [])
    assert isinstance(raw, list)
    return tuple(
        Agency(
            name=str(a["name"]),
            country=a.get("country"),
            lang=a.get("lang"),
            aliases=tuple(str(x) for x in a.get("aliases", [])),
        )
        for a in raw
    )


# Latin and Cyrillic aliases need word boundaries ("AP" must not match "APEC"); CJK aliases are
# glued to their neighbours (翻訳編集AFPBBNews, 서울=연합뉴스).
_ALIAS_WORD_CHARS = "A-Za-zА-Яа-яЁё0-9"


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every agency alias (longest first), and the agency of each alias."""
    by_alias: dict[str, str] = {}
    for agency in agencies():
        for alias in (agency.name, *agency.aliases):
            by_alias.setdefault(alias, agency.name)
    return re.compile(trie_regex(by_alias, _ALIAS_WORD_CHARS)), by_alias


def agency_named(name: str) -> Agency | None:
    """The agency with canonical name ``name``."""
    return next((a for a in agencies() if a.name == name), None)


_PHOTO = re.compile(r"photo|写真|사진|圖|图|фото|提供|제공|getty|pool", re.IGNORECASE)
_BRACKET = re.compile(r"[〔【\[(（<＜]([^〔【\[(（\]）)】〕>＞]{1,40})[〕】\])）>＞]")
_DASH_AFTER = re.compile(r"^\s*(?:-{1,2}|—|–|=|:)")
_DASH_CREDIT = re.compile(r"(?:^|[\s,])(?:—|–|-{1,2})\s*$")
_ZH_DATELINE = re.compile(r"^\s*[据據]?\s*$")
_ZH_DATELINE_AFTER = re.compile(
    r"^[^\s，。,]{0,14}?\d{1,2}月\d{1,2}日\s*[电電]|^\s*(?:报道|報道|消息)"
)
_SOURCE = re.compile(
    r"^\s*(?:source|sources|来源|來源|新聞來源|新闻来源|出典|출처|источник)\s*[:：]",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"copyright|©|ⓒ|\(c\)|저작권|著作権|版权|版權|авторское право", re.IGNORECASE
)


def _aliases_in(text: str, offset: int) -> list[tuple[str, str, int, int]]:
    pattern, by_alias = _alias_index()
    return [
        (by_alias[m.group()], m.group(), offset + m.start(), offset + m.end())
        for m in pattern.finditer(text)
    ]


def _line_credits(i: int, line: str) -> list[Credit]:
    found: list[Credit] = []
    stripped = line.rstrip()
    # A bracket is a credit slot at the line start, before a dateline dash, at the line end
    # (possibly followed by a date stamp), or when it holds a "place=agency" pair.
    for m in _BRACKET.finditer(line):
        inner = m.group(1)
        if _PHOTO.search(inner):
            continue
        before, after = line[: m.start()], line[m.end() :]
        at_start = not before.strip() or (len(before) <= 40 and _DASH_AFTER.match(after))
        at_end = not strip_dates(after).strip(" ()（）-.。")
        if at_start or at_end or "=" in inner or "＝" in inner:
            found.extend(
                Credit(n, s, i, a, b, "bracket") for n, s, a, b in _aliases_in(inner, m.start(1))
            )
    pattern, by_alias = _alias_index()
    for m in pattern.finditer(line):
        before, after = line[: m.start()], line[m.end() :]
        name = by_alias[m.group()]
        if _DASH_CREDIT.search(before) and (len(before) <= 60 or not after.strip(" .")):
            found.append(Credit(name, m.group(), i, m.start(), m.end(), "dash"))
        elif before.endswith("/") and after.startswith("/") and m.start() <= 60:
            found.append(Credit(name, m.group(), i, m.start(), m.end(), "slash"))
        elif _ZH_DATELINE.match(before) and _ZH_DATELINE_AFTER.match(after):
            found.append(Credit(name, m.group(), i, m.start(), m.end(), "dateline-zh"))
    if _SOURCE.match(line) and len(line) <= 120:
        found.extend(Credit(n, s, i, a, b, "source") for n, s, a, b in _aliases_in(line, 0))
    elif _COPYRIGHT.search(line) and len(line) <= 160:
        found.extend(Credit(n, s, i, a, b, "copyright") for n, s, a, b in _aliases_in(line, 0))
    elif is_credit_only_line(stripped):
        found.extend(Credit(n, s, i, a, b, "line") for n, s, a, b in _aliases_in(line, 0))
    # One token can qualify through several contexts; keep its first reading.
    seen: set[tuple[int, int]] = set()
    unique = []
    for c in sorted(found, key=lambda c: c.start):
        if (c.start, c.end) not in seen and not any(a <= c.start < b for a, b in seen):
            seen.add((c.start, c.end))
            unique.append(c)
    return unique


def is_credit_only_line(line: str) -> bool:
    """True for a line of nothing but credits and stamps: ``〔AFP=時事〕(2024/11/19-19:05)``."""
    if not line.strip() or len(line) > 80:
        return False
    pattern, _ = _alias_index()
    if not pattern.search(line):
        return False
    residue = pattern.sub(" ", strip_dates(line))
    # Places in "서울=연합뉴스"-style pairs and short words like "photo" or "翻訳編集" may remain.
    residue = re.sub(r"[\W\d_]+", "", residue)
    # What may remain is a place of a "서울=연합뉴스" pair or an upper-case dateline city (МОСКВА).
    return len(residue) <= 4 or (len(residue) <= 10 and residue.isupper())


def find_credits(lines: Sequence[str]) -> tuple[Credit, ...]:
    """Every credit in the page's lines, in reading order."""
    out: list[Credit] = []
    for i, line in enumerate(lines):
        out.extend(_line_credits(i, line))
    return tuple(out)


def _script(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            return name.split(" ")[0]
    return ""


def credit_names(credits: Sequence[Credit]) -> tuple[str, ...]:
    """Canonical names in first-credited order, each followed by its other-script token (時事)."""
    out: list[str] = []
    for c in credits:
        if c.name not in out:
            out.append(c.name)
        if _script(c.surface) != _script(c.name) and c.surface not in out:
            out.append(c.surface)
    return tuple(out)
