"""What the article does not say: the answer says so first, then the nearest facts."""

from __future__ import annotations

import re

import pytest

from actions import coverage, knowledge


@pytest.fixture(scope="module")
def cover() -> coverage.Coverage:
    return coverage.Coverage(knowledge.default())


@pytest.mark.parametrize(
    "question, thing",
    [
        ("Does the article mention restless legs?", "restless legs"),
        ("does it say anything about sleep apnea?", "sleep apnea"),
        ("and can shift work cause it?", "shift work"),
        ("what about kids?", "kids"),
        ("what does the article say about hydration?", "hydration"),
        # blind set dev7: yes/no questions about a thing
        ("Does the article say alcohol causes it?", "alcohol"),
        ("Does the article recommend magnesium tablets?", "magnesium tablets"),
        ("does it say to avoid alcohol?", "alcohol"),
        ("Is it related to what I'm dreaming about?", "what I'm dreaming about"),
        ("Are older people more prone to this according to the article?", "older people"),
        ("How common is it in men?", "men"),
        ("what about coffee?", "coffee"),  # a retrieval keyword the article never names
        # blind set dev9: each part of "X or Y" counts, and "does X work?"
        ("Can stretching or yoga before bed help?", "stretching or yoga"),  # when is no part of what
        ("do magnesium supplements work?", "magnesium supplements"),
        # blind set dev12: a thing for the complaint, a drink or pill to take, a bare phrase
        ("heat pad for cramps?", "heat pad"),
        ("does a hot bath before bed help", "hot bath"),
        ("should i be drinking more water or electrolytes?", "water or electrolytes"),
        ("Should I take calcium supplements for this?", "calcium supplements"),
        ("magnesium supplement?", "magnesium supplement"),
        ("tofu ok?", "tofu"),
        # blind set dev5: another complaint's treatment or another muscle's twitch
        ("What's the treatment for restless legs syndrome?", "restless legs syndrome"),
        ("What causes my eyelid to twitch during the day?", "eyelid"),
        ("Does the article say diabetes can cause the night twitching?", "diabetes"),
    ],
)
def test_a_thing_the_article_never_names_is_reported(cover, question, thing):
    assert cover.unnamed_thing(question) == thing


@pytest.mark.parametrize(
    "question",
    [
        "does the article mention epilepsy?",
        "Does the article mention pregnant women at all?",  # blind set dev11: "at all" is no thing
        "what about the herbal stuff in the article?",
        "how about chips and fried stuff?",  # fried food is in, so the pair is
        "and for cramps?",
        "what about kidney problems?",
        "does having a regular routine help?",  # a curated keyword of the rest advice
        "and in mg/dL?",  # a unit: a lab-value question
        "and how long do they last?",  # a question, not a thing
        "does the article say pancreatitis can cause it",
        "Who does the article say gets this most?",
        "What does the article say physically causes a calf cramp?",  # an adverb is no thing
        "Does the article recommend any drug treatment?",
    ],
)
def test_things_the_article_names_are_not_reported(cover, question):
    assert cover.unnamed_thing(question) is None


def test_a_detail_none_of_the_facts_gives_is_reported(cover):
    kb = knowledge.default()
    sun = [kb.fact("relief.sunlight")]
    assert cover.missing_detail("how long in the sun?", sun).name == "duration"
    assert cover.missing_detail("how much should I eat a day?", [kb.fact("relief.calcium_food")])
    assert cover.missing_detail("which one is most common?", kb.summary("causes"))
    assert cover.missing_detail("does it give an upper limit too?", [kb.fact("lab.magnesium")])


def test_a_detail_the_facts_give_is_not_reported(cover):
    kb = knowledge.default()
    # "several seconds or tens of seconds" is the article's duration of a cramp
    assert cover.missing_detail("how long does a cramp last?", [kb.fact("cramps.duration")]) is None
    # a story with "a day" in it asks for no amount
    assert (
        cover.missing_detail("I sit at a desk ten hours a day, could that cause it?", kb.summary("causes"))
        is None
    )


