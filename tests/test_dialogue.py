"""Conversations through the plain-Python dialogue logic (no Rasa)."""

from __future__ import annotations

import re

import pytest


def test_causes_lists_the_articles_reasons_with_source_and_caveat(chat):
    reply = chat.say("what causes twitching in my sleep?", "ask_causes")
    for word in ("stress", "calcium", "exercise", "epilepsy", "muscle tension"):
        assert word in reply
    assert "Source: the article, section 1 (Reasons)" in reply
    assert "General guidance (not from the article):" in reply
    assert chat.state.last_topic == "causes"


def test_disclaimer_once_per_conversation(chat):
    first = chat.say("what causes it", "ask_causes")
    second = chat.say("how do I stop it", "ask_relief")
    assert "not a doctor" in first
    assert "not a doctor" not in second


def test_specific_cause_entity_gives_that_fact(chat):
    reply = chat.say("can pancreas problems cause this?", "ask_causes", cause="pancreas")
    assert "pancreatitis" in reply and "parathyroid" in reply
    assert "causes of low blood calcium" in reply  # the caveat


def test_tell_me_more_walks_the_topic(chat):
    chat.say("why do I twitch at night", "ask_causes")
    reply = chat.say("tell me more", "ask_more")
    assert "mental stress" in reply
    assert chat.state.last_fact == "causes.stress"


def test_tell_me_more_at_the_end_of_a_topic_offers_other_topics(chat):
    chat.say("what does the article say about cramps duration", "ask_cramps")
    chat.state = type(chat.state)(last_topic="cramps", last_fact="cramps.definition", disclaimer_shown=True)
    reply = chat.say("more", "ask_more")
    assert "That's everything the article says about calf cramps" in reply
    assert "[Causes]" in reply


def test_and_magnesium_after_calcium_uses_context(chat):
    assert "2 mmol/L" in chat.say("what calcium level is too low?", "ask_lab_values", lab_test="calcium")
    reply = chat.say("and magnesium?", "ask_about", lab_test="magnesium")
    assert "0.75 mmol/L" in reply


def test_both_lab_tests_give_both_thresholds(chat):
    turn = chat.say("blood numbers for calcium and magnesium?", "ask_lab_values")
    assert "2 mmol/L" in turn and "0.75 mmol/L" in turn


def test_why_after_a_fact_gives_its_reason(chat):
    chat.say("is low calcium a cause?", "ask_causes", lab_test="calcium")
    reply = chat.say("why?", "ask_why")
    assert "2 mmol/L" in reply  # causes.calcium -> lab.calcium


def test_how_do_i_stop_it_after_causes(chat):
    chat.say("what causes it", "ask_causes")
    reply = chat.say("how do I stop it?", "ask_relief")
    assert re.search("calcium-rich|milk", reply) and "fried" in reply


def test_herbs_always_carry_the_evidence_and_pregnancy_caveat(chat):
    reply = chat.say("which herbs does it suggest", "ask_relief", remedy="herbs")
    assert "Angelica" in reply and "no rigorous evidence" in reply and "pregnancy" in reply


def test_preventing_cramps_gets_the_everyday_advice_not_the_definition(chat):
    # blind set dev12: the subject (calf cramps) named, the kind of answer asked (prevention)
    reply = chat.say("how to prevent calf cramps", "ask_cramps", body_part="calf")
    assert "calcium-rich" in reply and "orderly" in reply


def test_what_to_do_in_a_cramp_asked_in_learner_english(chat):
    reply = chat.say("the cramp in my calf in the night, what I can do?", "ask_cramps", body_part="calf")
    assert "step on the ground" in reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what relieves a cramp?", "ask_cramps"),  # blind set dev15: got the cramp's definition
        ("what's the fastest fix when it happens?", "ask_relief"),  # dev15: the general advice
    ],
)
def test_relief_for_a_cramp_or_the_moment_gets_what_to_do_then(chat, text, intent):
    reply = chat.say(text, intent)
    assert "step on the ground" in reply
    assert "fried and greasy" not in reply  # not the everyday advice instead


