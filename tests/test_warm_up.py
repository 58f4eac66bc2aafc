"""Start-up warm-up: the first user's message must not pay for building the models."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from channels.warm_up import WARM_UP_TEXT, warm_up


class FakeAgent:
    def __init__(self, ready: bool = True, fails: bool = False) -> None:
        self.ready, self.fails = ready, fails
        self.parsed: list[str] = []

    def is_ready(self) -> bool:
        return self.ready

    async def parse_message(self, text: str) -> dict:
        if self.fails:
            raise RuntimeError("model broken")
        self.parsed.append(text)
        return {"text": text}


def app_with(agent: object) -> SimpleNamespace:
    return SimpleNamespace(ctx=SimpleNamespace(agent=agent))


def test_the_loaded_model_parses_one_message_at_start():
    agent = FakeAgent()
    assert asyncio.run(warm_up(app_with(agent))) is True
    assert agent.parsed == [WARM_UP_TEXT]


def test_no_model_or_a_failing_one_does_not_stop_the_server():
    assert asyncio.run(warm_up(app_with(None))) is False
    assert asyncio.run(warm_up(app_with(FakeAgent(ready=False)))) is False
    assert asyncio.run(warm_up(app_with(FakeAgent(fails=True)))) is False


def test_the_action_server_builds_the_assistant_when_it_imports_the_actions():
    from actions import actions

    assert actions.assistant.cache_info().currsize == 1
