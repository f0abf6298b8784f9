"""Streaming: a feed ten times larger costs no more memory (bounded by document count, not time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SENTENCES = (
    "Russian drones struck Kharkiv overnight, killing {n} people.",
    "Ministers met in Paris on Tuesday to discuss aid for {n} villages.",
    "Air defence units shot down {n} drones over Odesa, the governor said.",
)
PADDING = "x" * 100_000  # a field the reader must skip, as a feed's raw HTML would be


def _feed(path: Path, count: int) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for n in range(count):
            text = SENTENCES[n % len(SENTENCES)].format(n=n % 97 + 2)
            f.write(json.dumps({"id": f"d{n}", "date": "2025-03-04", "text": text, "html": PADDING}) + "\n")
    return path


def _peak_mb(*args: str) -> float:
    process = subprocess.Popen(
        [sys.executable, "-m", "maps.cli", *args],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, process.stderr.read()
    return usage.ru_maxrss / 1024


def test_memory_stays_flat_as_the_input_grows(tmp_path: Path):
    small, large = _feed(tmp_path / "small.jsonl", 60), _feed(tmp_path / "large.jsonl", 1200)
    assert large.stat().st_size - small.stat().st_size > 110_000_000
    out = tmp_path / "out.jsonl"
    base = _peak_mb("extract", str(small), "-o", str(out), "-q")
    grown = _peak_mb("extract", str(large), "-o", str(out), "-q")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1200
    assert grown - base < 40, f"peak memory {base:.0f} MB for 60 documents, {grown:.0f} MB for 1,200"
