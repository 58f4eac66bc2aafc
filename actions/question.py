"""What a question asks, read against the knowledge file and the conversation: the
terms it names or sets aside, whether it follows up the last answer, the words to
rank (ellipsis resolved), and the facts to show for a ranking. Plain Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from actions import selection
from actions.knowledge import Fact, KnowledgeBase
from actions.lemmas import lemmatize

ENTITY_LABELS = ("lab_test", "cause", "condition", "remedy", "body_part")
# "isn't herbal", "other than herbs", "besides milk": the term that follows is set
# aside; "not enough calcium" names calcium
# The words that set what follows aside, whether a term or a word people use for a fact
# ("besides eating"); phrases.WHAT_ELSE reads "besides X, what else?" with them too.
BESIDES = r"besides|beyond|apart from|aside from|other than|except(?: for)?"
SET_ASIDE = (
    r"\b(?:(?:not|non)(?!\W+(?:enough|sufficient|much|many|getting|eating|taking"
    r"|absorbing|having))|isn'?t|isnt|aren'?t|(?:can'?t|cannot|can not|couldn'?t) be|"
    + BESIDES
    + r"|instead of|rather than)\W+(?:\w+\W+){0,2}?"
)
_SET_ASIDE_WORDS = re.compile(r"\b(?:" + BESIDES + r"|on top of)\s+(?P<words>(?:[a-z-]+\s*){1,2})", re.I)
# Telling two things apart names both: "apart from" here sets nothing aside.
COMPARES = re.compile(r"\btell\b[^.?!]{0,40}\bapart\b|\bdistinguish\w*\b|\bdifferentiat\w*\b", re.I)
# A follow-up that asks for the alternative to the last answer, never the answer again.
INSTEAD = re.compile(
    r"\binstead\b|\bwhat(?:'s| is| are) (?:good|ok|okay|fine|safe|better)\b"
    r"|\bother than (?:that|those|this)\b"
    r"|\b(?:any )?alternatives?\b|\bwhat (?:can|should) (?:i|we|he|she) (?:eat|have|do) then\b"
    # "what are the other possible reasons?" after one of them
    r"|\b(?:other|another|different) (?:\w+ )?(?:reasons?|causes?|things?|options?|ones?|ways?|tips?"
    r"|explanations?|remedies)\b",
    re.I,
)
# Both lab tests within this of each other: the overview names both thresholds.
LAB_TIE = 0.1
# A question of common words is broad unless one fact's example matches it this
# closely ("when a jerk wakes me, what do I do right then?" is the cramp advice).
CLOSE_EXAMPLE = 0.5


@dataclass(frozen=True)
class Question:
    text: str
    named: frozenset[str]  # facts whose terms the user named
    excluded: frozenset[str]  # facts whose terms the user set aside
    about_user: frozenset[str]  # facts about a condition the user named (pregnancy)
    lab_tests: frozenset[str]  # the lab tests named
    follow_up: bool
    query: str  # what is ranked: the text, or the resolved ellipsis
    broad: bool  # only words that many facts share


class QuestionReader:
    def __init__(self, kb: KnowledgeBase, selector: selection.FactSelector) -> None:
        self.kb, self.selector = kb, selector
        # each fact's keywords as lemmas, once, not on every "besides ..." message
        self._keyword_lemmas = {f.id: frozenset(lemmatize(" ".join(f.keywords))) for f in kb.facts.values()}

    def read(
        self,
        text: str,
        intent: str,
        entities: Iterable[Mapping[str, Any]],
        last_topic: str | None,
        previous: str | None,
        last_fact: str | None = None,
    ) -> Question:
        terms = [
            (str(e.get("entity")), str(e.get("value")))
            for e in entities
            if e.get("entity") in ENTITY_LABELS and e.get("value")
        ]
        named: set[str] = set()
        excluded: set[str] = set()
        about_user: set[str] = set()
        lab_tests: set[str] = set()
        for label, raw in terms:
            value = self.kb.canonical(label, raw) or raw
            facts = {f.id for f in self.kb.facts_about(label, value)}
            if self._set_aside(text, label, value):
                excluded |= facts
                continue
            named |= facts
            if label == "condition":
                about_user |= facts
            if label == "lab_test":
                lab_tests.add(value)
        excluded |= self._set_aside_by_keyword(text) - named
        follow_up = selection.is_follow_up(text, intent, last_topic, bool(named or excluded))
        if follow_up and last_fact and INSTEAD.search(text):
            excluded.add(last_fact)  # "what can I do instead?", "and what's good?"
        query = selection.resolve_ellipsis(text, previous, self.kb) if follow_up else text
        broad = not named and not follow_up and self.selector.is_broad(text)
        return Question(
            text,
            frozenset(named),
            frozenset(excluded),
            frozenset(about_user),
            frozenset(lab_tests),
            follow_up,
            query,
            broad,
        )

    def _set_aside(self, text: str, label: str, value: str) -> bool:
        if COMPARES.search(text):
            return False  # "tell calf cramps apart from myoclonus" names both
        phrases = {value.replace("_", " "), *self.kb.terms.get(label, {}).get(value, ())}
        return any(re.search(SET_ASIDE + re.escape(p) + r"\b", text, re.I) for p in phrases)

    def _set_aside_by_keyword(self, text: str) -> set[str]:
        """ "besides eating", "anything beyond diet?": the facts whose keywords (the words
        people use for them) follow a set-aside word, where no term was recognised."""
        words = {w for m in _SET_ASIDE_WORDS.finditer(text) for w in lemmatize(m.group("words"))}
        if not words:
            return set()
        return {fact_id for fact_id, lemmas in self._keyword_lemmas.items() if words & lemmas}

    def shown(self, question: Question, ranked: list[selection.Scored]) -> list[Fact]:
        """The facts to show: both lab tests asked about at once get the overview that
        names both thresholds; otherwise the selector's answer."""
        best = ranked[0]
        close = {s.fact.id for s in ranked[:2] if s.score >= best.score - LAB_TIE}
        if {"lab.calcium", "lab.magnesium"} <= close or (
            best.fact.topic == "lab" and {"calcium", "magnesium"} <= question.lab_tests
        ):
            return [self.kb.fact("lab.overview")]
        # ... unless an example is close, or it asks for the kind of answer the best fact
        # gives ("what's a good thing to do when it happens?": the advice for that moment)
        broad = (
            question.broad
            and best.parts["examples"] < CLOSE_EXAMPLE * self.selector.weights.examples
            and not best.parts.get("kind")
        )
        return self.selector.answer(ranked, question.text, broad=broad, about_user=question.about_user)
