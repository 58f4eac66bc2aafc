"""Every environment variable the project reads, in one place: its default, what it
does and who reads it. Python code reads settings through this module (never
os.environ directly); the shell scripts and the Makefile read config/defaults.env,
which is generated from the table below:

    python -m settings --env  > config/defaults.env      # the defaults for scripts
    python -m settings --markdown                         # the table in docs/configuration.md

tests/test_settings.py checks that both files match this table and that every
variable read anywhere (Python, shell, YAML) is in it. Over 400 lines on purpose: the
table is the module, one entry per variable.

A variable set to the empty string counts as unset. Values are read when asked for,
not at import, so a changed environment (a test, a restart) is seen.
"""

from __future__ import annotations

import logging
import os
import string
import sys
from dataclasses import dataclass
from typing import Optional

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    name: str
    default: Optional[str]  # None: unset unless given; may name other settings as ${NAME}
    purpose: str
    readers: str
    # In config/defaults.env as a default for every script. False when the default is
    # worked out elsewhere (a store's config entry in endpoints.yml, the number of
    # cores, other settings at run time) and exporting it would override that.
    exported: bool = True
    shown_default: Optional[str] = None  # how docs show a default worked out elsewhere


def _s(
    name: str,
    default: Optional[str],
    purpose: str,
    readers: str,
    exported: bool = True,
    shown_default: Optional[str] = None,
) -> Setting:
    return Setting(name, default, purpose, readers, exported and default is not None, shown_default)


