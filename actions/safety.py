"""Red-flag screening of every user message, before anything else is answered.

Plain Python (standard library only), so it can be tested without Rasa. The rules
follow the "Red flags" list of the project's medical notes:

* EMERGENCY - call the local emergency number now: a seizure going on now, one of
  five minutes or more, a first-ever seizure, seizures without recovery in between,
  trouble breathing, a tight throat or noisy breathing, an injury, someone who does
  not respond.
* URGENT - see a doctor today or tomorrow: a seizure that has already stopped,
  waking with a bitten tongue / wet bed / confusion / unexplained injury, a cramp
  that does not ease within ten minutes, tingling around the mouth, cramps after a
  dirty wound, the writer themself passing out.
* ROUTINE - book a visit: twitching that often wakes you or spoils sleep or the
  day, numbness / swelling / weakness of the legs, an urge to move the legs,
  daytime sleepiness.

Rules run over normalised text (lower case, contractions expanded, punctuation
folded into sentence and clause breaks). A trigger does not count when a negator
stands a few words before it in the same clause ("he is not seizing"), when it is
set in the distant past ("I had fits as a child"), or when the sentence is a
general question with nobody in it ("can stress cause seizures?").

Borderline decisions, all towards the safe side:
* a seizure described as happening now is an emergency on its own: over a chat
  nobody can check how long it has lasted or whether it is the first;
* a first-ever seizure is an emergency even when it is over ("he had a seizure
  last night for the first time"), as the medical notes say;
* "what do I do if someone has a seizure?" gets the emergency steps, opened with
  "If someone is having a seizure, call ... now", so the article's "step on the
  ground" never answers it;
* "could this be a seizure?" raises no level but sets `describes_seizure`, so the
  cramp advice is held back (`allows_cramp_advice`).
"""
from __future__ import annotations

import bisect
import enum
import html
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace

from actions import plain_emergencies, safety_model

__all__ = [
    "EMERGENCY_INTENT", "EMERGENCY_NUMBERS", "FLAG_LEVELS", "INTENT_THRESHOLD",
    "MAX_MESSAGE_CHARS", "MAX_SCAN_CHARS", "Level", "Screening", "allows_cramp_advice",
    "message_for", "screen",
]

EMERGENCY_INTENT = "report_emergency"
# The classifier has to be this sure before it can raise an emergency on its own.
INTENT_THRESHOLD = 0.8
# Longer messages are cut: a red flag is stated early, and this bounds the work.
MAX_SCAN_CHARS = 2000
EMERGENCY_NUMBERS = plain_emergencies.EMERGENCY_NUMBERS
DANGER_LINE = plain_emergencies.DANGER_LINE
# How many words before a trigger a negator may stand ("she is not having a seizure").
NEG_WINDOW = 5
# Safety texts stay short: they come first, often on a phone, to someone worried.
MAX_MESSAGE_CHARS = 400


class Level(enum.IntEnum):
    NONE = 0
    ROUTINE = 1
    URGENT = 2
    EMERGENCY = 3


@dataclass(frozen=True)
class Screening:
    level: Level
    flags: tuple[str, ...]  # ids of the red flags that matched, most serious first
    describes_seizure: bool  # a seizure now or recently: never offer "step on the ground"
    # An emergency signal was seen but another judged it negated, past or a general
    # question: the reply answers and adds DANGER_LINE, never reassurance.
    caution: bool = False
    crisis_possible: bool = False  # some chance of self-harm: any safety text names a crisis line


# Each flag belongs to exactly one level; the order here is the order in `flags`.
FLAG_LEVELS: dict[str, Level] = {
    # emergency
    "breathing": Level.EMERGENCY, "throat": Level.EMERGENCY,
    "not_recovering": Level.EMERGENCY, "long_seizure": Level.EMERGENCY,
    "first_seizure": Level.EMERGENCY, "ongoing_seizure": Level.EMERGENCY,
    "injury": Level.EMERGENCY, "seizure_first_aid": Level.EMERGENCY,
    "suicide": Level.EMERGENCY, "overdose": Level.EMERGENCY, "pregnancy": Level.EMERGENCY,
    "child_fever": Level.EMERGENCY, "stroke": Level.EMERGENCY, "chest_pain": Level.EMERGENCY,
    "head_injury": Level.EMERGENCY, "term": Level.EMERGENCY, "model": Level.EMERGENCY,
    "model_crisis": Level.EMERGENCY,
    "intent": Level.EMERGENCY,
    # urgent
    "recent_seizure": Level.URGENT, "seizure_signs": Level.URGENT,
    "lost_consciousness": Level.URGENT, "long_cramp": Level.URGENT,
    "mouth_tingling": Level.URGENT, "wound_cramps": Level.URGENT, "model_urgent": Level.URGENT,
    # routine
    "frequent_waking": Level.ROUTINE, "leg_symptoms": Level.ROUTINE,
    "urge_to_move": Level.ROUTINE, "daytime_sleepiness": Level.ROUTINE,
}
_FLAG_ORDER = {flag: i for i, flag in enumerate(FLAG_LEVELS)}

# ---------------------------------------------------------------------------- text


# A filler word inside a pattern may be anything but a negator, so "fell out of bed
# last night, no injuries" does not read as "fell out of bed ... injuries".
_GAP = r"(?:(?!(?:no|not|never|without|nor)\b)\w+ )"


def _rx(pattern: str) -> re.Pattern[str]:
    # Patterns are plain alternations over single-spaced words with bounded
    # repeats only, so matching stays linear even on hostile input.
    return re.compile(pattern.replace(r"(?:\w+ )", _GAP))


_HTML_TAG = _rx(r"<[^<>]{0,200}>")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                              "\u00b4": "'"})
_HAS_NEXT = "been|had|got|gone|never|already|just had"
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"\bcan'?t\b|\bcannot\b|\bcnt\b|\bcant\b"), "can not"),
    (_rx(r"\bwon'?t\b"), "will not"),
    (_rx(r"\bain'?t\b"), "is not"),
    (_rx(r"\bshan'?t\b"), "shall not"),
    (_rx(r"\b(\w+)n't\b"), r"\1 not"),
    # people type without apostrophes: "doesnt", "isnt", "wasnt"
    (_rx(r"\b(is|was|are|were|does|do|did|has|have|had|could|would|should|must|need)nt\b"),
     r"\1 not"),
    (_rx(r"\bim\b"), "i am"),
    (_rx(r"\bive\b"), "i have"),
    (_rx(r"\b(he|she|it|that|there|who|what)s (?=" + _HAS_NEXT + r")\b"), r"\1 has "),
    (_rx(r"\b(he|she)s\b"), r"\1 is"),
    (_rx(r"\b(they|we|you)re\b"), r"\1 are"),
    (_rx(r"'s (?=" + _HAS_NEXT + r")\b"), " has "),
    (_rx(r"\b(he|she|it|that|there|who|what|this)'s\b"), r"\1 is"),
    (_rx(r"'re\b"), " are"),
    (_rx(r"'m\b"), " am"),
    (_rx(r"'ve\b"), " have"),
    (_rx(r"'ll\b"), " will"),
    (_rx(r"'d (?=been|had|got|gone|never|just|already)\b"), " had "),
    (_rx(r"'d\b"), " would"),
    (_rx(r"\bpl[sz]\b"), "please"),
)
# Words, sentence ends, and clause breaks (commas, brackets, spaced dashes).
_TOKEN = _rx(r"[a-z0-9]+(?:\.[0-9]+)?|[.!?;\n]|[,:()\[\]\"/|*\u2013\u2014]|\s-+\s")
_SENTENCE_END = frozenset(".!?;\n")
# A new clause starts at these words: negation does not reach across them.
_CONJUNCTIONS = frozenset(
    "but and so because cos cuz coz although though however while whereas yet then "
    "plus just except".split())
_NEGATORS = frozenset("not no never without nor neither nothing none nobody noone".split())
_PRONOUNS = frozenset("i he she they we you it my his her their our your this that the".split())
_PERSONAL = frozenset(
    "i me my mine myself he him his himself she her hers herself they them their "
    "themselves we us our".split())
_QUESTION_START = frozenset(
    "what why how when where which who can could does do did is are was were will "
    "would should may might has have".split())


@dataclass
class _Sentence:
    words: list[str]
    clause_starts: list[int]  # sorted word indices where a clause begins
    question: bool
    text: str = ""
    offsets: list[int] = field(default_factory=list)  # char offset of each word

    def __post_init__(self) -> None:
        pos = 0
        for w in self.words:
            self.offsets.append(pos)
            pos += len(w) + 1
        self.text = " ".join(self.words)

    def word_index(self, char_pos: int) -> int:
        return max(0, bisect.bisect_right(self.offsets, char_pos) - 1)

    def clause_start(self, idx: int) -> int:
        return self.clause_starts[bisect.bisect_right(self.clause_starts, idx) - 1]

    def clause_text(self, idx: int) -> str:
        start = self.clause_start(idx)
        pos = bisect.bisect_right(self.clause_starts, idx)
        end = self.clause_starts[pos] if pos < len(self.clause_starts) else len(self.words)
        return " ".join(self.words[start:end])


def _normalise(text: str) -> str:
    text = html.unescape(text[:MAX_SCAN_CHARS])
    text = _HTML_TAG.sub(" . ", text)
    # Fold accents and compatibility forms so "seizüre" or full-width letters match.
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_APOSTROPHES)
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = plain_emergencies.IDIOMS.sub(" ", text)
    return text.replace("'", "")


_QUESTION_AFTER_COMMA = re.compile(
    r"\s*(?:is|are|was|does|do|did|can|could|should|will|would|what|why|how|when)"
    r" (?:it|this|that|these|they|i|he|she|we|you|there|the)\b")


def _next_word_is_question(text: str, pos: int) -> bool:
    return bool(_QUESTION_AFTER_COMMA.match(text, pos))


