"""Where a lab value stands: reference range, critical limits, the article's line.

All limits in mmol/L, from docs/medical-notes.md ("Units": reference ranges and
"Critical values"; labs differ, so these are typical adult figures). The article's
own thresholds (serum calcium < 2, magnesium < 0.75 mmol/L) come from the knowledge
file; ionised calcium has none, because the article's line is for total calcium.
Plain Python, no Rasa.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Band(enum.Enum):
    CRITICAL_LOW = "critically low"
    LOW = "below the usual range"
    WITHIN = "within the usual range"
    HIGH = "above the usual range"
    CRITICAL_HIGH = "critically high"

    @property
    def critical(self) -> bool:
        return self in (Band.CRITICAL_LOW, Band.CRITICAL_HIGH)


@dataclass(frozen=True)
class Limits:
    test: str  # "calcium" | "ionised_calcium" | "magnesium"
    name: str  # as the user reads it
    reference: tuple[float, float]
    critical: tuple[float, float]
    # Values no living person has: only these are "check the number" cases.
    possible: tuple[float, float]
    # The same limits as the notes print them in mg/dL (not recomputed, so the
    # figures a user sees match what labs print).
    reference_mg_dl: tuple[float, float] = (0.0, 0.0)
    critical_mg_dl: tuple[float, float] = (0.0, 0.0)

    def band(self, mmol_per_l: float) -> Band:
        low, high = self.reference
        critical_low, critical_high = self.critical
        if mmol_per_l < critical_low:
            return Band.CRITICAL_LOW
        if mmol_per_l > critical_high:
            return Band.CRITICAL_HIGH
        if mmol_per_l < low:
            return Band.LOW
        if mmol_per_l > high:
            return Band.HIGH
        return Band.WITHIN

    def is_possible(self, mmol_per_l: float) -> bool:
        return self.possible[0] <= mmol_per_l <= self.possible[1]


LIMITS: dict[str, Limits] = {
    "calcium": Limits(
        "calcium", "total calcium", (2.1, 2.6), (1.8, 3.0), (0.5, 5.0), (8.5, 10.2), (7.0, 12.0)
    ),
    "ionised_calcium": Limits(
        "ionised_calcium", "ionised calcium", (1.15, 1.32), (0.8, 1.6), (0.2, 3.0), (4.6, 5.3), (3.2, 6.4)
    ),
    "magnesium": Limits(
        "magnesium", "magnesium", (0.70, 0.95), (0.5, 2.0), (0.1, 10.0), (1.7, 2.3), (1.2, 4.9)
    ),
}
