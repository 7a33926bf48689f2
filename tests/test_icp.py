"""ICP fit: score from the criteria the ICP defines, tiers at their thresholds, readable reasons."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

import pytest

from watcher.config import IcpSettings, IcpTiers, IcpWeights, Range
from watcher.domain import IcpFit
from watcher.icp import country_code, icp_fingerprint, score_account

FULL = IcpSettings(
    industries=["SaaS", "Software"],
    employees=Range(min=50, max=5000),
    revenue=Range(min=1_000_000, max=1_000_000_000),
    countries=["US", "CA"],
    technologies=["Salesforce", "HubSpot"],
)  # default weights 30/25/15/15/15, tiers 80/60/40

FITS: dict[str, Any] = dict(industry="SaaS", employees=120, revenue=12_500_000, country="USA",
                            technologies=["Salesforce"])
UNKNOWN: dict[str, Any] = dict(industry=None, employees=None, revenue=None, country=None, technologies=())


def score(icp: IcpSettings = FULL, **account: Any) -> IcpFit:
    return score_account(**{**FITS, **account}, icp=icp)


@pytest.mark.parametrize(("icp", "account", "expected_score", "tier"), [
    pytest.param(FULL, {}, 100, "A", id="all-match"),
    pytest.param(FULL, UNKNOWN, 0, "none", id="all-unknown"),
    pytest.param(FULL, dict(technologies=["Slack"]), 85, "A", id="all-but-tech"),
    pytest.param(FULL, dict(country="DE", technologies=[]), 70, "B", id="all-but-region-and-tech"),
    pytest.param(FULL, dict(revenue=None, country="DE", technologies=[]), 55, "C", id="industry-and-size"),
    pytest.param(FULL, dict(employees=10, revenue=None, country="DE", technologies=[]), 30, "none",
                 id="industry-only"),
    pytest.param(IcpSettings(industries=["SaaS"]), {}, 100, "A", id="only-industry-defined-match"),
    pytest.param(IcpSettings(industries=["Retail"]), {}, 0, "none", id="only-industry-defined-miss"),
    pytest.param(IcpSettings(industries=["SaaS"], countries=["DE"]), {}, 67, "B",
                 id="undefined-criteria-not-counted"),
    pytest.param(IcpSettings(employees=Range(min=100)), dict(employees=120), 100, "A", id="min-only-range"),
    pytest.param(IcpSettings(revenue=Range(max=1e6)), dict(revenue=2e6), 0, "none", id="max-only-range"),
    pytest.param(IcpSettings(), {}, 0, "none", id="empty-icp"),
    pytest.param(FULL.model_copy(update={"weights": IcpWeights(industry=0, employees=0, revenue=0, region=0,
                                                               technologies=0)}), {}, 0, "none",
                 id="all-weights-zero"),
    pytest.param(FULL.model_copy(update={"weights": IcpWeights(industry=0)}), dict(industry="Retail"), 100, "A",
                 id="zero-weight-criterion-cannot-hurt"),
])
def test_score(icp: IcpSettings, account: dict[str, Any], expected_score: int, tier: str) -> None:
    fit = score(icp, **account)
    assert (fit.score, fit.tier) == (expected_score, tier)
    assert isinstance(fit.score, int)


def test_empty_icp_has_no_reasons() -> None:
    assert score(IcpSettings()) == IcpFit(score=0, tier="none", reasons={})


@pytest.mark.parametrize(("industry_weight", "tier"), [
    pytest.param(100, "A", id="100-A"),
    pytest.param(80, "A", id="80-A"),
    pytest.param(79, "B", id="79-B"),
    pytest.param(60, "B", id="60-B"),
    pytest.param(59, "C", id="59-C"),
    pytest.param(40, "C", id="40-C"),
    pytest.param(39, "none", id="39-none"),
    pytest.param(0, "none", id="0-none"),
])
def test_tier_boundaries(industry_weight: int, tier: str) -> None:
    icp = IcpSettings(industries=["SaaS"], employees=Range(min=50),
                      weights=IcpWeights(industry=industry_weight, employees=100 - industry_weight))
    fit = score(icp, employees=10)  # industry matches, employees do not: score == industry weight
    assert (fit.score, fit.tier) == (industry_weight, tier)


@pytest.mark.parametrize(("matched", "missed", "expected"), [
    pytest.param(1, 7, 13, id="12.5-rounds-up"),
    pytest.param(3, 5, 38, id="37.5-rounds-up"),
    pytest.param(1, 2, 33, id="33.3-rounds-down"),
    pytest.param(2, 1, 67, id="66.7-rounds-up"),
    pytest.param(0.3, 0.7, 30, id="float-weights"),
])
def test_rounding(matched: float, missed: float, expected: int) -> None:
    icp = IcpSettings(industries=["SaaS"], countries=["DE"], weights=IcpWeights(industry=matched, region=missed))
    assert score(icp).score == expected


def test_custom_tiers() -> None:
    icp = FULL.model_copy(update={"tiers": IcpTiers(A=95, B=85, C=50)})
    assert score(icp, technologies=["Slack"]).tier == "B"  # 85


def test_reasons_all_matching() -> None:
    assert score().reasons == {
        "industry": "industry: SaaS matches",
        "employees": "employees: 120 within 50–5000",
        "revenue": "revenue: $12.5M within $1M–$1B",
        "region": "region: USA matches",
        "technologies": "technologies: uses Salesforce",
    }


def test_reasons_none_matching() -> None:
    fit = score(industry="Retail", employees=12, revenue=2e9, country="DE", technologies=["Slack", "Jira"])
    assert fit.reasons == {
        "industry": "industry: Retail not in SaaS, Software",
        "employees": "employees: 12 below 50–5000",
        "revenue": "revenue: $2B above $1M–$1B",
        "region": "region: DE not in US, CA",
        "technologies": "technologies: none of Salesforce, HubSpot",
    }


def test_reasons_unknown() -> None:
    assert score(**UNKNOWN).reasons == {
        "industry": "industry: unknown", "employees": "employees: unknown", "revenue": "revenue: unknown",
        "region": "region: unknown", "technologies": "technologies: unknown",
    }


def test_reasons_only_for_defined_criteria() -> None:
    assert score(IcpSettings(countries=["US"])).reasons == {"region": "region: USA matches"}


@pytest.mark.parametrize(("rng", "value", "reason", "fits"), [
    pytest.param(Range(min=50, max=5000), 50, "employees: 50 within 50–5000", True, id="min-inclusive"),
    pytest.param(Range(min=50, max=5000), 5000, "employees: 5000 within 50–5000", True, id="max-inclusive"),
    pytest.param(Range(min=50, max=5000), 49, "employees: 49 below 50–5000", False, id="below"),
    pytest.param(Range(min=50, max=5000), 5001, "employees: 5001 above 50–5000", False, id="above"),
    pytest.param(Range(min=50), 9000, "employees: 9000 at least 50", True, id="min-only-fits"),
    pytest.param(Range(min=50), 12, "employees: 12 below 50", False, id="min-only-below"),
    pytest.param(Range(max=200), 12, "employees: 12 at most 200", True, id="max-only-fits"),
    pytest.param(Range(max=200), 201, "employees: 201 above 200", False, id="max-only-above"),
    pytest.param(Range(min=0), 0, "employees: 0 at least 0", True, id="zero-is-known"),
])
def test_employee_reasons(rng: Range, value: int, reason: str, fits: bool) -> None:
    fit = score(IcpSettings(employees=rng), employees=value)
    assert fit.reasons == {"employees": reason}
    assert fit.score == (100 if fits else 0)


@pytest.mark.parametrize(("revenue", "text"), [
    pytest.param(999, "$999", id="units"),
    pytest.param(500_000, "$500k", id="thousands"),
    pytest.param(12_500_000, "$12.5M", id="millions"),
    pytest.param(1_234_567_890, "$1.2B", id="billions"),
    pytest.param(2.5, "$2.5", id="fraction"),
])
def test_revenue_reason_format(revenue: float, text: str) -> None:
    fit = score(IcpSettings(revenue=Range(min=1e12)), revenue=revenue)
    assert fit.reasons["revenue"] == f"revenue: {text} below $1000B"


@pytest.mark.parametrize(("industry", "wanted", "fits"), [
    pytest.param("Computer Software", ["software"], True, id="icp-term-in-account"),
    pytest.param("software", ["Computer Software"], True, id="account-in-icp-term"),
    pytest.param("SaaS", ["saas"], True, id="case"),
    pytest.param("COMPUTER_SOFTWARE", ["Software"], True, id="hubspot-enum"),
    pytest.param("Financial Services", ["financial service"], True, id="plural"),
    pytest.param("Hospital & Health Care", ["hospital and health care"], True, id="ampersand"),
    pytest.param("Marketing and Advertising", ["Retail", "advertising"], True, id="any-term"),
    pytest.param("Softwareentwicklung", ["software"], False, id="whole-words-only"),
    pytest.param("Retail", ["SaaS", "Software"], False, id="different"),
    pytest.param("Insurance", ["Insurtech"], False, id="prefix-is-not-a-word"),
    pytest.param("", ["SaaS"], None, id="empty-is-unknown"),
    pytest.param("  ", ["SaaS"], None, id="blank-is-unknown"),
])
def test_industry_matching(industry: str, wanted: list[str], fits: bool | None) -> None:
    fit = score(IcpSettings(industries=wanted), industry=industry)
    assert fit.score == (100 if fits else 0)
    if fits is None:
        assert fit.reasons["industry"] == "industry: unknown"


@pytest.mark.parametrize(("country", "wanted", "fits"), [
    pytest.param("US", ["United States"], True, id="code-vs-name"),
    pytest.param("USA", ["US"], True, id="usa"),
    pytest.param("U.S.A.", ["us"], True, id="dotted"),
    pytest.param("United States of America", ["US"], True, id="long-name"),
    pytest.param("UK", ["GB"], True, id="uk-is-gb"),
    pytest.param("Great Britain", ["United Kingdom"], True, id="names-of-gb"),
    pytest.param("England", ["UK"], True, id="england"),
    pytest.param("Deutschland", ["DE"], True, id="native-name"),
    pytest.param("España", ["Spain"], True, id="accents"),
    pytest.param("Österreich", ["AT"], True, id="umlaut"),
    pytest.param("ca", ["Canada"], True, id="lower-code"),
    pytest.param("Germany", ["US", "CA"], False, id="not-listed"),
    pytest.param("Atlantis", ["atlantis"], True, id="unknown-name-compared-as-text"),
    pytest.param("Atlantis", ["US"], False, id="unknown-name-no-match"),
    pytest.param("", ["US"], False, id="empty"),
])
def test_region_matching(country: str, wanted: list[str], fits: bool) -> None:
    assert score(IcpSettings(countries=wanted), country=country).score == (100 if fits else 0)


@pytest.mark.parametrize(("value", "code"), [
    pytest.param("United States", "US", id="us"),
    pytest.param("u.s.", "US", id="us-dotted"),
    pytest.param("The Netherlands", "NL", id="nl"),
    pytest.param("Holland", "NL", id="holland"),
    pytest.param("Schweiz", "CH", id="ch"),
    pytest.param("Czech Republic", "CZ", id="cz"),
    pytest.param("UAE", "AE", id="ae"),
    pytest.param("South Korea", "KR", id="kr"),
    pytest.param("Brasil", "BR", id="br"),
    pytest.param("México", "MX", id="mx"),
    pytest.param("NZ", "NZ", id="code-in-table"),
    pytest.param("pe", "PE", id="code-not-in-table"),
    pytest.param("Atlantis", None, id="unknown-name"),
    pytest.param("", None, id="empty"),
])
def test_country_code(value: str, code: str | None) -> None:
    assert country_code(value) == code


@pytest.mark.parametrize(("technologies", "reason"), [
    pytest.param(["Salesforce.com", "Slack"], "uses Salesforce.com", id="dotted-name"),
    pytest.param(["Salesforce Sales Cloud", "HubSpot"], "uses Salesforce Sales Cloud, HubSpot", id="product-line"),
    pytest.param(["hubspot"], "uses hubspot", id="case"),
    pytest.param(["Java"], "none of Salesforce, HubSpot", id="none"),
    pytest.param([], "unknown", id="empty"),
    pytest.param(["", " "], "unknown", id="blank"),
])
def test_technology_matching(technologies: Sequence[str], reason: str) -> None:
    fit = score(IcpSettings(technologies=["Salesforce", "HubSpot"]), technologies=technologies)
    assert fit.reasons == {"technologies": f"technologies: {reason}"}


@pytest.mark.parametrize(("account", "wanted", "fits"), [
    pytest.param("google_analytics", "Google Analytics", True, id="hubspot-internal-value"),
    pytest.param("Salesforce", "Salesforce Sales Cloud", False, id="icp-more-specific"),
    pytest.param("Java", "JavaScript", False, id="whole-words"),
])
def test_technology_direction(account: str, wanted: str, fits: bool) -> None:
    assert score(IcpSettings(technologies=[wanted]), technologies=[account]).score == (100 if fits else 0)


# --- fingerprint -----------------------------------------------------------------------------------

def test_fingerprint_is_deterministic() -> None:
    again = IcpSettings.model_validate(FULL.model_dump())
    assert icp_fingerprint(FULL) == icp_fingerprint(again)
    assert len(icp_fingerprint(FULL)) == 16 and int(icp_fingerprint(FULL), 16) >= 0


def test_fingerprint_is_stable_across_processes() -> None:
    code = ("from watcher.config import IcpSettings; from watcher.icp import icp_fingerprint; "
            "print(icp_fingerprint(IcpSettings(industries=['SaaS'], countries=['US', 'CA'])))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == icp_fingerprint(IcpSettings(industries=["SaaS"], countries=["US", "CA"]))


@pytest.mark.parametrize("change", [
    pytest.param({"industries": ["SaaS"]}, id="industries"),
    pytest.param({"industries": ["Software", "SaaS"]}, id="industry-order"),
    pytest.param({"employees": Range(min=50, max=5001)}, id="employees"),
    pytest.param({"revenue": Range(min=1_000_000)}, id="revenue"),
    pytest.param({"countries": ["US"]}, id="countries"),
    pytest.param({"technologies": ["Salesforce"]}, id="technologies"),
    pytest.param({"weights": IcpWeights(industry=31)}, id="weights"),
    pytest.param({"tiers": IcpTiers(A=81)}, id="tiers"),
])
def test_fingerprint_changes_with_icp(change: dict[str, Any]) -> None:
    assert icp_fingerprint(FULL.model_copy(update=change)) != icp_fingerprint(FULL)
