"""A learned red-flag signal: one of the safety screen's three signals.

The phrase rules (actions/safety/rules.py) are exact but brittle: people describe a seizure
as "eyes rolled back and he went rigid", an overdose as "popped a heap of his nan's
pills". This model reads character and word n-grams of the normalised text and was
fitted on the red-flag examples in data/safety/ (written blind from
docs/medical-notes.md, labelled emergency / urgent / routine / none). It only ever
raises the level, never lowers what a rule found, so the rules stay a floor.

Thresholds (chosen by cross-validation, `make eval` reports it):
* P(emergency) >= EMERGENCY_P: an emergency on its own;
* P(routine) >= ROUTINE_P: worth a routine visit;
* P(emergency) >= CAUTION_P: unsure, so the answer opens with the emergency number.
Plain Python with scikit-learn; fitted once per process (about a second).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "safety"
# Ordinary messages: the NLU training examples of every other intent are "none", so
# the model learns what an everyday question looks like ("hello" is not a red flag).
NLU = ROOT / "data" / "nlu"
# Suicide and self-harm are their own label, so the reply can give a crisis line.
LABELS = ("none", "routine", "urgent", "emergency", "crisis")
EMERGENCY_P = 0.7
URGENT_P = 0.6
ROUTINE_P = 0.8  # routine on its own: "book a visit", with the article's answer
CAUTION_P = 0.5
CRISIS_P = 0.15  # a chance of self-harm this large adds a crisis line to any safety reply
CRISIS_EMERGENCY_P = 0.25  # this large, in an emergency, makes it the crisis reply
CRISIS_ALONE_P = 0.4  # and this large on its own


@dataclass(frozen=True)
class Estimate:
    emergency: float  # probability of an emergency (crisis included)
    crisis: float  # of which suicide / self-harm
    urgent: float
    routine: float


def label(case: dict) -> str:
    return "crisis" if case.get("crisis_line") else case["level"]


# Typed lab results are judged by their number (actions/lab_values), which n-grams
# cannot read: fitted on them, the model called "ionised calcium 1.2 mmol/L" urgent.
NOT_LEARNED = frozenset({"critical_lab"})


def examples(paths: Iterable[Path] | None = None) -> list[dict]:
    """Labelled cases; a case with earlier messages is read with the last of them."""
    cases: list[dict] = []
    for path in sorted(paths or DATA.glob("*.yml")):
        cases += yaml.safe_load(path.read_text(encoding="utf-8"))
    return [c for c in cases if c.get("flag") not in NOT_LEARNED]


def everyday_examples() -> list[dict]:
    """NLU examples of every intent but report_emergency, as "none" cases (the labelled
    red-flag data says what an emergency is; these say what an everyday message is)."""
    cases = []
    for path in sorted(NLU.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if block.get("intent") == "report_emergency":
                continue
            level = "none"
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- ") and "[" not in line:
                    cases.append({"text": line[2:], "level": level})
    return cases


def case_text(case: dict) -> str:
    """The message alone: the rules read the previous one for context; the model, fed
    both, learned that a long story means danger."""
    return case["text"]


# Everyday messages teach "ordinary" without drowning the near misses, which are
# the informative negatives: each counts this much of a red-flag case.
EVERYDAY_WEIGHT = 0.2


def fit(cases: list[dict], normalise: Callable[[str], str], everyday: list[dict] | None = None) -> Pipeline:
    """Red-flag cases weighted so every label counts equally, plus everyday messages."""
    everyday = everyday or []
    labels = [label(c) for c in cases]
    counts = Counter(labels)
    weights = [len(labels) / (len(counts) * counts[x]) for x in labels]
    weights += [EVERYDAY_WEIGHT] * len(everyday)
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
    )
    model = make_pipeline(features, LogisticRegression(C=10, max_iter=3000))
    model.fit(
        [normalise(case_text(c)) for c in cases + everyday],
        labels + ["none"] * len(everyday),
        logisticregression__sample_weight=weights,
    )
    return model


def estimate(model: Pipeline, text: str) -> Estimate:
    probs = dict(zip(model.classes_, _compiled(model).probabilities(text)))
    crisis = probs.get("crisis", 0.0)
    return Estimate(
        probs.get("emergency", 0.0) + crisis, crisis, probs.get("urgent", 0.0), probs.get("routine", 0.0)
    )


class _Compiled:
    """The fitted pipeline's arithmetic for one text, without scikit-learn's per-call
    validation and sparse-matrix building (about 3 ms of the action server's ~13 ms
    per message, issue 13): each TF-IDF part's n-grams looked up in its vocabulary,
    sublinear tf x idf, L2-normalised, then the logistic regression's softmax.
    tests/test_safety_model.py checks it equals predict_proba."""

    def __init__(self, model: Pipeline) -> None:
        union, regression = model.steps[0][1], model.steps[-1][1]
        self.parts = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            self.parts.append(
                (
                    vectorizer.build_analyzer(),
                    vectorizer.vocabulary_,
                    vectorizer.idf_,
                    vectorizer.sublinear_tf,
                    offset,
                )
            )
            offset += len(vectorizer.vocabulary_)
        self.coef, self.intercept = regression.coef_, regression.intercept_

    def probabilities(self, text: str) -> list[float]:
        decision = self.intercept.astype(float)
        for analyze, vocabulary, idf, sublinear, offset in self.parts:
            counts = Counter(j for j in map(vocabulary.get, analyze(text)) if j is not None)
            if not counts:
                continue
            columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
            weights = (1.0 + np.log(tf) if sublinear else tf) * idf[columns]
            decision = decision + self.coef[:, offset + columns] @ (weights / np.sqrt(weights @ weights))
        exp = np.exp(decision - decision.max())
        return [float(x) for x in exp / exp.sum()]


def _compiled(model: Pipeline) -> _Compiled:
    compiled = getattr(model, "_compiled_for_one_text", None)
    if compiled is None:
        compiled = _Compiled(model)
        model._compiled_for_one_text = compiled
    return compiled


_override: list[Pipeline | None] = []


@contextlib.contextmanager
def using(model: Pipeline | None) -> Iterator[None]:
    """Screen with another model (cross-validation: one fitted without the fold)."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def default_model() -> Pipeline | None:
    """The model fitted on the project's red-flag data; None if there is none."""
    return _override[-1] if _override else _project_model()


@lru_cache(maxsize=1)
def _project_model() -> Pipeline | None:
    from actions.safety import _normalise  # the screen's own normalisation

    cases = examples()
    return fit(cases, _normalise, everyday_examples()) if cases else None
