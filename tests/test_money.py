"""Money as headlines write it, and the dated USD table."""

from __future__ import annotations

import pytest

from watcher.money import find_money, fx_date, to_usd

CASES = [
    ("$40M", 40_000_000, "USD"), ("€12.5 million", 12_500_000, "EUR"), ("£3m", 3_000_000, "GBP"),
    ("USD 1.2bn", 1_200_000_000, "USD"), ("40 million dollars", 40_000_000, "USD"),
    ("¥500 million", 500_000_000, "JPY"), ("$1.5 billion", 1_500_000_000, "USD"),
    ("Rs 200 crore", 2_000_000_000, "INR"), ("₹150 crore", 1_500_000_000, "INR"), ("CHF 10M", 10_000_000, "CHF"),
    ("$7,500,000", 7_500_000, "USD"), ("A$20 million", 20_000_000, "AUD"), ("C$15M", 15_000_000, "CAD"),
    ("S$5 million", 5_000_000, "SGD"), ("US$30 million", 30_000_000, "USD"), ("7M€", 7_000_000, "EUR"),
    ("60 million USD", 60_000_000, "USD"), ("300 million yuan", 300_000_000, "CNY"),
    ("₩10 billion", 10_000_000_000, "KRW"), ("$40 mln", 40_000_000, "USD"), ("$500K", 500_000, "USD"),
    ("GBP 5m", 5_000_000, "GBP"), ("4 million pounds", 4_000_000, "GBP"), ("$40 MILLION", 40_000_000, "USD"),
    # a decimal comma before a scale word, and "millions of euros" (translated news)
    ("2,5 millions of euros", 2_500_000, "EUR"), ("€1,2 Mio.", 1_200_000, "EUR"),
    ("EUR 4,5 Millionen", 4_500_000, "EUR"), ("€2,5 Mrd", 2_500_000_000, "EUR"),
    ("1,250 million dollars", 1_250_000_000, "USD"), ("1,200 euros", 1_200, "EUR"),
    ("35 millions d'euros", 35_000_000, "EUR"), ("12,5 Mio. Euro", 12_500_000, "EUR"),
    ("30 millones de euros", 30_000_000, "EUR"), ("R$ 10 milhões", 10_000_000, "BRL"),
    ("Rp 75 billion", 75_000_000_000, "IDR"), ("VND 120 billion", 120_000_000_000, "VND"),
    ("$9.5 million CAD", 9_500_000, "CAD"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), CASES, ids=[c[0] for c in CASES])
def test_amounts(text: str, amount: int, currency: str) -> None:
    money, = find_money(f"Acme raises {text} in new funding")
    assert (money.amount, money.currency) == (amount, currency)


@pytest.mark.parametrize("text", ["a 75MW solar farm", "up 2.5%", "401(k) rollovers", "Series A-1"],
                         ids=["megawatts", "percent", "401k", "round-name"])
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_usd_from_the_dated_table() -> None:
    assert fx_date().isoformat() == "2025-01-02"
    assert to_usd(1_000_000, "USD") == 1_000_000
    assert to_usd(1_000_000, "EUR") == 1_035_000
    assert to_usd(1_000_000, "XYZ") is None and to_usd(None, "USD") is None
