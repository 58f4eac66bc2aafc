"""The REST channel (/webhooks/rest/webhook), hardened against hostile input.

Registered in credentials.yml as `channels.rest.RestInput:` in place of the
stock `rest:` entry; it keeps the name `rest`, so the URL is unchanged.

Differences from rasa.core.channels.rest.RestInput:
- the body must be a UTF-8 JSON object with a string `sender` (1-128 chars) and a
  string `message`; anything else gets a 400 with {"error": "..."} instead of a 500
  or a silent empty reply;
- control characters (except newline and tab) are removed;
- messages longer than MAX_MESSAGE_CHARS (env, default 2000) are cut before NLU, so
  a 100 KB message costs no more than a 2,000-character one;
- an empty or whitespace-only message gets a short hint without running NLU;
- an unexpected failure while handling the message gets a polite reply, not [];
  with `?stream=true` too (stock: the stream never ends);
- bodies over MAX_REQUEST_BYTES get 413 (on every route, channels/limits.py), JSON
  nested too deeply gets 400 (stock: 500), `metadata` must be a small, shallow
  object and is not stored (nothing here reads it);
- `sender` may not contain ':', the separator of the messaging channels'
  namespaces ("telegram:12345"), so a REST caller cannot address their trackers.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Awaitable, Callable, Optional, Text

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel
from rasa.core.channels.rest import RestInput as StockRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

import settings
from channels.limits import NAMESPACE_SEPARATOR, BadInput, check_metadata, limit_request_size, loads
from channels.warm_up import warm_up_on_start

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128
EMPTY_MESSAGE_TEXT = "Please type a question, for example: what causes twitching?"
ERROR_TEXT = "Sorry, something went wrong on my side. Please try again in a moment."
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\u2028\u2029\ufeff]")


def max_message_chars() -> int:
    return settings.integer("MAX_MESSAGE_CHARS", minimum=1)


def clean_message(text: str, limit: Optional[int] = None) -> str:
    """Drop control characters and cut to the limit (the documented contract)."""
    return _CONTROL.sub("", text)[: limit or max_message_chars()]


BadRequest = BadInput  # the name the tests and callers know


def parse_body(raw: bytes) -> tuple[str, str, Optional[dict]]:
    """(sender, cleaned message, checked metadata) or BadRequest with the reason."""
    try:
        body = loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("the request body must be UTF-8 encoded JSON")
    except BadInput:
        raise
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
    if NAMESPACE_SEPARATOR in sender:
        raise BadRequest(
            f"`sender` may not contain '{NAMESPACE_SEPARATOR}' (reserved for "
            "the messaging channels' conversations)"
        )
    if not isinstance(message, str):
        raise BadRequest("`message` is required and must be a string")
    return sender, clean_message(message), check_metadata(metadata)


class RestInput(StockRestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @staticmethod
    async def on_message_wrapper(
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        queue: asyncio.Queue,
        sender_id: Text,
        input_channel: Text,
        metadata: Optional[dict],
    ) -> None:
        # The stock wrapper puts "DONE" only after success: one failure and the
        # stream never ends. Here the user gets the error reply and the stream ends.
        collector = QueueOutputChannel(queue)
        try:
            await on_new_message(
                UserMessage(text, collector, sender_id, input_channel=input_channel, metadata=metadata)
            )
        except Exception:  # noqa: BLE001 - the user gets a reply, the log the details
            logger.exception("REST (stream) message from %r failed", sender_id[:40])
            await queue.put({"recipient_id": sender_id, "text": ERROR_TEXT})
        finally:
            await queue.put("DONE")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = warm_up_on_start(limit_request_size(Blueprint("rest_webhook", __name__)))

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse | ResponseStream:
            try:
                sender, text, _metadata = parse_body(request.body or b"")
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)
            metadata = None  # checked, then not stored: nothing in this assistant reads it
            if not text.strip():
                return response.json([{"recipient_id": sender, "text": EMPTY_MESSAGE_TEXT}])
            input_channel = self.name()
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender, input_channel, metadata),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text, collector, sender, input_channel=input_channel, metadata=metadata)
                )
            except Exception:  # noqa: BLE001 - the user gets a reply, the log the details
                logger.exception("REST message from %r failed", sender[:40])
                if not collector.messages:
                    collector.messages.append({"recipient_id": sender, "text": ERROR_TEXT})
            return response.json(collector.messages)

        return webhook


__all__ = ["RestInput", "clean_message", "max_message_chars"]
