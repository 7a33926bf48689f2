"""A notifier-neutral message: the cards (one per signal) that Slack and e-mail both render.

Everything a seller needs is here once: headline, account with ICP tier and score, the facts of
the kind, when, the evidence links, and why it was sent (the rules that matched).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from watcher.store.models import AccountRow, SignalRow

KIND_LABEL = {"funding": "Funding", "key_hire": "Key hire", "pricing_change": "Pricing change",
              "review_complaint": "Competitor complaint", "news": "News"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Card:
    kind: str
    headline: str
    account: str | None
    account_domain: str | None
    tier: str | None
    score: int | None
    facts: list[tuple[str, str]]
    when: datetime | None
    links: list[tuple[str, str]]
    evidence: str
    why: list[str]
    priority: str = "normal"
    signal_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    destination: str
    subject: str
    cards: list[Card] = field(default_factory=list)
    notice: str | None = None  # an admin notice instead of cards

    @property
    def text(self) -> str:
        """Plain-text rendering: the fallback text of Slack and the text part of e-mail."""
        if self.notice:
            return self.notice
        lines = []
        for card in self.cards:
            lines.append(f"[{KIND_LABEL.get(card.kind, card.kind)}] {card.headline}")
            if card.account:
                lines.append(f"  Account: {card.account} ({card.account_domain}) — ICP tier {card.tier}, "
                             f"score {card.score}")
            lines += [f"  {label}: {value}" for label, value in card.facts]
            if card.evidence:
                lines.append(f"  Evidence: {card.evidence}")
            lines += [f"  {label}: {url}" for label, url in card.links]
            if card.why:
                lines.append(f"  Why: {'; '.join(card.why)}")
            lines.append("")
        return "\n".join(lines).strip()


def _money(amount: Any, currency: Any) -> str:
    try:
        value = float(amount)
    except (TypeError, ValueError):
        return str(amount)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{currency or ''} {value / size:,.1f}{suffix}".replace(".0" + suffix, suffix).strip()
    return f"{currency or ''} {value:,.0f}".strip()


def _join(values: Any) -> str:
    return ", ".join(str(v) for v in values) if isinstance(values, list | tuple) else str(values)


def fact_lines(kind: str, facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The facts of a kind as (label, value) lines, in the order a seller reads them."""
    out: list[tuple[str, str]] = []

    def add(label: str, value: Any) -> None:
        if value not in (None, "", [], {}):
            out.append((label, _join(value)))

    if kind == "funding":
        if facts.get("amount") is not None:
            usd = facts.get("amount_usd")
            extra = f" (≈ {_money(usd, 'USD')})" if usd and facts.get("currency") not in (None, "USD") else ""
            add("Amount", _money(facts.get("amount"), facts.get("currency")) + extra)
        add("Round", facts.get("round"))
        add("Lead investors", facts.get("lead_investors"))
        add("Investors", facts.get("investors"))
    elif kind == "key_hire":
        add("Role", facts.get("job_title"))
        add("Person", facts.get("person"))
        add("Seniority", facts.get("seniority"))
        add("Department", facts.get("department"))
        add("Location", facts.get("location"))
        add("Event", facts.get("event"))
        add("Roles", facts.get("roles"))
    elif kind == "pricing_change":
        for change in facts.get("changes") or []:
            if isinstance(change, dict):
                plan = f"{change.get('plan')}: " if change.get("plan") else ""
                old, new = change.get("old"), change.get("new")
                arrow = f"{old} → {new}" if old or new else ""
                pct = f" ({change['percent']:+.0f}%)" if isinstance(change.get("percent"), int | float) else ""
                add(str(change.get("type", "change")).replace("_", " "), f"{plan}{arrow}{pct}"[:300])
    elif kind == "review_complaint":
        add("Competitor", facts.get("competitor"))
        add("Platform", facts.get("platform"))
        if facts.get("rating") is not None:
            add("Rating", f"{facts.get('rating')}/{facts.get('rating_scale') or 5}")
        add("Themes", facts.get("themes"))
        who = [facts.get(k) for k in ("reviewer_company", "reviewer_company_size", "reviewer_industry") if facts.get(k)]
        add("Reviewer", " · ".join(str(w) for w in who))
        add("Quote", facts.get("quote"))
    else:
        add("Publisher", facts.get("publisher"))
    return out


def card(signal: SignalRow, account: AccountRow | None, why: list[str], priority: str = "normal") -> Card:
    links = [("Source", s["url"]) for s in signal.sources or [] if s.get("url")][:5]
    if not links and signal.url:
        links = [("Source", signal.url)]
    return Card(kind=signal.kind, headline=signal.title, account=account.name if account else None,
                account_domain=account.domain if account else None,
                tier=account.icp_tier if account else None, score=account.icp_score if account else None,
                facts=fact_lines(signal.kind, dict(signal.facts or {})), when=signal.occurred_at or signal.detected_at,
                links=links, evidence=(signal.evidence or "")[:1000], why=why, priority=priority,
                signal_id=signal.id)


def subject_for(cards: list[Card]) -> str:
    if len(cards) == 1:
        c = cards[0]
        return f"{KIND_LABEL.get(c.kind, c.kind)}: {c.headline}"
    accounts = sorted({c.account or "unattributed" for c in cards})
    return f"{len(cards)} signals: {', '.join(accounts)}"