# Grouped as in docs/configuration.md. Keep each purpose to one line.
SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        # --- where the servers listen -----------------------------------------------------
        _s(
            "RASA_HOST",
            "127.0.0.1",
            "interface Rasa listens on (REST, socket.io, chat page)",
            "scripts/run.sh, deploy/run_scale.sh",
        ),
        _s(
            "RASA_PORT",
            "5005",
            "port of Rasa (run_scale.sh: the first of RASA_SERVERS ports)",
            "scripts/run.sh",
        ),
        _s(
            "ACTIONS_HOST",
            "127.0.0.1",
            "interface the action server listens on (another one only behind a " "firewall)",
            "scripts/run.sh, deploy/run_scale.sh",
        ),
        _s("ACTIONS_PORT", "5055", "port of the action server", "scripts/run.sh"),
        _s(
            "ACTION_SERVER_URL",
            "http://127.0.0.1:${ACTIONS_PORT}/webhook",
            "where Rasa calls the actions: put into a copy of endpoints.yml (which names the default, "
            "port 5055, so a bare `rasa run` works) and `${ACTION_SERVER_URL}` in the scale profile",
            "scripts/run.sh (via eval/servers.py), Rasa (deploy/endpoints.scale.yml), deploy/run_scale.sh, "
            "eval/servers.py",
        ),
        _s(
            "SANIC_HOST",
            "127.0.0.1",
            "interface of an action server started without scripts/run.sh",
            "rasa-sdk (default set by actions/__init__.py)",
            exported=False,
        ),
        _s(
            "RASA_CORS_ORIGIN",
            None,
            "origins (comma-separated) allowed to call Rasa from a browser and to "
            "open a socket.io connection",
            "scripts/run.sh, channels/socketio.py",
            shown_default="http://RASA_HOST:RASA_PORT (run.sh)",
        ),
        _s(
            "ASSISTANT_PUBLIC_URL",
            None,
            "public origin of this server (https://…): Telegram, Slack and "
            "Messenger source lines link to its article reader; unset: no links",
            "channels/render.py",
        ),
        _s("RASA_MODEL", "models/twitching.tar.gz", "the trained model Rasa loads", "scripts/run.sh"),
        _s(
            "RASA_STATE_DIR",
            ".rasa",
            "folder of the effective credentials and endpoints, the tracker " "database and the logs",
            "scripts/run.sh",
        ),
        _s(
            "LOG_DIR",
            "${RASA_STATE_DIR}/logs",
            "folder of the servers' logs",
            "scripts/run.sh, deploy/run_scale.sh",
        ),
        _s("RASA_EXTRA_ARGS", None, "extra arguments for `rasa run` (e.g. `--debug`)", "scripts/run.sh"),
        _s(
            "RASA_SERVERS",
            None,
            "number of Rasa servers of the scale-out profile",
            "deploy/run_scale.sh",
            shown_default="number of cores",
        ),
        _s("ACTION_SERVERS", "1", "number of action servers of the scale-out profile", "deploy/run_scale.sh"),
        _s(
            "PYTHON",
            None,
            "the Python 3.10 interpreter to create .venv with",
            "scripts/find_python.sh",
            shown_default="the first Python 3.10 found",
        ),
        # --- quiet logs (set for every script, make target and test server) ----------------
        _s(
            "SQLALCHEMY_SILENCE_UBER_WARNING",
            "1",
            "no SQLAlchemy 2.0 migration warning on every start",
            "SQLAlchemy",
        ),
        _s(
            "TF_CPP_MIN_LOG_LEVEL",
            "2",
            "no TensorFlow info lines (CUDA, oneDNN) on every start",
            "TensorFlow",
        ),
        _s(
            "RASA_TELEMETRY_ENABLED",
            "false",
            "no telemetry: nothing leaves the machine, no question asked",
            "Rasa",
        ),
        # --- HTTP API -------------------------------------------------------------------------
        _s(
            "RASA_API_TOKEN_FILE",
            None,
            "a file holding the HTTP API token (preferred); set: API on",
            "rasa_patches/api_auth.py, scripts/run.sh, deploy/run_scale.sh",
        ),
        _s(
            "RASA_API_TOKEN",
            None,
            "the HTTP API token itself (also guards the operator report)",
            "rasa_patches/api_auth.py, insights/channel.py, scripts/credentials.py, scripts/run.sh, "
            "deploy/run_scale.sh",
        ),
        # --- input limits ---------------------------------------------------------------------
        _s(
            "MAX_REQUEST_BYTES",
            "65536",
            "largest request body on any route (larger: 413)",
            "channels/limits.py",
        ),
        _s(
            "MAX_METADATA_BYTES",
            "1024",
            "largest `metadata` object of a message (larger: 400)",
            "channels/limits.py",
        ),
        _s("MAX_METADATA_DEPTH", "4", "deepest nesting of `metadata` (deeper: 400)", "channels/limits.py"),
        _s(
            "MAX_MESSAGE_CHARS",
            "2000",
            "messages are cut to this many characters before NLU",
            "channels/rest.py, channels/guard.py",
        ),
        # --- messaging channels (set all required ones to switch a channel on) ----------------
        _s(
            "TELEGRAM_ACCESS_TOKEN",
            None,
            "Telegram bot token (required for Telegram)",
            "scripts/credentials.py",
        ),
        _s(
            "TELEGRAM_VERIFY",
            None,
            "Telegram bot user name (required for Telegram)",
            "scripts/credentials.py",
        ),
        _s("TELEGRAM_WEBHOOK_URL", None, "public HTTPS URL Telegram posts to", "scripts/credentials.py"),
        _s(
            "TELEGRAM_SECRET_TOKEN",
            None,
            "secret Telegram sends in each request (generated if unset)",
            "scripts/credentials.py",
        ),
        _s("SLACK_TOKEN", None, "Slack bot token (required for Slack)", "scripts/credentials.py"),
        _s(
            "SLACK_SIGNING_SECRET",
            None,
            "Slack signing secret (required for Slack)",
            "scripts/credentials.py",
        ),
        _s(
            "SLACK_CHANNEL",
            None,
            "Slack channel to answer in when not the sender's",
            "scripts/credentials.py",
        ),
        _s(
            "FACEBOOK_VERIFY",
            None,
            "Messenger webhook verify token (required for Messenger)",
            "scripts/credentials.py",
        ),
        _s(
            "FACEBOOK_SECRET",
            None,
            "Messenger app secret, checks request signatures (required)",
            "scripts/credentials.py",
        ),
        _s(
            "FACEBOOK_PAGE_ACCESS_TOKEN",
            None,
            "Messenger page access token (required)",
            "scripts/credentials.py",
        ),
        _s("FACEBOOK_API_TIMEOUT", "10", "seconds a Graph API call may take", "channels/facebook.py"),
        # --- tracker store ---------------------------------------------------------------------
        _s(
            "TRACKER_DB",
            ".rasa/tracker.db",
            "SQLite file of the conversations (when TRACKER_DB_URL is unset)",
            "stores/tracker_store.py, scripts/run.sh",
            exported=False,
            shown_default="`db:` in endpoints.yml (.rasa/tracker.db); run.sh: RASA_STATE_DIR/tracker.db",
        ),
        _s(
            "TRACKER_DB_URL",
            None,
            "SQLAlchemy URL of the conversation database, e.g. PostgreSQL",
            "stores/tracker_store.py, insights/store.py, deploy/run_scale.sh",
        ),
        _s(
            "TRACKER_DB_PASSWORD",
            None,
            "password of TRACKER_DB_URL (kept out of the URL)",
            "stores/tracker_store.py, insights/store.py",
        ),
        _s(
            "TRACKER_MAX_EVENTS",
            "100",
            "most events of the current session loaded per message (0: all)",
            "stores/tracker_store.py",
            exported=False,
            shown_default="`max_events:` in endpoints.yml, else 100",
        ),
        _s(
            "TRACKER_RETENTION_DAYS",
            "30",
            "conversations idle longer are deleted at start and by " "`make prune` (0: keep)",
            "stores/tracker_store.py, insights/store.py, scripts/prune.py",
        ),
        _s(
            "TRACKER_SQLITE_SYNCHRONOUS",
            "NORMAL",
            "SQLite sync mode: NORMAL (WAL; an OS crash can lose the last "
            "commits) or FULL (fsync every commit)",
            "stores/sqlite_tuning.py",
            exported=False,
        ),
        _s(
            "ACTION_EVENT_USER_TURNS",
            "2",
            "user turns of events sent with each action call (0: every event, " "as stock Rasa)",
            "rasa_patches/action_payload.py",
            exported=False,
        ),
        # --- lock store (scale-out) ------------------------------------------------------------
        _s(
            "LOCK_STORE_URL",
            "redis://127.0.0.1:6379/1",
            "Redis of the atomic lock store",
            "stores/lock_store.py",
            exported=False,
            shown_default="`url:` in endpoints, else redis://127.0.0.1:6379/1",
        ),
        _s("LOCK_STORE_PASSWORD", None, "password of the lock store's Redis", "stores/lock_store.py"),
        _s(
            "LOCK_KEY_PREFIX",
            "rasa",
            "prefix of the lock keys (several assistants on one Redis)",
            "stores/lock_store.py",
            exported=False,
            shown_default="`key_prefix:` in endpoints, else rasa",
        ),
        _s(
            "LOCK_LEASE_SECONDS",
            "10",
            "a lock's lease, renewed while its message is handled",
            "stores/lock_store.py",
            exported=False,
            shown_default="`lease_seconds:` in endpoints, else 10",
        ),
        _s(
            "LOCK_MAX_WAIT",
            "60",
            "seconds a message waits for its conversation's lock",
            "stores/lock_store.py",
            exported=False,
            shown_default="`max_wait_seconds:` in endpoints, else 60",
        ),
        # --- operator insights -----------------------------------------------------------------
        _s(
            "EVENT_BROKER_URL",
            None,
            "RabbitMQ URL; set: Rasa publishes its events for the operator report",
            "insights/broker.py, scripts/run.sh, deploy/run_scale.sh",
        ),
        _s(
            "EVENT_BROKER_PASSWORD",
            None,
            "password of EVENT_BROKER_URL (unset: the URL's, else guest)",
            "insights/broker.py",
        ),
        _s("EVENT_BROKER_QUEUE", "rasa_events", "queue of the events", "insights/broker.py"),
        _s("EVENT_BROKER_EXCHANGE", "rasa-exchange", "exchange of the events", "insights/broker.py"),
        _s(
            "EVENT_BROKER_CONNECT_ATTEMPTS",
            "5",
            "connection attempts before the broker gives up",
            "insights/broker.py",
        ),
        _s(
            "INSIGHTS_DB",
            ".rasa/insights.db",
            "SQLite file of the analytics table (no database URL set)",
            "insights/store.py",
        ),
        _s(
            "INSIGHTS_DB_URL",
            None,
            "SQLAlchemy URL of the analytics table (default: TRACKER_DB_URL)",
            "insights/store.py",
        ),
        _s("INSIGHTS_DB_PASSWORD", None, "password of INSIGHTS_DB_URL", "insights/store.py"),
        _s(
            "INSIGHTS_RETENTION_DAYS",
            None,
            "analytics rows older are deleted (consumer: at start, then hourly; 0: keep)",
            "insights/store.py",
            shown_default="TRACKER_RETENTION_DAYS",
        ),
        _s(
            "INSIGHTS_SALT",
            None,
            "secret mixed into the hashed sender ids of the report",
            "insights/store.py",
        ),
        # --- scale-out profile and benchmarks ---------------------------------------------------
        _s(
            "SCALE_SERVERS",
            None,
            "Rasa servers behind HAProxy in `make scale`",
            "deploy/scale.py",
            shown_default="the number of cores",
        ),
        _s(
            "SCALE_ACTION_SERVERS",
            "1",
            "action servers behind HAProxy in `make scale`",
            "deploy/scale.py",
            exported=False,
        ),
        _s(
            "SCALE_PORT",
            None,
            "HAProxy's port in `make scale`",
            "deploy/scale.py",
            shown_default="a free port",
        ),
        _s(
            "BENCH_PG_URL",
            "postgresql://postgres@127.0.0.1:5432",
            "PostgreSQL server the benchmarks fill " "and drop their own databases on",
            "bench/history.py, bench/scale_bench.py",
            exported=False,
        ),
        # --- tests ------------------------------------------------------------------------------
        _s(
            "SCALE_STOCK_PAIRS",
            "30",
            "conversation pairs the scale test sends to stock Rasa's stores",
            "tests/test_scale.py",
            exported=False,
        ),
        _s(
            "FAKE_API_URL",
            None,
            "the local fake Telegram/Slack/Graph API a channel test's Rasa talks to",
            "tests/fake_api_site/sitecustomize.py (set by tests/fake_api.py)",
        ),
    ]
}

