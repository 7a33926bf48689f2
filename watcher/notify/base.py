"""The notifier protocol and registry: a notifier sends one message or raises NotifyError(retryable=…).

Built-in notifiers register like plugins do (``@register_notifier("slack")``); third-party ones
through the ``watcher.notifiers`` entry-point group. The core decides retries, grouping, parking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Protocol, TypeVar

from watcher.config import Settings
from watcher.notify.message import Message

logger = logging.getLogger(__name__)


class Notifier(Protocol):
    def send(self, message: Message) -> None:
        """Deliver ``message`` to ``message.destination``; raise NotifyError on failure."""
        ...


Factory = Callable[[Settings], Notifier]
_NOTIFIERS: dict[str, Factory] = {}
F = TypeVar("F", bound=Factory)


def register_notifier(scheme: str) -> Callable[[F], F]:
    """Register a factory for destinations ``scheme:…`` (slack:#x, email:a@b)."""

    def wrap(factory: F) -> F:
        _NOTIFIERS[scheme] = factory
        return factory

    return wrap


def _load() -> None:
    import watcher.notify.email
    import watcher.notify.slack  # noqa: F401  (registration by import)

    for ep in entry_points(group="watcher.notifiers"):
        if ep.name not in _NOTIFIERS:
            try:
                register_notifier(ep.name)(ep.load())
            except Exception:  # a broken plugin must not take delivery down
                logger.exception("cannot load notifier plugin %s", ep.name)


def build_notifiers(settings: Settings) -> dict[str, Notifier]:
    """One notifier per scheme, built from the settings (secrets come from the environment)."""
    _load()
    return {scheme: factory(settings) for scheme, factory in _NOTIFIERS.items()}
