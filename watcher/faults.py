"""Fault injection for the reliability tests.

``WATCHER_CRASH_AT="point:n"`` kills this process with SIGKILL the n-th time ``crashpoint(point)``
is reached (n defaults to 1). Unset — always, outside those tests — it costs one comparison.
"""

from __future__ import annotations

import os
import signal

_TARGET, _, _COUNT = (os.environ.get("WATCHER_CRASH_AT") or "").partition(":")
_hits = 0

POINTS = ("check.in_transaction", "check.after_commit", "deliver.after_send", "deliver.after_mark")


def crashpoint(name: str) -> None:
    """Die here, abruptly, if the environment asks for it."""
    global _hits
    if not _TARGET or name != _TARGET:
        return
    _hits += 1
    if _hits >= int(_COUNT or 1):
        os.kill(os.getpid(), signal.SIGKILL)
