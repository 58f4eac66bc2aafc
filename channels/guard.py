"""One wrapper for every messaging channel's messages: own namespace, bounded input.

Stock Rasa uses the platform's id as the tracker id: Telegram chat 12345 and a REST
caller who sends `"sender": "12345"` share one conversation, so anybody who knows
(or guesses) a chat id or a Facebook PSID can read and drive that person's
conversation over REST. Here each channel's users live in their own namespace
("telegram:12345", "facebook:<psid>", "slack:<user>", "socketio:<session>"), and
REST refuses ':' in its senders (channels/rest.py).

The output side gets the platform's own id back (the prefix is removed in
`send_response`, the one method Rasa calls to deliver replies). The text is
cleaned and cut like REST's, and metadata is dropped.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels.limits import namespaced, strip_namespace
from channels.rest import clean_message

Handler = Callable[[UserMessage], Awaitable[Any]]


class NamespacedOutput(OutputChannel):
    """Delivers replies to the platform id inside a namespaced tracker id."""

    def __init__(self, inner: OutputChannel, channel: str) -> None:
        self.inner, self.channel = inner, channel

    def name(self) -> Text:
        return self.inner.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        await self.inner.send_response(strip_namespace(self.channel, recipient_id), message)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)


def guard(channel: str, on_new_message: Handler) -> Handler:
    """on_new_message for a channel: namespaced sender, cleaned text, no metadata.

    Nothing in this assistant reads metadata, and Rasa would store it in every
    event and resend it to the action server on every turn, so it is dropped.
    """

    async def handle(message: UserMessage) -> Any:
        message.sender_id = namespaced(channel, message.sender_id)
        if message.output_channel is not None and not isinstance(message.output_channel, NamespacedOutput):
            message.output_channel = NamespacedOutput(message.output_channel, channel)
        if isinstance(message.text, str):
            message.text = clean_message(message.text)
        message.metadata = None
        return await on_new_message(message)

    return handle
