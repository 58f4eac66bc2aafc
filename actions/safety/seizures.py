"""Seizures: what a seizure word says, a first-ever seizure, and seizures or cramps that last too long.

Just over 400 lines on purpose: most of it is the seizure patterns, one alternative per
line as ruff formats them; splitting the patterns from the few functions that read
them would only add imports between two halves of one idea."""

from __future__ import annotations

import math
import re

from actions.safety.findings import _Findings
from actions.safety.text import (
    _ANIMAL,
    _DISTANT,
    _FIRST_AID,
    _HELP,
    _HYPOTHETICAL,
    _PERSON,
    _PERSONAL,
    _distant,
    _generic_question,
    _negated,
    _rx,
    _Sentence,
    _sentences,
)

# ---------------------------------------------------------------------------- seizures

# Seizure words, typos included ("siezure", "seizuring"), but not "seized up" (a cramp).
_SEIZ = (
    r"\b(?:seiz|siez|seaz|sez|seis|sies|ceaz)(?:ures?|urs?|uring|ers?|ing|ed|es|e)\b"
    r"(?! up\b)"
    # "the cramp seizes my calf": a muscle gripped, not a seizure
    r"(?! (?:my|his|her|your|the|their) (?:calf|calves|legs?|foot|feet|muscles?|toes?|thigh)\b)"
)
_SEIZURE_MENTION = _rx(
    _SEIZ + r"|\bconvul[a-z]*"
    r"|\b(?:epileptic|absence|tonic[ -]?clonic) (?:fit|attack|episode|seizure|activity)s?\b"
    r"|\bgrand mal\b|\btonic[ -]?clonic\b"
    r"|\bfits?\b(?! of\b| and healthy| enough| into\b| person"
    r"| people| body)|\bfitting\b(?! in\b| into\b| room\b)"
    r"|\b(?:shaking|jerking|twitching|convulsing|spasming|thrashing) (?:all over"
    r"|uncontrollably|violently)\b"
    r"|\b(?:whole|entire) body (?:is )?(?:shaking|jerking|convulsing|stiff)\b"
    r"|\b(?:shaking|jerking|thrashing) (?:\w+ )?on (?:the )?(?:floor|ground|bed)\b"
    r"|\bon (?:the )?(?:floor|ground) (?:\w+ )?(?:shaking|jerking|thrashing)\b"
    r"|\beyes (?:are |have )?(?:rolled|rolling|rolls) (?:back|up)\b"
    r"|\b(?:foaming|frothing) at the mouth\b"
    r"|\b(?:will|would|does|can) not stop (?:shaking|jerking|convulsing|seizing|fitting)\b"
)
# "fit" is a seizure only after these words ("having a fit", "had fits", "is fitting"),
# never in "keep fit", "get fit" or "he is fit".
_FIT_BEFORE = frozenset(
    "a an another had having suffered epileptic the his her my their big bad first "
    "second major ever proper real full massive huge".split()
)
_FITS_BEFORE = _FIT_BEFORE | frozenset("has have get gets got getting these those some night nightly".split())
_FITTING_BEFORE = frozenset(
    "is are was were been keeps keep kept started starting still " "longer currently now".split()
) | {""}  # "fitting for ten minutes"
_LIMB_OR_ONSET = _rx(
    r"\b(?:legs?|calf|calves|feet|foot|toes?|arms?|hands?|eyelids?|eyes?|muscles?"
    r"|falling asleep|fall asleep|drifting off|drift off|dozing off|doze off)\b"
)
_PAST = frozenset(
    "was were had did after stopped ended finished previous last earlier witnessed observed".split()
)
_PRESENT = frozenset(
    "is are am keeps keep started starting still currently now been " "begun began continues".split()
)
_HABITUAL = frozenset("has have get gets getting suffers often sometimes usually".split())
_MODAL = frozenset("can could might may would will should be".split())
_DEMONSTRATIVE = frozenset("it this that these those".split())


def _fit_is_seizure(s: _Sentence, idx: int) -> bool:
    prev = s.words[idx - 1] if idx else ""
    allowed = {"fit": _FIT_BEFORE, "fits": _FITS_BEFORE, "fitting": _FITTING_BEFORE}
    return prev in allowed[s.words[idx]]