QUIET = ("SQLALCHEMY_SILENCE_UBER_WARNING", "TF_CPP_MIN_LOG_LEVEL", "RASA_TELEMETRY_ENABLED")


def _setting(name: str) -> Setting:
    try:
        return SETTINGS[name]
    except KeyError:
        raise KeyError(
            f"{name} is not a setting: add it to settings.py (and docs/configuration.md)"
        ) from None


def given(name: str) -> Optional[str]:
    """The value set in the environment, or None (empty counts as unset)."""
    _setting(name)
    return os.environ.get(name) or None


def default(name: str) -> Optional[str]:
    """The default, with any ${OTHER} setting in it filled in."""
    value = _setting(name).default
    if value is None or "${" not in value:
        return value
    names = [n for n in SETTINGS if "${" + n + "}" in value]
    return string.Template(value).safe_substitute({n: value_of(n) or "" for n in names})


def value_of(name: str) -> Optional[str]:
    """The value set in the environment, else the default, else None."""
    return given(name) or default(name)


def text(name: str) -> str:
    return value_of(name) or ""


def items(name: str) -> list[str]:
    """A comma-separated setting as a list, blanks dropped."""
    return [item.strip() for item in text(name).split(",") if item.strip()]


def integer(name: str, minimum: int = 0) -> int:
    """An integer setting; a value that is not a number is logged and the default used."""
    return int(_number(name, int, minimum))


