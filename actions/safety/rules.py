"""The red-flag phrase rules (emergency, urgent, routine, extended) and scanning a sentence with them.

Over 400 lines on purpose: nearly all of it is the phrase tables (one tuple per
level); the scanner at the end is short and reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actions.safety.findings import FLAG_LEVELS, Level, _Findings
from actions.safety.text import (
    _HYPOTHETICAL,
    _distant,
    _first_person,
    _generic_question,
    _knowledge_question,
    _negated,
    _rx,
    _Sentence,
)

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
    r"|startl\w*|shak\w*|tremor\w*|myoclon\w*|hypnic|sleep starts?|legs?|limbs?)\b"
)
_SPASM_CONTEXT = _rx(r"\b(?:cramp\w*|spasm\w*|stiff\w*|twitch\w*|jerk\w*|lock ?jaw)\b")
# "I'm not waking up refreshed" and "not responding to the tablets" are no emergency.
_NOT_EXCUSES = (
    r"(?! (?:up )?(?:refreshed|rested|feeling|tired|early|well|on time|properly"
    r"|easily|in the night|at night|during the night|anymore|as much))"
    r"(?! to (?:\w+ )?(?:treatment|medic\w*|meds|drugs?|tablets?|pills?|therapy"
    r"|exercise|stretch\w*|calcium|magnesium))"
)

_BLUE = (
    r"\b(?:turn(?:s|ed|ing)?|went|gone|going|goes|getting|got) (?:a bit |slightly "
    r"|very |all )?(?:blue|purple)\b"
    r"|\b(?:lips|face|skin|mouth|fingers|he|she|they|baby|him|her) (?:(?:is|are|was"
    r"|looks?|looking|went|gone|going|turned|turning|getting|got|has|a bit|slightly"
    r"|very|all|really|quite) ){1,2}(?:blue|purple)\b(?! (?:eyes|jeans|shirt|top|dress"
    r"|hair|light|car|blanket|sheets?|pillow|pajamas|pyjamas))"
    r"|\b(?:blue|purple) (?:lips|face|skin|in the face)\b|\blips (?:so |very |all )?(?:blue|purple)\b"
    r"|\bcyano(?:sis|sed|tic)\b"
    r"|\b(?:blu(?:e|ish)|purpl(?:e|ish)|grey|gray) (?:\w+ ){0,2}(?:around|round|on|about)"
    r" (?:the |his |her |their |my )?(?:mouth|lips|face)\b"
    r"|\b(?:lips|mouth) (?:\w+ ){0,3}(?:bluish|blueish|purplish)\b"
    r"|(?<!black )\band (?:(?:is|are|was|looks?|looking|went|gone|going|turned"
    r"|turning) )?(?:blue|purple)\b(?! (?:eyes|jeans|shirt|top|dress|hair|light|car))"
)

# The extended red flags of the medical notes ("Also emergencies, whatever else the
# message says"). Message-level combinations use `context`/`also`.
_PREGNANT = _rx(
    r"\b(?:pregnan\w*|preg(?:o|gers|gy)|primip\w*|multip|(?:[2-3]\d|4[0-2]) ?/ ?40|expecting (?:a )?(?:baby"
    r"|twins)|(?:\d+|thirty \w+|twenty \w+) "
    r"(?:weeks?|wks?|months?) (?:along|gone|pregnant|gestation)|trimester|gestation\w*"
    r"|(?:2\d|3\d|4[0-2]) ?(?:weeks|wks|wk)\b(?! ago)"
    r"|post ?partum|gave birth|giving birth|just had (?:a|the|my|our|her) (?:baby|son|daughter)"
    r"|(?:after|since) (?:the )?(?:birth|delivery|labou?r|c section)|(?:days?|weeks?) after "
    r"(?:birth|delivery|having (?:the|a|her|my) baby)|new mum|new mom)\b"
)
_CHILD = _rx(
    r"\b(?:baby|babies|infant|newborn|toddler|child|children|kid|kids|son|daughter|boy|girl"
    r"|little one|grandson|granddaughter|nephew|niece|(?:\d+|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|eighteen) ?(?:months?|mo|years?|yrs?|yr|y) ?old|\d+ ?(?:mo|yo"
    r"|months?|mths?))\b"
)
_FEVER = (
    r"\b(?:fever\w*|feverish|febrile|high (?:temp|temperature)|(?:a |his |her )?temp\w*"
    r" (?:of |is |was |at |hit )?(?:3[89]|4[01]|10[0-5])"
    r"|te?mp(?!orar|er|o\b|lat|t)\w*(?! (?:is |was )?(?:normal"
    r"|fine|ok|okay|down|gone))\b|burning up"
    r"|(?:very |really |so )?hot to (?:the )?touch|3[89](?:\.\d)? ?(?:c|degrees|deg)"
    r"|10[1-5](?:\.\d)? ?(?:f|degrees))\b"
)
_CHILD_EPISODE = _rx(
    r"\b(?:jerk\w*|twitch\w*|shak\w*|stiff\w*|rigid|seiz\w*|siez\w*|fit|fits|fitting|convul\w*"
    r"|spasm\w*|floppy|limp|unrespon\w*|not (?:\w+ )?(?:respond\w*|react\w*|wak\w*|answer\w*)"
    r"|eyes (?:\w+ )?roll\w*|glassy|staring|trembl\w*)\b"
)
_SEIZURE_WORDS = r"\b(?:seiz\w*|siez\w*|seaz\w*|fit|fits|fitting|convul\w*|eclamp\w*|tonic[ -]?clonic)\b"
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
    r"(?:\w+ )?(?:vision|sight)|pre ?eclampsia|eclampsia|eclamptic)\b"
)
_HEAD_INJURY = _Rule(
    "head_injury",
    _rx(
        r"\b(?:hit|banged|bumped|smacked|knocked|cracked|bashed|whacked|struck|hurt|injured)"
        r" (?:\w+ ){0,2}head\b"
        # "jerked and hit the headboard": the head, unless a limb is named
        r"|(?<!foot )(?<!feet )(?<!leg )(?<!legs )(?<!knee )(?<!arm )(?<!hand )(?<!toe )"
        r"\b(?:hit|banged|bumped|smacked|knocked|bashed|whacked|slammed into|smashed into) "
        r"(?:on |into )?(?:the |my |his |her |our )?headboard\b"
        r"|\bhead (?:\w+ ){0,2}(?:injur\w*|wound|trauma|bleed\w*|cut|gash|bump|lump|blow)\b"
        r"|\bfell (?:\w+ ){0,4}(?:on|onto) (?:\w+ ){0,2}head\b"
        r"|\bconcuss\w*\b|\bhead ?butt\w*"
        r"|\bhead (?:\w+ ){0,2}(?:hit|banged|smashed|struck|bashed|slammed|knocked)\b"
    ),
)
_EXTENDED_RULES: tuple[_Rule, ...] = (
    _Rule(
        "suicide",
        _rx(
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
            r"|\btonight (?:is |s )?the (?:last|final) (?:night|time)\b"
            r"|\b(?:last|final) night (?:i ll|i will|i have to|i ever)\b"
            r"|\bdecided (?:\w+ ){0,4}(?:last|final) (?:night|day|time)\b"
            r"|\burges? to (?:cut|burn|hurt|harm|self harm)\b"
            r"|\b(?:saved|saving|stockpil\w*|hoard\w*|collected|collecting|stored|storing)"
            r" (?:up )?(?:\w+ ){0,2}(?:pills|tablets|meds|medication|sleeping pills|painkillers)\b"
        ),
    ),
    # Cuts seen on someone, with a habit or a purpose ("fresh cuts all over her thighs,
    # she says she does it at night")
    _Rule(
        "suicide",
        _rx(
            r"\b(?:fresh |new |deep |lots of |loads of )?cuts (?:\w+ ){0,2}(?:on|all over|across|up)"
            r" (?:her|his|my|their) (?:own )?(?:thighs?|wrists?|forearms?|arms?|stomach|legs?)\b"
        ),
        context=_rx(
            r"\b(?:does it|doing it|did it|does this|doing this|herself|himself|themselves|myself"
            r"|on purpose|hides?|hiding|hid)\b"
        ),
    ),
    # Self-harm told as a method on one's own body and a reason or habit ("I burn my arm
    # with a lighter when the twitching starts, the pain makes it stop"); the reason is
    # what tells it from an accident ("I cut my hand cooking").
    _Rule(
        "suicide",
        _rx(
            r"\b(?:burn|burns|burned|burnt|burning|cut|cuts|cutting|slic\w*|stab\w*|scald\w*|carv\w*)"
            r" (?:\w+ ){0,3}?(?:my|his|her|their)"
            r" (?:own )?(?:arms?|legs?|wrists?|thighs?|skin|hands?|body|stomach|calf|calves|head|fist)\b"
            r"|\b(?:lighter|cigarettes?|hot iron|an iron|the iron|razors?|blades?|knife|lit match\w*)"
            r" (?:\w+ ){0,3}(?:against|on|into|to|across) (?:my|his|her|their) (?:own )?(?:arms?|legs?"
            r"|wrists?|thighs?|skin|hands?|body|stomach|calf|calves)\b"
        ),
        context=_rx(
            r"\bthe pain (?:\w+ ){0,3}(?:stops?|makes?|helps?|distracts?|takes?)\b|\bon purpose\b"
            r"|\b(?:it|that) (?:kind of |sort of |really |actually )?(?:works|helps|stops it)\b"
            r"|\bto (?:make (?:it|them|the \w+) stop|stop (?:it|them|the \w+)|distract|feel something"
            r"|punish)\b|\b(?:when(?:ever)?|every time) (?:it|they|the \w+) (?:starts?|happens?|comes?"
            r"|begins?|kicks? in)\b"
        ),
    ),
    _Rule(
        "overdose",
        _rx(
            r"\b(?:took|taken|take|taking|swallowed|swallow|ate|eaten|had|downed|necked|drank|drunk|ingested)"
            r" (?:\w+ ){0,2}(?:whole|entire|full|all the|all of the|all my|all his|all her|all"
            r" (?:\w+ )?(?:pills|tablets|meds)) ?(?:\w+ ){0,3}?(?:bottle|packet|pack|box|strip|blister"
            r"|pills|tablets|meds|medication|medicine|tubs?|jar)\b"
            r"|\b(?:too many|way too many|a lot of|lots of|loads of|handful of|bunch of|\d{2,3}|ten"
            # "diagnosed 10 yrs, on meds" is a duration, not a count of pills
            r"|twenty|thirty|fifty) (?!(?:yrs?|years?|months?|weeks?|days?|hours?|hrs?|mins?|minutes?)\b)"
            r"(?:\w+ ){0,2}(?:pills|tablets|capsules|meds|sleeping pills"
            r"|painkillers|paracetamol|tylenol|ibuprofen|aspirin)\b"
            r"|\boverdos\w*\b|\bod d\b|\bod (?:on|with)\b|\b(?:poisoned|poisoning)\b|\bdouble dosed\b"
            r"|\b(?:took|taken|swallowed|swalowed|ate|eaten|downed|drank|drunk|had) (?:a lot|a load"
            r"|loads|lots|a bunch|a heap|a pile|half|most|all|the rest) (?:of )?(?:\w+ ){0,3}?"
            r"(?:pills|tablets|meds|medicine|medication|capsules|tramadol|codeine|oxycodone|morphine"
            r"|fentanyl|xanax|valium|diazepam|zopiclone|ambien|zolpidem|melatonin|antidepressants"
            r"|insulin|opioids|painkillers|sleeping pills|sleeping tablets|tincture|strip|packet"
            r"|bottle)\b"
            r"|\b(?:took|taken|swallowed|swalowed|ate|eaten|downed|got into|ingested) (?:an )?unknown"
            r" (?:qty|quantity|amount|number)\b"
            r"|\b(?:took|taken|take|taking|swallowed|swallow|swalowed|ate|eaten|had|downed|got into|ingested)"
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
            r"|something (?:toxic|poisonous)|mushrooms from)\b"
        ),
    ),
    _Rule(
        "overdose",
        _rx(
            r"\b(?:swallowed|swalowed|swallows?|ate|eaten|eats?|drank|drunk|drinks?|got into|chewed"
            r"|licked) (?:\w+ ){0,6}"
            r"(?:pills?|tablets?|medicine|meds|medication|vitamins|capsules|batter(?:y|ies)|bleach"
            r"|cleaner|detergent|pods?|magnets?|cabinet|something|stuff|liquid|bottle|under the sink"
            r"|pill ?box|pillbox|tincture|drops|syrup|supplements)\b"
            r"|\b(?:half|most|all|some|a lot) (?:of )?(?:the |his |her |my )?(?:bottle|packet|pack|box|jar"
            r"|pills|tablets|medicine|syrup) (?:is |are |has |have |was |were )?(?:been )?(?:gone|missing"
            r"|empty|finished)\b"
        ),
        context=_CHILD,
    ),
    _Rule(
        "pregnancy",
        _rx(
            _SEIZURE_WORDS
            + "|"
            + _HEADACHE_OR_VISION
            + r"|\bswollen (?:face|hands)\b|\bface (?:is )?swollen\b"
        ),
        context=_PREGNANT,
    ),
    _Rule("child_fever", _rx(_FEVER), context=_CHILD, also=_CHILD_EPISODE),
    _Rule(
        "child_fever",
        _rx(_FEVER),
        context=_rx(
            r"\b(?:stiff\w*|rigid|seiz\w*|siez\w*|fits?|fitting|convul\w*|unrespon\w*|floppy"
            r"|not (?:\w+ )?(?:respond\w*|react\w*)|eyes (?:\w+ )?roll\w*|went stiff)\b"
        ),
    ),
    _Rule(
        "stroke",
        _rx(
            r"\b(?:face|mouth|smile|lip|eye|eyelid) (?:\w+ ){0,2}(?:droop\w*|dropp\w*|drop|sag\w*"
            r"|lopsided|crooked|uneven|numb on one side|twisted|slump\w*)\b"
            r"|\b(?:droop\w*|lopsided|crooked|uneven|sagging) (?:\w+ )?(?:face|mouth|smile)\b"
            r"|\b(?:one side|left side|right side|(?:left|right) (?:arm|leg|hand)) (?:of )?(?:\w+ ){0,2}"
            r"(?:not working|will not work|stopped working|gone|useless)\b"
            r"|\bone side of (?:\w+ ){0,2}(?:face|body|mouth) (?:\w+ ){0,2}(?:droop\w*|numb|weak"
            r"|dead|not moving|drop\w*|sag\w*|paralys\w*|heavy)\b"
            # clinicians' words: "new L facial droop, arm drift, dysarthria"
            r"|\bfacial (?:droop\w*|weakness|palsy)\b|\b(?:arm|pronator) drift\b|\bdysarthri\w*|\baphasi\w*"
            r"|\bhemipare\w*|\bhemipleg\w*"
            r"|\bslurr\w*|\b(?:speech|words|talking|voice) (?:\w+ ){0,2}(?:slurr\w*|garbled|jumbled"
            r"|gone|strange|weird|funny|muddled|not making sense|nonsense)\b"
            r"|\b(?:can|could) not (?:speak|talk|get (?:\w+ )?words out|find (?:\w+ )?words|lift"
            r" (?:\w+ ){0,2}arm|raise (?:\w+ ){0,2}arm|move (?:\w+ ){0,2}(?:arm|side))\b"
            r"|\b(?:lost|losing|loss of) (?:\w+ ){0,2}(?:speech|ability to (?:speak|talk))\b"
            r"|\b(?:arm|hand|side) (?:\w+ ){0,2}(?:went|gone|is|feels|has gone) (?:\w+ )?(?:weak|numb"
            r"|dead|limp|floppy|heavy|useless)\b|\bweak(?:ness)? (?:in|on|of) (?:\w+ ){0,2}(?:arm"
            r"|side)\b|\b(?:having|had|is it|(?<!from )(?<!of )a) (?:mini |a )?stroke\b(?! of)|\bfast test\b"
        ),
    ),
    _Rule(
        "chest_pain",
        _rx(
            r"\bchest (?:\w+ ){0,2}(?:pain\w*|tight\w*|pressure|hurt\w*|ache\w*|aching|crush\w*"
            r"|squeez\w*|heavy|heaviness|discomfort|burning|sore|agony)\b"
            r"|\b(?:pain|pains|pressure|tightness|ache|aching|crushing|squeezing|heaviness|burning)"
            r" (?:\w+ ){0,2}(?:in|on|across|around) (?:\w+ ){0,4}chest\b|\bheart attack\b|\bangina\b"
            r"|\b(?:heavy|tight|crushing|squeezing|painful|sore) chest\b"
            r"|\bchest (?:feels|is) (?:\w+ )?(?:tight|heavy|crushed)\b"
            # clinical shorthand: "c/o central CP radiating to L arm"
            r"|\b(?:c o|central|crushing|radiating|pleuritic) cp\b|\bcp radiat\w*"
        ),
    ),
    _HEAD_INJURY,
)

# "bumped my head on the cupboard door, small lump, nothing else": a bump with none of
# the signs that make a head injury an emergency (bleeding, vomiting, drowsiness,
# confusion) and not during an episode
_NOTHING_ELSE = _rx(
    r"\b(?:nothing else|no other (?:symptoms|problems)|otherwise (?:fine|ok|okay)|(?:i|he|she) (?:feel|feels"
    r"|seem|seems) (?:totally |completely )?fine)\b"
)
_HEAD_SIGNS = _rx(
    r"\b(?:bleed\w*|blood|vomit\w*|sick|throw\w* up|threw up|drows\w*|sleepy|confus\w*|dazed|forget\w*"
    r"|foggy|dizz\w*|uncon\w*|knocked out|passed out|black(?:ed)? out|headache|seiz\w*|fit|fits|slurr\w*)\b"
)


def minor_head_bump(sentences: list[_Sentence], norm: str) -> bool:
    head = [s for s in sentences if _HEAD_INJURY.pattern.search(s.text)]
    return (
        bool(head)
        and bool(_NOTHING_ELSE.search(norm))
        and not _HEAD_SIGNS.search(norm)
        and not any(_EPISODE_OR_FALL.search(s.text) for s in head)
    )


_EPISODE_OR_FALL = _rx(
    r"\b(?:fit|fits|fitting|seiz\w*|siez\w*|convul\w*|shak\w*|jerk\w*|twitch\w*|episode|rolled"
    r"|tumbled)\b|\b(?:fell|fall|fallen|falling)\b(?! asleep)"
)
_INJURY_DURING = _Rule(
    "injury",
    _rx(
        # "broken" of a limb, not of sleep or a signal ("my sleep is broken by the jerks")
        r"\b(?:looks? broken|(?<!sleep )(?<!sleep is )(?<!signal )(?<!signal is )(?<!it is )broken"
        r"|fractur\w*|dislocat\w*|popped out|bent (?:\w+ )?wrong"
        r"|(?:wrist|arm|leg|ankle|finger|elbow|shoulder|knee) (?:\w+ ){0,3}(?:swollen and bent|bent"
        r" and swollen|bent)\b"
        r"|(?:bent|twisted|pointing|sticking out) (?:\w+ ){0,2}(?:weird|odd|strange|funny|wrong"
        r"|unnatural|awkward) (?:angle|way|direction)|bone (?:\w+ )?(?:sticking|poking) out"
        r"|not (?:looking )?straight|deformed|wrong angle|gash\w*|deep cut|cut (?:\w+ ){0,2}open"
        r"|(?:can|could) not (?:walk|stand|move (?:it|her|his|my)|put weight|get up)|bleeding"
        r" (?:a lot|heavily|badly)|knocked (?:\w+ )?(?:tooth|teeth) out|injur\w* (?:\w+ ){0,2}"
        r"(?:during|while|in))\b"
    ),
    context=_EPISODE_OR_FALL,
)

_EMERGENCY_RULES: tuple[_Rule, ...] = (
    (
        _Rule(
            "breathing",
            _rx(
                r"\b(?:not|stopped|stop|stops|no longer) breath(?:e|es|ing|in)?\b"
                r"|\b(?:can|could) not (?:\w+ )?(?:breathe|breath|breathing|catch (?:\w+ )?breath"
                r"|get (?:\w+ )?(?:air|breath))\b"
                r"|\bunable to (?:breathe|breath)\b"
                r"|\b(?:struggling|struggle|struggles|fighting|battling|gasping) (?:to |for )?"
                r"(?:breathe|breath|air)\b"
                r"|\b(?:trouble|difficulty|difficulties|problems?|issues?|hard|hardly|barely"
                r"|struggling) (?:\w+ ){0,2}(?:breathing|breathe|breath)\b"
                r"|\bbreathing (?:is |was |sounds |seems |looks |has gone |became )?(?:very |really "
                r"|a bit |so |all )?(?:noisy|strange|weird|funny|shallow|laboured|labored|rattly"
                r"|rattling|gurgling|gurgly|crackly|crackling|raspy|irregular|difficult|hard|stopped|odd|wrong)\b"
                r"|\b(?:noisy|high pitched|squeaky|whistling|rattling|gurgling|laboured|labored"
                r"|strange|weird) breath\w*\b"
                r"|\bstridor\b|\bwheez\w*\b|\bgasping\b|\bchok(?:e|es|ed|ing)\b"
                # "I choked on my coffee reading the bit about...": a figure of speech
                r"(?! on (?:my |his |her )?(?:coffee|tea|drink|water|wine|beer) (?:\w+ )?(?:reading|laughing"
                r"|when (?:i|we) read|at (?:the|that|this)))"
                r"|\bbreath(?:e|es|ing)? (?:\w+ ){0,2}(?:strange|weird|funny|noisy|odd|wrong|shallow)\b"
                r"|\bshort(?:ness)? of breath\b|\b(?:difficult|laboured|labored|noisy) breathing\b"
                r"|\bnot (?:think|sure|know|certain) (?:if |whether "
                r"|that )?(?:he|she|they|it|the baby|my \w+) (?:is|are) breathing\b|" + _BLUE
            ),
        ),
        _Rule(
            "throat",
            _rx(
                r"\bthroat (?:\w+ ){0,4}(?:spasm\w*|cramp\w*|tight\w*|squeez\w*|clos\w*|shut)\b"
                r"|\b(?:spasm\w*|cramp\w*) (?:\w+ ){0,4}throat\b"
                r"|\b(?:crow\w*|whistl\w*|squeak\w*|high pitched|wheez\w*) (?:\w+ ){0,4}breath\w*\b"
                r"|\bbreath\w* (?:\w+ ){0,4}(?:crow\w*|whistl\w*|squeak\w*|high pitched)\b"
                r"|\b(?:noise|sound|squeak\w*|whistl\w*|crow\w*) (?:\w+ ){0,4}(?:inhal\w*|breathes? in"
                r"|breathing in)\b|\b(?:inhal\w*|breathes? in|breathing in) (?:\w+ ){0,4}(?:squeak\w*"
                r"|whistl\w*|crow\w*|high pitched)\b"
                r"|\b(?:barely|hardly|can not|could not) (?:get|getting) (?:any )?air\b"
            ),
        ),
        _Rule(
            "throat",
            _rx(
                r"\b(?:tight|tightening|swollen|swelling|closing) (?:of (?:the |my |his |her )?)?"
                r"throat\b"
                r"|\bthroat (?:\w+ ){0,2}(?:tight|tightening|closing|closed|swelling|swollen|constrict\w*)\b"
                r"|\b(?:can|could) not swallow\b|\blaryngospasm\b"
                r"|\b(?:tongue|lips) (?:is |are |feels |feel |looks |look )?(?:swollen|swelling)\b"
            ),
        ),
        _Rule(
            "not_recovering",
            _rx(
                r"\b(?:(?:will|would|does|did|is|are|was|were|has|have) not|not|no longer)"
                r" (?:\w+ )?(?:wake|waking|woken|come round|come around|come to|coming round"
                r"|coming around|coming to|respond|responding|react|reacting|recover|recovering"
                r"|answer|answering|conscious|responsive|open (?:his|her|their) eyes)\b"
                + _NOT_EXCUSES
                + r"|\bwithout (?:waking|recovering|coming round|coming to)\b"
                r"|\bunrespon\w*\b|\buncon(?:s|c|sc)ious\b|\bunrous\w*|\bpassed out\b|\bblack(?:ed)? out\b"
                r"|\bknocked out\b|\bno response\b|\bcollaps(?:ed|es|ing)\b"
                r"|\b(?:is|went|gone|going|looks) (?:all )?(?:floppy|limp)\b|\bfloppy\b"
            ),
            self_flag="lost_consciousness",
        ),
        _Rule(
            "not_recovering",
            _rx(
                r"\b(?:can|could) not (?:wake|rouse|get a response from|get through to) (?:up )?"
                r"(?:him|her|them|my|our|the|his)\b"
                r"|\b(?:can|could) not get (?:him|her|them) (?:to )?(?:wake|respond|react)"
                r"|\b(?:one|seizure|fit) after (?:the )?(?:another|other)\b|\bback to back\b"
                r"|\b(?:seizures|fits|convulsions) in a row\b"
                r"|\bkeeps? (?:on )?having (?:seizures|fits|convulsions)\b"
            ),
        ),
        _Rule(
            "injury",
            _rx(
                r"\b(?:hit|banged|bumped|smashed|cracked|knocked|hurt|injured|cut|split|bashed)"
                r" (?:his|her|their|my|your|the) (?:head|face|skull|forehead|eye)\b"
                r"|\bhead (?:injury|wound|trauma)\b"
                r"|\bblood everywhere\b|\blots? of blood\b|\b(?:pouring|gushing|spurting) (?:with )?blood\b"
                r"|\bblood (?:is |was )?(?:pouring|gushing|spurting)\b"
                r"|\b(?:glass|shards?|a nail|metal) (?:\w+ ){0,2}(?:deep|stuck|embedded|lodged) in\b"
                # a bleeding tongue or gums is a bitten tongue (urgent), not an injury to call for
                r"|(?<!tongue )(?<!tongue is )(?<!tongue was )(?<!gums )(?<!gums are )"
                r"\bbleed(?:ing|s)?\b(?! (?:gums?|from (?:the |my |his |her |their )?(?:gums?|tongue|mouth)))"
                r"|\bfell (?!asleep)(?:\w+ ){0,5}(?:and|&) (?:\w+ ){0,2}(?:hurt|injured|hit|banged"
                r"|cut|broke)\b"
                r"|\bfell (?:out of|off) (?:the |his |her |my )?bed (?:\w+ ){0,3}(?:injur\w*|hurt"
                r"|bleed\w*|broke\w*|cut)\b"
                r"|\bcracked (?:a |my |his |her |their )?(?:rib|bone|skull|tooth|hip|wrist|collarbone)\b"
                r"|\bbroken? (?:\w+ )?(?:bone|arm|leg|wrist|ankle|nose|tooth|teeth|hip|rib"
                r"|collarbone|shoulder)\b|\bdislocated\b"
                r"|\b(?:injured|hurt) (?:himself|herself|themselves|myself|yourself)\b"
            ),
        ),
    )
    + _EXTENDED_RULES
    + (_INJURY_DURING,)
)

_URGENT_RULES: tuple[_Rule, ...] = (
    _Rule(
        "seizure_signs",
        _rx(
            r"\b(?:bit|bitten|biting|bite|chewed) (?:\w+ )?(?:tongue|toungue|tounge|tonge|tung)\b"
            r"|\b(?:tongue|toungue|tounge|tonge|tung) (?:\w+ ){0,2}(?:bitten|bit|bleeding|cut|chewed)\b"
            # "wet the bed" as a night's event; a child who habitually "wets the bed" is
            # common and not a seizure sign
            r"|\bwet (?:the |my |his |her |their )?bed\b"
            r"|\b(?:the )?bed (?:was|is) (?:all |completely |soaking )?wet\b"
            r"(?! (?:\w+ ){0,2}(?:sweat|spill\w*|drink))"
            r"|\benuresis\b|\btongue lacerat\w*|\blacerat\w* (?:\w+ ){0,2}tongue\b"
            r"|\b(?:peed|pissed|urinated|wet) (?:in |on )?(?:the |my |his |her )?(?:bed|myself"
            r"|himself|herself|themselves|pants|sheets)\b"
            r"|\blost control of (?:my |his |her )?(?:bladder|bowels)\b|\bincontinen\w*\b"
            r"|\b(?:woke|wake|wakes|waking|woken|awoke|came round|came to) (?:up )?(?:\w+ ){0,4}"
            r"(?:confused|confusion|disoriented|disorientated|dazed|muddled"
            r"|not knowing where|did not know where|could not remember)\b"
            r"|\b(?:confused|disoriented|disorientated|dazed|muddled|groggy and confused) (?:\w+ ){0,3}"
            r"(?:after|when|on)"
            r" (?:\w+ ){0,2}(?:waking|woke|wakes|seizure|fit|episode|attack|jerk\w*|twitch\w*|convul\w*)\b"
            r"|\bunexplained (?:injur\w*|bruis\w*|cuts?|wounds?|marks?)\b"
            r"|\b(?:woke|wake|waking|woken|came to|came round) (?:up )?on the floor\b"
            r"|\b(?:do not|did not|can not|could not) remember (?:\w+ ){0,2}(?:falling|how (?:i|he|she)"
            r" (?:got|ended up)|what happened)\b"
            r"|\b(?:woke|wake|waking|woken) (?:up )?(?:\w+ ){0,2}with (?:\w+ ){0,3}(?:bruis\w*"
            r"|injur\w*|cuts?|blood|a wound|scratches)\b"
            r"|\bbruis\w* (?:\w+ ){0,6}(?:can not|do not know|no idea|no clue|not sure) (?:\w+ ){0,3}"
            r"(?:explain|where|how)\b"
            r"|\bblood on (?:the |my |his |her )?(?:pillow|sheets?|bed)\b"
        ),
    ),
    # An adult wetting the bed (a child who wets the bed is common, not a seizure sign)
    _Rule(
        "seizure_signs",
        _rx(r"\bwetting (?:the |my )?bed\b"),
        context=_rx(
            r"\b(?:happened to me|happens to me|as an adult|at my age|i am [2-9]\d|i m [2-9]\d"
            r"|(?:i|i have|i ve) (?:been |started |keep )?wetting)\b"
        ),
    ),
    _Rule(
        "mouth_tingling",
        _rx(
            r"\b(?:tingl\w*|numb\w*|fizz\w*|prickl\w*|buzz\w*|pins and needles) (?:\w+ ){0,6}"
            r"(?:mouth|lips?)\b|\b(?:mouth|lips?) (?:\w+ ){0,3}(?:fizz\w*|buzz\w*|prickl\w*|tingl\w*)\b"
            r"|\bperioral\b"
        ),
    ),
    _Rule(
        "mouth_tingling",
        _rx(
            r"\b(?:tingl\w*|numb\w*|pins and needles|prickl\w*) (?:around |in |on |of |round )?"
            r"(?:the |my |his |her |their )?(?:mouth|lips?)\b"
            r"|\b(?:mouth|lips?) (?:\w+ ){0,3}(?:tingl\w*|numb\w*|pins and needles)\b"
        ),
    ),
    _Rule(
        "wound_cramps",
        _rx(
            r"\b(?:cut|cuts|wound|wounds|gash\w*|scratch\w*|bitten|bite|stood on|stepped on|trod on"
            r"|puncture\w*|splinter|graze\w*|fell|(?:gravel|road) rash)\b"
        ),
        context=_SPASM_CONTEXT,
        also=_rx(
            r"\b(?:dirty|rust\w*|soil|dirt|mud\w*|gravel|garden\w*|barbed|nail|animal|dog|cat|rat"
            r"|sharp|glass|tin|field|farm|manure|compost|wire)\b"
        ),
    ),
    _Rule(
        "wound_cramps",
        _rx(
            r"\b(?:dirty|rusty|deep|infected|muddy|puncture) (?:\w+ )?(?:wound|cut|nail|gash"
            r"|scratch|injury)\b"
            r"|\b(?:stepped on|trod on|cut (?:\w+ ){0,2}on|scratched (?:\w+ ){0,2}on) (?:a |an "
            r"|some )?(?:rusty |dirty |old )?(?:nail|metal|wire|glass|thorn)\b"
            r"|\b(?:dog|cat|animal|rat) (?:bite|scratch)\b|\btetanus\b|\block ?jaw\b"
        ),
        context=_SPASM_CONTEXT,
    ),
)

_ROUTINE_RULES: tuple[_Rule, ...] = (
    # "it's every single night now, several times": the message's own subject is the
    # twitching the whole chat is about
    _Rule(
        "frequent_waking",
        _rx(
            r"^(?:and |but |now )?(?:it s|it is|its|it has been|it happens) (?:\w+ ){0,2}(?:every"
            r"|each) (?:single )?night"
        ),
    ),
    _Rule(
        "frequent_waking",
        _rx(
            r"\b(?:wake|wakes|waking|woke|woken|awake) (?:up )?(?:\w+ ){0,2}\d+ ?x\b"
            r"|\bkeeps? (?:waking|wakin)\b|\b(?:falling|fell) behind (?:at|in) (?:school|work)\b"
        ),
        context=_TWITCH_CONTEXT,
    ),
    _Rule(
        "frequent_waking",
        _rx(
            r"\b(?:wakes?|waking|woke|woken|wakening|jolts?|jolted|jolting|jerks?) (?:me |him "
            r"|her |them |us )?(?:up |awake )?(?:\w+ ){0,4}?(?:often|every night|all night"
            r"|every hour|a lot|most nights|nightly|constantly|repeatedly|all the time"
            r"|over and over|again and again|(?:\d+|two|three|four|five|six|seven|eight|nine"
            r"|ten|few|several|many|multiple|countless) times|loads|lots|heaps)\b"
            r"|\b(?:woken|wake|waking|wakes) up (?:\w+ ){0,2}(?:\d+|two|three|four|five|six"
            r"|several|many|multiple) times\b"
            r"|\b(?:every|each|most|all) (?:single )?nights?\b|\bnight after night\b"
            r"|\bkeeps? (?:me|him|her|us) (?:up|awake)\b"
            r"|\b(?:can|could) not (?:\w+ )?(?:sleep|get (?:back )?to sleep)\b"
            r"|\b(?:trouble|difficulty|problems?|struggl\w*) (?:\w+ )?(?:sleeping|to sleep"
            r"|falling asleep|staying asleep|getting back to sleep)\b"
            r"|\b(?:ruin\w*|spoil\w*|wreck\w*|destroy\w*|disrupt\w*|affect\w*|interfer\w*)"
            r" (?:\w+ ){0,2}(?:sleep|nights?|days?|life|work|daily life|daytime)\b"
            r"|\b(?:poor|bad|broken|terrible|awful) sleep\b"
            r"|\bnot (?:slept|sleeping|had a (?:full|whole) night) (?:thru|through) (?:the night )?(?:in"
            r"|for) (?:weeks|months|ages|days)\b"
            r"|\bsleep (?:is |has been )?(?:ruined|terrible|awful|poor|broken|bad)\b"
            r"|\bover and over\b|\bagain and again\b"
        ),
        context=_TWITCH_CONTEXT,
    ),
    _Rule(
        "leg_symptoms",
        _rx(
            r"\b(?:numb\w*|pins and needles|weak\w*|swell\w*|swollen) (?:\w+ ){0,4}(?:toes?|feet|foot"
            r"|legs?|calf|calves|ankles?)\b"
            r"|\b(?:legs?|feet|foot|toes?|fingers?|hands?|arms?) (?:\w+ ){0,3}(?:weaker|numb\w*"
            r"|swollen|swelling)\b|\bstruggl\w* to (?:get up|stand|climb|walk)\b"
            r"|\bstruggl\w* (?:with|on|up) (?:the )?stairs\b"
            # "my grip is weaker lately", "they've felt weak on the stairs"
            r"|\bgrips? (?:\w+ ){0,3}weak\w*|\bweak\w* grip\b"
            r"|\b(?:felt|feel|feels|feeling|been|getting|got|gone) weak(?:er)? (?:\w+ ){0,2}(?:on|climbing"
            r"|going up|up) (?:the )?stairs\b"
        ),
    ),
    _Rule(
        "leg_symptoms",
        _rx(
            r"\b(?:numb|numbness|weak|weakness|swollen|swelling|swell|swells|puffy|puffiness)\b (?:\w+ ){0,2}"
            r"(?:in |of )?(?:my |his |her |the |both )?(?:legs?|feet|foot|calf|calves|ankles?|thighs?)\b"
            r"|\b(?:legs?|feet|foot|calf|calves|ankles?|thighs?) (?:\w+ ){0,2}(?:no|any) (?:power|strength)\b"
            r"|\b(?:legs?|feet|foot|calf|calves|ankles?|thighs?) (?:\w+ ){0,3}(?:numb|weak|weaker|puffy"
            r"|swollen|swelling|swell|give way|gives way|giving way|tingl\w*|pins and needles)\b"
            r"|\b(?:bilateral |lower[- ]limb |leg |foot |peripheral )par(?:a)?esthesi\w*"
        ),
    ),
    _Rule(
        "urge_to_move",
        _rx(
            r"\b(?:has|have|had|must|need|needs|needing) to (?:get up and )?(?:walk|move|stretch|kick)\b"
            r"(?=.*\blegs?\b)|\blegs? (?:\w+ ){0,3}(?:will not|not|never|can not) (?:settle|keep still"
            r"|stay still|stop moving)\b|\blegs? (?:\w+ ){0,3}(?:itch\w* inside|crawl\w*|fizz\w*)\b"
            r"|\bmust move (?:them|my legs|his legs|her legs)\b"
            r"|\b(?:crawly|crawling|creeping|fizzy|itchy) (?:\w+ )?feeling (?:\w+ ){0,3}legs?\b"
            r"(?=.*\b(?:keep|kept|keeps) (?:moving|walking|kicking|stretching)\b)"
        ),
    ),
    _Rule(
        "urge_to_move",
        _rx(
            r"\burge to (?:move|kick|stretch|walk|get up)\b"
            # "can't sit through a film without needing to kick my legs about"
            r"|\b(?:can not|cannot) (?:sit|lie|stay) (?:\w+ ){0,4}without (?:needing|having|wanting) to"
            r" (?:move|kick|stretch|shake|get up|walk)\b"
            r"|\b(?:need|have|want|compelled|compulsion) to (?:keep )?(?:move|moving|kick"
            r"|kicking|stretch|shake|shaking) (?:my |his |her |the )?(?:legs?|feet|body)\b"
            r"|\b(?:can|could) not (?:keep|hold) (?:my |his |her |the )?(?:legs?|feet) still\b"
            r"|\brestless (?:legs?|leg syndrome|feet)\b"
            r"|\b(?:legs?|feet) (?:\w+ ){0,2}restless\b|\bcreepy crawly\b"
            r"|\blegs? (?:want|wants|need|needs) (?:always |all the time |constantly )?(?:to )?move\b"
            r"|\b(?:legs?|feet|body) (?:\w+ ){0,3}(?:want|wants|need|needs|have|has) (?:\w+ )?to"
            r" (?:move|kick|walk|stretch)\b|\b(?:can|could) not (?:stay|keep|lie|lay|sit) still\b"
        ),
    ),
    _Rule(
        "daytime_sleepiness",
        _rx(
            r"\b(?:sleepy|drowsy|tired|exhausted|fatigued|dozing|nodding off|falling asleep"
            r"|nod off|fall asleep) (?:\w+ ){0,3}(?:during the day|in the day|all day"
            r"|in the daytime|at work|at school|in class|at my desk|while driving"
            r"|at the wheel|in meetings|every day|all the time)\b"
            r"|\bdaytime (?:sleepiness|tiredness|fatigue|drowsiness)\b"
            r"|\b(?:exhausted|worn out|knackered|sleep deprived|shattered)\b"
        ),
        context=_TWITCH_CONTEXT,
    ),
    # no twitch words needed: daytime sleepiness is a reason to book a visit on its own
    _Rule(
        "daytime_sleepiness",
        _rx(
            r"\b(?:sleepy|drowsy|tired|exhausted|fatigued|knackered|zombie) (?:\w+ ){0,3}"
            r"(?:all day|during the day|in the day|every (?:single )?day|all the time|by \d+ ?pm)\b"
            r"|\b(?:nodding|nod|dozing|doze|falling|fall) (?:off|asleep) (?:\w+ ){0,10}mid[- ]?conversation\b"
            r"|\b(?:nodding|nod|dozing|doze) off (?:at|in"
            r"|during|on|while) (?:\w+ )?(?:work|desk|class|meetings?|day|bus|train|driving|school)\b"
            r"|\b(?:fall|falling|fell|falls) asleep (?:\w+ ){0,6}(?:(?:on|in) the bus"
            r"|at (?:my |the )?(?:desk|work|school|wheel)|in (?:class|meetings?|the car)|standing"
            r"|while (?:driving|eating|talking))\b"
            r"|\bsleep(?:s|ing)? (?:in|through) (?:class|classes|lessons?|school|meetings?|work)\b"
            r"|\btoo (?:tired|sleepy|exhausted) (?:for|to go to|to do) (?:school|work|class|lessons)\b"
            r"|\b(?:nod\w*|doz\w*) off (?:\w+ )?at (?:the |red |traffic )?lights\b"
            r"|\balways (?:drowsy|sleepy|tired)\b"
            r"|\b(?:all day|during the day|in the daytime|every day) (?:\w+ ){0,3}(?:sleepy|drowsy"
            r"|tired|exhausted)\b|\b(?:doz\w*|nod\w*) off (?:\w+ ){0,4}(?:in class|at work|at school"
            r"|every day|during the day|every evening|mid[- ]?conversation|in meetings|in the daytime)\b"
            r"|\b(?:doz\w*|nod\w*|fall\w*|fell) (?:off|asleep) (?:\w+ ){0,2}(?:every|each"
            r"|in the) afternoons?\b"
            r"|\balways (?:dozing|nodding|falling asleep)\b"
            r"|\b(?:sleepy|drowsy|tired) (?:\w+ )?(?:in|at) (?:the )?(?:office|work|meetings?|class)\b"
            r"|\b(?:can|could) not stay awake\b|\b(?:constantly|always|very) (?:drowsy|sleepy)\b"
            r"|\b(?:need|needs|take|takes) (?:\d+|two|three|several) naps\b"
            r"|\b(?:whole|all) day (?:\w+ )?(?:want|wants|need|needs) (?:to )?sleep\b"
            r"|\bsleeps? (?:\w+ ){0,3}all day\b|\bfalls? asleep in the (?:afternoon|day) every day\b"
        ),
    ),
)


# "is tingling around the mouth related to cramps? I have both": the general question
# is about the writer after all
_SAYS_IT_IS_THEIRS = _rx(
    r"\b(?:i|he|she|we) (?:have|has|get|gets|got|am getting|is getting|are getting) (?:both|it now"
    r"|them now|this now|that now|all of (?:them|these|those))\b|\bhappening to (?:me|him|her) (?:now"
    r"|right now)\b"
    # "can a dirty cut cause cramps? I have one on my foot ... spasming since yesterday"
    r"|\b(?:i|he|she|we) (?:have|has|got|ve got) one (?:on|in)\b"
    # "does the article mention tingling around the mouth? I get that with the cramps"
    r"|\bhappen(?:ed|s)? to (?:me|him|her)\b|\b(?:i|he|she) (?:get|gets|have|has|had|got) (?:that|this)"
    r" (?:with|too|as well|a lot|lately|sometimes|often|every)\b"
    r"|\b(?:my|his|her) \w+ (?:has|have) been \w+ing (?:\w+ ){0,3}since\b"
    # "does the article cover waking up with a chewed tongue? happened twice now"
    r"|\bhappened (?:to (?:me|him|her) )?(?:twice|again|a (?:couple|few) (?:of )?times|several times"
    r"|more than once|\w+ times)\b"
)


_DAYS_OR_WEEKS_AGO = _rx(
    r"\b(?:\d+|a|one|two|three|four|five|six|few|couple of) (?:days?|weeks?|weekends?) ago\b"
    r"|\blast (?:week|weekend)\b"
)


def _scan_rules(
    s: _Sentence, rules: tuple[_Rule, ...], text: str, found: _Findings, hypothetical_counts: bool = False
) -> None:
    """Add the flags of rules that match; `hypothetical_counts` keeps "what do I do if
    someone is not breathing?" from being waved through as a general question."""
    general = (
        _knowledge_question(s)
        or (_generic_question(s) and not (hypothetical_counts and _HYPOTHETICAL.search(s.text)))
    ) and not _SAYS_IT_IS_THEIRS.search(text)
    for rule in rules:
        if rule.context is not None and not rule.context.search(text):
            continue
        if rule.also is not None and not rule.also.search(text):
            continue
        for m in rule.pattern.finditer(s.text):
            idx = s.word_index(m.start())
            # a question about lethal doses is a crisis sign however it is put
            asked = general and rule.flag != "suicide"
            # recovered is past for an emergency, not for a sign a doctor should check
            recovery_counts = FLAG_LEVELS[rule.flag] == Level.EMERGENCY
            # a wound days or weeks ago is the point of "cramps after a dirty wound" (tetanus)
            distant = _distant(s, idx, recovery_counts) and not (
                rule.flag == "wound_cramps" and _DAYS_OR_WEEKS_AGO.search(s.text)
            )
            if asked or _negated(s, idx) or distant:
                if not _negated(s, idx):
                    found.set_aside.add(rule.flag)
                found.suppressed += 1
                found.suppressed_emergency += FLAG_LEVELS[rule.flag] == Level.EMERGENCY
                continue
            if rule.self_flag and _first_person(s, idx):
                found.add(rule.self_flag)
            else:
                found.add(rule.flag)
