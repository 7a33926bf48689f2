"""The `watcher` command (Typer + Rich).

Exit codes scripts can rely on: 0 success; 1 a runtime failure (the daemon's scheduler died,
a check pass hit an internal error); 2 bad usage or configuration; 3 partial success (an
import with rejected rows, a check pass with failing watches).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import func, select

from rules.loader import rules_from_settings
from rules.model import Rule
from watcher.accounts import find_account, import_accounts, rescore_stale
from watcher.accounts import follow as follow_account
from watcher.accounts import unfollow as unfollow_account
from watcher.clock import SystemClock
from watcher.config import Settings, config_path, load_settings, parse_duration
from watcher.domain import Signal, iso
from watcher.errors import ConfigError, RuleError, WatcherError
from watcher.registry import source_kinds
from watcher.store.db import Store, make_engine, safe_url, upgrade
from watcher.store.models import AccountRow, SignalRow, WatchRow
from watcher.watches import WatchSpec, spec_from_board, sync_competitors, sync_config_feeds

EXIT_OK, EXIT_FAILURE, EXIT_CONFIG, EXIT_PARTIAL = 0, 1, 2, 3
app = typer.Typer(help="Watch target accounts for buying signals and tell the team.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
accounts_app = typer.Typer(help="Import, list and inspect followed accounts.", no_args_is_help=True)
signals_app = typer.Typer(help="Look at stored signals.", no_args_is_help=True)
config_app = typer.Typer(help="Check the configuration.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
for sub, name in ((accounts_app, "accounts"), (signals_app, "signals"), (config_app, "config"), (db_app, "db")):
    app.add_typer(sub, name=name)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="config.toml (default: $WATCHER_CONFIG "
                                                "or ./config.toml).", envvar="WATCHER_CONFIG")]
_state: dict[str, Any] = {"config": None, "log_level": None}


@app.callback()
def _root(config: ConfigOpt = None,
          log_level: Annotated[str | None, typer.Option(help="DEBUG, INFO, WARNING, ERROR.")] = None) -> None:
    _state["config"] = config
    _state["log_level"] = log_level


def fail(message: str, code: int = EXIT_CONFIG) -> typer.Exit:
    err.print(f"[red]error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def settings() -> Settings:
    try:
        loaded = load_settings(_state["config"])
    except ConfigError as exc:
        raise fail(str(exc)) from None
    level = str(_state.get("log_level") or loaded.logging.level).upper()
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # A line per migration step, per tick, or per tick skipped because the last one still runs, is noise;
    # job failures reach the log through the daemon's own listener.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    return loaded


def load_rules(cfg: Settings) -> list[Rule]:
    """The rules in force, or exit 2 naming the file, rule and field that are wrong."""
    try:
        return rules_from_settings(cfg)
    except RuleError as exc:
        raise fail(str(exc)) from None


@contextmanager
def opened(cfg: Settings) -> Iterator[Store]:
    try:
        store = Store(cfg.database_url())
    except WatcherError as exc:
        raise fail(f"{safe_url(cfg.database_url())}: {exc}", EXIT_FAILURE) from None
    try:
        with store.session() as session:
            rescore_stale(session, cfg)
            now = SystemClock().now()
            sync_config_feeds(session, cfg, now)
            for warning in sync_competitors(session, cfg, now):
                err.print(f"[yellow]warning:[/] {warning}", highlight=False)
        yield store
    finally:
        store.dispose()


# ---------------------------------------------------------------- daemon and checks


@app.command()
def run() -> None:
    """Run the daemon: check due watches on schedule until SIGINT/SIGTERM."""
    from watcher.daemon import Daemon, InstanceLock, collect_less_often
    from watcher.fetch import Fetcher

    cfg = settings()
    rules = load_rules(cfg)
    collect_less_often()
    lock = InstanceLock(cfg.database_url())
    try:
        lock.acquire()
    except WatcherError as exc:
        raise fail(str(exc), EXIT_FAILURE) from None

    async def main(store: Store) -> int:
        clock = SystemClock()
        async with Fetcher(cfg.fetch, clock=clock) as fetcher:
            return await Daemon(cfg, store, clock, fetcher, rules=rules).run()

    try:
        with opened(cfg) as store:
            code = asyncio.run(main(store))
    finally:
        lock.release()
    raise typer.Exit(code)


@app.command()
def check(
    account: Annotated[str | None, typer.Option(help="Only this account's watches (domain).")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="Only watches of this source kind (repeatable).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Check every matching watch, due or not.")] = False,
) -> None:
    """Run one check pass and exit (for cron and scripts). Exit 3 when some watches failed."""
    from watcher.daemon import collect_less_often, process_owner
    from watcher.fetch import Fetcher
    from watcher.pipeline.check import Checker, CheckOutcome

    cfg = settings()
    rules = load_rules(cfg)
    collect_less_often()
    with opened(cfg) as store:
        ids = None
        if account:
            ids = _account_watch_ids(store, account)
        force = all_ or account is not None
        outcomes: list[CheckOutcome] = []

        async def main() -> None:
            clock = SystemClock()
            async with Fetcher(cfg.fetch, clock=clock) as fetcher:
                checker = Checker(store, cfg, fetcher, clock, process_owner(), rules)
                with Progress(console=err, transient=True) as progress:
                    task = progress.add_task("checking", total=None)
                    outcomes.extend(await checker.run_pass(
                        ids=ids, kinds=kind, force=force, limit=1_000_000,
                        on_outcome=lambda _: progress.advance(task)))

        asyncio.run(main())
    verbs: dict[str, int] = {}
    for outcome in outcomes:
        verbs[outcome.verb] = verbs.get(outcome.verb, 0) + 1
        for signal in outcome.signals:
            out.print(f"[bold]{signal.kind}[/] {signal.account or '-'}: {signal.title}", highlight=False)
        if outcome.error:
            err.print(f"[yellow]{outcome.kind} {outcome.target}: {outcome.error}[/]", highlight=False)
    summary = ", ".join(f"{n} {v}" for v, n in sorted(verbs.items())) or "nothing due"
    out.print(f"checked {len(outcomes)} watch(es): {summary}")
    if verbs.get("error"):
        raise typer.Exit(EXIT_PARTIAL)


def _account_watch_ids(store: Store, domain: str) -> list[int]:

    with store.session() as session:
        acc = find_account(session, domain)
        if acc is None:
            raise fail(f"{domain}: not a followed account (see `watcher accounts list`)")
        return list(session.scalars(select(WatchRow.id).where(WatchRow.account_id == acc.id)))


@app.command()
def status() -> None:
    """Watches by health, the next checks and the backlog of due watches."""
    cfg = settings()
    clock = SystemClock()
    now = clock.now()
    with opened(cfg) as store, store.session() as session:
        watches = list(session.scalars(select(WatchRow).where(WatchRow.enabled.is_(True))))
        accounts = session.scalar(select(func.count()).select_from(AccountRow)
                                  .where(AccountRow.followed.is_(True)))
        signals = session.scalar(select(func.count()).select_from(SignalRow))
        competitors = [(a.name, sum(1 for w in watches if w.account_id == a.id),
                        sum(1 for w in watches if w.account_id == a.id and w.failures))
                       for a in session.scalars(select(AccountRow).where(AccountRow.competitor.is_(True)))]
    health = {"ok": 0, "failing": 0, "broken": 0, "new": 0}
    for w in watches:
        health["broken" if w.broken_reported else "failing" if w.failures else "ok" if w.checks else "new"] += 1
    due = sum(1 for w in watches if w.next_check_at <= now)
    out.print(f"database: {safe_url(cfg.database_url())}")
    out.print(f"accounts followed: {accounts}   signals stored: {signals}")
    out.print(f"watches: {len(watches)} ({health['ok']} ok, {health['failing']} failing, "
              f"{health['broken']} broken, {health['new']} not checked yet); due now: {due}")
    failing = [w for w in watches if w.failures]
    if failing:
        table = Table("watch", "kind", "target", "failing since", "failures", "last error", title="Failing")
        for w in sorted(failing, key=lambda w: w.failing_since or now)[:50]:
            table.add_row(str(w.id), w.kind, w.target[:60], iso(w.failing_since) or "", str(w.failures),
                          (w.last_error or "")[:80])
        out.print(table)
    pending = [w for w in watches if w.pending_hash is not None]
    if pending:  # "why no alert yet?": a change is reported once its re-fetch confirms it
        table = Table("watch", "kind", "target", "changed since", "confirming re-fetch",
                      title="Changes awaiting confirmation")
        for w in sorted(pending, key=lambda w: w.pending_since or now)[:50]:
            table.add_row(str(w.id), w.kind, w.target[:60], iso(w.pending_since) or "", iso(w.next_check_at) or "")
        out.print(table)
    if competitors:
        out.print("competitors: " + "; ".join(f"{name} ({n} watch(es), {bad} failing)"
                                             for name, n, bad in competitors), highlight=False)
    cli_delivery.delivery_status(cfg)
    upcoming = sorted(watches, key=lambda w: w.next_check_at)[:10]
    if upcoming:
        table = Table("watch", "kind", "target", "next check", title="Next checks")
        for w in upcoming:
            table.add_row(str(w.id), w.kind, w.target[:60], iso(w.next_check_at) or "")
        out.print(table)


# ---------------------------------------------------------------- accounts


@accounts_app.command("import")
def accounts_import(
    file: Annotated[Path | None, typer.Argument(help="CSV export (default: [accounts] file).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; change nothing.")] = False,
) -> None:
    """Import accounts from a CRM export; bad rows are reported by line, good rows still land."""
    cfg = settings()
    path = file or (cfg.resolve(cfg.accounts.file) if cfg.accounts.file else None)
    if path is None:
        raise fail("no FILE given and no [accounts] file in the config")
    if not path.is_file():
        raise fail(f"{path}: no such file")
    with opened(cfg) as store:
        try:
            with Progress(console=err, transient=True) as progress:
                progress.add_task(f"importing {path.name}", total=None)
                report = import_accounts(store, path, cfg, now=SystemClock().now(), dry_run=dry_run)
        except ConfigError as exc:
            raise fail(str(exc)) from None
    verb = "would be" if dry_run else "were"
    out.print(f"{path}: {len(report.created)} account(s) {verb} created, {len(report.updated)} updated, "
              f"{len(report.unchanged)} unchanged; {report.watches_added} watch(es) {verb} added")
    if dry_run:
        for label, domains in (("create", report.created), ("update", report.updated)):
            for d in domains:
                out.print(f"  {label} {d}")
    if report.ignored_columns:
        out.print(f"ignored columns: {', '.join(report.ignored_columns)}")
    for warning in report.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)
    for error in report.errors:
        err.print(f"[red]{path}:[/] {error}", highlight=False)
    if report.errors:
        raise typer.Exit(EXIT_PARTIAL)


@accounts_app.command("list")
def accounts_list(
    all_: Annotated[bool, typer.Option("--all", help="Include unfollowed accounts.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Followed accounts with their ICP fit, best first."""
    cfg = settings()
    with opened(cfg) as store, store.session() as session:
        query = select(AccountRow).order_by(AccountRow.icp_score.desc(), AccountRow.name)
        if not all_:
            query = query.where(AccountRow.followed.is_(True))
        rows = list(session.scalars(query))
        counts = {acc_id: n for acc_id, n in session.execute(
            select(WatchRow.account_id, func.count()).where(WatchRow.enabled.is_(True)).group_by(WatchRow.account_id))}
    if as_json:
        for a in rows:
            print(json.dumps({"domain": a.domain, "name": a.name, "icp_score": a.icp_score, "icp_tier": a.icp_tier,
                              "followed": a.followed, "owner_email": a.owner_email, "watches": counts.get(a.id, 0)}))
        return
    table = Table("domain", "name", "tier", "score", "industry", "employees", "owner", "watches")
    for a in rows:
        table.add_row(a.domain, a.name, a.icp_tier, str(a.icp_score), a.industry or "",
                      str(a.employees or ""), a.owner_email or "", str(counts.get(a.id, 0)))
    out.print(table)


