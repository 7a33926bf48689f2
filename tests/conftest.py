"""Shared fixtures: a store on SQLite and (when WATCHER_TEST_DATABASE_URL is set) on PostgreSQL,
settings that allow loopback, an injected clock, and RSS builders for the local web server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import create_engine, text

from watcher.clock import FakeClock
from watcher.config import Settings, settings_from_dict
from watcher.store.db import Store, normalize_url

PG_URL = os.environ.get("WATCHER_TEST_DATABASE_URL")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]
FIXTURES = Path(__file__).parent / "fixtures"


def reset_postgres(url: str) -> None:
    """Give the test an empty public schema on the shared test database."""
    engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        assert PG_URL
        reset_postgres(PG_URL)
        return PG_URL
    return f"sqlite:///{tmp_path / 'watcher.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    yield store
    store.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))


def make_settings(tmp_path: Path | None = None, **sections: Any) -> Settings:
    data: dict[str, Any] = {
        "fetch": {"allow_networks": ["127.0.0.0/8"], "per_host_interval": 0, "per_host_concurrency": 16,
                  "deadline": 5, "connect_timeout": 2, "read_timeout": 2},
        "news": {"google_news": False},
        "schedule": {"intervals": {"news": 3600}},
    }
    for name, values in sections.items():
        data[name] = {**data.get(name, {}), **values} if isinstance(values, dict) else values
    return settings_from_dict(data, source="test", base_dir=tmp_path or Path.cwd())


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def rss(items: list[tuple[str, str, datetime]], title: str = "feed") -> str:
    """An RSS 2.0 document of (guid, title, published) items."""
    body = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(t)}</title><link>https://news.example/{escape(guid)}</link>"
        f"<pubDate>{format_datetime(when)}</pubDate><description>{escape(t)}</description></item>"
        for guid, t, when in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://news.example/</link><description>x</description>{body}</channel></rss>")


@pytest.fixture
def make_rss() -> Callable[..., str]:
    return rss
