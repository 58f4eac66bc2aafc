"""Red-flag screening: what level a message gets, and what the user then reads.

Just over 400 lines: one parametrised table per red flag; the blind sets themselves are
run by test_red_flags.py."""

from __future__ import annotations

import time

import pytest

from actions.safety import (
    DANGER_LINE,
    EMERGENCY_INTENT,
    FLAG_LEVELS,
    MAX_MESSAGE_CHARS,
    Level,
    Screening,
    message_for,
    screen,
)

NUMBERS = "112 in Europe, 911 in the US, 999 in the UK"
FORBIDDEN_IN_EMERGENCY = ("step on the ground", "not a big deal", "no big deal", "get up")


def allows_cramp_advice(screening: Screening) -> bool:
    """Whether a reply may say "get up and step on the ground": a cramp remedy that
    is dangerous for someone having a seizure, so never after one is described."""
    return not screening.describes_seizure and screening.level < Level.EMERGENCY


# --------------------------------------------------------------------------- phrases

SEIZURE_EMERGENCIES = [
    # the two emergency phrases of the public evaluation
    "my girlfriend is convulsing on the bedroom carpet and isn't reacting when I call her, help",
    "my wife is having a seizure right now",
    "my son is seizing and won't wake up",
    "she keeps having seizures one after another and doesnt wake between them",
    "he's been seizing for more than 5 minutes",
    "the seizure has lasted over five minutes what do i do",
    "she was fitting for 10 min",
    "its been 6 minutes and he is still convulsing",
    "my dad is having a siezure",  # typo
    "my baby is convulsing",
    "HELP dad having a fit on the floor",
    "urgent my husband is fitting and foaming at the mouth",
    "my mum is having a seizure and she has never had one before",
    "he had a seizure last night for the first time",  # first-ever: call (medical notes)
    "my dad has never had a seizure before",
    "oh no he is seizing",  # an exclamation, not a negation
]
BREATHING_EMERGENCIES = [
    "I can't breathe and my throat feels tight after taking the herbal medicine",
    "he is not breathing",
    "she is struggling to breathe",
    "my son is turning blue",
    "noisy breathing and cramps all over, what do i do",
    "throat feels tight and my muscles are spasming",
    "there's stridor when he breathes in",
]
OTHER_EMERGENCIES = [
    "he hit his head during the fit and is bleeding",
    "she fell out of bed and hurt her arm",
    "my husband is unresponsive",
    "my toddler is shaking and unresponsive",
    "he passed out",
]
URGENT_CASES = [
    ("I woke up with a bitten tongue", "bitten tongue"),
    ("I wet the bed last night and woke up confused", "wet bed"),
    ("woke up with bruises I can't explain", "unexplained injury"),
    ("my son had a seizure last night", "A seizure, even one that has stopped"),
    ("she isn't seizing anymore, she is asleep now", "A seizure, even one that has stopped"),
    ("my calf cramp has lasted 15 minutes", "doesn't ease within about ten minutes"),
    ("the cramp won't go away, it's been 20 minutes", "doesn't ease within about ten minutes"),
    ("tingling around my mouth and cramps in my hands", "low calcium"),
    ("I stepped on a rusty nail and now my muscles spasm", "tetanus"),
    ("I passed out last night", "Passing out"),
]
ROUTINE_CASES = [
    ("twitching wakes me up every night", "wakes you"),
    ("my legs jerk me awake several times every night and i cant get back to sleep", "wakes you"),
    ("I wake up over and over from my legs jumping and I'm exhausted", "wakes you"),
    ("my legs feel numb and weak", "Numbness, swelling or weakness"),
    ("I have an urge to move my legs at night", "urge to move the legs"),
    ("my 16 year old is sleeping through lessons and his legs jerk at night", "sleepy or worn out"),
    ("I'm so sleepy during the day because of the twitches", "sleepy"),
]
NONE_CASES = [
    "what causes twitching in my sleep?",
    "y not",  # blind set dev13: the learned signal read it as an emergency (0.76)
    "fr? i dont wanna go to a doctor",  # dev9: reluctance read as a crisis (0.46)
    "even if I go for a walk every day?",
    "leg jolts me awake - should I just lie there or get out of bed?",
    "what are seizures",
    "is epilepsy a cause?",
    "can latent epilepsy cause this",
    "my calcium is 1.8 mmol/L",
    "can stress cause seizures?",
    "is a seizure an emergency?",
    "does low calcium cause convulsions?",
    "my legs convulse when I fall asleep",  # the article's word for a sleep start
    "my calf seized up last night",  # a cramp, not a seizure
    "I want to get fit, does exercise help?",
    "he is fit and healthy, why does he twitch?",
    "I'm not waking up refreshed",
    "any tips to make the nite jerks go away?",
    "fix my javascript error: undefined is not a function",
]
NEGATED = [
    "no, he is not seizing, it's just a leg kick",
    "she isn't having a seizure, just twitching",
    "it's not a seizure",
    "he is not having a fit",
    "she has never had a seizure, she just kicks in her sleep",
    "no trouble breathing",
    "I don't have a tight throat",
    "I fell out of bed last night, no injuries",
    "no tingling around my mouth",
]
DISTANT_PAST = [
    "I had a seizure as a child",
    "my brother had fits years ago",
    "I had epilepsy when I was young",
    "he used to have convulsions when he was little",
    "I had trouble breathing as a child",
]


