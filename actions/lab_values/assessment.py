"""Place a reading against the article's threshold, the reference range and the critical limits."""

from __future__ import annotations

import re

from actions.lab_limits import LIMITS, Band
from actions.lab_values.readings import Assessment, LabReading, ParseProblem
from actions.lab_values.text import MAX_SCAN_CHARS
from actions.lab_values.units import MG_DL, _canonical_unit, plausible_units, to_mg_per_dl, to_mmol_per_l
from actions.lab_values.wording import _fmt, _impossible, _mmol_decimals, _negative


def check_plausible(reading: LabReading) -> ParseProblem | None:
    """Range check, also for a reading whose unit came in a later message.
    Without a unit, only values impossible in every unit are flagged."""
    if reading.value < 0:
        return _negative(reading.test, reading.raw)
    shown = _fmt(reading.value, 3) if reading.value < 1e6 else f"{reading.value:.3g}"
    if reading.unit is None:
        ok = plausible_units(reading.test, reading.value)
    else:
        ok = tuple(u for u in plausible_units(reading.test, reading.value) if u == reading.unit)
    return None if ok else _impossible(reading.test, reading.raw, shown, reading.unit)


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
    return Assessment(
        test=reading.test,
        value=reading.value,
        unit=unit,
        mmol_per_l=shown_mmol,
        mg_per_dl=mg_dl,
        band=LIMITS[reading.test].band(shown_mmol),
        article_threshold=article_threshold,
    )


# Symptoms that turn a critical value into an emergency (docs/medical-notes.md).
_SYMPTOMS = re.compile(
    r"\b(?:spasm\w*|(?:hands?|fingers|wrists?|throat|feet)\W+(?:\w+\W+){0,3}(?:cramp\w*|claw\w*"
    r"|lock\w*|stiff\w*|curl\w*)|cramp\w* (?:in|of) (?:my |his |her )?(?:hands?|throat|fingers)"
    r"|tingl\w*|numb\w*"
    r"|pins and needles|confus\w*|palpitat\w*|muddled|disorient\w*|not making sense"
    r"|(?:does not|doesn.?t|did not|didn.?t) (?:know|recogni[sz]e) (?:what day|where|who)"
    r"|heart(?:beat)? (?:\w+ ){0,3}(?:racing|pounding|fluttering|skipping|slow|irregular|odd|funny|weird"
    r"|thumping|all over the place|missing beats)"
    r"|faint\w*|pass(?:ed|ing)? out|black(?:ed|ing)? out|breath\w*|throat|weak|weakness"
    # a critically high value's signs: vomiting, drowsiness
    r"|vomit\w*|throwing up|drows\w*|(?:very|so) (?:sleepy|thirsty)|can t stay awake"
    r"|(?:being|been|feel|feeling|felt) sick|nause\w*|dizz\w*|light ?headed|flushed|groggy"
    r"|(?:very|so|really|extremely) (?:sleepy|tired)|hard to (?:wake|rouse)"
    r"|(?:can t|cannot|can not|won t|will not) (?:\w+ )?(?:wake|rouse)"
    # a seizure had, not one asked about ("could that cause seizures?")
    r"|(?:had|having|has had|just had) (?:a |another )?(?:seizure|fit|convulsion)|seizing|convulsing|fitting"
    # cramps or twitching going on as they write are a symptom with a critical value (tetany)
    r"|(?:twitch\w*|cramp\w*|jump\w*|jerk\w*) (?:\w+ ){0,3}(?:right now|now|as i (?:type|write|lie here)"
    r"|all over|non ?stop|all (?:evening|night|day))|still (?:twitch|cramp|jump|jerk)\w*)\b",
    re.I,
)


def reports_symptoms(text: str) -> bool:
    return bool(_SYMPTOMS.search(text[:MAX_SCAN_CHARS]))


def band_in_every_unit(test: str, value: float) -> Band | None:
    """The band a unitless value has whichever plausible unit it is in, when they all
    agree: then a critical value is said at once, without waiting for the unit."""
    bands = {LIMITS[test].band(to_mmol_per_l(test, value, unit)) for unit in plausible_units(test, value)}
    return bands.pop() if len(bands) == 1 else None


def critical_in_every_unit(test: str, value: float) -> bool:
    """Past a critical limit whichever plausible unit it is in, low in one and high in
    another included ("calcium 6.1": 6.1 mg/dL is critically low, 6.1 mEq/L high)."""
    units = plausible_units(test, value)
    return bool(units) and all(LIMITS[test].band(to_mmol_per_l(test, value, u)).critical for u in units)
