"""Choose the fact(s) that answer a question: one scoring rule over every fact.

    score(fact) = W.intent   * P(intent of the fact's topic)      (the classifier)
                + W.term     * [the user named one of its terms]  (the entity ruler;
                                only where the question fits the fact too)
                + W.text     * similarity to the fact's own text  (quotes, answer, terms)
                + W.examples * similarity to its example questions (curation.yml)
                + W.model    * P(fact | question) from a classifier trained on
                               every fact's example questions
                + W.context  * [a follow-up, and the fact is in the last topic or
                                linked to the last fact by the curation's `why` (the
                                cramp advice after calf cramps, rest after stress)]
                + W.summary  * [the fact is part of its topic's general answer]
                + W.kind     * [the question asks for a kind of answer (a level, foods,
                                a treatment, how common, which muscles: coverage.py's
                                ANSWER_KINDS) and the fact gives that kind]

The last term breaks near-ties towards the general answer, which is never wrong
(the overview of causes lists every cause) where a specific fact could be.

Similarities are cosines of TF-IDF vectors on spaCy lookup lemmas plus character
n-grams (robust to "calcuim", "legz"), scaled by coverage both ways: by the share of
the question's words the article's vocabulary knows (so "help with my maths
homework" is not "what helps?"), and, for an example, by the share of the example's
words the question contains (so "what causes it?" matches "what causes it" better
than "is calcium a cause?": a specific example needs its specific word). A follow-up is a
short message that points back ("it", "they", "even X?", "what kind?") or has no
subject of its own, or an ask_about / ask_more / ask_why intent. A follow-up in the
same topic ("what level counts as low?") is read with the last fact's terms added
("... magnesium"); one in a new topic never gets the last fact again; "and calcium?"
is read as the previous question about calcium. The best fact wins when it clears
MIN_SCORE; a topic's general question ("what causes it?") is answered with the
topic's summary facts. Plain Python; the weights are tuned on the dev sets only
(never on the sealed ones).

Just over 400 lines on purpose: the scoring rule's parts (similarities, classifier,
context, follow-up reading) share one vectoriser and one fact table, and splitting them
would pass both around without making any part simpler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from actions import coverage, one_text
from actions.knowledge import Fact, KnowledgeBase
from actions.lemmas import lemmatize
from actions.replies import TOPIC_INTENTS
from actions.retrieval import STOP, FactRetriever, analyze
from actions.spelling import one_typo_apart

# Each topic's own intent (one map, in replies.py, which also makes its buttons) read the
# other way; a lab value given is about the lab topic too.
TOPIC_OF_INTENT = {intent: topic for topic, intent in TOPIC_INTENTS.items()} | {"give_lab_value": "lab"}
FOLLOW_UP_INTENTS = frozenset({"ask_about", "ask_more", "ask_why", "affirm"})
_POINTS_BACK = re.compile(
    r"\b(?:it|its|they|them|their|that|this|those|these|one|ones|even|also|too|then|what kind"
    r"|which ones?|what about|how about|and|so|such)\b",
    re.I,
)
# "it", "that": what the last answer was about ("how do I get more of it?")
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|that|this|those|these)\b", re.I)
# "which one is most common?", "which of those ...": a pointer to the answer just given
POINTS_TO_LAST = re.compile(
    r"\bw(?:h)?ich (?:one|1|of (?:them|those|these|the \w+))\b"
    r"|\b(?:of|among|from) (?:those|these|them)\b"
    # "which ones are they again?"
    r"|\b(?:which|what) (?:ones? )?(?:are|were) (?:they|those|these|them)\b[^?]*\bagain\b"
    # "like what?", "such as?": examples of what was just said
    r"|^\W*(?:like what|such as|for example|for instance|examples?|what kind of things)\W*$",
    re.I,
)
FOLLOW_UP_MAX_WORDS = 10
SUBJECTLESS_MAX_WORDS = 6
# The classifier this sure that a follow-up is about another topic: the last fact
# is not repeated ("what foods have it?" after the calcium cause is about relief).
NEW_TOPIC = 0.5


@dataclass(frozen=True)
class Weights:
    intent: float = 0.35
    term: float = 0.15
    text: float = 0.20
    examples: float = 0.80
    model: float = 1.0
    context: float = 0.60
    summary: float = 0.05
    kind: float = 1.00


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
MODEL_C = 10.0  # inverse regularisation of the fact classifier
# The runner-up is shown too when it scores at least this share of the winner.
SECOND_SHARE = 0.75
MAX_FACTS = 2
# People asking "why does it happen?" want the reasons; the mechanism is a second line.
WHY = re.compile(
    r"\b(?:why|how come|what (?:actually |really |exactly |even )?(?:causes|makes)|reasons?)\b", re.I
)
WHY_TOPICS = frozenset({"causes", "mechanism"})
WHY_ANSWER = ("causes.overview", "mechanism.why")
# "... what causes that and how do I stop it happening again?": a second question, for relief
ALSO_HOW_TO_STOP = re.compile(
    r"(?:\band\b|[,;?.]) *(?:also |then )?(?:how (?:do|can|could|should|would) (?:i|we|you|he|she|they)"
    r"|what (?:can|could|should) (?:i|we|you|he|she|they)(?: do)?) (?:\w+ ){0,2}"
    r"(?:stop|prevent|avoid|ease|relieve|help|fix|get rid|treat|deal)",
    re.I,
)
# "what relieves a cramp?", "the fastest fix when it happens?": what to do in the moment
ASKS_FOR_RELIEF = re.compile(
    r"\b(?:reliev\w*|relief|remed(?:y|ies)|fix(?:es)?|treat(?:s|ing|ment)?|eas(?:e|es|ing)|get rid"
    r"|stop(?:s|ping)? (?:it|them|a|the)\b|what (?:to|do i|should i|can i|do you) do)",
    re.I,
)
CRAMP_OR_MOMENT = re.compile(
    r"\bcramp\w*|\bcharley horse|\b(?:when|while|as soon as|once) (?:it|they|one|a cramp|the cramp)"
    r" (?:happens?|hits?|starts?|comes?|strikes?)\b|\bin the moment\b|\bright (?:away|then)\b|\bfastest\b"
    r"|\bquick(?:est)? (?:fix|way|relief)\b",
    re.I,
)
ASKS_WHAT_OR_WHY = re.compile(
    r"\bwhat(?:'s| is| are| s)\b|\bdefin\w*|\bmean\w*|\bdiff\w*|\bvs\b|\bversus\b|\bexplain\w*"
    r"|\bwhy\b|\bhow (?:common|many|often|long|come)\b|\bwho\b|\bcaus\w*",
    re.I,
)


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float
    parts: Mapping[str, float]


def is_follow_up(text: str, intent: str | None, last_topic: str | None, names_subject: bool = False) -> bool:
    """A message read in the light of the last answer: a follow-up intent, a short
    message that points back ("even if I walk?"), or a short one with no subject of
    its own ("what level counts as low?")."""
    if not last_topic:
        return False
    if intent in FOLLOW_UP_INTENTS:
        return True
    words = text.split()
    return len(words) <= FOLLOW_UP_MAX_WORDS and (
        bool(_POINTS_BACK.search(text)) or (len(words) <= SUBJECTLESS_MAX_WORDS and not names_subject)
    )


_ELLIPSIS = re.compile(
    r"^\W*(?:and|what about|how about|same for|and for|and what about"
    r"|and how about|also)\s+(?P<rest>.+?)[\s?.!]*$",
    re.I,
)


def resolve_ellipsis(text: str, previous: str | None, kb: KnowledgeBase) -> str:
    """ "and calcium?" after "what's a normal magnesium level?" is read as "what's a
    normal calcium level?": the previous question with the new term put in place of
    the one of its kind. Words that are no term ("and duration?") stand for
    themselves, read in the last topic's context."""
    match = _ELLIPSIS.match(text)
    if not match or not previous or len(match.group("rest").split()) > 4:
        return text
    rest = match.group("rest")
    for label, values in kb.terms.items():
        if kb.canonical(label, rest) is None:
            continue
        phrases = sorted(
            {p for value, ps in values.items() for p in (value.replace("_", " "), *ps)}, key=len, reverse=True
        )
        for phrase in phrases:
            pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.I)
            if pattern.search(previous):
                return pattern.sub(rest, previous, count=1)
        return f"{previous} {rest}"
    return rest


