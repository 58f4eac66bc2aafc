#!/usr/bin/env python3
"""`make bench-broad`: measure training, start-up, memory, latency, load and accuracy of our
configuration (config.yml) against Rasa's default configuration
(bench/default_config.yml) on this machine, print a table and write it to
bench/results/latest.md (plus latest.json with every raw figure).

    .venv/bin/python bench/run.py            # full run (~20-30 min on 2 cores)
    .venv/bin/python bench/run.py --quick    # ours only, 1 run, no cross-validation

Everything is measured, nothing is asserted: timings depend on the machine and on
whatever else runs on it (the load average is recorded with the results).
Servers bind 127.0.0.1 on free ports and are stopped by PID (eval/servers.py).

Over 400 lines on purpose: one script measures every figure of the broad table in one
run (so the two configurations share the machine's state), and each measure is a short
function.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from eval.servers import (  # noqa: E402
    QUIET_ENV,
    RASA,
    ActionServer,
    RasaServer,
    default_endpoints,
    post_json,
    wait_until_up,
)

RESULTS = ROOT / "bench" / "results"
OWN_CASES = ROOT / "eval" / "own.yml"
PUBLIC_CASES = ROOT / "eval" / "public.yml"
CONFIGS = {"ours": ROOT / "config.yml", "default": ROOT / "bench" / "default_config.yml"}

# Short conversations like real users have (one user / 20 users).
CONVERSATION = [
    "hi",
    "what causes twitching in my sleep?",
    "what about calcium levels?",
    "how can I stop it?",
    "when should I see a doctor?",
    "thanks",
]
# The long conversation cycles through a wider set so the tracker grows with varied events.
LONG_MESSAGES = CONVERSATION + [
    "is it dangerous?",
    "which foods have calcium",
    "what is a normal calcium level",
    "I am stressed at work",
    "can exercise help",
    "who gets this most",
    "ok bye",
]
TARGETS = {  # metric key -> (comparison, value, text)
    "p50_1": ("<=", 20, "≤ 20 ms"),
    "p95_1": ("<=", 40, "≤ 40 ms"),
    "err_20": ("<=", 0, "0"),
    "p95_20": ("<=", 300, "≤ 300 ms"),
    "long_ratio": ("<=", 2, "≤ 2×"),
    "start_s": ("<=", 15, "≤ 15 s"),
    "rss_rasa_mib": ("<=", 1024, "≤ 1024 MiB"),
    "train_full_s": ("<=", 90, "≤ 90 s"),
    "train_retrain_s": ("<=", 10, "≤ 10 s"),
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def env_for_rasa(extra: dict | None = None) -> dict:
    return {**os.environ, **QUIET_ENV, **(extra or {})}


# --------------------------------------------------------------------------- training
def snapshot(workdir: Path) -> Path:
    """Copy the training inputs, so edits made by others while the bench runs (data/,
    the spaCy pipeline) neither break the unchanged-retrain figure nor mix versions."""
    snap = workdir / "inputs"
    snap.mkdir()
    for name in ("domain.yml", "config.yml"):
        shutil.copy2(ROOT / name, snap / name)
    shutil.copytree(ROOT / "data", snap / "data")
    shutil.copytree(ROOT / "build" / "spacy_twitching", snap / "build" / "spacy_twitching")
    shutil.copy2(CONFIGS["default"], snap / "default_config.yml")
    return snap


def rasa_train(config: Path, out: Path, cache: Path, logfile: Path, cwd: Path) -> float:
    """One `rasa train` with a given output dir and cache dir; wall seconds."""
    cmd = [
        str(RASA),
        "train",
        "--config",
        config.name,
        "--domain",
        "domain.yml",
        "--data",
        "data",
        "--out",
        str(out),
        "--fixed-model-name",
        "model",
        "--num-threads",
        "2",
    ]
    t0 = time.perf_counter()
    with open(logfile, "a") as fh:
        fh.write(f"\n$ {' '.join(cmd)}\n")
        fh.flush()
        proc = subprocess.run(
            cmd,
            cwd=cwd,
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env_for_rasa({"RASA_CACHE_DIRECTORY": str(cache)}),
        )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"rasa train failed ({proc.returncode}); see {logfile}")
    return seconds


def train(name: str, workdir: Path, snap: Path) -> tuple[dict, Path]:
    """From scratch (fresh --out and a fresh, empty cache dir), then unchanged retrain."""
    out, cache = workdir / f"models-{name}", workdir / f"cache-{name}"
    logfile = RESULTS / f"train-{name}.log"
    logfile.write_text("")
    config = snap / ("config.yml" if name == "ours" else "default_config.yml")
    full = rasa_train(config, out, cache, logfile, snap)
    log(f"{name}: full training {full:.1f} s")
    retrain = rasa_train(config, out, cache, logfile, snap)
    log(f"{name}: unchanged retrain {retrain:.1f} s")
    model = out / "model.tar.gz"
    kept = RESULTS / f"model-{name}.tar.gz"  # reused by --quick runs
    shutil.copy2(model, kept)
    return {"train_full_s": full, "train_retrain_s": retrain, "model_mib": model.stat().st_size / 2**20}, kept


def cross_validation(name: str, workdir: Path, snap: Path) -> dict:
    out = workdir / f"cv-{name}"
    config = "config.yml" if name == "ours" else "default_config.yml"
    cmd = [
        str(RASA),
        "test",
        "nlu",
        "--cross-validation",
        "--folds",
        "3",
        "--config",
        config,
        "--nlu",
        "data",
        "--domain",
        "domain.yml",
        "--out",
        str(out),
    ]
    t0 = time.perf_counter()
    with open(RESULTS / f"cv-{name}.log", "w") as fh:
        proc = subprocess.run(
            cmd,
            cwd=snap,
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env_for_rasa({"RASA_CACHE_DIRECTORY": str(workdir / "cv-cache")}),
        )
    seconds = time.perf_counter() - t0
    report = out / "intent_report.json"
    if proc.returncode != 0 or not report.exists():
        log(f"{name}: cross-validation failed; see bench/results/cv-{name}.log")
        return {"cv_s": seconds}
    data = json.loads(report.read_text())
    shutil.copy2(report, RESULTS / f"cv-intent-report-{name}.json")
    f1 = data["macro avg"]["f1-score"]
    log(f"{name}: cross-validation intent macro-F1 {f1:.3f} ({seconds:.0f} s)")
    return {"cv_macro_f1": f1, "cv_weighted_f1": data["weighted avg"]["f1-score"], "cv_s": seconds}


# ----------------------------------------------------------------------------- server
class ModelServer(RasaServer):
    """RasaServer with a chosen model file; records launch-to-answer times."""

    def __init__(self, model: Path, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.model = model

    def start(self, timeout: float = 180) -> "ModelServer":
        logfh = open(self.log_path, "a")
        t0 = time.perf_counter()
        self.process = subprocess.Popen(
            [
                str(RASA),
                "run",
                "--model",
                str(self.model),
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--endpoints",
                str(self.endpoints),
                "--credentials",
                str(self.credentials),
            ],
            cwd=ROOT,
            stdout=logfh,
            stderr=subprocess.STDOUT,
            env=env_for_rasa(self.env),
            start_new_session=True,
        )
        wait_until_up(self.url + "/", timeout, self.process)
        self.up_s = time.perf_counter() - t0
        # "answering" = the first real reply (model loaded, action server reachable)
        while time.perf_counter() - t0 < timeout:
            status, body = post_json(
                self.url + "/webhooks/rest/webhook", {"sender": "bench-start", "message": "hi"}, 60
            )
            if status == 200 and body:
                break
            time.sleep(0.2)
        self.answer_s = time.perf_counter() - t0
        return self


def rss_mib(pid: int) -> float:
    """VmRSS of pid plus all its descendants (MiB). Shared pages count per process."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            ppid = int(text[text.rfind(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Counter:
    def __init__(self) -> None:
        self.sent = 0


