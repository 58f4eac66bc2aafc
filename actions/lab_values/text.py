"""Prepare what the user typed for reading: cap its length, fold Unicode to plain digits."""

from __future__ import annotations

import unicodedata

# Only the start of a message is read: real lab messages are short, and this
# bounds the work done on hostile input.
MAX_SCAN_CHARS = 2000


def _prepare(text: str) -> str:
    """Cap, fold compatibility characters (full-width, superscripts) and turn
    any Unicode decimal digit into ASCII, so "١٫٨" reads as 1.8."""
    text = unicodedata.normalize("NFKC", text[:MAX_SCAN_CHARS])[:MAX_SCAN_CHARS]
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isdecimal() and not ch.isascii():
            out.append(str(unicodedata.decimal(ch, 0)))
        elif ch == "٫":  # Arabic decimal separator
            out.append(".")
        else:
            out.append(ch)
    return "".join(out)
