"""The chat page's text and the article reader, generated from the knowledge file.

Why generated: hand-typed page text drifted from what the assistant knows (the
intro once promised "potassium" lab values the article never mentions). Here the
page title, heading, intro and topic list come from `knowledge/twitching.yml`
(the article's title, its topics, the lab tests it has thresholds for), so the page
names nothing the assistant cannot answer.

The reader page shows the article as the assistant uses it: the sections of the
knowledge file, each under a stable anchor (`#section-0` is the introduction,
`#section-N` the article's section N), with every sentence a fact quotes wrapped
in a `<span class="quote">`. Reached through a citation link,
`article?fact=<fact id>#section-N`, that fact's quoted sentences are `<mark>`ed.

The knowledge file keeps each fact's quotes, not the whole article, and does not
say which quote stands in which section, so the sentences are laid out by
`knowledge/build.py`'s own parser from the article file the knowledge file names,
after checking its SHA-256 against the one the knowledge file records: the same
cut (no site navigation, no "Recommend" list) and the same sentences the quotes
were taken from. Every text is HTML-escaped.

Plain Python (no Rasa, no Sanic): tested without a server.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from actions.knowledge import KnowledgeBase, KnowledgeError, parse
from knowledge.build import parse_article

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge" / "twitching.yml"
TEMPLATE = ROOT / "web" / "index.html"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# The fact ids a citation link may name (others are ignored, never echoed).
FACT_ID = re.compile(r"^[a-z_]+\.[a-z_]+$")


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[str, ...]
    item: int | None = None  # its number when the article numbers it ("1. When a ...")


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def anchor(self) -> str:
        return f"section-{self.number}"

    @property
    def heading(self) -> str:
        return self.title if self.number == 0 else f"{self.number}. {self.title}"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _joined(words: list[str], conjunction: str = "and") -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


class Pages:
    """Everything the web page shows that comes from the knowledge file."""

    def __init__(self, knowledge_path: Path = KNOWLEDGE, root: Path = ROOT) -> None:
        data = yaml.safe_load(Path(knowledge_path).read_text(encoding="utf-8"))
        self.kb: KnowledgeBase = parse(data)
        self.title: str = data["source"]["title"]
        article_path = root / data["source"]["file"]
        article = article_path.read_text(encoding="utf-8")
        digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
        if digest != data["source"]["sha256"]:
            raise KnowledgeError(
                f"{data['source']['file']} changed since the knowledge file "
                "was built: run `make knowledge`"
            )
        _, _, sentences = parse_article(article)
        self.sections = tuple(self._sections(data["sections"], sentences, article))
        # quoted sentence -> the facts that quote it, in knowledge-file order
        self.quoted: dict[str, list[str]] = {}
        for fact in self.kb.facts.values():
            for quote in fact.quotes:
                self.quoted.setdefault(quote, []).append(fact.id)

    @staticmethod
    def _sections(raw: list[dict], sentences: Iterable, article: str) -> Iterable[Section]:
        by_section: dict[str, list[Paragraph]] = {}
        previous = None
        for sentence in sentences:
            paragraphs = by_section.setdefault(sentence.section, [])
            key = (sentence.section, sentence.paragraph)
            if key != previous:
                # the parser strips list numbers; the reader shows the article's list
                number = re.search(rf"^(\d+)\. {re.escape(sentence.paragraph)}$", article, re.M)
                paragraphs.append(Paragraph((), int(number.group(1)) if number else None))
                previous = key
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(last.sentences + (sentence.text,), last.item)
        for section in sorted(raw, key=lambda s: s["number"]):
            yield Section(
                section["id"], section["number"], section["title"], tuple(by_section.get(section["id"], ()))
            )

    # --- the chat page -------------------------------------------------------------

    @property
    def lab_tests(self) -> list[str]:
        """The lab tests the article gives thresholds for (serum calcium, magnesium)."""
        return list(self.kb.thresholds)

    def topic_items(self) -> list[str]:
        items = []
        for topic in self.kb.topics.values():
            label = topic.title
            if topic.id == "lab" and self.lab_tests:
                label += f" (blood {_joined(self.lab_tests)})"
            items.append(label)
        return items

    def page_values(self) -> dict[str, str]:
        """Placeholder -> HTML (already escaped) for web/index.html."""
        topics = "".join(f"<li>{_escape(item)}</li>" for item in self.topic_items())
        return {
            "page_title": _escape(f"{self.title} · article assistant"),
            "article_title": _escape(self.title),
            "topics": topics,
            "lab_tests": _escape(_joined(self.lab_tests, "or")),
        }

    def index(self, template: str) -> str:
        values = self.page_values()

        def fill(match: re.Match) -> str:
            name = match.group(1)
            if name not in values:
                raise KeyError(f"web/index.html: unknown placeholder {{{{{name}}}}}")
            return values[name]

        return PLACEHOLDER.sub(fill, template)

    # --- the reader page -----------------------------------------------------------

    def selected(self, requested: Iterable[str]) -> list[str]:
        """The known fact ids among the requested ones ("a,b" or repeated), in order."""
        ids: list[str] = []
        for value in requested:
            for part in value.split(","):
                part = part.strip()
                if FACT_ID.match(part) and part in self.kb.facts and part not in ids:
                    ids.append(part)
        return ids

    def reader(self, fact_ids: Iterable[str] = ()) -> str:
        chosen = self.selected(fact_ids)
        marked = {q for fact_id in chosen for q in self.kb.facts[fact_id].quotes}
        count = 0
        body: list[str] = []
        for section in self.sections:
            body.append(
                f'<section id="{section.anchor}" aria-labelledby="{section.anchor}-title">'
                f'<h2 id="{section.anchor}-title">{_escape(section.heading)}</h2>'
            )
            in_list = False
            for paragraph in section.paragraphs:
                if paragraph.item is not None and not in_list:
                    body.append(f'<ol start="{paragraph.item}">')
                elif paragraph.item is None and in_list:
                    body.append("</ol>")
                in_list = paragraph.item is not None
                parts = []
                for sentence in paragraph.sentences:
                    facts = self.quoted.get(sentence)
                    if not facts:
                        parts.append(_escape(sentence))
                        continue
                    attrs = f'class="quote" data-facts="{_escape(" ".join(facts))}"'
                    if sentence in marked:
                        count += 1
                        parts.append(f'<mark id="quoted-{count}" {attrs}>{_escape(sentence)}</mark>')
                    else:
                        parts.append(f"<span {attrs}>{_escape(sentence)}</span>")
                tag = "li" if in_list else "p"
                body.append(f"<{tag}>" + " ".join(parts) + f"</{tag}>")
            if in_list:
                body.append("</ol>")
            body.append("</section>")
        toc = "".join(f'<li><a href="#{s.anchor}">{_escape(s.heading)}</a></li>' for s in self.sections)
        if count:
            what = "The highlighted sentence is" if count == 1 else f"The {count} highlighted sentences are"
            status = (
                f'<p class="reader-found" role="status">{what} what the assistant\'s '
                'answer quotes. <a href="#quoted-1">Go to the first highlighted '
                "sentence</a>.</p>"
            )
        else:
            status = ""
        return (
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_escape(self.title)} · the article</title>\n"
            '<link rel="icon" href="data:,">\n<link rel="stylesheet" href="style.css">\n'
            '</head>\n<body class="reader">\n<header class="reader-head">\n'
            '<p class="kicker">The article the assistant explains</p>\n'
            f"<h1>{_escape(self.title)}</h1>\n"
            "<p class=\"about\">The article's text as the assistant uses it; the site's "
            "navigation and its list of other articles are left out.</p>\n"
            f"{status}\n"
            f'<nav aria-label="Sections"><ol>{toc}</ol></nav>\n</header>\n'
            '<main class="reader-text"><article>\n'
            + "\n".join(body)
            + "\n</article></main>\n</body>\n</html>\n"
        )
