"""The repository holds only text we wrote: no run of 8 words from the evaluation data.

ACLED's terms forbid redistributing its rows, and the dev articles stay the publishers'; tests use
sentences of their own. This reads the evaluation data from ../shared (as CI lays it out) and skips,
saying so, where it is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "dev"
RUN = 8


def _runs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[k : k + RUN]) for k in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval/dev is not beside the repository")
def test_no_eight_word_run_of_the_evaluation_data_is_in_the_repository():
    evaluation: set[str] = set()
    for line in (EVAL / "acled.jsonl").open(encoding="utf-8"):
        evaluation |= _runs(json.loads(line).get("notes") or "")
    for article in (EVAL / "articles").glob("*.txt"):
        evaluation |= _runs(article.read_text(encoding="utf-8"))
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    echoes = {}
    for name in tracked.split():
        if name.startswith("seeds/"):  # the sample articles are published text by design
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found = _runs(text) & evaluation
        if found:
            echoes[name] = sorted(found)[:3]
    assert not echoes, f"rewrite these in your own words: {echoes}"
