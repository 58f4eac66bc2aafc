"""The real action server and Rasa server, talked to over REST as a user would."""
from __future__ import annotations

import pytest

from eval.servers import MODEL, RasaStack, reply_text

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`")


@pytest.fixture(scope="module")
def bot():
    with RasaStack() as server:
        yield server


def test_causes_question_gets_the_articles_causes_over_rest(bot):
    text = reply_text(bot.say("server-user-1", "what causes twitching in my sleep?"))
    for word in ("stress", "calcium", "exercise", "epilepsy"):
        assert word in text
    assert "Source: the article, section 1 (Reasons)" in text
    assert "not a doctor" in text


def test_follow_up_uses_the_conversation_context(bot):
    first = reply_text(bot.say("server-user-2", "what calcium level is too low?"))
    assert "2 mmol/L" in first
    second = reply_text(bot.say("server-user-2", "and magnesium?"))
    assert "0.75 mmol/L" in second


def test_greeting_offers_topic_buttons(bot):
    messages = bot.say("server-user-3", "hello there")
    buttons = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert buttons == ["Causes", "When to see a doctor", "Lab values", "Relief methods"]
    payload_reply = reply_text(bot.say("server-user-3", messages[0]["buttons"][3]["payload"]))
    assert "fried" in payload_reply
