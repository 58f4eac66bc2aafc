"""Every sentence the user reads about a lab value: problems, the assessment, critical warnings."""

from __future__ import annotations

from actions.lab_limits import LIMITS, Band
from actions.lab_values.readings import Assessment, ParseProblem
from actions.lab_values.units import MEQ_L, MG_DL, to_mg_per_dl

# How each test is named to the user.
TEST_NAMES = {"calcium": "calcium", "ionised_calcium": "ionised calcium", "magnesium": "magnesium"}


# Display precision for mg/dL: calcium values are ~9, magnesium ~2, so
# magnesium needs one more decimal to stay meaningful (0.75 -> 1.82).
_MG_DL_DECIMALS = {"calcium": 1, "ionised_calcium": 1, "magnesium": 2}


# --------------------------------------------------------------------------
# Problems (user-facing sentences)
# --------------------------------------------------------------------------


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _negative(test: str, raw: str) -> ParseProblem:
    return ParseProblem(
        test,
        raw,
        (
            f"A {test} level can't be negative, so \"{_shorten(raw)}\" can't be a "
            "blood test result. Please check the number on your report."
        ),
    )


def _impossible(test: str, raw: str, shown: str, unit: str | None) -> ParseProblem:
    where = f"{shown} {unit}" if unit else f"{shown} (in mmol/L, mg/dL or mEq/L)"
    return ParseProblem(
        test,
        raw,
        (
            f"A {test} level of {where} is far outside anything a blood test "
            "shows, so it may be a typo or a different unit. Please check the "
            "number and the unit on your report."
        ),
    )


def _urine(test: str, raw: str) -> ParseProblem:
    return ParseProblem(
        test,
        raw,
        (
            f"This looks like a urine {test} result. The article only gives "
            f"blood (serum) values, so I can't compare a urine result with it."
        ),
    )


def _unknown_unit(test: str, raw: str, unit: str) -> ParseProblem:
    return ParseProblem(
        test,
        raw,
        (
            f'I can\'t use the unit "{_shorten(unit, 20)}" for {test}. I can '
            "compare blood levels given in mmol/L, mg/dL or mEq/L."
        ),
    )


def _dose(test: str, raw: str) -> ParseProblem:
    return ParseProblem(
        test,
        raw,
        (
            f'"{_shorten(raw)}" looks like an amount (a dose), not a blood test '
            "result. If it is a blood test result, please give the unit, for "
            "example mmol/L or mg/dL."
        ),
    )


def _not_a_number(test: str, raw: str) -> ParseProblem:
    return ParseProblem(
        test,
        raw,
        (
            f'I couldn\'t find a number for {test} in "{_shorten(raw)}". Please '
            "type the value in digits, for example 1.8 mmol/L."
        ),
    )


def _ambiguous(test: str, raw: str) -> ParseProblem:
    return ParseProblem(
        test,
        raw,
        (
            "I can't tell which number belongs to which test. Please write each "
            'value right after its name, for example "calcium 2.1 mmol/L, '
            'magnesium 0.8 mmol/L".'
        ),
    )


def _short_number(num: str) -> str:
    return num if len(num) <= 20 else num[:19] + "…"


# --------------------------------------------------------------------------
# Numbers and assessments
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
    mmol, mg = (
        (limits.critical[0], limits.critical_mg_dl[0])
        if low
        else (limits.critical[1], limits.critical_mg_dl[1])
    )
    limit = f"{'below' if low else 'above'} {_fmt(mmol, 2)} mmol/L or {_fmt(mg, 1)} mg/dL"
    if symptoms:
        return (
            "Please call your local emergency number now (112 in Europe, 911 in the US, "
            f"999 in the UK): a {limits.name} result that is {a.band.value} together "
            "with symptoms like these needs care straight away."
        )
    return (
        f"Please contact a doctor or urgent care today: this {limits.name} result is "
        f"{a.band.value} ({limit}), the level at which laboratories usually alert a "
        "doctor straight away."
    )


def describe(a: Assessment, symptoms: bool = False) -> str:
    """What the user reads: any critical warning first, then the article's threshold
    (the article's claim) and the reference range (general guidance), never a
    diagnosis, and the pointer to the doctor."""
    name = TEST_NAMES[a.test]
    parts = [critical_opening(a, symptoms) or ""]
    mine = _value_phrase(a)
    if a.article_threshold is None:
        parts.append(
            f"The article's 2 mmol/L line is for total calcium, so it does not apply to "
            f"your {name} of {mine}."
        )
    elif a.below_threshold:
        parts.append(
            f"Your {name} of {mine} is below the article's threshold of "
            f"{_mmol_and_mg(a.test, a.article_threshold, _distinct_decimals(a))}."
        )
    elif a.band in (Band.HIGH, Band.CRITICAL_HIGH):
        parts.append(
            f"Your {name} of {mine} is high. The article only gives a line for low "
            f"{name} (below {_fmt(a.article_threshold, 3)} mmol/L), which says nothing "
            "about a high value."
        )
    else:
        parts.append(
            f"Your {name} of {mine} is not below the article's threshold of "
            f"{_mmol_and_mg(a.test, a.article_threshold)}."
        )
    parts.append(
        "As general guidance (not from the article), the usual adult range for "
        f"{LIMITS[a.test].name} "
        f"is about {_range_text(a.test)}, and labs differ: this value is {a.band.value}."
    )
    parts.append("Ask your doctor to interpret your results.")
    return " ".join(p for p in parts if p)


def critical_without_unit(test: str, value: float, band: Band | None, symptoms: bool) -> str:
    """`band` None: critically low in one unit and critically high in another."""
    name = LIMITS[test].name
    a_name = f"{'an' if name[0] in 'aeiou' else 'a'} {name}"  # "an ionised calcium"
    where = band.value if band else "critically low or critically high, depending on the unit,"
    if symptoms:
        return (
            "Please call your local emergency number now (112 in Europe, 911 in the US, "
            f"999 in the UK): {a_name} of {_fmt(value, 3)} is {where} in any unit labs "
            "use, and with symptoms like these it needs care straight away."
        )
    return (
        f"Please contact a doctor or urgent care today: {a_name} of {_fmt(value, 3)} is "
        f"{where} in any unit labs use (mmol/L, mg/dL or mEq/L), the level at which "
        "laboratories usually alert a doctor straight away."
    )