def test_the_reply_says_what_the_article_does_not_say_then_what_it_does(chat):
    chat.say("Does sunlight help with this?", "ask_relief", remedy="sun")
    reply = chat.say("how long in the sun?", "ask_relief")
    assert reply.startswith("The article doesn't say how long.")
    assert "more sun when you have time" in reply.split("\n", 1)[1]


def test_the_reply_names_what_the_article_does_not_mention(chat):
    reply = chat.say("Does the article mention restless legs?", "ask_relief")
    assert reply.startswith("The article doesn't mention \u201crestless legs\u201d.")


def test_small_talk_without_an_article_word_is_small_talk_even_when_unsure(chat):
    chat.say("what causes it?", "ask_causes")
    assert "welcome" in chat.say("ok thx", "thanks", confidence=0.7).lower()


def test_when_and_whether_it_goes_away_are_details_the_article_does_not_give(cover):
    kb = knowledge.default()
    assert cover.missing_detail("does it say when to drink it?", [kb.fact("relief.calcium_food")])
    assert cover.missing_detail(
        "does the article say if it goes away after birth?", [kb.fact("who.risk_groups")]
    )
    # asking for relief is not asking whether it goes away
    assert cover.missing_detail("any tips to make the nite jerks go away?", kb.summary("relief")) is None


def test_words_marked_not_in_the_article_are_not_in_it():
    """The curation's not_in_article list stays honest: none of its words is in the
    article's sentences (its footer of links to other pages is no part of it)."""
    kb = knowledge.default()
    said = " ".join(q for f in kb.facts.values() for q in f.quotes).lower()
    assert kb.not_in_article
    for word in kb.not_in_article:
        assert not re.search(rf"\b{re.escape(word.lower())}\b", said), word


def test_details_of_heredity_and_normal_range_are_not_given(cover):
    kb = knowledge.default()
    assert cover.missing_detail("Is it genetic? My mother had the same thing.", kb.summary("causes"))
    assert cover.missing_detail(
        "What's the normal range for calcium according to the article?", [kb.fact("lab.calcium")]
    )


def test_age_and_the_kind_of_doctor_are_details_the_article_does_not_give(cover):
    kb = knowledge.default()
    assert cover.missing_detail("is this an old people thing", kb.summary("who")).name == "age"
    assert (
        cover.missing_detail("what kind of doctor should I see for it", kb.summary("doctor")).name
        == "specialist"
    )
    assert cover.unnamed_thing("Does it happen to men too?") == "men"


def test_what_to_do_during_a_cramp_gets_the_article_s_advice_for_it(chat):
    """Blind set dev8: the cramp advice, not the description of a cramp."""
    reply = chat.say("calf cramp at night what do i do", "ask_cramps")
    assert "step on the ground" in reply


def test_thanks_that_ask_nothing_are_thanks_whatever_the_classifier_reads(chat):
    chat.say("what causes it?", "ask_causes")
    reply = chat.say("thank you so much, that really put my mind at ease", "ask_relief", confidence=0.9)
    assert "welcome" in reply.lower() and "calcium" not in reply


def test_kinds_of_a_thing_the_answer_names_only_in_general_are_reported(cover):
    """Blind set dev10: "which fruits?" after "vegetables and fruit"; a thing the answer
    lists ("herbal medicines: ...") or never names is not claimed."""
    kb = knowledge.default()
    food, exercise = kb.fact("relief.calcium_food"), kb.fact("causes.exercise")
    herbs = kb.fact("relief.herbs")
    assert cover.unlisted_kind("which fruits?", [food]) == "which fruits"
    assert cover.unlisted_kind("what kind of exercise?", [exercise]) == "which kind of exercise"
    assert cover.unlisted_kind("which kinds of medicines?", [herbs]) is None
    assert cover.unlisted_kind("which herbs?", [herbs]) is None
    assert cover.unlisted_kind("which fruits?", [herbs]) is None  # not named there at all
    assert cover.unlisted_kind("what herbs does it recommend?", [herbs]) is None
    assert cover.unlisted_kind("which elements?", [kb.fact("causes.lacking_elements")]) is None
    causes = kb.summary("causes")
    for question in ("what causes it?", "what causes?", "which causes?", "what kind of causes are there?"):
        assert cover.unlisted_kind(question, causes) is None, question