def send(url: str, sender: str, message: str, counter: Counter) -> tuple[float, bool]:
    t0 = time.perf_counter()
    try:
        status, body = post_json(url + "/webhooks/rest/webhook", {"sender": sender, "message": message}, 30)
        ok = status == 200 and isinstance(body, list) and len(body) > 0
    except Exception:  # timeouts, resets: an error, not an abort
        ok = False
    counter.sent += 1
    return (time.perf_counter() - t0) * 1000, ok


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


def one_user(url: str, counter: Counter, conversations: int) -> dict:
    floor = []  # bare HTTP round trip to the same server: the floor for one message
    for _ in range(30):
        t0 = time.perf_counter()
        urllib.request.urlopen(url + "/", timeout=10).read()
        floor.append((time.perf_counter() - t0) * 1000)
    lat, errors = [], 0
    for c in range(conversations):
        sender = f"bench-1-{c}-{uuid.uuid4().hex[:6]}"
        for message in CONVERSATION:
            ms, ok = send(url, sender, message, counter)
            lat.append(ms)
            errors += not ok
    return {
        "get_p50": pct(floor, 50),
        "p50_1": pct(lat, 50),
        "p95_1": pct(lat, 95),
        "p99_1": pct(lat, 99),
        "err_1": errors,
        "n_1": len(lat),
    }


