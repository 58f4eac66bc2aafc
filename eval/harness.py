#!/usr/bin/env python3
# Copied unchanged (apart from this line) from the project's shared evaluation kit,
# eval/harness.py, so the repository runs its black-box checks on its own.
"""Black-box checks of the assistant through its REST channel.

  harness.py answers --cases FILE [--project DIR] [--url URL] [--report FILE]
  harness.py load    [--project DIR] [--url URL] [--users N] [--turns M]

With --project the bot is started from that checkout (its .venv, its newest
model in models/, `rasa run actions` on 5055 and `rasa run` on --port) and
stopped afterwards; without it, --url must point at a running bot.
Only the standard library and PyYAML are used, so it runs with any python3.
"""
import argparse
import concurrent.futures as cf
import glob
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid

import yaml


def post(url, sender, message, timeout=30):
    body = json.dumps({"sender": sender, "message": message}).encode()
    req = urllib.request.Request(
        url + "/webhooks/rest/webhook", data=body,
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"[]")


def reply_text(msgs):
    parts = []
    for m in msgs:
        if m.get("text"):
            parts.append(m["text"])
        for b in m.get("buttons") or []:
            parts.append(str(b.get("title", "")))
        if m.get("custom"):
            parts.append(json.dumps(m["custom"]))
    return "\n".join(parts)


def wait_up(url, secs):
    t0 = time.time()
    while time.time() - t0 < secs:
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            return time.time() - t0
        except Exception:
            time.sleep(0.5)
    return None


class Bot:
    """Starts the project's action server and Rasa server; stops them after."""

    def __init__(self, project, port):
        self.project, self.port, self.procs = os.path.abspath(project), port, []

    def __enter__(self):
        rasa = os.path.join(self.project, ".venv", "bin", "rasa")
        if not os.path.exists(rasa):
            sys.exit(f"no {rasa}: set the project up first")
        models = sorted(glob.glob(os.path.join(self.project, "models", "*.tar.gz")),
                        key=os.path.getmtime)
        if not models:
            sys.exit("no trained model in models/: train first")
        log = open(os.path.join("/tmp", f"harness-{self.port}.log"), "w")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.procs.append(subprocess.Popen(
            [rasa, "run", "actions", "--port", "5055"], cwd=self.project,
            stdout=log, stderr=log, env=env, start_new_session=True))
        self.procs.append(subprocess.Popen(
            [rasa, "run", "--port", str(self.port), "--model", models[-1]],
            cwd=self.project, stdout=log, stderr=log, env=env,
            start_new_session=True))
        self.url = f"http://127.0.0.1:{self.port}"
        self.startup_s = wait_up(self.url, 180)
        if self.startup_s is None:
            self.__exit__()
            sys.exit("bot did not come up in 180 s; see " + log.name)
        # the action server may come up after rasa
        for _ in range(60):
            try:
                urllib.request.urlopen("http://127.0.0.1:5055/health", timeout=2)
                break
            except Exception:
                time.sleep(0.5)
        return self

    def __exit__(self, *a):
        for p in self.procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in self.procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def run_case(url, case):
    sender = "eval-" + uuid.uuid4().hex[:12]
    fails = []
    for i, turn in enumerate(case["turns"]):
        try:
            text = reply_text(post(url, sender, turn["user"]))
        except Exception as e:  # a crash or a timeout is a failure, not an abort
            fails.append(f"turn {i}: error {e!r}")
            continue
        for rx in turn.get("expect", []):
            if not re.search(rx, text, re.I | re.S):
                fails.append(f"turn {i}: missing /{rx}/ in {text[:300]!r}")
        for rx in turn.get("forbid", []):
            if re.search(rx, text, re.I | re.S):
                fails.append(f"turn {i}: forbidden /{rx}/ in {text[:300]!r}")
    return case["id"], case.get("category", "?"), fails


def answers(args, url):
    cases = yaml.safe_load(open(args.cases))
    by_cat, failed = {}, []
    with cf.ThreadPoolExecutor(4) as ex:
        for cid, cat, fails in ex.map(lambda c: run_case(url, c), cases):
            ok, n = by_cat.get(cat, (0, 0))
            by_cat[cat] = (ok + (not fails), n + 1)
            if fails:
                failed.append({"id": cid, "fails": fails})
    for cat, (ok, n) in sorted(by_cat.items()):
        print(f"{cat:12s} {ok:4d}/{n:<4d} {100*ok/n:5.1f}%")
    if args.report:
        with open(args.report, "w") as f:
            yaml.safe_dump(failed, f, sort_keys=False, allow_unicode=True, width=200)
    ok = sum(v[0] for v in by_cat.values())
    n = sum(v[1] for v in by_cat.values())
    print(f"answers: {ok}/{n} = {100*ok/n:.1f}%")
    return ok / n


def load(args, url):
    msgs = ["hi", "what causes twitching in sleep?", "what about calcium levels?",
            "how can I stop it?", "when should I see a doctor?", "thanks"]

    def user(u):
        sender, lat, errs = f"load-{u}-{uuid.uuid4().hex[:6]}", [], 0
        for t in range(args.turns):
            t0 = time.perf_counter()
            try:
                r = post(url, sender, msgs[t % len(msgs)])
                if not r:
                    errs += 1
            except Exception:
                errs += 1
            lat.append((time.perf_counter() - t0) * 1000)
        return lat, errs

    # bare HTTP round trip on the same server: the floor for one message
    base = []
    for _ in range(50):
        t0 = time.perf_counter()
        urllib.request.urlopen(url + "/").read()
        base.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(args.users) as ex:
        res = list(ex.map(user, range(args.users)))
    wall = time.perf_counter() - t0
    lat = sorted(x for r in res for x in r[0])
    errs = sum(r[1] for r in res)
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
    floor = statistics.median(base)
    print(f"users={args.users} turns={args.turns} messages={len(lat)} errors={errs}")
    print(f"throughput {len(lat)/wall:.1f} msg/s; bare GET p50 {floor:.1f} ms")
    print(f"load: p50 {q(.5):.1f} ms p95 {q(.95):.1f} ms p99 {q(.99):.1f} ms "
          f"(p50/bare {q(.5)/floor:.1f}x) errors {errs}")
    return errs, q(.5), q(.95)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["answers", "load"])
    ap.add_argument("--cases")
    ap.add_argument("--project")
    ap.add_argument("--url", default="http://127.0.0.1:5005")
    ap.add_argument("--port", type=int, default=5005)
    ap.add_argument("--report")
    ap.add_argument("--users", type=int, default=1)
    ap.add_argument("--turns", type=int, default=60)
    args = ap.parse_args()
    fn = answers if args.what == "answers" else load
    if args.project:
        with Bot(args.project, args.port) as bot:
            print(f"startup {bot.startup_s:.1f} s")
            fn(args, bot.url)
    else:
        fn(args, args.url)


if __name__ == "__main__":
    main()
