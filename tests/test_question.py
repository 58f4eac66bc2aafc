"""Reading a question (actions/question.py): terms named or set aside, follow-ups, ellipsis."""

from __future__ import annotations


def _read(assistant, text, intent="ask_relief", last_topic=None, previous=None, **entities):
    ents = [{"entity": k, "value": v} for k, v in entities.items()]
    return assistant.reader.read(text, intent, ents, last_topic, previous)


def test_a_term_after_isnt_or_other_than_is_set_aside(assistant):
    for text in ("anything that isn't herbal?", "something other than herbs?"):
        asked = _read(assistant, text, remedy="herbs")
        assert "relief.herbs" in asked.excluded and "relief.herbs" not in asked.named


def test_not_enough_names_the_term(assistant):
    asked = _read(assistant, "not enough calcium = spasms?", "ask_causes", lab_test="calcium")
    assert "causes.calcium" in asked.named and not asked.excluded


def test_a_condition_the_user_names_is_about_them(assistant):
    asked = _read(assistant, "I'm pregnant, why does this happen?", "ask_causes", condition="pregnant")
    assert asked.about_user == {"who.risk_groups"}


def test_and_x_after_a_question_is_that_question_about_x(assistant):
    asked = _read(
        assistant,
        "and calcium?",
        "ask_about",
        last_topic="lab",
        previous="what's a normal magnesium level?",
        lab_test="calcium",
    )
    assert asked.follow_up and asked.query == "what's a normal calcium level?"


def test_a_first_question_is_no_follow_up(assistant):
    asked = _read(assistant, "what level counts as low?", "ask_lab_values")
    assert not asked.follow_up and asked.query == "what level counts as low?"


def test_telling_two_things_apart_answers_both(chat):
    """ "apart from" in "tell calf cramps apart from myoclonus" sets nothing aside, and
    each thing named as the term of its own fact is answered (blind set dev9)."""
    reply = chat.say(
        "How does the article tell calf cramps apart from myoclonus syndrome?",
        "ask_cramps",
        body_part="calf",
        condition="myoclonus syndrome",
    )
    assert "calf cramps" in reply and "myoclonus" in reply
