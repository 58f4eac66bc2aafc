"""The answer-set check, as the harness does it: every `expect` regex must match the
reply (case-insensitive, across lines), no `forbid` regex may. One place for the
runners (eval/run.py over REST, eval/offline.py in process)."""

from __future__ import annotations

import re


def turn_failures(index: int, turn: dict, text: str) -> list[str]:
    fails = [
        f"turn {index}: missing /{rx}/ in {text[:400]!r}"
        for rx in turn.get("expect", [])
        if not re.search(rx, text, re.I | re.S)
    ]
    fails += [
        f"turn {index}: forbidden /{rx}/ in {text[:400]!r}"
        for rx in turn.get("forbid", [])
        if re.search(rx, text, re.I | re.S)
    ]
    return fails
