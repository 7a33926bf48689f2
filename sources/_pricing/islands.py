"""Plans the page carries as data: schema.org JSON-LD offers and framework JSON islands.

JSON-LD (``Product``/``SoftwareApplication`` → ``Offer``/``AggregateOffer`` with ``priceSpecification``)
is read by its vocabulary. Next.js (``__NEXT_DATA__``, RSC ``self.__next_f.push``) and Nuxt
(``__NUXT_DATA__`` devalue arrays, a JSON ``window.__NUXT__``) islands have no schema, so plans are found
as objects with a name and a price-like field (``price``, ``monthlyPrice``, Stripe's ``unit_amount`` in
cents …). Only those fields are kept: ids, timestamps and tokens in the same JSON never reach the model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from sources._pricing.cards import Plan, finish
from sources._pricing.money import Price, find_money, number, unit_of
from sources._pricing.page import Page

PRODUCTS = frozenset(("Product", "SoftwareApplication", "WebApplication", "MobileApplication", "Service",
                      "ProductGroup"))
NAME_KEYS = ("name", "title", "planName", "plan_name", "displayName", "display_name", "label", "nickname",
             "tierName", "tier")
FEATURE_KEYS = ("features", "highlights", "bullets", "includes", "featureList", "feature_list", "perks", "benefits")
CONTACT_KEYS = ("contactSales", "contact_sales", "isCustom", "custom", "customPricing", "isEnterprise")
INTERVAL_KEYS = ("interval", "period", "billingPeriod", "billing_period", "frequency", "billingCycle", "recurring")
SIDES = {"month": "monthly", "monthly": "monthly", "mo": "monthly", "p1m": "monthly", "mon": "monthly",
         "year": "annual", "yearly": "annual", "annual": "annual", "annually": "annual", "p1y": "annual",
         "ann": "annual", "yr": "annual"}
RSC = re.compile(r"self\.__next_f\.push\((\[.*\])\)\s*;?\s*$", re.S)
DEVALUE_WRAPPERS = frozenset(("Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef", "EmptyShallowRef"))


def _loads(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        money = find_money(value)
        if money:
            return money[0].amount
        if re.fullmatch(r"\s*\d[\d.,]*\s*", value):
            return number(value.strip())
    return None


def _price(amount: float, currency: str | None, side: str | None, period: str | None, unit: str | None) -> Price:
    period = period or {"monthly": "month"}.get(side or "")
    return {"amount": round(amount, 6), "currency": currency, "period": period, "unit": unit,
            "billing": side or {"month": "monthly", "year": "annual"}.get(period or ""), "line": ""}


# ---- schema.org JSON-LD ----------------------------------------------------------------------------

def _ld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    for node in _list(data):
        if isinstance(node, dict):
            yield from _ld_nodes(node["@graph"]) if "@graph" in node else iter([node])


def _types(node: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in _list(node.get("@type"))}


def _spec_period(spec: dict[str, Any]) -> str | None:
    said = " ".join(str(spec.get(k, "")) for k in ("billingDuration", "unitCode", "unitText")).lower()
    if re.search(r"p1m\b|\bmon\b|month", said):
        return "month"
    if re.search(r"p1y\b|\bann\b|year|annual", said):
        return "year"
    return None


def _offer_prices(offer: dict[str, Any]) -> list[Price]:
    currency = offer.get("priceCurrency")
    out = []
    for spec in _list(offer.get("priceSpecification")) or [offer]:
        if not isinstance(spec, dict):
            continue
        amount = _amount(spec.get("price", offer.get("price")))
        if amount is None:
            continue
        ref = spec["referenceQuantity"] if isinstance(spec.get("referenceQuantity"), dict) else {}
        unit_text = str(ref.get("unitText") or spec.get("unitText") or "")
        unit = unit_of(f"per {unit_text}") if unit_text else None
        out.append(_price(amount, spec.get("priceCurrency") or currency, None, _spec_period(spec), unit))
    return out


def _offer_plans(offer: dict[str, Any], product: str | None) -> list[Plan]:
    if "AggregateOffer" in _types(offer) and not offer.get("offers"):
        cur = offer.get("priceCurrency")
        return [finish({"name": f"{product or 'Plans'} ({edge})", "prices": [_price(a, cur, None, None, None)],
                        "features": []}, [])
                for edge, key in (("lowest", "lowPrice"), ("highest", "highPrice"))
                if (a := _amount(offer.get(key))) is not None]
    if offer.get("offers"):
        return [p for o in _list(offer["offers"]) if isinstance(o, dict) for p in _offer_plans(o, product)]
    name = offer.get("name") or product
    if not isinstance(name, str):
        return []
    said = [str(offer.get("description") or "")]
    return [finish({"name": name, "prices": _offer_prices(offer), "features": []}, said)]


def ld_plans(texts: list[str]) -> list[Plan]:
    """Plans from every JSON-LD block's products and offers."""
    plans: list[Plan] = []
    for node in (n for t in texts for n in _ld_nodes(_loads(t))):
        types = _types(node)
        if types & PRODUCTS and node.get("offers"):
            product = node.get("name") if isinstance(node.get("name"), str) else None
            for offer in _list(node["offers"]):
                if isinstance(offer, dict):
                    plans += _offer_plans(offer, product)
        elif types & {"Offer", "AggregateOffer"}:
            plans += _offer_plans(node, None)
    return plans


