"""Read calcium / magnesium lab results that users type, and compare them with
the article's thresholds (section "2. Inspection": serum calcium < 2 mmol/L,
serum magnesium < 0.75 mmol/L).

Pure standard library: no Rasa, no spaCy, so it can be tested on its own.

Design notes (why it looks like this):
- Input is capped at MAX_SCAN_CHARS and every regex is linear (no nested
  unbounded repeats), so a 100 KB paste cannot stall the action server.
- Parsing never raises: anything odd becomes a ParseProblem with a sentence
  the bot can show, or is ignored.
- A number only counts when it is attached to a test name ("calcium 1.8",
  "Mg of 0.88 mmol/L", "1.8 mmol/L calcium"). A number right after
  "less than" / "below" / "<" is a question about the threshold, not a result.
- Conversions and ranges come from docs/medical-notes.md ("Units").
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from actions.lab_limits import LIMITS, Band

TESTS = ("calcium", "ionised_calcium", "magnesium")
# How each test is named to the user.
TEST_NAMES = {"calcium": "calcium", "ionised_calcium": "ionised calcium",
              "magnesium": "magnesium"}

MMOL_L = "mmol/L"
MG_DL = "mg/dL"
MEQ_L = "mEq/L"
UNITS = (MMOL_L, MG_DL, MEQ_L)

# Only the start of a message is read: real lab messages are short, and this
# bounds the work done on hostile input.
MAX_SCAN_CHARS = 2000

# medical-notes "Units": mg/dL x factor = mmol/L, and the reverse factor.
_MG_DL_TO_MMOL = {"calcium": 0.2495, "ionised_calcium": 0.2495, "magnesium": 0.4114}
_MMOL_TO_MG_DL = {"calcium": 4.008, "ionised_calcium": 4.008, "magnesium": 2.431}
# Both ions carry two charges, so 1 mmol/L = 2 mEq/L.
_MEQ_PER_MMOL = 2.0


# Display precision for mg/dL: calcium values are ~9, magnesium ~2, so
# magnesium needs one more decimal to stay meaningful (0.75 -> 1.82).
_MG_DL_DECIMALS = {"calcium": 1, "ionised_calcium": 1, "magnesium": 2}


# --------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class LabReading:
    test: str            # "calcium" | "magnesium"
    value: float
    unit: str | None     # "mmol/L" | "mg/dL" | "mEq/L" | None when the user gave none
    raw: str             # the matched text, for messages


@dataclass(frozen=True)
class ParseProblem:
    test: str | None
    raw: str
    reason: str          # a clear sentence for the user: why it cannot be read


@dataclass(frozen=True)
class ParseResult:
    readings: list[LabReading]
    problems: list[ParseProblem]

    def __bool__(self) -> bool:
        return bool(self.readings or self.problems)


@dataclass(frozen=True)
class Assessment:
    test: str
    value: float
    unit: str                        # as given
    mmol_per_l: float
    mg_per_dl: float
    band: Band                       # against the reference range and critical limits
    article_threshold: float | None  # the article's "below" line in mmol/L; None: n/a

    @property
    def below_threshold(self) -> bool:
        return self.article_threshold is not None and self.mmol_per_l < self.article_threshold


# --------------------------------------------------------------------------
# Regular expressions (all bounded / linear)
# --------------------------------------------------------------------------

_LITRE = r"(?:litres?|liters?|ltr|lt|l)(?![a-z])"
_MMOL = (rf"m(?:illi)?mol(?:e?s)?"
         rf"(?:\s*(?:/|per)\s*{_LITRE}|\s*l\s*-1(?![0-9])|(?!\s*(?:/|per\b)))")
_MGDL = (r"(?:mg|milligrams?|milligrammes?)\s*"
         r"(?:(?:/|per)\s*(?:dl|decilit(?:re|er)s?|100\s*ml)(?![a-z])"
         r"|dl(?![a-z])(?:-1(?![0-9]))?|%|percent(?![a-z]))")
_MEQ = (rf"(?:meq|milli-?equivalents?)"
        rf"(?:\s*(?:/|per)\s*{_LITRE}|(?!\s*(?:/|per\b)))")
_UNIT_CORE = rf"(?:(?P<mmol>{_MMOL})|(?P<mgdl>{_MGDL})|(?P<meq>{_MEQ}))(?![a-z])"
_UNIT_PLAIN = rf"(?:{_MMOL}|{_MGDL}|{_MEQ})(?![a-z])"   # same, without groups

_UNIT_AFTER = re.compile(rf"\s*{_UNIT_CORE}", re.I)
_UNIT_ANYWHERE = re.compile(rf"(?<![a-z]){_UNIT_CORE}", re.I)
# Units we recognise as units but cannot compare (micromol/L, mg/L, per day...).
_OTHER_UNIT = re.compile(
    r"\s*(?P<other>(?:[µμu]|micro|n|nano|p|pico)mol(?:e?s)?"
    r"(?:\s*(?:/|per)\s*[a-z0-9]{1,12})?"
    r"|(?:mmol|mol|meq|mg|g|[µμu]g|mcg|ng)\s*(?:/|per)\s*[a-z0-9]{1,12})(?![a-z])",
    re.I)
# An amount rather than a concentration: "calcium 600 mg" is a supplement dose.
_DOSE = re.compile(
    r"\s*(?P<dose>mg|milligrams?|g|grams?|mcg|[µμu]g|micrograms?|iu|units?"
    r"|tablets?|pills?|capsules?|caps)(?![a-z])", re.I)

_NUMBER = re.compile(
    r"(?P<sign>[-−–]\s?)?"
    r"(?P<num>(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:e[+-]?[0-9]{1,5})?)"
    r"(?![0-9])", re.I)
# "2.1-2.6" or "2.1 to 2.6" is a range (usually a reference range), not a result.
_RANGE_NEXT = re.compile(r"\s*(?:[-–—]|to(?![a-z]))\s*[0-9.]", re.I)
_GLUED_LETTER = re.compile(r"[^\W\d_]")

_FILLER_WORDS = (
    "is", "was", "were", "are", "be", "been", "of", "at", "in", "my", "the",
    "level", "levels", "reading", "readings", "result", "results", "value",
    "values", "came", "comes", "back", "as", "about", "around",
    "approximately", "approx", "roughly", "only", "just", "now", "currently",
    "exactly", "precisely", "still", "also", "like", "got", "get", "had", "has",
    "today", "measured", "shows", "showed", "says", "said", "reads", "read",
    "reported", "test", "tested", "serum", "total", "blood", "plasma",
    "corrected", "adjusted", "ionized", "ionised", "ionic", "free", "urine",
    "urinary",
    # comparison words are allowed here so we can recognise threshold questions
    "less", "lower", "below", "under", "beneath", "more", "greater", "higher",
    "above", "over", "than", "least", "most",
)
_FILLER_WORD_RE = "|".join(sorted(_FILLER_WORDS, key=len, reverse=True))
# Each repeat must consume a non-space token, so whitespace can be split only
# one way: no exponential backtracking.
_FILLER = re.compile(
    r"\s*(?:(?:"
    rf"\(\s*{_UNIT_PLAIN}\s*\)"
    rf"|(?:{_FILLER_WORD_RE})(?![a-z])"
    r"|'s(?![a-z])|’s(?![a-z])"
    r"|[:=~≈(\[)\]<>≤≥]|,(?![0-9])|[-–—−](?=\s)"
    r")\s*){0,16}", re.I)
_COMPARATOR = re.compile(
    r"(?<![a-z])(?:less|lower|below|under|beneath|more|greater|higher|above"
    r"|over|least|most)(?![a-z])|[<>≤≥]", re.I)
_QUALIFIER_WORD = re.compile(
    r"(?<![a-z])(?P<q>ioni[sz]ed|ionic|free|urine|urinary)(?![a-z])", re.I)
# Qualifier just before the test name: "ionized calcium", "urine total calcium".
_QUALIFIER_BEFORE = re.compile(
    r"(?<![a-z])(?P<q>ioni[sz]ed|ionic|free|urine|urinary)"
    r"(?:[\s-]+[a-z0-9]+)?[\s-]+$", re.I)
# Word with letters only; test names are matched word by word.
_WORD = re.compile(r"[^\W\d_]+")
_ION_SUFFIX = re.compile(r"\s?(?:2\s?\+|\+\s?2|\+\+)")
# "mg" followed by these is the start of a unit (mg/dL, mg per dl, mg%), not Mg.
_MG_UNIT_NEXT = re.compile(r"\s*(?:/|per(?![a-z])|d\s?l(?![a-z])|%|percent(?![a-z]))", re.I)
# Tumour markers "CA 125", "CA 19-9" are not calcium.
_CA_TUMOUR_MARKER = re.compile(r"\s*-?\s*(?:125|15[-.]3|19[-.]9|27[-.]29|72[-.]4|242)(?![0-9])")
_DIGIT_BEFORE = re.compile(r"[0-9]\s*$")
# Junk where a number should be: "calcium is abc mmol/L".
_JUNK_THEN_UNIT = re.compile(rf"(?P<junk>[^\s0-9]{{1,20}})\s*{_UNIT_CORE}", re.I)
# Value before the name: "1.8 mmol/L calcium", "0.9mg/dL of magnesium".
_VALUE_BEFORE = re.compile(
    r"(?<![0-9.,])(?P<sign>[-−–]\s?)?"
    r"(?P<num>(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:e[+-]?[0-9]{1,5})?)"
    rf"\s*{_UNIT_CORE}\s*(?:(?:of|for|in)\s+)?"
    r"(?:(?:serum|total|blood|plasma|corrected|ionized|ionised|urine|urinary)\s+){0,2}$",
    re.I)
_COMPARATOR_AT_END = re.compile(
    r"(?:(?<![a-z])(?:less|lower|more|greater|higher)\s+than|(?<![a-z])(?:below|under"
    r"|beneath|above|over)|[<>≤≥])\s*$", re.I)
_LIST_JOIN = re.compile(r"[\s,&/+]*(?:(?:and|or|plus)(?![a-z]))?[\s,&/+]*", re.I)

_UNIT_BY_GROUP = {"mmol": MMOL_L, "mgdl": MG_DL, "meq": MEQ_L}
_LOOKBACK = 60


# --------------------------------------------------------------------------
# Text preparation and test names
# --------------------------------------------------------------------------

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
        elif ch == "٫":          # Arabic decimal separator
            out.append(".")
        else:
            out.append(ch)
    return "".join(out)


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
        return (len(diffs) == 2 and diffs[1] == i + 1
                and word[i] == target[i + 1] and word[i + 1] == target[i])
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _name_test(word: str) -> str | None:
    """Which test a full word names, ignoring the ambiguous Ca / Mg."""
    w = word.lower()
    if len(w) >= 6 and w.startswith("ca") and _within_one_edit(w, "calcium"):
        return "calcium"
    if len(w) >= 8 and w.startswith("ma") and _within_one_edit(w, "magnesium"):
        return "magnesium"
    return None


@dataclass(frozen=True)
class _Mention:
    test: str
    start: int
    end: int
    qualifier: str | None      # "ionized" | "urine" | None
    raw_start: int             # includes a qualifier before the name


def _qualifier_kind(word: str) -> str:
    return "urine" if word.lower().startswith("urin") else "ionized"


def _filler(text: str, pos: int) -> re.Match[str]:
    """The words and signs between a test name and its value; may be empty, never None."""
    match = _FILLER.match(text, pos)
    assert match is not None  # the pattern accepts the empty string
    return match


def _value_follows(text: str, pos: int) -> bool:
    return _NUMBER.match(text, _filler(text, pos).end()) is not None


def _classify(text: str, word: re.Match[str]) -> _Mention | None:
    w = word.group().lower()
    start, end = word.span()
    test = _name_test(w)
    qualifier = None
    if test is None and w == "ica":          # ionized calcium abbreviation
        test, qualifier = "calcium", "ionized"
    elif test is None and w == "ca":
        if _CA_TUMOUR_MARKER.match(text, end):
            return None
        test = "calcium"
    elif test is None and w == "mg":
        if _MG_UNIT_NEXT.match(text, end):
            return None                      # "mg/dL", "mg per dl", "mg%"
        before = text[max(0, start - 10):start]
        if _DIGIT_BEFORE.search(before) and not _value_follows(text, end):
            return None                      # "400 mg magnesium": a dose unit
        test = "magnesium"
    if test is None:
        return None
    if w in ("ca", "mg"):
        suffix = _ION_SUFFIX.match(text, end)
        end = suffix.end() if suffix else end
    raw_start = start
    if qualifier is None:
        window = max(0, start - 40)
        q = _QUALIFIER_BEFORE.search(text[window:start])
        if q:
            qualifier, raw_start = _qualifier_kind(q.group("q")), window + q.start()
    return _Mention(test, start, end, qualifier, raw_start)


def _find_mentions(text: str) -> list[_Mention]:
    found = (_classify(text, m) for m in _WORD.finditer(text))
    return [m for m in found if m is not None]


def mentions_lab_test(text: str) -> str | None:
    """The first test named in the text ("calcium"/"magnesium"), else None."""
    if not isinstance(text, str):
        return None
    mentions = _find_mentions(_prepare(text))
    return mentions[0].test if mentions else None


# --------------------------------------------------------------------------
# Units and numbers
# --------------------------------------------------------------------------

def _unit_of(match: re.Match[str]) -> str:
    for group, unit in _UNIT_BY_GROUP.items():
        if match.group(group):
            return unit
    raise AssertionError("unit regex matched without a unit group")


def find_unit(text: str) -> str | None:
    """The unit named in a follow-up like "sorry, it was in millimoles per
    litre". None when no unit, or when two different units are named (we
    would rather ask again than guess)."""
    if not isinstance(text, str):
        return None
    units = {_unit_of(m) for m in _UNIT_ANYWHERE.finditer(_prepare(text))}
    return units.pop() if len(units) == 1 else None


def _canonical_unit(unit: str) -> str:
    for known in UNITS:
        if unit.strip().lower() == known.lower():
            return known
    found = find_unit(unit)
    if found is None:
        raise ValueError(f"unknown unit {unit!r}; expected one of {UNITS}")
    return found


def _check_test(test: str) -> None:
    if test not in TESTS:
        raise ValueError(f"unknown test {test!r}; expected one of {TESTS}")


def _to_float(num: str) -> float | None:
    """Decimal comma allowed; None for values too large to be finite."""
    try:
        value = float(num.replace(",", "."))
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def to_mmol_per_l(test: str, value: float, unit: str) -> float:
    _check_test(test)
    unit = _canonical_unit(unit)
    if unit == MG_DL:
        return value * _MG_DL_TO_MMOL[test]
    if unit == MEQ_L:
        return value / _MEQ_PER_MMOL
    return value


def to_mg_per_dl(test: str, mmol_per_l: float) -> float:
    _check_test(test)
    return mmol_per_l * _MMOL_TO_MG_DL[test]


def plausible_units(test: str, value: float) -> tuple[str, ...]:
    """Units in which `value` could be a real blood level of `test`."""
    _check_test(test)
    # Deliberately wide: real results can be far past the critical limits; only
    # values no living person has are read as a typo or another unit.
    low, high = LIMITS[test].possible
    return tuple(u for u in UNITS
                 if low <= to_mmol_per_l(test, value, u) <= high)


# --------------------------------------------------------------------------
# Problems (user-facing sentences)
# --------------------------------------------------------------------------

def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _negative(test: str, raw: str) -> ParseProblem:
    return ParseProblem(test, raw, (
        f"A {test} level can't be negative, so \"{_shorten(raw)}\" can't be a "
        "blood test result. Please check the number on your report."))


def _impossible(test: str, raw: str, shown: str, unit: str | None) -> ParseProblem:
    where = f"{shown} {unit}" if unit else f"{shown} (in mmol/L, mg/dL or mEq/L)"
    return ParseProblem(test, raw, (
        f"A {test} level of {where} is far outside anything a blood test "
        "shows, so it may be a typo or a different unit. Please check the "
        "number and the unit on your report."))


def _urine(test: str, raw: str) -> ParseProblem:
    return ParseProblem(test, raw, (
        f"This looks like a urine {test} result. The article only gives "
        f"blood (serum) values, so I can't compare a urine result with it."))


def _unknown_unit(test: str, raw: str, unit: str) -> ParseProblem:
    return ParseProblem(test, raw, (
        f"I can't use the unit \"{_shorten(unit, 20)}\" for {test}. I can "
        "compare blood levels given in mmol/L, mg/dL or mEq/L."))


def _dose(test: str, raw: str) -> ParseProblem:
    return ParseProblem(test, raw, (
        f"\"{_shorten(raw)}\" looks like an amount (a dose), not a blood test "
        "result. If it is a blood test result, please give the unit, for "
        "example mmol/L or mg/dL."))


def _not_a_number(test: str, raw: str) -> ParseProblem:
    return ParseProblem(test, raw, (
        f"I couldn't find a number for {test} in \"{_shorten(raw)}\". Please "
        "type the value in digits, for example 1.8 mmol/L."))


def _ambiguous(test: str, raw: str) -> ParseProblem:
    return ParseProblem(test, raw, (
        "I can't tell which number belongs to which test. Please write each "
        "value right after its name, for example \"calcium 2.1 mmol/L, "
        "magnesium 0.8 mmol/L\"."))


def _short_number(num: str) -> str:
    return num if len(num) <= 20 else num[:19] + "…"


def check_plausible(reading: LabReading) -> ParseProblem | None:
    """Range check, also for a reading whose unit came in a later message.
    Without a unit, only values impossible in every unit are flagged."""
    if reading.value < 0:
        return _negative(reading.test, reading.raw)
    shown = _fmt(reading.value, 3) if reading.value < 1e6 else f"{reading.value:.3g}"
    if reading.unit is None:
        ok = plausible_units(reading.test, reading.value)
    else:
        ok = tuple(u for u in plausible_units(reading.test, reading.value)
                   if u == reading.unit)
    return None if ok else _impossible(reading.test, reading.raw, shown, reading.unit)


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Hit:
    item: LabReading | ParseProblem | None     # None: consumed but ignored
    start: int
    end: int


def _unit_after(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """(unit, problem kind, end). Problem kind: "other" unit or "dose"."""
    unit = _UNIT_AFTER.match(text, pos)
    if unit:
        return _unit_of(unit), None, unit.end()
    other = _OTHER_UNIT.match(text, pos)
    if other:
        return other.group("other"), "other", other.end()
    dose = _DOSE.match(text, pos)
    if dose and not (dose.group("dose").lower() == "mg"
                     and _value_follows(text, dose.end())):
        return None, "dose", dose.end()
    return None, None, pos


def _make_item(test: str, qualifier: str | None, sign: str | None, num: str,
               unit: str | None, unit_problem: str | None,
               raw: str) -> LabReading | ParseProblem:
    # Order matters: a different test (ionized/urine) or unit makes the
    # number meaningless for the article, whatever its value.
    if qualifier == "ionized" and test == "calcium":
        test = "ionised_calcium"  # its own range; the article's line does not apply
    if qualifier == "urine":
        return _urine(test, raw)
    if unit_problem == "other":
        return _unknown_unit(test, raw, unit or "")
    if unit_problem == "dose":
        return _dose(test, raw)
    if sign:
        return _negative(test, raw)
    value = _to_float(num)
    if value is None:
        return _impossible(test, raw, _short_number(num), unit)
    reading = LabReading(test, value, unit, raw)
    problem = check_plausible(reading)
    if problem is not None:
        return _impossible(test, raw, _short_number(num), unit)
    return reading


def _read_after(text: str, mention: _Mention) -> _Hit | None:
    """A value written after the test name: "calcium was 1.8 mmol/L"."""
    filler = _filler(text, mention.end)
    number = _NUMBER.match(text, filler.end())
    qualifier = mention.qualifier
    q = _QUALIFIER_WORD.search(filler.group())
    if q and qualifier is None:
        qualifier = _qualifier_kind(q.group("q"))
    if number is None:
        junk = _JUNK_THEN_UNIT.match(text, filler.end())
        if junk is None:
            return None
        raw = text[mention.raw_start:junk.end()].strip()
        return _Hit(_not_a_number(mention.test, raw), mention.start, junk.end())
    if _COMPARATOR.search(filler.group()):
        return _Hit(None, mention.start, number.end())  # threshold question
    if _RANGE_NEXT.match(text, number.end()):
        return _Hit(None, mention.start, number.end())  # a range, not a result
    unit, unit_problem, end = _unit_after(text, number.end())
    if end == number.end() and _GLUED_LETTER.match(text, end):
        return None                                     # "2nd", "9am", "3x"
    pre_unit = _UNIT_ANYWHERE.search(filler.group())
    if unit is None and unit_problem is None and pre_unit:
        unit = _unit_of(pre_unit)                       # "calcium (mmol/L): 1.8"
    raw = text[mention.raw_start:end].strip()
    item = _make_item(mention.test, qualifier, number.group("sign"),
                      number.group("num"), unit, unit_problem, raw)
    return _Hit(item, mention.start, end)


def _read_before(text: str, mention: _Mention, free_from: int) -> _Hit | None:
    """A value written before the test name: "1.8 mmol/L calcium"."""
    window_start = max(free_from, mention.start - _LOOKBACK)
    match = _VALUE_BEFORE.search(text[window_start:mention.start])
    if match is None:
        return None
    start = window_start + match.start()
    if _COMPARATOR_AT_END.search(text[max(0, start - 20):start]):
        return _Hit(None, start, mention.end)           # "< 2 mmol/L calcium"
    raw = text[start:mention.end].strip()
    item = _make_item(mention.test, mention.qualifier, match.group("sign"),
                      match.group("num"), _unit_of(match), None, raw)
    return _Hit(item, start, mention.end)


def _collect_hits(text: str, mentions: list[_Mention]) -> list[_Hit | None]:
    hits: list[_Hit | None] = [None] * len(mentions)
    consumed = 0
    for i, mention in enumerate(mentions):
        if mention.start < consumed:
            continue                  # inside a value already read ("mg/dL")
        hits[i] = _read_after(text, mention)
        if hits[i] is None:
            hits[i] = _read_before(text, mention, consumed)
        hit = hits[i]
        if hit is not None:
            consumed = hit.end
    return hits


def _flag_ambiguous_lists(text: str, mentions: list[_Mention],
                          hits: list[_Hit | None]) -> None:
    """'calcium and magnesium are 2.1 and 0.8': the number after magnesium may
    be calcium's, so report it instead of guessing."""
    for i in range(len(mentions) - 1):
        first, second = mentions[i], mentions[i + 1]
        hit = hits[i + 1]
        if hits[i] is not None or hit is None or first.test == second.test:
            continue
        if not isinstance(hit.item, LabReading):
            continue
        gap_is_short = second.start - first.end <= 20   # keeps the regex cheap
        if gap_is_short and _LIST_JOIN.fullmatch(text, first.end, second.start):
            raw = text[first.start:hit.end].strip()
            hits[i + 1] = _Hit(_ambiguous(second.test, raw), hit.start, hit.end)


