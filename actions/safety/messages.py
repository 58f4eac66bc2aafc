"""Every text the user reads after a screening, and which one a screening gets."""

from __future__ import annotations

from actions import plain_emergencies
from actions.safety.findings import Level, Screening

EMERGENCY_NUMBERS = plain_emergencies.EMERGENCY_NUMBERS
DANGER_LINE = plain_emergencies.DANGER_LINE
# Safety texts stay short: they come first, often on a phone, to someone worried.
MAX_MESSAGE_CHARS = 400
# Said when the user plays down the emergency they have just described.
STILL_AN_EMERGENCY = "Please don't wait or talk yourself out of it: what you described needs help now."
STILL_URGENT = "Yes, what you described should be checked soon rather than left."

# ---------------------------------------------------------------------------- messages

_CALL = f"Please call your local emergency number now ({EMERGENCY_NUMBERS})."
_CALL_IF = f"If someone is having a seizure, call your local emergency number now " f"({EMERGENCY_NUMBERS})."
_SEIZURE_STEPS = (
    "While you wait: don't hold them down or put anything in their mouth, "
    "move hard objects away and note the time. When the jerking stops, turn "
    "them on their side."
)
_SEIZURE_AGAIN = (
    "If it happens again before help comes: don't hold them down or put "
    "anything in their mouth, move hard objects away and note the time."
)
_BREATHING_STEPS = (
    "Sit upright, or help the person sit up, and loosen anything tight "
    "around the neck. Don't eat or drink anything. If you are alone, unlock "
    "the door and stay on the line."
)
_BOTH_STEPS = (
    "Don't hold them down or put anything in their mouth. As soon as the jerking "
    "stops, turn them on their side to keep the airway clear, and stay with them."
)
_INJURY_STEPS = (
    "Don't move them if they may have hurt their head or neck, press a clean "
    "cloth on any bleeding, and stay with them."
)
_UNRESPONSIVE_STEPS = (
    "Stay with them. If they are breathing, turn them on their side; if "
    "not, the call handler will talk you through what to do."
)
_GENERAL_STEPS = (
    "Stay with the person and follow the call handler's advice. If they are "
    "jerking, don't hold them down or put anything in their mouth."
)

_URGENT_OPEN = "Please see a doctor soon (today or tomorrow)."
_URGENT_CLOSE = f"If it gets worse, call your local emergency number " f"({EMERGENCY_NUMBERS})."
_URGENT_REASONS = {
    "recent_seizure": "A seizure, even one that has stopped, should be checked by a doctor.",
    "seizure_signs": (
        "Waking with a bitten tongue, a wet bed, confusion or an unexplained "
        "injury can point to a seizure at night rather than an ordinary sleep "
        "start."
    ),
    "lost_consciousness": "Passing out or being hard to wake should be checked by a doctor.",
    "long_cramp": (
        "A cramp that doesn't ease within about ten minutes is longer than usual " "and should be checked."
    ),
    "mouth_tingling": (
        "Tingling or numbness around the mouth, especially with cramps, can "
        "be a sign of low calcium, which a blood test can show."
    ),
    "wound_cramps": (
        "Cramps or stiff muscles after a dirty wound can be a sign of tetanus, "
        "which needs prompt treatment."
    ),
    "model_urgent": "What you describe should be checked by a doctor soon.",
}
_ROUTINE_OPEN = "It would be a good idea to book a visit with your doctor."
_ROUTINE_REASONS = {
    "frequent_waking": (
        "Twitching that often wakes you or spoils your sleep or your days "
        "deserves a proper check, and the cause can often be found."
    ),
    "leg_symptoms": (
        "Numbness, swelling or weakness in the legs is not part of ordinary "
        "sleep twitches and should be looked at."
    ),
    "urge_to_move": (
        "An urge to move the legs can be restless legs, which a doctor can " "assess and help with."
    ),
    "daytime_sleepiness": (
        "Feeling sleepy or worn out in the day suggests your sleep is being "
        "disturbed, which is worth checking."
    ),
    # the learned signal knows it is worth a visit, not which sign it saw
    "model_routine": "What you describe is more than the usual twitch as you fall asleep, and worth a check.",
}
_SEIZURE_FLAGS = frozenset({"ongoing_seizure", "long_seizure", "first_seizure", "seizure_first_aid"})


