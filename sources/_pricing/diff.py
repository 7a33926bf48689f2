"""Two pricing models → the list of changes, field by field (DESIGN.md §4 ``pricing_change.changes``).

Plans are matched by name; a plan that disappears while another appears in its place with the same
prices or most of its features was renamed. Within a plan, prices are matched by what they are for
(billing side, period, unit), so a monthly price is never compared with an annual one.
"""

from __future__ import annotations

import difflib
from typing import Any

from sources._pricing.cards import Plan, plan_key
from sources._pricing.model import VERSION
from sources._pricing.money import Price, display, find_money, priced
from sources._pricing.text import fold_volatile

Change = dict[str, Any]
ORDER = ("price_increased", "price_decreased", "contact_sales", "plan_removed", "plan_added", "plan_renamed",
         "free_tier_changed", "trial_changed", "billing_changed", "feature_added", "feature_removed", "text_changed")
Slot = tuple[Any, Any, Any, Any]


def text_diff(old: str, new: str, before: str = "before", after: str = "after", context: int = 2) -> list[str]:
    """The unified diff of two extracted texts, as lines (empty for equal texts).

    Lines are matched by what the fingerprint reads of them (``text.fold_volatile``): a line whose only
    difference is a date, a time, a counter or a token is the same line, shown as it reads now, so a build that
    leaks such a value beside a real change shows the change alone. When that leaves no difference at all, the
    plain diff is given: a built line has its white space collapsed, and the fold can then take a real change
    for a volatile one ("10,\n2000 credits" reads "10, 2000", a date), which must still be said.
    """
    a, b = old.splitlines(), new.splitlines()
    return _unified(a, b, _folded(a), _folded(b), before, after, context) or _unified(a, b, a, b, before, after,
                                                                                      context)


def _folded(lines: list[str]) -> list[str]:
    """Each line as the fingerprint reads it: the text folded at once (half the cost of a fold per line), or line
    by line when a fold took a line break with it."""
    folded = fold_volatile("\n".join(lines)).split("\n")
    return folded if len(folded) == len(lines) else [fold_volatile(line) for line in lines]


def _unified(a: list[str], b: list[str], match_a: list[str], match_b: list[str], before: str, after: str,
             context: int) -> list[str]:
    """The unified diff of ``a`` and ``b``, their lines matched as ``match_a`` and ``match_b`` are."""
    matcher = difflib.SequenceMatcher(None, match_a, match_b)
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        out.append(f"@@ -{_span(group[0][1], group[-1][2])} +{_span(group[0][3], group[-1][4])} @@")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += [" " + line for line in b[b1:b2]]
                continue
            out += ["-" + line for line in a[a1:a2]] + ["+" + line for line in b[b1:b2]]
    return [f"--- {before}", f"+++ {after}", *out] if out else []


