"""The README's examples run as written: its Python blocks, and its commands with their output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.S | re.M)


def geoevents(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """A README command line, `geoevents` being this checkout's CLI."""
    words = command.split()
    assert words[0] == "geoevents"
    return subprocess.run(
        [sys.executable, "-m", "maps.cli", *words[1:]], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def workdir(tmp_path: Path) -> Path:
    """A fresh folder where `seeds` is the repository's sample articles, as in a clone."""
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    return tmp_path


def test_the_python_examples_run(tmp_path):
    code = "\n".join(blocks("python"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=workdir(tmp_path), env=env, timeout=900
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "000_d7efa689d28877fa.txt" in result.stdout
    assert (tmp_path / "out" / "events.csv").stat().st_size > 0 and (tmp_path / "out" / "events.html").is_file()


def test_the_main_job_of_the_quick_start_runs(tmp_path):
    [quick_start] = [b for b in blocks("sh") if "pip install -e" in b]
    main_job = quick_start.split("&& geoevents ", 1)[1].splitlines()[0]
    result = geoevents("geoevents " + main_job, workdir(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "map.html").is_file() and (tmp_path / "out" / "events.geojson").is_file()


def test_the_lookup_example_prints_what_the_readme_shows(tmp_path):
    [example] = [b for b in blocks("sh") if b.startswith("$ geoevents lookup")]
    command, *shown = example.splitlines()
    result = geoevents(command.removeprefix("$ "), tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(" ".join(shown))
