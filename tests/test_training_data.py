"""Training data hygiene: the assistant must be good at the topic, not at the test lines."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# Every set the assistant is measured on: no training example may copy one of its lines.
EVAL_SETS = sorted((ROOT / "eval").glob("*.yml"))
# Whole data sets compared line by line: their own tier (`make test-sweep`), part of `make test`
pytestmark = pytest.mark.sweep


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def _examples() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                if line.strip().startswith("- "):
                    found.append((block["intent"], line.strip()[2:]))
    return found


def _fact_examples() -> list[tuple[str, str]]:
    """The facts' examples as built: curation.yml's plus knowledge/questions.yml's."""
    built = yaml.safe_load((ROOT / "knowledge" / "twitching.yml").read_text(encoding="utf-8"))
    return [(fact["id"], q) for fact in built["facts"] for q in fact.get("examples") or []]


@pytest.mark.parametrize("cases", EVAL_SETS, ids=lambda p: p.name)
def test_no_training_example_copies_an_evaluation_line(cases: Path):
    """Neither the NLU data nor the facts' example questions may copy a line of a set
    the assistant is measured on (similarity over 0.8)."""
    lines = {_normal(t["user"]) for case in yaml.safe_load(cases.read_text()) for t in case["turns"]}
    too_close = []
    for _, example in _examples() + _fact_examples():
        ex = _normal(example)
        matcher = difflib.SequenceMatcher(None, ex)
        for line in lines:
            matcher.set_seq1(line)
            if matcher.real_quick_ratio() > 0.8 and matcher.ratio() > 0.8:
                too_close.append((example, line))
    assert not too_close


def test_no_example_is_under_two_intents():
    seen: dict[str, str] = {}
    clashes = []
    for intent, example in _examples():
        key = _normal(example)
        if key in seen and seen[key] != intent:
            clashes.append((example, seen[key], intent))
        seen[key] = intent
    assert not clashes


def test_every_intent_has_enough_examples():
    counts: dict[str, int] = {}
    for intent, _ in _examples():
        counts[intent] = counts.get(intent, 0) + 1
    assert min(counts.values()) >= 25, counts
