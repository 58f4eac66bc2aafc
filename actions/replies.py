"""How the assistant words its replies: facts with their source, buttons, disclaimer.

Plain Python. Every medical statement comes from the knowledge file; the texts
here only frame it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from actions.knowledge import Fact, KnowledgeBase

DISCLAIMER = (
    "I'm an automated assistant that explains one article, not a doctor: "
    "for advice about your own health, please ask a doctor."
)
CORE_TOPICS = ("causes", "doctor", "lab", "relief")
# Caveats are mainstream guidance, not the article's claims: labelled apart from them.
CAVEAT_LABEL = "General guidance (not from the article):"
# Reference ranges and critical limits are not the article's: say so wherever they appear.
GENERAL_GUIDANCE_SOURCE = (
    "The reference range and critical limits are general guidance "
    "from laboratory references, not from the article."
)
# The dialogue's own sentences (actions/dialogue.py): framing only, no medical claim
# except the seizure note, which repeats docs/medical-notes.md's first aid.
WHY_PREFIX = "Here is what the article says about why:"
NO_SPECIFIC_WHY = (
    "The article doesn't say why for this case specifically. Its general explanation " "of the twitching is:"
)
# The article is silent on what was asked (actions/coverage.py): said before the nearest facts.
NOT_SAID = "The article doesn't say {what}. Here is what it does say:"
# What each kind of detail the article never gives is called in NOT_SAID (coverage.DETAILS)
NOT_SAID_WHAT = {
    "duration": "how long",
    "amount": "how much",
    "ranking": "which of them is most common, likely or effective",
    "speed": "how quickly it works",
    "temperature": "whether it should be warm or cold",
    "upper_limit": "where the upper limit is",
    "sources": "what evidence or sources it rests on",
    "timing": "when to do it",
    "which_calcium": "whether it means total or ionised calcium",
    "authorship": "who wrote it or when",
    "cutoff_time": "how late or how long before bed",
    "outcome": "whether or when it goes away",
    "drug_name": "which medication it means (it names none)",
    "children": "anything specific about children",
    "age": "anything about age",
    "specialist": "which kind of doctor to see",
    "heredity": "whether it runs in families",
    "normal_range": "what the normal range is (it gives only a threshold for low values)",
    "where_to_buy": "where to buy it",
    "what_it_is": "what it is: it only names it among the herbal medicines",
}
TELL_ME_MORE = "Tell me more"
GLOSS_WHERE = "The article uses the word in {where}."
NOT_MENTIONED = "The article doesn't mention \u201c{thing}\u201d. Here is what it says nearest to that:"
NO_FURTHER_WHY = "The article doesn't explain that any further."
END_OF_TOPIC = "That's everything the article says about {topic}. Anything else?"
STEP_ADVICE_NOT_FOR_SEIZURES = (
    "The article's \u201cget up and step on the ground\u201d is meant for a cramp-like attack in the "
    "leg, not for a seizure: during a seizure, don't try to get up or get the person up."
)
SEIZURE_NOT_CRAMP = (
    "Because you described what sounds like a seizure, I won't repeat the article's "
    "advice for cramps here. During a seizure, don't try to get the person up: keep them "
    "safe, and call your local emergency number if it lasts over five minutes or they "
    "don't wake up."
)
HOW_TO_GIVE_A_VALUE = (
    "If you tell me the test, the number and the unit from your report (for "
    'example "calcium 2.3 mmol/L"), I can compare it with the article\'s threshold.'
)
WHICH_UNIT = "Which unit is your {test} result of {value} in? Lab reports usually say mmol/L or mg/dL."
IN_MEQ = (
    "In mEq/L (general guidance, not from the article: for calcium and magnesium, "
    "mEq/L = 2 x mmol/L): {values}."
)
UNIT_FROM_BEFORE = (
    "I've read it in {unit}, the unit of your previous result; tell me if your report " "gives another unit."
)
UNIT_FROM_ARTICLE = (
    "I've read it in mmol/L, the unit of the article's threshold; tell me if your report "
    "gives another unit."
)
UNIT_WITHOUT_VALUE = (
    "Which result is that unit for? Send the test and the number too, for example " '"calcium 2.3 mmol/L".'
)
WELCOME = "You're welcome!"
DID_YOU_MEAN = "I'm not sure which you mean. Did you mean:"
SOMETHING_ELSE = "Something else"
# Small talk lives here rather than in domain.yml responses: every reply goes
# through action_respond, so the safety screen and the once-per-conversation
# disclaimer are applied in one place. None of these texts states a medical fact.
SMALL_TALK = {
    "greet": 'Hi! I can tell you what the article "What are the causes of sudden twitching '
    'during sleep?" says. What would you like to know? Ask in your own words, or pick a topic:',
    "goodbye": "Goodbye, and sleep well!",
    "thanks": "You're welcome! Anything else about twitching in sleep?",
    "deny": "Alright. Is there anything else you'd like to know about twitching in sleep?",
    "bot_challenge": "I'm a bot: an automated assistant, not a person.",
    "ask_capabilities": (
        "I can explain what the article says about sudden twitching in sleep: its causes, "
        "what it is and who gets it, when to see a doctor, the blood values it mentions "
        "(calcium and magnesium), calf cramps, and relief methods. You can also tell me your "
        "own calcium or magnesium result and I'll compare it with the article's threshold. "
        "Every answer comes from that one article, with general guidance from medical "
        "references marked as such; I'm not a doctor and can't diagnose you. Ask a question "
        "in your own words, or pick a topic:"
    ),
    "out_of_scope": (
        "Sorry, the article doesn't cover that, so I can't help with it. I only "
        "answer questions about sudden twitching during sleep. You could ask about:"
    ),
    "diagnosis": (
        "I can't diagnose you: I'm an automated assistant that explains one article, not a "
        "doctor, so for a diagnosis please see one. I can tell you what the article says, for "
        "example about the causes or when to see a doctor:"
    ),
    # "is the article reliable?": what the page is (docs/medical-notes.md), not a medical claim
    "reliability": (
        "The article is a translated consumer health page: it names no author, date or sources, "
        'and parts of it are medically shaky (it calls cramp-like attacks "seizures" and makes '
        "more of low calcium than mainstream sources do). That's why I say which section each "
        "claim comes from and add what mainstream sources say, labelled as general guidance. "
        "Use it as background, not as advice for your own health: for that, please ask a doctor. "
        "You could ask what it says about:"
    ),
    "animal": (
        "The article is about people, so it doesn't cover animals: for a pet, please ask a "
        "vet. I can tell you what it says about twitching in people's sleep:"
    ),
    "fallback": (
        "Sorry, I didn't understand that. I can only help with questions about the article "
        "on sudden twitching during sleep. Could you rephrase, or pick a topic?"
    ),
    # a message mostly not in English: the article and the answers are English only
    "not_english": (
        "Sorry, I can only answer in English, about the English article on sudden twitching "
        "during sleep. Could you ask in English, or pick a topic?"
    ),
}
TOPIC_INTENTS = {
    "causes": "ask_causes",
    "mechanism": "ask_mechanism",
    "who": "ask_who",
    "lab": "ask_lab_values",
    "doctor": "ask_doctor",
    "cramps": "ask_cramps",
    "relief": "ask_relief",
}


# The kinds of part a reply is made of. Channels that render replies themselves
# (channels/render.py) style each kind; all others show `Message.text`.
SAFETY = "safety"  # a safety screen's text: always first, shown strongest
TEXT = "text"  # framing: small talk, a clarification, "Here is what ... why:"
ANSWER = "answer"  # the article's claim (or a lab value compared with it)
SOURCE = "source"  # "Source: the article, section N (Title)." with its citations
CAVEAT = "caveat"  # general guidance where medical-notes differ, after its label
NOTICE = "notice"  # the disclaimer, set apart by a blank line
KINDS = (SAFETY, TEXT, ANSWER, SOURCE, CAVEAT, NOTICE)
# The key of the bot message that carries the parts to the channel (see as_dict).
PARTS_KEY = "parts"


@dataclass(frozen=True)
class Citation:
    """One section named in a source line, and the facts it stands for there: the
    channel links `label` to the article reader (article?fact=<id>#section-N)."""

    label: str  # as written in the source line: "section 1 (Reasons)"
    section: int  # 0 is the introduction
    facts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "section": self.section, "facts": list(self.facts)}

    @classmethod
    def from_dict(cls, data: Any) -> "Citation":
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("label"), str)
            or not isinstance(data.get("section"), int)
        ):
            raise ValueError("a citation has a string label and an integer section")
        facts = data.get("facts") or []
        if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
            raise ValueError("a citation's facts are strings")
        return cls(data["label"], data["section"], tuple(facts))


