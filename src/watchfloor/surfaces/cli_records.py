"""CLI commands over derived records: entities, claims, events, stories, sources."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import click

from watchfloor.errors import NotFound
from watchfloor.records import Event
from watchfloor.store.sqlite_derived import ClaimFilter
from watchfloor.surfaces.cli_common import Context, emit_json, pass_ctx
from watchfloor.surfaces.export import claim_rows, event_rows, source_rows, story_rows


def _event_line(e: Event) -> str:
    who = ", ".join(e.actors) or "?"
    whom = ", ".join(e.recipients)
    arrow = f" -> {whom}" if whom else ""
    by = f"  per {', '.join(e.asserted_by)}" if e.asserted_by else ""
    return (
        f"{e.event_id}  {e.date or '?':<10}  {e.type:<9} {e.status:<9} "
        f"corr {e.corroboration}/{e.origins}  {who}{arrow}{by}"
    )


def register(cli: click.Group) -> None:
    @cli.group()
    def entities() -> None:
        """Actors mentioned in documents: list, show, review grouping proposals."""

    @entities.command("list")
    @click.option("--kind", help="person, organization, country, place, ...")
    @click.option("--provisional", is_flag=True, help="Only entities not in the registry.")
    @click.option("--limit", type=int, default=50, show_default=True)
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def entities_list(
        ctx: Context, kind: str | None, provisional: bool, limit: int, as_json: bool
    ) -> None:
        """Entities by number of documents that mention them."""
        sql = (
            "SELECT entity_id, canonical_name, kind, provisional, count(DISTINCT doc_id) AS docs,"
            " count(*) AS mentions FROM mentions WHERE 1=1"
        )
        args: list[Any] = []
        if kind:
            sql += " AND kind = ?"
            args.append(kind)
        if provisional:
            sql += " AND provisional = 1"
        sql += " GROUP BY entity_id ORDER BY docs DESC, canonical_name LIMIT ?"
        args.append(limit)
        rows = [dict(r) for r in ctx.store().db.execute(sql, args)]
        if as_json:
            emit_json(rows)
            return
        for r in rows:
            flag = " (provisional)" if r["provisional"] else ""
            click.echo(
                f"{r['docs']:>4} docs {r['mentions']:>5} mentions  {r['kind']:<12} "
                f"{r['canonical_name']}{flag}  [{r['entity_id']}]"
            )

    @entities.command("show")
    @click.argument("name_or_id")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def entities_show(ctx: Context, name_or_id: str, as_json: bool) -> None:
        """One entity: its surface forms per language, documents and events."""
        store = ctx.store()
        rows = store.db.execute(
            "SELECT m.*, s.lang FROM mentions m JOIN sections s ON s.doc_id = m.doc_id"
            " AND s.idx = m.section WHERE m.entity_id = ? OR lower(m.canonical_name) = lower(?)",
            (name_or_id, name_or_id),
        ).fetchall()
        if not rows:
            raise NotFound(f"no entity {name_or_id!r} is mentioned in the store")
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        methods: Counter[str] = Counter()
        for r in rows:
            forms[r["lang"]][r["text"]] += 1
            methods[r["method"]] += 1
        name = rows[0]["canonical_name"]
        events = [e for e in store.get_events() if name in e.actors or name in e.recipients]
        info = {
            "entity_id": rows[0]["entity_id"],
            "canonical_name": name,
            "kind": rows[0]["kind"],
            "provisional": bool(rows[0]["provisional"]),
            "documents": sorted({r["doc_id"] for r in rows}),
            "forms": {lang: dict(c.most_common()) for lang, c in sorted(forms.items())},
            "methods": dict(methods),
            "events": [e.event_id for e in events],
        }
        if as_json:
            emit_json(info)
            return
        click.echo(f"{name}  [{info['entity_id']}]  {info['kind']}")
        click.echo(f"documents: {len(info['documents'])}; mentions by method: {dict(methods)}")
        for lang, counter in sorted(forms.items()):
            click.echo(f"  {lang}: " + ", ".join(f"{t} ({n})" for t, n in counter.most_common(8)))
        for e in events[:20]:
            click.echo("  " + _event_line(e))

    @entities.command("review")
    @click.option("--accept", "accept_id", metavar="PROPOSAL", help="Accept a proposal by id.")
    @click.option("--reject", "reject_id", metavar="PROPOSAL", help="Reject a proposal by id.")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def entities_review(
        ctx: Context, accept_id: str | None, reject_id: str | None, as_json: bool
    ) -> None:
        """Proposals to group provisional entities across languages, with their evidence.

        An accepted proposal is written to the user's registry file (entities.user_registry),
        so the next run links those names to one actor.
        """
        from watchfloor.entities.review import decide, pending_proposals

        store = ctx.store()
        path = ctx.config.entities.user_registry
        if accept_id or reject_id:
            chosen = accept_id or reject_id or ""
            actor = decide(store, chosen, accept=bool(accept_id), user_registry=path)
            verdict = f"accepted as {actor}, written to {path}" if actor else "rejected"
            click.echo(f"{chosen}: {verdict}")
            return
        proposals = pending_proposals(store)
        if as_json:
            emit_json(
                [
                    {
                        "proposal_id": p.proposal_id,
                        "canonical_name": p.canonical_name,
                        "kind": p.kind,
                        "members": [list(m) for m in p.members],
                        "evidence": list(p.evidence),
                        "score": p.score,
                    }
                    for p in proposals
                ]
            )
            return
        if not proposals:
            click.echo("no pending proposals")
        for p in proposals:
            names = ", ".join(f"{name} [{lang}]" for _, lang, name in p.members)
            click.echo(f"{p.proposal_id}  {p.score:.2f}  {p.canonical_name} ({p.kind}): {names}")
            for line in p.evidence:
                click.echo(f"      {line}")

    @cli.group()
    def claims() -> None:
        """Claims: one statement in one document, with asserter, stance and evidence."""

    @claims.command("list")
    @click.option("--actor", help="Canonical name among actors or recipients.")
    @click.option("--type", "type_", help="PLOVER type (e.g. CONSULT) or mode.")
    @click.option("--status", help="asserted, alleged, denied, confirmed, planned, hypothetical")
    @click.option("--since", help="Event date from (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--until", help="Event date until.")
    @click.option("--doc", "doc_id", help="Only this document.")
    @click.option("--limit", type=int, default=100, show_default=True)
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def claims_list(
        ctx: Context,
        actor: str | None,
        type_: str | None,
        status: str | None,
        since: str | None,
        until: str | None,
        doc_id: str | None,
        limit: int,
        as_json: bool,
    ) -> None:
        """List claims with filters."""
        found = ctx.store().get_claims(
            ClaimFilter(
                actor=actor,
                type=type_,
                status=status,
                since=since,
                until=until,
                doc_id=doc_id,
                limit=limit,
            )
        )
        if as_json:
            ids = {c.claim_id for c in found}
            emit_json([r for r in claim_rows(ctx.store()) if r["claim_id"] in ids])
            return
        for c in found:
            by = ", ".join(c.asserted_by) or "(the source)"
            who = ", ".join(c.actors) or "?"
            whom = ", ".join(c.recipients)
            click.echo(
                f"{c.claim_id}  {c.date or '?':<10} {c.type:<9} {c.status:<9} {by} {c.stance}: "
                f"{who}{' -> ' + whom if whom else ''}"
            )
            click.echo(f"      “{c.evidence[:160]}”")

    @cli.group()
    def events() -> None:
        """Fused events: claims from many documents about one real-world happening."""

    @events.command("list")
    @click.option("--actor", help="Canonical name among actors or recipients.")
    @click.option("--type", "type_", help="PLOVER type.")
    @click.option("--status", help="Derived status.")
    @click.option("--since", help="From date (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--until", help="Until date.")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def events_list(
        ctx: Context,
        actor: str | None,
        type_: str | None,
        status: str | None,
        since: str | None,
        until: str | None,
        as_json: bool,
    ) -> None:
        """Events in date order."""
        chosen = []
        for e in ctx.store().get_events():
            if actor and actor.lower() not in {n.lower() for n in (*e.actors, *e.recipients)}:
                continue
            if type_ and e.type != type_.upper():
                continue
            if status and str(e.status) != status:
                continue
            if since and (e.date or "") < since:
                continue
            if until and (e.date or "") > until + "\uffff":
                continue
            chosen.append(e)
        if as_json:
            ids = {e.event_id for e in chosen}
            emit_json([r for r in event_rows(ctx.store()) if r["event_id"] in ids])
            return
        for e in chosen:
            click.echo(_event_line(e))

    @events.command("show")
    @click.argument("event_id")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def events_show(ctx: Context, event_id: str, as_json: bool) -> None:
        """One event with its claim trail: who asserts what, with which stance, where."""
        store = ctx.store()
        found = [e for e in store.get_events() if e.event_id.startswith(event_id)]
        if len(found) != 1:
            raise NotFound(f"no event {event_id}")
        event = found[0]
        claims_by_id = {c.claim_id: c for c in store.get_claims() if c.claim_id in event.claim_ids}
        if as_json:
            row = next(r for r in event_rows(store) if r["event_id"] == event.event_id)
            row["claims"] = [r for r in claim_rows(store) if r["claim_id"] in claims_by_id]
            emit_json(row)
            return
        click.echo(_event_line(event))
        click.echo(f"first reported {event.first_reported}; place {event.place or '?'}")
        for t in event.trail:
            c = claims_by_id.get(t.claim_id)
            by = ", ".join(t.asserted_by) or "(the source)"
            click.echo(f"  {t.site or '?':<24} {by} {t.stance} [{t.status}]  {t.claim_id}")
            if c is not None:
                click.echo(f"      “{c.evidence[:200]}”")

    @cli.group()
    def stories() -> None:
        """Stories: documents about one developing news item, across languages."""

    @stories.command("list")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def stories_list(ctx: Context, as_json: bool) -> None:
        """Stories by first publication."""
        rows = list(story_rows(ctx.store()))
        if as_json:
            emit_json(rows)
            return
        for r in rows:
            title = next(iter(r["titles"].values()), "")
            click.echo(
                f"{r['story_id']}  {(r['first_published'] or '?')[:10]}  "
                f"{len(r['doc_ids']):>3} docs  {','.join(r['languages']):<12} {title[:80]}"
            )

    @stories.command("show")
    @click.argument("story_id")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def stories_show(ctx: Context, story_id: str, as_json: bool) -> None:
        """One story: its titles per language, documents and events."""
        store = ctx.store()
        rows = [r for r in story_rows(store) if r["story_id"].startswith(story_id)]
        if len(rows) != 1:
            raise NotFound(f"no story {story_id}")
        row = rows[0]
        row["events"] = [e.event_id for e in store.get_events() if e.story_id == row["story_id"]]
        if as_json:
            emit_json(row)
            return
        click.echo(f"{row['story_id']}  {row['first_published']} .. {row['last_published']}")
        for lang, title in row["titles"].items():
            click.echo(f"  [{lang}] {title}")
        for doc_id in row["doc_ids"]:
            a = store.get_article(doc_id)
            click.echo(f"  {doc_id}  {a.site or '':<24} {(a.title or a.url)[:80]}")
        for e in store.get_events():
            if e.story_id == row["story_id"]:
                click.echo("  " + _event_line(e))

    @cli.group()
    def sources() -> None:
        """Sources: each site's kind, country, state affiliation and reliability."""

    @sources.command("list")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def sources_list(ctx: Context, as_json: bool) -> None:
        """Sites by number of documents."""
        rows = list(source_rows(ctx.store()))
        if as_json:
            emit_json(rows)
            return
        for r in rows:
            state = " state" if r["state_affiliated"] else ""
            click.echo(
                f"{r['site']:<32} {r['kind']:<13} {r['country'] or '?':<4}{state:<6} "
                f"reliability {r['reliability']:.2f}  {r['documents']} docs"
            )

    @sources.command("show")
    @click.argument("site")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def sources_show(ctx: Context, site: str, as_json: bool) -> None:
        """One site's profile with the factors of its reliability score."""
        rows = [r for r in source_rows(ctx.store()) if r["site"] == site.lower()]
        if not rows:
            raise NotFound(f"no source {site}")
        if as_json:
            emit_json(rows[0])
            return
        r = rows[0]
        click.echo(
            f"{r['site']}: {r['kind']}, {r['country'] or '?'}, state {r['state_affiliated']}"
        )
        click.echo(f"reliability {r['reliability']:.2f}")
        for factor, value in r["factors"].items():
            click.echo(f"  {factor}: {value:+.2f}")
