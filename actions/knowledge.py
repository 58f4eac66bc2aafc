"""Load, validate and query the knowledge file derived from the article.

Plain Python: no Rasa imports, so it can be tested and reused anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

DIFFERENTIAL_SECTION = "differential"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "twitching.yml"
TERM_LABELS = ("lab_test", "cause", "condition", "remedy", "body_part")


class KnowledgeError(ValueError):
    """The knowledge file is malformed; the message names the field."""


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    section: str
    section_title: str
    section_number: int
    quotes: tuple[str, ...]
    answer: str
    caveat: str | None
    terms: dict[str, tuple[str, ...]]
    why: str | None
    also_in: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # retrieval hints: words people use for this fact
    # (number, title) of every article section its sentences stand in, in order
    sections: tuple[tuple[int, str], ...] = ()
    # Questions this fact is the best answer to (curation.yml): retrieval matches them
    examples: tuple[str, ...] = ()
    # Another topic whose questions this fact also answers (the cramp advice is a
    # relief fact that answers "what do I do during a cramp?")
    also_topic: str | None = None
    # What to do about it, added when someone describes their own case rather than asking
    # what it is or why (a calf cramp at 4 am gets the article's advice for the moment)
    advice: str | None = None

    def is_about(self, label: str, value: str) -> bool:
        return value in self.terms.get(label, ())


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    question: str
    fact_ids: tuple[str, ...]
    summary: tuple[str, ...]  # the facts that answer the general question
    numbered: tuple[str, ...] = ()  # the article's numbered list, in its order


@dataclass(frozen=True)
class Threshold:
    test: str
    mmol_per_l: float
    fact_id: str
    reference_range: str


@dataclass(frozen=True)
class Clarification:
    """When the user says `word` (and not `unless`) and `fact` answers, say `note`."""

    word: str
    unless: str
    fact: str
    note: str

    def applies_to(self, text: str) -> bool:
        lowered = text.lower()
        return re.search(rf"\b{re.escape(self.word)}\b", lowered) is not None and (
            not self.unless or self.unless not in lowered
        )


@dataclass
class KnowledgeBase:
    title: str
    topics: dict[str, Topic]
    facts: dict[str, Fact]
    thresholds: dict[str, Threshold]
    # label -> canonical value -> phrases people use for it
    terms: dict[str, dict[str, tuple[str, ...]]]
    clarifications: tuple[Clarification, ...] = ()
    # retrieval words the article itself never names ("coffee"): answers say so
    not_in_article: tuple[str, ...] = ()
    _phrase_index: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for label, values in self.terms.items():
            for value, phrases in values.items():
                for phrase in (value, *phrases):
                    self._phrase_index.setdefault((label, phrase.lower()), value)

    def fact(self, fact_id: str) -> Fact:
        return self.facts[fact_id]

    def topic_facts(self, topic_id: str) -> list[Fact]:
        return [self.facts[i] for i in self.topics[topic_id].fact_ids]

    def summary(self, topic_id: str) -> list[Fact]:
        return [self.facts[i] for i in self.topics[topic_id].summary]

    def next_fact(self, fact_id: str) -> Fact | None:
        """The fact after fact_id in its topic, for "tell me more"."""
        ids = self.topics[self.facts[fact_id].topic].fact_ids
        index = ids.index(fact_id)
        return self.facts[ids[index + 1]] if index + 1 < len(ids) else None

    def differential(self) -> list[Fact]:
        """What else it could be: the general answers of the article's differential
        diagnosis section (myoclonus, calf cramps)."""
        return self.section_overview(DIFFERENTIAL_SECTION)

    def section_overview(self, section: str) -> list[Fact]:
        """What one section of the article says: the first general-answer fact of each
        topic that has one there ("what does the inspection section say?": what it is,
        who gets it, the lab values)."""
        found = []
        for topic in self.topics:
            fact = next((f for f in self.summary(topic) if f.section == section), None)
            if fact is not None:
                found.append(fact)
        return found

    def beyond_summary(self, topic_id: str) -> list[Fact]:
        """The topic's facts its general answer does not already name, in order: a fact
        none of whose terms the summary names ("what else could it be?" after the five
        reasons: the illnesses; after the relief overview: what to do during a cramp)."""
        summary = self.summary(topic_id)
        said = " ".join(f.answer for f in summary).lower().replace("-", " ")

        def named(label: str, value: str) -> bool:
            phrases = (value.replace("_", " "), *self.terms.get(label, {}).get(value, ()))
            return any(re.search(rf"\b{re.escape(p.lower())}\b", said) for p in phrases)

        return [
            fact
            for fact in self.topic_facts(topic_id)
            if fact not in summary
            and not any(named(label, value) for label, values in fact.terms.items() for value in values)
        ]

    def canonical(self, label: str, text: str) -> str | None:
        """Map what the user typed ("Ca", "anaemia") to the term's canonical value."""
        return self._phrase_index.get((label, " ".join(text.lower().split())))

    def facts_about(self, label: str, value: str, topic_id: str | None = None) -> list[Fact]:
        facts: Iterable[Fact] = self.topic_facts(topic_id) if topic_id else self.facts.values()
        return [f for f in facts if f.is_about(label, value)]

    def entity_patterns(self) -> list[dict[str, str]]:
        """Phrase patterns for spaCy's entity ruler, one per phrase of each term."""
        patterns = []
        for label in sorted(self.terms):
            for value in sorted(self.terms[label]):
                for phrase in sorted({value.replace("_", " "), *self.terms[label][value]}):
                    patterns.append({"label": label, "pattern": phrase, "id": value})
        return patterns