@accounts_app.command("show")
def accounts_show(domain: Annotated[str, typer.Argument(help="The account's domain or website.")]) -> None:
    """One account: profile, ICP fit with reasons, watches and their health, recent signals."""

    cfg = settings()
    with opened(cfg) as store, store.session() as session:
        acc = find_account(session, domain)
        if acc is None:
            raise fail(f"{domain}: unknown account")
        watches = list(session.scalars(select(WatchRow).where(WatchRow.account_id == acc.id)))
        signals = list(session.scalars(select(SignalRow).where(SignalRow.account_id == acc.id)
                                       .order_by(SignalRow.detected_at.desc()).limit(10)))
    out.print(f"[bold]{acc.name}[/] ({acc.domain}){'' if acc.followed else '  [unfollowed]'}", highlight=False)
    for label, value in (("industry", acc.industry), ("employees", acc.employees), ("revenue", acc.revenue),
                         ("country", acc.country), ("technologies", ", ".join(acc.technologies or [])),
                         ("owner", acc.owner_email), ("owner slack", acc.owner_slack),
                         ("aliases", ", ".join(acc.aliases or []))):
        if value:
            out.print(f"  {label}: {value}", highlight=False)
    out.print(f"ICP: tier {acc.icp_tier}, score {acc.icp_score}/100")
    for reason in (acc.icp_reasons or {}).values():
        out.print(f"  - {reason}", highlight=False)
    out.print("Watches:")
    for w in watches:
        health = "disabled" if not w.enabled else (f"failing since {iso(w.failing_since)}: {w.last_error}"
                                                   if w.failures else "ok" if w.checks else "not checked yet")
        out.print(f"  #{w.id} {w.kind} {w.target}", highlight=False)
        out.print(f"      {health}; last checked {iso(w.last_checked_at) or 'never'}, next {iso(w.next_check_at)}",
                  highlight=False)
        if w.pending_hash is not None:
            out.print(f"      a change seen {iso(w.pending_since)} awaits its confirming re-fetch", highlight=False)
    if signals:
        out.print("Recent signals:")
    for s in signals:
        out.print(f"  {iso(s.detected_at)} [bold]{s.kind}[/] {s.title}", highlight=False)