def _sentences(text: str) -> list[_Sentence]:
    """Split normalised text into sentences of words, remembering clause breaks."""
    out: list[_Sentence] = []
    words: list[str] = []
    starts: list[int] = [0]

    def close(question: bool) -> None:
        if words:
            first, second = words[0], (words[1] if len(words) > 1 else "")
            # "can not breathe", "will not wake up": a fragment reporting something,
            # not a question, unless the writer ends it with "?"
            fragment = second in _NEGATORS
            out.append(_Sentence(list(words), sorted(set(starts)),
                                 (question or first in _QUESTION_START) and not fragment))
        words.clear()
        starts[:] = [0]

    for m in _TOKEN.finditer(text):
        tok = m.group().strip()
        if not tok:
            continue
        if tok in _SENTENCE_END:
            close(tok == "?")
        elif tok == "," and words and _next_word_is_question(text, m.end()):
            close(False)  # "it has lasted ten minutes, is that normal?"
        elif not tok[0].isalnum():
            starts.append(len(words))
        else:
            if tok in _CONJUNCTIONS:
                starts.append(len(words))
            words.append(tok)
    close(False)
    return out


# ---------------------------------------------------------------------------- context


def _negated(s: _Sentence, idx: int) -> bool:
    """A negator a few words before the trigger, in the same clause."""
    lo = max(s.clause_start(idx), idx - NEG_WINDOW)
    for j in range(lo, idx):
        w = s.words[j]
        nxt = s.words[j + 1] if j + 1 < len(s.words) else ""
        if w not in _NEGATORS:
            continue
        if w == "not" and nxt in ("sure", "certain", "know", "knowing"):
            continue  # "not sure he is breathing" is doubt, not denial
        if w == "no" and (nxt in _PRONOUNS or nxt in ("idea", "clue", "matter")):
            continue  # "oh no he is seizing": an exclamation
        return True
    return False


_DISTANT = _rx(
    r"\b(?:as an? (?:child|kid|baby|toddler|teen|teenager|boy|girl|youngster|student)"
    r"|when (?:i|he|she|they|we|you) (?:was|were) (?:\w+ )?(?:young|younger|little|small"
    r"|a kid|a child|a baby|a toddler|a teen|a teenager|a boy|a girl|at school|in school"
    r"|\d+)|(?:years|decades|yrs|months) (?:ago|back)|long (?:time )?ago|ages ago"
    r"|in (?:my|his|her|their|our) (?:childhood|youth|teens|twenties|younger years)"
    r"|in childhood|growing up|used to|in the past|back in (?:the )?\d+|back then"
    r"|at (?:the )?age (?:of )?\d+|since (?:childhood|birth|infancy)|in (?:19|20)\d\d|last year"
    r"|(?:a )?(?:year|decade) ago|back in (?:uni|college|school|the day|my \w+)|fully recovered"
    r"|(?:all|everything|everyone) (?:is |was |has been )?(?:fine|good|ok|okay|well) (?:now|since)"
    r"|(?:has|have) been (?:fine|well|ok|okay|healthy) (?:ever )?since"
    r"|in (?:my|her|their) (?:first|last|previous|earlier|other) pregnancy"
    r"|(?:is|s) (?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:years old )?now"
    r"|at (?:\d+|two|three|six|nine|eighteen) (?:months|years) old"
    r"|(?:\d+|two|three|four|five|six|a few|several|couple of) (?:weeks|months) ago"
    r"|last (?:christmas|easter|summer|winter|spring|autumn|fall|weekend|holiday|holidays)"
    r"|in (?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|the spring|the summer|the autumn|the winter|spring|summer|autumn|winter)"
    r"|on holiday|recovered (?:after|within|in|fully|completely)|(?:is|s|am|m|are) (?:well|fine|ok|okay)"
    r" now|paramedics came|sent (?:us|him|her|me|them) home|checked (?:him|her|me|them|us) (?:out|over)"
    r"|(?:seizure|fit) free|no (?:more )?(?:seizures|fits) (?:for|since))\b")
_RECENT = _rx(
    r"\b(?:last night|tonight|today|this (?:morning|evening|afternoon|week)|yesterday"
    r"|just now|just|earlier|(?:minutes|hours|an hour|a minute) ago|now|right now"
    r"|currently|still|again)\b")
# A plea for help makes a bare "seizure!" a report of one happening now.
_HELP = _rx(
    r"\bhelp\b(?! (?:me |us )?(?:understand|know|learn|find|figure|with|out)\b)"
    r"|\b(?:hurry|quickly|emergency|ambulance|urgent|urgently|sos"
    r"|what (?:do|should|can|must) (?:i|we) do|call (?:someone|somebody|an ambulance))\b")
# Asking what to do about a seizure, as opposed to what a seizure is.
_FIRST_AID = _rx(
    r"\bwhat (?:should |do |can |must |to )?(?:i |we |you )?do\b"
    r"|\bhow (?:do |should |can |to )?(?:i |we |you )?(?:help|handle|deal|react|respond"
    r"|stop|treat)\b|\bfirst aid\b|\bstep on\b|\bthe (?:ground|floor)\b|\bget (?:\w+ )?up\b"
    r"|\bcall\b|\bshould (?:i|we)\b")
_HYPOTHETICAL = _rx(r"\b(?:if|when|whenever|in case|suppose|supposing)\b")


# Red-flag words in a message that reports nothing: a film, a game, a pet, apnoea.
_NOT_A_REPORT = _rx(
    r"\b(?:in (?:the|a|this) (?:film|movie|book|novel|game|show|series|drama|episode|story"
    r"|cartoon|anime|play)|my (?:\w+ ){0,2}(?:character|avatar)|(?:tv|medical) (?:show|drama)"
    r"|watching (?:a|the)"
    r" (?:film|movie|show|drama|series)|d and d|d d|dnd|flavou?r text|greys? anatomy|for a (?:poster"
    r"|story|novel|essay|assignment|screenplay|script|quiz|exam|test|class|course|scene|podcast)"
    r"|writing a (?:\w+ )?(?:story|novel|screenplay|script|scene|book|play)|screenplay"
    r"|first aid (?:course|class|training|quiz|exam|test|certificate|lesson))\b"
    r"|\b(?:snor\w*|apno?ea|apnea)\b|\bbreathe? through (?:the|my|his|her|their|your) nose\b")


def _distant(s: _Sentence, idx: int) -> bool:
    """Set in the distant past, unless the trigger's own clause says it is recent."""
    return bool(_DISTANT.search(s.text)) and not _RECENT.search(s.clause_text(idx))


_SELF_REPORT_QUESTION = _rx(r"(?:is|was) (?:it|this|that) (?:normal|ok|okay|bad|safe|serious"
                            r"|dangerous|common|usual) (?:to|for|that|if|when)\b")


# Asking about a condition, not reporting one: "what is the difference between
# choking and coughing", "what are the warning signs of an overdose".
_KNOWLEDGE = _rx(
    r"\b(?:what (?:is|are) the (?:difference|signs?|warning signs?|symptoms?|steps|first aid"
    r"|treatment|causes?|letters|stages|types)|what counts as|difference between|different from"
    r"|what happens (?:in|to|during)|how (?:do|does|can|would|to) (?:you|one|someone|a person|i)"
    r" (?:know|tell|recogni[sz]e|spot)|(?:what|how) (?:should|do|to|can|must) (?:you|i|we|one)"
    r" (?:not )?(?:do|help|react|respond) (?:when|if) (?:someone|somebody|a person|people|anyone"
    r"|a child|a kid|kids|children|a baby|your)|at what age|grow out of|long ?term|in general"
    r"|general knowledge|for (?:my|a|our) (?:school|class|course|exam|project|homework|essay)"
    r"|school project|homework|assignment|supposed to|the (?:fast|f a s t) test"
    r"|^(?:what|how common) (?:is|are) (?:a |an )?(?:\w+ )?(?:seizures?|fits?|convulsions?|strokes?"
    r"|overdoses?|eclampsia|pre ?eclampsia|epilepsy|laryngospasm|tetanus))\b")
_SOMEONE_NOW = _rx(
    r"\b(?:my|our|his|her) (?:son|daughter|husband|wife|baby|child|kid|toddler|partner|mum|mom"
    r"|dad|friend|boyfriend|girlfriend|brother|sister|grandma|grandpa|flatmate|roommate)\b"
    r"|\b(?:he|she|they) (?:is|are|s|re|has|have|will not|can not|just)\b|\bright now\b|\bhelp\b")


def _knowledge_question(s: _Sentence) -> bool:
    """A question about a condition in general, with nobody in it now."""
    return bool(_KNOWLEDGE.search(s.text)) and not _SOMEONE_NOW.search(s.text)


def _generic_question(s: _Sentence) -> bool:
    """A question about the topic with nobody in it: "can stress cause seizures?".
    "is a seizure an emergency?" stays general; "help, is this a seizure?" does not."""
    if _knowledge_question(s):
        return True
    if not s.question or _PERSONAL & set(s.words):
        return False
    if _SELF_REPORT_QUESTION.match(s.text):
        return False  # "is it normal to have spots in front of your eyes?" is about oneself
    return s.words[0] in _QUESTION_START


def _first_person(s: _Sentence, idx: int) -> bool:
    """The writer is the subject: "I passed out" (they are awake to type it)."""
    before = s.words[max(0, idx - 3):idx]
    if before[-1:] == ["i"]:
        return True
    return len(before) >= 2 and before[-2] == "i" and before[-1] in (
        "am", "was", "have", "had", "keep", "kept", "just", "nearly", "almost", "then")


# ---------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rule:
    flag: str
    pattern: re.Pattern[str]
    self_flag: str | None = None  # flag instead when the writer is the subject
    context: re.Pattern[str] | None = None  # must appear somewhere in the message
    also: re.Pattern[str] | None = None  # a second context that must appear too


_TWITCH_CONTEXT = _rx(
    r"\b(?:twitch\w*|jerk\w*|jolt\w*|kick\w*|spasm\w*|cramp\w*|convul\w*|jump\w*"
    r"|startl\w*|shak\w*|tremor\w*|myoclon\w*|hypnic|sleep starts?|legs?|limbs?)\b")
_CRAMP = _rx(
    r"\b(?:cramp\w*|charl(?:e|ie)y horse|spasm\w*|(?:calf|calves|leg|legs|muscles?|foot"
    r"|feet|toes?) (?:\w+ )?(?:locked|locking|knotted|seized up|seizing up|tightened))\b")
_SPASM_CONTEXT = _rx(r"\b(?:cramp\w*|spasm\w*|stiff\w*|twitch\w*|jerk\w*|lock ?jaw)\b")
# "I'm not waking up refreshed" and "not responding to the tablets" are no emergency.
_NOT_EXCUSES = (r"(?! (?:up )?(?:refreshed|rested|feeling|tired|early|well|on time|properly"
                r"|easily|in the night|at night|during the night|anymore|as much))"
                r"(?! to (?:\w+ )?(?:treatment|medic\w*|meds|drugs?|tablets?|pills?|therapy"
                r"|exercise|stretch\w*|calcium|magnesium))")