def test_get_up_advice_is_for_cramps(chat):
    reply = chat.say(
        "should I get out of bed when my leg jolts me awake?", "ask_relief", remedy="get out of bed"
    )
    assert "step on the ground" in reply and "cramp" in reply


def test_emergency_comes_first_and_stops_relief_advice(chat):
    chat.say("how can I relieve it", "ask_relief")
    reply = chat.say("my husband is convulsing and won't wake up", "ask_relief")
    assert "112" in reply and "911" in reply and "999" in reply
    assert "step on the ground" not in reply
    later = chat.say("ok what should we do during an attack?", "ask_relief", remedy="during an attack")
    assert "step on the ground" not in later


def test_user_lab_value_compared_with_threshold(chat):
    reply = chat.say("blood test: calcium 1.8 mmol/L", "give_lab_value")
    assert "below" in reply and "2 mmol/L" in reply
    assert "Ask your doctor to interpret your results" in reply


def test_value_without_unit_asks_and_then_completes(chat):
    reply = chat.say("my magnesium result was 0.8", "give_lab_value")
    assert "unit" in reply and "[mmol/L]" in reply
    reply = chat.say("sorry, it was in millimoles per litre", "give_unit")
    assert "not below" in reply and "0.75 mmol/L" in reply
    assert chat.state.pending_lab == ()


def test_corrected_value_while_its_unit_is_asked_replaces_it(chat):
    chat.say("my calcium is 2.0, is that low?", "give_lab_value")
    reply = chat.say("sorry I misread, this year's says 1.75", "give_lab_value")
    # critically low in every unit labs use, so it is said before the unit is known
    assert reply.startswith("Please contact a doctor or urgent care today")
    assert "unit is your calcium result of 1.75" in reply
    assert chat.state.pending_lab[0]["value"] == 1.75


def test_unit_from_button_payload_entity(chat):
    chat.say("magnesium 0.6", "give_lab_value")
    reply = chat.say('/give_unit{"unit": "mmol/L"}', "give_unit", unit="mmol/L")
    assert "below" in reply and "0.75" in reply


def test_impossible_value_is_explained_not_crashed(chat):
    reply = chat.say("calcium 50 mmol/L", "give_lab_value")
    assert reply and "below the article's threshold" not in reply


def test_out_of_scope_health_question_recites_no_facts(chat):
    for text, intent in (
        ("how do I lower my cholesterol", "out_of_scope"),
        ("what causes headaches", "ask_causes"),
        ("is sleep apnea dangerous", "nlu_fallback"),
    ):
        reply = chat.say(text, intent, confidence=0.3 if intent == "nlu_fallback" else 0.9)
        assert not re.search("mmol|calcium|epilep|myoclon|pancrea", reply), (text, reply)


def test_another_condition_asked_with_the_article_s_side_words_is_out_of_scope(chat):
    """ "night" and "blood" are words of the article's terms too; the question is about
    teeth or the prostate (blind set dev9)."""
    for text in ("What causes grinding teeth at night?", "Can you explain prostate blood test indicators?"):
        reply = chat.say(text, "out_of_scope", confidence=0.99)
        assert "doesn't cover" in reply and not re.search("mmol|calcium|epilep|stress", reply), reply


def test_fallback_asks_between_two_close_topics(chat):
    # no words that say which: the classifier's two topics are offered
    reply = chat.say(
        "hmm the leg thing",
        "nlu_fallback",
        ranking=(("nlu_fallback", 0.5), ("ask_relief", 0.41), ("ask_doctor", 0.38)),
    )
    assert "Did you mean" in reply
    assert "[How can I relieve it?]" in reply and "[When should I see a doctor?]" in reply
    assert "[Something else]" in reply


def test_fallback_retrieves_a_fact_when_no_intent_fits(chat):
    reply = chat.say(
        "does chocolate make the jerks worse",
        "nlu_fallback",
        ranking=(("nlu_fallback", 0.5), ("ask_relief", 0.3), ("greet", 0.05)),
    )
    assert "chocolate" in reply and "Source: the article, section 4" in reply


