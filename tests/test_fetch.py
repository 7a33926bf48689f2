"""The fetch layer against real local servers (pytest-httpserver, and bare asyncio servers for rude ones).

httpx.MockTransport is used only for narrow checks of what is sent; everything else crosses a socket.
"""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import logging
import socket
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from datetime import timedelta
from email.utils import format_datetime
from typing import Any

import brotli
import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from watcher.clock import FakeClock
from watcher.config import FetchSettings
from watcher.errors import FetchError
from watcher.fetch import Fetcher, FetchResult, FetchStats
from watcher.netguard import check_url

LOCAL = ["127.0.0.0/8"]


def make_settings(**overrides: Any) -> FetchSettings:
    values: dict[str, Any] = {
        "allow_networks": LOCAL, "per_host_interval": 0, "connect_timeout": 2, "read_timeout": 2, "deadline": 5,
    }
    return FetchSettings.model_validate({**values, **overrides})


def fetch(url: str, settings: FetchSettings | None = None, **kwargs: Any) -> FetchResult:
    async def main() -> FetchResult:
        async with Fetcher(settings or make_settings()) as fetcher:
            return await fetcher.get(url, **kwargs)

    return asyncio.run(main())


def fetch_error(url: str, settings: FetchSettings | None = None, **kwargs: Any) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, settings, **kwargs)
    return caught.value


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    """pytest-httpserver bound to 127.0.0.1 (not ``localhost``), so addresses in tests are exact."""
    return httpserver_ipv4


