"""Per-document trust signals: machine-translation fingerprints and content-farm tells.

Each signal is a named piece of evidence with a weight in [0, 1] and a detail an analyst can
check; ``reliability.py`` turns them into flags and a score. Lexicons are data files
(``data/sources/signals/*.yaml``); nothing here is written for one site or one article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from watchfloor.assess.sources import SourceKind, SourceProfile
from watchfloor.ingest.sites import is_ip_host, normalise_site
from watchfloor.records import Article

SIGNALS_DIR = Path(__file__).resolve().parents[1] / "data" / "sources" / "signals"
WIRES_FILE = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "wires.toml"


class Family(StrEnum):
    MT = "machine_translation"
    FARM = "content_farm"


class Code(StrEnum):
    """Stable codes of the signals (exported with the reliability factors)."""

    CJK_SPACING = "mt.cjk_spacing"  # spaces between Japanese/Chinese words: a spaced-language pivot
    STYLE_MIX = "mt.style_mix"  # polite and plain narration mixed in one Japanese/Korean text
    DATE_FIRST = "mt.date_first"  # English sentences opened by a calendar date: a CJK word order
    FOREIGN_DATELINE = "mt.foreign_dateline"  # an English wire dateline kept in another language
    CALQUE = "mt.calque"  # phrases a native newsroom would not write
    TRANSLITERATION = "mt.transliteration"  # one foreign name spelled two ways in one text
    SITE_LANGUAGE = "mt.site_language"  # text language foreign to the site's country
    TEMPLATE_BIO = "farm.template_bio"
    THEME_FURNITURE = "farm.theme_furniture"
    READING_TIME = "farm.reading_time"
    REPOST_DISCLAIMER = "farm.repost_disclaimer"
    SYNDICATED_FEED = "farm.syndicated_feed"
    MARKUP_RESIDUE = "farm.markup_residue"
    OFFTOPIC_DOMAIN = "farm.offtopic_domain"
    ANONYMOUS_HOST = "farm.anonymous_host"
    BOILERPLATE_RATIO = "farm.boilerplate_ratio"
    REPEATED_BLOCKS = "farm.repeated_blocks"  # the same paragraphs pasted twice: a scraper
    TEASERS = "farm.teasers"  # headlines of other stories pasted into the text: a scraped page
    FOREIGN_BYLINE = "farm.foreign_byline"  # bylined or linked to another known outlet
    PROXY_URL = "farm.proxy_url"  # the page address carries another address or a search query
    NO_PROVENANCE = "farm.no_provenance"
    UNCREDITED_COPY = "farm.uncredited_copy"
    SCRIPT_MIRROR = "farm.script_mirror"  # simplified script, Taiwanese newsroom conventions
    CMS_ADDRESS = "farm.cms_address"  # an unconfigured blog or board address (?p=123, board.php)


@dataclass(frozen=True, slots=True)
class Signal:
    code: Code
    family: Family
    weight: float  # strength of the evidence in [0, 1]
    detail: str


@dataclass(frozen=True, slots=True)
class SignalLexicon:
    """All lexicons of the signals, loaded once per process."""

    bio_terms: dict[str, tuple[str, ...]]
    bio_min_fragments: int
    bio_min_terms: int
    bio_max_latin: int
    bio_max_cjk: int
    furniture_exact: frozenset[str]
    furniture_prefix: tuple[str, ...]
    furniture_contains: tuple[str, ...]
    reading_time: tuple[re.Pattern[str], ...]
    furniture_patterns: tuple[re.Pattern[str], ...]
    teaser_cards: tuple[re.Pattern[str], ...]
    source_labels: tuple[str, ...]
    repost: dict[str, tuple[str, ...]]
    syndicated: dict[str, tuple[str, ...]]
    calques: dict[str, tuple[tuple[re.Pattern[str], str], ...]]
    offtopic_words: tuple[str, ...]
    anonymous_hosts: tuple[str, ...]
    tld_langs: dict[str, tuple[str, ...]]
    wire_aliases: tuple[tuple[str, str], ...]  # (alias, canonical agency name)
    cms_addresses: tuple[re.Pattern[str], ...] = ()
    simplified_only: frozenset[str] = frozenset()
    traditional_only: frozenset[str] = frozenset()
    mirror_conventions: tuple[re.Pattern[str], ...] = ()
    mirror_vocabulary: tuple[str, ...] = ()


def _yaml(name: str, directory: Path) -> dict[str, Any]:
    data = yaml.safe_load((directory / name).read_text(encoding="utf-8")) or {}
    return dict(data)


def _strs(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _wire_aliases() -> tuple[tuple[str, str], ...]:
    import tomllib

    if not WIRES_FILE.exists():
        return ()
    data = tomllib.loads(WIRES_FILE.read_text(encoding="utf-8"))
    pairs = [
        (str(a), str(ag["name"])) for ag in data.get("agency", []) for a in ag.get("aliases", [])
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = SIGNALS_DIR) -> SignalLexicon:
    """Read the signal lexicons (cached per directory)."""
    bios = _yaml("bios.yaml", directory)
    furniture = _yaml("furniture.yaml", directory)
    disclaimers = _yaml("disclaimers.yaml", directory)
    calques = _yaml("calques.yaml", directory)
    domains = _yaml("domains.yaml", directory)
    scripts = _yaml("scripts.yaml", directory) if (directory / "scripts.yaml").exists() else {}
    limits = bios.get("max_fragment_chars") or {}
    return SignalLexicon(
        bio_terms={k: _strs(v) for k, v in (bios.get("terms") or {}).items()},
        bio_min_fragments=int(bios.get("min_fragments", 3)),
        bio_min_terms=int(bios.get("min_terms", 2)),
        bio_max_latin=int(limits.get("latin", 40)),
        bio_max_cjk=int(limits.get("cjk", 16)),
        furniture_exact=frozenset(s.casefold() for s in _strs(furniture.get("exact") or ())),
        furniture_prefix=tuple(s.casefold() for s in _strs(furniture.get("prefix") or ())),
        furniture_contains=tuple(s.casefold() for s in _strs(furniture.get("contains") or ())),
        reading_time=tuple(
            re.compile(p, re.IGNORECASE) for p in _strs(furniture.get("reading_time") or ())
        ),
        furniture_patterns=tuple(
            re.compile(p, re.IGNORECASE) for p in _strs(furniture.get("patterns") or ())
        ),
        teaser_cards=tuple(
            re.compile(p, re.IGNORECASE) for p in _strs(furniture.get("teaser_cards") or ())
        ),
        source_labels=tuple(
            s for v in (disclaimers.get("source_labels") or {}).values() for s in _strs(v)
        ),
        repost={k: _strs(v) for k, v in (disclaimers.get("repost") or {}).items()},
        syndicated={k: _strs(v) for k, v in (disclaimers.get("syndicated") or {}).items()},
        calques={
            lang: tuple(
                (re.compile(str(e["pattern"])), str(e.get("pivot", "any"))) for e in entries
            )
            for lang, entries in calques.items()
        },
        offtopic_words=_strs(domains.get("offtopic_words") or ()),
        anonymous_hosts=_strs(domains.get("anonymous_hosts") or ()),
        tld_langs={k: _strs(v) for k, v in (domains.get("tld_langs") or {}).items()},
        wire_aliases=_wire_aliases(),
        cms_addresses=tuple(
            re.compile(p, re.IGNORECASE) for p in _strs(domains.get("cms_addresses") or ())
        ),
        simplified_only=frozenset(str(scripts.get("simplified_only") or "")),
        traditional_only=frozenset(str(scripts.get("traditional_only") or "")),
        mirror_conventions=tuple(re.compile(p) for p in _strs(scripts.get("conventions") or ())),
        mirror_vocabulary=_strs(scripts.get("vocabulary") or ()),
    )


# -- text helpers ------------------------------------------------------------------------------
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")
_QUOTED_JA = re.compile(r"「[^」]*」|『[^』]*』|\([^)]*\)|（[^）]*）")
_POLITE_END = re.compile(r"(ます|ました|です|でした|ません|ましょう|ください)$")
_PLAIN_END = re.compile(r"(た|だ|る|ない|である|という|した|れる|いる|う|か)$")
# Korean: 합쇼체 endings of broadcast copy (-습니다/-ㅂ니다) against 해라체 ones of print (-다)
_POLITE_END_KO = re.compile(r"(니다|니까|세요|어요|아요|에요|해요|죠)$")
_PLAIN_END_KO = re.compile(r"(?<!니)다$")
_QUOTED_KO = re.compile(r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|\([^)\n]*\)|\[[^\]\n]*\]')
_EN_DATELINE = re.compile(
    r"\((AP|AFP|Reuters|UPI|Yonhap|Xinhua|TASS|Bloomberg)\)\s*[—–-]", re.IGNORECASE
)
_MARKUP = re.compile(
    r"<\s*/?\s*(br|p|div|span|a|img|strong)\b[^>]*>|&nbsp;|&amp;|\*\*[^*\n]{3,}\*\*"
    r"|https?://\S+\.(?:jpe?g|png|webp|gif)\b",
    re.IGNORECASE,
)
# a place name then a spaced dash, or a katakana place name then a colon: 'ジャカルタ - …',
# 'ソウル:…' (Korean and Chinese labels such as 기자: or 来源： also take colons, so not those)
_CJK_WEST_DATELINE = re.compile(
    r"^(?:[\u30a0-\u30ff\uac00-\ud7a3\u4e00-\u9fff]{2,8}\s[-–—]\s"
    r"|[\u30a1-\u30fa\u30fc]{2,8}[:：](?![\d０-９]))(?=.{20})"
)
_BARE_URL = re.compile(r"^https?://\S+$")
# an address of a picture or an upload, pasted as text where the page showed the image
_ASSET_URL = re.compile(
    r"/(images?|img|photos?|uploads?|media|wp-content|system)/|\.(jpe?g|png|webp|gif)\b"
    r"|//(img|images?|static|cdn|media|pic|photos?)\d*\.",
    re.IGNORECASE,
)
_SENT_SPLIT = re.compile(r"(?<=[。.!?！？])\s*|\n+")


def _lines(article: Article) -> list[str]:
    out: list[str] = []
    for section in article.sections:
        out += [ln.strip() for ln in section.text.splitlines() if ln.strip()]
    return out


_REMOVED_TAG = re.compile(r"^\[(\w+)\]\s*")


def _removed(article: Article, *categories: str) -> list[str]:
    """Lines the cleaner removed, without its '[category] ' tag; only ``categories`` if given."""
    out: list[str] = []
    for line in article.removed:
        match = _REMOVED_TAG.match(line.strip())
        if categories and (match is None or match.group(1) not in categories):
            continue
        text = line.strip()[match.end() :] if match else line.strip()
        if text:
            out.append(text.strip())
    return out


def _all_lines(article: Article) -> list[str]:
    return _lines(article) + _removed(article)


def _is_cjk_lang(lang: str) -> bool:
    return lang in ("ja", "zh", "ko")


# -- machine translation -------------------------------------------------------------------------
def cjk_spacing(article: Article) -> Signal | None:
    """Japanese and Chinese are written without spaces; MT from a spaced language leaves them."""
    spaces = chars = 0
    for section in article.sections:
        if section.lang not in ("ja", "zh"):
            continue
        for line in section.text.splitlines():
            line = line.strip()
            # headlines and lists use spaces as separators; only running prose counts
            if len(line) < 40 or len(re.findall("[。！？]", line)) < 2:
                continue
            spaces += len(_CJK_SPACE.findall(line))
            chars += len(line)
    # one or two stray spaces are typos; a spaced pivot language leaves them throughout
    if chars < 100 or spaces < 3:
        return None
    rate = 1000 * spaces / chars
    if rate < 1.0:
        return None
    weight = min(1.0, rate / 4.0)
    return Signal(
        Code.CJK_SPACING,
        Family.MT,
        weight,
        f"{spaces} spaces inside CJK text ({rate:.1f}/1000 chars)",
    )


def _register_counts(article: Article) -> tuple[int, int, bool]:
    """Sentences narrated in the polite and in the plain register (Japanese and Korean), and
    whether any of them were Korean."""
    polite = plain = 0
    korean = False
    for section in article.sections:
        if section.lang == "ja":
            body, split, shortest = _QUOTED_JA.sub("", section.text), r"。|\n", 12
            polite_end, plain_end = _POLITE_END, _PLAIN_END
        elif section.lang == "ko":
            # Korean sentences end in '.'; 20 characters keep out buttons such as '…해보세요'
            body, split, shortest = _QUOTED_KO.sub("", section.text), r"(?<=[.?!])\s+|\n", 20
            polite_end, plain_end = _POLITE_END_KO, _PLAIN_END_KO
            korean = True
        else:
            continue
        for sentence in re.split(split, body):
            sentence = sentence.strip(" 　」』.?!")
            if len(sentence) < shortest:
                continue
            if polite_end.search(sentence):
                polite += 1
            elif plain_end.search(sentence):
                plain += 1
    return polite, plain, korean


def style_mix(article: Article) -> Signal | None:
    """Japanese and Korean news narrate in one register (Japanese papers in だ/である, Korean
    papers in 했다, broadcasters in です/ます or 했습니다); a text that switches was machine
    translated or pasted together from a paper's and a broadcaster's copy."""
    polite, plain, korean = _register_counts(article)
    total, fewer = polite + plain, min(polite, plain)
    # one or two odd sentences are captions or quoted remarks; a register switch needs three
    # (two in a long Korean text, where a broadcaster's script ends the same way throughout)
    if total < 6 or fewer < 2 or (fewer == 2 and not (korean and total >= 10)):
        return None
    share = fewer / total
    if share < 0.15:
        return None
    # Korean machine translation keeps one register; a Korean mix is mostly two pasted sources
    # (or a long statement quoted without quotation marks), so it stays textual evidence
    weight = min(0.5, share * 2.5) if korean else min(1.0, share * 2.5)
    return Signal(
        Code.STYLE_MIX,
        Family.MT,
        weight,
        f"{polite} polite vs {plain} plain sentence endings",
    )


def foreign_dateline(article: Article) -> Signal | None:
    """'CITY (AP) —' or 'CITY -' / 'CITY:' datelines are Western wire style; Japanese, Korean and
    Chinese newsrooms write 【ソウル共同】, (서울=연합뉴스) or 新华社北京电, so kept verbatim they
    betray a translation."""
    for section in article.sections:
        if section.lang == "en":
            continue
        head = section.text[:600]
        match = _EN_DATELINE.search(head)
        if match:
            return Signal(
                Code.FOREIGN_DATELINE,
                Family.MT,
                0.5,
                f"English wire dateline {match.group(0)!r} in {section.lang} text",
            )
        if section.lang not in ("ja", "ko", "zh"):
            continue
        # the title line comes first; a dateline opens one of the next lines
        for line in [ln.strip() for ln in section.text.splitlines() if ln.strip()][1:4]:
            match = _CJK_WEST_DATELINE.match(line)
            if match:
                return Signal(
                    Code.FOREIGN_DATELINE,
                    Family.MT,
                    0.4,
                    f"Western-style dateline {match.group(0)!r} in {section.lang} text",
                )
    return None


def calques(article: Article, lexicon: SignalLexicon) -> Signal | None:
    hits: list[str] = []
    for section in article.sections:
        for pattern, pivot in lexicon.calques.get(section.lang, ()):
            for match in pattern.finditer(section.text):
                hits.append(f"{match.group(0)!r} ({pivot} pivot)")
    if not hits:
        return None
    weight = min(1.0, 0.35 * len(hits))
    return Signal(Code.CALQUE, Family.MT, weight, "; ".join(hits[:6]))


def site_language(
    article: Article, profile: SourceProfile, lexicon: SignalLexicon
) -> Signal | None:
    """Text in a language foreign to the site: a known outlet's languages, else its ccTLD's."""
    host = profile.site or normalise_site(article.site or article.url) or ""
    main = max(article.sections, key=lambda s: len(s.text), default=None)
    if main is None or not host:
        return None
    if profile.known:
        if profile.langs and main.lang not in profile.langs:
            return Signal(
                Code.SITE_LANGUAGE,
                Family.MT,
                0.2,
                f"{main.lang} text on {host} (publishes {', '.join(profile.langs)})",
            )
        return None
    if is_ip_host(host):
        return None
    tld = host.rsplit(".", 1)[-1]
    langs = lexicon.tld_langs.get(tld)
    # English editions of national outlets are ordinary; other foreign languages are rarer
    if langs and main.lang not in langs and main.lang != "en":
        return Signal(
            Code.SITE_LANGUAGE,
            Family.MT,
            0.25,
            f"{main.lang} text on a .{tld} site ({', '.join(langs)})",
        )
    return None


# -- content farm ------------------------------------------------------------------------------
def _bio_fragments(line: str) -> list[str]:
    pieces = (f.strip(_BIO_STRIP) for f in re.split(r"[.。!！]\s*", line))
    return [f for f in pieces if f]


_BIO_STRIP = " \u3000」\"'"


def template_bio(article: Article, lexicon: SignalLexicon) -> Signal | None:
    """A line of short persona fragments ('Music lover. Food evangelist. Student.')."""
    terms = [t.casefold() for ts in lexicon.bio_terms.values() for t in ts]
    for line in _all_lines(article):
        fragments = _bio_fragments(line)
        if len(fragments) < lexicon.bio_min_fragments:
            continue
        short = [
            f
            for f in fragments
            if len(f)
            <= (
                lexicon.bio_max_cjk
                if re.search(f"[{_CJK}\uac00-\ud7a3]", f)
                else lexicon.bio_max_latin
            )
        ]
        if len(short) < lexicon.bio_min_fragments or len(short) < 0.75 * len(fragments):
            continue
        with_terms = [f for f in short if any(t in f.casefold() for t in terms)]
        if len(with_terms) >= lexicon.bio_min_terms:
            return Signal(Code.TEMPLATE_BIO, Family.FARM, 0.9, f"persona bio: {line[:80]!r}")
    return None


def theme_furniture(article: Article, lexicon: SignalLexicon) -> Signal | None:
    """Lines of a blog or scraper theme (related-post boxes, skip links, comment etiquette)."""
    hits: dict[str, str] = {}  # lexicon entry -> first line it matched
    for line in _all_lines(article):
        folded = line.casefold()
        entries = [folded] if folded in lexicon.furniture_exact else []
        entries += [
            p for p in lexicon.furniture_prefix if line.startswith(p) or folded.startswith(p)
        ]
        entries += [c for c in lexicon.furniture_contains if c in folded]
        entries += [p.pattern for p in lexicon.furniture_patterns if p.search(line)]
        if entries:  # the first entry a line matches names its kind
            hits.setdefault(entries[0], line[:40])
    if not hits:
        return None
    # distinct kinds of furniture count; the same teaser box twice is still one theme element
    return Signal(
        Code.THEME_FURNITURE,
        Family.FARM,
        min(0.9, 0.4 + 0.2 * (len(hits) - 1)),
        "; ".join(sorted(set(hits.values()))[:5]),
    )


def reading_time(article: Article, lexicon: SignalLexicon) -> Signal | None:
    for line in _all_lines(article):
        if any(p.search(line) for p in lexicon.reading_time):
            return Signal(Code.READING_TIME, Family.FARM, 0.2, f"reading-time badge {line!r}")
    return None


def _phrases_in(article: Article, table: dict[str, tuple[str, ...]]) -> list[str]:
    text = "\n".join(_all_lines(article)).casefold()
    return [p for phrases in table.values() for p in phrases if p.casefold() in text]


def repost_disclaimer(article: Article, lexicon: SignalLexicon) -> list[Signal]:
    out: list[Signal] = []
    repost = _phrases_in(article, lexicon.repost)
    if repost:
        out.append(Signal(Code.REPOST_DISCLAIMER, Family.FARM, 0.7, "; ".join(repost[:3])))
    syndicated = _phrases_in(article, lexicon.syndicated)
    if syndicated:
        out.append(Signal(Code.SYNDICATED_FEED, Family.FARM, 0.2, "; ".join(syndicated[:3])))
    return out


def markup_residue(article: Article) -> Signal | None:
    """Raw tags, markdown and bare address lines: text pasted from a feed, not edited for a page."""
    found = [m.group(0)[:30] for s in article.sections for m in _MARKUP.finditer(s.text)]
    found += [ln[:30] for ln in _lines(article) if _BARE_URL.match(ln) and _ASSET_URL.search(ln)]
    if not found:
        return None
    return Signal(
        Code.MARKUP_RESIDUE, Family.FARM, min(0.6, 0.3 * len(found)), ", ".join(found[:4])
    )


def domain_signals(profile: SourceProfile, lexicon: SignalLexicon) -> list[Signal]:
    """Host names of other trades (product reviews, themes, downloads) or of anonymous hosting."""
    host = profile.site
    if not host or profile.known:
        return []
    out: list[Signal] = []
    if is_ip_host(host) or any(
        host == h or host.endswith("." + h) for h in lexicon.anonymous_hosts
    ):
        # a machine-made label (d1x9…7.cloudfront.net) says nobody named the site at all
        label = host.split(".", 1)[0]
        generated = len(label) >= 10 and sum(c.isdigit() for c in label) >= 3 and label.isalnum()
        weight = 0.4 if generated and not is_ip_host(host) else 0.25
        out.append(Signal(Code.ANONYMOUS_HOST, Family.FARM, weight, f"anonymous host {host}"))
    tokens = [t for t in re.split(r"[^a-z0-9]+", host.rsplit(".", 1)[0]) if t]
    words = [
        w for w in lexicon.offtopic_words for t in tokens if t == w or (len(w) >= 5 and w in t)
    ]
    if words:
        out.append(
            Signal(
                Code.OFFTOPIC_DOMAIN, Family.FARM, 0.5, f"{host}: {', '.join(sorted(set(words)))}"
            )
        )
    return out


def boilerplate_ratio(article: Article) -> Signal | None:
    """Share of the page the cleaner removed; farms wrap a little text in a lot of template."""
    kept = sum(len(s.text) for s in article.sections)
    removed = sum(len(ln) for ln in article.removed)
    if kept + removed == 0 or removed / (kept + removed) < 0.5:
        return None
    ratio = removed / (kept + removed)
    return Signal(
        Code.BOILERPLATE_RATIO, Family.FARM, 0.2, f"{ratio:.0%} of the page was boilerplate"
    )


def credits_in_text(article: Article, lexicon: SignalLexicon) -> tuple[str, ...]:
    """Agencies credited in the text (wires.toml aliases in credit slots: '(AP) -', '【…=時事】',
    '(서울=연합뉴스)', 'By REUTERS', 'Source: …'); citing an agency in a sentence is not credit."""
    text = "\n".join(s.text for s in article.sections)
    found: list[str] = []
    for alias, name in lexicon.wire_aliases:
        if name in found or len(alias) < 2:
            continue
        a = re.escape(alias)
        slot = (
            rf"[(\[【〔（<]\s*[^)\]】〕）>\n]{{0,12}}{a}\s*[)\]】〕）>]"
            rf"|[=＝/]\s*{a}\b|{a}\s*[=＝]|\bBy\s+{a}\b|(Source|来源|來源|出典|출처)\s*[:：]\s*{a}"
            rf"|^\s*{a}\s*$|/{a}/"
        )
        if re.search(slot, text, re.IGNORECASE | re.MULTILINE):
            found.append(name)
    return tuple(found)


def no_provenance(
    article: Article, profile: SourceProfile, lexicon: SignalLexicon
) -> Signal | None:
    """No date, no author and no credited source on a site nobody vouches for."""
    if profile.known or article.published or article.author or article.credits:
        return None
    if credits_in_text(article, lexicon):
        return None
    # circumstantial: many honest pages lose their date or byline in extraction
    return Signal(Code.NO_PROVENANCE, Family.FARM, 0.25, "no date, author or credited source")


def uncredited_copy(
    copied_site: str,
    copied_credits: Sequence[str],
    article: Article,
    copied: Article | None = None,
) -> Signal:
    """This text copies a document of another site and names neither that site nor its wire.

    Moderate when dates show the copy came later; weak when the direction is unknown (a date
    missing); next to nothing when the copied page itself re-serves a wire, as subscribers do.
    """
    detail = f"copies a document of {copied_site} without credit"
    weight = 0.4
    if copied_credits:
        detail += f" (original credits {', '.join(copied_credits)}; both re-serve a wire)"
        weight = 0.1  # wire subscribers routinely run the copy without a visible credit
    elif copied is None or article.published is None or copied.published is None:
        detail += " (which came first is unknown)"
        weight = 0.25
    elif _earlier(article.published, copied.published):
        detail += " (but this one is dated earlier)"
        weight = 0.1
    return Signal(Code.UNCREDITED_COPY, Family.FARM, weight, detail)


def _earlier(a: datetime, b: datetime) -> bool:
    try:
        return a < b
    except TypeError:  # one naive, one aware: compare the wall clocks
        return a.replace(tzinfo=None) < b.replace(tzinfo=None)


def repeated_blocks(article: Article) -> Signal | None:
    """The same long paragraphs twice in one text: scraped pages pasted together."""
    paragraphs = [ln for ln in _lines(article) if len(ln) >= 40]
    if len(paragraphs) < 2:
        return None
    seen: set[str] = set()
    repeated = 0
    for p in paragraphs:
        if p in seen:
            repeated += len(p)
        seen.add(p)
    share = repeated / sum(len(p) for p in paragraphs)
    if share < 0.2:
        return None
    return Signal(
        Code.REPEATED_BLOCKS, Family.FARM, 0.3, f"{share:.0%} of the text is repeated paragraphs"
    )


_URL = re.compile(r"https?://([A-Za-z0-9.-]+)")
_EMAIL = re.compile(r"[\w.+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})")


_SECOND_LEVEL = frozenset({"co", "com", "or", "ne", "go", "ac", "net", "org", "gov", "edu"})


def _registrable(host: str) -> str:
    """'news.example.co.kr' -> 'example.co.kr'; 'a.b.example.com' -> 'example.com'."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _same_site(a: str, b: str) -> bool:
    """Hosts of one site: the same registrable domain."""
    return bool(a and b) and _registrable(a) == _registrable(b)


