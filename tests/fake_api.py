"""A local stand-in for the Telegram Bot API, Slack Web API and Facebook Graph API.

Records every request the connectors send and answers like the real APIs do, so a
test can assert what the user would receive. Bound to 127.0.0.1 on a free port.
The Rasa process is pointed at it by tests/fake_api_site/sitecustomize.py
(FAKE_API_URL): Telegram at {url}/telegram, Slack at {url}/slack/api/, Facebook at
{url}/facebook/v{version}.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

SITE = Path(__file__).resolve().parent / "fake_api_site"
BOT_USERNAME = "twitching_test_bot"


@dataclass
class Call:
    path: str  # e.g. /telegram/bot123:ABC/sendMessage, /slack/api/chat.postMessage
    query: dict
    headers: dict
    data: dict  # JSON, form or multipart fields, decoded

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class FakeApi:
    calls: list[Call] = field(default_factory=list)
    telegram_set_webhook_ok: bool = True
    lock: threading.Condition = field(default_factory=threading.Condition)

    def start(self) -> "FakeApi":
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self.do_POST()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                url = urllib.parse.urlsplit(self.path)
                call = Call(
                    url.path,
                    dict(urllib.parse.parse_qsl(url.query)),
                    dict(self.headers),
                    _decode(self.headers.get("Content-Type", ""), body),
                )
                status, answer = api.answer(call)
                with api.lock:
                    api.calls.append(call)
                    api.lock.notify_all()
                raw = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def env(self) -> dict[str, str]:
        """Environment for the Rasa process: redirect the three APIs here."""
        import os

        path = os.pathsep.join(filter(None, [str(SITE), os.environ.get("PYTHONPATH")]))
        return {"FAKE_API_URL": self.url, "PYTHONPATH": path}

    def answer(self, call: Call) -> tuple[int, Any]:
        if call.path.startswith("/telegram/"):
            method = call.method
            if method == "getMe":
                return 200, {
                    "ok": True,
                    "result": {
                        "id": 4242,
                        "is_bot": True,
                        "first_name": "Twitching",
                        "username": BOT_USERNAME,
                    },
                }
            if method == "setWebhook":
                if self.telegram_set_webhook_ok:
                    return 200, {"ok": True, "result": True, "description": "Webhook was set"}
                return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            if method == "sendMessage":
                return 200, {
                    "ok": True,
                    "result": {
                        "message_id": len(self.calls) + 1,
                        "date": int(time.time()),
                        "chat": {"id": int(call.data.get("chat_id", 0)), "type": "private"},
                        "text": call.data.get("text", ""),
                    },
                }
            return 200, {"ok": True, "result": True}
        if call.path.startswith("/slack/"):
            return 200, {
                "ok": True,
                "channel": call.data.get("channel"),
                "ts": "1700000000.000100",
                "message": {"text": call.data.get("text", "")},
            }
        if call.path.startswith("/facebook/"):
            return 200, {"recipient_id": "1", "message_id": "mid.1"}
        return 404, {"error": "unknown API"}

    def wait_for(self, predicate: Callable[[list[Call]], Any], timeout: float = 60) -> Any:
        """Wait until predicate(calls) is truthy; return it (or fail after timeout)."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                result = predicate(list(self.calls))
                if result:
                    return result
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        "the fake API never got the expected call; calls were:\n"
                        + "\n".join(f"{c.path} {c.data}" for c in self.calls)
                    )
                self.lock.wait(left)


def _decode(content_type: str, body: bytes) -> dict:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(urllib.parse.parse_qsl(body.decode()))
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        return {
            part.get_param("name", header="content-disposition"): part.get_content()
            for part in message.iter_parts()
        }
    return {"raw": body.decode("utf-8", "replace")}
