"""Fusion scale benchmark: event coreference and story clustering on synthetic documents.

Generates documents from templates (stories of 5-60 reports about one occasion: a type, a few
named participants from a large pool, the watch's two common countries, a date; a third of the
reports undated, some claims with no time at all), then runs the fusion stage's steps in the
order the stage runs them: anchored claims -> events, documents -> stories, each story's loosely
dated events folded, timeless claims -> events within their story, folded again. Each size runs
in its own process so peak RSS is per size.

    .venv/bin/python bench/fusion.py                 # 10k, 30k, 100k documents
    .venv/bin/python bench/fusion.py --sizes 2000    # quick check
    .venv/bin/python bench/fusion.py --rate          # the span grows with the size instead

By default every size spans the same three years, so the documents per week grow with the size
(the hard case: more candidates per document). ``--rate`` spans three years per 10k documents, as
a watch that keeps the same intake and grows over time.

Prints wall and CPU time (the CPU figure is steadier on a shared machine), documents/s,
peak RSS, and B-cubed of stories against the generating story.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from watchfloor.fuse.events import ActorInfo, ClaimContext, EventIndex
from watchfloor.fuse.stories import DocumentProfile, StoryIndex, StoryParams
from watchfloor.records import Claim, Stance, Status

TYPES = ("CONSULT", "AGREE", "AID", "ACCUSE", "REJECT", "THREATEN", "COOPERATE")
MODES = {"CONSULT": ("visit", "meet"), "AID": ("military personnel", "munitions")}
COUNTRIES = tuple(f"Country {i}" for i in range(40))
COMMON = ("Country 0", "Country 1")  # every story of the watch involves these two


def _person(i: int) -> str:
    return f"Person {i}"


def generate(
    n_docs: int, seed: int = 7, span_days: int = 3 * 365
) -> tuple[list[ClaimContext], list[DocumentProfile], dict[str, int]]:
    """Synthetic claims and story profiles for ``n_docs`` documents over ``span_days``, with the
    gold story."""
    rng = random.Random(seed)
    people = max(200, n_docs // 5)
    start = date(2022, 1, 1)
    contexts: list[ClaimContext] = []
    profiles: list[DocumentProfile] = []
    gold: dict[str, int] = {}
    story = 0
    while len(profiles) < n_docs:
        story += 1
        day = start + timedelta(days=rng.randrange(span_days))
        type_ = rng.choice(TYPES)
        named = [_person(rng.randrange(people)) for _ in range(rng.randint(2, 4))]
        objects = [f"Object {rng.randrange(people)}" for _ in range(2)]
        for _ in range(min(rng.randint(5, 60), n_docs - len(profiles))):
            doc_id = f"d{len(profiles):07d}"
            gold[doc_id] = story
            published = day + timedelta(days=rng.randint(0, 6)) if rng.random() > 0.35 else None
            stamp = datetime.combine(published, datetime.min.time(), UTC) if published else None
            features: Counter[str] = Counter()
            mentioned = [*COMMON, *rng.sample(named, k=rng.randint(1, len(named)))]
            mentioned += rng.sample(objects, k=1)
            mentioned += [_person(rng.randrange(people)) for _ in range(rng.randint(0, 3))]
            mentioned += rng.sample(COUNTRIES, k=2)
            for name in mentioned:
                features["e:" + name] += rng.randint(1, 4)
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
            profiles.append(
                DocumentProfile(
                    doc_id=doc_id,
                    published=published,
                    features=tuple(sorted(features.items())),
                    titles=(("en", doc_id),),
                    languages=("en",),
                    published_at=stamp,
                )
            )
    return contexts, profiles, gold


def _info() -> ActorInfo:
    countries = set(COUNTRIES)
    return ActorInfo(
        country_of=lambda n: None if n in countries else "Country 0",
        is_country=lambda n: n in countries,
        is_media=lambda n: False,
    )


def bcubed(pred: dict[str, str], gold: dict[str, int]) -> float:
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[int, set[str]] = defaultdict(set)
    for d in gold:
        by_pred[pred[d]].add(d)
        by_gold[gold[d]].add(d)
    p = sum(len(by_pred[pred[d]] & by_gold[gold[d]]) / len(by_pred[pred[d]]) for d in gold)
    r = sum(len(by_pred[pred[d]] & by_gold[gold[d]]) / len(by_gold[gold[d]]) for d in gold)
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r)


def run_one(n_docs: int, rate: bool = False) -> dict[str, float]:
    span = 3 * 365 * max(1, n_docs // 10_000) if rate else 3 * 365
    contexts, profiles, gold = generate(n_docs, span_days=span)
    started = time.perf_counter()
    cpu = time.process_time()
    index = EventIndex(_info())
    index.add_all([c for c in contexts if c.anchored])
    events_done = time.perf_counter()
    # the stage adds each document's event ids to its features
    extra: dict[str, Counter[str]] = defaultdict(Counter)
    for claim_id, event_id in index.claim_event.items():
        extra[index.doc_of_claim[claim_id]]["ev:" + event_id] += 1
    profiles = [
        DocumentProfile(
            p.doc_id,
            p.published,
            tuple(sorted((Counter(dict(p.features)) + extra[p.doc_id]).items())),
            p.titles,
            p.languages,
            p.published_at,
        )
        for p in profiles
    ]
    stories = StoryIndex(StoryParams())
    stories.add_all(profiles)
    stories_done = time.perf_counter()
    # as the stage: fold each story's loosely dated events, place timeless claims, fold again
    index.merge_within_stories(stories.doc_story)
    index.add_in_stories([c for c in contexts if not c.anchored], stories.doc_story)
    index.merge_within_stories(stories.doc_story)
    n_events = len(index.to_events())
    finished = time.perf_counter()
    return {
        "docs": n_docs,
        "claims": len(contexts),
        "events": n_events,
        "stories": len(stories.stories),
        "seconds": finished - started,
        "cpu_s": time.process_time() - cpu,
        "events_s": events_done - started,
        "stories_s": stories_done - events_done,
        "story_events_s": finished - stories_done,
        "docs_per_s": n_docs / (finished - started),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "bcubed_f1": bcubed(stories.doc_story, gold),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--rate", action="store_true", help="span three years per 10k documents")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.rate)))
        return 0
    print(
        f"{'docs':>8} {'claims':>8} {'events':>8} {'stories':>8} {'time s':>8} {'cpu s':>8}"
        f" {'(events':>8} {'stories':>8} {'in-story)':>9} {'docs/s':>8} {'RSS MB':>8}"
        f" {'B3 F1':>6}"
    )
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), *(["--rate"] if args.rate else [])],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['docs']:>8} {r['claims']:>8} {r['events']:>8} {r['stories']:>8}"
            f" {r['seconds']:>8.1f} {r['cpu_s']:>8.1f} {r['events_s']:>8.1f} {r['stories_s']:>8.1f}"
            f" {r['story_events_s']:>9.1f}"
            f" {r['docs_per_s']:>8.0f} {r['peak_rss_mb']:>8.0f} {r['bcubed_f1']:>6.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