# a page title's trailing site name: 'Headline | Site', 'Headline / Site (Channel)', 'Headline:Site'
_TITLE_SUFFIX = re.compile(r"(?:\s[|/\-–—]\s|[:：|｜])\s*([^|/:：｜]{2,40})$")


def _title_outlet(
    article: Article, outlet_names: dict[str, str], wire_aliases: Sequence[tuple[str, str]]
) -> str | None:
    """The other outlet a copied page title still names ('…:時事ドットコム', '… / 연합뉴스TV').

    A headline that ends by attributing a claim to a source names the source alone (': KCNA');
    a page title names the site's brand, so a suffix that is exactly a name does not count.
    """
    first = [ln.strip() for s in article.sections for ln in s.text.splitlines()[:3] if ln.strip()]
    names = [n for n in outlet_names if len(n) >= 3] + [a.casefold() for a, _ in wire_aliases]
    for title in [t for t in (article.title, *first[:1]) if t]:
        match = _TITLE_SUFFIX.search(title.strip())
        if not match:
            continue
        suffix = match.group(1).strip().casefold()
        if any(n in suffix and n != suffix for n in names if len(n) >= 2):
            return match.group(1).strip()
    return None


def _other_outlet(other: SourceProfile, own_host: str) -> bool:
    """A known outlet that is not this site (nor a portal, which links everyone)."""
    return (
        other.known
        and other.kind is not SourceKind.AGGREGATOR
        and not _same_site(other.site, own_host)
        and not _same_site(other.entry or "", own_host)
    )


