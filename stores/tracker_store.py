"""A SQL tracker store configured from the environment, with bounded loading.

endpoints.yml:

    tracker_store:
      type: stores.tracker_store.EnvSQLTrackerStore
      db: .rasa/tracker.db          # default SQLite file, relative to the project

Environment (all optional; the defaults work with nothing set):

    TRACKER_DB_URL       SQLAlchemy URL; wins over everything, e.g.
                         postgresql://rasa@db.internal:5432/rasa
    TRACKER_DB_PASSWORD  password for TRACKER_DB_URL (keeps secrets out of URLs/files)
    TRACKER_DB           SQLite file path (default: `db` from endpoints.yml,
                         else .rasa/tracker.db)
    TRACKER_MAX_EVENTS   most events of the current session loaded per message
                         (default 100, about 15 turns; 0 = unlimited). Slot values set before the
                         window are restored, so context is never lost; everything
                         is still stored.
    TRACKER_SQLITE_SYNCHRONOUS  NORMAL (default, WAL; see stores/sqlite_tuning.py) or
                         FULL (fsync every commit)
    TRACKER_RETENTION_DAYS  conversations idle for longer are deleted (default 30;
                         0 = keep forever): when the store starts, and by
                         `make prune` (scripts/prune.py; run it daily from cron
                         for a long-running server).

The SQLite file holds health data, so it is created 0600, in a folder created 0700
(Rasa/SQLAlchemy would create it 0644 under the usual umask).

Rasa's own ${VAR} interpolation in endpoints.yml fails when a variable is unset,
which is why the configuration is read here instead.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from pathlib import Path
from typing import Any, Iterator, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

import settings
from stores import event_queries

logger = logging.getLogger(__name__)

DEFAULT_SQLITE_FILE = str(settings.default("TRACKER_DB"))
DEFAULT_MAX_EVENTS = int(settings.default("TRACKER_MAX_EVENTS") or 100)
DEFAULT_RETENTION_DAYS = float(settings.default("TRACKER_RETENTION_DAYS") or 30)
_LOADED = "_addons_loaded_event_count"


def _connection_kwargs(db: Optional[str]) -> dict[str, Any]:
    url = settings.given("TRACKER_DB_URL")
    if url:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        return {
            "dialect": parsed.drivername,
            "host": parsed.host,
            "port": parsed.port,
            "db": parsed.database,
            "username": parsed.username,
            "password": settings.given("TRACKER_DB_PASSWORD") or parsed.password,
            "query": dict(parsed.query) or None,
        }
    path = Path(settings.given("TRACKER_DB") or db or DEFAULT_SQLITE_FILE)
    private_sqlite_file(path)
    return {"dialect": "sqlite", "db": str(path)}


def private_sqlite_file(path: Path) -> None:
    """Create the database file 0600 (folder 0700) before SQLite does it 0644.

    SQLite gives its journal and WAL files the database file's mode, so they are
    private too. An existing file is made private; an existing folder is left as
    it is (it may be shared on purpose), with a warning when others can enter it.
    """
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    elif path.parent.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        logger.warning("The tracker database folder %s is open to other users; " "chmod 700 it.", path.parent)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


def retention_days() -> float:
    """TRACKER_RETENTION_DAYS (a bad value is logged and the default used); 0 keeps all."""
    return settings.number("TRACKER_RETENTION_DAYS")


def prune(store: SQLTrackerStore, days: float, now: Optional[float] = None) -> int:
    """Delete every conversation whose newest event is older than `days`; their count."""
    from sqlalchemy import func, text

    cutoff = (now if now is not None else time.time()) - days * 86400
    event = store.SQLEvent
    with store.session_scope() as session:
        if session.bind.dialect.name == "sqlite":
            session.execute(text("PRAGMA secure_delete = ON"))  # overwrite, not just unlink
        stale = [
            sender
            for (sender,) in session.query(event.sender_id)
            .group_by(event.sender_id)
            .having(func.max(event.timestamp) < cutoff)
        ]
        for start in range(0, len(stale), 500):
            session.query(event).filter(event.sender_id.in_(stale[start : start + 500])).delete(
                synchronize_session=False
            )
        session.commit()
    return len(stale)


INDEXES = {  # name -> columns; created if missing, on SQLite and PostgreSQL alike
    # the latest session start and the latest value of each slot, without reading rows
    "ix_events_sender_type_action_id": "sender_id, type_name, action_name, id",
    # the newest TRACKER_MAX_EVENTS events of a sender by a backward index scan
    # (SQLite's sender_id index already ends in the rowid; PostgreSQL's does not)
    "ix_events_sender_id_id": "sender_id, id",
}


def create_indexes(engine: Any) -> None:
    """Indexes for the queries of a message, so their cost does not grow with the
    number of conversations stored nor with the length of this one."""
    from sqlalchemy import text

    with engine.begin() as connection:
        for name, columns in INDEXES.items():
            connection.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))


class EnvSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose connection comes from TRACKER_DB_URL / TRACKER_DB."""

    def __init__(
        self,
        domain=None,
        host=None,
        event_broker=None,
        db: Optional[str] = None,
        max_events: Optional[int] = None,
        **kwargs: Any,
    ) -> None:
        for key in ("dialect", "port", "username", "password", "login_db", "query"):
            kwargs.pop(key, None)  # the environment decides the connection
        env_max = settings.given("TRACKER_MAX_EVENTS")
        self.max_events = (
            int(env_max)
            if env_max is not None
            else (max_events if max_events is not None else DEFAULT_MAX_EVENTS)
        )
        connection = _connection_kwargs(db)
        logger.info(
            "Tracker store: %s database %s (max %s events loaded)",
            connection["dialect"],
            connection["db"],
            self.max_events or "all",
        )
        super().__init__(domain=domain, event_broker=event_broker, **connection, **kwargs)
        if self.engine.dialect.name == "sqlite":
            from stores.sqlite_tuning import tune

            tune(self.engine)
        create_indexes(self.engine)
        self.retention_days = retention_days()
        if self.retention_days:
            removed = prune(self, self.retention_days)
            logger.info(
                "Tracker store: %d conversation(s) idle for more than %s days "
                "deleted (TRACKER_RETENTION_DAYS)",
                removed,
                self.retention_days,
            )

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        if fetch_events_from_all_sessions or not self.max_events:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            ids, events, start = event_queries.newest_events(session, sender_id, self.max_events)
            if not ids or not self.domain:
                return None
            restored: list[dict] = []
            if len(ids) == self.max_events:  # slots set before the window: latest values
                restored = event_queries.latest_slots_before(session, sender_id, ids[0], start)
            tracker = DialogueStateTracker.from_dict(sender_id, [*restored, *events], self.domain.slots)
            setattr(tracker, _LOADED, len(tracker.events))
            return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save (stream to the event broker, append the new events, commit),
        with the new events inserted in one executemany instead of one ORM object each."""
        if not self.max_events:
            return await super().save(tracker)
        await self.stream_events(tracker)
        with self.session_scope() as session:
            event_queries.insert_events(session, tracker.sender_id, self._additional_events(session, tracker))
            session.commit()

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        loaded = getattr(tracker, _LOADED, None)
        if loaded is None or not self.max_events:
            return super()._additional_events(session, tracker)
        events = list(tracker.events)[loaded:]
        setattr(tracker, _LOADED, len(tracker.events))
        return iter(events)
