"""Run one message through the model before the first user's arrives.

Why: the first parse of a process builds TensorFlow's graph for DIET (seconds on this
2-core machine) and blocks the event loop while it does. With 20 users starting at
once, every one of their first messages waited behind it: the shared harness measured a
p99 of 11-13 s under its 20-user load, all from the first wave. Parsing one message in
`after_server_start` (the model is loaded in Rasa's `before_server_start`) moves that
cost to start-up, where nobody is waiting for a reply. Nothing is stored: a parse
touches no tracker.
"""

from __future__ import annotations

import logging
from typing import Any

from sanic import Blueprint

logger = logging.getLogger(__name__)

WARM_UP_TEXT = "hello"


async def warm_up(app: Any, _loop: Any = None) -> bool:
    """Parse one message with the loaded model; False (and a log line) if it cannot."""
    agent = getattr(app.ctx, "agent", None)
    if agent is None or not agent.is_ready():
        logger.info("no model loaded yet: first message will build the graph")
        return False
    try:
        await agent.parse_message(WARM_UP_TEXT)
    except Exception:  # noqa: BLE001 - a failed warm-up must not stop the server
        logger.warning("warm-up parse failed; the first message will be slower", exc_info=True)
        return False
    return True


def warm_up_on_start(blueprint: Blueprint) -> Blueprint:
    blueprint.listener("after_server_start")(warm_up)
    return blueprint