_BYLINE = re.compile(
    r"^\s*By\s+(The\s+)?([A-Z][\w&.' -]{2,40}?)\s*(\||$|,|Created|Updated)", re.MULTILINE
)


def foreign_byline(
    article: Article,
    profile: SourceProfile,
    outlet_names: dict[str, str],
    lookup: Any,
    source_labels: Sequence[str] = (),
    wire_aliases: Sequence[tuple[str, str]] = (),
) -> Signal | None:
    """An unknown site whose text is bylined to, mails to, or links to an article of, a known
    outlet; or that labels another site's address as its original ('Original article: URL')."""
    if profile.known:
        return None
    text = "\n".join([*(s.text for s in article.sections), *_removed(article)])
    own = profile.site or normalise_site(article.url) or ""
    for line in text.splitlines():
        if _BARE_URL.match(line.strip()) and not _ASSET_URL.search(line):
            other = normalise_site(line.strip()) or ""
            if other and not _same_site(other, own):
                return Signal(Code.FOREIGN_BYLINE, Family.FARM, 0.4, f"carries the address {other}")
        folded = line.casefold()
        link = _URL.search(line)
        if link and any(label.casefold() in folded for label in source_labels):
            other = normalise_site(link.group(1)) or ""
            if other and not _same_site(other, own):
                return Signal(
                    Code.FOREIGN_BYLINE, Family.FARM, 0.4, f"names {other} as the original"
                )
    titled = _title_outlet(article, outlet_names, wire_aliases)
    if titled:
        return Signal(Code.FOREIGN_BYLINE, Family.FARM, 0.4, f"page title names {titled!r}")
    for match in _URL.finditer(text):
        other = lookup(match.group(1))
        if _other_outlet(other, own):
            return Signal(Code.FOREIGN_BYLINE, Family.FARM, 0.4, f"links to {match.group(0)[:60]}")
    for match in _EMAIL.finditer(text):
        other = lookup(match.group(1))
        if _other_outlet(other, own):
            return Signal(
                Code.FOREIGN_BYLINE, Family.FARM, 0.4, f"reporter address at {match.group(1)}"
            )
    for match in _BYLINE.finditer(text):
        name = (match.group(1) or "") + match.group(2)
        domain = outlet_names.get(name.strip().casefold())
        # an outlet bylining its own staff ('By Euronews' on euronews.com) is not someone else
        if domain is not None and not _same_site(domain, own):
            return Signal(Code.FOREIGN_BYLINE, Family.FARM, 0.4, f"bylined {name.strip()!r}")
    return None


