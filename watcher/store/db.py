"""Engine, sessions and migrations.

SQLite is the embedded default: WAL, a busy timeout, and every transaction that may write opened with
BEGIN IMMEDIATE so two writers queue instead of deadlocking on a read→write upgrade (``Store.read`` is for
those that only read).
PostgreSQL is used by URL; nothing here assumes it is the only process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from watcher.errors import StoreError

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0005"  # the newest migration; tests/test_store.py keeps it equal to Alembic's head


def normalize_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    return make_url(normalize_url(url)).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN IMMEDIATE
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


READ_ONLY = "watcher_read_only"  # an execution option: the transaction only reads (Store.read)


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """Create the engine for ``url`` with the settings its backend needs."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:
        return None
    except Exception as exc:  # e.g. psycopg's UndefinedTable, wrapped as ProgrammingError
        if "alembic_version" in str(exc):
            return None
        raise


def upgrade(engine: Engine) -> None:
    """Apply every Alembic migration not applied yet (idempotent; safe at every start). An up-to-date
    database is recognised without importing Alembic, which keeps every command's start fast."""
    if current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise StoreError(f"cannot migrate the database: {exc.orig}") from exc


class Store:
    """The database handle the rest of the program shares: one engine, short sessions."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if migrate:
            upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise StoreError(f"database write failed: {exc.orig}") from exc
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A transaction that only reads (anything written in it is rolled back). On SQLite it begins deferred and
        takes no write lock, so it neither waits for a writer nor holds one up (a read inside ``session()`` would
        take the write lock with BEGIN IMMEDIATE)."""
        with self._sessions() as session:
            try:
                session.connection(execution_options={READ_ONLY: True})
                yield session
            except OperationalError as exc:
                raise StoreError(f"database read failed: {exc.orig}") from exc
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
