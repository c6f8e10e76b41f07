"""Fusion scale benchmark: event coreference and story clustering on synthetic documents.

Generates documents from templates (stories of 5-60 reports about one occasion: a type, a few
named participants from a large pool, the watch's two common countries, a date; a third of the
reports undated, some claims with no time at all) lazily, in publication order, a month at a
time, and feeds each month to the fusion stream (watchfloor/fuse/stream.py, the stage's code
path): anchored claims -> events, documents -> stories, and as each story closes its loosely
dated events folded, its timeless claims placed, folded again; stories and events past the
horizon go to a sink that only counts them. An undated report arrives with the month it was
written in. Each size runs in its own process so peak RSS is per size.

    .venv/bin/python bench/fusion.py                 # 10k, 30k, 100k documents
    .venv/bin/python bench/fusion.py --sizes 2000    # quick check
    .venv/bin/python bench/fusion.py --rate          # the span grows with the size instead
    .venv/bin/python bench/fusion.py --both          # both tables

By default every size spans the same three years, so the documents per week grow with the size
(the hard case: more candidates per document). ``--rate`` spans three years per 10k documents, as
a watch that keeps the same intake and grows over time: memory should stay flat.

Prints wall time (generating included), the CPU time of fusion alone (steadier on a shared
machine) and of generating the documents, documents/s, peak RSS, the most events and stories
held at once, and B-cubed of stories against the generating story (computed as stories close,
from the gold story and its size carried in each doc id).
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from watchfloor.fuse.events import ActorInfo, ClaimContext
from watchfloor.fuse.stories import DocumentProfile, StoryParams
from watchfloor.fuse.stream import FusionStream
from watchfloor.records import Claim, Event, Stance, Status, Story

TYPES = ("CONSULT", "AGREE", "AID", "ACCUSE", "REJECT", "THREATEN", "COOPERATE")
MODES = {"CONSULT": ("visit", "meet"), "AID": ("military personnel", "munitions")}
COUNTRIES = tuple(f"Country {i}" for i in range(40))
COMMON = ("Country 0", "Country 1")  # every story of the watch involves these two
MEAN_STORY = 32.5  # documents per story on average (5-60)
CHUNK_DAYS = 30

Doc = tuple[list[ClaimContext], DocumentProfile]


def _person(i: int) -> str:
    return f"Person {i}"


def _story_docs(
    rng: random.Random, story: int, day: date, people: int, first: int, size: int
) -> Iterator[tuple[date, Doc]]:
    """The reports of one story, each with the day it arrives (its publication day, also for
    an undated report)."""
    type_ = rng.choice(TYPES)
    named = [_person(rng.randrange(people)) for _ in range(rng.randint(2, 4))]
    objects = [f"Object {rng.randrange(people)}" for _ in range(2)]
    for n in range(size):
        # the gold story and its size travel in the id, so scoring keeps nothing per document
        doc_id = f"d{first + n:07d}s{story}n{size}"
        arrives = day + timedelta(days=rng.randint(0, 6))
        published = arrives if rng.random() > 0.35 else None
        stamp = datetime.combine(published, datetime.min.time(), UTC) if published else None
        features: Counter[str] = Counter()
        mentioned = [*COMMON, *rng.sample(named, k=rng.randint(1, len(named)))]
        mentioned += rng.sample(objects, k=1)
        mentioned += [_person(rng.randrange(people)) for _ in range(rng.randint(0, 3))]
        mentioned += rng.sample(COUNTRIES, k=2)
        for name in mentioned:
            features["e:" + name] += rng.randint(1, 4)
        contexts = []
        for k in range(rng.randint(1, 4)):
            main = k == 0
            t = type_ if main else rng.choice(TYPES)
            actors = (rng.choice(named),) if main else (rng.choice(COUNTRIES),)
            recipients = (rng.choice(COMMON),)
            claim = Claim(
                claim_id=f"{doc_id}-{k}",
                doc_id=doc_id,
                section=0,
                start=0,
                end=1,
                evidence="(synthetic)",
                type=t,
                mode=rng.choice(MODES.get(t, (None,))),
                actors=actors,
                recipients=recipients,
                asserted_by=(),
                stance=Stance.REPORTS,
                status=Status.ASSERTED,
                date=day.isoformat() if main and rng.random() < 0.5 else None,
            )
            contexts.append(ClaimContext(claim, stamp, None, None, False))
            for name in (*actors, *recipients):
                features[f"c:{t}:{name}"] += 1
        profile = DocumentProfile(
            doc_id=doc_id,
            published=published,
            features=tuple(sorted(features.items())),
            titles=(("en", doc_id),),
            languages=("en",),
            published_at=stamp,
        )
        yield arrives, (contexts, profile)


def generate(
    n_docs: int, seed: int = 7, span_days: int = 3 * 365, chunk_days: int = CHUNK_DAYS
) -> Iterator[list[Doc]]:
    """``n_docs`` synthetic documents over about ``span_days``, in chunks of ``chunk_days`` by
    arrival, generated as they are needed: stories start at a steady rate, and a chunk is
    handed out once no later story can still add to it."""
    rng = random.Random(seed)
    people = max(200, n_docs // 5)
    per_day = n_docs / MEAN_STORY / span_days
    day = date(2022, 1, 1)
    chunk_end = day + timedelta(days=chunk_days)
    waiting: list[tuple[date, int, Doc]] = []  # by arrival
    made = story = 0
    while made < n_docs or waiting:
        while waiting and waiting[0][0] < chunk_end and (made >= n_docs or day >= chunk_end):
            chunk = []
            while waiting and waiting[0][0] < chunk_end:
                chunk.append(heapq.heappop(waiting)[2])
            yield chunk
        if made >= n_docs or day >= chunk_end:
            chunk_end += timedelta(days=chunk_days)
            continue
        # stories starting today: Poisson by inversion, about per_day of them
        starts, p, u = 0, 2.718281828459045**-per_day, rng.random()
        total = p
        while u > total:
            starts += 1
            p *= per_day / starts
            total += p
        for _ in range(starts):
            if made >= n_docs:
                break
            story += 1
            size = min(rng.randint(5, 60), n_docs - made)
            for arrives, doc in _story_docs(rng, story, day, people, made, size):
                heapq.heappush(waiting, (arrives, made, doc))
                made += 1
        day += timedelta(days=1)


def _info() -> ActorInfo:
    countries = set(COUNTRIES)
    return ActorInfo(
        country_of=lambda n: None if n in countries else "Country 0",
        is_country=lambda n: n in countries,
        is_media=lambda n: False,
    )


class ScoringSink:
    """Counts closed events and stories and sums B-cubed against the gold story in each doc
    id, keeping nothing else (the stage writes to SQLite instead)."""

    def __init__(self) -> None:
        self.events = self.stories = self.docs = self.redated = 0
        self.precision = self.recall = 0.0

    def put_events(self, events: list[Event]) -> None:
        self.events += len(events)

    def put_claims(self, claims: list[Claim]) -> None:
        self.redated += len(claims)

    def put_stories(self, stories: list[Story]) -> None:
        for story in stories:
            self.stories += 1
            gold = Counter(d.split("s", 1)[1] for d in story.doc_ids)  # "<story>n<size>"
            for key, shared in gold.items():
                size = int(key.split("n")[1])
                self.precision += shared * shared / len(story.doc_ids)
                self.recall += shared * shared / size
            self.docs += len(story.doc_ids)

    def bcubed(self) -> float:
        p, r = self.precision / self.docs, self.recall / self.docs
        return 2 * p * r / (p + r)


def run_one(n_docs: int, rate: bool = False) -> dict[str, float]:
    span = 3 * 365 * max(1, n_docs // 10_000) if rate else 3 * 365
    sink = ScoringSink()
    stream = FusionStream(_info(), StoryParams(), sink)
    started = time.perf_counter()
    cpu = time.process_time()
    fusing = 0.0  # CPU inside the stream, without generating the documents
    claims = held_events = held_stories = 0
    for chunk in generate(n_docs, span_days=span):
        contexts = [c for cs, _ in chunk for c in cs]
        claims += len(contexts)
        before = time.process_time()
        stream.feed(contexts, [p for _, p in chunk])
        fusing += time.process_time() - before
        held_events = max(held_events, len(stream.index.events))
        held_stories = max(held_stories, stream.stories.open_count)
    before = time.process_time()
    stream.finish()
    fusing += time.process_time() - before
    finished = time.perf_counter()
    return {
        "docs": n_docs,
        "claims": claims,
        "events": sink.events,
        "stories": sink.stories,
        "seconds": finished - started,
        "cpu_s": fusing,
        "gen_s": time.process_time() - cpu - fusing,
        "docs_per_s": n_docs / (finished - started),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "held_events": held_events,
        "held_stories": held_stories,
        "bcubed_f1": sink.bcubed(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--rate", action="store_true", help="span three years per 10k documents")
    parser.add_argument("--both", action="store_true", help="the fixed span, then --rate")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.rate)))
        return 0
    for rate in (False, True) if args.both else (args.rate,):
        print("span: three years per 10k documents" if rate else "span: three years")
        print(
            f"{'docs':>8} {'claims':>8} {'events':>8} {'stories':>8} {'time s':>8} {'cpu s':>8}"
            f" {'gen s':>6}"
            f" {'docs/s':>8} {'RSS MB':>8} {'held ev':>8} {'held st':>8} {'B3 F1':>6}"
        )
        for size in args.sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(size), *(["--rate"] if rate else [])],
                capture_output=True,
                text=True,
            )
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return out.returncode
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{r['docs']:>8} {r['claims']:>8} {r['events']:>8} {r['stories']:>8}"
                f" {r['seconds']:>8.1f} {r['cpu_s']:>8.1f} {r['gen_s']:>6.1f}"
                f" {r['docs_per_s']:>8.0f}"
                f" {r['peak_rss_mb']:>8.0f} {r['held_events']:>8} {r['held_stories']:>8}"
                f" {r['bcubed_f1']:>6.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
