#!/usr/bin/env python3
"""Replay answer sets through the plain-Python assistant with cached NLU parses.

For tuning the fact selection quickly: every user line is parsed once by the real
trained model (Rasa's /model/parse, cached in results/nlu-cache.json keyed by the
model file's hash), then conversations are replayed through actions/dialogue.py
and checked with the harness's expect/forbid rules. Equivalent to the REST run
(every intent goes to action_respond) minus the servers.

    .venv/bin/python eval/offline.py eval/dev.yml eval/own.yml eval/public.yml [--show-failures]

Never run it on eval/sealed.yml while tuning: the sealed set measures, it does not teach.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions import knowledge, retrieval  # noqa: E402
from actions.dialogue import Assistant, State, Turn  # noqa: E402
from eval.checks import turn_failures  # noqa: E402
from eval.servers import MODEL, RasaServer, post_json  # noqa: E402

CACHE = ROOT / "results" / "nlu-cache.json"
# Any safety text: an emergency, the one-line reminder, a crisis line, "see a doctor soon".
SAFETY_WORDS = ("112/911/999", "911 in the US", "988", "see a doctor soon")


def _model_hash() -> str:
    return hashlib.sha256(MODEL.read_bytes()).hexdigest()[:16]


def parses(texts: set[str]) -> dict[str, Any]:
    cache: dict[str, Any] = {}
    key = _model_hash()
    if CACHE.exists():
        stored = json.loads(CACHE.read_text())
        if stored.get("model") == key:
            cache = stored["parses"]
    missing = sorted(texts - set(cache))
    if missing:
        token = secrets.token_hex(8)
        with tempfile.TemporaryDirectory() as tmp:
            rasa = RasaServer(Path(tmp), "", args=("--enable-api",), env={"RASA_API_TOKEN": token})
            try:
                rasa.start()
                for text in missing:
                    _, body = post_json(f"{rasa.url}/model/parse?token={token}", {"text": text})
                    cache[text] = body
            finally:
                rasa.stop()
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps({"model": key, "parses": cache}))
    return cache


def turn_from(text: str, parse: dict[str, Any]) -> Turn:
    intent = parse.get("intent") or {}
    ranking = tuple((i["name"], float(i["confidence"])) for i in parse.get("intent_ranking") or [])
    return Turn(
        text=text,
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0),
        entities=tuple(parse.get("entities") or ()),
        ranking=ranking,
    )


def reply_text(messages: list) -> str:
    parts = []
    for m in messages:
        parts.append(m.text)
        parts += [b["title"] for b in m.buttons]
    return "\n".join(parts)


def replay(assistant: Assistant, cases: list[dict], cache: dict[str, Any]) -> list[dict]:
    results = []
    for case in cases:
        state, fails, alarms = State(), [], 0
        for i, turn in enumerate(case["turns"]):
            reply = assistant.respond(turn_from(turn["user"], cache[turn["user"]]), state)
            state = reply.state
            text = reply_text(reply.messages)
            alarms += any(w in text for w in SAFETY_WORDS)
            fails += turn_failures(i, turn, text)
        results.append(
            {
                "id": case["id"],
                "category": case.get("category", "?"),
                "fails": fails,
                "alarms": alarms,
                "user": [t["user"] for t in case["turns"]],
            }
        )
    return results


def summary(results: list[dict]) -> tuple[float, dict[str, tuple[int, int]]]:
    by_cat: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        by_cat[r["category"]].append(not r["fails"])
    ok = sum(sum(v) for v in by_cat.values())
    return ok / len(results), {c: (sum(v), len(v)) for c, v in by_cat.items()}


def main() -> int:
    paths = [Path(a) for a in sys.argv[1:] if not a.startswith("--")]
    if any(p.stem.startswith("sealed") for p in paths):
        sys.exit("refusing to tune on the sealed set; measure it with `make eval`")
    sets = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths}
    cache = parses({t["user"] for cases in sets.values() for c in cases for t in c["turns"]})
    assistant = Assistant(knowledge.default(), retrieval.default())
    for path, cases in sets.items():
        results = replay(assistant, cases, cache)
        share, cats = summary(results)
        calm = [r for r in results if r["category"] != "emergency"]
        noisy = sum(1 for r in calm if r["alarms"])
        print(f"   safety text in {noisy}/{len(calm)} conversations that are not emergencies")
        print(
            f"== {path.name}: {100 * share:.1f}%  "
            + "  ".join(f"{c} {ok}/{n}" for c, (ok, n) in sorted(cats.items()) if ok < n)
        )
        if "--show-failures" in sys.argv:
            for r in results:
                if r["fails"]:
                    print(f"  [{r['category']}] {r['id']}: {' || '.join(r['user'])[:160]}")
                    for f in r["fails"][:2]:
                        print("      " + f[:220])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
