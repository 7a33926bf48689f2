"""The SSRF guard: which URLs and addresses the fetcher may reach.

A URL is checked before the first connection and after every redirect (``check_url``), and every DNS
answer is checked again when aiohttp resolves a name (``GuardedResolver``), so a public name that
resolves to 127.0.0.1 or 169.254.169.254 is refused and the socket goes only to an address that passed.
Only globally routable addresses pass, unless a network is explicitly allowed in the configuration.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

import idna
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from watcher.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_PORTS = {"http": 80, "https": 443}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f\\]")  # whitespace, controls and backslashes
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|\d+")
_IPV4_PART = re.compile(r"(0x[0-9a-f]*)|(0[0-7]*)|([1-9][0-9]*)")
_PORT = re.compile(r"\d{0,5}")


def parse_networks(cidrs: Iterable[str]) -> tuple[IPNetwork, ...]:
    """CIDR strings from the configuration as networks."""
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def is_allowed(ip: IPAddress, allow: Sequence[IPNetwork] = ()) -> bool:
    """True if ``ip`` is in an allowed network or is a plain, globally routable unicast address."""
    if any(ip in net for net in allow):
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_allowed(embedded, allow)
        if ip.is_site_local:
            return False
    # ``is_global`` alone lets multicast and some reserved ranges through, hence the explicit list.
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )


def _blocked(host: str, why: str) -> FetchError:
    return FetchError(f"blocked {host or '?'}: {why}", reason="blocked")


def parse_ipv4_loose(host: str) -> ipaddress.IPv4Address | None:
    """Read an IPv4 address the way inet_aton does (``127.1``, ``0x7f.1``, ``0177.0.0.1``, ``2130706433``).

    Resolvers accept these spellings, so the guard must see through them; None if not an address.
    """
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        match = _IPV4_PART.fullmatch(part)
        if not match:
            return None
        hexa, octal, decimal = match.groups()
        if hexa is not None:
            numbers.append(int(hexa[2:] or "0", 16))
        elif octal is not None:
            numbers.append(int(octal, 8))
        else:
            numbers.append(int(decimal))
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _parse_host(host: str) -> tuple[str, IPAddress | None]:
    """Normalized host text and, if it is an address, the address."""
    if host.startswith("["):
        if not host.endswith("]") or "%" in host:
            raise _blocked(host, "bad IPv6 literal")
        try:
            ip6 = ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise _blocked(host, "bad IPv6 literal") from None
        return f"[{ip6.compressed}]", ip6
    name = host.lower()
    name = name[:-1] if name.endswith(".") else name
    if not name.isascii():
        try:
            name = idna.encode(name, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise _blocked(host, "bad international name") from None
    labels = name.split(".")
    if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise _blocked(host, "bad host name")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):  # a name ending in a number is an address (WHATWG URL)
        ip4 = parse_ipv4_loose(name)
        if ip4 is None:
            raise _blocked(host, "bad IPv4 address")
        return str(ip4), ip4
    return name, None


def check_url(url: str, allow_networks: Sequence[IPNetwork] = ()) -> str:
    """The URL normalized (scheme, host, port, path, query), or FetchError(reason="blocked").

    Rebuilding the URL from the parts that were checked leaves no room for a later parser to read a
    different host than the one approved here.
    """
    if _BAD_CHARS.search(url):
        raise _blocked("", "bad character in URL")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise _blocked("", "unparseable URL") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise _blocked("", f"scheme {scheme or 'missing'} not allowed")
    netloc = parts.netloc
    if "@" in netloc:
        raise _blocked("", "credentials in URL")
    bracket = netloc.rfind("]")
    host, _, port_text = netloc.rpartition(":") if netloc.rfind(":") > bracket else (netloc, "", "")
    if not _PORT.fullmatch(port_text) or (port_text and not 0 < int(port_text) < 65536):
        raise _blocked(host, "bad port")
    if not host:
        raise _blocked("", "no host")
    host_text, ip = _parse_host(host)
    if ip is not None and not is_allowed(ip, allow_networks):
        raise _blocked(host_text, "address not publicly routable")
    port = int(port_text) if port_text else DEFAULT_PORTS[scheme]
    port_part = "" if port == DEFAULT_PORTS[scheme] else f":{port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{host_text}{port_part}{parts.path or '/'}{query}"


class GuardedResolver(AbstractResolver):
    """Resolves with aiohttp's default resolver, then drops every address the policy refuses.

    aiohttp connects only to the addresses a resolver returns, so the address that was checked is
    the address that is used (no second lookup an attacker could answer differently).
    """

    def __init__(self, allow_networks: Sequence[IPNetwork] = (), inner: AbstractResolver | None = None) -> None:
        self._allow = tuple(allow_networks)
        self._inner = inner if inner is not None else DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self._inner.resolve(host, port, family)
        kept = [answer for answer in answers if _answer_allowed(answer["host"], self._allow)]
        if not kept:
            raise _blocked(host, "resolves only to addresses that are not publicly routable")
        return kept

    async def close(self) -> None:
        await self._inner.close()


def _answer_allowed(address: str, allow: Sequence[IPNetwork]) -> bool:
    try:
        return is_allowed(ipaddress.ip_address(address), allow)
    except ValueError:
        return False
