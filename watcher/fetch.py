"""The project's only HTTP client: polite, bounded and refusing private addresses (DESIGN.md §7).

Requests go through httpx's transport interface with aiohttp underneath (httpx's own transport costs
several ms of CPU per request; its client layer is not used, see Fetcher.__init__). Redirects, body
decoding, robots.txt, per-host spacing and Retry-After are handled here rather than by the libraries,
because each of them is also a policy decision: every redirect hop is re-checked against the SSRF guard,
and a compressed body is decoded with a bound so a gzip or brotli bomb stops at the size cap instead of
filling memory.
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import aiohttp
import brotli
import httpx
from httpx_aiohttp import AiohttpTransport

from watcher.clock import Clock, SystemClock
from watcher.config import FetchSettings
from watcher.errors import FetchError
from watcher.netguard import GuardedResolver, IPNetwork, check_url, parse_networks

logger = logging.getLogger(__name__)
# httpx logs every request at INFO with the full URL, query string included (tokens live there);
# the line this module logs replaces it.
logging.getLogger("httpx").setLevel(logging.WARNING)

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB; the rest is ignored
ROBOTS_RETRY = 300.0  # a robots.txt that failed to load (5xx, network) is asked for again this soon
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHECKED_URLS = 50_000  # remembered URL checks, cleared when full: about 900 bytes each, 45 MB at most
CHECKED_URL_LENGTH = 2048  # longer URLs (a hostile redirect's) are checked every time, never remembered
# Only codings we can decode with an output bound; brotli before 1.2 cannot bound its output.
_BOUNDED_BROTLI = hasattr(brotli.Decompressor, "can_accept_more_data")
ACCEPT_ENCODING = "gzip, deflate, br" if _BOUNDED_BROTLI else "gzip, deflate"
_NO_BODY = httpx.ByteStream(b"")  # stateless: every GET shares it


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResult:
    """One successful fetch; a 304 is a result (``not_modified``), not an error."""

    url: str
    status: int
    not_modified: bool
    content: bytes
    headers: dict[str, str]
    etag: str | None
    last_modified: str | None
    bytes_received: int
    elapsed: float
    shown_url: str  # the url as logs show it (``loggable``): queries and userinfo left out


@dataclass(frozen=True, slots=True)
class _Target:
    """A URL the guard passed, with what each request to it needs parsed once (httpx parses a URL string on
    every request; a watch asks for the same URL on every check)."""

    url: str
    parsed: httpx.URL
    host: str
    origin: str
    shown: str  # loggable(url)

    @classmethod
    def of(cls, checked: str) -> _Target:
        parts = urlsplit(checked)
        return cls(checked, httpx.URL(checked), parts.hostname or "", f"{parts.scheme}://{parts.netloc}",
                   loggable(checked))


@dataclass(slots=True)
class FetchStats:
    """Counters for `watcher status`: HTTP requests sent (each redirect hop and robots.txt counts),
    decoded body bytes, 304 answers and fetches that ended in a FetchError."""

    requests: int = 0
    bytes_received: int = 0
    not_modified: int = 0
    errors: int = 0


Decoder = Callable[[bytes, int], bytes]


class _ZlibDecoder:
    """``decode(data, max_out)``; zlib's ``max_length`` keeps a bomb from expanding past the cap."""

    def __init__(self, wbits: int, *, raw_fallback: bool) -> None:
        self._inflater = zlib.decompressobj(wbits)
        self._raw_fallback = raw_fallback  # only until the first chunk has been read

    def __call__(self, data: bytes, max_out: int) -> bytes:
        try:
            return self._inflater.decompress(data, max_out)
        except zlib.error:
            if not self._raw_fallback:
                raise
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent without its zlib header
            return self._inflater.decompress(data, max_out)
        finally:
            self._raw_fallback = False


def _brotli_decoder() -> Decoder:
    decompressor = brotli.Decompressor()

    def decode(data: bytes, max_out: int) -> bytes:
        out = decompressor.process(data, output_buffer_limit=max_out)
        while len(out) < max_out and not decompressor.can_accept_more_data():
            out += decompressor.process(b"", output_buffer_limit=max_out - len(out))
        return out

    return decode


def _decoder(encoding: str, host: str) -> Decoder:
    if encoding in ("", "identity"):
        return lambda data, _max_out: data
    if encoding in ("gzip", "x-gzip"):
        return _ZlibDecoder(16 + zlib.MAX_WBITS, raw_fallback=False)
    if encoding == "deflate":
        return _ZlibDecoder(zlib.MAX_WBITS, raw_fallback=True)
    if encoding == "br" and _BOUNDED_BROTLI:
        return _brotli_decoder()
    raise FetchError(f"{host}: unsupported content-encoding {encoding[:20]!r}", reason="decode")


