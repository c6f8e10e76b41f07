"""The extract stage: raw bytes -> Article (main text, metadata, language sections)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from watchfloor.config import Config
from watchfloor.records import Article, MediaType, RawDocument, Reason, Rejected

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|`)", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Plain text of Markdown: links keep their words, heading/emphasis/quote marks go."""
    return _MD_MARKUP.sub("", _MD_LINK.sub(r"\1", text))


def site_of(url: str, hint: str | None) -> str | None:
    """The publisher's site: the input hint, else the url's host without 'www.'."""
    if hint:
        return hint.strip().lower() or None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def country_of_site(site: str | None) -> str | None:
    """ISO 3166-1 alpha-2 (lower case) from a site's country-code TLD, when it has one."""
    if not site:
        return None
    tld = site.rsplit(".", 1)[-1]
    return tld if len(tld) == 2 and tld.isalpha() else None


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


class ExtractStage:
    """Decode, extract main text (HTML) or clean it (text), split language sections."""

    name: ClassVar[str] = "extract.article.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"article"})

    def __init__(self, config: Config) -> None:
        self.config = config
        self.languages = tuple(config.languages.enabled)

    def _timezone(self, site: str | None) -> ZoneInfo | None:
        country = country_of_site(site)
        name = self.config.timezones.get(country or "")
        return ZoneInfo(name) if name else None

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
        from watchfloor.extract.article import build_sections
        from watchfloor.extract.html import extract_html
        from watchfloor.ingest.decode import decode_bytes
        from watchfloor.ingest.jsonl import article_fields

        hints = raw.hints
        html: str | None = None
        text: str | None = None
        if raw.media_type is MediaType.ARTICLE_JSON:
            record = article_fields(raw)
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
            page = extract_html(html, raw.url if raw.url.startswith("http") else None)
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
            tz_for_site=self._timezone(site),
        )
        sections = built.sections
        chars = sum(len(s.text) for s in sections)
        if not sections or chars < self.config.extract.min_text_chars:
            return self._reject(
                raw, Reason.NO_TEXT, f"main text too short ({chars} characters after cleaning)"
            )
        tz = self._timezone(site) or built.timezone
        published = parse_iso(hints.published, tz)
        source = "input" if published else None
        if published is None and published_hint:
            published = parse_iso(published_hint, tz)
            source = "html-meta" if published else None
        if published is None and built.published is not None:
            published = built.published
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
