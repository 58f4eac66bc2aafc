"""Serve the chat page from the Rasa server itself, next to the socketio channel.

Why here and not a separate web server: the page, the widget script and socketio
then share one origin (http://127.0.0.1:5005), so `make run` prints one URL, no
second process is needed, and CORS only has to allow that origin.

Routes (Rasa mounts the blueprint under /webhooks/webpage):
  GET /webhooks/webpage/             web/index.html, its title, heading, intro and
                                     topic list filled from the knowledge file
                                     (channels/pages.py)
  GET /webhooks/webpage/article      the article reader: the knowledge file's sections
                                     at #section-N; ?fact=<fact id> marks that fact's
                                     quoted sentences (the citation links every
                                     channel's source lines carry, channels/render.py)
  GET /webhooks/webpage/chat.js      web/chat.js (mounts the widget)
  GET /webhooks/webpage/style.css    web/style.css
  GET /webhooks/webpage/webchat.js   rasa-webchat 1.0.1 from web/node_modules, with
                                     its Google Fonts @import removed so the page
                                     makes no request to the internet
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Coroutine, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.pages import Pages

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
WIDGET = WEB_DIR / "node_modules" / "rasa-webchat" / "lib" / "index.js"
FONT_IMPORT = re.compile(r"@import url\(https?://fonts\.googleapis\.com/[^)]*\);")
STATIC = {"chat.js": "application/javascript", "style.css": "text/css"}
# Everything from this origin; inline styles only because the widget injects <style>
# tags. No inline scripts, no other hosts: a defence in depth against injected markup.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self' ws: wss:; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


def widget_script(path: Path = WIDGET) -> str:
    """The widget bundle without its web-font @import (falls back to sans-serif)."""
    return FONT_IMPORT.sub("", path.read_text(encoding="utf-8"))


class WebpageInput(InputChannel):
    """Serves the chat page; messages themselves go over the socketio channel."""

    @classmethod
    def name(cls) -> Text:
        return "webpage"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(Path((credentials or {}).get("web_dir") or WEB_DIR))

    def __init__(self, web_dir: Path = WEB_DIR) -> None:
        self.web_dir = web_dir
        self._widget: Optional[str] = None
        self._pages: Optional[Pages] = None

    def pages(self) -> Pages:
        """Built on first use, so a broken knowledge file fails the page, not start-up."""
        if self._pages is None:
            self._pages = Pages()
        return self._pages

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        page = Blueprint("webpage", __name__)

        @page.route("/", methods=["GET"])
        async def index(_: Request) -> HTTPResponse:
            template = (self.web_dir / "index.html").read_text(encoding="utf-8")
            return response.html(self.pages().index(template), headers=HEADERS)

        @page.route("/article", methods=["GET"])
        async def article(request: Request) -> HTTPResponse:
            facts = request.args.getlist("fact") or []
            return response.html(self.pages().reader(facts), headers=HEADERS)

        @page.route("/webchat.js", methods=["GET"])
        async def widget(_: Request) -> HTTPResponse:
            if self._widget is None:
                bundle = self.web_dir / "node_modules" / "rasa-webchat" / "lib" / "index.js"
                if not bundle.exists():
                    return response.text("rasa-webchat is not installed: run `make setup`", status=503)
                self._widget = widget_script(bundle)
            return response.text(
                self._widget, headers=HEADERS, content_type="application/javascript; charset=utf-8"
            )

        def static_file(name: str, mime: str) -> Callable[[Request], Coroutine[Any, Any, HTTPResponse]]:
            async def serve(_: Request) -> HTTPResponse:
                return await response.file(
                    self.web_dir / name, headers=HEADERS, mime_type=mime + "; charset=utf-8"
                )

            return serve

        # Fixed names only (no path parameter): nothing else under web/ is served.
        for name, mime in STATIC.items():
            page.add_route(
                static_file(name, mime), "/" + name, methods=["GET"], name="static_" + name.replace(".", "_")
            )

        return page