_BLUE = (r"\b(?:turn(?:s|ed|ing)?|went|gone|going|goes|getting|got) (?:a bit |slightly "
         r"|very |all )?(?:blue|purple)\b"
         r"|\b(?:lips|face|skin|mouth|fingers|he|she|they|baby|him|her) (?:(?:is|are|was"
         r"|looks?|looking|went|gone|going|turned|turning|getting|got|has|a bit|slightly"
         r"|very|all|really|quite) ){1,2}(?:blue|purple)\b(?! (?:eyes|jeans|shirt|top|dress"
         r"|hair|light|car|blanket|sheets?|pillow|pajamas|pyjamas))"
         r"|\b(?:blue|purple) (?:lips|face|skin|in the face)\b"
         r"|\b(?:blu(?:e|ish)|purpl(?:e|ish)|grey|gray) (?:\w+ ){0,2}(?:around|round|on|about)"
         r" (?:the |his |her |their |my )?(?:mouth|lips|face)\b"
         r"|\b(?:lips|mouth) (?:\w+ ){0,3}(?:bluish|blueish|purplish)\b"
         r"|(?<!black )\band (?:(?:is|are|was|looks?|looking|went|gone|going|turned"
         r"|turning) )?(?:blue|purple)\b(?! (?:eyes|jeans|shirt|top|dress|hair|light|car))")

# The extended red flags of the medical notes ("Also emergencies, whatever else the
# message says"). Message-level combinations use `context`/`also`.
_PREGNANT = _rx(
    r"\b(?:pregnan\w*|preg(?:o|gers|gy)|expecting (?:a )?(?:baby|twins)|(?:\d+|thirty \w+|twenty \w+) "
    r"(?:weeks?|wks?|months?) (?:along|gone|pregnant|gestation)|trimester|gestation\w*"
    r"|(?:2\d|3\d|4[0-2]) ?(?:weeks|wks|wk)\b(?! ago)"
    r"|post ?partum|gave birth|giving birth|just had (?:a|the|my|our|her) (?:baby|son|daughter)"
    r"|(?:after|since) (?:the )?(?:birth|delivery|labou?r|c section)|(?:days?|weeks?) after "
    r"(?:birth|delivery|having (?:the|a|her|my) baby)|new mum|new mom)\b")
_CHILD = _rx(
    r"\b(?:baby|babies|infant|newborn|toddler|child|children|kid|kids|son|daughter|boy|girl"
    r"|little one|grandson|granddaughter|nephew|niece|(?:\d+|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|eighteen) ?(?:months?|mo|years?|yrs?|yr|y) ?old|\d+ ?(?:mo|yo"
    r"|months?|mths?))\b")
_FEVER = (r"\b(?:fever\w*|feverish|febrile|high (?:temp|temperature)|(?:a |his |her )?temp\w*"
          r" (?:of |is |was |at |hit )?(?:3[89]|4[01]|10[0-5])|te?mp\w*(?! (?:is |was )?(?:normal"
          r"|fine|ok|okay|down|gone))\b|burning up"
          r"|(?:very |really |so )?hot to (?:the )?touch|3[89](?:\.\d)? ?(?:c|degrees|deg)"
          r"|10[1-5](?:\.\d)? ?(?:f|degrees))\b")
_CHILD_EPISODE = _rx(
    r"\b(?:jerk\w*|twitch\w*|shak\w*|stiff\w*|rigid|seiz\w*|siez\w*|fit|fits|fitting|convul\w*"
    r"|spasm\w*|floppy|limp|unrespon\w*|not (?:\w+ )?(?:respond\w*|react\w*|wak\w*|answer\w*)"
    r"|eyes (?:\w+ )?roll\w*|glassy|staring|trembl\w*)\b")
_SEIZURE_WORDS = (r"\b(?:seiz\w*|siez\w*|seaz\w*|fit|fits|fitting|convul\w*|eclamp\w*)\b")
_HEADACHE_OR_VISION = (
    r"\b(?:(?:severe|bad|terrible|awful|horrible|splitting|pounding|worst|intense|massive|huge"
    r"|blinding|crushing|really bad|very bad|killer|excruciating|strong) (?:\w+ )?head ?aches?"
    r"|head ?aches? (?:\w+ ){0,3}(?:severe|bad|terrible|awful|pounding|will not go|not going"
    r"|worst|unbearable)|blurr?(?:y|ed|ing) (?:\w+ )?(?:vision|eyesight|sight)|vision (?:\w+ )?"
    r"(?:blurr\w*|blurry|going|gone|funny|weird|strange|changes?|changed|dark\w*|spotty|fuzzy)"
    r"|(?:seeing|see) (?:\w+ )?(?:spots|stars|flashing|flashes|double|sparkl\w*)"
    r"|flashing lights|double vision|spots (?:in|before) (?:my|her|the) (?:eyes|vision)"
    r"|spots in front of (?:my|her|your|the) eyes|splitting head ?aches?"
    r"|(?:can|could) not see (?:properly|clearly|well|straight|anything)|(?:lost|losing) "
    r"(?:\w+ )?(?:vision|sight)|pre ?eclampsia|eclampsia|eclamptic)\b")
