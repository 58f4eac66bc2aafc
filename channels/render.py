"""One reply, rendered per channel.

The action sends every bot message twice over: as plain text (answer, "Source: ...",
"General guidance (not from the article): ...", one per line) and as structured
parts (actions/replies.py, `Part`, under the message's "parts" key; why that way:
`Message.as_dict`). Each output channel that knows the parts renders them here in
its platform's own idiom; a message without parts, or with malformed ones, is
shown as its plain text by the stock code, as is every channel that knows nothing
of them (REST, `rasa shell`).

- the web widget: markdown paragraphs (the widget renders markdown), the source's
  sections linked to the article reader, the caveat's label in bold; the disclaimer
  as its own bubble (web/chat.js styles the paragraphs)
- Telegram: HTML parse mode, everything escaped, links on the sections
- Slack: Block Kit, the answer in a section, the source as small context text
  with links, the caveat as a quote, buttons as an actions block
- Facebook Messenger: plain text (Messenger has no markup) in messages of at most
  2,000 characters, the reader's address under the source line

Every platform gets the same words; only the markup differs. Safety texts always
come first (the action puts them first) and are set in bold where the platform
has bold. Links need the assistant's public address (ASSISTANT_PUBLIC_URL, e.g.
https://bot.example.org); without it the messaging platforms get the source line
without links (the web widget links relative to its own server).

Plain Python (no Rasa): tested without a server.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

import settings
from actions.replies import (
    CAVEAT,
    NOTICE,
    SAFETY,
    SOURCE,
    TEXT,
    Citation,
    Part,
    parts_from,
)

READER_PATH = "/webhooks/webpage/article"
TELEGRAM_LIMIT = 4096  # characters of a message's text, after markup
FACEBOOK_LIMIT = 2000  # characters of a text message
FACEBOOK_TEMPLATE_LIMIT = 640  # characters of a button template's text
FACEBOOK_TEMPLATE_BUTTONS = 3
FACEBOOK_QUICK_REPLIES = 13
FACEBOOK_TITLE = 20  # characters of a quick reply's title
SLACK_SECTION_LIMIT = 3000  # characters of a section block's text
SLACK_BUTTONS = 25  # elements of an actions block
SLACK_BUTTON_TITLE = 75
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# Bot message contents the stock code sends (an image, a custom payload, ...)
STOCK_ONLY = ("custom", "image", "attachment", "elements", "quick_replies")


def reply_parts(message: dict[str, Any]) -> list[Part] | None:
    """The parts to render for a bot message: its own, or its text as one part; None
    for anything else, which the stock code sends as before."""
    if any(message.get(key) for key in STOCK_ONLY):
        return None
    parts = parts_from(message)
    if parts:
        return parts
    text = message.get("text")
    return [Part(TEXT, text)] if isinstance(text, str) and text.strip() else None


def public_url() -> str | None:
    """ASSISTANT_PUBLIC_URL without a trailing slash, if it is an http(s) origin."""
    value = (settings.given("ASSISTANT_PUBLIC_URL") or "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return value


def reader_url(citation: Citation, base: str = "") -> str:
    """The article reader at the cited section, the cited facts' sentences marked.
    `base` "" gives a root-relative address (the web widget resolves it)."""
    query = urlencode([("fact", fact) for fact in citation.facts])
    return f"{base}{READER_PATH}{'?' + query if query else ''}#section-{citation.section}"


def segments(part: Part) -> list[tuple[str, Citation | None]]:
    """The part's plain text cut into pieces, each cited section's label its own
    piece with its citation (a label missing from the text is not linked)."""
    text, pieces, start = part.plain, [], 0
    for citation in part.citations:
        at = text.find(citation.label, start)
        if at < 0:
            continue
        pieces += [(text[start:at], None), (citation.label, citation)]
        start = at + len(citation.label)
    pieces.append((text[start:], None))
    return [(piece, citation) for piece, citation in pieces if piece]


def gap(previous: Part | None, part: Part) -> str:
    """A blank line before the caveat and the disclaimer and after a safety text;
    the source stays right under its answer."""
    if previous is None:
        return ""
    return "\n\n" if part.kind in (CAVEAT, NOTICE) or previous.kind == SAFETY else "\n"


def split_long(part: Part, limit: int) -> list[Part]:
    """A part too long for one message, cut between sentences (a sentence longer
    than the limit is cut hard). The label and citations stay with the first piece."""
    if len(part.plain) <= limit:
        return [part]

    def room(index: int) -> int:
        return limit - (len(part.label) + 1 if part.label and index == 0 else 0)

    pieces: list[str] = []
    for sentence in SENTENCE_END.split(part.text):
        if pieces and len(pieces[-1]) + 1 + len(sentence) <= room(len(pieces) - 1):
            pieces[-1] += " " + sentence
            continue
        while len(sentence) > room(len(pieces)):
            cut = room(len(pieces))
            pieces.append(sentence[:cut])
            sentence = sentence[cut:]
        if sentence:
            pieces.append(sentence)
    return [
        Part(part.kind, text, part.label if i == 0 else "", part.citations if i == 0 else ())
        for i, text in enumerate(pieces)
    ]


def chunks(parts: list[Part], limit: int, render: Callable[[list[Part]], str]) -> list[str]:
    """The parts rendered into as few texts of at most `limit` characters as they fit,
    never splitting a part unless it alone is too long."""
    texts: list[str] = []
    group: list[Part] = []
    for part in parts:
        for piece in split_long(part, limit - 20):
            if group and len(render(group + [piece])) > limit:
                texts.append(render(group))
                group = []
            group.append(piece)
    if group:
        texts.append(render(group))
    return texts


# --- Telegram ------------------------------------------------------------------------


def _telegram_part(part: Part, base: str | None) -> str:
    if part.kind == CAVEAT:
        return f"<b>{html.escape(part.label, quote=False)}</b> {html.escape(part.text, quote=False)}"
    text = "".join(
        f'<a href="{html.escape(reader_url(citation, base), quote=True)}">'
        f"{html.escape(piece, quote=False)}</a>"
        if citation and base
        else html.escape(piece, quote=False)
        for piece, citation in segments(part)
    )
    if part.kind == SAFETY:
        return f"<b>{text}</b>"
    if part.kind in (SOURCE, NOTICE):
        return f"<i>{text}</i>"
    return text


def telegram_html(parts: list[Part], base: str | None = None) -> list[str]:
    """Texts for sendMessage with parse_mode=HTML: safety in bold, source and
    disclaimer in italics, sections linked, the caveat's label in bold. Every text
    is escaped (<, >, &; quotes in addresses), so nothing a reply says is markup."""

    def render(group: list[Part]) -> str:
        out, previous = "", None
        for part in group:
            out += gap(previous, part) + _telegram_part(part, base)
            previous = part
        return out

    return chunks(parts, TELEGRAM_LIMIT, render)


# --- Slack ---------------------------------------------------------------------------


def slack_escape(text: str) -> str:
    """The three characters Slack's mrkdwn wants escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_text(part: Part, base: str | None) -> str:
    return "".join(
        f"<{reader_url(citation, base)}|{slack_escape(piece)}>" if citation and base else slack_escape(piece)
        for piece, citation in segments(part)
    )


