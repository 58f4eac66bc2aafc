"""The REST channel (/webhooks/rest/webhook), hardened against hostile input.

Registered in credentials.yml as `addons.rest_channel.RestInput:` in place of the
stock `rest:` entry; it keeps the name `rest`, so the URL is unchanged.

Differences from rasa.core.channels.rest.RestInput:
- the body must be a UTF-8 JSON object with a string `sender` (1-128 chars) and a
  string `message`; anything else gets a 400 with {"error": "..."} instead of a 500
  or a silent empty reply;
- control characters (except newline and tab) are removed;
- messages longer than MAX_MESSAGE_CHARS (env, default 2000) are cut before NLU, so
  a 100 KB message costs no more than a 2,000-character one;
- an empty or whitespace-only message gets a short hint without running NLU;
- an unexpected failure while handling the message gets a polite reply, not [].
"""
from __future__ import annotations

import json
import logging
import os
import re
from typing import Any, Awaitable, Callable, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as StockRestInput

from addons import action_validation, resilience  # noqa: F401  (install their patches)

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128
EMPTY_MESSAGE_TEXT = "Please type a question, for example: what causes twitching?"
ERROR_TEXT = "Sorry, something went wrong on my side. Please try again in a moment."
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\u2028\u2029\ufeff]")


def max_message_chars() -> int:
    try:
        return max(1, int(os.environ.get("MAX_MESSAGE_CHARS") or 2000))
    except ValueError:
        return 2000


def clean_message(text: str, limit: Optional[int] = None) -> str:
    """Drop control characters and cut to the limit (the documented contract)."""
    return _CONTROL.sub("", text)[: limit or max_message_chars()]


class BadRequest(ValueError):
    pass


def parse_body(raw: bytes) -> tuple[str, str, Optional[dict]]:
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("the request body must be UTF-8 encoded JSON")
    except ValueError:
        raise BadRequest('the request body must be JSON: {"sender": "...", "message": "..."}')
    if not isinstance(body, dict):
        raise BadRequest('the request body must be a JSON object: {"sender": "...", "message": "..."}')
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest("`sender` is required and must be a non-empty string")
    sender = clean_message(sender, MAX_SENDER_CHARS + 1).strip()
    if not sender or len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f"`sender` must be 1 to {MAX_SENDER_CHARS} printable characters")
    if not isinstance(message, str):
        raise BadRequest("`message` is required and must be a string")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("`metadata`, if given, must be a JSON object")
    return sender, clean_message(message), metadata


class RestInput(StockRestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("addons_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_body(request.body or b"")
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)
            if not text.strip():
                return response.json([{"recipient_id": sender, "text": EMPTY_MESSAGE_TEXT}])
            input_channel = self.name()
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender, input_channel, metadata),
                    content_type="text/event-stream")
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender,
                                                 input_channel=input_channel, metadata=metadata))
            except Exception:  # noqa: BLE001 - the user gets a reply, the log the details
                logger.exception("REST message from %r failed", sender[:40])
                if not collector.messages:
                    collector.messages.append({"recipient_id": sender, "text": ERROR_TEXT})
            return response.json(collector.messages)

        return webhook


__all__ = ["RestInput", "clean_message", "max_message_chars", "resilience"]