def many_users(url: str, counter: Counter, users: int, turns: int) -> dict:
    def user(u: int) -> tuple[list[float], int]:
        sender, lat, errors = f"bench-20-{u}-{uuid.uuid4().hex[:6]}", [], 0
        for t in range(turns):
            ms, ok = send(url, sender, CONVERSATION[t % len(CONVERSATION)], counter)
            lat.append(ms)
            errors += not ok
        return lat, errors

    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(users) as pool:
        results = list(pool.map(user, range(users)))
    wall = time.perf_counter() - t0
    lat = [x for r in results for x in r[0]]
    return {
        "tput_20": len(lat) / wall,
        "p50_20": pct(lat, 50),
        "p95_20": pct(lat, 95),
        "p99_20": pct(lat, 99),
        "err_20": sum(r[1] for r in results),
        "n_20": len(lat),
    }


def long_conversation(url: str, counter: Counter, turns: int = 300) -> dict:
    sender = f"bench-long-{uuid.uuid4().hex[:8]}"
    lat = []
    errors = 0
    for t in range(turns):
        ms, ok = send(url, sender, LONG_MESSAGES[t % len(LONG_MESSAGES)], counter)
        lat.append(ms)
        errors += not ok
    first, last = lat[:10], lat[289:300]
    return {
        "long_p99_first": pct(first, 99),
        "long_p99_last": pct(last, 99),
        "long_p50_first": pct(first, 50),
        "long_p50_last": pct(last, 50),
        "long_ratio": pct(last, 99) / pct(first, 99),
        "long_err": errors,
    }


def accuracy(url: str, cases: Path, report: Path) -> float:
    import harness  # eval/harness.py

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        score = harness.answers(SimpleNamespace(cases=str(cases), report=str(report)), url)
    report.with_suffix(".txt").write_text(buf.getvalue())
    return 100 * score


def server_run(
    name: str, model: Path, workdir: Path, run: int, with_accuracy: bool, args: argparse.Namespace
) -> dict:
    tmp = workdir / f"{name}-run{run}"
    tmp.mkdir()
    actions = ActionServer(tmp)
    server = ModelServer(model, tmp, default_endpoints(actions.url, tmp / "tracker.db"))
    counter = Counter()
    try:
        actions.start()
        server.start()
        counter.sent += 1
        r = {"start_up_s": server.up_s, "start_s": server.answer_s}
        log(f"{name} run {run}: start {server.answer_s:.1f} s (HTTP up {server.up_s:.1f} s)")
        for _ in range(5):  # warm-up, not measured
            send(server.url, f"bench-warm-{run}", "what causes twitching?", counter)
        # the latency sections are cheap: repeat them (--reps) and keep the medians
        reps = [one_user(server.url, counter, args.conversations) for _ in range(args.reps)]
        r.update(median_of(reps))
        r["err_1"] = sum(x["err_1"] for x in reps)
        log(
            f"{name} run {run}: 1 user p50 {r['p50_1']:.0f} p95 {r['p95_1']:.0f} ms "
            f"(median of {args.reps})"
        )
        reps = [many_users(server.url, counter, 20, args.turns20) for _ in range(args.reps)]
        r.update(median_of(reps))
        r["err_20"] = sum(x["err_20"] for x in reps)  # errors: the total, not a median
        log(
            f"{name} run {run}: 20 users {r['tput_20']:.1f} msg/s p95 {r['p95_20']:.0f} ms "
            f"errors {r['err_20']} (median of {args.reps})"
        )
        r.update(long_conversation(server.url, counter))
        log(
            f"{name} run {run}: 300 turns p99 first {r['long_p99_first']:.0f} last "
            f"{r['long_p99_last']:.0f} ms"
        )
        if with_accuracy:
            r["acc_own"] = accuracy(server.url, OWN_CASES, RESULTS / f"failures-own-{name}.yml")
            r["acc_public"] = accuracy(server.url, PUBLIC_CASES, RESULTS / f"failures-public-{name}.yml")
            log(f"{name}: accuracy own {r['acc_own']:.1f}% public {r['acc_public']:.1f}%")
        while counter.sent < 1000:  # top up to 1,000 messages, then read memory
            send(
                server.url,
                f"bench-fill-{counter.sent // 6}",
                CONVERSATION[counter.sent % len(CONVERSATION)],
                counter,
            )
        r["rss_rasa_mib"] = rss_mib(server.process.pid)
        r["rss_actions_mib"] = rss_mib(actions.process.pid)
        r["messages"] = counter.sent
        log(
            f"{name} run {run}: RSS rasa {r['rss_rasa_mib']:.0f} MiB, actions "
            f"{r['rss_actions_mib']:.0f} MiB after {counter.sent} messages"
        )
        return r
    finally:
        server.stop()
        actions.stop()
        for path, keep in (
            (server.log_path, f"rasa-{name}-run{run}.log"),
            (tmp / f"actions-{actions.port}.log", f"actions-{name}-run{run}.log"),
        ):
            if path.exists():
                shutil.copy2(path, RESULTS / keep)


