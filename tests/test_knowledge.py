"""The knowledge file: derived from the article, verbatim, complete, validated."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest
import yaml

from actions import knowledge
from knowledge import build

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "knowledge" / "article.txt").read_text(encoding="utf-8")
RAW = yaml.safe_load((ROOT / "knowledge" / "twitching.yml").read_text(encoding="utf-8"))


# The publisher's article as received; every quote and the rebuild depend on it.
ARTICLE_SHA256 = "a85f1fe11f0cf0e48b1737821e38000481a4e1a1c31a1bc2f794ca5e841babff"


def test_project_ships_the_article_unchanged():
    digest = hashlib.sha256((ROOT / "knowledge" / "article.txt").read_bytes()).hexdigest()
    assert digest == ARTICLE_SHA256


def test_every_quote_is_verbatim_in_the_article():
    quotes = [q for fact in RAW["facts"] for q in fact["quotes"]]
    assert len(quotes) >= 30
    for quote in quotes:
        assert quote in ARTICLE, quote


def test_rebuilding_reproduces_the_committed_files_byte_for_byte():
    curation = yaml.safe_load((ROOT / "knowledge" / "curation.yml").read_text(encoding="utf-8"))
    text, nlu = build.outputs(curation)
    assert text == (ROOT / "knowledge" / "twitching.yml").read_text(encoding="utf-8")
    assert nlu == (ROOT / "data" / "nlu" / "facts.yml").read_text(encoding="utf-8")


def test_selection_questions_teach_the_selector_but_not_the_classifier():
    """A selector-only example is among its fact's examples and in no NLU file, so adding
    one never retrains the intent classifier."""
    extra = yaml.safe_load((ROOT / "knowledge" / "selection_questions.yml").read_text(encoding="utf-8"))
    nlu = " ".join(p.read_text(encoding="utf-8").lower() for p in (ROOT / "data" / "nlu").glob("*.yml"))
    examples = {fact["id"]: fact["examples"] for fact in RAW["facts"]}
    assert extra
    for fact_id, questions in extra.items():
        for question in questions:
            assert question in examples[fact_id]
            assert f"- {question.lower()}\n" not in nlu, question


def test_every_topic_has_facts_and_the_required_topics_exist():
    kb = knowledge.load(article=ROOT / "knowledge" / "article.txt")
    assert {"causes", "mechanism", "who", "lab", "doctor", "cramps", "relief"} <= set(kb.topics)
    for topic in kb.topics.values():
        assert kb.topic_facts(topic.id), topic.id


def test_navigation_and_recommend_list_are_not_content():
    text = " ".join(q for fact in RAW["facts"] for q in fact["quotes"])
    for junk in ("male menopause", "Recommend", "glans", "push-ups", "<<:", ">>:"):
        assert junk not in text


def test_the_repeated_paragraph_is_one_fact_found_in_both_sections():
    repeated = "When falling asleep, the motor commands connecting the brain and lower limbs"
    assert ARTICLE.count(repeated) == 2
    facts = [f for f in RAW["facts"] if any(q.startswith(repeated) for q in f["quotes"])]
    assert [f["id"] for f in facts] == ["mechanism.why"]
    assert facts[0]["section"] == "inspection" and facts[0]["also_in"] == ["differential"]


def test_thresholds_are_read_from_the_article_sentence():
    kb = knowledge.default()
    assert kb.thresholds["calcium"].mmol_per_l == 2.0
    assert kb.thresholds["magnesium"].mmol_per_l == 0.75


def test_flagged_claims_carry_caveats():
    kb = knowledge.default()
    for fact_id in (
        "causes.calcium",
        "causes.epilepsy",
        "causes.diseases",
        "lab.calcium",
        "lab.magnesium",
        "mechanism.why",
        "who.women",
        "doctor.myoclonus",
        "cramps.duration",
        "cramps.definition",
        "relief.herbs",
        "relief.during_attack",
    ):
        assert kb.fact(fact_id).caveat, fact_id
    assert "pregnan" in kb.fact("relief.herbs").caveat


def test_no_answer_names_a_dose():
    import re

    for fact in RAW["facts"]:
        assert not re.search(r"\b\d+\s?(?:mg|g|ml|iu)\b(?!/)", fact["answer"], re.I), fact["id"]


def _broken(mutate) -> dict:
    data = copy.deepcopy(RAW)
    mutate(data)
    return data


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda d: d["facts"][0].pop("answer"), "'answer'"),
        (lambda d: d["facts"][1].__setitem__("quotes", []), "'quotes'"),
        (lambda d: d["facts"][2].__setitem__("section", "nowhere"), "'section'"),
        (lambda d: d["facts"][3].__setitem__("caveat", 5), "'caveat'"),
        (lambda d: d["topics"][0].__setitem__("facts", ["no.such.fact"]), "'facts'"),
        (lambda d: d["thresholds"]["calcium"].__setitem__("mmol_per_l", "two"), "'mmol_per_l'"),
        (lambda d: d.pop("topics"), "'topics'"),
        (lambda d: d["facts"][4].__setitem__("why", "no.such.fact"), "'why'"),
        (lambda d: d["facts"][4].__setitem__("advice", "no.such.fact"), "'advice'"),
        (lambda d: d["facts"][5].__setitem__("terms", {"colour": ["red"]}), "'terms'"),
    ],
)
def test_loader_rejects_a_malformed_file_naming_the_field(mutate, field):
    with pytest.raises(knowledge.KnowledgeError) as error:
        knowledge.parse(_broken(mutate))
    assert field in str(error.value)


def test_loader_rejects_a_quote_that_is_not_in_the_article():
    data = _broken(lambda d: d["facts"][0]["quotes"].__setitem__(0, "Calcium cures everything."))
    with pytest.raises(knowledge.KnowledgeError, match="not in the article"):
        knowledge.parse(data, ARTICLE)


def test_loader_reports_a_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(knowledge.KnowledgeError, match="not found"):
        knowledge.load(tmp_path / "nope.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("facts: [unclosed", encoding="utf-8")
    with pytest.raises(knowledge.KnowledgeError, match="not valid YAML"):
        knowledge.load(bad)


def test_build_fails_clearly_when_a_sentence_is_not_in_the_article():
    curation = yaml.safe_load((ROOT / "knowledge" / "curation.yml").read_text(encoding="utf-8"))
    curation["facts"][0]["sentences"] = ["Bananas cure twitching"]
    with pytest.raises(build.BuildError, match="Bananas"):
        build.build(ARTICLE, curation)


def test_synonyms_map_to_canonical_terms():
    kb = knowledge.default()
    assert kb.canonical("lab_test", "Ca") == "calcium"
    assert kb.canonical("lab_test", "mg") == "magnesium"
    assert kb.canonical("condition", "anaemia") == "anemia"
    assert kb.canonical("remedy", "dong quai") == "herbs"
    assert kb.canonical("lab_test", "iron") is None
