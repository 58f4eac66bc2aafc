"""English lemmas from spaCy's lookup table, without loading spaCy itself.

The Rasa pipeline lemmatizes with spaCy's lookup lemmatizer, whose table ships in
the spacy-lookups-data package. Reading that same table here keeps the action
server light: importing spaCy would pull in TensorFlow (thinc probes for it) and
add seconds of start-up and hundreds of MB for no gain.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path

import spacy_lookups_data

TABLE = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    with gzip.open(TABLE, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def lemma(word: str) -> str:
    word = word.lower()
    return _table().get(word, word)


def lemmatize(text: str) -> list[str]:
    """Lower-cased lemmas of the words in text, in order."""
    return [lemma(w) for w in WORD.findall(text.lower())]
