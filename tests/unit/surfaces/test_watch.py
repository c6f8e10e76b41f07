"""The watch config (watch.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.errors import ConfigError
from watchfloor.surfaces.watch import load_watch

REPO = Path(__file__).resolve().parents[3]


def test_watch_example_loads_and_resolves_paths() -> None:
    watch = load_watch(REPO / "watch.example.toml")
    assert "North Korea" in watch.actors
    kinds = {r.kind for r in watch.alerts.rules}
    assert kinds == {"new_event", "new_lead", "contradiction"}
    aid = next(r for r in watch.alerts.rules if r.kind == "new_event")
    assert aid.types == ("AID",) and "military" in aid.modes
    for target in watch.targets():
        assert Path(target).exists(), target
    assert watch.out_path().resolve() == (REPO / "out").resolve()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "watch.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[watch]\nname = 1\n", "watch.name"),
        ("[watch]\nfeedz = []\n", "feedz"),
        ("[other]\n", "unknown table"),
        ("[watch\n", "invalid TOML"),
        ('[alerts]\nwebhook = "ftp://x"\n', "webhook"),
        ('[[alerts.rule]]\nname = "a"\nkind = "sometimes"\n', "kind"),
        ('[[alerts.rule]]\nname = "a"\nkind = "new_lead"\n[[alerts.rule]]\nname = "a"\n'
         'kind = "new_lead"\n', "unique"),
        ('[briefing]\nsince = "yesterday"\n', "since"),
    ],
)  # fmt: skip
def test_watch_errors_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_watch(_write(tmp_path, text))


def test_watch_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_watch(tmp_path / "nope.toml")


def test_watch_defaults_and_urls_untouched(tmp_path: Path) -> None:
    watch = load_watch(_write(tmp_path, '[watch]\nfeeds = ["https://example.org/rss"]\n'))
    assert watch.targets() == ["https://example.org/rss"]
    assert watch.alerts.webhook is None and watch.alerts.rules == ()
    assert watch.briefing.period_days == 30
    assert watch.out_path() == tmp_path / "out"
