"""The command line as a user meets it: output, exit status, and messages instead of tracebacks."""

import json

from conftest import run_cli


def test_help_names_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "lookup" in result.stdout and "offline" in result.stdout


def test_lookup_json_one_line_per_name():
    result = run_cli("lookup", "Kharkov", "Donetsk region", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["Kharkov", "Donetsk region"]
    best = lines[0]["candidates"][0]
    assert set(best) >= {"name", "kind", "lat", "lon", "country_code", "admin1", "geonameid", "population", "score"}
    assert best["name"] == "Kharkiv" and best["country_code"] == "UA" and best["geonameid"] == 706483
    assert lines[1]["candidates"][0]["kind"] == "region"
    assert all(len(line["candidates"]) <= 3 for line in lines)


def test_lookup_text_output_and_country_filter():
    result = run_cli("lookup", "Paris", "--country", "us", "--limit", "1")
    assert result.returncode == 0, result.stderr
    assert "Paris (city" in result.stdout and ", US)" in result.stdout


def test_lookup_unknown_name_exits_1():
    result = run_cli("lookup", "Qwxzyville", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"query": "Qwxzyville", "candidates": []}


def test_quiet_prints_only_results(tmp_path):
    result = run_cli("lookup", "Goma", "--quiet", "--json")
    assert result.returncode == 0 and result.stderr == ""


def _clean_error(result, *words):
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_bad_arguments_are_explained():
    _clean_error(run_cli("lookup", "Paris", "--limit", "0"), "at least 1")
    _clean_error(run_cli("lookup", "Paris", "--country", "France"), "two-letter ISO code")
    _clean_error(run_cli("lookup", "Paris", "--kind", "planet"), "invalid choice")
    _clean_error(run_cli(), "COMMAND")


def test_bad_alias_file_is_named(tmp_path):
    aliases = tmp_path / "mine.toml"
    aliases.write_text("[[place]]\nname = 'Nowhere'\n", encoding="utf-8")
    _clean_error(run_cli("lookup", "Paris", "--aliases", str(aliases)), "mine.toml", "lat and lon")
    _clean_error(run_cli("lookup", "Paris", "--aliases", str(tmp_path / "absent.toml")), "absent.toml")


def test_alias_file_extends_lookup(tmp_path):
    aliases = tmp_path / "mine.toml"
    aliases.write_text(
        '[[place]]\nname = "Camp Bondsteel"\nkind = "landmark"\nlat = 42.367\nlon = 21.25\n', encoding="utf-8"
    )
    result = run_cli("lookup", "camp bondsteel", "--aliases", str(aliases), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["candidates"][0]["kind"] == "landmark"


def test_extract_writes_jsonl_for_a_folder(tmp_path):
    out = tmp_path / "out" / "seeds.jsonl"
    result = run_cli("extract", "seeds", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == sorted(r["doc_id"] for r in records) and len(records) == 5
    assert records[0]["date"] == "2025-03-10"
    toponym = records[0]["toponyms"][0]
    assert set(toponym) >= {"start", "end", "name", "lat", "lon", "geonameid", "country_code", "kind", "role", "score"}


def test_extract_reads_stdin_and_writes_stdout():
    result = run_cli("extract", "-", "--date", "2025-01-02", "--quiet", stdin="Shelling hit Kherson overnight.")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["doc_id"] == "stdin" and record["date"] == "2025-01-02"
    assert [t["name"] for t in record["toponyms"]] == ["Kherson"]


def test_extract_skips_bad_documents_and_says_so(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a", "text": "Talks opened in Jeddah."}\n{"id": "b", "text": \n'
        '{"id": "c", "text": "Fighting near Bakhmut.", "date": "yesterday"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run_cli("extract", str(feed), "-o", str(out))
    assert result.returncode == 1
    assert "feed.jsonl line 2" in result.stderr and "feed.jsonl line 3" in result.stderr
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a"]


def test_extract_with_nothing_readable_leaves_no_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _clean_error(run_cli("extract", str(empty), "-o", str(out)), "empty", "no document could be read")
    assert not out.exists() and list(tmp_path.iterdir()) == [empty]


def test_extract_rejects_bad_date_and_unknown_model():
    _clean_error(run_cli("extract", "seeds", "--date", "24/10/2025"), "YYYY-MM-DD")
    _clean_error(run_cli("extract", "seeds", "--model", "en_core_web_xx"), "not installed")


def test_evaluate_prints_the_scores(tmp_path):
    text = "Fighting continued near Bakhmut while talks opened in Jeddah."
    gold = tmp_path / "gold.jsonl"
    start = text.index("Jeddah")
    gold.write_text(
        json.dumps(
            {
                "doc_id": "d1",
                "text": text,
                "toponyms": [
                    {
                        "start": text.index("Bakhmut"),
                        "end": text.index("Bakhmut") + 7,
                        "name": "Bakhmut",
                        "lat": 48.59,
                        "lon": 38.0,
                    },
                    {"start": start, "end": start + 6, "name": "Jeddah", "lat": 21.49, "lon": 39.19},
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = run_cli("evaluate", str(gold), "--quiet")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["tp"] == 2 and scores["e2e_f1@161"] == 1.0 and scores["acc@161km"] == 1.0


def test_workers_give_the_same_output_in_the_same_order(tmp_path):
    feed = tmp_path / "feed.jsonl"
    texts = ["Shelling hit Kherson on {day}.", "Talks opened in Jeddah on {day}.", "Drones were downed over {city}."]
    rows = [
        {
            "id": f"d{n:02d}",
            "date": "2025-10-24",
            "text": texts[n % 3].format(
                day=("Monday", "Tuesday", "Friday")[n % 3], city=("Moscow", "Kursk", "Belgorod")[n % 3]
            ),
        }
        for n in range(40)
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_cli("extract", str(feed), "-o", str(one), "-q").returncode == 0
    result = run_cli("extract", str(feed), "-o", str(two), "-q", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()
    assert [json.loads(line)["doc_id"] for line in two.read_text().splitlines()] == [r["id"] for r in rows]


def test_output_does_not_depend_on_the_hash_seed(tmp_path, monkeypatch):
    text = tmp_path / "a.txt"
    text.write_text(
        "Russian planes dropped at least five glide bombs on Kharkiv, injuring six people. Leaders "
        "will meet in London on Thursday, as drones were shot down over Moscow.",
        encoding="utf-8",
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)  # run_cli passes the environment on
        outputs.add(run_cli("extract", str(text), "--date", "2025-10-24", "-q").stdout)
    assert len(outputs) == 1
