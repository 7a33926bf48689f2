"""Configuration: the shipped example is valid, and each validation rule has a bad file with its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from watcher.config import config_path, load_settings, parse_duration
from watcher.errors import ConfigError

ROOT = Path(__file__).parent.parent
BAD = sorted((Path(__file__).parent / "fixtures" / "config" / "bad").glob("*.toml"))


def test_the_shipped_config_is_complete_and_valid() -> None:
    settings = load_settings(ROOT / "config.toml")
    assert settings.fetch.max_redirects == 5
    assert settings.schedule.interval_for("news") == 3600
    assert settings.icp.employees.min == 50
    assert len(settings.feeds) == 2


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_bad_config_is_refused_with_its_exact_message(path: Path) -> None:
    expected = path.read_text().splitlines()[0].removeprefix("# expect: ").replace("{file}", str(path))
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == expected


def test_every_error_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[fetch]\nmax_redirects = "x"\nbogus = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).splitlines() == [
        f"{path}: fetch.max_redirects: Input should be a valid integer, unable to parse string as an integer (got 'x')",
        f"{path}: fetch.bogus: unknown key",
    ]


def test_missing_file_names_the_file_and_how_to_choose_another(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file \(set --config or WATCHER_CONFIG\)"):
        load_settings(tmp_path / "nope.toml")


def test_config_file_is_chosen_by_flag_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHER_CONFIG", "/etc/watcher.toml")
    assert config_path("x.toml") == Path("x.toml")
    assert config_path(None) == Path("/etc/watcher.toml")
    monkeypatch.delenv("WATCHER_CONFIG")
    assert config_path(None) == Path("config.toml")


def test_database_url_comes_from_the_named_environment_variable_never_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[database]\npath = "data/w.db"\nurl_env = "MY_DB"\n')
    settings = load_settings(path)
    assert settings.database_url({}) == f"sqlite:///{tmp_path / 'data' / 'w.db'}"
    assert settings.database_url({"MY_DB": "postgresql://u:secret@h/db"}) == "postgresql://u:secret@h/db"


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), (90, 90), ("30s", 30), ("15m", 900), ("6h", 21600),
                                               ("7d", 604800), ("1w", 604800), ("250ms", 0.25), ("1.5h", 5400)])
def test_durations(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds
