"""Unit tests of the Rasa extensions (channels/, stores/, rasa_patches/): the bounded
tracker store, the atomic lock store, the REST input checks and the patches (no Rasa
server needed; the lock tests need Redis).

Over 400 lines on purpose: one module per Rasa extension point would repeat the same
tracker and domain helpers at the top of each."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.rest import BadRequest, clean_message, parse_body
from eval.servers import ROOT
from stores.tracker_store import EnvSQLTrackerStore

pytestmark = pytest.mark.servers

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
    from stores.lock_store import AtomicRedisLockStore

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


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"", "JSON"),
        (b"[1]", "object"),
        (b'{"sender": 1, "message": "x"}', "sender"),
        (b'{"sender": "a", "message": null}', "message"),
        (b"\xff", "UTF-8"),
        (('{"sender": "%s", "message": "x"}' % ("a" * 129)).encode(), "sender"),
    ],
)
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

    from rasa_patches import action_validation

    action = RemoteAction("action_respond", None)
    good = {
        "events": [{"event": "slot", "name": "last_topic", "value": "causes"}],
        "responses": [{"text": "hi", "buttons": [{"title": "a", "payload": "/b"}]}],
    }
    assert action._validate_action_result(good)
    assert RemoteAction._validate_action_result is action_validation._validate_action_result
    assert action_validation._validator() is action_validation._validator()
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        action._validate_action_result({"events": "not a list"})


# --- bounded input (channels/limits.py) -------------------------------------------------


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"[" * 5000 + b"]" * 5000, "nested"),
        (b'{"sender": "s", "message": "x", "metadata": ' + b'{"a": ' * 3000 + b"1" + b"}" * 3001, "nested"),
        (b'{"sender": "s", "message": "x", "metadata": {"a": {"b": {"c": {"d": {"e": 1}}}}}}', "deep"),
        (('{"sender": "s", "message": "x", "metadata": {"a": "%s"}}' % ("m" * 2000)).encode(), "bytes"),
        (b'{"sender": "s", "message": "x", "metadata": [1]}', "object"),
        (b'{"sender": "telegram:12345", "message": "x"}', "sender"),
        (b'{"sender": "Facebook:1", "message": "x"}', "sender"),
    ],
)
def test_nesting_metadata_and_namespaced_senders_are_refused(raw, error):
    with pytest.raises(BadRequest, match=error):
        parse_body(raw)


def test_small_metadata_is_accepted():
    assert parse_body(b'{"sender": "s", "message": "x", "metadata": {"a": {"b": [1]}}}')[2] == {
        "a": {"b": [1]}
    }


def test_a_failing_stream_still_ends_with_a_reply():
    from channels.rest import ERROR_TEXT, RestInput

    async def broken(_message):
        raise RuntimeError("boom")

    async def scenario():
        queue: asyncio.Queue = asyncio.Queue()
        await RestInput.on_message_wrapper(broken, "hi", queue, "s", "rest", None)
        return [queue.get_nowait() for _ in range(queue.qsize())]

    assert asyncio.run(scenario()) == [{"recipient_id": "s", "text": ERROR_TEXT}, "DONE"]


def test_request_size_limit_is_set_on_the_app(monkeypatch):
    from sanic import Blueprint

    from channels.limits import limit_request_size

    monkeypatch.setenv("MAX_REQUEST_BYTES", "1234")
    blueprint = limit_request_size(Blueprint("probe"))
    [listener] = [f for f in blueprint._future_listeners if f.event == "before_server_start"]

    class App:
        class config:
            REQUEST_MAX_SIZE = 100_000_000

    asyncio.run(listener.listener(App, None))
    assert App.config.REQUEST_MAX_SIZE == 1234


# --- channel namespaces (channels/guard.py) --------------------------------------------


def test_channel_users_are_namespaced_and_replies_reach_the_platform_id():
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    from channels.guard import guard

    seen = []

    async def on_new_message(message):
        seen.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "hi"})

    out = CollectingOutputChannel()
    message = UserMessage("a\x00b", out, 12345, metadata={"big": "x" * 10_000})
    asyncio.run(guard("telegram", on_new_message)(message))
    assert seen[0].sender_id == "telegram:12345"
    assert seen[0].text == "ab" and seen[0].metadata is None
    assert out.messages == [{"recipient_id": "12345", "text": "hi"}]


# --- socket.io input checks (channels/socketio.py) -----------------------------------


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "hi",
        {"message": "hi"},
        {"session_id": 5, "message": "hi"},
        {"session_id": "s" * 129, "message": "hi"},
        {"session_id": "a/b", "message": "hi"},
        {"session_id": "telegram:1", "message": "hi"},
        {"session_id": "ok", "message": 5},
        {"session_id": "ok", "message": None},
        {"session_id": "ok", "message": "hi", "metadata": {"a": "x" * 5000}},
        {"session_id": "ok", "message": "hi", "metadata": "{}"},
    ],
)
def test_socketio_events_are_checked_like_rest(data):
    from channels.limits import BadInput
    from channels.socketio import check_event

    with pytest.raises(BadInput):
        check_event(data, "metadata", session_persistence=True)


def test_socketio_origin_allow_list_comes_from_rasa_cors_origin(monkeypatch):
    from channels.socketio import allowed_origins

    monkeypatch.delenv("RASA_CORS_ORIGIN", raising=False)
    assert allowed_origins() is None  # python-engineio's default: the same origin only
    monkeypatch.setenv("RASA_CORS_ORIGIN", "https://a.example, https://b.example/")
    assert allowed_origins() == ["https://a.example", "https://b.example"]


# --- secrets compared in constant time ---------------------------------------------------


def test_secrets_are_compared_with_compare_digest(monkeypatch):
    import hmac as hmac_module

    from channels import facebook, telegram
    from rasa_patches import api_auth

    calls = []
    real = hmac_module.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac_module, "compare_digest", spy)
    assert api_auth.token_matches("tok", "tok") and not api_auth.token_matches("tik", "tok")
    assert telegram.secret_matches("s", "s") and not telegram.secret_matches(None, "s")
    assert facebook.same_secret("v", "v")
    assert len(calls) == 4


def test_facebook_accepts_only_hmac_sha256():
    import hashlib
    import hmac as hmac_module

    from channels.facebook import signature_valid

    body = b'{"object": "page"}'
    good = "sha256=" + hmac_module.new(b"secret", body, hashlib.sha256).hexdigest()
    assert signature_valid("secret", body, good)
    for header in (
        None,
        "",
        good.replace("sha256=", "sha1="),
        good[:-1] + "0",
        "sha1=" + hmac_module.new(b"secret", body, hashlib.sha1).hexdigest(),
        "md5=" + hmac_module.new(b"secret", body, hashlib.md5).hexdigest(),
        "whirlpool=abc",
        "sha256=\u00e9",
    ):
        assert not signature_valid("secret", body, header), header


def test_facebook_graph_calls_run_in_a_thread_with_a_timeout(monkeypatch):
    import threading

    from channels.facebook import MessengerBot

    monkeypatch.setenv("FACEBOOK_API_TIMEOUT", "3")
    seen = []

    class Client:
        def send(self, payload, recipient_id, messaging_type, timeout=None):
            seen.append(("send", recipient_id, timeout, threading.current_thread().name))

        def send_action(self, action, recipient_id, timeout=None):
            seen.append(("action", recipient_id, timeout, threading.current_thread().name))

    async def scenario():
        bot = MessengerBot(Client())
        await bot.send_action("u1", "typing_on")
        await bot.send_response("u1", {"text": "hello"})
        return threading.current_thread().name

    loop_thread = asyncio.run(scenario())
    assert [(kind, rid, timeout) for kind, rid, timeout, _ in seen] == [
        ("action", "u1", 3.0),
        ("send", "u1", 3.0),
    ]
    assert all(thread != loop_thread for *_, thread in seen)


# --- API token (rasa_patches/api_auth.py) -------------------------------------------------------


def test_api_token_comes_from_a_file_or_the_environment(tmp_path, monkeypatch):
    import rasa.server

    from rasa_patches import api_auth

    assert rasa.server.requires_auth is api_auth.requires_auth
    monkeypatch.delenv("RASA_API_TOKEN_FILE", raising=False)
    monkeypatch.setenv("RASA_API_TOKEN", "from-env")
    assert api_auth.configured_token() == "from-env"
    (tmp_path / "token").write_text("from-file\n")
    monkeypatch.setenv("RASA_API_TOKEN_FILE", str(tmp_path / "token"))
    assert api_auth.configured_token() == "from-file"


# --- private files and retention (stores/tracker_store.py) -------------------------------


def test_tracker_db_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "new" / "t.db"))
    EnvSQLTrackerStore(domain=Domain.load(str(ROOT / "domain.yml")))
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "new" / "t.db").stat().st_mode & 0o777 == 0o600
    # an existing world-readable file is made private
    (tmp_path / "new" / "t.db").chmod(0o644)
    EnvSQLTrackerStore(domain=Domain.load(str(ROOT / "domain.yml")))
    assert (tmp_path / "new" / "t.db").stat().st_mode & 0o777 == 0o600


def _save_conversation(store, sender: str, age_days: float) -> None:
    import time

    async def save():
        tracker = DialogueStateTracker(sender, store.domain.slots)
        when = time.time() - age_days * 86400
        tracker.update(UserUttered("hi", timestamp=when))
        tracker.update(BotUttered("hello", timestamp=when + 1))
        await store.save(tracker)

    asyncio.run(save())


def test_conversations_idle_past_the_retention_are_deleted(store, tmp_path, monkeypatch):
    import subprocess
    import sys

    from stores.tracker_store import prune

    _save_conversation(store, "old", 45)
    _save_conversation(store, "recent", 2)
    assert prune(store, 30) == 1
    assert (
        asyncio.run(store.retrieve_full_tracker("old")) is None
        or not asyncio.run(store.retrieve_full_tracker("old")).events
    )
    assert asyncio.run(store.retrieve_full_tracker("recent")).events
    # the store prunes when it starts (TRACKER_RETENTION_DAYS, default 30) ...
    _save_conversation(store, "old2", 40)
    EnvSQLTrackerStore(domain=store.domain)
    assert not asyncio.run(store.keys()).__contains__("old2")
    # ... and `make prune` runs scripts/prune.py with the same setting
    _save_conversation(store, "old3", 10)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "prune.py"), "--days", "5"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ},
    )
    assert result.returncode == 0 and "deleted 1 conversation" in result.stdout, result.stderr
    assert set(asyncio.run(store.keys())) == {"recent"}
    # 0 keeps everything
    monkeypatch.setenv("TRACKER_RETENTION_DAYS", "0")
    _save_conversation(store, "ancient", 4000)
    EnvSQLTrackerStore(domain=store.domain)
    assert "ancient" in asyncio.run(store.keys())


def test_the_rasa_patches_are_installed_once_and_only_for_the_supported_version(monkeypatch):
    import rasa
    from rasa.core.actions.action import RemoteAction

    import rasa_patches as patches
    from rasa_patches import action_payload, action_validation, resilience

    assert patches.install_all() == [
        "rasa_patches.action_validation",
        "rasa_patches.action_payload",
        "rasa_patches.event_types",
        "rasa_patches.resilience",
        "rasa_patches.api_auth",
    ]
    assert RemoteAction.run is resilience._run_with_fallback
    assert RemoteAction._action_call_format is action_payload._action_call_format
    assert RemoteAction._validate_action_result is action_validation._validate_action_result
    monkeypatch.setattr(patches, "_installed", [])
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(patches.UnsupportedRasaVersion, match="rasa==3.6.21"):
        patches.install_all()


def _tracker_with_turns(turns: int):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_yaml("slots:\n  topic:\n    type: any\n    mappings: []\n")
    tracker = DialogueStateTracker("s", domain.slots)
    for i in range(turns):
        tracker.update(UserUttered(f"message {i}", {"name": "ask", "confidence": 1.0}, input_channel="rest"))
        tracker.update(ActionExecuted("action_respond"))
        tracker.update(BotUttered(f"answer {i}"))
        tracker.update(SlotSet("topic", f"t{i}"))
        tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("latest", {"name": "ask", "confidence": 1.0}, input_channel="rest"))
    return domain, tracker


def test_the_action_server_gets_the_state_and_the_last_two_user_turns(monkeypatch):
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import EventVerbosity
    from rasa.utils.endpoints import EndpointConfig
    from rasa_sdk import Tracker

    from actions.actions import previous_user_text
    from rasa_patches import action_payload

    domain, tracker = _tracker_with_turns(30)
    action = RemoteAction(
        "action_respond", EndpointConfig("http://localhost:1/webhook", enable_selective_domain=True)
    )
    sent = action_payload._action_call_format(action, tracker, domain)
    stock = action_payload._stock(action, tracker, domain)
    assert "domain" not in sent  # enable_selective_domain honoured, as stock Rasa does
    plain = RemoteAction("action_respond", EndpointConfig("http://localhost:1/webhook"))
    assert action_payload._action_call_format(plain, tracker, domain)["domain"] == domain.as_dict()
    full = tracker.current_state(EventVerbosity.ALL)
    assert {k: v for k, v in sent["tracker"].items() if k != "events"} == {
        k: v for k, v in full.items() if k != "events"
    }
    assert sent["tracker"]["events"] == full["events"][-6:]  # user, 3 events, listen, user
    # what the action reads is the same from either payload
    for payload in (sent, stock):
        sdk = Tracker.from_dict(payload["tracker"])
        assert previous_user_text(sdk) == "message 29"
        assert sdk.get_latest_input_channel() == "rest"
        assert sdk.get_slot("topic") == "t29"
        assert sdk.latest_message["text"] == "latest"
    monkeypatch.setenv("ACTION_EVENT_USER_TURNS", "0")
    assert action_payload._action_call_format(action, tracker, domain)["tracker"] == full
    _, short = _tracker_with_turns(0)
    assert len(action_payload._action_call_format(action, short, domain)["tracker"]["events"]) == 1


def test_event_classes_are_looked_up_by_type_name_as_rasa_does():
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

    from rasa_patches import event_types

    event_types.install()
    for name, cls in (("user", UserUttered), ("slot", SlotSet), ("action", ActionExecuted)):
        assert Event.resolve_by_type(name) is cls is event_types._stock(name)
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.from_parameters({"event": "slot", "name": "a", "value": 1}) == SlotSet("a", 1)