def test_greet_offers_the_four_topics_as_buttons(chat):
    reply = chat.say("hi", "greet")
    assert [b["title"] for b in chat.messages[0].buttons] == [
        "Causes",
        "When to see a doctor",
        "Lab values",
        "Relief methods",
    ]
    assert "article" in reply  # says what it covers; the disclaimer comes with the first fact


def test_are_you_a_doctor_always_gets_the_disclaimer(chat):
    chat.say("hi", "greet")
    reply = chat.say("are you a doctor?", "bot_challenge")
    assert "not a doctor" in reply


def test_short_follow_up_is_read_in_the_last_topic(chat):
    chat.say("what's myoclonus syndrome?", "ask_doctor")
    reply = chat.say("how is it treated?", "ask_about")
    assert "reflex-inhibiting" in reply and "Chinese Angelica" not in reply


def test_what_about_men_after_who_answers_from_who(chat):
    chat.say("who gets this?", "ask_who")
    assert "one in five adult women" in chat.say("what about men?", "ask_about")


def test_specific_question_inside_a_topic_gets_the_specific_fact(chat):
    # (the line "my calf cramp lasted about 2 minutes, normal?" is a near tie with the
    # calf-cramp fact; it is counted as a miss in eval/own.yml rather than tuned away)
    reply = chat.say(
        "how many seconds or minutes does a calf cramp usually last?", "ask_cramps", body_part="calf"
    )
    assert "several seconds to tens of seconds" in reply
    assert "up to about 10 minutes" in reply  # the caveat


def test_general_relief_question_gets_the_overview_not_one_tip(chat):
    reply = chat.say("what can I do so these night kicks stop waking me up", "ask_relief")
    assert "calcium-rich" in reply and "fried" in reply


def test_named_term_settles_a_close_call_between_topics(chat):
    reply = chat.say(
        "not enough calcium = spasms?",
        "nlu_fallback",
        ranking=(("nlu_fallback", 0.5), ("ask_causes", 0.45), ("ask_lab_values", 0.42)),
        lab_test="calcium",
    )
    assert "calcium deficiency" in reply and "Did you mean" not in reply


def test_capabilities_reading_of_a_term_question_answers_the_term(chat):
    reply = chat.say("which herbs does the article suggest", "ask_capabilities", remedy="herbs")
    assert "Chinese Angelica" in reply and "no rigorous evidence" in reply


def test_buttons_stay_on_the_last_message_when_the_disclaimer_is_added(chat):
    chat.say("what causes it?", "ask_causes")
    assert len(chat.messages) == 1
    assert "not a doctor" in chat.messages[-1].text and chat.messages[-1].buttons


def test_thanks_and_bye_in_one_message_says_goodbye(chat):
    assert chat.say("thanks, bye", "thanks") == "You're welcome! Goodbye, and sleep well!"
    assert "Anything else" in chat.say("thank you", "thanks")


def test_the_disclaimer_reaches_the_first_fact_even_after_a_greeting(chat):
    chat.say("hi", "greet")
    assert "not a doctor" in chat.say("what causes it?", "ask_causes")
    assert "not a doctor" not in chat.say("and how do I stop it?", "ask_relief")


def test_thyroid_is_clarified_as_the_articles_parathyroid(chat):
    reply = chat.say("can thyroid problems cause twitching at night?", "ask_causes", cause="thyroid")
    assert reply.startswith("The article names the parathyroid glands")
    assert "not the thyroid itself" not in chat.say(
        "and parathyroid problems?", "ask_causes", cause="parathyroid"
    )


def test_and_x_reads_as_the_previous_question_about_x(chat):
    """Ellipsis: "and calcium?" after a normal magnesium level asks the same of calcium,
    not the calcium cause the word alone would suggest."""
    chat.say("what's a normal magnesium level?", "ask_lab_values", lab_test="magnesium")
    reply = chat.say("and calcium?", "ask_about", lab_test="calcium")
    assert "2 mmol/L" in reply and "threshold for calcium" in reply


