"""The data types passed between the modules: a reading, a problem, a parse result, an assessment."""

from __future__ import annotations

from dataclasses import dataclass

from actions.lab_limits import Band


@dataclass(frozen=True)
class LabReading:
    test: str  # "calcium" | "magnesium"
    value: float
    unit: str | None  # "mmol/L" | "mg/dL" | "mEq/L" | None when the user gave none
    raw: str  # the matched text, for messages


@dataclass(frozen=True)
class ParseProblem:
    test: str | None
    raw: str
    reason: str  # a clear sentence for the user: why it cannot be read


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
    unit: str  # as given
    mmol_per_l: float
    mg_per_dl: float
    band: Band  # against the reference range and critical limits
    article_threshold: float | None  # the article's "below" line in mmol/L; None: n/a

    @property
    def below_threshold(self) -> bool:
        return self.article_threshold is not None and self.mmol_per_l < self.article_threshold
