"""Choose the fact(s) that answer a question: one scoring rule over every fact.

    score(fact) = W.intent   * P(intent of the fact's topic)      (the classifier)
                + W.term     * [the user named one of its terms]  (the entity ruler;
                                only where the question fits the fact too)
                + W.text     * similarity to the fact's own text  (quotes, answer, terms)
                + W.examples * similarity to its example questions (curation.yml)
                + W.context  * [a follow-up, and the fact is in the last topic or
                                linked to the last fact by the curation's `why` (the
                                cramp advice after calf cramps, rest after stress)]
                + W.summary  * [the fact is part of its topic's general answer]

The last term breaks near-ties towards the general answer, which is never wrong
(the overview of causes lists every cause) where a specific fact could be.

Similarities are cosines of TF-IDF vectors on spaCy lookup lemmas plus character
n-grams (robust to "calcuim", "legz"), scaled by coverage both ways: by the share of
the question's words the article's vocabulary knows (so "help with my maths
homework" is not "what helps?"), and, for an example, by the share of the example's
words the question contains (so "what causes it?" matches "what causes it" better
than "is calcium a cause?": a specific example needs its specific word). A follow-up is a short message that points
back ("it", "they", "even X?", "what kind?") or an ask_about / ask_more / ask_why
intent. A follow-up that points back ("how do I get more of it?") is read with the last
fact's terms added ("... calcium"),. The best fact wins when it clears MIN_SCORE; a topic's general question
("what causes it?") is answered with the topic's summary facts. Plain Python;
the weights are tuned on eval/dev.yml only (never on eval/sealed.yml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from actions.knowledge import Fact, KnowledgeBase
from actions.lemmas import lemmatize
from actions.retrieval import STOP, FactRetriever, analyze

TOPIC_INTENTS = {"ask_causes": "causes", "ask_mechanism": "mechanism", "ask_who": "who",
                 "ask_lab_values": "lab", "give_lab_value": "lab", "ask_doctor": "doctor",
                 "ask_cramps": "cramps", "ask_relief": "relief"}
FOLLOW_UP_INTENTS = frozenset({"ask_about", "ask_more", "ask_why", "affirm"})
_POINTS_BACK = re.compile(
    r"\b(?:it|its|they|them|their|that|this|those|these|one|ones|even|also|too|then|what kind"
    r"|which ones?|what about|how about|and|so|such)\b", re.I)
FOLLOW_UP_MAX_WORDS = 10


@dataclass(frozen=True)
class Weights:
    intent: float = 0.35
    term: float = 0.15
    text: float = 0.35
    examples: float = 0.80
    context: float = 0.25
    summary: float = 0.05


WEIGHTS = Weights()
MIN_SCORE = 0.30  # below this, no fact answers the question
# A named term counts for a fact whose example match is at least this share of the
# best one: "anaemia" settles a close call, it does not overrule "what can I do?".
TERM_SHARE = 0.5
GENERIC_SHARE = 0.15  # a word in the examples of this share of the facts is generic
# An unsure classifier and two topics this close: ask "did you mean A or B?"
AMBIGUITY_MARGIN = 0.1
# A question with no word of the article's subject must match an example this
# closely (similarity before weighting) to be answered from the article.
OFF_TOPIC_EXAMPLE_MATCH = 0.6
MOSTLY_KNOWN = 0.6  # ... or this share of its words must be the article's vocabulary


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float
    parts: Mapping[str, float]


def is_follow_up(text: str, intent: str | None, last_topic: str | None) -> bool:
    if not last_topic:
        return False
    if intent in FOLLOW_UP_INTENTS:
        return True
    words = text.split()
    return len(words) <= FOLLOW_UP_MAX_WORDS and bool(_POINTS_BACK.search(text))


def _content_words(text: str) -> str:
    return " ".join(analyze(text))


_CONVERSATIONAL = frozenset("tell much more please explain elaborate detail details go on yes "
                            "yeah yep sure ok okay".split())


def is_bare(text: str) -> bool:
    """Nothing but conversation: "tell me more", "yes please", "go on"."""
    return not [w for w in analyze(text) if w not in _CONVERSATIONAL]


# Question words carry meaning in short questions ("who gets it?" vs "what causes it?"),
# so the example matcher keeps them; other function words go.
_KEPT = frozenset("who what why how when which where get help do long many".split())


def _question_words(text: str) -> list[str]:
    return [w for w in lemmatize(text) if w not in STOP or w in _KEPT]


def _near(a: str, b: str) -> bool:
    """Equal, or one typo apart in a word of five letters or more ("calcuim")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))




