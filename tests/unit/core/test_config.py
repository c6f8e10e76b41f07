from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from watchfloor.config import load_config
from watchfloor.errors import ConfigError


def test_config_defaults_load_and_are_frozen() -> None:
    config = load_config()
    assert "ja" in config.languages.enabled
    assert config.fetch.allow_private is False
    with pytest.raises(ValidationError):
        config.fetch.timeout = 1.0  # type: ignore[misc]


def test_config_user_file_overrides_only_its_keys(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('[fetch]\ntimeout = 5.0\n[timezones]\nxx = "UTC"\n')
    config = load_config(user)
    assert config.fetch.timeout == 5.0
    assert config.fetch.retries == load_config().fetch.retries
    assert config.timezones["xx"] == "UTC"
    assert config.timezones["jp"] == "Asia/Tokyo"


def test_config_cli_override_wins(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text("[fetch]\ntimeout = 5.0\n")
    config = load_config(user, ("fetch.timeout=7.5", "serve.host=0.0.0.0"))
    assert config.fetch.timeout == 7.5
    assert config.serve.host == "0.0.0.0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\nnope = 1\n", "unknown key 'nope'"),
        ("[fetch]\ntimeout = 'slow'\n", "fetch.timeout"),
        ("[fetch\n", "invalid TOML"),
    ],
)
def test_config_errors_are_readable(tmp_path: Path, text: str, message: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(user)


def test_config_bad_override_is_readable() -> None:
    with pytest.raises(ConfigError, match=r"section\.key=value"):
        load_config(None, ("fetch.timeout",))