def _require(data: dict, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise KnowledgeError(f"{where}: missing field '{key}'")
    value = data[key]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise KnowledgeError(f"{where}: field '{key}' must be {names}, " f"got {type(value).__name__}")
    return value


def _text(data: dict, key: str, where: str) -> str:
    value = _require(data, key, str, where)
    if not value.strip():
        raise KnowledgeError(f"{where}: field '{key}' is empty")
    return value


def _parse_terms(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: field 'terms' must be a mapping")
    terms = {}
    for label, values in raw.items():
        if label not in TERM_LABELS:
            raise KnowledgeError(f"{where}: field 'terms' has unknown label '{label}'")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise KnowledgeError(f"{where}: field 'terms.{label}' must be a list of text")
        terms[label] = tuple(values)
    return terms


def parse(data: Any, article: str | None = None) -> KnowledgeBase:
    """Validate the raw YAML structure and build a KnowledgeBase.

    With `article`, every quote must also be a verbatim part of it.
    """
    if not isinstance(data, dict):
        raise KnowledgeError("knowledge file: top level must be a mapping")
    source = _require(data, "source", dict, "knowledge file")
    title = _text(source, "title", "source")
    numbers, titles = {}, {}
    for i, section in enumerate(_require(data, "sections", list, "knowledge file")):
        where = f"sections[{i}]"
        numbers[_text(section, "id", where)] = _require(section, "number", int, where)
        titles[section["id"]] = _text(section, "title", where)
    facts: dict[str, Fact] = {}
    for i, raw in enumerate(_require(data, "facts", list, "knowledge file")):
        where = f"facts[{i}]"
        fact_id = _text(raw, "id", where)
        where = f"fact {fact_id}"
        section = _text(raw, "section", where)
        if section not in numbers:
            raise KnowledgeError(f"{where}: field 'section' names unknown section '{section}'")
        quotes = _require(raw, "quotes", list, where)
        if not quotes or not all(isinstance(q, str) and q.strip() for q in quotes):
            raise KnowledgeError(f"{where}: field 'quotes' must be a non-empty list of text")
        if article is not None:
            for quote in quotes:
                if quote not in article:
                    raise KnowledgeError(
                        f"{where}: field 'quotes' has text not in the " f"article: {quote[:60]!r}"
                    )
        caveat = _require(raw, "caveat", (str, type(None)), where)
        why = _require(raw, "why", (str, type(None)), where)
        also_in = tuple(raw.get("also_in") or ())
        unknown = [s for s in also_in if s not in numbers]
        if unknown:
            raise KnowledgeError(f"{where}: field 'also_in' names unknown section '{unknown[0]}'")
        facts[fact_id] = Fact(
            id=fact_id,
            topic=_text(raw, "topic", where),
            section=section,
            section_title=_text(raw, "section_title", where),
            section_number=numbers[section],
            quotes=tuple(quotes),
            answer=_text(raw, "answer", where),
            caveat=caveat,
            terms=_parse_terms(raw.get("terms", {}), where),
            why=why,
            also_in=also_in,
            keywords=tuple(raw.get("keywords") or ()),
            examples=tuple(raw.get("examples") or ()),
            also_topic=_require(raw, "also_topic", (str, type(None)), where) if "also_topic" in raw else None,
            advice=_require(raw, "advice", (str, type(None)), where) if "advice" in raw else None,
            sections=tuple((numbers[s], titles[s]) for s in (section, *also_in)),
        )
    topics: dict[str, Topic] = {}
    for i, raw in enumerate(_require(data, "topics", list, "knowledge file")):
        where = f"topics[{i}]"
        topic_id = _text(raw, "id", where)
        ids = _require(raw, "facts", list, f"topic {topic_id}")
        if not ids:
            raise KnowledgeError(f"topic {topic_id}: field 'facts' is empty")
        for fact_id in ids:
            if fact_id not in facts or facts[fact_id].topic != topic_id:
                raise KnowledgeError(f"topic {topic_id}: field 'facts' names unknown " f"fact '{fact_id}'")
        summary = _require(raw, "summary", list, f"topic {topic_id}")
        if not summary or any(fact_id not in ids for fact_id in summary):
            raise KnowledgeError(f"topic {topic_id}: field 'summary' must name some of " "the topic's facts")
        numbered = _require(raw, "numbered", list, f"topic {topic_id}") if "numbered" in raw else []
        if any(fact_id not in ids for fact_id in numbered):
            raise KnowledgeError(f"topic {topic_id}: field 'numbered' must name the topic's facts")
        topics[topic_id] = Topic(
            topic_id,
            _text(raw, "title", where),
            _text(raw, "question", where),
            tuple(ids),
            tuple(summary),
            tuple(numbered),
        )
    for fact in facts.values():
        if fact.topic not in topics:
            raise KnowledgeError(f"fact {fact.id}: field 'topic' names unknown topic " f"'{fact.topic}'")
        if fact.why is not None and fact.why not in facts:
            raise KnowledgeError(f"fact {fact.id}: field 'why' names unknown fact '{fact.why}'")
        if fact.advice is not None and fact.advice not in facts:
            raise KnowledgeError(f"fact {fact.id}: field 'advice' names unknown fact '{fact.advice}'")
    thresholds = {}
    for test, raw in _require(data, "thresholds", dict, "knowledge file").items():
        where = f"thresholds.{test}"
        value = _require(raw, "mmol_per_l", (int, float), where)
        if not value > 0:
            raise KnowledgeError(f"{where}: field 'mmol_per_l' must be positive")
        thresholds[test] = Threshold(
            test, float(value), _text(raw, "fact", where), _text(raw, "reference_range", where)
        )
    raw_terms = _require(data, "terms", dict, "knowledge file")
    terms = {}
    for label, values in raw_terms.items():
        if label not in TERM_LABELS:
            raise KnowledgeError(f"terms: unknown label '{label}'")
        if not isinstance(values, dict):
            raise KnowledgeError(f"terms.{label}: must be a mapping of value to phrases")
        terms[label] = {v: tuple(p or ()) for v, p in values.items()}
    clarifications = []
    for i, raw in enumerate(data.get("clarifications") or []):
        where = f"clarifications[{i}]"
        note = Clarification(
            _text(raw, "word", where),
            str(raw.get("unless") or ""),
            _text(raw, "fact", where),
            _text(raw, "note", where),
        )
        if note.fact not in facts:
            raise KnowledgeError(f"{where}: field 'fact' names unknown fact '{note.fact}'")
        clarifications.append(note)
    not_in_article = tuple(str(w) for w in data.get("not_in_article") or ())
    return KnowledgeBase(title, topics, facts, thresholds, terms, tuple(clarifications), not_in_article)


def load(path: Path | str = DEFAULT_PATH, article: Path | str | None = None) -> KnowledgeBase:
    """Read and validate a knowledge file; raise KnowledgeError naming the bad field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(f"knowledge file not found: {path}") from None
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path}: not valid YAML: {error}") from None
    article_text = Path(article).read_text(encoding="utf-8") if article else None
    return parse(data, article_text)


@lru_cache(maxsize=1)
def default() -> KnowledgeBase:
    """The project's knowledge base, loaded once per process."""
    return load(DEFAULT_PATH)
