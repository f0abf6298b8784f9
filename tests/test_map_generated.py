"""A generated all-Ukraine map in Chromium: the first view, the reference layer, the timeline's span."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_map import browser, drawn  # noqa: F401  # the browser fixture, shared

from maps.render import build_map, save_map

# Far from the rest: a misread place across the ocean, one in Australia, one at sea.
STRAYS = [(-77.04, 38.9), (151.2, -33.87), (-30.0, 30.0)]


def ukrainian_events(n: int, seed: int = 11) -> dict:
    """n events around the centres of Ukraine's oblasts, one in ten placed at the oblast itself."""
    from gazetteer.sources import BundledPlaces

    rng = random.Random(seed)
    regions = [r for r in BundledPlaces().records() if r.kind == "region" and r.country_code == "UA"]
    features = []
    for i in range(n):
        region = rng.choice(regions)
        at_region = i % 10 == 0
        lat, lon = (
            (region.lat, region.lon) if at_region else (region.lat + rng.gauss(0, 0.3), region.lon + rng.gauss(0, 0.4))
        )
        place = region.name if at_region else f"Village {i}"
        sentence = f"Shelling was reported near {place} in the morning."
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "event_type": rng.choice(["strike", "ground", "interception"]),
                    "status": "reported",
                    "place": place,
                    "place_kind": "region" if at_region else "city",
                    "place_id": region.id if at_region else f"gn:{i}",
                    "country_code": "UA",
                    "date": f"2024-{rng.randint(3, 5):02d}-{rng.randint(1, 28):02d}",
                    "date_precision": "day",
                    "counts": {},
                    "doc_ids": [f"doc-{i}"],
                    "sources": [{"doc_id": f"doc-{i}", "sentence": sentence, "mark": None}],
                    "sentence": sentence,
                    "confidence": 0.8,
                },
            }
        )
    for feature, (lon, lat) in zip(features, STRAYS):
        feature["geometry"]["coordinates"] = [lon, lat]
        feature["properties"].update(place_kind="city", place_id="gn:far", place="Far away")
    features[-1]["properties"]["date"] = "2014-05-01"  # one stray date, years before the rest
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def ukraine_map(tmp_path_factory: pytest.TempPathFactory, gazetteer) -> Path:
    path = tmp_path_factory.mktemp("ukraine") / "map.html"
    save_map(build_map(ukrainian_events(400), title="Ukraine", outline_for=gazetteer.polygon), path)
    return path


@pytest.fixture
def tab(browser, ukraine_map: Path):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def offline(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.goto(ukraine_map.as_uri())
    drawn(page)
    yield page
    assert errors == [] and requests == []
    page.close()


def test_first_view_is_ukraine(tab):
    bounds = tab.evaluate(
        "(() => { const b = geoevents.map.getBounds(); return [b.getSouth(), b.getWest(), "
        "b.getNorth(), b.getEast()]; })()"
    )
    south, west, north, east = bounds
    for lat, lon in [(50.45, 30.52), (49.99, 36.23), (46.48, 30.72), (49.84, 24.03)]:  # Kyiv, Kharkiv, Odesa, Lviv
        assert south < lat < north and west < lon < east
    assert east - west < 40 and north - south < 20  # not pulled out to the world by the strays


def test_place_names_at_zoom_8_over_eastern_ukraine(tab):
    tab.evaluate("void geoevents.map.setView([48.6, 37.8], 8, {animate: false})")
    drawn(tab)
    tab.wait_for_function("document.querySelectorAll('.geoevents-label').length >= 8")
    boxes = tab.evaluate("""[...document.querySelectorAll('.geoevents-label span')].map(s => {
        const r = s.getBoundingClientRect(); return [s.textContent, r.left, r.top, r.right, r.bottom]; })""")
    names = {b[0] for b in boxes}
    assert names & {"Kramatorsk", "Sloviansk", "Slovyansk", "Donetsk", "Horlivka", "Mariupol"}
    for i, (_, l1, t1, r1, b1) in enumerate(boxes):  # no name drawn over another
        for _, l2, t2, r2, b2 in boxes[i + 1 :]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1
    assert tab.locator(".leaflet-reference-pane canvas").count() >= 1  # borders, rivers and lakes drawn
    assert tab.locator(".leaflet-control-scale").is_visible()


def test_timeline_spans_the_bulk_of_the_dates_yet_loses_none(tab):
    assert tab.evaluate("[geoevents.first, geoevents.lo.slice(0, 4)]") == ["2014-05-01", "2024"]
    assert tab.evaluate("geoevents.shown") == 400  # the 2014 event is in, the range being open-ended
    tab.fill(".ge-from", "2024-04-01")
    tab.wait_for_function("geoevents.shown < 300")
    listed = tab.evaluate("Number(document.querySelector('.ge-list').dataset.count)")
    csv_rows = tab.evaluate("geoevents.exportText('csv').trim().split('\\r\\n').length - 1")
    assert csv_rows == listed > 0  # the export holds what the list shows