def _headline_like(line: str) -> bool:
    """A title-shaped line: short, no sentence-final punctuation, no address or mail."""
    cjk = bool(re.search(f"[{_CJK}\uac00-\ud7a3]", line))
    low, high = (8, 60) if cjk else (15, 110)
    if not low <= len(line) <= high or "@" in line or "://" in line:
        return False
    return not re.search(r"[.!?。！？:：»”\"」』)）\]]$", line)


def teasers(article: Article, lexicon: SignalLexicon) -> Signal | None:
    """Other stories' headlines inside the text: a trailing list of title-shaped lines, or
    related-story cards carrying a time stamp and a view count. Edited pages end in prose."""
    lines = _lines(article)
    cards = [ln for ln in lines if any(p.search(ln) for p in lexicon.teaser_cards)]
    run = 0
    for line in reversed(lines[1:]):
        if not _headline_like(line):
            break
        run += 1
    # the cleaner may already have cut such a closing list off the text
    run = max(run, len(_removed(article, "tail_headlines")))
    if run < 3 and not cards:
        return None
    parts = [f"{run} headline-shaped lines close the text"] if run >= 3 else []
    parts += [f"teaser card {c[:40]!r}" for c in cards[:2]]
    return Signal(Code.TEASERS, Family.FARM, 0.4, "; ".join(parts))


