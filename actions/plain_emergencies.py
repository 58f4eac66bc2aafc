"""The plainest emergencies, recognised by a short list of phrases.

One source of truth for two places:
* the action server's safety screen uses it as one more signal ("a red-flag term"),
  so an emergency is caught even where the full rules misread a sentence;
* the Rasa server uses it when the action server cannot be reached
  (rasa_patches/resilience.py), so "he's seizing and not breathing" still gets the
  emergency number during an outage.

Standard library only: the Rasa process imports it without the action server's
dependencies. Red flags from docs/medical-notes.md ("Red flags").
"""

from __future__ import annotations

import re
import unicodedata

EMERGENCY_NUMBERS = "112 in Europe, 911 in the US, 999 in the UK"
CRISIS_LINES = "988 in the US (call or text), Samaritans 116 123 in the UK and Ireland"
# The one line added when signals disagree (a rule says "negated" or "a general
# question" while another sees an emergency): never reassurance, always the number.
DANGER_LINE = "If someone is in danger right now, call your local emergency number " "(112/911/999)."
OUTAGE_TEXT = (
    "Sorry, I'm temporarily unavailable. Please try again in a moment. "
    f"If someone is in danger right now, call your local emergency number "
    f"({EMERGENCY_NUMBERS})."
)
OUTAGE_EMERGENCY_TEXT = (
    "This sounds like an emergency: please call your local emergency number now "
    f"({EMERGENCY_NUMBERS}). If you are having thoughts of ending your life, call a "
    f"crisis line: {CRISIS_LINES}. (I'm temporarily unavailable for other questions.)"
)

_SCAN_CHARS = 2000

