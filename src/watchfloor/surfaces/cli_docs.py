"""CLI commands that read the store: docs and export."""

from __future__ import annotations

from pathlib import Path

import click

from watchfloor.surfaces.cli_common import Context, emit_json, pass_ctx
from watchfloor.surfaces.export import FORMATS, TABLES, export_table


def register(cli: click.Group) -> None:
    @cli.group()
    def docs() -> None:
        """Documents in the store: list, show, full-text search."""

    @docs.command("list")
    @click.option("--lang", help="Only documents with a section in this language.")
    @click.option("--limit", type=int, default=50, show_default=True)
    @click.option("--offset", type=int, default=0)
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def docs_list(ctx: Context, lang: str | None, limit: int, offset: int, as_json: bool) -> None:
        """List documents by publication date."""
        store = ctx.store()
        rows = store.list_documents(limit=limit, offset=offset, lang=lang)
        if as_json:
            emit_json(
                [
                    {
                        "doc_id": r.doc_id,
                        "url": r.url,
                        "site": r.site,
                        "title": r.title,
                        "published": r.published,
                        "languages": list(r.languages),
                    }
                    for r in rows
                ]
            )
            return
        for r in rows:
            published = (r.published or "")[:16]
            langs = ",".join(r.languages)
            click.echo(f"{r.doc_id}  {published:<16}  {langs:<6} {(r.title or r.url)[:90]}")
        click.echo(f"({len(rows)} of {store.count_documents()} documents)", err=True)

    @docs.command("show")
    @click.argument("doc_id")
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def docs_show(ctx: Context, doc_id: str, as_json: bool) -> None:
        """Show one document (id, id prefix or url): metadata and its sections."""
        a = ctx.store().get_article(doc_id)
        if as_json:
            emit_json(
                {
                    "doc_id": a.doc_id,
                    "url": a.url,
                    "site": a.site,
                    "title": a.title,
                    "published": a.published.isoformat() if a.published else None,
                    "published_source": a.published_source,
                    "author": a.author,
                    "credits": list(a.credits),
                    "extractor": a.extractor,
                    "sections": [
                        {"lang": s.lang, "title": s.title, "text": s.text} for s in a.sections
                    ],
                    "removed": list(a.removed),
                }
            )
            return
        click.echo(f"doc_id:    {a.doc_id}\nurl:       {a.url}\nsite:      {a.site}")
        click.echo(f"title:     {a.title}\npublished: {a.published} ({a.published_source})")
        click.echo(f"author:    {a.author}\ncredits:   {', '.join(a.credits)}")
        for i, s in enumerate(a.sections):
            click.echo(f"\n--- section {i} [{s.lang}] {s.title or ''}")
            click.echo(s.text)

    @docs.command("search")
    @click.argument("query")
    @click.option("--limit", type=int, default=20, show_default=True)
    @click.option("--json", "as_json", is_flag=True)
    @pass_ctx
    def docs_search(ctx: Context, query: str, limit: int, as_json: bool) -> None:
        """Full-text search in any language (substring match, works for ja/ko/zh)."""
        hits = ctx.store().search(query, limit=limit)
        if as_json:
            emit_json(
                [
                    {
                        "doc_id": h.doc_id,
                        "section": h.section,
                        "lang": h.lang,
                        "title": h.title,
                        "snippet": h.snippet,
                    }
                    for h in hits
                ]
            )
            return
        for h in hits:
            snippet = " ".join(h.snippet.split())
            click.echo(f"{h.doc_id} [{h.lang}] {h.title or ''}\n    {snippet}")
        if not hits:
            click.echo("no matches", err=True)

    @cli.command()
    @click.argument("table", type=click.Choice(sorted(TABLES)))
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="File (default: stdout).",
    )
    @pass_ctx
    def export(ctx: Context, table: str, fmt: str, output: Path | None) -> None:
        """Export a table as JSON Lines, CSV or Parquet (columns: INTERCHANGE.md)."""
        n = export_table(ctx.store(), table, fmt, output)
        if output is not None:
            click.echo(f"wrote {n} {table} rows to {output}", err=True)