def test_a_follow_up_in_a_new_topic_does_not_repeat_the_last_answer(chat):
    first = chat.say("does calcium deficiency cause it?", "ask_causes", lab_test="calcium")
    assert "loses a large amount of calcium" in first
    reply = chat.say("what foods have it?", "ask_relief")
    assert "loses a large amount of calcium" not in reply
    assert "soy" in reply


def test_a_short_question_without_a_subject_keeps_the_last_one(chat):
    chat.say("are the jerks a sign of low magnesium?", "ask_lab_values", lab_test="magnesium")
    reply = chat.say("what level counts as low?", "ask_lab_values")
    assert "0.75 mmol/L" in reply


def test_a_broad_why_gets_the_reasons_then_the_mechanism(chat):
    reply = chat.say("why does my body jerk as I fall asleep?", "ask_mechanism")
    assert "stress" in reply and "calcium" in reply  # the reasons
    assert "reflex" in reply  # and how it happens
    assert reply.index("stress") < reply.index("reflex")


def test_what_the_user_says_about_themselves_is_answered_too(chat):
    reply = chat.say(
        "I'm 28 weeks pregnant and my legs jump as I drift off, what causes that?",
        "ask_causes",
        condition="pregnant",
    )
    assert "stress" in reply and "calcium" in reply
    assert "pregnant women" in reply


def test_what_else_after_one_cause_gives_all_of_them(chat):
    chat.say("is it from lack of exercise?", "ask_causes", cause="lack_of_exercise")
    reply = chat.say("wat else cud it b", "ask_about")
    for word in ("stress", "calcium", "epilepsy"):
        assert word in reply


def test_a_term_set_aside_is_not_the_answer(chat):
    chat.say("can I take herbs for it?", "ask_relief", remedy="herbs")
    reply = chat.say("anything that isn't herbal?", "ask_relief", remedy="herbal")
    assert "The article suggests herbal medicines" not in reply and "calcium" in reply


def test_pregnant_and_why_gets_the_reasons_and_the_pregnancy_fact(chat):
    reply = chat.say(
        "I'm 24 weeks pregnant and my legs keep jumping when I fall asleep. " "Why is this happening?",
        "ask_who",
        condition="pregnant",
    )
    assert "stress" in reply and "calcium" in reply and "pregnant women" in reply


def test_same_units_takes_the_unit_of_the_value_before(chat):
    chat.say("magnesium came back 0.7 mmol/L", "give_lab_value")
    reply = chat.say("and calcium was 2.2, same units", "give_lab_value")
    assert "Which unit" not in reply and "2 mmol/L" in reply


def test_a_follow_up_about_the_last_answer_gets_that_answer(chat):
    chat.say("what's myoclonus syndrome?", "ask_doctor", condition="myoclonus")
    reply = chat.say(
        "what would they give me?",
        "ask_relief",
        confidence=0.9,
        ranking=(("ask_relief", 0.9), ("ask_doctor", 0.05)),
    )
    assert "reflex-inhibiting" in reply


def test_the_terminal_gets_the_whole_text_before_a_short_menu():
    from actions.replies import MENU_TITLE, Message, button, for_channel

    long = Message("x " * 200, [button("Tell me more", "ask_more")])
    shown = for_channel([long], "cmdline")
    assert [m.text for m in shown] == [long.text, MENU_TITLE] and not shown[0].buttons
    assert for_channel([long], "rest") == [long]


def test_why_after_one_cause_gives_its_own_reason_then_the_mechanism(chat):
    chat.say("can a workout right before bed cause it?", "ask_causes", cause="exercise_before_bed")
    reply = chat.say("why?", "ask_why")
    assert "fifth reason is muscle tension" in reply
    assert "conditioned reflex" in reply


def test_why_the_article_does_not_give_is_said_to_be_missing(chat):
    chat.say("does it happen to pregnant women?", "ask_who", condition="pregnancy")
    reply = chat.say("why?", "ask_why")
    assert "doesn't say why for this case" in reply
    assert "conditioned reflex" in reply


