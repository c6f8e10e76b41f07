"""CLI command `watchfloor serve`: the web UI and REST API over the store."""

from __future__ import annotations

import ipaddress
import secrets

import click

from watchfloor.surfaces.cli_common import Context, pass_ctx


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses: the only binds that need no warning."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_token(given: str | None, configured: str) -> tuple[str, bool]:
    """The write token: --token, else config serve.token, else a fresh random one (generated)."""
    token = given or configured
    if token:
        return token, False
    return secrets.token_urlsafe(24), True


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--host", help="Address to bind (default: config serve.host, 127.0.0.1).")
    @click.option("--port", type=click.IntRange(0, 65535), help="Port (default: serve.port).")
    @click.option(
        "--token",
        envvar="WATCHFLOOR_TOKEN",
        help="Write token (default: serve.token; generated and printed when empty).",
    )
    @pass_ctx
    def serve(ctx: Context, host: str | None, port: int | None, token: str | None) -> None:
        """Serve the web UI and REST API (reads need no token; writes need the token).

        Opens the dashboard, timeline, stories, events, actors, network, sources, quarantine,
        review queue and search at http://HOST:PORT/, the API under /api and its OpenAPI
        schema at /api/openapi.json. Binds to localhost unless told otherwise.
        """
        import uvicorn

        from watchfloor.surfaces.web import create_app

        config = ctx.config
        host = host or config.serve.host
        port = config.serve.port if port is None else port
        write_token, generated = resolve_token(token, config.serve.token)
        app = create_app(ctx.db_path, config, write_token)
        if not is_loopback(host):
            click.echo(
                f"warning: binding to {host}: anyone who can reach it can read the store",
                err=True,
            )
        base = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
        click.echo(f"watchfloor: serving {ctx.db_path} at {base}/", err=True)
        click.echo(f"  timeline: {base}/timeline   API: {base}/api/openapi.json", err=True)
        origin = "generated for this run" if generated else "from --token/config"
        click.echo(f"  write token ({origin}): {write_token}", err=True)
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
