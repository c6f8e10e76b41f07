from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from watchfloor.cli import cli

REPO = Path(__file__).resolve().parents[3]


def all_commands(group: click.Group, prefix: str = "watchfloor") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        out.append((path, command))
        if isinstance(command, click.Group):
            out += all_commands(command, path)
    return out


def test_cli_every_command_has_help_and_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    missing = []
    for path, command in all_commands(cli):
        assert command.help, f"{path} has no help text"
        args = [*path.split()[1:], "--help"]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (path, result.output)
        if path not in readme:
            missing.append(path)
    assert not missing, f"commands not documented in README.md: {missing}"


def test_cli_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "watchfloor" in result.output


def run_cli(
    *args: str, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "watchfloor", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=300,
    )


def test_cli_errors_are_one_readable_line(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "none.db"), "docs", "list", cwd=tmp_path)
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert err.strip().count("\n") == 0, err
    assert "no watchfloor store" in err


def test_cli_bad_config_override_exits_2(tmp_path: Path) -> None:
    result = run_cli("--set", "fetch.nope=1", "ingest", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key" in result.stderr.decode()


@pytest.mark.slow
def test_cli_ingest_show_search_export_round_trip(tmp_path: Path) -> None:
    page = tmp_path / "in" / "a.txt"
    page.parent.mkdir()
    page.write_text(
        "平壌でロシアの閣僚と会談\n2024年11月19日 10時00分\n\n"
        "北朝鮮の金正恩総書記は18日、平壌でロシアの天然資源環境相と会談した。"
        "両国は貿易や科学技術の協力を拡大することで一致したという。\n",
        encoding="utf-8",
    )
    (tmp_path / "in" / "bad.jsonl").write_text('{"url": "x"}\nnot json\n', encoding="utf-8")
    db = str(tmp_path / "w.db")
    result = run_cli(
        "--db", db, "ingest", "--stages", "extract", "--json", str(tmp_path / "in"), cwd=tmp_path
    )
    stats = json.loads(result.stdout)
    assert result.returncode == 1  # the two bad JSONL lines were quarantined
    assert stats["inputs"] == 3
    assert sum(stats["quarantined"].values()) == 2
    listed = json.loads(run_cli("--db", db, "docs", "list", "--json", cwd=tmp_path).stdout)
    assert len(listed) == 1 and listed[0]["languages"] == ["ja"]
    hits = json.loads(run_cli("--db", db, "docs", "search", "平壌", "--json", cwd=tmp_path).stdout)
    assert hits and hits[0]["doc_id"] == listed[0]["doc_id"]
    out = tmp_path / "documents.jsonl"
    assert run_cli("--db", db, "export", "documents", "-o", str(out), cwd=tmp_path).returncode == 0
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert row["published"].startswith("2024-11-19")
    assert row["sections"][0]["lang"] == "ja"
    quarantined = json.loads(
        run_cli("--db", db, "quarantine", "list", "--json", cwd=tmp_path).stdout
    )
    assert {q["reason"] for q in quarantined} == {"bad_record"}
    # re-ingesting identical bytes is idempotent
    again = json.loads(
        run_cli(
            "--db", db, "ingest", "--stages", "extract", "--json", str(page), cwd=tmp_path
        ).stdout
    )
    assert again["unchanged"] == 1 and again["processed"] == 0
