"""The Rasa action: a tracker from a small fixture in, messages and slot events out."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionRespond


def tracker(
    text: str,
    intent: str,
    confidence: float = 0.95,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    ranking: list[dict[str, Any]] | None = None,
) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
    }
    return Tracker("test-user", slots or {}, message, [], False, None, {}, "action_listen")


def run(tracker_: Tracker) -> tuple[list[dict], list]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionRespond().run(dispatcher, tracker_, {}))
    return dispatcher.messages, events


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def test_causes_answer_sets_topic_and_disclaimer_slots():
    messages, events = run(tracker("what causes twitching in my sleep?", "ask_causes"))
    assert "mental stress" in texts(messages)
    assert "Source: the article, section 1 (Reasons)" in texts(messages)
    assert SlotSet("last_topic", "causes") in events
    assert SlotSet("last_fact", "causes.overview") in events
    assert SlotSet("disclaimer_shown", True) in events


def test_follow_up_reads_slots_from_the_tracker():
    slots = {"last_topic": "lab", "last_fact": "lab.calcium", "disclaimer_shown": True}
    messages, events = run(
        tracker(
            "and magnesium?",
            "ask_about",
            entities=[{"entity": "lab_test", "value": "magnesium"}],
            slots=slots,
        )
    )
    assert "0.75 mmol/L" in texts(messages)
    assert "not a doctor" not in texts(messages)
    assert SlotSet("last_fact", "lab.magnesium") in events


def test_buttons_reach_the_dispatcher_with_intent_payloads():
    messages, _ = run(tracker("hello", "greet"))
    buttons = messages[0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/ask_causes", "/ask_doctor", "/ask_lab_values", "/ask_relief"]


def test_missing_unit_is_remembered_then_used():
    messages, events = run(tracker("my magnesium result was 0.8", "give_lab_value"))
    assert "unit" in texts(messages)
    pending = next(e["value"] for e in events if e["name"] == "pending_lab")
    assert pending and pending[0]["test"] == "magnesium"
    messages, events = run(
        tracker("it was mmol/L", "give_unit", slots={"pending_lab": pending, "disclaimer_shown": True})
    )
    assert "not below the article's threshold" in texts(messages)
    assert SlotSet("pending_lab", None) in events


def test_emergency_reply_only_and_seizure_remembered():
    messages, events = run(tracker("my son is having a seizure and won't wake up", "ask_relief"))
    assert len(messages) == 1 and "911" in messages[0]["text"]
    assert SlotSet("seizure_reported", True) in events


def test_empty_message_gets_a_reply_not_a_crash():
    messages, _ = run(tracker("", "nlu_fallback", confidence=0.1))
    assert messages and messages[0]["text"]


def test_the_previous_message_from_the_events_gives_the_screen_its_context():
    """ "it has lasted 15 minutes" is a cramp that does not ease (urgent) after "my calf
    is cramping": the action reads that earlier message from the events, not a slot."""
    text = "mine has lasted 15 minutes and is not going away"
    current = tracker(text, "nlu_fallback", confidence=0.3)
    current.events = [
        {"event": "user", "text": "my calf is cramping really badly"},
        {"event": "bot", "text": "..."},
        {"event": "user", "text": text},
    ]
    messages, events = run(current)
    cramp_reason = "A cramp that doesn't ease within about ten minutes"
    assert cramp_reason in messages[0]["text"]
    assert not any(e.get("name") == "previous_message" for e in events)
    alone, _ = run(tracker(text, "nlu_fallback", confidence=0.3))
    assert cramp_reason not in alone[0]["text"]
