"""Benchmark of the entity stage: documents/s and peak RSS per language on 2,000-character
articles. Prints figures; asserts nothing about time.

Articles are cut from ../shared/corpus texts (read in place) to 2,000 characters; with
``--synthetic`` (or without ../shared) they are built from registry names and filler.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from watchfloor.entities.registry import LANGS, Registry
from watchfloor.entities.stage import EntityStage
from watchfloor.records import Article, Section

SIZE = 2000


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_texts(shared: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for path in sorted((shared / "corpus" / "articles").glob("*/*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        text = art.get("text") or ""
        if art.get("lang") in out and text:
            while len(text) < SIZE:
                text = text + "\n" + text
            out[art["lang"]].append(text[:SIZE])
    return out


def synthetic_texts(registry: Registry) -> dict[str, list[str]]:
    filler = {
        "en": " said on Monday that talks went well. ",
        "ja": "は月曜日に会談したと述べた。",
        "ko": "은 월요일에 회담했다고 밝혔다. ",
        "ru": " заявил в понедельник о переговорах. ",
        "zh": "周一表示会谈进展顺利。",
    }
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        names = [n for a in registry.actors.values() for n in a.names.get(lang, ())][:400]
        parts: list[str] = []
        k = 0
        while sum(map(len, parts)) < SIZE * 20:
            parts.append(names[k % len(names)] + filler[lang])
            k += 7
        blob = "".join(parts)
        out[lang] = [blob[i : i + SIZE] for i in range(0, SIZE * 20, SIZE)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--docs", type=int, default=60, help="documents per language")
    parser.add_argument("--no-ner", action="store_true", help="registry matching and coref only")
    parser.add_argument("--synthetic", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    registry = Registry.load()
    stage = EntityStage(registry, ner=not args.no_ner)
    print(f"registry + matcher build: {time.perf_counter() - t0:.2f} s, RSS {rss_mb():.0f} MB")
    shared = Path(args.shared)
    texts = (
        synthetic_texts(registry)
        if args.synthetic or not (shared / "corpus").exists()
        else corpus_texts(shared)
    )
    print(f"{'lang':<5}{'docs':>6}{'docs/s':>9}{'mentions/doc':>14}{'peak RSS MB':>13}")
    for lang in LANGS:
        pool = texts.get(lang) or []
        if not pool:
            continue
        docs = [pool[i % len(pool)] for i in range(args.docs)]
        # warm-up: loads the language's NER model once, outside the timing
        stage.process(_article(lang, docs[0], 0))
        start = time.perf_counter()
        n_mentions = 0
        for i, text in enumerate(docs):
            n_mentions += len(stage.process(_article(lang, text, i)))
        elapsed = time.perf_counter() - start
        print(
            f"{lang:<5}{len(docs):>6}{len(docs) / elapsed:>9.1f}"
            f"{n_mentions / len(docs):>14.1f}{rss_mb():>13.0f}"
        )


def _article(lang: str, text: str, i: int) -> Article:
    return Article(
        doc_id=f"bench-{lang}-{i}",
        url=f"bench:{lang}:{i}",
        sha256="",
        site=None,
        title=None,
        published=None,
        published_source=None,
        author=None,
        credits=(),
        sections=(Section(lang=lang, title=None, text=text),),
        extractor="bench",
    )


if __name__ == "__main__":
    main()