# ---- framework islands: objects that look like plans -----------------------------------------------

def _side(key: str) -> str | None:
    k = key.lower()
    return "annual" if ("annual" in k or "year" in k) else "monthly" if "month" in k else None


def _interval(obj: dict[str, Any]) -> str | None:
    for key in INTERVAL_KEYS:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("interval")
        if isinstance(value, str) and value.lower() in SIDES:
            return SIDES[value.lower()]
    return None


def _price_object(obj: dict[str, Any], side: str | None, currency: str | None, unit: str | None) -> list[Price]:
    cur = str(obj.get("currency") or obj.get("currencyCode") or currency or "").upper() or None
    for key in ("unit_amount", "unitAmount", "amount", "value", "price"):
        amount = _amount(obj.get(key))
        if amount is not None:
            if key in ("unit_amount", "unitAmount"):
                amount /= 100
            return [_price(amount, cur, _interval(obj) or side, None, unit)]
    return [_price(a, cur, _side(k) or side, None, unit)
            for k, v in obj.items() if _side(k) and (a := _amount(v)) is not None]


def _island_prices(d: dict[str, Any]) -> list[Price]:
    currency = d.get("currency") or d.get("currencyCode") or d.get("priceCurrency")
    currency = currency.upper() if isinstance(currency, str) and len(currency) == 3 else None
    unit_text = next((d[k] for k in ("unit", "unitLabel", "unit_label", "per", "pricingUnit") if d.get(k)), None)
    unit = unit_of(f"per {unit_text}") if isinstance(unit_text, str) else None
    out: list[Price] = []
    for key, value in d.items():
        k = key.lower()
        if not (any(w in k for w in ("price", "amount", "cost")) or k in SIDES) or k.endswith("id"):
            continue
        side = _side(key) or (_interval(d) if k in ("price", "amount", "unit_amount", "unitamount") else None)
        for item in _list(value):
            if isinstance(item, dict):
                out += _price_object(item, side, currency, unit)
            elif (amount := _amount(item)) is not None:
                out.append(_price(amount / 100 if k in ("unit_amount", "unitamount") else amount, currency, side,
                                  None, unit))
    monthly = next((p["amount"] for p in out if p["billing"] == "monthly"), None)
    for p in out:
        if p["billing"] == "annual" and p["period"] is None:
            p["period"] = "month" if monthly and p["amount"] < monthly * 2 else "year"
    return out


