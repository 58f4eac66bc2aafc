"""Issues 6 and 12 against the real servers: persistence across restarts, hostile
input, size limits, action server outages, the HTTP API's token (from a file, never
on the command line, 401 without it), and `scripts/run.sh` as a user runs it
(action server on 127.0.0.1 only, private files).

One action server and one Rasa server (the project's endpoints.yml and
credentials.yml, a private SQLite file via TRACKER_DB) for the whole module.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from actions.plain_emergencies import OUTAGE_EMERGENCY_TEXT
from channels.rest import EMPTY_MESSAGE_TEXT, max_message_chars
from eval.servers import (
    MODEL,
    QUIET_ENV,
    ROOT,
    ActionServer,
    RasaServer,
    free_port,
    get_json,
    post_json,
    project_endpoints,
    reply_text,
    stop_process,
    wait_until_up,
)
from rasa_patches.resilience import UNAVAILABLE_TEXT

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`"),
]

TOKEN = "test-token-not-a-secret"


@pytest.fixture(scope="module")
def stack():
    with tempfile.TemporaryDirectory(prefix="rasa-resilience-") as tmp:
        workdir = Path(tmp)
        actions = ActionServer(workdir).start()
        db = workdir / "conversations" / "tracker.db"
        rasa = RasaServer(workdir, project_endpoints(actions.url), env={"TRACKER_DB": str(db)})
        try:
            rasa.start()
            yield rasa, actions, db
        finally:
            rasa.stop()
            actions.stop()


def webhook(rasa: RasaServer) -> str:
    return rasa.url + "/webhooks/rest/webhook"


def test_conversation_continues_after_rasa_restarts_and_api_needs_the_token(stack):
    rasa, _, db = stack
    assert "2 mmol/L" in reply_text(rasa.say("restart-user", "what calcium level is too low?"))
    # The HTTP API is off by default (run.sh passes no --enable-api) ...
    assert get_json(rasa.url + "/conversations/restart-user/tracker")[0] == 404
    assert db.exists()

    rasa.stop()
    # The token comes from a file (or RASA_API_TOKEN), never from the command line.
    token_file = db.parent / "api-token"
    token_file.write_text(TOKEN + "\n")
    stock_args, stock_env = rasa.args, rasa.env
    rasa.args = ("--enable-api",)
    rasa.env = {**rasa.env, "RASA_API_TOKEN_FILE": str(token_file)}
    rasa.start()
    try:
        api_needs_the_token(rasa)
    finally:  # the other tests get the server as run.sh starts it: API off
        rasa.stop()
        rasa.args, rasa.env = stock_args, stock_env
        rasa.start()
    assert get_json(rasa.url + "/conversations/restart-user/tracker")[0] == 404


def api_needs_the_token(rasa: RasaServer) -> None:
    assert TOKEN not in Path(f"/proc/{rasa.process.pid}/cmdline").read_text(errors="replace")
    assert "0.75 mmol/L" in reply_text(rasa.say("restart-user", "and magnesium?"))

    # ... and when enabled, only with the token.
    tracker_url = rasa.url + "/conversations/restart-user/tracker"
    assert get_json(tracker_url)[0] == 401
    for wrong in ("wrong", TOKEN[:-1], TOKEN + "x", ""):
        assert get_json(tracker_url + f"?token={wrong}")[0] == 401, wrong
    status, tracker = get_json(tracker_url + f"?token={TOKEN}")
    assert status == 200
    texts = [e.get("text") for e in tracker["events"] if e.get("event") == "user"]
    assert texts == ["what calcium level is too low?", "and magnesium?"]
    # The API's routes have the body limit too (64 KB; stock 100 MB).
    assert (
        raw_post(rasa, f"/conversations/x/tracker/events?token={TOKEN}", b"[" + b" " * 70_000 + b"]")[0]
        == 413
    )


def raw_post(rasa: RasaServer, path: str, body: bytes, headers: dict | None = None) -> tuple[int, bytes]:
    """POST with http.client, so a server that answers before reading the body is seen."""
    conn = http.client.HTTPConnection("127.0.0.1", rasa.port, timeout=30)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
        answer = conn.getresponse()
        return answer.status, answer.read()
    except (BrokenPipeError, ConnectionResetError):
        answer = conn.getresponse()  # the 413 was sent before the body was read
        return answer.status, answer.read()
    finally:
        conn.close()


# Every route that takes a body here (a GET-only route answers 405 before any body is
# read); the API's routes are checked in the token test above.
@pytest.mark.parametrize(
    "path",
    ["/webhooks/rest/webhook", "/webhooks/rest/webhook?stream=true", "/socket.io/?EIO=4&transport=polling"],
)
def test_bodies_over_64_kb_are_refused_on_every_route(stack, path):
    rasa, _, db = stack
    body = json.dumps({"sender": "big-body", "message": "calcium " * 9000}).encode()
    assert len(body) > 64 * 1024
    assert raw_post(rasa, path, body)[0] == 413
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events WHERE sender_id = 'big-body'").fetchone()[0] == 0
    assert reply_text(rasa.say("after-big-body", "what magnesium level is too low?"))


def test_nested_json_and_big_metadata_are_400_and_not_stored(stack):
    rasa, _, db = stack
    for body in (
        b"[" * 30_000 + b"]" * 30_000,
        b'{"sender": "meta", "message": "hi", "metadata": ' + b'{"a":' * 10_000 + b"1" + b"}" * 10_001,
        json.dumps({"sender": "meta", "message": "hi", "metadata": {"x": "m" * 5000}}).encode(),
    ):
        status, answer = raw_post(rasa, "/webhooks/rest/webhook", body)
        assert status == 400 and json.loads(answer)["error"], answer[:200]
    # accepted metadata is checked, then not stored
    status, _ = post_json(webhook(rasa), {"sender": "meta", "message": "hi", "metadata": {"page": "faq"}})
    assert status == 200
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT data FROM events WHERE sender_id = 'meta'").fetchall()
    assert rows and "faq" not in "".join(r[0] for r in rows)


def test_stream_answers_and_ends(stack):
    rasa, _, _ = stack
    status, answer = raw_post(
        rasa,
        "/webhooks/rest/webhook?stream=true",
        json.dumps({"sender": "stream", "message": "hello"}).encode(),
    )
    assert status == 200
    assert "What would you like to know?" in answer.decode()


HOSTILE = {
    "empty message": b'{"sender": "h", "message": ""}',
    "whitespace": b'{"sender": "h", "message": "  \\n\\t  "}',
    "invalid JSON": b'{"sender": "h", "message": ',
    "not an object": b'["h", "hello"]',
    "message is a number": b'{"sender": "h", "message": 5}',
    "sender is null": b'{"sender": null, "message": "hello"}',
    "missing message": b'{"sender": "h"}',
    "missing sender": b'{"message": "hello"}',
    "empty body": b"",
    "control characters": b'{"sender": "h", "message": "calcium\\u0000\\u0007\\u001b[31m?"}',
    "invalid UTF-8": b'{"sender": "h", "message": "\xff\xfe\xfa"}',
    "emoji": '{"sender": "h", "message": "twitching 😵‍💫🦵 why?"}'.encode(),
    "right-to-left": '{"sender": "h", "message": "\u202eلماذا أرتعش أثناء النوم؟ למה"}'.encode(),
    "HTML/JS": b'{"sender": "h", "message": "<script>alert(1)</script><img src=x onerror=alert(1)>"}',
    "very long sender id": ('{"sender": "%s", "message": "hello"}' % ("s" * 60_000)).encode(),
    "metadata not an object": b'{"sender": "h", "message": "hi", "metadata": 7}',
    "60 KB message": ('{"sender": "h-long", "message": "%s"}' % ("why do I twitch " * 3800)).encode(),
    "100 KB body (over the limit)": (
        '{"sender": "h-long", "message": "%s"}' % ("why do I twitch " * 6400)
    ).encode(),
    "nested 10,000 deep": b"[" * 10_000 + b"]" * 10_000,
    "namespaced sender": b'{"sender": "telegram:12345", "message": "hello"}',
    "big metadata": ('{"sender": "h", "message": "hi", "metadata": {"a": "%s"}}' % ("m" * 5000)).encode(),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_input_gets_a_reply_or_a_clear_4xx_never_a_5xx(stack, case):
    rasa, _, _ = stack
    status, body = post_json(webhook(rasa), None, raw=HOSTILE[case], timeout=60)
    assert status < 500, (case, status, body)
    if status == 413:  # Sanic's own answer, before the channel sees the request
        assert len(HOSTILE[case]) > 64 * 1024 and body.get("message"), (case, body)
    elif 400 <= status < 500:
        assert isinstance(body, dict) and body.get("error"), (case, body)
    else:
        assert status == 200 and isinstance(body, list) and reply_text(body), (case, body)
    assert "0.75 mmol/L" in reply_text(rasa.say(f"after-{len(case)}", "what magnesium level is too low?"))


def test_empty_message_gets_a_hint(stack):
    rasa, _, _ = stack
    assert reply_text(rasa.say("hint", "   ")) == EMPTY_MESSAGE_TEXT


def test_long_message_is_cut_to_the_limit_before_nlu(stack):
    rasa, _, db = stack
    message = "calcium " * 7_500  # 60 KB, under the 64 KB body limit
    rasa.say("cut-user", message)
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT data FROM events WHERE sender_id = 'cut-user' " "AND type_name = 'user'"
        ).fetchall()
    assert [json.loads(r[0])["text"] for r in rows] == [message[: max_message_chars()].strip()]


def test_action_server_down_gives_a_polite_reply_and_recovers(stack):
    rasa, actions, _ = stack
    actions.stop()
    try:
        assert reply_text(rasa.say("outage-user", "what causes twitching?")) == UNAVAILABLE_TEXT
        assert reply_text(rasa.say("outage-user", "and magnesium?")) == UNAVAILABLE_TEXT
        # an emergency during the outage still gets the emergency number, first
        reply = reply_text(rasa.say("outage-user", "he's seizing and not breathing"))
        assert reply == OUTAGE_EMERGENCY_TEXT and "911" in reply.split(".")[0]
    finally:
        actions.start()
    assert "stress" in reply_text(rasa.say("outage-user", "what causes twitching?"))


def listeners(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp*) listening on a TCP port."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, state = fields[1], fields[3]
            if state == "0A" and int(address.rsplit(":", 1)[1], 16) == port:
                found.add(address.rsplit(":", 1)[0])
    return found


def test_run_sh_binds_the_action_server_to_localhost_and_keeps_files_private(tmp_path):
    port, actions_port = free_port(), free_port()
    state, token = tmp_path / "state", secrets.token_urlsafe(24)
    (tmp_path / "token").write_text(token)
    env = {
        **os.environ,
        **QUIET_ENV,
        "RASA_PORT": str(port),
        "ACTIONS_PORT": str(actions_port),
        "RASA_STATE_DIR": str(state),
        "RASA_API_TOKEN_FILE": str(tmp_path / "token"),
    }
    for name in (
        "TRACKER_DB",
        "TRACKER_DB_URL",
        "RASA_API_TOKEN",
        "ACTIONS_HOST",
        "LOG_DIR",
        "ACTION_SERVER_URL",
    ):
        env.pop(name, None)
    run = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "run.sh")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", 180, run)
        assert listeners(actions_port) == {"0100007F"}  # 127.0.0.1, not 0.0.0.0 (00000000)
        assert listeners(port) == {"0100007F"}
        assert state.stat().st_mode & 0o777 == 0o700
        for name in (
            "credentials.effective.yml",
            "endpoints.effective.yml",
            "tracker.db",
            "logs/rasa.log",
            "logs/actions.log",
        ):
            assert (state / name).stat().st_mode & 0o777 == 0o600, name
        assert (state / "logs").stat().st_mode & 0o777 == 0o700
        # the API is on, with the token from the file, and the token is on no command line
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                assert token not in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
            except (FileNotFoundError, PermissionError, ProcessLookupError):
                pass
        # Rasa reaches the action server at the URL built from ACTIONS_PORT (endpoints.yml)
        status, replies = post_json(
            f"http://127.0.0.1:{port}/webhooks/rest/webhook",
            {"sender": "run-sh", "message": "what causes twitching?"},
            timeout=300,
        )  # the action server's first call builds the assistant
        assert status == 200 and "stress" in reply_text(replies), replies
        url = f"http://127.0.0.1:{port}/conversations/run-sh/tracker"
        assert get_json(url)[0] == 401
        assert get_json(f"{url}?token={token}")[0] == 200
    finally:
        stop_process(run)
