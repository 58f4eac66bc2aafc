"""Send the action server only what the project's actions read.

Rasa 3.6's RemoteAction._action_call_format serialises every loaded event
(`current_state(EventVerbosity.ALL)`: up to TRACKER_MAX_EVENTS events, ~100, each
with its full parse data) and the whole domain for every action call; rasa_sdk then
parses it all again. The only custom action, action_respond (actions/actions.py),
reads the slots, the latest message, the latest input channel and the text of the
user message before the latest one. So the request carries the tracker's state
(slots, latest message, ...) exactly as before, but only the events from the
second-to-last user message on; the domain is left out by
`enable_selective_domain: true` on the action endpoint (endpoints.yml), which is
Rasa's own switch. ACTION_EVENT_USER_TURNS (default 2; 0 = every event, stock)
sets how many user messages' events are sent, for an action that needs more.
Installed by rasa_patches.install_all; tied to Rasa 3.6.21.
"""

from __future__ import annotations

from typing import Any, Dict, List

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

import settings

DEFAULT_USER_TURNS = 2


def user_turns() -> int:
    value = settings.value_of("ACTION_EVENT_USER_TURNS") or ""
    return max(0, int(value)) if value.strip().isdigit() else DEFAULT_USER_TURNS


def tail_events(tracker: DialogueStateTracker, turns: int) -> List[Event]:
    """The events from the `turns`-th last user message on (all, if there are fewer)."""
    events = list(tracker.events)
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == turns:
                return events[index:]
    return events


def _action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Any) -> Dict[str, Any]:
    turns = user_turns()
    if not turns:
        return _stock(self, tracker, domain)
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in tail_events(tracker, turns)]
    result: Dict[str, Any] = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
    }
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        self.name()
    ):
        result["domain"] = domain.as_dict()
    return result


_stock = RemoteAction._action_call_format


def install() -> None:
    RemoteAction._action_call_format = _action_call_format
