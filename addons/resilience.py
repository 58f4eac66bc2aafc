"""When the action server is unreachable, answer politely instead of staying silent.

Stock Rasa logs "Failed to execute custom action" and sends nothing. This wraps
`RemoteAction.run` (installed once, on import by the add-ons that Rasa loads from
endpoints.yml and credentials.yml): a connection failure, timeout or 5xx from the
action server becomes one bot message, UNAVAILABLE_TEXT. Nothing else changes, so
the next message goes to the action server again and answers resume by themselves
when it is back. A 400 (ActionExecutionRejection) keeps Rasa's own handling.
"""
from __future__ import annotations

import asyncio
import logging

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import BotUttered
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)

UNAVAILABLE_TEXT = ("Sorry, I'm temporarily unavailable. Please try again in a moment.")

_original_run = RemoteAction.run


async def _run_with_fallback(self, output_channel, nlg, tracker, domain):
    try:
        return await _original_run(self, output_channel, nlg, tracker, domain)
    except ActionExecutionRejection:
        raise
    except (RasaException, asyncio.TimeoutError) as error:
        logger.error("Action server unavailable for '%s': %s; sent the fallback reply.",
                     self.name(), error)
        return [BotUttered(text=UNAVAILABLE_TEXT, metadata={"fallback": "action_server_unavailable"})]


def install() -> None:
    if getattr(RemoteAction.run, "_addons_fallback", False):
        return
    _run_with_fallback._addons_fallback = True  # type: ignore[attr-defined]
    RemoteAction.run = _run_with_fallback  # type: ignore[assignment]


install()