_EXTENDED_RULES: tuple[_Rule, ...] = (
    _Rule("suicide", _rx(
        r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|end|ending|starve"
        r"|starving|strangle|hang|hanging) (?:my ?self|my ?slef|myslef|himself|herself|themselves"
        r"|themself)\b|\bkms\b|\bkys\b|\bending it(?: all)?\b|\bend (?:his|her|their|my) (?:own )?"
        r"life\b|\bbetter off without (?:me|him|her)\b|\b(?:no|not see the|not see any) point"
        r" (?:in |of )?(?:going on|living|carrying on|being here|anything anymore|life)\b"
        r"|\bso (?:that )?(?:i|he|she|they) (?:will |would |can |could )?never wake up\b"
        r"|\b(?:want|wish|wishing|hope|hoping) (?:\w+ ){0,3}(?:never|not) wake up\b"
        r"|\bnot wake up (?:any ?more|again|ever)\b"
        r"|\bwant(?:s|ed)? to (?:die|hurt (?:him|her|them|my)selfs?)\b"
        r"|\bsaid (?:my|his|her|their) goodbyes\b|\b(?:goodbye|suicide) (?:letters?|notes?)\b"
        r"|\b(?:will not|not going to|not gonna|wont) be (?:around|here) (?:\w+ ){0,2}"
        r"(?:tomorrow|much longer|anymore|for long)\b|\bmade a plan\b|\bcan not go on\b"
        r"|\bsuicid\w*|\bself ?harm\w*|\bend (?:it all|my life|everything|things)\b"
        r"|\b(?:want|wanna|going|wish|ready|prefer|rather) (?:to )?(?:die|be dead|not be here"
        r"|not exist|disappear forever)\b|\bbetter off dead\b|\bno (?:reason|point) (?:in |to )"
        r"?(?:living|live|going on|being alive)\b|\btake my (?:own )?life\b|\bnot worth living\b"
        r"|\b(?:do|does|did) not want to (?:live|be alive|wake up|be here|go on)\b"
        r"|\b(?:life|it) is not worth (?:it|living)\b|\bend (?:it|my suffering)\b"
        r"|\b(?:finish|finishing|stop|stopping) (?:my|his|her|their) (?:own )?life\b"
        r"|\btired of (?:life|living|being alive|existing)\b"
        r"|\bwhat is the (?:point|use) (?:of|in) (?:living|life|being alive|going on|carrying on)\b"
        r"|\b(?:lethal|fatal|deadly) (?:dose|amount)\b|\bhow many (?:\w+ ){0,3}(?:to|would|will)"
        r" (?:kill|die)\b|\b(?:been|started|keep|keeps|back to) cutting\b|\bcut myself\b"
        r"|\bstanding on (?:the|a) (?:bridge|ledge|edge|roof)\b|\bon the (?:ledge|edge of the roof)\b"
        r"|\bgiving (?:\w+ ){0,2}(?:things|stuff|belongings|possessions) away\b"
        r"|\bnot (?:being|be) (?:here|around|alive) any ?more\b"
        r"|\b(?:rather|sooner) be dead\b|\bwhere (?:i|we|you) keep the (?:rope|pills|gun|tablets)\b"
        r"|\btonight (?:is |s )?the (?:last|final) (?:night|time)\b|\b(?:last|final) night (?:i ll|i will"
        r"|i have to|i ever)\b|\bdecided (?:\w+ ){0,4}(?:last|final) (?:night|day|time)\b"
        r"|\b(?:saved|saving|stockpil\w*|hoard\w*|collected|collecting|stored|storing)"
        r" (?:up )?(?:\w+ ){0,2}(?:pills|tablets|meds|medication|sleeping pills|painkillers)\b")),
    _Rule("overdose", _rx(
        r"\b(?:took|taken|take|taking|swallowed|swallow|ate|eaten|had|downed|necked|drank|drunk)"
        r" (?:\w+ ){0,2}(?:whole|entire|full|all the|all of the|all my|all his|all her|all"
        r" (?:\w+ )?(?:pills|tablets|meds)) ?(?:\w+ ){0,3}?(?:bottle|packet|pack|box|strip|blister"
        r"|pills|tablets|meds|medication|medicine|tubs?|jar)\b"
        r"|\b(?:too many|way too many|a lot of|lots of|loads of|handful of|bunch of|\d{2,3}|ten"
        r"|twenty|thirty|fifty) (?:\w+ ){0,2}(?:pills|tablets|capsules|meds|sleeping pills"
        r"|painkillers|paracetamol|tylenol|ibuprofen|aspirin)\b"
        r"|\boverdos\w*\b|\bod d\b|\bod (?:on|with)\b|\b(?:poisoned|poisoning)\b|\bdouble dosed\b"
        r"|\b(?:took|taken|swallowed|swalowed|ate|eaten|downed|drank|drunk|had) (?:a lot|a load"
        r"|loads|lots|a bunch|a heap|a pile|half|most|all|the rest) (?:of )?(?:\w+ ){0,3}?"
        r"(?:pills|tablets|meds|medicine|medication|capsules|tramadol|codeine|oxycodone|morphine"
        r"|fentanyl|xanax|valium|diazepam|zopiclone|ambien|zolpidem|melatonin|antidepressants"
        r"|insulin|opioids|painkillers|sleeping pills|sleeping tablets|tincture|strip|packet"
        r"|bottle)\b"
        r"|\b(?:took|taken|take|taking|swallowed|swallow|swalowed|ate|eaten|had|downed|got into)"
        r" (?:\w+ ){0,3}(?:\d{2,3}|too many|too much|many|a handful|handful|bunch|lots|loads"
        r"|double|triple|a week s worth|weeks worth|a weeks worth|extra|some of|a few of"
        r"|(?:\w+ )?s (?:pills|tablets|meds)|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
        r"|twenty|thirty|forty|fifty) (?:\w+ ){0,4}?(?:pills?|tablets?|capsules|meds"
        r"|medicine|medication|vitamins|relax\w*|painkillers|sleeping|them|ones|jar|bottle|tabs|caps"
        r"|capsules)\b"
        r"|\b(?:took|taken|swallowed|swalowed|ate|eaten) (?:\w+ ){0,2}(?:flatmate|roommate"
        r"|friend|mum|mom|dad|brother|sister|wife|husband|grandma|grandpa)s? (?:\w+ )?(?:pills"
        r"|tablets|meds|medicine)\b|\b(?:too many|too much|a lot) (?:\w+ ){0,3}(?:for|of)"
        r" (?:sleep|pills|tablets)\b|\bmany tablets\b|\bthe whole (?:jar|bottle|packet|pack|box)\b"
        r"|\b(?:a )?weeks? worth\b|\ba handful of (?:them|those|these|pills|tablets)\b"
        r"|\b(?:swallowed|drank|drunk|ate|eaten|took) (?:\w+ ){0,2}(?:bleach|batter(?:y|ies)|poison"
        r"|chemicals?|cleaner|detergent|antifreeze|pesticide|weed ?killer|rat poison"
        r"|dishwasher tablet|washing (?:pod|tablet)s?|laundry pods?|magnets?|drain cleaner"
        r"|something (?:toxic|poisonous)|mushrooms from)\b")),
    _Rule("overdose", _rx(
        r"\b(?:swallowed|swalowed|ate|eaten|drank|drunk|got into|chewed|licked) (?:\w+ ){0,6}"
        r"(?:pills?|tablets?|medicine|meds|medication|vitamins|capsules|batter(?:y|ies)|bleach"
        r"|cleaner|detergent|pods?|magnets?|cabinet|something|stuff|liquid|bottle|under the sink"
        r"|pill ?box|pillbox|tincture|drops|syrup|supplements)\b"),
        context=_CHILD),
    _Rule("pregnancy", _rx(_SEIZURE_WORDS + "|" + _HEADACHE_OR_VISION
                           + r"|\bswollen (?:face|hands)\b|\bface (?:is )?swollen\b"),
          context=_PREGNANT),
    _Rule("child_fever", _rx(_FEVER), context=_CHILD, also=_CHILD_EPISODE),
    _Rule("child_fever", _rx(_FEVER), context=_rx(
        r"\b(?:stiff\w*|rigid|seiz\w*|siez\w*|fits?|fitting|convul\w*|unrespon\w*|floppy"
        r"|not (?:\w+ )?(?:respond\w*|react\w*)|eyes (?:\w+ )?roll\w*|went stiff)\b")),
    _Rule("stroke", _rx(
        r"\b(?:face|mouth|smile|lip|eye|eyelid) (?:\w+ ){0,2}(?:droop\w*|dropp\w*|drop|sag\w*"
        r"|lopsided|crooked|uneven|numb on one side|twisted|slump\w*)\b"
        r"|\b(?:droop\w*|lopsided|crooked|uneven|sagging) (?:\w+ )?(?:face|mouth|smile)\b"
        r"|\b(?:one side|left side|right side|(?:left|right) (?:arm|leg|hand)) (?:of )?(?:\w+ ){0,2}"
        r"(?:not working|will not work|stopped working|gone|useless)\b"
        r"|\bone side of (?:\w+ ){0,2}(?:face|body|mouth) (?:\w+ ){0,2}(?:droop\w*|numb|weak"
        r"|dead|not moving|drop\w*|sag\w*|paralys\w*|heavy)\b"
        r"|\bslurr\w*|\b(?:speech|words|talking|voice) (?:\w+ ){0,2}(?:slurr\w*|garbled|jumbled"
        r"|gone|strange|weird|funny|muddled|not making sense|nonsense)\b"
        r"|\b(?:can|could) not (?:speak|talk|get (?:\w+ )?words out|find (?:\w+ )?words|lift"
        r" (?:\w+ ){0,2}arm|raise (?:\w+ ){0,2}arm|move (?:\w+ ){0,2}(?:arm|side))\b"
        r"|\b(?:lost|losing|loss of) (?:\w+ ){0,2}(?:speech|ability to (?:speak|talk))\b"
        r"|\b(?:arm|hand|side) (?:\w+ ){0,2}(?:went|gone|is|feels|has gone) (?:\w+ )?(?:weak|numb"
        r"|dead|limp|floppy|heavy|useless)\b|\bweak(?:ness)? (?:in|on|of) (?:\w+ ){0,2}(?:arm"
        r"|side)\b|\b(?:having|had|is it|a) (?:mini |a )?stroke\b(?! of)|\bfast test\b")),
    _Rule("chest_pain", _rx(
        r"\bchest (?:\w+ ){0,2}(?:pain\w*|tight\w*|pressure|hurt\w*|ache\w*|aching|crush\w*"
        r"|squeez\w*|heavy|heaviness|discomfort|burning|sore|agony)\b"
        r"|\b(?:pain|pains|pressure|tightness|ache|aching|crushing|squeezing|heaviness|burning)"
        r" (?:\w+ ){0,2}(?:in|on|across|around) (?:\w+ ){0,4}chest\b|\bheart attack\b|\bangina\b"
        r"|\b(?:heavy|tight|crushing|squeezing|painful|sore) chest\b"
        r"|\bchest (?:feels|is) (?:\w+ )?(?:tight|heavy|crushed)\b")),
    _Rule("head_injury", _rx(
        r"\b(?:hit|banged|bumped|smacked|knocked|cracked|bashed|whacked|struck|hurt|injured)"
        r" (?:\w+ ){0,2}head\b|\bhead (?:\w+ ){0,2}(?:injur\w*|wound|trauma|bleed\w*|cut|gash"
        r"|bump|lump|blow)\b|\bfell (?:\w+ ){0,4}(?:on|onto) (?:\w+ ){0,2}head\b"
        r"|\bconcuss\w*\b|\bhead ?butt\w*|\bhead (?:\w+ ){0,2}(?:hit|banged|smashed|struck"
        r"|bashed|slammed|knocked)\b")),
)

_EPISODE_OR_FALL = _rx(
    r"\b(?:fit|fits|fitting|seiz\w*|siez\w*|convul\w*|shak\w*|jerk\w*|twitch\w*|episode|fell"
    r"|fall|fallen|falling|rolled|tumbled)\b")
_INJURY_DURING = _Rule("injury", _rx(
    r"\b(?:looks? broken|broken|fractur\w*|dislocat\w*|popped out|bent (?:\w+ )?wrong"
    r"|(?:wrist|arm|leg|ankle|finger|elbow|shoulder|knee) (?:\w+ ){0,3}(?:swollen and bent|bent"
    r" and swollen|bent)\b"
    r"|(?:bent|twisted|pointing|sticking out) (?:\w+ ){0,2}(?:weird|odd|strange|funny|wrong"
    r"|unnatural|awkward) (?:angle|way|direction)|bone (?:\w+ )?(?:sticking|poking) out"
    r"|not (?:looking )?straight|deformed|wrong angle|gash\w*|deep cut|cut (?:\w+ ){0,2}open"
    r"|(?:can|could) not (?:walk|stand|move (?:it|her|his|my)|put weight|get up)|bleeding"
    r" (?:a lot|heavily|badly)|knocked (?:\w+ )?(?:tooth|teeth) out|injur\w* (?:\w+ ){0,2}"
    r"(?:during|while|in))\b"), context=_EPISODE_OR_FALL)

