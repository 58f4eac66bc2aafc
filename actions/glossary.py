"""Plain meanings of the article's harder words ("what's a fistula?", "what does
'conducive' mean?"), from knowledge/glossary.yml.

The meanings are general guidance written by the developers, not the article: the reply
gives the article's own sentence that uses the word first (its fact, with its source) and
the meaning under the general-guidance label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY = Path(__file__).resolve().parent.parent / "knowledge" / "glossary.yml"
# A question about a word's meaning: "what's a ...", "what does ... mean", "define ..."
ASKS_MEANING = re.compile(
    r"\bwhat(?:'s| is| are|s| does| do)\b|\bmean(?:s|ing|t)?\b|\bdefin\w*|\bexplain\b", re.I
)
MAX_WORDS = 20  # longer messages ask something else that happens to use the word


@dataclass(frozen=True)
class Entry:
    terms: tuple[str, ...]
    meaning: str
    fact: str | None = None
    where: str | None = None


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    raw = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")) or []
    return tuple(
        Entry(
            tuple(t.lower() for t in item["terms"]),
            " ".join(item["meaning"].split()),
            item.get("fact"),
            item.get("where"),
        )
        for item in raw
    )


def asked_about(text: str) -> Entry | None:
    """The glossary entry whose word a short question asks the meaning of."""
    if len(text.split()) > MAX_WORDS or not ASKS_MEANING.search(text):
        return None
    lowered = text.lower()
    found = [
        (len(term), entry)
        for entry in entries()
        for term in entry.terms
        if re.search(rf"\b{re.escape(term)}\b", lowered)
    ]
    return max(found, key=lambda f: f[0])[1] if found else None
