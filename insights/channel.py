"""The operator report served by the Rasa server, behind the API token.

    GET /webhooks/insights/report    the page `make report` writes, built from the
                                     analytics table on request (cached 60 s)

Off unless RASA_API_TOKEN is set (404), like Rasa's HTTP API; the token goes in an
`Authorization: Bearer <token>` header or `?token=` (as for Rasa's API); anything else
gets 401. `scripts/credentials.py` adds this channel when RASA_API_TOKEN is set.
"""

from __future__ import annotations

import asyncio
import hmac
import tempfile
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import settings

CACHE_SECONDS = 60.0


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    given = header[7:].strip() if header.lower().startswith("bearer ") else ""
    given = given or request.args.get("token", "")
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


def _build() -> str:
    from insights import report
    from insights.store import Store

    with tempfile.TemporaryDirectory(prefix="insights-") as tmp:
        out = Path(tmp) / "report.html"
        report.build(Store.from_env(), out)
        return out.read_text(encoding="utf-8")


class ReportInput(InputChannel):
    """Not a messaging channel: a token-protected page on the Rasa server."""

    def __init__(self) -> None:
        self._cached: tuple[float, str] | None = None

    @classmethod
    def name(cls) -> Text:
        return "insights"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[Text, Any]]) -> "ReportInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = Blueprint("insights_report", __name__)

        @blueprint.route("/report", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            token = settings.text("RASA_API_TOKEN")
            if not token:
                return response.text("Not found", status=404)
            if not _authorised(request, token):
                return response.text("Unauthorized", status=401)
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] > CACHE_SECONDS:
                self._cached = (now, await asyncio.to_thread(_build))
            return response.html(self._cached[1], headers={"Cache-Control": "no-store"})

        return blueprint
