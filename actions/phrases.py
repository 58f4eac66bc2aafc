"""The phrases the dialogue recognises: one compiled pattern per way of asking.

Each pattern is named for what the user does ("IS_THAT_SAFE", "ASKS_WHAT_YOU_DO") and
commented with the messages it was written for, most of them from a blind dev set;
actions/dialogue.py decides what each one leads to. Plain `re`, so each can be tested
on its own.
"""

from __future__ import annotations

import re

from actions import question

# "what else?", "anything else?": the rest of the last topic ("what else could it be?"
# asks for the differential diagnosis, a fact the selector finds)
WHAT_ELSE = re.compile(
    # "and besides eating, what else?"
    r"^\W*(?:(?:and |so )?(?:" + question.BESIDES + r") [\w -]{1,25},?\s*)?"
    r"(?:so |and |ok |okay )?(?:what|wat|wot|anything|any|something)"
    r" (?:else\b(?! (?:could|might|can|would) (?:it|this|that) be)(?:\W+\w+){0,4}"
    r"|others?|other (?:things?|reasons?|causes?))\W*$",
    re.I,
)
WRITING_REQUEST = re.compile(
    r"^\W*(?:(?:can|could|would) you |please )?(?:write|compose|make up|create|tell) (?:me |us )?(?:a |an "
    r"|some )?"
    r"(?:poem|story|song|joke|essay|haiku|limerick|rap|lullaby)s?\b",
    re.I,
)
ASKS_FOR_DIAGNOSIS = re.compile(
    r"\b(?:can|could|will|would) you (?:just |please |maybe )?(?:diagnos\w*|tell (?:me|us) what(?:'s"
    r"| is)? wrong"
    r"|tell (?:me|us) what (?:i|he|she|we|they) (?:have|has|ha?ve? got))\b|\bdiagnos\w* (?:me|him|her|my"
    r"|this for)\b"
    r"|\bgive (?:me )?a diagnosis\b",
    re.I,
)
OF_THE_ARTICLE = re.compile(r"\b(?:the|this|your) (?:article|text|page)(?:'?s)?\b", re.I)
# "what else could it be?": the reasons, or after them the differential diagnosis
COULD_BE_SOMETHING_ELSE = re.compile(
    r"\bwhat else (?:could|might|can|would) (?:it|this|that|they) be\b"
    r"|\b(?:could|might|can) (?:it|this|that|they) be (?:something|anything) else\b"
    r"|\bwhat (?:other|different) (?:conditions?|things?|illness\w*|diagnos\w*) (?:could|might|can) (?:it"
    r"|this|that) be\b",
    re.I,
)
# A number with a unit: "0.81 mmol/L", "7.9mg/dl", "0.4 mmol"; "400 mg" alone is a dose, not a level
VALUE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:(?:mmol|mg|meq|µmol|umol)\s*/\s*(?:l|dl)\b|(?:mmol|meq)\b(?!\s*/))", re.I
)
# Asking about one's own result just given: "can it wait?", "is that bad?"
ABOUT_MY_RESULT = re.compile(
    r"\b(?:can (?:it|this|that) wait|is (?:it|that|this|mine) (?:bad|serious|dangerous|ok|okay|fine"
    r"|normal|urgent|low|high|too low|too high)|should i (?:be )?(?:worr\w*|concerned)"
    r"|do i need to (?:worry|go|see)|how (?:bad|serious|worried)|what does (?:it|that|this) mean"
    # "but I feel fine" after a critical value plays it down: the value's advice again
    r"|(?:i|he|she) (?:feel|feels|felt|am|is|seem|seems) (?:totally |completely |perfectly |absolutely )?"
    r"(?:fine|ok|okay|good|great|normal|alright|all right|well)"
    r"|(?:no|not any|without|don t have any|do not have any) symptoms)\b",
    re.I,
)
# "what does latent mean there?", "meaning of qi?": a word of the last answer
WHAT_WORD_MEANS = re.compile(
    r"\bwhat (?:does|do|is) (?:the (?:word|term) )?['\"“]?(?P<word>[a-z][a-z-]{2,})['\"”]?"
    r" (?:mean|means|stand for)\b"
    r"|\b(?:meaning of|what is meant by|define) (?:the (?:word|term) )?['\"“]?(?P<word2>[a-z][a-z-]{2,})",
    re.I,
)
# "the third one?", "and the last?", "the 2nd reason - explain it": an item of the
# article's numbered list just given
ORDINAL = re.compile(
    r"^\W*(?:and |ok |so |what about |how about |explain |tell me about )?(?:the )?"
    r"(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|final)"
    r"(?: one| reason| cause| point| item)?\b(?:\W+\w+){0,4}\W*$",
    re.I,
)
ORDINALS = {
    **dict.fromkeys(("first", "1st"), 0),
    **dict.fromkeys(("second", "2nd"), 1),
    **dict.fromkeys(("third", "3rd"), 2),
    **dict.fromkeys(("fourth", "4th"), 3),
    **dict.fromkeys(("fifth", "5th"), 4),
    **dict.fromkeys(("last", "final"), -1),
}
# "summarise the article", "what are its main claims?": every topic's general answer
SUMMARY_REQUEST = re.compile(
    r"\b(?:summari[sz]e|sum up|summary of|overview of|tl ?;? ?dr|gist of|main (?:claims|points|ideas))\b"
    r"(?![^?.!]{0,20}\b(?:section|part|bit|reason|cause|one)\b)",
    re.I,
)
SUMMARY_TOPICS = ("causes", "doctor", "lab", "relief")
# "how many times a night is too many?", "what's a normal amount of twitching?": the
# article's occasional-versus-often line (the classifier read some as out of scope, sure)
HOW_OFTEN_IS_TOO_OFTEN = re.compile(
    r"\bhow (?:many times|often|frequently) (?:\w+ ){0,4}(?:too (?:many|much|often)|normal|ok|okay|fine"
    r"|acceptable|a (?:problem|concern|worry)|worr\w*|concern\w*)"
    r"|\b(?:normal|ok|okay|acceptable|healthy|usual) (?:amount|number|frequency|level) of"
    r" (?:twitch\w*|jerk\w*|jolt\w*|it|them|these|episodes)\b"
    r"|\bhow (?:many|much) (?:twitch\w*|jerk\w*|jolt\w*|episodes) (?:\w+ ){0,3}(?:too many|too much|normal"
    r"|ok|okay)\b",
    re.I,
)
# "is the article reliable?", "how much ought I to trust it?" (after asking who wrote it)
ASKS_IF_RELIABLE = re.compile(
    r"\b(?:trust\w*|rely on|reliab\w*|credib\w*|legit\w*|accurate|good source|evidence[- ]based)\b",
    re.I,
)
ABOUT_THE_AUTHOR = re.compile(
    r"\bwho (?:is |was |are )?(?:the )?(?:author|writer)s?\b|\bwho (?:wrote|writes|published)\b"
    r"|\b(?:name|names|named|mention|mentions|give|gives|say|says|list|lists) (?:its|the|an|any|who the)"
    r" (?:author|writer)s?\b|\bauthor(?:s|ship)?\W*$",
    re.I,
)
# "any tests a doctor would do?": the article's section on inspection (the blood values)
WHICH_TESTS = re.compile(
    r"\b(?:what|which|any) (?:\w+ ){0,2}(?:tests?|blood ?work|bloods|investigations)\b(?! (?:say|show))"
    r"|\b(?:tests?|blood ?work|bloods) (?:would|will|should|do|does|might|can|could) (?:\w+ ){0,2}"
    r"(?:doctor|gp|they|he|she) (?:do|run|order|take)\b"
    # "what would they check?", "what does a doctor check for this?"
    r"|\bwhat (?:would|will|does|do|might|could|should) (?:a |the |my )?(?:doctor|doc|gp|they|he|she)"
    r" (?:check|test|look for|measure)\b",
    re.I,
)
# "what are you able to help me with?", "what can you do?": the assistant, not what helps
ASKS_WHAT_YOU_DO = re.compile(
    r"\bwhat (?:are you able to|can you|could you|do you) (?:help (?:me |us )?(?:with|on)|do|answer"
    r"|tell me about)(?: exactly| here| for me)?\s*(?:[?.!]|$)",
    re.I,
)
# "what can I do about the stress?", "how do I deal with stress?": what helps against a cause
DO_ABOUT = re.compile(
    r"\bwhat (?:can|should|could|do|would) (?:i|we|you|one) do (?:about|against|with)\b"
    r"|\bhow (?:do|can|could|should) (?:i|we|you) (?:deal with|fix|reduce|handle|manage|tackle|lower|beat"
    r"|fight|improve|cope with)\b",
    re.I,
)
ASKS_ABOUT_THE_STEP_ADVICE = re.compile(
    r"\b(?:step(?:ping)? on the (?:ground|floor)|get(?:ting)? up and step|stand(?:ing)? up)\b", re.I
)
SEIZURE_WORD = re.compile(r"\b(?:seiz\w*|fits?|convuls\w*|epilep\w*)", re.I)
HELP_ONLY = re.compile(
    r"^\W*(?:help|help me|help pls|help please|please help|i need help|need help)\W*$", re.I
)
# "and in mg/dL?", "whats that in mmol": the last value or line in another unit
IN_A_UNIT = re.compile(
    r"^\W*(?:and |so |ok |okay |but )?"
    r"(?:(?:what(?:'s| is|s)?|how much is|how about|and) (?:that |it |this |mine )?)?"
    r"(?:in|into|as) (?:mg|mmol|meq|milli\w*|us|american|european|si)\b",
    re.I,
)
# A number on its own ("mine was 0.8") and words that say it is the user's own result
BARE_NUMBER = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w.,]*\d)(?!\s*(?:%|years?|yrs?|weeks?|months?|days?|x\b))", re.I
)
MINE = re.compile(
    r"\b(?:mine|my (?:level|result|value|number|test|blood)|i (?:got|had|have|am at)|i'?m at"
    r"|results? (?:was|is|came))\b",
    re.I,
)
SAME_UNIT = re.compile(r"\bsame (?:units?|as (?:before|above|the other))\b", re.I)
# Doubting the last answer: "is that true though?", "is that proven?", "really?"
IS_THAT_TRUE = re.compile(
    r"\bis (?:that|it|this) (?:really |actually |even )?"
    r"(?:true|right|correct|accurate|proven|so|real|legit)\b"
    r"|\bis (?:that|it|this) (?:\w+ ){0,2}(?:consistent with|supported by|backed (?:up )?by|borne out)\b"
    r"|^\W*(?:really|seriously|are you sure)\W*$|\bsource for (?:that|this)\b"
    # "that sounds like nonsense", "I don't buy it"
    r"|\b(?:that|this|it) (?:sounds|seems) (?:like )?(?:(?:total|complete|a bit of|pure) )?(?:nonsense"
    r"|rubbish|bs"
    r"|bull\w*|made up|wrong|fake|a myth|dubious|fishy|off)\b|\bi (?:don t|do not|don't) (?:buy"
    r"|believe) (?:it|that|this)\b",
    re.I,
)


