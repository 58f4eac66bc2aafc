"""Normalising a message and reading it: sentences, clauses, negation, the distant past, general questions."""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field

from actions import plain_emergencies

# Longer messages are cut: a red flag is stated early, and this bounds the work.
MAX_SCAN_CHARS = 2000
# How many words before a trigger a negator may stand ("she is not having a seizure").
NEG_WINDOW = 5

# ---------------------------------------------------------------------------- text


# A filler word inside a pattern may be anything but a negator, so "fell out of bed
# last night, no injuries" does not read as "fell out of bed ... injuries".
_GAP = r"(?:(?!(?:no|not|never|without|nor)\b)\w+ )"


def _rx(pattern: str) -> re.Pattern[str]:
    # Patterns are plain alternations over single-spaced words with bounded
    # repeats only, so matching stays linear even on hostile input.
    return re.compile(pattern.replace(r"(?:\w+ )", _GAP))


_HTML_TAG = _rx(r"<[^<>]{0,200}>")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_HAS_NEXT = "been|had|got|gone|never|already|just had"
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"\bcan'?t\b|\bcannot\b|\bcnt\b|\bcant\b"), "can not"),
    (_rx(r"\bwon'?t\b"), "will not"),
    (_rx(r"\bain'?t\b"), "is not"),
    (_rx(r"\bshan'?t\b"), "shall not"),
    (_rx(r"\b(\w+)n't\b"), r"\1 not"),
    # people type without apostrophes: "doesnt", "isnt", "wasnt"
    (_rx(r"\b(is|was|are|were|does|do|did|has|have|had|could|would|should|must|need)nt\b"), r"\1 not"),
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
    "plus just except".split()
)
_NEGATORS = frozenset("not no never without nor neither nothing none nobody noone".split())
_PRONOUNS = frozenset("i he she they we you it my his her their our your this that the".split())
_PERSONAL = frozenset(
    "i me my mine myself he him his himself she her hers herself they them their "
    "themselves we us our".split()
)
_QUESTION_START = frozenset(
    "what why how when where which who can could does do did is are was were will "
    "would should may might has have".split()
)


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
    r" (?:it|this|that|these|they|i|he|she|we|you|there|the)\b"
)


def _next_word_is_question(text: str, pos: int) -> bool:
    return bool(_QUESTION_AFTER_COMMA.match(text, pos))


