"""The one character counter: "anslag inkl. mellemrum" as Word's "Tegn (med mellemrum)" counts them.

Every character counts, spaces and non-breaking spaces included; paragraph breaks do not. A character is a
Unicode code point, so "æ" is one and "😀" is one (JavaScript's `Array.from(text).length`, not `text.length`,
which would count an emoji as two). Line breaks of any convention (\\r\\n from a browser's text area, \\n, \\r)
are not counted. The browser counter (tracker/static/js/char-counter.js) implements exactly this and a
Chromium test compares the two.
"""
from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def count_characters(text: str) -> int:
    """Characters including spaces, not counting paragraph breaks."""
    return len(_LINE_BREAKS.sub("", text or ""))


def normalise_breaks(text: str) -> str:
    """One line-break convention (\\n) for storage and comparison; the count is the same either way."""
    return _LINE_BREAKS.sub("\n", text or "")


def fits(text: str, limit: int) -> bool:
    return count_characters(text) <= limit