_EMERGENCY_RULES: tuple[_Rule, ...] = (
    _Rule("breathing", _rx(
        r"\b(?:not|stopped|stop|stops|no longer) breath(?:e|es|ing|in)?\b"
        r"|\b(?:can|could) not (?:\w+ )?(?:breathe|breath|breathing|catch (?:\w+ )?breath"
        r"|get (?:\w+ )?(?:air|breath))\b"
        r"|\bunable to (?:breathe|breath)\b"
        r"|\b(?:struggling|struggle|struggles|fighting|battling|gasping) (?:to |for )?"
        r"(?:breathe|breath|air)\b"
        r"|\b(?:trouble|difficulty|difficulties|problems?|issues?|hard|hardly|barely"
        r"|struggling) (?:\w+ ){0,2}(?:breathing|breathe|breath)\b"
        r"|\bbreathing (?:is |was |sounds |seems |looks |has gone |became )?(?:very |really "
        r"|a bit |so )?(?:noisy|strange|weird|funny|shallow|laboured|labored|rattly"
        r"|rattling|gurgling|raspy|irregular|difficult|hard|stopped|odd|wrong)\b"
        r"|\b(?:noisy|high pitched|squeaky|whistling|rattling|gurgling|laboured|labored"
        r"|strange|weird) breath\w*\b"
        r"|\bstridor\b|\bwheez\w*\b|\bgasping\b|\bchok(?:e|es|ed|ing)\b"
        r"|\bbreath(?:e|es|ing)? (?:\w+ ){0,2}(?:strange|weird|funny|noisy|odd|wrong|shallow)\b"
        r"|\bshort(?:ness)? of breath\b|\bnot (?:think|sure|know|certain) (?:if |whether "
        r"|that )?(?:he|she|they|it|the baby|my \w+) (?:is|are) breathing\b|" + _BLUE)),
    _Rule("throat", _rx(
        r"\bthroat (?:\w+ ){0,4}(?:spasm\w*|cramp\w*|tight\w*|squeez\w*|clos\w*|shut)\b"
        r"|\b(?:spasm\w*|cramp\w*) (?:\w+ ){0,4}throat\b"
        r"|\b(?:crow\w*|whistl\w*|squeak\w*|high pitched|wheez\w*) (?:\w+ ){0,4}breath\w*\b"
        r"|\bbreath\w* (?:\w+ ){0,4}(?:crow\w*|whistl\w*|squeak\w*|high pitched)\b"
        r"|\b(?:noise|sound|squeak\w*|whistl\w*|crow\w*) (?:\w+ ){0,4}(?:inhal\w*|breathes? in"
        r"|breathing in)\b|\b(?:inhal\w*|breathes? in|breathing in) (?:\w+ ){0,4}(?:squeak\w*"
        r"|whistl\w*|crow\w*|high pitched)\b"
        r"|\b(?:barely|hardly|can not|could not) (?:get|getting) (?:any )?air\b")),
    _Rule("throat", _rx(
        r"\b(?:tight|tightening|swollen|swelling|closing) (?:of (?:the |my |his |her )?)?"
        r"throat\b|\bthroat (?:\w+ ){0,2}(?:tight|tightening|closing|closed|swelling"
        r"|swollen|constrict\w*)\b|\b(?:can|could) not swallow\b|\blaryngospasm\b"
        r"|\b(?:tongue|lips) (?:is |are |feels |feel |looks |look )?(?:swollen|swelling)\b")),
    _Rule("not_recovering", _rx(
        r"\b(?:(?:will|would|does|did|is|are|was|were|has|have) not|not|no longer)"
        r" (?:\w+ )?(?:wake|waking|woken|come round|come around|come to|coming round"
        r"|coming around|coming to|respond|responding|react|reacting|recover|recovering"
        r"|answer|answering|conscious|responsive|open (?:his|her|their) eyes)\b"
        + _NOT_EXCUSES +
        r"|\bwithout (?:waking|recovering|coming round|coming to)\b"
        r"|\bunrespon\w*\b|\bunconscious\b|\bpassed out\b|\bblack(?:ed)? out\b"
        r"|\bknocked out\b|\bno response\b|\bcollaps(?:ed|es|ing)\b"
        r"|\b(?:is|went|gone|going|looks) (?:all )?(?:floppy|limp)\b|\bfloppy\b"),
        self_flag="lost_consciousness"),
    _Rule("not_recovering", _rx(
        r"\b(?:can|could) not (?:wake|rouse|get a response from|get through to) (?:up )?"
        r"(?:him|her|them|my|our|the|his)\b"
        r"|\b(?:can|could) not get (?:him|her|them) (?:to )?(?:wake|respond|react)"
        r"|\b(?:one|seizure|fit) after (?:the )?(?:another|other)\b|\bback to back\b"
        r"|\b(?:seizures|fits|convulsions) in a row\b"
        r"|\bkeeps? (?:on )?having (?:seizures|fits|convulsions)\b")),
    _Rule("injury", _rx(
        r"\b(?:hit|banged|bumped|smashed|cracked|knocked|hurt|injured|cut|split|bashed)"
        r" (?:his|her|their|my|your|the) (?:head|face|skull|forehead|eye)\b"
        r"|\bhead (?:injury|wound|trauma)\b"
        r"|\bblood everywhere\b|\blots? of blood\b"
        # a bleeding tongue or gums is a bitten tongue (urgent), not an injury to call for
        r"|(?<!tongue )(?<!tongue is )(?<!tongue was )(?<!gums )(?<!gums are )"
        r"\bbleed(?:ing|s)?\b(?! (?:gums?|from (?:the |my |his |her |their )?(?:gums?"
        r"|tongue|mouth)))"
        r"|\bfell (?!asleep)(?:\w+ ){0,5}(?:and|&) (?:\w+ ){0,2}(?:hurt|injured|hit|banged"
        r"|cut|broke)\b"
        r"|\bfell (?:out of|off) (?:the |his |her |my )?bed (?:\w+ ){0,3}(?:injur\w*|hurt"
        r"|bleed\w*|broke\w*|cut)\b"
        r"|\bcracked (?:a |my |his |her |their )?(?:rib|bone|skull|tooth|hip|wrist|collarbone)\b"
        r"|\bbroken? (?:\w+ )?(?:bone|arm|leg|wrist|ankle|nose|tooth|teeth|hip|rib"
        r"|collarbone|shoulder)\b|\bdislocated\b"
        r"|\b(?:injured|hurt) (?:himself|herself|themselves|myself|yourself)\b")),
) + _EXTENDED_RULES + (_INJURY_DURING,)

_URGENT_RULES: tuple[_Rule, ...] = (
    _Rule("seizure_signs", _rx(
        r"\b(?:bit|bitten|biting|bite|chewed) (?:\w+ )?(?:tongue|toungue|tounge|tonge|tung)\b"
        r"|\b(?:tongue|toungue|tounge|tonge|tung) (?:\w+ ){0,2}(?:bitten|bit|bleeding|cut|chewed)\b"
        # "wet the bed" as a night's event; a child who habitually "wets the bed" is
        # common and not a seizure sign
        r"|\bwet (?:the |my |his |her |their )?bed\b"
        r"|\b(?:peed|pissed|urinated|wet) (?:in |on )?(?:the |my |his |her )?(?:bed|myself"
        r"|himself|herself|themselves|pants|sheets)\b"
        r"|\blost control of (?:my |his |her )?(?:bladder|bowels)\b|\bincontinen\w*\b"
        r"|\b(?:woke|wake|wakes|waking|woken|awoke|came round|came to) (?:up )?(?:\w+ ){0,4}"
        r"(?:confused|confusion|disoriented|disorientated|dazed|muddled"
        r"|not knowing where|did not know where|could not remember)\b"
        r"|\b(?:confused|disoriented|disorientated|dazed|muddled|groggy and confused) (?:\w+ ){0,3}"
        r"(?:after|when|on)"
        r" (?:\w+ ){0,2}(?:waking|woke|wakes|seizure|fit|episode|attack|jerk\w*"
        r"|twitch\w*|convul\w*)\b"
        r"|\bunexplained (?:injur\w*|bruis\w*|cuts?|wounds?|marks?)\b"
        r"|\b(?:woke|wake|waking|woken|came to|came round) (?:up )?on the floor\b"
        r"|\b(?:do not|did not|can not|could not) remember (?:\w+ ){0,2}(?:falling|how (?:i|he|she)"
        r" (?:got|ended up)|what happened)\b"
        r"|\b(?:woke|wake|waking|woken) (?:up )?(?:\w+ ){0,2}with (?:\w+ ){0,3}(?:bruis\w*"
        r"|injur\w*|cuts?|blood|a wound|scratches)\b"
        r"|\bbruis\w* (?:\w+ ){0,6}(?:can not|do not know|no idea|no clue|not sure) (?:\w+ ){0,3}"
        r"(?:explain|where|how)\b"
        r"|\bblood on (?:the |my |his |her )?(?:pillow|sheets?|bed)\b")),
    _Rule("mouth_tingling", _rx(
        r"\b(?:tingl\w*|numb\w*|fizz\w*|prickl\w*|buzz\w*|pins and needles) (?:\w+ ){0,6}"
        r"(?:mouth|lips?)\b|\b(?:mouth|lips?) (?:\w+ ){0,3}(?:fizz\w*|buzz\w*|prickl\w*|tingl\w*)\b"
        r"|\bperioral\b")),
    _Rule("mouth_tingling", _rx(
        r"\b(?:tingl\w*|numb\w*|pins and needles|prickl\w*) (?:around |in |on |of |round )?"
        r"(?:the |my |his |her |their )?(?:mouth|lips?)\b"
        r"|\b(?:mouth|lips?) (?:\w+ ){0,3}(?:tingl\w*|numb\w*|pins and needles)\b")),
    _Rule("wound_cramps", _rx(
        r"\b(?:cut|cuts|wound|wounds|gash|scratch\w*|bitten|bite|stood on|stepped on|trod on"
        r"|puncture\w*|splinter|graze\w*|fell)\b"), context=_SPASM_CONTEXT, also=_rx(
        r"\b(?:dirty|rust\w*|soil|dirt|mud\w*|gravel|garden\w*|barbed|nail|animal|dog|cat|rat"
        r"|sharp|glass|tin|field|farm|manure|compost|wire)\b")),
    _Rule("wound_cramps", _rx(
        r"\b(?:dirty|rusty|deep|infected|muddy|puncture) (?:\w+ )?(?:wound|cut|nail|gash"
        r"|scratch|injury)\b"
        r"|\b(?:stepped on|trod on|cut (?:\w+ ){0,2}on|scratched (?:\w+ ){0,2}on) (?:a |an "
        r"|some )?(?:rusty |dirty |old )?(?:nail|metal|wire|glass|thorn)\b"
        r"|\b(?:dog|cat|animal|rat) (?:bite|scratch)\b|\btetanus\b|\block ?jaw\b"),
        context=_SPASM_CONTEXT),
)