_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]{4,}")
_CAPITALISED = re.compile(r"\b[A-ZА-ЯЁ][a-zа-яё]{5,}\b")


def _one_inner_edit(a: str, b: str) -> bool:
    """One substitution, insertion or deletion, away from the last two letters (where English
    plurals and Russian case endings live)."""
    if a == b or abs(len(a) - len(b)) > 1 or a[:1] != b[:1]:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if i >= min(len(a), len(b)) - 2:
        return False
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def transliteration(article: Article) -> Signal | None:
    """One foreign name spelled two ways (ボストーチヌイ/ボストチヌイ, Volodymyr/Vlodymyr): an
    edited text keeps one spelling; MT and careless rewrites drift between renderings."""
    pairs: list[str] = []
    for section in article.sections:
        if section.lang == "ja":
            forms: dict[str, set[str]] = {}
            for word in _KATAKANA_WORD.findall(section.text):
                forms.setdefault(word.replace("ー", ""), set()).add(word)
            pairs += ["/".join(sorted(f)) for f in forms.values() if len(f) > 1]
        elif section.lang in ("en", "ru"):
            words = sorted(set(_CAPITALISED.findall(section.text)))
            pairs += [
                f"{a}/{b}"
                for i, a in enumerate(words)
                for b in words[i + 1 :]
                if _one_inner_edit(a, b)
            ]
    if not pairs:
        return None
    return Signal(
        Code.TRANSLITERATION,
        Family.MT,
        min(0.6, 0.4 + 0.1 * (len(pairs) - 1)),
        "; ".join(pairs[:4]),
    )


