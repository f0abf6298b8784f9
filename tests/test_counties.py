"""US counties: a point each, found under their full name, the state named in the text choosing
among namesakes, and never taking a town's bare name (issue 13).

Every sentence here was written for these tests.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from shapely.geometry import Polygon

from gazetteer.sources import BundledCounties


@pytest.fixture(scope="module")
def places(record_of):
    """(name as written, place id) of the toponyms of a text."""
    return lambda text: [(t["name"], t["place_id"]) for t in record_of(text)["toponyms"]]


def test_the_table_names_counties_with_their_state():
    counties = {r.id: r for r in BundledCounties().records()}
    assert len(counties) > 3000
    laurel = counties["county:US.KY.125"]
    assert (laurel.name, laurel.kind, laurel.country_code, laurel.admin1_code) == (
        "Laurel County",
        "county",
        "US",
        "US.KY",
    )
    assert 36.9 < laurel.lat < 37.3 and -84.4 < laurel.lon < -83.9  # the middle of the county
    assert counties["county:US.LA.071"].name == "Orleans Parish"
    # 31 states have a Washington County; none is the District of Columbia
    assert sum(r.name == "Washington County" for r in counties.values()) >= 30
    assert not any(r.admin1_code == "US.DC" for r in counties.values())


def test_a_county_in_a_state_the_text_names(places):
    found = places("The sheriff of Laurel County, Kentucky, closed the road after the storm.")
    assert ("Laurel County", "county:US.KY.125") in found
    # the namesake state chooses among counties of one name
    assert ("Orange County", "county:US.FL.095") in places("Teachers in Orlando said Orange County schools stay shut.")


def test_a_county_alone_is_the_biggest_of_its_name(places):
    assert places("Wildfires spread across Orange County on Sunday.") == [("Orange County", "county:US.CA.059")]


def test_a_town_of_the_county_name_stays_a_town(places):
    found = dict(places("She grew up in Laurel, Maryland, and later moved to Henry, Illinois."))
    assert found["Laurel"].startswith("gn:") and found["Henry"].startswith("gn:")


def test_short_form_of_a_county(gazetteer):
    (first, *_) = gazetteer.candidates("Plymouth Co.")
    assert (first.name, first.kind) == ("Plymouth County", "county")
    assert all(p.kind != "county" for p in gazetteer.candidates("Plymouth"))


def _build_script():
    path = Path(__file__).resolve().parent.parent / "scripts" / "build_counties.py"
    spec = importlib.util.spec_from_file_location("build_counties", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_topojson_arcs_are_decoded_and_joined():
    build = _build_script()
    # two unit squares side by side sharing the arc x=1; positions are deltas, scaled by 1
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 0], [1, 0], [0, 1], [-1, 0]]],
    }
    arcs = build.decoded_arcs(topology)
    assert arcs[0] == [(11, 20), (11, 21)]
    left = build.geometry({"type": "Polygon", "arcs": [[0, 1]]}, arcs)
    right = build.geometry({"type": "Polygon", "arcs": [[2, ~0]]}, arcs)  # ~0: the shared arc walked back
    assert left.area == right.area == 1
    assert left.touches(right)


def test_a_county_point_lies_inside_a_crescent():
    build = _build_script()
    crescent = Polygon([(0, 0), (4, 0), (4, 4), (0, 4), (0, 3), (3, 3), (3, 1), (0, 1)])  # a "C" open to the west
    assert not crescent.contains(crescent.centroid)
    lat, lon = build.inner_point(crescent)
    assert crescent.buffer(1e-9).contains(Polygon([(lon, lat), (lon, lat + 1e-12), (lon + 1e-12, lat)]).centroid)


def test_names_before_counties_are_counties_of_the_state_around(places):
    found = dict(places("Flooding closed roads in Clay, Bibb and Jasper counties, the Georgia police said."))
    assert found["Bibb"] == "county:US.GA.021" and found["Jasper"] == "county:US.GA.159"
    # a state before "counties" is the state whose counties they are, not a county of its name
    found = dict(places("Rain fell in most Indiana counties overnight."))
    assert found["Indiana"] == "admin1:US.IN"
    assert dict(places("Rain fell in most Ohio and Indiana counties overnight.")) == {
        "Ohio": "admin1:US.OH",
        "Indiana": "admin1:US.IN",
    }
    # ...but a state's name listed with counties is one of them
    found = dict(places("Farms in Otoe and Washington counties flooded, Nebraska officials said."))
    assert found["Washington"] == "county:US.NE.177"


def test_a_county_of_a_small_state_comes_back_by_context(places):
    # 19 states have a Madison County, Georgia's among the smallest: the state named brings it back
    found = dict(places("The Madison County board met in Danielsville, Georgia, to discuss the road."))
    assert found["Madison County"] == "county:US.GA.195"
    assert dict(places("Madison County, Alabama, opened a new school."))["Madison County"] == "county:US.AL.089"


def test_a_county_and_a_town_in_it_choose_each_other(places):
    found = dict(places("The library in Paris will host the Henry County history fair next week."))
    assert found["Henry County"] == "county:US.TN.079"
    assert found["Paris"] == "gn:4647963"  # Paris, Tennessee, the county seat
    # with no town of it named, a county is the largest of its name
    assert dict(places("The Henry County history fair opens next week."))["Henry County"] == "county:US.GA.151"


def test_a_state_named_often_outweighs_a_state_named_once(places):
    text = (
        "Indiana lawmakers met farmers from Boone County on Monday. Indiana corn prices fell, "
        "and Indiana growers blamed the rain, while prices in Kentucky held."
    )
    assert dict(places(text))["Boone County"] == "county:US.IN.011"
    assert dict(places("Boone County farmers met on Monday."))["Boone County"] == "county:US.MO.019"  # the largest


def test_a_county_before_an_office_is_the_county(places):
    assert places("He was charged in Wyandotte County District Court with battery.") == [
        ("Wyandotte County", "county:US.KS.209")
    ]
    # a town's name before a feature word is still one name, not the town
    assert places("The boat sank in Laurel Creek near the dam.") == [("Laurel Creek", None)]


def test_no_us_county_in_news_from_a_country_with_its_own(places):
    # England's counties are not in the gazetteer: better no place than Suffolk County, Massachusetts
    found = dict(
        places("Suffolk County Council said the bypass near Ipswich would close, England's roads agency said.")
    )
    assert found["Suffolk County"] is None and found["Ipswich"] == "gn:2646057"
    # a US county stays one in a text about a country without counties of that kind
    assert dict(places("An Orange County soldier was killed in Iraq on Monday."))["Orange County"] == "county:US.CA.059"
    assert (
        dict(places("A Kent County farmer sold his land, Delaware officials said."))["Kent County"]
        == "county:US.DE.001"
    )


def test_a_county_name_is_no_persons(places):
    # the model may take a county before an official's title and name for part of a person's name
    found = places('"We were lucky," said Moore County District Attorney Maureen Krueger.')
    assert ("Moore County", "county:US.NC.125") in found
    # a town's bare name as a person's name stays a person's
    assert places("Sheriff Laurel told reporters the road was closed.") == []
