#!/usr/bin/env python3
"""`make scale-bench`: the harness load against HAProxy in front of N = 1, 2, 3 Rasa
servers (deploy/scale.py: PostgreSQL tracker store, atomic Redis lock store, action
servers behind their own backend), plus the lost-events check.

    .venv/bin/python bench/scale_bench.py                  # N = 1,2,3; 20 users x 30 turns
    .venv/bin/python bench/scale_bench.py --servers 1,2 --pairs 50

For each N: a fresh PostgreSQL database and Redis key prefix; the harness's
`load --users 20 --turns 30` against the balancer URL (msg/s, p50, p95, errors);
then pairs of messages of one conversation sent at the same instant to two
different Rasa servers (directly, by-passing the balancer, so they surely differ),
and the stored conversation audited: every user message stored once, each followed
by its reply. "Events lost" = user messages missing + replies missing. Written to
bench/results/scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import settings  # noqa: E402
from bench.harness_load import harness_load  # noqa: E402
from bench.stack import warm_up  # noqa: E402
from deploy.scale import ScaleStack  # noqa: E402
from eval.servers import post_json  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PG_SERVER = settings.text("BENCH_PG_URL")


def log(message: str) -> None:
    print(f"[scale-bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def fresh_database(name: str) -> str:
    from bench.history import fresh_pg_database

    return fresh_pg_database(name)


def send_pairs(urls: list[str], sender: str, pairs: int) -> tuple[list[str], dict[str, list]]:
    """Pairs of one conversation's messages to two servers, released by a barrier."""
    replies: dict[str, list] = {}
    barrier = threading.Barrier(2)

    def send(url: str, text: str) -> None:
        barrier.wait()
        status, body = post_json(url + "/webhooks/rest/webhook", {"sender": sender, "message": text}, 120)
        replies[text] = body if status == 200 and isinstance(body, list) else []

    sent: list[str] = []
    for i in range(pairs):
        texts = [f"what calcium level is too low? {i}a", f"what causes twitching? {i}b"]
        targets = [urls[i % len(urls)], urls[(i + 1) % len(urls)]]
        sent += texts
        threads = [threading.Thread(target=send, args=pair) for pair in zip(targets, texts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return sent, replies


def lost_events(db_url: str, sender: str, sent: list[str], replies: dict[str, list]) -> dict[str, int]:
    import psycopg2
    from sqlalchemy.engine import make_url

    u = make_url(db_url)
    with (
        psycopg2.connect(
            host=u.host, port=u.port or 5432, user=u.username, password=u.password, dbname=u.database
        ) as db,
        db.cursor() as cursor,
    ):
        cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
        events = [json.loads(row[0]) for row in cursor.fetchall()]
    users = [e.get("text") for e in events if e.get("event") == "user"]
    without_reply, current = 0, None
    for event in events + [{"event": "user"}]:
        if event.get("event") == "user":
            without_reply += current is not None and not current
            current = 0
        elif event.get("event") == "bot" and current is not None:
            current += 1
    missing = len(set(sent) - set(users))
    return {
        "user_missing": missing,
        "duplicated": len(users) - len(set(users)),
        "replies_missing": without_reply,
        "requests_unanswered": sum(not replies.get(t) for t in sent),
        "lost": missing + without_reply,
    }


def run(n: int, args: argparse.Namespace) -> dict:
    db_url = fresh_database(f"rasa_scale_bench_{n}")
    prefix = f"scalebench{uuid.uuid4().hex[:8]}"
    t0 = time.perf_counter()
    with ScaleStack(
        n, args.action_servers or max(1, n - 1), db_url=db_url, env={"LOCK_KEY_PREFIX": prefix}
    ) as stack:
        log(f"N={n}: up in {time.perf_counter() - t0:.0f} s at {stack.url}")
        for server in stack.servers:
            warm_up(server.url)
        load = os.getloadavg()[0]
        figures = harness_load(stack.url, args.users, args.turns)
        log(
            f"N={n}: {figures['msg_s']:.1f} msg/s, p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
            f"errors {figures['errors']:.0f}"
        )
        urls = [s.url for s in stack.servers] if n > 1 else [stack.url]
        sender = f"scale-pairs-{uuid.uuid4().hex[:8]}"
        sent, replies = send_pairs(urls, sender, args.pairs)
        audit = lost_events(db_url, sender, sent, replies)
        log(
            f"N={n}: {len(sent)} messages in {args.pairs} simultaneous pairs to "
            f"{'two different servers' if n > 1 else 'one server'}: {audit}"
        )
    from bench.history import drop_pg_database

    drop_pg_database(f"rasa_scale_bench_{n}")
    return {**figures, **audit, "n": n, "loadavg": load}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--servers", default="1,2,3")
    ap.add_argument("--action-servers", type=int, help="default N - 1 (at least 1)")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--turns", type=int, default=30)
    ap.add_argument("--pairs", type=int, default=50)
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    rows = [run(int(n), args) for n in args.servers.split(",")]
    lines = [
        "| Rasa servers (N) | msg/s | p50 (ms) | p95 (ms) | errors | events lost in "
        f"{args.pairs} simultaneous pairs | load avg |",
        "|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']} | {r['msg_s']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['errors']:.0f} | {r['lost']} {'✅' if r['lost'] == 0 else '❌'} "
            f"(users missing {r['user_missing']}, replies missing {r['replies_missing']}) | "
            f"{r['loadavg']:.2f} |"
        )
    text = (
        f"Scale-out {time.strftime('%Y-%m-%d %H:%M')} ({os.cpu_count()} cores): HAProxy + N Rasa "
        f"servers + PostgreSQL + Redis lock store; harness load {args.users} users x "
        f"{args.turns} turns via the balancer; load average {load_before:.2f} at start, "
        f"{os.getloadavg()[0]:.2f} at end.\n\n" + "\n".join(lines) + "\n"
    )
    print("\n" + text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.md").write_text(text)


if __name__ == "__main__":
    main()
