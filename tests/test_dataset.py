"""Folders of results: the same records whatever the engine, resumable runs, and export/map reading them back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from geo.run.results import Dataset, DatasetError

SENTENCES = (
    "Shelling hit Kherson on {day}, injuring {n} people.",
    "Talks between the two delegations opened in Jeddah on {day}.",
    "Air defences shot down {n} drones over Belgorod overnight.",
    "Hundreds of people protested in Tbilisi on {day} against the new law.",
    "A missile struck an apartment building in Odesa on {day}, killing {n}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def rows(count: int, start: int = 0) -> list[dict]:
    """Short articles of our own, each a little different."""
    return [
        {
            "id": f"d{n:03d}",
            "date": f"2025-10-{10 + n % 15:02d}",
            "text": SENTENCES[n % 5].format(day=DAYS[n % 5], n=n % 9 + 2),
        }
        for n in range(start, start + count)
    ]


def write_feed(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def part_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in Dataset(folder).parts())


def ok(result) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def clean_error(result, *words) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, index_cache) -> dict:
    """The sample articles and 30 of our own, extracted once the plain way: one file, one process."""
    tmp = tmp_path_factory.mktemp("corpus")
    feed = write_feed(tmp / "feed.jsonl", rows(30))
    single = tmp / "single.jsonl"
    ok(run_cli("extract", "seeds", str(feed), "-o", str(single), "-q"))
    return {"tmp": tmp, "inputs": ["seeds", str(feed)], "single": single}


@pytest.fixture(scope="module")
def local_results(corpus) -> Path:
    """The corpus extracted into a folder of JSONL parts by two local processes."""
    folder = corpus["tmp"] / "local"
    ok(run_cli("extract", *corpus["inputs"], "-o", f"{folder}/", "--workers", "2", "--partition-size", "8", "-q"))
    return folder


@pytest.fixture(scope="module")
def parquet_results(corpus) -> Path:
    folder = corpus["tmp"] / "parquet"
    ok(run_cli("extract", *corpus["inputs"], "-o", str(folder), "--format", "parquet", "--partition-size", "20", "-q"))
    return folder


@pytest.fixture(scope="module")
def article_events(corpus) -> Path:
    """The corpus's events exported straight from the articles."""
    path = corpus["tmp"] / "articles.geojson"
    ok(run_cli("export", *corpus["inputs"], "-o", str(path), "-q"))
    return path


# -- the same output, whatever the engine --------------------------------------------------------------


def test_results_folder_holds_the_records_of_one_file(corpus, local_results):
    assert [p.name for p in Dataset(local_results).parts()] == [f"part-0000{n}.jsonl" for n in range(5)]  # 35 docs
    assert part_bytes(local_results) == corpus["single"].read_bytes()
    assert list(Dataset(local_results).records()) == lines(corpus["single"])


def test_parquet_parts_read_back_to_the_same_records(corpus, parquet_results):
    assert [p.name for p in Dataset(parquet_results).parts()] == ["part-00000.parquet", "part-00001.parquet"]
    assert list(Dataset(parquet_results).records()) == lines(corpus["single"])


def test_dask_engine_gives_the_same_output(corpus):
    folder = corpus["tmp"] / "dask"
    result = run_cli(
        "extract", *corpus["inputs"], "-o", str(folder), "--engine", "dask", "--workers", "2", "--partition-size", "4"
    )
    ok(result)
    assert "2 worker processes" in result.stderr
    assert len(Dataset(folder).parts()) == 9
    assert part_bytes(folder) == corpus["single"].read_bytes()


def test_a_running_cluster_keeps_one_model_per_worker(corpus):
    from distributed import Client, LocalCluster

    def model() -> int | None:  # nested, so it is pickled by value: workers cannot import this module
        from geo.run import dask_engine as cluster

        return cluster._current and id(cluster._current[1])

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        for run in ("first", "second"):
            folder = corpus["tmp"] / f"scheduler-{run}"
            ok(
                run_cli(
                    "extract",
                    *corpus["inputs"],
                    "-o",
                    str(folder),
                    "--engine",
                    "dask",
                    "--scheduler",
                    cluster.scheduler_address,
                    "--partition-size",
                    "3",
                    "-q",
                )
            )
            assert len(Dataset(folder).parts()) == 12
            assert part_bytes(folder) == corpus["single"].read_bytes()
            if run == "first":
                kept = client.run(model)
        assert all(kept.values()) and client.run(model) == kept  # the same two models for 24 partitions


