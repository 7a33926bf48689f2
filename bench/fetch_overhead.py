"""What the fetcher's layers cost per request, against aiohttp alone, over the same loopback server.

A warm pass is mostly 304s, so a request's CPU is a large share of it. This serves one tiny aiohttp app
(304 to a matching If-None-Match) in a child process and sends it N conditional GETs, 32 in flight, three ways:
aiohttp's client alone, httpx-aiohttp's transport called with an httpx.Request, and watcher's Fetcher.get (the
guard, politeness, headers, httpx and the transport). It prints CPU milliseconds per request for each.

    .venv/bin/python bench/fetch_overhead.py [--requests 3000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

IN_FLIGHT = 32


def serve(listening: socket.socket) -> None:
    from aiohttp import web

    async def handler(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"ETag": '"v1"'})
        return web.Response(body=b"x" * 1000, headers={"ETag": '"v1"'})

    app = web.Application()
    app.router.add_get("/{path:.*}", handler)
    web.run_app(app, sock=listening, print=None, access_log=None)


async def timed(one: Callable[[int], Awaitable[object]], n: int) -> float:
    """CPU ms per request of ``n`` requests, after 200 that open the connections."""
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def bounded(i: int) -> object:
        async with gate:
            return await one(i)

    await asyncio.gather(*(bounded(i) for i in range(200)))
    cpu = time.process_time()
    await asyncio.gather(*(bounded(i) for i in range(n)))
    return (time.process_time() - cpu) / n * 1000


async def with_aiohttp(base: str, n: int) -> float:
    import aiohttp

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2 * IN_FLIGHT)) as session:
        async def one(i: int) -> int:
            async with session.get(f"{base}/f{i % 300}", headers={"If-None-Match": '"v1"'}) as response:
                await response.read()
                return response.status

        return await timed(one, n)


def fetcher_settings() -> object:
    from watcher.config import settings_from_dict

    return settings_from_dict({"fetch": {"allow_networks": ["127.0.0.0/8"], "per_host_interval": 0,
                                         "per_host_concurrency": 1000, "concurrency": 2 * IN_FLIGHT}},
                              source="bench", base_dir=Path("/tmp")).fetch


async def with_transport(base: str, n: int) -> float:
    import httpx

    from watcher.clock import SystemClock
    from watcher.fetch import _NO_BODY, Fetcher

    async with Fetcher(fetcher_settings(), clock=SystemClock()) as fetcher:  # type: ignore[arg-type]
        transport, extensions = fetcher._transport, fetcher._extensions  # noqa: SLF001  (the layer under it)
        urls = [httpx.URL(f"{base}/f{i}") for i in range(300)]  # parsed once, as the fetcher keeps them

        async def one(i: int) -> int:  # the request made as the fetcher makes it
            request = httpx.Request("GET", urls[i % 300], headers={"if-none-match": '"v1"'}, stream=_NO_BODY,
                                    extensions=extensions)
            request.read()
            response = await transport.handle_async_request(request)
            await response.aclose()
            return response.status_code

        return await timed(one, n)


async def with_fetcher(base: str, n: int) -> float:
    from watcher.clock import SystemClock
    from watcher.fetch import Fetcher

    async with Fetcher(fetcher_settings(), clock=SystemClock()) as fetcher:  # type: ignore[arg-type]
        async def one(i: int) -> object:
            return await fetcher.get(f"{base}/f{i % 300}", etag='"v1"', logged_by_caller=True)

        return await timed(one, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    # The socket listens before the server process starts: connections queue until it accepts them, with no
    # port to race for and nothing to poll.
    listening = socket.create_server(("127.0.0.1", 0))
    server = multiprocessing.get_context("fork").Process(target=serve, args=(listening,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{listening.getsockname()[1]}"
    try:
        for name, run in (("aiohttp alone", with_aiohttp), ("httpx-aiohttp transport", with_transport),
                          ("watcher Fetcher.get", with_fetcher)):
            costs = [asyncio.run(run(base, args.requests)) for _ in range(args.rounds)]
            print(f"{name:24s} CPU ms per 304: " + ", ".join(f"{c:.3f}" for c in costs))
    finally:
        server.terminate()
        listening.close()


if __name__ == "__main__":
    main()