_ROUTINE_RULES: tuple[_Rule, ...] = (
    _Rule("frequent_waking", _rx(
        r"\b(?:wake|wakes|waking|woke|woken) (?:up )?(?:\w+ ){0,2}\d+ ?x\b|\bkeeps? (?:waking|wakin)"
        r"\b|\b(?:falling|fell) behind (?:at|in) (?:school|work)\b"), context=_TWITCH_CONTEXT),
    _Rule("frequent_waking", _rx(
        r"\b(?:wakes?|waking|woke|woken|wakening|jolts?|jolted|jolting|jerks?) (?:me |him "
        r"|her |them |us )?(?:up |awake )?(?:\w+ ){0,4}?(?:often|every night|all night"
        r"|every hour|a lot|most nights|nightly|constantly|repeatedly|all the time"
        r"|over and over|again and again|(?:\d+|two|three|four|five|six|seven|eight|nine"
        r"|ten|few|several|many|multiple|countless) times)\b"
        r"|\b(?:woken|wake|waking|wakes) up (?:\w+ ){0,2}(?:\d+|two|three|four|five|six"
        r"|several|many|multiple) times\b"
        r"|\b(?:every|each|most|all) nights?\b|\bnight after night\b"
        r"|\bkeeps? (?:me|him|her|us) (?:up|awake)\b"
        r"|\b(?:can|could) not (?:\w+ )?(?:sleep|get (?:back )?to sleep)\b"
        r"|\b(?:trouble|difficulty|problems?|struggl\w*) (?:\w+ )?(?:sleeping|to sleep"
        r"|falling asleep|staying asleep|getting back to sleep)\b"
        r"|\b(?:ruin\w*|spoil\w*|wreck\w*|destroy\w*|disrupt\w*|affect\w*|interfer\w*)"
        r" (?:\w+ ){0,2}(?:sleep|nights?|days?|life|work|daily life|daytime)\b"
        r"|\b(?:poor|bad|broken|terrible|awful) sleep\b"
        r"|\bsleep (?:is |has been )?(?:ruined|terrible|awful|poor|broken|bad)\b"
        r"|\bover and over\b|\bagain and again\b"), context=_TWITCH_CONTEXT),
    _Rule("leg_symptoms", _rx(
        r"\b(?:numb\w*|pins and needles|weak\w*|swell\w*|swollen) (?:\w+ ){0,4}(?:toes?|feet|foot"
        r"|legs?|calf|calves|ankles?)\b|\b(?:legs?|feet|foot|toes?) (?:\w+ ){0,3}(?:weaker|numb\w*"
        r"|swollen|swelling)\b|\bstruggle to (?:get up|stand|climb|walk)\b")),
    _Rule("leg_symptoms", _rx(
        r"\b(?:numb|numbness|weak|weakness|swollen|swelling|swell|swells)\b (?:\w+ ){0,2}"
        r"(?:in |of )?(?:my |his |her |the |both )?(?:legs?|feet|foot|calf|calves|ankles?"
        r"|thighs?)\b"
        r"|\b(?:legs?|feet|foot|calf|calves|ankles?|thighs?) (?:\w+ ){0,3}(?:numb|weak"
        r"|swollen|swelling|swell|give way|gives way|giving way|tingl\w*|pins and needles)\b")),
    _Rule("urge_to_move", _rx(
        r"\b(?:has|have|had|must|need|needs) to (?:get up and )?(?:walk|move|stretch|kick)\b"
        r"(?=.*\blegs?\b)|\blegs? (?:\w+ ){0,3}(?:will not|not|never|can not) (?:settle|keep still"
        r"|stay still|stop moving)\b|\blegs? (?:\w+ ){0,3}(?:itch\w* inside|crawl\w*|fizz\w*)\b"
        r"|\bmust move (?:them|my legs|his legs|her legs)\b")),
    _Rule("urge_to_move", _rx(
        r"\burge to (?:move|kick|stretch|walk|get up)\b"
        r"|\b(?:need|have|want|compelled|compulsion) to (?:keep )?(?:move|moving|kick"
        r"|kicking|stretch|shake|shaking) (?:my |his |her |the )?(?:legs?|feet|body)\b"
        r"|\b(?:can|could) not (?:keep|hold) (?:my |his |her |the )?(?:legs?|feet) still\b"
        r"|\brestless (?:legs?|leg syndrome|feet)\b"
        r"|\b(?:legs?|feet) (?:\w+ ){0,2}restless\b|\bcreepy crawly\b"
        r"|\b(?:legs?|feet|body) (?:\w+ ){0,2}(?:want|wants|need|needs|have|has) (?:\w+ )?to"
        r" (?:move|kick|walk|stretch)\b|\b(?:can|could) not (?:stay|keep|lie|lay|sit) still\b")),
    _Rule("daytime_sleepiness", _rx(
        r"\b(?:sleepy|drowsy|tired|exhausted|fatigued|dozing|nodding off|falling asleep"
        r"|nod off|fall asleep) (?:\w+ ){0,3}(?:during the day|in the day|all day"
        r"|in the daytime|at work|at school|in class|at my desk|while driving"
        r"|at the wheel|in meetings|every day|all the time)\b"
        r"|\bdaytime (?:sleepiness|tiredness|fatigue|drowsiness)\b"
        r"|\b(?:exhausted|worn out|knackered|sleep deprived|shattered)\b"),
        context=_TWITCH_CONTEXT),
    # no twitch words needed: daytime sleepiness is a reason to book a visit on its own
    _Rule("daytime_sleepiness", _rx(
        r"\b(?:sleepy|drowsy|tired|exhausted|fatigued|knackered) (?:\w+ ){0,3}(?:all day|during the"
        r" day|in the day|every day|all the time|by \d+ ?pm)\b|\b(?:nodding|nod|dozing|doze) off (?:at|in"
        r"|during|on|while) (?:\w+ )?(?:work|desk|class|meetings?|day|bus|train|driving|school)\b"
        r"|\b(?:fall|falling|fell|falls) asleep (?:\w+ ){0,2}(?:on the bus|at (?:my |the )?(?:desk|work"
        r"|school|wheel)|in (?:class|meetings?|the car)|standing|while (?:driving|eating|talking))\b"
        r"|\bsleeps? in class\b|\balways (?:drowsy|sleepy|tired)\b"
        r"|\b(?:all day|during the day|in the daytime|every day) (?:\w+ ){0,3}(?:sleepy|drowsy"
        r"|tired|exhausted)\b|\b(?:doz\w*|nod\w*) off (?:\w+ ){0,4}(?:in class|at work|at school"
        r"|every day|during the day|every evening|mid ?conversation|in meetings)\b"
        r"|\b(?:sleepy|drowsy|tired) (?:\w+ )?(?:in|at) (?:the )?(?:office|work|meetings?|class)\b"
        r"|\b(?:can|could) not stay awake\b|\b(?:constantly|always|very) (?:drowsy|sleepy)\b"
        r"|\b(?:need|needs|take|takes) (?:\d+|two|three|several) naps\b"
        r"|\b(?:whole|all) day (?:\w+ )?(?:want|wants|need|needs) (?:to )?sleep\b"
        r"|\bsleeps? (?:\w+ ){0,3}all day\b|\bfalls? asleep in the (?:afternoon|day) every day\b")),
)


# ---------------------------------------------------------------------------- seizures

# Seizure words, typos included ("siezure", "seizuring"), but not "seized up" (a cramp).
_SEIZ = (r"\b(?:seiz|siez|seaz|sez|seis|sies|ceaz)(?:ures?|urs?|uring|ers?|ing|ed|es|e)\b"
         r"(?! up\b)")
_SEIZURE_MENTION = _rx(
    _SEIZ +
    r"|\bconvul[a-z]*"
    r"|\b(?:epileptic|absence|tonic clonic) (?:fit|attack|episode|seizure)s?\b"
    r"|\bgrand mal\b|\btonic clonic\b"
    r"|\bfits?\b(?! of\b| and healthy| enough| into\b| person"
    r"| people| body)|\bfitting\b(?! in\b| into\b| room\b)"
    r"|\b(?:shaking|jerking|twitching|convulsing|spasming|thrashing) (?:all over"
    r"|uncontrollably|violently)\b"
    r"|\b(?:whole|entire) body (?:is )?(?:shaking|jerking|convulsing|stiff)\b"
    r"|\b(?:shaking|jerking|thrashing) (?:\w+ )?on (?:the )?(?:floor|ground|bed)\b"
    r"|\bon (?:the )?(?:floor|ground) (?:\w+ )?(?:shaking|jerking|thrashing)\b"
    r"|\beyes (?:are |have )?(?:rolled|rolling|rolls) (?:back|up)\b"
    r"|\b(?:foaming|frothing) at the mouth\b"
    r"|\b(?:will|would|does|can) not stop (?:shaking|jerking|convulsing|seizing|fitting)\b")
# "fit" is a seizure only after these words ("having a fit", "had fits", "is fitting"),
# never in "keep fit", "get fit" or "he is fit".
_FIT_BEFORE = frozenset(
    "a an another had having suffered epileptic the his her my their big bad first "
    "second major ever proper real full massive huge".split())
_FITS_BEFORE = _FIT_BEFORE | frozenset(
    "has have get gets got getting these those some night nightly".split())
_FITTING_BEFORE = frozenset("is are was were been keeps keep kept started starting still "
                            "longer currently now".split()) | {""}  # "fitting for ten minutes"
_LIMB_OR_ONSET = _rx(
    r"\b(?:legs?|calf|calves|feet|foot|toes?|arms?|hands?|eyelids?|eyes?|muscles?"
    r"|falling asleep|fall asleep|drifting off|drift off|dozing off|doze off)\b")
_PAST = frozenset("was were had did after stopped ended finished previous last earlier".split())
_PRESENT = frozenset("is are am keeps keep started starting still currently now been "
                     "begun began continues".split())
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
    after = " ".join(s.words[end:end + 3])
    if re.match(r"(?:right )?now\b|again\b|at the moment\b", after):
        return "ongoing"
    if re.match(r"(?:lasted|stopped|ended|happened|finished|went|was|were)\b", after):
        return "past"  # "the seizure lasted ten minutes"
    if any(w.endswith("ing") for w in inside):
        return "ongoing"  # "convulsing on the carpet", "foaming at the mouth"
    return ""


@dataclass
class _Findings:
    flags: dict[str, int] = field(default_factory=dict)  # flag -> first position
    suppressed: int = 0  # triggers dropped as negated, distant or general questions
    suppressed_emergency: int = 0  # of those, triggers of emergency rules
    seizure: bool = False  # some seizure description counts
    active_seizure_sentences: set[int] = field(default_factory=set)  # now or recently
    described_seizure_sentences: set[int] = field(default_factory=set)  # also "possible"
    topic_seizure_sentences: set[int] = field(default_factory=set)  # impersonal mentions
    pos: int = 0

    def add(self, flag: str) -> None:
        self.flags.setdefault(flag, self.pos)
        self.pos += 1


def _classify_seizure(s: _Sentence, idx: int, end: int) -> str:
    """What a seizure word says: 'ongoing', 'recent', 'habitual', 'first_aid',
    'possible', or '' when it does not count (negated, distant, general question)."""
    if _negated(s, idx):
        # "he is not seizing anymore" / "no longer fitting": it did happen, just now
        ended = "anymore" in s.words[end:end + 3] or "longer" in s.words[max(0, idx - 3):idx]
        return "recent" if ended else ""
    if _ANIMAL.search(s.text):
        return ""
    word = s.words[idx]
    if word.startswith("convul") and _LIMB_OR_ONSET.search(s.clause_text(idx)):
        return ""  # the article's sense: "legs convulse when falling asleep"
    tense = _tense(s, idx, end)
    before = " ".join(s.words[:idx])
    if tense != "past" and (_HYPOTHETICAL.search(before)
                            or (s.question and "during" in s.words[:idx])):
        if _FIRST_AID.search(s.text):
            return "first_aid"
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


