"""Boilerplate cleaner for page text: keeps body paragraphs, removes page furniture with a reason.

Signals, all general: a per-language boilerplate lexicon (data), teaser and list patterns, link
lists opened by a heading (最新ニュース, You May Also Like) and running over short lines, stamps and
credit-only lines, author-bio blurbs with their name line, repeated lines, and a run of short
headline-like lines at the page end. Long prose lines are never removed by list or block rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from watchfloor.extract.credits import is_credit_only_line
from watchfloor.extract.lexicon import BoilerplateLexicon, fold, load_boilerplate, trie_regex
from watchfloor.extract.pubdate import is_metadata_line
from watchfloor.language.width import display_width as display_width  # re-exported


class RemovalReason(StrEnum):
    """Why the cleaner removed a line (stable codes, shown in Article.removed)."""

    NAVIGATION = "navigation"
    SHARE = "share"
    TEASER = "teaser"
    READING_TIME = "reading_time"
    FOOTER = "footer"
    LIST_HEADING = "list_heading"
    LINK_LIST = "link_list"
    END_MARKER = "end_marker"
    TRAILING_BLOCK = "trailing_block"
    SEPARATOR = "separator"
    NO_LETTERS = "no_letters"
    STAMP = "stamp"
    CREDIT_LINE = "credit_line"
    BYLINE = "byline"
    AUTHOR_BIO = "author_bio"
    DUPLICATE = "duplicate"
    TAIL_HEADLINES = "tail_headlines"
    NAV_RUN = "nav_run"
    METADATA_PREFIX = "metadata_prefix"
    PRE_TITLE_LABEL = "pre_title_label"


@dataclass(frozen=True, slots=True)
class KeptLine:
    """A line kept as a body paragraph; ``index`` is its position among the page's lines."""

    index: int
    text: str