# Past-tense verbs of something that happened: a sentence with one and no "?" is a report.
_REPORTED_EVENT = frozenset("woke slept fell found collapsed happened went started stopped bit wet".split())


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
            # "do nights, slept after shift and woke up on the floor": a report that
            # happens to start with a question word, unless it ends with "?"
            story = not question and bool(_REPORTED_EVENT & set(words))
            out.append(
                _Sentence(
                    list(words),
                    sorted(set(starts)),
                    (question or first in _QUESTION_START) and not fragment and not story,
                )
            )
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
    window = s.words[lo:idx]
    clause = s.words[s.clause_start(idx) : idx]
    if "without" in window and _NEGATORS & set(clause[: clause.index("without")]):
        return False  # "can't sit through a film without needing to move my legs": the urge holds
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
    r"|when (?:i|he|she|they|we|you|my \w+|our \w+) (?:was|were) (?:\w+ )?(?:young|younger|little|small"
    r"|a kid|a child|a baby|a toddler|a teen|a teenager|a boy|a girl|at school|in school"
    r"|\d+)|(?:years|decades|yrs|months) (?:ago|back)|long (?:time )?ago|ages ago"
    r"|in (?:my|his|her|their|our) (?:childhood|youth|teens|twenties|younger years)"
    r"|in childhood|growing up|(?<!than i )(?<!than they )(?<!than he )(?<!than she )(?<!than it )used to"
    r"|in the past|back in (?:the )?\d+|back then"
    r"|at (?:the )?age (?:of )?\d+|at \d+ (?:years|yrs)\b|now (?:he|she|they) (?:is|are|s) \d+"
    r"|(?:he|she|they) (?:is|are|s) now \d+"
    r"|since (?:childhood|birth|infancy)|in (?:19|20)\d\d|last year"
    r"|(?:a )?(?:year|decade) ago|back in (?:uni|college|school|the day|my \w+)|fully recovered"
    r"|(?:all|everything|everyone) (?:is |was |has been )?(?:fine|good|ok|okay|well) (?:now|since)"
    r"|(?:has|have) been (?:fine|well|ok|okay|healthy) (?:ever )?since"
    r"|in (?:my|her|their) (?:first|last|previous|earlier|other) pregnancy"
    r"|\b(?:old|previous|past|earlier|former) (?:\w+ )?(?:injur\w*|concussions?|knocks?|accidents?"
    r"|fractures?)|(?:scanned|checked|checked out|cleared|x rayed) and (?:fine|ok|okay|all clear|normal)"
    r"|(?:is|s) (?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:years old )?now"
    r"|at (?:\d+|two|three|six|nine|eighteen) (?:months|years) old"
    r"|(?:\d+|two|three|four|five|six|a few|several|couple of) (?:weeks|months) ago"
    r"|(?:ecg|ekg|scans?|tests?|bloods?|x rays?) (?:was|were|came back|all) (?:\w+ )?"
    r"(?:fine|normal|clear|ok|okay)"
    r"|last (?:christmas|easter|summer|winter|spring|autumn|fall|weekend|holiday|holidays)"
    r"|in (?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|the spring|the summer|the autumn|the winter|spring|summer|autumn|winter)"
    r"|on holiday|paramedics came|sent (?:us|him|her|me|them) home"
    r"|checked (?:him|her|me|them|us) (?:out|over)"
    r"|(?:seizure|fit) free|no (?:more )?(?:seizures|fits) (?:for|since))\b"
)
# Over and recovered: the emergency has passed, but a sign that needs a doctor's check
# ("woke with a wet bed and muddled, he's fine now") still does.
_RECOVERED = _rx(
    r"\b(?:recovered (?:after|within|in|fully|completely)|fully recovered"
    r"|(?:is|s|am|m|are) (?:well|fine|ok|okay) now"
    # "woke up gasping, then breathed normally straight away"
    r"|(?:breath\w*|back to normal) (?:normally )?(?:again )?(?:straight away|right away|at once"
    r"|immediately|within (?:a few )?seconds))\b"
)
_RECENT = _rx(
    r"\b(?:last night|tonight|today|this (?:morning|evening|afternoon|week)|yesterday"
    r"|just now|just|earlier|(?:minutes|hours|an hour|a minute) ago|now|right now"
    r"|currently|still|again)\b"
)
# A plea for help makes a bare "seizure!" a report of one happening now.
_HELP = _rx(
    r"\bhelp\b(?! (?:me |us )?(?:understand|know|learn|find|figure|with|out)\b)"
    r"|\b(?:hurry|quickly|emergency|ambulance|urgent|urgently|sos"
    r"|what (?:do|should|can|must) (?:i|we) do|call (?:someone|somebody|an ambulance))\b"
)
# Asking what to do about a seizure, as opposed to what a seizure is.
_FIRST_AID = _rx(
    r"\bwhat (?:should |do |can |must |to )?(?:i |we |you )?do\b"
    r"|\bhow (?:do |should |can |to )?(?:i |we |you )?(?:help|handle|deal|react|respond|stop|treat)\b"
    r"|\bfirst aid\b|\bstep on\b|\bthe (?:ground|floor)\b|\bget (?:\w+ )?up\b"
    r"|\bcall\b|\bshould (?:i|we)\b"
)
_HYPOTHETICAL = _rx(r"\b(?:if|when|whenever|in case|suppose|supposing)\b")


