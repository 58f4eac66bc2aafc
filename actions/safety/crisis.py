"""Warning signs of suicide that are not said outright.

People rarely write "I want to kill myself". They write that their family is better
off without them, that they have looked up how many pills it takes, that they gave
their things away. One such sign can be innocent ("I've had enough of this
twitching"); two different kinds together rarely are. So the signs are read as kinds,
not phrases: despair or being a burden, death or a means of dying, and preparation.
A message with two kinds, or with one of the few signs that are never innocent, is a
crisis. The text is the screen's normalised text (lower case, contractions expanded,
idioms such as "dying to know" already removed).
"""

from __future__ import annotations

import re

_WORD_GAP = r"(?:\w+ ){0,3}"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


DESPAIR = _rx(
    r"\b(?:better|easier|happier) (?:off )?without me\b|\bwill not be (?:a |an )?(?:problem|burden"
    r"|bother|trouble) (?:\w+ ){0,3}(?:much )?(?:longer|soon|for long)\b|\bburden (?:to|on|for)"
    r" (?:everyone|everybody|my|them|others)\b|\b(?:life|living|it all|everything) (?:has |makes"
    r" |is )?(?:no|not any) (?:sense|point|meaning)\b|\bno (?:sense|point|reason|meaning) (?:in |to )"
    r"?(?:life|living|anything|go on|going on)\b|\b(?:life|living) no sense\b|\bhad enough\b"
    r"|\bcan not (?:do this|take (?:it|this|any more)|cope|go on|carry on|keep going) any ?more\b"
    r"|\bno (?:strength|energy|hope|will) (?:left|any ?more)\b|\bkeine kraft\b|\bhopeless\b"
    r"|\bno way out\b|\bnobody would (?:notice|care|miss)\b|\b(?:does|will) not (?:really )?matter"
    r" (?:does it|any ?more|much longer|soon)\b|\bnothing (?:really )?matters\b|\bgive up on"
    r" (?:life|everything|living)\b|\btired of (?:everything|it all|fighting|trying)\b"
    r"|\b(?:do not|can not) see a (?:future|way forward)\b|\b(?:dark|black|suicidal) thoughts\b"
)
DEATH = _rx(
    r"\b(?:dead|die|dying|death|lethal|fatal|deadly|overdose|od)\b|\bpainless (?:way|method|death)\b"
    r"|\b(?:end|ending|finish|finishing) (?:it|everything|things)\b|\b(?:rope|noose|beam|ledge)\b"
    r"|\b(?:drive|driving|drove|crash|crashing|steer\w*) (?:\w+ ){0,3}into (?:a |the |an )?(?:wall"
    r"|tree|truck|lorry|river|bridge|oncoming)\b|\bjump (?:off|from|in front)\b|\bin front of (?:a"
    r" |the )?(?:train|bus|truck|lorry|car)\b|\bhow (?:much|many) (?:\w+ ){0,2}(?:pills|tablets"
    r"|meds|of them|of it) (?:\w+ ){0,3}(?:needed|need|enough|would|it takes|takes|to)\b"
    r"|\b(?:take|took|taking|swallow\w*) (?:\d{2,}|\w+ty) of\b"
    # "nobody would notice if I was gone"
    r"|\bif (?:i|he|she) (?:was|were|am|is) (?:gone|not here|not around|no longer here)\b(?! for\b)"
    r"|\b(?:take|took|taking|swallow\w*) (?:\d+|\w+ty|all|the whole|a whole) (?:\w+ ){0,5}(?:at once"
    r"|in one go|together)\b|\bon purpose\b|\bnot wake up\b|\bnever wake up\b|\bsleep forever\b"
)
PREPARATION = _rx(
    r"\bgiv(?:en|ing|e|ed) (?:away )?(?:\w+ ){0,3}(?:stuff|things|belongings|possessions|clothes"
    r"|books) away\b|\bgiv(?:en|ing|e) away (?:\w+ ){0,3}(?:stuff|things|belongings|possessions)\b"
    r"|\b(?:bought|buy|got|have|found) (?:a |some )?(?:rope|gun|noose|blades?|razors?)\b"
    r"|\b(?:looked|looking|search\w*|read|reading|research\w*|googl\w*) (?:\w+ ){0,4}(?:how (?:much"
    r"|many)|which (?:meds|pills|tablets)|lethal|painless|the way)\b|\bnot asking for a friend\b"
    r"|\b(?:said|saying|say) goodbye\b|\b(?:wrote|written|writing) (?:\w+ ){0,2}(?:letters?|notes?|a will)\b"
    r"|\bcontract ends\b|\bwhen (?:i am|i m) (?:dead|gone)\b|\bafter i am gone\b"
    r"|\bkeep (?:looking|staring) at (?:the )?(?:beam|rope|bridge|pills|tablets)\b"
)
# Signs that are a crisis on their own, whatever else the message says.
ALONE = _rx(
    r"\b(?:better|easier) off without me\b|\bfamily (?:is |are |would be )?better without me\b"
    r"|\bwill not be (?:a |an )?(?:problem|burden) (?:for|to) (?:anyone|anybody|everyone|them)"
    r" (?:\w+ ){0,2}longer\b|\bthink about (?:\w+ ){0,4}(?:driving|crashing|steering) (?:\w+ ){0,3}into\b"
    r"|\b(?:does|will) (?:the )?(?:\w+ ){0,2}stop when (?:you are|you re|i am|i m) dead\b"
    r"|\bwhat is the painless way\b|\bpainless way\b|\blife no sense\b"
    r"|\bhow (?:much|many) (?:\w+ ){0,2}(?:pills|tablets) (?:is |are )?needed\b"
)


def warning_signs(norm: str) -> bool:
    """True when the normalised message shows suicide warning signs (see the module text)."""
    if ALONE.search(norm):
        return True
    kinds = sum(bool(kind.search(norm)) for kind in (DESPAIR, DEATH, PREPARATION))
    return kinds >= 2


def any_sign(norm: str) -> bool:
    """At least one kind of warning sign, innocent alone or not."""
    return any(kind.search(norm) for kind in (DESPAIR, DEATH, PREPARATION, ALONE))