def _asks_if_it_is(words: str, rest: str = "") -> re.Pattern[str]:
    """A follow-up that opens by asking whether the last answer's subject is <words>."""
    return re.compile(
        r"^\W*(?:so |but |and |ok |okay )?(?:is|are) (?:that|it|this|they|these|those) (?:really |actually )?"
        rf"(?:{words})\b{rest}",
        re.I,
    )


# "is that bad tho?", "is it dangerous?" after an answer: when the article says it matters
IS_THAT_BAD = _asks_if_it_is(
    "bad|dangerous|serious|harmful|a problem|something to worry about|normal|worrying", r"[^?]{0,12}\W*$"
)
# "so should I see someone?", "does she need a doctor?": when to see a doctor, whatever
# topic the classifier reads in it
# "would that be right for an actual seizure?": a word that points back at the last answer
POINTS_BACK = re.compile(r"\b(?:that|this|it|same)\b", re.I)
SEE_SOMEONE = re.compile(
    r"\b(?:should|do|must|need to|have to) (?:i|we|she|he|they|you) (?:\w+ )?(?:see|go to"
    r"|take (?:her|him|them) to|visit|call|book|consult) (?:a |the |my |our |her |his )?(?:doctor|gp|someone"
    r"|somebody|anyone|specialist|physician|paediatrician|pediatrician|neurologist|professional)\b"
    r"|\b(?:does|do) (?:she|he|i|they) need"
    r" (?:a |to see a )?(?:doctor|gp|specialist)\b",
    re.I,
)
# "why would that work?" after advice ("how does that work?" is left to the classifier:
# it is as often a question about the mechanism)
_IT_WORKS = r"(?:would|does|do|did|should|will) (?:that|it|this|those|these) (?:work|help)\b"
WHY_IT_WORKS = re.compile(r"\b(?:why|how) " + _IT_WORKS, re.I)
# "what's the reasoning?", "what's the logic behind that?", "why would that work?": a why question
WHY_ASKED = re.compile(
    r"\bwhat(?:'s| is) the (?:reasoning|reason|logic|rationale)\b|\bwhy "
    + _IT_WORKS
    # "why they are bad?", "why would that matter?": why about the last answer, in any word order
    + r"|^\W*(?:and |but |so |ok )?why (?:are |is |do |does |would |should )?"
    r"(?:they|it|those|these|that|them) (?:are |is |would |do |does )?"
    r"(?:bad|good|harmful|a problem|matter|important|needed|necessary)\W*$",
    re.I,
)
# "is that safe? I'm 12 weeks pregnant": the last answer again, with its caveat, even when
# the user names a condition of their own
IS_THAT_SAFE = re.compile(
    _asks_if_it_is("safe").pattern
    # "can I take them now?" after the herbs: the last answer again, with its caveat
    + r"|^\W*(?:so |but |and |ok |okay )?(?:can|could|may|should) (?:i|we|she|he) (?:still |safely )?"
    r"(?:take|use|have|try|eat|drink) (?:it|them|these|those|that|this)\b[^?]{0,25}\?*\W*$",
    re.I,
)
# "does that work for seizures too?" after the cramp advice: the last answer again, with
# its caveat (which says what it is and is not for), whatever the user names
FOR_THAT_TOO = re.compile(
    r"^\W*(?:and |but |so )?(?:does|would|will|can|could) (?:that|it|this|the same) (?:also |even )?"
    r"(?:work|help|apply|be ok|be okay) (?:for|with|in|on|during) [^?.!]{2,30}?(?: too| as well| also)?\W*$",
    re.I,
)
BECAUSE = re.compile(r"\b(?:because|since|as it|so that)\b", re.I)
# A group of people the article never names: the nearest it says is who gets it.
PEOPLE = re.compile(
    r"\b(?:men|man|males?|guys?|boys?|girls?|elderly|old (?:people|folks|men|man)|older (?:people|adults|men)"
    r"|seniors?|kids?|children|teens?|teenagers?|adults?|people over \d+)\b",
    re.I,
)
# A section of the article asked about by name or number ("the differential diagnosis
# part", "section 2"); the numbers are the article's own headings.
SECTION = re.compile(
    r"\b(?P<title>reasons?|causes|inspection|differential(?: diagnosis)?|relief(?: methods?)?"
    r"|intro(?:duction)?)"
    r" (?:section|part|bit|heading|chapter)\b"
    r"|\b(?:section|part|chapter|heading) (?:#|no\.? ?)?(?P<number>[1-4])\b",
    re.I,
)
_SECTION_IDS = {
    "reaso": "reasons",
    "cause": "reasons",
    "inspe": "inspection",
    "diffe": "differential",
    "relie": "relief",
    "intro": "intro",
}
_SECTION_NUMBERS = {"1": "reasons", "2": "inspection", "3": "differential", "4": "relief"}


