"""Plan cards of the pricing region → plans: name, prices, "contact sales", free, headline features.

Cards are repeated siblings that each hold a price (or a "Contact sales"-like phrase) and a name. The
deepest such groups win, so a card whose monthly and annual prices sit in two child blocks is one card,
not two; two grids (monthly and annual, one hidden) give the same plans twice and are merged by name.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from lxml import etree
from lxml.etree import _Element as Element

from sources._pricing.layout import HEADINGS, CardText, States
from sources._pricing.money import PERIOD, QUALIFIER, Price, find_money, number, terms
from sources._pricing.page import PHRASES, Region
from sources._pricing.text import readable

Plan = dict[str, Any]  # {name, prices, features, contact_sales, free} — JSON-ready
TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr", "td", "th"))
BADGE = re.compile(r"^(?:most popular|popular|best value|recommended|new|best deal|our most popular plan|"
                   r"limited time(?: offer)?|save \d+ ?%.*|\d+ ?% off|best for .*|current plan|beliebt|populaire|"
                   r"⭐.*|★.*)$", re.I)
SAVING_BEFORE = re.compile(r"(?:save|saving|savings|discount|off|get|worth|up to|extra|less|spar\w*|économisez)\s*$",
                           re.I)
SAVING_AFTER = re.compile(r"^\s*(?:off|discount|savings?|in credits?|credit|value)\b", re.I)
CONTACT = re.compile(r"contact (?:sales|us)|talk to (?:sales|us|an expert)|let[’']s talk|get a quote|request a quote|"
                     r"custom (?:pricing|price|quote)|^custom$|request pricing|contact our sales", re.I)
ATTR_PRICE = etree.XPath(".//*[@*[contains(name(), 'annual') or contains(name(), 'year') "
                         "or contains(name(), 'month')]]")
DIGIT = re.compile(r"\d")
TRIALISH = re.compile(r"trial|free for \d+ days|\d+ days free|money-back", re.I)
RENEWAL = re.compile(r"renews? at|renewal|regular(?:ly)?(?: price)?|then|after (?:that|the first \w+)", re.I)
ATTR_VALUE = re.compile(r"\s*[^\d\s]{0,3}\s*\d[\d.,]*\s*")
FREE_WORDS = frozenset(("free", "free forever", "$0", "0 €", "€0", "£0", "gratis", "kostenlos", "gratuit"))


def _depth(el: Element) -> int:
    return sum(1 for _ in el.iterancestors())


def _named(card: Element) -> bool:
    """Cheap test on the tree: a heading, or a first text that could be a plan's name."""
    for h in card.iter(*HEADINGS):
        if clean_name(" ".join("".join(h.itertext()).split())):
            return True
    for text in card.itertext():
        if text.strip():
            return clean_name(" ".join(text.split())) is not None
    return False


def find_cards(region: Region) -> list[Element]:
    """Every card, in document order: groups of named siblings, deepest first, never one inside another."""
    counts = region.counts
    found: list[tuple[int, int, Element, list[Element]]] = []
    for el in region.inside:
        if counts.get(el, 0) < 2 or el.getparent() is None or el.tag in TABLE_PARTS and el.tag != "tr":
            continue
        priced = [c for c in el if counts.get(c) and isinstance(c.tag, str)]
        if len(priced) < 2 or (el.tag == "tr" and not all(c.find(".//li") is not None for c in priced)):
            continue
        _, n = Counter(c.tag for c in priced).most_common(1)[0]
        if n * 3 >= len(priced) * 2:
            found.append((_depth(el), len(priced), el, priced))
    cards: list[Element] = []
    taken: list[Element] = []
    for _, _, el, priced in sorted(found, key=lambda f: (-f[0], -f[1])):
        ancestors = set(el.iterancestors())
        if any(t in ancestors or el in set(t.iterancestors()) for t in taken):
            continue
        named = [c for c in priced if _named(c)]
        if len(named) >= 2:
            cards += named
            taken.append(el)
    cards += _orphans(region, cards)
    order = {el: i for i, el in enumerate(region.roots[0].iter())} if len(taken) != 1 or len(cards) > len(
        taken[0]) else {}
    return sorted(cards, key=lambda c: order.get(c, 0))


