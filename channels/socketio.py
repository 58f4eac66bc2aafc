"""Socketio channel for rasa-webchat whose topic buttons stay visible.

Rasa's socketio output sends buttons as `quick_replies`; rasa-webchat 1.0.1 shows
quick replies only while their message is the last one in the chat. Our greeting
is followed by the disclaimer message, so the four topic buttons would never
appear. Sent as `buttons` instead, the widget renders them under their message
regardless of what follows (same click behaviour: the payload is sent, the title
shown). Everything else is the stock `SocketIOInput` (same name, same /socket.io
path, session persistence, python-socketio 5.9.0 pin: see docs/channels.md).

Hardening (the stock channel passes `cors_allowed_origins=[]`, which switches
python-engineio's Origin check off, so any web page could open a socket to the bot):
- Origin allow-list: RASA_CORS_ORIGIN (one or more origins, comma-separated), by
  default the server's own origin. A browser connection from any other page is
  refused during the handshake. (Clients that send no Origin, i.e. not browsers,
  are let in: they can use REST just as well.)
- The same checks as REST: `session_id` a string of 1-128 letters, digits, '-'
  or '_'; `message` a string, cut to MAX_MESSAGE_CHARS; `metadata` a small,
  shallow object (channels/limits.py), then dropped. A bad event gets a polite
  error reply on the socket instead of silence.
- Conversations are "socketio:<session_id>" (channels/guard.py), so a widget
  cannot choose a Telegram user's id, nor REST a widget user's.
- Socket.IO packets are capped at MAX_REQUEST_BYTES, like HTTP bodies.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels import socketio as stock
from rasa.core.channels.channel import UserMessage, decode_bearer_token
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

import settings
from actions.replies import parts_from
from channels import render
from channels.guard import guard
from channels.limits import BadInput, check_metadata, limit_request_size, max_request_bytes

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
BAD_EVENT_TEXT = "Sorry, I could not read that message. Please type your question again."


def allowed_origins() -> Optional[List[str]]:
    """RASA_CORS_ORIGIN as a list; None = python-engineio's default, the same origin."""
    origins = [
        o.strip().rstrip("/") for o in re.split(r"[,\s]+", settings.text("RASA_CORS_ORIGIN")) if o.strip()
    ]
    return origins or None


def check_session_id(value: Any) -> str:
    if not isinstance(value, str) or not SESSION_ID.fullmatch(value):
        raise BadInput("`session_id` must be 1-128 letters, digits, '-' or '_'")
    return value


def postback_buttons(buttons: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """As rasa-webchat wants them: exactly these keys (it ignores a message with more)."""
    return [{"title": b["title"], "payload": b["payload"], "type": "postback"} for b in buttons]


def check_event(data: Any, metadata_key: str, session_persistence: bool) -> tuple[Optional[str], str]:
    """(session id or None, message) of a user_uttered event, or BadInput."""
    if not isinstance(data, dict):
        raise BadInput("a message event must be a JSON object")
    session_id = check_session_id(data.get("session_id")) if session_persistence else None
    message = data.get("message")
    if not isinstance(message, str):
        raise BadInput("`message` must be a string")
    check_metadata(data.get(metadata_key))
    return session_id, message


class SocketIOOutput(stock.SocketIOOutput):
    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """A reply with parts as the widget's markdown (channels/render.py): each part
        its own paragraph, the sections linked to the article reader, the disclaimer
        its own bubble; web/chat.js styles the paragraphs. Other messages as before."""
        parts = parts_from(message)
        if parts is None or any(message.get(key) for key in render.STOCK_ONLY):
            return await super().send_response(recipient_id, message)
        bubbles = render.webchat_markdown(parts)
        for bubble in bubbles[:-1]:
            await self._send_message(recipient_id, {"text": bubble})
        last: Dict[str, Any] = {"text": bubbles[-1]}
        if message.get("buttons"):
            last["buttons"] = postback_buttons(message["buttons"])
        await self._send_message(recipient_id, last)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        parts = [part for part in text.strip().split("\n\n") if part] or [text]
        for part in parts[:-1]:
            await self._send_message(recipient_id, {"text": part})
        await self._send_message(recipient_id, {"text": parts[-1], "buttons": postback_buttons(buttons)})


class SocketIOInput(stock.SocketIOInput):
    def get_output_channel(self) -> Optional[stock.SocketIOOutput]:
        stock_output = super().get_output_channel()
        return stock_output and SocketIOOutput(stock_output.sio, stock_output.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guard(self.name(), on_new_message)
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=allowed_origins(),
            max_http_buffer_size=max_request_bytes(),
        )
        webhook = limit_request_size(
            stock.SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        )
        self.sio = sio  # for get_output_channel
        namespace = self.namespace

        async def refuse(sid: Text, error: BadInput) -> None:
            logger.info("socket.io event refused: %s", error)
            await sio.emit(self.bot_message_evt, {"text": BAD_EVENT_TEXT}, room=sid, namespace=namespace)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict]) -> bool:
            if not self.jwt_key:
                return True
            token = auth.get("token") if isinstance(auth, dict) else None
            return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            try:
                session_id = uuid.uuid4().hex if session_id is None else check_session_id(session_id)
            except BadInput as error:
                return await refuse(sid, error)
            if self.session_persistence:
                sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            try:
                session_id, text = check_event(data, self.metadata_key, self.session_persistence)
            except BadInput as error:
                return await refuse(sid, error)
            output = SocketIOOutput(sio, self.bot_message_evt)
            await handle(UserMessage(text, output, session_id or sid, input_channel=self.name()))

        return webhook
