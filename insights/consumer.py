"""Consume Rasa's events from RabbitMQ into the analytics table (`make insights-consumer`).

    .venv/bin/python -m insights.consumer [--until-idle SECONDS]

Each message is written (and committed) first and acknowledged after, so a crash
between the two redelivers it; the table's unique event key makes the second write
a no-op. A message that is not a JSON event is rejected (not requeued) and logged.
When the database is unavailable the message is requeued and the consumer backs off.
SIGINT / SIGTERM stop it cleanly; anything unacknowledged is redelivered.

Connection: EVENT_BROKER_URL / _PASSWORD / _QUEUE / _EXCHANGE (insights/broker.py);
the table: INSIGHTS_DB_URL or INSIGHTS_DB (insights/store.py). Rows older than
INSIGHTS_RETENTION_DAYS are deleted at start and every hour.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
import time

import aio_pika

from insights import broker
from insights.store import Store

logger = logging.getLogger("insights.consumer")
PURGE_EVERY = 3600.0


class Consumer:
    def __init__(self, store: Store, conf: dict, prefetch: int = 50) -> None:
        self.store = store
        self.conf = conf
        self.prefetch = prefetch
        self.written = self.duplicates = self.rejected = 0
        self.last_message = time.monotonic()
        self.stopping = asyncio.Event()
        self._last_purge = float("-inf")  # purge at start

    async def declare(self, channel: aio_pika.abc.AbstractChannel) -> aio_pika.abc.AbstractQueue:
        """The same exchange and queue Rasa's PikaEventBroker declares, so either may
        start first without losing events."""
        exchange = await channel.declare_exchange(self.conf["exchange"], aio_pika.ExchangeType.FANOUT)
        queue = await channel.declare_queue(self.conf["queue"], durable=True)
        await queue.bind(exchange, "")
        return queue

    async def handle(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        self.last_message = time.monotonic()
        try:
            body = json.loads(message.body)
            if not isinstance(body, dict) or "event" not in body:
                raise ValueError("not a Rasa event")
        except ValueError as error:
            self.rejected += 1
            logger.warning("rejected a message that is not a Rasa event (%s)", error)
            await message.reject(requeue=False)
            return
        try:
            inserted = self.store.write(body)
        except Exception:  # noqa: BLE001 - database down: requeue and back off
            logger.exception("could not store an event; requeued")
            await message.nack(requeue=True)
            await asyncio.sleep(1)
            return
        if inserted:
            self.written += 1
        else:
            self.duplicates += 1
            logger.info("redelivered event already stored: %s", body.get("event"))
        await message.ack()  # only after the write is committed
        self._maybe_purge()

    def _maybe_purge(self) -> None:
        now = time.monotonic()
        if now - self._last_purge >= PURGE_EVERY:
            self._last_purge = now
            deleted = self.store.purge()
            if deleted:
                logger.info("retention: deleted %d rows", deleted)

    async def run(self, until_idle: float | None = None) -> None:
        self._maybe_purge()
        connection = await aio_pika.connect_robust(broker.amqp_url(self.conf))
        async with connection:
            channel = await connection.channel()
            await channel.set_qos(prefetch_count=self.prefetch)
            queue = await self.declare(channel)
            tag = await queue.consume(self.handle)
            logger.info(
                "consuming %s (exchange %s) into %s",
                self.conf["queue"],
                self.conf["exchange"],
                self.store.engine.url.render_as_string(hide_password=True),
            )
            while not self.stopping.is_set():
                try:
                    await asyncio.wait_for(self.stopping.wait(), 0.2)
                except asyncio.TimeoutError:
                    pass
                if until_idle is not None and time.monotonic() - self.last_message >= until_idle:
                    break
            await queue.cancel(tag)
        logger.info(
            "stopped: %d written, %d redelivered duplicates, %d rejected",
            self.written,
            self.duplicates,
            self.rejected,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--until-idle",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop after this many seconds without a message (default: run until stopped)",
    )
    parser.add_argument("--prefetch", type=int, default=50)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("aio_pika").setLevel(logging.WARNING)
    logging.getLogger("aiormq").setLevel(logging.WARNING)
    conf = broker.settings()
    if conf is None:
        print(
            "Set EVENT_BROKER_URL (e.g. amqp://guest@127.0.0.1:5672) to consume Rasa's events; "
            "see docs/insights.md.",
            file=sys.stderr,
        )
        return 2
    consumer = Consumer(Store.from_env(), conf, prefetch=args.prefetch)
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, consumer.stopping.set)
    try:
        loop.run_until_complete(consumer.run(args.until_idle))
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
