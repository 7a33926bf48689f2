#!/usr/bin/env python3
"""Check throughput: watcher's real check path against urlwatch, over the same simulated web.

    .venv/bin/python bench/check_throughput.py --watches 1000

A simulated web runs on 127.0.0.1 in a separate process (its CPU is not ours): SaaS pricing pages of
40–80 KB whose CSRF tokens, CSP nonces and timestamps change on every request (no ETag), RSS feeds and
Greenhouse-style JSON boards with ETags that answer If-None-Match with 304. The watches are split in
thirds between the three. Then, for watcher and for urlwatch side by side: a cold pass (first sight of
every site), ~10% of the sites change (a new feed item, a new job, a price), a warm pass. urlwatch runs in
a child process over its own copy of the web, changed the same way, one pass at a time next to watcher's
(the machine's speed drifts within minutes; the ratio is taken round by round).

CPU per check is ``time.process_time()`` of the checking process (all its threads) over a pass divided
by the checks of that pass; database writes (SQLite, WAL) are included. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import copy
import gc
import hashlib
import html
import json
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.request import ProxyHandler, Request, build_opener

KINDS = ("pricing", "feed", "board")
WATCH_KIND = {"pricing": "pricing_page", "feed": "news", "board": "greenhouse"}
TARGETS = {"cpu_ms_per_check": 2.0, "urlwatch_ratio": 3.0, "rss_mb_at_10k": 150.0}
MUTATE_SEED = 20261102

# ---------------------------------------------------------------------------------------------------
# The simulated web's content (deterministic per site and version; only the volatile tokens vary)
# ---------------------------------------------------------------------------------------------------

PREFIXES = ("Acme", "Nimbus", "Vertex", "Northwind", "Bluefin", "Quanta", "Helix", "Orbital", "Cobalt", "Lumen",
            "Strata", "Paragon", "Zephyr", "Keystone", "Polaris", "Sable", "Tandem", "Umbra", "Vanta", "Wren")
SUFFIXES = ("Labs", "Analytics", "Robotics", "Cloud", "Data", "Systems", "AI", "Software", "Networks", "Health",
            "Security", "Pay", "Logistics", "Metrics", "Works")
VOCAB = ("platform data teams workflow customers pipeline insight revenue growth secure scale cloud native analytics "
         "dashboard integrate automate reliable realtime insights enterprise compliance audit export import sync "
         "api webhook latency uptime support onboarding migration forecast model report alert usage seat billing "
         "invoice plan annual monthly partner launch release feature improve faster simpler modern global region "
         "storage compute query search index cache edge network deploy monitor observe trace metric log event "
         "stream batch schedule team admin role access governance privacy policy roadmap beta preview customer "
         "story builders operators finance marketing sales engineers leaders every with for and the of to in on "
         "your our new more less than across without").split()
FEATURES = ("Unlimited projects", "Single sign-on (SAML)", "SCIM provisioning", "Audit log", "Role-based access",
            "Custom domains", "API access", "Webhooks", "Priority support", "Dedicated success manager",
            "99.9% uptime SLA", "99.99% uptime SLA", "Data residency (EU/US)", "Advanced analytics", "Dashboards",
            "Scheduled reports", "Slack integration", "Salesforce integration", "HubSpot integration",
            "Snowflake export", "BigQuery export", "Sandbox workspaces", "Version history", "Custom roles",
            "IP allow-listing", "HIPAA compliance", "SOC 2 Type II report", "Onboarding workshop", "Usage alerts",
            "Multi-region failover", "Bring your own key", "Granular permissions", "Guest access",
            "Unlimited viewers", "Embedded analytics", "White-labelling", "Sandbox API keys", "Rate limit boosts",
            "Annual invoicing", "Purchase orders")
ROLES = ("Software Engineer", "Senior Software Engineer", "Staff Engineer", "Account Executive", "Sales Development "
         "Representative", "Product Designer", "Product Manager", "Data Scientist", "Customer Success Manager",
         "Solutions Engineer", "Recruiter", "Marketing Manager", "Site Reliability Engineer", "Security Engineer",
         "Technical Writer", "Support Engineer", "Financial Analyst", "Office Manager")
LEADERS = ("VP of Sales", "Head of Data", "Director of Engineering", "Chief Financial Officer", "VP Marketing",
           "Head of People", "Director of Product")
CITIES = ("Berlin", "London", "New York, NY", "San Francisco, CA", "Austin, TX", "Remote - US", "Remote - EMEA",
          "Paris", "Toronto", "Amsterdam", "Dublin", "Singapore")
DEPARTMENTS = ("Engineering", "Sales", "Marketing", "Product", "Customer Success", "Finance", "People", "Data")
PLAN_NAMES = ("Starter", "Team", "Business", "Enterprise")
HEADLINES = ("launches {x}", "announces {x}", "ships {x}", "partners with {c} on {x}", "expands {x} to Europe",
             "publishes its {x} report", "opens a new office for {x}", "introduces {x} for enterprise teams")
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # the simulated web's "long ago" content is dated from here


def split_watches(n: int) -> dict[str, int]:
    third = n // 3
    return {"pricing": third, "feed": third, "board": n - 2 * third}


def default_accounts(n: int) -> int:
    return max(1, min(n, max(100, min(500, n // 4))))


def company_name(a: int) -> str:
    name = f"{PREFIXES[a % len(PREFIXES)]} {SUFFIXES[(a // len(PREFIXES)) % len(SUFFIXES)]}"
    generation = a // (len(PREFIXES) * len(SUFFIXES))
    return f"{name} {generation + 1}" if generation else name


def slug(text: str) -> str:
    return "-".join(text.lower().split())


def owner_of(kind: str, i: int, counts: dict[str, int], accounts: int) -> int:
    """The account a site belongs to: sites are dealt to accounts round-robin across the three kinds."""
    offset = {"pricing": 0, "feed": counts["pricing"], "board": counts["pricing"] + counts["feed"]}[kind]
    return (offset + i) % accounts


def site_path(kind: str, i: int) -> str:
    return {"pricing": f"/p/{i}/pricing", "feed": f"/f/{i}/feed.xml", "board": f"/b/{i}/jobs?content=true"}[kind]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def _sentence(rng: random.Random, lo: int = 8, hi: int = 20) -> str:
    s = _words(rng, rng.randint(lo, hi))
    return s[0].upper() + s[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def pricing_template(i: int, version: int, company: str) -> list[str]:
    """A SaaS pricing page split on \\x00: odd parts are volatile placeholders filled per request."""
    rng = random.Random(f"pricing-{i}")
    target = 40_000 + rng.randrange(40_000)
    site = slug(company)
    nplans = rng.choice((3, 4))
    base = rng.choice((8, 10, 12, 15, 19, 25))
    prices: list[int | None] = [base, base * 3 + 4, base * 7 + 9, None][:nplans]
    prices[1] = (prices[1] or 0) + 5 * version  # the change a mutation makes: the Team plan's price
    features = rng.sample(FEATURES, len(FEATURES))
    out: list[str] = []
    size = [0]

    def a(text: str) -> None:
        out.append(text)
        size[0] += len(text)

    a('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">')
    a(f"<title>Pricing | {company}</title>")
    a('<meta name="viewport" content="width=device-width, initial-scale=1">')
    a('<meta name="csrf-token" content="\x00csrf\x00">')
    a(f'<meta name="description" content="{company} pricing: simple plans for teams of every size.">')
    a(f'<meta property="og:title" content="{company} pricing"><link rel="canonical" href="https://{site}.example.com/'
      'pricing">')
    for k in range(8):
        a(f'<link rel="preload" as="script" href="/_next/static/chunks/{k}-{rng.getrandbits(48):012x}.js">')
    a('<style nonce="\x00nonce\x00">:root{--brand:#4f46e5;--ink:#0f172a;--muted:#64748b}')
    css_budget = target // 5
    k = 0
    while size[0] < css_budget:
        a(f".c{k:x}{{margin:{rng.randint(0, 32)}px {rng.randint(0, 32)}px;padding:{rng.randint(0, 24)}px;"
          f"color:#{rng.getrandbits(24):06x};font-size:{rng.choice((12, 14, 16, 18, 24))}px;"
          f"display:{rng.choice(('flex', 'grid', 'block', 'inline-flex'))}}}")
        k += 1
    a("</style>")
    a('<script nonce="\x00nonce\x00">(function(w,d){w.dataLayer=w.dataLayer||[];w.dataLayer.push({event:"page",'
      'page:"pricing",ts:\x00epoch\x00,rid:"\x00req\x00"});var s=d.createElement("script");s.async=true;'
      's.src="https://analytics.example.net/a.js?id=' + f"{rng.getrandbits(40):010x}" + '";'
      'd.head.appendChild(s)})(window,document);</script>')
    a('</head><body class="page-pricing">')
    a('<div class="announcement-bar" role="region">New: ' + _sentence(rng, 6, 10) + ' <a href="/blog">Read more'
      "</a></div>")
    a('<header class="site-header"><a class="logo" href="/">' + company + '</a><nav aria-label="Main"><ul>')
    for section in ("Product", "Solutions", "Resources", "Company"):
        a(f'<li class="menu"><button aria-expanded="false">{section}</button><ul class="mega">')
        for _ in range(rng.randint(6, 10)):
            label = _words(rng, 2).title()
            a(f'<li><a href="/{slug(section)}/{slug(label)}"><strong>{label}</strong><span>{_sentence(rng, 5, 9)}'
              "</span></a></li>")
        a("</ul></li>")
    a('<li><a href="/pricing" aria-current="page">Pricing</a></li></ul></nav>'
      '<a class="btn" href="/login">Log in</a><a class="btn primary" href="/signup">Start free</a></header>')
    a('<main id="main"><section class="hero"><h1>Simple, transparent pricing</h1><p>'
      + _paragraph(rng, 2) + "</p></section>")
    a('<section id="pricing" class="pricing"><div class="billing-toggle"><button aria-pressed="true">Monthly'
      '</button><button aria-pressed="false">Annual (save 20%)</button></div>')
    a('<p class="pricing-meta">Prices shown in USD, excluding taxes. Last refreshed \x00human\x00.</p>')
    a('<div class="live-viewers">\x00viewers\x00 people are viewing this page right now</div><div class="plans">')
    for p in range(nplans):
        name, price = PLAN_NAMES[p], prices[p]
        a(f'<div class="plan-card" data-plan="{name.lower()}"><h3 class="plan-name">{name}</h3>'
          f'<p class="plan-tagline">{_sentence(rng, 6, 12)}</p><div class="plan-price">')
        if price is None:
            a('<span class="price-custom">Custom pricing</span></div><p class="plan-annual">Volume discounts and '
              "annual contracts</p>")
        else:
            a(f'<span class="price">${price}</span><span class="period"> per user / month</span></div>'
              f'<p class="plan-annual">${price * 10} per user, billed annually</p>')
        a('<form method="post" action="/signup"><input type="hidden" name="authenticity_token" value="\x00csrf\x00">'
          f'<input type="hidden" name="plan" value="{name.lower()}"><button class="btn">'
          f'{"Contact sales" if price is None else "Start free trial"}</button></form><ul class="features">')
        for feature in features[p * 6:p * 6 + rng.randint(10, 18)]:
            a(f'<li><svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16"><path d="M3 8l3 3 7-7"/></svg>'
              f"{feature}</li>")
        a("</ul></div>")
    a('</div><table class="compare-table"><thead><tr><th>Compare plans</th>'
      + "".join(f"<th>{PLAN_NAMES[p]}</th>" for p in range(nplans)) + "</tr></thead><tbody>")
    a("<tr><td>Additional seats</td>" + "".join(
        f"<td>${max(2, (prices[p] or 0) // 4)} / user</td>" if prices[p] else "<td>Custom</td>"
        for p in range(nplans)) + "</tr>")
    table_budget = size[0] + target // 6
    row = 0
    while size[0] < table_budget:
        feature = FEATURES[row % len(FEATURES)] + ("" if row < len(FEATURES) else f" ({_words(rng, 1)})")
        cells = "".join(rng.choice(("<td>✓</td>", "<td>—</td>", f"<td>{rng.randint(1, 50)} GB</td>"))
                        for _ in range(nplans))
        a(f'<tr><td>{feature} <span class="tip" title="{_sentence(rng, 5, 10)}">?</span></td>{cells}</tr>')
        row += 1
    a("</tbody></table></section>")
    a('<section class="testimonials"><h2>Loved by teams</h2>')
    for _ in range(4):
        a(f'<blockquote class="testimonial"><p>{_paragraph(rng, 2)}</p><cite>{_words(rng, 2).title()}, '
          f"{company_name(rng.randrange(300))}</cite></blockquote>")
    a('</section><section class="logo-wall customer-logos"><ul>')
    for _ in range(16):
        a(f'<li><img src="/img/logos/{rng.getrandbits(32):08x}.svg" alt="{company_name(rng.randrange(300))}" '
          'width="120" height="40" loading="lazy"></li>')
    a('</ul></section><section class="faq"><h2>Frequently asked questions</h2>')
    for _ in range(rng.randint(8, 12)):
        a(f"<details><summary>{_sentence(rng, 5, 9)[:-1]}?</summary><p>{_paragraph(rng, 3)}</p></details>")
    a("</section></main>")
    a('<footer class="site-footer"><div class="cols">')
    for col in ("Product", "Company", "Resources", "Legal"):
        a(f"<div><h4>{col}</h4><ul>" + "".join(
            f'<li><a href="/{slug(col)}/{n}">{_words(rng, 2).title()}</a></li>' for n in range(8)) + "</ul></div>")
    a(f'</div><p class="legal">© 2019–2026 {company}, Inc. All rights reserved. Rendered in \x00render\x00 ms · '
      "request \x00req\x00</p></footer>")
    a('<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent"><p>'
      + _sentence(rng, 12, 18) + '</p><button>Accept all</button><button>Reject</button></div>')
    a('<script id="__NEXT_DATA__" type="application/json" nonce="\x00nonce\x00">{"props":{"pageProps":{'
      '"csrf":"\x00csrf\x00","renderedAt":"\x00iso\x00","requestId":"\x00req\x00","catalog":[')
    first = True
    while size[0] < target - 200:
        a(("" if first else ",") + json.dumps({"sku": f"{site}-{rng.getrandbits(32):08x}", "name": _words(rng, 3),
                                               "flags": rng.sample(VOCAB, 4), "weight": rng.random()}))
        first = False
    a(f']}}}},"buildId":"{rng.getrandbits(64):016x}","page":"/pricing"}}</script></body></html>')
    return "".join(out).split("\x00")


def feed_body(i: int, version_times: list[datetime], company: str) -> bytes:
    """RSS 2.0, 20 items; each version adds one item at the top (and the oldest drops off)."""
    rng = random.Random(f"feed-{i}")
    site = slug(company)
    full_text = rng.random() < 0.3
    day = timedelta(days=1)
    items = [(f"{site}-{i}-post-{j}", f"{company} " + rng.choice(HEADLINES).format(
        x=_words(rng, 2), c=company_name(rng.randrange(300))), EPOCH - day * (2 * j + 1), random.Random(f"f{i}p{j}"))
        for j in range(20)]
    for v, when in enumerate(version_times, 1):
        vrng = random.Random(f"f{i}n{v}")
        items.insert(0, (f"{site}-{i}-news-{v}", f"{company} " + vrng.choice(HEADLINES).format(
            x=_words(vrng, 2), c=company_name(vrng.randrange(300))), when, vrng))
    out = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">'
           f"<channel><title>{html.escape(company)} Blog</title><link>https://{site}.example.com/blog</link>"
           f'<atom:link href="https://{site}.example.com/feed.xml" rel="self" type="application/rss+xml"/>'
           f"<description>News and updates from {html.escape(company)}</description><language>en-US</language>"
           f"<lastBuildDate>{format_datetime(items[0][2])}</lastBuildDate>"]
    for guid, title, when, irng in items[:20]:
        summary = "".join(f"<p>{_paragraph(irng, 2)}</p>" for _ in range(irng.randint(1, 3)))
        out.append(f"<item><title>{html.escape(title)}</title><link>https://{site}.example.com/blog/{guid}</link>"
                   f'<guid isPermaLink="false">{guid}</guid><pubDate>{format_datetime(when)}</pubDate>'
                   f"<dc:creator><![CDATA[{_words(irng, 2).title()}]]></dc:creator>"
                   + "".join(f"<category><![CDATA[{w}]]></category>" for w in irng.sample(VOCAB, 3))
                   + f"<description><![CDATA[{summary}]]></description>")
        if full_text:
            body = "".join(f"<h2>{_sentence(irng, 3, 6)}</h2><p>{_paragraph(irng, 4)}</p>" for _ in range(3))
            out.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


def board_body(i: int, version_times: list[datetime], company: str) -> bytes:
    """A Greenhouse boards-API answer with content; each version adds one posting."""
    rng = random.Random(f"board-{i}")
    site = slug(company)
    postings = [(1000 * i + j, rng.choice(LEADERS) if rng.random() < 0.1 else rng.choice(ROLES),
                 EPOCH - timedelta(days=rng.randint(3, 90)), random.Random(f"b{i}j{j}"))
                for j in range(rng.randint(10, 40))]
    for v, when in enumerate(version_times, 1):
        vrng = random.Random(f"b{i}v{v}")
        postings.append((1000 * i + 500 + v, vrng.choice(LEADERS) if vrng.random() < 0.3 else vrng.choice(ROLES),
                         when, vrng))
    jobs = []
    for job_id, title, when, jrng in postings:
        city, dept = jrng.choice(CITIES), jrng.choice(DEPARTMENTS)
        content = (f"<h3>About {company}</h3><p>{_paragraph(jrng, 3)}</p><h3>What you will do</h3><ul>"
                   + "".join(f"<li>{_sentence(jrng, 6, 14)}</li>" for _ in range(jrng.randint(4, 8)))
                   + "</ul><h3>What you bring</h3><ul>"
                   + "".join(f"<li>{_sentence(jrng, 6, 14)}</li>" for _ in range(jrng.randint(4, 8)))
                   + f"</ul><p>{_paragraph(jrng, 2)}</p>")
        stamp = when.isoformat()
        jobs.append({
            "absolute_url": f"https://boards.greenhouse.io/{site}/jobs/{job_id}",
            "data_compliance": [{"type": "gdpr", "requires_consent": False, "requires_processing_consent": False,
                                 "requires_retention_consent": False, "retention_period": None}],
            "internal_job_id": job_id * 7 + 3, "location": {"name": city}, "metadata": None, "id": job_id,
            "updated_at": stamp, "requisition_id": f"R-{job_id % 100000:05d}", "title": title,
            "content": html.escape(content), "company_name": company, "first_published": stamp, "language": "en",
            "departments": [{"id": zlib.crc32(dept.encode()) % 100000, "name": dept, "child_ids": [],
                             "parent_id": None}],
            "offices": [{"id": zlib.crc32(city.encode()) % 100000, "name": city, "location": city, "child_ids": [],
                         "parent_id": None}],
        })
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(5, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


# ---------------------------------------------------------------------------------------------------
# The simulated web's server (runs in its own process: `--serve`)
# ---------------------------------------------------------------------------------------------------

class SimWeb:
    def __init__(self, counts: dict[str, int], accounts: int, compress: bool) -> None:
        self.counts, self.accounts, self.compress = counts, accounts, compress
        self.history: dict[str, list[list[datetime]]] = {k: [[] for _ in range(n)] for k, n in counts.items()}
        self._static: dict[tuple[str, int, int], tuple[bytes, bytes, int, str]] = {}  # body, gz, raw len, etag
        self._templates: dict[tuple[int, int], list[str]] = {}
        self.stats: dict[str, Counter[str]] = {}

    def company(self, kind: str, i: int) -> str:
        return company_name(owner_of(kind, i, self.counts, self.accounts))

    def count(self, kind: str, status: int, wire: int, body: int) -> None:
        c = self.stats.setdefault(kind, Counter())
        c["requests"] += 1
        c[f"s{status}"] += 1
        c["wire_bytes"] += wire
        c["body_bytes"] += body

    def _index(self, kind: str, raw: str) -> int:
        from aiohttp import web

        if not raw.isdigit() or int(raw) >= self.counts[kind]:
            raise web.HTTPNotFound()
        return int(raw)

    def _static_entry(self, kind: str, i: int) -> tuple[bytes, bytes, int, str]:
        times = self.history[kind][i]
        key = (kind, i, len(times))
        entry = self._static.get(key)
        if entry is None:
            body = (feed_body if kind == "feed" else board_body)(i, times, self.company(kind, i))
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            entry = (body if not self.compress else b"", _gzip(body) if self.compress else b"", len(body), etag)
            self._static[key] = entry
        return entry

    def _static_reply(self, request: Any, kind: str, content_type: str) -> Any:
        from aiohttp import web

        i = self._index(kind, request.match_info["i"])
        body, gz, raw_len, etag = self._static_entry(kind, i)
        headers = {"ETag": etag, "Cache-Control": "public, max-age=300", "Vary": "Accept-Encoding"}
        if request.headers.get("If-None-Match") == etag:
            self.count(kind, 304, 0, 0)
            return web.Response(status=304, headers=headers)
        if self.compress and "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            self.count(kind, 200, len(gz), raw_len)
            return web.Response(body=gz, content_type=content_type, charset="utf-8", headers=headers)
        if not body:
            body = (feed_body if kind == "feed" else board_body)(i, self.history[kind][i], self.company(kind, i))
        self.count(kind, 200, len(body), raw_len)
        return web.Response(body=body, content_type=content_type, charset="utf-8", headers=headers)

    async def feed(self, request: Any) -> Any:
        return self._static_reply(request, "feed", "application/rss+xml")

    async def board(self, request: Any) -> Any:
        return self._static_reply(request, "board", "application/json")

    async def pricing(self, request: Any) -> Any:
        from aiohttp import web

        i = self._index("pricing", request.match_info["i"])
        key = (i, len(self.history["pricing"][i]))
        parts = self._templates.get(key)
        if parts is None:
            parts = self._templates[key] = pricing_template(i, key[1], self.company("pricing", i))
        now = datetime.now(UTC)
        nonce = base64.b64encode(os.urandom(16)).decode()
        values = {"csrf": secrets.token_urlsafe(32), "nonce": nonce, "req": uuid.uuid4().hex,
                  "iso": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                  "human": now.strftime("%Y-%m-%d %H:%M:%S UTC"), "epoch": str(int(now.timestamp() * 1000)),
                  "viewers": str(random.randint(3, 60)), "render": str(random.randint(20, 400))}
        body = "".join(values[p] if n % 2 else p for n, p in enumerate(parts)).encode()
        headers = {"Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate",
                   "Content-Security-Policy": f"script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'",
                   "Set-Cookie": f"_session={secrets.token_hex(24)}; Path=/; HttpOnly; Secure; SameSite=Lax",
                   "X-Request-Id": values["req"], "Vary": "Accept-Encoding"}
        raw_len = len(body)
        if self.compress and "gzip" in request.headers.get("Accept-Encoding", ""):
            body = _gzip(body)
            headers["Content-Encoding"] = "gzip"
        self.count("pricing", 200, len(body), raw_len)
        return web.Response(body=body, content_type="text/html", charset="utf-8", headers=headers)

    async def robots(self, request: Any) -> Any:
        from aiohttp import web

        self.count("robots", 200, 0, 0)
        return web.Response(text="User-agent: *\nDisallow: /admin/\n", content_type="text/plain")

    async def mutate(self, request: Any) -> Any:
        """Change ``fraction`` of each kind's sites (chosen by ``seed``): a feed item, a job, a price."""
        from aiohttp import web

        fraction, seed = float(request.query.get("fraction", "0.1")), int(request.query.get("seed", "1"))
        rng, now = random.Random(seed), datetime.now(UTC)
        changed = {}
        for kind, n in self.counts.items():
            ids = sorted(rng.sample(range(n), round(n * fraction)))
            for i in ids:
                self.history[kind][i].append(now)
            changed[kind] = ids
        return web.json_response(changed)

    async def reset(self, request: Any) -> Any:
        from aiohttp import web

        for sites in self.history.values():
            for times in sites:
                times.clear()
        self.stats = {}
        return web.json_response({"ok": True})

    async def get_stats(self, request: Any) -> Any:
        from aiohttp import web

        data = {k: dict(c) for k, c in self.stats.items()}
        if request.query.get("reset"):
            self.stats = {}
        return web.json_response(data)


