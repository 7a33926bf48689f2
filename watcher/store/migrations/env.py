"""Alembic environment: runs on the connection the program hands over (no alembic.ini needed)."""

from alembic import context

from watcher.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` run by hand
    raise SystemExit("run migrations with `watcher db upgrade`")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
