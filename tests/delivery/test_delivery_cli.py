"""The delivery commands as a user runs them: rules check/test, signals show, digest preview, deliver, mute."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.delivery.conftest import add_account
from watcher.cli import app
from watcher.clock import SystemClock
from watcher.store.db import Store

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[database]\npath = "w.db"\nurl_env = "NO_SUCH_VAR_FOR_TESTS"\n'
                    '[icp]\nindustries = ["Software"]\n'
                    '[[digests]]\nname = "daily"\nrecipients = ["lead@seller.example"]\n')
    monkeypatch.setenv("WATCHER_CONFIG", str(path))
    return path


def test_rules_check_lists_the_rules_and_a_bad_file_exits_2(config: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["rules", "check"])
    assert result.exit_code == 0 and "funding-series-a-plus" in result.stdout
    (tmp_path / "bad.toml").write_text('[[rule]]\nname = "x"\nroutes = ["nowhere"]\n')
    config.write_text(config.read_text().replace('url_env = "NO_SUCH_VAR_FOR_TESTS"\n',
                                                 'url_env = "NO_SUCH_VAR_FOR_TESTS"\n[rules]\nfiles = ["bad.toml"]\n'))
    result = runner.invoke(app, ["rules", "check"])
    assert result.exit_code == 2 and "bad.toml: rule 'x': routes:" in " ".join(result.stderr.split())


def test_rules_test_signals_show_digest_preview_and_mute(config: Path, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    clock = SystemClock()
    add_account(store, clock, industry="Software")  # type: ignore[arg-type]
    store.dispose()
    from tests.delivery.conftest import FACTS
    from watcher.domain import Signal
    from watcher.pipeline.record import record_signal

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with store.session() as session:
        row, _ = record_signal(session, Signal(
            kind="funding", account="Acme Robotics", account_domain="acme.io", title="Acme raises $40M Series B",
            url="https://n.example/1", occurred_at=clock.now(), detected_at=clock.now(), source="news",
            dedup_key="funding:acme.io:series-b", facts=FACTS["funding"], evidence="…"), account_id=1, watch_id=None)
        signal_id = row.id
    store.dispose()
    result = runner.invoke(app, ["rules", "test", "--since", "1d"])
    assert result.exit_code == 0
    assert "funding-series-a-plus → slack:@U0DANA: funding Acme raises $40M Series B" in result.stdout
    result = runner.invoke(app, ["signals", "show", str(signal_id)])
    assert result.exit_code == 0 and "round: Series B" in result.stdout
    result = runner.invoke(app, ["mute", "acme.io", "--for", "2d"])
    assert result.exit_code == 0 and "muted until" in result.stdout
    html = tmp_path / "preview.html"
    result = runner.invoke(app, ["digest", "preview", "--html", str(html)])
    assert result.exit_code == 0 and html.exists()
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0 and "outbox: 0 pending" in result.stdout
