"""Corpus-level fusion step: events (claim coreference) and stories, through the stream.

Order (fuse/stream.py): claims that can be placed in time (their own date or their document's)
are matched into events first; stories are then clustered from entities, claims and those
events; as each story closes its loosely dated events are folded together, claims of its undated
pages that name a calendar day are dated by the days the story was reported (the stage stores
those dates), claims with no time at all are matched among its events, and it is folded again.

Incremental: claims already assigned to events keep their event, and documents already in a
story keep their story; only new ones are matched. The assignments live in the store's
``fusion_state`` table, so a later run starts from them.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from watchfloor.claims.timex import day_of_month, needs_reference
from watchfloor.config import Config
from watchfloor.fuse.accusations import derive_accusations, resolve_derived
from watchfloor.fuse.events import FUSED_DATE_RULES, ActorInfo, ClaimContext, CountryOf
from watchfloor.fuse.stories import DAY_PREFIX, SESSION_PREFIX, DocumentProfile, StoryParams
from watchfloor.fuse.stream import CollectingSink, FusionStream, schedule
from watchfloor.language.numbers import ordinals_in
from watchfloor.records import Claim, Event, Story
from watchfloor.store.sqlite import SqliteStore

EVENTS_KEY = "events.claim_event.v1"
STORIES_KEY = "stories.doc_story.v1"
MEDIA_SECTOR = "MED"
# the stored record goes through the stream in chunks of this many days (ten years: today's
# records in one chunk, so every claim is placed knowing every other, as later reports
# restating a day reorder how a burst's claims are placed; month-long chunks cost the labelled
# corpus a timeline entry). Stories are clustered in the same month-long pieces either way
# (StoryStream.add); a live intake (bench/fusion.py) streams month-long chunks.
STAGE_CHUNK_DAYS = 3650


@dataclass(frozen=True, slots=True)
class _DocRow:
    doc_id: str
    site: str | None
    published: datetime | None
    origin_id: str | None
    excluded: bool
    title: str | None


def _load_assignment(store: SqliteStore, key: str) -> dict[str, str]:
    raw = store.get_state(key)
    return {} if raw is None else dict(json.loads(raw.decode("utf-8")))


def actor_info(config: Config) -> ActorInfo:
    """Kinds, countries, media outlets and multinational bodies of canonical names, from the
    actor registry."""
    from watchfloor.entities.registry import Registry

    registry = Registry.load(config.entities.registry_files)

    def country_of(name: str) -> str | None:
        actor = registry.by_name(name)
        if actor is None or actor.kind == "country" or not actor.country:
            return None
        country = registry.country(actor.country)
        return country.name if country is not None and country.name != name else None

    def is_country(name: str) -> bool:
        actor = registry.by_name(name)
        return actor is not None and actor.kind == "country"

    def is_media(name: str) -> bool:
        actor = registry.by_name(name)
        return actor is not None and actor.sector == MEDIA_SECTOR

    def is_forum(name: str) -> bool:
        actor = registry.by_name(name)
        return actor is not None and actor.kind == "organization" and not actor.country

    return ActorInfo(
        country_of=country_of, is_country=is_country, is_media=is_media, is_forum=is_forum
    )


def country_resolver(config: Config) -> CountryOf:
    """Canonical name -> canonical name of its country, from the actor registry."""
    return actor_info(config).country_of


def _document_rows(store: SqliteStore) -> dict[str, _DocRow]:
    rows = {}
    for r in store.db.execute(
        "SELECT doc_id, site, published, origin_id, machine_translated, content_farm, title"
        " FROM documents"
    ):
        rows[r["doc_id"]] = _DocRow(
            doc_id=r["doc_id"],
            site=r["site"],
            published=datetime.fromisoformat(r["published"]) if r["published"] else None,
            origin_id=r["origin_id"],
            excluded=bool(r["machine_translated"]) or bool(r["content_farm"]),
            title=r["title"],
        )
    return _date_from_copies(rows)


def _date_from_copies(rows: dict[str, _DocRow]) -> dict[str, _DocRow]:
    """An undated document takes its copy group's earliest publication date: a copy or
    translation appears no earlier than its origin, and usually within a day or two, so its
    claims and story can be placed in time instead of by story alone."""
    earliest: dict[str, datetime] = {}
    for row in rows.values():
        if row.origin_id and row.published is not None:
            known = earliest.get(row.origin_id)
            if known is None or row.published < known:
                earliest[row.origin_id] = row.published
    return {
        doc_id: replace(row, published=earliest[row.origin_id])
        if row.published is None and row.origin_id in earliest
        else row
        for doc_id, row in rows.items()
    }


def _context(claim: Claim, doc: _DocRow | None, lang: str | None = None) -> ClaimContext:
    return ClaimContext(
        claim=claim,
        published=doc.published if doc else None,
        site=doc.site if doc else None,
        origin_id=doc.origin_id if doc else None,
        excluded=doc.excluded if doc else False,
        lang=lang,
    )


def _sections(store: SqliteStore) -> dict[str, dict[int, tuple[str, str]]]:
    """Each document's sections in order: index -> (language, title)."""
    out: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
    for r in store.db.execute("SELECT doc_id, idx, lang, title FROM sections ORDER BY doc_id, idx"):
        out[r["doc_id"]][int(r["idx"])] = (r["lang"], r["title"] or "")
    return out


