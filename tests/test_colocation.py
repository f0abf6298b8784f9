"""Which namesakes of a document's names lie together (`geo.text.colocation`), and what follows from it:
the learned ranker's evidence, and small towns lying apart from all else taken for no place."""

from __future__ import annotations

import pytest

from gazetteer import Place
from geo.text.colocation import COLOCATED_KM, colocation, stray


def test_colocation_scores_each_candidate_by_the_other_names_nearest_namesake():
    here = Place("a1", "Aston", "city", 10.0, 10.0)
    far = Place("a2", "Aston", "city", -30.0, 100.0)
    neighbour = Place("b1", "Byfield", "city", 10.0, 10.3)  # some 33 km east of the first Aston
    country = Place("c1", "Carland", "country", 10.0, 10.0)
    support = colocation([[here, far], [neighbour], [country]])
    assert support[0][0] == pytest.approx(1 - 32.8 / COLOCATED_KM, abs=0.01)
    assert support[0][1] == 0.0
    assert support[1][0] > 0.7  # Byfield lies with one of Aston's namesakes
    assert support[2] == [0.0]  # a country's point says nothing of where its towns lie, nor they of it


def test_two_small_namesakes_that_lie_together_beat_two_big_ones_apart(extract):
    """Neither name's largest namesake (Columbus, Ohio; Norfolk, Virginia) lies near the other's: the
    pair of Nebraska towns 75 km apart fits both names."""
    found = extract(
        "A Columbus woman who crashed her car on the highway has been fined, and a Norfolk man "
        "who rode with her was released."
    )
    assert {t["name"]: t["country_code"] for t in found} == {"Columbus": "US", "Norfolk": "US"}
    assert all(40.5 < t["lat"] < 43 and -98.5 < t["lon"] < -96.5 for t in found)


def test_a_big_namesake_stays_where_no_other_name_lies_near_a_small_one(extract):
    found = extract(
        "A Columbus woman who crashed her car on the highway has been fined, and a Boston man "
        "who rode with her was released."
    )
    columbus = [t for t in found if t["name"] == "Columbus"]
    assert columbus and abs(columbus[0]["lat"] - 39.96) < 0.2 and abs(columbus[0]["lon"] + 83.0) < 0.2


def test_a_small_town_apart_from_all_else_named_is_no_place():
    village = Place("v", "Vale", "city", 35.0, 64.0, country_code="AF", admin1_code="AF.01", population=800)
    city = Place("c", "Casey", "city", 32.7, -97.1, country_code="US", admin1_code="US.TX", population=390_000)
    assert stray(village, [city], set())
    # what makes it a place: a neighbour, a place of its region, its country named, or nothing to judge by
    neighbour = Place("n", "Nook", "city", 35.5, 64.5, country_code="AF", admin1_code="AF.02", population=900)
    region = Place("r", "Rim", "region", 30.0, 70.0, country_code="AF", admin1_code="AF.01", population=10**6)
    assert not stray(village, [city, neighbour], set())
    assert not stray(village, [city, region], set())
    assert not stray(village, [city], {"AF"})
    assert not stray(village, [], set())
    # a bigger town is not taken for a stray word
    assert not stray(village._replace(population=80_000), [city], set())


def test_a_firm_named_like_a_far_village_is_no_place(extract):
    found = extract(
        "Titan Operating wants to drill wells near Arlington, and the Arlington council will vote on the "
        "permit Titan asked for next week."
    )
    assert [t["name"] for t in found] == ["Arlington", "Arlington"]


def test_a_small_town_named_with_its_neighbours_or_its_country_stays(extract):
    near = extract("The drought hit farmers near Manning hard this year, officials in Columbia said.")
    assert [t["country_code"] for t in near if t["name"] == "Manning"] == ["US"]
    named = extract("Surfers crowded the beach at Wilderness over the holidays, South African police said.")
    assert [t["country_code"] for t in named if t["name"] == "Wilderness"] == ["ZA"]


def test_a_far_village_the_sentence_sets_as_a_location_stays(extract):
    found = extract("Floods cut the road near Titan last week, officials in Washington said.")
    assert [t["country_code"] for t in found if t["name"] == "Titan"] == ["AF"]


def test_a_county_lies_with_its_towns_and_a_region_with_none():
    town = Place("t", "Tolby", "city", 36.30, -88.33)
    county = Place("k", "Kerr County", "county", 36.33, -88.30)
    region = Place("r", "Ranland", "region", 36.30, -88.33)
    support = colocation([[town], [county], [region]])
    assert support[0][0] > 0.9 and support[1][0] > 0.9  # a name with no point (the region) does not count
    assert support[2] == [0.0]
