"""The extract stage: raw bytes -> Article (main text, metadata, language sections)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from watchfloor.config import Config
from watchfloor.extract.article import build_sections
from watchfloor.extract.html import extract_html
from watchfloor.extract.lexicon import load_boilerplate, user_lexicons
from watchfloor.extract.pubdate import infer_timezone, site_country
from watchfloor.ingest.decode import decode_bytes
from watchfloor.ingest.jsonl import article_record
from watchfloor.ingest.sites import site_of
from watchfloor.language.width import display_width
from watchfloor.records import Article, MediaType, RawDocument, Reason, Rejected, Section, Span

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|`)", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Plain text of Markdown: links keep their words, heading/emphasis/quote marks go."""
    return _MD_MARKUP.sub("", _MD_LINK.sub(r"\1", text))


def zone(name: str | None) -> ZoneInfo | None:
    """An IANA zone by name; None for unknown names and assumed or bare-offset zones."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return None


def parse_iso(value: str | None, tz: ZoneInfo | None) -> datetime | None:
    """An ISO 8601 date or datetime; naive values take the publisher's timezone."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None and tz is not None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def with_title_line(section: Section) -> Section:
    """The section with its title as the first line of its text.

    Headlines carry claims and names too, and every offset (mentions, claims) indexes
    ``Section.text``; so the title is kept as the text's first paragraph and sentence.
    """
    title = (section.title or "").strip()
    if not title or section.text.startswith(title):
        return section
    shift = len(title) + 1
    return replace(
        section,
        text=f"{title}\n{section.text}",
        paragraphs=(
            Span(0, len(title)),
            *(Span(p.start + shift, p.end + shift) for p in section.paragraphs),
        ),
        sentences=(
            Span(0, len(title)),
            *(Span(p.start + shift, p.end + shift) for p in section.sentences),
        ),
    )


class ExtractStage:
    """Decode, extract main text (HTML) or clean it (text), split language sections."""

    name: ClassVar[str] = "extract.article.v2"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"article"})

    def __init__(self, config: Config) -> None:
        self.config = config
        self.languages = tuple(config.languages.enabled)
        self.lexicon = load_boilerplate(user_lexicons(config.extract.boilerplate_lexicons))

    def _timezone_name(self, site: str | None) -> str | None:
        """The publisher country's default timezone, from the site's country-code domain."""
        country = site_country(site)
        return self.config.timezones.get(country) if country else None

    def _reject(self, raw: RawDocument, reason: Reason, detail: str) -> Rejected:
        return Rejected(
            doc_id=raw.doc_id,
            stage=self.name,
            reason=reason,
            detail=detail,
            data=raw.data,
            provenance=raw.provenance,
            url=raw.url,
        )

    def process(self, raw: RawDocument) -> Article | Rejected:
        hints = raw.hints
        html: str | None = None
        text: str | None = None
        if raw.media_type is MediaType.ARTICLE_JSON:
            record = article_record(raw)
            if isinstance(record, Rejected):
                return record
            html, text = record.html, record.text
        else:
            decoded = decode_bytes(raw.data, declared=hints.charset, media_type=raw.media_type)
            if isinstance(decoded, Rejected):
                return self._reject(raw, decoded.reason, decoded.detail)
            if raw.media_type is MediaType.HTML:
                html = decoded.text
            elif raw.media_type is MediaType.MARKDOWN:
                text = markdown_to_text(decoded.text)
            else:
                text = decoded.text

        title_hint = hints.title
        published_hint = hints.published
        author: str | None = None
        site = site_of(raw.url, hints.site)
        html_lang: str | None = None
        if html is not None and html.strip():
            page = extract_html(
                html,
                raw.url if raw.url.startswith("http") else None,
                find_date=not hints.published,  # a given date wins; skip the page-date search
            )
            body = page.text
            title_hint = title_hint or page.title
            published_hint = published_hint or page.published
            author = page.author
            html_lang = page.lang
            is_html = True
        else:
            body = text or ""
            is_html = False
        if not body.strip():
            return self._reject(raw, Reason.NO_TEXT, "no main text found")

        built = build_sections(
            body,
            title_hint=title_hint,
            lang_hint=hints.lang or html_lang,
            languages=self.languages,
            is_html_main_text=is_html,
            tz_for_site=self._timezone_name(site),
            tz_by_country=self.config.timezones,
            lexicon=self.lexicon,
        )
        sections = tuple(with_title_line(section) for section in built.sections)
        # measured in display width: a CJK character says about what two Latin ones do, so a
        # one-sentence Chinese flash is as much text as its English translation
        width = sum(display_width(s.text) for s in sections)
        if not sections or width < self.config.extract.min_text_chars:
            return self._reject(
                raw,
                Reason.NO_TEXT,
                f"main text too short ({width} characters after cleaning, CJK counting double)",
            )
        tz_name = self._timezone_name(site) or (
            built.published.timezone if built.published is not None else None
        )
        if tz_name is None:
            tz_name, _ = infer_timezone(
                tz_for_site=None,
                lang=[s.lang for s in sections],
                tz_by_country=self.config.timezones,
            )
        # every stored datetime is tz-aware: with no clue at all, a stamp is read as UTC
        tz = zone(tz_name) or ZoneInfo("UTC")
        published = parse_iso(hints.published, tz)
        source = "input" if published else None
        if published is None and published_hint:
            published = parse_iso(published_hint, tz)
            source = "html-meta" if published else None
        if published is None and built.published is not None:
            published = built.published.value
            source = "text"
        title = title_hint or sections[0].title
        return Article(
            doc_id=raw.doc_id,
            url=raw.url,
            sha256=raw.sha256,
            site=site,
            title=title,
            published=published,
            published_source=source,
            author=author or built.author,
            credits=built.credits,
            sections=sections,
            extractor=self.name,
            removed=built.removed,
        )