def parse_lab_values(text: str) -> ParseResult:
    """All calcium / magnesium values in a message. Never raises."""
    if not isinstance(text, str):
        return ParseResult([], [])
    text = _prepare(text)
    mentions = _find_mentions(text)
    hits = _collect_hits(text, mentions)
    _flag_ambiguous_lists(text, mentions, hits)
    items = [h.item for h in hits if h is not None and h.item is not None]
    return ParseResult(
        readings=[x for x in items if isinstance(x, LabReading)],
        problems=[x for x in items if isinstance(x, ParseProblem)],
    )


# --------------------------------------------------------------------------
# Assessment and wording
# --------------------------------------------------------------------------

def _fmt(x: float, max_decimals: int, min_decimals: int = 0) -> str:
    """Fixed decimals, trailing zeros trimmed down to min_decimals."""
    text = f"{x:.{max_decimals}f}"
    if "." not in text:
        return text
    whole, frac = text.split(".")
    frac = frac.rstrip("0").ljust(min_decimals, "0")
    return f"{whole}.{frac}" if frac else whole


def _mmol_decimals(unit: str) -> int:
    # Converted from mg/dL: 2 decimals (the article's precision). Given in
    # mmol/L or halved from mEq/L: exact, so keep up to 3.
    return 2 if unit == MG_DL else 3


