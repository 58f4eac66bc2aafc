"""Rasa's Pika event broker, configured from the environment (optional).

Used only when the endpoints file has

    event_broker:
      type: insights.broker.EnvPikaEventBroker

which `scripts/run.sh` adds (from deploy/event_broker.yml) when EVENT_BROKER_URL is
set. Without EVENT_BROKER_URL this returns no broker, so Rasa runs as before.

    EVENT_BROKER_URL       amqp://user@host:5672/vhost (e.g. amqp://guest@127.0.0.1:5672)
    EVENT_BROKER_PASSWORD  the RabbitMQ password (or in the URL)
    EVENT_BROKER_QUEUE     queue the events go to (default rasa_events)
    EVENT_BROKER_EXCHANGE  fanout exchange Rasa publishes to (default rasa-exchange)

Rasa's own ${VAR} interpolation fails on unset variables, which is why the
configuration is read here.
"""

from __future__ import annotations

import logging
from asyncio import AbstractEventLoop
from typing import Any, Optional
from urllib.parse import unquote, urlsplit

from rasa.core.brokers.pika import PikaEventBroker

import settings as config

logger = logging.getLogger(__name__)

DEFAULT_QUEUE = config.default("EVENT_BROKER_QUEUE")
DEFAULT_EXCHANGE = config.default("EVENT_BROKER_EXCHANGE")


def settings() -> Optional[dict[str, Any]]:
    """The broker's connection from the environment; None when EVENT_BROKER_URL is unset."""
    url = config.text("EVENT_BROKER_URL").strip()
    if not url:
        return None
    parts = urlsplit(url if "://" in url else f"amqp://{url}")
    vhost = unquote(parts.path[1:]) if len(parts.path) > 1 else ""
    return {
        "scheme": parts.scheme or "amqp",
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or (5671 if parts.scheme == "amqps" else 5672),
        "username": unquote(parts.username) if parts.username else "guest",
        "password": config.given("EVENT_BROKER_PASSWORD")
        or (unquote(parts.password) if parts.password else "guest"),
        "vhost": vhost,
        "queue": config.text("EVENT_BROKER_QUEUE"),
        "exchange": config.text("EVENT_BROKER_EXCHANGE"),
    }


def amqp_url(conf: dict[str, Any]) -> str:
    """The connection URL with credentials, for aio-pika (never logged)."""
    from urllib.parse import quote

    vhost = f"/{quote(conf['vhost'], safe='')}" if conf["vhost"] else ""
    return (
        f"{conf['scheme']}://{quote(conf['username'], safe='')}:"
        f"{quote(conf['password'], safe='')}@{conf['host']}:{conf['port']}{vhost}"
    )


class EnvPikaEventBroker(PikaEventBroker):
    """PikaEventBroker whose connection comes from EVENT_BROKER_* variables."""

    @classmethod
    async def from_endpoint_config(
        cls, broker_config: Any, event_loop: Optional[AbstractEventLoop] = None
    ) -> Optional["EnvPikaEventBroker"]:
        conf = settings()
        if conf is None:
            logger.info("EVENT_BROKER_URL is not set: no event broker")
            return None
        vhost = f"/{conf['vhost']}" if conf["vhost"] else ""
        broker = cls(
            f"{conf['scheme']}://{conf['host']}:{conf['port']}{vhost}",
            username=conf["username"],
            password=conf["password"],
            port=conf["port"],
            queues=[conf["queue"]],
            exchange_name=conf["exchange"],
            connection_attempts=config.integer("EVENT_BROKER_CONNECT_ATTEMPTS", minimum=1),
            retry_delay_in_seconds=2,
            event_loop=event_loop,
        )
        await broker.connect()
        logger.info(
            "Event broker: RabbitMQ %s:%s, exchange %s, queue %s",
            conf["host"],
            conf["port"],
            conf["exchange"],
            conf["queue"],
        )
        return broker
