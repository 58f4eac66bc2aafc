"""Red-flag screening of every user message, before anything else is answered."""

# Plain Python (standard library only), so it can be tested without Rasa. The rules
# follow the "Red flags" list of the project's medical notes:
#
# * EMERGENCY - call the local emergency number now: a seizure going on now, one of
#   five minutes or more, a first-ever seizure, seizures without recovery in between,
#   trouble breathing, a tight throat or noisy breathing, an injury, someone who does
#   not respond.
# * URGENT - see a doctor today or tomorrow: a seizure that has already stopped,
#   waking with a bitten tongue / wet bed / confusion / unexplained injury, a cramp
#   that does not ease within ten minutes, tingling around the mouth, cramps after a
#   dirty wound, the writer themself passing out.
# * ROUTINE - book a visit: twitching that often wakes you or spoils sleep or the
#   day, numbness / swelling / weakness of the legs, an urge to move the legs,
#   daytime sleepiness.
#
# Rules run over normalised text (lower case, contractions expanded, punctuation
# folded into sentence and clause breaks). A trigger does not count when a negator
# stands a few words before it in the same clause ("he is not seizing"), when it is
# set in the distant past ("I had fits as a child"), or when the sentence is a
# general question with nobody in it ("can stress cause seizures?").
#
# Borderline decisions, all towards the safe side:
# * a seizure described as happening now is an emergency on its own: over a chat
#   nobody can check how long it has lasted or whether it is the first;
# * a first-ever seizure is an emergency even when it is over ("he had a seizure
#   last night for the first time"), as the medical notes say;
# * "what do I do if someone has a seizure?" gets the emergency steps, opened with
#   "If someone is having a seizure, call ... now", so the article's "step on the
#   ground" never answers it;
# * "could this be a seizure?" raises no level but sets `describes_seizure`, so the
#   cramp advice is held back (the dialogue records `seizure_reported`).
#
# The modules, each with one job (each imports only those above it):
#   text.py       normalising a message, sentences and clauses, negation, past, questions
#   findings.py   the levels, each flag's level, the result and the findings on the way
#   rules.py      the red-flag phrase rules and scanning a sentence with them
#   seizures.py   seizure words, a first-ever seizure, events that last too long
#   screening.py  `screen()`: all signals combined, failing safe
#   messages.py   every text the user reads, and `message_for()`
from __future__ import annotations

from actions.safety.findings import FLAG_LEVELS, Level, Screening
from actions.safety.messages import (
    DANGER_LINE,
    EMERGENCY_NUMBERS,
    MAX_MESSAGE_CHARS,
    message_for,
    still_stands,
)
from actions.safety.screening import EMERGENCY_INTENT, INTENT_THRESHOLD, earlier_alarm, screen
from actions.safety.text import MAX_SCAN_CHARS, about_an_animal
from actions.safety.text import _normalise as _normalise  # safety_model, eval/safety_report

__all__ = [
    "DANGER_LINE",
    "EMERGENCY_INTENT",
    "EMERGENCY_NUMBERS",
    "FLAG_LEVELS",
    "INTENT_THRESHOLD",
    "MAX_MESSAGE_CHARS",
    "MAX_SCAN_CHARS",
    "Level",
    "Screening",
    "about_an_animal",
    "earlier_alarm",
    "message_for",
    "screen",
    "still_stands",
]