def _tense(s: _Sentence, idx: int, end: int) -> str:
    """'past', 'ongoing', 'habitual', 'modal', 'demonstrative' or '' (not told),
    from the words just before the seizure words [idx, end), then the words themselves."""
    lo = max(s.clause_start(idx), idx - 5)
    for j in range(idx - 1, lo - 1, -1):
        w = s.words[j]
        if w == "having":
            back = s.words[j - 1] if j else ""
            if back in ("after", "since", "from", "before", "about", "of", "without"):
                return "past"
            return "ongoing"
        if w in _PAST:
            return "past"
        if w in _PRESENT:
            return "ongoing"
        if w in _HABITUAL:
            return "habitual"
        if w in _MODAL:
            return "modal"
        if w in _DEMONSTRATIVE:
            return "demonstrative"
    inside = s.words[idx:end]
    if any(w in _PRESENT or w in ("not", "will") for w in inside):
        return "ongoing"  # "whole body is shaking", "won't stop jerking"
    if any(w in _PAST for w in inside) or s.words[idx].endswith("ed"):
        return "past"  # "seized", "convulsed"
    after = " ".join(s.words[end : end + 3])
    if re.match(r"(?:right )?now\b|again\b|at the moment\b", after):
        return "ongoing"
    if re.match(r"(?:lasted|stopped|ended|happened|finished|went|was|were)\b", after):
        return "past"  # "the seizure lasted ten minutes"
    if any(w.endswith("ing") for w in inside):
        return "ongoing"  # "convulsing on the carpet", "foaming at the mouth"
    return ""


def _classify_seizure(s: _Sentence, idx: int, end: int, message: str = "") -> str:
    """What a seizure word says: 'ongoing', 'recent', 'habitual', 'first_aid',
    'possible', or '' when it does not count (negated, distant, general question)."""
    if _negated(s, idx):
        # "he is not seizing anymore" / "no longer fitting": it did happen, just now
        ended = "anymore" in s.words[end : end + 3] or "longer" in s.words[max(0, idx - 3) : idx]
        return "recent" if ended else ""
    if _ANIMAL.search(s.text):
        return ""
    word = s.words[idx]
    if word.startswith("convul") and _LIMB_OR_ONSET.search(s.clause_text(idx)):
        return ""  # the article's sense: "legs convulse when falling asleep"
    if s.question and not word.endswith("ing") and {"is", "are", "be"} & set(s.words[max(0, idx - 2) : idx]):
        return "possible"  # "are his sleep twitches seizures?": asking what they are
    tense = _tense(s, idx, end)
    before = " ".join(s.words[:idx])
    # "if he ever had a seizure, should I...": a past tense that is still a supposition
    supposed = tense != "past" or _IF_EVER.search(before)
    if supposed and (_HYPOTHETICAL.search(before) or (s.question and "during" in s.words[:idx])):
        if _FIRST_AID.search(s.text) or _FIRST_AID.search(message):
            return "first_aid"  # also "if he ever had one in bed, should I hold him?"
        return "possible" if _PERSONAL & set(s.words) else ""
    if tense == "modal" and s.question:
        return "" if _generic_question(s) else "possible"
    if _generic_question(s):
        return ""
    if tense in ("past", "habitual"):
        if _distant(s, idx):
            return ""
        return "recent" if tense == "past" else "habitual"
    if tense == "ongoing":
        return "ongoing"
    if _HELP.search(s.text):
        return "ongoing"  # "help, seizure!": treat as happening now
    if not _PERSONAL & set(s.words):
        # "calcium level that causes convulsions": the topic, not a report; but a
        # length ("seizure lasting 5+ mins") still counts
        return "topic"
    return "possible"


_IF_EVER = _rx(r"\bif (?:\w+ ){0,3}ever\b")
_SEIZURE_OR_ANAPHOR = _rx(
    _SEIZURE_MENTION.pattern
    + r"|(?:(?<=had )|(?<=having )|(?<=has )|(?<=got ))another(?: one| episode| attack)?\b"
    r"|(?:(?<=had )|(?<=having )|(?<=has ))one (?:again|tonight|now|last night|today"
    r"|this morning|just now|earlier|yesterday|(?:an?|\d+|few|couple of) (?:hour|hours|min|mins"
    r"|minutes|moment)s? ago)\b"
)
# A "possible" seizure ("could it be a seizure?") raises no level by itself.
_SEIZURE_KIND_FLAGS = {
    "ongoing": "ongoing_seizure",
    "recent": "recent_seizure",
    "habitual": "recent_seizure",
    "first_aid": "seizure_first_aid",
}