# Red-flag words in a message that reports nothing: a film, a game, a pet, apnoea.
_NOT_A_REPORT = _rx(
    r"\b(?:in (?:the|a|this) (?:film|movie|book|novel|game|show|series|drama|episode|story"
    r"|cartoon|anime|play)|my (?:\w+ ){0,2}(?:character|avatar)|(?:tv|medical) (?:show|drama)"
    r"|watching (?:a|the)"
    r" (?:film|movie|show|drama|series)|d and d|d d|d ?& ?d|dnd|flavou?r text|greys? anatomy|for a (?:poster"
    r"|story|novel|essay|assignment|screenplay|script|quiz|exam|test|class|course|scene|podcast)"
    r"|writing a (?:\w+ )?(?:story|novel|screenplay|script|scene|book|play)|screenplay"
    r"|first aid (?:course|class|training|quiz|exam|test|certificate|lesson)"
    r"|in (?:the|a|this) (?:podcast|documentary|video|youtube video)|(?:need|needs|writing|write) a scene"
    r"|playwright|novelist|lyrics?|the chorus|who sings|a song (?:that goes|called|with the line)"
    r"|general question|(?:drama|theatre|theater|acting) (?:group|club|class|school)|staging (?:a|the)"
    r" (?:scene|play)|rehears\w*|make it look (?:real|realistic|convincing)"
    r"|screenwriter)\b"
    # talk about the article's words: "that's describing a seizure, no?"
    r"|\b(?:describ(?:es|ing|ed)?|defin(?:es|ing|ed|ition)) (?:\w+ ){0,2}(?:seizures?|fits?|convulsions?"
    r"|epilep\w*)\b"
    # asking ahead: "if my kid ever has a febrile convulsion what should I do? just asking"
    r"|\b(?:to be prepared|just in case|be ready if|if (?:\w+ ){1,3}ever (?:has|have|had|gets?|got|starts?"
    r"|started|could not|can not|does not|did not|stops?|stopped|turns?|went|goes)"
    r"|(?:just )?reading up (?:on )?|for future reference)\b"
    # asking in general about someone, not anyone here: "suppose someone took too many
    # magnesium tablets...", "if a child with a fever started twitching, would that be..."
    r"|\b(?:just (?:curious|wondering)|out of curiosity|hypothetical\w*)\b"
    # first aid asked in general: "if someone is having a fit, should you put something in their mouth?"
    r"|\bif (?:someone|somebody|a person|anyone|a child|a kid)\b[^.?!]*\bshould (?:you|one|i|we)\b"
    r"|\bon (?:a|the|this) (?:\w+ )?(?:documentary|programme|program|tv show|tv programme)\b"
    r"|\b(?:suppose|supposing|imagine|what would happen if|what happens if) (?:someone|somebody|a person"
    r"|a child|a kid|a baby|a woman|a man|you)\b"
    r"|\bif (?:someone|somebody|a person|a child|a kid|a baby) (?:\w+\W+){1,8}would (?:that|it|this)\b"
)
# Snoring and apnoea questions carry breathing words but are no report, unless the
# sleeper cannot be woken: loud snoring after a fit is how an unconscious person breathes.
_SNORING_TALK = _rx(r"\b(?:snor\w*|apno?ea|apnea)\b|\bbreathe? through (?:the|my|his|her|their|your) nose\b")
_UNROUSABLE = _rx(
    r"\b(?:can not|cannot|could not|will not|would not|does not|did not) (?:\w+ ){0,2}(?:wake|rouse|respond)"
    r"|\b(?:not|no) (?:waking|responding|answering|reacting)\b|\bunresponsive\b|\bunconscious\b"
)
# Shaking from the cold, with no fever: shivering, not a seizure.
_SHIVERS = (
    r"(?:shiver\w*|teeth chatter\w*|chattering teeth|shaking like a leaf|shaking (?:with|from) (?:the )?cold"
    r"|rigou?rs)"
)
# Awake and answering all through the shaking: shivering (a fever's rigors), not a convulsion
_AWARE_THROUGHOUT = _rx(
    r"(?:i|he|she|they) (?:could|was|were) (?:still )?(?:talk\w*|answer\w*|speak\w*)\b"
    r"|\b(?:talking|speaking|chatting) to (?:me|him|her|my \w+|them) the whole time\b"
    r"|\b(?:knew|know) where (?:i|he|she|they) (?:was|were)\b|\bawake the whole time\b"
)
_COLD = (
    r"(?:snow|sea swim|winter swim|swimming in (?:the )?(?:sea|lake|river)|ice bath|cold water|in the cold"
    r"|cold outside|freezing outside|freezing cold|hot shower|hot bath|warmed (?:\w+ )?up|frozen|minus \d+"
    r"|below (?:zero|freezing)|windows? (?:\w+ ){0,2}open"
    r"|heating (?:broke|was off|went off|packed up|is broken|was broken|died))"
)
_COLD_SHIVERS = _rx(
    rf"\b{_SHIVERS}\b.*\b{_COLD}\b|\b{_COLD}\b.*\b{_SHIVERS}\b"
    # "my lips went blue in the cold sea yesterday, warmed up fine"
    r"|\b(?:lips|fingers|hands|toes|feet) (?:\w+ ){0,2}(?:blue|purple)\b.*\bwarmed (?:\w+ )?up\b"
)
_FEVER = _rx(r"\b(?:fever\w*|temperature|temp|burning up|hot to (?:the )?touch|febrile)\b")
# "Is she having seizures?" about twitches as someone falls asleep: the question the
# article answers, not a report (the answer still carries the emergency-number line).
_SLEEP_START = _rx(
    r"\b(?:falls?|falling|fell) asleep|\bdrift\w* off|\b(?:almost|nearly) (?:sleep|asleep)"
    r"|\bnod\w* off|\bdoz\w* off|\bgo(?:es|ing)? to sleep"
)
_IS_IT_A_SEIZURE = _rx(
    r"\bis (?:she|he|it|this|that|they|i) (?:having |have )?(?:a )?(?:seizures?|fits?|epilep\w*)"
    r"|\b(?:say|says|said|thinks?) (?:it is|it s|that is|is) (?:a )?(?:seizures?|fits?|epilep\w*)"
    r"|\bcould (?:it|this|that) be (?:a )?(?:seizures?|fits?|epilep\w*)"
    # "it is seizure?": the question in a learner's word order
    r"|\b(?:it|this|that) is (?:a )?(?:seizures?|fits?|epilep\w*) ?\?"
    r"|\b(?:scared|afraid|worried|fear|think|wonder\w*) (?:that )?(?:these|this|that|it|they) (?:are|is"
    r"|might be|could be|may be) (?:a )?(?:seizures?|fits?|epilep\w*)"
)
_FELT_NORMAL_AT_ONCE = _rx(
    r"\bi (?:felt|feel|was) (?:completely |totally |perfectly )?(?:normal|fine|ok|okay|wide awake)"
    r" (?:straight away|right away|immediately|at once|instantly|afterwards|after)\b"
    r"|\b(?:went|fell|dropped|drifted) (?:straight |right )?(?:off |back )?(?:to sleep|asleep) again\b"
    r"|\bwent straight (?:back )?(?:off )?to sleep\b"
)
_STILL_GOING = _rx(
    r"\b(?:right now|still|now|not stopping|will not stop|won t stop|blue|not breathing"
    r"|can not wake|will not wake|minutes)\b"
)


