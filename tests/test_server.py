"""The real action server and Rasa server, talked to over REST as a user would."""

from __future__ import annotations

import pytest

from eval.servers import MODEL, RasaStack, reply_text

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`"),
]


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


# --- socket.io (the web widget's channel) ------------------------------------------------


def socket_client(bot, origin: str | None):
    import socketio

    client = socketio.Client(reconnection=False)
    replies: list = []
    client.on("bot_uttered", replies.append)
    confirmed: list = []
    client.on("session_confirm", confirmed.append)
    headers = {"Origin": origin} if origin else {}
    client.connect(
        bot.url, headers=headers, transports=["polling"], socketio_path="socket.io", wait_timeout=10
    )
    return client, replies, confirmed


def wait_for(items: list, count: int = 1, timeout: float = 30) -> list:
    import time

    deadline = time.monotonic() + timeout
    while len(items) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return items


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1"])
def test_socketio_refuses_other_origins(bot, origin):
    import socketio

    with pytest.raises(socketio.exceptions.ConnectionError):
        client, _, _ = socket_client(bot, origin)
        client.disconnect()


def test_socketio_same_origin_talks_and_bad_events_get_a_polite_reply(bot):
    import sqlite3

    from channels.socketio import BAD_EVENT_TEXT

    client, replies, confirmed = socket_client(bot, bot.url)
    try:
        for bad in ({"session_id": {"$gt": ""}}, {"session_id": "x" * 300}):
            client.emit("session_request", bad)
        client.emit("session_request", {"session_id": "widget-session-1"})
        assert wait_for(confirmed) == ["widget-session-1"]
        for bad in (
            {"session_id": "widget-session-1", "message": 5},
            {"session_id": "widget-session-1", "message": ["hi"]},
            {"session_id": "widget-session-1", "message": "hi", "metadata": {"a": "m" * 5000}},
            {"session_id": "x" * 300, "message": "hi"},
            {"session_id": 12345, "message": "hi"},
            "just a string",
        ):
            client.emit("user_uttered", bad)
        assert [r["text"] for r in wait_for(replies, 8)][:8] == [BAD_EVENT_TEXT] * 8
        client.emit(
            "user_uttered",
            {"session_id": "widget-session-1", "message": "what causes twitching in my sleep?"},
        )
        wait_for(replies, 9)
        # the widget's markdown: the source line with its section as a citation link
        cited = "Source: the article, [section 1 \\(Reasons\\)]("
        assert any(cited in r.get("text", "") for r in replies[8:])
    finally:
        client.disconnect()
    with sqlite3.connect(bot.workdir / "tracker.db") as conn:
        senders = {s for (s,) in conn.execute("SELECT DISTINCT sender_id FROM events")}
    assert "socketio:widget-session-1" in senders
    assert not [s for s in senders if "xxxx" in s or "12345" in s]


def test_chat_page_is_served_with_its_content_security_policy(bot):
    import urllib.request

    from channels.webpage import CSP

    with urllib.request.urlopen(bot.url + "/webhooks/webpage/", timeout=10) as page:
        policy = page.headers.get("Content-Security-Policy")
        assert page.headers.get("X-Content-Type-Options") == "nosniff"
    assert policy == CSP
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