def _slack_block(part: Part, base: str | None) -> dict[str, Any]:
    if part.kind in (SOURCE, NOTICE):  # small, grey: under the answer
        return {"type": "context", "elements": [{"type": "mrkdwn", "text": _slack_text(part, base)}]}
    if part.kind == CAVEAT:
        text = f"> *{slack_escape(part.label)}* {slack_escape(part.text)}"
    elif part.kind == SAFETY:
        text = f"*{_slack_text(part, base)}*"
    else:
        text = _slack_text(part, base)
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def slack_blocks(
    parts: list[Part], buttons: list[dict[str, Any]], base: str | None = None
) -> list[dict[str, Any]]:
    """Block Kit blocks: one per part (long parts cut into sections of at most 3,000
    characters), then the buttons as one actions block, after the whole answer."""
    blocks = [
        _slack_block(piece, base) for part in parts for piece in split_long(part, SLACK_SECTION_LIMIT - 200)
    ]
    if buttons:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": b["title"][:SLACK_BUTTON_TITLE]},
                        "value": b["payload"],
                        "action_id": f"button-{i}",
                    }
                    for i, b in enumerate(buttons[:SLACK_BUTTONS])
                ],
            }
        )
    return blocks


# --- Facebook Messenger --------------------------------------------------------------


def _facebook_part(part: Part, base: str | None) -> str:
    if part.kind != SOURCE or not base or not part.citations:
        return part.plain
    # Messenger shows no markup but makes addresses clickable: one under the line
    return part.plain + "".join(f"\n{reader_url(c, base)}" for c in part.citations)


def facebook_texts(parts: list[Part], base: str | None = None) -> list[str]:
    """Plain texts of at most 2,000 characters, parts apart as in `gap`."""

    def render(group: list[Part]) -> str:
        out, previous = "", None
        for part in group:
            out += gap(previous, part) + _facebook_part(part, base)
            previous = part
        return out

    return chunks(parts, FACEBOOK_LIMIT, render)


def facebook_quick_replies(buttons: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {"content_type": "text", "title": b["title"][:FACEBOOK_TITLE], "payload": b["payload"]}
        for b in buttons[:FACEBOOK_QUICK_REPLIES]
    ]


# --- the web widget (rasa-webchat, markdown) -----------------------------------------

# What remark (the widget's markdown parser) lets a backslash escape: enough to
# keep any text literal (no emphasis, links, lists, headings, code).
MARKDOWN_SPECIAL = re.compile(r"([\\`*{}\[\]()#+\-.!_>~|<])")


def markdown_escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_part(part: Part) -> str:
    if part.kind == CAVEAT:
        return f"**{markdown_escape(part.label)}** {markdown_escape(part.text)}"
    text = "".join(
        f"[{markdown_escape(piece)}]({reader_url(citation)})" if citation else markdown_escape(piece)
        for piece, citation in segments(part)
    )
    return f"**{text}**" if part.kind == SAFETY else text


def webchat_markdown(parts: list[Part]) -> list[str]:
    """One markdown text per chat bubble: the reply, then the disclaimer on its own.
    Each part is its own paragraph (a single newline would join them)."""
    bubbles: list[list[str]] = [[]]
    for part in parts:
        if part.kind == NOTICE and bubbles[-1]:
            bubbles.append([])
        bubbles[-1].append(_markdown_part(part))
    return ["\n\n".join(bubble) for bubble in bubbles if bubble]
