"""The screen: rules, classifier, plain emergency phrases and learned signal combined, failing safe."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from actions import plain_emergencies, safety_model
from actions.safety import crisis
from actions.safety.findings import _FLAG_ORDER, FLAG_LEVELS, Level, Screening, _Findings
from actions.safety.rules import _EMERGENCY_RULES, _ROUTINE_RULES, _URGENT_RULES, _scan_rules, minor_head_bump
from actions.safety.seizures import (
    _EPISODE,
    _scan_first_seizure,
    _scan_long_events,
    _scan_seizures,
)
from actions.safety.text import _normalise, _not_a_report, _rx, _sentences, sleep_start_then_fine

EMERGENCY_INTENT = "report_emergency"
# The classifier has to be this sure before it can raise an emergency on its own.
INTENT_THRESHOLD = 0.8
LEARNED_MIN_WORDS = 3
_NO_ESTIMATE = safety_model.Estimate(0.0, 0.0, 0.0, 0.0)

# ---------------------------------------------------------------------------- screen


def _as_confidence(value: object) -> float:
    try:
        conf = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return conf if math.isfinite(conf) else 0.0


_SLEEPS_THROUGH = _rx(
    r"\b(?:(?:when|while|as|once) (?:\w+ ){0,2}(?:falls? asleep|sleeps?|sleeping|asleep|dozes? off"
    r"|dozing|drifts? off)|in (?:my|his|her|their) sleep|kicks?|jerks?|twitch\w*)\b(?:\W+\w+){0,14}?"
    r"\W+(?:does not|did not|do not|not|never) (?:even |really |usually )?wak(?:e|es|ing)\b"
    r"(?! up (?:after|from the (?:fit|seizure)))"
)
_TRIED_TO_WAKE = _rx(
    r"\b(?:can not|could not|cannot|try|tried|trying|shak\w*|call\w*|shout\w*|respond\w*"
    r"|breath\w*|blue|limp|floppy|still|now|anymore|after (?:the|a|his|her) (?:fit|seizure)"
    r"|seiz\w*|fitting|convuls\w*|unconscious)\b"
)


# "I can't stop thinking about it" of a diagnosis someone suggested: worry, which the
# learned signal reads as a crisis (its data says "can't stop" of despair); without any
# warning sign of crisis.py it is no crisis
_WORRY = _rx(
    r"\b(?:can not stop|keep|kept|been) (?:thinking|worrying|obsessing|reading|googling) (?:about|over|up on)"
    r" (?:it|this|that|epilepsy|seizures?|what (?:she|he|they|my \w+|the \w+) said)\b"
    # "will the twitching go away? I need to know it will stop": asking for reassurance
    r"|\b(?:need|want|have) to know (?:if |that |whether )?(?:it|this|they|these|the \w+) (?:will|would"
    r"|is going to)"
    r" (?:\w+ )?(?:stop|go away|end|get better|pass)\b"
    # "how many calcium tablets are too many? I take one, I want to be careful": a safe dose asked
    r"|\bwant to be (?:careful|safe|sure)\b"
    # "i do not wanna go to a doctor": reluctance to see one, not wanting to die
    r"|\b(?:do not|did not|never) (?:want|wanna|wish|like) (?:to )?(?:go|see|visit|call|bother|ring)"
    r" (?:to )?(?:a |the |my |our )?(?:doctor|doc|dr|gp|hospital|clinic|physician|er|a e)\b"
)


# "HELP!" alone may be someone in trouble, or someone asking what the assistant does:
# the answer says what it can do, and the number comes first
_CRY_FOR_HELP = re.compile(r"^\W*(?:help(?: me| us)?(?: pls| please)?\s*!+|HELP(?: ME| US)?)\W*$")
# "what if it's a real fit?": asked about a possible seizure as it happens, not about
# seizures in general ("what if these are seizures?" is the article's question)
_WHAT_IF_SEIZURE = _rx(
    r"\b(?:what if|in case)\b[^.?!]{0,40}\b(?:real|actual|proper|full|true) (?:seiz\w*|fits?|convuls\w*)\b"
)


# A sign set aside as supposed or long past, which a later sentence says is here now
_HAS_HAPPENED_NOW = _rx(
    r"\b(?:i|he|she|they|we) (?:just )?(?:woke up with|woke with|have|has|have got|ve got|got|had|have had"
    r"|ve had) (?:one|it|that) (?:today|this morning|tonight|last night|right now|now)\b"
    r"|\b(?:it|that) (?:has |just )?happened (?:again )?(?:today|this morning|tonight|last night)\b"
)


def _rule_findings(text: str, previous: str = "") -> tuple[_Findings, str]:
    """`previous` is the user's message before this one: it can supply the context a
    combination needs ("my toddler got into the calcium tablets" / "she swallowed a
    handful of them") and the event a duration refers to ("mine has lasted 15 min")."""
    norm = _normalise(text)
    before = _normalise(previous) if previous else ""
    context = f"{norm} . {before}" if before else norm
    sentences = _sentences(norm)
    found = _Findings()
    for i, s in enumerate(sentences):
        _scan_seizures(s, i, found, norm)
        _scan_rules(s, _EMERGENCY_RULES, context, found, hypothetical_counts=True)
        _scan_rules(s, _URGENT_RULES, context, found)
        _scan_rules(s, _ROUTINE_RULES, context, found)
    if found.set_aside and _HAS_HAPPENED_NOW.search(norm):
        # "doctor said 'if you ever wake up with a bitten tongue, come in'. well I woke up with one today"
        for flag in sorted(found.set_aside):
            found.add(flag)
    _scan_first_seizure(sentences, found)
    _scan_long_events(sentences, found, norm, before)
    if crisis.warning_signs(norm):
        found.add("suicide")
    if _not_a_report(norm):  # seen and discounted: the answer with the number, no alarm
        emergencies = [f for f in found.flags if FLAG_LEVELS[f] == Level.EMERGENCY]
        for flag in emergencies:
            del found.flags[flag]
        found.suppressed += len(emergencies)
        found.suppressed_emergency += len(emergencies)
        found.seizure = False
    if {"head_injury", "injury"} & set(found.flags) and minor_head_bump(sentences, norm):
        # a bump with "nothing else": answered, with the number in case (no alarm)
        for flag in ("head_injury", "injury"):
            if found.flags.pop(flag, None) is not None:
                found.suppressed += 1
                found.suppressed_emergency += 1
    story = f"{before} . {norm}" if before else norm
    if "not_recovering" in found.flags and _SLEEPS_THROUGH.search(story) and not _TRIED_TO_WAKE.search(norm):
        # "he jerks once as he falls asleep, he doesn't wake up": he sleeps on
        del found.flags["not_recovering"]
        found.suppressed += 1
        found.suppressed_emergency += 1
    return found, norm


def _result(found: _Findings, norm: str, caution: bool) -> Screening:
    flags = tuple(sorted(found.flags, key=lambda f: (-FLAG_LEVELS[f], _FLAG_ORDER[f])))
    level = max((FLAG_LEVELS[f] for f in flags), default=Level.NONE)
    describes = found.seizure or (
        level == Level.EMERGENCY
        and bool(_EPISODE.search(norm))
        and bool({"not_recovering", "breathing"} & set(flags))
    )
    return Screening(Level(level), flags, describes, caution and level < Level.EMERGENCY)


def screen(text: str, intent: str | None = None, confidence: float = 0.0, previous: str = "") -> Screening:
    """Screen one user message for red flags. Never raises.

    Fail safe: three signals can see an emergency (the rules, the classifier's
    report_emergency intent, the plain emergency phrases). Any one of them raises it,
    unless a rule looked at the very trigger and judged it negated, in the past or a
    general question; then the signals disagree and the reply answers the question
    with DANGER_LINE added (`caution`). Nothing ever says "it isn't an emergency".
    """
    text = text if isinstance(text, str) else ""
    by_intent = intent == EMERGENCY_INTENT and _as_confidence(confidence) >= INTENT_THRESHOLD
    by_term = plain_emergencies.looks_like_emergency(text)
    try:
        found, norm = _rule_findings(text, previous if isinstance(previous, str) else "")
    except Exception:  # noqa: BLE001 - a bug here must not silence an emergency
        if by_intent or by_term:
            return Screening(Level.EMERGENCY, ("intent" if by_intent else "term",), False)
        return Screening(Level.NONE, (), False)
    # Two words are too few for n-grams to tell "y not" from "not breathing"; the
    # rules and the plain phrases read the short reports ("turning blue", "cant breathe").
    learned = _learned_estimate(norm) if len(norm.split()) >= LEARNED_MIN_WORDS else _NO_ESTIMATE
    # The rules' own reading of a seizure that has stopped ("recent_seizure", urgent)
    # is more specific than the learned signal, which cannot tell a first seizure
    # from a known one; the rules' emergency flags (first seizure, long, not
    # recovering) still escalate it.
    by_model = learned.emergency >= safety_model.EMERGENCY_P and "recent_seizure" not in found.flags
    # A rule that looked at the trigger and found it negated, past or a general question
    # outranks the unspecific signals (they cannot tell "is" from "isn't").
    discounted = (
        found.suppressed_emergency > 0
        or ((by_intent or by_model) and found.suppressed > 0)
        or ((by_term or by_model) and _not_a_report(norm))
        # a sleep start, fine at once: the classifier's "emergency" read the jerk alone
        or (by_intent and sleep_start_then_fine(norm))
    )
    if (by_intent or by_term or by_model) and not discounted:
        found.add("intent" if by_intent else "term" if by_term else "model")
    worry_only = bool(_WORRY.search(norm)) and not crisis.any_sign(norm)
    if (
        not discounted
        and not worry_only
        and (
            learned.crisis >= safety_model.CRISIS_ALONE_P
            or (by_model and learned.crisis >= safety_model.CRISIS_EMERGENCY_P)
        )
    ):
        found.add("model_crisis")
    if learned.urgent + learned.emergency >= safety_model.URGENT_P and not found.suppressed:
        found.add("model_urgent")
    if learned.routine >= safety_model.ROUTINE_P and not found.suppressed:
        found.add("model_routine")
    # the crisis share of the learned emergency does not count where worry explains it
    unsure = learned.emergency - (learned.crisis if worry_only else 0.0) >= safety_model.CAUTION_P
    # a seizure a rule set aside as a general question ("what if it's not a cramp but a
    # real fit?"): the answer, with the number in case it is happening now (not a
    # negated or long-past one: "nobody is having a seizure", "none in 10 years")
    seizure_talk = found.suppressed > 0 and bool(_WHAT_IF_SEIZURE.search(norm))
    cry_for_help = bool(_CRY_FOR_HELP.search(text))
    screening = _result(
        found, norm, caution=discounted or by_intent or by_term or unsure or seizure_talk or cry_for_help
    )
    return replace(screening, crisis_possible=learned.crisis >= safety_model.CRISIS_P and not worry_only)


# "it's probably just the twitching though, right?" or "is that urgent?" right after
# describing an emergency or an urgent sign
_PLAYS_DOWN = _rx(
    r"\b(?:probably|surely|maybe|must be|it is|it s|its) (?:just|only|nothing|fine|ok|okay)\b"
    r"|\bjust (?:the |a |her |his |my )?(?:twitch\w*|cramp\w*|jerk\w*|sleep\w*|tired)\b"
    r"|\b(?:do|does|should) (?:i|we|she|he|they) (?:really|actually|still) (?:need|have) to\b"
    r"|\b(?:can|could|should) (?:i|we) (?:just )?(?:wait|leave it|see how|sleep on it)\b"
    r"|\boverreact\w*|\bno need (?:to|for)\b|\bnot (?:that|a big) (?:serious|deal)\b"
    r"|\b(?:is|it is) (?:that|it|this) (?:really )?(?:necessary|needed)\b"
    r"|\b(?:is|was) (?:that|it|this) (?:\w+ )?(?:urgent|serious|an emergency|dangerous|bad|a problem)\b"
    r"|\bshould (?:i|we) (?:be )?worr\w*|\bhow (?:serious|urgent|bad|worried)\b"
    r"|\bcan (?:it|this|that) wait\b"
    # "she's settled now, sleeping peacefully": calmer now, which does not undo the sign
    r"|\b(?:she|he|they|it|baby) (?:is |s |are |has |seems |looks )?(?:settled|calmed|calm|quiet|fine|ok"
    r"|okay|better|asleep|sleeping|stopped)(?: down| again)? now\b|\b(?:settled|calmed) down\b"
    r"|\bseems (?:fine|ok|okay) now\b"
    # "is this the twitching from the article?" after a seizure in pregnancy
    r"|\b(?:is|could|can|might) (?:this|that|it|these|those) (?:just |only |simply )?(?:be )?"
    r"(?:the |a |those |these )?(?:twitch\w*|jerk\w*|sleep starts?|cramps?|what the article)\b"
)


def earlier_alarm(text: str, previous: str) -> Screening | None:
    """The earlier message's emergency or urgent screening, when this message plays it
    down or asks how serious it is ("it's probably just the twitching, right?", "is that
    urgent?"): the earlier alarm stands and is said again."""
    if not previous or not _PLAYS_DOWN.search(_normalise(text)):
        return None
    earlier = screen(previous)
    return earlier if earlier.level >= Level.URGENT else None


def _learned_estimate(norm: str) -> safety_model.Estimate:
    """The learned signal; nothing (all zero) if it cannot be had."""
    try:
        model = safety_model.default_model()
        if model is None:
            raise LookupError("no red-flag data")
        return safety_model.estimate(model, norm)
    except Exception:  # noqa: BLE001 - the rules still screen without it
        return _NO_ESTIMATE
