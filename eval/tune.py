#!/usr/bin/env python3
"""Grid-search the fact-selection weights (actions/selection.py) on the tuning sets.

    .venv/bin/python eval/tune.py     # dev + own + public, offline (eval/offline.py)

Prints the best weight sets by the mean share of passing conversations. The sealed
set is never used here. Pick a setting that is good on every set, not the top row
of one, and write it into selection.WEIGHTS.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions import knowledge, retrieval, selection  # noqa: E402
from actions.dialogue import Assistant  # noqa: E402
from eval.offline import parses, replay, summary  # noqa: E402

SETS = [ROOT / "eval" / name for name in ("dev.yml", "dev2.yml", "dev3.yml", "own.yml", "public.yml")]
GRID = {
    "intent": [0.35],
    "term": [0.15],
    "text": [0.2, 0.35],
    "examples": [0.4, 0.8],
    "model": [0.0, 0.5, 1.0, 2.0],
    "context": [0.25],
    "summary": [0.05],
}


def _memoise_screen() -> None:
    """The safety screen does not depend on the weights: screen each line once."""
    from functools import lru_cache

    from actions import dialogue, safety

    dialogue.safety.screen = lru_cache(maxsize=None)(safety.screen)  # type: ignore[attr-defined]


def main() -> int:
    _memoise_screen()
    sets = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in SETS}
    cache = parses({t["user"] for cases in sets.values() for c in cases for t in c["turns"]})
    assistant = Assistant(knowledge.default(), retrieval.default())
    rows = []
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        weights = replace(selection.WEIGHTS, **dict(zip(keys, values)))
        assistant.selector.weights = weights
        shares = {name: summary(replay(assistant, cases, cache))[0] for name, cases in sets.items()}
        rows.append((sum(shares.values()) / len(shares), shares, weights))
    rows.sort(key=lambda r: -r[0])
    for mean, shares, weights in rows[:15]:
        print(
            f"{100 * mean:5.1f}  "
            + "  ".join(f"{k} {100 * v:5.1f}" for k, v in shares.items())
            + f"  {weights}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