def _emergency_checks(text: str) -> tuple[Screening, str]:
    s = screen(text)
    msg = message_for(s)
    assert s.level == Level.EMERGENCY, (text, s)
    assert msg is not None and msg.startswith("Please call your local emergency number now")
    assert NUMBERS in msg
    for phrase in FORBIDDEN_IN_EMERGENCY:
        assert phrase not in msg.lower()
    assert not allows_cramp_advice(s)
    return s, msg


# --------------------------------------------------------------------------- levels


@pytest.mark.parametrize("text", SEIZURE_EMERGENCIES)
def test_seizure_emergencies_say_call_now_with_seizure_first_aid(text: str) -> None:
    s, msg = _emergency_checks(text)
    assert s.describes_seizure
    assert "don't hold them down" in msg.lower() and "put anything in their mouth" in msg


@pytest.mark.parametrize("text", BREATHING_EMERGENCIES)
def test_breathing_emergencies_get_airway_steps_not_only_seizure_steps(text: str) -> None:
    s, msg = _emergency_checks(text)
    assert {"breathing", "throat"} & set(s.flags)
    assert "loosen" in msg or "airway" in msg


@pytest.mark.parametrize("text", OTHER_EMERGENCIES)
def test_injury_and_unresponsiveness_are_emergencies(text: str) -> None:
    _emergency_checks(text)


def test_the_public_emergency_phrases_name_their_red_flags() -> None:
    fit = screen(
        "my girlfriend is convulsing on the bedroom carpet and isn't reacting when " "I call her, help"
    )
    assert {"ongoing_seizure", "not_recovering"} <= set(fit.flags)
    throat = screen("I can't breathe and my throat feels tight after taking the herbal " "medicine")
    assert {"breathing", "throat"} <= set(throat.flags)
    assert "Sit upright" in message_for(throat)


@pytest.mark.parametrize("text,reason", URGENT_CASES)
def test_urgent_cases_say_see_a_doctor_soon_and_why(text: str, reason: str) -> None:
    s = screen(text)
    msg = message_for(s)
    assert s.level == Level.URGENT, (text, s)
    assert msg.startswith("Please see a doctor soon (today or tomorrow).")
    assert reason in msg
    assert "If it gets worse, call your local emergency number" in msg and NUMBERS in msg


@pytest.mark.parametrize("text,reason", ROUTINE_CASES)
def test_routine_cases_suggest_booking_a_visit(text: str, reason: str) -> None:
    s = screen(text)
    msg = message_for(s)
    assert s.level == Level.ROUTINE, (text, s)
    assert msg.startswith("It would be a good idea to book a visit with your doctor.")
    assert reason in msg
    assert "emergency" not in msg


@pytest.mark.parametrize("text", NONE_CASES)
def test_ordinary_questions_get_no_safety_message(text: str) -> None:
    s = screen(text)
    assert s.level == Level.NONE, (text, s)
    assert message_for(s) is None


