"""The tests and units, how users spell the units, and the conversions between them."""

from __future__ import annotations

import re

from actions.lab_limits import LIMITS
from actions.lab_values.text import _prepare

TESTS = ("calcium", "ionised_calcium", "magnesium")

MMOL_L = "mmol/L"
MG_DL = "mg/dL"
MEQ_L = "mEq/L"
UNITS = (MMOL_L, MG_DL, MEQ_L)

# medical-notes "Units": mg/dL x factor = mmol/L, and the reverse factor.
_MG_DL_TO_MMOL = {"calcium": 0.2495, "ionised_calcium": 0.2495, "magnesium": 0.4114}
_MMOL_TO_MG_DL = {"calcium": 4.008, "ionised_calcium": 4.008, "magnesium": 2.431}
# Both ions carry two charges, so 1 mmol/L = 2 mEq/L.
_MEQ_PER_MMOL = 2.0


# --------------------------------------------------------------------------
# Unit names as users type them (all bounded / linear)
# --------------------------------------------------------------------------

_LITRE = r"(?:litres?|liters?|ltr|lt|l)(?![a-z])"
_MMOL = rf"m(?:illi)?mol(?:e?s)?" rf"(?:\s*(?:/|per)\s*{_LITRE}|\s*l\s*-1(?![0-9])|(?!\s*(?:/|per\b)))"
_MGDL = (
    r"(?:mg|milligrams?|milligrammes?)\s*"
    r"(?:(?:/|per)\s*(?:dl|decilit(?:re|er)s?|100\s*ml)(?![a-z])"
    r"|dl(?![a-z])(?:-1(?![0-9]))?|%|percent(?![a-z]))"
)
_MEQ = rf"(?:meq|milli-?equivalents?)" rf"(?:\s*(?:/|per)\s*{_LITRE}|(?!\s*(?:/|per\b)))"
_UNIT_CORE = rf"(?:(?P<mmol>{_MMOL})|(?P<mgdl>{_MGDL})|(?P<meq>{_MEQ}))(?![a-z])"
_UNIT_PLAIN = rf"(?:{_MMOL}|{_MGDL}|{_MEQ})(?![a-z])"  # same, without groups

_UNIT_ANYWHERE = re.compile(rf"(?<![a-z]){_UNIT_CORE}", re.I)

_UNIT_BY_GROUP = {"mmol": MMOL_L, "mgdl": MG_DL, "meq": MEQ_L}


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
    return tuple(u for u in UNITS if low <= to_mmol_per_l(test, value, u) <= high)


# The units labs print calcium and magnesium in; mEq/L is rare for them.
COMMON_UNITS = (MMOL_L, MG_DL)


def unit_of_range(test: str, low: float, high: float) -> str | None:
    """The unit of a printed reference range "(0.70-1.00)": the one that puts it near
    the usual range; None if none or both do."""
    _check_test(test)
    ref_low, ref_high = LIMITS[test].reference
    units = [
        u
        for u in COMMON_UNITS
        if 0.8 * ref_low <= to_mmol_per_l(test, low, u) and to_mmol_per_l(test, high, u) <= 1.25 * ref_high
    ]
    return units[0] if len(units) == 1 else None