# ------------------------------------------------------------------------------ table
ROWS = [  # key, label, format, higher is better
    ("train_full_s", "Full training from scratch (s)", "{:.1f}", False),
    ("train_retrain_s", "Retrain, nothing changed (s)", "{:.1f}", False),
    ("model_mib", "Model file (MiB)", "{:.1f}", False),
    ("start_s", "Server start: launch → first reply (s)", "{:.1f}", False),
    ("start_up_s", "  of which launch → HTTP up (s)", "{:.1f}", False),
    ("rss_rasa_mib", "Rasa server RSS after ≥ 1,000 msgs (MiB)", "{:.0f}", False),
    ("rss_actions_mib", "Action server RSS after ≥ 1,000 msgs (MiB)", "{:.0f}", False),
    ("get_p50", "1 user: bare GET / p50, the HTTP floor (ms)", "{:.1f}", False),
    ("p50_1", "1 user: p50 (ms)", "{:.1f}", False),
    ("p95_1", "1 user: p95 (ms)", "{:.1f}", False),
    ("p99_1", "1 user: p99 (ms)", "{:.1f}", False),
    ("tput_20", "20 users: throughput (msg/s)", "{:.1f}", True),
    ("p95_20", "20 users: p95 (ms)", "{:.0f}", False),
    ("err_20", "20 users: errors", "{:.0f}", False),
    ("long_p99_first", "300-turn conv.: p99 turns 1-10 (ms)", "{:.1f}", False),
    ("long_p99_last", "300-turn conv.: p99 turns 290-300 (ms)", "{:.1f}", False),
    ("long_ratio", "300-turn conv.: p99 ratio last/first", "{:.2f}", False),
    ("loadavg_1min", "Machine load average during server runs", "{:.1f}", False),
    ("acc_own", "Answers: eval/own.yml (%)", "{:.1f}", True),
    ("acc_public", "Answers: eval/public.yml (%)", "{:.1f}", True),
    ("cv_macro_f1", "Intent macro-F1, 3-fold CV", "{:.3f}", True),
]


NO_VERDICT = {
    "loadavg_1min",
    "start_up_s",
    "get_p50",
    "model_mib",
    "p99_1",
    "long_p99_first",
    "long_p99_last",
}


def median_of(runs: list[dict]) -> dict:
    keys = {k for r in runs for k in r}
    return {k: statistics.median([r[k] for r in runs if k in r]) for k in keys}


def verdict(key: str, value: float | None) -> str:
    if key not in TARGETS or value is None:
        return ""
    op, limit, text = TARGETS[key]
    ok = value <= limit if op == "<=" else value >= limit
    return f"{text} {'✅' if ok else '❌'}"


def table(figures: dict[str, dict]) -> str:
    ours, default = figures.get("ours", {}), figures.get("default", {})
    lines = [
        "| Metric | Ours (config.yml) | Default config | Ours / default | Target |",
        "|---|---:|---:|---:|---|",
    ]
    for key, label, fmt, higher in ROWS:
        a, b = ours.get(key), default.get(key)
        if a is None and b is None:
            continue
        ratio = f"{a / b:.2f}" if a is not None and b not in (None, 0) else "–"
        target = verdict(key, a)
        if not target and a is not None and b is not None and key not in NO_VERDICT:
            better = a >= b if higher else a <= b
            target = (
                f"≥ default {'✅' if better else '❌'}" if higher else f"≤ default {'✅' if better else '❌'}"
            )
        lines.append(
            f"| {label} | {fmt.format(a) if a is not None else '–'} | "
            f"{fmt.format(b) if b is not None else '–'} | {ratio} | {target} |"
        )
    return "\n".join(lines)


