"""An atomic Redis lock store for several Rasa servers sharing one tracker store.

Rasa's RedisLockStore issues "tickets" with GET, modify, SET: two servers that get a
message of the same conversation at the same instant can both read "no lock", both
think they hold it and both process the conversation at once, so one server's
events overwrite or hide the other's (tests/test_scale.py measures it).

This store takes the lock with one atomic command and releases it only if it still
owns it:

- acquire: SET key token NX PX lease (token = random UUID per message);
- hold:    a background task renews the lease (Lua: PEXPIRE only if GET == token)
           every lease/3 while the message is processed, so a slow message keeps
           its lock and a crashed server's lock expires after one lease;
- release: Lua compare-and-delete (DEL only if GET == token);
- wait:    retries with a short jittered back-off, at most LOCK_MAX_WAIT seconds,
           then raises LockError (Rasa answers that request with an error instead
           of hanging forever).

Waiters are not served strictly first-come-first-served (the stock ticket queue is
not either once tickets expire); messages of one conversation sent at the same
instant are processed one after the other, in either order.

endpoints.yml:
    lock_store:
      type: stores.lock_store.AtomicRedisLockStore

Environment (all optional): LOCK_STORE_URL (default redis://127.0.0.1:6379/1),
LOCK_STORE_PASSWORD, LOCK_KEY_PREFIX (default "rasa"), LOCK_LEASE_SECONDS
(default 10), LOCK_MAX_WAIT (default 60). Keys in endpoints.yml (url, password,
key_prefix, lease_seconds, max_wait_seconds) are used when the variable is unset.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from contextlib import asynccontextmanager, suppress
from typing import Any, AsyncGenerator, Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

import settings

logger = logging.getLogger(__name__)

RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


def _setting(env: str, config: dict, key: str) -> Any:
    """The environment, else the endpoints.yml entry, else the default (settings.py)."""
    value = settings.given(env)
    if value is not None:
        return value
    return config[key] if config.get(key) is not None else settings.default(env)


class AtomicRedisLockStore(LockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        import redis.asyncio as aioredis

        config = {**(endpoint_config.kwargs if endpoint_config else {}), **kwargs}
        if endpoint_config and endpoint_config.url:
            config.setdefault("url", endpoint_config.url)
        url = _setting("LOCK_STORE_URL", config, "url")
        password = _setting("LOCK_STORE_PASSWORD", config, "password")
        prefix = str(_setting("LOCK_KEY_PREFIX", config, "key_prefix"))
        self.lease_ms = int(float(_setting("LOCK_LEASE_SECONDS", config, "lease_seconds")) * 1000)
        self.max_wait = float(_setting("LOCK_MAX_WAIT", config, "max_wait_seconds"))
        self.key_prefix = f"{prefix}:lock:"
        self.red = aioredis.Redis.from_url(url, password=password, socket_timeout=10)
        self._renew = self.red.register_script(RENEW)
        self._release = self.red.register_script(RELEASE)
        logger.info(
            "Atomic Redis lock store at %s, prefix %r, lease %d ms",
            url.split("@")[-1],
            self.key_prefix,
            self.lease_ms,
        )
        super().__init__()

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        key, token = self._key(conversation_id), uuid.uuid4().hex
        await self._acquire(key, token, conversation_id)
        renewer = asyncio.ensure_future(self._keep_alive(key, token))
        try:
            yield TicketLock(conversation_id)
        finally:
            renewer.cancel()
            with suppress(asyncio.CancelledError, Exception):
                await renewer
            try:
                await self._release(keys=[key], args=[token])
            except Exception as error:  # noqa: BLE001 - the lease expires anyway
                logger.warning("Could not release lock %s: %s", key, error)

    async def _acquire(self, key: str, token: str, conversation_id: str) -> None:
        loop = asyncio.get_running_loop()
        deadline, delay = loop.time() + self.max_wait, 0.005
        while True:
            if await self.red.set(key, token, nx=True, px=self.lease_ms):
                return
            if loop.time() >= deadline:
                raise LockError(
                    f"Could not acquire lock for conversation_id "
                    f"'{conversation_id}' within {self.max_wait} s."
                )
            await asyncio.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.1)

    async def _keep_alive(self, key: str, token: str) -> None:
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            try:
                if not await self._renew(keys=[key], args=[token, self.lease_ms]):
                    logger.error("Lost lock %s while processing (lease expired).", key)
                    return
            except Exception as error:  # noqa: BLE001 - retry on the next tick
                logger.warning("Could not renew lock %s: %s", key, error)

    # The ticket API of LockStore is not used by this store (the processor and the
    # agent only call lock()); these keep the interface complete.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        return None

    def save_lock(self, lock: TicketLock) -> None:
        return None
