"""The one exception hierarchy of the project.

    WatcherError
     ├── ConfigError          bad config.toml, rule file or CSV; names file, key path and problem
     ├── SourceError          a watch could not be checked
     │    ├── FetchError      network, HTTP status, policy (SSRF, robots, size)
     │    └── ParseError      the body is not what the source kind expects
     ├── NotifyError          a notifier could not deliver (retryable or not)
     ├── RuleError            a trigger rule is invalid
     └── StoreError           the database refused a write (locked, full)

Library errors are translated at the boundary (``raise FetchError(...) from exc``) so the
pipeline only ever handles these.
"""

from __future__ import annotations


class WatcherError(Exception):
    """Base of every error the project raises on purpose."""


class ConfigError(WatcherError):
    """Invalid configuration. ``str()`` is the full message a user should see."""


class SourceError(WatcherError):
    """A watch could not be checked this time; it is recorded on the watch, never raised through the loop."""


class FetchError(SourceError):
    """Fetching failed. ``reason`` is a short machine word (timeout, blocked, too_large, http_status …)."""

    def __init__(self, message: str, *, reason: str = "error", status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


class ParseError(SourceError):
    """The body could not be read as the source kind expects (or was suspiciously empty)."""


class NotifyError(WatcherError):
    """Delivery failed; ``retryable`` says whether trying again can help."""

    def __init__(self, message: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class RuleError(ConfigError):
    """A trigger rule is invalid (file, rule and field are named in the message)."""


class StoreError(WatcherError):
    """The database could not take a write (locked, disk full); nothing already stored is lost."""
