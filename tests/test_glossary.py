"""The article's harder words get a plain meaning, labelled as general guidance, after the
article's own sentence that uses them (actions/glossary.py, knowledge/glossary.yml)."""

from __future__ import annotations

from actions import glossary
from actions.replies import CAVEAT_LABEL


def test_every_entry_names_a_fact_of_the_knowledge_file_or_where_the_article_says_it(kb):
    for entry in glossary.entries():
        assert entry.fact in kb.facts if entry.fact else entry.where, entry.terms


def test_a_word_asked_about_gets_the_articles_sentence_then_its_meaning(chat):
    reply = chat.say("whats a fistula", "ask_causes")
    meaning = reply.index(f"{CAVEAT_LABEL} A fistula is an abnormal")
    assert reply.index("long-term intestinal fistula") < meaning
    assert "Source: the article, section 1" in reply


def test_a_word_only_in_the_introduction_is_placed_there(chat):
    reply = chat.say("What does 'conducive' mean?", "ask_mechanism")
    assert "The article uses the word in its introduction" in reply
    assert f'{CAVEAT_LABEL} "Conducive to" means' in reply


def test_a_long_question_that_uses_a_word_is_no_question_about_the_word():
    long_question = (
        "my mum had pancreatitis last year and since then her legs twitch every night when she "
        "falls asleep, what does the article say we should do about it"
    )
    assert glossary.asked_about(long_question) is None
