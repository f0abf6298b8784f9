"""Rivers, lakes and reservoirs: places of their own, drawn as lines and shapes, never in a town's way."""

from tests.test_toponyms import only


def test_a_river_by_its_names_and_its_line(gazetteer):
    river = gazetteer.candidates("Dnieper", limit=1)[0]
    assert river.kind == "physical" and river.id == "physical:dnieper"
    assert gazetteer.candidates("Dnipro River", limit=1)[0].id == river.id
    assert gazetteer.polygon(river).geom_type in ("LineString", "MultiLineString")


def test_a_city_keeps_its_name_from_the_river_through_it(gazetteer):
    assert gazetteer.candidates("Dnipro", limit=1)[0].kind == "city"
    assert gazetteer.candidates("Missouri", limit=1)[0].kind == "region"


def test_a_reservoir_has_its_outline(gazetteer):
    reservoir = gazetteer.candidates("Kakhovka Reservoir", limit=1)[0]
    assert reservoir.country_code == "UA"
    assert gazetteer.polygon(reservoir).geom_type in ("Polygon", "MultiPolygon")


def test_rivers_in_running_text(extract):
    found = extract("Ukrainian boats crossed the Dnieper under fire, while barges carried grain along the Danube.")
    assert only(found, "Dnieper")["place_id"] == "physical:dnieper"
    assert only(found, "Danube")["kind"] == "physical"
    city = extract("Missiles hit an industrial site in Dnipro on Sunday.")
    assert only(city, "Dnipro")["kind"] == "city"
