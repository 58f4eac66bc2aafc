"""Find the article fact that best answers a free-form question.

Used when no intent fits: TF-IDF (scikit-learn) over each fact's quotes, answer
and terms, on spaCy lookup lemmas. A question must mention something this article
is actually about (an anchor word) before any fact is offered, so "how do I lower
my cholesterol" does not get "lower limbs" back.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sklearn.feature_extraction.text import TfidfVectorizer

from actions import knowledge, one_text
from actions.lemmas import lemmatize

MIN_SCORE = 0.12
# What this article is about: a question must contain one of these lemmas (or a
# knowledge-file term) to be answered from it.
ANCHORS = frozenset(
    """
twitch twitching jerk jolt spasm cramp convulsion convulse tremor kick startle jump
myoclonus calcium magnesium serum epilepsy epileptic pancreatitis parathyroid fistula
gallbladder anemia anaemia kidney pregnancy pregnant angelica astragalus codonopsis
uncaria calf calves leg legs limb limbs reflex spinal muscle seizure
""".split()
)
# Function words only: scikit-learn's list also drops "last", "several" and "long",
# which matter here ("how long does a cramp last").
STOP = frozenset(
    """
a an the and or but if of to in on at by for with about as into from than then so
be is are was were been am do does did have has had i me my we our you your he she
it its they them their this that these those what which who whom how why when where
can could would should will shall may might must just also very too not no any some
there here s t ll ve m d re ok please get got make do thing really like lot lots
""".split()
)
# Words that appear in terms but are too general to prove a question is about
# this article ("sleep apnea", "stress at work").
GENERIC = frozenset(
    """
sleep schedule life work rest food diet routine positive attitude mindset pressure
worry ground floor stand before during attack problem disease medicine traditional
chinese rich junk fruit vegetable lazy brain nerve get bed exam cream
loss lose lack low deficiency deficient poor fitness physical shape
""".split()
)


# Health topics people ask a health bot about that this article does not cover.
# A question naming one of these, and nothing the article is about, is out of scope
# even when the classifier thinks it is a "causes" or "relief" question. Not "diet" (the
# article's food advice) nor "back" ("back up", "coming back"): blind set dev12.
OTHER_CONDITIONS = frozenset(
    """
headache migraine diabetes diabetic apnea apnoea snore snoring insomnia hair dandruff
acne pimple cholesterol allergy allergies hay cancer tumor tumour covid flu cold cough
fever asthma eczema psoriasis dermatitis rash teeth tooth dental eye vision hearing ear
weight obesity slimming blood-pressure hypertension heart stomach constipation
diarrhea diarrhoea prostate erection menopause period menstrual acne face wrinkle
depression adhd autism arthritis gout backache neck shoulder knee hip dizziness vertigo
sinus throat skin nail liver stroke thyroid-nodule sweat sweating
""".split()
)


@dataclass(frozen=True)
class Match:
    fact: knowledge.Fact
    score: float


def analyze(text: str) -> list[str]:
    return [w for w in lemmatize(text) if w not in STOP]


class FactRetriever:
    def __init__(self, kb: knowledge.KnowledgeBase, min_score: float = MIN_SCORE) -> None:
        self.kb = kb
        self.min_score = min_score
        self.fact_ids = list(kb.facts)
        self.vectorizer = TfidfVectorizer(analyzer=analyze, binary=True)
        # compared as lemmas: "ground" (step on the ground) is lemmatised to "grind",
        # which must not make "grinding teeth" a question about the article
        generic = GENERIC | {lemma for word in GENERIC for lemma in analyze(word)}
        self.matrix = self.vectorizer.fit_transform([self._document(kb.facts[i]) for i in self.fact_ids])
        # one message at a time without scikit-learn's per-call overhead (actions/one_text.py)
        self._query = one_text.OneText(self.vectorizer)
        self._scores = one_text.RowProducts(self.matrix)
        self.anchors = ANCHORS | {
            lemma
            for values in kb.terms.values()
            for value, phrases in values.items()
            for phrase in (value.replace("_", " "), *phrases)
            for lemma in analyze(phrase)
            if len(lemma) > 3 and lemma not in generic
        }

    def _document(self, fact: knowledge.Fact) -> str:
        """Quotes, answer, retrieval keywords, and the phrases of the fact's terms."""
        phrases = [
            phrase
            for label, values in fact.terms.items()
            for value in values
            for phrase in (value.replace("_", " "), *self.kb.terms.get(label, {}).get(value, ()))
        ]
        return " ".join((*fact.quotes, fact.answer, *phrases, *fact.keywords))

    def is_on_topic(self, question: str) -> bool:
        return any(word in self.anchors for word in analyze(question))

    def mentions_other_condition(self, question: str) -> bool:
        """Names a health topic this article does not cover, and nothing it does."""
        words = analyze(question)
        return any(w in OTHER_CONDITIONS for w in words) and not self.is_on_topic(question)

    def about_other_condition(self, question: str) -> bool:
        """Names a health topic this article does not cover, and none of the article's
        own subject words (ANCHORS), only words its terms share with other topics:
        "prostate blood test indicators" is about the prostate, not serum calcium."""
        words = analyze(question)
        return any(w in OTHER_CONDITIONS for w in words) and not any(w in ANCHORS for w in words)

    def search(
        self, question: str, topic: str | None = None, limit: int = 3, require_anchor: bool = True
    ) -> list[Match]:
        """Best facts for the question, best first; empty when off-topic or weak.

        require_anchor=False is for follow-ups inside a known topic ("and how long
        do they last?"), where the conversation already says what "they" are.
        """
        if require_anchor and not self.is_on_topic(question):
            return []
        scores = self._scores(self._query.weights(question[:2000]))
        ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
        matches = []
        floor = self.min_score if require_anchor else min(self.min_score, 0.05)
        for i in ranked:
            fact = self.kb.facts[self.fact_ids[i]]
            if scores[i] < floor:
                break
            if topic is None or fact.topic == topic:
                matches.append(Match(fact, float(scores[i])))
            if len(matches) == limit:
                break
        return matches

    def best(self, question: str, topic: str | None = None, require_anchor: bool = True) -> Match | None:
        matches = self.search(question, topic, limit=1, require_anchor=require_anchor)
        return matches[0] if matches else None


@lru_cache(maxsize=1)
def default() -> FactRetriever:
    return FactRetriever(knowledge.default())
