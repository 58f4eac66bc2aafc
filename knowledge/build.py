"""Derive knowledge/twitching.yml from the article and the editorial curation.

    python knowledge/build.py            # rewrite knowledge/twitching.yml
    python knowledge/build.py --check    # exit 1 if the committed file is stale

The article is split into sections, paragraphs and sentences; the site navigation
("<<:", ">>:") and the "Recommend" list are cut off, and a paragraph the page
repeats counts once. Each curated fact names its sentences by their first words;
the build expands them to the article's exact sentences, so every quote is
verbatim. Output is deterministic: rebuilding gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "article.txt"
CURATION = HERE / "curation.yml"
# More example questions per fact, kept apart from the editorial file because they
# are many: written blind (from the article, the medical notes and the fact list
# only) to teach fact selection how people ask.
QUESTIONS = HERE / "questions.yml"
# Example questions that teach the fact selector only. They are not written into the
# NLU data: every new line there retrains the intent classifier, which moves answers
# all over the sets (measured: -1.8 points on every dev set for three lines that, as
# selector examples alone, gained 0.4), while an example here changes only the
# selection near it.
SELECTION_QUESTIONS = HERE / "selection_questions.yml"
OUTPUT = HERE / "twitching.yml"

HEADING = re.compile(r"^(\d)\. ([A-Z][A-Za-z ]+)$")
LIST_MARKER = re.compile(r"^\d\. ")
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z])")
NAVIGATION = "<<:"
INTRO = ("intro", 0, "Introduction")


class BuildError(Exception):
    """The curation does not match the article."""


@dataclass(frozen=True)
class Sentence:
    text: str
    section: str
    paragraph: str


def section_id(title: str) -> str:
    return {
        "Reasons": "reasons",
        "Inspection": "inspection",
        "Differential diagnosis": "differential",
        "Relief Methods": "relief",
    }.get(title, title.lower().replace(" ", "_"))


def parse_article(text: str) -> tuple[str, list[dict], list[Sentence]]:
    """Return the title, the sections and every content sentence in order."""
    body = text.split(NAVIGATION, 1)[0]  # navigation and "Recommend" are not content
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    title = paragraphs[0]
    sections = [{"id": INTRO[0], "number": INTRO[1], "title": INTRO[2]}]
    current = INTRO[0]
    sentences: list[Sentence] = []
    for para in paragraphs[1:]:
        if para == title:  # the page prints its title twice
            continue
        heading = HEADING.match(para)
        if heading:
            current = section_id(heading.group(2))
            sections.append({"id": current, "number": int(heading.group(1)), "title": heading.group(2)})
            continue
        para = LIST_MARKER.sub("", para)
        for part in SENTENCE_END.split(para):
            sentences.append(Sentence(part.strip(), current, para))
    return title, sections, sentences


def find_sentence(anchor: str, sentences: list[Sentence], fact_id: str) -> list[Sentence]:
    """All sentences starting with anchor; more than one only for a repeated paragraph."""
    hits = [s for s in sentences if s.text.startswith(anchor)]
    if not hits:
        raise BuildError(f"fact {fact_id}: no article sentence starts with {anchor!r}")
    if len({(s.text, s.paragraph) for s in hits}) > 1:
        raise BuildError(f"fact {fact_id}: {anchor!r} matches different sentences; " "give more words")
    return hits


def build_fact(spec: dict, sentences: list[Sentence], titles: dict[str, str]) -> dict:
    quotes: list[str] = []
    sections: list[str] = []
    for anchor in spec["sentences"]:
        hits = find_sentence(anchor, sentences, spec["id"])
        if hits[0].text not in quotes:
            quotes.append(hits[0].text)
        for hit in hits:
            if hit.section not in sections:
                sections.append(hit.section)
    return {
        "id": spec["id"],
        "topic": spec["topic"],
        "section": sections[0],
        "section_title": titles[sections[0]],
        "also_in": sections[1:],
        "quotes": quotes,
        "answer": " ".join(spec["answer"].split()),
        "caveat": " ".join(spec["caveat"].split()) if spec.get("caveat") else None,
        "terms": spec.get("terms") or {},
        "why": spec.get("why"),
        **({"also_topic": spec["also_topic"]} if spec.get("also_topic") else {}),
        **({"advice": spec["advice"]} if spec.get("advice") else {}),
        "keywords": spec.get("keywords") or [],
        "examples": spec.get("examples") or [],
    }


def build_thresholds(curation: dict, facts: dict[str, dict]) -> dict:
    thresholds = {}
    for test, spec in curation["thresholds"].items():
        quote = " ".join(facts[spec["fact"]]["quotes"])
        match = re.search(spec["pattern"], quote)
        if not match:
            raise BuildError(f"threshold {test}: pattern not found in fact {spec['fact']}")
        thresholds[test] = {
            "mmol_per_l": float(match.group(1)),
            "fact": spec["fact"],
            "reference_range": spec["reference_range"],
        }
    return thresholds


def _questions(path: Path) -> dict[str, list[str]]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def with_questions(curation: dict, questions: dict[str, list[str]]) -> dict:
    """The curation with each fact's extra questions appended to its examples."""
    ids = {f["id"] for f in curation["facts"]}
    unknown = sorted(set(questions) - ids)
    if unknown:
        raise BuildError(f"extra questions name unknown facts: {', '.join(unknown)}")
    facts = []
    for fact in curation["facts"]:
        examples = list(fact.get("examples") or [])
        seen = {" ".join(q.lower().split()) for q in examples}
        for question in questions.get(fact["id"]) or []:
            key = " ".join(question.lower().split())
            if key not in seen:
                seen.add(key)
                examples.append(question)
        facts.append({**fact, "examples": examples})
    return {**curation, "facts": facts}