def _fmt_mg_dl(test: str, x: float, given: bool = False) -> str:
    return _fmt(x, 3 if given else _MG_DL_DECIMALS[test], 1)


def assess(reading: LabReading, article_threshold: float | None) -> Assessment:
    """Place a reading (with a unit) against the reference range, the critical
    limits and the article's threshold (None where the article's line does not
    apply). Raises ValueError without a unit or for an impossible value."""
    if reading.unit is None:
        raise ValueError("reading has no unit; ask for it first")
    problem = check_plausible(reading)
    if problem is not None:
        raise ValueError(problem.reason)
    unit = _canonical_unit(reading.unit)
    mmol = to_mmol_per_l(reading.test, reading.value, unit)
    # Compare the number we show, so conversion round-off (8.0 mg/dL ->
    # 1.996 mmol/L) cannot contradict the text: "about 2 mmol/L ... is below 2".
    shown_mmol = round(mmol, _mmol_decimals(unit))
    mg_dl = reading.value if unit == MG_DL else to_mg_per_dl(reading.test, mmol)
    return Assessment(test=reading.test, value=reading.value, unit=unit, mmol_per_l=shown_mmol,
                      mg_per_dl=mg_dl, band=LIMITS[reading.test].band(shown_mmol),
                      article_threshold=article_threshold)