def parse_retry_after(value: str | None, now: datetime, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), capped; None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp() - now.timestamp()
    return min(max(seconds, 0.0), cap)


def loggable(url: str) -> str:
    """Scheme, host, port and path only: queries and userinfo may hold secrets."""
    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparseable URL>"
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path[:200]}"


def _too_large(host: str, limit: int) -> FetchError:
    return FetchError(f"{host}: body larger than {limit} bytes", reason="too_large")


def _failure_reason(exc: Exception) -> str:
    """Timeout or network; httpx-aiohttp maps even a refused connection to ConnectTimeout, so the
    original aiohttp error decides when there is one."""
    cause = exc.__cause__ if isinstance(exc.__cause__, aiohttp.ClientError) else exc
    return "timeout" if isinstance(cause, TimeoutError | httpx.TimeoutException) else "network"


class Fetcher:
    """Build once, share everywhere: holds the connection pool, per-host state and the robots cache."""

    def __init__(self, settings: FetchSettings, *, clock: Clock | None = None,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._settings = settings
        self._clock: Clock = clock or SystemClock()
        self._allow: tuple[IPNetwork, ...] = parse_networks(settings.allow_networks)
        self._resolver: GuardedResolver | None = None
        self._aiohttp: AiohttpTransport | None = None
        if transport is None:
            transport = self._aiohttp = AiohttpTransport(client=self._session)
        self.stats = FetchStats()
        self._checked: dict[str, _Target] = {}
        self._total = asyncio.Semaphore(settings.concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._not_before: dict[str, tuple[float, int]] = {}  # host -> (monotonic time, status)
        self._robots: dict[str, tuple[float, RobotFileParser | None]] = {}  # origin -> (expires, rules)
        self._robots_locks: dict[str, asyncio.Lock] = {}
        # The transport is called directly: httpx's client would add auth, redirect, cookie and header-merging
        # layers that the fetcher does itself or refuses (about 0.1 ms of CPU a request). No cookie store at
        # all: a monitor must look the same on every visit. No proxy from the environment either: it would
        # bypass the resolver guard.
        self._transport = transport
        self._headers = {"user-agent": f"{settings.user_agent} (+{settings.contact})", "accept": "*/*"}
        self._extensions = {"timeout": httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout,
                                                     pool=None).as_dict()}

    def _target(self, url: str) -> _Target:
        """check_url, remembered: a watch asks for the same URL on every check (refusals are not kept)."""
        known = self._checked.get(url)
        if known is None:
            checked = check_url(url, self._allow)
            known = _Target.of(checked)
            if len(url) <= CHECKED_URL_LENGTH and len(checked) <= CHECKED_URL_LENGTH:
                if len(self._checked) >= CHECKED_URLS:
                    self._checked.clear()
                self._checked[url] = self._checked[checked] = known
        return known

    def _session(self) -> aiohttp.ClientSession:
        """Called by the transport on first use, inside the event loop."""
        self._resolver = GuardedResolver(self._allow)
        ssl = self._aiohttp.ssl_context if self._aiohttp else True
        connector = aiohttp.TCPConnector(resolver=self._resolver, limit=self._settings.concurrency, ssl=ssl)
        return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()
        if self._resolver is not None:
            await self._resolver.close()

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                  page: bool = False, headers: Mapping[str, str] | None = None,
                  logged_by_caller: bool = False) -> FetchResult:
        """GET ``url``; ``page=True`` means a web page (robots.txt applies), not an API or feed.

        Each fetch is logged as one INFO line, or at DEBUG when ``logged_by_caller``: the checker puts a
        check's fetch in the check's own line, so that a check logs one line.

        Raises FetchError with reason blocked, robots, rate_limited, http_status, timeout, network,
        too_large, redirects or decode.
        """
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        return await self._fetch(url, conditional=conditional, extra=headers or {}, page=page,
                                 limit=self._settings.max_body_bytes,
                                 level=logging.DEBUG if logged_by_caller else logging.INFO)

    async def _fetch(self, url: str, *, conditional: Mapping[str, str], extra: Mapping[str, str],
                     page: bool, limit: int, truncate: bool = False, level: int = logging.INFO) -> FetchResult:
        """One logical fetch (all hops), logged as one line and counted once."""
        started = self._clock.monotonic()
        try:
            result = await self._follow(self._target(url), conditional, extra, page, limit, truncate, started)
        except FetchError as exc:
            self.stats.errors += 1
            if logger.isEnabledFor(level):
                logger.log(level, "GET %s -> %s %s %.0f ms", loggable(url), exc.reason, exc.status or "-",
                           (self._clock.monotonic() - started) * 1000)
            raise
        self.stats.bytes_received += result.bytes_received
        self.stats.not_modified += result.not_modified
        if logger.isEnabledFor(level):  # the checker logs its fetch in its own line: usually not
            logger.log(level, "GET %s -> %d %d bytes %.0f ms", result.shown_url, result.status,
                       result.bytes_received, result.elapsed * 1000)
        return result

    async def _follow(self, target: _Target, conditional: Mapping[str, str], extra: Mapping[str, str],
                      page: bool, limit: int, truncate: bool, started: float) -> FetchResult:
        """Follow redirects ourselves so every hop passes the guard, robots.txt and the host's limits.

        The deadline starts with the first hop on the wire: waiting for a slot is politeness, not slowness.
        """
        first_origin, seen, deadline = target.origin, {target.url}, None
        # Names in lower case, as httpx would send them; the caller's extra headers go to its own origin only.
        same_origin = {**self._headers, **{name.lower(): value for name, value in (*extra.items(),
                                                                                   *conditional.items())},
                       "accept-encoding": ACCEPT_ENCODING}
        for _ in range(self._settings.max_redirects + 1):
            host = target.host
            if self._not_before:
                self._check_backoff(host)
            if page and self._settings.respect_robots and not await self._robots_allow(target):
                raise FetchError(f"{host}: disallowed by robots.txt", reason="robots")
            headers = same_origin if target.origin == first_origin else {
                **self._headers, **{name.lower(): value for name, value in conditional.items()},
                "accept-encoding": ACCEPT_ENCODING}
            try:
                host_slots = await self._acquire(host)
                try:
                    deadline = deadline or asyncio.get_running_loop().time() + self._settings.deadline
                    async with asyncio.timeout_at(deadline):
                        outcome = await self._hop(target, headers, limit, truncate, started)
                finally:
                    self._total.release()
                    host_slots.release()
            except TimeoutError as exc:
                raise FetchError(f"{host}: timed out", reason="timeout") from exc
            except (httpx.HTTPError, aiohttp.ClientError, OSError) as exc:
                reason = _failure_reason(exc)
                kind = type(exc.__cause__ or exc).__name__
                raise FetchError(f"{host}: {reason} error ({kind})", reason=reason) from exc
            if isinstance(outcome, FetchResult):
                return outcome
            if outcome.url in seen:
                raise FetchError(f"{host}: redirect loop", reason="redirects")
            seen.add(outcome.url)
            target = outcome
        raise FetchError(f"{host}: more than {self._settings.max_redirects} redirects", reason="redirects")

    async def _hop(self, target: _Target, sent: Mapping[str, str], limit: int, truncate: bool,
                   started: float) -> FetchResult | _Target:
        """One request: a result, or the next target (already checked) when redirected."""
        self.stats.requests += 1
        # An empty stream of its own: httpx then adds no Host or body headers (aiohttp adds Host from the URL it
        # connects to) and skips building the headers twice, a third of what making the request cost.
        request = httpx.Request("GET", target.parsed, headers=sent, stream=_NO_BODY, extensions=self._extensions)
        request.read()
        response = await self._transport.handle_async_request(request)
        host = target.host
        try:
            status = response.status_code
            # Read the headers once: every lookup on httpx.Headers re-derives their encoding.
            found = dict(response.headers.items())  # names in lower case, repeated ones joined
            location = found.get("location")
            if status in _REDIRECTS and location:
                return self._target(urljoin(target.url, location))
            if status != 304 and not 200 <= status < 300:
                raise self._status_error(host, status, found)
            body = b"" if status == 304 else await self._read_body(response, found, host, limit, truncate)
        finally:
            await response.aclose()
        return FetchResult(
            url=target.url, status=status, not_modified=status == 304, content=body, headers=found,
            etag=found.get("etag") or (sent.get("if-none-match") if status == 304 else None),
            last_modified=found.get("last-modified") or (sent.get("if-modified-since") if status == 304 else None),
            bytes_received=len(body), elapsed=self._clock.monotonic() - started, shown_url=target.shown,
        )

    async def _read_body(self, response: httpx.Response, found: Mapping[str, str], host: str, limit: int,
                         truncate: bool) -> bytes:
        """Decode while streaming and stop as soon as the decoded size passes ``limit``."""
        encoding = found.get("content-encoding", "").strip().lower()
        decode = _decoder(encoding, host)
        length = found.get("content-length", "")
        if not encoding and not truncate and length.isdigit() and int(length) > limit:
            raise _too_large(host, limit)
        body = bytearray()
        # The transport's stream itself: aiter_raw() refuses a response delivered already read (MockTransport).
        stream = response.stream
        if not isinstance(stream, httpx.AsyncByteStream):
            raise TypeError("an async transport is required")
        try:
            async for chunk in stream:
                body += decode(chunk, limit - len(body) + 1)
                if len(body) > limit:
                    if truncate:
                        return bytes(body[:limit])
                    raise _too_large(host, limit)
        except (zlib.error, brotli.error) as exc:
            raise FetchError(f"{host}: cannot decode {encoding} body", reason="decode") from exc
        return bytes(body)

    def _status_error(self, host: str, status: int, found: Mapping[str, str]) -> FetchError:
        """429, or 503 with Retry-After, is rate limiting: the host is left alone until it may be asked."""
        retry_after = parse_retry_after(found.get("retry-after"), self._clock.now(),
                                        self._settings.max_retry_after)
        if status == 429 or (status == 503 and retry_after is not None):
            if retry_after:
                self._not_before[host] = (self._clock.monotonic() + retry_after, status)
            return FetchError(f"{host}: rate limited (HTTP {status})", reason="rate_limited",
                              status=status, retry_after=retry_after)
        return FetchError(f"{host}: HTTP {status}", reason="http_status", status=status)

    def _check_backoff(self, host: str) -> None:
        """Fail fast, without touching the network, while a host's Retry-After runs."""
        until, status = self._not_before.get(host, (0.0, 0))
        remaining = until - self._clock.monotonic()
        if remaining > 0:
            raise FetchError(f"{host}: rate limited (HTTP {status}), backing off", reason="rate_limited",
                             status=status, retry_after=remaining)
        self._not_before.pop(host, None)

    async def _acquire(self, host: str) -> asyncio.Semaphore:
        """Per-host concurrency and spacing, then a slot of the total; start times are reserved in turn.
        The caller releases the total, then the host's semaphore returned (a plain pair: a generator-based
        context manager cost more than the rest)."""
        slots = self._host_slots.get(host)
        if slots is None:
            slots = self._host_slots[host] = asyncio.Semaphore(self._settings.per_host_concurrency)
        await slots.acquire()
        try:
            now = self._clock.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._settings.per_host_interval
            if start > now:
                await asyncio.sleep(start - now)
            await self._total.acquire()
        except BaseException:
            slots.release()
            raise
        return slots

    async def _robots_allow(self, target: _Target) -> bool:
        """robots.txt of the URL's origin, fetched once per ``robots_ttl`` even by concurrent pages."""
        origin, url = target.origin, target.url
        expires, rules = self._robots.get(origin, (0.0, None))
        if expires <= self._clock.monotonic():  # the lock only to load: a page of a known origin needs none
            lock = self._robots_locks.get(origin)
            if lock is None:
                lock = self._robots_locks[origin] = asyncio.Lock()
            async with lock:
                expires, rules = self._robots.get(origin, (0.0, None))
                if expires <= self._clock.monotonic():
                    expires, rules = await self._load_robots(origin)
                    self._robots[origin] = (expires, rules)
        return rules is None or rules.can_fetch(self._settings.user_agent, url)

    async def _load_robots(self, origin: str) -> tuple[float, RobotFileParser | None]:
        """4xx means no rules (allow all). An unreachable robots.txt (5xx, network failure) means complete
        disallow, as RFC 9309 §2.3.1.4 says, asked again soon."""
        ttl = self._settings.robots_ttl
        try:
            result = await self._fetch(f"{origin}/robots.txt", conditional={}, extra={}, page=False,
                                       limit=ROBOTS_MAX_BYTES, truncate=True)
        except FetchError as exc:
            if exc.reason == "http_status" and exc.status is not None and exc.status < 500:
                return self._clock.monotonic() + ttl, None
            unreachable = RobotFileParser()
            unreachable.parse(["User-agent: *", "Disallow: /"])
            return self._clock.monotonic() + min(ttl, ROBOTS_RETRY), unreachable
        text = result.content.decode("utf-8", errors="replace")
        if len(result.content) >= ROBOTS_MAX_BYTES:
            text = text.rsplit("\n", 1)[0]  # drop the line cut in half
        rules = RobotFileParser()
        rules.parse(text.splitlines())
        rules.modified()  # can_fetch refuses everything until the parser thinks it has read a file
        return self._clock.monotonic() + ttl, rules