def _scan_seizures(s: _Sentence, si: int, found: _Findings, text: str) -> None:
    if _ANIMAL.search(text) and not _PERSON.search(text):
        return  # "my dog twitches in his sleep, is he having a seizure?"
    mentions = _SEIZURE_MENTION
    if _SEIZURE_MENTION.search(text):
        mentions = _SEIZURE_OR_ANAPHOR  # "... and last night she had another one"
    for m in mentions.finditer(s.text):
        idx = s.word_index(m.start())
        if s.words[idx] in ("fit", "fits", "fitting") and not _fit_is_seizure(s, idx):
            continue
        end = s.word_index(max(m.start(), m.end() - 1)) + 1
        kind = _classify_seizure(s, idx, end, text)
        if not kind:
            found.suppressed += 1
            continue
        if kind == "topic":
            found.topic_seizure_sentences.add(si)
            found.suppressed += 1  # looked at and judged not a report
            continue
        found.seizure = True  # any description counts for "no step on the ground"
        if kind in ("ongoing", "recent", "habitual"):
            found.active_seizure_sentences.add(si)
        if kind != "first_aid":
            found.described_seizure_sentences.add(si)
        flag = _SEIZURE_KIND_FLAGS.get(kind)
        if flag:
            found.add(flag)


# ---------------------------------------------------------------------------- durations

_CRAMP = _rx(
    r"\b(?:cramp\w*|charl(?:e|ie)y horse|spasm\w*|(?:calf|calves|leg|legs|muscles?|foot"
    r"|feet|toes?) (?:\w+ )?(?:locked|locking|knotted|seized up|seizing up|tightened))\b"
)
_EPISODE = _rx(r"\b(?:shak\w*|jerk\w*|twitch\w*|convul\w*|spasm\w*|fitting|seiz\w*)\b")
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty five": 45,
    "fifty": 50,
    "sixty": 60,
    "few": 3,
    "a few": 3,
    "several": 5,
    "half an": 0.5,
    "half a": 0.5,
    "couple of": 2,
    "a couple of": 2,
    "a quarter of an": 0.25,
    "quarter of an": 0.25,
    "a quarter": 0.25,
    "quarter": 0.25,
}
_DURATION = _rx(
    r"\b(?:(less than|under|fewer than|not even|almost|nearly) )?(?:a good |a whole |a full |good )?"
    r"(\d{1,3}(?:\.\d+)?|a few|a couple of|couple of|half an|half a|forty five|a quarter of an"
    r"|quarter of an|a quarter|quarter|a|an|one"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|few|several) ?(min|mins|minute|minutes|hour|hours|hr|hrs)\b"
    r"(?! ago\b)"
)
_LONG_WORDS = _rx(
    r"\b(?:for|lasted|lasting|went on|gone on|going on) (?:for )?(?:ages|a long time"
    r"|so long|too long|ever|forever)\b"
    r"|\b(?:will|would|does|did|has|have|is|can) not (?:stop|stopped|stopping)\b"
    r"|\bnot stopping\b|\bkeeps? going\b|\bgoing on and on\b|\bnon ?stop\b|\bit not stop\b"
    r"|\bnot (?:slowing|settling|easing)\b"
)
_NOT_EASING = _rx(
    r"\b(?:is|are|will|does|did|has|have) not (?:eas(?:e|ed|ing)|go(?:ne|ing)? away"
    r"|(?:getting |got )?better|stopped|passed|settled)\b|\bnot easing\b|\bstill "
    r"(?:there|hurting|cramping|going|cramped|tight)\b"
)
_DURATION_SENTENCE = _rx(
    r"\b(?:been|last(?:ed|ing|s)?|going on|gone on|still|it|this|that|over"
    r"|more than|longer than|past|mine|mines|for)\b"
)
_SLEEP_WORDS = _rx(r"\b(?:sleep|slept|asleep|nap|napped|awake|ago)\b")


_RECOVERY_WORDS = _rx(
    r"\bback to (?:baseline|normal|herself|himself|themselves|themself|myself)\b|\brecovered\b"
    r"|\bcame (?:round|around|to)\b"
)
# "a 1-minute episode, back to his baseline in 10 minutes": the time to recover, said just before it
_RECOVERY_JUST_BEFORE = _rx(
    r"(?:back to (?:\w+ ){0,2}(?:baseline|normal|self)|recovered|came (?:round|around|to)) (?:fully )?"
    r"(?:in|within|after) (?:about |around )?$"
)


