"""How the assistant words its replies: facts with their source, buttons, disclaimer.

Plain Python. Every medical statement comes from the knowledge file; the texts
here only frame it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from actions.knowledge import Fact, KnowledgeBase

DISCLAIMER = ("I'm an automated assistant that explains one article, not a doctor: "
              "for advice about your own health, please ask a doctor.")
CORE_TOPICS = ("causes", "doctor", "lab", "relief")
# Caveats are mainstream guidance, not the article's claims: labelled apart from them.
CAVEAT_LABEL = "General guidance (not from the article):"
# Reference ranges and critical limits are not the article's: say so wherever they appear.
GENERAL_GUIDANCE_SOURCE = ("The reference range and critical limits are general guidance "
                           "from laboratory references, not from the article.")
# Small talk lives here rather than in domain.yml responses: every reply goes
# through action_respond, so the safety screen and the once-per-conversation
# disclaimer are applied in one place. None of these texts states a medical fact.
SMALL_TALK = {
    "greet": "Hi! I can tell you what the article \"What are the causes of sudden twitching "
             "during sleep?\" says. What would you like to know?",
    "goodbye": "Goodbye, and sleep well!",
    "thanks": "You're welcome! Anything else about twitching in sleep?",
    "deny": "Alright. Is there anything else you'd like to know about twitching in sleep?",
    "bot_challenge": "I'm a bot: an automated assistant, not a person.",
    "ask_capabilities": (
        "I can explain what the article says about sudden twitching in sleep: its causes, "
        "what it is and who gets it, when to see a doctor, the blood values it mentions "
        "(calcium and magnesium), calf cramps, and relief methods. You can also tell me your "
        "own calcium or magnesium result and I'll compare it with the article's threshold."),
    "out_of_scope": (
        "Sorry, that isn't something the article covers, so I can't help with it. I only "
        "answer questions about sudden twitching during sleep. You could ask about:"),
    "fallback": (
        "Sorry, I didn't understand that. I can only help with questions about the article "
        "on sudden twitching during sleep. Could you rephrase, or pick a topic?"),
}
TOPIC_INTENTS = {"causes": "ask_causes", "mechanism": "ask_mechanism", "who": "ask_who",
                 "lab": "ask_lab_values", "doctor": "ask_doctor", "cramps": "ask_cramps",
                 "relief": "ask_relief"}


@dataclass
class Message:
    """One bot message: text and optional quick-reply buttons."""
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        data: dict = {"text": self.text}
        if self.buttons:
            data["buttons"] = self.buttons
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
            shown += [Message(message.text), Message(MENU_TITLE, message.buttons)]
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


def source_line(*facts: Fact) -> str:
    """Names the section of every sentence the answer stands for, each once."""
    names: list[str] = []
    for fact in facts:
        for number, title in fact.sections or ((fact.section_number, fact.section_title),):
            name = _section_name(number, title)
            if name not in names:
                names.append(name)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Source: the article, {joined}."


def fact_text(fact: Fact, with_caveat: bool = True) -> str:
    """The answer, where it comes from, and the caveat when medical-notes flags it."""
    parts = [fact.answer, source_line(fact)]
    if with_caveat and fact.caveat:
        parts.append(f"{CAVEAT_LABEL} {fact.caveat}")
    return "\n".join(parts)


def facts_text(facts: list[Fact]) -> str:
    """Several facts in one reply: answers first, then sources and caveats once each."""
    if len(facts) == 1:
        return fact_text(facts[0])
    answers = " ".join(f.answer for f in facts)
    caveats = [f.caveat for f in facts if f.caveat]
    lines = [answers, source_line(*facts)]
    if caveats:
        lines.append(f"{CAVEAT_LABEL} " + " ".join(dict.fromkeys(caveats)))
    return "\n".join(lines)
