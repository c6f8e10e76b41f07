"""CLI commands that bring documents in: ingest, reprocess, quarantine."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from watchfloor.config import Config
from watchfloor.pipeline import ALL_STAGES, Ingestor, IngestStats, versions
from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.cli_common import Context, emit_json, pass_ctx, progress_bar

STAGES_HELP = "Per-document stages to run (comma-separated): " + ",".join(ALL_STAGES)


def parse_stages(text: str) -> tuple[str, ...]:
    stages = tuple(s.strip() for s in text.split(",") if s.strip())
    unknown = [s for s in stages if s not in ALL_STAGES]
    if unknown:
        raise click.BadParameter(f"unknown stage(s) {unknown}; choose from {list(ALL_STAGES)}")
    if "extract" not in stages:
        stages = ("extract", *stages)
    return stages


def make_fetcher(config: Config, store: SqliteStore, allow_private: bool) -> object:
    from watchfloor.ingest.fetch import Fetcher

    f = config.fetch
    return Fetcher(
        timeout=f.timeout,
        max_bytes=f.max_bytes,
        retries=f.retries,
        backoff=f.backoff,
        per_host_delay=f.per_host_delay,
        user_agent=f.user_agent,
        allow_private=allow_private or f.allow_private,
        cache=store,
    )


def run_ingest(
    store: SqliteStore,
    config: Config,
    targets: tuple[str, ...],
    *,
    stages: tuple[str, ...],
    allow_private: bool,
    follow_feeds: bool,
    workers: int | None,
    show_progress: bool,
) -> IngestStats:
    """Read targets into the store and process what is new; records the run."""
    from watchfloor.ingest.sources import iter_inputs

    run_id = store.start_run("ingest " + " ".join(targets), config.resolved_json(), versions())
    fetcher = make_fetcher(config, store, allow_private)
    with progress_bar("processing", show_progress) as progress:
        ingestor = Ingestor(store, config, stages=stages, workers=workers, progress=progress)
        items = iter_inputs(
            list(targets),
            fetcher=fetcher,  # type: ignore[arg-type]
            max_bytes=config.ingest.max_bytes,
            follow_feeds=follow_feeds,
            stdin=sys.stdin.buffer if "-" in targets else None,
        )
        todo = ingestor.read(items)
        ingestor.process(todo)
    store.finish_run(run_id, ingestor.stats.as_dict())
    return ingestor.stats


def report(stats: IngestStats, as_json: bool) -> None:
    if as_json:
        emit_json(stats.as_dict())
        return
    click.echo(
        f"{stats.inputs} inputs: {stats.new} new, {stats.updated} updated, "
        f"{stats.unchanged} unchanged; {stats.processed} processed; {stats.failed} quarantined"
    )
    for reason, n in sorted(stats.quarantined.items()):
        click.echo(f"  quarantined {reason}: {n}")
    if stats.failed:
        click.echo("  see: watchfloor quarantine list", err=True)


def register(cli: click.Group) -> None:
    @cli.command()
    @click.argument("targets", nargs=-1, required=True)
    @click.option(
        "--allow-private", is_flag=True, help="Allow fetching loopback/private addresses."
    )
    @click.option("--no-follow", is_flag=True, help="Do not fetch the item pages of feeds.")
    @click.option(
        "--stages", default="extract,entities,claims", show_default=True, help=STAGES_HELP
    )
    @click.option("--workers", type=int, help="Worker processes (default: config ingest.workers).")
    @click.option("--json", "as_json", is_flag=True, help="Print the run statistics as JSON.")
    @pass_ctx
    def ingest(
        ctx: Context,
        targets: tuple[str, ...],
        allow_private: bool,
        no_follow: bool,
        stages: str,
        workers: int | None,
        as_json: bool,
    ) -> None:
        """Read files, directories, JSONL, WARC, feeds or URLs (- for stdin) into the store.

        Directories are read recursively. Inputs that cannot be processed are quarantined
        with a reason code and their original bytes; the exit code is 1 when any were.
        """
        store = ctx.store(create=True)
        stats = run_ingest(
            store,
            ctx.config,
            targets,
            stages=parse_stages(stages),
            allow_private=allow_private,
            follow_feeds=ctx.config.ingest.follow_feeds and not no_follow,
            workers=workers,
            show_progress=len(targets) > 3 or any(Path(t).is_dir() for t in targets),
        )
        report(stats, as_json)
        raise SystemExit(1 if stats.failed else 0)

    @cli.command()
    @click.argument("doc_ids", nargs=-1)
    @click.option("--all", "everything", is_flag=True, help="Reprocess every document.")
    @click.option(
        "--stages", default="extract,entities,claims", show_default=True, help=STAGES_HELP
    )
    @click.option("--workers", type=int)
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def reprocess(
        ctx: Context,
        doc_ids: tuple[str, ...],
        everything: bool,
        stages: str,
        workers: int | None,
        as_json: bool,
    ) -> None:
        """Re-run the per-document stages from the raw store.

        Without arguments, processes documents never processed or processed by an older
        pipeline version; --all forces every document.
        """
        store = ctx.store()
        ingestor = Ingestor(store, ctx.config, stages=parse_stages(stages), workers=workers)
        if doc_ids:
            ids = [store.get_raw(d).doc_id for d in doc_ids]
            force = True
        elif everything:
            ids = [
                r[0] for r in store.db.execute("SELECT doc_id FROM raw_documents ORDER BY rowid")
            ]
            force = True
        else:
            ids = store.pending_ids(ingestor.pipeline.version)
            force = False
        run_id = store.start_run("reprocess", ctx.config.resolved_json(), versions())
        with progress_bar("reprocessing", len(ids) > 3) as progress:
            ingestor.progress = progress
            ingestor.process(ids, force=force)
        store.finish_run(run_id, ingestor.stats.as_dict())
        report(ingestor.stats, as_json)
        raise SystemExit(1 if ingestor.stats.failed else 0)

    @cli.command()
    @click.argument("targets", nargs=-1)
    @click.option(
        "--watch",
        "watch_path",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="A watch config (watch.toml): inputs, feeds, actors, alert rules, output dir.",
    )
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory for exports and reports (default: the watch's, else ./out).",
    )
    @click.option(
        "--allow-private", is_flag=True, help="Allow fetching loopback/private addresses."
    )
    @click.option("--workers", type=int, help="Worker processes (default: config ingest.workers).")
    @click.option("--top", type=int, default=5, show_default=True, help="Top events to print.")
    @pass_ctx
    def run(
        ctx: Context,
        targets: tuple[str, ...],
        watch_path: Path | None,
        out_dir: Path | None,
        allow_private: bool,
        workers: int | None,
        top: int,
    ) -> None:
        """The main job: ingest TARGETS (and/or a watch's inputs), run every stage, write outputs.

        Running it again over the same inputs is fast: unchanged documents are not reprocessed.
        """
        from watchfloor.surfaces.outputs import top_events
        from watchfloor.surfaces.run import run_job
        from watchfloor.surfaces.watch import load_watch

        watch = load_watch(watch_path) if watch_path is not None else None
        all_targets = list(targets) + (watch.targets() if watch is not None else [])
        if not all_targets:
            raise click.UsageError("give input paths/URLs or --watch FILE")
        out = out_dir or (watch.out_path() if watch is not None else Path("out"))
        store = ctx.store(create=True)
        run_id = store.start_run(
            "run " + " ".join(all_targets), ctx.config.resolved_json(), versions()
        )
        with progress_bar("processing", True) as progress:
            summary = run_job(
                store,
                ctx.config,
                all_targets,
                out,
                allow_private=allow_private,
                workers=workers,
                progress=progress,
                watch=watch,
            )
        store.finish_run(run_id, summary.ingest.as_dict())
        report(summary.ingest, False)
        for name, line, seconds in summary.steps:
            click.echo(f"{name}: {line} ({seconds:.1f}s)")
        if summary.alerts:
            click.echo(f"alerts: {summary.alerts}")
        click.echo(f"outputs in {out}/: " + ", ".join(p.name for p in summary.outputs))
        lines = top_events(store, top)
        if lines:
            click.echo("top events:")
            for line in lines:
                click.echo(f"  {line}")
        raise SystemExit(1 if summary.ingest.failed else 0)

    @cli.group()
    def quarantine() -> None:
        """Inputs and items that could not be processed, with their reasons and bytes."""

    @quarantine.command("list")
    @click.option("--reason", help="Only this reason code.")
    @click.option("--all", "include_resolved", is_flag=True, help="Include resolved items.")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def quarantine_list(
        ctx: Context, reason: str | None, include_resolved: bool, as_json: bool
    ) -> None:
        """List quarantined items."""
        items = ctx.store().list_quarantine(reason=reason, include_resolved=include_resolved)
        if as_json:
            emit_json(
                [
                    {
                        "id": i.id,
                        "stage": i.stage,
                        "reason": i.reason,
                        "url": i.url,
                        "doc_id": i.doc_id,
                        "bytes": len(i.data),
                        "detail": i.detail.splitlines()[0] if i.detail else "",
                        "resolved": i.resolved,
                    }
                    for i in items
                ]
            )
            return
        if not items:
            click.echo("quarantine is empty")
        for i in items:
            first = i.detail.splitlines()[0] if i.detail else ""
            where = i.url or i.provenance or ""
            click.echo(
                f"{i.id:>5}  {i.reason:<17} {i.stage:<22} {len(i.data):>8}B  {where}  {first}"
            )

    @quarantine.command("show")
    @click.argument("item_id", type=int)
    @click.option("--raw", is_flag=True, help="Write the original bytes to stdout.")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def quarantine_show(ctx: Context, item_id: int, raw: bool, as_json: bool) -> None:
        """Show one quarantined item (its detail, or its original bytes with --raw)."""
        item = ctx.store().get_quarantine(item_id)
        if raw:
            sys.stdout.buffer.write(item.data)
            return
        info = {
            "id": item.id,
            "stage": item.stage,
            "reason": item.reason,
            "url": item.url,
            "doc_id": item.doc_id,
            "provenance": item.provenance,
            "created_at": item.created_at,
            "retried_at": item.retried_at,
            "resolved": item.resolved,
            "bytes": len(item.data),
            "detail": item.detail,
            "preview": item.data[:300].decode("utf-8", "replace"),
        }
        if as_json:
            emit_json(info)
            return
        for key, value in info.items():
            click.echo(f"{key}: {value}")

    @quarantine.command("retry")
    @click.argument("item_ids", nargs=-1, type=int)
    @click.option("--all", "everything", is_flag=True, help="Retry every unresolved item.")
    @click.option("--allow-private", is_flag=True)
    @pass_ctx
    def quarantine_retry(
        ctx: Context, item_ids: tuple[int, ...], everything: bool, allow_private: bool
    ) -> None:
        """Retry quarantined items with the current pipeline (e.g. after an upgrade)."""
        from watchfloor.surfaces.retry import retry_items

        store = ctx.store()
        if not item_ids and not everything:
            raise click.UsageError("name item ids or use --all")
        ids = list(item_ids) or [i.id for i in store.list_quarantine()]
        fixed, still = retry_items(store, ctx.config, ids, allow_private=allow_private)
        click.echo(f"retried {len(ids)}: {fixed} resolved, {still} still failing")
        raise SystemExit(1 if still else 0)
