#!/usr/bin/env python3
"""`make scale`: the scale-out profile on this machine behind HAProxy.

N Rasa servers (deploy/endpoints.scale.yml: PostgreSQL tracker store, the atomic Redis
lock store) and M action servers, each group behind its own HAProxy backend
(deploy/haproxy.cfg): users talk to one URL, Rasa talks to the action servers through
the balancer. Everything binds 127.0.0.1 on free ports; Ctrl-C stops all of it.

    .venv/bin/python deploy/scale.py                       # N = cores, M = 1
    SCALE_SERVERS=3 SCALE_ACTION_SERVERS=2 SCALE_PORT=8088 .venv/bin/python deploy/scale.py

Environment: SCALE_SERVERS, SCALE_ACTION_SERVERS, SCALE_PORT (balancer port, default a
free one), TRACKER_DB_URL (default postgresql://postgres@127.0.0.1:5432/rasa_scale,
created if missing), LOCK_STORE_URL, LOCK_KEY_PREFIX (see docs/deployment.md).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import settings  # noqa: E402
from eval.servers import (  # noqa: E402
    ActionServer,
    RasaServer,
    free_port,
    stop_process,
    wait_until_up,
)

TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
ENDPOINTS = ROOT / "deploy" / "endpoints.scale.yml"
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/rasa_scale"


def ensure_database(url: str) -> None:
    """CREATE DATABASE if it does not exist (the tracker store needs it to exist)."""
    import psycopg2
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = psycopg2.connect(
        host=u.host,
        port=u.port or 5432,
        user=u.username,
        password=u.password or settings.given("TRACKER_DB_PASSWORD"),
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (u.database,))
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{u.database}"')
    admin.close()


def render(
    port: int, actions_port: int, stats_port: int, rasa_ports: list[int], action_ports: list[int]
) -> str:
    rasa = "\n".join(f"    server rasa{i} 127.0.0.1:{p} check cookie r{i}" for i, p in enumerate(rasa_ports))
    actions = "\n".join(f"    server actions{i} 127.0.0.1:{p} check" for i, p in enumerate(action_ports))
    return (
        TEMPLATE.read_text()
        .replace("@PORT@", str(port))
        .replace("@ACTIONS_PORT@", str(actions_port))
        .replace("@STATS_PORT@", str(stats_port))
        .replace("@RASA_SERVERS@", rasa)
        .replace("@ACTION_SERVERS@", actions)
    )


class ScaleStack:
    """HAProxy + n Rasa servers + m action servers; `url` is the balancer."""

    def __init__(
        self,
        servers: int,
        action_servers: int = 1,
        port: int | None = None,
        db_url: str | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.tmp = tempfile.TemporaryDirectory(prefix="rasa-scale-")
        self.workdir = Path(self.tmp.name)
        self.port, self.actions_port, self.stats_port = port or free_port(), free_port(), free_port()
        self.db_url = db_url or settings.given("TRACKER_DB_URL") or DEFAULT_DB
        self.actions = [ActionServer(self.workdir) for _ in range(action_servers)]
        env = {
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "TRACKER_DB_URL": self.db_url,
            **(env or {}),
        }
        endpoints = ENDPOINTS.read_text(encoding="utf-8")
        self.servers = [RasaServer(self.workdir, endpoints, env=env) for _ in range(servers)]
        self.haproxy: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ScaleStack":
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(haproxy).exists():
            raise RuntimeError("haproxy is not installed (make scale installs the Debian package)")
        ensure_database(self.db_url)
        config = self.workdir / "haproxy.cfg"
        config.write_text(
            render(
                self.port,
                self.actions_port,
                self.stats_port,
                [s.port for s in self.servers],
                [a.port for a in self.actions],
            )
        )
        subprocess.run([haproxy, "-c", "-q", "-f", str(config)], check=True)
        self.haproxy = subprocess.Popen(
            [haproxy, "-db", "-f", str(config)],
            stdout=open(self.workdir / "haproxy.log", "w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for action_server in self.actions:
            action_server.start()
        # Rasa servers start in parallel (each ~10-20 s, mostly imports and TF)
        starters = [threading.Thread(target=s.start, kwargs={"timeout": 300}) for s in self.servers]
        for thread in starters:
            thread.start()
        for thread in starters:
            thread.join()
        if any(s.process is None or s.process.poll() is not None for s in self.servers):
            self.stop()
            raise RuntimeError(f"a Rasa server did not start; logs in {self.workdir}")
        wait_until_up(self.url + "/", 30)
        return self

    def stop(self) -> None:
        for server in self.servers:
            server.stop()
        for action_server in self.actions:
            action_server.stop()
        stop_process(self.haproxy)
        self.haproxy = None

    def __enter__(self) -> "ScaleStack":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.tmp.cleanup()


def main() -> None:
    servers = int(settings.value_of("SCALE_SERVERS") or os.cpu_count() or 2)
    action_servers = settings.integer("SCALE_ACTION_SERVERS", minimum=1)
    port = int(settings.text("SCALE_PORT")) if settings.given("SCALE_PORT") else None
    print(
        f"==> Starting HAProxy, {servers} Rasa server(s), {action_servers} action server(s) "
        f"(PostgreSQL tracker store, Redis lock store)...",
        flush=True,
    )
    stack = ScaleStack(servers, action_servers, port)
    with stack:
        print(
            f"==> Chat: {stack.url}/webhooks/webpage/   REST: {stack.url}/webhooks/rest/webhook", flush=True
        )
        print(
            f"    HAProxy stats: http://127.0.0.1:{stack.stats_port}/   Rasa servers on "
            f"{', '.join(str(s.port) for s in stack.servers)}; logs in {stack.workdir}; "
            f"Ctrl-C stops everything",
            flush=True,
        )
        stopped = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopped.set())
        try:
            while not stopped.is_set():
                if any(s.process is None or s.process.poll() is not None for s in stack.servers):
                    print("error: a Rasa server stopped; see its log", file=sys.stderr)
                    break
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    print("==> stopped", flush=True)


if __name__ == "__main__":
    main()
