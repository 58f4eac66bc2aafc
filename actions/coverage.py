"""What the article does not say, so the answer can say so first.

People ask for details the article never gives ("how long in the sun?", "which one is
most common?", "how much should I eat a day?") and about things it never names ("does
it say anything about iron?", "and for kids?"). Answering those with the nearest fact
alone reads as if the fact were the answer. Two checks, both against the knowledge
file's own text, decide whether the reply opens with "The article doesn't say ...":

- a detail asked: the question asks for a kind of detail (DETAILS: a duration, an
  amount to take, a ranking, an upper limit, its sources, where to buy) and none of the
  facts chosen to answer it gives that kind (each kind's own pattern over the facts'
  answers and quotes);
- a thing named: "does the article say anything about X?", "what about X?", "and for
  X?", "is X mentioned?": no content word of X is in the article's vocabulary (the
  facts' quotes, answers and keywords, the curation's terms).

Plain Python; the wording of the opening line is in replies.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from actions.knowledge import Fact, KnowledgeBase
from actions.lemmas import lemmatize
from actions.retrieval import ANCHORS, STOP


@dataclass(frozen=True)
class Detail:
    name: str
    asked: re.Pattern[str]  # the question asks for this kind of detail
    given: re.Pattern[str]  # a fact's text that gives it


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


DETAILS = (
    Detail(
        "duration",
        _re(
            r"\bhow long\b(?! ago)|\bfor how many\b"
            r"|\bhow many (?:hours|minutes|days|weeks|months|years)\b"
        ),
        _re(r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b"),
    ),
    Detail(
        "amount",
        _re(
            r"\bhow (?:much|many)\b(?:\s+\w+){0,2}\s+(?:should|do|can|must|need to|to)"
            r" (?:i |we |you |he |she |they |(?:my |our |his |her )?(?:\w+ ){0,3})?"
            r"(?:eat|drink|take|have|get|need)\b"
            r"|\bhow many (?:mg|milligrams?|grams?|tablets?|pills?|glasses|cups|servings?"
            r"|portions?|capsules?)\b|\bdos(?:es?|ages?|ing)\b|^\W*how much of (?:the )?[\w ]{2,25}\W*$"
            r"|\bhow (?:much|many)\b[^?.!]{0,30}\b(?:per|a) day\b"
            # "how much would be safe?"
            r"|\bhow (?:much|many)\b(?: \w+)? (?:is|would be|would|is it|are) (?:safe|ok|okay|too much)\b"
            # a short "how much sun?": an amount the article never gives
            r"|^\W*(?:and |so |but )?how much(?: \w+){0,2}\W*$"
        ),
        _re(r"\d+\s*(?:mg|milligrams?|grams?|g|ml|tablets?|pills?|glass(?:es)?|cups?|servings?)\b(?!\s*/)"),
    ),
    Detail(
        "ranking",
        _re(
            r"\b(?:most|more) (?:common|likely|usual|frequent|important|probable|dangerous|serious)\b"
            r"|\bwhich (?:one|of (?:them|those|these)|cause|reason) is (?:the )?"
            r"(?:main|biggest|worst|top)\b"
            r"|\b(?:the )?(?:main|biggest|number one|#1|top) (?:cause|reason|one)\b"
            # "which one works best?"
            r"|\b(?:works?|helps?|is|are) (?:the )?best\b|\bmost effective\b"
        ),
        _re(r"\bmost\b|\bmainly\b|\bmain\b|\bone in \w+\b|\boften\b"),
    ),
    Detail(
        "speed",
        _re(
            r"\bhow (?:quickly|fast|soon)\b"
            r"|\bhow long (?:until|before|till|til) (?:it|they|this|that|you)\b"
        ),
        _re(r"\b(?:quick\w*|fast|soon|within|immediately|right away|days?|weeks?)\b"),
    ),
    Detail(
        "temperature",
        _re(r"\b(?:warm|hot|cold|heated|chilled) or (?:warm|hot|cold|heated|chilled)\b|\bwhat temperature\b"),
        _re(r"\b(?:warm|hot|cold|temperature)\b"),
    ),
    Detail(
        "upper_limit",
        _re(r"\bupper (?:limit|level|bound|value|cut-?off)\b|\bmaximum\b|\btoo high\b"),
        _re(r"\b(?:above|upper|more than|greater than|too high)\b"),
    ),
    Detail(
        "sources",
        _re(
            r"\b(?:sources?|studies|study|evidence|research|citations?|proof|proven|science|scientific"
            r"|scientists?)\b|\bback (?:that|this|it) up\b"
            r"|\bwhere (?:is|does|do|did) (?:that|this|the|those|these) (?:\w+ )?"
            r"(?:number|figure|statistic|stat|data|claim)s? (?:come )?from\b"
            r"|\bcite (?:any|its|a|sources|studies)\b"
        ),
        _re(r"\b(?:study|studies|research|evidence)\b"),
    ),
    Detail(
        "timing",
        _re(
            r"\bwhen (?:should|do|to|can|is the best time to) (?:i |you |we )?(?:drink|eat|take|have)\b"
            r"|\bwhat time (?:of day )?(?:should|do|to)\b|\bbefore or after\b"
        ),
        _re(r"\b(?:before|after|bedtime|morning|evening|when you have time)\b"),
    ),
    Detail(
        "which_calcium",
        # "is that total or ionised?": the article says only "serum calcium"
        _re(r"\b(?:total|ioni[sz]ed|free) or (?:total|ioni[sz]ed|free)\b"),
        _re(r"\b(?:total|ioni[sz]ed)\b"),
    ),
    Detail(
        "authorship",
        _re(
            r"\bwho (?:wrote|writes|authored|published)\b|\bauthors?\b"
            r"|\bwhen was (?:it|this|the article) (?:published|written)\b"
        ),
        re.compile(r"(?!)"),  # the page names no author or date
    ),
    Detail(
        "cutoff_time",
        # "how late is too late?" for exercise before bed: a time the article never gives
        _re(r"\bhow (?:late|early)\b|\bhow (?:many hours|long) before (?:bed|bedtime|sleep)\b"),
        _re(r"\b\d+ (?:hours?|minutes?)\b|\bo.?clock\b|\b\d+ ?(?:am|pm)\b"),
    ),
    Detail(
        "outcome",
        _re(
            r"\bgoes away\b"
            r"|\b(?:will|does|do|did|would|can) (?:it|this|they|that|the \w+)(?: \w+){0,2} go away\b"
            r"|\bwill (?:it|this|they|that) (?:stop|pass|end)\b|\bpermanent\w*\b"
            r"|\bforever\b|\bcur(?:e|ed|able)\b|\bafter (?:the )?(?:birth|baby|pregnancy|delivery)\b"
            r"|\bif i (?:start|stop|do|begin) \w+[^?.!]{0,20}\b(?:it|they|this) (?:stops?|goes away|ends?)\b"
        ),
        _re(r"\b(?:go(?:es)? away|disappear\w*|cured?|permanent\w*)\b"),
    ),
    Detail(
        "drug_name",
        _re(
            r"\bwhich (?:drugs?|medications?|medicines?|pills?)\b|\bdrug class\b"
            r"|\bname of (?:the|that) (?:drug|medication|medicine)\b"
            r"|\bwhat(?: s| is|'s) (?:the|that) (?:drug|medication|medicine|pill)s? called\b"
            r"|\bnames? (?:the |a |any |which )?['\"\w-]*\s?(?:drugs?|medications?|medicines?)\b"
        ),
        re.compile(r"(?!)"),  # the article names no drug
    ),
    Detail(
        "children",
        _re(
            r"\b(?:bab(?:y|ies)|infants?|newborns?|toddlers?|kids?|children|child"
            r"|(?:[1-9]|1[0-7])(?: |-)?(?:years?|yrs?)(?: |-)?old|\d{1,2}(?: |-)?(?:months?|mos?)(?: |-)?old"
            r"|(?:[1-9]|1[0-7]) ?yo|(?<!as a )(?:teens?|teenagers?)|adolescents?)\b"
        ),
        _re(r"\b(?:child|children|kids?|bab(?:y|ies)|teen\w*)\b"),
    ),
    Detail(
        "age",
        _re(
            r"\b(?:old (?:people|folks|age|person|man|woman)|older (?:people|adults|person|man|woman)|elderly"
            r"|seniors?|(?:at|with|my|her|his) age|does age|aging|ageing|getting old\w*|growing old"
            r"|old age|as (?:you|we|i|they|people) (?:get older|age))\b"
        ),
        _re(r"\b(?:age|older|elderly|years old)\b"),
    ),
    Detail(
        "specialist",
        _re(
            r"\b(?:what|which) (?:kind of |type of |sort of )?(?:doctor|specialist|physician)\b"
            r"|\bneurologist\b|\b(?:a|what) specialist\b"
        ),
        _re(r"\b(?:neurolog\w*|specialist|department)\b"),
    ),
    Detail(
        "heredity",
        _re(
            r"\b(?:genetic\w*|heredit\w*|inherit\w*|runs? in (?:the|my|our|his|her) family|family history)\b"
        ),
        _re(r"\b(?:genetic|heredit\w*|inherit\w*|family)\b"),
    ),
    Detail(
        "normal_range",
        _re(r"\b(?:normal|reference|usual|healthy|typical) (?:range|levels?|values?)\b"),
        _re(r"\brange\b"),
    ),
    Detail(
        "where_to_buy",
        _re(r"\bwhere\b[\w\s]{0,12}\b(?:buy|purchase|order)\b"),
        _re(r"\b(?:pharmac\w*|shop|store|buy)\b"),
    ),
    # "what is dragon bone?": the article names its herbs and says what they do, not what they are
    Detail(
        "what_it_is",
        _re(
            r"^\W*(?:and |so |ok |but )?(?:what (?:is|are|s|'s)|what the heck is|define)"
            r" (?:a |an |the |this )?"
            r"(?:dragon bones?|mother of pearl|uncaria(?: rhynchophylla)?|codonopsis(?: pilosula)?|astragalus"
            r"|(?:chinese )?angelica|dong quai|qi)\W*$"
        ),
        _re(r"\b(?:is|are) (?:an? )?(?:root|plant|herb|fossil|mineral|shell|vine)\b"),
    ),
)

# Kinds of answer the article does give, for choosing the fact that gives what was
# asked ("how low?" wants a number: the threshold, not the cause that names calcium).
ANSWER_KINDS = (
    Detail(
        "level",
        _re(
            r"\bhow (?:low|high)\b|\bwhat (?:number|level|value|cut-?off|threshold)s?\b|\bwhich numbers?\b"
            r"|\b(?:precise|exact|actual) (?:numbers?|figures?|values?|levels?|cut-?offs?)\b"
            r"|\b(?:give|gives|mention|mentions|state|states|set|sets) (?:a |any |the )?(?:threshold"
            r"|cut-?off|figure|number|value)s?\b"
            r"|\bhow would i know\b|\bwhat (?:test|blood test)s?\b"
        ),
        _re(r"\bmmol/L\b"),
    ),
    Detail(
        "foods",
        _re(
            r"\bwhere (?:do |can |could |should )?(?:i|you|we) (?:can |could )?(?:get|find)"
            r" (?:it|them|more|some|enough)\b"
            r"|\bwhat (?:foods?|to eat)\b|\bwhat (?:\w+ ){1,2}eat\b|\bwhich foods?\b"
            r"|\bfoods? (?:with|that have|rich)\b|\b(?:food|diet|dietary|eating) (?:advice|tips?)\b"
            r"|\bhow (?:do|can|could|should|would) (?:i|you|we) get (?:more|enough)\b"
            r"|\b(?:anything|something|what) (?:else )?(?:with|has|have|contains?|containing"
            r"|rich in) calcium\b"
        ),
        _re(r"\b(?:milk|soy|vegetables|fruit)\b"),
    ),
    Detail(
        "what_to_do",
        # in the moment of a cramp: "calf cramp at night what do i do", "cramp help"
        _re(
            r"^(?=.*\b(?:cramp\w*|charl[e]?y horse|charlie horse|calf|calves|when it (?:happens|hits|comes"
            r"|starts)"
            r"|during (?:it|one)))"
            r".*?\b(?:wh?at (?:do|should|can|must) (?:i|we|you) do|what to do|wh?at do\W*$"
            r"|what (?:i|we) (?:can|should|must) do|what can (?:be done|help)"
            r"|what (?:does|do) (?:the article|it) (?:recommend|suggest|advise)(?: (?:that )?(?:i|we"
            r"|you) do)?"
            r"|(?:a |the )?(?:good|best|right) thing to do"
            r"|\b(?:ways?|how) to (?:deal with|cope with|handle|manage|stop|ease|relieve|get rid of)"
            r"|how (?:do|can|should) (?:i|we|you) (?:stop|relieve|ease|get rid of|handle)|helps?"
            # "how I stop it?", "cramp now", "calf cramping as I type"
            r"|how (?:i|we) (?:can )?(?:stop|relieve|ease|get rid of)|(?:right )?now\W*$|at the moment"
            r"|as (?:i|we) (?:type|speak|write))\b"
        ),
        _re(r"\b(?:get up|step on|stand)\b"),
    ),
    Detail(
        "prevention",
        # stopping them coming back, not the moment of one: the article's everyday advice
        _re(
            r"\bprevent\w*|\bprevention\b|\bin the first place\b"
            r"|\bkeep (?:it|them|this|those) (?:from|away)\b"
            r"|\b(?:from|stop \w+(?: \w+)?) (?:coming back|happening again|recurring|returning)\b"
            r"|\b(?:not|never) (?:have|get|getting|having) (?:it|them|one|this|cramps?) again\b"
            r"|\bavoid (?:getting|having)\b|\b(?:fewer|less) (?:cramps?|twitch\w*|episodes)\b"
        ),
        _re(r"\bcalcium-rich\b|\borderly\b"),
    ),
    Detail(
        "avoid",
        _re(
            r"\b(?:not|never|n[o']?t|shouldn t|mustn t|no) (?:\w+ )?(?:eat|drink|have)\b|\bavoid\w*\b"
            r"|\bstop (?:eating|drinking|having)\b|\bcut (?:down|back) on\b"
            r"|\bstay away\b|\bcut out\b|\bbad (?:for|foods?)\b|\bkeep away from\b|\boff[- ]limits\b"
        ),
        _re(r"\bavoid\w*\b|\badvis\w* against\b"),
    ),
    Detail(
        "absorption",
        _re(r"\babsorb\w*\b|\babsorption\b"),
        _re(r"\babsorb\w*\b|\babsorption\b"),
    ),
    Detail(
        "treatment",
        _re(
            r"\bwhat (?:would|will|do|can|could) (?:they|the doctor|doctors|a doctor) (?:give|do|prescribe)\b"
            r"|\bwhat(?:'s| is) the treatment\b|\bwhat (?:medication|medicine|drug|pills?)\b|\bwhich drug\b"
        ),
        _re(r"\bmedication\b"),
    ),
    Detail(
        "prevalence",
        _re(
            r"\bhow (?:common|many people|often do people)\b|\b(?:a lot of|many|lots of) people\b"
            r"|\bprevalence\b|\bhow widespread\b"
        ),
        _re(r"\bone in five\b"),
    ),
    Detail(
        "pain",
        # "cramp pain normal?", "which one hurts more?": the article's word on how a cramp hurts
        # (not "growing pains", nor "I'm not in pain")
        _re(
            r"(?<!growing )(?<!not in )(?<!no )(?<!without )(?<!n't )(?<!not )(?<!never )"
            r"\b(?:pain\w*|hurts?|hurting|sore|aches?|aching|agony)\b"
        ),
        _re(r"\b(?:pain\w*|sore)\b"),
    ),
    Detail(
        "extent",
        _re(r"\bwhich (?:muscles|parts?|body parts?)\b|\bwhat muscles\b|\bcan (?:it|they|that) spread\b"),
        _re(r"\bwhole body\b|\bone side\b"),
    ),
)


def asks_detail(text: str) -> bool:
    """The question asks for one of the kinds of detail the article often lacks."""
    return any(detail.asked.search(text) for detail in DETAILS)


def answer_kinds(text: str) -> tuple[Detail, ...]:
    """The kinds of answer the question asks for (ANSWER_KINDS); "what must I not eat?"
    asks what to avoid, not for foods to eat."""
    kinds = tuple(kind for kind in ANSWER_KINDS if kind.asked.search(text))
    names = {k.name for k in kinds}
    if "avoid" in names:
        kinds = tuple(k for k in kinds if k.name != "foods")
    if "prevention" in names:  # "how do I stop them coming back?" is not the moment of one
        kinds = tuple(k for k in kinds if k.name not in ("what_to_do", "avoid"))
    return kinds


# "does the article say anything about X?", "is X mentioned?", "what about X?", "and for X?",
# "can X cause it?"
_NOT_A_THING = (
    r"(?!(?:can|could|does|do|did|is|are|was|will|would|should|might|what|how|why|when|where|who|which|if"
    # "is it dangerous and can I fix it with food?": a pronoun names no thing
    r"|it|i|you|we|they|he|she)\b)"
)
_ABOUT = (
    _re(
        r"\b(?:does|did|do|is there|has) (?:the )?(?:article|it|text|page|this)\b"
        r"[^?.!]{0,25}?\b(?:"
        r"(?:say|says|said|talk|talks|tell|tells)\s+(?:us |me )?(?:anything |something |much |a word )?"
        r"(?:specific(?:ally)? )?(?:about|on|regarding|of)"
        r"|(?:mention|mentions|cover|covers|address|addresses|discuss|discusses|include|includes"
        r"|recommend|recommends|suggest|suggests|advise|advises|distinguish|distinguishes|differentiate)"
        r"(?:\s+(?:anything|something) (?:about|on))?)\s+(?P<thing>[^?.!,;]+)"
    ),
    # "does the article give a potassium threshold?" (not "... give for cramps", "... an upper limit")
    _re(
        r"^\W*(?:and |so |but )?(?:does|did|do) (?:the )?(?:article|it|text|page) (?:give|list|provide|name)"
        r" (?:a |an |any )?(?!(?:a|an|any|for|to|alongside|with|in|on|about|upper|lower|normal|reference)\b)"
        r"(?P<thing>[^?.!,;]+)"
    ),
    # "does the article say alcohol causes it?", "does it say I should get my vitamin D tested?"
    _re(
        r"\b(?:does|did|do) (?:the )?(?:article|it|text|page)\s+(?:say|says|claim|claims|state|think)"
        r"\s+(?:that\s+)?"
        + _NOT_A_THING
        + r"(?P<thing>[\w\s-]{2,30}?)\s+(?:(?:can|could|may|might|will|would|does|do) )?"
        r"(?:cause|causes|causing|help|helps|trigger|triggers)\b"
    ),
    _re(
        r"\b(?:does|did|do) (?:the )?(?:article|it|text|page)\s+(?:say|tell (?:me|us|you)|advise)"
        r"\s+(?:(?:i|you|we) should |to )(?:get|have|take|eat|do|avoid|drink|use|try|stop) (?:my |the |any )?"
        r"(?P<thing>[\w\s-]{2,30}?)(?: tested| checked)?\W*$"
    ),
    # "is it related to what I'm dreaming about?", "are older people more prone to this?"
    _re(
        r"\b(?:is|are|could|can|might) (?:it|this|that|they|these|the (?:twitch\w*|jerk\w*))"
        r" (?:\w+ )?(?:related|linked|connected|due) to (?P<thing>[^?.!,;]+)"
    ),
    _re(
        r"\b(?:are|do|does|can) " + _NOT_A_THING + r"(?P<thing>[\w\s-]{2,25}?) (?:more |less )?"
        r"(?:prone|likely|at risk|affected|get (?:it|this|them)|suffer)\b"
    ),
    # "does it happen to men too?"
    _re(r"\bhappens? (?:to|in|among) (?P<thing>[^?.!,;]+?)(?: too| as well| also)?\W*$"),
    # "how common is it in men?", "does it apply to teenagers?"
    _re(
        r"\b(?:how common|how often|how likely|apply|applies) (?:is it |does it happen |is this )?"
        r"(?:in|to|for|among) (?P<thing>[^?.!,;]+)"
    ),
    _re(r"\bis (?P<thing>[^?.!,;]+?) (?:mentioned|covered|discussed|in the article)\b"),
    # "is Chinese Angelica okay to take while I'm breastfeeding?"
    _re(
        r"\b(?:ok|okay|safe|fine|alright)\b[^?.!]{0,25}\b(?:while|when|during) (?:i am |i m |i'm |she is "
        r"|she's "
        r"|you are |being )?(?P<thing>[a-z][\w\s-]{2,25}?)\W*$"
    ),
    # "is like restless legs?", "is it the same as RLS?"
    _re(
        r"^\W*(?:is (?:it|this|that) |it is |is )?(?:like|the same as|same as"
        r"|similar to) (?P<thing>[^?.!,;]+)"
    ),
    # "does gaming count?"
    _re(r"^\W*(?:and |so |but )?(?:does|do|would|is) (?P<thing>[a-z][\w\s-]{1,20}?) count\W*$"),
    # "any b12 advice in there?"
    _re(
        r"^\W*(?:any|is there any|got any|anything on) (?P<thing>[\w\s-]{2,20}?)"
        r" (?:advice|tips?|info|information|mention)(?: in (?:there|it|the article))?\W*$"
    ),
    _re(r"^\W*(?:and |so |ok |okay )?(?:what|how) about " + _NOT_A_THING + r"(?P<thing>[^?.!,;]+)"),
    _re(r"^\W*and (?:for |in |with |during |after )?" + _NOT_A_THING + r"(?P<thing>[^?.!,;]+)\W*$"),
    _re(
        r"\b(?:can|could|does|do|is|are|would|might|will)\s+(?:an? )?"
        + _NOT_A_THING
        + r"(?P<thing>[\w\s-]{2,45}?)\s+"
        r"(?:cause|causing|trigger|make|affect|matter|help|worsen|be (?:the|a) (?:cause|reason)"
        r"|prevent|stop|ease|cure|fix|bring on"
        # "do magnesium supplements work (for it)?", not "can shift work cause it?"
        r"|work(?= for\b| on\b| at all\b|\W*$))\b"
    ),
    # "heat pad for cramps?", "is a hot water bottle good for it?"
    _re(
        r"^\W*(?:(?:is|are|what about|how about|any|try|trying) )?(?!there\b)(?:an? |the |some )?"
        + _NOT_A_THING
        + r"(?P<thing>[a-z][\w\s-]{1,25}?) (?:(?:good|ok|okay|useful) )?(?:for|against|to (?:stop|ease|help))"
        r" (?:the |my |his |her |night |leg |calf |these |those )*(?:cramps?|twitch\w*|jerks?|it|this|them"
        r"|spasms?)\W*$"
    ),
    # "what's the treatment for restless legs syndrome?", "what causes my eyelid to twitch?"
    _re(
        r"\b(?:treatments?|treat|cures?|medications?|medicines?|remed(?:y|ies)|therap(?:y|ies)) (?:for|of) "
        + _NOT_A_THING
        + r"(?!(?:stop|stopping|ease|easing|relieve|prevent|help|treat|get|reduce|calm|control|it|this|that"
        r"|them)\b)"
        r"(?:my |his |her |the )?(?P<thing>[a-z][\w\s-]{2,30}?)\W*$"
    ),
    _re(
        r"\bwhat (?:causes?|makes?) (?:my |his |her |the |your )?(?P<thing>[a-z][\w\s-]{2,20}?)"
        r" (?:to )?(?:twitch|jerk|jump|flicker|spasm|shake)\w*"
    ),
    # "should I be drinking more water or electrolytes?"
    _re(
        r"^\W*(?:so |and |but )?should (?:i|we|you|he|she) (?:be )?(?:take|taking|drink|drinking|use|using"
        r"|try|trying)"
        r" (?:more |some |a |an |any |extra )?(?P<thing>[a-z][\w\s-]{1,30}?)"
        r"(?: for (?:this|it|that|them|the \w+|my \w+))?\W*$"
    ),
)
MAX_THING_WORDS = 4
# "alcohol in the evening", "stretching before bed": when, not what
_WHEN = _re(
    r" (?:(?:late )?in the (?:evening|morning|afternoon|night)|(?:late )?at night|late"
    r"|(?:right |just )?before (?:bed|bedtime|sleep|sleeping)"
    r"|at bedtime|late at night|every (?:day|night)|each (?:day|night))$"
)
# "magnesium supplement?", "heat pad?": a short noun phrase asked on its own, counted only
# when its head (the last word) is a word the article never uses ("magnesium cutoff?" is
# the threshold in other words, so "foods high in calcium?" is not claimed)
# "tofu ok?", "heat pad too?": words after the thing that are no part of it
_TRAILING_WORDS = r"(?:ok|okay|fine|good|bad|safe|too|then|also|instead|specifically)"
_BARE_THING = _re(
    r"^\W*(?:and |so |what about |any )?"
    + _NOT_A_THING
    + r"(?!(?:tell|give|show|explain|say|help|thanks?|ok|okay|yes|no|more|please|really|same|again|sorry"
    r"|hi|hello|hey|bye|good|great|nice|cool|wow|any|anything|other|another|in|per|for|with|at|and|so|also)\b)"
    r"(?!.*\b(?:me|you|i|it|its|this|that|them|they|we|us|he|she|what|why|how|or)\b)"
    r"(?P<thing>[a-z][\w-]*(?: [a-z][\w-]*){1,2}?)"
    r"(?: " + _TRAILING_WORDS + r")?\s*\?+\s*$"
)
_TRAILER = _re(r" " + _TRAILING_WORDS + r"$")
_VITAMIN_CODE = _re(r"\b[a-z]{1,2}\d{1,2}\b")
_WHICH_KIND = _re(
    r"\b(?:which|what) (?:kinds?|types?|sorts?) of (?P<kind>[a-z]+)"
    # the whole message, so a verb is not read as a thing ("what causes it?")
    r"|^\W*(?:and |so |but |ok )?which (?P<plural>[a-z]+s)(?: specifically| exactly| in particular| then"
    r"| though)?\W*$"
)
# Things the answers list in other words ("which causes?": the five reasons)
_LISTED_OTHERWISE = frozenset(
    "cause reason trigger factor symptom sign food herb remedy method tip thing option way step group"
    " condition disease illness section kind type part one".split()
)
# A list of kinds after the thing: "foods, such as ...", "herbal medicines: ..."
# ("elements it needs, such as calcium": a few words may come between)
_LISTS = _re(r"(?:\W{1,3}\w+){0,3}?\W{0,3}(?:such as|like|including|e\.g\.|for example|:|\((?!or\b))")
# Words that say nothing about what the thing is ("the herbal stuff in the article").
_FILLER = frozenset(
    """
