"""`geoevents gazetteer add/list/remove`: a user's own places, from GeoNames dumps and simple lists."""

import json
import shutil
import zipfile

import pytest

from tests.conftest import run_cli

# Two made-up villages in the GeoNames layout (19 tab-separated columns); admin-1 05 is Donetsk Oblast.
ROWS = [
    ["9000001", "Pisky", "Pisky", "Peski,Piski", "48.0967", "37.6597", "P", "PPL", "UA", "", "05", "", "", "", "2000"],
    ["9000002", "Stepove", "Stepove", "Stepovoe", "47.9000", "37.5000", "P", "PPL", "UA", "", "05", "", "", "", "900"],
    ["9000003", "Kalmius Hill", "Kalmius Hill", "", "47.95", "37.55", "A", "ADM3", "UA", "", "05", "", "", "", "0"],
]


def geonames_line(row: list[str]) -> str:
    return "\t".join(row + ["", "100", "Europe/Kyiv", "2024-01-01"]) + "\n"


@pytest.fixture
def own_cache(tmp_path, index_cache, monkeypatch):
    """A cache folder of its own (the built index copied in), so the session's stays untouched."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for index in index_cache.glob("index-*.bin"):
        shutil.copy(index, cache / index.name)
    monkeypatch.setenv("GEOEVENTS_CACHE_DIR", str(cache))
    return cache


def added(tmp_path, rows: list[list[str]], name: str = "XX.txt") -> None:
    """The rows written as a GeoNames dump and added with `gazetteer add` (rows of 11 columns get the rest)."""
    dump = tmp_path / name
    dump.write_text("".join(geonames_line(row + ["", "", "", "0"] if len(row) == 11 else row) for row in rows))
    assert run_cli("gazetteer", "add", str(dump)).returncode == 0


def placed(text: str) -> dict[str, str | None]:
    """Name as written -> the id of the place `extract` gives it."""
    (record,) = [json.loads(line) for line in run_cli("extract", "-", stdin=text + "\n").stdout.splitlines()]
    return {t["name"]: t["place_id"] for t in record["toponyms"]}


def test_a_geonames_zip_makes_villages_candidates_for_every_later_command(tmp_path, own_cache):
    dump = tmp_path / "UA.zip"
    with zipfile.ZipFile(dump, "w") as z:
        z.writestr("UA.txt", "".join(map(geonames_line, ROWS)))
        z.writestr("readme.txt", "not a place list\n")
    added = run_cli("gazetteer", "add", str(dump))
    assert added.returncode == 0, added.stderr
    assert "added 2 places" in added.stdout  # the administrative row is left to the shipped regions
    looked = json.loads(run_cli("lookup", "Peski", "--json", "--country", "UA").stdout)
    assert "gn:9000001" in [c["id"] for c in looked["candidates"]]
    listed = run_cli("gazetteer", "list")
    assert "UA.zip" in listed.stdout and "2 places" in listed.stdout
    assert run_cli("gazetteer", "remove", "UA.zip").returncode == 0
    gone = json.loads(run_cli("lookup", "Stepove", "--json").stdout)
    assert all(c["id"] != "gn:9000002" for c in gone["candidates"])


def test_a_village_wins_over_its_namesake_by_context(tmp_path, own_cache):
    added(tmp_path, ROWS, "UA.txt")
    text = "Ukrainian defenders held Pisky, Donetsk, as shelling hit Avdiivka and Donetsk again.\n"
    done = run_cli("extract", "-", stdin=text)
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    (pisky,) = [t for t in record["toponyms"] if t["name"] == "Pisky"]
    assert pisky["place_id"] == "gn:9000001"


def test_csv_and_geojson_lists(tmp_path, own_cache):
    listing = tmp_path / "mine.csv"
    listing.write_text(
        "name,lat,lon,kind,country,admin1,alternate_names\nOld Mill Yard,50.1,30.2,landmark,UA,13,Mill Yard\n"
    )
    points = tmp_path / "mine.geojson"
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [31.5, 49.2]},
        "properties": {"name": "Zarichne Farm"},
    }
    points.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    assert run_cli("gazetteer", "add", str(listing), str(points)).returncode == 0
    mill = json.loads(run_cli("lookup", "Mill Yard", "--json").stdout)["candidates"][0]
    assert (mill["kind"], mill["country_code"]) == ("landmark", "UA")
    farm = json.loads(run_cli("lookup", "Zarichne Farm", "--json").stdout)["candidates"][0]
    assert (farm["lat"], farm["lon"]) == (49.2, 31.5)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("UA.txt", "123\tonly three\tcolumns\n", "line 1: 3 tab-separated columns"),
        ("bad.csv", "name,lat,lon\nSomewhere,95,30\n", "line 2 (Somewhere): latitude 95.0"),
        ("bad.csv", "title,x\nA,1\n", "the header must name the columns name, lat and lon"),
        ("UA.zip", "not a zip", "not a readable zip file"),
        ("places.xlsx", "", "unknown kind of file"),
    ],
)
def test_a_bad_file_exits_2_and_adds_nothing(tmp_path, own_cache, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    done = run_cli("gazetteer", "add", str(path))
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert "no files added" in run_cli("gazetteer", "list").stdout
    assert not list((own_cache / "user").glob("*.tsv.gz"))


def test_the_village_in_the_named_region_among_many_namesakes(tmp_path, own_cache):
    # Fourteen made-up villages of one name in other oblasts, bigger, and one of unknown size in Kharkiv Oblast (07).
    others = ["01", "02", "03", "04", "05", "06", "08", "09", "10", "11", "12", "13", "14", "17"]  # 17: Odesa
    rows = [
        [
            str(9100000 + n),
            "Zorianivka",
            "Zorianivka",
            "",
            f"{46 + n * 0.3:.2f}",
            f"{28 + n * 0.5:.2f}",
            "P",
            "PPL",
            "UA",
        ]
        + ["", code, "", "", "", str(5000 - n * 100)]
        for n, code in enumerate(others)
    ]
    rows.append(
        ["9100099", "Zorianivka", "Zorianivka", "", "49.60", "36.90", "P", "PPL", "UA", "", "07", "", "", "", "0"]
    )
    added(tmp_path, rows, "UA.txt")

    assert placed("Shelling hit Zorianivka, Kharkiv region, on Monday.")["Zorianivka"] == "gn:9100099"
    assert placed("Shelling hit Zorianivka, Odesa region, on Monday.")["Zorianivka"] == "gn:9100013"


def test_an_added_village_named_as_a_location_is_a_place_however_small(tmp_path, own_cache):
    # Villages of unknown size (coordinates made up): one the model takes for an organisation here, one
    # for a person, and a shipped namesake of the second (a village in Odesa Oblast) as big as a village.
    rows = [
        ["9200001", "Mineralne", "Mineralne", "", "48.10", "37.80", "P", "PPL", "UA", "", "05", "", "", "", "0"],
        ["9200002", "Chervonyi Yar", "Chervonyi Yar", "", "48.70", "38.60", "P", "PPL", "UA", "", "14"]
        + ["", "", "", "0"],
        ["9200003", "Shakhta imeni Gagarina", "Shakhta imeni Gagarina", "", "48.30", "37.95", "P", "PPL", "UA"]
        + ["", "05", "", "", "", "0"],
    ]

    shots = "Monitors logged 35 shots from small arms near {}."
    assert not any(placed(shots.format("Mineralne")).values())  # no shipped place: none without the layer
    added(tmp_path, rows, "UA.txt")
    assert placed(shots.format("Mineralne")) == {"Mineralne": "gn:9200001"}
    # The user's village, not the shipped namesake far away; the namesake still when the text says so.
    assert placed(shots.format("Chervonyi Yar")) == {"Chervonyi Yar": "gn:9200002"}
    assert placed("Shells hit Chervonyi Yar, Odesa region, at dawn.")["Chervonyi Yar"] == "gn:710502"
    # Not set as a location, the added name stays what the model read: a person's.
    assert placed("Chervonyi Yar said the talks went well.") == {}
    # "imeni" ("named after") joins a Russian name's words; the model's "Gagarina" inside it is no place of its own.
    mine = placed("Mortars hit trenches near Shakhta imeni Gagarina, Donetsk, on Friday.")
    assert mine == {"Shakhta imeni Gagarina": "gn:9200003", "Donetsk": "admin1:UA.05"}


def test_a_village_named_before_a_checkpoint_or_town_in_its_region_is_found(tmp_path, own_cache):
    # Made-up villages: one in Chernihiv Oblast (admin-1 02), one in Syria's Al-Hasakah (admin-1 01).
    rows = [
        ["9300001", "Zorivka", "Zorivka", "", "51.95", "31.60", "P", "PPL", "UA", "", "02", "", "", "", "0"],
        ["9300002", "Kharab Warda", "Kharab Warda", "", "36.90", "41.20", "P", "PPL", "SY", "", "01", "", "", "", "0"],
    ]
    added(tmp_path, rows)

    checkpoint = placed("Artillery fire hit the Zorivka border checkpoint in the Chernihiv region on Monday.")
    assert checkpoint["Zorivka"] == "gn:9300001"
    assert (
        placed("A drone struck Kharab Warda village in Al Hasakeh countryside on Tuesday.")["Kharab Warda"]
        == "gn:9300002"
    )
    assert list(placed("Workers rallied at the town hall in Chernihiv on Wednesday.")) == ["Chernihiv"]


def test_a_village_named_as_a_target_or_before_its_bracketed_region_is_found(tmp_path, own_cache):
    # Made-up villages: Luhansk Oblast (14), Yemen's Al Jawf (21), one name in Zaporizhzhia (26) and in
    # Mykolaiv Oblast (16), and villages called Mykolaiv elsewhere, as a country's full dump holds them.
    rows = [
        ["9400001", "Kruhlyakivka", "Kruhlyakivka", "", "49.10", "38.90", "P", "PPL", "UA", "", "14"],
        ["9400002", "As Sufayyah", "As Sufayyah", "", "16.40", "45.20", "P", "PPL", "YE", "", "21"],
        ["9400003", "Verbova Balka", "Verbova Balka", "", "47.40", "35.40", "P", "PPL", "UA", "", "26"],
        ["9400004", "Verbova Balka", "Verbova Balka", "", "47.30", "31.90", "P", "PPL", "UA", "", "16"],
        *(
            [f"940001{n}", "Mykolaiv", "Mykolaiv", "", lat, lon, "P", "PPL", "UA", "", code]
            for n, (lat, lon, code) in enumerate(
                [("49.5", "23.9", "15"), ("48.3", "29.9", "23"), ("50.1", "25.9", "19")]
            )
        ),
    ]
    added(tmp_path, rows)

    # "on" after a word of attack names its target; after a day it names a time
    assert placed("Russian Forces launched air strikes on Kruhlyakivka, Luhansk.")["Kruhlyakivka"] == "gn:9400001"
    assert "Sunday" not in placed("The strikes resumed on Sunday, Luhansk officials said.")
    # a bracket closed by a region says where the name before it lies, whatever the tagger read "As" as
    assert placed("Coalition jets targeted As Sufayyah (Al Hazm, Al Jawf) overnight.")["As Sufayyah"] == "gn:9400002"
    # "X, Mykolaiv region": the region picks the village, in one oblast as in the other
    assert placed("Gunners hit a truck near Verbova Balka, Mykolaiv region.")["Verbova Balka"] == "gn:9400004"
    assert placed("Gunners hit a truck near Verbova Balka, Zaporizhzhia region.")["Verbova Balka"] == "gn:9400003"


def test_a_name_the_user_added_whole_is_not_read_as_a_part_of_a_shipped_place(tmp_path, own_cache):
    row = ["9500001", "Western Black Sea", "Western Black Sea", "", "43.5", "31.2", "H", "SEA", "UA", "", ""]
    added(tmp_path, [row])

    def first(name: str) -> str:
        return json.loads(run_cli("lookup", name, "--json").stdout)["candidates"][0]["id"]

    assert first("Western Black Sea") == "gn:9500001"  # the user's area, not the Black Sea without "western"
    assert first("Eastern Black Sea") == "sea:black-sea"  # no place is called so: the sea's part, as before


def test_a_community_named_after_its_centre_chooses_the_village_near_it(tmp_path, own_cache):
    # One made-up village name twice in Kherson Oblast (08): near Beryslav, and near Vysokopillia.
    rows = [
        ["9600001", "Pryberezhne", "Pryberezhne", "", "46.85", "33.60", "P", "PPL", "UA", "", "08"],
        ["9600002", "Pryberezhne", "Pryberezhne", "", "47.47", "33.40", "P", "PPL", "UA", "", "08"],
    ]
    added(tmp_path, rows)

    near = placed("Shells fell near Pryberezhne, Kherson (the Vysokopilska community) on Monday.")
    assert near["Pryberezhne"] == "gn:9600002" and near["Vysokopilska community"] is not None
    assert placed("Shells fell near Pryberezhne, Kherson (the Beryslavska community) on Monday.")["Pryberezhne"] == (
        "gn:9600001"
    )