def test_a_cut_off_time_a_safe_amount_and_a_vitamin_are_details_it_does_not_give(cover):
    kb = knowledge.default()
    late = cover.missing_detail("how late is too late?", [kb.fact("causes.exercise_before_bed")])
    assert late is not None and late.name == "cutoff_time"
    safe = cover.missing_detail("how much would be safe?", [kb.fact("relief.herbs")])
    assert safe is not None and safe.name == "amount"
    assert cover.unnamed_thing("any b12 advice in there?") == "b12"


def test_quoting_the_article_s_number_asks_about_it_and_gives_no_unit(chat):
    """Blind set dev10: "why trust the 2 mmol/L number?" is about the article's line."""
    reply = chat.say("then why trust the 2 mmol/L number?", "give_unit")
    assert "below 2 mmol/L" in reply and "Which result is that unit for" not in reply


def test_the_kind_of_answer_asked_for_what_to_avoid_and_exact_figures():
    kinds = lambda text: {k.name for k in coverage.answer_kinds(text)}  # noqa: E731
    assert "avoid" in kinds("ok and what should i stop eating?")
    assert "level" in kinds("What are the precise figures given?")
    assert "what_to_do" in kinds("cramp rn in my calf at 3am wat do")
    assert "what_to_do" in kinds("any natural ways to deal with calf cramps at night")


def test_a_group_of_people_the_article_never_names_gets_who_it_does_name(chat):
    """Blind set dev8: "does it happen to men too?" - not mentioned, and the nearest the
    article says is who gets it, not what it is."""
    reply = chat.say("Does it happen to men too?", "ask_who")
    assert reply.startswith("The article doesn't mention \u201cmen\u201d")
    assert "one in five adult women" in reply
    cramps = type(chat)().say("Do calf cramps happen to men too?", "ask_cramps", body_part="calf")
    assert cramps.split("\n")[1].startswith("The article says many people get calf cramps")


def test_what_the_user_says_of_themselves_is_answered_beside_a_named_term(chat):
    """Blind set dev2: pregnant with calf cramps gets the cramps and what the article
    says of pregnant women, though the calf is a named term too."""
    reply = chat.say(
        "Pregnant and getting horrible calf cramps at night. Why does this happen?",
        "ask_cramps",
        condition="pregnant",
        body_part="calf",
    )
    assert "calf cramps" in reply and "pregnant women" in reply


def test_a_specific_kind_of_answer_is_not_read_as_a_broad_question(chat):
    """Blind set dev11: "what's a good thing to do at 3am when it happens" asks for the
    advice for that moment, not for the whole relief overview."""
    reply = chat.say("what's a good thing to do at 3am when it happens", "ask_relief")
    assert "step on the ground" in reply and "eat more calcium-rich foods" not in reply


def test_breastfeeding_is_a_thing_the_article_never_names(cover):
    assert cover.unnamed_thing("Is Chinese Angelica okay to take while I'm breastfeeding?") == "breastfeeding"
    assert cover.unnamed_thing("is milk ok while pregnant?") is None


@pytest.mark.parametrize(
    "question",
    [
        "magnesium cutoff?",  # the threshold in other words
        "foods high in calcium?",  # the head word is the article's
        "soy milk ok?",
        "tell me more?",
        "how much calcium should i take a day",  # the amount, not a thing
        "Does a glass of milk before bed help?",  # the thing is milk (after "of"), which the article names
        "is there a cure for it?",
        "Doctor can give what medicine for stop this reflex?",  # the article's medication
    ],
)
def test_the_articles_own_things_in_other_words_are_not_reported_missing(cover, question):
    assert cover.unnamed_thing(question) is None