def test_a_unit_question_after_a_threshold_repeats_it_in_both_units(chat):
    chat.say("how low does magnesium have to be?", "ask_lab_values", lab_test="magnesium")
    reply = chat.say("what's that in mg/dl", "give_unit", unit="mg/dL")
    assert "0.75 mmol/L" in reply and "1.82 mg/dL" in reply


def test_a_bare_value_after_a_threshold_is_read_as_that_test(chat):
    chat.say("what's the magnesium cutoff?", "ask_lab_values", lab_test="magnesium")
    reply = chat.say("mine's 0.81 mmol/L, ok?", "give_lab_value")
    assert "Your magnesium of 0.81 mmol/L" in reply


def test_can_it_wait_after_a_critical_value_repeats_the_urgency(chat):
    first = chat.say("calcium 1.7 mmol/L", "give_lab_value")
    assert "contact a doctor or urgent care today" in first
    reply = chat.say("I don't have symptoms, can it wait?", "ask_doctor")
    assert reply.startswith("Please contact a doctor or urgent care today")


def test_a_question_about_a_pet_is_sent_to_a_vet(chat):
    """Blind sets dev6/dev7: the article is about people."""
    reply = chat.say("My dog twitches and yips in his sleep, is he ok?", "ask_causes")
    assert "vet" in reply and "five reasons" not in reply
    # a charley horse is a cramp, not a horse
    assert "vet" not in chat.say("why does a charley horse hurt so much", "ask_cramps")


def test_the_help_text_says_where_answers_come_from_and_how_to_ask(chat):
    reply = chat.say("how do I use this thing", "ask_capabilities")
    assert "article" in reply and "can't diagnose" in reply and "Ask a question" in reply


def test_a_section_asked_by_name_or_number_gets_what_that_section_says(chat):
    """Blind sets dev3, dev4, dev6: "the differential diagnosis section" is myoclonus and
    calf cramps, not the doctor advice of the introduction; "section 4" is relief."""
    reply = chat.say("What does the differential diagnosis section cover?", "ask_doctor")
    assert "myoclonus syndrome" in reply and "calf cramps" in reply
    assert "eat more calcium-rich foods" in chat.say("and section 4?", "ask_about")
    # blind set dev14: "the reasons section" crashed the action (a five-letter key of six)
    for name in ("reasons", "reason", "causes", "inspection", "relief", "intro"):
        assert "Source: the article" in chat.say(f"what does the {name} section say?", "ask_causes")


def test_gn_is_goodbye(chat):
    assert chat.say("ok gn", "nlu_fallback", confidence=0.4) == "Goodbye, and sleep well!"


def test_a_question_put_to_the_article_in_its_words_is_not_out_of_scope(chat):
    """Blind set dev12: read as out of scope by the classifier, asked of the article."""
    reply = chat.say("whats the articles take on causes", "out_of_scope", confidence=1.0)
    assert "stress" in reply and "calcium" in reply
    reply = chat.say("What does the article say about diet?", "ask_relief", confidence=1.0)
    assert "doesn't cover that" not in reply and re.search("milk|soy", reply)
    # a health topic it does not cover is still said to be out of scope
    reply = chat.say("what does the article say about diabetes?", "out_of_scope", confidence=1.0)
    assert "doesn't cover that" in reply


def test_asking_how_a_cramp_hurts_gets_the_articles_word_on_pain(chat):
    """Blind sets dev9, dev11, dev12: 'cramp pain normal?' was given the duration."""
    reply = chat.say("cramp pain normal?", "ask_cramps")
    assert "painful" in reply


def test_a_cramp_happening_now_and_a_follow_up_about_stopping_it_get_what_to_do(chat):
    """Blind sets dev2, dev12: the kind of answer asked is read with the topic the
    conversation is in, so 'and how I stop it?' after the cramp asks what to do."""
    assert "step on the ground" in chat.say("cramp now", "ask_cramps")
    chat.state = type(chat.state)()
    chat.say("What is the cramp?", "ask_cramps")
    assert "step on the ground" in chat.say("and how I stop it?", "ask_about")


