"""The gazetteer answers the names news uses, best candidate first."""

from pathlib import Path

import pytest

from gazetteer import AliasError, Gazetteer, Place
from gazetteer import build as builder
from geo.scoring import haversine_km


def km(place: Place, lat: float, lon: float) -> float:
    return haversine_km(place.lat, place.lon, lat, lon)


# name, kind, country, lat, lon of the place a news reader means.
TOP = [
    ("Kharkiv", "city", "UA", 49.98, 36.25),
    ("Kherson", "city", "UA", 46.64, 32.61),
    ("Odessa", "city", "UA", 46.48, 30.73),
    ("Kiev", "city", "UA", 50.45, 30.52),
    ("Krasnogorsk", "city", "RU", 55.82, 37.33),
    ("Paris", "city", "FR", 48.85, 2.35),
    ("London", "city", "GB", 51.51, -0.13),
    ("Washington", "city", "US", 38.90, -77.04),
    ("Saudi Arabia", "country", "SA", 24.0, 45.0),
    ("Jeddah", "city", "SA", 21.49, 39.19),
    ("Donetsk region", "region", "UA", 48.1, 37.7),
    ("Kursk region", "region", "RU", 51.6, 36.1),
    ("Kursk", "city", "RU", 51.73, 36.19),
    ("Moscow Oblast", "region", "RU", 55.5, 37.5),
    ("Crimea", "region", "UA", 45.3, 34.4),
    ("Donbas", "region", "UA", 48.3, 38.4),
    ("Gaza Strip", "region", "PS", 31.42, 34.38),
    ("English Channel", "sea", None, 50.0, -1.5),
    ("Sea of Azov", "sea", None, 46.0, 36.5),
    ("Bakhmut", "city", "UA", 48.59, 38.0),
    ("Rafah", "city", "PS", 31.30, 34.25),
    ("Aleppo", "city", "SY", 36.20, 37.16),
    ("Sanaa", "city", "YE", 15.35, 44.21),
    ("El Fasher", "city", "SD", 13.63, 25.35),
    ("Goma", "city", "CD", -1.67, 29.23),
    # and more of the same kinds
    ("Zaporizhzhia", "city", "UA", 47.85, 35.12),
    ("Zaporozhye", "city", "UA", 47.85, 35.12),
    ("Kharkov", "city", "UA", 49.98, 36.25),
    ("Odesa region", "region", "UA", 46.5, 30.0),
    ("the southern Odesa region", "region", "UA", 46.5, 30.0),
    ("Donets'k Oblast", "region", "UA", 48.1, 37.7),
    ("Luhansk region", "region", "UA", 48.7, 39.0),
    ("Moscow", "city", "RU", 55.75, 37.62),
    ("Kyiv", "city", "UA", 50.45, 30.52),
    ("Dnipro", "city", "UA", 48.47, 35.04),
    ("Mariupol", "city", "UA", 47.10, 37.55),
    ("Belgorod", "city", "RU", 50.60, 36.59),
    ("Sevastopol", "city", "UA", 44.60, 33.52),
    ("Tel Aviv", "city", "IL", 32.08, 34.78),
    ("Beirut", "city", "LB", 33.89, 35.50),
    ("Khartoum", "city", "SD", 15.55, 32.53),
    ("Mogadishu", "city", "SO", 2.04, 45.34),
    ("Damascus", "city", "SY", 33.51, 36.29),
    ("Gaza", "city", "PS", 31.50, 34.47),
    ("Ukraine", "country", "UA", 49.0, 32.0),
    ("United Kingdom", "country", "GB", 54.0, -2.0),
    ("UK", "country", "GB", 54.0, -2.0),
    ("U.S.", "country", "US", 39.8, -98.5),
    ("North Korea", "country", "KP", 40.0, 127.0),
    ("Georgia", "country", "GE", 42.3, 43.4),
    ("Black Sea", "sea", None, 43.0, 34.0),
    ("Red Sea", "sea", None, 20.0, 38.5),
    ("Strait of Hormuz", "sea", None, 26.6, 56.3),
    ("Washington state", "region", "US", 47.4, -120.5),
    ("10 Downing Street", "landmark", "GB", 51.503, -0.128),
    ("the White House", "landmark", "US", 38.898, -77.037),
    ("Kremlin", "landmark", "RU", 55.752, 37.617),
    ("Élysée", "landmark", "FR", 48.870, 2.317),
    ("Darfur", "region", "SD", 13.0, 24.5),
    ("Sinai", "physical", "EG", 29.5, 33.8),
    ("Kyiv Oblast", "region", "UA", 50.3, 30.5),  # a region's own name, not Kyiv City found by designator
    ("Kyiv region", "region", "UA", 50.3, 30.5),
    ("Minsk region", "region", "BY", 53.2, 27.5),  # Minsk Oblast; GeoNames also gives the name to Minsk City
    ("Sloviansk", "city", "UA", 48.85, 37.6),  # a spelling of its own name beats a neighbour's stray alternate
    ("Hodeidah", "city", "YE", 14.80, 42.95),
    ("Deir al-Balah", "city", "PS", 31.42, 34.35),
    ("Karabakh", "region", "AZ", 39.8, 46.8),
    ("Atlantic", "sea", None, 14.6, -36.0),
    ("Heathrow", "landmark", "GB", 51.47, -0.45),
    ("BC", "region", "CA", 54.7, -124.7),
    ("Bosnia", "country", "BA", 44.0, 17.8),
    ("Cape Verde", "country", "CV", 16.0, -24.0),  # the country, not the cape in Senegal
    ("Hormuz", "sea", None, 26.6, 56.3),
    ("Somaliland", "region", "SO", 9.8, 46.0),
    ("Dead Sea", "physical", "JO", 31.5, 35.5),
    ("Aegean", "sea", None, 39.0, 25.0),
    ("Southeast Asia", "physical", None, 10.0, 106.0),
    ("Western Wall", "landmark", "IL", 31.78, 35.23),
    ("Lubyanka", "landmark", "RU", 55.76, 37.63),
    ("Hmeimim", "landmark", "SY", 35.40, 35.95),
]


