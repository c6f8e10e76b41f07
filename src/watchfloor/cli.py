"""The `watchfloor` command line: a thin layer over the library.

Library errors become one readable line on stderr and an exit code:
0 success, 1 some inputs were quarantined or an operation failed, 2 usage/config error,
3 missing dependency, 4 not found.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from watchfloor import __version__
from watchfloor.errors import WatchfloorError
from watchfloor.surfaces.cli_common import Context


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="watchfloor")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("watchfloor.db"),
    show_default=True,
    envvar="WATCHFLOOR_DB",
    help="The store (SQLite file).",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="User config (TOML)."
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="SECTION.KEY=VALUE",
    help="Override one config key; repeatable.",
)
@click.pass_context
def cli(
    ctx: click.Context, db_path: Path, config_path: str | None, overrides: tuple[str, ...]
) -> None:
    """watchfloor: a multilingual news watch floor (ja/ko/en/ru/zh)."""
    ctx.obj = Context(db_path=db_path, config_path=config_path, overrides=overrides)


def main() -> None:
    """Entry point: run the CLI, turning library errors into one line and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except WatchfloorError as exc:
        click.echo(f"watchfloor: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; completed batches are saved, rerun to resume", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:
        click.echo(f"watchfloor: error: {exc}", err=True)
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # a bug: still one line, the traceback only on request
        if os.environ.get("WATCHFLOOR_DEBUG"):
            raise
        click.echo(
            f"watchfloor: internal error: {type(exc).__name__}: {exc}"
            " (set WATCHFLOOR_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(1)


def register_commands() -> None:
    from watchfloor.surfaces import cli_docs, cli_ingest, cli_records, cli_serve

    cli_ingest.register(cli)
    cli_docs.register(cli)
    cli_records.register(cli)
    cli_serve.register(cli)


register_commands()
