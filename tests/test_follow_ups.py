"""Follow-ups and what comes after a red flag, through the plain-Python dialogue (no Rasa):
each test is a short conversation a user could have, asserting what they would read."""

from __future__ import annotations

import pytest


def test_playing_down_an_emergency_just_described_repeats_the_emergency(chat):
    chat.say("My wife twitched in her sleep and now can't move her right arm and her speech is slurred")
    reply = chat.say("it's probably just the twitching though, right?", "ask_causes")
    assert reply.startswith("Please don't wait")
    assert "emergency number" in reply and "stroke" in reply


def test_playing_down_without_an_emergency_before_is_an_ordinary_question(chat):
    chat.say("what causes twitching in sleep?", "ask_causes")
    reply = chat.say("it's probably just stress though, right?", "ask_causes")
    assert "emergency number" not in reply


def test_a_critical_lab_value_with_symptoms_gets_the_number_and_the_value_placed(chat):
    reply = chat.say("magnesium 0.3 mmol/L and my muscles are twitching all over right now")
    assert reply.startswith("Please call your local emergency number now")
    assert "critically low" in reply and "0.3 mmol/L" in reply


def test_asking_how_serious_after_an_urgent_sign_repeats_the_urgency(chat):
    chat.say("I wake with a sore tongue and sometimes wet sheets after these night jerks")
    reply = chat.say("is that urgent?", "ask_doctor")
    assert reply.startswith("Yes, what you described should be checked soon")
    assert "see a doctor soon" in reply


def test_a_value_without_unit_after_one_with_a_unit_uses_that_unit_and_says_so(chat):
    chat.say("calcium result 2.15 mmol/L")
    reply = chat.say("and my magnesium 0.74?")
    assert "I've read it in mmol/L" in reply
    assert "0.74 mmol/L" in reply and "below the article's threshold of 0.75 mmol/L" in reply


def test_mEq_per_litre_after_a_threshold_gives_the_conversion(chat):
    chat.say("what's the article's magnesium number?", "ask_lab_values", lab_test="magnesium")
    reply = chat.say("and in mEq/L?", "ask_about", unit="mEq/L")
    assert "0.75 mmol/L = 1.5 mEq/L" in reply


def test_which_one_after_a_list_is_about_that_list(chat):
    chat.say("what causes it?", "ask_causes")
    reply = chat.say("which one is most common?", "ask_who", ranking=(("ask_who", 0.99),))
    assert reply.startswith("The article doesn't say which of them is most common")
    assert "mental stress" in reply and "one in five" not in reply


def test_asking_for_the_alternative_never_repeats_the_last_answer(chat):
    chat.say("what should my kid avoid eating?", "ask_relief")
    assert chat.state.last_fact == "relief.avoid_foods"
    reply = chat.say("and what's good?", "ask_about")
    assert "milk" in reply or "vegetables" in reply
    assert chat.state.last_fact != "relief.avoid_foods"


def test_a_follow_up_asking_for_a_number_gets_the_fact_that_gives_it(chat):
    chat.say("Can low calcium cause the twitching?", "ask_causes", lab_test="calcium")
    assert chat.state.last_fact == "causes.calcium"
    reply = chat.say("how low?", "ask_why", ranking=(("ask_why", 0.85), ("ask_about", 0.06)))
    assert "2 mmol/L" in reply


def test_a_follow_up_asking_what_a_doctor_would_give_gets_the_treatment(chat):
    chat.say("my legs jerk me awake several times a night", "ask_doctor")
    reply = chat.say("what would they give me?", "ask_about")
    assert "reflex-inhibiting medication" in reply


def test_how_do_i_get_more_of_it_after_a_cause_gets_the_foods(chat):
    chat.say("is low calcium a cause?", "ask_causes", lab_test="calcium")
    reply = chat.say("how do i get more of it", "ask_relief", ranking=(("ask_relief", 1.0),))
    assert "milk" in reply and "soy" in reply


def test_what_must_i_not_eat_gets_the_foods_to_avoid(chat):
    """Blind set dev7: after the foods to eat, the foods to avoid."""
    chat.say("What I must eat?", "ask_relief")
    reply = chat.say("And what I must not eat?", "ask_about", confidence=0.9)
    assert "fried" in reply


def test_the_other_reasons_are_not_the_one_just_given(chat):
    chat.say("the article mentions epilepsy. Should I be scared?", "ask_causes")
    reply = chat.say("what are the other possible reasons?", "ask_causes")
    assert "stress" in reply


def test_asking_again_which_ones_repeats_the_list(chat):
    chat.say("Can I use Chinese herbs for this?", "ask_relief")
    reply = chat.say("which ones are they again?", "ask_lab_values", confidence=0.87)
    assert "Astragalus" in reply