@pytest.mark.parametrize(
    "text",
    [
        "Suppose someone took too many magnesium tablets, what symptoms would they get? Just wondering",
        "If a child with a fever started twitching, would that be a febrile seizure?",
        "What would happen if someone had a seizure while pregnant? Just curious, I'm not pregnant.",
        "I'm scared these are seizures: a quick jump of my whole body right as I fall asleep",
    ],
)
def test_asking_in_general_raises_no_alarm(text: str) -> None:
    """Blind set dev9's near misses: nobody here is in danger."""
    assert screen(text).level < Level.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "if my son has a seizure right now what do I do, he is shaking all over",
        "what do I do if someone is having a seizure in front of me, he went blue",
    ],
)
def test_asking_what_to_do_during_one_still_counts(text: str) -> None:
    assert screen(text).level == Level.EMERGENCY, text


@pytest.mark.parametrize("text", NEGATED)
def test_negated_red_flags_do_not_count(text: str) -> None:
    s = screen(text)
    assert s.level == Level.NONE, (text, s)
    assert not s.describes_seizure
    # fail safe: a red flag seen and judged negated is never reassurance; at most the
    # one-line reminder of the emergency number is added to the answer
    assert message_for(s) in (None, DANGER_LINE)


def test_negation_only_reaches_its_own_clause() -> None:
    assert "breathing" not in screen("no trouble breathing").flags
    # "not seizing" is denied, "not breathing" is a red flag of its own
    s = screen("she's not breathing and not seizing")
    assert s.level == Level.EMERGENCY and "breathing" in s.flags
    # "I'm not sure" doubts; it does not deny
    assert screen("I'm not sure, he is not breathing").level == Level.EMERGENCY
    assert screen("I don't think he's breathing").level == Level.EMERGENCY


@pytest.mark.parametrize("text", DISTANT_PAST)
def test_distant_past_is_not_an_emergency(text: str) -> None:
    s = screen(text)
    assert s.level == Level.NONE, (text, s)
    assert not s.describes_seizure


def test_the_present_still_counts_after_a_distant_past() -> None:
    s = screen("my son had fits as a kid and now he is fitting again")
    assert s.level == Level.EMERGENCY and "ongoing_seizure" in s.flags
    s = screen("she had a seizure years ago and last night she had another one")
    assert s.level == Level.URGENT and s.describes_seizure


@pytest.mark.parametrize(
    "text",
    [
        "my son is having a siezure",
        "he is seizing",
        "my daughter is convulsing",
        "she is having a seisure",
        "my daughter is seizuring",
        "he's fitting",
    ],
)
def test_typos_and_inflections_are_recognised(text: str) -> None:
    s = screen(text)
    assert s.level == Level.EMERGENCY and s.describes_seizure, (text, s)


@pytest.mark.parametrize(
    "text,minutes_ok",
    [
        ("he seized for about 3 minutes last night", True),
        ("she convulsed for less than five minutes", True),
        ("she was seizing for 5-10 minutes", False),
        ("the fit went on for half an hour", False),
        ("he had a seizure and then slept for 8 hours", True),
    ],
)
def test_seizure_length_threshold_is_five_minutes(text: str, minutes_ok: bool) -> None:
    s = screen(text)
    assert ("long_seizure" not in s.flags) == minutes_ok, (text, s)
    assert s.describes_seizure


# --------------------------------------------------------------------------- questions


def test_first_aid_question_gets_emergency_guidance() -> None:
    # Decision: answering "what do I do if someone has a seizure?" with the emergency
    # steps is safe, and keeps the article's "step on the ground" out of it.
    s = screen("what should I do if someone has a seizure?")
    msg = message_for(s)
    assert s.level == Level.EMERGENCY and s.describes_seizure
    assert msg.startswith("If someone is having a seizure, call your local emergency number now")
    assert NUMBERS in msg and "step on the ground" not in msg
    assert "turn them on their side" in msg


