"""Funding interpretation measured on a labelled table of real-style headlines (tests/fixtures/funding/).

The table was written before the extractor. The metrics test prints precision, recall and exact
extraction and fails below the floors the issue set (0.95 / 0.90 / 0.90).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from watcher.entities import core_name
from watcher.funding import Funding, interpret_funding

FIXTURES = Path(__file__).parent / "fixtures" / "funding"
TABLE = FIXTURES / "headlines.tsv"
HOLDOUT = FIXTURES / "holdout.tsv"
BLIND = FIXTURES / "blind.tsv"  # written blind to the code by another author; see SOURCES.md
BLIND2 = FIXTURES / "blind2.tsv"  # a third author, after the first blind table's fixes
BLIND3 = FIXTURES / "blind3.tsv"  # a fourth author, after the second's
BLIND4 = FIXTURES / "blind4.tsv"  # a fifth, for precision under a company's whole feed


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    category: str
    funding: bool
    company: str
    amount: int | None
    currency: str
    round: str
    headline: str
    summary: str


def load_rows(table: Path = TABLE) -> list[Row]:
    lines = [line for line in table.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [Row(id=r["id"], category=r["category"], funding=r["funding"] == "yes", company=r["company"],
                amount=int(r["amount"]) if r["amount"] else None, currency=r["currency"], round=r["round"],
                headline=r["headline"], summary=r["summary"])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


ROWS = load_rows()


def same_company(found: str | None, expected: str) -> bool:
    return core_name(found or "").lower() == core_name(expected).lower()


def test_the_table_is_big_and_balanced_enough() -> None:
    assert len(ROWS) >= 200
    assert len({r.id for r in ROWS}) == len(ROWS)
    negatives = {r.category for r in ROWS if not r.funding}
    assert {"fund-close", "invest-acquire", "ipo", "roundup", "layoff", "grant-programme", "backed", "valuation",
            "lawsuit", "rumour"} <= negatives
    assert {r.round for r in ROWS if r.funding} <= {"Pre-Seed", "Seed", "Series A", "Series B", "Series C", "Series D",
                                                   "Series E", "Series F", "Growth", "Debt", "Grant", "Undisclosed"}


@pytest.mark.parametrize("table", [TABLE, HOLDOUT, BLIND, BLIND2, BLIND3, BLIND4],
                         ids=["table", "holdout", "blind", "blind2", "blind3", "blind4"])
def test_precision_recall_and_extraction_on_the_labelled_table(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = load_rows(table)
    results = [(row, interpret_funding(row.headline, row.summary)) for row in rows]
    tp = [(r, f) for r, f in results if r.funding and f]
    fp = [(r, f) for r, f in results if not r.funding and f]
    fn = [r for r, f in results if r.funding and not f]
    precision = len(tp) / max(1, len(tp) + len(fp))
    recall = len(tp) / max(1, len(tp) + len(fn))
    found: list[tuple[Row, Funding]] = [(r, f) for r, f in tp if f is not None]
    amount_ok = [r for r, f in found if f.amount == r.amount and (r.amount is None or f.currency == r.currency)]
    round_ok = [r for r, f in found if f.round == r.round]
    company_ok = [r for r, f in found if same_company(f.company, r.company)]
    n = max(1, len(found))
    with capsys.disabled():
        print(f"\n{table.name}: {len(rows)} rows ({sum(r.funding for r in rows)} raises); "
              f"precision {precision:.3f}, recall {recall:.3f}; exact amount+currency {len(amount_ok) / n:.3f}, "
              f"round {len(round_ok) / n:.3f}, company {len(company_ok) / n:.3f}")
        for r, f in fp:
            print(f"  false positive {r.id}: {r.headline!r} -> {f}")
        for r in fn:
            print(f"  missed {r.id}: {r.headline!r}")
        for r, f in found:
            if r not in amount_ok or r not in round_ok or r not in company_ok:
                print(f"  extraction {r.id}: want {r.company!r} {r.amount} {r.currency} {r.round!r}; "
                      f"got {f.company!r} {f.amount} {f.currency} {f.round!r}")
    assert precision >= 0.95
    assert recall >= 0.90
    assert len(amount_ok) / n >= 0.90
    assert len(round_ok) / n >= 0.90
    assert len(company_ok) / n >= 0.85


INVESTORS = [
    ("Acme Robotics raises $40M Series B led by Foo Ventures", "", ["Foo Ventures"], ["Foo Ventures"]),
    ("Kite raises $12M Series A", "Kite raised a $12 million Series A led by Benchmark, with participation from "
     "SV Angel and Elad Gil.", ["Benchmark"], ["Benchmark", "SV Angel", "Elad Gil"]),
    ("Quiver raises $27M Series A co-led by Accel and Index", "", ["Accel", "Index"], ["Accel", "Index"]),
    ("Moxie raises $15M seed from Founders Fund and Abstract Ventures", "", [],
     ["Founders Fund", "Abstract Ventures"]),
    ("Kiranakart raises Rs 200 crore in Series C led by Peak XV", "Kiranakart has raised Rs 200 crore in its "
     "Series C round led by Peak XV Partners, with participation from existing investors Accel and Lightspeed.",
     ["Peak XV", "Peak XV Partners"], ["Peak XV", "Peak XV Partners", "Accel", "Lightspeed"]),
    ("Accel leads $18M Series A in Parisian HR startup Tandemly", "", ["Accel"], ["Accel"]),
    ("Farmsense gets $5 million to expand crop monitoring", "Farmsense received $5 million from investors including "
     "Syngenta Group Ventures.", [], ["Syngenta Group Ventures"]),
    ("Meridian Bio Completes $60 Million Series C Financing", "SAN DIEGO, Jan. 8, 2026 /PRNewswire/ -- Meridian Bio, "
     "Inc., a clinical-stage biotechnology company, today announced the completion of a $60 million Series C "
     "financing co-led by OrbiMed and RA Capital Management.", ["OrbiMed", "RA Capital Management"],
     ["OrbiMed", "RA Capital Management"]),
    ("Sable raises $1.1B to build AI chips", "Sable raised $1.1 billion from Fidelity and others.", [], ["Fidelity"]),
]


@pytest.mark.parametrize(("headline", "summary", "leads", "investors"), INVESTORS,
                         ids=["led-by", "led-with-participation", "co-led", "from-list", "existing-investors",
                              "vc-leads-in", "investors-including", "press-wire-co-led", "and-others"])
def test_investors_and_lead_investors(headline: str, summary: str, leads: list[str], investors: list[str]) -> None:
    funding = interpret_funding(headline, summary)
    assert funding is not None
    assert list(funding.lead_investors) == leads
    assert list(funding.investors) == investors


NOT_RAISES = [
    "Acme wins $40M contract with NHS",
    "Acme closes $40M deal with Walmart",
    "Acme raised $40M last year. Now it's launching a new product",
    "Acme Robotics secures contract worth $40M from US Army",
    "Why investors are cooling on Series A rounds",
    "Acme signs $40M lease for its new headquarters",
    "Meet the 10 startups that raised this week",
    "Food Bank of Iowa raises $2M in its spring appeal",
    "Adani Group signs Rs 10,000 crore investment MoU with Odisha",
    "Acme Bank signs $300M loan to fund Zeta's factory",
    "Announcing $500,000 in scholarships for first-generation students",
    "Le fonds Alpes Capital lève 150 millions d'euros pour son troisième véhicule",
    "City Marathon raises record $5 million for 200 NGOs",
    "JetBrains adds PHP 8.3 support to PhpStorm",
    "DAZN secures Serie A rights for €700M",
    "Acme obtient 5 millions d'euros de commandes",
    "City of Austin issues $300M bonds",
    "Acme prices $300M stock offering to pay down debt",
    "Cloudvane wins $95 million Air Force contract for edge computing",
    "Charity run raises £2.3m for children's hospital",
]


@pytest.mark.parametrize("headline", NOT_RAISES, ids=["contract", "deal", "past-raise", "contract-worth",
                                                      "essay", "lease", "meet-the-many", "food-bank", "mou",
                                                      "lender", "scholarships", "fonds", "marathon", "php-version",
                                                      "serie-a-football", "orders-fr", "city-bonds", "stock-offering",
                                                      "contract", "charity-run"])
def test_look_alikes_found_after_the_table_are_not_raises(headline: str) -> None:
    assert interpret_funding(headline) is None


# Raises whose words the gates and the name reader once took the wrong way (the blind table's lessons, in other
# words than its rows).
RAISES = [
    ("Acme raises $10M as it seeks to expand in Europe", "Acme", "Undisclosed"),
    ("Maker Studios raises $10M Series A", "Maker Studios", "Series A"),
    ("Acme signs $40M credit facility with HSBC", "Acme", "Debt"),
    ("Voltway raises $12M bridge round before its Series C", "Voltway", "Undisclosed"),
    ("Loom.ai lands $3M pre-Series B round", "Loom.ai", "Series A"),
    ("Fintech Startup Paybright Bags $8M Seed", "Paybright", "Seed"),
    # the new gates must not take these (the review's probes)
    ("Relief Therapeutics raises $30M Series B", "Relief Therapeutics", "Series B"),
    ("Curb Appeal raises $5M seed", "Curb Appeal", "Seed"),
    ("CallWrap raises $12M Series A to automate after-call wrap-up", "CallWrap", "Series A"),
    ("VC deals platform Carta raises $10M", "Carta", "Undisclosed"),
    ("Acme raises $25M Series A for its daily deals platform", "Acme", "Series A"),
    ("Berlin Startup Factory raises $20M", "Berlin Startup Factory", "Undisclosed"),
    ("The Sweetgreen Companies raises $40M", "Sweetgreen Companies", "Undisclosed"),
    # the second blind table's lessons, in other words
    ("Lumira SAS lève 8 millions d'euros en série A", "Lumira SAS", "Series A"),
    ("Klimaworks GmbH sichert sich Darlehen über 20 Mio. Euro", "Klimaworks GmbH", "Debt"),
    ("Tanah secures Rp 40 billion seed round to digitise rice mills", "Tanah", "Seed"),
    ("Greenfield Power issues $200 million green bond to fund 12 wind farms", "Greenfield Power", "Debt"),
    ("Hireloop raises undisclosed amount in Series A led by Elevation", "Hireloop", "Series A"),
    ("Acme raises €5M from Fonds de Solidarité FTQ", "Acme", "Undisclosed"),
    ("Affiliate platform Levanta raises $10M", "Levanta", "Undisclosed"),
    ("Acme signs $300M loan to fund expansion", "Acme", "Debt"),
    ("Acme raises $40M in pre-IPO stock offering", "Acme", "Undisclosed"),
    ("Kreditwerk sammelt 5 Mio. Euro in einer Serie-A-Runde ein", "Kreditwerk", "Series A"),
    ("Acme raises $15M after Walmart deal", "Acme", "Undisclosed"),
    ("Acme bags $5M pre-seed round deal", "Acme", "Pre-Seed"),
    ("Acme secures $75M Texas solar project financing", "Acme", "Undisclosed"),
    ("Charity Miles raises $2M seed", "Charity Miles", "Seed"),
]


@pytest.mark.parametrize(("headline", "company", "round_"), RAISES, ids=[r[1] for r in RAISES])
def test_raises_the_gates_once_refused_or_misread(headline: str, company: str, round_: str) -> None:
    funding = interpret_funding(headline)
    assert funding is not None and funding.company == company and funding.round == round_


def test_facts_follow_the_signal_contract() -> None:
    funding = interpret_funding("Tessellate raises $20M Series B extension led by Insight Partners - TechCrunch",
                                "Tessellate added $20 million to its Series B in an extension led by Insight Partners.",
                                publisher="TechCrunch")
    assert funding is not None
    assert funding.facts() == {"amount": 20_000_000, "currency": "USD", "amount_usd": 20_000_000,
                               "round": "Series B", "extension": True, "investors": ["Insight Partners"],
                               "lead_investors": ["Insight Partners"], "company": "Tessellate"}
    assert funding.evidence.startswith("Tessellate added $20 million")


def test_amount_usd_uses_the_dated_rate_table() -> None:
    funding = interpret_funding("Kiranakart raises Rs 200 crore in Series C")
    assert funding is not None and funding.currency == "INR" and funding.amount == 2_000_000_000
    assert funding.amount_usd is not None and 20_000_000 < funding.amount_usd < 30_000_000


# The fifth table: what a company's own feed says about money without raising any, and raises in more languages.
@pytest.mark.parametrize("headline", [
    "Tallyco Prices $1.5 Billion Senior Notes Offering",
    "Tallyco Secures $2 Billion Revolving Credit Facility",
    "Tallyco Announces $150 Million Underwritten Public Offering of Common Stock",
    "Tallyco announces $30 million investment in new Ohio plant",
    "Tallyco's smart kettle raises $1.4M on Kickstarter in 48 hours",
    "Tallyco raises $20M in public token sale",
    "Village bake-off raises £12,000 for children's hospice",
    "Tallyco nets €2 million profit in first profitable year",
    "Tallyco pulls in $90 million in holiday-quarter sales",
    "Tallyco wins £50,000 top prize at Founders Awards",
    "Tallyco takes $40M charge on plant closure",
], ids=["senior-notes", "revolver", "public-offering", "capex", "kickstarter", "token-sale", "charity", "profit",
        "sales", "prize", "takes-charge"])
def test_money_in_a_feed_that_is_no_raise(headline: str) -> None:
    assert interpret_funding(headline) is None


@pytest.mark.parametrize(("headline", "summary", "expected"), [
    ("Snöfall tar in 45 miljoner kronor - Breakit", "", ("Snöfall", 45_000_000, "SEK")),
    ("Startup Kwitnik pozyskał 8 mln zł w rundzie seed", "", ("Kwitnik", 8_000_000, "PLN")),
    ("Utrechtse scale-up Dijkwerk haalt 20 miljoen euro op", "", ("Dijkwerk", 20_000_000, "EUR")),
    ("Pagaluce chiude un round da 7 milioni di euro", "", ("Pagaluce", 7_000_000, "EUR")),
    ("Meadowlark Foods takes $150M growth round led by Ashgrove", "", ("Meadowlark Foods", 150_000_000, "USD")),
    ("Münchner Agrartech Feldwerk sammelt 12 Millionen Euro ein", "", ("Feldwerk", 12_000_000, "EUR")),
], ids=["swedish", "polish", "dutch", "italian-di-euro", "takes-round", "german-city-adjective"])
def test_raises_the_fifth_table_taught(headline: str, summary: str, expected: tuple[str, int, str]) -> None:
    funding = interpret_funding(headline, summary)
    assert funding is not None
    assert (funding.company, funding.amount, funding.currency) == expected


# The review of the fifth table's fixes: real raises the new gates must not drop, and what "takes" must not take.
@pytest.mark.parametrize("headline", [
    "Acme raises $20M to fuel investment in US expansion",
    "Acme Bio raises $50M Series B to fund investment in manufacturing facility",
    "a16z leads $50M investment in plant-based startup Acme",
    "Lendly closes $50M Series B, adds $200M revolving credit facility",
    "Lendly secures $150 million revolving credit facility to scale lending",
    "Acme raises $10M Series A for high-yield savings app",
    "Pulley raises $10M Series A for cap table and common stock management",
    "Acme raises $20M Series B after $40M in pre-orders",
    "Hardware startup Acme, which launched on Kickstarter, raises $20M Series A",
    "Acme raises $5M to help hospices cut paperwork",
    "Acme raises $10M in funding for sales expansion",
    "Summit Partners makes $80M growth equity investment in Claimsy",
], ids=["expansion", "facility", "plant-based", "series-and-revolver", "startup-credit-facility", "high-yield-app",
        "common-stock-product", "pre-orders-background", "kickstarter-background", "hospice-customers",
        "sales-expansion", "investor-makes"])
def test_raises_the_new_gates_let_through(headline: str) -> None:
    assert interpret_funding(headline) is not None


@pytest.mark.parametrize("headline", [
    "Tiger Global takes $200M loss on funding bets",
    "Acme takes $500M writedown on investment in Beta",
    "Investor takes $10M stake in Acme's Series B round",
    "Acme zebrała 5 mln zł na charytatywny cel",
], ids=["loss", "writedown", "stake", "polish-charity"])
def test_what_takes_and_the_new_verbs_do_not_take(headline: str) -> None:
    assert interpret_funding(headline) is None


def test_the_round_from_the_lede_is_the_raise_s_own() -> None:
    assert interpret_funding("Acme raises $30M", "Acme today announced $30M. Acme's rival Beta closed a Series D "
                                                  "last month.").round == "Undisclosed"  # type: ignore[union-attr]
    assert interpret_funding("Ciboulette lève 5 millions d'euros", "Ciboulette annonce une levée de fonds de 5 "
                             "millions d'euros en seed.").round == "Seed"  # type: ignore[union-attr]


@pytest.mark.parametrize(("headline", "raise_"), [
    ("Tessera Pay becomes latest fintech unicorn with $120m round", True),
    ("Kite becomes Germany's newest unicorn with €100m round", True),
    ("Tessera Pay becomes the latest failed unicorn with $300m writedown", False),
    ("Tessera Pay becomes the latest fallen unicorn with $200m valuation cut", False),
], ids=["fintech-unicorn", "country-unicorn", "failed-unicorn", "fallen-unicorn"])
def test_unicorns(headline: str, raise_: bool) -> None:
    assert (interpret_funding(headline) is not None) is raise_
