"""Retrieval over the knowledge file: right fact for on-topic questions, none off-topic."""

from __future__ import annotations

import pytest

from actions import retrieval


@pytest.fixture(scope="module")
def retriever():
    return retrieval.default()


@pytest.mark.parametrize(
    "question, fact_id",
    [
        ("which foods should I skip, like butter", "relief.avoid_foods"),
        ("does the spinal cord have anything to do with it", "mechanism.why"),
        ("do pregnant women get leg jumps more", "who.risk_groups"),
        ("is chocolate bad for the jerks", "relief.avoid_foods"),
        ("does drinking coffee late make the sleep starts worse", "relief.stimulation"),
        ("i hit the gym at 10pm and then twitch in bed, related?", "causes.exercise_before_bed"),
        ("my calf cramp lasted about 2 minutes, is that long?", "cramps.duration"),
        ("is a cramp the same thing as a twitch?", "cramps.definition"),
        ("can a gallbladder problem cause twitching", "causes.diseases"),
        ("is dong quai safe for my leg spasms", "relief.herbs"),
        ("does sunshine help with the calcium thing", "relief.sunlight"),
        ("legs jerk and wake me several times a night, what is it called", "doctor.myoclonus"),
    ],
)
def test_question_finds_the_fact(retriever, question, fact_id):
    matches = retriever.search(question)
    assert matches, question
    assert matches[0].fact.id == fact_id, [(m.fact.id, round(m.score, 2)) for m in matches]


@pytest.mark.parametrize(
    "question",
    [
        "how do I lower my cholesterol",
        "is sleep apnea dangerous",
        "what helps with seasonal allergies?",
        "hair loss in men",
        "any good pizza places near me?",
        "fix my javascript error: undefined is not a function",
        "what causes headaches in the morning",
        "how much should I sleep",
        "",
        "🙂🙂🙂",
    ],
)
def test_off_topic_question_gets_no_fact(retriever, question):
    assert retriever.search(question) == []


def test_other_conditions_are_recognised_only_without_article_words(retriever):
    assert retriever.mentions_other_condition("what causes migraines")
    assert not retriever.mentions_other_condition("can a migraine drug cause leg twitching at night")


def test_long_input_is_cut_and_still_answered(retriever):
    question = "is chocolate bad for the jerks " + "blah " * 20000
    assert retriever.search(question)[0].fact.id == "relief.avoid_foods"
