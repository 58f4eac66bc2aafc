"""Chat spellings and one-letter typos put right before a question is matched.

"wat cuases leg twiches at nite" has no word the fact examples share, so the word
similarities see nothing and the intent classifier's guess decides alone. Two steps:
common chat spellings ("wat", "shud", "nite", "y") from a short table, and a word that
is neither English (spaCy's lookup table, ~67,000 forms) nor in the article's
vocabulary becomes the most frequent vocabulary word one typo away ("cuases" ->
"causes", "twiches" -> "twitches"). A real English word is never changed, so
"mother" stays "mother" even though "other" is one letter away.

Only the matching reads the corrected text; the safety screen and the lab-value
parser read what the user wrote.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from actions.lemmas import _table

# Spellings of chat and of hurried typing, each unambiguous in a question about sleep
CHAT_WORDS = {
    "wat": "what",
    "wot": "what",
    "wht": "what",
    "wats": "what is",
    "whats": "what is",
    "shud": "should",
    "shld": "should",
    "wen": "when",
    "wich": "which",
    "hw": "how",
    "y": "why",
    "nite": "night",
    "nites": "nights",
    "tonite": "tonight",
    "u": "you",
    "ur": "your",
    "r": "are",
    "cuz": "because",
    "coz": "because",
    "bcoz": "because",
    "becuz": "because",
    "abt": "about",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "legz": "legs",
    "b4": "before",
    "choc": "chocolate",
    "dont": "don't",
    "doesnt": "doesn't",
    "cant": "can't",
    "im": "I'm",
}
MIN_TYPO_LENGTH = 5
MIN_WORDS_TO_JUDGE = 4
MIN_ENGLISH_SHARE = 0.6  # shorter words have too many neighbours one letter away
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def one_typo_apart(a: str, b: str) -> bool:
    """Equal, or one typo apart in a word of five letters or more ("calcuim"): one letter
    changed, added or dropped, or two neighbours swapped."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_TYPO_LENGTH or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


class Speller:
    def __init__(self, texts: Iterable[str]) -> None:
        """`texts`: the article's own wording (facts, example questions), whose words are
        the ones a typo is put right to."""
        self.counts: Counter[str] = Counter(w.lower() for text in texts for w in WORD.findall(text))
        table = _table()
        self.english = set(table) | set(table.values())
        self._by_length: dict[int, list[str]] = {}
        for word in self.counts:
            self._by_length.setdefault(len(word), []).append(word)
        self._cache: dict[str, str] = {}

    def mostly_english(self, text: str) -> bool:
        """At least MIN_ENGLISH_SHARE of the words are English or the article's ("¿Qué
        causa los tirones al dormir?" is not); a message of one or two words always is."""
        words = [w.lower() for w in WORD.findall(text) if w.isalpha()]
        if len(words) < MIN_WORDS_TO_JUDGE:
            return True
        known = sum(1 for w in words if w in self.english or w in self.counts or w in CHAT_WORDS)
        return known >= MIN_ENGLISH_SHARE * len(words)

    def correct(self, text: str) -> str:
        return WORD.sub(lambda m: self._word(m.group()), text)

    def _word(self, word: str) -> str:
        lower = word.lower()
        if lower in CHAT_WORDS:
            return CHAT_WORDS[lower]
        known = lower in self.counts or lower in self.english
        if known or len(lower) < MIN_TYPO_LENGTH or not lower.isalpha():
            return word
        if lower not in self._cache:
            if len(self._cache) > 20_000:  # bounded: hostile input cannot grow it
                self._cache.clear()
            near = [
                w
                for n in (len(lower) - 1, len(lower), len(lower) + 1)
                for w in self._by_length.get(n, ())
                if one_typo_apart(lower, w)
            ]
            self._cache[lower] = max(near, key=lambda w: (self.counts[w], w)) if near else word
        return self._cache[lower]
