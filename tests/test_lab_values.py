"""Tests for actions/lab_values/: what the user types, and what they see.

Over 400 lines on purpose: one table-driven test per parsing or wording rule of
actions/lab_values/, kept beside the tables they share.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from actions.lab_limits import Band
from actions.lab_values import (
    MAX_SCAN_CHARS,
    TESTS,
    LabReading,
    ParseResult,
    assess,
    check_plausible,
    describe,
    find_unit,
    mentions_lab_test,
    parse_lab_values,
    reports_symptoms,
    to_mg_per_dl,
    to_mmol_per_l,
)

# The article's thresholds in mmol/L (section 2); the knowledge file carries them.
ARTICLE_THRESHOLDS = {"calcium": 2.0, "magnesium": 0.75}
CALCIUM = ARTICLE_THRESHOLDS["calcium"]
MAGNESIUM = ARTICLE_THRESHOLDS["magnesium"]
CA_RANGE = (
    "As general guidance (not from the article), the usual adult range for total calcium "
    "is about 2.1-2.6 mmol/L (8.5-10.2 mg/dL), and labs differ:"
)
ASK = "Ask your doctor to interpret your results."


def readings_of(text: str) -> list[tuple[str, float, str | None]]:
    return [(r.test, r.value, r.unit) for r in parse_lab_values(text).readings]


# --------------------------------------------------------------------------
# Parser: messages that hold a usable reading
# --------------------------------------------------------------------------

READINGS = [
    # the brief's examples
    ("my calcium is 1.8 mmol/L", [("calcium", 1.8, "mmol/L")]),
    ("Ca 7.2 mg/dL", [("calcium", 7.2, "mg/dL")]),
    ("magnesium 0.6", [("magnesium", 0.6, None)]),
    ("Mg 2.3 mg/dl, calcium 9.6", [("magnesium", 2.3, "mg/dL"), ("calcium", 9.6, None)]),
    ("blood test says calcium 1.8 mmol/L", [("calcium", 1.8, "mmol/L")]),
    ("Mg of 0.88 mmol per litre, too low?", [("magnesium", 0.88, "mmol/L")]),
    ("calcium reading was 6.8 mg/dL", [("calcium", 6.8, "mg/dL")]),
    ("my calcium result was 1.6", [("calcium", 1.6, None)]),
    # test-name variants and typos
    ("Serum calcium: 2.2 mmol/L", [("calcium", 2.2, "mmol/L")]),
    ("total calcium = 2.3 mmol/l", [("calcium", 2.3, "mmol/L")]),
    ("Ca2+ 2.1 mmol/L", [("calcium", 2.1, "mmol/L")]),
    ("calcuim 1.8 mmol/L", [("calcium", 1.8, "mmol/L")]),
    ("calsium level 1.9", [("calcium", 1.9, None)]),
    ("magnesuim 0.6 mmol/L", [("magnesium", 0.6, "mmol/L")]),
    ("MAGNEZIUM: 0.7", [("magnesium", 0.7, None)]),
    ("CALCIUM 2.3 MMOL/L", [("calcium", 2.3, "mmol/L")]),
    ("my calcium's 2.05", [("calcium", 2.05, None)]),
    ("calcium came back at 2.4", [("calcium", 2.4, None)]),
    # number formats
    ("calcium 1,8 mmol/l", [("calcium", 1.8, "mmol/L")]),
    ("magnesium .75 mmol/L", [("magnesium", 0.75, "mmol/L")]),
    ("calcium 2", [("calcium", 2.0, None)]),
    ("calcium ١٫٨ mmol/L", [("calcium", 1.8, "mmol/L")]),  # Arabic-Indic digits
    ("calcium １.８ mmol/L", [("calcium", 1.8, "mmol/L")]),  # full-width digits
    ("🧪 calcium 1.8 mmol/L 😟 too low?", [("calcium", 1.8, "mmol/L")]),
    # unit spellings
    ("magnesium 0.9mg/dL", [("magnesium", 0.9, "mg/dL")]),
    ("Mg 2.3 mg per dl", [("magnesium", 2.3, "mg/dL")]),
    ("Ca 9.6 mg%", [("calcium", 9.6, "mg/dL")]),
    ("calcium 8.5 milligrams per deciliter", [("calcium", 8.5, "mg/dL")]),
    ("calcium 2.2 millimol/L", [("calcium", 2.2, "mmol/L")]),
    ("magnesium 0.7 millimoles per liter", [("magnesium", 0.7, "mmol/L")]),
    ("calcium 1.8 mmol l-1", [("calcium", 1.8, "mmol/L")]),
    ("calcium 2.1 mmol", [("calcium", 2.1, "mmol/L")]),
    ("calcium 4 mEq/L", [("calcium", 4.0, "mEq/L")]),
    ("magnesium level 1.6 milliequivalents per litre", [("magnesium", 1.6, "mEq/L")]),
    ("calcium (mmol/L): 1.8", [("calcium", 1.8, "mmol/L")]),
    # value before the name
    ("1.8 mmol/L calcium", [("calcium", 1.8, "mmol/L")]),
    ("0.9mg/dL magnesium", [("magnesium", 0.9, "mg/dL")]),
    # Mg before a number is the test even right after another value
    ("Ca 9.6 Mg 2.0", [("calcium", 9.6, None), ("magnesium", 2.0, None)]),
    # read aloud or by voice; a whole number only with a unit ("one in five" stays words)
    ("Calcium one point five mmol/L, is that dangerous", [("calcium", 1.5, "mmol/L")]),
    ("ionised calcium zero point six eight", [("ionised_calcium", 0.68, None)]),
    ("calcium fifteen mg/dl, can I wait", [("calcium", 15.0, "mg/dL")]),
    # a lab printout: qualifier after the value, the reference range gives the unit
    ("Ca++ 0.95 (ionized)", [("ionised_calcium", 0.95, None)]),
    ("Ca++ 1.25 mmol/L ionised", [("ionised_calcium", 1.25, "mmol/L")]),
    # ...but the next value's name is not a qualifier of this one
    (
        "total calcium 2.2 mmol/L, ionised calcium 1.1 mmol/L",
        [("calcium", 2.2, "mmol/L"), ("ionised_calcium", 1.1, "mmol/L")],
    ),
    (
        "Ca 2.2 mmol/L ionized Ca 1.15 mmol/L",
        [("calcium", 2.2, "mmol/L"), ("ionised_calcium", 1.15, "mmol/L")],
    ),
    ("Magnesium, serum 0.82 (0.70-1.00)", [("magnesium", 0.82, "mmol/L")]),
    ("Calcium 9.1 (8.5-10.2)", [("calcium", 9.1, "mg/dL")]),
    # a number in a later comparison is not a second reading
    ("is my calcium of 1.9 below 2?", [("calcium", 1.9, None)]),
    # one unit said for both values; a one-typo "ionised" still picks ionised calcium
    (
        "magnesium 0.81 and calcium 2.28, both mmol/L - is the calcium ok?",
        [("magnesium", 0.81, "mmol/L"), ("calcium", 2.28, "mmol/L")],
    ),
    ("ionsed calcium 2.5 mEq/L", [("ionised_calcium", 2.5, "mEq/L")]),
]


def test_number_words_without_a_unit_or_point_stay_words() -> None:
    assert not parse_lab_values("does calcium help one in five women")


@pytest.mark.parametrize("text, expected", READINGS)
def test_parser_reads_values(text: str, expected: list) -> None:
    result = parse_lab_values(text)
    assert readings_of(text) == expected
    assert result.problems == []
    assert bool(result) is True


def test_reading_keeps_the_users_text_for_messages() -> None:
    [reading] = parse_lab_values("Mg of 0.88 mmol per litre, too low?").readings
    assert reading.raw == "Mg of 0.88 mmol per litre"


def test_several_values_each_with_its_own_test_in_order() -> None:
    text = "calcium 2.3 mmol/L and magnesium 0.6 mmol/L, also Ca 9.1 mg/dL"
    assert readings_of(text) == [
        ("calcium", 2.3, "mmol/L"),
        ("magnesium", 0.6, "mmol/L"),
        ("calcium", 9.1, "mg/dL"),
    ]


def test_reading_and_problem_in_one_message() -> None:
    result = parse_lab_values("calcium -2 mmol/L, magnesium 0.8 mmol/L")
    assert [(r.test, r.value) for r in result.readings] == [("magnesium", 0.8)]
    assert [p.test for p in result.problems] == ["calcium"]


# --------------------------------------------------------------------------
# Parser: messages that hold a value we must refuse, with a reason
# --------------------------------------------------------------------------

PROBLEMS = [
    ("calcium -2 mmol/L", "calcium", "can't be negative"),
    ("calcium: -2", "calcium", "can't be negative"),
    ("magnesium −0.5 mmol/L", "magnesium", "can't be negative"),  # U+2212 minus
    ("calcium 50 mmol/L", "calcium", "far outside anything a blood test shows"),
    ("magnesium 30 mmol/L", "magnesium", "far outside anything a blood test shows"),
    ("calcium 0", "calcium", "far outside anything a blood test shows"),
    ("calcium 500", "calcium", "far outside anything a blood test shows"),
    ("calcium 0.2 mmol/L", "calcium", "may be a typo or a different unit"),
    ("calcium 1e308", "calcium", "far outside anything a blood test shows"),
    ("calcium 1e999", "calcium", "far outside anything a blood test shows"),
    ("calcium 99999999999999999999", "calcium", "far outside anything a blood test shows"),
    ("calcium is abc mmol/L", "calcium", "couldn't find a number"),
    ("urine calcium 5 mmol/L", "calcium", "blood (serum) values"),
    ("24-hour urine calcium 200 mg/day", "calcium", "blood (serum) values"),
    ("calcium in my urine was 5 mmol/day", "calcium", "blood (serum) values"),
    ("calcium 2400 umol/L", "calcium", "mmol/L, mg/dL or mEq/L"),
    ("magnesium 0.7 mmol/day", "magnesium", "mmol/L, mg/dL or mEq/L"),
    ("calcium 600 mg a day", "calcium", "looks like an amount (a dose)"),
    ("calcium and magnesium are 2.1 and 0.8", "magnesium", "which number belongs"),
]


@pytest.mark.parametrize("text, test, reason_part", PROBLEMS)
def test_parser_reports_problems(text: str, test: str, reason_part: str) -> None:
    result = parse_lab_values(text)
    assert result.readings == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.test == test
    assert reason_part in problem.reason
    assert problem.reason.endswith(".")  # a full sentence for the user
    assert bool(result) is True


def test_impossible_value_message_names_value_and_unit() -> None:
    [problem] = parse_lab_values("calcium 50 mmol/L").problems
    assert problem.reason.startswith("A calcium level of 50 mmol/L is far outside")
    assert problem.raw == "calcium 50 mmol/L"


@pytest.mark.parametrize(
    "text", ["ionized calcium 1.1 mmol/L", "ionised calcium is 1.15", "calcium (ionized) 1.1"]
)
def test_ionised_calcium_is_its_own_test(text: str) -> None:
    [reading] = parse_lab_values(text).readings
    assert reading.test == "ionised_calcium"


@pytest.mark.parametrize(
    ("text", "test"),
    [
        ("my Ca++ is 0.98 mmol/L", "ionised_calcium"),  # a blood-gas printout's name
        ("Ca2+ 1.46 mmol/L", "ionised_calcium"),
        ("Ca++ 2.35 mmol/L", "calcium"),  # total calcium's size: never a critical ionised value
    ],
)
def test_ca_plus_plus_is_ionised_when_it_has_ionised_size(text: str, test: str) -> None:
    [reading] = parse_lab_values(text).readings
    assert reading.test == test


def test_nought_point_reads_as_a_number() -> None:
    [reading] = parse_lab_values("magnesium nought point eight five millimoles per litre").readings
    assert (reading.value, reading.unit) == (0.85, "mmol/L")


def test_huge_number_message_stays_short() -> None:
    [problem] = parse_lab_values("calcium " + "9" * 500).problems
    assert len(problem.reason) < 300


# --------------------------------------------------------------------------
# Parser: messages that hold no reading at all
# --------------------------------------------------------------------------

NOTHING = [
    "",
    "   \n\t ",
    "calcium is high",
    "my calcium is low",
    "What serum calcium value counts as low here?",
    "what calcium value counts as low?",
    "Mg threshold pls",
    "Please tell me the blood numbers of calcium, also magnesium",
    "magnesium: where is the line for too low?",
    "is calcium less than 2 mmol/L low?",
    "what if my calcium is under 2?",
    "calcium < 2 mmol/L",
    "is magnesium below 0.75 bad?",
    "< 2 mmol/L calcium?",
    "Calcium 2.1-2.6 mmol/L is the normal range",
    "I take 400 mg magnesium",
    "CA 125 is 35",
    "2 mmol/L",  # a number without a test
    "🙂🙂🙂",
    "calcium 💀",
]


@pytest.mark.parametrize("text", NOTHING)
def test_parser_finds_nothing(text: str) -> None:
    result = parse_lab_values(text)
    assert result.readings == []
    assert result.problems == []
    assert bool(result) is False


@pytest.mark.parametrize("value", [None, 42, b"calcium 1.8", ["calcium 1.8"]])
def test_non_text_input_does_not_raise(value: object) -> None:
    assert not parse_lab_values(value)  # type: ignore[arg-type]
    assert mentions_lab_test(value) is None  # type: ignore[arg-type]
    assert find_unit(value) is None  # type: ignore[arg-type]


HUGE = [
    "my calcium is 1.8 mmol/L " * 5000,
    "calcium" + " " * 100_000 + "1.8",
    "calcium " + "9" * 100_000,
    "calcium " + "is " * 40_000,
    "Mg " * 35_000,
    "calcium " + "(" * 100_000,
    "ﷺ" * 100_000,  # expands 18x under NFKC
]


@pytest.mark.parametrize("text", HUGE)
def test_huge_inputs_do_not_raise(text: str) -> None:
    result = parse_lab_values(text)
    assert isinstance(result, ParseResult)


def test_huge_input_reads_only_the_start() -> None:
    text = "my calcium is 1.8 mmol/L " * 5000  # 125 KB
    readings = parse_lab_values(text).readings
    assert 0 < len(readings) <= MAX_SCAN_CHARS // len("calcium 1.8 mmol/L")
    assert all(r.value == 1.8 and r.unit == "mmol/L" for r in readings)


# --------------------------------------------------------------------------
# Unit follow-up: "my calcium result was 1.6" ... "it was in millimoles per litre"
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, unit",
    [
        ("sorry, it was in millimoles per litre", "mmol/L"),
        ("mmol/l", "mmol/L"),
        ("it's mmol", "mmol/L"),
        ("mg/dl", "mg/dL"),
        ("in mg per dL, sorry", "mg/dL"),
        ("milligrams per decilitre", "mg/dL"),
        ("meq/l", "mEq/L"),
        ("milliequivalents per litre", "mEq/L"),
        ("I don't know", None),
        ("milligrams", None),  # an amount, not a concentration
        ("not mg/dL, it was mmol/L", None),  # two units: ask again, don't guess
        ("", None),
    ],
)
def test_find_unit(text: str, unit: str | None) -> None:
    assert find_unit(text) == unit


def test_unit_follow_up_completes_the_reading() -> None:
    [reading] = parse_lab_values("my calcium result was 1.6").readings
    assert reading.unit is None
    unit = find_unit("sorry, it was in millimoles per litre")
    assert unit is not None
    complete = replace(reading, unit=unit)
    assert (complete.test, complete.value, complete.unit) == ("calcium", 1.6, "mmol/L")
    assert check_plausible(complete) is None
    text = describe(assess(complete, CALCIUM))
    assert "Your calcium of 1.6 mmol/L (about 6.4 mg/dL) is below" in text


def test_unit_from_follow_up_can_make_the_value_impossible() -> None:
    [reading] = parse_lab_values("calcium 9.6").readings  # fine in mg/dL
    assert check_plausible(replace(reading, unit="mg/dL")) is None
    problem = check_plausible(replace(reading, unit="mmol/L"))
    assert problem is not None
    assert "A calcium level of 9.6 mmol/L is far outside" in problem.reason
    with pytest.raises(ValueError):
        assess(replace(reading, unit="mmol/L"), CALCIUM)


# --------------------------------------------------------------------------
# mentions_lab_test
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, test",
    [
        ("what about calcium?", "calcium"),
        ("Ca threshold", "calcium"),
        ("calcuim", "calcium"),
        ("calsium levels", "calcium"),
        ("Mg threshold pls", "magnesium"),
        ("magnesuim", "magnesium"),
        ("magnezium?", "magnesium"),
        ("ionized calcium", "calcium"),
        ("magnesium and calcium", "magnesium"),  # the first one named
        ("mg/dl", None),  # a unit, not magnesium
        ("400 mg", None),
        ("CA 19-9", None),  # tumour marker
        ("can cramps be stopped", None),
        ("calcify", None),
        ("", None),
    ],
)
def test_mentions_lab_test(text: str, test: str | None) -> None:
    assert mentions_lab_test(text) == test


# --------------------------------------------------------------------------
# Conversions
# --------------------------------------------------------------------------


def test_conversions_match_the_medical_notes() -> None:
    assert to_mmol_per_l("calcium", 8.0, "mg/dL") == pytest.approx(2.0, abs=0.01)
    assert to_mmol_per_l("magnesium", 1.82, "mg/dL") == pytest.approx(0.75, abs=0.005)
    assert to_mmol_per_l("calcium", 4, "mEq/L") == 2.0
    assert to_mmol_per_l("magnesium", 1.5, "mEq/L") == 0.75
    assert to_mmol_per_l("calcium", 2.2, "mmol/L") == 2.2
    assert to_mg_per_dl("calcium", 2.0) == pytest.approx(8.016)
    assert to_mg_per_dl("magnesium", 0.75) == pytest.approx(1.823, abs=0.001)


def test_conversion_rejects_unknown_test_or_unit() -> None:
    with pytest.raises(ValueError):
        to_mmol_per_l("potassium", 4.0, "mmol/L")
    with pytest.raises(ValueError):
        to_mmol_per_l("calcium", 4.0, "g/L")


# --------------------------------------------------------------------------
# assess(): strictly below, at the boundary
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "test, value, unit, below",
    [
        ("calcium", 2.0, "mmol/L", False),  # exactly the threshold: not below
        ("calcium", 1.99, "mmol/L", True),
        ("calcium", 2.01, "mmol/L", False),
        ("calcium", 8.0, "mg/dL", False),  # ~2.0 mmol/L
        ("calcium", 7.9, "mg/dL", True),
        ("calcium", 4, "mEq/L", False),  # = 2 mmol/L
        ("calcium", 3.9, "mEq/L", True),
        ("magnesium", 0.75, "mmol/L", False),
        ("magnesium", 0.74, "mmol/L", True),
        ("magnesium", 1.82, "mg/dL", False),  # ~0.75 mmol/L
        ("magnesium", 1.7, "mg/dL", True),
        ("magnesium", 1.5, "mEq/L", False),
    ],
)
def test_below_threshold_boundary(test: str, value: float, unit: str, below: bool) -> None:
    reading = LabReading(test, value, unit, f"{test} {value} {unit}")
    result = assess(reading, ARTICLE_THRESHOLDS[test])
    assert result.below_threshold is below
    assert result.unit == unit
    assert result.value == value


def test_assess_fills_both_units_and_the_band() -> None:
    result = assess(LabReading("calcium", 7.2, "mg/dL", ""), CALCIUM)
    assert result.mg_per_dl == 7.2
    assert result.mmol_per_l == pytest.approx(1.8, abs=0.001)
    assert result.article_threshold == 2.0
    assert result.band is Band.LOW


def test_assess_needs_a_unit() -> None:
    with pytest.raises(ValueError):
        assess(LabReading("calcium", 1.8, None, "calcium 1.8"), CALCIUM)


def test_the_tests_it_reads() -> None:
    assert set(TESTS) == {"calcium", "ionised_calcium", "magnesium"}


# --------------------------------------------------------------------------
# describe(): the text the user reads
# --------------------------------------------------------------------------


def _describe(test: str, value: float, unit: str) -> str:
    return describe(assess(LabReading(test, value, unit, ""), ARTICLE_THRESHOLDS[test]))


def test_describe_calcium_below_in_mmol() -> None:
    assert _describe("calcium", 1.8, "mmol/L") == (
        "Your calcium of 1.8 mmol/L (about 7.2 mg/dL) is below the article's "
        "threshold of 2 mmol/L (about 8.0 mg/dL). " + CA_RANGE + " this value is below the "
        "usual range. " + ASK
    )


def test_describe_calcium_in_mg_dl() -> None:
    assert _describe("calcium", 7.2, "mg/dL").startswith(
        "Your calcium of 7.2 mg/dL (about 1.8 mmol/L) is below the article's "
        "threshold of 2 mmol/L (about 8.0 mg/dL)."
    )


def test_describe_magnesium_not_below() -> None:
    assert _describe("magnesium", 2.3, "mg/dL").startswith(
        "Your magnesium of 2.3 mg/dL (about 0.95 mmol/L) is not below the "
        "article's threshold of 0.75 mmol/L (about 1.82 mg/dL)."
    )


def test_describe_boundary_says_not_below() -> None:
    text = _describe("calcium", 2.0, "mmol/L")
    assert "Your calcium of 2 mmol/L (about 8.0 mg/dL) is not below" in text


def test_describe_shows_meq_when_given_in_meq() -> None:
    assert _describe("calcium", 3.6, "mEq/L").startswith(
        "Your calcium of 3.6 mEq/L (1.8 mmol/L, about 7.2 mg/dL) is below"
    )


def test_describe_rounds_numbers_sensibly() -> None:
    text = _describe("calcium", 7.1999999, "mg/dL")
    assert "7.2 mg/dL (about 1.8 mmol/L)" in text
    assert "0000" not in _describe("magnesium", 0.6, "mmol/L")
    assert "(about 1.46 mg/dL)" in _describe("magnesium", 0.6, "mmol/L")


def test_describe_never_shows_equal_numbers_for_a_value_below() -> None:
    text = _describe("calcium", 1.99, "mmol/L")
    assert "is below" in text
    assert "(about 7.98 mg/dL)" in text and "(about 8.02 mg/dL)" in text


def test_a_high_value_is_high_never_not_below() -> None:
    text = _describe("calcium", 2.9, "mmol/L")
    assert "is high" in text and "not below" not in text
    assert "above the usual range" in text


def test_describe_ends_with_the_doctor_and_does_not_diagnose() -> None:
    for test, value, unit in [("calcium", 1.8, "mmol/L"), ("magnesium", 2.3, "mg/dL")]:
        text = _describe(test, value, unit)
        assert text.endswith(ASK)
        lowered = text.lower()
        for word in ("you have", "hypocalc", "hypomag", "deficien", "supplement", " mg "):
            assert word not in lowered


def test_mag_with_a_value_is_magnesium():
    from actions.lab_values import parse_lab_values

    readings = parse_lab_values("mag 1.4 mg/dl, low?").readings
    assert [(r.test, r.value, r.unit) for r in readings] == [("magnesium", 1.4, "mg/dL")]


@pytest.mark.parametrize(
    ("text", "has_symptoms"),
    [
        ("calcium 6.4 mg/dL and my calves are still cramping now", True),
        ("calcium 3.1 mmol/L and I can't stop being sick since last night", True),
        ("my mother's calcium is 4.2 mmol/L and she is very hard to wake up", True),
        ("my husband just had a seizure, his calcium was 1.45 mmol/L", True),
        ("calcium 1.7 mmol/L, could that cause seizures?", False),  # asked, not had
        ("magnesium 0.4 mmol/L, I feel fine", False),
        # blind red-flag set dev15
        ("Ca 3.4 mmol on Tuesday, today I keep nearly passing out and my heart is all over the place", True),
    ],
)
def test_symptoms_that_make_a_critical_value_an_emergency(text: str, has_symptoms: bool) -> None:
    assert reports_symptoms(text) is has_symptoms


def test_a_lab_s_quoted_limit_is_no_result() -> None:
    """ "the lower limit for calcium is 2.1, but the article says 2" asks about the
    threshold; it must not be read as the user's result and its unit asked (dev9)."""
    text = (
        "My lab's sheet says the lower limit for calcium is 2.1, but the article says 2. "
        "Which one is right?"
    )
    assert not parse_lab_values(text).readings
    assert parse_lab_values("my calcium is 2.1 mmol/L").readings


def test_ionised_alone_before_a_value_is_ionised_calcium() -> None:
    # blind red-flag set dev15: "my ionised was 0.74, total wasn't done"
    [reading] = parse_lab_values("my ionised was 0.74, total wasn't done").readings
    assert (reading.test, reading.value) == ("ionised_calcium", 0.74)
    assert not parse_lab_values("is ionised calcium measured?").readings
