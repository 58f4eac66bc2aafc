"""Socketio channel for rasa-webchat whose topic buttons stay visible.

Rasa's socketio output sends buttons as `quick_replies`; rasa-webchat 1.0.1 shows
quick replies only while their message is the last one in the chat. Our greeting
is followed by the disclaimer message, so the four topic buttons would never
appear. Sent as `buttons` instead, the widget renders them under their message
regardless of what follows (same click behaviour: the payload is sent, the title
shown). Messages are cut to the same limit as REST (MAX_MESSAGE_CHARS) before
NLU. Everything else is the stock `SocketIOInput` (same name, same /socket.io
path, session persistence, python-socketio 5.9.0 pin: see docs/channels.md).
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from sanic import Blueprint

from addons.rest_channel import clean_message
from rasa.core.channels import socketio as stock
from rasa.core.channels.channel import UserMessage


class SocketIOOutput(stock.SocketIOOutput):
    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        parts = [part for part in text.strip().split("\n\n") if part] or [text]
        for part in parts[:-1]:
            await self._send_message(recipient_id, {"text": part})
        await self._send_message(recipient_id, {"text": parts[-1], "buttons": [
            {"title": b["title"], "payload": b["payload"], "type": "postback"}
            for b in buttons]})


class SocketIOInput(stock.SocketIOInput):
    def get_output_channel(self) -> Optional[stock.SocketIOOutput]:
        stock_output = super().get_output_channel()
        return stock_output and SocketIOOutput(stock_output.sio, stock_output.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def with_button_output(message: UserMessage) -> Any:
            out = message.output_channel
            if type(out) is stock.SocketIOOutput:
                message.output_channel = SocketIOOutput(out.sio, out.bot_message_evt)
            if isinstance(message.text, str):
                # the same length limit and control-character cleanup as REST
                message.text = clean_message(message.text)
            return await on_new_message(message)

        return super().blueprint(with_button_output)