def _distant(s: _Sentence, idx: int, recovery_counts: bool = True) -> bool:
    """Set in the distant past (or over and recovered, where `recovery_counts`), unless
    the trigger's own clause says it is recent, or the message says something is going
    on now and the trigger's clause is not in the past ("tingly mouth and fingertips, and
    my legs keep cramping, had thyroid surgery 2 weeks ago": the time belongs to the
    surgery)."""
    over = _DISTANT.search(s.text) or (recovery_counts and _RECOVERED.search(s.text))
    if not over or _RECENT.search(s.clause_text(idx)):
        return False
    return not (_GOING_ON.search(s.text) and not _PAST_MARKER.search(s.clause_text(idx)))


_GOING_ON = _rx(r"\b(?:keeps?|keep on) \w+ing\b|\b(?:am|is|are) (?:still )?\w+ing\b|\bat the moment\b")
_PAST_MARKER = _rx(r"\b(?:had|was|were|did|got|went|used to|broke|fell|said|told)\b|\b\w+ed\b")


_SELF_REPORT_QUESTION = _rx(
    r"(?:is|was) (?:it|this|that) (?:normal|ok|okay|bad|safe|serious"
    r"|dangerous|common|usual) (?:to|for|that|if|when)\b"
)


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
    r"|overdoses?|eclampsia|pre ?eclampsia|epilepsy|laryngospasm|tetanus))\b"
)
_SOMEONE_NOW = _rx(
    r"\b(?:my|our|his|her) (?:son|daughter|husband|wife|baby|child|kid|toddler|partner|mum|mom"
    r"|dad|friend|boyfriend|girlfriend|brother|sister|grandma|grandpa|flatmate|roommate)\b"
    r"|\b(?:he|she|they) (?:is|are|s|re|has|have|will not|can not|just)\b|\bright now\b|\bhelp\b"
)


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
    before = s.words[max(0, idx - 3) : idx]
    if before[-1:] == ["i"]:
        return True
    return (
        len(before) >= 2
        and before[-2] == "i"
        and before[-1] in ("am", "was", "have", "had", "keep", "kept", "just", "nearly", "almost", "then")
    )


