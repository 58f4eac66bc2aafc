"""A real action call through the patched path: Rasa's RemoteAction (with the
project's patches installed, as at start-up) talks over HTTP to the real action
server (`rasa run actions` on a free port), then to no action server at all.

Needs no trained model: the domain file and the action server are enough.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

import rasa_patches
from actions.plain_emergencies import OUTAGE_EMERGENCY_TEXT
from eval.servers import ROOT, ActionServer, free_port
from rasa_patches import resilience

pytestmark = pytest.mark.servers

QUESTION = "what causes twitching in my sleep?"


@pytest.fixture(scope="module")
def action_server():
    with tempfile.TemporaryDirectory(prefix="rasa-action-call-") as tmp:
        server = ActionServer(Path(tmp)).start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def tracker_asking(domain: Domain, text: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "patched-path-user",
        [
            ActionExecuted("action_listen"),
            UserUttered(
                text,
                {"name": "ask_causes", "confidence": 0.99},
                parse_data={
                    "text": text,
                    "intent": {"name": "ask_causes", "confidence": 0.99},
                    "entities": [],
                    "intent_ranking": [],
                },
            ),
        ],
        slots=domain.slots,
    )


def call(url: str, domain: Domain, text: str, run: Any = None) -> list:
    """Run action_respond as Rasa does (RemoteAction.run, or `run` in its place)."""
    action = RemoteAction("action_respond", EndpointConfig(url=url + "/webhook"))
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    args = (CollectingOutputChannel(), nlg, tracker_asking(domain, text), domain)
    return asyncio.run(run(action, *args) if run else action.run(*args))


def test_a_real_action_call_through_the_patched_path_is_answered(action_server, domain):
    rasa_patches.install_all()
    events = call(action_server.url, domain, QUESTION)
    texts = [e.text for e in events if isinstance(e, BotUttered)]
    # The action server's answer, validated by the patched validator, unchanged.
    assert texts and all(texts)
    assert not any(e.metadata.get("fallback") for e in events if isinstance(e, BotUttered))
    assert any("twitch" in text.lower() for text in texts), texts


def test_with_no_action_server_the_patched_path_replies_and_stock_rasa_does_not(domain):
    rasa_patches.install_all()
    nobody = f"http://127.0.0.1:{free_port()}"
    events = call(nobody, domain, QUESTION)
    assert [e.text for e in events] == [resilience.UNAVAILABLE_TEXT]
    assert events[0].metadata == {"fallback": "action_server_unavailable"}
    emergency = call(nobody, domain, "he's seizing and not breathing")
    assert [e.text for e in emergency] == [OUTAGE_EMERGENCY_TEXT]
    # The same call through Rasa's own method fails: the reply above is the patch's.
    with pytest.raises(RasaException):
        call(nobody, domain, QUESTION, run=resilience._original_run)
