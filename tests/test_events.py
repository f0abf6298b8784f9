"""Events from sentences written for these tests: type, place, counts, dates, status, merging."""

import json

import pytest
from conftest import run_cli


@pytest.fixture(scope="module")
def events(record_of):
    def run(text: str, date: str | None = "2025-10-24") -> list[dict]:
        return record_of(text, date)["events"]

    return run


def at(events, name):
    return [e for e in events if e["place"] and e["place"]["mention"] == name]


def test_strike_with_counts_and_weekday(events):
    found = events(
        "Russian artillery struck a residential block in the city of Kherson on Friday, killing two "
        "people and injuring 22 others."
    )
    (strike,) = at(found, "Kherson")
    assert strike["event_type"] == "strike" and strike["subtype"] == "artillery"
    assert strike["counts"] == {"killed": 2, "injured": 22}
    assert strike["date"] == "2025-10-24" and strike["status"] == "reported"


def test_interception_is_not_a_strike(events):
    found = events("Air defences downed three drones heading to Moscow overnight.")
    assert {e["event_type"] for e in at(found, "Moscow")} == {"interception"}
    assert at(found, "Moscow")[0]["counts"]["drones"] == 3


def test_diplomacy_venue_and_planned_date(events):
    found = events("Military chiefs will meet in London on Thursday to discuss the plan.", date="2025-03-17")
    (talks,) = at(found, "London")
    assert talks["event_type"] == "diplomacy" and talks["status"] == "planned" and talks["date"] == "2025-03-20"


def test_actor_is_no_scene(events):
    found = events("Moscow rejected the proposal for talks, while drones struck an oil depot in Belgorod.")
    assert at(found, "Moscow") == []
    assert [e["event_type"] for e in at(found, "Belgorod")] == ["strike"]


def test_hypothetical_deployment_is_no_event_but_a_possible_venue_is(events):
    assert events("A peacekeeping force could deploy to Ukraine if a ceasefire is agreed.") == []
    (talks,) = at(events("The two leaders could meet in Vienna next month if the truce holds."), "Vienna")
    assert talks["event_type"] == "diplomacy" and talks["status"] == "hypothetical"


def test_region_ground_event_from_the_next_sentence(events):
    found = events(
        "Russia says its forces captured 10 Ukrainian villages over the past week. "
        "The gains are part of a push against strongholds in the Donetsk region."
    )
    (ground,) = [e for e in found if e["event_type"] == "ground" and e["place"]]
    assert ground["place"]["kind"] == "region" and ground["counts"]["villages"] == 10


def test_no_date_without_a_document_date(events):
    found = events("Shelling hit Kharkiv on Tuesday.", date=None)
    assert found and all(e["date"] is None for e in found)


