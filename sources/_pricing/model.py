"""The structured model kept in ``Document.data``, and the text kept in ``Document.text``.

Both are hashed by the core, so both hold only what survives noise: normalised lines, numbers and
names — never a raw attribute, URL or token. ``v`` is the model's version: a snapshot taken by an older
extractor is re-baselined silently instead of being reported as a change.
"""

from __future__ import annotations

import re
from typing import Any

from sources._pricing.cards import Plan, attribute_prices, find_cards, merge, plan_key, plan_of
from sources._pricing.islands import island_plans, ld_plans
from sources._pricing.layout import Layout, clean, serialise, walk
from sources._pricing.money import display, find_money, phrase
from sources._pricing.page import Page, Region, find_region, shell_error
from sources._pricing.tables import merge_comparison, table_plans

# 3: inline-tag boundaries marked, a volatile phrase glued at one folded (text.GLUED); 4: one glued to the word
# after it too (text.GLUED_AFTER); 5: a date or time glued to a number before it (text.NUMBER_GLUE), and an amount
# never read as a date ("$49, 2026"). A new version re-baselines stored snapshots silently.
VERSION = 5

# Both run on short lower-case windows around "trial" / "%" (see _windows).
TRIAL = re.compile(r"(\d+)[- ]?days?(?:[- ]free)?[- ]trial|free for (\d+) days|(\d+)[- ]days? free\b|"
                   r"trial (?:of|for) (\d+) days|try (?:it )?free for (\d+) days|(?<![\w-])(free trial)\b")
DISCOUNT = re.compile(r"\b(?:save|get|up to)[ \t]+(?:up to[ \t]+)?(\d+)[ \t]?%|(\d+)[ \t]?%[ \t]+"
                      r"(?:off|discount|savings?)|\b(\d+|two|three)[ \t]+months?[ \t]+free\b")


def build(page: Page, selector: str | None) -> tuple[dict[str, Any], str, list[str]]:
    """(data, text, warnings) for one page."""
    warnings: list[str] = []
    region = find_region(page, selector)
    lines: list[str] = []
    plans: list[Plan] = []
    if region is not None:
        clean(region)
        cards = region.roots if selector and len(region.roots) > 1 else find_cards(region)
        attributes = [attribute_prices(card) for card in cards]
        layout = walk(serialise(region, cards))
        lines = layout.lines
        plans = _html_plans(layout, attributes)
        lines = lines + _comparisons(page, region, plans)
    source = "html"
    if not plans:
        source, plans = _data_plans(page)
        if plans:
            warnings.append(f"plans read from the page's {source} data: the HTML shows no plan cards")
    elif page.next_data or page.nuxt_data or page.nuxt or page.rsc:
        _enrich(plans, page)
    if not plans and (page.widgets or not any(find_money(line) for line in lines)):
        if selector and lines:
            warnings.append(f"options.selector {selector!r} holds no price; watching its text")
        else:
            raise shell_error(page)
    if not lines:
        lines = render(plans)
    if not plans:
        warnings.append("no plan cards or pricing table recognised; changes are reported from the page text")
    text = "\n".join(lines)
    loose = [] if plans else sorted({display(m.amount, m.currency) for line in lines for m in find_money(line)})
    data = {"v": VERSION, "source": source, "plans": plans, "trial": trials(text), "discounts": discounts(text),
            "prices": loose}
    return data, text, warnings


def _html_plans(layout: Layout, attributes: list[list[Any]]) -> list[Plan]:
    plans = merge([p for card in layout.cards if (p := plan_of(card, attributes[card.index])) is not None])
    for rows in layout.tables:
        if not (plans and merge_comparison(plans, rows)):
            plans = merge(plans + table_plans(rows))
    return plans