def _value_phrase(a: Assessment) -> str:
    """'1.8 mmol/L (about 7.2 mg/dL)', in the user's own unit first."""
    mmol = _fmt(a.mmol_per_l, _mmol_decimals(a.unit))
    mg_dl = _fmt(a.mg_per_dl, _distinct_decimals(a) if a.below_threshold else _MG_DL_DECIMALS[a.test], 1)
    if a.unit == MG_DL:
        return f"{_fmt_mg_dl(a.test, a.value, given=True)} mg/dL (about {mmol} mmol/L)"
    if a.unit == MEQ_L:
        return f"{_fmt(a.value, 3)} mEq/L ({mmol} mmol/L, about {mg_dl} mg/dL)"
    return f"{mmol} mmol/L (about {mg_dl} mg/dL)"


def _mmol_and_mg(test: str, mmol: float, decimals: int | None = None) -> str:
    decimals = _MG_DL_DECIMALS[test] if decimals is None else decimals
    return f"{_fmt(mmol, 3)} mmol/L (about {_fmt(to_mg_per_dl(test, mmol), decimals, 1)} mg/dL)"


def _distinct_decimals(a: Assessment) -> int:
    """One more mg/dL decimal when a value below the line would otherwise print the
    same figure as the line ("8.0" vs "8.0")."""
    decimals = _MG_DL_DECIMALS[a.test]
    line = to_mg_per_dl(a.test, a.article_threshold or 0.0)
    if a.unit != MG_DL and _fmt(a.mg_per_dl, decimals, 1) == _fmt(line, decimals, 1):
        return decimals + 1
    return decimals