def test_settings_change_with_the_files(tmp_path):
    from geo.run.dask_engine import Settings

    aliases = tmp_path / "mine.toml"
    aliases.write_text("# nothing yet\n", encoding="utf-8")
    before = Settings.of("en_core_web_sm", [aliases])
    assert before == Settings.of("en_core_web_sm", [str(aliases)]) and before.aliases == (str(aliases),)
    aliases.write_text('[[place]]\nname = "Camp Bondsteel"\nlat = 42.367\nlon = 21.25\n', encoding="utf-8")
    assert Settings.of("en_core_web_sm", [aliases]) != before  # a running cluster builds a new Extractor


# -- export and map read a folder of results ---------------------------------------------------------


def test_export_from_results_equals_export_from_articles(corpus, local_results, article_events):
    path = corpus["tmp"] / "results.geojson"
    # a model that does not exist shows that reading results loads none
    ok(run_cli("export", str(local_results), "-o", str(path), "--model", "en_core_web_xx", "-q"))
    assert path.read_bytes() == article_events.read_bytes()
    assert json.loads(path.read_text())["features"]


def test_filters_apply_to_results(corpus, parquet_results):
    filters = ("--types", "strike,interception", "--since", "2025-10-15")
    from_articles, from_results = corpus["tmp"] / "filtered-articles.geojson", corpus["tmp"] / "filtered.geojson"
    ok(run_cli("export", *corpus["inputs"], "-o", str(from_articles), *filters, "-q"))
    ok(run_cli("export", str(parquet_results), "-o", str(from_results), *filters, "-q"))
    assert from_results.read_bytes() == from_articles.read_bytes()
    features = json.loads(from_results.read_text())["features"]
    assert features and {f["properties"]["event_type"] for f in features} <= {"strike", "interception"}


def test_map_reads_results(parquet_results, article_events, tmp_path):
    ok(
        run_cli(
            "map",
            str(parquet_results),
            "-o",
            str(tmp_path / "map.html"),
            "--geojson",
            str(tmp_path / "map.geojson"),
            "-q",
        )
    )
    assert (tmp_path / "map.geojson").read_bytes() == article_events.read_bytes()
    assert "Jeddah" in (tmp_path / "map.html").read_text(encoding="utf-8")


# -- resuming ----------------------------------------------------------------------------------------


def test_rerun_extracts_only_new_and_changed_documents(tmp_path, index_cache):
    first = rows(12)
    feed = write_feed(tmp_path / "feed.jsonl", first)
    folder = tmp_path / "results"
    ok(run_cli("extract", str(feed), "-o", f"{folder}/", "--partition-size", "5", "-q"))
    old_parts = {p: p.read_bytes() for p in Dataset(folder).parts()}
    assert len(old_parts) == 3

    changed = {**first[4], "text": "Fighting went on near Bakhmut all week."}
    grown = [*first[:4], changed, *first[5:], *rows(3, start=12)]
    write_feed(feed, grown)
    result = run_cli("extract", str(feed), "-o", str(folder), "--partition-size", "5")
    ok(result)
    assert "4 documents" in result.stderr and "11 already there" in result.stderr

    parts = Dataset(folder).parts()
    assert {p: p.read_bytes() for p in parts[:3]} == old_parts  # old parts are never rewritten
    new = [json.loads(line) for p in parts[3:] for line in p.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in new] == ["d004", "d012", "d013", "d014"]
    records = list(Dataset(folder).records())
    assert sorted(r["doc_id"] for r in records) == sorted(r["id"] for r in grown)  # no duplicates
    (latest,) = [r for r in records if r["doc_id"] == "d004"]
    assert [t["name"] for t in latest["toponyms"]] == ["Bakhmut"]  # the changed text wins

    again = run_cli("extract", str(feed), "-o", str(folder))
    ok(again)
    assert "0 documents" in again.stderr and "15 already there" in again.stderr
    assert Dataset(folder).parts() == parts


# -- the folder itself, without a model --------------------------------------------------------------


#: An unplaced event, with a key this version does not know (kept as it is).
EVENT = {
    "event_type": "strike",
    "status": "reported",
    "date": None,
    "reported": None,
    "counts": {},
    "confidence": 0.5,
    "sentence": "Drones hit it.",
    "start": 0,
    "place": None,
    "x": [1, None],
}


