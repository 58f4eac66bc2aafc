"""One reply, rendered per channel (channels/render.py): what each platform's user
would see, from the action's real replies. No server: the servers' tests
(tests/test_channels.py, tests/test_webchat.py) check the same through the
platforms' fake APIs and a real browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from actions import knowledge, retrieval
from actions.dialogue import Assistant, State, Turn
from actions.replies import (
    CAVEAT_LABEL,
    DISCLAIMER,
    NOTICE,
    PARTS_KEY,
    SAFETY,
    SOURCE,
    Message,
    Part,
    button,
    fact_parts,
    parts_from,
    plain_text,
)
from channels import render
from channels.pages import Pages

BASE = "https://bot.example.org"


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant(knowledge.default(), retrieval.default())


@pytest.fixture(scope="module")
def kb():
    return knowledge.default()


def ask(assistant: Assistant, text: str, intent: str, state: State | None = None) -> list[dict]:
    """The bot messages as the action hands them to Rasa (Message.as_dict)."""
    reply = assistant.respond(
        Turn(text=text, intent=intent, confidence=0.95, ranking=((intent, 0.95),)), state or State()
    )
    return [m.as_dict() for m in reply.messages]


@pytest.fixture(scope="module")
def causes(kb) -> dict:
    """One fact's answer as the action sends it: with the disclaimer and two buttons."""
    parts = fact_parts(kb.fact("causes.overview")) + [Part(NOTICE, DISCLAIMER)]
    return Message(
        buttons=[button("Tell me more", "ask_more"), button("Relief methods", "ask_relief")], parts=parts
    ).as_dict()


# --- the parts travel with the plain text ---------------------------------------------


def test_a_factual_reply_carries_its_parts_besides_the_same_plain_text(assistant, kb):
    [message] = ask(assistant, "what causes twitching in my sleep?", "ask_causes")
    parts = parts_from(message)
    assert [p.kind for p in parts] == ["answer", "source", "caveat", "notice"]
    assert message["text"] == plain_text(parts)
    fact = kb.fact("causes.overview")
    assert message["text"].startswith(fact.answer + " ")
    assert f"\n{CAVEAT_LABEL} {fact.caveat}" in message["text"]
    assert message["text"].endswith(f"\n\n{DISCLAIMER}")
    # the answer and its runner-up: one source line, each section cited with its facts
    assert [(c.label, c.section, c.facts) for c in parts[1].citations] == [
        ("section 1 (Reasons)", 1, ("causes.overview",)),
        ("section 2 (Inspection)", 2, ("mechanism.why",)),
        ("section 3 (Differential diagnosis)", 3, ("mechanism.why",)),
    ]
    assert parts[1].text == (
        "Source: the article, section 1 (Reasons), section 2 "
        "(Inspection) and section 3 (Differential diagnosis)."
    )


def test_small_talk_carries_no_parts_and_malformed_parts_fall_back_to_the_text(assistant):
    [greeting] = ask(assistant, "hi", "greet")
    assert PARTS_KEY not in greeting and greeting["buttons"]
    for bad in (
        [{"kind": "answer"}],
        [{"kind": "shout", "text": "x"}],
        "answer",
        [],
        [{"kind": "source", "text": "x", "citations": [{"label": 1, "section": "1"}]}],
    ):
        assert parts_from({"text": "x", PARTS_KEY: bad}) is None
    assert render.reply_parts({"text": "hello"}) == [Part("text", "hello")]
    assert render.reply_parts({"text": "x", "custom": {"a": 1}}) is None  # the stock code's


def test_parts_survive_the_trip_as_json(causes):
    import json

    again = parts_from(json.loads(json.dumps(causes)))
    assert again == parts_from(causes) and Message(parts=again).text == causes["text"]


def test_an_emergency_is_its_own_first_message_marked_as_safety(assistant):
    messages = ask(assistant, "my wife is convulsing and not responding", "ask_relief")
    assert len(messages) == 1
    assert [p.kind for p in parts_from(messages[0])] == [SAFETY]
    assert "emergency number" in messages[0]["text"]
    [text] = render.telegram_html(parts_from(messages[0]), BASE)
    assert text.startswith("<b>Please call") and text.endswith("</b>")
    [block] = render.slack_blocks(parts_from(messages[0]), [], BASE)
    assert block["text"]["text"].startswith("*Please call")


def test_a_lab_result_cites_the_thresholds_fact(assistant):
    [message] = ask(assistant, "my calcium was 1.9 mmol/L", "give_lab_value")
    source = [p for p in parts_from(message) if p.kind == SOURCE][0]
    assert source.citations[0].facts == ("lab.calcium",)
    assert source.text.endswith("not from the article.")  # the general-guidance note stays


