"""`watcher pricing history|diff DOMAIN`: the accepted versions of an account's pricing page."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from watcher.accounts import find_account
from watcher.cli import app, fail, opened, out, settings
from watcher.domain import Change, WatchContext, iso
from watcher.errors import ParseError
from watcher.pipeline.detect import snapshot_document
from watcher.registry import get_source
from watcher.store.models import SnapshotRow, WatchRow

pricing_app = typer.Typer(help="The history of followed pricing pages.", no_args_is_help=True)
app.add_typer(pricing_app, name="pricing")


def _versions(session: Session, domain: str) -> tuple[WatchRow, list[SnapshotRow]]:
    account = find_account(session, domain)
    if account is None:
        raise fail(f"{domain}: unknown account")
    watch = session.scalars(select(WatchRow).where(WatchRow.account_id == account.id,
                                                   WatchRow.kind == "pricing_page").order_by(WatchRow.id)).first()
    if watch is None:
        raise fail(f"{domain}: no pricing_page watch (add one with `watcher follow {domain} --pricing URL`)")
    rows = list(session.scalars(select(SnapshotRow).where(SnapshotRow.watch_id == watch.id)
                                .order_by(SnapshotRow.created_at, SnapshotRow.id)))
    return watch, rows


@pricing_app.command("history")
def pricing_history(domain: Annotated[str, typer.Argument(help="The account's domain.")]) -> None:
    """Every accepted version of the pricing page, with what changed in each."""
    cfg = settings()
    source = get_source("pricing_page")
    with opened(cfg) as store, store.session() as session:
        watch, rows = _versions(session, domain)
        ctx = WatchContext(watch_id=watch.id, kind=watch.kind, target=watch.target, options=dict(watch.options))
        out.print(f"{watch.target}: {len(rows)} version(s)", highlight=False)
        previous = None
        for row in rows:
            try:
                document = snapshot_document(session, row.watch_id, row.content_hash, row.body)
            except ParseError as exc:
                out.print(f"  #{row.id} {iso(row.created_at)}  ({exc})", highlight=False)
                continue
            if previous is None:
                summary = "first version (baseline)"
            else:
                signals = source.interpret_change(Change(previous=previous, current=document), ctx, row.created_at)
                summary = "; ".join(s.title for s in signals) or "changed"
            out.print(f"  #{row.id} {iso(row.created_at)}  {summary}", highlight=False, markup=False)
            previous = document


def _pick(rows: list[SnapshotRow], ref: str | None, default: int) -> SnapshotRow:
    if ref is None:
        return rows[default]
    if ref.lstrip("#").isdigit():
        for row in rows:
            if row.id == int(ref.lstrip("#")):
                return row
        raise fail(f"no version #{ref.lstrip('#')} (see `watcher pricing history`)")
    try:
        when = datetime.fromisoformat(ref.replace("Z", "+00:00"))
    except ValueError:
        raise fail(f"{ref!r} is neither a version number nor an ISO date") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=rows[0].created_at.tzinfo)
    earlier = [r for r in rows if r.created_at <= when]
    if not earlier:
        raise fail(f"no version on or before {ref}")
    return earlier[-1]


@pricing_app.command("diff")
def pricing_diff(
    domain: Annotated[str, typer.Argument(help="The account's domain.")],
    from_: Annotated[str | None, typer.Option("--from", help="Version number or date (default: the one before).")]
    = None,
    to: Annotated[str | None, typer.Option(help="Version number or date (default: the latest).")] = None,
) -> None:
    """A unified diff of the extracted pricing text between two versions, as the alert shows it: a line that
    differs only in a date, a time, a counter or a token is the same line."""
    cfg = settings()
    with opened(cfg) as store, store.session() as session:
        _, rows = _versions(session, domain)
        if len(rows) < 2 and (from_ is None or to is None):
            raise fail(f"{domain}: only {len(rows)} version(s) so far; nothing to compare")
        a, b = _pick(rows, from_, -2), _pick(rows, to, -1)
        old, new = (snapshot_document(session, r.watch_id, r.content_hash, r.body).text for r in (a, b))
    for line in get_source("pricing_page").text_diff(old, new, f"#{a.id} {iso(a.created_at)}",
                                                     f"#{b.id} {iso(b.created_at)}"):
        out.print(line, highlight=False, markup=False)
