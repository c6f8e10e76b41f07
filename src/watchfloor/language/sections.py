"""Language sections of a document: contiguous same-language runs, tiny interruptions merged.

A page carrying one story in two languages (Japanese then English) becomes two sections; a name
line in Latin script or a "(AP)" inside a Japanese article stays in the Japanese section. A
section's title is its first line when that line looks like a headline, or the given title when
it is in the section's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.extract.lexicon import fold
from watchfloor.language.width import display_width

# A run narrower than this (display width: CJK characters count 2) is an interruption, not a
# section: about 100 CJK characters or 250 Latin ones, a short paragraph or two.
MIN_SECTION_WIDTH = 220
_HEADLINE_END = tuple(".。．!！:：;；,，、")
_BULLETS = ("-", "・", "•", "*", "–", "▲", "▶", "■", "※", "↑")


@dataclass(frozen=True, slots=True)
class SectionDraft:
    """One language section before sentence splitting: paragraphs in page order and a title."""

    lang: str
    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[str, ...] = ()  # lines dropped around the title (labels before it)


_width = display_width


def looks_like_headline(line: str) -> bool:
    """Short, no sentence-final punctuation, no inner 。, not a bullet or caption."""
    text = line.strip()
    width = _width(text)
    if not 10 <= width <= 200 or text.startswith(_BULLETS):
        return False
    core = text.rstrip("」』”\"'’)）】")
    if core.endswith(_HEADLINE_END) or "。" in core:
        return False
    return len(text.split()) <= 30


def _is_label(line: str) -> bool:
    """A short line before a headline: a section label, a date, a kicker (세계, Мир, Politics)."""
    return (_width(line) <= 24 and not looks_like_headline(line)) or _width(line) <= 12


def _runs(langs: Sequence[str]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, lang in enumerate(langs):
        if runs and langs[runs[-1][0]] == lang:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _merge_small(runs: list[list[int]], langs: list[str], widths: list[int]) -> list[list[int]]:
    """Fold runs narrower than MIN_SECTION_WIDTH into their neighbours, smallest first."""
    while len(runs) > 1:
        sizes = [sum(widths[i] for i in r) for r in runs]
        small = [k for k, s in enumerate(sizes) if s < MIN_SECTION_WIDTH]
        if not small:
            break
        k = min(small, key=lambda x: sizes[x])
        prev, nxt = k - 1, k + 1
        if prev >= 0 and nxt < len(runs) and langs[runs[prev][0]] == langs[runs[nxt][0]]:
            runs[prev : nxt + 1] = [runs[prev] + runs[k] + runs[nxt]]
            continue
        target = prev if nxt >= len(runs) or (prev >= 0 and sizes[prev] >= sizes[nxt]) else nxt
        lang = langs[runs[target][0]]
        for i in runs[k]:
            langs[i] = lang
        lo, hi = min(k, target), max(k, target)
        runs[lo : hi + 1] = [sorted(runs[lo] + runs[hi])]
    return runs


def _title_matches(paragraph: str, title: str) -> bool:
    p, t = fold(paragraph), fold(title)
    if not t:
        return False
    return p == t or (t in p and _width(p) - _width(t) <= 40) or (p in t and _width(p) >= 10)


def _with_title(lang: str, paras: list[str], title_hint: str | None) -> SectionDraft:
    removed: list[str] = []
    if title_hint:
        for pos, para in enumerate(paras[:5]):
            if _title_matches(para, title_hint) and len(paras) > 1:
                before = paras[:pos]
                if all(_is_label(b) for b in before):
                    removed.extend(before)
                    return SectionDraft(
                        lang, title_hint.strip(), tuple(paras[pos + 1 :]), tuple(removed)
                    )
                return SectionDraft(lang, title_hint.strip(), tuple(paras[:pos] + paras[pos + 1 :]))
        return SectionDraft(lang, title_hint.strip(), tuple(paras))
    for pos, para in enumerate(paras[:3]):
        if looks_like_headline(para) and len(paras) > pos + 1:
            if all(_is_label(b) for b in paras[:pos]):
                removed.extend(paras[:pos])
                return SectionDraft(lang, para, tuple(paras[pos + 1 :]), tuple(removed))
            break
        if not _is_label(para):
            break
    return SectionDraft(lang, None, tuple(paras))


def split_sections(
    paragraphs: Sequence[str],
    langs: Sequence[str | None],
    *,
    title_hint: str | None = None,
    title_lang: str | None = None,
    lang_hint: str | None = None,
) -> tuple[SectionDraft, ...]:
    """Group paragraphs into language sections and give each its title.

    ``langs`` has one (possibly None) language per paragraph. ``title_hint`` (from the input or
    the HTML) goes to the first section in ``title_lang`` (or the first section when unknown).
    """
    if not paragraphs:
        return ()
    fallback = lang_hint or next((x for x in langs if x), None) or "und"
    filled = [x or fallback for x in langs]
    widths = [_width(p) for p in paragraphs]
    runs = _merge_small(_runs(filled), filled, widths)
    target = next((k for k, r in enumerate(runs) if filled[r[0]] == title_lang), 0)
    drafts = []
    for k, run in enumerate(runs):
        hint = title_hint if title_hint and k == target else None
        drafts.append(_with_title(filled[run[0]], [paragraphs[i] for i in run], hint))
    return tuple(drafts)