@dataclass(frozen=True, slots=True)
class RemovedLine:
    index: int
    text: str
    reason: RemovalReason


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Kept paragraphs in page order, removed lines with reasons, and a byline if one was found."""

    kept: tuple[KeptLine, ...]
    removed: tuple[RemovedLine, ...]
    author: str | None


_BR = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\W_]+$")
_TERMINAL = re.compile(r"[.!?。！？．…][\"'”’」』）)\]】]*$|[다요죠까]\.?$")
_READ_TEASER = re.compile(r"^(?:ALSO\s+)?READ(?:\s+MORE|\s+ALSO)?\s*[:|\-–—]?\s+\S")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_META_PREFIX = re.compile(r"^date\s+\d{4}-\d{2}(?:-\d{2})?\s*", re.IGNORECASE)
_EN_BYLINE = re.compile(
    r"^By\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin)){0,3})\s*$"
)
_KO_BYLINE = re.compile(r"([가-힣]{2,4})\s?(?:기자|특파원|선임기자|논설위원)(?![가-힣])")
_ZH_BYLINE = re.compile(
    r"^(?:記者|记者|文|撰文|編譯|编译)\s*[:：]?\s*([\u4e00-\u9fff]{2,4})\s*[/／]"
)
_JA_BYLINE = re.compile(r"^[（(](?:[^）)=＝]{1,10}[=＝])?([^\s）)=＝\d]{2,10})[）)]$")
_NAME_LATIN = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё'’-]+(?:\s+[A-ZА-ЯЁ][a-zа-яё'’-]+){1,2}$")
_FRAGMENT_SPLIT = re.compile(r"[。.!！?？;；]+")
_REASONS = {r.value: r for r in RemovalReason}


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def ends_sentence(text: str) -> bool:
    """True when a line ends like a sentence (。 . ! ? 다. and closing quotes after them)."""
    return bool(_TERMINAL.search(text.rstrip()))


def is_prose(text: str) -> bool:
    """A body-like paragraph: long and sentence-final, or very long. Never removed by blocks."""
    width = display_width(text)
    return width >= 200 or (width >= 70 and ends_sentence(text))


def split_lines(text: str) -> list[str]:
    """Non-empty stripped lines of a text; stray <br> tags count as line breaks."""
    text = _BR.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _byline_author(line: str) -> str | None:
    """A name from a byline-looking line, else None."""
    if m := _EN_BYLINE.match(line):
        return m.group(1)
    if m := _ZH_BYLINE.match(line):
        return m.group(1)
    if (m := _KO_BYLINE.search(line)) and m.start() <= 40:
        return m.group(1)
    return None


def _standalone_byline(line: str) -> str | None:
    """The author of a line that is only a byline (name + 기자/email/By), else None."""
    width = display_width(line)
    if width > 80 or (ends_sentence(line) and not _EMAIL.search(line)):
        return None
    if m := _EN_BYLINE.match(line):
        return m.group(1)
    if m := _JA_BYLINE.match(line):
        return m.group(1)
    rest = _EMAIL.sub(" ", line)
    if m := _KO_BYLINE.search(rest):
        # "이예지 동아닷컴 기자": the outlet may sit between the name and 기자; Korean personal
        # names are mostly three syllables, so prefer a three-syllable word before 기자.
        words = re.findall(r"[가-힣]{2,4}", rest[: m.end(1)])
        return next((w for w in words if len(w) == 3), m.group(1))
    if _EMAIL.search(line):
        names = re.findall(r"[가-힣]{2,4}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", rest)
        return names[-1] if names else ""
    return None


def _is_name_line(line: str) -> bool:
    """A short line that looks like a personal name (Latin/Cyrillic capitalised words or CJK)."""
    if _NAME_LATIN.match(line):
        return True
    stripped = line.replace("・", "").replace(" ", "")
    return 2 <= len(stripped) <= 8 and all(
        unicodedata.name(ch, "").startswith(("CJK UNIFIED", "HANGUL", "KATAKANA"))
        for ch in stripped
    )


def is_bio_blurb(line: str, bio_words: frozenset[str]) -> bool:
    """A fake-profile blurb: several very short fragments, most of them bio nouns."""
    fragments = [f.strip(" 」』\"'”’") for f in _FRAGMENT_SPLIT.split(line)]
    fragments = [f for f in fragments if f]
    if len(fragments) < 3 or display_width(line) > 320:
        return False
    if max(display_width(f) for f in fragments) > 60:
        return False
    words = _bio_pattern(bio_words)
    hits = sum(1 for f in fragments if words.search(fold(f)))
    return hits >= max(2, len(fragments) // 2)


@lru_cache(maxsize=8)
def _bio_pattern(bio_words: frozenset[str]) -> re.Pattern[str]:
    """Any bio word in a folded fragment: ASCII words as whole words ("fan" not in "fantasy"),
    others (CJK, Cyrillic) anywhere, as CJK is written without spaces."""
    ascii_words = sorted(w for w in bio_words if w.isascii())
    other = sorted(w for w in bio_words if not w.isascii())
    parts = []
    if ascii_words:
        parts.append(rf"(?<![a-z])(?:{trie_regex(ascii_words)})(?![a-z])")
    if other:
        parts.append(trie_regex(other))
    return re.compile("|".join(parts) or r"(?!)")


def _classify(line: str, lexicon: BoilerplateLexicon) -> RemovalReason | None:
    if _SEPARATOR.match(line):
        return RemovalReason.SEPARATOR
    if not has_letters(line):
        return RemovalReason.NO_LETTERS
    if _READ_TEASER.match(line) and display_width(line) <= 160:
        return RemovalReason.TEASER
    width = display_width(line)
    found = lexicon.reason_for(line)
    if found is not None:
        # Lexicon phrases only mark short lines (footers are shorter still); a long paragraph is
        # body whatever it says. Exact matches are whole lines and always count.
        reason, kind = found
        limit = {"exact": 10**6, "contains": 120}.get(kind, 200)
        if width <= limit:
            return _REASONS.get(reason, RemovalReason.FOOTER)
    if is_metadata_line(line):
        return RemovalReason.STAMP
    if is_credit_only_line(line):
        return RemovalReason.CREDIT_LINE
    return None


def clean_lines(
    lines: Sequence[str],
    *,
    lexicon: BoilerplateLexicon | None = None,
    light: bool = False,
) -> CleanResult:
    """Clean a page's lines. ``light`` (HTML main text) skips the page-layout heuristics."""
    lex = lexicon or load_boilerplate()
    kept: list[KeptLine] = []
    removed: list[RemovedLine] = []
    author: str | None = None
    block: RemovalReason | None = None
    seen_prose = False
    for i, raw in enumerate(lines):
        line = raw
        if m := _META_PREFIX.match(line):
            removed.append(RemovedLine(i, m.group().strip(), RemovalReason.METADATA_PREFIX))
            line = line[m.end() :].strip()
            if not line:
                continue
        reason = _classify(line, lex)
        if reason in (RemovalReason.LIST_HEADING, RemovalReason.END_MARKER):
            removed.append(RemovedLine(i, line, reason))
            # A heading opens a block only below article text: share bars and menus in a page
            # header are single lines, and the article still follows them.
            if seen_prose:
                block = (
                    RemovalReason.LINK_LIST
                    if reason is RemovalReason.LIST_HEADING
                    else RemovalReason.TRAILING_BLOCK
                )
            continue
        if block is not None:
            if is_prose(line):
                block = None
            else:
                removed.append(RemovedLine(i, line, reason or block))
                continue
        if reason is not None:
            removed.append(RemovedLine(i, line, reason))
            continue
        name = _standalone_byline(line)
        if name is not None:
            removed.append(RemovedLine(i, line, RemovalReason.BYLINE))
            author = author or name or None
            continue
        kept.append(KeptLine(i, line))
        seen_prose = seen_prose or is_prose(line)
    kept, author = _remove_bios(kept, removed, lex, author)
    kept = _remove_duplicates(kept, removed)
    if not light:
        kept = _remove_nav_run(kept, removed)
        kept, author = _remove_tail(kept, removed, author)
    if author is None:
        author = next((a for k in kept[:6] if (a := _byline_author(k.text))), None)
    removed.sort(key=lambda r: r.index)
    return CleanResult(tuple(kept), tuple(removed), author)


