"""Find calcium / magnesium values in a message and read them into readings and problems.

Over 400 lines on purpose: the regexes (bounded, linear) and the small steps that use
them (test names, qualifiers, units, ranges, doses) read one message in one pass; the
wording, units and assessment already live in their own modules."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from actions.lab_values.assessment import check_plausible
from actions.lab_values.readings import LabReading, ParseProblem, ParseResult
from actions.lab_values.text import _prepare, _within_one_edit
from actions.lab_values.units import (
    _UNIT_ANYWHERE,
    _UNIT_CORE,
    _UNIT_PLAIN,
    _unit_of,
    to_mmol_per_l,
    unit_of_range,
)
from actions.lab_values.wording import (
    _ambiguous,
    _dose,
    _impossible,
    _negative,
    _not_a_number,
    _short_number,
    _unknown_unit,
    _urine,
)

# --------------------------------------------------------------------------
# Regular expressions (all bounded / linear)
# --------------------------------------------------------------------------

_UNIT_AFTER = re.compile(rf"\s*{_UNIT_CORE}", re.I)
# Units we recognise as units but cannot compare (micromol/L, mg/L, per day...).
_OTHER_UNIT = re.compile(
    r"\s*(?P<other>(?:[µμu]|micro|n|nano|p|pico)mol(?:e?s)?"
    r"(?:\s*(?:/|per)\s*[a-z0-9]{1,12})?"
    r"|(?:mmol|mol|meq|mg|g|[µμu]g|mcg|ng)\s*(?:/|per)\s*[a-z0-9]{1,12})(?![a-z])",
    re.I,
)
# An amount rather than a concentration: "calcium 600 mg" is a supplement dose.
_DOSE = re.compile(
    r"\s*(?P<dose>mg|milligrams?|g|grams?|mcg|[µμu]g|micrograms?|iu|units?"
    r"|tablets?|pills?|capsules?|caps)(?![a-z])",
    re.I,
)

_NUMBER = re.compile(
    r"(?P<sign>[-−–]\s?)?" r"(?P<num>(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:e[+-]?[0-9]{1,5})?)" r"(?![0-9])",
    re.I,
)
# "2.1-2.6" or "2.1 to 2.6" is a range (usually a reference range), not a result.
_RANGE_NEXT = re.compile(r"\s*(?:[-–—]|to(?![a-z]))\s*[0-9.]", re.I)
_GLUED_LETTER = re.compile(r"[^\W\d_]")

_FILLER_WORDS = (
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "of",
    "at",
    "in",
    "my",
    "the",
    "level",
    "levels",
    "reading",
    "readings",
    "result",
    "results",
    "value",
    "values",
    "came",
    "comes",
    "back",
    "as",
    "about",
    "around",
    "approximately",
    "approx",
    "roughly",
    "only",
    "just",
    "now",
    "currently",
    "exactly",
    "precisely",
    "still",
    "also",
    "like",
    "got",
    "get",
    "had",
    "has",
    "today",
    "measured",
    "shows",
    "showed",
    "says",
    "said",
    "reads",
    "read",
    "reported",
    "test",
    "tested",
    "serum",
    "total",
    "blood",
    "plasma",
    "corrected",
    "adjusted",
    "ionized",
    "ionised",
    "ionic",
    "free",
    "urine",
    "urinary",
    # comparison words are allowed here so we can recognise threshold questions
    "less",
    "lower",
    "below",
    "under",
    "beneath",
    "more",
    "greater",
    "higher",
    "above",
    "over",
    "than",
    "least",
    "most",
)
_FILLER_WORD_RE = "|".join(sorted(_FILLER_WORDS, key=len, reverse=True))
# Each repeat must consume a non-space token, so whitespace can be split only
# one way: no exponential backtracking.
_FILLER = re.compile(
    r"\s*(?:(?:"
    rf"\(\s*{_UNIT_PLAIN}\s*\)"
    rf"|(?:{_FILLER_WORD_RE})(?![a-z])"
    r"|'s(?![a-z])|’s(?![a-z])"
    r"|[:=~≈(\[)\]<>≤≥]|,(?![0-9])|[-–—−](?=\s)|\.{2,}|…+"  # "Calcium ...... 14.1"
    r")\s*){0,16}",
    re.I,
)
# "the lower limit for calcium is 2.1": a lab's limit quoted, not the user's result
_LIMIT_BEFORE = re.compile(
    r"(?<![a-z])(?:(?:lower|upper|bottom|top) (?:limit|end|bound|cut-?off)|(?:reference|normal|usual)"
    r" (?:range|limit|value)s?|cut-?off|threshold)(?: (?:for|of))?(?: (?:the|my|total|serum|blood))*\s*$",
    re.I,
)
_COMPARATOR = re.compile(
    r"(?<![a-z])(?:less|lower|below|under|beneath|more|greater|higher|above"
    r"|over|least|most)(?![a-z])|[<>≤≥]",
    re.I,
)
_QUALIFIER_WORD = re.compile(r"(?<![a-z])(?P<q>ioni[sz]ed|ionic|free|urine|urinary)(?![a-z])", re.I)
# A reference range printed after the value: "Magnesium, serum 0.82 (0.70-1.00)".
_PRINTED_RANGE = re.compile(
    r"\s*[(\[]\s*(?P<low>[0-9]+(?:[.,][0-9]+)?)\s*[-–—]\s*(?P<high>[0-9]+(?:[.,][0-9]+)?)\s*[)\]]"
)
# Qualifier after the value, as lab printouts put it: "Ca++ 0.95 (ionized)"; not the
# name of the next value ("total calcium 2.2 mmol/L, ionised calcium 1.1 mmol/L")
_QUALIFIER_AFTER = re.compile(
    r"\s*[(\[,]?\s*(?P<q>ioni[sz]ed|ionic)(?![a-z])(?!\s*[)\]]?\s*(?:[0-9]|[:=]\s*[0-9]|ca\b|ca\+|calc|cal\b|level|value))",
    re.I,
)
# Qualifier just before the test name: "ionized calcium", "urine total calcium".
_QUALIFIER_BEFORE = re.compile(
    r"(?<![a-z])(?P<q>ioni[sz]ed|ionic|free|urine|urinary)" r"(?:[\s-]+[a-z0-9]+)?[\s-]+$", re.I
)
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
    re.I,
)
_COMPARATOR_AT_END = re.compile(
    r"(?:(?<![a-z])(?:less|lower|more|greater|higher)\s+than|(?<![a-z])(?:below|under"
    r"|beneath|above|over)|[<>≤≥])\s*$",
    re.I,
)
_LIST_JOIN = re.compile(r"[\s,&/+]*(?:(?:and|or|plus)(?![a-z]))?[\s,&/+]*", re.I)

_LOOKBACK = 60


# --------------------------------------------------------------------------
# Test names
# --------------------------------------------------------------------------


# The names non-native writers bring from their own language ("my analysis say calcio 6.8").
_FOREIGN_NAMES = {
    "calcio": "calcium",
    "kalzium": "calcium",
    "kalsium": "calcium",
    "kalcium": "calcium",
    "cálcio": "calcium",
    "magnesio": "magnesium",
    "magnésium": "magnesium",
    "magnez": "magnesium",
    "magnézium": "magnesium",
    "magnésio": "magnesium",
}


def _name_test(word: str) -> str | None:
    """Which test a full word names, ignoring the ambiguous Ca / Mg."""
    w = word.lower()
    if w in _FOREIGN_NAMES:
        return _FOREIGN_NAMES[w]
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
    qualifier: str | None  # "ionized" | "urine" | None
    raw_start: int  # includes a qualifier before the name


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
    if test is None and (w == "ica" or (w in ("ionised", "ionized") and _value_follows(text, end))):
        # the abbreviation, or "my ionised was 0.74": only calcium is measured ionised
        test, qualifier = "calcium", "ionized"
    elif test is None and w == "ca":
        if _CA_TUMOUR_MARKER.match(text, end):
            return None
        test = "calcium"
    elif test is None and w == "mag" and _value_follows(text, end):  # "mag 1.4 mg/dl"
        test = "magnesium"
    elif test is None and w == "mg":
        if _MG_UNIT_NEXT.match(text, end):
            return None  # "mg/dL", "mg per dl", "mg%"
        before = text[max(0, start - 10) : start]
        if _DIGIT_BEFORE.search(before) and not _value_follows(text, end):
            return None  # "400 mg magnesium": a dose unit
        test = "magnesium"
    if test is None:
        return None
    if w in ("ca", "mg"):
        suffix = _ION_SUFFIX.match(text, end)
        end = suffix.end() if suffix else end
        if suffix and w == "ca":
            qualifier = ION_SIGN
    raw_start = start
    if qualifier in (None, ION_SIGN):
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
# Numbers
# --------------------------------------------------------------------------


def _to_float(num: str) -> float | None:
    """Decimal comma allowed; None for values too large to be finite."""
    try:
        value = float(num.replace(",", "."))
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    item: LabReading | ParseProblem | None  # None: consumed but ignored
    start: int
    end: int


_PRINTOUT_FLAG = re.compile(r"\s*(?:HH|LL|H|L|\*{1,2})(?![A-Za-z])")


def _unit_after(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """(unit, problem kind, end). Problem kind: "other" unit or "dose"."""
    unit = _UNIT_AFTER.match(text, pos)
    flag = _PRINTOUT_FLAG.match(text, pos)
    if not unit and flag:  # "CALCIUM 11.8 H mg/dL": the printout's high/low flag first
        unit = _UNIT_AFTER.match(text, flag.end())
    if unit:
        return _unit_of(unit), None, unit.end()
    other = _OTHER_UNIT.match(text, pos)
    if other:
        return other.group("other"), "other", other.end()
    dose = _DOSE.match(text, pos)
    if dose and not (dose.group("dose").lower() == "mg" and _value_follows(text, dose.end())):
        return None, "dose", dose.end()
    return None, None, pos


# "Ca++" / "Ca2+" is how blood-gas printouts name ionised calcium; a value of total
# calcium's size (2 mmol/L or more) written that way is read as total calcium, so a
# normal total is never called critically high ionised calcium.
ION_SIGN = "ion_sign"
_TOTAL_SIZED_MMOL = 2.0


def _ionised_size(num: str, unit: str | None) -> bool:
    value = _to_float(num)
    if value is None:
        return True
    return to_mmol_per_l("calcium", value, unit or "mmol/L") < _TOTAL_SIZED_MMOL


def _make_item(
    test: str,
    qualifier: str | None,
    sign: str | None,
    num: str,
    unit: str | None,
    unit_problem: str | None,
    raw: str,
) -> LabReading | ParseProblem:
    if qualifier == ION_SIGN:
        qualifier = "ionized" if _ionised_size(num, unit) else None
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
    if q and qualifier in (None, ION_SIGN):
        qualifier = _qualifier_kind(q.group("q"))
    if number is None:
        junk = _JUNK_THEN_UNIT.match(text, filler.end())
        if junk is None:
            return None
        raw = text[mention.raw_start : junk.end()].strip()
        return _Hit(_not_a_number(mention.test, raw), mention.start, junk.end())
    before = text[max(0, mention.raw_start - 40) : mention.raw_start]
    if _COMPARATOR.search(filler.group()) or _LIMIT_BEFORE.search(before):
        return _Hit(None, mention.start, number.end())  # threshold question
    if _RANGE_NEXT.match(text, number.end()):
        return _Hit(None, mention.start, number.end())  # a range, not a result
    unit, unit_problem, end = _unit_after(text, number.end())
    if end == number.end() and _GLUED_LETTER.match(text, end):
        return None  # "2nd", "9am", "3x"
    pre_unit = _UNIT_ANYWHERE.search(filler.group())
    if unit is None and unit_problem is None and pre_unit:
        unit = _unit_of(pre_unit)  # "calcium (mmol/L): 1.8"
    after = _QUALIFIER_AFTER.match(text, end)
    if after and qualifier in (None, ION_SIGN):
        qualifier = _qualifier_kind(after.group("q"))
    printed = _PRINTED_RANGE.match(text, end) if unit is None and unit_problem is None else None
    if printed:
        low, high = _to_float(printed.group("low")), _to_float(printed.group("high"))
        test = "ionised_calcium" if qualifier == "ionized" and mention.test == "calcium" else mention.test
        if low is not None and high is not None and low < high:
            unit = unit_of_range(test, low, high)
    raw = text[mention.raw_start : end].strip()
    item = _make_item(
        mention.test, qualifier, number.group("sign"), number.group("num"), unit, unit_problem, raw
    )
    return _Hit(item, mention.start, end)


def _read_before(text: str, mention: _Mention, free_from: int) -> _Hit | None:
    """A value written before the test name: "1.8 mmol/L calcium"."""
    window_start = max(free_from, mention.start - _LOOKBACK)
    match = _VALUE_BEFORE.search(text[window_start : mention.start])
    if match is None:
        return None
    start = window_start + match.start()
    if _COMPARATOR_AT_END.search(text[max(0, start - 20) : start]):
        return _Hit(None, start, mention.end)  # "< 2 mmol/L calcium"
    raw = text[start : mention.end].strip()
    item = _make_item(
        mention.test, mention.qualifier, match.group("sign"), match.group("num"), _unit_of(match), None, raw
    )
    return _Hit(item, start, mention.end)


# The article's own number, not a result: "the 2 mmol/L calcium figure", "the article's 2 mmol/L"
_FIGURE_AFTER = re.compile(r"\s*(?:figure|threshold|cut-?off|line|limit|mark|number|rule)\b", re.I)
_ARTICLE_BEFORE = re.compile(r"article(?:'s|’s|s)\s*$", re.I)  # not "its": "my calcium its 1.9"


_ARTICLE_FIGURE = re.compile(
    rf"article(?:'s|’s|s)\s*(?:\w+\s+)?[0-9.,]+\s*{_UNIT_PLAIN}|[0-9.,]+\s*{_UNIT_PLAIN}\s*(?:\w+\s+)?"
    r"(?:figure|threshold|cut-?off|line|limit|mark|number|rule)\b",
    re.I,
)


def quotes_the_article(text: str) -> bool:
    """The message quotes the article's number ("the 2 mmol/L calcium figure")."""
    return bool(_ARTICLE_FIGURE.search(_prepare(text)))