def _span(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it: "3" (one line), "3,4", or "2,0" (none, after line 2)."""
    length = stop - start
    return str(start + 1) if length == 1 else f"{start + 1 if length else start},{length}"


def summary(plan: Plan) -> str:
    """What a plan costs in a few words: ``$49 per seat/month``, ``Contact sales``, ``Free``."""
    if plan.get("contact_sales"):
        return "Contact sales"
    if plan.get("free"):
        return "Free"
    price = primary(plan)
    return priced(price) if price else ""


def primary(plan: Plan) -> Price | None:
    current = [p for p in plan.get("prices", []) if not p.get("was")]
    return next((p for p in current if p.get("billing") == "monthly"), current[0] if current else None)


def _slots(plan: Plan) -> dict[Slot, Price]:
    slots: dict[Slot, Price] = {}
    for p in plan.get("prices", []):
        if not p.get("was"):
            slots.setdefault((p.get("billing"), p.get("period"), p.get("unit"), p.get("label")), p)
    return slots


def _line(price: Price) -> str:
    return price.get("line") or priced(price)


def _price_change(name: str | None, old: Price, new: Price) -> Change:
    up = new["amount"] > old["amount"]
    percent = round((new["amount"] - old["amount"]) / old["amount"] * 100, 1) if old["amount"] else None
    label = f" ({new['label']})" if new.get("label") else ""
    return {"type": "price_increased" if up else "price_decreased", "plan": f"{name}{label}" if name else name,
            "old": display(old["amount"], old.get("currency")), "new": display(new["amount"], new.get("currency")),
            "period": new.get("period"), "percent": percent, "unit": new.get("unit"), "billing": new.get("billing"),
            "currency": new.get("currency"), "old_amount": old["amount"], "new_amount": new["amount"],
            "evidence": [f"- {_line(old)}", f"+ {_line(new)}"]}


def _billing(name: str | None, old: str | None, new: str | None) -> Change:
    return {"type": "billing_changed", "plan": name, "old": old, "new": new,
            "evidence": [*([f"- {old}"] if old else []), *([f"+ {new}"] if new else [])]}


def _price_changes(name: str, old: Plan, new: Plan) -> list[Change]:
    before, after = _slots(old), _slots(new)
    out = []
    for slot in before.keys() & after.keys():
        o, n = before[slot], after[slot]
        if o.get("currency") != n.get("currency"):
            out.append(_billing(name, priced(o), priced(n)))
        elif o["amount"] != n["amount"]:
            out.append(_price_change(name, o, n))
    gone = [before[s] for s in before if s not in after]
    came = [after[s] for s in after if s not in before]
    for o in list(gone):
        if not came:
            break
        n = next((c for c in came if c.get("billing") == o.get("billing")), came[0])
        gone.remove(o)
        came.remove(n)
        if o["amount"] == n["amount"] or o.get("currency") != n.get("currency"):
            out.append(_billing(name, priced(o), priced(n)))
        else:
            out.append(_price_change(name, o, n))
    out += [_billing(name, priced(o), None) for o in gone] + [_billing(name, None, priced(n)) for n in came]
    return out


def _feature_changes(name: str, old: Plan, new: Plan, free: bool) -> list[Change]:
    before, after = old.get("features", []), new.get("features", [])
    removed = [f for f in before if f not in set(after)]
    added = [f for f in after if f not in set(before)]
    if free:
        pairs = [(removed[i] if i < len(removed) else None, added[i] if i < len(added) else None)
                 for i in range(max(len(removed), len(added)))]
        return [{"type": "free_tier_changed", "plan": name, "old": o, "new": n,
                 "evidence": [*([f"- {name}: {o}"] if o else []), *([f"+ {name}: {n}"] if n else [])]}
                for o, n in pairs]
    return ([{"type": "feature_removed", "plan": name, "old": f, "new": None, "evidence": [f"- {name}: {f}"]}
             for f in removed]
            + [{"type": "feature_added", "plan": name, "old": None, "new": f, "evidence": [f"+ {name}: {f}"]}
               for f in added])


def plan_changes(old: Plan, new: Plan) -> list[Change]:
    """What changed inside one plan (matched by name or found renamed)."""
    name = new["name"]
    if old.get("free") != new.get("free"):
        return [{"type": "free_tier_changed", "plan": name, "old": summary(old), "new": summary(new),
                 "evidence": [f"- {name}: {summary(old)}", f"+ {name}: {summary(new)}"]}]
    if old.get("contact_sales") != new.get("contact_sales"):
        was, now = primary(old), primary(new)
        changes = [{"type": "contact_sales", "plan": name, "old": summary(old), "new": summary(new),
                    "period": (now or was or {}).get("period"),
                    "evidence": [f"- {_line(was) if was else summary(old)}",
                                 f"+ {_line(now) if now else summary(new)}"]}]
    else:
        changes = _price_changes(name, old, new)
    return changes + _feature_changes(name, old, new, bool(new.get("free")))


def _renames(removed: list[Plan], added: list[Plan], old: list[Plan], new: list[Plan]) -> list[tuple[Plan, Plan]]:
    pairs = []
    for o in removed:
        for n in added:
            same_place = old.index(o) == new.index(n)
            same_price = _slots(o) == _slots(n) and bool(_slots(o)) or summary(o) == summary(n) != ""
            shared = set(o.get("features", [])) & set(n.get("features", []))
            alike = len(shared) * 2 >= max(len(o.get("features", [])), len(n.get("features", [])), 1)
            if (same_price and (alike or same_place)) or (same_place and alike and shared):
                pairs.append((o, n))
                added.remove(n)
                break
    return pairs


def _plan_change(kind: str, plan: Plan) -> Change:
    said = summary(plan)
    side = "old" if kind == "plan_removed" else "new"
    if plan.get("free"):
        kind = "free_tier_changed"
    sign = "-" if side == "old" else "+"
    return {"type": kind, "plan": plan["name"], "old": said if side == "old" else None,
            "new": said if side == "new" else None, "period": (primary(plan) or {}).get("period"),
            "evidence": [f"{sign} {plan['name']}" + (f": {said}" if said else "")]}


def _listed(kind: str, plan: str | None, old: list[str], new: list[str]) -> list[Change]:
    if old == new:
        return []
    if kind == "billing_changed":
        return [_billing(plan, ", ".join(old) or None, ", ".join(new) or None)]
    return [{"type": kind, "plan": plan, "old": ", ".join(old) or None, "new": ", ".join(new) or None,
             "evidence": [*([f"- {', '.join(old)}"] if old else []), *([f"+ {', '.join(new)}"] if new else [])]}]


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change] | None:
    """Changes from ``old`` to ``new``; ``None`` when either model is of another version (re-baseline)."""
    if old.get("v") != VERSION or new.get("v") != VERSION:
        return None
    before = {plan_key(p["name"]): p for p in old.get("plans", [])}
    after = {plan_key(p["name"]): p for p in new.get("plans", [])}
    removed = [p for k, p in before.items() if k not in after]
    added = [p for k, p in after.items() if k not in before]
    renamed = _renames(removed, added, list(before.values()), list(after.values()))
    changes: list[Change] = []
    for o, n in renamed:
        removed.remove(o)
        kind = "free_tier_changed" if o.get("free") and n.get("free") else "plan_renamed"
        changes.append({"type": kind, "plan": n["name"], "old": o["name"], "new": n["name"],
                        "evidence": [f"- {o['name']}", f"+ {n['name']}"]})
        changes += plan_changes(o, n)
    for key in before.keys() & after.keys():
        changes += plan_changes(before[key], after[key])
    changes += [_plan_change("plan_removed", p) for p in removed] + [_plan_change("plan_added", p) for p in added]
    changes += _listed("trial_changed", None, old.get("trial", []), new.get("trial", []))
    changes += _listed("billing_changed", None, old.get("discounts", []), new.get("discounts", []))
    if not before and not after:
        changes += _loose_prices(old.get("prices", []), new.get("prices", []))
    order = {p: i for i, p in enumerate([*before, *after])}
    return sorted(changes, key=lambda c: (ORDER.index(c["type"]), order.get(plan_key(c.get("plan") or ""), 0)))


def _loose_prices(old: list[str], new: list[str]) -> list[Change]:
    """A page without recognised plans: one price replaced by another is still a price change."""
    gone, came = [p for p in old if p not in new], [p for p in new if p not in old]
    if len(gone) != 1 or len(came) != 1:
        return []
    o, n = find_money(gone[0]), find_money(came[0])
    if not o or not n or o[0].currency != n[0].currency:
        return []
    price = {"period": None, "unit": None, "billing": None, "line": ""}
    return [_price_change(None, {**price, "amount": o[0].amount, "currency": o[0].currency, "line": gone[0]},
                          {**price, "amount": n[0].amount, "currency": n[0].currency, "line": came[0]})]
