"""The values the dialogue passes around: one user turn, the remembered state, a reply.

Kept apart from dialogue.py so the lab-value dialogue (lab_dialogue.py) and the
conversation paths can both use them without importing each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from actions.replies import Message


@dataclass(frozen=True)
class Turn:
    """What NLU made of one user message."""

    text: str
    intent: str | None = None
    confidence: float = 1.0
    entities: tuple[dict[str, Any], ...] = ()
    ranking: tuple[tuple[str, float], ...] = ()

    def entity_values(self, label: str) -> list[str]:
        return [str(e.get("value")) for e in self.entities if e.get("entity") == label and e.get("value")]


@dataclass(frozen=True)
class State:
    """What the assistant remembers between turns (Rasa slots)."""

    last_topic: str | None = None
    last_fact: str | None = None
    pending_lab: tuple[dict[str, Any], ...] = ()  # readings waiting for their unit
    disclaimer_shown: bool = False
    seizure_reported: bool = False
    # The user's previous message: context for the safety screen ("she swallowed a
    # handful of them" after "my toddler got into my calcium tablets"). Not a slot: the
    # action reads it from the conversation's events (a slot event every turn would
    # slow the tracker store's slot restore).
    previous_message: str | None = None

    def to_slots(self) -> dict[str, Any]:
        slots = asdict(self)
        del slots["previous_message"]
        slots["pending_lab"] = list(self.pending_lab) or None
        return slots

    @classmethod
    def from_slots(cls, slots: dict[str, Any]) -> "State":
        return cls(
            last_topic=slots.get("last_topic"),
            last_fact=slots.get("last_fact"),
            pending_lab=tuple(slots.get("pending_lab") or ()),
            disclaimer_shown=bool(slots.get("disclaimer_shown")),
            seizure_reported=bool(slots.get("seizure_reported")),
        )


@dataclass
class Reply:
    messages: list[Message]
    state: State
    factual: bool = False  # carries an article fact (so the disclaimer is due)
    leads_with_care: bool = False  # opens with its own call to care (a critical lab value)
