"""The store: migrations apply on SQLite and PostgreSQL, and the fast up-to-date check knows the head."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from watcher.store.db import HEAD, MIGRATIONS, Store, current_revision, upgrade
from watcher.store.models import Base


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