def _run_kind(args: argparse.Namespace) -> str:
    if args.quick:
        return "quick"
    return "partial" if (args.no_train or args.no_cv or args.only) else "full"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="ours only (add --only default for the baseline), 1 server run, " "no cross-validation",
    )
    ap.add_argument(
        "--runs",
        type=int,
        default=1,
        help="server starts per config (start time, 300-turn conversation, RSS); " "default 1",
    )
    ap.add_argument(
        "--reps",
        type=int,
        help="repetitions of the 1-user and 20-user "
        "sections per server start (medians; default 3, quick 1)",
    )
    ap.add_argument(
        "--no-train",
        action="store_true",
        help="skip training; use models/twitching.tar.gz (and a kept default model)",
    )
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    ap.add_argument("--only", choices=list(CONFIGS), help="benchmark one configuration")
    ap.add_argument("--conversations", type=int, default=20, help="1-user conversations (6 turns)")
    ap.add_argument("--turns20", type=int, default=12, help="turns per user with 20 users")
    args = ap.parse_args()
    runs = args.runs
    args.reps = args.reps or (1 if args.quick else 3)
    RESULTS.mkdir(parents=True, exist_ok=True)
    names = [args.only] if args.only else ["ours"] if args.quick else list(CONFIGS)
    started = time.perf_counter()
    load_before = os.getloadavg()
    figures: dict[str, dict] = {}
    raw: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="rasa-bench-") as tmpdir:
        workdir = Path(tmpdir)
        snap = snapshot(workdir)
        models: dict[str, Path] = {}
        for name in names:  # 1. training (sequential: each gets the CPUs it can)
            kept = RESULTS / f"model-{name}.tar.gz"
            figures[name] = {}
            train_now = not args.no_train and not (args.quick and name == "default")
            if train_now:
                result, models[name] = train(name, workdir, snap)
                figures[name].update(result)
            elif name == "ours":
                models[name] = ROOT / "models" / "twitching.tar.gz"
            elif kept.exists():
                models[name] = kept
                log(
                    f"default: reusing {kept.relative_to(ROOT)} from an earlier run "
                    "(training figures not measured)"
                )
            else:
                log("default: no kept model and training skipped; not benchmarked")
                del figures[name]
        # 2. server runs, interleaved (ours 1, default 1, ours 2, ...) so that both
        # configurations see the same background load on a shared machine
        server_runs: dict[str, list] = {name: [] for name in models}
        for run in range(1, runs + 1):
            for name, model in models.items():
                load = os.getloadavg()[0]
                r = server_run(name, model, workdir, run, run == 1, args)
                r["loadavg_1min"] = (load + os.getloadavg()[0]) / 2
                server_runs[name].append(r)
        for name in models:
            figures[name].update(median_of(server_runs[name]))
            if not (args.quick or args.no_cv):  # 3. cross-validation
                figures[name].update(cross_validation(name, workdir, snap))
            raw[name] = {"figures": figures[name], "server_runs": server_runs[name]}
    minutes = (time.perf_counter() - started) / 60
    header = (
        f"Benchmark {time.strftime('%Y-%m-%d %H:%M')} on {platform.node()}: "
        f"{os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
        f"{_run_kind(args)} run, {runs} server start(s) per config, "
        f"1-user and 20-user sections repeated {args.reps}× per start (medians), "
        f"training once; load average at start "
        f"{load_before[0]:.2f}, at end {os.getloadavg()[0]:.2f}; took {minutes:.1f} min."
    )
    text = header + "\n\n" + table(figures) + "\n"
    print("\n" + text)
    (RESULTS / "latest.md").write_text(text)
    (RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M')}.md").write_text(text)
    (RESULTS / "latest.json").write_text(
        json.dumps({"header": header, "args": vars(args), "runs": runs, "raw": raw}, indent=1)
    )
    log(f"wrote {(RESULTS / 'latest.md').relative_to(ROOT)} and latest.json")


if __name__ == "__main__":
    main()
