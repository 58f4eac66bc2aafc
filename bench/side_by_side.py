#!/usr/bin/env python3
"""Our assistant and stock Rasa's starter bot under the same harness loads, in one run.

    .venv/bin/python bench/side_by_side.py             # 3 rounds (~10 min + starter build)
    .venv/bin/python bench/side_by_side.py --rounds 1

Both servers are up at the same time (ours: action server + `rasa run` with the
project's endpoints, a fresh SQLite store; the starter as `rasa init` leaves it) and
the loads alternate, ours then the starter's, round after round, so both see the same
background load. Each load is the harness's own command (`eval/harness.py load`):
1 user x 120 turns and 20 users x 30 turns. Medians over the rounds, each with its
ratio to the starter's, and the issue's targets. Written to bench/results/side_by_side.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness_load import harness_load  # noqa: E402
from bench.stack import OurStack, warm_up  # noqa: E402
from bench.starter import StarterServer, build  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LOADS = {"1 user x 120 turns": (1, 120), "20 users x 30 turns": (20, 30)}
# (load, figure, label, target text, check(value, ratio to the starter))
ROWS = [
    (
        "1 user x 120 turns",
        "p50",
        "1 user: p50 (ms)",
        "≤ 20 ms and ≤ 0.8× starter",
        lambda v, r: v <= 20 and r <= 0.8,
    ),
    ("1 user x 120 turns", "p95", "1 user: p95 (ms)", "≤ 40 ms", lambda v, r: v <= 40),
    (
        "20 users x 30 turns",
        "msg_s",
        "20 users: throughput (msg/s)",
        "≥ 80 and ≥ 2× starter",
        lambda v, r: v >= 80 and r >= 2,
    ),
    ("20 users x 30 turns", "p95", "20 users: p95 (ms)", "≤ 300 ms", lambda v, r: v <= 300),
    ("20 users x 30 turns", "errors", "20 users: errors", "0", lambda v, r: v == 0),
    ("1 user x 120 turns", "get_p50", "bare GET / p50, the HTTP floor (ms)", "", None),
]


def log(message: str) -> None:
    print(f"[side-by-side {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_rounds(rounds: int, starter_model: Path) -> dict[str, dict[str, list[dict]]]:
    runs: dict[str, dict[str, list[dict]]] = {"ours": {}, "starter": {}}
    with OurStack() as ours, StarterServer(starter_model) as starter:
        warm_up(starter.url)
        urls = {"ours": ours.url, "starter": starter.url}
        for r in range(1, rounds + 1):
            for load, (users, turns) in LOADS.items():
                for name, url in urls.items():
                    figures = harness_load(url, users, turns)
                    figures["loadavg"] = os.getloadavg()[0]
                    runs[name].setdefault(load, []).append(figures)
                    log(
                        f"round {r}/{rounds} {name:7s} {load}: p50 {figures['p50']:.1f} ms, "
                        f"p95 {figures['p95']:.1f} ms, {figures['msg_s']:.1f} msg/s, "
                        f"errors {figures['errors']:.0f} (load {figures['loadavg']:.2f})"
                    )
    return runs


def median(runs: list[dict], key: str) -> float:
    if key == "errors":
        return sum(r[key] for r in runs)  # errors: every one counts
    return statistics.median(r[key] for r in runs)


def table(runs: dict[str, dict[str, list[dict]]]) -> str:
    lines = [
        "| Figure (harness load) | Ours | Starter bot | Ours / starter | Target |",
        "|---|---:|---:|---:|---|",
    ]
    for load, key, label, target, check in ROWS:
        a, b = median(runs["ours"][load], key), median(runs["starter"][load], key)
        ratio = f"{a / b:.2f}" if b else "–"
        mark = "" if check is None else (" ✅" if check(a, a / b if b else 0.0) else " ❌")
        lines.append(f"| {label} | {a:.1f} | {b:.1f} | {ratio} | {target}{mark} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    started, load_before = time.perf_counter(), os.getloadavg()
    model = build(log=log)
    runs = run_rounds(args.rounds, model)
    header = (
        f"Side by side {time.strftime('%Y-%m-%d %H:%M')} on {platform.node()} "
        f"({os.cpu_count()} cores): {args.rounds} round(s), medians (errors summed); "
        f"load average {load_before[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end; "
        f"{(time.perf_counter() - started) / 60:.1f} min."
    )
    text = header + "\n\n" + table(runs) + "\n"
    print("\n" + text)
    (RESULTS / "side_by_side.md").write_text(text)
    (RESULTS / "side_by_side.json").write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
