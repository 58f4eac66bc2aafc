"""Test-only: point the Telegram, Slack and Facebook clients at a local fake API.

Put this folder on PYTHONPATH and set FAKE_API_URL (tests/fake_api.py does both for
the Rasa process it starts). Only the API base URLs change; the connectors and
client libraries run unmodified. Never used outside the tests.
"""

import os

_BASE = os.environ.get("FAKE_API_URL")

if _BASE:
    from aiogram.bot import api as _tg_api
    from aiogram.bot import base as _tg_base

    _tg_server = _tg_api.TelegramAPIServer.from_base(_BASE + "/telegram")
    _tg_init = _tg_base.BaseBot.__init__

    def _tg_patched(self, *args, **kwargs):
        kwargs.setdefault("server", _tg_server)
        _tg_init(self, *args, **kwargs)

    _tg_base.BaseBot.__init__ = _tg_patched

    from slack_sdk.web import async_base_client as _slack

    _slack_init = _slack.AsyncBaseClient.__init__

    def _slack_patched(self, *args, **kwargs):
        kwargs.setdefault("base_url", _BASE + "/slack/api/")
        _slack_init(self, *args, **kwargs)

    _slack.AsyncBaseClient.__init__ = _slack_patched

    import fbmessenger as _fb

    _fb_init = _fb.MessengerClient.__init__

    def _fb_patched(self, *args, **kwargs):
        _fb_init(self, *args, **kwargs)
        self.graph_url = f"{_BASE}/facebook/v{self.api_version}"

    _fb.MessengerClient.__init__ = _fb_patched
