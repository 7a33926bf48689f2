"""`greenhouse`: a company's public Greenhouse job board (boards API, jobs with content).

The target is the board token (``acme`` for boards.greenhouse.io/acme) or a full API URL.
Each posting id is an item; the core decides which are new. A posting whose title reads as a
leadership role becomes a ``key_hire`` signal; full title interpretation (seniority and
department from messy real titles), re-post detection and surges come with the key-hire issue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from watcher.domain import Item, Observation, Signal, WatchContext
from watcher.errors import ParseError
from watcher.registry import register_source
from watcher.sourcekind import Source

API = "https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true"
LEADERSHIP = re.compile(r"\b(?:chief|c[erfmot]o|vp|vice[\s-]president|head of|director|founding)\b", re.I)


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


@register_source("greenhouse")
class GreenhouseBoard(Source):
    family = "items"
    page = False
    signal_kind = "key_hire"

    def url(self, watch: WatchContext) -> str:
        return watch.target if watch.target.startswith(("http://", "https://")) else API.format(token=watch.target)

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": "application/json"}

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParseError(f"the board did not answer JSON: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
            raise ParseError("the board's JSON has no 'jobs' list")
        items = []
        for job in data["jobs"]:
            if not isinstance(job, dict) or "id" not in job or not job.get("title"):
                continue
            location = (job.get("location") or {}).get("name") if isinstance(job.get("location"), dict) else None
            departments = [d.get("name") for d in job.get("departments") or [] if isinstance(d, dict)]
            items.append(Item(
                id=str(job["id"]), title=str(job["title"]).strip(), url=job.get("absolute_url"),
                published_at=_when(job.get("first_published") or job.get("updated_at")),
                data={"location": location, "departments": departments},
            ))
        return Observation(items=tuple(items))

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        account = watch.account
        if account is None:
            return []
        return [Signal(
            kind="key_hire", account=account.name, account_domain=account.domain,
            title=f"{account.name} is hiring: {item.title}", url=item.url, occurred_at=item.published_at,
            detected_at=now, source=self.kind, dedup_key=f"key_hire:{account.domain}:greenhouse:{item.id}",
            facts={"job_title": item.title, "location": item.data.get("location"),
                   "department": (item.data.get("departments") or [None])[0], "event": "opened",
                   "posted_at": item.published_at.isoformat() if item.published_at else None},
            evidence=item.title,
        ) for item in items if LEADERSHIP.search(item.title)]