def _content_words(text: str) -> str:
    return " ".join(analyze(text))


_CONVERSATIONAL = frozenset(
    "tell much more please explain elaborate detail details go on yes " "yeah yep sure ok okay".split()
)


def is_bare(text: str) -> bool:
    """Nothing but conversation: "tell me more", "yes please", "go on"."""
    return not [w for w in analyze(text) if w not in _CONVERSATIONAL]


# Question words carry meaning in short questions ("who gets it?" vs "what causes it?"),
# so the example matcher keeps them; other function words go.
_KEPT = frozenset("who what why how when which where get help do long many".split())


def _question_words(text: str) -> list[str]:
    return [w for w in lemmatize(text) if w not in STOP or w in _KEPT]


class FactSelector:
    def __init__(self, kb: KnowledgeBase, retriever: FactRetriever, weights: Weights = WEIGHTS) -> None:
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
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, preprocessor=_content_words
        )
        self.example_matrix = self._vectors(questions, fit=True)
        self._example_words = [frozenset(_question_words(q)) for q in questions]
        # word -> the example rows that contain it, for vectorised coverage
        self._rows_with: dict[str, list[int]] = {}
        for row, words in enumerate(self._example_words):
            for word in words:
                self._rows_with.setdefault(word, []).append(row)
        self._example_len = np.array([max(len(w), 1) for w in self._example_words], dtype=float)
        self._near_cache: dict[str, frozenset[str]] = {}
        self._fact_words: dict[str, frozenset[str]] = {}
        self.vocabulary = (
            set(self.words.vocabulary_) | set(retriever.vectorizer.vocabulary_) | set(retriever.anchors)
        )
        self._owner = np.array(self._row_owner)
        # Nearest example is brittle where a fact has few examples; a classifier
        # trained on all of them weighs the words that tell facts apart.
        self.model = LogisticRegression(C=MODEL_C, max_iter=2000, class_weight="balanced")
        self.model.fit(self.example_matrix, self._owner)
        # the same arithmetic for one message without scikit-learn's per-call overhead
        self._words_one = one_text.OneText(self.words)
        self._chars_one = one_text.OneText(self.chars, offset=len(self.words.vocabulary_))
        self._example_products = one_text.RowProducts(self.example_matrix)
        self._probabilities = one_text.Probabilities(self.model)
        self._summary_ids = {f for t in kb.topics.values() for f in t.summary}
        self._fact_text = {i: " ".join((kb.facts[i].answer, *kb.facts[i].quotes)) for i in self.fact_ids}
        # Words in the examples of many facts say nothing about which fact is meant
        # ("twitch", "night", "why"): a question of only such words is a broad one.
        spread: dict[str, set[int]] = {}
        for row, words in enumerate(self._example_words):
            for word in words:
                spread.setdefault(word, set()).add(self._row_owner[row])
        self.generic = {w for w, facts in spread.items() if len(facts) >= GENERIC_SHARE * len(self.fact_ids)}

    def _vectors(self, texts: Sequence[str], fit: bool = False) -> Any:
        words = self.words.fit_transform(texts) if fit else self.words.transform(texts)
        chars = self.chars.fit_transform(texts) if fit else self.chars.transform(texts)
        return normalize(hstack([words, chars]).tocsr())

    def _vector(self, text: str) -> one_text.Weights:
        """`_vectors([text])` for one message."""
        return one_text.stacked(self._words_one.weights(text), self._chars_one.weights(text))

    def _example_similarity(self, vector: one_text.Weights, words: set[str], known: float) -> np.ndarray:
        """Per fact: the best covered similarity between the question and one of its
        examples."""
        sims = self._example_products(vector)
        cover = self._coverage(words)
        best = np.zeros(len(self.fact_ids))
        np.maximum.at(best, self._owner, sims * np.sqrt(cover))
        return best * known

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
                w for w in vocabulary if abs(len(w) - len(word)) <= 1 and one_typo_apart(word, w)
            )
        return self._near_cache[key]

    def _known_share(self, words: set[str]) -> float:
        """sqrt of the share of the question's words that the article's vocabulary knows."""
        if not words:
            return 1.0
        known = sum(1 for w in words if self._near_words(w, self.vocabulary))
        return float(np.sqrt(known / len(words)))

    def _model_probability(self, vector: one_text.Weights, known: float) -> np.ndarray:
        """Per fact: the classifier's probability, scaled like the similarities by
        the share of the question's words the article knows."""
        probability = np.zeros(len(self.fact_ids))
        probability[self.model.classes_] = self._probabilities(vector)
        return probability * known

    def _text_similarity(self, text: str) -> np.ndarray:
        scores = {
            m.fact.id: m.score
            for m in self.retriever.search(text, limit=len(self.fact_ids), require_anchor=False)
        }
        share = self._known_share(set(analyze(text[:2000])))
        return np.array([scores.get(i, 0.0) for i in self.fact_ids]) * share

    def rank(
        self,
        text: str,
        ranking: Mapping[str, float],
        named: set[str],
        last_topic: str | None,
        follow_up: bool,
        last_fact: str | None = None,
        excluded: frozenset[str] | set[str] = frozenset(),
    ) -> list[Scored]:
        """Every fact with its score, best first. `named` holds the ids of facts whose
        terms the user named; `ranking` is the classifier's intent -> confidence."""
        topic_p: dict[str, float] = {}
        for intent, confidence in ranking.items():
            topic = TOPIC_OF_INTENT.get(intent)
            if topic:
                topic_p[topic] = max(topic_p.get(topic, 0.0), confidence)
        other_topic = max((p for t, p in topic_p.items() if t != last_topic), default=0.0)
        moved_on = other_topic >= NEW_TOPIC
        original = text
        if follow_up and last_fact and not named and (not moved_on or _PRONOUN.search(text)):
            text = f"{text} {self._subject_of(last_fact)}"  # "what level counts as low" + magnesium
        # the question's vector and words, once for both the examples and the classifier
        vector = self._vector(text[:2000])
        words = set(_question_words(text[:2000]))
        known = self._known_share(words)
        examples = self._example_similarity(vector, words, known)
        texts = self._text_similarity(text)
        model = self._model_probability(vector, known)
        w = self.weights
        top_example = float(examples.max()) if len(examples) else 0.0
        # The conversation's context counts as far as the question has no topic of its
        # own: "what should I do then?" after the causes is the classifier's relief.
        context_weight = w.context * (1.0 - other_topic) if follow_up else 0.0
        # "what would they give me?" after "see a doctor, who may give medication":
        # every word of the follow-up is in the last answer, so it asks about that
        # (with the last answer's subject for a follow-up: "and how I stop it?" after the cramp)
        kinds = coverage.answer_kinds(f"{last_topic}: {original}" if follow_up and last_topic else original)
        asks_about_last = bool(follow_up and last_fact and self._asks_about(last_fact, original, kinds))
        scored = []
        for i, fact_id in enumerate(self.fact_ids):
            fact = self.kb.facts[fact_id]
            parts = {
                "intent": w.intent
                * max(topic_p.get(fact.topic, 0.0), topic_p.get(fact.also_topic or "", 0.0)),
                "term": w.term * (fact_id in named and examples[i] >= TERM_SHARE * top_example),
                "text": w.text * texts[i],
                "examples": w.examples * examples[i],
                "model": w.model * model[i],
                "context": context_weight * self._in_context(fact, last_topic, last_fact),
                "summary": w.summary * (fact_id in self._summary_ids),
                "kind": w.kind * any(kind.given.search(self._fact_text[fact_id]) for kind in kinds),
            }
            if fact_id == last_fact and asks_about_last:
                parts["context"] = w.context
            total = sum(parts.values())
            if (fact_id == last_fact and follow_up and moved_on and not asks_about_last) or (
                fact_id in excluded
            ):
                total = 0.0
            scored.append(Scored(fact, total, parts))
        return sorted(scored, key=lambda s: -s.score)

    def close_call(self, ranked: Sequence[Scored]) -> bool:
        """The two best facts come from different topics and score about the same."""
        first = ranked[0]
        second = next((s for s in ranked[1:] if s.fact.topic != first.fact.topic), None)
        return second is not None and first.score - second.score < AMBIGUITY_MARGIN

    def _asks_about(self, fact_id: str, text: str, kinds: Sequence[coverage.Detail]) -> bool:
        """The follow-up asks about the fact just given: every content word of it is in
        the fact, and where those are only words many questions share ("how do I get
        more of it?"), the fact also gives the kind of answer asked ("what would they
        give me?" after the medication)."""
        if not self._covered_by(fact_id, text):
            return False
        content = analyze(text[:300])
        if len(content) < 3 and all(w in self.generic for w in content) and kinds:
            return any(kind.given.search(self._fact_text[fact_id]) for kind in kinds)
        return True

    def _covered_by(self, fact_id: str, text: str) -> bool:
        """Every content word of `text` is in the fact's answer, caveat or keywords
        (compared on their first five letters: "treatment" ~ "treated")."""
        content = analyze(text[:300])
        if not content:
            return False
        words = {w[:5] for w in content}
        if fact_id not in self._fact_words:
            fact = self.kb.facts[fact_id]
            own = " ".join((fact.answer, fact.caveat or "", " ".join(fact.keywords)))
            self._fact_words[fact_id] = frozenset(w[:5] for w in analyze(own))
        return words <= self._fact_words[fact_id]

    def _subject_of(self, fact_id: str) -> str:
        """What "it" / "that" most likely refers to: the terms of the last fact."""
        fact = self.kb.facts[fact_id]
        return " ".join(value.replace("_", " ") for values in fact.terms.values() for value in values)

    @staticmethod
    def _in_context(fact: Fact, last_topic: str | None, last_fact: str | None) -> bool:
        """In the last topic or linked to the last fact."""
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

    def answer(
        self,
        ranked: Sequence[Scored],
        text: str,
        broad: bool = False,
        about_user: frozenset[str] | set[str] = frozenset(),
    ) -> list[Fact]:
        """The facts to show: the winner (as its topic's summary when it is a summary
        fact or the question is broad), then the runner-up when it scores nearly as
        well, so a question with two parts ("I'm pregnant, what causes it?") gets
        both. A broad "why" gets the reasons, then the mechanism."""
        best = ranked[0]
        if (best.fact.id in WHY_ANSWER or best.fact.topic == "mechanism" or broad) and (
            best.fact.topic in WHY_TOPICS and WHY.search(text)
        ):
            facts = [self.kb.fact(fact_id) for fact_id in WHY_ANSWER]
        elif best.fact.id in about_user and WHY.search(text):
            # "I'm pregnant, why is this happening?": the reasons, then what the
            # article says of pregnancy
            facts = [self.kb.fact(WHY_ANSWER[0])]
        else:
            summary = self.kb.summary(best.fact.topic)
            facts = summary if best.fact in summary or broad else [best.fact]
            runner_up = next((s for s in ranked[1:] if s.fact not in facts), None)
            if (
                len(facts) < MAX_FACTS
                and runner_up is not None
                and runner_up.score >= SECOND_SHARE * best.score
            ):
                facts = [*facts, runner_up.fact]
        # Someone describing their own calf cramps ("charley horse every night at 4am",
        # "7 months pregnant and my calves cramp") gets what the article says to do in the
        # moment as well (the fact's `advice` in curation.yml), unless they asked what a cramp is
        # or why (blind sets dev, dev8, dev9)
        if len(facts) == 1 and facts[0].advice and not ASKS_WHAT_OR_WHY.search(text):
            facts = [*facts, self.kb.fact(facts[0].advice)]
        # Relief asked for a cramp or for the moment it happens: the article's one piece of
        # advice for the moment (get up and step on the ground), not its general advice
        if ASKS_FOR_RELIEF.search(text) and CRAMP_OR_MOMENT.search(text):  # the fact scan only then
            moment = self.kb.facts_about("remedy", "during_attack")[:1]
            if moment and moment[0] not in facts:
                facts = [*[f for f in facts if f.topic != "relief"][: MAX_FACTS - 1], moment[0]]
        # Why and how to stop it, in one message: the best relief fact answers the second question
        if (
            best.fact.topic in ("causes", "cramps", "mechanism")
            and ALSO_HOW_TO_STOP.search(text)
            and all(f.topic != "relief" for f in facts)
        ):
            relief = next((s.fact for s in ranked if s.fact.topic == "relief"), None)
            if relief is not None:
                facts = [*facts[: MAX_FACTS - 1], relief]
        # Two things named, each the term of its own fact ("how does the article tell calf
        # cramps apart from myoclonus?"): both are answered, the best one without the
        # rest of its topic's summary when that would leave no room for the other
        others = [s.fact for s in ranked if s.parts.get("term") and s.fact not in facts]
        other_topic = bool(others) and others[0].topic != best.fact.topic
        if other_topic and len(facts) >= MAX_FACTS and best.parts.get("term"):
            facts = [best.fact]
        for named_fact in others:
            if len(facts) < MAX_FACTS:
                facts = [*facts, named_fact]
        # What the user said about themselves ("I'm pregnant", "I have anaemia") is
        # answered too when the article speaks of it.
        mentioned = next((s.fact for s in ranked if s.fact.id in about_user), None) or next(
            (s.fact for s in ranked if s.parts.get("term")), None
        )
        if mentioned is not None and mentioned not in facts:
            facts = [*facts, mentioned]
        return facts
