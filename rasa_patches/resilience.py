"""When the action server is unreachable, answer politely instead of staying silent.

Stock Rasa logs "Failed to execute custom action" and sends nothing. This wraps
`RemoteAction.run` (installed once by rasa_patches at start-up, or when Rasa loads
the project's channels or stores): a connection failure, timeout or 5xx from the
action server becomes one bot message. Nothing else changes, so the next message
goes to the action server again and answers resume by themselves when it is back.
A 400 (ActionExecutionRejection) keeps Rasa's own handling.

Fail safe during an outage: the reply always names the emergency number, and the
user's message is screened here for the plainest emergencies with the same phrase
list the action server uses (actions/plain_emergencies.py, standard library only),
so "he's seizing and not breathing" gets "call your local emergency number now".
"""

from __future__ import annotations

import asyncio
import logging

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import BotUttered
from rasa.shared.exceptions import RasaException

from actions.plain_emergencies import OUTAGE_EMERGENCY_TEXT, OUTAGE_TEXT, looks_like_emergency

logger = logging.getLogger(__name__)

UNAVAILABLE_TEXT = OUTAGE_TEXT


def outage_reply(user_text: str) -> str:
    """What Rasa itself says when the action server cannot answer."""
    return OUTAGE_EMERGENCY_TEXT if looks_like_emergency(user_text) else OUTAGE_TEXT


_original_run = RemoteAction.run


async def _run_with_fallback(self, output_channel, nlg, tracker, domain):
    try:
        return await _original_run(self, output_channel, nlg, tracker, domain)
    except ActionExecutionRejection:
        raise
    except (RasaException, asyncio.TimeoutError) as error:
        logger.error("Action server unavailable for '%s': %s; sent the fallback reply.", self.name(), error)
        text = outage_reply((tracker.latest_message.text or "") if tracker.latest_message else "")
        return [BotUttered(text=text, metadata={"fallback": "action_server_unavailable"})]


def install() -> None:
    if getattr(RemoteAction.run, "_patched_fallback", False):
        return
    _run_with_fallback._patched_fallback = True  # type: ignore[attr-defined]
    RemoteAction.run = _run_with_fallback