def build(article_text: str, curation: dict) -> dict:
    title, sections, sentences = parse_article(article_text)
    titles = {s["id"]: s["title"] for s in sections}
    facts = [build_fact(spec, sentences, titles) for spec in curation["facts"]]
    by_id = {f["id"]: f for f in facts}
    if len(by_id) != len(facts):
        raise BuildError("duplicate fact ids in curation")
    topics = []
    for topic in curation["topics"]:
        ids = [f["id"] for f in facts if f["topic"] == topic["id"]]
        if not ids:
            raise BuildError(f"topic {topic['id']} has no facts")
        summary = topic.get("summary") or ids[:1]
        for fact_id in summary:
            if fact_id not in ids:
                raise BuildError(
                    f"topic {topic['id']}: summary names {fact_id}, " "which is not one of its facts"
                )
        topics.append({**topic, "summary": summary, "facts": ids})
    return {
        "source": {
            "title": title,
            "file": "knowledge/article.txt",
            "sha256": hashlib.sha256(article_text.encode("utf-8")).hexdigest(),
        },
        "sections": sections,
        "topics": topics,
        "facts": facts,
        "thresholds": build_thresholds(curation, by_id),
        "clarifications": curation.get("clarifications") or [],
        "not_in_article": curation.get("not_in_article") or [],
        "terms": curation["terms"],
    }


def render(knowledge: dict) -> str:
    header = (
        "# GENERATED by knowledge/build.py from knowledge/article.txt and "
        "knowledge/curation.yml.\n# Do not edit by hand: change curation.yml and "
        "run `make knowledge`.\n"
    )
    return header + yaml.safe_dump(
        knowledge, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


# The intent the classifier uses for each topic's questions (domain.yml).
TOPIC_INTENTS = {
    "causes": "ask_causes",
    "mechanism": "ask_mechanism",
    "who": "ask_who",
    "lab": "ask_lab_values",
    "doctor": "ask_doctor",
    "cramps": "ask_cramps",
    "relief": "ask_relief",
}
# Follow-up fragments ("and how long do they last?") belong to the follow-up intents.
FOLLOW_UP = re.compile(r"^(?:and|so|even|what about|how about|then)\b|\bthen\?$", re.I)
NLU_OUT = HERE.parent / "data" / "nlu" / "facts.yml"


def render_nlu(curation: dict, existing: set[str]) -> str:
    """The facts' example questions as NLU training data for their topic's intent, so
    the classifier learns the questions people ask, not only the hand-written lines."""
    by_intent: dict[str, list[str]] = {}
    topic_of = {f["id"]: f["topic"] for f in curation["facts"]}
    for fact in curation["facts"]:
        intent = TOPIC_INTENTS[topic_of[fact["id"]]]
        for question in fact.get("examples") or []:
            key = " ".join(question.lower().split())
            if FOLLOW_UP.search(question) or key in existing:
                continue
            existing.add(key)
            by_intent.setdefault(intent, []).append(question)
    lines = [
        "# GENERATED by knowledge/build.py from the facts' example questions in",
        "# knowledge/curation.yml. Do not edit by hand: change curation.yml, run `make knowledge`.",
        'version: "3.1"',
        "",
        "nlu:",
    ]
    for intent in sorted(by_intent):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {q}" for q in by_intent[intent]]
    return "\n".join(lines) + "\n"


def _existing_nlu() -> set[str]:
    found = set()
    for path in sorted(NLU_OUT.parent.glob("*.yml")):
        if path == NLU_OUT:
            continue
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    found.add(" ".join(line.strip()[2:].lower().split()))
    return found


def outputs(curation: dict) -> tuple[str, str]:
    """The knowledge file (every example) and the NLU data (questions.yml's, not the
    selector-only ones), as the build writes them."""
    curation = with_questions(curation, _questions(QUESTIONS))
    nlu = render_nlu(curation, _existing_nlu())
    curation = with_questions(curation, _questions(SELECTION_QUESTIONS))
    return render(build(ARTICLE.read_text(encoding="utf-8"), curation)), nlu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if the committed knowledge file is out of date"
    )
    args = parser.parse_args(argv)
    curation = yaml.safe_load(CURATION.read_text(encoding="utf-8"))
    try:
        text, nlu = outputs(curation)
    except BuildError as error:
        print(f"knowledge build failed: {error}", file=sys.stderr)
        return 2
    if args.check:
        for path, wanted in ((OUTPUT, text), (NLU_OUT, nlu)):
            if not path.exists() or path.read_text(encoding="utf-8") != wanted:
                print(f"{path.name} is stale: run `make knowledge`", file=sys.stderr)
                return 1
        print(f"{OUTPUT.name} and {NLU_OUT.name} are up to date")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    NLU_OUT.write_text(nlu, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(HERE.parent)}: " f"{len(yaml.safe_load(text)['facts'])} facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
