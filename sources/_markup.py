"""Text out of the bits of HTML that feeds and job boards carry (a summary, a job description)."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def markup_text(value: str) -> str:
    """Tags turned into spaces, entities decoded, whitespace folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value or ""))).strip()