_RECENT_DAYS = 28


def _day_of_month(ctx: ClaimContext, docs: dict[str, _DocRow]) -> int | None:
    """The day of the month a claim's own sentence dates it to, for placing undated pages
    (fuse/stories._place_undated): on a page with no date, the day its sentence names ("14日",
    in whatever month); on a dated page, the day of a recent act (not one a report recalls
    from another year). Dates fusion gave (event:, story:) do not count, so a rerun sees the
    same days."""
    claim = ctx.claim
    row = docs.get(claim.doc_id)
    if row is None:
        return None
    if row.published is None:
        return day_of_month(claim.evidence, ctx.lang) if ctx.lang else None
    fused = (claim.date_rule or "").startswith(FUSED_DATE_RULES)
    if claim.date and claim.date_precision == "day" and not fused:
        lag = (row.published.date() - date.fromisoformat(claim.date)).days
        if -1 <= lag <= _RECENT_DAYS:
            return int(claim.date[8:10])
    return None


def _own_day(ctx: ClaimContext, docs: dict[str, _DocRow]) -> date | None:
    """For a claim of a page with no publication date, the day its sentence dates the act to
    by reading a weekday or a day of the month against a date the page's own text gives (a
    caption's "2024年6月18日火曜日"), which the page was published on or after. None for a
    date written with its year (it may recall another year), for dates fusion gave (story:,
    event:) and for claims of dated pages."""
    claim = ctx.claim
    row = docs.get(claim.doc_id)
    rule = claim.date_rule or ""
    if row is None or row.published is not None or claim.date_precision != "day" or not claim.date:
        return None
    if rule.startswith(FUSED_DATE_RULES) or not needs_reference(rule):
        return None
    return date.fromisoformat(claim.date)


def _profiles(
    store: SqliteStore,
    docs: dict[str, _DocRow],
    contexts: Iterable[ClaimContext],
    info: ActorInfo,
    sections: dict[str, dict[int, tuple[str, str]]],
) -> list[DocumentProfile]:
    """Story features of every document: entities, claim (type, participant) pairs, the
    session numbers its claim sentences name, and copy group, all language-independent (the
    stream adds each chunk's events, fuse/stream.py)."""
    features: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, mentions in store.iter_mentions_by_doc():
        for m in mentions:
            if not info.is_media(m.canonical_name):
                features[doc_id]["e:" + m.canonical_name] += 1
    sentences: set[tuple[str, int, int]] = set()
    anchors: dict[str, date] = {}
    for ctx in contexts:
        claim = ctx.claim
        bag = features[claim.doc_id]
        day_given = _own_day(ctx, docs)
        if day_given is not None and day_given > anchors.get(claim.doc_id, date.min):
            anchors[claim.doc_id] = day_given
        day = _day_of_month(ctx, docs)
        for name in info.participants(claim):
            bag[f"c:{claim.type}:{name}"] += 1
            if day is not None:
                bag[f"{DAY_PREFIX}{claim.type}:{name}:---{day:02d}"] += 1
        if (claim.doc_id, claim.section, claim.start) not in sentences:
            sentences.add((claim.doc_id, claim.section, claim.start))
            # the session a claim's sentence numbers (제10차 회의, the 11th meeting): a
            # recurring meeting's sessions are one story each, with the same actors
            for number in ordinals_in(claim.evidence):
                bag[f"{SESSION_PREFIX}{number}"] += 1
    origin_size = Counter(d.origin_id for d in docs.values() if d.origin_id)
    profiles = []
    for doc_id, row in docs.items():
        bag = features[doc_id]
        if row.origin_id and origin_size[row.origin_id] > 1:
            bag["o:" + row.origin_id] += 1
        own = list(sections.get(doc_id, {}).values())
        titles = tuple((lang, title or (row.title or "")) for lang, title in own)
        profiles.append(
            DocumentProfile(
                doc_id=doc_id,
                # an undated page is placed in time by the latest act it dates itself
                published=row.published.date() if row.published else anchors.get(doc_id),
                features=tuple(sorted(bag.items())),
                titles=tuple((lang, t) for lang, t in titles if t),
                languages=tuple(dict.fromkeys(lang for lang, _ in own)),
                published_at=row.published,
            )
        )
    return profiles