def paths(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


Handler = Callable[[asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def raw_server(handler: Handler) -> AsyncIterator[str]:
    """A bare HTTP server on 127.0.0.1 for behaviour no well-mannered server shows."""
    tasks: set[asyncio.Task[Any]] = set()

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        tasks.add(asyncio.current_task())  # type: ignore[arg-type]
        try:
            await reader.readuntil(b"\r\n\r\n")
            await handler(writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with suppress(ConnectionError, asyncio.CancelledError):
                await writer.wait_closed()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await server.wait_closed()


def fetch_raw(handler: Handler, settings: FetchSettings) -> FetchError:
    async def main() -> None:
        async with raw_server(handler) as base, Fetcher(settings) as fetcher:
            await fetcher.get(f"{base}/")

    with pytest.raises(FetchError) as caught:
        asyncio.run(main())
    return caught.value


# --- the ordinary cases --------------------------------------------------------------------------


def test_200_returns_body_headers_and_validators(server: HTTPServer) -> None:
    server.expect_request("/jobs").respond_with_data(
        b"hello", headers={"ETag": '"v1"', "Last-Modified": "Mon, 05 Jan 2026 08:00:00 GMT"}
    )
    result = fetch(server.url_for("/jobs"))
    assert (result.status, result.content, result.not_modified) == (200, b"hello", False)
    assert result.url == server.url_for("/jobs")
    assert result.etag == '"v1"' and result.last_modified == "Mon, 05 Jan 2026 08:00:00 GMT"
    assert result.headers["content-length"] == "5" and result.bytes_received == 5
    request, _ = server.log[0]
    assert request.headers["User-Agent"] == "watcher/0.1 (+https://github.com/watcher/watcher)"
    # A GET as a browser sends it: the Host of the URL, no body and no body headers.
    assert request.headers["Host"] == f"{server.host}:{server.port}"
    assert "Content-Length" not in request.headers and "Transfer-Encoding" not in request.headers
    assert request.get_data() == b""


def test_304_is_unchanged_and_validators_were_sent(server: HTTPServer) -> None:
    server.expect_request(
        "/feed", headers={"If-None-Match": '"v1"', "If-Modified-Since": "Mon, 05 Jan 2026 08:00:00 GMT"}
    ).respond_with_data(b"", status=304)
    result = fetch(server.url_for("/feed"), etag='"v1"', last_modified="Mon, 05 Jan 2026 08:00:00 GMT")
    assert result.not_modified and result.status == 304 and result.content == b""
    assert result.etag == '"v1"'  # kept although the server did not repeat it


def test_cookies_a_site_sets_are_never_sent_back(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data(b"a", headers={"Set-Cookie": "session=abc; Path=/"})
    server.expect_request("/b").respond_with_data(b"b")

    async def main() -> None:
        async with Fetcher(make_settings()) as fetcher:
            await fetcher.get(server.url_for("/a"))
            await fetcher.get(server.url_for("/b"))

    asyncio.run(main())
    assert [request.headers.get("Cookie") for request, _ in server.log] == [None, None]


def test_a_cookie_a_watch_asks_for_is_sent(server: HTTPServer) -> None:
    server.expect_request("/p", headers={"Cookie": "currency=EUR"}).respond_with_data(b"p")
    assert fetch(server.url_for("/p"), headers={"Cookie": "currency=EUR"}).content == b"p"


def test_other_status_is_http_status_error(server: HTTPServer) -> None:
    server.expect_request("/gone").respond_with_data(b"no", status=404)
    error = fetch_error(server.url_for("/gone"))
    assert (error.reason, error.status) == ("http_status", 404)


def test_connection_refused_is_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert fetch_error(f"http://127.0.0.1:{port}/").reason == "network"


def test_one_info_line_per_fetch_without_query(server: HTTPServer, caplog: pytest.LogCaptureFixture) -> None:
    server.expect_request("/api").respond_with_data(b"{}")
    with caplog.at_level(logging.INFO):
        fetch(server.url_for("/api") + "?token=s3cret")
    ours = [record.getMessage() for record in caplog.records if record.name == "watcher.fetch"]
    assert len(ours) == 1 and ours[0].startswith(f"GET {server.url_for('/api')} -> 200 2 bytes")
    client_side = [record.getMessage() for record in caplog.records if record.name != "werkzeug"]
    assert not any("s3cret" in line for line in client_side)  # httpx's own request line is silenced



def test_a_fetch_its_caller_logs_is_logged_at_debug_only(server: HTTPServer, caplog: pytest.LogCaptureFixture) -> None:
    server.expect_request("/api").respond_with_data(b"{}")
    with caplog.at_level(logging.DEBUG, logger="watcher.fetch"):
        fetch(server.url_for("/api"), logged_by_caller=True)
    ours = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "watcher.fetch"]
    assert ours == [(logging.DEBUG, ours[0][1])] and ours[0][1].startswith(f"GET {server.url_for('/api')} -> 200")

# --- body size, compression -----------------------------------------------------------------------


def test_body_over_cap_is_too_large(server: HTTPServer) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 2000)
    assert fetch_error(server.url_for("/big"), make_settings(max_body_bytes=1000)).reason == "too_large"


def test_brotli_body_is_decoded(server: HTTPServer) -> None:
    text = b"Series B funding " * 100
    server.expect_request("/br").respond_with_data(brotli.compress(text), headers={"Content-Encoding": "br"})
    result = fetch(server.url_for("/br"))
    assert result.content == text and result.bytes_received == len(text)


def mock_get(handler: Callable[[httpx.Request], httpx.Response], url: str = "https://example.com/",
             **kwargs: Any) -> FetchResult:
    async def main() -> FetchResult:
        async with Fetcher(make_settings(), transport=httpx.MockTransport(handler)) as fetcher:
            return await fetcher.get(url, **kwargs)

    return asyncio.run(main())


TEXT = b"We are hiring a Head of Sales. " * 50
RAW_DEFLATE = zlib.compressobj(wbits=-zlib.MAX_WBITS)
ENCODED = {
    "gzip": ("gzip", gzip.compress(TEXT)),
    "deflate-zlib": ("deflate", zlib.compress(TEXT)),
    "deflate-raw": ("deflate", RAW_DEFLATE.compress(TEXT) + RAW_DEFLATE.flush()),
    "identity": ("identity", TEXT),
}


@pytest.mark.parametrize(("encoding", "body"), ENCODED.values(), ids=ENCODED.keys())
def test_content_encodings_are_decoded(encoding: str, body: bytes) -> None:
    result = mock_get(lambda request: httpx.Response(200, content=body, headers={"Content-Encoding": encoding}))
    assert result.content == TEXT and result.bytes_received == len(TEXT)


class Streamed(httpx.AsyncByteStream):
    """A body httpx does not read (and decode) before the fetcher sees it, as from a real transport."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._data


@pytest.mark.parametrize(("encoding", "body"), [("zstd", b"\x28\xb5\x2f\xfd"), ("gzip", b"not gzip")],
                         ids=["unsupported", "corrupt"])
def test_undecodable_body_is_decode_error(encoding: str, body: bytes) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Streamed(body), headers={"Content-Encoding": encoding})

    with pytest.raises(FetchError) as caught:
        mock_get(handler)
    assert caught.value.reason == "decode"


@pytest.mark.parametrize(
    ("encoding", "bomb"),
    [
        ("gzip", lambda: gzip.compress(bytes(50 << 20), compresslevel=6)),  # 50 MB of zeros in ~50 KB
        ("br", lambda: brotli.compress(bytes(64 << 20), quality=5)),  # 64 MB of zeros in ~100 bytes
    ],
    ids=["gzip-50MB", "brotli-64MB"],
)
def test_compression_bomb_stops_at_cap(encoding: str, bomb: Callable[[], bytes]) -> None:
    # Served from this thread: pytest-httpserver's thread would add its own allocations to the peak.
    body = bomb()
    head = f"HTTP/1.1 200 OK\r\nContent-Encoding: {encoding}\r\nContent-Length: {len(body)}\r\n\r\n"

    async def serve_bomb(writer: asyncio.StreamWriter) -> None:
        writer.write(head.encode() + body)
        await writer.drain()

    tracemalloc.start()
    try:
        error = fetch_raw(serve_bomb, make_settings(max_body_bytes=1 << 20))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.reason == "too_large"
    assert peak < 8 << 20  # nothing was decoded much past the 1 MB cap


def test_endless_gzip_stream_stops_at_cap() -> None:
    async def endless(writer: asyncio.StreamWriter) -> None:
        packer, block = zlib.compressobj(wbits=31), bytes(1 << 20)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n")
        writer.write(packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH))
        repeat = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)  # same bytes every time
        while True:
            writer.write(repeat)
            await writer.drain()

    assert fetch_raw(endless, make_settings(max_body_bytes=4 << 20)).reason == "too_large"


# --- timeouts ---------------------------------------------------------------------------------------


def test_deadline_cuts_off_a_trickling_server() -> None:
    async def trickle(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        while True:  # a byte every 50 ms: the read timeout never fires
            writer.write(b"1\r\nx\r\n")
            await writer.drain()
            await asyncio.sleep(0.05)

    started = time.monotonic()
    error = fetch_raw(trickle, make_settings(deadline=0.5, read_timeout=2))
    assert error.reason == "timeout" and time.monotonic() - started < 1.5


def test_read_timeout_on_a_server_that_hangs_after_headers() -> None:
    async def hang(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
        await writer.drain()
        await asyncio.sleep(30)

    assert fetch_raw(hang, make_settings(read_timeout=0.3)).reason == "timeout"


# --- redirects ----------------------------------------------------------------------------------------


def test_redirect_is_followed(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_data(b"", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data(b"here")
    result = fetch(server.url_for("/old"))
    assert result.url == server.url_for("/new") and result.content == b"here"


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.2:{port}/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
     "http://[::1]:{port}/", "file:///etc/passwd"],
    ids=["127.0.0.2", "10.0.0.1", "metadata", "ipv6-loopback", "file"],
)
def test_redirect_to_refused_address_is_blocked(server: HTTPServer, target: str) -> None:
    location = target.format(port=server.port)
    server.expect_request("/go").respond_with_data(b"", status=302, headers={"Location": location})
    error = fetch_error(server.url_for("/go"), make_settings(allow_networks=["127.0.0.1/32"]))
    assert error.reason == "blocked" and paths(server) == ["/go"]


def test_redirect_loop(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data(b"", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data(b"", status=302, headers={"Location": "/a"})
    assert fetch_error(server.url_for("/a")).reason == "redirects"
    assert paths(server) == ["/a", "/b"]


def test_too_many_redirects(server: HTTPServer) -> None:
    for i in range(10):
        server.expect_request(f"/r{i}").respond_with_data(b"", status=307, headers={"Location": f"/r{i + 1}"})
    assert fetch_error(server.url_for("/r0"), make_settings(max_redirects=3)).reason == "redirects"
    assert paths(server) == ["/r0", "/r1", "/r2", "/r3"]


def test_caller_headers_stay_with_the_first_origin() -> None:
    seen: dict[str, httpx.Headers] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen[request.url.host] = request.headers
        if request.url.host == "api.example.com":
            return httpx.Response(302, headers={"Location": "https://cdn.example.net/file"})
        return httpx.Response(200, content=b"ok")

    async def main() -> FetchResult:
        async with Fetcher(make_settings(), transport=httpx.MockTransport(handler)) as fetcher:
            return await fetcher.get("https://api.example.com/x", headers={"Authorization": "Bearer t"})

    assert asyncio.run(main()).url == "https://cdn.example.net/file"
    assert seen["api.example.com"]["Authorization"] == "Bearer t"
    assert "Authorization" not in seen["cdn.example.net"]


# --- robots.txt -----------------------------------------------------------------------------------------


def test_robots_disallow_applies_to_pages_only(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: watcher\nDisallow: /private\n")
    server.expect_request("/private/team").respond_with_data(b"team")
    assert fetch_error(server.url_for("/private/team"), page=True).reason == "robots"
    assert fetch(server.url_for("/private/team"), page=False).content == b"team"


def test_robots_for_other_agents_does_not_apply(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: otherbot\nDisallow: /\n")
    server.expect_request("/about").respond_with_data(b"about")
    assert fetch(server.url_for("/about"), page=True).content == b"about"


def test_robots_is_fetched_once_per_origin(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /admin\n")
    server.expect_request("/a").respond_with_data(b"a")
    server.expect_request("/b").respond_with_data(b"b")

    async def main() -> tuple[list[FetchResult], FetchStats]:
        async with Fetcher(make_settings()) as fetcher:
            pages = [fetcher.get(server.url_for(path), page=True) for path in ("/a", "/b")]
            return list(await asyncio.gather(*pages)), fetcher.stats

    results, stats = asyncio.run(main())
    assert [r.content for r in results] == [b"a", b"b"]
    assert sorted(paths(server)) == ["/a", "/b", "/robots.txt"]
    assert stats == FetchStats(requests=3, bytes_received=2 + len("User-agent: *\nDisallow: /admin\n"),
                               not_modified=0, errors=0)


def test_huge_robots_is_read_up_to_512_kb(server: HTTPServer) -> None:
    rules = "User-agent: *\nDisallow: /private\n" + "# padding\n" * 100_000 + "Disallow: /late\n"
    server.expect_request("/robots.txt").respond_with_data(rules)
    server.expect_request("/late").respond_with_data(b"late")
    assert fetch_error(server.url_for("/private"), page=True).reason == "robots"
    assert fetch(server.url_for("/late"), page=True).content == b"late"  # beyond 512 KB: ignored


def test_missing_robots_allows(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data(b"", status=404)
    server.expect_request("/page").respond_with_data(b"page")
    assert fetch(server.url_for("/page"), page=True).content == b"page"


def test_unreachable_robots_disallows_for_now(server: HTTPServer) -> None:
    """RFC 9309 §2.3.1.4: a robots.txt answering 5xx means complete disallow (asked again in 5 minutes)."""
    server.expect_request("/robots.txt").respond_with_data(b"", status=503)
    server.expect_request("/page").respond_with_data(b"page")
    assert fetch_error(server.url_for("/page"), page=True).reason == "robots"
    assert fetch(server.url_for("/page"), page=False).content == b"page"  # APIs and feeds are not pages


# --- Retry-After ------------------------------------------------------------------------------------------


def test_retry_after_seconds_backs_off_the_host(server: HTTPServer) -> None:
    server.expect_request("/api").respond_with_data(b"slow down", status=429, headers={"Retry-After": "120"})

    async def main() -> tuple[FetchError, FetchError]:
        async with Fetcher(make_settings(), clock=FakeClock()) as fetcher:
            errors = []
            for _ in range(2):
                with pytest.raises(FetchError) as caught:
                    await fetcher.get(server.url_for("/api"))
                errors.append(caught.value)
            return errors[0], errors[1]

    first, second = asyncio.run(main())
    assert (first.reason, first.status, first.retry_after) == ("rate_limited", 429, 120)
    assert (second.reason, second.status, second.retry_after) == ("rate_limited", 429, 120)
    assert paths(server) == ["/api"]  # the second one never reached the network


def test_retry_after_http_date_and_back_off_ends(server: HTTPServer) -> None:
    clock = FakeClock()
    later = format_datetime(clock.now() + timedelta(seconds=90), usegmt=True)
    server.expect_ordered_request("/feed").respond_with_data(b"", status=503, headers={"Retry-After": later})
    server.expect_ordered_request("/feed").respond_with_data(b"back")

    async def main() -> tuple[FetchError, FetchResult]:
        async with Fetcher(make_settings(), clock=clock) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.get(server.url_for("/feed"))
            clock.advance(91)
            return caught.value, await fetcher.get(server.url_for("/feed"))

    error, result = asyncio.run(main())
    assert (error.reason, error.status, error.retry_after) == ("rate_limited", 503, 90)
    assert result.content == b"back"


def test_retry_after_is_capped(server: HTTPServer) -> None:
    server.expect_request("/api").respond_with_data(b"", status=429, headers={"Retry-After": "9999999"})
    assert fetch_error(server.url_for("/api"), make_settings(max_retry_after=3600)).retry_after == 3600


# --- politeness ----------------------------------------------------------------------------------------------


def test_requests_to_one_host_are_spaced(server: HTTPServer) -> None:
    arrivals: list[float] = []

    def record(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response(b"ok")

    server.expect_request("/p").respond_with_handler(record)

    server.expect_request("/warm-up").respond_with_data(b"ok")

    async def main() -> None:
        async with Fetcher(make_settings(per_host_interval=0.2)) as fetcher:
            # Another host name for the same server: opens the connection pool without using the spacing.
            await fetcher.get(f"http://localhost:{server.port}/warm-up")
            await asyncio.gather(fetcher.get(server.url_for("/p")), fetcher.get(server.url_for("/p")))

    asyncio.run(main())
    assert len(arrivals) == 2 and arrivals[1] - arrivals[0] >= 0.19


# --- the SSRF guard --------------------------------------------------------------------------------------------

BLOCKED = {
    "loopback": "http://127.0.0.1/",
    "10/8": "http://10.1.2.3/",
    "172.16/12": "http://172.16.5.4/",
    "192.168/16": "http://192.168.1.1/",
    "metadata-169.254.169.254": "http://169.254.169.254/latest/meta-data/",
    "cgnat-100.64": "http://100.64.0.1/",
    "unspecified": "http://0.0.0.0/",
    "multicast": "http://224.0.0.1/",
    "reserved-240/4": "http://240.0.0.1/",
    "ipv6-loopback": "http://[::1]/",
    "ipv6-ula": "http://[fd00::1]/",
    "ipv6-link-local": "http://[fe80::1]/",
    "ipv4-mapped": "http://[::ffff:127.0.0.1]/",
    "ipv4-mapped-hex": "http://[::ffff:7f00:1]/",
    "6to4-of-loopback": "http://[2002:7f00:1::]/",
    "nat64-of-10/8": "http://[64:ff9b::a00:1]/",
    "decimal-2130706433": "http://2130706433/",
    "octal-0177.0.0.1": "http://0177.0.0.1/",
    "hex-0x7f000001": "http://0x7f000001/",
    "hex-short-0x7f.1": "http://0x7f.1/",
    "short-127.1": "http://127.1/",
    "trailing-dot": "http://127.0.0.1./",
    "bad-ipv4": "http://1.2.3.999/",
    "percent-encoded-host": "http://%31%32%37.0.0.1/",
    "userinfo": "http://user@127.0.0.1/",
    "userinfo-public": "https://user:pw@example.com/",
    "backslash": "http://example.com\\@127.0.0.1/",
    "whitespace": "http://exa mple.com/",
    "bad-port": "http://example.com:99999/",
    "no-host": "http:///etc/passwd",
    "file": "file:///etc/passwd",
    "gopher": "gopher://example.com/",
    "ftp": "ftp://example.com/",
}


@pytest.mark.parametrize("url", BLOCKED.values(), ids=BLOCKED.keys())
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url, [])
    assert caught.value.reason == "blocked"


ALLOWED = {
    "public-ip": ("http://93.184.216.34/", "http://93.184.216.34/"),
    "public-name": ("https://Example.COM", "https://example.com/"),
    "default-port-and-fragment-dropped": ("https://example.com:443/a?b=1#top", "https://example.com/a?b=1"),
    "public-ipv6-with-port": ("http://[2606:4700::1111]:8080/x", "http://[2606:4700::1111]:8080/x"),
    "international-name": ("https://bücher.example/", "https://xn--bcher-kva.example/"),
}


@pytest.mark.parametrize(("url", "normalized"), ALLOWED.values(), ids=ALLOWED.keys())
def test_check_url_allows_public(url: str, normalized: str) -> None:
    assert check_url(url, []) == normalized


def test_check_url_allowed_network_normalizes_odd_spelling() -> None:
    assert check_url("http://0x7f.1:8080/x", [ipaddress.ip_network("127.0.0.0/8")]) == "http://127.0.0.1:8080/x"


def test_name_resolving_to_loopback_is_refused_at_dns(server: HTTPServer) -> None:
    url = f"http://localhost:{server.port}/"
    server.expect_request("/").respond_with_data(b"local")
    assert fetch_error(url, make_settings(allow_networks=[])).reason == "blocked"
    assert paths(server) == []
    assert fetch(url, make_settings(allow_networks=LOCAL)).content == b"local"  # the same name, allowed


def test_checked_urls_are_remembered_unless_long() -> None:
    """A watch asks for the same URL on every check, so its check is remembered; a URL longer than
    CHECKED_URL_LENGTH (a hostile redirect's) is checked every time and never kept, so the memo stays small."""
    from watcher.fetch import CHECKED_URL_LENGTH

    long_url = "https://example.com/" + "a" * CHECKED_URL_LENGTH

    async def main() -> tuple[bool, bool]:
        async with Fetcher(make_settings(), transport=httpx.MockTransport(lambda r: httpx.Response(200))) as fetcher:
            await fetcher.get(long_url)
            await fetcher.get("https://example.com/short")
            return long_url in fetcher._checked, "https://example.com/short" in fetcher._checked

    assert asyncio.run(main()) == (False, True)
