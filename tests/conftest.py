"""Shared fixtures: one gazetteer index per test session, kept in pytest's cache folder."""

from __future__ import annotations

import datetime
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def index_cache(request: pytest.FixtureRequest) -> Path:
    """Point the gazetteer (and every CLI the tests run) at a cache pytest keeps between runs."""
    path = Path(request.config.cache.mkdir("geoevents-index"))
    os.environ["GEOEVENTS_CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def gazetteer(index_cache: Path):
    from gazetteer import Gazetteer

    return Gazetteer()


@pytest.fixture(scope="session")
def record_of(index_cache: Path):
    """The record `geoevents extract` writes for one text, dated `date` (ISO) when given: one extractor
    for the whole session, so the model loads once."""
    from geo.run.extract import Extractor
    from geo.run.readers import Document

    extractor = Extractor()

    def run(text: str, date: str | None = None) -> dict:
        day = datetime.date.fromisoformat(date) if date else None
        (record,) = extractor.extract([Document("t", text, date=day)])
        return record

    return run


@pytest.fixture(scope="session")
def extract(record_of):
    """Toponyms of one text, as `geoevents extract` gives them (the spans checked against the text)."""

    def run(text: str) -> list[dict]:
        toponyms = record_of(text)["toponyms"]
        for t in toponyms:
            assert text[t["start"] : t["end"]] == t["name"]
        return toponyms

    return run


def run_cli(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `geoevents ARGS` in a new process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "maps.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ.copy(),
        timeout=300,
    )


@pytest.fixture(scope="session")
def builder() -> ModuleType:
    """scripts/build_gazetteer.py as a module: the builder's steps, tested on shapes and rows of our own."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