def script_mirror(article: Article, lexicon: SignalLexicon) -> Signal | None:
    """Simplified-script Chinese that keeps a Taiwanese newsroom's conventions ('(图/…)' photo
    credits, '今(23)日' dates, '记者X/编译' bylines) or its vocabulary (北韩, 飞弹, 报导): a page
    converted by machine from another outlet's traditional-script article, as mirror sites do."""
    text = "\n".join(s.text for s in article.sections if s.lang == "zh")
    simplified = sum(1 for c in text if c in lexicon.simplified_only)
    traditional = sum(1 for c in text if c in lexicon.traditional_only)
    # the publisher's own simplified edition is rare for Taiwanese outlets; mixed scripts are
    # quotations, so only clearly simplified text counts
    if simplified < 10 or traditional * 10 > simplified:
        return None
    conventions = [m.group(0) for p in lexicon.mirror_conventions if (m := p.search(text))]
    words = [w for w in lexicon.mirror_vocabulary if w in text]
    # each kind of convention counts (a mainland page may carry a '图/…' credit, not also a
    # '今(19)日' date); AFP's and some overseas papers' Chinese services use a few such words
    weight = 0.2 * min(2, len(conventions)) + (0.2 if len(words) >= 2 else 0.0)
    if weight == 0:
        return None
    return Signal(
        Code.SCRIPT_MIRROR,
        Family.FARM,
        weight,
        f"simplified script with Taiwanese usage: {', '.join([*conventions[:3], *words[:5]])}",
    )


