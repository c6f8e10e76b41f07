"""From a document's decoded text to language sections with titles, sentences and metadata.

Runs the cleaner (fully for text input, lightly for HTML main text), per-paragraph language ID,
language sections and sentence splitting, and reads credits, byline and publication date from
the page lines. The extract stage calls ``build_sections`` and fills the Article record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from watchfloor.extract.clean import RemovalReason, clean_lines, display_width, split_lines
from watchfloor.extract.credits import agency_named, credit_names, find_credits
from watchfloor.extract.lexicon import BoilerplateLexicon
from watchfloor.extract.pubdate import PublishedDate, find_published, infer_timezone
from watchfloor.language.langid import identify, identify_paragraphs
from watchfloor.language.sections import SectionDraft, split_sections
from watchfloor.language.sentences import split_sentences
from watchfloor.records import Section, Span

_OTHER_STORIES = frozenset(
    {
        RemovalReason.LINK_LIST,
        RemovalReason.TRAILING_BLOCK,
        RemovalReason.TAIL_HEADLINES,
        RemovalReason.TEASER,
        RemovalReason.LIST_HEADING,
    }
)


@dataclass(frozen=True, slots=True)
class SectionsResult:
    """Sections of one document and what the cleaner and metadata readers found around them."""

    sections: tuple[Section, ...]
    removed: tuple[str, ...]  # "[reason] line" for audit (Article.removed)
    author: str | None
    credits: tuple[str, ...]  # see credits.credit_names for the rule
    published: PublishedDate | None
    timezone_reason: str = "unknown"  # site | domestic-credit | language | unknown


def _section(draft: SectionDraft, *, use_kiwi: bool) -> Section:
    text = "\n".join(draft.paragraphs)
    spans: list[Span] = []
    pos = 0
    for para in draft.paragraphs:
        spans.append(Span(pos, pos + len(para)))
        pos += len(para) + 1
    sentences = split_sentences(text, draft.lang, use_kiwi=use_kiwi)
    return Section(draft.lang, draft.title, text, tuple(spans), sentences)


def build_sections(
    body: str,
    *,
    title_hint: str | None,
    lang_hint: str | None,
    languages: Sequence[str],
    is_html_main_text: bool,
    tz_for_site: str | None = None,
    tz_by_country: Mapping[str, str] | None = None,
    lexicon: BoilerplateLexicon | None = None,
    use_kiwi: bool = False,
) -> SectionsResult:
    """Clean ``body`` and split it into per-language sections with titles and sentences.

    ``tz_for_site`` is the publisher's timezone when the caller knows the site's country; when it
    is None the zone is inferred from a domestic credit (時事 on a ja page ⇒ Asia/Tokyo) or the
    dominant language (ja ⇒ Asia/Tokyo, ko ⇒ Asia/Seoul), else stamps are read as UTC.
    """
    lines = split_lines(body)
    cleaned = clean_lines(lines, lexicon=lexicon, light=is_html_main_text)
    # Credits in other stories' teasers and link lists are not this article's.
    foreign = {r.index for r in cleaned.removed if r.reason in _OTHER_STORIES}
    credits = tuple(c for c in find_credits(lines) if c.line not in foreign)
    paragraphs = [k.text for k in cleaned.kept]
    guesses = identify_paragraphs(paragraphs, languages, hint=lang_hint)
    title_lang = identify(title_hint, languages).lang if title_hint else None
    drafts = split_sections(
        paragraphs,
        [g.lang for g in guesses],
        title_hint=title_hint,
        title_lang=title_lang or lang_hint,
        lang_hint=lang_hint,
    )
    sections = tuple(_section(d, use_kiwi=use_kiwi) for d in drafts if d.paragraphs)
    by_size = sorted(sections, key=lambda s: -display_width(s.text))
    section_langs = list(dict.fromkeys(s.lang for s in by_size)) or (
        [lang_hint] if lang_hint else []
    )
    dominant = section_langs[0] if section_langs else None
    homes = []
    for c in credits:
        agency = agency_named(c.name)
        if agency is not None and agency.country:
            homes.append((agency.country, agency.lang))
    tz_name, tz_reason = infer_timezone(
        tz_for_site=tz_for_site, lang=section_langs, credit_homes=homes, tz_by_country=tz_by_country
    )
    # A date counts as credit-adjacent only on a short credit line, not in a lead sentence.
    stamp_lines = {c.line for c in credits if display_width(lines[c.line]) <= 80}
    published = find_published(lines, tz_name=tz_name, credit_lines=stamp_lines, lang=dominant)
    removed = [f"[{r.reason.value}] {r.text}" for r in cleaned.removed]
    removed += [f"[pre_title_label] {line}" for d in drafts for line in d.removed]
    return SectionsResult(
        sections=sections,
        removed=tuple(removed),
        author=cleaned.author,
        credits=credit_names(credits),
        published=published,
        timezone_reason=tz_reason,
    )
