"""Stock Rasa's starter bot (`rasa init --no-prompt`), built with the project's venv
(same Rasa version) and served on a free port: the yardstick every bench figure is
divided by, so ratios do not depend on how busy the machine is.

The bot is built once into bench/results/starter/ (gitignored) and reused while
its model exists; `rasa init` trains it (about 2-4 min on 2 cores).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from eval.servers import QUIET_ENV, RASA, free_port, stop_process, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
STARTER = ROOT / "bench" / "results" / "starter"


def build(folder: Path = STARTER, log=print) -> Path:
    """The starter bot's newest model, building the bot first if needed."""
    models = sorted(folder.glob("models/*.tar.gz"))
    if models:
        return models[-1]
    if folder.exists():
        shutil.rmtree(folder)  # a half-built folder: rasa init wants it empty
    folder.mkdir(parents=True)
    log("starter: `rasa init --no-prompt` (trains the starter bot, 2-4 min)")
    t0 = time.perf_counter()
    with open(folder.parent / "starter-init.log", "w") as fh:
        proc = subprocess.run(
            [str(RASA), "init", "--no-prompt", "--init-dir", str(folder)],
            cwd=folder,
            stdout=fh,
            stderr=subprocess.STDOUT,
            env={**os.environ, **QUIET_ENV},
        )
    models = sorted(folder.glob("models/*.tar.gz"))
    if proc.returncode != 0 or not models:
        raise RuntimeError("rasa init failed; see bench/results/starter-init.log")
    log(f"starter: built in {time.perf_counter() - t0:.0f} s")
    return models[-1]


class StarterServer:
    """`rasa run` of the starter bot, as `rasa init` leaves it (in-memory tracker store,
    no action server configured), on 127.0.0.1 and a free port."""

    def __init__(self, model: Path) -> None:
        self.model, self.port, self.process = model, free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "StarterServer":
        folder = self.model.parent.parent
        log = open(folder.parent / f"starter-rasa-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [
                str(RASA),
                "run",
                "--model",
                str(self.model),
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **QUIET_ENV},
            start_new_session=True,
        )
        try:
            wait_until_up(self.url + "/", 180, self.process)
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        stop_process(self.process)
        self.process = None