# Each phrase is a report on its own; a negator just before it ("is not seizing",
# "no longer blue") is checked separately. Typos people make are included.
_PHRASES = (
    # breathing
    r"(?:not|stopped|stop|no longer|isnt|isn't|cant|can't|cannot|can not|could not|couldnt"
    r"|couldn't|struggling to|trouble|unable to) ?breath(?:e|ing|in)?\b",
    r"\bgasping\b",
    r"\bchoking\b",
    # "is blue light from my phone a cause?", "going grey at 30" (hair)
    r"(?<!hair )(?<!hair is )\b(?:turn(?:ing|ed|s)?|going|gone|went|is|looks?) (?:a bit |all )?"
    r"(?:blue|grey|gray)\b"
    r"(?! ?-?(?:light|screen|lights|eyes|hair)| at \d| early| prematurely)",
    r"\bblue lips\b",
    # unresponsive
    r"\b(?:won'?t|wont|will not|doesn'?t|doesnt|does not|can'?t|cant|can not|cannot) "
    r"(?:wake|be woken|respond|come round|come to)\b",
    r"\bunrespon\w*|\buncon(?:s|c|sc)ious\b",
    # seizure going on
    r"\b(?:is|are|keeps|keep|still|been|currently) (?:having (?:a |another )?)?"
    r"(?:seizing|seizure|siezure|siezing|fitting|convulsing|a fit)\b",
    r"\b(?:seizing|siezing)\b(?! up)|\bconvulsing\b|\bconvulsionando\b",  # "calves seizing up" is a cramp
    r"\bfoam\w* (?:at|from) (?:the )?mouth\b",
    r"\b(?:seizure|fit|convulsion)s? (?:for|lasting|over) (?:more than |over )?(?:[5-9]|[1-9]\d"
    r"|five|six|seven|eight|nine|ten|fifteen|twenty) ?min",
    # poisoning, self-harm
    r"\boverdos\w*|\bwhole bottle\b|\btoo many (?:pills|tablets|meds|sleeping pills)\b",
    r"\bkill (?:myself|my ?self)\b|\bsuicid\w*|\bend my life\b|\bwant to die\b|\bwanna die\b"
    r"|\bself[- ]?harm\w*",
    # stroke, chest
    r"\bchest pain\b|\bpain in (?:my|his|her|the) chest\b",
    r"\bslurred speech\b|\bface (?:is )?droop\w*",
    # The plainest reports in the languages people mix with English (romanised Hindi,
    # Tagalog, Spanish, Portuguese, French, German): the assistant answers in English,
    # but an emergency must not go unseen for the language it is told in.
    r"\bsaans (?:nahi|nahin|nhi|band)\b|\bsaans (?:lene|le) (?:mein|me|main) (?:\w+ )?"
    r"(?:taklif|takleef|dikkat|pareshani)|\bbehosh\w*"
    r"|\b(?:respond|jawab) (?:nahi|nahin|nhi) (?:de |kar )?rah[aei]\b"
    r"|\b(?:seene|chhati|chaati) (?:mein|me|main) (?:\w+ )?dard\b|\bgala (?:tight|band)\b"
    r"|\bbukh?aa?r\b(?:\W+\w+){0,8}\W+(?:jhatke|stiff|akad)",
    r"\bhindi (?:siya |sya )?makahinga\b|\bhirap (?:siyang |sya )?huminga\b|\bk[ou]mbulsyon\b"
    r"|\bnangingisay\b|\bwalang malay\b|\bhindi (?:siya |sya )?(?:sumasagot|magising|gumigising)\b"
    r"|\bsakit (?:ng|sa) dibdib\b",
    r"\bno (?:puede )?respira\w*|\bconvulsi(?:ón|ona|onando|ones)\b|\binconscien\w*"
    r"|\bno (?:responde|despierta)\b"
    r"|\bdolor (?:en el|de|del) pecho\b|\blabios (?:morados|azules)\b",
    r"\bn[aã]o (?:consegue )?respira\w*|\bconvuls[aã]o\b|\bconvulsionando\b|\bn[aã]o acorda\b"
    r"|\bdor no peito\b|\bl[aá]bios roxos\b",
    r"\bne respire (?:pas|plus)\b|\bne se r[eé]veille pas\b|\bdouleur (?:\w+ ){0,2}poitrine\b"
    r"|\bl[eè]vres bleues\b|\batmet nicht\b|\bbewusstlos\b|\bkrampfanfall\b|\bwacht nicht (?:mehr )?auf\b"
    r"|\bbrustschmerz\w*|\bblaue lippen\b",
)
_PHRASE_RX = re.compile("|".join(f"(?:{p})" for p in _PHRASES))
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|no|never|isn'?t|isnt|wasn'?t|wasnt|nobody|no one)" r"(?: \w+){0,2} ?$"
)
_GENERAL_QUESTION = re.compile(
    r"^(?:what|how|why|when|can|could|does|do|is|are|should|will|would)\b(?!.*\b(?:i|he|she"
    r"|they|we|my|his|her|our|baby|son|daughter|husband|wife|mum|mom|dad)\b).*\?\s*$"
)