@app.command()
def follow(
    domain: Annotated[str, typer.Argument(help="Domain or website of the account.")],
    name: Annotated[str | None, typer.Option(help="Company name (default: the domain).")] = None,
    feed: Annotated[list[str] | None, typer.Option(help="An RSS/Atom feed of the company (repeatable).")] = None,
    board: Annotated[str | None, typer.Option(help="Job board as KIND:TOKEN, e.g. greenhouse:acme.")] = None,
    pricing: Annotated[str | None, typer.Option(help="URL of the pricing page.")] = None,
    interval: Annotated[str | None, typer.Option(help="Check the watches given here this often (e.g. 30m), "
                                                 "instead of their kind's default.")] = None,
) -> None:
    """Follow one account (and give it its default watches)."""
    cfg = settings()
    try:
        every = parse_duration(interval) if interval else None
    except ValueError as exc:
        raise fail(f"--interval: {exc}") from None
    specs = [WatchSpec(kind="news", target=u, options={"own": True}, interval=every) for u in feed or []]
    if board:
        specs.append(dataclasses.replace(spec_from_board(board), interval=every))
    if pricing:
        specs.append(WatchSpec(kind="pricing_page", target=pricing, interval=every))
    domain_, change, tier, score = _follow(cfg, domain, name, specs)
    out.print(f"{domain_}: {change}; ICP tier {tier} ({score}/100)")