class FactSelector:
    def __init__(self, kb: KnowledgeBase, retriever: FactRetriever,
                 weights: Weights = WEIGHTS) -> None:
        self.kb, self.retriever, self.weights = kb, retriever, weights
        self.fact_ids = list(kb.facts)
        self._row_owner: list[int] = []
        questions: list[str] = []
        general = {topic.summary[0]: (topic.question, topic.title) for topic in kb.topics.values()}
        for index, fact_id in enumerate(self.fact_ids):
            # a topic's own question and title are examples of its general answer
            own = general.get(fact_id, ())
            for question in (*kb.facts[fact_id].examples, *own):
                questions.append(question)
                self._row_owner.append(index)
        self.words = TfidfVectorizer(analyzer=_question_words, sublinear_tf=True)
        # character n-grams of the content lemmas only, so typos match ("calcuim")
        # but function words ("can you", "what is") do not
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                     preprocessor=_content_words)
        self.example_matrix = self._vectors(questions, fit=True)
        self._example_words = [frozenset(_question_words(q)) for q in questions]
        # word -> the example rows that contain it, for vectorised coverage
        self._rows_with: dict[str, list[int]] = {}
        for row, words in enumerate(self._example_words):
            for word in words:
                self._rows_with.setdefault(word, []).append(row)
        self._example_len = np.array([max(len(w), 1) for w in self._example_words], dtype=float)
        self._near_cache: dict[str, frozenset[str]] = {}
        self.vocabulary = (set(self.words.vocabulary_) | set(retriever.vectorizer.vocabulary_)
                           | set(retriever.anchors))
        self._owner = np.array(self._row_owner)
        self._summary_ids = {f for t in kb.topics.values() for f in t.summary}
        # Words in the examples of many facts say nothing about which fact is meant
        # ("twitch", "night", "why"): a question of only such words is a broad one.
        spread: dict[str, set[int]] = {}
        for row, words in enumerate(self._example_words):
            for word in words:
                spread.setdefault(word, set()).add(self._row_owner[row])
        self.generic = {w for w, facts in spread.items()
                        if len(facts) >= GENERIC_SHARE * len(self.fact_ids)}

    def _vectors(self, texts: Sequence[str], fit: bool = False) -> Any:
        words = self.words.fit_transform(texts) if fit else self.words.transform(texts)
        chars = self.chars.fit_transform(texts) if fit else self.chars.transform(texts)
        return normalize(hstack([words, chars]).tocsr())

    def _example_similarity(self, text: str) -> np.ndarray:
        """Per fact: the best covered similarity between the question and one of its
        examples."""
        sims = (self.example_matrix @ self._vectors([text[:2000]]).T).toarray().ravel()
        words = set(_question_words(text[:2000]))
        cover = self._coverage(words)
        best = np.zeros(len(self.fact_ids))
        np.maximum.at(best, self._owner, sims * np.sqrt(cover))
        return best * self._known_share(words)

    def _coverage(self, words: set[str]) -> np.ndarray:
        """Per example: the share of its words that the question contains (typos allowed)."""
        matched: set[str] = set()
        for word in words:
            matched |= self._near_words(word, self._rows_with)
        counts = np.zeros(len(self._example_words))
        for word in matched:
            counts[self._rows_with[word]] += 1
        return counts / self._example_len

    def _near_words(self, word: str, vocabulary: Any) -> frozenset[str]:
        """`word` itself if known, else the known words one typo away (cached)."""
        if word in vocabulary:
            return frozenset((word,))
        key = f"{id(vocabulary)}:{word}"
        if key not in self._near_cache:
            if len(self._near_cache) > 20_000:  # bounded: hostile input cannot grow it
                self._near_cache.clear()
            self._near_cache[key] = frozenset(
                w for w in vocabulary if len(word) >= 5 and abs(len(w) - len(word)) <= 1
                and _near(word, w))
        return self._near_cache[key]

    def _known_share(self, words: set[str]) -> float:
        """sqrt of the share of the question's words that the article's vocabulary knows."""
        if not words:
            return 1.0
        known = sum(1 for w in words if self._near_words(w, self.vocabulary))
        return float(np.sqrt(known / len(words)))

    def _text_similarity(self, text: str) -> np.ndarray:
        scores = {m.fact.id: m.score for m in self.retriever.search(
            text, limit=len(self.fact_ids), require_anchor=False)}
        share = self._known_share(set(analyze(text[:2000])))
        return np.array([scores.get(i, 0.0) for i in self.fact_ids]) * share

    def rank(self, text: str, ranking: Mapping[str, float], named: set[str],
             last_topic: str | None, follow_up: bool,
             last_fact: str | None = None) -> list[Scored]:
        """Every fact with its score, best first. `named` holds the ids of facts whose
        terms the user named; `ranking` is the classifier's intent -> confidence."""
        topic_p: dict[str, float] = {}
        for intent, confidence in ranking.items():
            topic = TOPIC_INTENTS.get(intent)
            if topic:
                topic_p[topic] = max(topic_p.get(topic, 0.0), confidence)
        if follow_up and last_fact and not named and _POINTS_BACK.search(text):
            text = f"{text} {self._subject_of(last_fact)}"  # "how do I get more of it" + calcium
        examples = self._example_similarity(text)
        texts = self._text_similarity(text)
        w = self.weights
        top_example = float(examples.max()) if len(examples) else 0.0
        scored = []
        for i, fact_id in enumerate(self.fact_ids):
            fact = self.kb.facts[fact_id]
            parts = {
                "intent": w.intent * topic_p.get(fact.topic, 0.0),
                "term": w.term * (fact_id in named and examples[i] >= TERM_SHARE * top_example),
                "text": w.text * texts[i],
                "examples": w.examples * examples[i],
                "context": w.context * (follow_up and self._in_context(fact, last_topic, last_fact)),
                "summary": w.summary * (fact_id in self._summary_ids),
            }
            scored.append(Scored(fact, sum(parts.values()), parts))
        return sorted(scored, key=lambda s: -s.score)

    def close_call(self, ranked: Sequence[Scored]) -> bool:
        """The two best facts come from different topics and score about the same."""
        first = ranked[0]
        second = next((s for s in ranked[1:] if s.fact.topic != first.fact.topic), None)
        return second is not None and first.score - second.score < AMBIGUITY_MARGIN

    def _subject_of(self, fact_id: str) -> str:
        """What "it" / "that" most likely refers to: the terms of the last fact."""
        fact = self.kb.facts[fact_id]
        return " ".join(value.replace("_", " ") for values in fact.terms.values() for value in values)

    @staticmethod
    def _in_context(fact: Fact, last_topic: str | None, last_fact: str | None) -> bool:
        return fact.topic == last_topic or (fact.why is not None and fact.why == last_fact)

    def about_the_article(self, text: str, best: Scored) -> bool:
        """For a question without the article's subject words: answer it only if it
        matches an example closely or is mostly in the article's own words
        ("is it comon among women?" yes; "recommend a good mattress brand?" no)."""
        close = best.parts["examples"] / self.weights.examples >= OFF_TOPIC_EXAMPLE_MATCH
        return close or self._known_share(set(analyze(text))) ** 2 >= MOSTLY_KNOWN

    def is_broad(self, text: str) -> bool:
        """Only words that many facts share: the question asks for the general answer."""
        return all(w in self.generic for w in _question_words(text))

    def answer(self, best: Scored, broad: bool = False) -> list[Fact]:
        """The facts to show for the winner: a topic's general answer is its summary,
        and a broad question gets the general answer of the winner's topic."""
        summary = self.kb.summary(best.fact.topic)
        return summary if best.fact in summary or broad else [best.fact]
