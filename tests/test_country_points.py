"""Where a country stands: halfway between the middle of its mainland and the World Factbook's
point, so that it is near both conventions gazetteers follow (scripts/build_gazetteer.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from shapely.geometry import box

from gazetteer import Gazetteer
from geo.scoring import haversine_km

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_drawn_country_stands_halfway_between_its_middle_and_the_factbook(builder: ModuleType):
    square = box(90, 58, 110, 66)  # middle at 62 N 100 E
    lat, lon = builder.country_point(square, (58.0, 100.0))
    assert lat == pytest.approx(60.0, abs=0.01) and lon == pytest.approx(100.0, abs=0.01)


def test_without_a_factbook_point_the_middle_of_the_mainland_stays(builder: ModuleType):
    square = box(10, 40, 20, 50)
    assert builder.country_point(square, None) == pytest.approx((45.0, 15.0), abs=0.01)


def test_a_country_natural_earth_does_not_draw_takes_the_factbook_point(builder: ModuleType):
    assert builder.country_point(None, (-8.5, 179.2)) == (-8.5, 179.2)
    assert builder.country_point(None, None) is None


def test_halfway_across_the_antimeridian_stays_near_it(builder: ModuleType):
    lat, lon = builder.halfway((-17.0, 179.0), (-17.0, -179.0))
    assert lat == pytest.approx(-17.0, abs=0.01) and abs(lon) == pytest.approx(180.0, abs=0.01)


def test_factbook_profiles_are_read_by_their_gec_code(builder: ModuleType, tmp_path: Path):
    region = tmp_path / "europe"
    region.mkdir()
    profile = {"Geography": {"Geographic coordinates": {"text": "47 20 N, 13 20 E"}}}
    (region / "au.json").write_text(json.dumps(profile), encoding="utf-8")  # GEC "au" is Austria
    (region / "zz.json").write_text(json.dumps(profile), encoding="utf-8")  # no such country
    southern = {"Geography": {"Geographic coordinates": {"text": "41 00 S, 174 00 E"}}}
    (region / "nz.json").write_text(json.dumps(southern), encoding="utf-8")
    countries = {"AT": {"fips": "AU"}, "NZ": {"fips": "NZ"}, "XK": {"fips": ""}}
    points = builder.read_factbook(tmp_path, countries)
    assert points == {"AT": pytest.approx((47 + 20 / 60, 13 + 20 / 60)), "NZ": (-41.0, 174.0)}


def test_an_empty_factbook_folder_stops_the_build(builder: ModuleType, tmp_path: Path):
    with pytest.raises(SystemExit, match="no Factbook"):
        builder.read_factbook(tmp_path, {"AT": {"fips": "AU"}})


def test_the_shipped_russia_is_near_both_conventions():
    russia = Gazetteer().candidates("Russia", limit=1)[0]
    assert haversine_km(russia.lat, russia.lon, 60.0, 100.0) < 161  # the Factbook's (and GeoNames') point
    assert haversine_km(russia.lat, russia.lon, 61.66, 99.06) < 161  # the middle of the mainland
