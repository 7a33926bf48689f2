"""Local stand-ins for Slack and an SMTP server, for the demo and the tests.

SlackSink speaks enough of the Slack Web API (chat.postMessage, users.lookupByEmail) and of
incoming webhooks for the real slack_sdk client, and can be scripted to answer 429 with
Retry-After, 500, ``ok: false`` errors or drop the connection. MailSink is a real SMTP server
(aiosmtpd) on loopback that can refuse a recipient or answer 421 before accepting.
Both run in their own thread, so synchronous callers and event loops can use them alike.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiohttp import web
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass(slots=True)
class SlackPost:
    channel: str
    text: str
    blocks: list[dict[str, Any]]
    token: str | None


@dataclass(slots=True)
class SlackSink:
    """A Slack-compatible HTTP server on 127.0.0.1. ``script`` holds the next answers:
    "ok", ("429", seconds), "500", ("error", "channel_not_found"), "drop", ("slow", seconds)."""

    users: dict[str, str] = field(default_factory=dict)
    posts: list[SlackPost] = field(default_factory=list)
    script: deque[Any] = field(default_factory=deque)
    requests: int = 0
    port: int = 0
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _runner: web.AppRunner | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/services/T000/B000/XXXXSECRETXXXX"

    async def _scripted(self, request: web.Request) -> web.StreamResponse | None:
        self.requests += 1
        step = self.script.popleft() if self.script else "ok"
        if isinstance(step, tuple) and step[0] == "slow":
            await asyncio.sleep(float(step[1]))
            return None
        if step == "ok":
            return None
        if step == "500":
            return web.Response(status=500, text="<html>internal error</html>", content_type="text/html")
        if step == "drop":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=500)
        kind, value = tuple(step)
        if kind == "429":
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": str(value)})
        return web.json_response({"ok": False, "error": value})

    async def _post(self, request: web.Request) -> web.StreamResponse:
        failure = await self._scripted(request)
        if failure is not None:
            return failure
        body = await _body(request)
        blocks = body.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        self.posts.append(SlackPost(channel=str(body.get("channel", "")), text=str(body.get("text", "")),
                                    blocks=blocks, token=token))
        return web.json_response({"ok": True, "channel": body.get("channel"), "ts": f"{len(self.posts)}.000"})

    async def _webhook(self, request: web.Request) -> web.StreamResponse:
        failure = await self._scripted(request)
        if failure is not None:
            return failure
        body = await request.json()
        self.posts.append(SlackPost(channel="webhook", text=str(body.get("text", "")),
                                    blocks=body.get("blocks") or [], token=None))
        return web.Response(text="ok")

    async def _lookup(self, request: web.Request) -> web.StreamResponse:
        email = (await _body(request)).get("email") or request.query.get("email")
        if email in self.users:
            return web.json_response({"ok": True, "user": {"id": self.users[email]}})
        return web.json_response({"ok": False, "error": "users_not_found"})

    def start(self) -> SlackSink:
        ready = threading.Event()

        def serve() -> None:
            loop = self._loop = asyncio.new_event_loop()
            app = web.Application()
            app.add_routes([web.post("/api/chat.postMessage", self._post),
                            web.post("/api/users.lookupByEmail", self._lookup),
                            web.get("/api/users.lookupByEmail", self._lookup),
                            web.post("/services/{a}/{b}/{c}", self._webhook)])
            self._runner = web.AppRunner(app, access_log=None)
            loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", self.port)
            loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=serve, name="slack-sink", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None


async def _body(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        data = await request.json()
        return data if isinstance(data, dict) else {}
    return dict(await request.post())


class _Handler:
    def __init__(self, sink: MailSink) -> None:
        self.sink = sink

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,  # noqa: N802
                          options: list[str]) -> str:
        if address in self.sink.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        if self.sink.busy > 0:
            self.sink.busy -= 1
            return "421 4.3.0 try again later"
        raw = envelope.original_content or b""
        for rcpt in envelope.rcpt_tos:
            msg = message_from_bytes(raw, policy=policy.default)
            assert isinstance(msg, EmailMessage)
            self.sink.messages.append((rcpt, msg))
        return "250 Message accepted"


class MailSink:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it accepts."""

    def __init__(self, port: int = 0) -> None:
        self.messages: list[tuple[str, EmailMessage]] = []
        self.refuse: set[str] = set()
        self.busy = 0  # answer 421 to this many DATA commands first
        self.port = port or _free_port()
        self._controller: Controller | None = None

    def start(self) -> MailSink:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