def number(name: str, minimum: float = 0.0) -> float:
    return float(_number(name, float, minimum))


def _number(name: str, kind: type, minimum: float) -> float:
    fallback = kind(default(name) or 0)
    raw = given(name)
    if raw is None:
        return max(minimum, fallback)
    try:
        return max(minimum, kind(raw))
    except ValueError:
        logger.warning("%s=%r is not a number; using %s", name, raw, fallback)
        return max(minimum, fallback)


def quiet_env() -> dict[str, str]:
    """The log-silencing variables, for servers started as subprocesses."""
    return {name: text(name) for name in QUIET}


# --- the generated files -------------------------------------------------------------


def env_file() -> str:
    lines = [
        "# Defaults of the settings that scripts and the Makefile export. Generated from",
        "# settings.py (`python -m settings --env > config/defaults.env`); edit that table.",
        "# NAME=value, no quotes, no spaces; ${NAME} refers to a setting above it.",
        "# A value already in the environment wins. Every variable: docs/configuration.md.",
        "",
    ]
    lines += [f"{s.name}={s.default}" for s in SETTINGS.values() if s.exported]
    return "\n".join(lines) + "\n"


def markdown_table() -> str:
    rows = ["| Variable | Default | What it does | Read by |", "|---|---|---|---|"]
    for s in SETTINGS.values():
        shown = s.shown_default or (f"`{s.default}`" if s.default is not None else "unset")
        rows.append(f"| `{s.name}` | {shown} | {s.purpose} | {s.readers} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--env"]:
        sys.stdout.write(env_file())
    elif sys.argv[1:] == ["--markdown"]:
        sys.stdout.write(markdown_table())
    else:
        sys.exit("usage: python -m settings --env | --markdown")
