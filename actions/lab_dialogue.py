"""The lab-value part of the conversation: the user's own results, read, placed and, when
a unit is missing, asked for.

A result is placed against the article's threshold (with its section) and against the
reference range and critical limits of docs/medical-notes.md, each labelled as what it
is; a critical value leads with its call to care. Values are read from the message,
completed from the conversation (the test just discussed, the unit of the value before,
the unit of the threshold just shown) or kept in `State.pending_lab` until the unit comes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from actions import lab_values
from actions.knowledge import Fact, KnowledgeBase
from actions.phrases import BARE_NUMBER, MINE, VALUE
from actions.replies import (
    ANSWER,
    GENERAL_GUIDANCE_SOURCE,
    HOW_TO_GIVE_A_VALUE,
    IN_MEQ,
    TEXT,
    WHICH_UNIT,
    Message,
    Part,
    button,
    source_part,
)
from actions.turns import Reply, State, Turn


def number(value: float) -> str:
    return f"{value:g}"


@dataclass
class LabDialogue:
    kb: KnowledgeBase

    @staticmethod
    def unit_in(turn: Turn) -> str | None:
        return next(iter(turn.entity_values("unit")), None) or lab_values.find_unit(turn.text)

    def reply(self, parsed: lab_values.ParseResult, state: State, symptoms: bool = False) -> Reply:
        messages: list[Message] = []
        pending: list[dict[str, Any]] = []
        last_test = None
        readings = parsed.readings
        for reading in readings:
            last_test = reading.test
            if reading.unit is None:
                pending.append({"test": reading.test, "value": reading.value, "raw": reading.raw})
            else:
                messages.append(Message(parts=self._assessment(reading, symptoms)))
        for problem in parsed.problems:
            messages.append(Message(text=problem.reason))
        if parsed.problems and not parsed.readings:
            messages.append(Message(text=HOW_TO_GIVE_A_VALUE))
        for item in pending:  # critical in every unit: don't wait for the unit to say so
            band = lab_values.band_in_every_unit(item["test"], item["value"])
            if lab_values.critical_in_every_unit(item["test"], item["value"]):
                messages.insert(
                    0,
                    Message(
                        text=lab_values.critical_without_unit(item["test"], item["value"], band, symptoms)
                    ),
                )
        if pending:
            first = pending[0]
            messages.append(
                Message(
                    text=WHICH_UNIT.format(
                        test=lab_values.TEST_NAMES[first["test"]], value=number(first["value"])
                    ),
                    buttons=[button(u, "give_unit", {"unit": u}) for u in ("mmol/L", "mg/dL", "mEq/L")],
                )
            )
        fact_id = f"lab.{last_test}" if last_test in self.kb.thresholds else "lab.overview"
        state = replace(state, pending_lab=tuple(pending), last_topic="lab", last_fact=fact_id)
        critical = any(r.unit and self._is_critical(r) for r in readings)
        if critical:  # the most serious finding first
            messages.sort(key=lambda m: not m.text.startswith("Please"))
        return Reply(messages, state, factual=any(r.unit for r in readings), leads_with_care=critical)

    @staticmethod
    def with_previous_unit(parsed: lab_values.ParseResult, previous: str) -> lab_values.ParseResult:
        """ "and calcium was 2.2, same units": the unit of the value before. Re-read
        so the completed values are checked like typed ones."""
        unit = lab_values.find_unit(previous)
        if unit is None or any(
            r.unit is None and unit not in lab_values.plausible_units(r.test, r.value)
            for r in parsed.readings
        ):
            return parsed
        text = ", ".join(
            f"{lab_values.TEST_NAMES[r.test]} {number(r.value)} {r.unit or unit}" for r in parsed.readings
        )
        return lab_values.parse_lab_values(text)

    def values_in(
        self, turn: Turn, state: State, parsed: lab_values.ParseResult | None = None
    ) -> lab_values.ParseResult:
        """The values typed (`parsed`, when the caller has read them already), also one
        whose test is named elsewhere in the message or was just discussed ("took magnesium
        tablets, his level is 4.2 mmol/L"), but not the article's own figure."""
        parsed = lab_values.parse_lab_values(turn.text) if parsed is None else parsed
        if parsed or not VALUE.search(turn.text):  # a number with its unit
            return parsed
        if lab_values.quotes_the_article(turn.text):
            return parsed
        return self.with_known_test(turn.text, state)

    def threshold_shown(self, state: State) -> Fact | None:
        """The lab fact of the last answer: the last fact, or the threshold it was shown
        with as its reason ("calcium numbers?" gets the calcium cause, then its line)."""
        if not state.last_fact:
            return None
        fact = self.kb.fact(state.last_fact)
        if fact.topic != "lab" and fact.why and self.kb.fact(fact.why).topic == "lab":
            fact = self.kb.fact(fact.why)
        return fact if fact.topic == "lab" else None

    def after_threshold(self, text: str, state: State) -> lab_values.ParseResult:
        """A bare number after the article's threshold for one test, read in mmol/L (the
        unit the answer gave) when it is a real level in it."""
        number = BARE_NUMBER.search(text)
        shown = self.threshold_shown(state)
        tests = shown.terms.get("lab_test", ()) if shown else ()
        if number is None or len(tests) != 1 or not MINE.search(text):
            return lab_values.ParseResult([], [])
        value = float(number.group(0).replace(",", "."))
        if lab_values.MMOL_L not in lab_values.plausible_units(tests[0], value):
            return lab_values.ParseResult([], [])
        return lab_values.parse_lab_values(f"{lab_values.TEST_NAMES[tests[0]]} {number.group(0)} mmol/L")

    def corrected_pending(self, text: str, state: State) -> lab_values.ParseResult | None:
        """One number, a real level of the one test whose unit is asked: its new value."""
        numbers = BARE_NUMBER.findall(text)
        tests = {p["test"] for p in state.pending_lab}
        if len(numbers) != 1 or len(tests) != 1:
            return None
        test = tests.pop()
        if not lab_values.plausible_units(test, float(numbers[0].replace(",", "."))):
            return None
        return lab_values.parse_lab_values(f"{lab_values.TEST_NAMES[test]} {numbers[0]}")

    def with_known_test(self, text: str, state: State) -> lab_values.ParseResult:
        """ "mine's 0.81 mmol/L, ok?" after the magnesium threshold, or "mine was 2.4 mmol/L,
        I take magnesium": a value whose test is named elsewhere or was just discussed."""
        test = lab_values.mentions_lab_test(text)
        if test is None and state.last_fact:
            tests = self.kb.fact(state.last_fact).terms.get("lab_test", ())
            test = tests[0] if len(tests) == 1 else None
        value = VALUE.search(text)
        if test is None or value is None:
            return lab_values.parse_lab_values(text)
        return lab_values.parse_lab_values(f"{lab_values.TEST_NAMES[test]} {value.group(0)}")

    def _is_critical(self, reading: lab_values.LabReading) -> bool:
        threshold = self.kb.thresholds.get(reading.test)
        return lab_values.assess(reading, threshold.mmol_per_l if threshold else None).band.critical

    def _assessment(self, reading: lab_values.LabReading, symptoms: bool) -> list[Part]:
        """The article's threshold (with its section) and the general reference range
        and critical limits (docs/medical-notes.md), each labelled as what it is."""
        threshold = self.kb.thresholds.get(reading.test)
        assessment = lab_values.assess(reading, threshold.mmol_per_l if threshold else None)
        answer = Part(ANSWER, lab_values.describe(assessment, symptoms))
        if threshold is None:
            return [answer, Part(TEXT, GENERAL_GUIDANCE_SOURCE)]
        return [answer, source_part(self.kb.fact(threshold.fact_id), extra=GENERAL_GUIDANCE_SOURCE)]

    def complete_pending(self, state: State, unit: str, symptoms: bool = False) -> Reply:
        readings_text = ", ".join(
            f"{lab_values.TEST_NAMES[p['test']]} {number(p['value'])} {unit}" for p in state.pending_lab
        )
        # Re-reading the completed values checks them like any typed value.
        parsed = lab_values.parse_lab_values(readings_text)
        return self.reply(parsed, replace(state, pending_lab=()), symptoms)

    def in_meq(self, fact_id: str) -> str | None:
        """The article's thresholds that `fact_id` gives, in mEq/L (general guidance)."""
        thresholds = [t for t in self.kb.thresholds.values() if fact_id in (t.fact_id, "lab.overview")]
        if not thresholds:
            return None
        return IN_MEQ.format(
            values=", ".join(
                f"{lab_values.TEST_NAMES[t.test]} {number(t.mmol_per_l)} mmol/L = "
                f"{number(2 * t.mmol_per_l)} mEq/L"
                for t in thresholds
            )
        )