def _range_text(test: str) -> str:
    (low, high), (low_mg, high_mg) = LIMITS[test].reference, LIMITS[test].reference_mg_dl
    return f"{_fmt(low, 2, 1)}-{_fmt(high, 2, 1)} mmol/L ({_fmt(low_mg, 1)}-{_fmt(high_mg, 1)} mg/dL)"


def critical_opening(a: Assessment, symptoms: bool) -> str | None:
    """The first line for a value past the critical limits; None otherwise."""
    if not a.band.critical:
        return None
    limits = LIMITS[a.test]
    low = a.band is Band.CRITICAL_LOW
    mmol, mg = (limits.critical[0], limits.critical_mg_dl[0]) if low else (
        limits.critical[1], limits.critical_mg_dl[1])
    limit = f"{'below' if low else 'above'} {_fmt(mmol, 2)} mmol/L or {_fmt(mg, 1)} mg/dL"
    if symptoms:
        return ("Please call your local emergency number now (112 in Europe, 911 in the US, "
                f"999 in the UK): a {limits.name} result that is {a.band.value} together "
                "with symptoms like these needs care straight away.")
    return (f"Please contact a doctor or urgent care today: this {limits.name} result is "
            f"{a.band.value} ({limit}), the level at which laboratories usually alert a "
            "doctor straight away.")