@pytest.mark.parametrize("name, kind, country, lat, lon", TOP, ids=[t[0] for t in TOP])
def test_top_candidate(gazetteer, name, kind, country, lat, lon):
    best = gazetteer.candidates(name)[0]
    assert best.kind == kind
    assert best.country_code == country
    if kind != "country":  # as in the field's scoring, a country counts by its code
        assert km(best, lat, lon) < 161, best


def test_a_venue_stands_in_the_namesake_city_nearest_to_it(gazetteer):
    pentagon = gazetteer.candidates("Pentagon")[0]
    assert pentagon.admin1 == "Virginia"  # Arlington, Virginia, not the bigger Arlington in Texas
    assert gazetteer.get(pentagon.parent).admin1 == "Virginia"


def test_a_region_gives_way_only_to_a_big_city_of_its_name_inside_it(gazetteer):
    # Kansas City lies in Missouri, Delaware (Ohio) in Ohio: the states keep their names
    assert [(p.kind, p.admin1_code) for p in gazetteer.candidates("Kansas", limit=1)] == [("region", "US.KS")]
    assert [(p.kind, p.admin1_code) for p in gazetteer.candidates("Delaware", limit=1)] == [("region", "US.DE")]
    # New York City and Kursk lie in the region of their name: the city first
    assert [(p.kind, p.admin1_code) for p in gazetteer.candidates("New York", limit=1)] == [("city", "US.NY")]
    assert gazetteer.candidates("Kursk", limit=1)[0].kind == "city"


def test_candidates_are_ranked_and_carry_a_score(gazetteer):
    found = gazetteer.candidates("Paris", limit=10)
    assert len(found) > 1
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
    assert {"FR", "US"} <= {p.country_code for p in found}
    assert 0 < found[-1].score <= found[0].score <= 1


def test_country_filter_picks_the_other_paris(gazetteer):
    texas = gazetteer.candidates("Paris", country="US")
    assert texas and all(p.country_code == "US" for p in texas)
    assert texas[0].admin1 in {"Texas", "Tennessee", "Kentucky", "Illinois"}


def test_kind_filter(gazetteer):
    regions = gazetteer.candidates("Kharkiv", kind="region")
    assert [p.id for p in regions][:1] == ["admin1:UA.07"]
    with pytest.raises(ValueError):
        gazetteer.candidates("Kharkiv", kind="planet")


def test_country_before_village_of_the_same_name(gazetteer):
    for name in ("Jordan", "Chad", "Georgia", "Lebanon", "Poland"):
        assert gazetteer.candidates(name)[0].kind == "country", name


def test_city_records_carry_geonames_fields(gazetteer):
    kyiv = gazetteer.candidates("Kyiv")[0]
    assert kyiv.geonameid == 703448 and kyiv.id == "gn:703448"
    assert kyiv.population > 2_000_000
    assert gazetteer.get("gn:703448") == Place(**{**kyiv.to_dict(), "score": 0.0, "match": "id"})
    assert kyiv.match == "name" and gazetteer.candidates("Kiev")[0].match == "alternate"


def test_region_records_carry_admin1(gazetteer):
    region = gazetteer.get("admin1:UA.05")
    assert region.kind == "region" and region.admin1_code == "UA.05" and region.country_code == "UA"
    city = gazetteer.candidates("Kramatorsk")[0]
    assert city.admin1_code == "UA.05" and city.admin1 == region.name