_CRISIS = (
    f"Please call your local emergency number now ({EMERGENCY_NUMBERS}) if you "
    f"might act on these thoughts or have hurt yourself. You can also talk to a crisis "
    f"line any time: {plain_emergencies.CRISIS_LINES}, or your local crisis line. "
    "You don't have to go through this alone: if you can, tell someone near you now."
)
_UNSPECIFIC_FLAGS = frozenset({"model", "intent", "term", "model_urgent"})
_CRISIS_TOO = (
    f"If this is about thoughts of ending a life, you can also call a crisis line: "
    f"{plain_emergencies.CRISIS_LINES}."
)
_EXTENDED_STEPS = {
    "overdose": (
        "Call a poison control centre too if you can. Keep the bottle or packet to "
        "show them, don't try to make anyone vomit, and if they become very sleepy "
        "or stop breathing normally, turn them on their side and stay with them."
    ),
    "pregnancy": (
        "A seizure, a severe headache or changes in vision in pregnancy or soon after "
        "birth can be eclampsia, which needs emergency care straight away. Lie on "
        "your left side while you wait, and don't stay alone."
    ),
    "child_fever": (
        "A child with a fever who is jerking, stiff or not responding needs to be "
        "seen straight away. Lay them on their side on a safe surface, don't put "
        "anything in their mouth, and note the time it started."
    ),
    "stroke": (
        "A drooping face, a weak arm or slurred speech can be a stroke, and every "
        "minute counts. Note the time the signs started and don't give food or drink."
    ),
    "chest_pain": (
        "Chest pain or pressure needs checking straight away. Stop and sit down "
        "while you wait, and don't drive yourself."
    ),
    "head_injury": (
        "Don't move them if they may have hurt their head or neck, press a clean "
        "cloth on any bleeding, and stay with them."
    ),
}


def _emergency_message(s: Screening) -> str:
    return _with_crisis_line(s, _emergency_text(s))


def _with_crisis_line(s: Screening, text: str) -> str:
    if s.crisis_possible and "988" not in text:
        return f"{text} {_CRISIS_TOO}"
    return text


def _emergency_text(s: Screening) -> str:
    flags = set(s.flags)
    if s.is_crisis:
        return _CRISIS
    if flags <= _UNSPECIFIC_FLAGS:  # we know it is serious, not which kind
        return f"{_CALL} {_GENERAL_STEPS} {_CRISIS_TOO}"
    for flag in ("overdose", "pregnancy", "child_fever", "stroke", "chest_pain"):
        if flag in flags and not flags & {"breathing", "throat"}:
            return f"{_CALL} {_EXTENDED_STEPS[flag]}"
    if "head_injury" in flags:
        flags.add("injury")
    seizure = bool(flags & _SEIZURE_FLAGS) or (s.describes_seizure and flags != {"intent"})
    airway = bool(flags & {"breathing", "throat"})
    if flags - _UNSPECIFIC_FLAGS == {"seizure_first_aid"}:
        return f"{_CALL_IF} {_SEIZURE_STEPS}"
    ongoing = seizure and bool(flags & {"ongoing_seizure", "long_seizure", "not_recovering"})
    if airway:
        steps = _BOTH_STEPS if seizure else _BREATHING_STEPS
    elif ongoing:
        steps = _SEIZURE_STEPS
    elif "injury" in flags:
        steps = _INJURY_STEPS
    elif seizure:
        steps = _SEIZURE_AGAIN
    elif "not_recovering" in flags:
        steps = _UNRESPONSIVE_STEPS
    else:
        steps = _GENERAL_STEPS
    return f"{_CALL} {steps}"


def _with_reasons(opening: str, reasons: list[str], closing: str = "") -> str:
    """Opening, as many reasons as fit in the length budget (at least one), closing."""
    parts = [opening, reasons[0]]
    for reason in reasons[1:]:
        if len(" ".join(parts + [reason, closing])) <= MAX_MESSAGE_CHARS:
            parts.append(reason)
    if closing:
        parts.append(closing)
    return " ".join(parts)


def still_stands(earlier: Screening) -> str:
    """The earlier alarm said again, for a user who plays it down or asks how serious."""
    opening = STILL_AN_EMERGENCY if earlier.level >= Level.EMERGENCY else STILL_URGENT
    return f"{opening} {message_for(earlier)}"


def message_for(screening: Screening) -> str | None:
    """The safety text the user sees for a screening; None when there is nothing."""
    if screening.level >= Level.EMERGENCY:
        return _emergency_message(screening)
    if screening.caution and screening.level == Level.NONE:
        return _with_crisis_line(screening, DANGER_LINE)
    if screening.level == Level.URGENT:
        reasons = [_URGENT_REASONS[f] for f in screening.flags if f in _URGENT_REASONS]
        return _with_crisis_line(
            screening,
            _with_reasons(_URGENT_OPEN, reasons or [_URGENT_REASONS["seizure_signs"]], _URGENT_CLOSE),
        )
    if screening.level == Level.ROUTINE:
        reasons = [_ROUTINE_REASONS[f] for f in screening.flags if f in _ROUTINE_REASONS]
        return _with_reasons(_ROUTINE_OPEN, reasons[:1] or [_ROUTINE_REASONS["frequent_waking"]])
    return None