_ANIMAL = _rx(r"\b(?:dog|dogs|puppy|cat|cats|kitten|pet|hamster|rabbit|horse|parrot)\b")
_SEIZURE_OR_ANAPHOR = _rx(
    _SEIZURE_MENTION.pattern
    + r"|(?:(?<=had )|(?<=having )|(?<=has )|(?<=got ))another(?: one| episode| attack)?\b"
    r"|(?:(?<=had )|(?<=having )|(?<=has ))one (?:again|tonight|now|last night|today"
    r"|this morning|just now|earlier|yesterday|(?:an?|\d+|few|couple of) (?:hour|hours|min|mins"
    r"|minutes|moment)s? ago)\b")
# A "possible" seizure ("could it be a seizure?") raises no level by itself.
_SEIZURE_KIND_FLAGS = {"ongoing": "ongoing_seizure", "recent": "recent_seizure",
                       "habitual": "recent_seizure", "first_aid": "seizure_first_aid"}


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
        kind = _classify_seizure(s, idx, end)
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


# "is tingling around the mouth related to cramps? I have both": the general question
# is about the writer after all
_SAYS_IT_IS_THEIRS = _rx(
    r"\b(?:i|he|she|we) (?:have|has|get|gets|got|am getting|is getting|are getting) (?:both|it now"
    r"|them now|this now|that now|all of (?:them|these|those))\b|\bhappening to (?:me|him|her) (?:now"
    r"|right now)\b")


def _scan_rules(s: _Sentence, rules: tuple[_Rule, ...], text: str, found: _Findings,
                hypothetical_counts: bool = False) -> None:
    """Add the flags of rules that match; `hypothetical_counts` keeps "what do I do if
    someone is not breathing?" from being waved through as a general question."""
    general = (_knowledge_question(s) or (_generic_question(s) and not (
        hypothetical_counts and _HYPOTHETICAL.search(s.text)))) and not _SAYS_IT_IS_THEIRS.search(text)
    for rule in rules:
        if rule.context is not None and not rule.context.search(text):
            continue
        if rule.also is not None and not rule.also.search(text):
            continue
        for m in rule.pattern.finditer(s.text):
            idx = s.word_index(m.start())
            # a question about lethal doses is a crisis sign however it is put
            asked = general and rule.flag != "suicide"
            if asked or _negated(s, idx) or _distant(s, idx):
                found.suppressed += 1
                found.suppressed_emergency += FLAG_LEVELS[rule.flag] == Level.EMERGENCY
                continue
            if rule.self_flag and _first_person(s, idx):
                found.add(rule.self_flag)
            else:
                found.add(rule.flag)


# ---------------------------------------------------------------------------- durations

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty five": 45,
    "fifty": 50, "sixty": 60, "few": 3, "a few": 3, "several": 5, "half an": 0.5,
    "half a": 0.5, "couple of": 2, "a couple of": 2, "a quarter of an": 0.25,
    "quarter of an": 0.25, "a quarter": 0.25, "quarter": 0.25,
}
_DURATION = _rx(
    r"\b(?:(less than|under|fewer than|not even|almost|nearly) )?(?:a good |a whole |a full |good )?"
    r"(\d{1,3}(?:\.\d+)?|a few|a couple of|couple of|half an|half a|forty five|a quarter of an"
    r"|quarter of an|a quarter|quarter|a|an|one"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|few|several) ?(min|mins|minute|minutes|hour|hours|hr|hrs)\b"
    r"(?! ago\b)")
_LONG_WORDS = _rx(
    r"\b(?:for|lasted|lasting|went on|gone on|going on) (?:for )?(?:ages|a long time"
    r"|so long|too long|ever|forever)\b"
    r"|\b(?:will|would|does|did|has|have|is|can) not (?:stop|stopped|stopping)\b"
    r"|\bnot stopping\b|\bkeeps? going\b|\bgoing on and on\b|\bnon ?stop\b|\bit not stop\b"
    r"|\bnot (?:slowing|settling|easing)\b")
_NOT_EASING = _rx(
    r"\b(?:is|are|will|does|did|has|have) not (?:eas(?:e|ed|ing)|go(?:ne|ing)? away"
    r"|(?:getting |got )?better|stopped|passed|settled)\b|\bnot easing\b|\bstill "
    r"(?:there|hurting|cramping|going|cramped|tight)\b")
_DURATION_SENTENCE = _rx(r"\b(?:been|last(?:ed|ing|s)?|going on|gone on|still|it|this|that|over"
                         r"|more than|longer than|mine|for)\b")
_SLEEP_WORDS = _rx(r"\b(?:sleep|slept|asleep|nap|napped|awake|ago)\b")


def _minutes(s: _Sentence, event: re.Pattern[str]) -> float:
    """The longest duration stated in a sentence, in minutes (0 when none); a clause
    about sleep ("then slept for 8 hours") does not count unless it names the event."""
    longest = 0.0
    for m in _DURATION.finditer(s.text):
        clause = s.clause_text(s.word_index(m.start()))
        if _SLEEP_WORDS.search(clause) and not event.search(clause):
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
    return [s for i, s in enumerate(sentences)
            if i in event or (_DURATION_SENTENCE.search(s.text)
                              and not _SLEEP_WORDS.search(s.text))]


_STRONG_EPISODE = _rx(r"\b(?:shaking|shook|jerking|fitting|convuls\w*|seiz\w*|siez\w*|fit"
                      r"|fits|thrashing|stiff)\b")
_LIMB = _rx(r"\b(?:legs?|arm|foot|feet|hand|hands|eyelids?|eyes?|muscles?|calf|calves|toes?"
            r"|fingers?|lips?|jaw|thumb)\b")
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\b")


def _episode_sentences(sentences: list[_Sentence]) -> set[int]:
    """Sentences describing a whole-body episode of someone (not a limb's twitch, not
    negated, long ago or a general question): how long it lasts decides the level."""
    out = set()
    for i, s in enumerate(sentences):
        if _generic_question(s) or _LIMB.search(s.text) or _ANIMAL.search(s.text):
            continue
        for m in _STRONG_EPISODE.finditer(s.text):
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


def _scan_long_events(sentences: list[_Sentence], found: _Findings, norm: str = "",
                      before: str = "") -> None:
    """Seizures of five minutes or more; cramps that do not ease within ten. When this
    message names no event but the previous one did, its durations are about that."""
    described = (found.described_seizure_sentences | found.topic_seizure_sentences
                 | _episode_sentences(sentences))
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
        if (max((_minutes(s, _EPISODE) for s in about), default=0) >= 5
                or any(_LONG_WORDS.search(s.text) for s in about)):
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
    if (max((_minutes(s, _CRAMP) for s in about), default=0) >= 10
            or any(_NOT_EASING.search(s.text) or _LONG_WORDS.search(s.text) for s in about)):
        found.add("long_cramp")


# ---------------------------------------------------------------------------- first seizure

_FIRST = _rx(
    r"\bfirst (?:ever |real |proper |big )?(?:time|one|seizure|fit|convulsion|episode"
    r"|attack)\b|\b(?:seizure|fit|convulsion) ever\b|\bnever happened\b|\bnever (?:\w+ )?had"
    r" (?:one|a seizure|a fit|anything like)|\bnothing like (?:this|that) (?:has )?(?:ever )?"
    r"(?:happened|before)|\bnever (?:happened )?b4\b|\bhas ever happened\b"
    r"|\bnever (?:\w+ ){0,4}before\b|\bnot (?:\w+ ){0,3}before\b")
_FIRST_SEIZURE_REPORT = _rx(
    r"\bfirst (?:ever |real |proper |big )?(?:seizure|siezure|fit|convulsion)s?\b(?! aid)"
    r"|\b(?:seizure|siezure|fit|convulsion) (?:ever|for the first time)\b"
    r"|\bfor the first time\b")
_NEVER_BEFORE = _rx(
    r"\bnever (?:\w+ ){0,3}(?:seiz\w*|siez\w*|fits?|convul\w*|one) (?:\w+ )?before\b")
_PERSONAL_OR_FAMILY = _rx(
    r"\b(?:i|me|my|he|she|they|him|her|his|our|we|son|daughter|husband|wife|mum|mom|dad"
    r"|baby|child|kid|friend|partner|brother|sister|boyfriend|girlfriend|bf|gf|roommate"
    r"|flatmate|grandma|grandpa|uncle|aunt)\b")
_THIRD_PERSON = _rx(r"\b(?:he|she|they|him|her|his|my|our|son|daughter|husband|wife"
                    r"|mum|mom|dad|baby|child|kid|friend|partner)\b")


def _scan_first_seizure(sentences: list[_Sentence], found: _Findings) -> None:
    """A first-ever seizure: said next to a seizure that counts, or "he has never
    had a seizure before" said about someone else."""
    for s in sentences:
        if _DISTANT.search(s.text):
            continue  # "my first seizure was at age 4"
        first = _FIRST.search(s.text)
        if not first:
            continue
        if (_FIRST_SEIZURE_REPORT.search(s.text) and not _generic_question(s)
                and not _HYPOTHETICAL.search(s.text)):
            found.seizure = True
            found.add("first_seizure")
            return
        if found.active_seizure_sentences or (
                found.seizure and _PERSONAL_OR_FAMILY.search(s.text)):
            found.seizure = True
            found.add("first_seizure")
            return
        if _NEVER_BEFORE.search(s.text) and _THIRD_PERSON.search(s.text):
            found.seizure = True
            found.add("first_seizure")
            return


# ---------------------------------------------------------------------------- screen

_EPISODE = _rx(r"\b(?:shak\w*|jerk\w*|twitch\w*|convul\w*|spasm\w*|fitting|seiz\w*)\b")


def _as_confidence(value: object) -> float:
    try:
        conf = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return conf if math.isfinite(conf) else 0.0


_PERSON = _rx(r"\b(?:son|daughter|husband|wife|mum|mom|dad|baby|child|kid|toddler|friend|partner"
              r"|brother|sister|boyfriend|girlfriend|roommate|flatmate|grandma|grandpa|myself)\b")


def _not_a_report(norm: str) -> bool:
    """Fiction, a pet (pronouns then mean the pet), apnoea: red-flag words, no report."""
    return bool(_NOT_A_REPORT.search(norm)) or (bool(_ANIMAL.search(norm))
                                                and not _PERSON.search(norm))


_SLEEPS_THROUGH = _rx(
    r"\b(?:(?:when|while|as|once) (?:\w+ ){0,2}(?:falls? asleep|sleeps?|sleeping|asleep|dozes? off"
    r"|dozing|drifts? off)|in (?:my|his|her|their) sleep|kicks?|jerks?|twitch\w*)\b(?:\W+\w+){0,14}?"
    r"\W+(?:does not|did not|do not|not|never) wak(?:e|es|ing)\b(?! up (?:after|from the (?:fit|seizure)))")
