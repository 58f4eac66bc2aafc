"""Prepare what the user typed for reading: cap its length, fold Unicode to plain digits."""

from __future__ import annotations

import re
import unicodedata

# Only the start of a message is read: real lab messages are short, and this
# bounds the work done on hostile input.
MAX_SCAN_CHARS = 2000


def _prepare(text: str) -> str:
    """Cap, fold compatibility characters (full-width, superscripts) and turn
    any Unicode decimal digit into ASCII, so "١٫٨" reads as 1.8."""
    text = unicodedata.normalize("NFKC", text[:MAX_SCAN_CHARS])[:MAX_SCAN_CHARS]
    if text.isascii():
        return _spelled_numbers(text)
    out = []
    for ch in text:
        if ch.isdecimal() and not ch.isascii():
            out.append(str(unicodedata.decimal(ch, 0)))
        elif ch == "٫":  # Arabic decimal separator
            out.append(".")
        else:
            out.append(ch)
    return _spelled_numbers("".join(out))


_DIGIT_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_DIGIT_WORDS["oh"] = 0
_DIGIT_WORDS["nought"] = 0  # British: "nought point eight five"
_DIGIT_WORDS["naught"] = 0
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
_WHOLE = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[\s-]+(?:{'|'.join(w for w in _DIGIT_WORDS if _DIGIT_WORDS[w] < 10)}))?"
    rf"|{'|'.join(sorted(_DIGIT_WORDS, key=len, reverse=True))})"
)
_DIGIT = rf"(?:{'|'.join(w for w in _DIGIT_WORDS if _DIGIT_WORDS[w] < 10)})"
# A value read aloud or typed by voice: "one point five", "zero point six eight", and a
# whole number only when a unit follows ("fifteen mg/dl"), so "one in five" stays words.
_SPELLED = re.compile(
    rf"(?<![a-z])(?P<whole>{_WHOLE})(?:\s+point(?P<decimals>(?:\s+{_DIGIT}){{1,3}})(?![a-z])"
    rf"|(?=\s*(?:mmol|mg\s*/|mg\s*per|mg\s*dl|meq|milli)))",
    re.I,
)


_UNIT_HINT = re.compile(r"mmol|mg|meq|milli", re.I)


def _whole_value(words: str) -> int:
    return sum(_TENS.get(w, _DIGIT_WORDS.get(w, 0)) for w in re.split(r"[\s-]+", words.lower()))


def _spelled_numbers(text: str) -> str:
    """Numbers in words as digits, where they are a value: "one point five" -> "1.5"."""
    if "point" not in text.lower() and not _UNIT_HINT.search(text):
        return text

    def digits(m: re.Match[str]) -> str:
        whole = str(_whole_value(m.group("whole")))
        decimals = m.group("decimals")
        if not decimals:
            return whole
        return whole + "." + "".join(str(_DIGIT_WORDS[w.lower()]) for w in decimals.split())

    return _SPELLED.sub(digits, text)
