"""schema.org microdata (``itemscope`` / ``itemprop``) read into plain dictionaries.

Follows the HTML microdata model: an element's properties are the ``itemprop`` elements below
it whose nearest ``itemscope`` is that element; a property that is itself an ``itemscope`` is a
nested item. Values come from the attribute the element type carries (``content``, ``href``,
``datetime`` …) or from its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import html as lhtml

Props = dict[str, list[Any]]
_URL_TAGS = {"a": "href", "area": "href", "link": "href", "img": "src", "audio": "src", "video": "src",
             "source": "src", "iframe": "src", "embed": "src", "object": "data"}


def scopes(root: lhtml.HtmlElement, type_name: str, prop: str | None = None) -> Iterator[lhtml.HtmlElement]:
    """Elements that are items of ``type_name`` (by ``itemtype``), or untyped items in ``itemprop=prop``."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.get("itemscope") is None:
            continue
        itemtypes = {t.rstrip("/").rsplit("/", 1)[-1] for t in (el.get("itemtype") or "").split()}
        if type_name in itemtypes or (not itemtypes and prop in (el.get("itemprop") or "").split()):
            yield el


def properties(scope: lhtml.HtmlElement) -> Props:
    """The properties of the item at ``scope``; nested items become dictionaries."""
    found: Props = {}
    pending = [child for child in scope if isinstance(child.tag, str)]
    while pending:
        el = pending.pop(0)
        names = (el.get("itemprop") or "").split()
        nested = el.get("itemscope") is not None
        if names:
            value: Any = properties(el) if nested else _value(el)
            for name in names:
                found.setdefault(name, []).append(value)
        if not nested:
            pending[0:0] = [child for child in el if isinstance(child.tag, str)]
    return found


def enclosing(scope: lhtml.HtmlElement) -> lhtml.HtmlElement | None:
    """The nearest ancestor that is itself an item (the Product a Review sits in)."""
    parent = scope.getparent()
    while parent is not None:
        if isinstance(parent.tag, str) and parent.get("itemscope") is not None:
            return parent
        parent = parent.getparent()
    return None


def first(props: Props, *names: str) -> Any:
    """The first value of the first of ``names`` the item has."""
    for name in names:
        if props.get(name):
            return props[name][0]
    return None


def _value(el: lhtml.HtmlElement) -> str:
    tag = el.tag.lower()
    if tag == "meta":
        return (el.get("content") or "").strip()
    if tag in _URL_TAGS and el.get(_URL_TAGS[tag]):
        return el.get(_URL_TAGS[tag]).strip()
    if tag == "time" and el.get("datetime"):
        return el.get("datetime").strip()
    if tag in ("data", "meter") and el.get("value"):
        return el.get("value").strip()
    if el.get("content"):
        return el.get("content").strip()
    return " ".join(el.text_content().split())
