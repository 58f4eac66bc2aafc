"""Rasa actions: thin adapters between the tracker and the plain-Python dialogue."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge, retrieval, safety_model
from actions.dialogue import Assistant, State, Turn
from actions.replies import for_channel

SLOTS = tuple(State().to_slots())


@lru_cache(maxsize=1)
def assistant() -> Assistant:
    """Built once per action-server process: the knowledge, the fact index and
    classifier, and the learned red-flag signal."""
    safety_model.default_model()
    return Assistant(knowledge.default(), retrieval.default())


# Built when the action server imports this module, before it listens. Built on the
# first message instead, it took 11.7 s on this 2-core machine with the event loop
# blocked, and every user who wrote in those seconds waited: the shared harness's
# 20-user load measured a p99 of 11-13 s, all of it that first wave.
assistant()


def turn_from(tracker: Tracker) -> Turn:
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    ranking = tuple(
        (i.get("name"), float(i.get("confidence") or 0.0))
        for i in message.get("intent_ranking") or []
        if i.get("name")
    )
    return Turn(
        text=message.get("text") or "",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        entities=tuple(message.get("entities") or ()),
        ranking=ranking,
    )


def previous_user_text(tracker: Tracker) -> str | None:
    """The user's message before the latest one, from the events Rasa sends."""
    texts = [e.get("text") for e in tracker.events if e.get("event") == "user"]
    return texts[-2] if len(texts) >= 2 and texts[-2] else None


class ActionRespond(Action):
    """Answers every user message: safety screen, lab values, facts, small talk."""

    def name(self) -> str:
        return "action_respond"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        state = replace(
            State.from_slots({slot: tracker.get_slot(slot) for slot in SLOTS}),
            previous_message=previous_user_text(tracker),
        )
        reply = assistant().respond(turn_from(tracker), state)
        for message in for_channel(reply.messages, tracker.get_latest_input_channel()):
            dispatcher.utter_message(**message.as_dict())
        new_slots = reply.state.to_slots()
        old_slots = state.to_slots()
        return [SlotSet(name, value) for name, value in new_slots.items() if value != old_slots[name]]
