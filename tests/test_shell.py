"""`rasa shell` (what `make shell` runs) driven like a person at a terminal, against
the real action server on a free port."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from eval.servers import MODEL, PYTHON, QUIET_ENV, ROOT, ActionServer, default_endpoints, free_port

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`"),
]

# The input prompt is drawn completely (cursor shown again) only when it is ready
# to take keys; typing earlier can be lost.
READY = re.compile(r"Your input ->[^\n]*?\x1b\[\?25h")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
DOWN, ENTER = "\x1b[B", "\r"
WAIT = 180  # upper bound for start-up and each reply, not a speed assertion


@pytest.fixture(scope="module")
def shell():
    pexpect = pytest.importorskip("pexpect")
    workdir = Path(tempfile.mkdtemp(prefix="rasa-shell-"))
    actions = ActionServer(workdir).start()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(default_endpoints(actions.url, workdir / "tracker.db"))
    # as `make shell` starts it (scripts/run.sh): stderr through the warnings filter
    child = pexpect.spawn(
        "bash",
        [
            "-c",
            'exec "$0" "$@" 2> >(awk -f scripts/quiet_warnings.awk >&2)',
            str(PYTHON),
            "-m",
            "rasa_patches",
            "shell",
            "--model",
            str(MODEL),
            "--endpoints",
            str(endpoints),
            "--interface",
            "127.0.0.1",
            "--port",
            str(free_port()),
        ],
        cwd=str(ROOT),
        env={**os.environ, **QUIET_ENV, "TERM": "dumb"},
        encoding="utf-8",
        timeout=WAIT,
        dimensions=(50, 80),
    )  # a usual terminal's width
    child.logfile_read = open(workdir / "shell.log", "w", encoding="utf-8")
    try:
        child.expect("Bot loaded")
        child.startup = ANSI.sub("", child.before)  # everything before the first prompt
        yield child
    finally:
        if child.isalive():
            child.send("/stop" + ENTER)
            try:  # rasa shell ends the chat on /stop but its server may linger
                child.expect(pexpect.EOF, timeout=5)
            except pexpect.TIMEOUT:
                child.terminate(force=True)
        child.close()
        actions.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def say(child, text: str, until: str) -> str:
    child.expect(READY)
    child.send(text + ENTER)
    child.expect(until)
    return ANSI.sub("", child.before + child.after)


def test_no_warnings_before_the_first_prompt(shell):
    assert "Warning" not in shell.startup, shell.startup[-2000:]
    assert "tensorflow" not in shell.startup.lower()


def test_shell_conversation_with_a_button_chosen_by_number(shell):
    greeting = say(shell, "hello", r"\(Use arrow keys\)")
    assert "What would you like to know?" in greeting  # the disclaimer comes with the first fact
    # the greeting's topics are offered as a numbered menu
    shell.expect(r"Type out your own message")
    menu = ANSI.sub("", shell.before)
    for line in (
        "1: Causes (/ask_causes)",
        "2: When to see a doctor (/ask_doctor)",
        "4: Relief methods (/ask_relief)",
    ):
        assert line in menu

    shell.send(DOWN)  # from choice 1 to choice 2 ...
    shell.send(ENTER)  # ... and pick it: "2: When to see a doctor"
    # the doctor answer, whole, before its menu (a menu's title is cut at the width)
    shell.expect(r"\(Use arrow keys\)")
    answer = " ".join(ANSI.sub("", shell.before).split())
    assert "2: When to see a doctor" in answer  # the choice, echoed
    assert "Differential diagnosis" in answer and "reflex-inhibiting" in answer
    assert "please ask a doctor." in answer  # the disclaimer, the answer's last words
