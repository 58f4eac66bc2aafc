"""A slice of the red-flag sets end to end: the real Rasa server (with its NLU) and
action server over REST, as a user would meet them. Every emergency and urgent case
in the slice must get the right first reply; near misses must raise no emergency."""

from __future__ import annotations

import uuid
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from eval.safety_report import judge
from eval.servers import MODEL, RasaStack, reply_text

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`"),
]

ROOT = Path(__file__).resolve().parent.parent
PER_CLASS = 2  # the first cases of each class in each set: every class, every set
NEAR_MISSES = 12


def _slice() -> list[dict]:
    cases: list[dict] = []
    for path in sorted((ROOT / "data" / "safety").glob("red_flags_dev*.yml")):
        by_class: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            by_class[(case["level"], case["flag"])].append(case)
        for (level, _), group in sorted(by_class.items()):
            cases += group[: NEAR_MISSES if level == "none" else PER_CLASS]
    return cases


SLICE = _slice()


@pytest.fixture(scope="module")
def bot():
    with RasaStack() as server:
        yield server


@pytest.mark.parametrize("case", SLICE, ids=[c["id"] for c in SLICE])
def test_first_reply_over_rest(bot, case):
    sender = "redflag-" + uuid.uuid4().hex[:8]
    for earlier in case.get("before") or []:
        bot.say(sender, earlier)
    outcome = judge(case, reply_text(bot.say(sender, case["text"])))
    assert outcome.ok, (case["text"], outcome.why, outcome.first_reply[:300])