article text page section stuff thing anything something everything info information detail
specific specifically exactly part kind type bit way say mention talk cover then else more
other too also people person someone lot much data datum number figure statistic stats
issue trouble consider considered count mean matter lol all
""".split()
)
_UNITS = frozenset("mmol mg dl meq umol".split())  # a unit is a lab-value question, not a thing
# other words for the article's thresholds ("magnesium cutoff?")
_THRESHOLD_WORDS = frozenset("cutoff cut-off limit".split())
_POSSESSIVE = re.compile(r"^(?:my|your|his|her|their|our|the|a|an)\s+", re.I)


def _content(text: str) -> list[str]:
    """Content words; not adverbs ("physically", "finally"), which name no thing."""
    return [
        w
        for w in lemmatize(text)
        if w not in STOP and w not in _FILLER and len(w) > 1 and not (w.endswith("ly") and len(w) > 5)
    ]


class Coverage:
    def __init__(self, kb: KnowledgeBase) -> None:
        # The article's sentences the facts rest on, not the raw page: its footer links
        # ("hair loss in men") are no part of what the article says. The facts' keywords
        # and term phrases are the curated words people use for them ("lifestyle", "blood
        # test"), except those the curation marks as never named by the article: they
        # lead "coffee" or "iron" to the nearest fact, and saying the article does not
        # name them is the honest answer (blind set dev7). Not the example questions,
        # which hold any word a user might add ("kids").
        words: set[str] = set()
        for fact in kb.facts.values():
            words.update(lemmatize(" ".join((fact.answer, *fact.quotes, *fact.keywords, fact.section_title))))
        for values in kb.terms.values():
            for value, phrases in values.items():
                words.update(lemmatize(" ".join((value.replace("_", " "), *phrases))))
        words.update(lemmatize(" ".join(s.title for s in kb.topics.values())))
        # the article's subject in the words people use for it (retrieval's anchors)
        unnamed = set(lemmatize(" ".join(kb.not_in_article)))
        self.vocabulary = frozenset((words | ANCHORS | _UNITS | _THRESHOLD_WORDS) - unnamed)

    def _known(self, word: str) -> bool:
        if word in self.vocabulary:
            return True
        # "hydraton" or "kidneys": one typo or a plural away from an article word
        return len(word) >= 5 and any(
            abs(len(w) - len(word)) <= 1 and w[:3] == word[:3] and _one_edit(w, word) for w in self.vocabulary
        )

    def uses_article_words(self, text: str) -> bool:
        """Some content word of the text is one the article (or its questions) uses."""
        return any(self._known(w) for w in _content(text))

    def unnamed_thing(self, text: str) -> str | None:
        """The thing asked about, when the article never names it: "iron" in "does the
        article say anything about iron?". None when it does, or nothing is asked about."""
        sentences = [t for t in re.split(r"(?<=[.?!])\s+", text.strip()) if t]
        for pattern, sentence in ((p, t) for p in _ABOUT for t in sentences):
            match = pattern.search(sentence)
            if not match:
                continue
            thing = _WHEN.sub("", match.group("thing").strip(" '\""))
            # "is alcohol a (cause)", "is calcium loss THE main (cause)"
            thing = re.sub(
                r"(?: (?:a|an|the|my)(?: (?:main|only|biggest|real|primary|major|big))?)+$",
                "",
                thing,
                flags=re.I,
            )
            if re.search(r" (?:to|and|or)$", thing):  # "give my wife to": no noun phrase
                continue
            # one word the article never uses is enough ("restless legs", "shift work"),
            # but in "X and Y" each part counts ("chips and fried stuff": fried food is in)
            raw_parts = re.split(r"\b(?:and|or|&)\b|/", thing)
            if any(len(part.split()) > MAX_THING_WORDS for part in raw_parts):
                return None
            if _VITAMIN_CODE.search(thing):  # "b12", "d3": lemmas drop the digits
                return _plain(thing)
            # "a glass of milk": the thing is what comes after "of"
            parts = [(p, words) for p in raw_parts if (words := _content(p.split(" of ")[-1]))]
            known = [all(self._known(w) for w in words) for _, words in parts]
            if not parts or all(known):
                return None
            if any(known):
                if " or " not in f" {thing} ":
                    return None  # "chips and fried stuff": fried food is in
                # "more common in women or in men?": the part the article never names
                unnamed = next(p for (p, _), is_known in zip(parts, known) if not is_known)
                return _plain(re.sub(r"^\s*(?:in|for|to|with|among|as(?: an?)?) ", "", unnamed.strip()))
            return _plain(thing)
        bare = _BARE_THING.search(text.strip())
        if bare:
            thing = _TRAILER.sub("", bare.group("thing"))
            head = _content(thing.split()[-1])
            if head and not self._known(head[-1]):
                return _plain(thing)
        return None

    @staticmethod
    def unlisted_kind(text: str, facts: Iterable[Fact]) -> str | None:
        """ "which fruits?", "what kind of exercise?": the thing asked about, when the
        answer names it only in general ("vegetables and fruit") and lists no kinds of it.
        A thing the answer lists ("foods such as ...", "herbal medicines: ...") or never
        names is not claimed."""
        match = _WHICH_KIND.search(text)
        if match is None:
            return None
        kind, thing = bool(match.group("kind")), (match.group("kind") or match.group("plural")).lower()
        lemma = (lemmatize(thing) or [thing])[0]
        if lemma in STOP or lemma in _FILLER or lemma in _LISTED_OTHERWISE or len(lemma) < 3:
            return None
        shown = " ".join(" ".join((f.answer, *f.quotes)) for f in facts)
        named = list(re.finditer(rf"\b{re.escape(lemma)}(?:s|es)?\b", shown, re.I))
        if not named or any(_LISTS.match(shown, m.end()) for m in named):
            return None
        return f"which kind of {thing}" if kind else f"which {thing}"

    @staticmethod
    def missing_detail(text: str, facts: Iterable[Fact]) -> Detail | None:
        """The kind of detail the question asks for that none of the facts gives."""
        shown = " ".join(" ".join((f.answer, *f.quotes)) for f in facts)
        for detail in DETAILS:
            if detail.asked.search(text) and not detail.given.search(shown):
                return detail
        return None


def _plain(thing: str) -> str:
    """The user's words for the thing, without a leading "my" or "the"."""
    return _POSSESSIVE.sub("", re.sub(r"\s+", " ", thing).strip())


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
