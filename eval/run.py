#!/usr/bin/env python3
"""`make eval`: every answer set through the real servers, over REST, in one start.

    .venv/bin/python eval/run.py [SET.yml ...] [--out results/eval]

Sets (default: all of eval/*.yml): public (the shared public cases), sealed and
sealed2 (written blind, never tuned on), dev and dev2 (written blind, tuned on), own
(the first team's set).
Prints per-category scores for each set and a confusion table of the category a
case belongs to against the topic the assistant answered from (read from the
tracker's `last_topic` slot after each turn; "-" when no article topic was used:
small talk, safety, "not covered"), and writes every failing case to
results/eval/<set>-failures.yml. Checks are the harness's (eval/harness.py).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import secrets
import sys
import tempfile
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.checks import turn_failures  # noqa: E402
from eval.harness import reply_text  # noqa: E402
from eval.servers import ActionServer, RasaServer, default_endpoints, get_json  # noqa: E402

ORDER = ("public", "sealed", "sealed2", "dev", "dev2", "own")


def run_case(rasa: RasaServer, token: str, case: dict) -> dict:
    sender = "eval-" + uuid.uuid4().hex[:12]
    fails, topics = [], []
    for i, turn in enumerate(case["turns"]):
        try:
            text = reply_text(rasa.say(sender, turn["user"]))
        except Exception as error:  # a crash or time-out is a failure, not an abort
            fails.append(f"turn {i}: error {error!r}")
            continue
        _, tracker = get_json(f"{rasa.url}/conversations/{sender}/tracker?token={token}")
        slots = (tracker or {}).get("slots", {}) if isinstance(tracker, dict) else {}
        topics.append(slots.get("last_topic") or "-")
        fails += turn_failures(i, turn, text)
    return {
        "id": case["id"],
        "category": case.get("category", "?"),
        "fails": fails,
        "topic": topics[0] if topics else "-",
        "user": [t["user"] for t in case["turns"]],
    }


def score_set(rasa: RasaServer, token: str, path: Path, out: Path) -> dict[str, tuple[int, int]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    with cf.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda c: run_case(rasa, token, c), cases))
    by_cat: dict[str, list[bool]] = defaultdict(list)
    confusion: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_cat[r["category"]].append(not r["fails"])
        confusion[r["category"]][r["topic"]] += 1
    print(f"\n== {path.name}")
    for cat, oks in sorted(by_cat.items()):
        print(f"  {cat:12s} {sum(oks):4d}/{len(oks):<4d} {100 * sum(oks) / len(oks):5.1f}%")
    ok = sum(sum(v) for v in by_cat.values())
    n = sum(len(v) for v in by_cat.values())
    print(f"  {'overall':12s} {ok:4d}/{n:<4d} {100 * ok / n:5.1f}%")
    _print_confusion(confusion)
    failures = [{k: r[k] for k in ("id", "category", "user", "fails")} for r in results if r["fails"]]
    report = out / f"{path.stem}-failures.yml"
    report.write_text(yaml.safe_dump(failures, sort_keys=False, allow_unicode=True, width=160))
    print(f"  failing cases: {report.relative_to(ROOT)}")
    return {cat: (sum(v), len(v)) for cat, v in by_cat.items()}


def _print_confusion(confusion: dict[str, Counter]) -> None:
    topics = sorted({t for row in confusion.values() for t in row})
    print("  category x topic answered from (first turn):")
    print("  " + " " * 12 + "".join(f"{t[:9]:>10s}" for t in topics))
    for cat in sorted(confusion):
        print(f"  {cat:12s}" + "".join(f"{confusion[cat][t] or '':>10}" for t in topics))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "results" / "eval")
    args = ap.parse_args()
    sets = args.sets or sorted(
        (ROOT / "eval").glob("*.yml"), key=lambda p: ORDER.index(p.stem) if p.stem in ORDER else 99
    )
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="rasa-eval-") as tmp:
        workdir = Path(tmp)
        actions = ActionServer(workdir)
        rasa = RasaServer(
            workdir,
            default_endpoints(actions.url, workdir / "tracker.db"),
            args=("--enable-api",),
            env={"RASA_API_TOKEN": token},
        )
        try:
            print("==> starting the action server and Rasa (about 20 s)", flush=True)
            actions.start()
            rasa.start()
            for path in sets:
                score_set(rasa, token, path, args.out)
        finally:
            rasa.stop()
            actions.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