def _features(d: dict[str, Any]) -> list[str]:
    for key in FEATURE_KEYS:
        items = d.get(key)
        if isinstance(items, list):
            out = [i if isinstance(i, str) else next((i[k] for k in ("name", "title", "text", "label") if
                                                       isinstance(i.get(k), str)), "") for i in items
                   if isinstance(i, str | dict)]
            return [" ".join(f.split()) for f in out if f][:200]
    return []


def _plan_like(d: dict[str, Any]) -> Plan | None:
    name = next((d[k] for k in NAME_KEYS if isinstance(d.get(k), str) and 0 < len(d[k]) <= 48), None)
    if not name:
        return None
    prices = _island_prices(d)
    contact = not prices and any(d.get(k) is True for k in CONTACT_KEYS)
    if not prices and not contact:
        return None
    return finish({"name": " ".join(name.split()), "prices": prices, "features": _features(d)},
                  ["Contact sales"] if contact else [])


def find_plans(data: Any, budget: int = 50_000) -> list[Plan]:
    """Plan-like objects anywhere in ``data``, in document order; a plan's insides are not searched."""
    plans: list[Plan] = []
    stack = [data]
    while stack and budget > 0:
        node = stack.pop()
        budget -= 1
        if isinstance(node, dict):
            plan = _plan_like(node)
            if plan is not None:
                plans.append(plan)
            else:
                stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return plans


def devalue(payload: Any) -> Any:
    """Nuxt 3's ``__NUXT_DATA__`` (devalue): a flat array whose containers hold indexes into it."""
    if not isinstance(payload, list) or not payload:
        return None
    done: dict[int, Any] = {}

    def get(i: Any) -> Any:
        if not isinstance(i, int) or isinstance(i, bool) or i < 0 or i >= len(payload):
            return None
        if i in done:
            return done[i]
        value = payload[i]
        done[i] = None  # a cycle reads as null
        if isinstance(value, list):
            if value and isinstance(value[0], str) and value[0] in DEVALUE_WRAPPERS:
                out: Any = get(value[1]) if len(value) > 1 else None
            else:
                out = [get(v) for v in value]
        elif isinstance(value, dict):
            out = {k: get(v) for k, v in value.items()}
        else:
            out = value
        done[i] = out
        return out

    return get(0)


def _rsc(chunks: list[str]) -> list[Any]:
    text = ""
    for script in chunks:
        m = RSC.search(script)
        pushed = _loads(m.group(1)) if m else None
        if isinstance(pushed, list) and len(pushed) > 1 and pushed[0] == 1 and isinstance(pushed[1], str):
            text += pushed[1]
    out = []
    for line in text.split("\n"):
        _, _, payload = line.partition(":")
        if payload[:1] in ("[", "{"):
            out.append(_loads(payload))
    return out


def _maybe_priced(text: str) -> bool:
    """Whether an island may hold prices, before it is decoded (``lower`` and ``in`` run in C; the
    case-insensitive regex this replaced took milliseconds over a large ``__NEXT_DATA__``)."""
    low = text.lower()
    return "price" in low or "amount" in low


def island_plans(page: Page) -> tuple[str, list[Plan]]:
    """The first island that holds plans, and its name."""
    for name, text, decode in (("__NEXT_DATA__", page.next_data, _loads),
                               ("__NUXT_DATA__", page.nuxt_data, lambda t: devalue(_loads(t))),
                               ("__NUXT__", page.nuxt, lambda t: _loads(t.split("=", 1)[-1].strip().rstrip(";")))):
        if text and _maybe_priced(text):
            plans = find_plans(decode(text))
            if plans:
                return name, plans
    if page.rsc and any(map(_maybe_priced, page.rsc)):
        plans = find_plans(_rsc(page.rsc))
        if plans:
            return "rsc", plans
    return "", []
