"""The project's stack as the harness starts it (action server + `rasa run` with the
project's endpoints and credentials), on free 127.0.0.1 ports, with the tracker store
chosen by environment: a private SQLite file (default) or TRACKER_DB_URL."""

from __future__ import annotations

import tempfile
from pathlib import Path

from eval.servers import ActionServer, RasaServer, default_endpoints, post_json

WARM_UP = ("hi", "what causes twitching in sleep?", "thanks")


def warm_up(url: str, sender: str = "bench-warm-up") -> None:
    """A few messages first: the first message of a process loads lazy parts (TF graph,
    the action server's index), which is start-up, not per-message cost."""
    for message in WARM_UP:
        post_json(url + "/webhooks/rest/webhook", {"sender": sender, "message": message}, 60)


class OurStack:
    def __init__(self, env: dict[str, str] | None = None, sqlite: Path | None = None) -> None:
        self.tmp = tempfile.TemporaryDirectory(prefix="rasa-bench-")
        workdir = Path(self.tmp.name)
        self.actions = ActionServer(workdir)
        self.rasa = RasaServer(
            workdir, default_endpoints(self.actions.url, sqlite or workdir / "tracker.db"), env=env
        )

    @property
    def url(self) -> str:
        return self.rasa.url

    def __enter__(self) -> "OurStack":
        try:
            self.actions.start()
            self.rasa.start(timeout=300)
            warm_up(self.url)
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.rasa.stop()
        self.actions.stop()
        self.tmp.cleanup()