def _follow(cfg: Settings, domain: str, name: str | None, specs: list[WatchSpec]) -> tuple[str, str, str, int]:
    """Follow (or update) an account with ``specs``, printing warnings; exit 2 on a bad domain."""
    with opened(cfg) as store, store.session() as session:
        try:
            acc, change, warnings = follow_account(session, domain, name=name, now=SystemClock().now(),
                                                   settings=cfg, specs=specs)
        except ValueError as exc:
            raise fail(str(exc)) from None
        result = (acc.domain, change, acc.icp_tier, acc.icp_score)
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)
    return result


@app.command()
def discover(
    domain: Annotated[str, typer.Argument(help="Domain or website of the company.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Add every proposed watch without asking.")] = False,
    name: Annotated[str | None, typer.Option(help="Company name, if the account is new.")] = None,
    site: Annotated[str | None, typer.Option(help="Where to look (default: https://DOMAIN).")] = None,
) -> None:
    """Find a company's job boards and careers pages on its site, and its Form D filings on SEC EDGAR (by
    name), and propose the watches."""
    from watcher.discover import discover as find
    from watcher.discover import discover_filer
    from watcher.fetch import Fetcher

    cfg = settings()
    company = name
    if company is None:
        with opened(cfg) as store, store.session() as session:
            known = find_account(session, domain)
            company = known.name if known is not None and known.name != known.domain else None

    async def main() -> list[Any]:
        async with Fetcher(cfg.fetch, clock=SystemClock()) as fetcher:
            found = await find(site or domain, fetcher)
            if company:  # EDGAR knows companies by name, not domain
                found += await discover_filer(company, fetcher, cfg.news.edgar_search_url)
            return found

    proposals = asyncio.run(main())
    if not proposals:
        out.print(f"{domain}: no job board, JobPosting page or Form D filer found; add a board with `watcher "
                  f"follow {domain} --board KIND:TOKEN`" + ("" if company else " (give --name to search EDGAR)"))
        return
    chosen = []
    for p in proposals:
        out.print(f"  {p.kind}:{p.target}  ({p.reason}; found on {p.evidence})", highlight=False, markup=False)
        if yes or typer.confirm(f"watch {p.kind}:{p.target}?", default=True):
            chosen.append(WatchSpec(kind=p.kind, target=p.target))
    if not chosen:
        out.print("nothing added")
        return
    added_to = _follow(cfg, domain, name, chosen)[0]
    out.print(f"{added_to}: {len(chosen)} watch(es) added")


