"""The analytics table: one row per Rasa event, written idempotently.

Connection, from the environment (the defaults work with nothing set):

    INSIGHTS_DB_URL        SQLAlchemy URL, e.g. postgresql://rasa@db:5432/rasa
    INSIGHTS_DB_PASSWORD   its password (kept out of URLs and files)
    TRACKER_DB_URL         used when INSIGHTS_DB_URL is unset: the analytics table then
                           lives beside the tracker store (scale-out profile)
    INSIGHTS_DB            SQLite file when no URL is set (default .rasa/insights.db)
    INSIGHTS_RETENTION_DAYS  rows older than this many days are deleted (default: the
                             tracker store's TRACKER_RETENTION_DAYS, 30) (by the
                           consumer and before every report); unset or 0 = kept
    INSIGHTS_SALT          secret mixed into the sender hash; set it in production, or
                           a guessable sender id can be found from its hash

Privacy: sender ids are stored only as a keyed hash; the text of a user message that
got an emergency or urgent screen is blanked as soon as both events are stored (its
lab readings, which identify nobody, are kept in `labs`). Rasa's parse data, the
full event body and anything else in the event are not stored.

Idempotence: the key of a row is the SHA-256 of the event body as Rasa published it
(canonical JSON, with the sender id). A redelivered message, or one Rasa published
twice after a reconnect, has the same key and is skipped.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

import settings
from actions import lab_values

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_FILE = settings.default("INSIGHTS_DB")
TABLE_NAME = "insights_events"
DAY = 86400.0

# The bot's replies, as actions/safety.py, actions/plain_emergencies.py and
# actions/replies.py word them.
EMERGENCY_OPENINGS = (
    "please call your local emergency number now",
    "this sounds like an emergency: please call your local emergency number now",
)
URGENT_OPENINGS = ("please see a doctor soon",)

metadata = sa.MetaData()
events = sa.Table(
    TABLE_NAME,
    metadata,
    sa.Column("event_key", sa.String(64), primary_key=True),
    sa.Column("sender_hash", sa.String(32), nullable=False),
    sa.Column("event_type", sa.String(40), nullable=False),
    sa.Column("ts", sa.Float, nullable=False),  # Rasa's event timestamp (Unix s)
    sa.Column("received_at", sa.Float, nullable=False),
    sa.Column("intent", sa.String(100)),  # user: the classified intent
    sa.Column("confidence", sa.Float),
    sa.Column("text", sa.Text),  # user / bot text (red-flag user text blanked)
    sa.Column("name", sa.String(100)),  # action name, slot name
    sa.Column("value", sa.Text),  # slot value as JSON
    sa.Column("labs", sa.Text),  # user: lab readings as JSON
    sa.Column("screen", sa.String(16)),  # bot: "emergency" | "urgent"
    sa.Index(f"ix_{TABLE_NAME}_sender_ts", "sender_hash", "ts"),
    sa.Index(f"ix_{TABLE_NAME}_ts", "ts"),
)


def database_url() -> sa.engine.URL:
    url = settings.given("INSIGHTS_DB_URL")
    password = settings.given("INSIGHTS_DB_PASSWORD")
    if not url and settings.given("TRACKER_DB_URL"):
        url, password = settings.given("TRACKER_DB_URL"), settings.given("TRACKER_DB_PASSWORD")
    if url:
        parsed = make_url(url)
        return parsed.set(password=password) if password else parsed
    path = Path(settings.text("INSIGHTS_DB"))
    if not path.is_absolute():
        path = ROOT / path
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_url(f"sqlite:///{path}")


# The tracker store's own default (stores/tracker_store.py): the analytics table
# keeps what the conversations keep, no longer.
TRACKER_DEFAULT_RETENTION_DAYS = float(settings.default("TRACKER_RETENTION_DAYS") or 30)


def retention_days() -> float:
    """INSIGHTS_RETENTION_DAYS if set, else the tracker store's TRACKER_RETENTION_DAYS
    (default 30); 0 keeps everything."""
    for name in ("INSIGHTS_RETENTION_DAYS", "TRACKER_RETENTION_DAYS"):
        value = (settings.given(name) or "").strip()
        if value:
            try:
                return max(0.0, float(value))
            except ValueError:
                continue
    return TRACKER_DEFAULT_RETENTION_DAYS


def sender_hash(sender_id: str) -> str:
    key = settings.text("INSIGHTS_SALT").encode("utf-8")
    return hmac.new(key, str(sender_id).encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def event_key(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def screen_of(bot_text: str | None) -> str | None:
    """The red-flag screen a bot reply shows: by its opening words."""
    start = (bot_text or "").strip().lower()
    if start.startswith(EMERGENCY_OPENINGS):
        return "emergency"
    if start.startswith(URGENT_OPENINGS):
        return "urgent"
    return None


def _labs(text: str) -> str | None:
    readings = lab_values.parse_lab_values(text).readings
    if not readings:
        return None
    return json.dumps([{"test": r.test, "value": r.value, "unit": r.unit} for r in readings])


def row_from_event(body: dict[str, Any], now: float | None = None) -> dict[str, Any]:
    """The stored columns of one published event (body as Rasa sends it)."""
    kind = str(body.get("event") or "unknown")
    row: dict[str, Any] = {
        "event_key": event_key(body),
        "sender_hash": sender_hash(body.get("sender_id", "")),
        "event_type": kind[:40],
        "ts": float(body.get("timestamp") or now or time.time()),
        "received_at": now or time.time(),
        "intent": None,
        "confidence": None,
        "text": None,
        "name": None,
        "value": None,
        "labs": None,
        "screen": None,
    }
    if kind == "user":
        intent = (body.get("parse_data") or {}).get("intent") or {}
        text = body.get("text") or ""
        row.update(
            intent=(intent.get("name") or None),
            confidence=intent.get("confidence"),
            text=text[:2000],
            labs=_labs(text[:2000]),
        )
    elif kind == "bot":
        row.update(text=(body.get("text") or "")[:4000], screen=screen_of(body.get("text")))
    elif kind == "slot":
        row.update(name=body.get("name"), value=json.dumps(body.get("value")))
    elif kind == "action":
        row.update(name=body.get("name"))
    return row


@dataclass
class Store:
    engine: Engine

    @classmethod
    def from_env(cls) -> "Store":
        return cls.connect(database_url())

    @classmethod
    def connect(cls, url: str | sa.engine.URL) -> "Store":
        engine = sa.create_engine(url, future=True, pool_pre_ping=True)
        metadata.create_all(engine)
        return cls(engine)

    def _insert(self):
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(events).on_conflict_do_nothing(index_elements=["event_key"])

    def write(self, body: dict[str, Any]) -> bool:
        """Store one event; False when it was already stored (a redelivery). The
        transaction is committed when this returns, so the caller may ack."""
        row = row_from_event(body)
        with self.engine.begin() as conn:
            inserted = conn.execute(self._insert().values(**row)).rowcount == 1
            if inserted and row["event_type"] in ("user", "bot"):
                self._blank_red_flag_text(conn, row)
        return inserted

    @staticmethod
    def _blank_red_flag_text(conn: sa.engine.Connection, row: dict[str, Any]) -> None:
        """Blank the user message a red-flag reply answers, whichever of the two
        events arrived first (redelivery can change their order)."""
        same = events.c.sender_hash == row["sender_hash"]
        if row["event_type"] == "bot":
            if not row["screen"]:
                return
            user_ts = conn.execute(
                sa.select(sa.func.max(events.c.ts)).where(
                    same, events.c.event_type == "user", events.c.ts <= row["ts"]
                )
            ).scalar()
            if user_ts is not None:
                conn.execute(
                    events.update()
                    .where(same, events.c.event_type == "user", events.c.ts == user_ts)
                    .values(text=None)
                )
            return
        next_user = conn.execute(
            sa.select(sa.func.min(events.c.ts)).where(
                same, events.c.event_type == "user", events.c.ts > row["ts"]
            )
        ).scalar()
        conditions = [
            same,
            events.c.event_type == "bot",
            events.c.ts >= row["ts"],
            events.c.screen.isnot(None),
        ]
        if next_user is not None:
            conditions.append(events.c.ts < next_user)
        if conn.execute(sa.select(sa.func.count()).where(*conditions)).scalar():
            conn.execute(events.update().where(events.c.event_key == row["event_key"]).values(text=None))

    def purge(self, days: float | None = None, now: float | None = None) -> int:
        """Delete rows older than the retention period; the number deleted."""
        days = retention_days() if days is None else days
        if not days or days <= 0:
            return 0
        cutoff = (now or time.time()) - days * DAY
        with self.engine.begin() as conn:
            return conn.execute(events.delete().where(events.c.ts < cutoff)).rowcount or 0

    def rows(self, since: float | None = None) -> list[dict[str, Any]]:
        query = sa.select(events).order_by(events.c.sender_hash, events.c.ts)
        if since is not None:
            query = query.where(events.c.ts >= since)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(events)).scalar() or 0

    def write_many(self, bodies: Iterable[dict[str, Any]]) -> int:
        return sum(self.write(b) for b in bodies)
