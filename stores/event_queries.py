"""The tracker store's per-message SQL, written out: a few indexed statements with
bound parameters instead of ORM queries.

Each message reads a conversation's newest events and writes the new ones. Through
the ORM (Rasa's SQLTrackerStore) every row became a mapped object and every query
was rebuilt and cache-keyed; py-spy put that above the JSON work. The statements
below are plain text (compiled once), read tuples and insert with one executemany;
their rows and order are exactly those of Rasa's queries (events of the current
session: timestamp >= the latest session_started, or all when there is none).
Indexes: stores/tracker_store.py INDEXES.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional

from sqlalchemy import text

SESSION_START = text(
    "SELECT max(timestamp) FROM events " "WHERE sender_id = :sender AND type_name = 'session_started'"
)
NEWEST = text("SELECT id, data FROM events WHERE sender_id = :sender " "ORDER BY id DESC LIMIT :limit")
NEWEST_IN_SESSION = text(
    "SELECT id, data FROM events WHERE sender_id = :sender "
    "AND timestamp >= :start ORDER BY id DESC LIMIT :limit"
)
# the latest slot event of each slot name (Rasa stores it in action_name) before the window
LATEST_SLOTS = text(
    "SELECT data FROM events WHERE id IN (SELECT max(id) FROM events "
    "WHERE sender_id = :sender AND type_name = 'slot' AND id < :first "
    "AND timestamp >= :start GROUP BY action_name) ORDER BY id"
)
INSERT = text(
    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
    "VALUES (:sender_id, :type_name, :timestamp, :intent_name, :action_name, :data)"
)


def newest_events(session: Any, sender: str, limit: int) -> tuple[list[int], list[dict], Optional[float]]:
    """Ids and data (oldest first) of the newest `limit` events of the current session,
    and the session's start (None: no session_started, every event counts)."""
    start = session.execute(SESSION_START, {"sender": sender}).scalar()
    params = {"sender": sender, "limit": limit}
    if start is None:
        rows = session.execute(NEWEST, params).all()
    else:
        rows = session.execute(NEWEST_IN_SESSION, {**params, "start": start}).all()
    rows.reverse()
    return [row[0] for row in rows], [json.loads(row[1]) for row in rows], start


def latest_slots_before(session: Any, sender: str, first_id: int, start: Optional[float]) -> list[dict]:
    """The latest slot event of each slot set in this session before event `first_id`."""
    rows = session.execute(
        LATEST_SLOTS,
        {"sender": sender, "first": first_id, "start": start if start is not None else float("-inf")},
    )
    return [json.loads(data) for (data,) in rows]


def row(sender: str, event: Any) -> dict[str, Any]:
    """The row Rasa's SQLTrackerStore.save writes for an event."""
    data = event.as_dict()
    return {
        "sender_id": sender,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def insert_events(session: Any, sender: str, events: Iterable[Any]) -> int:
    rows = [row(sender, event) for event in events]
    if rows:
        session.execute(INSERT, rows)
    return len(rows)