def _the_article_s_figure(text: str, hit: _Hit) -> bool:
    return bool(
        _FIGURE_AFTER.match(text, hit.end) or _ARTICLE_BEFORE.search(text[max(0, hit.start - 12) : hit.start])
    )


def _collect_hits(text: str, mentions: list[_Mention]) -> list[_Hit | None]:
    hits: list[_Hit | None] = [None] * len(mentions)
    consumed = 0
    for i, mention in enumerate(mentions):
        if mention.start < consumed:
            continue  # inside a value already read ("mg/dL")
        hits[i] = _read_after(text, mention)
        if hits[i] is None:
            hits[i] = _read_before(text, mention, consumed)
        hit = hits[i]
        if hit is not None:
            consumed = hit.end
            if isinstance(hit.item, LabReading) and _the_article_s_figure(text, hit):
                hits[i] = _Hit(None, hit.start, hit.end)
    return hits


def _flag_ambiguous_lists(text: str, mentions: list[_Mention], hits: list[_Hit | None]) -> None:
    """'calcium and magnesium are 2.1 and 0.8': the number after magnesium may
    be calcium's, so report it instead of guessing."""
    for i in range(len(mentions) - 1):
        first, second = mentions[i], mentions[i + 1]
        hit = hits[i + 1]
        if hits[i] is not None or hit is None or first.test == second.test:
            continue
        if not isinstance(hit.item, LabReading):
            continue
        gap_is_short = second.start - first.end <= 20  # keeps the regex cheap
        if gap_is_short and _LIST_JOIN.fullmatch(text, first.end, second.start):
            raw = text[first.start : hit.end].strip()
            hits[i + 1] = _Hit(_ambiguous(second.test, raw), hit.start, hit.end)


# One unit said for every value: "magnesium 0.81 and calcium 2.28, both mmol/L".
_SHARED_UNIT = re.compile(
    rf"(?<![a-z])(?:both|all|each|all of them|everything|all values|all results|units? (?:are|is|were))"
    rf"\s+(?:(?:are|were|is|in)\s+)?{_UNIT_CORE}",
    re.I,
)


def _with_shared_unit(text: str, readings: list[LabReading]) -> list[LabReading]:
    shared = _SHARED_UNIT.search(text)
    if shared is None:
        return readings
    unit = _unit_of(shared)
    return [r if r.unit else replace(r, unit=unit) for r in readings]


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
        readings=_with_shared_unit(text, [x for x in items if isinstance(x, LabReading)]),
        problems=[x for x in items if isinstance(x, ParseProblem)],
    )
