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
    text = _ionised_spelled(unicodedata.normalize("NFKC", text[:MAX_SCAN_CHARS])[:MAX_SCAN_CHARS])
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


def _within_one_edit(word: str, target: str) -> bool:
    """Damerau (optimal string alignment) distance <= 1; catches calcuim,
    calsium, magnesuim, magnezium without a spelling library."""
    if abs(len(word) - len(target)) > 1:
        return False
    if word == target:
        return True
    if len(word) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and word[i] == target[i + 1] and word[i + 1] == target[i]
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


_IO_WORD = re.compile(r"(?<![^\W\d_])io[^\W\d_]{3,6}(?![^\W\d_])", re.I)


def _ionised_spelled(text: str) -> str:
    """A one-typo "ionised" ("ionsed", "ionzied") as the word itself: the qualifier decides
    which range a calcium value is placed in."""

    def fix(m: re.Match[str]) -> str:
        word = m.group().lower()
        near = word not in ("ionised", "ionized") and (
            _within_one_edit(word, "ionised") or _within_one_edit(word, "ionized")
        )
        return "ionised" if near else m.group()

    return _IO_WORD.sub(fix, text) if "io" in text.lower() else text


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
