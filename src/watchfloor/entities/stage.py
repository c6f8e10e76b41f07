"""The entity stage: an Article's sections -> Mentions linked to the registry or provisional.

Built once per process with a Registry and the configured languages (the matcher tries are
compiled here). Role phrases resolve on ``article.published``; when it is None the current
holders (open-ended role ranges) are used.
"""

from __future__ import annotations

from typing import ClassVar

from watchfloor.config import Config
from watchfloor.entities.linking import Linker, SectionText
from watchfloor.entities.matcher import Matcher
from watchfloor.entities.ner import NerBackend, get_backend
from watchfloor.entities.registry import LANGS, Registry
from watchfloor.records import Article, Mention


class EntityStage:
    """Registry matching + coreference everywhere, statistical NER only where it adds something."""

    name: ClassVar[str] = "entities.link.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(
        self, registry: Registry, languages: tuple[str, ...] = LANGS, *, ner: bool = True
    ) -> None:
        self.registry = registry
        self.languages = tuple(lang for lang in languages if lang in LANGS)
        self.matcher = Matcher(registry, self.languages)
        self.linker = Linker(registry, self.matcher)
        self.ner = ner
        self.ner_errors = 0  # backend failures, counted; registry mentions are still returned
        self._backends: dict[str, NerBackend | None] = {}

    def _backend(self, lang: str) -> NerBackend | None:
        if lang not in self._backends:
            self._backends[lang] = get_backend(lang) if self.ner else None
        return self._backends[lang]

    def _sections(self, article: Article) -> list[SectionText]:
        return [
            SectionText(i, s.lang, s.text, s.title, tuple((sp.start, sp.end) for sp in s.sentences))
            for i, s in enumerate(article.sections)
        ]

    def process(self, article: Article) -> tuple[Mention, ...]:
        """Mentions in the section texts; offsets index ``article.sections[i].text``."""
        return self.process_all(article)[0]

    def process_all(self, article: Article) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """(text mentions, title mentions). Title mentions index ``sections[i].title``."""
        sections = self._sections(article)
        result = self.linker.link(article.doc_id, sections, article.published)
        extra: list[Mention] = []
        for sec in sections:
            backend = self._backend(sec.lang) if sec.lang in self.languages else None
            if backend is None or not sec.text:
                continue
            try:
                extra += self.linker.ner_mentions(article.doc_id, sec, backend, result)
            except Exception:  # a model failure must not lose the registry mentions
                self.ner_errors += 1
        text_mentions = sorted([*result.text, *extra], key=lambda m: (m.section, m.start, m.end))
        return tuple(text_mentions), tuple(result.titles)

    def entity_names(self, article: Article, kinds: frozenset[str]) -> set[str]:
        """Canonical names of the document's entities of the given kinds (text and titles)."""
        text, titles = self.process_all(article)
        return {m.canonical_name for m in (*text, *titles) if m.kind in kinds}


def build_entity_stage(config: Config) -> EntityStage:
    """The entity stage as configured: shipped registry plus the user's registry files."""
    from pathlib import Path

    files = [*config.entities.registry_files]
    user = Path(config.entities.user_registry)
    if user.exists() and str(user) not in files:
        files.append(str(user))  # proposals accepted in review are written here
    registry = Registry.load(files)
    return EntityStage(registry, tuple(config.languages.enabled), ner=config.entities.ner)