def test_asking_whether_a_reported_seizure_is_the_article_s_twitching_repeats_the_alarm(chat):
    chat.say(
        "I'm 30 weeks pregnant. I had a fit last night and now I have a pounding headache and blurry vision."
    )
    reply = chat.say("is this the twitching from the article?", "ask_about")
    assert "emergency number" in reply


def test_so_should_i_see_someone_is_about_the_doctor_whatever_the_classifier_says(chat):
    chat.say("does the article say anything specific about children?", "ask_who")
    reply = chat.say("so should I see someone?", "ask_relief", confidence=0.95)
    assert "often" in reply and "fried" not in reply


def test_a_bare_how_much_after_an_answer_says_the_article_gives_no_amount(chat):
    chat.say("Can I drink milk and eat tofu to help?", "ask_relief")
    reply = chat.say("how much?", "ask_more", confidence=0.82)
    assert reply.startswith("The article doesn't say how much.") and "soy" in reply


def test_the_article_s_own_figure_is_not_read_as_the_user_s_result(chat):
    reply = chat.say("Does the article give any source for the 2 mmol/L calcium figure?", "ask_lab_values")
    assert "Your calcium" not in reply


def test_is_that_safe_after_the_herbs_repeats_them_with_their_caveat(chat):
    """Blind set dev8: 'is that safe? I'm 12 weeks pregnant' is about the herbs just named."""
    chat.say("what herbs does it suggest", "ask_relief")
    reply = chat.say("is that safe? I'm 12 weeks pregnant", "ask_who", condition="pregnancy")
    assert "Angelica" in reply and "unsafe in pregnancy" in reply


def test_what_else_after_an_overview_gives_what_it_did_not_name(chat):
    """The relief overview names every remedy but the advice for the moment of a
    cramp; "what else?" gets that, not the first remedy again (blind set dev9)."""
    chat.say("Does the article say how to prevent it?", "ask_relief")
    reply = chat.say("what else?", "ask_more")
    assert "step on the" in reply and "calcium-rich" not in reply


def test_what_else_could_it_be_gets_the_reasons_then_the_differential(chat):
    chat.say("Could it be epilepsy?", "ask_causes")
    reasons = chat.say("what else could it be?", "ask_more", confidence=0.5)
    assert "stress" in reasons and "calcium" in reasons
    differential = chat.say("what else could it be?", "ask_more", confidence=0.5)
    assert "myoclonus" in differential and "calf cramps" in differential


def test_can_i_take_them_after_the_herbs_repeats_them_with_their_caveat(chat):
    """Read as "goodbye" by the classifier in blind set dev9; a question without a
    leaving word is no goodbye."""
    chat.say("I'm pregnant with my second. Which herbal remedies does the article list?", "ask_relief")
    reply = chat.say("can I take them now?", "goodbye", confidence=0.95)
    assert "Goodbye" not in reply and "unsafe in pregnancy" in reply


def test_a_goodbye_closing_a_statement_is_a_goodbye(chat):
    chat.say("when should I see a doctor?", "ask_doctor")
    reply = chat.say("I'll talk to my doctor then. Goodbye.", "ask_doctor", confidence=0.98)
    assert reply.startswith("Goodbye") and "article" not in reply


def test_a_detail_asked_after_an_answer_is_about_that_answer(chat):
    """ "how long should I be out?" after the sun names nothing of the article and its
    best fact (how long a cramp lasts) has nothing to do with the sun (blind set dev9)."""
    chat.say("Does getting sun help?", "ask_relief")
    reply = chat.say("how long should i be out?", "ask_doctor", confidence=0.57)
    assert reply.startswith("The article doesn't say how long") and "sun" in reply
    assert "cramp attack" not in reply


def test_how_long_after_the_cramp_advice_is_still_the_cramp(chat):
    chat.say("why do I get calf cramps in bed", "ask_cramps")
    chat.say("what should I do when it happens?", "ask_relief")
    reply = chat.say("how long until it stops?", "ask_cramps")
    assert "seconds" in reply


@pytest.mark.parametrize(
    ("first", "detail", "detail_intent", "said"),
    [
        (
            "Does a glass of milk before bed help?",
            "warm or cold?",
            "out_of_scope",
            "whether it should be " "warm or cold",
        ),
        (
            "What relief methods are there?",
            "which one works best?",
            "ask_relief",
            "which of them is most " "common, likely or " "effective",
        ),
    ],
)
def test_details_the_article_never_gives_are_said_to_be_missing(chat, first, detail, detail_intent, said):
    chat.say(first, "ask_relief")
    assert f"The article doesn't say {said}" in chat.say(detail, detail_intent, confidence=0.99)