def test_someone_describing_their_calf_cramps_also_gets_what_to_do(chat):
    """Blind sets dev, dev8, dev10: a report of one's own cramps gets the article's
    description and its advice for the moment; 'what is a calf cramp?' only the first."""
    reply = chat.say("charley horse every night at 4am ugh", "ask_cramps", body_part="calf")
    assert "tensile strength" in reply and "step on the ground" in reply
    reply = chat.say(
        "When the cramp seizes my calf in the night, what does the article recommend?", "ask_relief"
    )
    assert "step on the ground" in reply  # "seizes my calf" is a cramp, not a seizure


def test_asked_for_a_diagnosis_it_says_it_cannot_and_offers_topics(chat):
    """Blind sets dev7, dev12: 'can you just diagnose me' got 'I didn't understand'."""
    for text in ("can you just diagnose me", "can you diagnose me if I describe my symptoms?"):
        reply = chat.say(text, "nlu_fallback", confidence=0.4)
        assert "can't diagnose" in reply and "not a doctor" in reply
        assert "[Causes]" in reply
    # the article's section of that name is still the article's
    assert "can't diagnose" not in chat.say("what's in the differential diagnosis part?", "ask_doctor")


def test_a_request_to_write_something_is_out_of_scope(chat):
    reply = chat.say("write me a poem about sleep", "ask_capabilities", confidence=0.63)
    assert "doesn't cover that" in reply


def test_help_alone_says_what_the_assistant_can_do(chat):
    # blind set dev13: "help" was answered with the relief overview ("what helps")
    reply = chat.say("help", "ask_capabilities")
    assert "I can explain what the article says" in reply
    assert "112/911/999" not in reply


def test_a_cry_for_help_gets_the_number_first(chat):
    reply = chat.say("HELP!", "ask_capabilities")
    assert reply.startswith("If someone is in danger right now, call your local emergency number")
    assert "I can explain what the article says" in reply


def test_feeling_fine_after_a_critical_value_repeats_its_advice(chat):
    # blind set dev13: "but i feel fine" after magnesium 0.4 mmol/L was read as goodbye
    chat.say("my magnesium is 0.4 mmol/L", "give_lab_value")
    reply = chat.say("but i feel fine", "goodbye")
    assert reply.startswith("Please contact a doctor or urgent care today")
    assert "Goodbye" not in reply


def test_a_value_asked_in_the_other_unit_converts_the_users_value(chat):
    chat.say("my calcium is 1.95 mmol/L", "give_lab_value")
    assert "7.8 mg/dL" in chat.say("and in mg/dL?", "ask_about")
    chat.say("my magnesium is 1.5 mg/dL", "give_lab_value")
    assert "0.62 mmol/L" in chat.say("whats that in mmol", "ask_why")


def test_the_threshold_asked_in_mg_gives_the_threshold_in_mg(chat):
    chat.say("what's the calcium limit in the article", "ask_lab_values", lab_test="calcium")
    reply = chat.say("in mg?", "ask_about")
    assert "8.0 mg/dL" in reply


def test_what_a_word_of_the_last_answer_means(chat):
    chat.say("is epilepsy one of the reasons listed?", "ask_causes", cause="epilepsy")
    reply = chat.say("what does latent mean there", "ask_relief")
    assert "latent (hidden) epilepsy" in reply
    assert "Angelica" not in reply


def test_a_cause_the_article_never_names_is_said_to_be_unnamed(chat):
    reply = chat.say("can drinking alcohol in the evening cause these jerks?", "ask_causes")
    assert "The article doesn't mention “drinking alcohol”" in reply
    reply = chat.say("does the article give a potassium threshold?", "ask_lab_values")
    assert "The article doesn't mention “potassium threshold”" in reply


def test_herb_caveat_says_they_can_interact_with_medicines(chat):
    reply = chat.say("I'm on warfarin, can I try the herbs?", "ask_relief", remedy="herbs")
    assert "Herbal products can interact with medicines" in reply


