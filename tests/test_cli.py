"""The `watcher` command as a user runs it: real processes for the daemon-ish paths, CliRunner for the rest."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from tests.conftest import rss
from watcher.cli import app
from watcher.daemon import YOUNG_THRESHOLD

ROOT = Path(__file__).parent.parent
runner = CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder with a config that allows loopback, on the test database backend."""
    (tmp_path / "config.toml").write_text(
        '[database]\npath = "w.db"\nurl_env = "WATCHER_TEST_CLI_DB"\n'
        '[fetch]\nallow_networks = ["127.0.0.0/8"]\nper_host_interval = 0\n'
        '[news]\ngoogle_news = false\n'
        '[icp]\nindustries = ["Software"]\ncountries = ["US"]\n[icp.employees]\nmin = 50\nmax = 5000\n'
    )
    monkeypatch.setenv("WATCHER_CONFIG", str(tmp_path / "config.toml"))
    if db_url.startswith("postgresql"):
        monkeypatch.setenv("WATCHER_TEST_CLI_DB", db_url)
    else:
        monkeypatch.delenv("WATCHER_TEST_CLI_DB", raising=False)
    thresholds = gc.get_threshold()  # `run` and `check` set this process's collector: the suite keeps its own
    yield tmp_path
    gc.set_threshold(*thresholds)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


CSV = """Company Name,Website,Industry,# Employees,Country,Feeds
Acme Robotics,https://www.acme.io/about,Software,180,United States,{feed}
Northwind,northwind.dev,Software,lots,US,
,,Retail,10,US,
Globex,globex.example,Manufacturing,9000,DE,
"""


def test_import_reports_bad_rows_by_line_and_reimport_never_duplicates(workdir: Path) -> None:
    csv = workdir / "accounts.csv"
    csv.write_text(CSV.format(feed="https://acme.io/feed.xml"))
    code, out, err = invoke("accounts", "import", str(csv), "--dry-run")
    assert code == 3 and "3 account(s) would be created" in out
    code, out, _ = invoke("accounts", "list", "--json")
    assert out == ""  # the dry run changed nothing

    code, out, err = invoke("accounts", "import", str(csv))
    assert code == 3
    assert "3 account(s) were created, 0 updated, 0 unchanged; 1 watch(es) were added" in " ".join(out.split())
    assert "line 3, # Employees" in err and "line 4" in err

    code, out, _ = invoke("accounts", "import", str(csv))
    assert "0 account(s) were created, 0 updated, 3 unchanged; 0 watch(es) were added" in " ".join(out.split())
    code, out, _ = invoke("accounts", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["domain"], r["icp_tier"]) for r in rows] == [
        ("acme.io", "A"), ("northwind.dev", "B"), ("globex.example", "none")]


def test_follow_show_unfollow_keeps_history(workdir: Path) -> None:
    code, out, _ = invoke("follow", "https://www.Acme.io/pricing", "--name", "Acme Robotics",
                          "--feed", "https://acme.io/feed.xml")
    assert code == 0 and "acme.io: created" in out
    code, out, _ = invoke("accounts", "show", "acme.io")
    assert code == 0 and "Acme Robotics (acme.io)" in out and "https://acme.io/feed.xml" in out
    code, out, _ = invoke("unfollow", "acme.io")
    assert code == 0
    code, out, _ = invoke("accounts", "list", "--all", "--json")
    assert json.loads(out)["followed"] is False
    code, _, err = invoke("accounts", "show", "nowhere.example")
    assert code == 2 and "unknown account" in err


def test_check_pass_then_signals_list_json(workdir: Path, httpserver: HTTPServer) -> None:
    now = datetime.now(UTC)
    httpserver.expect_request("/feed").respond_with_data(rss([("1", "Acme Robotics old news", now - timedelta(1))]))
    invoke("follow", "acme.io", "--name", "Acme Robotics", "--feed", httpserver.url_for("/feed"))
    assert gc.get_threshold()[0] != YOUNG_THRESHOLD
    code, out, _ = invoke("check")
    assert code == 0 and "1 baseline" in out
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # a checking process collects young objects less often
    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(
        rss([("2", "Acme Robotics raises $40M Series B", now), ("1", "Acme Robotics old news", now - timedelta(1))]))
    code, out, _ = invoke("check", "--all")
    assert code == 0 and "Acme Robotics raises $40M Series B" in out
    code, out, _ = invoke("signals", "list", "--json", "--since", "1d")
    signal = json.loads(out)
    assert signal["kind"] == "funding" and signal["account_domain"] == "acme.io"  # the raise, not plain news
    assert set(signal) == {"kind", "account", "account_domain", "title", "url", "occurred_at", "detected_at",
                           "source", "dedup_key", "facts", "evidence"}
    code, out, _ = invoke("status")
    assert code == 0 and "1 ok" in out


