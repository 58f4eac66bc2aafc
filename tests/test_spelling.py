"""Chat spellings and typos are put right before a question is matched (actions/spelling.py)."""

from __future__ import annotations

import pytest

from actions.spelling import Speller

ARTICLE_WORDS = ["what causes sudden twitching at night", "calcium, magnesium", "twitches", "common causes"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(ARTICLE_WORDS)


def test_chat_spellings_become_words(speller):
    said = speller.correct("wat shud i do wen it happens at nite")
    assert said == "what should i do when it happens at night"


def test_a_typo_becomes_the_article_word_one_letter_away(speller):
    assert speller.correct("cuases of twiches, calcuim?") == "causes of twitches, calcium?"


def test_real_english_words_and_numbers_stay_as_written(speller):
    # "mother" is one letter from "other", "2mmol" is a value: neither is a typo
    assert speller.correct("my mother has calcium 2mmol") == "my mother has calcium 2mmol"


def test_a_question_in_chat_spelling_gets_the_article_reasons(chat):
    reply = chat.say("wat cuases leg twiches at nite", "ask_relief")
    assert "The article lists five reasons" in reply


def test_a_question_not_in_english_is_told_the_answers_are_english_only(chat):
    reply = chat.say("¿Qué causa los tirones al dormir?", "ask_causes")
    assert reply.startswith("Sorry, I can only answer in English")


def test_an_emergency_not_in_english_still_gets_the_emergency_number(chat):
    reply = chat.say("mi hijo no respira")
    assert reply.startswith("Please call your local emergency number now")