def test_why_and_how_to_stop_in_one_message_get_both_answers(chat):
    # blind set dev13: a story ending "what causes that and how do i stop it happening again"
    reply = chat.say(
        "my calf locked up last night and it hurt so much, what causes that"
        " and how do i stop it happening again",
        "ask_cramps",
        body_part="calf",
    )
    assert "neuromuscular" in reply
    assert re.search(r"calcium-rich|step on the ground", reply)  # the relief the ranking puts first


def test_exercise_on_its_own_names_both_exercise_facts(chat):
    reply = chat.say("what does it say about exercise", "ask_causes", cause="exercise")
    assert "lack of exercise" in reply and "muscle tension from exercise" in reply


def test_what_a_named_herb_is_is_not_in_the_article(chat):
    reply = chat.say("what is dragon bone?", "ask_relief", remedy="herbs")
    assert reply.startswith("The article doesn't say what it is: it only names it among the herbal")


def test_an_item_of_the_numbered_reasons_by_its_number(chat):
    # blind set dev14: "the last one?", "and the fourth?" after the five reasons
    chat.say("What are the 5 causes?", "ask_causes")
    assert "fifth reason is muscle tension" in chat.say("the last one?", "nlu_fallback", confidence=0.4)
    assert "latent (hidden) epilepsy" in chat.say("and the fourth?", "ask_about")
    assert "lack of exercise" in chat.say("the third reason - explain it", "ask_why")


def test_a_summary_of_the_article_gives_each_main_topic(chat):
    reply = chat.say("Summarise the article's main claims in a few lines.", "out_of_scope", confidence=1.0)
    for part in ("five reasons", "see a doctor", "0.75 mmol/L", "calcium-rich foods"):
        assert part in reply


def test_settled_now_after_an_emergency_keeps_the_emergency_advice(chat):
    # blind set dev14: "she's settled now, sleeping peacefully" got "Goodbye, and sleep well!"
    chat.say("my baby has a fever and she's twitching in her sleep", "report_emergency")
    reply = chat.say("she's settled now, sleeping peacefully", "goodbye", confidence=0.99)
    assert "911" in reply and "Goodbye" not in reply


def test_what_the_assistant_can_help_with_is_not_what_helps(chat):
    # blind set dev14: "What are you able to help me with?" got the relief overview
    reply = chat.say(
        "What are you able to help me with? My English is not so good.", "ask_relief", confidence=1.0
    )
    assert "I can explain what the article says" in reply
    assert "get up and step" in chat.say("what can you do when a cramp hits", "ask_relief", confidence=1.0)


def test_what_actually_causes_it_gets_the_reasons(chat):
    reply = chat.say("ok so what actually causes the sudden jerks that wake you up", "ask_causes")
    assert "five reasons" in reply


def test_a_bare_value_after_a_cause_shown_with_its_threshold_is_read_against_it(chat):
    # blind set dev14: "calcium numbers?" gets the calcium cause with its line; "mine's 2.4" is a value
    chat.say("calcium numbers?", "ask_lab_values", lab_test="calcium")
    reply = chat.say("mine's 2.4", "give_lab_value")
    assert "I've read it in mmol/L" in reply and "2.4 mmol/L" in reply


def test_what_to_do_about_a_cause_gives_the_advice_linked_to_it(chat):
    # blind set dev14: "what can I do about the stress part" repeated the stress cause
    chat.say("Can stress alone do this?", "ask_causes", cause="stress")
    reply = chat.say("what can I do about the stress part", "ask_causes", confidence=1.0, cause="stress")
    assert "orderly life" in reply and "optimistic" in reply
    assert "nerves in the brain stay in a tense state" not in reply


def test_the_step_advice_asked_about_a_seizure_is_said_to_be_for_cramps(chat):
    # blind set dev14: a man with epilepsy asks whether to "step on the ground" in a seizure
    reply = chat.say(
        "Should I also follow the advice to step on the ground if a seizure happens at night?", "ask_relief"
    )
    assert "112" in reply
    assert "is meant for a cramp-like attack in the leg, not for a seizure" in reply
    reply = chat.say(
        "The article told my mum to step on the ground during a seizure. Dangerous!", "ask_relief"
    )
    assert "cramp" in reply and "don't try to get the person up" in reply