def section_asked(text: str) -> str | None:
    match = SECTION.search(text)
    if match is None:
        return None
    if match.group("number"):
        return _SECTION_NUMBERS[match.group("number")]
    return _SECTION_IDS[match.group("title").lower()[:5]]


# "does that include my phone?": whether the last advice covers a thing
INCLUDES = re.compile(
    r"^\W*(?:and |but |so )?(?:does|do|would|is|are) (?:that|this|it|they|those|these) (?:also |even )?"
    r"(?:include|includes|count|cover|covers|mean|apply to)\b\s*(?P<thing>[^?.!]{2,30}?)\W*$"
    r"|^\W*(?:and |so |but )?(?:does|do|would|is) (?P<counted>[a-z][\w\s-]{1,20}?) count\W*$",
    re.I,
)
# Thanks that ask nothing: opens with thanks and has no question in it
THANKS_ONLY = re.compile(r"^\W*(?:ok(?:ay)?\W+)?(?:thanks?|thank you|thx|ty|cheers)\b[^?]*$", re.I)
LEAVING = re.compile(r"\b(?:bye|goodbye|good ?night|gn|nighty? night|see (?:you|ya)|take care|cya)\b", re.I)
# "I'll talk to my doctor then. Goodbye.": a goodbye that closes a statement, no question
GOODBYE_LAST = re.compile(
    r"^[^?]*\b(?:bye|goodbye|good ?night|gn|nighty? night|see (?:you|ya)|take care|cya)\b[\s!.,:)]*$", re.I
)


# A story, then the question that names what it asks: "33 weeks pregnant and my legs jump at
# night. What does the article say causes that?". The classifier reads the whole story
# ("pregnant": who gets it); the closing question's own words name the topic.
STORY_MIN_WORDS = 15
TOPIC_ASKED_LAST = {
    "causes": re.compile(
        r"\bwhat (?:does|do|did|would|could) (?:the article|the page|it|they|you) (?:say |think )?"
        r"(?:causes?|is causing|blames?|puts? (?:it|this|that) down to)\b"
        r"|\bwhat (?:other |else )?(?:causes|reasons)\b|\bwhat (?:is|could be|might be) (?:causing|behind)"
        r" (?:it|this|that|them)\b|\bwhat causes (?:it|this|that|them)\b",
        re.I,
    ),
}


def topic_asked_last(text: str) -> str | None:
    """The topic the closing question of a story names, if it names one."""
    if len(text.split()) < STORY_MIN_WORDS:
        return None
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    last = sentences[-1] if sentences else ""
    return next((topic for topic, asks in TOPIC_ASKED_LAST.items() if asks.search(last)), None)
