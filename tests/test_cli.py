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
    aliases.write_text('[[place]]\nname = "Camp Bondsteel"\nkind = "landmark"\nlat = 42.367\nlon = 21.25\n',
                       encoding="utf-8")
    result = run_cli("lookup", "camp bondsteel", "--aliases", str(aliases), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["candidates"][0]["kind"] == "landmark"