@dataclass(frozen=True)
class Part:
    """One piece of a reply. `text` is the knowledge file's wording, unchanged; a
    caveat's label ("General guidance (not from the article):") is kept apart so a
    channel can set it in bold."""

    kind: str
    text: str
    label: str = ""
    citations: tuple[Citation, ...] = ()

    @property
    def plain(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.label:
            data["label"] = self.label
        if self.citations:
            data["citations"] = [c.to_dict() for c in self.citations]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "Part":
        if (
            not isinstance(data, dict)
            or data.get("kind") not in KINDS
            or not isinstance(data.get("text"), str)
            or not isinstance(data.get("label", ""), str)
        ):
            raise ValueError(f"a part has a kind out of {KINDS} and a string text")
        citations = data.get("citations") or []
        if not isinstance(citations, list):
            raise ValueError("a part's citations are a list")
        return cls(
            data["kind"], data["text"], data.get("label", ""), tuple(Citation.from_dict(c) for c in citations)
        )


def plain_text(parts: list[Part]) -> str:
    """The parts as one text, one per line; the notice after a blank line. This is
    what REST, `rasa shell` and any channel that does not render parts show."""
    text = ""
    for part in parts:
        if text:
            text += "\n\n" if part.kind == NOTICE else "\n"
        text += part.plain
    return text


def parts_from(message: dict[str, Any]) -> list[Part] | None:
    """The parts a bot message carries, or None (absent or malformed: the channel
    then shows the message's text, as it would any other bot's)."""
    raw = message.get(PARTS_KEY)
    if not isinstance(raw, list) or not raw:
        return None
    try:
        return [Part.from_dict(item) for item in raw]
    except ValueError:
        return None


@dataclass(init=False)
class Message:
    """One bot message: its parts and optional quick-reply buttons."""

    parts: list[Part]
    buttons: list[dict[str, str]]

    def __init__(
        self, text: str = "", buttons: list[dict[str, str]] | None = None, parts: list[Part] | None = None
    ) -> None:
        self.parts = list(parts) if parts is not None else ([Part(TEXT, text)] if text else [])
        self.buttons = list(buttons or [])

    @property
    def text(self) -> str:
        return plain_text(self.parts)

    def as_dict(self) -> dict:
        """The bot message for the dispatcher. Why the parts travel as an extra key:
        Rasa keeps unknown keys of an action's message as the bot event's metadata and
        hands them to the output channel inside the message (BotUttered.message()),
        so a channel that knows them renders the parts in its own idiom, and every
        other channel (REST, rasa shell, stock connectors) ignores them and shows the
        plain `text`. A `custom` payload would instead reach every channel as a second
        message (OutputChannel.send_response sends text *and* custom)."""
        data: dict = {"text": self.text}
        if self.buttons:
            data["buttons"] = self.buttons
        if any(part.kind != TEXT for part in self.parts):
            data[PARTS_KEY] = [part.to_dict() for part in self.parts]
        return data


# `rasa shell` shows a message with buttons as a menu whose title is the message text,
# cut at the terminal's width: there the text goes first, whole, then a short menu.
TERMINAL_CHANNEL = "cmdline"
MENU_TITLE = "Choose one, or type your own question:"


def for_channel(messages: list[Message], channel: str | None) -> list[Message]:
    """The messages as the channel shows them best."""
    if channel != TERMINAL_CHANNEL:
        return messages
    shown: list[Message] = []
    for message in messages:
        if message.buttons and message.text:
            shown += [Message(parts=message.parts), Message(MENU_TITLE, message.buttons)]
        else:
            shown.append(message)
    return shown


def button(title: str, intent: str, entities: dict[str, str] | None = None) -> dict[str, str]:
    """A button whose payload is an intent, so it works without NLU on any channel."""
    payload = "/" + intent
    if entities:
        inner = ", ".join(f'"{k}": "{v}"' for k, v in entities.items())
        payload += "{" + inner + "}"
    return {"title": title, "payload": payload}


def topic_buttons(kb: KnowledgeBase, topics: tuple[str, ...] = CORE_TOPICS) -> list[dict[str, str]]:
    return [button(kb.topics[t].title, TOPIC_INTENTS[t]) for t in topics]


def _section_name(number: int, title: str) -> str:
    return "introduction" if number == 0 else f"section {number} ({title})"


def citations(*facts: Fact) -> tuple[Citation, ...]:
    """Every section the answer's sentences stand in, each once, with its facts."""
    found: dict[tuple[int, str], list[str]] = {}
    for fact in facts:
        for number, title in fact.sections or ((fact.section_number, fact.section_title),):
            ids = found.setdefault((number, _section_name(number, title)), [])
            if fact.id not in ids:
                ids.append(fact.id)
    return tuple(Citation(name, number, tuple(ids)) for (number, name), ids in found.items())


def source_part(*facts: Fact, extra: str = "") -> Part:
    """ "Source: the article, section 1 (Reasons)." naming each section once, with
    `extra` after it (what in the answer is not the article's)."""
    cited = citations(*facts)
    names = [c.label for c in cited]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    text = f"Source: the article, {joined}."
    return Part(SOURCE, f"{text} {extra}" if extra else text, citations=cited)


def source_line(*facts: Fact) -> str:
    """Names the section of every sentence the answer stands for, each once."""
    return source_part(*facts).text


def caveat_part(caveat: str) -> Part:
    return Part(CAVEAT, caveat, label=CAVEAT_LABEL)


def fact_parts(fact: Fact, with_caveat: bool = True) -> list[Part]:
    """The answer, where it comes from, and the caveat when medical-notes flags it."""
    parts = [Part(ANSWER, fact.answer), source_part(fact)]
    if with_caveat and fact.caveat:
        parts.append(caveat_part(fact.caveat))
    return parts


def facts_parts(facts: list[Fact]) -> list[Part]:
    """Several facts in one reply: answers first, then sources and caveats once each."""
    if len(facts) == 1:
        return fact_parts(facts[0])
    caveats = [f.caveat for f in facts if f.caveat]
    parts = [Part(ANSWER, " ".join(f.answer for f in facts)), source_part(*facts)]
    if caveats:
        parts.append(caveat_part(" ".join(dict.fromkeys(caveats))))
    return parts


def fact_text(fact: Fact, with_caveat: bool = True) -> str:
    return plain_text(fact_parts(fact, with_caveat))


def facts_text(facts: list[Fact]) -> str:
    return plain_text(facts_parts(facts))
