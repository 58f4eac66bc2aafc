#!/usr/bin/env python3
"""Write the effective credentials file: credentials.yml plus every messaging channel
whose environment variables are set.

    python scripts/credentials.py OUT.yml [--base credentials.yml]

Rasa refuses to start when credentials.yml names an unset ${VARIABLE}, so the
optional channels are not written there. A channel is on when all its required
variables are set; setting only some of them is an error (exit 2), so a typo does
not silently leave a channel off. Prints the enabled channels to stderr.

The file holds bot tokens and signing secrets, so it is written 0600 (its folder
0700). Telegram gets a webhook secret token: TELEGRAM_SECRET_TOKEN if set, else one
generated once per deployment and kept beside the output file
(`telegram_secret_token`, 0600), so a restart keeps the secret Telegram knows.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# channel key in credentials.yml -> {credential key: (variable, required)}
CHANNELS: dict[str, tuple[str, dict[str, tuple[str, bool]]]] = {
    "telegram": (
        "channels.telegram.TelegramInput",
        {
            "access_token": ("TELEGRAM_ACCESS_TOKEN", True),
            "verify": ("TELEGRAM_VERIFY", True),
            "webhook_url": ("TELEGRAM_WEBHOOK_URL", False),
        },
    ),
    "slack": (
        "channels.slack.SlackInput",
        {
            "slack_token": ("SLACK_TOKEN", True),
            "slack_signing_secret": ("SLACK_SIGNING_SECRET", True),
            "slack_channel": ("SLACK_CHANNEL", False),
        },
    ),
    "facebook": (
        "channels.facebook.FacebookInput",
        {
            "verify": ("FACEBOOK_VERIFY", True),
            "secret": ("FACEBOOK_SECRET", True),
            "page-access-token": ("FACEBOOK_PAGE_ACCESS_TOKEN", True),
        },
    ),
}


TELEGRAM_KEY = "channels.telegram.TelegramInput"
TELEGRAM_SECRET_FILE = "telegram_secret_token"
# Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret token.
TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, in a folder only its owner can enter."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode otherwise
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def telegram_secret(env: os._Environ | dict, folder: Path) -> str:
    given = env.get("TELEGRAM_SECRET_TOKEN")
    if given:
        if not TELEGRAM_SECRET.fullmatch(given):
            raise SystemExit("error: TELEGRAM_SECRET_TOKEN must be 1-256 characters " "A-Z, a-z, 0-9, _ or -")
        return given
    path = folder / TELEGRAM_SECRET_FILE
    if path.exists() and TELEGRAM_SECRET.fullmatch(path.read_text(encoding="utf-8").strip()):
        return path.read_text(encoding="utf-8").strip()
    secret = secrets.token_urlsafe(32)  # 43 characters of the allowed alphabet
    write_private(path, secret + "\n")
    return secret


def effective(base: dict, env: os._Environ | dict) -> tuple[dict, list[str]]:
    credentials = dict(base or {})
    enabled: list[str] = []
    problems: list[str] = []
    for name, (key, fields) in CHANNELS.items():
        required = [var for var, needed in fields.values() if needed]
        present = [var for var in required if env.get(var)]
        if not present:
            continue
        if len(present) < len(required):
            missing = sorted(set(required) - set(present))
            problems.append(f"{name}: set {', '.join(missing)} too (or unset " f"{', '.join(present)})")
            continue
        credentials[key] = {field: env[var] for field, (var, _) in fields.items() if env.get(var)}
        enabled.append(name)
    if env.get("RASA_API_TOKEN"):  # the operator report, behind the same token (docs/insights.md)
        credentials["insights.channel.ReportInput"] = None
        enabled.append("insights report")
    if problems:
        raise SystemExit("error: incomplete channel settings:\n  " + "\n  ".join(problems))
    return credentials, enabled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--base", type=Path, default=ROOT / "credentials.yml")
    args = parser.parse_args(argv)
    base = yaml.safe_load(args.base.read_text(encoding="utf-8")) or {}
    try:
        credentials, enabled = effective(base, os.environ)
        if TELEGRAM_KEY in credentials:
            credentials[TELEGRAM_KEY]["secret_token"] = telegram_secret(os.environ, args.out.parent)
    except SystemExit as error:
        print(error, file=sys.stderr)
        return 2
    write_private(
        args.out,
        "# Generated by scripts/credentials.py; edit credentials.yml.\n"
        + yaml.safe_dump(credentials, sort_keys=False),
    )
    always = ", ".join(base)
    print(f"channels: {always}" + "".join(f", {name}" for name in enabled), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
