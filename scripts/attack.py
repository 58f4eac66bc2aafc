#!/usr/bin/env python3
"""`make attack`: hostile requests against a running stack, one table of results.

    python scripts/attack.py

Starts the action server and Rasa on free local ports with every channel on
(Telegram, Slack and Facebook talking to the local fake API of the tests, so
nothing leaves the machine), then sends malformed, oversized, forged and
cross-channel requests to the REST, socket.io, Telegram, Slack and Facebook routes.
It passes when no request gets a 5xx, every request gets the status it should,
no forged request is answered or stored, and the server still answers afterwards.
tests/test_channels.py runs the same attack (`run_attack`) on its own stack.

Over 400 lines on purpose: the hostile requests are a table, one row per attack,
kept together so a reviewer sees every case in one place.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.servers import RasaStack, get_json, post_json  # noqa: E402
from tests.fake_api import FakeApi  # noqa: E402

SECRETS = {
    "TELEGRAM_ACCESS_TOKEN": "123456789:ATTACK-token",
    "TELEGRAM_VERIFY": "twitching_test_bot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
    "SLACK_TOKEN": "xoxb-attack",
    "SLACK_SIGNING_SECRET": "slack-attack-secret",
    "FACEBOOK_VERIFY": "fb-attack-verify",
    "FACEBOOK_SECRET": "fb-attack-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "fb-attack-page-token",
}
BIG = 70 * 1024


@dataclass
class Row:
    target: str
    case: str
    expected: str  # e.g. "403", "4xx", "200"
    status: int
    forged_id: Optional[str] = None  # tracker id that must stay empty and unanswered

    @property
    def ok(self) -> bool:
        if self.status >= 500:
            return False
        if self.expected == "4xx":
            return 400 <= self.status < 500
        return str(self.status) == self.expected


def _tg_update(chat_id: int, text: str) -> dict:
    return {
        "update_id": chat_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "text": text,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Eve"},
            "chat": {"id": chat_id, "type": "private"},
        },
    }


def _slack_body(user: str) -> bytes:
    return json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "event_id": f"Ev{user}",
            "event": {
                "type": "message",
                "channel": f"D{user}",
                "channel_type": "im",
                "user": user,
                "text": "hello",
                "ts": f"{time.time():.6f}",
            },
        }
    ).encode()


def _slack_sig(body: bytes, stamp: int, secret: str) -> str:
    return "v0=" + hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()


def _fb_body(psid: str) -> bytes:
    now = int(time.time() * 1000)
    return json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "P",
                    "time": now,
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": "P"},
                            "timestamp": now,
                            "message": {"mid": f"m{psid}", "text": "hello"},
                        }
                    ],
                }
            ],
        }
    ).encode()


def _socketio_handshake(url: str, origin: str) -> int:
    return get_json(url + "/socket.io/?EIO=4&transport=polling", headers={"Origin": origin})[0]


def run_attack(
    url: str,
    tracker_db: Path,
    fake_api: FakeApi,
    telegram_secret: str,
    fb_secret: str = SECRETS["FACEBOOK_SECRET"],
    slack_secret: str = SECRETS["SLACK_SIGNING_SECRET"],
) -> list[Row]:
    rows: list[Row] = []

    def send(
        target: str,
        case: str,
        expected: str,
        path: str,
        raw: bytes,
        headers: Optional[dict] = None,
        forged_id: Optional[str] = None,
    ) -> None:
        status, _ = post_json(url + path, None, raw=raw, headers=headers or {}, timeout=60)
        rows.append(Row(target, case, expected, status, forged_id))

    rest = "/webhooks/rest/webhook"
    for case, raw in {
        "invalid JSON": b'{"sender": ',
        "JSON list": b"[1, 2]",
        "empty body": b"",
        "invalid UTF-8": b'{"sender": "a", "message": "\xff\xfe"}',
        "sender null": b'{"sender": null, "message": "hi"}',
        "sender number": b'{"sender": 5, "message": "hi"}',
        "sender 129 chars": json.dumps({"sender": "s" * 129, "message": "hi"}).encode(),
        "message number": b'{"sender": "a", "message": 5}',
        "message missing": b'{"sender": "a"}',
        "metadata a list": b'{"sender": "a", "message": "hi", "metadata": [1]}',
        "metadata 5 KB": json.dumps({"sender": "a", "message": "hi", "metadata": {"x": "m" * 5000}}).encode(),
        "metadata 6 deep": (
            b'{"sender": "a", "message": "hi", "metadata": {"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}}'
        ),
        "nested 20,000 deep": b"[" * 20_000 + b"]" * 20_000,
        "nested metadata": (
            b'{"sender": "a", "message": "hi", "metadata": ' + b'{"a":' * 9000 + b"1" + b"}" * 9001
        ),
    }.items():
        send("REST", case, "400", rest, raw)
    send("REST", "body 70 KB", "413", rest, json.dumps({"sender": "big", "message": "x" * BIG}).encode())
    send(
        "REST",
        "stream, body 70 KB",
        "413",
        rest + "?stream=true",
        json.dumps({"sender": "big", "message": "x" * BIG}).encode(),
    )
    send("REST", "stream, nested", "400", rest + "?stream=true", b"[" * 20_000 + b"]" * 20_000)
    send(
        "REST",
        "control characters and RTL",
        "200",
        rest,
        json.dumps({"sender": "odd", "message": "calcium\u0000\u202e?"}).encode(),
    )
    for sender in ("telegram:7001", "Telegram:7001", "facebook:PSID1", "slack:U1", "socketio:abc", ":"):
        send(
            "REST→other channel",
            f"sender {sender!r}",
            "400",
            rest,
            json.dumps({"sender": sender, "message": "mmol/L"}).encode(),
        )

    tg = "/webhooks/telegram/webhook"
    for n, (case, headers) in enumerate(
        {
            "no secret header": {},
            "empty secret": {"X-Telegram-Bot-Api-Secret-Token": ""},
            "wrong secret": {"X-Telegram-Bot-Api-Secret-Token": "guess"},
            "secret + 1 char": {"X-Telegram-Bot-Api-Secret-Token": telegram_secret + "x"},
            "secret - 1 char": {"X-Telegram-Bot-Api-Secret-Token": telegram_secret[:-1]},
            "secret in another header": {"X-Telegram-Secret": telegram_secret},
            "300-char secret": {"X-Telegram-Bot-Api-Secret-Token": "a" * 300},
        }.items()
    ):
        chat = 66000 + n
        send(
            "Telegram",
            f"forged update, {case}",
            "403",
            tg,
            json.dumps(_tg_update(chat, "hello")).encode(),
            headers,
            f"telegram:{chat}",
        )
    forged_button = {
        "update_id": 9,
        "callback_query": {
            "id": "cbq-attack",
            "chat_instance": "1",
            "data": "/ask_relief",
            "from": {"id": 66100, "is_bot": False, "first_name": "Eve"},
            "message": {"message_id": 1, "date": 1, "chat": {"id": 66100, "type": "private"}},
        },
    }
    send(
        "Telegram", "forged button press", "403", tg, json.dumps(forged_button).encode(), {}, "telegram:66100"
    )
    send(
        "Telegram",
        "forged update, 70 KB",
        "413",
        tg,
        json.dumps(_tg_update(66101, "x" * BIG)).encode(),
        {},
        "telegram:66101",
    )
    genuine = {"X-Telegram-Bot-Api-Secret-Token": telegram_secret}
    for case, raw in {
        "list": b"[1]",
        "not JSON": b"{",
        "nested": b"[" * 20_000 + b"]" * 20_000,
        "message a number": b'{"update_id": 1, "message": 5}',
    }.items():
        send("Telegram", f"genuine secret, {case}", "400", tg, raw, genuine)
    send("Telegram", "set_webhook without secret", "403", "/webhooks/telegram/set_webhook", b"{}")
    rows.append(
        Row(
            "Telegram",
            "set_webhook as GET (stock: open)",
            "405",
            get_json(url + "/webhooks/telegram/set_webhook")[0],
        )
    )

    slack, now = "/webhooks/slack/webhook", int(time.time())
    for n, (case, secret, stamp) in enumerate(
        [
            ("wrong secret", "not-the-secret", now),
            ("stale timestamp", slack_secret, now - 3600),
            ("future timestamp", slack_secret, now + 3600),
        ]
    ):
        user = f"UATK{n}"
        body = _slack_body(user)
        send(
            "Slack",
            f"forged event, {case}",
            "4xx",
            slack,
            body,
            {"X-Slack-Signature": _slack_sig(body, stamp, secret), "X-Slack-Request-Timestamp": str(stamp)},
            f"slack:{user}",
        )
    body = _slack_body("UATK9")
    send("Slack", "no signature", "4xx", slack, body, {}, "slack:UATK9")
    send(
        "Slack",
        "signature, no timestamp",
        "4xx",
        slack,
        body,
        {"X-Slack-Signature": _slack_sig(body, now, slack_secret)},
        "slack:UATK9",
    )
    send(
        "Slack",
        "garbage signature",
        "4xx",
        slack,
        body,
        {"X-Slack-Signature": "v0=zz", "X-Slack-Request-Timestamp": str(now)},
        "slack:UATK9",
    )
    send("Slack", "body 70 KB", "413", slack, b"x" * BIG)

    fb = "/webhooks/facebook/webhook"
    for n, (case, header, algo, secret) in enumerate(
        [
            ("no signature", None, None, None),
            ("SHA-1 (stock accepted)", "X-Hub-Signature", hashlib.sha1, fb_secret),
            ("SHA-1 in the -256 header", "X-Hub-Signature-256", hashlib.sha1, fb_secret),
            ("md5= (stock accepted)", "X-Hub-Signature", hashlib.md5, fb_secret),
            ("wrong secret", "X-Hub-Signature-256", hashlib.sha256, "guess"),
            ("sha512", "X-Hub-Signature-256", hashlib.sha512, fb_secret),
        ]
    ):
        psid = f"PSIDATK{n}"
        body = _fb_body(psid)
        headers = {}
        if header:
            name = {hashlib.sha1: "sha1", hashlib.md5: "md5", hashlib.sha512: "sha512"}.get(algo, "sha256")
            headers[header] = f"{name}=" + hmac.new(secret.encode(), body, algo).hexdigest()
        send("Facebook", f"forged event, {case}", "403", fb, body, headers, f"facebook:{psid}")
    send(
        "Facebook",
        "unknown prefix (stock: 500)",
        "403",
        fb,
        _fb_body("PSIDATK8"),
        {"X-Hub-Signature": "whirlpool=00"},
        "facebook:PSIDATK8",
    )
    good = "sha256=" + hmac.new(fb_secret.encode(), b"[1]", hashlib.sha256).hexdigest()
    send("Facebook", "genuine signature, not a page event", "400", fb, b"[1]", {"X-Hub-Signature-256": good})
    send("Facebook", "body 70 KB", "413", fb, b"x" * BIG)
    rows.append(
        Row(
            "Facebook",
            "verify with a wrong token",
            "403",
            get_json(url + fb + "?hub.verify_token=guess&hub.challenge=1&hub.mode=subscribe")[0],
        )
    )

    for origin in ("http://evil.example", "null", "http://127.0.0.1.evil.example"):
        rows.append(
            Row("socket.io", f"handshake from Origin {origin}", "400", _socketio_handshake(url, origin))
        )
    send("socket.io", "polling POST 70 KB", "413", "/socket.io/?EIO=4&transport=polling", b"x" * BIG)
    rows += _socketio_events(url)

    _check_forged(rows, tracker_db, fake_api)
    status, body = post_json(url + rest, {"sender": "after-attack", "message": "what causes twitching?"})
    rows.append(
        Row(
            "REST",
            "a genuine question afterwards",
            "200",
            status if body and "stress" in json.dumps(body) else 599,
        )
    )
    return rows


def _socketio_events(url: str) -> list[Row]:
    """Bad events on a same-origin socket: each must get the polite error reply."""
    import socketio

    from channels.socketio import BAD_EVENT_TEXT

    client, replies = socketio.Client(reconnection=False), []
    client.on("bot_uttered", replies.append)
    client.connect(url, headers={"Origin": url}, transports=["polling"], wait_timeout=10)
    bad = {
        "session_id an object": {"session_id": {"$gt": ""}, "message": "hi"},
        "session_id 300 chars": {"session_id": "x" * 300, "message": "hi"},
        "session_id 'telegram:1'": {"session_id": "telegram:1", "message": "hi"},
        "message a number": {"session_id": "atk", "message": 5},
        "message a list": {"session_id": "atk", "message": ["hi"]},
        "metadata 5 KB": {"session_id": "atk", "message": "hi", "metadata": {"a": "m" * 5000}},
        "event a string": "hello",
    }
    try:
        for data in bad.values():
            client.emit("user_uttered", data)
        deadline = time.monotonic() + 20
        while len(replies) < len(bad) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        client.disconnect()
    polite = sum(1 for r in replies if r.get("text") == BAD_EVENT_TEXT)
    return [
        Row("socket.io", f"event, {case}", "200", 200 if i < polite else 598) for i, case in enumerate(bad)
    ]


def _check_forged(rows: list[Row], tracker_db: Path, fake_api: FakeApi) -> None:
    """A forged request that was answered or stored counts as a failure (status 597)."""
    time.sleep(1)  # let any (wrongly) accepted message finish
    with sqlite3.connect(tracker_db) as conn:
        stored = {s for (s,) in conn.execute("SELECT DISTINCT sender_id FROM events")}
    reached = set()
    for call in fake_api.calls:
        data = call.data
        recipient = data.get("recipient")
        recipient_id = recipient.get("id") if isinstance(recipient, dict) else None
        for value in (data.get("chat_id"), data.get("channel"), data.get("callback_query_id"), recipient_id):
            if value is not None:
                reached.add(str(value))
    for row in rows:
        if row.forged_id:
            platform_id = row.forged_id.split(":", 1)[1]
            button = row.forged_id == "telegram:66100" and "cbq-attack" in reached
            if (
                row.forged_id in stored
                or platform_id in stored
                or platform_id in reached
                or f"D{platform_id}" in reached
                or button
            ):
                row.status = 597


def table(rows: list[Row]) -> str:
    lines = [f"{'target':20s} {'case':45s} {'want':>5s} {'got':>4s}  result", "-" * 86]
    for r in rows:
        lines.append(
            f"{r.target:20s} {r.case[:45]:45s} {r.expected:>5s} {r.status:>4d}  " + ("ok" if r.ok else "FAIL")
        )
    failed = [r for r in rows if not r.ok]
    lines.append("-" * 86)
    lines.append(
        f"{len(rows)} requests, {len(failed)} failed, "
        f"{sum(r.status >= 500 for r in rows)} with a 5xx "
        "(597 = forged request answered or stored, 598/599 = no polite reply / no answer)"
    )
    return "\n".join(lines)


def main() -> int:
    api = FakeApi(telegram_set_webhook_ok=True).start()
    try:
        with tempfile.TemporaryDirectory(prefix="attack-") as tmp:
            credentials = Path(tmp) / "state" / "credentials.yml"
            subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "credentials.py"), str(credentials)],
                check=True,
                env={**os.environ, **SECRETS},
                capture_output=True,
            )
            import yaml

            secret = yaml.safe_load(credentials.read_text())["channels.telegram.TelegramInput"][
                "secret_token"
            ]
            stack = RasaStack(env=api.env, credentials=credentials)
            with stack as rasa:
                rows = run_attack(rasa.url, stack.workdir / "tracker.db", api, secret)
    finally:
        api.stop()
    print(table(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
