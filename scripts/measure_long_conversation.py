#!/usr/bin/env python3
"""Does a long conversation answer as fast as a short one? (issue 6)

    .venv/bin/python scripts/measure_long_conversation.py [--turns 300] [--max-events N]

Starts an action server and Rasa (the project's endpoints.yml, a temporary SQLite
file), sends TURNS messages in one conversation and prints the median latency of
the first and last 20 turns. --max-events sets TRACKER_MAX_EVENTS (0 = load the
whole session, i.e. stock behaviour). Reports numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from eval.servers import ActionServer, RasaServer, project_endpoints  # noqa: E402

MESSAGES = [
    "what calcium level is too low?",
    "and magnesium?",
    "what causes twitching?",
    "tell me more",
    "how can I relieve it?",
    "when should I see a doctor?",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--max-events", type=int, default=None)
    args = parser.parse_args()
    env = {} if args.max_events is None else {"TRACKER_MAX_EVENTS": str(args.max_events)}
    with tempfile.TemporaryDirectory(prefix="rasa-long-") as tmp:
        workdir = Path(tmp)
        env["TRACKER_DB"] = str(workdir / "tracker.db")
        actions = ActionServer(workdir).start()
        rasa = RasaServer(workdir, project_endpoints(actions.url), env=env)
        try:
            rasa.start()
            latencies = []
            for turn in range(args.turns):
                start = time.perf_counter()
                rasa.say("long-conversation", MESSAGES[turn % len(MESSAGES)], timeout=120)
                latencies.append(time.perf_counter() - start)
        finally:
            rasa.stop()
            actions.stop()
    first, last = latencies[:20], latencies[-20:]
    print(
        f"max_events={env.get('TRACKER_MAX_EVENTS', 'default')} turns={args.turns}: "
        f"median first 20 = {statistics.median(first) * 1000:.0f} ms, "
        f"median last 20 = {statistics.median(last) * 1000:.0f} ms, "
        f"max = {max(latencies) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