# Figures of speech that contain a red-flag word but report nothing. Written for
# text where "n't" is already "not"; both screens remove them before looking.
IDIOMS = re.compile(
    r"\b(?:(?:till|until|til) (?:i am|i was|you are|we are|he is|she is|i am) blue in the face"
    r"|blue in the face (?:from|arguing|shouting|yelling|talking|explaining|complaining|laughing)"
    r"|(?:lips|tongue|mouth|face|teeth)s? (?:\w+ ){0,2}blue from (?:the |all the |eating )?(?:ice lol\w*"
    r"|lol\w*|slush\w*|sweets|candy|blueberr\w*|popsicles?|food colou?ring|dye|paint|ink|juice|cake)"
    r"|(?:laugh\w*|giggl\w*|crying with laughter) (?:so hard |so much )?(?:that )?(?:i |we |he |she )?"
    r"(?:could not|can not) breathe"
    r"|(?:giving|give|gave|gives|nearly gave|almost gave) (?:me|him|her|us) a (?:heart attack|stroke)"
    r"|(?:scared|bored|worried|tickled|frightened) (?:me |him |her )?(?:half )?to death"
    r"|dying (?:to|of (?:boredom|laughter|embarrassment))|killing (?:time|it)"
    r"|(?<!head )(?:is|was|are|were) killing me|breath ?taking|take (?:my|your) breath away"
    r"|chok(?:e|ed|es|ing) (?:in|at|during) (?:the|a|my|our) (?:final|game|match|exam|test"
    r"|interview|semi|race|end|penalt\w*|shootout|audition|tournament)"
    r"|tastes? (?:like|of) poison|(?:overdos\w*|od d) on (?:netflix|tv|telly|youtube|tiktok"
    r"|games?|gaming|series|shows?|work|sugar|chocolate|coffee|caffeine|cake|junk|memes|screens?)"
    r"|knocked out (?:by|at|before|early|every|each|most|as soon|cold asleep|like a light)"
    r"|(?:in|into|to) a coma (?:of|from) (?:boredom|food)|food coma"
    r"|(?:work|stress|life|this|it|my job|my boss|deadlines?) (?:is |are )?choking me"
    r"|(?:a |the )?whole bottle of (?:water|wine|coke|cola|juice|milk|squash|beer|soda|pop)"
    r"|without waking (?:the|my|him|her|them|anyone|everyone|up)"
    r"|(?:would|d) (?:rather|sooner) die than (?!go on|live|carry on|keep going|wake up|face)"
    r"|(?:seizure|fit)s? ?-?free|heavy with (?:emotion|pride|joy|grief|sadness|love)"
    r"|(?:an? |total |complete |real )?overdose of (?:info\w*|data|content|news|work|tv|maths?"
    r"|homework|lectures?|sugar|caffeine)|chok(?:e|ed|es|ing) (?:me |him |her |us |them )?up\b"
    r"|bleed(?:ing|s)? (?:money|cash|us dry|me dry)|nose (?:\w+ )?whistl\w*"
    r"|(?:i (?:want|wanna|could|would like|feel like) (?:to )?)?(?:throw|chuck|toss)(?:ing)? (?:\w+ ){1,3}out"
    r" (?:of )?the window|drives? me (?:crazy|mad|nuts|insane)"
    r"|(?:about|going|gonna) to have a (?:stroke|heart attack)\W+(?:\w+\W+){0,2}?(?:lol|lmao|haha"
    r"|jk|kidding|no but)"
    r"|chok(?:e|ed|es|ing) on (?:all )?(?:this|the|that|these|those|so much) (?:\w+ )?"
    r"(?:info\w*|text|words|details|facts|article|reading|jargon|terms)"
    r"|(?:about|nearly|almost|practically|basically) (?:had|have|having) a (?:stroke|heart attack)"
    r"|(?:had|have|having) a (?:stroke|heart attack) (?:reading|when i (?:read|saw)|laughing|at the)"
    r"|(?:arm|leg|hand|foot) went dead\W+(?:\w+\W+){0,4}pins and needles|pins and needles\W+(?:\w+\W+)"
    r"{0,4}(?:arm|leg|hand|foot) went dead)"
)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[:_SCAN_CHARS]).casefold().replace("\u2019", "'")
    text = re.sub(r"\b(?:can'?t|cannot|cnt)\b", "can not", text)
    text = re.sub(r"\bwon'?t\b", "will not", text)
    text = re.sub(r"\b(\w+)n't\b", r"\1 not", text)
    # people type without apostrophes: "doesnt", "isnt" (but never "want", "went")
    text = re.sub(
        r"\b(do|does|did|is|was|are|were|could|would|should|has|have|had|must|need)nt\b", r"\1 not", text
    )
    return IDIOMS.sub(" ", " ".join(text.split()))


def plain_emergency_terms(text: str) -> list[str]:
    """The plain emergency phrases in a message that are not negated just before,
    in a message that is not a general question with nobody in it."""
    if not isinstance(text, str):
        return []
    norm = _normal(text)
    if _GENERAL_QUESTION.match(norm):
        return []
    found = []
    for m in _PHRASE_RX.finditer(norm):
        if _NEGATED_BEFORE.search(norm[max(0, m.start() - 25) : m.start()]):
            continue
        found.append(m.group().strip())
    return found


def looks_like_emergency(text: str) -> bool:
    return bool(plain_emergency_terms(text))
