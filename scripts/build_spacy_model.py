"""Build the spaCy pipeline Rasa uses, from files in this repo (no downloads).

    python scripts/build_spacy_model.py [OUTPUT_DIR]

Blank English + lookup lemmatizer (tables from the spacy-lookups-data package) +
an entity ruler whose patterns come from the knowledge file's terms.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions import knowledge  # noqa: E402

DEFAULT_OUTPUT = ROOT / "build" / "spacy_twitching"
# Short abbreviations would match too much in lower case ("ca", "mg" in "mg/dL"),
# so they match only as written in upper/title case.
CASE_SENSITIVE = {"ca", "mg"}


def ruler_patterns(kb: knowledge.KnowledgeBase) -> list[dict]:
    patterns = []
    for item in kb.entity_patterns():
        if item["pattern"] in CASE_SENSITIVE:
            for form in (item["pattern"].upper(), item["pattern"].title()):
                patterns.append({**item, "pattern": [{"ORTH": form}]})
        else:
            patterns.append(item)
    return patterns


def build(kb: knowledge.KnowledgeBase) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    # The ruler goes in after initialize(), which would otherwise clear its patterns.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(ruler_patterns(kb))
    nlp.meta["name"] = "twitching"
    nlp.meta["description"] = "Blank English, lookup lemmas, entity rules from the knowledge file"
    return nlp


def main() -> int:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    nlp = build(knowledge.default())
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    print(
        f"spaCy pipeline {nlp.pipe_names} with "
        f"{len(nlp.get_pipe('entity_ruler').patterns)} entity patterns -> {output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
