"""Where a country stands: the middle of its mainland, with the islands close to it, by true area
(scripts/build_gazetteer.py), not the centroid of plain degrees, which drifts towards the poles."""

from __future__ import annotations

from types import ModuleType

import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from gazetteer import Gazetteer
from geo.scoring import haversine_km


def test_a_high_latitude_country_stands_south_of_its_middle_in_degrees(builder: ModuleType):
    band = box(40, 50, 60, 80)  # 50 N to 80 N: the middle of the degrees is 65 N
    lat, lon = builder.mainland_centroid(band)
    assert lat == pytest.approx(61.1, abs=0.1) and lon == pytest.approx(50.0)  # a degree at 80 N is small


def test_near_the_equator_true_area_and_degrees_agree(builder: ModuleType):
    lat, lon = builder.mainland_centroid(box(10, -5, 20, 5))
    assert lat == pytest.approx(0.0, abs=0.01) and lon == pytest.approx(15.0)


def test_a_mainland_cut_at_the_antimeridian_is_whole_again(builder: ModuleType):
    west = Polygon([(170, 60), (180, 60), (180, 70), (170, 70)])
    east = Polygon([(-180, 60), (-170, 60), (-170, 70), (-180, 70)])
    island = box(100, 40, 101, 41)
    lat, lon = builder.mainland_centroid(MultiPolygon([west, east, island]))
    assert abs(lon) == pytest.approx(180.0, abs=0.01)  # the middle of both halves, not of one
    assert 64 < lat < 65


def test_a_crescent_country_takes_a_point_inside_it(builder: ModuleType):
    crescent = box(0, 0, 10, 10).difference(box(2, 2, 10, 8))
    lat, lon = builder.mainland_centroid(crescent)
    assert crescent.contains(builder.Point(lon, lat))


def test_islands_close_to_the_mainland_count_with_it(builder: ModuleType):
    south, north = box(168, -46, 173.5, -40.5), box(174, -41.5, 178, -35)  # a strait half a degree wide
    lat, lon = builder.mainland_centroid(MultiPolygon([south, north]))
    assert -41.5 < lat < -40.5 and 172.5 < lon < 173.5  # near the strait, not in the larger island's middle


def test_islands_far_from_the_mainland_stay_apart(builder: ModuleType):
    mainland, far_island = box(-120, 30, -80, 48), box(-160, 55, -140, 70)  # an Alaska 20 degrees off
    lat, lon = builder.mainland_centroid(MultiPolygon([mainland, far_island]))
    assert mainland.contains(builder.Point(lon, lat)) and lon == pytest.approx(-100.0)


def test_a_ring_of_islands_around_a_sea_takes_the_largest_island(builder: ModuleType):
    ring = [box(0, 0, 10, 1), box(0, 1.5, 1, 9), box(0, 9.5, 10, 10.5), box(9, 1.5, 10, 9)]
    lat, lon = builder.mainland_centroid(MultiPolygon(ring))
    assert any(part.contains(builder.Point(lon, lat)) for part in ring)  # never out at sea


def test_the_shipped_countries_stand_near_the_points_gazetteers_give():
    for name, lat, lon in (
        ("Russia", 60.0, 100.0),
        ("China", 35.0, 105.0),
        ("United States", 39.8, -98.6),
        ("New Zealand", -41.8, 172.8),
    ):
        place = Gazetteer().candidates(name, kind="country", limit=1)[0]
        assert haversine_km(place.lat, place.lon, lat, lon) < 161, name