_NON_LATIN_SLUG = re.compile(rf"[{_CJK}\uac00-\ud7a3]{{3,}}")


def cms_address(article: Article, profile: SourceProfile, lexicon: SignalLexicon) -> Signal | None:
    """An address a publishing kit made by default: WordPress's '?p=123', a bulletin board's
    'board.php?bo_table=…', or the headline itself as a percent-encoded CJK slug."""
    from urllib.parse import unquote, urlsplit

    if profile.known:
        return None
    parts = urlsplit(article.url)
    if not parts.netloc:
        return None
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    for pattern in lexicon.cms_addresses:
        if pattern.search(target):
            return Signal(
                Code.CMS_ADDRESS, Family.FARM, 0.25, f"blog or board address {target[:60]!r}"
            )
    # newsrooms file articles under ids; blog engines slug the headline, in any script
    if _NON_LATIN_SLUG.search(unquote(parts.path)):
        return Signal(Code.CMS_ADDRESS, Family.FARM, 0.25, "headline slug in the address")
    return None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_FIRST = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"]\s))On (?:{_MONTHS}) \d{{1,2}},", re.M)


def date_first(article: Article) -> Signal | None:
    """English sentences opened by a full calendar date ('On October 17, the …'): Chinese,
    Japanese and Korean put the date first (10月17日，…) and machine translation keeps the
    order; English news puts it after the verb and names days of the week by weekday."""
    hits = sum(len(_DATE_FIRST.findall(s.text)) for s in article.sections if s.lang == "en")
    # one such sentence is a style choice; it takes two to suggest a word order carried over
    if hits < 2:
        return None
    return Signal(
        Code.DATE_FIRST,
        Family.MT,
        0.35 if hits == 2 else 0.5,
        f"{hits} sentences open with a calendar date",
    )