@app.command()
def unfollow(domain: Annotated[str, typer.Argument(help="Domain of the account.")]) -> None:
    """Stop watching an account; its history stays."""
    cfg = settings()
    with opened(cfg) as store, store.session() as session:
        if unfollow_account(session, domain) is None:
            raise fail(f"{domain}: unknown account")
    out.print(f"{domain}: unfollowed (history kept)")


# ---------------------------------------------------------------- signals and extract


def signal_of(row: SignalRow, account: AccountRow | None) -> Signal:
    return Signal(kind=row.kind, account=account.name if account else None,
                  account_domain=account.domain if account else None, title=row.title, url=row.url,
                  occurred_at=row.occurred_at, detected_at=row.detected_at, source=row.source,
                  dedup_key=row.dedup_key, facts=row.facts, evidence=row.evidence)


@signals_app.command("list")
def signals_list(
    since: Annotated[str, typer.Option(help="How far back, e.g. 24h, 7d.")] = "7d",
    kind: Annotated[str | None, typer.Option(help="Only this signal kind.")] = None,
    account: Annotated[str | None, typer.Option(help="Only this account (domain).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line (the signal contract).")] = False,
) -> None:
    """Signals detected recently, newest first."""
    cfg = settings()
    try:
        window = parse_duration(since)
    except ValueError as exc:
        raise fail(f"--since: {exc}") from None
    cutoff = SystemClock().now() - timedelta(seconds=window)
    with opened(cfg) as store, store.session() as session:
        query = (select(SignalRow, AccountRow).outerjoin(AccountRow, SignalRow.account_id == AccountRow.id)
                 .where(SignalRow.detected_at >= cutoff).order_by(SignalRow.detected_at.desc()))
        if kind:
            query = query.where(SignalRow.kind == kind)
        if account:
            query = query.where(AccountRow.domain == account)
        rows = session.execute(query).all()
    for row, acc in rows:
        signal = signal_of(row, acc)
        if as_json:
            print(signal.to_json())
        else:
            out.print(f"{iso(signal.detected_at)} [bold]{signal.kind}[/] {signal.account or '-'}: "
                      f"{signal.title}  {signal.url or ''}", highlight=False)


