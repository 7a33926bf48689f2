"""The simulated web of the demo: a small aiohttp server on 127.0.0.1 that follows the script.

Feeds answer conditional requests (ETag) like real publishers do, so the demo exercises 304s.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

from watcher.demo.script import POSTINGS, POSTS, PRICING, REVIEWS, STORIES, TESTIMONIALS, Story


def rss(title: str, stories: list[tuple[Story, datetime]], base: str) -> str:
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{base}/story/{s.guid}</link>"
        f"<guid isPermaLink=\"false\">{s.guid}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{escape(s.summary)}</description></item>"
        for s, when in sorted(stories, key=lambda sw: (sw[1], sw[0].guid), reverse=True)
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>{base}/</link><description>demo</description>{items}</channel></rss>")


class DemoWeb:
    """Serves the world as it is at ``step``; ``advance()`` moves the script on."""

    def __init__(self) -> None:
        self._step = 0
        self._published: dict[int, datetime] = {0: datetime.now(UTC) - timedelta(days=7)}
        self.requests = 0
        self._runner: web.AppRunner | None = None
        self.base = ""

    @property
    def step(self) -> int:
        return self._step

    @step.setter
    def step(self, value: int) -> None:
        """Stories of a step are dated when the step begins (step 0 is last week's back catalogue)."""
        self._step = value
        self._published.setdefault(value, datetime.now(UTC))

    def visible(self, feed: str) -> list[tuple[Story, datetime]]:
        return [(s, self._published[s.step]) for s in STORIES if s.feed == feed and s.step <= self._step]

    def _reply(self, request: web.Request, body: str, content_type: str) -> web.Response:
        self.requests += 1
        etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(text=body, content_type=content_type, headers={"ETag": etag})

    async def feed(self, request: web.Request) -> web.Response:
        slug = request.match_info["slug"]
        return self._reply(request, rss(f"{slug} blog", self.visible(slug), self.base), "application/rss+xml")

    async def search(self, request: web.Request) -> web.Response:
        """A Google-News-like search feed over the wire: items whose title holds a quoted query term."""
        terms = [t.strip('" ').lower() for t in request.query.get("q", "").split(" OR ")]
        hits = [sw for sw in self.visible("wire") if any(t and t in sw[0].title.lower() for t in terms)]
        return self._reply(request, rss("search", hits, self.base), "application/rss+xml")

    async def board(self, request: web.Request) -> web.Response:
        """A Greenhouse-style job board (boards API envelope)."""
        slug = request.match_info["slug"]
        jobs = [{"id": p.id, "title": p.title, "location": {"name": p.location},
                 "absolute_url": f"{self.base}/jobs/{p.id}", "departments": [{"id": 1, "name": p.department}],
                 "updated_at": self._published[p.step].isoformat(), "first_published": self._published[p.step]
                 .isoformat()} for p in POSTINGS if p.board == slug and p.step <= self._step]
        return self._reply(request, json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}), "application/json")

    async def pricing(self, request: web.Request) -> web.Response:
        """A pricing page that, like real ones, changes a token, a timestamp and a testimonial on every load."""
        slug = request.match_info["slug"]
        plans = [p for s, start, p in PRICING if s == slug and start <= self._step][-1]
        cards = "".join(f'<div class="plan"><h2>{name}</h2><p class="price">{price or "Contact sales"}'
                        f'{"<span>/seat/month</span>" if price else ""}</p><a href="/signup">Start</a></div>'
                        for name, price in plans)
        self.requests += 1
        body = (f'<html><head><meta name="csrf-token" content="{secrets.token_hex(16)}"></head><body>'
                f"<nav>Home Pricing Login</nav><main><h1>Pricing</h1>"
                f"<p>Updated {datetime.now(UTC).isoformat(timespec='seconds')}</p><section>{cards}</section>"
                f'<section class="testimonials"><blockquote>{secrets.choice(TESTIMONIALS)}</blockquote></section>'
                f"</main><footer>© 2026</footer></body></html>")
        return web.Response(text=body, content_type="text/html")

    async def reviews(self, request: web.Request) -> web.Response:
        """A G2-style review page of the competitor: schema.org Review nodes as JSON-LD, newest first."""
        nodes = []
        for r in sorted((r for r in REVIEWS if r.step <= self._step), key=lambda r: r.id, reverse=True):
            author: dict[str, object] = {"@type": "Person", "name": r.author}
            if r.company:
                author["worksFor"] = {"@type": "Organization", "name": r.company, "industry": r.industry,
                                      "numberOfEmployees": {"@type": "QuantitativeValue", "minValue": r.size[0],
                                                            "maxValue": r.size[1]} if r.size else None}
            nodes.append({"@type": "Review", "url": f"{self.base}/reviews/initech/{r.id}", "name": r.title,
                          "datePublished": self._published[r.step].date().isoformat(), "author": author,
                          "reviewRating": {"@type": "Rating", "ratingValue": str(r.rating), "bestRating": "5"},
                          "reviewBody": r.body})
        data = {"@context": "https://schema.org", "@type": "SoftwareApplication", "name": "Initech CRM",
                "review": nodes}
        body = (f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head>'
                f"<body><h1>Initech CRM reviews</h1></body></html>")
        return self._reply(request, body, "text/html")

    async def reddit(self, request: web.Request) -> web.Response:
        """Reddit's search feed (Atom) for the competitor."""
        entries = "".join(
            f"<entry><author><name>/u/demo_user</name></author><id>{pid}</id>"
            f'<link href="{self.base}/r/crm/comments/{pid}/"/><updated>{self._published[step].isoformat()}</updated>'
            f"<title>{escape(title)}</title><content type=\"html\">{escape('<p>' + text + '</p>')}</content></entry>"
            for step, pid, title, text in POSTS if step <= self._step)
        body = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>reddit.com: search results - initech</title><id>{self.base}/reddit</id>"
                f"<updated>{datetime.now(UTC).isoformat()}</updated>{entries}</feed>")
        return self._reply(request, body, "application/atom+xml")

    async def robots(self, request: web.Request) -> web.Response:
        return web.Response(text="User-agent: *\nDisallow: /private/\n")

    async def start(self) -> str:
        app = web.Application()
        app.add_routes([web.get("/feeds/{slug}.xml", self.feed), web.get("/search", self.search),
                        web.get("/boards/{slug}.json", self.board), web.get("/pricing/{slug}", self.pricing),
                        web.get("/reviews/initech", self.reviews), web.get("/reddit/search", self.reddit),
                        web.get("/robots.txt", self.robots)])
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{port}"
        return self.base

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()