# --- every citation opens the reader at its section, its sentences marked --------------


def test_every_facts_citations_open_the_reader_with_its_sentences_marked(kb):
    pages = Pages()
    for fact in kb.facts.values():
        for citation in fact_parts(fact)[1].citations:
            url = render.reader_url(citation, BASE)
            assert url.startswith(BASE + "/webhooks/webpage/article?fact=" + fact.id)
            page = pages.reader(list(citation.facts))
            section = re.search(rf'<section id="section-{citation.section}".*?</section>', page, re.S)
            assert section and "<mark" in section.group(0), (fact.id, citation)


# --- Telegram -------------------------------------------------------------------------


class Visible(HTMLParser):
    """What Telegram shows of an HTML text, and the tags it would have to accept."""

    ALLOWED = {"b", "i", "a", "u", "s", "code", "pre", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.links = "", [], []

    def handle_starttag(self, tag, attrs):
        assert tag in self.ALLOWED, tag
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        assert self.tags.pop() == tag  # well nested

    def handle_data(self, data):
        self.text += data


def visible(markup: str) -> Visible:
    parser = Visible()
    parser.feed(markup)
    parser.close()
    assert not parser.tags
    return parser


def words(text: str) -> str:
    return " ".join(text.split())


def test_telegram_answer_source_link_and_caveat(causes):
    [text] = render.telegram_html(parts_from(causes), BASE)
    shown = visible(text)
    assert words(shown.text) == words(causes["text"])  # the same words as everywhere
    assert shown.links == [BASE + "/webhooks/webpage/article?fact=causes.overview#section-1"]
    assert '<i>Source: the article, <a href="' in text
    assert f"\n\n<b>{CAVEAT_LABEL}</b> " in text  # the caveat apart, its label in bold
    assert text.endswith(f"\n\n<i>{DISCLAIMER}</i>")


def test_telegram_without_a_public_address_shows_the_source_unlinked(causes):
    [text] = render.telegram_html(parts_from(causes), None)
    assert "<a " not in text and "<i>Source: the article, section 1 (Reasons).</i>" in text


def test_telegram_escapes_everything(kb):
    hostile = [
        Part("answer", 'a <b>bold</b> & <a href="javascript:x">y</a>'),
        Part("caveat", "x < y > z &amp;", label="<i>"),
        Part("text", "<script>alert(1)</script>"),
    ]
    [text] = render.telegram_html(hostile, BASE)
    shown = visible(text)
    assert shown.links == [] and set(shown.tags) == set()
    assert 'a <b>bold</b> & <a href="javascript:x">y</a>' in shown.text
    assert "x < y > z &amp;" in shown.text and "<script>alert(1)</script>" in shown.text


def test_every_fact_fits_and_reads_the_same_on_telegram(kb):
    for fact in kb.facts.values():
        parts = fact_parts(fact) + [Part(NOTICE, DISCLAIMER)]
        texts = render.telegram_html(parts, BASE)
        assert all(len(visible(t).text) <= render.TELEGRAM_LIMIT for t in texts)
        assert words(" ".join(visible(t).text for t in texts)) == words(plain_text(parts))


def test_a_reply_too_long_for_telegram_is_split_between_sentences():
    long = Part("answer", " ".join(f"Sentence number {i} is here." for i in range(400)))
    texts = render.telegram_html([long, Part("source", "Source: the article, introduction.")])
    assert len(texts) >= 3 and all(len(t) <= render.TELEGRAM_LIMIT for t in texts)
    assert all(t.endswith(".") or t.endswith("</i>") for t in texts)
    assert words(" ".join(visible(t).text for t in texts)) == words(
        long.text + " Source: the " "article, introduction."
    )


# --- Slack ----------------------------------------------------------------------------


def test_slack_blocks_answer_small_linked_source_quoted_caveat_then_buttons(causes):
    blocks = render.slack_blocks(parts_from(causes), causes["buttons"], BASE)
    assert [b["type"] for b in blocks] == ["section", "context", "section", "context", "actions"]
    answer, source, caveat, notice, actions = blocks
    assert answer["text"] == {"type": "mrkdwn", "text": parts_from(causes)[0].text}
    assert source["elements"][0]["text"] == (
        f"Source: the article, <{BASE}/webhooks/webpage/article?fact=causes.overview"
        "#section-1|section 1 (Reasons)>."
    )
    assert caveat["text"]["text"].startswith(f"> *{CAVEAT_LABEL}* ")
    assert notice["elements"][0]["text"] == DISCLAIMER
    assert [e["text"]["text"] for e in actions["elements"]] == ["Tell me more", "Relief methods"]
    assert [e["value"] for e in actions["elements"]] == ["/ask_more", "/ask_relief"]
    assert len({e["action_id"] for e in actions["elements"]}) == 2


def test_slack_escapes_its_three_characters():
    [block] = render.slack_blocks([Part("answer", "<!channel> & <http://x|y>")], [])
    assert block["text"]["text"] == "&lt;!channel&gt; &amp; &lt;http://x|y&gt;"


# --- Facebook Messenger ---------------------------------------------------------------


def test_facebook_plain_text_with_the_readers_address_under_the_source(causes):
    [text] = render.facebook_texts(parts_from(causes), BASE)
    answer = parts_from(causes)[0].text
    assert text.startswith(
        answer
        + "\nSource: the article, section 1 (Reasons).\n"
        + BASE
        + "/webhooks/webpage/article?fact=causes.overview#section-1\n\n"
        + CAVEAT_LABEL
    )
    assert "<" not in text and "*" not in text  # Messenger shows markup as typed
    # without the public address: the plain text, the caveat after a blank line
    assert render.facebook_texts(parts_from(causes)) == [
        causes["text"].replace(f"\n{CAVEAT_LABEL}", f"\n\n{CAVEAT_LABEL}")
    ]


def test_facebook_messages_stay_within_2000_characters():
    long = Part("answer", " ".join(f"Sentence number {i} is here." for i in range(300)))
    texts = render.facebook_texts([long, Part("notice", DISCLAIMER)], BASE)
    assert len(texts) >= 4 and all(len(t) <= render.FACEBOOK_LIMIT for t in texts)
    assert texts[-1].endswith(DISCLAIMER)


def test_facebook_quick_replies_keep_titles_within_20_characters():
    buttons = [{"title": "What does the article say about lab values?", "payload": "/ask_lab_values"}]
    assert render.facebook_quick_replies(buttons) == [
        {"content_type": "text", "title": "What does the articl", "payload": "/ask_lab_values"}
    ]


# --- the web widget -------------------------------------------------------------------


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_webchat_markdown_paragraphs_link_bold_label_and_disclaimer_bubble(causes):
    reply, disclaimer = render.webchat_markdown(parts_from(causes))
    answer, source, caveat = reply.split("\n\n")
    assert unescape_markdown(answer) == parts_from(causes)[0].text
    assert source == (
        "Source: the article, [section 1 \\(Reasons\\)]"
        "(/webhooks/webpage/article?fact=causes.overview#section-1)\\."
    )
    assert caveat.startswith("**General guidance \\(not from the article\\):** ")
    assert unescape_markdown(disclaimer) == DISCLAIMER


def test_webchat_markdown_keeps_any_text_literal():
    hostile = "[click](javascript:alert(1)) *bold* _it_ # head\n- item\n1. one <b>x</b> `code`"
    [text] = render.webchat_markdown([Part("answer", hostile)])
    assert "](" not in text.replace("\\](", "") and unescape_markdown(text) == hostile
    for char in "[]()*_#-`<>":
        assert char not in re.sub(r"\\.", "", text)


def test_public_url_must_be_an_http_origin(monkeypatch):
    for value, expected in (
        ("https://bot.example.org/", "https://bot.example.org"),
        ("javascript:alert(1)", None),
        ("bot.example.org", None),
        ("", None),
    ):
        monkeypatch.setenv("ASSISTANT_PUBLIC_URL", value)
        assert render.public_url() == expected


def test_the_socket_sends_the_widget_only_shapes_it_renders(causes):
    """rasa-webchat 1.0.1 drops a bot message with keys besides text and buttons: the
    parts must not reach it, only their markdown."""
    import asyncio

    from channels.socketio import SocketIOOutput

    class Socket:
        def __init__(self) -> None:
            self.sent: list[dict] = []

        async def emit(self, event: str, data: dict, room: str) -> None:
            self.sent.append(data)

    socket = Socket()
    asyncio.run(SocketIOOutput(socket, "bot_uttered").send_response("sid", dict(causes)))
    reply, disclaimer = socket.sent
    assert set(reply) == {"text"} and set(disclaimer) == {"text", "buttons"}
    assert reply["text"] == render.webchat_markdown(parts_from(causes))[0]
    assert [b["payload"] for b in disclaimer["buttons"]] == ["/ask_more", "/ask_relief"]
    socket.sent.clear()  # a message without parts: as before, split at blank lines
    asyncio.run(
        SocketIOOutput(socket, "bot_uttered").send_response(
            "sid", {"text": "Hi!\n\nMore.", "buttons": causes["buttons"]}
        )
    )
    assert [set(m) for m in socket.sent] == [{"text"}, {"text", "buttons"}]