def test_moscow_city_and_oblast_are_not_swapped(gazetteer):
    oblast, city = gazetteer.get("admin1:RU.47"), gazetteer.get("admin1:RU.48")
    assert "Oblast" in oblast.name and km(city, 55.75, 37.62) < 30
    assert gazetteer.polygon(oblast).area > 10 * gazetteer.polygon(city).area


def test_crimea_is_in_ukraine(gazetteer):
    assert gazetteer.get("admin1:UA.11").country_code == "UA"


def test_a_compass_word_finds_parts_of_big_places_only(gazetteer):
    assert gazetteer.candidates("northern Gaza")[0].name == "Gaza"
    assert gazetteer.candidates("eastern Ukraine")[0].kind == "country"
    assert gazetteer.candidates("northern Wall") == []  # not the hamlet of Wall, South Dakota


def test_unknown_names_give_nothing(gazetteer):
    assert gazetteer.candidates("Qwxzyville") == []
    assert gazetteer.candidates("") == []
    assert gazetteer.candidates("  ,. ") == []


def test_polygons_on_demand(gazetteer):
    ukraine = gazetteer.polygon("country:UA")
    assert ukraine is not None and ukraine.contains(_point(49.98, 36.25))  # Kharkiv
    donbas = gazetteer.candidates("Donbas")[0]
    shape = gazetteer.polygon(donbas)
    assert shape.contains(_point(48.0, 37.8)) and shape.contains(_point(48.57, 39.31))  # Donetsk, Luhansk
    assert gazetteer.polygon(gazetteer.candidates("Kyiv")[0]) is None


def _point(lat: float, lon: float):
    from shapely.geometry import Point

    return Point(lon, lat)


def test_user_alias_file_adds_places_and_names(tmp_path):
    aliases = tmp_path / "mine.toml"
    aliases.write_text(
        """
[[place]]
name = "Camp Bondsteel"
kind = "landmark"
names = ["Bondsteel"]
lat = 42.367
lon = 21.25
country = "XK"

[[place]]
name = "Arlington Memorial Amphitheater"
kind = "landmark"
lat = 38.8783
lon = -77.0687
city = "Arlington"
country = "US"

[[place]]
name = "Southern Front"
members = ["admin1:UA.08", "admin1:UA.26"]

[[names]]
place = "gn:703448"
names = ["Kyivska stolytsia"]
""",
        encoding="utf-8",
    )
    g = Gazetteer(aliases=[aliases])
    assert g.candidates("Bondsteel")[0].name == "Camp Bondsteel"
    front = g.candidates("Southern Front")[0]
    assert front.country_code == "UA" and 46 < front.lat < 48
    assert g.candidates("Kyivska stolytsia")[0].geonameid == 703448
    assert g.candidates("Arlington Memorial Amphitheater")[0].admin1 == "Virginia"  # the nearest Arlington


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[place]\nname = 'x'", "not valid TOML"),
        ("[[place]]\nkind = 'landmark'\nlat = 1\nlon = 2", "needs a name"),
        ("[[place]]\nname = 'X'\nkind = 'planet'\nlat = 1\nlon = 2", "kind must be one of"),
        ("[[place]]\nname = 'X'", "give lat and lon, or members"),
        ("[[place]]\nname = 'X'\nmembers = ['admin1:ZZ.99']", "unknown member ids"),
        ("[[place]]\nname = 'X'\nlat = 100\nlon = 2", "out of range"),
        ("[[place]]\nname = 'X'\ncity = 'Nowhereville'\nlat = 1\nlon = 2", "no city named"),
        ("[[names]]\nplace = 'country:ZZ'\nnames = ['Zed']", "unknown place id"),
        ("[[names]]\nplace = 'country:UA'\nnames = 'Ukraina'", "must be a list of strings"),
    ],
)
def test_bad_alias_files_are_named_in_the_error(tmp_path, text, message):
    aliases = tmp_path / "bad.toml"
    aliases.write_text(text, encoding="utf-8")
    with pytest.raises(AliasError, match=message) as error:
        Gazetteer(aliases=[aliases])
    assert "bad.toml" in str(error.value)


def test_missing_alias_file(tmp_path):
    with pytest.raises(AliasError, match="cannot read"):
        Gazetteer(aliases=[tmp_path / "absent.toml"])


def _cached_index(gazetteer, tmp_path):
    """A copy of the session's index in a cache folder of the test's own."""
    import shutil

    return Path(shutil.copy(gazetteer.index_path, tmp_path / gazetteer.index_path.name))


def _small_build(aliases):
    from gazetteer.build import build_index
    from gazetteer.sources import PlaceRecord

    return build_index([PlaceRecord("gn:1", "Testville", "city", 10.0, 20.0, "UA", population=1000)])