async def serve(counts: dict[str, int], accounts: int, compress: bool) -> None:
    from aiohttp import web

    world = SimWeb(counts, accounts, compress)
    app = web.Application()
    app.add_routes([web.get("/robots.txt", world.robots), web.get("/p/{i}/pricing", world.pricing),
                    web.get("/f/{i}/feed.xml", world.feed), web.get("/b/{i}/jobs", world.board),
                    web.post("/__mutate", world.mutate), web.post("/__reset", world.reset),
                    web.get("/__stats", world.get_stats)])
    runner = web.AppRunner(app, access_log=None, handle_signals=True)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=2048)
    await site.start()
    print(f"PORT {runner.addresses[0][1]}", flush=True)
    await asyncio.Event().wait()


def _clean_env(home: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    if home:
        env.update(HOME=home, XDG_CONFIG_HOME=f"{home}/.config", XDG_CACHE_HOME=f"{home}/.cache")
    return env


class Server:
    """The simulated web's process, seen from the benchmark."""

    def __init__(self, counts: dict[str, int], accounts: int, compress: bool) -> None:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--serve", "--accounts", str(accounts),
               "--sites", ",".join(str(counts[k]) for k in KINDS)]
        if not compress:
            cmd.append("--no-gzip")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=_clean_env())
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if not line.startswith("PORT "):
            self.proc.kill()
            raise RuntimeError(f"the simulated web did not start: {line!r}")
        self.base = f"http://127.0.0.1:{int(line.split()[1])}"
        self._http = build_opener(ProxyHandler({}))

    def call(self, path: str, method: str = "GET") -> Any:
        with self._http.open(Request(self.base + path, method=method, data=b"" if method == "POST" else None),
                             timeout=60) as response:
            return json.loads(response.read())

    def cpu(self) -> float:
        import psutil

        times = psutil.Process(self.proc.pid).cpu_times()
        return times.user + times.system

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def mutate_path(fraction: float, round_: int) -> str:
    return f"/__mutate?fraction={fraction}&seed={MUTATE_SEED + round_}"