def _minutes(s: _Sentence, event: re.Pattern[str]) -> float:
    """The longest duration stated in a sentence, in minutes (0 when none); a clause
    about sleep ("then slept for 8 hours") does not count unless it names the event."""
    longest = 0.0
    for m in _DURATION.finditer(s.text):
        clause = s.clause_text(s.word_index(m.start()))
        # "then slept for 8 hours", "back to baseline within 10 min": not the event's length
        if (_SLEEP_WORDS.search(clause) or _RECOVERY_WORDS.search(clause)) and not event.search(clause):
            continue
        if _RECOVERY_JUST_BEFORE.search(s.text[: m.start()]):
            continue
        qualifier, number, unit = m.groups()
        try:
            value = float(number)
        except ValueError:
            value = float(_NUMBER_WORDS.get(number, 0))
        if unit.startswith("h"):
            value *= 60
        if qualifier:
            value -= 0.5  # "less than five minutes" is under five
        if math.isfinite(value):
            longest = max(longest, value)
    return longest


def _about_event(sentences: list[_Sentence], event: set[int]) -> list[_Sentence]:
    """The event's own sentences, and others that say how long "it" lasts (not sleep)."""
    return [
        s
        for i, s in enumerate(sentences)
        if i in event or (_DURATION_SENTENCE.search(s.text) and not _SLEEP_WORDS.search(s.text))
    ]


_STRONG_EPISODE = _rx(
    r"\b(?:shaking|shook|jerking|fitting|convuls\w*|seiz\w*|siez\w*|fit" r"|fits|thrashing|stiff)\b"
)
# "he's epileptic ... this one has gone on for 7 minutes": the episode named by reference
_EPILEPTIC_EPISODE = _rx(r"\bepilep\w*\b.*\b(?:this one|that one|ones|episodes?|attacks?)\b")
_LIMB = _rx(
    r"\b(?:legs?|arm|foot|feet|hand|hands|eyelids?|eyes?|muscles?|calf|calves|toes?"
    r"|fingers?|lips?|jaw|thumb)\b"
)
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\b")


def _episode_sentences(sentences: list[_Sentence]) -> set[int]:
    """Sentences describing a whole-body episode of someone (not a limb's twitch, not
    negated, long ago or a general question): how long it lasts decides the level."""
    out = set()
    for i, s in enumerate(sentences):
        if _generic_question(s) or _LIMB.search(s.text) or _ANIMAL.search(s.text):
            continue
        for m in [*_STRONG_EPISODE.finditer(s.text), *_EPILEPTIC_EPISODE.finditer(s.text)]:
            idx = s.word_index(m.start())
            if not _negated(s, idx) and not _distant(s, idx):
                out.add(i)
    return out


def _clock_minutes(text: str) -> float:
    """ "started at 2:10 and it's 2:18 now" -> 8 minutes."""
    times = [int(h) * 60 + int(m) for h, m in _CLOCK.findall(text) if int(m) < 60]
    if len(times) < 2 or not re.search(r"\b(?:start|began|since|from|at)\w*", text):
        return 0.0
    gap = (times[-1] - times[0]) % (12 * 60)
    return float(gap) if gap < 180 else 0.0


def _scan_long_events(sentences: list[_Sentence], found: _Findings, norm: str = "", before: str = "") -> None:
    """Seizures of five minutes or more; cramps that do not ease within ten. When this
    message names no event but the previous one did, its durations are about that."""
    described = (
        found.described_seizure_sentences | found.topic_seizure_sentences | _episode_sentences(sentences)
    )
    earlier = _sentences(before) if before else []
    if not described and not any(_CRAMP.search(s.text) for s in sentences):
        if _episode_sentences(earlier):
            described = set(range(len(sentences)))
        elif any(_CRAMP.search(s.text) for s in earlier):
            sentences = [_Sentence(["cramp"], [0], False)] + sentences
    if described and _clock_minutes(norm) >= 5:
        found.seizure = True
        found.add("long_seizure")
    if described:
        about = _about_event(sentences, described)
        if max((_minutes(s, _EPISODE) for s in about), default=0) >= 5 or any(
            _LONG_WORDS.search(s.text) for s in about
        ):
            found.seizure = True
            found.add("long_seizure")
    cramp_sentences = set()
    for i, s in enumerate(sentences):
        for m in _CRAMP.finditer(s.text):
            idx = s.word_index(m.start())
            if not _negated(s, idx) and not _distant(s, idx):
                cramp_sentences.add(i)
    if not cramp_sentences:
        return
    about = _about_event(sentences, cramp_sentences)
    if max((_minutes(s, _CRAMP) for s in about), default=0) >= 10 or any(
        _NOT_EASING.search(s.text) or _LONG_WORDS.search(s.text) for s in about
    ):
        found.add("long_cramp")


