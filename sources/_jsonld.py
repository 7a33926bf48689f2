"""Every schema.org node in a page's JSON-LD: lists, ``@graph``, nesting and ``@id`` references.

One walker for every kind that reads structured data from HTML pages (reviews, job postings,
pricing). Pages put JSON-LD in many shapes — a single object, a list, an ``@graph``, nodes
nested in other nodes (``Product.review``) or referenced by ``@id`` — and some blocks are
broken (a trailing semicolon, an HTML comment around them, raw newlines in strings): what can be
read is read, the rest is skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lhtml

_WRAPPING = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$|;\s*$")


@dataclass(slots=True)
class Graph:
    """The nodes of a page, each with the nearest enclosing node, and an ``@id`` index."""

    nodes: list[tuple[dict[str, Any], dict[str, Any] | None]] = field(default_factory=list)
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """A ``{"@id": …}`` reference replaced by the node it names (when the page has it)."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.ids.get(str(value["@id"]), value)
        return value

    def of_type(self, *names: str) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
        wanted = set(names)
        for node, parent in self.nodes:
            if types(node) & wanted:
                yield node, parent


def graph(root: lhtml.HtmlElement) -> Graph:
    """Read every ``application/ld+json`` block of the page into one graph."""
    found = Graph()
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        data = _load(script.text or "")
        if data is not None:
            _walk(data, None, found)
    return found


def _load(text: str) -> Any:
    try:
        return json.loads(_WRAPPING.sub("", text.strip()), strict=False)
    except ValueError:
        return None


def _walk(value: Any, parent: dict[str, Any] | None, found: Graph) -> None:
    if isinstance(value, list):
        for element in value:
            _walk(element, parent, found)
        return
    if not isinstance(value, dict):
        return
    typed = bool(types(value))
    if typed:
        found.nodes.append((value, parent))
        if isinstance(value.get("@id"), str) and len(value) > 2:
            found.ids.setdefault(value["@id"], value)
    for key, child in value.items():
        if key not in ("@context", "@id", "@type"):
            _walk(child, value if typed else parent, found)


def types(node: dict[str, Any]) -> set[str]:
    """Short type names of a node: ``"http://schema.org/Review"`` and ``["Review"]`` are both ``{"Review"}``."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v}


def text(value: Any) -> str | None:
    """A plain string from a JSON-LD value (a string, a number, ``{"@value": …}``, a ``name``, or a list's first)."""
    if isinstance(value, list):
        return next((t for t in (text(v) for v in value) if t), None)
    if isinstance(value, dict):
        return text(value.get("@value") if "@value" in value else value.get("name"))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        cleaned = " ".join(str(value).split())
        return cleaned or None
    return None