_ANIMAL = _rx(
    r"\b(?:dog|dogs|puppy|cat|cats|kitten|pet|hamster|rabbit|(?<!charley )(?<!charlie )horse|parrot)\b"
)
_PERSON = _rx(
    r"\b(?:son|daughter|husband|wife|mum|mom|dad|baby|child|kid|toddler|friend|partner"
    r"|brother|sister|boyfriend|girlfriend|roommate|flatmate|grandma|grandpa|myself)\b"
)


def about_an_animal(text: str) -> bool:
    """A pet and no person: "my dog twitches in his sleep"."""
    norm = _normalise(text)
    return bool(_ANIMAL.search(norm) and not _PERSON.search(norm))


# A student asks for study ("student midwife: which signs suggest eclampsia?") unless
# they say they saw it happen ("student midwife, I just witnessed a seizure")
_STUDENT = _rx(
    r"\b(?:(?:student|trainee) (?:midwife|nurse|paramedic)|(?:nursing|medical" r"|midwifery) student)\b"
)
_SAW_IT = _rx(r"\b(?:witness\w*|just (?:saw|seen|watched|found)|right now|happening now|in front of me)\b")


# The article's own words talked about: "the article keeps saying convulsions, cramps,
# seizures like they're one thing" (not when someone is named or it is happening now)
_THE_ARTICLES_WORDS = _rx(
    r"\b(?:article|text|page|translation|author|it) (?:\w+ ){0,2}(?:says?|saying|said|calls?|calling|uses?"
    r"|using|mentions?|mentioning|writes?|writing|talks? about)\b(?:\W+\w+){0,3}?\W+(?:seizures?|convulsions?"
    r"|fits?|epilep\w*)\b"
)


def sleep_start_then_fine(norm: str) -> bool:
    """A jerk while dropping off, fine at once after it: "nodded off in a meeting, my arm jerked,
    I felt completely normal straight away", "he said 'whoa' and went straight off to sleep again"."""
    return bool(
        _SLEEP_START.search(norm) and _FELT_NORMAL_AT_ONCE.search(norm) and not _STILL_GOING.search(norm)
    )


def _not_a_report(norm: str) -> bool:
    """Fiction, a pet (pronouns then mean the pet), apnoea, study: red-flag words, no report."""
    if _NOT_A_REPORT.search(norm) or (_ANIMAL.search(norm) and not _PERSON.search(norm)):
        return True
    if _STUDENT.search(norm) and not _SAW_IT.search(norm):
        return True
    if _THE_ARTICLES_WORDS.search(norm) and not _PERSON.search(norm) and not _STILL_GOING.search(norm):
        return True
    if _SNORING_TALK.search(norm) and not _UNROUSABLE.search(norm):
        return True
    if _COLD_SHIVERS.search(norm) and not _FEVER.search(norm):
        return True
    if (
        re.search(rf"\b{_SHIVERS}\b", norm)
        and _AWARE_THROUGHOUT.search(norm)
        and not _STILL_GOING.search(norm)
    ):
        return True  # "fever of 39, shaking so my teeth chattered, talking to my wife the whole time"
    if sleep_start_then_fine(norm):
        return True
    return bool(_SLEEP_START.search(norm) and _IS_IT_A_SEIZURE.search(norm) and not _STILL_GOING.search(norm))
