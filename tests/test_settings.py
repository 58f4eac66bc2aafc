"""Configuration in one place: every environment variable read anywhere (Python, shell
scripts, Rasa's YAML files) is a setting of settings.py and documented once in
docs/configuration.md; config/defaults.env is the table's defaults, and the scripts'
loader gives the same values as the Python module."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import settings
from eval.servers import ROOT

PYTHON_READS = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\.setdefault|environ\.pop)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ\[["']([A-Z][A-Z0-9_]*)["']\]"""
    r"""|(?:settings|config)\.(?:given|text|items|integer|number|value_of|default)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|_setting\(\s*["']([A-Z][A-Z0-9_]*)["']"""
)
SHELL_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]*)(?::?[-?=+])")
YAML_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
# Not settings of the project: set by the system or for a child process only.
NOT_SETTINGS = {"PYTHONPATH", "PATH", "HOME", "TERM"}


def tracked(*patterns: str) -> list:
    out = subprocess.run(
        ["git", "ls-files", *patterns], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    skip = {"eval/harness.py", "tests/test_settings.py"}  # a verbatim copy; this file
    return [ROOT / name for name in out if name not in skip]


def names_read() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in tracked("*.py"):
        for match in PYTHON_READS.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(next(filter(None, match.groups())), set()).add(str(path.relative_to(ROOT)))
    for path in tracked("*.sh"):
        for match in SHELL_READS.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), set()).add(str(path.relative_to(ROOT)))
    for path in tracked("*.yml"):
        if path.parts[-2] in ("data", "nlu", "stories", "safety", "eval"):
            continue
        text = re.sub(r"(^|\s)#.*", "", path.read_text(encoding="utf-8"))  # not in comments
        for match in YAML_READS.finditer(text):
            found.setdefault(match.group(1), set()).add(str(path.relative_to(ROOT)))
    return {name: where for name, where in found.items() if name not in NOT_SETTINGS}


def test_the_scan_finds_reads_in_every_kind_of_file():
    found = names_read()
    assert {"MAX_REQUEST_BYTES", "TRACKER_DB_URL", "LOCK_STORE_URL"} <= set(found)  # Python
    assert "RASA_CORS_ORIGIN" in found and "scripts/run.sh" in found["RASA_CORS_ORIGIN"]  # shell
    assert "deploy/endpoints.scale.yml" in found["ACTION_SERVER_URL"]  # YAML


def test_every_variable_read_anywhere_is_a_setting_and_documented():
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    unknown = {name: sorted(where) for name, where in names_read().items() if name not in settings.SETTINGS}
    assert not unknown, f"add these to settings.py: {unknown}"
    undocumented = [name for name in settings.SETTINGS if f"| `{name}` |" not in doc]
    assert not undocumented, undocumented


def test_the_messaging_channels_variables_are_settings():
    from scripts.credentials import CHANNELS

    names = {var for _, fields in CHANNELS.values() for var, _ in fields.values()}
    assert names and names <= set(settings.SETTINGS), names - set(settings.SETTINGS)


def test_python_reads_the_environment_only_through_settings():
    direct = [
        str(path.relative_to(ROOT))
        for path in tracked("*.py")
        if path.name != "settings.py"
        and not path.is_relative_to(ROOT / "tests")
        and re.search(
            r"os\.environ\.get\(|os\.getenv\(|os\.environ\[[\"'][A-Z_]+[\"']\](?!\s*=)",
            path.read_text(encoding="utf-8"),
        )
    ]
    assert not direct, direct


def test_the_generated_files_match_the_table():
    assert (ROOT / "config" / "defaults.env").read_text(
        encoding="utf-8"
    ) == settings.env_file(), "run: python -m settings --env > config/defaults.env"
    assert settings.markdown_table() in (ROOT / "docs" / "configuration.md").read_text(
        encoding="utf-8"
    ), "paste `python -m settings --markdown` into docs/configuration.md"
    for setting in settings.SETTINGS.values():
        assert setting.purpose and "\n" not in setting.purpose
        if setting.exported:  # the Makefile and the loader split on spaces and '='
            assert " " not in setting.default and "=" not in setting.default, setting


def test_the_scripts_loader_gives_the_python_defaults_and_keeps_given_values():
    env = {"PATH": os.environ["PATH"], "ACTIONS_PORT": "6123", "RASA_STATE_DIR": "state"}
    exported = [s.name for s in settings.SETTINGS.values() if s.exported]
    show = "; ".join(f'echo "{name}=${{{name}-}}"' for name in exported)
    out = subprocess.run(
        ["bash", "-c", f"set -euo pipefail; source scripts/settings.sh; {show}; env"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = out.splitlines()
    shell = dict(line.split("=", 1) for line in lines[: len(exported)])
    environment = dict(line.split("=", 1) for line in lines[len(exported) :] if "=" in line)
    with pytest.MonkeyPatch.context() as patch:
        for name in settings.SETTINGS:
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        python = {name: settings.value_of(name) for name in exported}
    assert {name: shell.get(name) for name in exported} == python
    assert shell["ACTION_SERVER_URL"] == "http://127.0.0.1:6123/webhook"
    assert shell["LOG_DIR"] == "state/logs" and shell["ACTIONS_PORT"] == "6123"
    # built defaults stay in the script: a child given another port builds its own
    assert "ACTION_SERVER_URL" not in environment and environment["RASA_PORT"] == "5005"


def test_typed_settings_fall_back_to_the_default_on_a_bad_value(monkeypatch):
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "lots")
    assert settings.integer("MAX_MESSAGE_CHARS", minimum=1) == 2000
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "0")
    assert settings.integer("MAX_MESSAGE_CHARS", minimum=1) == 1
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "")  # empty is unset
    assert settings.integer("MAX_MESSAGE_CHARS") == 2000
    with pytest.raises(KeyError, match="not a setting"):
        settings.text("NO_SUCH_SETTING")


def test_endpoints_load_in_rasa_with_no_environment_set():
    """The evaluation harness starts `rasa run` in the project with endpoints.yml as it
    is and nothing of config/defaults.env exported: Rasa must read it without any
    variable (an unset ${VAR} is a RasaException at start-up) and find the action
    server on its default port."""
    script = (
        "from rasa.core.utils import AvailableEndpoints;"
        "e = AvailableEndpoints.read_endpoints('endpoints.yml');"
        "print(e.action.url)"
    )
    env = {k: v for k, v in os.environ.items() if k != "ACTION_SERVER_URL"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("http://127.0.0.1:5055/webhook")