def steady_rounds(rounds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The warm rounds after the first. The first warm round after the cold pass is watcher's learning round: each
    pricing page is met a second time and its template learned (skim.py), once in a watch's life (and after an
    upgrade). It is reported on its own; the rounds after it are the warm pass a running daemon makes."""
    return rounds[1:] or rounds


def warm_summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The median steady round stands for "warm" (of an even number, the dearer middle one); every round, the
    learning round too, must pass the correctness and 304 checks."""
    ranked = sorted(steady_rounds(rounds), key=lambda p: p["cpu_ms_per_check"])
    return {"warm": ranked[len(ranked) // 2], "warm_rounds": rounds}


def expected_verbs(counts: dict[str, int], changed: dict[str, list[int]] | None) -> dict[str, Any]:
    """What a correct monitor reports on a pass: everything is new on the cold one."""
    n_changed = {k: len((changed or {}).get(k, [])) for k in KINDS}
    return {"changed_sites": sum(n_changed.values()), "changed_by_kind": n_changed,
            "unchanged_feeds_and_boards": counts["feed"] + counts["board"] - n_changed["feed"] - n_changed["board"]}


def server_summary(stats: dict[str, dict[str, int]]) -> dict[str, Any]:
    kinds = {k: stats.get(k, {}) for k in (*KINDS, "robots")}
    return {
        "wire_bytes": sum(c.get("wire_bytes", 0) for c in kinds.values()),
        "body_bytes": sum(c.get("body_bytes", 0) for c in kinds.values()),
        "requests": sum(c.get("requests", 0) for c in kinds.values()),
        "not_modified": {k: kinds[k].get("s304", 0) for k in KINDS},
        "ok": {k: kinds[k].get("s200", 0) for k in KINDS},
    }


def peak_rss_mb() -> float:
    """This process's peak resident set. VmHWM rather than ru_maxrss: Linux carries ru_maxrss over fork and
    exec, so a child would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 2**20)


# ---------------------------------------------------------------------------------------------------
# watcher's side: the real check path (Fetcher + Checker.run_pass) on a fresh SQLite database
# ---------------------------------------------------------------------------------------------------

def configure_logging(level: str, path: Path) -> None:
    import logging

    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def run_ours(args: argparse.Namespace, server: Server, counts: dict[str, int], tmp: Path,
             uw: Urlwatch | None = None) -> dict[str, Any]:
    """watcher's passes; with ``uw``, urlwatch's pass over the same change runs next to each of them."""
    from sqlalchemy import select

    from watcher.accounts import follow
    from watcher.clock import SystemClock
    from watcher.config import settings_from_dict
    from watcher.daemon import collect_less_often
    from watcher.fetch import Fetcher
    from watcher.pipeline.check import Checker
    from watcher.store.db import Store
    from watcher.store.models import WatchRow
    from watcher.watches import WatchSpec

    configure_logging(args.log_level, tmp / "watcher.log")
    collect_less_often()  # as `watcher run` and `watcher check` do
    settings = settings_from_dict({
        "fetch": {"allow_networks": ["127.0.0.0/8"], "per_host_interval": 0, "per_host_concurrency": 1000,
                  "concurrency": args.concurrency * 2},
        "news": {"google_news": False},
        "schedule": {"concurrency": args.concurrency},
    }, source="bench", base_dir=tmp)
    store = Store(f"sqlite:///{tmp / 'watcher.db'}")
    clock = SystemClock()
    n = sum(counts.values())

    started = time.perf_counter()
    specs: list[list[Any]] = [[] for _ in range(args.accounts)]
    for kind in KINDS:
        for i in range(counts[kind]):
            options = {"own": True} if kind == "feed" else {}
            specs[owner_of(kind, i, counts, args.accounts)].append(
                WatchSpec(kind=WATCH_KIND[kind], target=server.base + site_path(kind, i), options=options))
    for start in range(0, args.accounts, 50):
        with store.session() as session:
            for a in range(start, min(start + 50, args.accounts)):
                name = company_name(a)
                follow(session, f"{slug(name)}.example.com", name=name, now=clock.now(), settings=settings,
                       specs=specs[a])
    setup_s = time.perf_counter() - started
    with store.session() as session:
        watch_ids = [(i, kind) for i, kind in session.execute(select(WatchRow.id, WatchRow.kind).order_by(WatchRow.id))]

    async def measured(checker: Checker, fetcher: Fetcher, label: str, kinds: list[str] | None = None,
                       profile: str | None = None) -> dict[str, Any]:
        server.call("/__stats?reset=1")
        gc.collect()
        before = (fetcher.stats.requests, fetcher.stats.bytes_received, fetcher.stats.not_modified)
        srv_cpu = server.cpu()
        profiler: Any = None
        if profile == "cprofile":
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        elif profile == "pyinstrument":
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005, async_mode="disabled")
            profiler.start()
        chunks: list[list[int]] = []
        if args.batch:  # the daemon's way: a claim of `batch` watches per tick (ids taken outside the timing)
            ids = [i for i, kind in watch_ids if kinds is None or kind in kinds]
            chunks = [ids[k:k + args.batch] for k in range(0, len(ids), args.batch)]
        cpu0, wall0 = time.process_time(), time.perf_counter()
        if chunks:
            outcomes = []
            for chunk in chunks:
                outcomes += await checker.run_pass(ids=chunk, force=True, limit=len(chunk))
        else:
            outcomes = await checker.run_pass(force=True, limit=n, kinds=kinds)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        if profiler is not None:
            if profile == "cprofile":
                profiler.disable()
            else:
                profiler.stop()
        srv_cpu = server.cpu() - srv_cpu
        checks = len(outcomes)
        verbs = Counter(o.verb for o in outcomes)
        errors = [f"{o.kind} {o.target}: {o.error}" for o in outcomes if o.verb == "error"][:3]
        result = {
            "label": label, "checks": checks, "wall_s": wall, "checks_per_s": checks / wall if wall else 0.0,
            "cpu_s": cpu, "cpu_ms_per_check": 1000 * cpu / checks if checks else 0.0, "peak_rss_mb": peak_rss_mb(),
            "requests": fetcher.stats.requests - before[0], "bytes_fetched": fetcher.stats.bytes_received - before[1],
            "not_modified": fetcher.stats.not_modified - before[2], "verbs": dict(verbs),
            "signals": sum(len(o.signals) for o in outcomes), "errors_sample": errors,
            "server": server_summary(server.call("/__stats")), "server_cpu_s": srv_cpu,
        }
        result["share_304"] = result["not_modified"] / checks if checks else 0.0
        if profiler is not None:
            result["profile"] = write_profile(profile or "", profiler, args, n)
        return result

    async def passes() -> dict[str, Any]:
        out: dict[str, Any] = {"setup_s": setup_s}
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            checker = Checker(store, settings, fetcher, clock, "bench")
            out["cold"] = await measured(checker, fetcher, "cold")
            out["cold"]["expected"] = expected_verbs(counts, None)
            if uw:
                uw.cold()
            rounds = []
            for r in range(args.rounds):
                changed = server.call(mutate_path(args.change, r), "POST")
                theirs = uw.mutate(args.change, r) if uw else {}
                if uw and r % 2:  # who goes first alternates, so that neither always runs on a cooler machine
                    uw.warm(r, theirs)
                rounds.append(await measured(checker, fetcher, f"warm {r + 1}"))
                rounds[-1]["expected"] = expected_verbs(counts, changed)
                if uw and not r % 2:
                    uw.warm(r, theirs)
            out.update(warm_summary(rounds))
            if args.breakdown:  # steady state (nothing changed since the last warm pass), one kind at a time
                out["steady"] = {}
                for kind in KINDS:
                    out["steady"][kind] = await measured(checker, fetcher, f"steady {WATCH_KIND[kind]}",
                                                         kinds=[WATCH_KIND[kind]])
                    if uw:
                        uw.steady(kind)
            out["peak_rss_mb"] = peak_rss_mb()
            if args.profile:  # one more warm round, profiled, kept out of the figures above
                server.call(mutate_path(args.change, args.rounds), "POST")
                out["profiled"] = await measured(checker, fetcher, "warm (profiled)", profile=args.profile)
        return out

    try:
        result = asyncio.run(passes())
    finally:
        store.dispose()
    import psutil

    result["rss_now_mb"] = psutil.Process().memory_info().rss / 2**20
    result["db_mb"] = sum(p.stat().st_size for p in tmp.glob("watcher.db*")) / 2**20
    return result


def write_profile(kind: str, profiler: Any, args: argparse.Namespace, n: int) -> str:
    if kind == "cprofile":
        import io
        import pstats

        path = args.profile_out or f"{tempfile.gettempdir()}/watcher-bench-warm-{n}.prof"
        profiler.dump_stats(path)
        for key, limit in (("tottime", 40), ("cumulative", 45)):
            buf = io.StringIO()
            pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats(key).print_stats(limit)
            print(f"\n--- cProfile of the warm pass, by {key} ---\n{buf.getvalue()}", flush=True)
        return path
    path = args.profile_out or f"{tempfile.gettempdir()}/watcher-bench-warm-{n}.txt"
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    Path(path).write_text(text)
    print(f"\n--- pyinstrument of the warm pass (wall clock; [select] is idle) ---\n{text}", flush=True)
    return path


# ---------------------------------------------------------------------------------------------------
# urlwatch's side: its own worker (thread pool, requests, minidb cache), in a child process
# ---------------------------------------------------------------------------------------------------

def urlwatch_child(spec_path: str) -> None:
    """urlwatch's job runner, one pass per command: a JSON line on stdin ({"pass": label, "kinds": [...] or
    null}, or {"quit": true}) answered by a JSON line on stdout. The parent changes the web between passes."""
    from urlwatch.handler import Report
    from urlwatch.jobs import UrlJob
    from urlwatch.storage import DEFAULT_CONFIG, CacheMiniDBStorage
    from urlwatch.worker import run_jobs

    spec = json.loads(Path(spec_path).read_text())
    # The protocol keeps its own copy of stdout; whatever urlwatch (or a C library) writes there goes to stderr.
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    http = build_opener(ProxyHandler({}))

    def call(path: str, method: str = "GET") -> Any:
        req = Request(spec["base"] + path, method=method, data=b"" if method == "POST" else None)
        with http.open(req, timeout=60) as response:
            return json.loads(response.read())

    cache = CacheMiniDBStorage(spec["cache"])
    every = [UrlJob(**job) for job in spec["jobs"]]
    watcher = SimpleNamespace(
        urlwatch_config=SimpleNamespace(tags=False, idx_set=frozenset(), joblist=[]),
        jobs=every, config_storage=SimpleNamespace(config=copy.deepcopy(DEFAULT_CONFIG)),
        cache_storage=cache, should_run=lambda _idx, job: job.is_enabled(),
    )

    def one_pass(label: str, jobs: list[Any]) -> dict[str, Any]:
        # urlwatch keeps whole-second timestamps and loads the newest snapshot by them: passes less than a
        # second apart would read a stale one (real runs are minutes apart).
        time.sleep(1.1)
        call("/__stats?reset=1")
        gc.collect()
        watcher.jobs = jobs
        watcher.report = Report(watcher)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        run_jobs(watcher)  # what `urlwatch` does per run, minus the reporters (no e-mail, no stdout diff)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        states = watcher.report.job_states
        checks = len(states)
        srv = server_summary(call("/__stats"))
        not_modified = sum(srv["not_modified"].values())
        return {
            "label": label, "checks": checks, "wall_s": wall, "checks_per_s": checks / wall if wall else 0.0,
            "cpu_s": cpu, "cpu_ms_per_check": 1000 * cpu / checks if checks else 0.0, "peak_rss_mb": peak_rss_mb(),
            "requests": srv["requests"], "bytes_fetched": srv["body_bytes"], "not_modified": not_modified,
            "share_304": not_modified / checks if checks else 0.0,
            "verbs": dict(Counter(s.verb for s in states)), "server": srv,
            "errors_sample": [str(s.exception)[:200] for s in states if s.verb == "error"][:3],
        }

    answer.write(json.dumps({"ready": True}) + "\n")  # imported and set up: the passes can start
    answer.flush()
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        kinds = command.get("kinds")
        jobs = every if kinds is None else [j for j, k in zip(every, spec["kinds"], strict=True) if k in kinds]
        answer.write(json.dumps(one_pass(command["pass"], jobs)) + "\n")
        answer.flush()
    cache.close()
    answer.write(json.dumps({"cache_mb": Path(spec["cache"]).stat().st_size / 2**20,
                             "peak_rss_mb": peak_rss_mb()}) + "\n")
    answer.close()


class Urlwatch:
    """urlwatch in a child process over its own copy of the simulated web, asked for one pass at a time, so
    that each of its passes runs next to watcher's over the same change: the machine's speed drifts by tens
    of percent within minutes, and a ratio of passes taken minutes apart measured the drift as much."""

    def __init__(self, args: argparse.Namespace, counts: dict[str, int], tmp: Path) -> None:
        self.server = Server(counts, args.accounts, not args.no_gzip)
        jobs, kinds = [], []
        for kind in KINDS:
            for i in range(counts[kind]):
                job: dict[str, Any] = {"url": self.server.base + site_path(kind, i)}
                if kind == "pricing":
                    job["filter"] = [{"css": ".plan-card"}, {"html2text": "re"}]
                jobs.append(job)
                kinds.append(kind)
        home = tmp / "urlwatch-home"
        home.mkdir()
        spec = {"base": self.server.base, "jobs": jobs, "kinds": kinds, "cache": str(tmp / "urlwatch-cache.db")}
        (tmp / "urlwatch-spec.json").write_text(json.dumps(spec))
        self.counts = counts
        self.result: dict[str, Any] = {"warm_rounds": [], "steady": {}}
        self._before = resource.getrusage(resource.RUSAGE_CHILDREN)
        self._wall0 = time.perf_counter()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--urlwatch-child", str(tmp / "urlwatch-spec.json")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_clean_env(str(home)), cwd=home)
            self._answer()  # its imports and setup done before watcher's setup and cold pass, not beside them
        except BaseException:
            self.stop()
            raise

    def _ask(self, command: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin
        try:
            self.proc.stdin.write(json.dumps(command) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError(f"the urlwatch child died (exit {self.proc.wait()})") from None
        return self._answer()

    def _answer(self) -> dict[str, Any]:
        assert self.proc.stdout
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the urlwatch child died (exit {self.proc.wait()})")
        result: dict[str, Any] = json.loads(line)
        return result

    def cold(self) -> None:
        self.result["cold"] = self._ask({"pass": "cold"}) | {"expected": expected_verbs(self.counts, None)}

    def mutate(self, fraction: float, round_: int) -> dict[str, list[int]]:
        changed: dict[str, list[int]] = self.server.call(mutate_path(fraction, round_), "POST")
        return changed

    def warm(self, round_: int, changed: dict[str, list[int]]) -> None:
        self.result["warm_rounds"].append(self._ask({"pass": f"warm {round_ + 1}"})
                                          | {"expected": expected_verbs(self.counts, changed)})

    def steady(self, kind: str) -> None:
        self.result["steady"][kind] = self._ask({"pass": f"steady {kind}", "kinds": [kind]})

    def finish(self) -> dict[str, Any]:
        """The passes' figures, the child's own (cache size, peak RSS) and its whole process CPU."""
        self.result |= self._ask({"quit": True})
        self.proc.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        before = self._before
        self.result["process_cpu_s"] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        self.result["process_wall_s"] = time.perf_counter() - self._wall0
        self.result.update(warm_summary(self.result["warm_rounds"]))
        return self.result

    def stop(self) -> None:
        proc = getattr(self, "proc", None)
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        self.server.stop()


# ---------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------

def _verbs(verbs: dict[str, int]) -> str:
    order = ("baseline", "new", "changed", "unchanged", "error")
    return " ".join(f"{v}={verbs[v]}" for v in order if verbs.get(v))


def _row(name: str, p: dict[str, Any]) -> str:
    srv = p.get("server", {})
    return (f"{name:<30}{p['checks']:>7}{p['wall_s']:>8.1f}{p['checks_per_s']:>8.0f}{p['cpu_ms_per_check']:>8.2f}"
            f"{p['peak_rss_mb']:>8.0f}{p['bytes_fetched'] / 1e6:>9.1f}{srv.get('wire_bytes', 0) / 1e6:>9.1f}"
            f"{100 * p['share_304']:>5.0f}%  {_verbs(p['verbs'])}")


def _not_modified_ok(p: dict[str, Any], counts: dict[str, int]) -> tuple[bool, str]:
    changed = p["expected"]["changed_by_kind"]
    got = p["server"]["not_modified"]
    want = {k: counts[k] - changed[k] for k in ("feed", "board")}
    ok = all(got[k] == want[k] for k in want) and p["not_modified"] == sum(want.values())
    return ok, f"feeds {got['feed']}/{want['feed']}, boards {got['board']}/{want['board']}"


def warm_ratios(ours: dict[str, Any], uw: dict[str, Any]) -> list[float]:
    """urlwatch ÷ watcher CPU per check, round by round (the learning round first): each pair ran side by side
    over the same change."""
    return [b["cpu_ms_per_check"] / a["cpu_ms_per_check"] if a["cpu_ms_per_check"] else 0.0
            for a, b in zip(ours["warm_rounds"], uw["warm_rounds"], strict=True)]


def warm_ratio(ratios: list[float]) -> float:
    """The median ratio of the steady rounds (of an even number, the lower middle one)."""
    return statistics.median_low(ratios[1:] or ratios)


def _rounds_said(rounds: int) -> str:
    if rounds == 1:
        return "1 round"
    return f"{rounds} rounds: the first is watcher's learning round, " + (
        "the median of the others shown" if rounds > 2 else "the second shown")


def _rounds_text(values: list[str]) -> str:
    """"median of steady rounds b, c, d; learning round a" (or the one round)."""
    if len(values) == 1:
        return values[0]
    steady = f"median of steady rounds {', '.join(values[1:])}" if len(values) > 2 else f"steady round {values[1]}"
    return f"{steady}; learning round {values[0]}"


def targets(n: int, ours: dict[str, Any], uw: dict[str, Any] | None, counts: dict[str, int]) -> list[dict[str, Any]]:
    warm = ours["warm"]
    out = []
    cpu = warm["cpu_ms_per_check"]
    spread = _rounds_text([f"{p['cpu_ms_per_check']:.2f}" for p in ours["warm_rounds"]])
    out.append({"target": f"warm mixed pass <= {TARGETS['cpu_ms_per_check']:g} ms CPU per check (incl. DB writes)",
                "ok": cpu <= TARGETS["cpu_ms_per_check"],
                "value": f"{cpu:.2f} ms" + (f" ({spread})" if len(ours["warm_rounds"]) > 1 else "")})
    if uw is not None:
        ratios = warm_ratios(ours, uw)
        ratio = warm_ratio(ratios)
        pairs = ", ".join(f"{b['cpu_ms_per_check']:.2f}/{a['cpu_ms_per_check']:.2f}"
                          for a, b in zip(ours["warm_rounds"], uw["warm_rounds"], strict=True))
        out.append({"target": f">= {TARGETS['urlwatch_ratio']:g}x cheaper than urlwatch (warm CPU per check)",
                    "ok": ratio >= TARGETS["urlwatch_ratio"],
                    "value": f"{ratio:.2f}x" + (f" ({_rounds_text([f'{x:.2f}' for x in ratios])}; "
                                                f"urlwatch/watcher ms {pairs})" if len(ratios) > 1 else
                                                f" ({pairs} ms)")})
    rss = ours["peak_rss_mb"]
    note = "" if n >= 10_000 else f" (target is for 10,000 watches; this run has {n:,})"
    out.append({"target": f"< {TARGETS['rss_mb_at_10k']:g} MB peak RSS at 10,000 watches", "value": f"{rss:.0f} MB"
                + note, "ok": rss < TARGETS["rss_mb_at_10k"]})
    verdicts = [_not_modified_ok(p, counts) for p in ours["warm_rounds"]]
    out.append({"target": "a 304 for every unchanged feed and board (every warm pass)",
                "ok": all(ok for ok, _ in verdicts), "value": "; ".join(text for _, text in verdicts)})
    return out


def correctness(p: dict[str, Any], counts: dict[str, int]) -> str:
    """Did the pass report what changed, and only that?"""
    exp = p["expected"]
    by = exp["changed_by_kind"]
    verbs = p["verbs"]
    reported = verbs.get("new", 0) + verbs.get("changed", 0)
    return (f"{p['label']}: {reported} reported new/changed for {exp['changed_sites']} changed sites "
            f"(feeds {by['feed']}, boards {by['board']}, pricing {by['pricing']}); "
            f"unchanged {verbs.get('unchanged', 0)} of {sum(counts.values()) - exp['changed_sites']}; "
            f"errors {verbs.get('error', 0)}")


def report(args: argparse.Namespace, counts: dict[str, int], ours: dict[str, Any], uw: dict[str, Any] | None,
           total_s: float) -> None:
    n = sum(counts.values())
    checks = targets(n, ours, uw, counts)

    def side(data: dict[str, Any]) -> dict[str, Any]:
        return {"cold": _slim(data["cold"]), "warm": _slim(data["warm"]),
                "warm_1": _slim(data["warm_rounds"][0]) if len(data["warm_rounds"]) > 1 else None,  # learning
                "warm_rounds_cpu_ms_per_check": [p["cpu_ms_per_check"] for p in data["warm_rounds"]],
                "steady": {WATCH_KIND[k]: _slim(v) for k, v in data.get("steady", {}).items()},
                "peak_rss_mb": data["peak_rss_mb"]}

    summary = {
        "bench": "check_throughput", "watches": n, "sites": counts, "accounts": args.accounts,
        "gzip": not args.no_gzip, "log_level": args.log_level, "concurrency": args.concurrency,
        "rounds": args.rounds, "change": args.change, "batch": args.batch,
        "ours": side(ours) | {"setup_s": ours["setup_s"], "db_mb": ours["db_mb"]},
        "urlwatch": None if uw is None else side(uw) | {"process_cpu_s": uw["process_cpu_s"],
                                                        "process_wall_s": uw["process_wall_s"]},
        "ratio_warm_cpu": warm_ratio(warm_ratios(ours, uw)) if uw else None,
        "ratio_warm_rounds": warm_ratios(ours, uw) if uw else None,
        "ratio_cold_cpu": (uw["cold"]["cpu_ms_per_check"] / ours["cold"]["cpu_ms_per_check"]) if uw else None,
        "targets": [{"target": c["target"], "pass": c["ok"], "value": c["value"]} for c in checks],
        "total_s": total_s, "python": sys.version.split()[0], "cpus": os.cpu_count(),
        "loadavg_start": args.loadavg_start, "loadavg_end": os.getloadavg()[0],
    }
    if not args.json:
        print(f"\nwatcher check throughput: {n:,} watches = {counts['pricing']:,} pricing pages + {counts['feed']:,} "
              f"RSS feeds + {counts['board']:,} Greenhouse boards, {args.accounts} accounts; "
              f"{'gzip' if not args.no_gzip else 'identity'} bodies; {args.change:.0%} of sites changed before each "
              f"warm pass ({_rounds_said(args.rounds)}); check concurrency "
              f"{args.concurrency}; {f'claims of {args.batch}' if args.batch else 'one claim per pass'}; watcher log "
              f"level {args.log_level}")
        print(f"setup: {n:,} watches created through follow()/ensure_watch in {ours['setup_s']:.1f} s\n")
        print(f"{'pass':<30}{'checks':>7}{'wall s':>8}{'chk/s':>8}{'CPU ms':>8}{'RSS MB':>8}{'body MB':>9}"
              f"{'wire MB':>9}{'304':>6}  verbs")
        print("-" * 118)
        for who, data in (("watcher", ours), ("urlwatch", uw)):
            if data is None:
                continue
            print(_row(f"{who} cold", data["cold"]))
            if len(data["warm_rounds"]) > 1:  # urlwatch learns nothing: its first round is paired with watcher's
                print(_row(f"{who} warm 1" + (" (learning)" if who == "watcher" else ""), data["warm_rounds"][0]))
            print(_row(f"{who} warm" + (" (median)" if len(data["warm_rounds"]) > 2 else ""), data["warm"]))
            for kind, p in data.get("steady", {}).items():
                print(_row(f"{who} steady {WATCH_KIND[kind]}", p))
        print("\nCPU ms = CPU (user+sys, all threads) of the checking process per check; RSS MB = that process's peak "
              "resident set so far;\nbody MB = decoded bytes; wire MB = bytes the server sent; steady = a pass over "
              "one kind with nothing changed.")
        for who, data in (("watcher", ours), ("urlwatch", uw)):
            if data and len(data["warm_rounds"]) > 1:
                print(f"{who} warm rounds CPU ms/check: "
                      + ", ".join(f"{p['cpu_ms_per_check']:.2f}" for p in data["warm_rounds"]))
        print(f"watcher: database {ours['db_mb']:.1f} MB, peak RSS {ours['peak_rss_mb']:.0f} MB; simulated web CPU "
              f"cold {ours['cold']['server_cpu_s']:.1f} s / warm {ours['warm']['server_cpu_s']:.1f} s "
              "(its own process, not counted)")
        if uw:
            print(f"urlwatch child process: {uw['process_cpu_s']:.1f} s CPU in all (imports included), "
                  f"{uw['process_wall_s']:.1f} s wall, peak RSS {uw['peak_rss_mb']:.0f} MB, cache "
                  f"{uw['cache_mb']:.1f} MB")
            print(f"urlwatch ÷ watcher CPU per check: cold {summary['ratio_cold_cpu']:.2f}x, warm "
                  f"{summary['ratio_warm_cpu']:.2f}x (side-by-side ratios of the rounds, "
                  + _rounds_text([f"{x:.2f}" for x in summary["ratio_warm_rounds"]]) + ")")
        print("\ncorrectness (a correct monitor reports exactly the changed sites):")
        for who, data in (("watcher ", ours), ("urlwatch", uw)):
            for p in (data or {}).get("warm_rounds", []):
                print(f"  {who} {correctness(p, counts)}")
        for who, data in (("watcher", ours), ("urlwatch", uw)):
            for p in [data["cold"], *data["warm_rounds"]] if data else []:
                for err in p.get("errors_sample", []):
                    print(f"  {who} {p['label']} error sample: {err}")
        print("\ntargets:")
        for c in checks:
            print(f"  {'PASS' if c['ok'] else 'MISS'}  {c['target']}: {c['value']}")
        print(f"\ntotal run time {total_s:.1f} s on {os.cpu_count()} CPUs; load average {args.loadavg_start:.1f} at "
              f"the start, {summary['loadavg_end']:.1f} at the end (other work on the machine skews CPU figures too)")
    print(json.dumps(summary, separators=(",", ":")), flush=True)


def _slim(p: dict[str, Any]) -> dict[str, Any]:
    keys = ("checks", "wall_s", "checks_per_s", "cpu_s", "cpu_ms_per_check", "peak_rss_mb", "bytes_fetched",
            "requests", "not_modified", "share_304", "verbs", "signals", "server_cpu_s")
    out = {k: p[k] for k in keys if k in p}
    out["wire_bytes"] = p.get("server", {}).get("wire_bytes")
    return out


# ---------------------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--watches", type=int, default=1000, help="watches in all, split in thirds (default 1000)")
    ap.add_argument("--accounts", type=int, help="accounts the watches belong to (default: N/4 within 100..500)")
    ap.add_argument("--change", type=float, default=0.1, help="share of sites changed before the warm pass")
    ap.add_argument("--rounds", type=int, help="warm rounds (change, then check); the first is watcher's learning "
                    "round, reported apart, and the median of the others is the warm pass (default: 5 up to 2,000 "
                    "watches, else 3; with 1, that round is all there is)")
    ap.add_argument("--batch", type=int, default=0,
                    help="claim this many watches per run_pass, as the daemon's ticks do ([schedule] batch, 500 by "
                    "default); 0 (the default) checks all N in one run_pass(limit=N)")
    ap.add_argument("--concurrency", type=int, default=32, help="checks in flight ([schedule] concurrency)")
    ap.add_argument("--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING"),
                    help="watcher's log level (the daemon's default is INFO), logged to a file in the temp dir")
    ap.add_argument("--no-gzip", action="store_true", help="serve identity bodies instead of gzip")
    ap.add_argument("--no-urlwatch", action="store_true", help="skip the urlwatch comparison")
    ap.add_argument("--no-breakdown", dest="breakdown", action="store_false",
                    help="skip the per-kind steady passes after the warm pass")
    ap.add_argument("--profile", choices=("cprofile", "pyinstrument"),
                    help="profile one extra warm round of watcher's (kept out of the figures; the profiler slows it)")
    ap.add_argument("--profile-out", help="where the profile goes (default: the system temp dir)")
    ap.add_argument("--json", action="store_true", help="print only the JSON summary line")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (database, logs, urlwatch cache)")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--sites", help=argparse.SUPPRESS)
    ap.add_argument("--urlwatch-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.accounts is None:
        args.accounts = default_accounts(args.watches)
    if args.rounds is None:
        args.rounds = 5 if args.watches <= 2000 else 3
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve:
        counts = dict(zip(KINDS, (int(x) for x in args.sites.split(",")), strict=True))
        asyncio.run(serve(counts, args.accounts, not args.no_gzip))
        return 0
    if args.urlwatch_child:
        urlwatch_child(args.urlwatch_child)
        return 0
    if args.watches < 3:
        raise SystemExit("--watches must be at least 3")
    counts = split_watches(args.watches)
    args.loadavg_start = os.getloadavg()[0]
    started = time.perf_counter()
    tmp_dir = tempfile.mkdtemp(prefix="watcher-bench-")
    tmp = Path(tmp_dir)
    server = Server(counts, args.accounts, not args.no_gzip)
    urlwatch, uw = None, None
    try:
        urlwatch = None if args.no_urlwatch else Urlwatch(args, counts, tmp)
        ours = run_ours(args, server, counts, tmp, urlwatch)
        if urlwatch:
            uw = urlwatch.finish()
    finally:
        server.stop()
        if urlwatch:
            urlwatch.stop()
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            _rmtree(tmp)
    report(args, counts, ours, uw, time.perf_counter() - started)
    return 0


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
