"""Unit tests of addons/: the bounded tracker store, the atomic lock store and the
REST input checks (no Rasa server needed; the lock tests need Redis)."""
from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.rest_channel import BadRequest, clean_message, parse_body
from addons.tracker_store import EnvSQLTrackerStore
from eval.servers import ROOT

REDIS_URL = "redis://127.0.0.1:6379/1"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))
    monkeypatch.setenv("TRACKER_MAX_EVENTS", "20")
    return EnvSQLTrackerStore(domain=Domain.load(str(ROOT / "domain.yml")))


def test_long_session_loads_a_window_but_keeps_slots_and_all_events(store):
    async def scenario():
        tracker = DialogueStateTracker("u", store.domain.slots)
        tracker.update(SlotSet("last_topic", "calcium"))
        for i in range(30):
            tracker.update(UserUttered(f"m{i}"))
            tracker.update(ActionExecuted("action_respond"))
            tracker.update(BotUttered(f"r{i}"))
        await store.save(tracker)
        loaded = await store.retrieve("u")
        assert len(loaded.events) <= 21
        assert loaded.get_slot("last_topic") == "calcium"
        loaded.update(UserUttered("new"))
        await store.save(loaded)
        full = await store.retrieve_full_tracker("u")
        texts = [e.text for e in full.events if isinstance(e, UserUttered)]
        assert texts == [f"m{i}" for i in range(30)] + ["new"]
    asyncio.run(scenario())


def test_tracker_db_comes_from_the_environment(store, tmp_path):
    assert str(store.engine.url).endswith(str(tmp_path / "t.db"))


@pytest.fixture
def lock_store(monkeypatch):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception:  # noqa: BLE001
        pytest.skip("Redis not reachable on 127.0.0.1:6379")
    from addons.lock_store import AtomicRedisLockStore
    prefix = f"unit{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("LOCK_STORE_URL", REDIS_URL)
    monkeypatch.setenv("LOCK_KEY_PREFIX", prefix)
    monkeypatch.setenv("LOCK_LEASE_SECONDS", "0.3")
    monkeypatch.setenv("LOCK_MAX_WAIT", "5")
    yield AtomicRedisLockStore()
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_lock_is_exclusive_survives_a_slow_holder_and_is_released(lock_store):
    async def scenario():
        inside, overlaps, order = 0, 0, []

        async def worker(name: str) -> None:
            nonlocal inside, overlaps
            async with lock_store.lock("conv"):
                inside += 1
                overlaps += inside > 1
                await asyncio.sleep(0.5)  # longer than the lease: renewal must keep it
                order.append(name)
                inside -= 1

        await asyncio.gather(*(worker(str(i)) for i in range(4)))
        assert overlaps == 0 and sorted(order) == ["0", "1", "2", "3"]
        assert await lock_store.red.get(lock_store._key("conv")) is None
        # Release only deletes one's own lock.
        await lock_store.red.set(lock_store._key("other"), "someone-else")
        assert await lock_store._release(keys=[lock_store._key("other")], args=["mine"]) == 0
        await lock_store.red.aclose() if hasattr(lock_store.red, "aclose") else await lock_store.red.close()
    asyncio.run(scenario())


@pytest.mark.parametrize("raw, error", [
    (b"", "JSON"), (b"[1]", "object"), (b'{"sender": 1, "message": "x"}', "sender"),
    (b'{"sender": "a", "message": null}', "message"), (b"\xff", "UTF-8"),
    (('{"sender": "%s", "message": "x"}' % ("a" * 129)).encode(), "sender"),
])
def test_bad_bodies_are_rejected_with_a_reason(raw, error):
    with pytest.raises(BadRequest, match=error):
        parse_body(raw)


def test_messages_are_cleaned_and_cut():
    assert clean_message("a\x00b\x07c\nd\te") == "abc\nd\te"
    assert len(clean_message("x" * 100_000)) == 2000
    assert parse_body('{"sender": "s", "message": "שלום 😀"}'.encode())[1] == "שלום 😀"


def test_action_responses_are_validated_with_one_reused_validator():
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    from addons import action_validation

    action = RemoteAction("action_respond", None)
    good = {"events": [{"event": "slot", "name": "last_topic", "value": "causes"}],
            "responses": [{"text": "hi", "buttons": [{"title": "a", "payload": "/b"}]}]}
    assert action._validate_action_result(good)
    assert RemoteAction._validate_action_result is action_validation._validate_action_result
    assert action_validation._validator() is action_validation._validator()
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        action._validate_action_result({"events": "not a list"})
