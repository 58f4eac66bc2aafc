"""Scale-out profile: two Rasa servers sharing PostgreSQL and Redis (issue 6).

100 pairs of messages of one conversation are sent to both servers at the same
instant (threads + a barrier). Afterwards every user message and every bot reply
must be in the tracker (read from PostgreSQL), each user message directly followed
by its own reply, and every request must have got a reply.

- atomic: the deploy/ profile (stores.tracker_store.EnvSQLTrackerStore +
  stores.lock_store.AtomicRedisLockStore), must hold.
- stock: Rasa's SQL tracker store + RedisLockStore; expected to lose events
  (xfail, strict=False): the reason the custom lock store exists. The counts
  are printed (run with -s) and recorded in docs/deployment.md.

Each run uses a fresh PostgreSQL database and a unique Redis key prefix, dropped
and deleted afterwards. Skipped when PostgreSQL or Redis is not reachable.
"""

from __future__ import annotations

import json
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

import settings
from eval.servers import MODEL, ActionServer, RasaServer, post_json
from rasa_patches.resilience import UNAVAILABLE_TEXT

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`"),
]

PG = dict(host="127.0.0.1", port=5432, user="postgres")
REDIS_URL = "redis://127.0.0.1:6379/1"
PAIRS = 100
# The stock run is slow (its lock polls once a second); 30 pairs show the loss.
STOCK_PAIRS = settings.integer("SCALE_STOCK_PAIRS", minimum=1)


def _services_up() -> bool:
    try:
        import psycopg2
        import redis

        psycopg2.connect(dbname="postgres", connect_timeout=3, **PG).close()
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
        return True
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture(scope="module")
def infra():
    if not _services_up():
        pytest.skip("PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) not reachable")
    with tempfile.TemporaryDirectory(prefix="rasa-scale-") as tmp:
        actions = ActionServer(Path(tmp)).start()
        try:
            yield Path(tmp), actions
        finally:
            actions.stop()


@pytest.fixture
def fresh():
    """A unique database and Redis key prefix, removed afterwards."""
    import psycopg2
    import redis

    run = uuid.uuid4().hex[:10]
    db, prefix = f"rasa_scale_{run}", f"scale{run}"
    admin = psycopg2.connect(dbname="postgres", **PG)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{db}"')
    try:
        yield db, prefix
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.close()
        red = redis.Redis.from_url(REDIS_URL)
        for key in red.scan_iter(f"{prefix}:*"):
            red.delete(key)


def profile(kind: str, action_url: str, db: str, prefix: str) -> tuple[str, dict]:
    if kind == "atomic":  # deploy/endpoints.scale.yml, configured by environment
        endpoints = (Path(__file__).resolve().parent.parent / "deploy" / "endpoints.scale.yml").read_text(
            encoding="utf-8"
        )
        env = {
            "ACTION_SERVER_URL": f"{action_url}/webhook",
            "TRACKER_DB_URL": f"postgresql://postgres@127.0.0.1:5432/{db}",
            "LOCK_STORE_URL": REDIS_URL,
            "LOCK_KEY_PREFIX": prefix,
        }
        return endpoints, env
    endpoints = (
        f'action_endpoint:\n  url: "{action_url}/webhook"\n'
        f"tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n"
        f"  port: 5432\n  username: postgres\n  db: {db}\n"
        f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: 6379\n  db: 1\n"
        f"  key_prefix: {prefix}\n"
    )
    return endpoints, {}


def run_pairs(servers: list[RasaServer], sender: str, pairs: int) -> tuple[dict[str, list], list[str]]:
    replies: dict[str, list] = {}
    barrier = threading.Barrier(2)

    def send(server: RasaServer, text: str) -> None:
        barrier.wait()
        status, body = post_json(
            server.url + "/webhooks/rest/webhook", {"sender": sender, "message": text}, timeout=120
        )
        replies[text] = body if status == 200 and isinstance(body, list) else []

    sent = []
    for i in range(pairs):
        texts = [f"what calcium level is too low? {i}a", f"what causes twitching? {i}b"]
        sent += texts
        threads = [threading.Thread(target=send, args=(s, t)) for s, t in zip(servers, texts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return replies, sent


def stored_events(db: str, sender: str) -> list[dict]:
    import psycopg2

    with psycopg2.connect(dbname=db, **PG) as conn, conn.cursor() as cur:
        cur.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
        return [json.loads(row[0]) for row in cur.fetchall()]


def audit(events: list[dict], sent: list[str], replies: dict[str, list]) -> dict[str, int]:
    """Counts of what went wrong (all zero when every message and reply is kept)."""
    users = [e.get("text") for e in events if e.get("event") == "user"]
    unanswered_in_tracker = 0
    current = None
    for event in events + [{"event": "user"}]:
        if event.get("event") == "user":
            if current is not None and not current["bot"]:
                unanswered_in_tracker += 1
            current = {"bot": 0}
        elif event.get("event") == "bot" and current is not None:
            current["bot"] += 1
    return {
        "user_messages_missing": len(set(sent) - set(users)),
        "user_messages_duplicated": len(users) - len(set(users)),
        "user_messages_without_reply_in_tracker": unanswered_in_tracker,
        "requests_without_reply": sum(1 for t in sent if not replies.get(t)),
        "bot_replies_stored": sum(1 for e in events if e.get("event") == "bot"),
        "fallback_replies": sum(
            1 for e in events if e.get("event") == "bot" and e.get("text") == UNAVAILABLE_TEXT
        ),
    }


def check(kind: str, infra, fresh) -> dict[str, int]:
    tmp, actions = infra
    db, prefix = fresh
    endpoints, env = profile(kind, actions.url, db, prefix)
    servers = [RasaServer(tmp, endpoints, env=env) for _ in range(2)]
    starters = [threading.Thread(target=s.start) for s in servers]
    try:
        for thread in starters:
            thread.start()
        for thread in starters:
            thread.join()
        for server in servers:
            assert server.process is not None and server.process.poll() is None
            post_json(server.url + "/webhooks/rest/webhook", {"sender": "warm-up", "message": "hi"})
        sender = f"scale-{uuid.uuid4().hex[:8]}"
        pairs = PAIRS if kind == "atomic" else STOCK_PAIRS
        replies, sent = run_pairs(servers, sender, pairs)
    finally:
        for server in servers:
            server.stop()
    counts = audit(stored_events(db, sender), sent, replies)
    print(f"\n[{kind} lock store] {len(sent)} messages in {len(sent) // 2} simultaneous pairs: {counts}")
    return counts


def test_atomic_lock_store_keeps_every_message_and_reply(infra, fresh):
    counts = check("atomic", infra, fresh)
    assert counts["bot_replies_stored"] >= 2 * PAIRS, counts
    assert counts["fallback_replies"] == 0, counts
    assert {k: v for k, v in counts.items() if k not in ("bot_replies_stored", "fallback_replies")} == {
        "user_messages_missing": 0,
        "user_messages_duplicated": 0,
        "user_messages_without_reply_in_tracker": 0,
        "requests_without_reply": 0,
    }


@pytest.mark.xfail(
    strict=False,
    reason="stock RedisLockStore issues tickets with a "
    "non-atomic GET+SET, so two servers process one conversation at once "
    "and the stock SQL tracker store drops the second server's events",
)
def test_stock_lock_store_loses_events(infra, fresh):
    counts = check("stock", infra, fresh)
    assert (
        counts["user_messages_missing"] == 0 and counts["user_messages_without_reply_in_tracker"] == 0
    ), counts
