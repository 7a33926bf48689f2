"""Who complained: reviewer ICP fit and attachment to a followed account; competitors from the config."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import make_settings
from watcher.domain import AccountRef, Signal
from watcher.pipeline.enrich import employees_from_band, enrich_reviews
from watcher.store.db import Store
from watcher.store.models import AccountRow, WatchRow
from watcher.watches import sync_competitors

NOW = datetime(2026, 11, 22, tzinfo=UTC)


@pytest.mark.parametrize(("band", "employees"), [
    ("201-500 employees", 500), ("Mid-Market (51-1000 emp.)", 1000), ("Small-Business (50 or fewer emp.)", 50),
    ("Enterprise (> 1000 emp.)", 1001), ("10,001+ employees", 10001), ("11–50 employees", 50), ("5k", 5000),
    ("", None), (None, None), ("unknown", None),
])
def test_employees_from_size_bands(band: str | None, employees: int | None) -> None:
    assert employees_from_band(band) == employees


def review(company: str, size: str = "201-500 employees", industry: str = "Computer Software") -> Signal:
    return Signal(kind="review_complaint", account=None, account_domain=None, title="G2 review of Initech: 1/5",
                  url="https://g2.example/r/1", occurred_at=NOW, detected_at=NOW, source="reviews_page",
                  dedup_key="review_complaint:g2:1", facts={"competitor": "Initech", "reviewer_company": company,
                                                            "reviewer_company_size": size,
                                                            "reviewer_industry": industry})


def test_a_reviewer_at_a_followed_account_attaches_the_signal_to_it_with_icp_fit(tmp_path: Path) -> None:
    icp = make_settings(tmp_path, icp={"industries": ["Software"], "employees": {"min": 50, "max": 5000}}).icp
    followed = [AccountRef(name="Globex Corporation", domain="globex.example", aliases=("Globex",))]
    out = enrich_reviews([review("Globex Inc."), review("Umbrella", size="1-10 employees", industry="Retail")],
                         lambda: followed, icp)
    assert (out[0].account, out[0].account_domain) == ("Globex Corporation", "globex.example")
    assert out[0].facts["reviewer_icp_tier"] == "A" and out[0].facts["reviewer_is_followed"] is True
    assert out[1].account is None and out[1].facts["reviewer_icp_tier"] == "none"


def test_competitors_from_the_config_become_watched_competitor_accounts(store: Store, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, competitors=[{
        "name": "Initech", "aliases": ["Initech Cloud"], "domain": "www.initech.com",
        "sources": ["news:https://initech.com/feed", "nosuchkind:x"]}])
    with store.session() as session:
        warnings = sync_competitors(session, settings, NOW)
    assert warnings and "nosuchkind" in warnings[0]
    with store.session() as session:
        account = session.scalars(select(AccountRow)).one()
        watch = session.scalars(select(WatchRow)).one()
    assert (account.domain, account.competitor, account.followed) == ("initech.com", True, False)
    assert watch.options == {"competitor": "Initech", "aliases": ["Initech Cloud"], "competitor_domain": "initech.com",
                             "context": []}
    with store.session() as session:
        sync_competitors(session, make_settings(tmp_path), NOW)  # removed from the config: its watches stop
        assert session.scalars(select(WatchRow.enabled)).one() is False
