"""Pricing tables: a comparison grid (plans as columns) or a usage tier list (tiers as rows).

A comparison grid under plan cards adds per-plan features ("SSO", "Storage: 10 GB"), so a ✓ that
becomes — is a feature removed from that plan. Without cards, the table itself gives the plans.
"""

from __future__ import annotations

from sources._pricing.cards import CONTACT, Plan, clean_name, finish, plan_key, read_prices
from sources._pricing.money import find_money

NO = frozenset(("", "—", "-", "–", "✗", "✕", "×", "x", "no", "not included", "n/a", "none", "❌"))
YES = frozenset(("✓", "✔", "✔️", "✅", "yes", "included", "✓ included", "available", "unlimited ✓"))


def _flat(cell: str) -> str:
    return cell.replace("\n", " ") if "\n" in cell else cell


def _name(cell: str) -> str | None:
    for line in cell.split("\n"):
        name = clean_name(line)
        if name:
            return name
    return None


def feature(label: str, value: str) -> str | None:
    """What a comparison cell says a plan has: the label, "label: value", or nothing."""
    v = value.strip()
    low = v.lower()
    if low in NO or low.startswith(("✗", "—", "not ")):
        return None
    if low in YES:
        return label
    return f"{label}: {v.removeprefix('✓ ')}"


def merge_comparison(plans: list[Plan], rows: list[list[str]]) -> bool:
    """Add the grid's rows to the plans named in its header; False when the header names none of them."""
    keys = {plan_key(p["name"]): p for p in plans}
    for at, row in enumerate(rows):  # noqa: B007 - `at` is read after the loop
        cols = {i: keys[k] for i, c in enumerate(row) if i and (n := _name(c)) and (k := plan_key(n)) in keys}
        if len(cols) >= 2:
            break
    else:
        return False
    known = {id(plan): set(plan["features"]) for plan in cols.values()}
    for row in rows[at + 1:]:
        label = _flat(row[0]) if row else ""
        if not label or not any(row[1:]):
            continue
        for i, plan in cols.items():
            found = feature(label, _flat(row[i])) if i < len(row) else None
            if found and found not in known[id(plan)] and len(plan["features"]) < 400:
                plan["features"].append(found)
                known[id(plan)].add(found)
    return True


def _priced(cell: str) -> bool:
    return bool(find_money(cell) or CONTACT.search(cell) or cell.lower().strip() == "free")


def table_plans(rows: list[list[str]]) -> list[Plan]:
    """Plans read from a table alone: columns under a header of plan names (a comparison grid with a price
    row or two), or one plan per row (usage tiers, a rate card whose columns are kinds of use)."""
    head = next((i for i, r in enumerate(rows) if sum(1 for c in r[1:] if _name(c)) >= 2), None)
    body = rows[head + 1:] if head is not None else rows
    priced = [r for r in body if any(map(_priced, r[1:]))]
    if head is not None and any(sum(map(_priced, r[1:])) >= 2 for r in body) and (
            len(priced) <= 2 or len(priced) * 2 < len(body)):
        return _by_column(rows, head)
    tiers = [r for r in priced if len(r) >= 2 and _name(r[0])]
    if len(tiers) < 2:
        return []
    header = rows[head] if head is not None else rows[0] if rows and rows[0] not in tiers else []
    plans = []
    for row in tiers:
        cols = [i for i, c in enumerate(row) if i and _priced(c)]
        prices = []
        for i in cols:
            label = header[i].replace("\n", " ") if i < len(header) else ""
            for price in read_prices([(row[i].replace("\n", " "), None)], extra=label):
                if len(cols) > 1:
                    price["label"] = label
                prices.append(price)
        plans.append(finish({"name": _name(row[0]), "prices": prices, "features": []}, row[1:]))
    return plans


def _by_column(rows: list[list[str]], head: int) -> list[Plan]:
    plans = []
    for i, cell in enumerate(rows[head]):
        name = _name(cell) if i else None
        if not name:
            continue
        prices = read_prices([(line, None) for line in cell.split("\n")])
        features = []
        said = cell.split("\n")
        for row in rows[head + 1:]:
            value = row[i].replace("\n", " ") if i < len(row) else ""
            label = row[0].replace("\n", " ")
            if find_money(value):
                prices += read_prices([(value, None)], extra=label)
            found = feature(label, value) if label and not find_money(value) else None
            if found:
                features.append(found)
            said.append(value)
        plans.append(finish({"name": name, "prices": prices, "features": features}, said))
    return plans
