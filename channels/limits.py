"""Input bounds shared by every channel: request size, metadata, sender namespaces.

Why here: Sanic accepts bodies up to 100 MB by default, and Rasa stores a message's
metadata in every `UserUttered` and in `session_started_metadata`, which is then
sent to the action server on every later turn. Nothing in this assistant reads
metadata, so channels keep only a small, shallow object (or drop it).

- MAX_REQUEST_BYTES (env, default 65536): larger request bodies get 413 on every
  route, before any handler runs (set on the Sanic app by `limit_request_size`).
- MAX_METADATA_BYTES (env, default 1024) and MAX_METADATA_DEPTH (4): larger or
  deeper metadata is refused by REST/socket.io (400 / error reply).
- Sender ids of the messaging channels are namespaced ("telegram:12345"), so the
  REST channel, which lets the caller choose the id, refuses ':' in `sender`.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Optional

from sanic import Blueprint

import settings

logger = logging.getLogger(__name__)

NAMESPACE_SEPARATOR = ":"


def max_request_bytes() -> int:
    return settings.integer("MAX_REQUEST_BYTES", minimum=1)


def limit_request_size(blueprint: Blueprint) -> Blueprint:
    """Cap the body size of every route of the app this blueprint is mounted on.

    Sanic reads REQUEST_MAX_SIZE when a connection opens, so setting it before the
    server starts covers every route (channels and the HTTP API alike): a larger
    Content-Length, or a chunked body growing past it, is answered 413.
    """

    async def apply(app: Any, _loop: Any) -> None:
        app.config.REQUEST_MAX_SIZE = max_request_bytes()

    blueprint.listener("before_server_start")(apply)
    return blueprint


class BadInput(ValueError):
    """Input a channel refuses (REST answers 400, socket.io an error reply)."""


def loads(raw: bytes | str) -> Any:
    """json.loads that turns a too-deeply nested document into BadInput, not a 500."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise BadInput("the JSON is nested too deeply")


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of containers (a flat object is 1), counted up to limit + 1."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > limit:
                break
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def check_metadata(metadata: Any) -> Optional[dict]:
    """A small, shallow JSON object (or None); anything else is BadInput."""
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        raise BadInput("`metadata`, if given, must be a JSON object")
    limit = settings.integer("MAX_METADATA_DEPTH", minimum=1)
    if _depth(metadata, limit) > limit:
        raise BadInput(f"`metadata` may be nested at most {limit} levels deep")
    size = len(json.dumps(metadata, ensure_ascii=False).encode("utf-8"))
    most = settings.integer("MAX_METADATA_BYTES", minimum=1)
    if size > most:
        raise BadInput(f"`metadata` may be at most {most} bytes of JSON")
    return metadata


def namespaced(channel: str, sender_id: Any) -> str:
    """The tracker id of a messaging-channel user: 'telegram:12345'."""
    return f"{channel}{NAMESPACE_SEPARATOR}{sender_id}"


def strip_namespace(channel: str, sender_id: str) -> str:
    prefix = channel + NAMESPACE_SEPARATOR
    return sender_id[len(prefix) :] if sender_id.startswith(prefix) else sender_id