def describe(a: Assessment, symptoms: bool = False) -> str:
    """What the user reads: any critical warning first, then the article's threshold
    (the article's claim) and the reference range (general guidance), never a
    diagnosis, and the pointer to the doctor."""
    name = TEST_NAMES[a.test]
    parts = [critical_opening(a, symptoms) or ""]
    mine = _value_phrase(a)
    if a.article_threshold is None:
        parts.append(f"The article's 2 mmol/L line is for total calcium, so it does not apply to "
                     f"your {name} of {mine}.")
    elif a.below_threshold:
        parts.append(f"Your {name} of {mine} is below the article's threshold of "
                     f"{_mmol_and_mg(a.test, a.article_threshold, _distinct_decimals(a))}.")
    elif a.band in (Band.HIGH, Band.CRITICAL_HIGH):
        parts.append(f"Your {name} of {mine} is high. The article only gives a line for low "
                     f"{name} (below {_fmt(a.article_threshold, 3)} mmol/L), which says nothing "
                     "about a high value.")
    else:
        parts.append(f"Your {name} of {mine} is not below the article's threshold of "
                     f"{_mmol_and_mg(a.test, a.article_threshold)}.")
    parts.append("As general guidance (not from the article), the usual adult range for "
                 f"{LIMITS[a.test].name} "
                 f"is about {_range_text(a.test)}, and labs differ: this value is {a.band.value}.")
    parts.append("Ask your doctor to interpret your results.")
    return " ".join(p for p in parts if p)