def test_why_about_the_last_answer_in_a_learners_word_order(chat):
    # blind set dev14: "Why they are bad?" after the foods to avoid, for which the article gives no reason
    chat.say("which food should I not eat?", "ask_relief")
    assert "The article doesn't explain that any further." in chat.say("Why they are bad?", "ask_why")
    chat.say("What does it say about attitude?", "ask_relief", remedy="attitude")
    reply = chat.say("why would that matter?", "ask_why")
    assert "preventing illness" in reply and "mental stress" in reply


def test_a_value_in_mmol_without_per_litre_after_a_threshold_is_assessed(chat):
    # blind red-flag set dev15: "is 0.4 mmol below that?" got the threshold again, not the
    # critical value's advice
    chat.say("whats the article's cutoff for magnesium?", "ask_lab_values", lab_test="magnesium")
    reply = chat.say("is 0.4 mmol below that?", "give_lab_value")
    assert reply.startswith("Please contact a doctor or urgent care today")
    assert "Your magnesium of 0.4 mmol/L" in reply


def test_a_value_with_two_units_named_takes_the_unit_beside_the_number(chat):
    # dev15: "mine is 6.6 mg/dL, what's that in mmol?" after a calcium question
    chat.say("how do I convert mg/dL to mmol/L for calcium?", "ask_lab_values", lab_test="calcium")
    reply = chat.say("ok so mine is 6.6 mg/dL, what's that in mmol? I feel okay", "give_lab_value")
    assert reply.startswith("Please contact a doctor or urgent care today")
    assert "6.6 mg/dL (about 1.65 mmol/L)" in reply


def test_the_unit_note_never_comes_before_a_call_for_help(chat):
    # dev15: a bare value after the threshold, with fainting: the emergency number first
    chat.say("whats the article's cutoff for magnesium?", "ask_lab_values", lab_test="magnesium")
    reply = chat.say(
        "that's my result from yesterday, 0.4. and I've just fainted in the kitchen", "give_lab_value"
    )
    assert reply.startswith("Please call your local emergency number now")
    assert "I've read it in mmol/L" in reply


def test_a_unit_given_with_symptoms_makes_the_pending_critical_value_an_emergency(chat):
    # blind red-flag set dev16: "mmol/L. and I'm tingling round my mouth" after calcium 1.65
    first = chat.say("my calcium test came back at 1.65", "give_lab_value")
    assert first.startswith("Please contact a doctor or urgent care today")
    reply = chat.say("mmol/L. and I'm tingling round my mouth and my heart's fluttering", "give_unit")
    assert reply.startswith("Please call your local emergency number now")


@pytest.mark.parametrize(
    "text",
    ["how many times a night is too many?", "what's a normal amount of twitching?"],
)
def test_how_often_is_too_often_gets_the_articles_occasional_versus_often(chat, text):
    # blind sets dev14 and dev15: the classifier read the first as out of scope, sure of it
    reply = chat.say(text, "out_of_scope")
    assert "occasionally" in reply and "often" in reply


def test_which_tests_gets_the_blood_values_the_article_names(chat):
    reply = chat.say("any tests a doctor would do?", "ask_doctor")  # dev15
    assert "serum (blood) calcium below 2 mmol/L" in reply


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (None, "is the article reliable?"),  # dev14: out of scope
        ("Does the article name its author?", "Then how much ought I to trust it?"),  # dev15
    ],
)
def test_asking_whether_to_trust_the_article_says_what_the_page_is(chat, first, second):
    if first:
        assert "names no author" in chat.say(first, "ask_doctor")
    reply = chat.say(second, "out_of_scope")
    assert "translated consumer health page" in reply and "general guidance" in reply


def test_does_science_back_that_up_says_the_article_gives_no_evidence(chat):
    chat.say("what does 'replenish Qi and blood' mean?", "ask_relief")
    reply = chat.say("does science back that up?", "ask_mechanism")  # dev15: got the mechanism
    assert reply.startswith("The article doesn't say what evidence or sources it rests on")
    assert "no rigorous evidence" in reply