# ---------------------------------------------------------------------------- first seizure

# "for the first time in ages" is not a first time
_IN_A_WHILE = r"(?! in (?:ages|years|a while|a long time|months|weeks|forever|decades|\d+))"
# No seizure known for a child in someone's care: "nothing about seizures on her medical form"
_NOTHING_ON_HER_FORM = (
    r"|\b(?:nothing|no mention) (?:about|of) (?:seiz\w*|fits|epilep\w*|convul\w*) (?:on|in)"
    r" (?:her|his|their|the) (?:\w+ )?(?:form|record|records|notes|file|paperwork)\b"
)
_FIRST = _rx(
    r"\bfirst (?:ever |real |proper |big )?(?:time|one|seizure|fit|convulsion|episode"
    r"|attack)\b"
    + _IN_A_WHILE
    + r"|\b(?:seizure|fit|convulsion) ever\b|\bnever happened\b|\bnever (?:\w+ )?had"
    r" (?:one|a seizure|a fit|anything like)|\bnothing like (?:this|that) (?:has )?(?:ever )?"
    r"(?:happened|before)|\bnever (?:happened )?b4\b|\bhas ever happened\b"
    r"|\bnever (?:\w+ ){0,4}before\b|\bnot (?:\w+ ){0,3}before\b"
    # a clinician's "no previous seizures", "no hx of epilepsy"
    r"|\bno (?:previous|prior|past|known) (?:seiz\w*|fits|convul\w*|episodes|epilep\w*|history)\b"
    r"|\bno (?:history|hx) of (?:seiz\w*|fits|convul\w*|epilep\w*)\b" + _NOTHING_ON_HER_FORM
)
_FIRST_SEIZURE_REPORT = _rx(
    r"\bfirst (?:ever |real |proper |big )?(?:seizure|siezure|fit|convulsion)s?\b(?! aid)"
    r"|\b(?:seizure|siezure|fit|convulsion) (?:ever|for the first time)\b"
    r"|\bfor the first time\b" + _IN_A_WHILE
)
_NEVER_BEFORE = _rx(
    r"\bnever (?:\w+ ){0,3}(?:seiz\w*|siez\w*|fits?|convul\w*|one) (?:\w+ )?before\b"
    + _NOTHING_ON_HER_FORM  # a child in someone's care
)
_PERSONAL_OR_FAMILY = _rx(
    r"\b(?:i|me|my|he|she|they|him|her|his|our|we|son|daughter|husband|wife|mum|mom|dad"
    r"|baby|child|kid|friend|partner|brother|sister|boyfriend|girlfriend|bf|gf|roommate"
    r"|flatmate|grandma|grandpa|uncle|aunt)\b"
)
_THIRD_PERSON = _rx(
    r"\b(?:he|she|they|him|her|his|my|our|son|daughter|husband|wife"
    r"|mum|mom|dad|baby|child|kid|friend|partner)\b"
)


def _scan_first_seizure(sentences: list[_Sentence], found: _Findings) -> None:
    """A first-ever seizure: said next to a seizure that counts, or "he has never
    had a seizure before" said about someone else."""
    for s in sentences:
        if _DISTANT.search(s.text):
            continue  # "my first seizure was at age 4"
        first = _FIRST.search(s.text)
        if not first:
            continue
        if (
            _FIRST_SEIZURE_REPORT.search(s.text)
            and not _generic_question(s)
            and not _HYPOTHETICAL.search(s.text)
        ):
            found.seizure = True
            found.add("first_seizure")
            return
        if found.active_seizure_sentences or (found.seizure and _PERSONAL_OR_FAMILY.search(s.text)):
            found.seizure = True
            found.add("first_seizure")
            return
        if _NEVER_BEFORE.search(s.text) and _THIRD_PERSON.search(s.text):
            found.seizure = True
            found.add("first_seizure")
            return
