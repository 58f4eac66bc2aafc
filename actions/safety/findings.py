"""What a screen finds: the levels, each red flag's level, the result and the findings on the way."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Level(enum.IntEnum):
    NONE = 0
    ROUTINE = 1
    URGENT = 2
    EMERGENCY = 3


@dataclass(frozen=True)
class Screening:
    level: Level
    flags: tuple[str, ...]  # ids of the red flags that matched, most serious first
    describes_seizure: bool  # a seizure now or recently: never offer "step on the ground"
    # An emergency signal was seen but another judged it negated, past or a general
    # question: the reply answers and adds DANGER_LINE, never reassurance.
    caution: bool = False
    crisis_possible: bool = False  # some chance of self-harm: any safety text names a crisis line

    @property
    def is_crisis(self) -> bool:
        """Suicide or self-harm: the crisis reply, and nothing from the article after it."""
        return bool(set(self.flags) & CRISIS_FLAGS)


CRISIS_FLAGS = frozenset({"suicide", "model_crisis"})


# Each flag belongs to exactly one level; the order here is the order in `flags`.
FLAG_LEVELS: dict[str, Level] = {
    # emergency
    "breathing": Level.EMERGENCY,
    "throat": Level.EMERGENCY,
    "not_recovering": Level.EMERGENCY,
    "long_seizure": Level.EMERGENCY,
    "first_seizure": Level.EMERGENCY,
    "ongoing_seizure": Level.EMERGENCY,
    "injury": Level.EMERGENCY,
    "seizure_first_aid": Level.EMERGENCY,
    "suicide": Level.EMERGENCY,
    "overdose": Level.EMERGENCY,
    "pregnancy": Level.EMERGENCY,
    "child_fever": Level.EMERGENCY,
    "stroke": Level.EMERGENCY,
    "chest_pain": Level.EMERGENCY,
    "head_injury": Level.EMERGENCY,
    "term": Level.EMERGENCY,
    "model": Level.EMERGENCY,
    "model_crisis": Level.EMERGENCY,
    "intent": Level.EMERGENCY,
    # urgent
    "recent_seizure": Level.URGENT,
    "seizure_signs": Level.URGENT,
    "lost_consciousness": Level.URGENT,
    "long_cramp": Level.URGENT,
    "mouth_tingling": Level.URGENT,
    "wound_cramps": Level.URGENT,
    "model_urgent": Level.URGENT,
    # routine
    "frequent_waking": Level.ROUTINE,
    "leg_symptoms": Level.ROUTINE,
    "urge_to_move": Level.ROUTINE,
    "daytime_sleepiness": Level.ROUTINE,
    "model_routine": Level.ROUTINE,
}
_FLAG_ORDER = {flag: i for i, flag in enumerate(FLAG_LEVELS)}


@dataclass
class _Findings:
    flags: dict[str, int] = field(default_factory=dict)  # flag -> first position
    suppressed: int = 0  # triggers dropped as negated, distant or general questions
    suppressed_emergency: int = 0  # of those, triggers of emergency rules
    set_aside: set[str] = field(default_factory=set)  # flags dropped as distant or supposed, not negated
    seizure: bool = False  # some seizure description counts
    active_seizure_sentences: set[int] = field(default_factory=set)  # now or recently
    described_seizure_sentences: set[int] = field(default_factory=set)  # also "possible"
    topic_seizure_sentences: set[int] = field(default_factory=set)  # impersonal mentions
    pos: int = 0

    def add(self, flag: str) -> None:
        self.flags.setdefault(flag, self.pos)
        self.pos += 1
