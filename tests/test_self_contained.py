"""The repository stands alone: cloned into any folder, nothing points outside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A reference to a folder beside the clone (two dots, a slash, a name) or an absolute
# path on a developer's machine would break a clone made anywhere else.
OUTSIDE = re.compile(r"\.\./[\w-][\w.-]*|/(?:work|home|Users)/\w|/root/(?!\.cache)")
SKIP_SUFFIXES = {".png", ".lock", ".json", ".tar.gz"}


def _tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [
        ROOT / line for line in out.stdout.splitlines() if not any(line.endswith(s) for s in SKIP_SUFFIXES)
    ]


def test_no_file_names_a_machine_path_or_a_sibling_folder():
    offenders = []
    for path in _tracked_files():
        if path == Path(__file__) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not offenders, "\n".join(offenders)


def test_the_evaluation_kit_and_the_medical_notes_are_in_the_repo():
    for name in ("eval/harness.py", "eval/public.yml", "docs/medical-notes.md", "knowledge/article.txt"):
        assert (ROOT / name).is_file(), name