_TRIED_TO_WAKE = _rx(
    r"\b(?:can not|could not|cannot|try|tried|trying|shak\w*|call\w*|shout\w*|respond\w*"
    r"|breath\w*|blue|limp|floppy|still|now|anymore|after (?:the|a|his|her) (?:fit|seizure)"
    r"|seiz\w*|fitting|convuls\w*|unconscious)\b")


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
    _scan_first_seizure(sentences, found)
    _scan_long_events(sentences, found, norm, before)
    if _not_a_report(norm):  # seen and discounted: the answer with the number, no alarm
        emergencies = [f for f in found.flags if FLAG_LEVELS[f] == Level.EMERGENCY]
        for flag in emergencies:
            del found.flags[flag]
        found.suppressed += len(emergencies)
        found.suppressed_emergency += len(emergencies)
        found.seizure = False
    story = f"{before} . {norm}" if before else norm
    if ("not_recovering" in found.flags and _SLEEPS_THROUGH.search(story)
            and not _TRIED_TO_WAKE.search(norm)):
        # "he jerks once as he falls asleep, he doesn't wake up": he sleeps on
        del found.flags["not_recovering"]
        found.suppressed += 1
        found.suppressed_emergency += 1
    return found, norm


def _result(found: _Findings, norm: str, caution: bool) -> Screening:
    flags = tuple(sorted(found.flags, key=lambda f: (-FLAG_LEVELS[f], _FLAG_ORDER[f])))
    level = max((FLAG_LEVELS[f] for f in flags), default=Level.NONE)
    describes = found.seizure or (
        level == Level.EMERGENCY and bool(_EPISODE.search(norm))
        and bool({"not_recovering", "breathing"} & set(flags)))
    return Screening(Level(level), flags, describes, caution and level < Level.EMERGENCY)


def screen(text: str, intent: str | None = None, confidence: float = 0.0,
           previous: str = "") -> Screening:
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
    learned = _learned_estimate(norm)
    # The rules' own reading of a seizure that has stopped ("recent_seizure", urgent)
    # is more specific than the learned signal, which cannot tell a first seizure
    # from a known one; the rules' emergency flags (first seizure, long, not
    # recovering) still escalate it.
    by_model = learned.emergency >= safety_model.EMERGENCY_P and "recent_seizure" not in found.flags
    # A rule that looked at the trigger and found it negated, past or a general question
    # outranks the unspecific signals (they cannot tell "is" from "isn't").
    discounted = found.suppressed_emergency > 0 or (
        (by_intent or by_model) and found.suppressed > 0)
    if (by_intent or by_term or by_model) and not discounted:
        found.add("intent" if by_intent else "term" if by_term else "model")
    if not discounted and (learned.crisis >= safety_model.CRISIS_ALONE_P or (
            by_model and learned.crisis >= safety_model.CRISIS_EMERGENCY_P)):
        found.add("model_crisis")
    if learned.urgent + learned.emergency >= safety_model.URGENT_P and not found.suppressed:
        found.add("model_urgent")
    unsure = learned.emergency >= safety_model.CAUTION_P
    screening = _result(found, norm, caution=discounted or by_intent or by_term or unsure)
    return replace(screening, crisis_possible=learned.crisis >= safety_model.CRISIS_P)


def _learned_estimate(norm: str) -> safety_model.Estimate:
    """The learned signal; nothing (all zero) if it cannot be had."""
    try:
        model = safety_model.default_model()
        if model is None:
            raise LookupError("no red-flag data")
        return safety_model.estimate(model, norm)
    except Exception:  # noqa: BLE001 - the rules still screen without it
        return safety_model.Estimate(0.0, 0.0, 0.0, 0.0)


# ---------------------------------------------------------------------------- messages

_CALL = f"Please call your local emergency number now ({EMERGENCY_NUMBERS})."
_CALL_IF = (f"If someone is having a seizure, call your local emergency number now "
            f"({EMERGENCY_NUMBERS}).")
_SEIZURE_STEPS = ("While you wait: don't hold them down or put anything in their mouth, "
                  "move hard objects away and note the time. When the jerking stops, turn "
                  "them on their side.")
_SEIZURE_AGAIN = ("If it happens again before help comes: don't hold them down or put "
                  "anything in their mouth, move hard objects away and note the time.")
_BREATHING_STEPS = ("Sit upright, or help the person sit up, and loosen anything tight "
                    "around the neck. Don't eat or drink anything. If you are alone, unlock "
                    "the door and stay on the line.")
_BOTH_STEPS = ("Don't hold them down or put anything in their mouth. As soon as the jerking "
               "stops, turn them on their side to keep the airway clear, and stay with them.")
_INJURY_STEPS = ("Don't move them if they may have hurt their head or neck, press a clean "
                 "cloth on any bleeding, and stay with them.")
_UNRESPONSIVE_STEPS = ("Stay with them. If they are breathing, turn them on their side; if "
                       "not, the call handler will talk you through what to do.")
_GENERAL_STEPS = ("Stay with the person and follow the call handler's advice. If they are "
                  "jerking, don't hold them down or put anything in their mouth.")

_URGENT_OPEN = "Please see a doctor soon (today or tomorrow)."
_URGENT_CLOSE = (f"If it gets worse, call your local emergency number "
                 f"({EMERGENCY_NUMBERS}).")
_URGENT_REASONS = {
    "recent_seizure": "A seizure, even one that has stopped, should be checked by a doctor.",
    "seizure_signs": ("Waking with a bitten tongue, a wet bed, confusion or an unexplained "
                      "injury can point to a seizure at night rather than an ordinary sleep "
                      "start."),
    "lost_consciousness": "Passing out or being hard to wake should be checked by a doctor.",
    "long_cramp": ("A cramp that doesn't ease within about ten minutes is longer than usual "
                   "and should be checked."),
    "mouth_tingling": ("Tingling or numbness around the mouth, especially with cramps, can "
                       "be a sign of low calcium, which a blood test can show."),
    "wound_cramps": ("Cramps or stiff muscles after a dirty wound can be a sign of tetanus, "
                     "which needs prompt treatment."),
    "model_urgent": "What you describe should be checked by a doctor soon.",
}
_ROUTINE_OPEN = "It would be a good idea to book a visit with your doctor."
_ROUTINE_REASONS = {
    "frequent_waking": ("Twitching that often wakes you or spoils your sleep or your days "
                        "deserves a proper check, and the cause can often be found."),
    "leg_symptoms": ("Numbness, swelling or weakness in the legs is not part of ordinary "
                     "sleep twitches and should be looked at."),
    "urge_to_move": ("An urge to move the legs can be restless legs, which a doctor can "
                     "assess and help with."),
    "daytime_sleepiness": ("Feeling sleepy or worn out in the day suggests your sleep is being "
                           "disturbed, which is worth checking."),
}
_SEIZURE_FLAGS = frozenset({"ongoing_seizure", "long_seizure", "first_seizure",
                            "seizure_first_aid"})


_CRISIS = (f"Please call your local emergency number now ({EMERGENCY_NUMBERS}) if you "
           f"might act on these thoughts or have hurt yourself. You can also talk to a crisis "
           f"line any time: {plain_emergencies.CRISIS_LINES}, or your local crisis line. "
           "You don't have to go through this alone: if you can, tell someone near you now.")
_UNSPECIFIC_FLAGS = frozenset({"model", "intent", "term", "model_urgent"})
_CRISIS_TOO = (f"If this is about thoughts of ending a life, you can also call a crisis line: "
               f"{plain_emergencies.CRISIS_LINES}.")
_EXTENDED_STEPS = {
    "overdose": ("Call a poison control centre too if you can. Keep the bottle or packet to "
                 "show them, don't try to make anyone vomit, and if they become very sleepy "
                 "or stop breathing normally, turn them on their side and stay with them."),
    "pregnancy": ("A seizure, a severe headache or changes in vision in pregnancy or soon after "
                  "birth can be eclampsia, which needs emergency care straight away. Lie on "
                  "your left side while you wait, and don't stay alone."),
    "child_fever": ("A child with a fever who is jerking, stiff or not responding needs to be "
                    "seen straight away. Lay them on their side on a safe surface, don't put "
                    "anything in their mouth, and note the time it started."),
    "stroke": ("A drooping face, a weak arm or slurred speech can be a stroke, and every "
               "minute counts. Note the time the signs started and don't give food or drink."),
    "chest_pain": ("Chest pain or pressure needs checking straight away. Stop and sit down "
                   "while you wait, and don't drive yourself."),
    "head_injury": ("Don't move them if they may have hurt their head or neck, press a clean "
                    "cloth on any bleeding, and stay with them."),
}


def _emergency_message(s: Screening) -> str:
    return _with_crisis_line(s, _emergency_text(s))


def _with_crisis_line(s: Screening, text: str) -> str:
    if s.crisis_possible and "988" not in text:
        return f"{text} {_CRISIS_TOO}"
    return text


def _emergency_text(s: Screening) -> str:
    flags = set(s.flags)
    if flags & {"suicide", "model_crisis"}:
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


def message_for(screening: Screening) -> str | None:
    """The safety text the user sees for a screening; None when there is nothing."""
    if screening.level >= Level.EMERGENCY:
        return _emergency_message(screening)
    if screening.caution and screening.level == Level.NONE:
        return _with_crisis_line(screening, DANGER_LINE)
    if screening.level == Level.URGENT:
        reasons = [_URGENT_REASONS[f] for f in screening.flags if f in _URGENT_REASONS]
        return _with_crisis_line(screening, _with_reasons(
            _URGENT_OPEN, reasons or [_URGENT_REASONS["seizure_signs"]], _URGENT_CLOSE))
    if screening.level == Level.ROUTINE:
        reasons = [_ROUTINE_REASONS[f] for f in screening.flags if f in _ROUTINE_REASONS]
        return _with_reasons(_ROUTINE_OPEN, reasons[:1] or [_ROUTINE_REASONS["frequent_waking"]])
    return None


def allows_cramp_advice(screening: Screening) -> bool:
    """Whether a reply may say "get up and step on the ground": a cramp remedy that
    is dangerous for someone having a seizure, so never after one is described."""
    return not screening.describes_seizure and screening.level < Level.EMERGENCY
