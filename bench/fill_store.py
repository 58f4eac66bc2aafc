#!/usr/bin/env python3
"""Fill a tracker store with many stored conversations, fast, for the history bench.

    .venv/bin/python bench/fill_store.py --sqlite .rasa/big.db            # 1,000,000 events
    .venv/bin/python bench/fill_store.py --url postgresql://postgres@127.0.0.1/rasa_bench
    ... --events 1000000 --conversations 10000

Rows go into Rasa's own `events` table (created, with the project's indexes, if
missing) in the shape SQLTrackerStore writes them: every conversation starts a
session and then has turns of user message, action_respond, bot reply, slot events
and action_listen, with real parse data; conversations are interleaved in id order
as they are on a live server. Timestamps are within the last week, so the retention
prune (30 days) keeps them. Bulk paths: one SQLite transaction per chunk with
synchronous off for this connection; PostgreSQL COPY.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")
INTENTS = ["ask_causes", "ask_lab_value", "ask_remedies", "ask_doctor", "greet", "thank"]
Row = tuple[str, str, float, "str | None", "str | None", str]


def _user(text: str, intent: str, ts: float) -> dict:
    ranking = [
        {"name": name, "confidence": round(1.0 / (i + 2), 3)}
        for i, name in enumerate([intent] + [n for n in INTENTS if n != intent])
    ]
    return {
        "event": "user",
        "timestamp": ts,
        "metadata": {},
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": 0.97},
            "entities": [],
            "text": text,
            "message_id": f"{random.getrandbits(64):016x}",
            "metadata": {},
            "intent_ranking": ranking,
        },
        "input_channel": "rest",
        "message_id": f"{random.getrandbits(64):016x}",
    }


def _turn(ts: float, n: int) -> list[tuple[str, "str | None", "str | None", dict]]:
    """(type_name, intent_name, action_name, data) of one user turn."""
    intent = INTENTS[n % len(INTENTS)]
    text = f"question {n} about twitching in sleep"
    listen = {
        "event": "action",
        "timestamp": ts + 0.03,
        "metadata": {},
        "name": "action_listen",
        "policy": "RulePolicy",
        "confidence": 1.0,
        "action_text": None,
        "hide_rule_turn": False,
    }
    return [
        ("user", intent, None, _user(text, intent, ts)),
        ("action", None, "action_respond", {**listen, "timestamp": ts + 0.01, "name": "action_respond"}),
        (
            "bot",
            None,
            None,
            {
                "event": "bot",
                "timestamp": ts + 0.02,
                "metadata": {},
                "text": "Twitching in sleep (hypnic jerks) is common. " * 4,
                "data": {
                    "elements": None,
                    "quick_replies": None,
                    "buttons": None,
                    "attachment": None,
                    "image": None,
                    "custom": None,
                },
            },
        ),
        (
            "slot",
            None,
            "last_topic",
            {"event": "slot", "timestamp": ts + 0.02, "metadata": {}, "name": "last_topic", "value": intent},
        ),
        (
            "slot",
            None,
            "disclaimer_shown",
            {
                "event": "slot",
                "timestamp": ts + 0.02,
                "metadata": {},
                "name": "disclaimer_shown",
                "value": True,
            },
        ),
        ("action", None, "action_listen", listen),
    ]


def _session_start(ts: float) -> list[tuple[str, "str | None", "str | None", dict]]:
    return [
        (
            "action",
            None,
            "action_session_start",
            {
                "event": "action",
                "timestamp": ts,
                "metadata": {},
                "name": "action_session_start",
                "policy": None,
                "confidence": 1.0,
                "action_text": None,
                "hide_rule_turn": False,
            },
        ),
        ("session_started", None, None, {"event": "session_started", "timestamp": ts, "metadata": {}}),
        (
            "action",
            None,
            "action_listen",
            {
                "event": "action",
                "timestamp": ts,
                "metadata": {},
                "name": "action_listen",
                "policy": None,
                "confidence": None,
                "action_text": None,
                "hide_rule_turn": False,
            },
        ),
    ]


def rows(events: int, conversations: int, seed: int = 13) -> Iterator[Row]:
    """`events` rows over `conversations` senders, interleaved by turn."""
    random.seed(seed)
    now = time.time()
    per = max(1, events // conversations)
    starts = [now - random.uniform(3600, 7 * 86400) for _ in range(conversations)]
    senders = [f"fill-{i:06d}" for i in range(conversations)]
    made = [0] * conversations
    step = 0
    while True:
        progressed = False
        for c in range(conversations):
            if made[c] >= per:
                continue
            ts = starts[c] + step * 20
            batch = _session_start(ts) if step == 0 else _turn(ts, step)
            for type_name, intent, action, data in batch[: per - made[c]]:
                yield (senders[c], type_name, data["timestamp"], intent, action, json.dumps(data))
            made[c] += min(len(batch), per - made[c])
            progressed = True
        step += 1
        if not progressed:
            return


def create_table(url: str) -> None:
    """Rasa's events table and the project's indexes, as the tracker store makes them."""
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore

    from stores.tracker_store import create_indexes

    engine = sa.create_engine(url)
    SQLTrackerStore.Base.metadata.create_all(engine)
    create_indexes(engine)
    engine.dispose()


def _progress(done: int, total: int, t0: float) -> None:
    print(f"  {done:>9,} / {total:,} events ({time.perf_counter() - t0:.0f} s)", flush=True)


def fill_sqlite(path: Path, events: int, conversations: int, chunk: int = 100_000) -> None:
    create_table(f"sqlite:///{path}")
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")  # this bulk connection only
    sql = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"
    t0, batch, done = time.perf_counter(), [], 0
    for row in rows(events, conversations):
        batch.append(row)
        if len(batch) == chunk:
            with db:
                db.executemany(sql, batch)
            done += len(batch)
            batch = []
            _progress(done, events, t0)
    with db:
        db.executemany(sql, batch)
    db.execute("ANALYZE")
    db.close()


def fill_postgres(url: str, events: int, conversations: int, chunk: int = 100_000) -> None:
    import psycopg2
    from sqlalchemy.engine import make_url

    create_table(url)
    u = make_url(url)
    db = psycopg2.connect(
        host=u.host, port=u.port or 5432, user=u.username, password=u.password, dbname=u.database
    )
    t0, done = time.perf_counter(), 0
    buffer, writer, n = io.StringIO(), None, 0

    def flush() -> None:
        buffer.seek(0)
        with db.cursor() as cursor:
            cursor.copy_expert(f"COPY events ({', '.join(COLUMNS)}) FROM STDIN WITH CSV", buffer)
        db.commit()

    writer = csv.writer(buffer)
    for row in rows(events, conversations):
        writer.writerow(row)
        n += 1
        if n == chunk:
            flush()
            done += n
            n, buffer = 0, io.StringIO()
            writer = csv.writer(buffer)
            _progress(done, events, t0)
    flush()
    with db.cursor() as cursor:
        db.autocommit = True
        cursor.execute("VACUUM ANALYZE events")
    db.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite", type=Path, help="SQLite file (created if missing)")
    where.add_argument("--url", help="PostgreSQL SQLAlchemy URL (the database must exist)")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--conversations", type=int, default=10_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    print(
        f"filling {args.sqlite or args.url} with {args.events:,} events in "
        f"{args.conversations:,} conversations",
        flush=True,
    )
    if args.sqlite:
        fill_sqlite(args.sqlite, args.events, args.conversations)
    else:
        fill_postgres(args.url, args.events, args.conversations)
    print(f"filled in {time.perf_counter() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
