"""Register and look up source kinds (and, later, notifiers).

Built-in kinds register themselves exactly like plugins do: with ``@register_source("news")``
in a module of the ``sources`` package; third-party kinds through the ``watcher.sources``
entry-point group. An unknown kind is a LookupError that lists the known ones.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TypeVar

from watcher.sourcekind import Source

logger = logging.getLogger(__name__)
_SOURCES: dict[str, type[Source]] = {}
_loaded = False
S = TypeVar("S", bound=type[Source])


def register_source(kind: str) -> Callable[[S], S]:
    """Class decorator: make ``cls`` the source kind called ``kind``."""

    def wrap(cls: S) -> S:
        if not (isinstance(cls, type) and issubclass(cls, Source)):
            raise TypeError(f"{cls!r} is not a Source subclass")
        cls.kind = kind
        _SOURCES[kind] = cls
        return cls

    return wrap


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import sources

    for info in pkgutil.iter_modules(sources.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"sources.{info.name}")
    for ep in entry_points(group="watcher.sources"):
        try:
            cls = ep.load()
        except Exception:  # a broken plugin must not take the daemon down
            logger.exception("cannot load source plugin %s", ep.name)
            continue
        if isinstance(cls, type) and issubclass(cls, Source):
            register_source(ep.name)(cls)
        else:
            logger.error("source plugin %s is not a Source subclass; ignored", ep.name)


def source_kinds() -> list[str]:
    _load()
    return sorted(_SOURCES)


def get_source(kind: str) -> Source:
    """An instance of the source kind ``kind``."""
    _load()
    try:
        return _SOURCES[kind]()
    except KeyError:
        raise LookupError(f"unknown source kind {kind!r}; known kinds: {', '.join(sorted(_SOURCES))}") from None