def _orphans(region: Region, cards: list[Element]) -> list[Element]:
    """A priced block beside the card grid ("Enterprise — Contact sales" under it), or a page's only plan."""
    inside_cards = {el for card in cards for el in (card, *card.iterdescendants())}
    above_cards = {anc for card in cards for anc in card.iterancestors()}
    roots = set(region.roots)
    out: list[Element] = []
    seen: set[Element] = set()
    for owner in region.owners:
        if owner in inside_cards or owner.getparent() is None:
            continue
        block = owner
        for anc in owner.iterancestors():
            if anc in roots or anc in above_cards:
                break
            block = anc
        if block in seen or block in inside_cards or block in roots:
            continue
        seen.add(block)
        if next(block.iter(*HEADINGS), None) is None or block.tag == "table":
            continue
        if len(etree.tostring(block, method="text", encoding="unicode")) <= 400 and _named(block):
            out.append(block)
            inside_cards.update(block.iter())
    return out


def clean_name(text: str) -> str | None:
    """``text`` if it can be a plan's name: short, not a badge, not a price or a call to action."""
    text = readable(text).strip(" :–-~")
    if (not text or len(text) > 48 or text.endswith("?") or BADGE.match(text) or find_money(text)
            or text.lower() in PHRASES - {"free"}):
        return None
    return text


def _name(card: CardText) -> str | None:
    for head in card.heads:
        name = clean_name(head)
        if name:
            return name
    for line, _ in card.lines:
        text = readable(line)
        if find_money(text) or CONTACT.search(text):
            return None
        name = clean_name(text)
        if name:
            return name
    return None


def plan_of(card: CardText, attributes: list[Price]) -> Plan | None:
    """A card as a plan; ``None`` when it has no name."""
    name = _name(card)
    if not name:
        return None
    prices = _dedupe(read_prices(card.lines) + attributes)
    said = [readable(line) for line, _ in card.lines]
    ctas = set(card.ctas)
    # Without a feature list every other line says what the plan holds; with one, the lines with a number
    # still do ("50 AI credits / month" under the price).
    candidates = [s for s in said if DIGIT.search(s)] if card.features else said
    others = [s for s in candidates if s != name and s not in ctas and len(s) <= 120 and not find_money(s)
              and not BADGE.match(s) and not CONTACT.search(s) and not (len(s) < 40 and QUALIFIER.match(s))
              and not TRIALISH.search(s)]
    features = card.features + others
    return finish({"name": name, "prices": prices, "features": features[:200]}, said)


def finish(plan: Plan, said: list[str]) -> Plan:
    """Set the ``contact_sales`` and ``free`` flags from the plan's prices and words."""
    current = [p for p in plan["prices"] if not p.get("was")]
    plan["contact_sales"] = not current and any(CONTACT.search(s) for s in said)
    plan["free"] = (bool(current) and all(p["amount"] == 0 for p in current)) or (
        not current and any(s.lower().strip(" !") in FREE_WORDS for s in said))
    return plan


def _following(lines: list[tuple[str, States]], i: int) -> tuple[str, str]:
    """The qualifier lines right under line ``i``: those that only qualify ("per user / month"), and those
    that also say how it is billed even with an amount of their own ("Billed yearly at $96")."""
    plain: list[str] = []
    billing: list[str] = []
    for nxt, _ in lines[i + 1:i + 3]:
        nxt = readable(nxt)
        if not QUALIFIER.match(nxt):
            break
        billing.append(nxt)
        if not find_money(nxt) and len(plain) == len(billing) - 1:
            plain.append(nxt)
    return " ".join(plain), " ".join(billing)


