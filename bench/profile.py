#!/usr/bin/env python3
"""Where a message's CPU goes: py-spy samples of the Rasa server and the action server
while the harness load runs, split into parts and divided by the messages sent.

    .venv/bin/python bench/profile.py                  # 1 user x 120 turns, then 20 x 30
    .venv/bin/python bench/profile.py --loads 1x120 --rate 200

Each sample (a stack of one thread that was not waiting in the event loop; py-spy
samples wall time, so a busy machine inflates every part alike) goes to the part of
its innermost frame that matches a pattern below, so JSON work inside the tracker
store counts as tracker store, and a logging call anywhere counts as logging. The
table gives sample ms per message (samples / rate / messages); the last column
splits the process's measured CPU time (/proc, utime + stime) per message by the
same shares. The raw py-spy files and the table go to bench/results/profile/.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness_load import harness_load  # noqa: E402
from bench.stack import OurStack  # noqa: E402

PY_SPY = ROOT / ".venv" / "bin" / "py-spy"
OUT = ROOT / "bench" / "results" / "profile"

# part -> substrings of a frame ("function (file:line)"); the innermost match wins
IDLE = "serve (sanic/server/runners.py"  # innermost Python frame while uvloop waits
RASA_PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("logging", ("logging/__init__.py", "structlog")),
    # the tracker store is synchronous: its commit (fsync) blocks the event loop
    ("tracker store commit (fsync wait)", ("do_commit (",)),
    ("tracker store load/save (SQL, JSON, replay)", ("tracker_store.py",)),
    ("lock store", ("lock_store.py", "rasa/core/lock.py")),
    ("NLU (spaCy, featurizers, DIET)", ("rasa/nlu/", "spacy/", "parse_message")),
    (
        "policy (RulePolicy, featurization)",
        ("rasa/core/policies/", "_predict_next_with_tracker", "predict_next_with_tracker_if_should"),
    ),
    (
        "action round trip (serialise, HTTP, validate)",
        ("rasa/core/actions/action.py", "rasa/utils/endpoints.py", "jsonschema"),
    ),
    (
        "HTTP + channel (Sanic, REST)",
        ("sanic/", "rest_channel.py", "rasa/core/channels/", "httptools", "rasa/server.py"),
    ),
]
ACTION_PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("logging", ("logging/__init__.py",)),
    ("safety signal (learned, sklearn)", ("actions/safety_model.py",)),
    ("safety rules", ("actions/safety/", "plain_emergencies.py")),
    ("fact scoring (selection, retrieval)", ("actions/selection.py", "actions/retrieval.py")),
    ("rest of the dialogue (actions/)", ("actions/",)),
    ("rasa_sdk (parse request, tracker, reply)", ("rasa_sdk/",)),
    ("HTTP (Sanic)", ("sanic/", "httptools")),
]


def classify(stack: list[str], parts: list[tuple[str, tuple[str, ...]]]) -> str:
    for frame in reversed(stack):
        for name, patterns in parts:
            if any(p in frame for p in patterns):
                return name
    return (
        "other (Rasa core: processor, tracker replay, event loop)"
        if parts is RASA_PARTS
        else "other (event loop, imports)"
    )


def read_raw(path: Path) -> Counter:
    """py-spy --format raw: 'frame;frame;...;frame COUNT' per line, outermost first."""
    counts: Counter = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            counts[stack] += int(count)
    return counts


def split(counts: Counter, parts: list[tuple[str, tuple[str, ...]]]) -> Counter:
    by_part: Counter = Counter()
    for stack, n in counts.items():
        frames = stack.split(";")
        if frames and frames[-1].startswith(IDLE):
            continue  # waiting for a request: not this message's cost
        by_part[classify(frames, parts)] += n
    return by_part


def record(pid: int, out: Path, rate: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(PY_SPY),
            "record",
            "--pid",
            str(pid),
            "--rate",
            str(rate),
            "--format",
            "raw",
            "--output",
            str(out),
            "--nonblocking",
        ],
        # nonblocking: the servers are not paused per sample
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads) from /proc: what it
    really used, whatever else runs on the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def table(title: str, by_part: Counter, rate: int, messages: int, cpu_ms: float) -> str:
    """Each part's share of the samples, and that share of the process's measured CPU
    time per message (py-spy samples wall time: on a busy machine a running thread
    also collects samples while it waits for a core)."""
    total = sum(by_part.values())
    lines = [f"| {title} | samples ms / message | share | CPU ms / message |", "|---|---:|---:|---:|"]
    for name, n in by_part.most_common():
        lines.append(
            f"| {name} | {n / rate * 1000 / messages:.2f} | {100 * n / total:.0f} % | "
            f"{cpu_ms * n / total:.2f} |"
        )
    lines.append(f"| **total** | **{total / rate * 1000 / messages:.2f}** | 100 % | **{cpu_ms:.2f}** |")
    return "\n".join(lines)


def profile_load(users: int, turns: int, rate: int) -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    tag = f"{users}x{turns}"
    with OurStack() as stack:
        files = {"rasa": OUT / f"rasa-{tag}.txt", "actions": OUT / f"actions-{tag}.txt"}
        spies = [
            record(stack.rasa.process.pid, files["rasa"], rate),
            record(stack.actions.process.pid, files["actions"], rate),
        ]
        time.sleep(1.5)  # py-spy attaches
        load_before = os.getloadavg()[0]
        pids = {"rasa": stack.rasa.process.pid, "actions": stack.actions.process.pid}
        cpu0 = {k: cpu_seconds(p) for k, p in pids.items()}
        figures = harness_load(stack.url, users, turns)
        cpu = {k: cpu_seconds(p) - cpu0[k] for k, p in pids.items()}
        for spy in spies:
            stop(spy)
    messages = int(figures["messages"])
    head = (
        f"### {users} user(s) x {turns} turns: {messages} messages, p50 {figures['p50']:.1f} ms, "
        f"p95 {figures['p95']:.1f} ms, {figures['msg_s']:.1f} msg/s (under py-spy, "
        f"{rate} Hz); load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    return "\n\n".join(
        [
            head,
            table(
                "Rasa server",
                split(read_raw(files["rasa"]), RASA_PARTS),
                rate,
                messages,
                cpu["rasa"] * 1000 / messages,
            ),
            table(
                "Action server",
                split(read_raw(files["actions"]), ACTION_PARTS),
                rate,
                messages,
                cpu["actions"] * 1000 / messages,
            ),
        ]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--loads", default="1x120,20x30", help="USERSxTURNS, comma-separated")
    ap.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    args = ap.parse_args()
    sections = []
    for load in args.loads.split(","):
        users, turns = (int(x) for x in load.split("x"))
        print(f"[profile] {users} user(s) x {turns} turns under py-spy", flush=True)
        sections.append(profile_load(users, turns, args.rate))
        print(sections[-1] + "\n", flush=True)
    (OUT / "latest.md").write_text("\n\n".join(sections) + "\n")
    print(f"wrote {(OUT / 'latest.md').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