@app.command()
def extract(
    kind: Annotated[str, typer.Argument(help="Source kind, e.g. news.")],
    file: Annotated[Path, typer.Argument(help="A saved response body.")],
    previous: Annotated[Path | None, typer.Option(help="The earlier body: FILE is compared with it.")] = None,
    account: Annotated[str | None, typer.Option(help="Account name the file belongs to.")] = None,
    domain: Annotated[str | None, typer.Option(help="Account domain.")] = None,
    competitor: Annotated[str | None, typer.Option(help="Competitor the file is about (reviews).")] = None,
) -> None:
    """Print the signals a saved file holds, one JSON object per line (why did this (not) alert?)."""
    from watcher.errors import SourceError
    from watcher.extract import extract as run_extract

    if kind not in source_kinds():
        raise fail(f"unknown source kind {kind!r}; known kinds: {', '.join(source_kinds())}")
    for path in (file, previous):
        if path is not None and not path.is_file():
            raise fail(f"{path}: no such file")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(message)s")
    try:
        found = run_extract(kind, file, previous=previous, account=account, domain=domain, competitor=competitor,
                            now=SystemClock().now(), warn=lambda m: err.print(f"warning: {m}", highlight=False,
                                                                               markup=False))
    except SourceError as exc:
        raise fail(f"{file}: {exc}", EXIT_FAILURE) from None
    for signal in found:
        print(signal.to_json())


# ---------------------------------------------------------------- config, db, demo


@config_app.command("check")
def config_check() -> None:
    """Validate the configuration without starting anything."""
    cfg = settings()
    out.print(f"{config_path(_state['config'])}: OK ({len(cfg.feeds)} global feed(s), database "
              f"{safe_url(cfg.database_url())})", highlight=False)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply database migrations (also done at every start)."""
    cfg = settings()
    engine = make_engine(cfg.database_url())
    try:
        upgrade(engine)
    except WatcherError as exc:
        raise fail(f"{safe_url(cfg.database_url())}: {exc}", EXIT_FAILURE) from None
    finally:
        engine.dispose()
    out.print(f"{safe_url(cfg.database_url())}: schema up to date")


@app.command()
def demo(
    once: Annotated[bool, typer.Option("--once", help="Play the whole script fast, print the signals, exit.")] = False,
    minutes: Annotated[float, typer.Option(help="Real minutes per script step (live mode).")] = 0.5,
) -> None:
    """Run the real daemon against a small simulated web on 127.0.0.1 and show what it detects."""
    from watcher.daemon import collect_less_often
    from watcher.demo.run import run_demo

    collect_less_often()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
    raise typer.Exit(run_demo(once=once, step_seconds=minutes * 60, console=out))


def main() -> None:
    try:
        app()
    except WatcherError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(EXIT_FAILURE)


# Command groups in their own modules register themselves on `app` when imported.
from watcher import cli_delivery, cli_pricing  # noqa: E402,F401