def read_prices(lines: list[tuple[str, States]], extra: str = "") -> list[Price]:
    """Every price in ``lines`` with what it is for; ``extra`` is context that applies to all (a table header)."""
    out: list[Price] = []
    for i, (line, states) in enumerate(lines):
        found = find_money(line)
        below, billed = _following(lines, i) if found else ("", "")
        for j, m in enumerate(found):
            before = line[found[j - 1].end if j else 0:m.start]
            k = j  # adjacent amounts ("$16$20/ month": a toggle's two values) share what follows the last one
            while k + 1 < len(found) and not readable(line[found[k].end:found[k + 1].start]).strip():
                k += 1
            context = line[found[k].end:found[k + 1].start if k + 1 < len(found) else len(line)]
            if SAVING_BEFORE.search(readable(before)) or SAVING_AFTER.match(readable(context)):
                continue
            last = k + 1 == len(found)
            if last and not PERIOD.search(context):
                context = f"{context} {below}"
            period, unit, billing = terms(readable(f"{context} {extra}"), readable(before))
            if last and (billing is None or unit is None):
                billing, unit = billing or terms(billed)[2], unit or terms(below)[1]
            if period is None and billing:
                period = "year" if billing == "annual" else "month"
            side = states[m.start] if isinstance(states, list) else states
            price: Price = {"amount": m.amount, "currency": m.currency, "period": period, "unit": unit,
                            "billing": billing or side or {"month": "monthly", "year": "annual"}.get(period or ""),
                            "line": readable(line)}
            if line[:m.start].count("~~") % 2:
                price["was"] = True
            elif RENEWAL.search(readable(before)[-30:]):
                price["label"] = "renewal"
            out.append(price)
    return out


def attribute_prices(card: Element) -> list[Price]:
    """Toggle values kept in attributes: ``data-monthly="49" data-annual="39"`` (currency and unit come later
    from the prices the card shows)."""
    out: list[Price] = []
    for el in ATTR_PRICE(card):
        sides: dict[str, float] = {}
        for key, value in el.attrib.items():
            k = key.lower()
            if k.startswith("data-") and ATTR_VALUE.fullmatch(value):
                money = find_money(value)
                side = "annual" if ("annual" in k or "year" in k) else "monthly"
                sides[side] = money[0].amount if money else number(re.sub(r"[^\d.,]", "", value))
        for side, amount in sides.items():
            monthly = sides.get("monthly")
            period = "month" if side == "monthly" or (monthly and amount < monthly * 2) else "year"
            out.append({"amount": amount, "currency": None, "period": period, "unit": None, "billing": side,
                        "line": "", "attribute": True})
    return out


def _dedupe(prices: list[Price]) -> list[Price]:
    """One price per (side, period, amount); an attribute value that repeats a shown price is dropped."""
    seen: dict[tuple[object, ...], Price] = {}
    for p in sorted(prices, key=lambda p: bool(p.get("attribute"))):
        key = (p["billing"], p["period"], p["amount"], p.get("was", False))
        if key in seen:
            if not seen[key]["unit"]:
                seen[key]["unit"] = p["unit"]
            continue
        seen[key] = p
    out = list(seen.values())
    units = {p["unit"] for p in out if p["unit"] and not p.get("attribute")}
    currencies = {p["currency"] for p in out if p["currency"]}
    for p in out:
        if p.pop("attribute", False):
            p["unit"] = p["unit"] or (next(iter(units)) if len(units) == 1 else None)
            p["currency"] = p["currency"] or (next(iter(currencies)) if len(currencies) == 1 else None)
    return out


def merge(plans: list[Plan]) -> list[Plan]:
    """Plans of the same name (a monthly and an annual grid) become one."""
    by_key: dict[str, Plan] = {}
    for plan in plans:
        k = plan_key(plan["name"])
        if k not in by_key:
            by_key[k] = plan
            continue
        into = by_key[k]
        into["prices"] = _dedupe(into["prices"] + plan["prices"])
        into["features"] += [f for f in plan["features"] if f not in into["features"]]
        into["contact_sales"] = into["contact_sales"] and plan["contact_sales"]
        into["free"] = into["free"] and plan["free"]
    return list(by_key.values())


def plan_key(name: str) -> str:
    """``"Pro plan"``, ``"PRO"``, ``"Pro*"`` → ``"pro"``: how plans are matched between versions."""
    key = re.sub(r"[^\w+ ]", "", name.lower()).strip()
    return re.sub(r"\s+plan$|^plan\s+", "", key).strip() or key