def test_export_merges_reports_and_reads_back(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {
            "id": "a",
            "date": "2025-10-24",
            "title": "First <b>report</b>",
            "text": "Russian artillery struck Kherson on Friday, killing two people.",
        },
        {"id": "b", "date": "2025-10-24", "text": "Artillery struck Kherson on Friday, killing three people."},
        {"id": "c", "date": "2025-10-20", "text": "Talks opened in Jeddah on Monday."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "events.geojson"
    result = run_cli("export", str(feed), "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    import geopandas

    frame = geopandas.read_file(out)
    kherson = frame[frame["place"] == "Kherson"].iloc[0]
    assert sorted(kherson["doc_ids"]) == ["a", "b"] and kherson["counts"]["killed"] == 3
    assert kherson.geometry.x == pytest.approx(32.6, abs=0.2) and frame.crs.to_epsg() == 4326
    assert set(frame["event_type"]) == {"strike", "diplomacy"}


@pytest.mark.parametrize("suffix", ["gpkg", "parquet", "csv"])
def test_every_format_reads_back_to_the_same_events(tmp_path, suffix):
    import geopandas
    import pandas

    text = tmp_path / "a.txt"
    text.write_text("Drones hit Odesa on Friday. Talks were held in Riyadh on Friday.", encoding="utf-8")
    geojson, other = tmp_path / "e.geojson", tmp_path / f"e.{suffix}"
    for path in (geojson, other):
        result = run_cli("export", str(text), "--date", "2025-10-24", "-o", str(path), "--quiet")
        assert result.returncode == 0, result.stderr
    reference = geopandas.read_file(geojson).sort_values("event_type")
    if suffix == "csv":
        back = pandas.read_csv(other).sort_values("event_type")
        assert list(back["lon"].round(4)) == list(reference.geometry.x.round(4))
    else:
        back = geopandas.read_file(other) if suffix == "gpkg" else geopandas.read_parquet(other)
        back = back.sort_values("event_type")
        assert list(back.geometry.x.round(4)) == list(reference.geometry.x.round(4))
    assert list(back["event_type"]) == list(reference["event_type"]) == ["diplomacy", "strike"]
    assert [json.loads(c) for c in back["counts"]] == [dict(c) for c in reference["counts"]]


@pytest.mark.parametrize("suffix", ["geojson", "gpkg", "parquet", "csv"])
def test_filters_hold_in_every_format(tmp_path, suffix):
    import geopandas
    import pandas

    def types(path):
        frame = (
            pandas.read_csv(path)
            if suffix == "csv"
            else (geopandas.read_parquet(path) if suffix == "parquet" else geopandas.read_file(path))
        )
        return list(frame["event_type"])

    text = tmp_path / "a.txt"
    text.write_text("Drones hit Odesa on Friday. Talks were held in Riyadh on Monday.", encoding="utf-8")
    out = tmp_path / f"e.{suffix}"
    result = run_cli("export", str(text), "--date", "2025-10-24", "-o", str(out), "--types", "strike", "--quiet")
    assert result.returncode == 0, result.stderr
    assert types(out) == ["strike"]
    result = run_cli("export", str(text), "--date", "2025-10-24", "-o", str(out), "--until", "2025-10-22", "-q")
    assert result.returncode == 0, result.stderr
    assert types(out) == ["diplomacy"]


def test_places_export(tmp_path):
    import geopandas

    text = tmp_path / "a.txt"
    text.write_text("Drones hit Odesa on Friday. Talks were held in Riyadh on Monday.", encoding="utf-8")
    places = tmp_path / "p.geojson"
    result = run_cli("export", str(text), "--date", "2025-10-24", "-o", str(places), "--what", "places", "-q")
    assert result.returncode == 0 and set(geopandas.read_file(places)["place"]) == {"Odesa", "Riyadh"}


def test_unknown_type_is_explained(tmp_path):
    result = run_cli("export", "seeds", "-o", str(tmp_path / "x.geojson"), "--types", "earthquake")
    assert result.returncode == 2 and "unknown event type" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.geojson").exists()


def test_place_the_parse_misses_is_still_the_setting(events):
    # the small parser reads "Toretsk" as an adverb of "shelled"
    found = events("On 11 April 2022, Russian forces shelled Toretsk, Donetsk. No injuries were reported.")
    assert [e["place"]["name"] for e in found if e["event_type"] == "strike"] == ["Toretsk"]


def test_unknown_village_in_a_named_region_is_not_a_namesake_elsewhere(events):
    # No Lozove of the gazetteer lies in Donetsk Oblast: the event goes to Donetsk, not to a Lozove in Crimea.
    found = events("Ukrainian gunners fired mortars at separatist trenches near Lozove, Donetsk.")
    (strike,) = [e for e in found if e["event_type"] == "strike"]
    assert strike["place"]["admin1"] == "Donetsk Oblast"


def test_bracketed_region_contains_the_place(events):
    found = events("Protesters gathered in front of the hospital in Halba (Akkar) to demand dialysis.")
    assert [e["place"]["country_code"] for e in found if e["event_type"] == "protest"] == ["LB"]


def test_each_place_of_a_list(events):
    found = events("Talks were held in Riyadh and Geneva on Monday.")
    assert sorted(e["place"]["name"] for e in found if e["event_type"] == "diplomacy") == ["Geneva", "Riyadh"]


def test_place_and_region_the_model_took_for_people(events):
    # en_core_web_sm tags both "Hlukhiv" and "Sumy" here as PERSON
    found = events("On 4 March 2022, Ukrainian units pushed back an assault by Russian troops towards Hlukhiv, Sumy.")
    assert [(e["event_type"], e["place"]["name"]) for e in found] == [("ground", "Hlukhiv")]  # Sumy only qualifies


def test_settlement_words_and_brackets_before_the_region(events):
    found = events(
        "A tractor exploded on a mine in Makovyshche village, Kyiv. "
        "Houthi fighters fired rockets at army posts in Arah (Merkhah Al Ulya, Shabwah), killing two."
    )
    assert {(e["event_type"], e["place"]["name"]) for e in found} == {("strike", "Kyiv"), ("strike", "Shabwah")}


def test_strikes_on_a_list_of_cities(events):
    found = events("Russian missiles hit Kharkiv, Odesa and Lviv overnight.")
    assert sorted(e["place"]["name"] for e in found if e["event_type"] == "strike") == ["Kharkiv", "Lviv", "Odesa"]


def test_an_unplaced_event_takes_the_paragraphs_place(events):
    found = events(
        "On 8 July 2023, in Morelia, Michoacan, farmers blocked the gates of the state congress. "
        "The reason for the protest was not given."
    )
    assert [(e["event_type"], e["place"]["name"]) for e in found] == [("protest", "Morelia")]


def test_but_not_a_place_where_something_else_happened(events):
    found = events("Ministers met in Paris on Tuesday to discuss the ceasefire. Drones were launched overnight.")
    assert not [e for e in found if e["event_type"] == "strike" and e["place"]]


def test_an_evacuation_happens_where_people_leave(events):
    found = events(
        "Ninety residents, among them 30 children, were evacuated from a care home in Druzhkivka, Donetsk, to Poland."
    )
    assert [(e["event_type"], e["place"]["name"]) for e in found if e["place"]] == [("humanitarian", "Druzhkivka")]


def test_people_from_a_town_who_are_evacuated_leave_from_there(events):
    found = events("On Friday, 40 people from Izium were evacuated by bus.")
    assert [(e["event_type"], e["place"]["name"]) for e in found if e["place"]] == [("humanitarian", "Izyum")]
    helpers = events("On Friday, volunteers from Poland evacuated 40 patients by bus.")
    assert not [e for e in helpers if e["place"]]  # where the helpers come from is no scene
