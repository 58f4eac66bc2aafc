"""Unanswered questions grouped by their lemmas (the project's spaCy pipeline).

Each question becomes its content lemmas (spaCy's lookup lemmatizer from
build/spacy_twitching, without stop words, punctuation, numbers and the words every
question here shares). A question joins the group of its most frequent lemma across
all unanswered questions (ties: alphabetical), so "is the flu vaccine safe?" and
"where can I get a flu vaccine" meet under "flu vaccine". The label is that lemma
and up to two more that over half of the group's questions share. Deterministic, explainable, and
good enough for a weekly read; no model to train.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
SPACY_MODEL = ROOT / "build" / "spacy_twitching"
# Words of the assistant's own subject: in every question, they would lump all together.
DOMAIN_WORDS = frozenset(
    {"twitch", "twitching", "sleep", "jerk", "article", "bot", "please", "hi", "hello", "thank", "thanks"}
)


@dataclass(frozen=True)
class Cluster:
    label: str
    count: int
    example: str
    lemmas: tuple[str, ...]


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    if not SPACY_MODEL.exists():
        raise FileNotFoundError(f"{SPACY_MODEL.relative_to(ROOT)} is missing: run `make setup`")
    return spacy.load(SPACY_MODEL)


def spacy_lemmas(text: str) -> list[str]:
    return [t.lemma_.lower() for t in _nlp()(text) if t.is_alpha and not t.is_stop and len(t.text) > 1]


def content_lemmas(text: str, lemmatize: Callable[[str], list[str]] = spacy_lemmas) -> list[str]:
    seen: list[str] = []
    for lemma in lemmatize(text):
        if lemma not in DOMAIN_WORDS and lemma not in seen:
            seen.append(lemma)
    return seen


def cluster(questions: Iterable[str], lemmatize: Callable[[str], list[str]] = spacy_lemmas) -> list[Cluster]:
    """Groups of questions, largest first, each with a label, a count and an example
    (its most frequent wording; ties: the shortest)."""
    items = [(q, content_lemmas(q, lemmatize)) for q in questions if q and q.strip()]
    frequency = Counter(lemma for _, lemmas in items for lemma in lemmas)
    groups: dict[str, list[tuple[str, list[str]]]] = {}
    for question, lemmas in items:
        key = min(lemmas, key=lambda lem: (-frequency[lem], lem)) if lemmas else "(no content words)"
        groups.setdefault(key, []).append((question, lemmas))
    clusters = []
    for key, members in groups.items():
        shared = Counter(lemma for _, lemmas in members for lemma in lemmas)
        others = sorted(
            (lem for lem, n in shared.items() if n * 2 > len(members) and lem != key),
            key=lambda lem: (-shared[lem], lem),
        )
        label_lemmas = (key, *others[:2])
        wordings = Counter(q.strip() for q, _ in members)
        example = min(wordings, key=lambda q: (-wordings[q], len(q), q))
        clusters.append(Cluster(" ".join(label_lemmas), len(members), example, label_lemmas))
    return sorted(clusters, key=lambda c: (-c.count, c.label))