def _comparisons(page: Page, region: Region, plans: list[Plan]) -> list[str]:
    """Comparison tables outside the region (they hold no price) whose header names the plans."""
    names = [plan_key(p["name"]) for p in plans]
    out: list[str] = []
    if len(names) < 2:
        return out
    grids = page.root.xpath("//*[@role='table' or @role='grid']") if page.aria_tables else []
    for table in [*page.root.iter("table"), *grids]:
        above = set(table.iterancestors())
        row = table.find(".//tr") if table.tag == "table" else table.find(".//*[@role='row']")
        if row is None or any(r is table or r in above for r in region.roots):
            continue
        heads = [plan_key(" ".join("".join(c.itertext()).split())) for c in row]
        if sum(any(h.startswith(n) for n in names) for h in heads) < 2:
            continue
        table.tag = "table"
        sub = Region(roots=[table], counts={}, inside=set(), owners=[])
        clean(sub)
        layout = walk(serialise(sub, []))
        for rows in layout.tables:
            merge_comparison(plans, rows)
        out += layout.lines
    return out


def _data_plans(page: Page) -> tuple[str, list[Plan]]:
    plans = merge(ld_plans(page.ld_json)) if page.ld_json else []
    if plans:
        return "json-ld", plans
    name, plans = island_plans(page)
    return name, merge(plans)


def _enrich(plans: list[Plan], page: Page) -> None:
    """Add the toggle values the HTML does not render (annual prices kept in the JSON island).

    Only for a plan whose island prices agree with a price the HTML shows: that proves the island's
    amounts are in the same units (not cents, not another currency).
    """
    _, island = island_plans(page)
    by_key = {plan_key(p["name"]): p for p in island}
    for plan in plans:
        other = by_key.get(plan_key(plan["name"]))
        if other is None:
            continue
        shown = {(p["billing"], p["period"]): p["amount"] for p in plan["prices"]}
        if not any(shown.get((p["billing"], p["period"])) == p["amount"] for p in other["prices"]):
            continue
        currency = next((p["currency"] for p in plan["prices"]), None)
        unit = next((p["unit"] for p in plan["prices"] if p["unit"]), None)
        for p in other["prices"]:
            if (p["billing"], p["period"]) not in shown:
                plan["prices"].append({**p, "currency": p["currency"] or currency, "unit": p["unit"] or unit})


def _windows(low: str, anchors: tuple[str, ...], before: int = 30, after: int = 30) -> list[str]:
    """Short slices of ``low`` around each anchor: the patterns below run on those, not on the whole text."""
    out = []
    for anchor in anchors:
        at = low.find(anchor)
        while at != -1:
            out.append(low[max(0, at - before):at + len(anchor) + after])
            at = low.find(anchor, at + 1)
    return out


def trials(text: str) -> list[str]:
    """Free trials the region offers: ``["14-day free trial"]``, or ``["free trial"]`` when no length is said."""
    found = set()
    for window in _windows(text.lower() if "rial" in text or "ree" in text else "", ("trial", "free for", "days free",
                                                                                      "day free")):
        for m in TRIAL.finditer(window):
            days = next((g for g in m.groups()[:5] if g), None)
            found.add(f"{int(days)}-day free trial" if days else "free trial")
    if len(found) > 1:
        found.discard("free trial")
    return sorted(found)


def discounts(text: str) -> list[str]:
    """Billing discounts ("save 20%", "2 months free") said next to a monthly/annual toggle or a price."""
    found = set()
    for window in _windows(text.lower() if "%" in text or "ree" in text else "", ("%", "months free", "month free"),
                           20, 20):
        for m in DISCOUNT.finditer(window):
            if m[1] or m[2]:
                found.add(f"{m[1] or m[2]}% off")
            else:
                found.add(f"{ {'two': '2', 'three': '3'}.get(m[3], m[3])} months free")
    return sorted(found)


def render(plans: list[Plan]) -> list[str]:
    """Text for a page whose plans came from data only: one block per plan."""
    lines = []
    for plan in plans:
        lines.append(plan["name"])
        lines += [f"{display(p['amount'], p['currency'])} {phrase(p)}".strip() for p in plan["prices"]]
        if plan["contact_sales"]:
            lines.append("Contact sales")
        lines += plan["features"]
    return lines
