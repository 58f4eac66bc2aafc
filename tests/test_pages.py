"""The chat page's text and the article reader come from the knowledge file
(channels/pages.py); no server needed."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
import yaml

from channels.pages import KNOWLEDGE, TEMPLATE, Pages, Paragraph, Section

# Blood tests a health page could plausibly name. The page may name only those the
# knowledge file has thresholds and terms for (the intro once said "potassium").
LAB_TESTS = (
    "calcium",
    "magnesium",
    "potassium",
    "sodium",
    "chloride",
    "phosphate",
    "phosphorus",
    "iron",
    "ferritin",
    "zinc",
    "vitamin d",
    "vitamin b12",
    "glucose",
    "creatinine",
    "urea",
    "tsh",
    "thyroxine",
    "hemoglobin",
    "haemoglobin",
    "creatine kinase",
    "albumin",
    "cholesterol",
)


@pytest.fixture(scope="module")
def pages() -> Pages:
    return Pages()


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(KNOWLEDGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(pages) -> str:
    return pages.index(TEMPLATE.read_text(encoding="utf-8"))


def visible_text(page: str) -> str:
    page = re.sub(r"<!--.*?-->|<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_title_and_heading_are_the_articles(index, raw):
    title = html.escape(raw["source"]["title"])
    assert f"<title>{title} · " in index
    assert f"<h1>{title}</h1>" in index
    assert "Muscle Twitching Explainer" not in index  # the old, wider promise
    assert "{{" not in index


def test_the_topic_list_is_the_knowledge_files(index, raw):
    items = re.findall(r"<li>(.*?)</li>", re.search(r'<ul class="topics">(.*?)</ul>', index).group(1))
    assert [html.unescape(i).split(" (")[0] for i in items] == [t["title"] for t in raw["topics"]]


def test_every_lab_test_the_page_names_is_one_the_knowledge_file_has(index, raw):
    known = set(raw["thresholds"]) | set(raw["terms"]["lab_test"])
    text = visible_text(index).lower()
    named = {test for test in LAB_TESTS if re.search(rf"\b{test}\b", text)}
    assert named, "the page names no lab test at all"
    assert named <= known, f"the page names lab tests the article has not: {named - known}"
    assert "potassium" not in text


def test_the_chat_script_names_no_lab_test_either():
    from channels.pages import ROOT

    script = (ROOT / "web" / "chat.js").read_text(encoding="utf-8").lower()
    strings = " ".join(re.findall(r'"([^"\n]*)"', script))
    assert not [t for t in LAB_TESTS if re.search(rf"\b{t}\b", strings)]


def test_reader_has_every_section_at_a_stable_anchor(pages, raw):
    page = pages.reader()
    for section in raw["sections"]:
        anchor = f"section-{section['number']}"
        assert f'<section id="{anchor}"' in page
        assert html.escape(section["title"]) in page
    assert "<mark" not in page


def test_reader_wraps_every_quoted_sentence(pages, raw):
    page = html.unescape(pages.reader())
    for fact in raw["facts"]:
        for quote in fact["quotes"]:
            assert re.search(
                r'<span class="quote" data-facts="[^"]*\b'
                + re.escape(fact["id"])
                + r'\b[^"]*">'
                + re.escape(quote)
                + "</span>",
                page,
            ), quote


def test_reader_leaves_out_navigation_and_the_recommend_list(pages):
    text = visible_text(pages.reader())
    for line in ("<<:", ">>:", "Recommend", "male menopause", "hair loss in men"):
        assert line not in text


@pytest.mark.parametrize("fact_id", ["causes.overview", "lab.calcium", "relief.overview"])
def test_a_citation_marks_exactly_its_facts_quotes(pages, raw, fact_id):
    page = html.unescape(pages.reader([fact_id]))
    marked = re.findall(r"<mark [^>]*>(.*?)</mark>", page)
    quotes = next(f["quotes"] for f in raw["facts"] if f["id"] == fact_id)
    assert set(marked) == set(quotes)
    assert 'href="#quoted-1"' in page and 'id="quoted-1"' in page


def test_several_facts_can_be_cited_at_once(pages, raw):
    page = html.unescape(pages.reader(["causes.stress,lab.magnesium"]))
    marked = set(re.findall(r"<mark [^>]*>(.*?)</mark>", page))
    quotes = {q for f in raw["facts"] if f["id"] in ("causes.stress", "lab.magnesium") for q in f["quotes"]}
    assert marked == quotes


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "nope.nothing", "CAUSES.OVERVIEW", "\"'><b>"])
def test_unknown_or_hostile_fact_ids_are_ignored_and_never_echoed(pages, bad):
    page = pages.reader([bad])
    assert "<mark" not in page and "alert(1)" not in page and "<b>" not in page


def test_reader_escapes_every_text(pages):
    hostile = '<img src=x onerror=alert(1)> & "quotes"'
    section = Section("intro", 0, hostile, (Paragraph((hostile,)),))
    other = replace(pages.sections[1], title=hostile)
    evil = object.__new__(Pages)
    evil.__dict__.update(
        pages.__dict__, sections=(section, other), title=hostile, quoted={hostile: ["causes.overview"]}
    )
    page = evil.reader(["causes.overview"])
    assert "<img" not in page and "onerror=alert(1)>" not in page
    assert html.escape(hostile) in page


def test_a_changed_article_is_refused(tmp_path, raw):
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "article.txt").write_text("Another text\n", encoding="utf-8")
    (tmp_path / "k.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    from actions.knowledge import KnowledgeError

    with pytest.raises(KnowledgeError, match="make knowledge"):
        Pages(tmp_path / "k.yml", root=tmp_path)
