"""The store: migrations apply on SQLite and PostgreSQL, and the fast up-to-date check knows the head."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select

from watcher.store.db import HEAD, MIGRATIONS, Store, current_revision, upgrade
from watcher.store.models import AccountRow, Base


def test_head_constant_is_alembics_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_migrations_create_every_table_and_upgrade_is_idempotent(store: Store) -> None:
    assert current_revision(store.engine) == HEAD
    assert set(Base.metadata.tables) <= set(inspect(store.engine).get_table_names())
    upgrade(store.engine)
    assert current_revision(store.engine) == HEAD


def test_the_models_and_the_migrations_agree(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], "the models changed without a migration"


def test_a_read_neither_waits_for_a_writer_nor_keeps_its_write_lock(tmp_path: Path) -> None:
    """On SQLite a read begins deferred: while another process holds the write lock, it reads the last committed
    state at once (a BEGIN IMMEDIATE would wait out the busy timeout); and what it wrote is not kept."""
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    other = sqlite3.connect(tmp_path / "w.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO accounts (domain, name, aliases, technologies, tags, followed, competitor, "
                      "icp_score, icp_tier, icp_reasons, created_at, updated_at) VALUES ('a.io', 'A', '[]', '[]', "
                      "'[]', 1, 0, 0, 'none', '{}', '2026-11-23 00:00:00', '2026-11-23 00:00:00')")
        started = time.monotonic()
        with store.read() as session:
            assert session.scalars(select(AccountRow.domain)).all() == []  # not committed yet
        assert time.monotonic() - started < 5
        other.execute("COMMIT")
        with store.read() as session:
            assert session.scalars(select(AccountRow.domain)).all() == ["a.io"]
            session.add(AccountRow(domain="b.io", name="B", aliases=[], technologies=[], tags=[], followed=True,
                                   competitor=False, icp_score=0, icp_tier="none", icp_reasons={},
                                   created_at=datetime.now(UTC), updated_at=datetime.now(UTC)))
        with store.session() as session:
            assert session.scalars(select(AccountRow.domain)).all() == ["a.io"]
    finally:
        other.close()
        store.dispose()