def test_status_lists_a_change_awaiting_its_confirmation(workdir: Path, httpserver: HTTPServer) -> None:
    page = ('<html><body><main><section class="pricing"><div class="card"><h3>Starter</h3><p>$19 per month</p></div>'
            '<div class="card"><h3>Pro</h3><p>${} per month</p></div></section></main></body></html>')
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/pricing").respond_with_data(page.format(49), content_type="text/html")
    invoke("follow", "acme.io", "--pricing", httpserver.url_for("/pricing"))
    assert invoke("check")[0] == 0
    code, out, _ = invoke("status")
    assert code == 0 and "awaiting confirmation" not in out
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/pricing").respond_with_data(page.format(59), content_type="text/html")
    assert invoke("check", "--all")[0] == 0
    code, out, _ = invoke("status")
    assert code == 0 and "Changes awaiting confirmation" in out and "pricing_page" in out.split("awaiting")[1]
    code, out, _ = invoke("accounts", "show", "acme.io")
    assert code == 0 and "awaits its confirming re-fetch" in out


def test_check_exits_3_when_a_watch_fails(workdir: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("gone", status=404)
    invoke("follow", "acme.io", "--feed", httpserver.url_for("/feed"))
    code, out, err = invoke("check", "--account", "acme.io")
    assert code == 3 and "404" in err
    code, out, _ = invoke("status")
    assert "1 failing" in out


def test_bad_config_exits_2_naming_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.toml").write_text("[fetch]\nmax_redirects = -1\n")
    monkeypatch.setenv("WATCHER_CONFIG", str(tmp_path / "c.toml"))
    code, _, err = invoke("config", "check")
    assert code == 2 and "c.toml: fetch.max_redirects" in err


def test_config_check_on_the_shipped_example() -> None:
    code, out, _ = invoke("--config", str(ROOT / "config.toml"), "config", "check")
    assert code == 0 and "OK" in out


FEED = ROOT / "tests" / "fixtures" / "extract" / "acme-blog.xml"
FEED_BEFORE = ROOT / "tests" / "fixtures" / "extract" / "acme-blog-before.xml"


def test_extract_without_previous_prints_every_signal_as_json() -> None:
    code, out, _ = invoke("extract", "news", str(FEED), "--account", "Acme Robotics", "--domain", "acme.io")
    assert code == 0
    titles = [json.loads(line)["title"] for line in out.splitlines()]
    assert titles == ["Acme Robotics raises $40M Series B led by Foo Ventures", "Acme Robotics opens Austin office"]


def test_extract_with_previous_prints_only_what_is_new() -> None:
    code, out, _ = invoke("extract", "news", str(FEED), "--previous", str(FEED_BEFORE),
                          "--account", "Acme Robotics", "--domain", "acme.io")
    assert code == 0
    assert [json.loads(line)["title"] for line in out.splitlines()] == [
        "Acme Robotics raises $40M Series B led by Foo Ventures"]


def test_extract_warns_on_a_malformed_feed_and_still_prints(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(FEED.read_bytes().replace(b"</channel>", b"<unclosed></channel>"))
    code, out, err = invoke("extract", "news", str(broken), "--account", "Acme Robotics", "--domain", "acme.io")
    assert code == 0 and "malformed feed" in err and len(out.splitlines()) == 2


def test_extract_unknown_kind_lists_the_known_ones() -> None:
    code, _, err = invoke("extract", "nope", str(FEED))
    assert code == 2 and "unknown source kind 'nope'; known kinds: " in err and "news" in err


def test_demo_once_runs_the_whole_script_and_prints_its_signals(tmp_path: Path) -> None:
    env = {**os.environ, "WATCHER_CONFIG": str(tmp_path / "absent.toml")}
    proc = subprocess.run([sys.executable, "-m", "watcher", "demo", "--once"], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = [" ".join(line.split()) for line in proc.stdout.splitlines()]
    out = "\n".join(lines)

    def signals(kind: str) -> list[str]:
        return [line for line in lines if line.startswith("step ") and f" {kind} " in line]

    # Three outlets, one raise, one signal on the right account; the look-alike company stays out.
    funding = signals("funding")
    assert len(funding) == 1 and "Acme Robotics: Acme Robotics raises $40M Series B" in funding[0]
    assert "Roboticsworks" not in out and "Initech lays off" not in out
    # One key hire, one surge (not five alerts), and a leadership move from the news.
    hires = signals("key_hire")
    assert any("is hiring a VP of Sales, North America" in h for h in hires)
    assert sum("5 roles opened" in h for h in hires) == 1 and len(hires) == 3
    assert any("Northwind Data appoints Jane Roe as Chief Revenue Officer" in h for h in hires)
    # The real price change, described; the page that only rotates noise stays silent.
    pricing = signals("pricing_change")
    assert len(pricing) == 1 and "Acme Robotics" in pricing[0]
    assert "$49" in pricing[0] and "$59" in pricing[0] and "Starter" in pricing[0]
    # One complaint: not the five-star review, not the how-to question on Reddit.
    complaints = signals("review_complaint")
    assert len(complaints) == 1 and "Price doubled at renewal" in complaints[0]
    # Delivered: Slack cards to the owners, the digest by e-mail, the preview on disk.
    assert any(line.startswith("slack → U0DANA: Funding: Acme Robotics raises $40M Series B") for line in lines)
    assert any(line.startswith("slack → #signals: Competitor complaint:") for line in lines)
    assert any(line.startswith("email → revops@seller.example: Daily signals") for line in lines)
    assert "demo finished: 7 signal(s)" in out
    preview = tmp_path / "demo-out" / "digest-preview.html"
    assert f"digest preview: {preview}" in out and "Acme Robotics" in preview.read_text()


def test_second_daemon_on_one_sqlite_file_refuses_to_start(workdir: Path, db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    from watcher.daemon import InstanceLock
    from watcher.errors import WatcherError

    url = f"sqlite:///{workdir / 'w.db'}"
    first = InstanceLock(url)
    first.acquire()
    try:
        proc = subprocess.run([sys.executable, "-m", "watcher", "run"], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "WATCHER_CONFIG": str(workdir / "config.toml")})
        assert proc.returncode == 1
        assert "another `watcher run`" in proc.stderr and "SQLite allows one daemon per database" in proc.stderr
        with pytest.raises(WatcherError):
            InstanceLock(url).acquire()
    finally:
        first.release()


def test_run_sets_the_collector_before_it_starts(workdir: Path, db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    from watcher.daemon import InstanceLock

    held = InstanceLock(f"sqlite:///{workdir / 'w.db'}")
    held.acquire()  # so that `run` stops right after its set-up
    try:
        assert gc.get_threshold()[0] != YOUNG_THRESHOLD
        assert invoke("run")[0] == 1
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    finally:
        held.release()


def test_pricing_history_and_diff(workdir: Path, db_url: str, httpserver: HTTPServer) -> None:
    from tests.sources.test_pricing_page import render

    robots = {"uri": "/robots.txt"}
    httpserver.expect_request(**robots).respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/pricing").respond_with_data(render(1), content_type="text/html")
    invoke("follow", "acme.io", "--name", "Acme", "--pricing", httpserver.url_for("/pricing"))
    invoke("check", "--all")
    httpserver.clear()
    httpserver.expect_request(**robots).respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/pricing").respond_with_data(render(2, pro="59"), content_type="text/html")
    code, out, _ = invoke("check", "--all")  # seen once: held for the confirming re-fetch
    assert "pricing_change" not in out
    code, out, _ = invoke("check", "--all")
    assert "pricing_change" in out
    code, out, _ = invoke("pricing", "history", "acme.io")
    assert code == 0 and "2 version(s)" in out and "first version (baseline)" in out
    code, out, _ = invoke("pricing", "diff", "acme.io")
    assert code == 0
    removed = [line for line in out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any("49" in line for line in removed) and any("59" in line for line in added)
    code, _, err = invoke("pricing", "history", "nowhere.example")
    assert code == 2 and "unknown account" in err
    # Versions whose build leaked a time (the builds of this page fold it; some pages' do not): the diff shows
    # the line as the alert does, as context that reads as it is now, and the change alone.
    _leak_into_versions(workdir, db_url, "acme.io",
                        ["Prices checked at 10:01:07 UTC", "Prices checked at 10:05:44 UTC"])
    code, out, _ = invoke("pricing", "diff", "acme.io")
    assert code == 0 and " Prices checked at 10:05:44 UTC" in out.splitlines() and "10:01" not in out
    assert any(line.startswith("-") and "49" in line for line in out.splitlines())


def _leak_into_versions(workdir: Path, db_url: str, domain: str, lines: list[str]) -> None:
    """Put one line under the Pro plan's name in the text of each stored version of ``domain``'s pricing page, in
    order."""
    from sqlalchemy import select

    from watcher.domain import Document
    from watcher.pipeline.detect import _pack, document_hash, unpack_document
    from watcher.store.db import Store
    from watcher.store.models import AccountRow, SnapshotRow, WatchRow

    store = Store(db_url if db_url.startswith("postgresql") else f"sqlite:///{workdir / 'w.db'}")
    try:
        with store.session() as session:
            rows = session.scalars(select(SnapshotRow).join(WatchRow, SnapshotRow.watch_id == WatchRow.id)
                                   .join(AccountRow, WatchRow.account_id == AccountRow.id)
                                   .where(AccountRow.domain == domain, WatchRow.kind == "pricing_page")
                                   .order_by(SnapshotRow.created_at, SnapshotRow.id)).all()
            assert len(rows) == len(lines)
            for row, line in zip(rows, lines, strict=True):
                stored = unpack_document(row.body)
                text = stored.text.splitlines()
                at = text.index("Pro") + 1
                leaky = Document(text="\n".join([*text[:at], line, *text[at:]]), data=stored.data)
                row.body, row.content_hash = _pack(leaky), document_hash(leaky)
    finally:
        store.dispose()


def test_discover_proposes_and_adds_the_boards_it_finds(workdir: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(
        '<html><body><a href="/careers">Careers</a></body></html>', content_type="text/html")
    httpserver.expect_request("/careers").respond_with_data(
        '<html><body><a href="https://boards.greenhouse.io/acmerobotics">Open roles</a></body></html>',
        content_type="text/html")
    code, out, err = invoke("discover", "acme.io", "--site", httpserver.url_for("/"), "--yes", "--name", "Acme")
    assert code == 0 and "greenhouse:acmerobotics" in out and "1 watch(es) added" in out, (out, err)
    code, out, _ = invoke("accounts", "show", "acme.io")
    assert "greenhouse acmerobotics" in out


def test_follow_with_an_interval_overrides_the_kinds_default(workdir: Path) -> None:
    code, _, _ = invoke("follow", "acme.io", "--feed", "https://acme.io/feed.xml", "--interval", "15m")
    assert code == 0
    from sqlalchemy import select

    from watcher.config import load_settings
    from watcher.store.db import Store
    from watcher.store.models import WatchRow

    store = Store(load_settings().database_url())
    with store.session() as session:
        assert session.scalars(select(WatchRow.interval_seconds)).one() == 900
    store.dispose()
    code, _, err = invoke("follow", "acme.io", "--feed", "https://acme.io/x.xml", "--interval", "soon")
    assert code == 2 and "--interval" in err


def test_discover_finds_the_form_d_filer_on_edgar_by_name(workdir: Path, httpserver: HTTPServer) -> None:
    answer = (ROOT / "tests" / "fixtures" / "edgar" / "efts_search.json").read_bytes()
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data("<html><body>Acme</body></html>", content_type="text/html")
    httpserver.expect_request("/efts").respond_with_data(answer, content_type="application/json")
    config = workdir / "config.toml"
    config.write_text(config.read_text().replace(
        "[news]\n", f'[news]\nedgar_search_url = "{httpserver.url_for("/efts")}?q={{query}}"\n'))
    code, out, err = invoke("discover", "acme.io", "--site", httpserver.url_for("/"), "--name", "Acme Robotics",
                            "--yes")
    assert code == 0 and "sec_form_d:1999999" in out and "1 watch(es) added" in out, (out, err)