def proxy_url(article: Article) -> Signal | None:
    """A page address carrying another address in its query, or a search-result page."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(article.url)
    query = unquote(parts.query).lower()
    if "http://" in query or "https://" in query:
        return Signal(Code.PROXY_URL, Family.FARM, 0.5, "the address carries another address")
    if re.search(r"(^|/)search(/|$)", parts.path.lower()) and re.search(r"(^|&)q=", parts.query):
        return Signal(Code.PROXY_URL, Family.FARM, 0.4, "a search-result page")
    return None


# -- all of them -------------------------------------------------------------------------------
def document_signals(
    article: Article,
    profile: SourceProfile,
    lexicon: SignalLexicon | None = None,
    registry: Any = None,
) -> tuple[Signal, ...]:
    """Every per-document signal found in one article (copy-based ones come from the copy index).

    ``registry`` (a ``SourceRegistry``) lets the byline/link signal recognise known outlets.
    """
    lex = lexicon or load_lexicon()
    found: list[Signal | None] = [
        cjk_spacing(article),
        style_mix(article),
        foreign_dateline(article),
        calques(article, lex),
        site_language(article, profile, lex),
        template_bio(article, lex),
        theme_furniture(article, lex),
        reading_time(article, lex),
        markup_residue(article),
        boilerplate_ratio(article),
        repeated_blocks(article),
        teasers(article, lex),
        transliteration(article),
        proxy_url(article),
        script_mirror(article, lex),
        cms_address(article, profile, lex),
        date_first(article),
        no_provenance(article, profile, lex),
    ]
    if registry is not None:
        found.append(
            foreign_byline(
                article,
                profile,
                registry.outlet_names(),
                registry.lookup,
                lex.source_labels,
                lex.wire_aliases,
            )
        )
    found += repost_disclaimer(article, lex)
    found += domain_signals(profile, lex)
    return tuple(s for s in found if s is not None)
