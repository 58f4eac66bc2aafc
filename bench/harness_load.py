"""Run the harness's own load command (eval/harness.py load) against a URL and read
its three printed lines back as numbers, so every bench figure is the harness's."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "eval" / "harness.py"

_PATTERNS = {
    "messages": r"messages=(\d+)",
    "errors": r"errors=(\d+)",
    "msg_s": r"throughput ([\d.]+) msg/s",
    "get_p50": r"bare GET p50 ([\d.]+) ms",
    "p50": r"load: p50 ([\d.]+) ms",
    "p95": r"p95 ([\d.]+) ms",
    "p99": r"p99 ([\d.]+) ms",
}


def parse(output: str) -> dict[str, float]:
    figures = {}
    for key, pattern in _PATTERNS.items():
        match = re.search(pattern, output)
        if match:
            figures[key] = float(match.group(1))
    return figures


def harness_load(url: str, users: int, turns: int, timeout: float = 900) -> dict[str, float]:
    """`python3 eval/harness.py load --url URL --users N --turns M`, as the issue runs it
    (with --url: the stack is already up on free ports, not on 5005/5055)."""
    cmd = [sys.executable, str(HARNESS), "load", "--url", url, "--users", str(users), "--turns", str(turns)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"harness failed ({proc.returncode}): {proc.stderr[-2000:]}")
    figures = parse(proc.stdout)
    if "p50" not in figures:
        raise RuntimeError(f"unexpected harness output: {proc.stdout!r}")
    return figures
