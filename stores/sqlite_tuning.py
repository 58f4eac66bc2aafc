"""SQLite settings for the tracker store: write-ahead log, no fsync per message, and
connections kept open.

Rasa's tracker store is synchronous, so each message's commit blocks the whole
server while SQLite fsyncs its journal (rollback journal, synchronous=FULL): py-spy
showed 12-16 ms per message waiting in that commit on this machine. With WAL and
synchronous=NORMAL a commit is an append to the WAL file, which SQLite syncs at
checkpoints: a committed message survives a crash or kill of Rasa (the WAL is in
the OS), and only an OS crash or power cut can lose the last commits. Set
TRACKER_SQLITE_SYNCHRONOUS=FULL to fsync every commit again. (SQLAlchemy 1.4 opens
a new SQLite connection per session for a file database; a pool of open connections
was tried and kept a stale read snapshot after another process pruned the file, so
it is not used.)
"""

from __future__ import annotations

import logging
from typing import Any

import settings

logger = logging.getLogger(__name__)

MODES = ("OFF", "NORMAL", "FULL", "EXTRA")


def synchronous() -> str:
    value = settings.text("TRACKER_SQLITE_SYNCHRONOUS").upper()
    if value not in MODES:
        logger.warning("TRACKER_SQLITE_SYNCHRONOUS=%r is not one of %s; using NORMAL", value, MODES)
        return "NORMAL"
    return value


def tune(engine: Any) -> None:
    """WAL (once, it is kept in the file), the synchronous mode on every new connection
    of this SQLite engine, and one idle connection held open for the engine's life.

    SQLite checkpoints and deletes the WAL when its last connection closes, and the
    next commit recreates and syncs it; as SQLAlchemy closes each session's
    connection, that happened on every message. The idle connection never reads or
    writes, so it holds no snapshot and no lock; it only keeps the WAL open.
    """
    import sqlite3

    from sqlalchemy import event

    mode = synchronous()
    path = engine.url.database
    keeper = sqlite3.connect(path, check_same_thread=False)
    keeper.execute("PRAGMA journal_mode=WAL").fetchall()
    keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # attaches the WAL
    engine.info_keeper = keeper  # lives as long as the engine
    engine.dispose()  # connections opened before get the settings when reopened

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        connection.execute(f"PRAGMA synchronous={mode}")

    logger.info("Tracker store: SQLite in WAL mode, synchronous=%s", mode)
