"""The HTTP API token: read from the environment or a file, compared in constant time.

Stock Rasa takes the token only as `--auth-token TOKEN` (visible to every user of
the machine in `ps` and /proc/<pid>/cmdline) and checks it with `==`, whose
running time depends on how many leading characters match.

Here `rasa run --enable-api` (no --auth-token) gets its token from
RASA_API_TOKEN_FILE (a file holding the token; preferred) or RASA_API_TOKEN, and
every API route compares it with hmac.compare_digest. Installed by rasa_patches at
start-up (or when Rasa loads the channels from credentials.yml), in both cases before
Rasa creates the app and its routes.
"""

from __future__ import annotations

import hmac
import logging
from functools import wraps
from inspect import isawaitable
from pathlib import Path
from typing import Any, Callable, Optional

import rasa.server

import settings

logger = logging.getLogger(__name__)

_stock_requires_auth = rasa.server.requires_auth


class _NeverEqual:
    """Stands in for the token in the stock check, so its `==` never lets anyone in."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def configured_token() -> Optional[str]:
    path = settings.given("RASA_API_TOKEN_FILE")
    if path:
        token = Path(path).read_text(encoding="utf-8").strip()
        if not token:
            raise SystemExit(f"RASA_API_TOKEN_FILE {path} is empty")
        return token
    return settings.given("RASA_API_TOKEN")


def token_matches(provided: Optional[str], token: str) -> bool:
    if provided is None:
        return False
    return hmac.compare_digest(provided.encode("utf-8"), token.encode("utf-8"))


def requires_auth(app: Any, token: Optional[str] = None) -> Callable:
    token = token or configured_token()

    def decorator(f: Callable) -> Callable:
        if token is None:  # no token at all: Rasa's own behaviour (JWT or open)
            return _stock_requires_auth(app, None)(f)
        # JWT and the 401 answer stay Rasa's; only the token check is replaced.
        stock = _stock_requires_auth(app, _NeverEqual())(f)

        @wraps(f)
        async def decorated(request: Any, *args: Any, **kwargs: Any) -> Any:
            if token_matches(request.args.get("token"), token):
                result = f(request, *args, **kwargs)
                return await result if isawaitable(result) else result
            return await stock(request, *args, **kwargs)

        return decorated

    return decorator


def install() -> None:
    if rasa.server.requires_auth is not requires_auth:
        rasa.server.requires_auth = requires_auth
