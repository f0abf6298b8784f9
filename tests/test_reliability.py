"""Issue 15: nothing lost, nothing run, nothing hangs. One test (or more) per finding, numbered as there.

Every sentence here is our own; the CLI runs in real processes, as a user's would.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from geo.run.results import Dataset

PARAGRAPHS = (
    "Shelling hit Kherson on Monday, injuring four people.",
    "Talks between the two delegations opened in Jeddah on Tuesday.",
    "Air defences shot down nine drones over Belgorod overnight.",
    "Hundreds of people protested in Tbilisi on Thursday against the new law.",
)


def feed(path: Path, count: int, prefix: str) -> Path:
    """`count` short articles of our own, ids `prefix-N`."""
    with path.open("w", encoding="utf-8") as f:
        for n in range(count):
            text = PARAGRAPHS[n % 4].replace("four", str(n + 2))
            f.write(json.dumps({"id": f"{prefix}-{n}", "date": "2025-10-10", "text": text}) + "\n")
    return path


def one_clean_error(result, *words) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def doc_ids(folder: Path) -> list[str]:
    return [r["doc_id"] for r in Dataset(folder).records()]


# -- 1. two runs into one results folder -------------------------------------------------------------


def test_a_held_results_folder_is_refused_naming_its_holder(tmp_path):
    folder = tmp_path / "results"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from geo.run.results import Dataset\n"
            "with Dataset(sys.argv[1], new_ok=True).lock():\n    print('held', flush=True); time.sleep(120)",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = run_cli("extract", str(feed(tmp_path / "a.jsonl", 3, "a")), "-o", f"{folder}/", "-q")
        one_clean_error(result, "another run is writing into this folder", f"process {holder.pid}")
    finally:
        holder.kill()
        holder.wait()
    ok = run_cli("extract", str(tmp_path / "a.jsonl"), "-o", f"{folder}/", "-q")  # kill -9 freed the lock
    assert ok.returncode == 0, ok.stderr
    assert doc_ids(folder) == ["a-0", "a-1", "a-2"]


def test_with_wait_a_second_run_takes_its_turn(tmp_path):
    folder = tmp_path / "results"
    first = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from geo.run.results import Dataset\n"
            "with Dataset(sys.argv[1], new_ok=True).lock():\n    print('held', flush=True); time.sleep(4)",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert first.stdout is not None and first.stdout.readline().strip() == "held"
    result = run_cli("extract", str(feed(tmp_path / "b.jsonl", 2, "b")), "-o", f"{folder}/", "--wait")
    assert first.wait(timeout=60) == 0
    assert result.returncode == 0, result.stderr
    assert "waiting for" in result.stderr and doc_ids(folder) == ["b-0", "b-1"]


def test_two_concurrent_runs_lose_no_document(tmp_path):
    folder = tmp_path / "results"
    first, second = feed(tmp_path / "first.jsonl", 30, "first"), feed(tmp_path / "second.jsonl", 20, "second")
    command = [sys.executable, "-m", "maps.cli", "extract", "-q", "-o", f"{folder}/"]
    runs = [
        subprocess.Popen([*command, str(path)], cwd=ROOT, stderr=subprocess.PIPE, text=True) for path in (first, second)
    ]
    outcomes = [(run.wait(timeout=600), run.stderr.read() if run.stderr else "") for run in runs]
    kept = set(doc_ids(folder))
    refused = [stderr for status, stderr in outcomes if status == 2]
    assert all(status in (0, 2) for status, _ in outcomes) and "Traceback" not in "".join(s for _, s in outcomes)
    if refused:  # one clear refusal, and the other run's documents all there
        assert len(refused) == 1 and "another run is writing" in refused[0]
        assert len(kept) in (30, 20)
    else:
        assert len(kept) == 50


# -- 2. long documents, and a document that fails ----------------------------------------------------


def test_windows_cover_the_text_and_cut_at_paragraphs():
    from geo.run.extract import windows

    text = "\n\n".join(f"Paragraph {n} says something about a town. " * 3 for n in range(200))
    spans = windows(text, size=1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == previous_end for (a, _), (_, previous_end) in zip(spans[1:], spans))
    assert all(0 < b - a <= 1000 for a, b in spans)
    assert all(text[b - 2 : b] == "\n\n" for _, b in spans[:-1])  # every cut after a paragraph
    no_breaks = "x" * 2500  # and a text without any break is still cut, never left whole
    assert windows(no_breaks, size=1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


@pytest.fixture(scope="module")
def extractor():
    from geo.run.extract import Extractor

    return Extractor()


def test_a_long_document_in_windows_keeps_its_offsets(extractor, monkeypatch):
    from geo.run import extract
    from geo.run.readers import Document

    text = "\n\n".join(PARAGRAPHS[n % 4] for n in range(40))
    whole = next(extractor.extract([Document("d", text)]))
    monkeypatch.setattr(extract, "LONG_TEXT", 500)
    monkeypatch.setattr(extract, "WINDOW", 400)
    windowed = next(extractor.extract([Document("d", text)]))
    assert len(extract.windows(text, 400)) > 5
    for toponym in windowed["toponyms"]:
        assert text[toponym["start"] : toponym["end"]] == toponym["name"]
    for event in windowed["events"]:
        assert text[event["start"] : event["end"]] == event["sentence"]
    # paragraphs that stand alone give the same places and events in windows as whole
    assert [t["start"] for t in windowed["toponyms"]] == [t["start"] for t in whole["toponyms"]]
    assert [(e["event_type"], e["start"]) for e in windowed["events"]] == [
        (e["event_type"], e["start"]) for e in whole["events"]
    ]


def test_windows_merge_one_event_as_one_document_does(extractor, monkeypatch):
    from geo.run import extract
    from geo.run.readers import Document

    filler = "\n\n".join("The council met again to discuss the budget for the schools." for _ in range(12))
    text = (
        "Artillery struck Kherson on Friday, killing two people.\n\n"
        f"{filler}\n\nArtillery struck Kherson on Friday, killing five people, officials said later."
    )

    def kherson(record: dict) -> list[dict]:
        return [e["counts"] for e in record["events"] if e["place"] and e["place"]["mention"] == "Kherson"]

    whole = next(extractor.extract([Document("d", text, date=datetime.date(2025, 3, 10))]))
    monkeypatch.setattr(extract, "LONG_TEXT", 500)
    monkeypatch.setattr(extract, "WINDOW", 400)
    windowed = next(extractor.extract([Document("d", text, date=datetime.date(2025, 3, 10))]))
    assert kherson(windowed) == kherson(whole) == [{"killed": 2}]  # the first report's toll, not mixed


def test_a_later_window_resolves_its_names_with_the_places_before_it(extractor, monkeypatch):
    from geo.run import extract
    from geo.run.readers import Document

    monkeypatch.setattr(extract, "LONG_TEXT", 500)
    monkeypatch.setattr(extract, "WINDOW", 400)
    filler = "\n\n".join("The council met again to discuss the budget for the schools." for _ in range(12))
    last = "Shelling hit Zelenodolsk on Monday, the governor said."

    def country(opening: str) -> list[str | None]:
        (record,) = extractor.extract([Document("d", f"{opening}\n\n{filler}\n\n{last}")])
        return [t["country_code"] for t in record["toponyms"] if t["name"] == "Zelenodolsk"]

    # the larger namesake is Russian; an article about Ukraine means the Ukrainian town
    assert country("Drones struck Kharkiv, Sumy, Poltava, Odesa, Dnipro and Mykolaiv on Sunday.") == ["UA"]
    assert country("Officials in Kazan, Samara, Ufa, Perm and Saratov closed the roads on Sunday.") == ["RU"]


def test_a_document_that_fails_is_reported_and_the_others_kept(extractor, monkeypatch):
    from geo.run.engines import LocalEngine
    from geo.run.readers import Document

    monkeypatch.setattr(extractor.nlp, "max_length", 300)  # spaCy's E088, as a 1.5 MB text met it
    documents = [Document("short-1", PARAGRAPHS[0]), Document("long", " ".join(PARAGRAPHS) * 3, source="feed:2")]
    documents.append(Document("short-2", PARAGRAPHS[1]))
    errors: list = []
    records = list(LocalEngine(extractor, errors.append).extract(documents))
    assert [r["doc_id"] for r in records] == ["short-1", "short-2"]
    assert len(errors) == 1 and "feed:2" in str(errors[0]) and "E088" in str(errors[0])


# -- 3. CSV cells a spreadsheet would run --------------------------------------------------------------


def _collection(sentences: list[str]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-3.7 - n, 40.4]},
                "properties": {"event_type": "protest", "sentence": s, "geonameid": None if n == 0 else 3117735},
            }
            for n, s in enumerate(sentences)
        ],
    }


FORMULAS = ['=HYPERLINK("http://example.org","click")', "=cmd|' /C calc'!A0", "+1+2", "-3", "@SUM(A1)", "\tx", "\ry"]


def test_csv_cells_that_start_a_formula_are_made_inert(tmp_path):
    from maps.export import write_csv

    path = tmp_path / "events.csv"
    write_csv(_collection([*FORMULAS, "Plain words stay as they are."]), path)
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["sentence"] for r in rows] == ["'" + s for s in FORMULAS] + ["Plain words stay as they are."]
    assert float(rows[0]["lon"]) == -3.7  # a negative number is a number, not a formula
    write_csv(_collection(FORMULAS), path, raw=True)
    with path.open(newline="", encoding="utf-8") as f:
        assert [r["sentence"] for r in csv.DictReader(f)] == FORMULAS


# -- 4. inputs read as they are ---------------------------------------------------------------------


def test_subfolders_are_read_with_ids_relative_to_the_folder(tmp_path):
    from geo.run.readers import read_documents

    for relative in ("x.txt", "a/x.txt", "a/b/x.txt", ".hidden/y.txt"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(f"A note filed as {relative} about Lviv.", encoding="utf-8")
    assert [d.doc_id for d in read_documents([tmp_path])] == ["a/b/x.txt", "a/x.txt", "x.txt"]


def test_manifest_entries_are_judged_one_by_one(tmp_path):
    from geo.run.readers import read_documents

    for name in ("one.txt", "two.txt", "three.txt"):
        (tmp_path / name).write_text(f"The {name} note mentions Odesa.", encoding="utf-8")
    entries = [
        {"file": "one.txt", "date": "2025-05-01"},
        {"file": "two.txt", "date": "the first of May"},
        {"date": "2025-05-03"},
        {"file": "three.txt", "date": "2025-05-03"},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    errors: list = []
    dates = {d.doc_id: d.date and d.date.isoformat() for d in read_documents([tmp_path], on_error=errors.append)}
    assert dates == {"one.txt": "2025-05-01", "three.txt": "2025-05-03", "two.txt": None}
    assert len(errors) == 2 and "entry 2" in str(errors[0]) and "entry 3" in str(errors[1])


def test_a_csv_row_with_an_unbalanced_quote_is_reported_by_line(tmp_path):
    from geo.run.readers import read_documents

    path = tmp_path / "feed.csv"
    path.write_text(
        'id,text\n1,A quiet day in Lviv.\n2,"Rockets fell on Kharkiv.\n3,Talks resumed in Geneva.\n'
        '4,"A ""quoted"" word in Rome."\n5,"And one never closed\n6,Floods in Porto.\n',
        encoding="utf-8",
    )
    errors: list = []
    kept = [d.doc_id for d in read_documents([path], on_error=errors.append)]
    assert kept == ["1", "3", "4", "6"]
    assert [str(e).split(":")[0] for e in errors] == [f"{path} line 3", f"{path} line 6"]
    assert all("unbalanced quote" in str(e) for e in errors)


# -- 5. every failure a message and exit 2, nothing half-written -------------------------------------


def test_an_unwritable_results_folder_is_a_message(tmp_path):
    one_clean_error(run_cli("extract", "seeds", "-o", "/proc/geoevents-results/", "-q"), "/proc/geoevents-results")


def test_output_equal_to_an_input_is_refused(tmp_path):
    path = feed(tmp_path / "f.jsonl", 2, "f")
    before = path.read_bytes()
    one_clean_error(run_cli("extract", str(path), "-o", str(path)), "also an input")
    assert path.read_bytes() == before


def test_since_after_until_is_refused():
    one_clean_error(run_cli("map", "seeds", "--since", "2025-06-01", "--until", "2025-05-01"), "before it starts")


def test_a_map_whose_geojson_cannot_be_written_leaves_no_map(tmp_path):
    page = tmp_path / "m.html"
    result = run_cli("map", "seeds", "-o", str(page), "--geojson", "/proc/nowhere/e.geojson", "-q")
    one_clean_error(result, "/proc/nowhere")
    assert not page.exists()


def test_sigterm_leaves_no_temporary_file(tmp_path):
    path = feed(tmp_path / "f.jsonl", 400, "f")
    out = tmp_path / "out.jsonl"
    run = subprocess.Popen(
        [sys.executable, "-m", "maps.cli", "extract", str(path), "-o", str(out)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.jsonl.*")) and time.monotonic() < deadline:  # writing has begun
        time.sleep(0.2)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=60) == 143
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.jsonl"]


def test_temporary_files_of_killed_runs_are_cleaned_on_the_next_write(tmp_path):
    from geo.run.output import atomic_writer

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a process id that is free now, as a killed run's is
    stale = tmp_path / f".out.jsonl.{dead.pid}-abc123.tmp.jsonl"
    stale.write_text("half", encoding="utf-8")
    alive = tmp_path / f".out.jsonl.{os.getpid()}-def456.tmp.jsonl"  # a writer still at work
    alive.write_text("busy", encoding="utf-8")
    with atomic_writer(tmp_path / "out.jsonl") as f:
        f.write("whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "out.jsonl"]


# -- 6. round trips ---------------------------------------------------------------------------------


def test_extract_jsonl_reads_back_into_map_export_and_evaluate(tmp_path):
    records = tmp_path / "results.jsonl"
    assert run_cli("extract", "seeds", "-o", str(records), "-q").returncode == 0
    folder = tmp_path / "results"
    assert run_cli("extract", "seeds", "-o", f"{folder}/", "-q").returncode == 0
    from_file, from_folder = tmp_path / "file.geojson", tmp_path / "folder.geojson"
    assert run_cli("export", str(records), "-o", str(from_file), "-q").returncode == 0
    assert run_cli("export", str(folder), "-o", str(from_folder), "-q").returncode == 0
    assert from_file.read_bytes() == from_folder.read_bytes()
    page = tmp_path / "map.html"
    assert run_cli("map", str(records), "-o", str(page), "-q").returncode == 0 and page.stat().st_size > 0


@pytest.mark.parametrize("suffix", [".csv", ".gpkg", ".parquet"])
def test_geonameids_stay_whole_numbers(tmp_path, suffix):
    import geopandas
    import pandas
    import pyogrio

    from maps.export import WRITERS, format_for

    path = tmp_path / f"events{suffix}"
    WRITERS[format_for(path, None)](_collection(["Crowds marched in Madrid.", "Another march in Madrid."]), path)
    if suffix == ".csv":
        assert path.read_text(encoding="utf-8").splitlines()[2].split(",")[-1] == "3117735"
        return
    if suffix == ".gpkg":  # a missing value reads back as NaN, so the field's type is what tells
        info = pyogrio.read_info(path)
        assert info["ogr_types"][list(info["fields"]).index("geonameid")] == "OFTInteger64"
        return
    ids = geopandas.read_parquet(path)["geonameid"]
    assert pandas.api.types.is_integer_dtype(ids.dtype) and ids.iloc[1] == 3117735 and pandas.isna(ids.iloc[0])


def test_evaluate_takes_the_gold_format_the_readme_shows(tmp_path):
    text = "Rain fell on Lisbon while the talks moved to Madrid."
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in ("Lisbon", "Madrid")]
    coords = [{"lat": 38.72, "lon": -9.14}, {"lat": 40.42, "lon": -3.70}]
    gold = tmp_path / "gold.jsonl"
    toponyms = [{**s, **c} for s, c in zip(spans, coords)]  # no "name": the README's format
    gold.write_text(json.dumps({"doc_id": "g1", "text": text, "toponyms": toponyms}) + "\n", encoding="utf-8")
    result = run_cli("evaluate", str(gold), "-q", "-o", str(tmp_path / "pred.jsonl"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tp"] == 2
    again = run_cli("evaluate", str(gold), "-q", "--predictions", str(tmp_path / "pred.jsonl"))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(result.stdout)