def fuse_streamed(
    store: SqliteStore, info: ActorInfo, params: StoryParams
) -> tuple[list[Event], list[Story], list[Claim]]:
    """Events and stories of the store through the stream (fuse/stream.py), documents in
    publication order, with the earlier run's claim -> event and document -> story assignments
    restored; and the claims the stream dated (undated pages read against their story)."""
    docs = _document_rows(store)
    sections = _sections(store)

    def lang_of(claim: Claim) -> str | None:
        section = sections.get(claim.doc_id, {}).get(claim.section)
        return section[0] if section else None

    contexts = [_context(c, docs.get(c.doc_id), lang_of(c)) for c in store.get_claims()]
    # accusations carried by alleged claims join events like any claim, but not story features
    derived = derive_accusations(contexts, info)
    previous_events = _load_assignment(store, EVENTS_KEY)
    previous_stories = _load_assignment(store, STORIES_KEY)
    profiles = _profiles(store, docs, contexts, info, sections)
    # the record is known in advance: its document frequencies weigh features from the start
    df: Counter[str] = Counter()
    for profile in profiles:
        df.update({f for f, c in profile.features if c > 0})
    sink = CollectingSink()
    stream = FusionStream(
        info, params, sink, previous_stories=previous_stories, known_df=(df, len(profiles))
    )
    stream.restore(
        [c for c in (*contexts, *derived) if c.claim.claim_id in previous_events],
        previous_events,
    )
    by_doc, derived_by_doc = _by_doc(contexts), _by_doc(derived)
    for chunk in schedule(profiles, params, previous_stories, STAGE_CHUNK_DAYS):
        ids = [p.doc_id for p in chunk]
        stream.feed(
            [c for d in ids for c in by_doc.pop(d, ())],
            chunk,
            [c for d in ids for c in derived_by_doc.pop(d, ())],
        )
    # claims of documents without a row
    stream.feed(
        [c for cs in by_doc.values() for c in cs],
        [],
        [c for cs in derived_by_doc.values() for c in cs],
    )
    stream.finish()
    return sink.events, _merge_stories(sink.stories), sink.claims


def _by_doc(contexts: Iterable[ClaimContext]) -> dict[str, list[ClaimContext]]:
    out: dict[str, list[ClaimContext]] = defaultdict(list)
    for ctx in contexts:
        out[ctx.claim.doc_id].append(ctx)
    return out


def _merge_stories(stories: list[Story]) -> list[Story]:
    """One record per story id: an earlier run's story whose documents reached the stream
    after it closed comes out twice."""
    out: dict[str, Story] = {}
    for s in stories:
        seen = out.get(s.story_id)
        if seen is None:
            out[s.story_id] = s
            continue
        stamps = [t for t in (seen.first_published, s.first_published) if t is not None]
        lasts = [t for t in (seen.last_published, s.last_published) if t is not None]
        out[s.story_id] = replace(
            seen,
            doc_ids=(*seen.doc_ids, *s.doc_ids),
            titles=tuple(sorted({**dict(s.titles), **dict(seen.titles)}.items())),
            languages=tuple(sorted({*seen.languages, *s.languages})),
            first_published=min(stamps) if stamps else None,
            last_published=max(lasts) if lasts else None,
        )
    return list(out.values())


def fuse_corpus(store: SqliteStore, config: Config) -> str:
    """Run fusion over the store through the stream (fuse/stream.py, the code path
    bench/fusion.py measures) and persist events, stories and their assignments."""
    info = actor_info(config)
    params = StoryParams(max_span_days=config.fuse.story_window_days)
    with store.transaction():
        found, stories, redated = fuse_streamed(store, info, params)
        store.put_claim_dates(redated)
        claim_event = {c: e.event_id for e in found for c in e.claim_ids}
        doc_story = {d: s.story_id for s in stories for d in s.doc_ids}
        events = resolve_derived(found)
        store.put_events(events)
        store.put_stories(stories)
        store.put_state(EVENTS_KEY, json.dumps(claim_event, sort_keys=True).encode("utf-8"))
        store.put_state(STORIES_KEY, json.dumps(doc_story, sort_keys=True).encode("utf-8"))
    return f"{len(events)} events, {len(stories)} stories"
