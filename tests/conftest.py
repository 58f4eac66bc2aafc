from __future__ import annotations

import pytest

from actions import knowledge, retrieval
from actions.dialogue import Assistant, State, Turn


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.default()


@pytest.fixture(scope="session")
def assistant(kb) -> Assistant:
    return Assistant(kb, retrieval.default())


@pytest.fixture
def chat(assistant):
    """Talk to the dialogue logic like a user: chat.say(text, intent, **entities)."""

    class Chat:
        def __init__(self) -> None:
            self.state = State()

        def say(
            self,
            text: str,
            intent: str | None = None,
            confidence: float = 0.95,
            ranking: tuple = (),
            **entities: str,
        ) -> str:
            ents = tuple({"entity": k, "value": v} for k, v in entities.items())
            reply = assistant.respond(Turn(text, intent, confidence, ents, ranking), self.state)
            self.state = reply.state
            self.messages = reply.messages
            return "\n".join(
                filter(
                    None, (m.text + "".join(f" [{b['title']}]" for b in m.buttons) for m in reply.messages)
                )
            )

    return Chat()