def test_asking_about_stepping_on_the_ground_during_a_seizure_blocks_that_advice() -> None:
    s = screen("if I have a seizure again at night, should I get up and step on the ground?")
    assert s.describes_seizure and not allows_cramp_advice(s)


def test_wondering_about_a_seizure_blocks_cramp_advice_without_alarm() -> None:
    s = screen("could my twitching be a seizure?")
    assert s.level == Level.NONE and message_for(s) is None
    assert s.describes_seizure and not allows_cramp_advice(s)


def test_cramp_advice_is_allowed_for_ordinary_jolts_and_cramps() -> None:
    for text in (
        "leg jolts me awake - should I just lie there or get out of bed?",
        "why do my calfs lock up painfully at night?",
        "twitching wakes me up every night",
    ):
        assert allows_cramp_advice(screen(text)), text


# --------------------------------------------------------------------------- NLU intent

HIDDEN_EMERGENCY = "please help my son, something is really wrong with him"


def test_intent_fallback_raises_an_emergency_the_rules_missed() -> None:
    assert screen(HIDDEN_EMERGENCY).level == Level.NONE  # no rule fires on its own
    s = screen(HIDDEN_EMERGENCY, intent=EMERGENCY_INTENT, confidence=0.95)
    msg = message_for(s)
    assert s.level == Level.EMERGENCY and s.flags == ("intent",)
    assert msg.startswith("Please call your local emergency number now") and NUMBERS in msg
    assert "step on the ground" not in msg


def test_rules_fire_regardless_of_intent() -> None:
    s = screen("please help my son, he is jerking and blue", intent="greet", confidence=0.99)
    assert s.level == Level.EMERGENCY and "breathing" in s.flags


@pytest.mark.parametrize(
    "intent,confidence",
    [
        (EMERGENCY_INTENT, 0.79),
        ("ask_causes", 0.99),
        (None, 1.0),
        (EMERGENCY_INTENT, float("nan")),
        (EMERGENCY_INTENT, "high"),
    ],
)
def test_intent_fallback_needs_a_confident_emergency_intent(intent, confidence) -> None:
    assert screen(HIDDEN_EMERGENCY, intent=intent, confidence=confidence).level == Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "no, he is not seizing, it's just a leg kick",
        "I had a seizure as a child",
        "can stress cause seizures?",
    ],
)
def test_intent_fallback_defers_to_negation_and_past(text: str) -> None:
    assert screen(text, intent=EMERGENCY_INTENT, confidence=0.95).level == Level.NONE


# --------------------------------------------------------------------------- messages


def test_message_for_none_is_none() -> None:
    assert message_for(Screening(Level.NONE, (), False)) is None


@pytest.mark.parametrize("flag", sorted(FLAG_LEVELS))
def test_every_flag_has_a_short_calm_message(flag: str) -> None:
    s = Screening(FLAG_LEVELS[flag], (flag,), flag.endswith("seizure"))
    msg = message_for(s)
    assert msg and len(msg) <= MAX_MESSAGE_CHARS
    assert "step on the ground" not in msg and "big deal" not in msg
    if s.level >= Level.URGENT:
        assert NUMBERS in msg


def test_messages_with_many_flags_stay_short() -> None:
    urgent = tuple(f for f, lvl in FLAG_LEVELS.items() if lvl == Level.URGENT)
    routine = tuple(f for f, lvl in FLAG_LEVELS.items() if lvl == Level.ROUTINE)
    emergency = tuple(f for f, lvl in FLAG_LEVELS.items() if lvl == Level.EMERGENCY)
    for level, flags in ((Level.URGENT, urgent), (Level.ROUTINE, routine), (Level.EMERGENCY, emergency)):
        msg = message_for(Screening(level, flags, True))
        assert msg and len(msg) <= MAX_MESSAGE_CHARS


