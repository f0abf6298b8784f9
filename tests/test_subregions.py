"""Second-level units Natural Earth draws inside an admin-1 (England's counties, the Philippines'
provinces, Ireland's counties): places of kind `county`, found by their bare name, that give way
to a city of their name in their region (issue 13).

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from gazetteer.sources import BundledPlaces


@pytest.fixture(scope="module")
def places(record_of):
    """(name as written, place id) of the toponyms of a text."""
    return lambda text: [(t["name"], t["place_id"]) for t in record_of(text)["toponyms"]]


@pytest.fixture(scope="module")
def units() -> dict[str, list]:
    found: dict[str, list] = {}
    for record in BundledPlaces().records():
        if record.kind == "county":
            found.setdefault(record.name, []).append(record)
    return found


def test_the_table_holds_units_in_the_admin1_they_were_voted_into(units):
    (cornwall,) = units["Cornwall"]
    assert (cornwall.country_code, cornwall.admin1_code) == ("GB", "GB.ENG")
    assert 50.2 < cornwall.lat < 50.7 and -5.2 < cornwall.lon < -4.3
    assert cornwall.population > 200_000  # the towns inside it
    (laguna,) = units["Laguna"]
    assert laguna.country_code == "PH" and "Province of Laguna" in laguna.names
    # a unit that is its region again, a country or a city is no unit
    assert "Martinique" not in units and "Tuvalu" not in units and "Davao" not in units
    # an alternate the source gives every province of a region is the region's, not the province's
    assert not any("Piedmont" in r.names for r in units["Turin"])


def test_a_unit_is_found_by_its_bare_name(places):
    assert places("Heavy rain closed the coast roads of Cornwall on Tuesday.") == [("Cornwall", "county:GBR-2110")]
    found = dict(places("Farmers in Pangasinan and Laguna lost their rice to the typhoon."))
    assert found == {"Pangasinan": "county:PHL-2562", "Laguna": "county:PHL-2566"}


def test_a_namesake_town_named_with_its_region_stays_the_town(places):
    found = dict(places("A paper mill in Cornwall, Ontario, will shut its doors in the spring."))
    assert found["Cornwall"].startswith("gn:") and found["Ontario"] == "admin1:CA.08"
    found = dict(places("The mayor of Surrey, British Columbia, opened a new bus line."))
    assert found["Surrey"].startswith("gn:")


def test_a_unit_named_after_its_city_does_not_take_the_city(places, gazetteer):
    (galway,) = [p for p in places("Trawlers in Galway stayed in port during the gale.")]
    assert galway[1] is not None and galway[1].startswith("gn:")
    assert gazetteer.candidates("Turin", limit=1)[0].kind == "city"
    # the unit keeps its designated name
    assert places("A school in County Galway closed after the flood.") == [("County Galway", "county:IRL-713")]


def test_unit_names_drop_alternates_of_the_region_and_of_other_units(builder):
    region = builder.Place("admin1:XX.01", "region", "Upland", 0, 0, names=("Upland Region",))
    props = {
        "name": "Riverdale",
        "name_en": "Riverdale",
        "name_alt": "Upland|Rivers|Hillford",
        "gn_name": "Province of Riverdale",
        "woe_name": "City of Riverdale",
        "type_en": "Province",
    }
    name, names = builder.unit_names(props, shared={"hillford"}, region=region)
    assert name == "Riverdale"
    # not the region's name, another unit's, or the city's
    assert names == ("Province of Riverdale", "Riverdale Province", "Rivers")


def test_designated_forms_and_city_units(builder):
    assert builder.is_designated("County Galway", "Galway")
    assert builder.is_designated("Province of Laguna", "Laguna")
    assert not builder.is_designated("Galway Bay", "Galway")
    assert not builder.is_designated("York City", "York")
    assert builder.is_city_unit({"type_en": "Highly Urbanized City"})
    assert builder.is_city_unit({"type_en": "Urban county"})
    assert not builder.is_city_unit({"type_en": "Metropolitan department"})


def test_a_british_text_keeps_its_own_counties_and_drops_american_ones(places):
    found = dict(places("Flooding hit Dorset and Buckinghamshire overnight, the Environment Agency in England said."))
    assert found["Dorset"] == "county:GBR-2051" and found["Buckinghamshire"] == "county:GBR-2040"
    # a name only US counties bear is still none of them in such a text
    found = dict(places("Suffolk County Council shut the roads near Ipswich, England, on Monday."))
    assert found["Suffolk County"] is None and found["England"] == "admin1:GB.ENG"


def test_a_person_named_like_a_unit_stays_a_person(places):
    assert "Devon" not in dict(places("Mason, Devon and their father were in the other car."))
    assert places("The hospital's spokeswoman Kerry-Ann Hamilton spoke on Monday.") == []
    # the unit itself, named as a place, is found
    assert dict(places("Storms reached Devon and Cornwall on Sunday."))["Devon"] == "county:GBR-2048"


def test_a_unit_that_is_mostly_its_town_answers_to_its_designated_form(gazetteer):
    assert all(p.kind != "county" for p in gazetteer.candidates("Plymouth"))  # the city and its unit are one
    assert gazetteer.candidates("Gulu District", limit=1)[0].kind == "county"
    assert gazetteer.candidates("Gulu", limit=1)[0].kind == "city"
    # a unit larger than its town keeps the bare name
    assert gazetteer.candidates("Dorset", limit=1)[0].kind == "county"


def test_typed_forms_of_a_unit(builder, places):
    assert builder.typed_forms("Mayo", "County") == ["Mayo County", "County Mayo"]
    assert builder.typed_forms("Laguna", "Province") == ["Laguna Province"]
    assert builder.typed_forms("Nord", "Metropolitan department") == []  # no one writes "Nord Metropolitan department"
    assert builder.typed_forms("Cork", "City") == []
    # a county's full name before an office is the county, as a US county's is
    assert places("Officials said Mayo County Council approved the new scheme.") == [("Mayo County", "county:IRL-714")]


def test_a_unit_name_before_a_street_word_is_the_street(places):
    assert all(name != "Northumberland" for name, _ in places("The man was seen on Northumberland Avenue at noon."))
    assert dict(places("Snow closed the roads of Northumberland and Cumbria."))["Northumberland"] == "county:GBR-2034"


def test_a_small_unit_named_like_a_word_is_sized_like_a_town(places):
    # Apes is a Latvian municipality of some hundreds of people: alone, it is no place
    assert places("The Apes lost to the Bears in the final.") == []
    assert dict(places("Rain fell on Fife overnight."))["Fife"] == "county:GBR-2021"