# Symptoms that turn a critical value into an emergency (docs/medical-notes.md).
_SYMPTOMS = re.compile(
    r"\b(?:spasm\w*|(?:hands?|fingers|wrists?|throat|feet)\W+(?:\w+\W+){0,3}(?:cramp\w*|claw\w*"
    r"|lock\w*|stiff\w*|curl\w*)|cramp\w* (?:in|of) (?:my |his |her )?(?:hands?|throat|fingers)"
    r"|tingl\w*|numb\w*"
    r"|pins and needles|confus\w*|palpitat\w*|heart (?:is )?(?:racing|pounding|fluttering|skipping)"
    r"|faint\w*|passed out|black(?:ed)? out|breath\w*|throat)\b", re.I)


def reports_symptoms(text: str) -> bool:
    return bool(_SYMPTOMS.search(text[:MAX_SCAN_CHARS]))


def band_in_every_unit(test: str, value: float) -> Band | None:
    """The band a unitless value has whichever plausible unit it is in, when they all
    agree: then a critical value is said at once, without waiting for the unit."""
    bands = {LIMITS[test].band(to_mmol_per_l(test, value, unit))
             for unit in plausible_units(test, value)}
    return bands.pop() if len(bands) == 1 else None


def critical_without_unit(test: str, value: float, band: Band, symptoms: bool) -> str:
    name = LIMITS[test].name
    if symptoms:
        return ("Please call your local emergency number now (112 in Europe, 911 in the US, "
                f"999 in the UK): a {name} of {_fmt(value, 3)} is {band.value} in any unit labs "
                "use, and with symptoms like these it needs care straight away.")
    return (f"Please contact a doctor or urgent care today: a {name} of {_fmt(value, 3)} is "
            f"{band.value} in any unit labs use (mmol/L, mg/dL or mEq/L), the level at which "
            "laboratories usually alert a doctor straight away.")