def test_index_is_cached_and_reloaded(gazetteer, tmp_path, monkeypatch):
    _cached_index(gazetteer, tmp_path)
    monkeypatch.setattr(builder, "build", lambda *a: pytest.fail("the cached index should be loaded"))
    again = Gazetteer(cache=tmp_path)
    assert len(again) == len(gazetteer)
    assert again.candidates("Kherson")[0] == gazetteer.candidates("Kherson")[0]


def test_corrupt_cache_is_rebuilt_and_replaced(gazetteer, tmp_path, monkeypatch):
    index = _cached_index(gazetteer, tmp_path)
    index.write_bytes(b"garbage")
    monkeypatch.setattr(builder, "build", _small_build)
    assert Gazetteer(cache=tmp_path).candidates("Testville")[0].lat == 10.0
    assert index.read_bytes().startswith(b"GEOEVENTS-INDEX")


def test_a_new_build_removes_the_indexes_of_earlier_versions(tmp_path, monkeypatch):
    stale = tmp_path / "index-0000000000000000.bin"
    stale.write_bytes(b"GEOEVENTS-INDEX\n an old version's index")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("mine")
    monkeypatch.setattr(builder, "build", _small_build)
    Gazetteer(cache=tmp_path)
    assert not stale.exists() and unrelated.exists()
    assert len(list(tmp_path.glob("index-*.bin"))) == 1


def test_unwritable_cache_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(builder, "build", _small_build)
    assert Gazetteer(cache=blocker / "cache").candidates("Testville")


def test_a_code_is_found_only_written_as_a_code(gazetteer):
    assert gazetteer.candidates("DXB", limit=1)[0].name == "Dubai"  # the airport's code, in capitals
    assert gazetteer.candidates("UK", limit=1)[0].kind == "country"
    assert gazetteer.candidates("N.Y.", limit=1)[0].admin1_code == "US.NY"
    assert "Waco" not in {p.name for p in gazetteer.candidates("Act")}  # the word, not Waco's airport ACT
    assert "Dayton" not in {p.name for p in gazetteer.candidates("Day")}
    assert gazetteer.knows("ACT") and not gazetteer.knows("Act")


def test_a_capitalised_word_that_is_some_airport_code_is_no_place(extract):
    found = extract("Lawmakers in Ohio passed the Act on a cold Day in March.")
    assert [t["name"] for t in found] == ["Ohio"]


def test_a_name_that_finds_places_elsewhere_is_not_spelt_otherwise_for_a_country(gazetteer):
    # "Arah" finds Arrah by its skeleton, though in other countries than the one asked: still no "Ara"
    assert gazetteer.candidates("Ara", country="NG")
    assert gazetteer.candidates("Arah", country="NG") == []
    # a name that finds nothing anywhere is the other spelling, filtered as asked
    assert [p.name for p in gazetteer.candidates("Ar Rutba", country="IQ", kind="city")] == ["Ar Ruţbah"]
    assert gazetteer.candidates("Ar Rutba", country="SY") == []


def test_the_index_lists_the_articles_before_each_name_that_has_one(tmp_path):
    from gazetteer.build import build_index
    from gazetteer.index import PlaceIndex
    from gazetteer.sources import PlaceRecord

    index = build_index(
        [
            PlaceRecord("gn:1", "As Qubbayat", "city", 10.0, 20.0, "SY"),
            PlaceRecord("gn:2", "Al Qubbayat", "city", 11.0, 21.0, "IQ"),
            PlaceRecord("gn:3", "Qubbayat Hills", "city", 12.0, 22.0, "JO"),
        ]
    )
    index.save(tmp_path / "index.bin")
    again = PlaceIndex.load(tmp_path / "index.bin")
    assert list(again.articles.get("qubbayat")) == [0, 1]  # Al, As: the order of ARTICLE_FORMS
    # a name that follows no article, or only begins another name, has none
    assert list(again.articles.get("qubbayat hills")) == []
    assert list(again.articles.get("hills")) == []


def test_a_name_written_without_its_article_is_found_in_a_layer_of_the_user(tmp_path):
    aliases = tmp_path / "mine.toml"
    aliases.write_text(
        '[[place]]\nname = "Adh Dhuwaybiqat"\nkind = "city"\nlat = 33.1\nlon = 36.2\ncountry = "SY"\n', encoding="utf-8"
    )
    g = Gazetteer(aliases=[aliases])
    assert [p.name for p in g.candidates("Dhuwaybiqat")] == ["Adh Dhuwaybiqat"]
    # the article goes only before a whole name: a name that ends it is no such name
    assert g.candidates("Biqat") == []
    assert Gazetteer().candidates("Dhuwaybiqat") == []  # nor is the name found where no layer has it
