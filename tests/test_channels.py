"""Telegram, Slack and Facebook Messenger, reached the way the platforms reach them.

Real-format webhook payloads (signed where the platform signs) are posted to a
running Rasa server; the connectors' outgoing API calls go to a local fake API
(tests/fake_api.py) and the tests assert what the user would receive, buttons
included, rendered each platform's way. Forged requests (no or a wrong Telegram
secret token, SHA-1/MD5/unknown Facebook signatures) must get a 403, no reply and
leave nothing in the tracker store; a REST caller cannot reach a Telegram user's
conversation.

Over 400 lines on purpose: the three platforms share one running Rasa server, the
fake API and the forged-request checks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eval.servers import (
    MODEL,
    ROOT,
    RasaServer,
    RasaStack,
    default_endpoints,
    get_json,
    post_json,
    reply_text,
)
from tests.fake_api import BOT_USERNAME, FakeApi

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`"),
]

TOPICS = ["Causes", "When to see a doctor", "Lab values", "Relief methods"]
# The assistant's public address: the channels link sources to its article reader
PUBLIC_URL = "https://bot.example.org"
READER = PUBLIC_URL + "/webhooks/webpage/article"
CAVEAT_LABEL = "General guidance (not from the article):"
CHANNEL_ENV = {
    "TELEGRAM_ACCESS_TOKEN": "123456789:TEST-token_for_the_fake_api",
    "TELEGRAM_VERIFY": BOT_USERNAME,
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
    "SLACK_TOKEN": "xoxb-test-token",
    "SLACK_SIGNING_SECRET": "slack-signing-secret",
    "FACEBOOK_VERIFY": "fb-verify-token",
    "FACEBOOK_SECRET": "fb-app-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "fb-page-token",
}


def write_credentials(folder: Path, env: dict[str, str]) -> Path:
    out = folder / "credentials.yml"
    clean = {k: v for k, v in os.environ.items() if k not in CHANNEL_ENV}
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "credentials.py"), str(out)],
        check=True,
        env={**clean, **env},
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def fake_api():
    api = FakeApi(telegram_set_webhook_ok=False).start()  # Telegram refuses the webhook
    yield api
    api.stop()


@pytest.fixture(scope="module")
def credentials(tmp_path_factory) -> Path:
    return write_credentials(tmp_path_factory.mktemp("creds"), CHANNEL_ENV)


@pytest.fixture(scope="module")
def telegram_secret(credentials) -> str:
    import yaml

    return yaml.safe_load(credentials.read_text())["channels.telegram.TelegramInput"]["secret_token"]


@pytest.fixture(scope="module")
def stack(fake_api, credentials):
    stack = RasaStack(env={**fake_api.env, "ASSISTANT_PUBLIC_URL": PUBLIC_URL}, credentials=credentials)
    with stack:
        yield stack


@pytest.fixture(scope="module")
def server(stack):
    return stack.rasa


# --- credentials from the environment ------------------------------------------------


def test_without_channel_variables_only_rest_socketio_and_the_page_are_on(tmp_path):
    import yaml

    credentials = yaml.safe_load(write_credentials(tmp_path, {}).read_text())
    assert set(credentials) == {k for k in yaml.safe_load((ROOT / "credentials.yml").read_text())}
    assert not {"slack", "channels.telegram.TelegramInput", "channels.facebook.FacebookInput"} & set(
        credentials
    )


def test_all_channel_variables_switch_the_three_channels_on(tmp_path):
    import yaml

    credentials = yaml.safe_load(write_credentials(tmp_path, CHANNEL_ENV).read_text())
    assert credentials["channels.telegram.TelegramInput"]["verify"] == BOT_USERNAME
    assert credentials["channels.slack.SlackInput"]["slack_signing_secret"] == "slack-signing-secret"
    assert credentials["channels.facebook.FacebookInput"]["page-access-token"] == "fb-page-token"


def test_credentials_are_private_and_telegram_gets_a_secret_per_deployment(tmp_path):
    import yaml

    out = write_credentials(tmp_path / "state", CHANNEL_ENV)
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.parent.stat().st_mode & 0o777 == 0o700
    secret = yaml.safe_load(out.read_text())["channels.telegram.TelegramInput"]["secret_token"]
    assert len(secret) >= 32 and set(secret) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    )
    assert (out.parent / "telegram_secret_token").stat().st_mode & 0o777 == 0o600
    # the same deployment keeps its secret across restarts; another gets its own
    again = yaml.safe_load(write_credentials(tmp_path / "state", CHANNEL_ENV).read_text())
    assert again["channels.telegram.TelegramInput"]["secret_token"] == secret
    other = yaml.safe_load(write_credentials(tmp_path / "other", CHANNEL_ENV).read_text())
    assert other["channels.telegram.TelegramInput"]["secret_token"] != secret
    # an existing, readable file is made private when rewritten
    out.chmod(0o644)
    write_credentials(tmp_path / "state", CHANNEL_ENV)
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_half_configured_channel_is_an_error(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "credentials.py"), str(tmp_path / "c.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "SLACK_TOKEN": "xoxb-only"},
    )
    assert result.returncode == 2 and "SLACK_SIGNING_SECRET" in result.stderr


# --- Telegram ---------------------------------------------------------------------


def telegram_update(update_id: int, chat_id: int, text: str) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Ada", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": user,
            "date": int(time.time()),
            "chat": {"id": chat_id, "first_name": "Ada", "type": "private"},
            "text": text,
        },
    }


def telegram_sent(fake_api: FakeApi, chat_id: int, needle: str):
    def found(calls):
        return [
            c
            for c in calls
            if c.method == "sendMessage"
            and str(c.data.get("chat_id")) == str(chat_id)
            and needle in c.data.get("text", "")
        ]

    return fake_api.wait_for(found)


def telegram_post(server, update: dict, secret: str | None):
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    return post_json(server.url + "/webhooks/telegram/webhook", update, headers=headers)


def stored_events(stack, sender_id: str) -> list:
    with sqlite3.connect(stack.workdir / "tracker.db") as conn:
        return conn.execute("SELECT type_name FROM events WHERE sender_id = ?", (sender_id,)).fetchall()


def wait_stored(stack, sender_id: str, timeout: float = 15) -> list:
    """Events of a conversation, once saved (the reply is sent before the save)."""
    deadline = time.monotonic() + timeout
    while not (events := stored_events(stack, sender_id)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return events


def test_telegram_starts_although_setwebhook_failed(server, fake_api, telegram_secret):
    [call] = [c for c in fake_api.calls if c.method == "setWebhook"][:1]  # tried, refused
    assert call.data.get("secret_token") == telegram_secret  # Telegram is given the secret
    # ... and yet the server is up with the channel mounted
    import urllib.request

    with urllib.request.urlopen(server.url + "/webhooks/telegram/", timeout=10) as response:
        assert json.loads(response.read()) == {"status": "ok"}


def test_telegram_greeting_comes_with_an_inline_keyboard(server, fake_api, telegram_secret):
    status, _ = telegram_post(server, telegram_update(1001, 7001, "hello"), telegram_secret)
    assert status == 200
    [greeting] = telegram_sent(fake_api, 7001, "What would you like to know?")
    keyboard = json.loads(greeting.data["reply_markup"])["inline_keyboard"]
    buttons = [b for row in keyboard for b in row]
    assert [b["text"] for b in buttons] == TOPICS
    assert [len(row) for row in keyboard] == [1, 1, 1, 1]  # stacked: whole titles on a phone
    assert buttons[3]["callback_data"] == "/ask_relief"
    # the disclaimer comes with the first factual answer, also after a greeting
    telegram_post(server, telegram_update(1011, 7001, "/ask_causes"), telegram_secret)
    telegram_sent(fake_api, 7001, "not a doctor")


def test_telegram_question_gets_the_articles_answer_in_html(server, fake_api, telegram_secret):
    status, _ = telegram_post(
        server, telegram_update(1002, 7002, "what causes twitching in my sleep?"), telegram_secret
    )
    assert status == 200
    [answer] = telegram_sent(fake_api, 7002, "Source: the article, ")
    assert answer.data["parse_mode"] == "HTML"
    text = answer.data["text"]
    # the answer, then the source in italics with its sections linked to the reader,
    # the caveat apart with its label in bold, the disclaimer last; buttons under it all
    assert text.startswith("The article lists five reasons for sudden twitching in sleep")
    assert (
        f'\n<i>Source: the article, <a href="{READER}?fact=causes.overview#section-1">'
        "section 1 (Reasons)</a>"
    ) in text
    assert f"\n\n<b>{CAVEAT_LABEL}</b> Stress and late exercise" in text
    assert text.endswith("please ask a doctor.</i>")
    keyboard = json.loads(answer.data["reply_markup"])["inline_keyboard"]
    assert [b["text"] for row in keyboard for b in row] == ["Tell me more", "Relief methods"]


def test_telegram_emergency_comes_alone_and_in_bold(server, fake_api, telegram_secret):
    telegram_post(
        server, telegram_update(1004, 7004, "my wife is convulsing and not responding"), telegram_secret
    )
    [alert] = telegram_sent(fake_api, 7004, "emergency number")
    assert alert.data["parse_mode"] == "HTML"
    assert alert.data["text"].startswith("<b>Please call your local emergency number now")
    assert alert.data["text"].endswith("</b>") and "reply_markup" not in alert.data


def test_telegram_button_press_gets_its_answer_and_is_acknowledged(server, fake_api, telegram_secret):
    update = {
        "update_id": 1003,
        "callback_query": {
            "id": "cbq-1",
            "chat_instance": "42",
            "data": "/ask_relief",
            "from": {"id": 7003, "is_bot": False, "first_name": "Ada"},
            "message": {
                "message_id": 5,
                "date": int(time.time()),
                "text": "What would you like to know?",
                "chat": {"id": 7003, "type": "private"},
                "from": {"id": 4242, "is_bot": True, "first_name": "Twitching"},
            },
        },
    }
    status, _ = telegram_post(server, update, telegram_secret)
    assert status == 200
    telegram_sent(fake_api, 7003, "fried")
    assert any(
        c.method == "answerCallbackQuery" and c.data.get("callback_query_id") == "cbq-1"
        for c in fake_api.calls
    )


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", "x" * 300])
def test_forged_telegram_update_is_refused_answered_by_nobody_and_not_stored(
    stack, fake_api, telegram_secret, secret
):
    chat_id = 7100 + len(secret or "") + (secret is None)
    button = {
        "update_id": 1100,
        "callback_query": {
            "id": f"cbq-forged-{chat_id}",
            "chat_instance": "42",
            "data": "/ask_relief",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Eve"},
            "message": {
                "message_id": 6,
                "date": int(time.time()),
                "text": "x",
                "chat": {"id": chat_id, "type": "private"},
            },
        },
    }
    for update in (telegram_update(1100, chat_id, "hello"), button):
        status, _ = telegram_post(stack.rasa, update, secret)
        assert status == 403
    # a genuine update sent afterwards is answered; the forged ones never were
    telegram_post(stack.rasa, telegram_update(1101, 7199, "hello"), telegram_secret)
    telegram_sent(fake_api, 7199, "What would you like to know?")
    assert not [
        c
        for c in fake_api.calls
        if str(c.data.get("chat_id")) == str(chat_id)
        or c.data.get("callback_query_id") == f"cbq-forged-{chat_id}"
    ]
    assert stored_events(stack, f"telegram:{chat_id}") == []
    assert stored_events(stack, str(chat_id)) == []


def test_set_webhook_is_not_open(server, fake_api, telegram_secret):
    url = server.url + "/webhooks/telegram/set_webhook"
    before = len([c for c in fake_api.calls if c.method == "setWebhook"])
    assert get_json(url)[0] == 405  # stock: an open GET
    assert post_json(url, {})[0] == 403
    assert post_json(url, {}, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})[0] == 403
    assert len([c for c in fake_api.calls if c.method == "setWebhook"]) == before
    status, _ = post_json(url, {}, headers={"X-Telegram-Bot-Api-Secret-Token": telegram_secret})
    assert status == 502  # allowed, and the fake Telegram refuses it again
    assert len([c for c in fake_api.calls if c.method == "setWebhook"]) == before + 1


def test_telegram_rejects_malformed_updates_with_a_4xx(server, telegram_secret):
    for raw in (b"[1]", b"not json", b"[" * 20_000 + b"]" * 20_000, b'{"update_id": "x", "message": 5}'):
        status, _ = post_json(
            server.url + "/webhooks/telegram/webhook",
            None,
            raw=raw,
            headers={"X-Telegram-Bot-Api-Secret-Token": telegram_secret},
        )
        assert 400 <= status < 500, raw[:40]


def test_rest_cannot_read_or_drive_a_telegram_users_conversation(stack, fake_api, telegram_secret):
    chat_id = 7300
    telegram_post(stack.rasa, telegram_update(1300, chat_id, "my calcium result was 1.9"), telegram_secret)
    telegram_sent(fake_api, chat_id, "Which unit")
    assert wait_stored(stack, f"telegram:{chat_id}")  # the Telegram user's own namespace
    # the bare chat id over REST is another, empty conversation: no pending lab value
    reply = reply_text(stack.rasa.say(str(chat_id), '/give_unit{"unit": "mmol/L"}'))
    assert "1.9" not in reply
    # and the namespaced id cannot be used over REST at all
    for sender in (f"telegram:{chat_id}", f"Telegram:{chat_id}", f"facebook:{chat_id}"):
        status, body = post_json(
            stack.rasa.url + "/webhooks/rest/webhook", {"sender": sender, "message": "mmol/L"}
        )
        assert status == 400 and "sender" in body["error"]
    assert not [
        c
        for c in fake_api.calls
        if c.method == "sendMessage"
        and str(c.data.get("chat_id")) == str(chat_id)
        and "1.9 mmol/L" in c.data.get("text", "")
    ]


@pytest.mark.xfail(
    strict=True,
    reason="Rasa 3.6.21's stock Telegram connector binds its "
    "aiohttp session to a closed event loop at start-up: every update fails "
    "with 'Event loop is closed' and the user gets no reply "
    "(fixed by channels/telegram.py)",
)
def test_stock_telegram_connector_answers_an_update(stack, tmp_path):
    api = FakeApi(telegram_set_webhook_ok=True).start()  # so that the stock one starts at all
    credentials = tmp_path / "stock.yml"
    credentials.write_text(
        f"telegram:\n  access_token: \"{CHANNEL_ENV['TELEGRAM_ACCESS_TOKEN']}\"\n"
        f"  verify: \"{BOT_USERNAME}\"\n"
        f"  webhook_url: \"{CHANNEL_ENV['TELEGRAM_WEBHOOK_URL']}\"\n"
    )
    rasa = RasaServer(
        tmp_path,
        default_endpoints(stack.actions.url, tmp_path / "tracker.db"),
        env=api.env,
        credentials=credentials,
    )
    try:
        rasa.start()
        status, _ = post_json(rasa.url + "/webhooks/telegram/webhook", telegram_update(2001, 8001, "hello"))
        log = rasa.log_path.read_text(errors="replace")
        assert status == 200, log[-1500:]  # stock: 500, "Event loop is closed" in the log
        telegram_sent(api, 8001, "What would you like to know?")
    finally:
        rasa.stop()
        api.stop()


# --- Slack ------------------------------------------------------------------------


def slack_post(
    server, event_text: str, user: str, channel: str, secret: str | None = None, timestamp: int | None = None
):
    payload = {
        "token": "verification-token",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": f"Ev{user}",
        "event_time": int(time.time()),
        "authorizations": [{"user_id": "UBOT", "is_bot": True}],
        "event": {
            "type": "message",
            "channel": channel,
            "channel_type": "im",
            "user": user,
            "text": event_text,
            "ts": f"{time.time():.6f}",
            "event_ts": f"{time.time():.6f}",
        },
    }
    body = json.dumps(payload).encode()
    timestamp = timestamp or int(time.time())
    signature = (
        "v0="
        + hmac.new(
            (secret or CHANNEL_ENV["SLACK_SIGNING_SECRET"]).encode(),
            f"v0:{timestamp}:".encode() + body,
            hashlib.sha256,
        ).hexdigest()
    )
    return post_json(
        server.url + "/webhooks/slack/webhook",
        None,
        raw=body,
        headers={"X-Slack-Signature": signature, "X-Slack-Request-Timestamp": str(timestamp)},
    )


def slack_sent(fake_api: FakeApi, channel: str, needle: str):
    return fake_api.wait_for(
        lambda calls: [
            c
            for c in calls
            if c.path.endswith("/chat.postMessage")
            and c.data.get("channel") == channel
            and needle in c.data.get("text", "")
        ]
    )


def test_slack_greeting_comes_with_button_blocks(server, fake_api):
    status, _ = slack_post(server, "hello", "U1001", "D1001")
    assert status == 200
    [greeting] = slack_sent(fake_api, "D1001", "What would you like to know?")
    assert greeting.headers.get("Authorization") == "Bearer xoxb-test-token"
    actions = [b for b in greeting.data["blocks"] if b["type"] == "actions"][0]
    assert [e["text"]["text"] for e in actions["elements"]] == TOPICS
    assert actions["elements"][0]["value"] == "/ask_causes"


def test_slack_question_gets_the_articles_answer_in_blocks(server, fake_api):
    status, _ = slack_post(server, "what causes twitching in my sleep?", "U1002", "D1002")
    assert status == 200
    # `text` (notifications, old clients) is the plain reply
    [answer] = slack_sent(fake_api, "D1002", "Source: the article, section 1")
    blocks = answer.data["blocks"]
    assert [b["type"] for b in blocks] == ["section", "context", "section", "context", "actions"]
    assert blocks[0]["text"]["text"].startswith("The article lists five reasons")
    assert blocks[1]["elements"][0]["text"].startswith(
        f"Source: the article, <{READER}?fact=causes.overview#section-1|section 1 (Reasons)>"
    )
    assert blocks[2]["text"]["text"].startswith(f"> *{CAVEAT_LABEL}* Stress and late exercise")
    assert "not a doctor" in blocks[3]["elements"][0]["text"]
    assert [e["value"] for e in blocks[4]["elements"]] == ["/ask_more", "/ask_relief"]


def test_slack_bad_signature_is_rejected_and_not_answered(server, fake_api):
    status, _ = slack_post(server, "hello", "U1003", "D1003", secret="wrong-secret")
    assert 400 <= status < 500
    stale_status, _ = slack_post(server, "hello", "U1004", "D1004", timestamp=int(time.time()) - 3600)
    assert 400 <= stale_status < 500
    # a correctly signed message sent afterwards is answered; the rejected ones never are
    slack_post(server, "hello", "U1005", "D1005")
    slack_sent(fake_api, "D1005", "What would you like to know?")
    assert not [c for c in fake_api.calls if c.data.get("channel") in ("D1003", "D1004")]


# --- Facebook Messenger -------------------------------------------------------------


def facebook_post(
    server,
    sender: str,
    message: dict,
    secret: str | None = None,
    algorithm: str = "sha256",
    header: str = "X-Hub-Signature-256",
):
    now = int(time.time() * 1000)
    payload = {
        "object": "page",
        "entry": [
            {
                "id": "PAGE1",
                "time": now,
                "messaging": [
                    {
                        "sender": {"id": sender},
                        "recipient": {"id": "PAGE1"},
                        "timestamp": now,
                        "message": {"mid": f"m_{sender}_{now}", **message},
                    }
                ],
            }
        ],
    }
    body = json.dumps(payload).encode()
    digest = getattr(hashlib, algorithm) if hasattr(hashlib, algorithm) else hashlib.sha256
    signature = (
        f"{algorithm}="
        + hmac.new((secret or CHANNEL_ENV["FACEBOOK_SECRET"]).encode(), body, digest).hexdigest()
    )
    return post_json(server.url + "/webhooks/facebook/webhook", None, raw=body, headers={header: signature})


def facebook_sent(fake_api: FakeApi, sender: str, needle: str):
    return fake_api.wait_for(
        lambda calls: [
            c
            for c in calls
            if c.path.endswith("/me/messages")
            and c.data.get("recipient", {}).get("id") == sender
            and needle in json.dumps(c.data.get("message", {}))
        ]
    )


def test_facebook_greeting_comes_with_quick_replies(server, fake_api):
    status, _ = facebook_post(server, "fb-user-1", {"text": "hello"})
    assert status == 200
    [greeting] = facebook_sent(fake_api, "fb-user-1", "What would you like to know?")
    assert greeting.query.get("access_token") == "fb-page-token"
    replies = greeting.data["message"]["quick_replies"]
    assert [r["title"] for r in replies] == TOPICS
    assert {r["content_type"] for r in replies} == {"text"}


def test_facebook_quick_reply_gets_its_answer(server, fake_api):
    status, _ = facebook_post(
        server, "fb-user-2", {"text": "Relief methods", "quick_reply": {"payload": "/ask_relief"}}
    )
    assert status == 200
    facebook_sent(fake_api, "fb-user-2", "fried")


def test_facebook_question_gets_plain_text_then_quick_replies(server, fake_api):
    status, _ = facebook_post(server, "fb-user-3", {"text": "what causes twitching in my sleep?"})
    assert status == 200
    [answer] = facebook_sent(fake_api, "fb-user-3", "Source: the article, section 1")
    message = answer.data["message"]
    text = message["text"]
    assert len(text) <= 2000 and "<" not in text  # Messenger shows markup as typed
    assert text.startswith("The article lists five reasons")
    assert f"\n{READER}?fact=causes.overview#section-1\n" in text  # tappable
    assert f"\n\n{CAVEAT_LABEL} Stress and late exercise" in text
    # too long for a button template (640): the buttons as quick replies on it
    assert [r["payload"] for r in message["quick_replies"]] == ["/ask_more", "/ask_relief"]


@pytest.mark.parametrize(
    "forgery",
    [
        {"secret": "wrong-secret"},
        {"algorithm": "sha1", "header": "X-Hub-Signature"},  # stock accepted SHA-1
        {"algorithm": "sha1"},  # SHA-1 in the new header
        {"algorithm": "md5", "header": "X-Hub-Signature"},  # stock accepted md5=
        {"algorithm": "blake2b", "header": "X-Hub-Signature"},  # stock: 500
        {"algorithm": "sha512"},
        {"header": "X-Not-The-Signature"},
    ],
)
def test_facebook_forged_signature_is_refused_answered_by_nobody_and_not_stored(stack, fake_api, forgery):
    sender = "fb-forged-" + "-".join(str(v) for v in forgery.values())
    status, _ = facebook_post(stack.rasa, sender, {"text": "hello"}, **forgery)
    assert status == 403
    facebook_post(stack.rasa, "fb-user-4", {"text": "hello"})
    facebook_sent(fake_api, "fb-user-4", "What would you like to know?")
    assert not [c for c in fake_api.calls if c.data.get("recipient", {}).get("id") == sender]
    assert stored_events(stack, f"facebook:{sender}") == []


def test_facebook_users_live_in_their_own_namespace(stack, fake_api):
    facebook_post(stack.rasa, "fb-user-5", {"text": "hello"})
    facebook_sent(fake_api, "fb-user-5", "What would you like to know?")
    assert wait_stored(stack, "facebook:fb-user-5") and not stored_events(stack, "fb-user-5")


def test_slack_users_live_in_their_own_namespace(stack, fake_api):
    slack_post(stack.rasa, "hello", "U1006", "D1006")
    slack_sent(fake_api, "D1006", "What would you like to know?")
    assert wait_stored(stack, "slack:U1006") and not stored_events(stack, "U1006")


def test_the_attack_script_finds_no_hole(stack, fake_api, telegram_secret):
    """`make attack` on this module's stack: 60+ hostile requests, all refused or handled."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("attack", ROOT / "scripts" / "attack.py")
    attack = importlib.util.module_from_spec(spec)
    sys.modules["attack"] = attack  # dataclasses look their module up there
    spec.loader.exec_module(attack)
    rows = attack.run_attack(
        stack.rasa.url,
        stack.workdir / "tracker.db",
        fake_api,
        telegram_secret,
        fb_secret=CHANNEL_ENV["FACEBOOK_SECRET"],
        slack_secret=CHANNEL_ENV["SLACK_SIGNING_SECRET"],
    )
    assert len(rows) >= 60
    assert all(row.ok for row in rows), attack.table(rows)
