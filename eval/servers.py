"""Start the real action server and Rasa server on free local ports (tests, eval, bench).

    with RasaStack() as bot:
        replies = bot.say("user-1", "what causes twitching in my sleep?")

Everything binds to 127.0.0.1; each stack gets its own endpoints file and SQLite
tracker store in a temporary folder, and is stopped (by PID) on exit.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

import settings

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv" / "bin" / "rasa"
PYTHON = ROOT / ".venv" / "bin" / "python"
MODEL = ROOT / "models" / "twitching.tar.gz"
# The log-silencing settings (config/defaults.env), and logs written as they happen.
QUIET_ENV = {**settings.quiet_env(), "PYTHONUNBUFFERED": "1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def _send(request: urllib.request.Request, timeout: float) -> tuple[int, Any]:
    """Status and JSON body (or text, when the body is not JSON); HTTP errors too."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        text, status = error.read(), error.code
    try:
        return status, json.loads(text or b"null")
    except ValueError:
        return status, text.decode("utf-8", "replace")


def post_json(
    url: str, payload: Any, timeout: float = 30, headers: dict | None = None, raw: bytes | None = None
) -> tuple[int, Any]:
    body = raw if raw is not None else json.dumps(payload).encode("utf-8")
    return _send(
        urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
        ),
        timeout,
    )


def get_json(url: str, timeout: float = 30, headers: dict | None = None) -> tuple[int, Any]:
    return _send(urllib.request.Request(url, headers=headers or {}), timeout)


def reply_text(messages: list[dict]) -> str:
    """What the user sees: texts and button titles, one per line."""
    lines = []
    for message in messages or []:
        if message.get("text"):
            lines.append(message["text"])
        lines += [f"[{b.get('title')}]" for b in message.get("buttons") or []]
    return "\n".join(lines)


class ActionServer:
    def __init__(self, workdir: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ActionServer":
        log = open(self.workdir / f"actions-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [str(RASA), "run", "actions", "--port", str(self.port)],
            cwd=ROOT,
            # the action server listens on loopback only (rasa-sdk's default is 0.0.0.0)
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **QUIET_ENV, "SANIC_HOST": "127.0.0.1"},
            start_new_session=True,
        )
        wait_until_up(self.url + "/health", 60, self.process)
        self.warm_up()
        return self

    def warm_up(self, timeout: float = 300) -> None:
        """One action call before anyone talks to it: the first call builds the assistant
        (knowledge, index, red-flag model), seconds on an idle machine but over a minute
        on a busy one, longer than a test waits for a reply."""
        tracker = {
            "sender_id": "warm-up",
            "slots": {},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
            "latest_message": {
                "text": "hello",
                "entities": [],
                "intent_ranking": [],
                "intent": {"name": "greet", "confidence": 1.0},
            },
        }
        status, body = post_json(
            self.url + "/webhook",
            {"next_action": "action_respond", "sender_id": "warm-up", "tracker": tracker, "domain": {}},
            timeout=timeout,
        )
        if status != 200:
            raise RuntimeError(f"the action server's first call failed ({status}): {body}")

    def stop(self) -> None:
        stop_process(self.process)
        self.process = None


class RasaServer:
    """`rasa run` with its own endpoints file; extra args and env as given."""

    def __init__(
        self,
        workdir: Path,
        endpoints: str,
        port: int | None = None,
        args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        credentials: Path | None = None,
    ) -> None:
        self.port = port or free_port()
        self.workdir = workdir
        self.endpoints = workdir / f"endpoints-{self.port}.yml"
        self.endpoints.write_text(endpoints, encoding="utf-8")
        self.args = args
        self.env = env or {}
        self.credentials = credentials or ROOT / "credentials.yml"
        self.process: subprocess.Popen | None = None
        self.log_path = workdir / f"rasa-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> "RasaServer":
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            # Rasa's CLI with the project's patches installed first (rasa_patches/__main__.py)
            [
                str(PYTHON),
                "-m",
                "rasa_patches",
                "run",
                "--model",
                str(MODEL),
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--endpoints",
                str(self.endpoints),
                "--credentials",
                str(self.credentials),
                *self.args,
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **QUIET_ENV, **self.env},
            start_new_session=True,
        )
        wait_until_up(self.url + "/", timeout, self.process)
        return self

    def stop(self) -> None:
        stop_process(self.process)
        self.process = None

    def say(self, sender: str, message: str, timeout: float = 30) -> list[dict]:
        status, body = post_json(
            self.url + "/webhooks/rest/webhook", {"sender": sender, "message": message}, timeout
        )
        assert status == 200, (status, body)
        return body


def endpoints(action_url: str, tracker_db: Path | None = None, with_webhook: bool = True) -> str:
    """The project's endpoints.yml for a server on its own ports: the action server at
    `action_url` (+ /webhook unless it is already the whole URL: scripts/run.sh passes
    ACTION_SERVER_URL), the SQLite file moved to `tracker_db` when given (else the
    tracker store reads TRACKER_DB, then `db:`)."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    config["action_endpoint"]["url"] = f"{action_url}/webhook" if with_webhook else action_url
    if tracker_db is not None:
        config["tracker_store"]["db"] = str(tracker_db)
    return yaml.safe_dump(config, sort_keys=False)


def default_endpoints(action_url: str, tracker_db: Path) -> str:
    """The project's endpoints (tracker store included) with a private SQLite file."""
    return endpoints(action_url, tracker_db)


class RasaStack:
    """An action server plus one Rasa server with a private SQLite tracker store."""

    def __init__(
        self, args: tuple[str, ...] = (), env: dict[str, str] | None = None, credentials: Path | None = None
    ) -> None:
        self.tmp = tempfile.TemporaryDirectory(prefix="rasa-test-")
        self.workdir = Path(self.tmp.name)
        self.actions = ActionServer(self.workdir)
        self.rasa = RasaServer(
            self.workdir,
            default_endpoints(self.actions.url, self.workdir / "tracker.db"),
            args=args,
            env=env,
            credentials=credentials,
        )

    def __enter__(self) -> RasaServer:
        try:
            self.actions.start()
            self.rasa.start()
        except Exception:
            self.__exit__()
            raise
        return self.rasa

    def __exit__(self, *exc: object) -> None:
        self.rasa.stop()
        self.actions.stop()
        self.tmp.cleanup()


def stop_process(process: subprocess.Popen | None) -> None:
    """Stop a process group started with start_new_session: TERM, then KILL."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def project_endpoints(action_url: str) -> str:
    """The project's endpoints.yml with the action server at `action_url`.

    Its tracker store (stores.tracker_store.EnvSQLTrackerStore) reads TRACKER_DB,
    so pass env={"TRACKER_DB": ...} to keep each test's conversations private.
    """
    return endpoints(action_url)