def test_asking_if_the_cramp_advice_works_for_seizures_gets_its_caveat(chat):
    """The advice again, with the caveat that says it is for cramps and never for a real
    seizure; not the article's fact about epilepsy (blind set dev9)."""
    chat.say("what do I do when a cramp wakes me up?", "ask_relief")
    reply = chat.say("does that work for seizures too?", "ask_causes", causes="epilepsy")
    assert "step on the ground" in reply and "not advice for a real seizure" in reply


def test_where_i_can_find_it_asks_for_foods(chat):
    """Non-native word order (blind set dev9): "where I can find it" asks where to get
    calcium, which the article answers with foods."""
    chat.say("What is the reason for the jumping legs in the sleep?", "ask_causes")
    reply = chat.say("And calcium, where I can find it?", "ask_about", lab_test="calcium")
    assert "milk" in reply and "soy" in reply


def test_besides_a_thing_asks_for_the_rest_of_the_advice(chat):
    """Blind sets dev5 and dev10: "besides diet" sets the food facts aside, whether the
    classifier found a term ("diet") or only a word people use for it ("eating")."""
    reply = chat.say(
        "Besides diet, what lifestyle advice does the article give?", "ask_relief", remedy="diet"
    )
    assert "rest well" in reply and "doesn't cover" not in reply
    chat.say("will eating more calcium fix it?", "ask_relief")
    reply = chat.say("and besides eating, what else?", "ask_more")
    assert "rest well" in reply
    fresh = type(chat)()
    reply = fresh.say("I eat loads of veg already. Is there anything besides food?", "ask_relief")
    assert "rest well" in reply


def test_is_that_true_after_a_general_answer_repeats_all_of_it_with_caveats(chat):
    """Blind set dev8: "how common is it?" gives the one in five, then the risk groups;
    "is that true?" is about the one in five too, so both come again with their caveats."""
    chat.say("how common is it?", "ask_who")
    reply = chat.say("is that true?", "ask_about")
    assert "one in five" in reply and "General guidance" in reply


def test_does_that_include_a_thing_repeats_the_advice_and_says_what_it_never_names(chat):
    """Blind set dev10: "does that include my phone?" after the advice on stimulating things."""
    chat.say("what should i avoid before bed", "ask_relief")
    reply = chat.say("does that include my phone?", "nlu_fallback", confidence=0.4)
    assert reply.startswith("The article doesn't mention \u201cphone\u201d")
    assert "very stimulating" in reply


def test_why_after_advice_that_gives_its_own_reason_starts_with_that_reason(chat):
    """Blind set dev7: "why?" after the sun is its own "because it helps the body absorb
    calcium", then the calcium cause it points to."""
    chat.say("What does the article say about getting sun?", "ask_relief", remedy="sun")
    reply = chat.say("why?", "ask_why")
    assert reply.index("absorb calcium") < reply.index("calcium deficiency")


def test_details_of_the_last_answer_the_article_never_gives(chat):
    """Blind set dev11: "doses?" after the herbs is no small talk; "why would that work?"
    after the cramp advice is not answered with why cramps happen; "does gaming count?"
    and "total or ionised?" are said not to be in the article."""
    chat.say("What herbs does the article list?", "ask_relief")
    assert chat.say("Doses?", "ask_capabilities", confidence=0.51).startswith(
        "The article doesn't say how " "much."
    )
    chat.say("what's a good thing to do at 3am when it happens", "ask_relief")
    assert chat.say("why would that work?", "ask_why").startswith("The article doesn't say why it works.")
    chat.say("what should i not do before bed", "ask_relief")
    assert chat.say("does gaming count?", "ask_about").startswith(
        "The article doesn't mention " "\u201cgaming\u201d"
    )
    chat.say("What is the article's calcium cut-off?", "ask_lab_values")
    reply = chat.say("And is that total or ionised?", "ask_about")
    assert reply.startswith("The article doesn't say whether it means total or ionised calcium.")


def test_a_story_that_closes_by_asking_the_causes_gets_the_causes(chat):
    # the classifier reads "pregnant" in the story (who gets it); the question asks the causes
    reply = chat.say(
        "I'm 33 weeks pregnant and my legs have started jumping at night. "
        "What does the article say causes that?",
        "ask_who",
        condition="pregnant",
    )
    assert "The article lists five reasons" in reply


def test_a_cause_ruled_out_is_set_aside(chat):
    reply = chat.say(
        "I teach three yoga classes a day so it can't be lack of exercise. "
        "What other causes does the article give?",
        "ask_causes",
        cause="lack of exercise",
    )
    assert "stress" in reply and "calcium" in reply


def test_asking_if_the_step_advice_fits_a_real_seizure_says_it_does_not(chat):
    chat.say(
        "It says to step on the ground. What's that supposed to achieve?",
        "ask_relief",
        remedy="step on the ground",
    )
    reply = chat.say("And would that be the right response to an actual seizure?", "ask_about")
    assert "not for a seizure" in reply and "112/911/999" in reply