def test_breathing_with_a_seizure_gets_airway_care() -> None:
    s = screen("my daughter is fitting and her lips are going blue")
    msg = message_for(s)
    assert "airway" in msg and "don't hold them down" in msg.lower()


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "a" * 100_000,
        "\U0001f600" * 30_000,
        "مرحبا، ابني يعاني من نوبة",
        "<script>alert(1)</script>",
        "\x00\ud800\uffff",
        "(" * 50_000,
        "not " * 30_000,
        "seizure " * 20_000,
        "fell " + "x " * 5_000 + "and hurt",
        "İ" * 5_000,
    ],
)
def test_never_raises_and_stays_fast(text: str) -> None:
    start = time.perf_counter()
    s = screen(text)
    assert time.perf_counter() - start < 1.0
    assert isinstance(s, Screening) and isinstance(s.level, Level)
    message_for(s)


def test_html_and_entities_are_read_as_text() -> None:
    assert screen("<b>he is seizing</b>").level == Level.EMERGENCY
    assert screen("&lt;p&gt;she is convulsing&lt;/p&gt;").level == Level.EMERGENCY


def test_only_the_start_of_a_huge_message_is_scanned() -> None:
    assert screen("he is not breathing " + "x" * 100_000).level == Level.EMERGENCY
    assert screen("x " * 5_000 + "he is not breathing").level == Level.NONE


def test_non_string_input_is_treated_as_empty() -> None:
    assert screen(None).level == Level.NONE  # type: ignore[arg-type]
    assert screen(None, EMERGENCY_INTENT, 0.9).level == Level.EMERGENCY  # type: ignore[arg-type]


def test_nobody_and_no_one_negate_a_seizure_report():
    for text in (
        "relax, nobody is having a seizure, my wife just kicked once while nodding off",
        "no one is seizing, it was just a kick",
    ):
        assert screen(text).level == Level.NONE, text


def test_what_if_it_is_a_real_seizure_gets_the_danger_line_not_an_alarm() -> None:
    """Blind set dev7: a general question about a seizure still carries the number."""
    s = screen("what if it's not a cramp but a real fit?")
    assert s.level == Level.NONE and s.caution
    past = "I had epileptic fits as a teenager but none in 10 years. could that explain my leg jerks now?"
    assert not screen(past).caution


def test_gasping_that_settled_at_once_is_a_question_with_the_number_not_an_alarm() -> None:
    """Blind set dev11: breathing normally straight away is over; still gasping is not."""
    over = screen(
        "I woke up gasping once after a nightmare and then breathed normally straight away. Was "
        "that a sleep start?"
    )
    assert over.level == Level.NONE and over.caution
    again = screen("he was gasping, breathed normally straight away, and now he is gasping again")
    assert again.level == Level.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "I've noticed my grip is weaker lately and the muscles in my hand twitch a lot",
        "Mum's legs twitch at night and she says they've felt weak on the stairs for a few weeks",
        "it's every single night now, several times, and my partner has moved to the spare room",
        "In bed my legs want always move, like electricity inside",
        "dozing off in front of the telly every evening and even mid-conversation",
    ],
)
def test_signs_for_a_doctor_told_plainly_suggest_a_visit(text: str) -> None:
    assert screen(text).level == Level.ROUTINE, text


def test_blind_set_dev12_everyday_talk_raises_no_alarm():
    """Blind set dev12: "temporary" is no temperature, asking to be told it will stop is
    no crisis, and a prevention follow-up is no emergency."""
    for text in (
        "article says cramp = 'temporary brain dysfunction'. thats a seizure description surely",
        "If I do everything in the relief section, will the twitching go away? I need to know it will stop.",
        "and to stop them happening in the first place",
    ):
        assert screen(text).level == Level.NONE, text
    # the same words beside a real sign still alarm
    assert screen("my baby is jerking and her temp is 39").level == Level.EMERGENCY
    assert screen("I need to know it will stop. I wrote letters to my kids tonight").level == Level.EMERGENCY


def test_a_cramp_that_seizes_a_muscle_is_no_seizure():
    assert not screen("the cramp seizes my calf every night").describes_seizure
    assert screen("he is seizing and his lips are blue").level == Level.EMERGENCY


def test_talk_about_the_articles_seizure_words_is_no_report():
    s = screen("The article keeps saying convulsions, cramps, seizures like they're one thing. Are they?")
    assert s.level == Level.NONE
    assert screen("the article says seizures but my son is having one right now").level == Level.EMERGENCY
