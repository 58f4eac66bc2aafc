#!/usr/bin/env python3
"""Flat in stored history: the 1-user harness load on an empty store and on a store
holding 1,000,000 events of 10,000 other conversations, SQLite and PostgreSQL.

    .venv/bin/python bench/history.py                          # both back ends, 3 rounds
    .venv/bin/python bench/history.py --backends sqlite --rounds 1 --events 100000
    BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432  (default; databases are created)

For each back end the full store is filled first (bench/fill_store.py), then two
stacks run at once, one on an empty store and one on the full one, and the harness's
`load --users 1 --turns 120` alternates between them, so both see the same
background load. Reports p50/p95 of each and full/empty. Written to
bench/results/history.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import settings  # noqa: E402
from bench.fill_store import fill_postgres, fill_sqlite  # noqa: E402
from bench.harness_load import harness_load  # noqa: E402
from bench.stack import OurStack  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PG_SERVER = settings.text("BENCH_PG_URL")


def log(message: str) -> None:
    print(f"[history {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _admin() -> object:
    import psycopg2
    from sqlalchemy.engine import make_url

    u = make_url(PG_SERVER)
    db = psycopg2.connect(
        host=u.host, port=u.port or 5432, user=u.username, password=u.password, dbname="postgres"
    )
    db.autocommit = True
    return db


def drop_pg_database(name: str) -> None:
    db = _admin()
    with db.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    db.close()  # type: ignore[attr-defined]


def fresh_pg_database(name: str) -> str:
    db = _admin()
    with db.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    db.close()  # type: ignore[attr-defined]
    return f"{PG_SERVER.rstrip('/')}/{name}"


def stacks(backend: str, workdir: Path, events: int, conversations: int) -> tuple[OurStack, OurStack]:
    """(empty, full) stacks of one back end; the full store is filled first."""
    t0 = time.perf_counter()
    if backend == "sqlite":
        empty, full = workdir / "empty.db", workdir / "full.db"
        fill_sqlite(full, events, conversations)
        made = OurStack(sqlite=empty), OurStack(sqlite=full)
    else:
        empty_url, full_url = fresh_pg_database("rasa_bench_empty"), fresh_pg_database("rasa_bench_full")
        fill_postgres(full_url, events, conversations)
        made = OurStack(env={"TRACKER_DB_URL": empty_url}), OurStack(env={"TRACKER_DB_URL": full_url})
    log(f"{backend}: {events:,} events filled in {time.perf_counter() - t0:.0f} s")
    return made


def run_backend(backend: str, rounds: int, events: int, conversations: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="rasa-history-") as tmp:
        empty, full = stacks(backend, Path(tmp), events, conversations)
        runs: dict[str, list[dict]] = {"empty": [], "full": []}
        with empty, full:
            for r in range(1, rounds + 1):
                for name, stack in (("empty", empty), ("full", full)):
                    figures = harness_load(stack.url, 1, 120)
                    runs[name].append(figures)
                    log(
                        f"{backend} round {r}/{rounds} {name}: p50 {figures['p50']:.1f} ms, "
                        f"p95 {figures['p95']:.1f} ms (load {os.getloadavg()[0]:.2f})"
                    )
        if backend == "postgres":  # the million rows are not kept
            drop_pg_database("rasa_bench_empty")
            drop_pg_database("rasa_bench_full")
    return {
        name: {k: statistics.median(f[k] for f in figs) for k in ("p50", "p95")}
        for name, figs in runs.items()
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--conversations", type=int, default=10_000)
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    lines = [
        "| Store | p50 empty (ms) | p50 full (ms) | full / empty | p95 empty | p95 full | Target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for backend in args.backends.split(","):
        m = run_backend(backend, args.rounds, args.events, args.conversations)
        ratio = m["full"]["p50"] / m["empty"]["p50"]
        lines.append(
            f"| {backend} | {m['empty']['p50']:.1f} | {m['full']['p50']:.1f} | "
            f"{ratio:.2f} | {m['empty']['p95']:.1f} | {m['full']['p95']:.1f} | "
            f"≤ 1.10 {'✅' if ratio <= 1.10 else '❌'} |"
        )
    text = (
        f"History {time.strftime('%Y-%m-%d %H:%M')}: 1 user x 120 turns (harness), "
        f"{args.events:,} events in {args.conversations:,} conversations in the full store, "
        f"{args.rounds} alternating round(s), medians; load average {load_before:.2f} at "
        f"start, {os.getloadavg()[0]:.2f} at end.\n\n" + "\n".join(lines) + "\n"
    )
    print("\n" + text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "history.md").write_text(text)


if __name__ == "__main__":
    main()
