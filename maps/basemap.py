"""A basemap that needs no network: the world's country outlines from the gazetteer.

Tile servers are out of reach offline, so the page carries its own light map:
simplified Natural Earth country outlines on a sea-coloured background. An
OpenStreetMap tile layer is offered as a second, non-default base layer for
readers who are online.
"""

from __future__ import annotations

from functools import cache

import shapely
from jinja2 import Template
from shapely.geometry import mapping

from .assets import PageElement, script_json
from .controls import LayersControl

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_CREDIT = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
OUTLINES_CREDIT = "Outlines: Natural Earth"


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


class WorldBasemap(PageElement):
    """Country outlines as the default base layer, OpenStreetMap tiles as the online one."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>.leaflet-container { background: #d5e5ee; }</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.get_name() }}_data">{{ this.outlines }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function () {
                var map = {{ this._parent.get_name() }};
                map.createPane("basemap").style.zIndex = 150;
                var outlines = L.geoJSON(
                    JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
                    {pane: "basemap", interactive: false, attribution: {{ this.outlines_credit|tojson }},
                     style: {color: "#a59d90", weight: 0.7, fillColor: "#f6f3ec", fillOpacity: 1}}
                ).addTo(map);
                var osm = L.tileLayer({{ this.tiles|tojson }},
                                      {maxZoom: 19, attribution: {{ this.tiles_credit|tojson }}});
                {{ this.control.get_name() }}.addBaseLayer(outlines, "Country outlines (offline)");
                {{ this.control.get_name() }}.addBaseLayer(osm, "OpenStreetMap (online)");
            })();
        {% endmacro %}
    """)

    def __init__(self, control: LayersControl, outlines: str) -> None:
        super().__init__()
        self._name = "WorldBasemap"
        self.control = control
        self.outlines = outlines
        self.outlines_credit = OUTLINES_CREDIT
        self.tiles = OSM_TILES
        self.tiles_credit = OSM_CREDIT
