"""Read calcium / magnesium lab results that users type and compare them with the article's thresholds."""

# The article's thresholds: section "2. Inspection": serum calcium < 2 mmol/L,
# serum magnesium < 0.75 mmol/L.
#
# Pure standard library: no Rasa, no spaCy, so it can be tested on its own.
#
# Design notes (why it looks like this):
# - Input is capped at MAX_SCAN_CHARS and every regex is linear (no nested
#   unbounded repeats), so a 100 KB paste cannot stall the action server.
# - Parsing never raises: anything odd becomes a ParseProblem with a sentence
#   the bot can show, or is ignored.
# - A number only counts when it is attached to a test name ("calcium 1.8",
#   "Mg of 0.88 mmol/L", "1.8 mmol/L calcium"). A number right after
#   "less than" / "below" / "<" is a question about the threshold, not a result.
# - Conversions and ranges come from docs/medical-notes.md ("Units").
#
# Modules, each importing only those above it (no cycles):
#   text        cap and normalise what the user typed
#   units       tests, units, unit spellings, conversions
#   readings    the data types (LabReading, ParseProblem, ParseResult, Assessment)
#   wording     every user-facing sentence
#   assessment  plausibility, reference range, critical limits, symptoms
#   parsing     the regexes that find values, parse_lab_values()
# The limits themselves are data in actions/lab_limits.py.
from __future__ import annotations

from actions.lab_values.assessment import (
    assess,
    band_in_every_unit,
    check_plausible,
    critical_in_every_unit,
    reports_symptoms,
)
from actions.lab_values.parsing import mentions_lab_test, parse_lab_values, quotes_the_article
from actions.lab_values.readings import Assessment, LabReading, ParseProblem, ParseResult
from actions.lab_values.text import MAX_SCAN_CHARS
from actions.lab_values.units import (
    MEQ_L,
    MG_DL,
    MMOL_L,
    TESTS,
    UNITS,
    find_unit,
    plausible_units,
    to_mg_per_dl,
    to_mmol_per_l,
)
from actions.lab_values.wording import TEST_NAMES, critical_opening, critical_without_unit, describe

__all__ = [
    "MAX_SCAN_CHARS",
    "MEQ_L",
    "MG_DL",
    "MMOL_L",
    "TESTS",
    "TEST_NAMES",
    "UNITS",
    "Assessment",
    "LabReading",
    "ParseProblem",
    "ParseResult",
    "assess",
    "band_in_every_unit",
    "check_plausible",
    "critical_in_every_unit",
    "critical_opening",
    "critical_without_unit",
    "describe",
    "find_unit",
    "mentions_lab_test",
    "parse_lab_values",
    "plausible_units",
    "quotes_the_article",
    "reports_symptoms",
    "to_mg_per_dl",
    "to_mmol_per_l",
]