def record(doc_id: str, text_hash: str = "h", **fields) -> dict:
    return {
        "doc_id": doc_id,
        "text_hash": text_hash,
        "date": None,
        "title": "Él — “quoted”",
        "url": None,
        "toponyms": [{"start": 0, "end": 4, "name": "Kyiv", "lat": 50.45466, "lon": 30.5238, "score": 0.1 + 0.2}],
        "events": [],
        **fields,
    }


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_last_record_of_a_doc_id_wins(tmp_path, fmt):
    dataset = Dataset(tmp_path / "d", new_ok=True)
    assert dataset.parts() == [] and not (tmp_path / "d").exists()  # made on the first write
    assert dataset.write([record("a"), record("b"), record("c")], fmt=fmt, size=2) == 3
    assert dataset.write([record("b", "h2", events=[EVENT])], fmt=fmt) == 1
    first, *_, last = records = list(dataset.records())
    assert [r["doc_id"] for r in records] == ["a", "c", "b"]
    assert last == record("b", "h2", events=[EVENT])
    assert first == record("a")  # floats, unicode and nulls read back exactly
    assert [p.name for p in dataset.parts()] == [f"part-0000{n}.{fmt}" for n in range(3)]


def test_unseen_compares_id_and_text(tmp_path):
    from geo.run.extract import text_hash
    from geo.run.readers import Document

    dataset = Dataset(tmp_path / "d", new_ok=True)
    dataset.write([record("a", text_hash("one")), record("b", text_hash("two"))])
    documents = [Document("a", "one"), Document("b", "two, changed"), Document("c", "three")]
    assert [d.doc_id for d in Dataset(tmp_path / "d").unseen(documents)] == ["b", "c"]


def test_folders_that_are_not_results_are_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DatasetError, match="holds other files"):
        Dataset(tmp_path, new_ok=True)
    with pytest.raises(DatasetError, match="is a file"):
        Dataset(tmp_path / "notes.txt", new_ok=True)
    with pytest.raises(DatasetError, match="not a folder of geoevents results"):
        Dataset(tmp_path)


# -- errors, one line each ---------------------------------------------------------------------------


def test_corrupt_parts_are_named(tmp_path):
    jsonl, parquet = tmp_path / "j", tmp_path / "p"
    Dataset(jsonl, new_ok=True).write([record("a"), record("b")])
    Dataset(parquet, new_ok=True).write([record("a")], fmt="parquet")
    with (jsonl / "part-00000.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"doc_id": "c", "text_hash": \n')
    (parquet / "part-00000.parquet").write_bytes(b"not parquet at all")
    clean_error(
        run_cli("export", str(jsonl), "-o", str(tmp_path / "j.geojson")), "part-00000.jsonl line 3", "not valid JSON"
    )
    clean_error(
        run_cli("map", str(parquet), "-o", str(tmp_path / "p.html")),
        "part-00000.parquet",
        "not a readable Parquet part",
    )
    assert not (tmp_path / "j.geojson").exists() and not (tmp_path / "p.html").exists()


def test_output_and_input_mistakes_are_explained(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    clean_error(run_cli("extract", "seeds", "-o", f"{mine}/"), "holds other files")
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    results = tmp_path / "results"
    Dataset(results, new_ok=True).write([record("a")])
    clean_error(run_cli("extract", str(results), "-o", str(tmp_path / "x.jsonl")), "holds extraction results")
    clean_error(run_cli("export", str(results), "seeds", "-o", str(tmp_path / "x.geojson")), "not both")
    clean_error(run_cli("extract", "seeds", "--format", "parquet"), "-o FOLDER")
    clean_error(run_cli("extract", "seeds", "--scheduler", "tcp://127.0.0.1:8786"), "--engine dask")


def test_unreachable_scheduler(monkeypatch):
    from geo.run import dask_engine as cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with (
        pytest.raises(cluster.ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"),
        cluster.connect("tcp://127.0.0.1:1"),
    ):
        pass


def test_dask_not_installed(tmp_path, monkeypatch):
    shadow = tmp_path / "shadow" / "distributed"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('no distributed here')\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(shadow.parent))  # run_cli passes the environment on
    clean_error(run_cli("extract", "seeds", "--engine", "dask"), "pip install 'geoevents[dask]'")