def clean_text(
    text: str, *, lexicon: BoilerplateLexicon | None = None, light: bool = False
) -> CleanResult:
    """``clean_lines`` over ``split_lines(text)``."""
    return clean_lines(split_lines(text), lexicon=lexicon, light=light)


def _remove_bios(
    kept: list[KeptLine],
    removed: list[RemovedLine],
    lex: BoilerplateLexicon,
    author: str | None,
) -> tuple[list[KeptLine], str | None]:
    drop: set[int] = set()
    for pos, line in enumerate(kept):
        if not is_bio_blurb(line.text, lex.bio_words):
            continue
        drop.add(pos)
        removed.append(RemovedLine(line.index, line.text, RemovalReason.AUTHOR_BIO))
        # The author's name sits just before the blurb (sometimes just after it).
        for near in (pos - 1, pos - 2, pos + 1):
            if 0 <= near < len(kept) and near not in drop and _is_name_line(kept[near].text):
                drop.add(near)
                removed.append(RemovedLine(kept[near].index, kept[near].text, RemovalReason.BYLINE))
                author = author or kept[near].text
                break
    return [k for p, k in enumerate(kept) if p not in drop], author


def _remove_duplicates(kept: list[KeptLine], removed: list[RemovedLine]) -> list[KeptLine]:
    seen: set[str] = set()
    out: list[KeptLine] = []
    for line in kept:
        norm = fold(line.text)
        if display_width(line.text) >= 16 and norm in seen:
            removed.append(RemovedLine(line.index, line.text, RemovalReason.DUPLICATE))
            continue
        seen.add(norm)
        out.append(line)
    return out


def _is_short_label(text: str, limit: int) -> bool:
    return display_width(text) <= limit and not ends_sentence(text)


def _remove_nav_run(kept: list[KeptLine], removed: list[RemovedLine]) -> list[KeptLine]:
    """Drop a leading run of 3+ menu-like lines (very short, no sentence end)."""
    run = 0
    while run < min(len(kept), 8) and _is_short_label(kept[run].text, 20):
        run += 1
    if run < 3 or run == len(kept):
        return kept
    removed.extend(RemovedLine(k.index, k.text, RemovalReason.NAV_RUN) for k in kept[:run])
    return kept[run:]


def _remove_tail(
    kept: list[KeptLine], removed: list[RemovedLine], author: str | None
) -> tuple[list[KeptLine], str | None]:
    """Drop a closing run of 3+ headline-like lines (other stories) and a closing name line."""
    end = len(kept)
    while end > 0 and _is_headline_item(kept[end - 1].text):
        end -= 1
    if len(kept) - end >= 3 and any(is_prose(k.text) for k in kept[:end]):
        removed.extend(
            RemovedLine(k.index, k.text, RemovalReason.TAIL_HEADLINES) for k in kept[end:]
        )
        kept = kept[:end]
    # A lone "Имя Фамилия" line among the last lines is the byline (Russian sites sign so).
    # Latin-script lines like "North Korea Russia" (tag rows) look the same, so only Cyrillic.
    for pos in range(len(kept) - 1, max(len(kept) - 3, 0) - 1, -1):
        text = kept[pos].text
        if pos > 0 and _NAME_LATIN.match(text) and re.match(r"[А-ЯЁ]", text):
            removed.append(RemovedLine(kept[pos].index, kept[pos].text, RemovalReason.BYLINE))
            author = author or kept[pos].text
            kept = kept[:pos] + kept[pos + 1 :]
            break
    return kept, author


def _is_headline_item(text: str) -> bool:
    stripped = text.lstrip()
    if stripped.startswith(("-", "・", "•", "*", "–")):
        return False
    return 8 <= display_width(text) <= 100 and not ends_sentence(text) and "。" not in text
