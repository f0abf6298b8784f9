"""Build the events map and write it to disk: the package's public entry points.

m = build_map(collection)          # a folium.Map: a notebook shows it as is
save_map(m, "out/map.html")        # one self-contained file, readable offline
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from typing import Any

import folium

from geo.run.output import atomic_writer

from .assets import OfflineAssets
from .basemap import WorldBasemap, world_outlines
from .controls import Controls
from .event_layer import EventLayer, OutlineFor, event_table
from .style import styles

__all__ = ["OfflineMap", "build_map", "save_map"]


class OfflineMap(folium.Map):
    """A folium.Map whose page links nothing: Leaflet is inlined, no tiles are added by default.

    folium's CDN links (Leaflet, jQuery, Bootstrap, Font Awesome) are dropped;
    the markers here are inline SVG and need none of them.
    """

    default_js: list[tuple[str, str]] = []  # noqa: RUF012  # folium's own class attribute, emptied
    default_css: list[tuple[str, str]] = []  # noqa: RUF012

    def __init__(self, title: str, **kwargs: Any) -> None:
        super().__init__(tiles=None, **kwargs)
        # Events sit at city precision; each zoom level more costs the cluster index a level.
        self.options.update(min_zoom=1, max_zoom=12, zoom_snap=0.25)
        self.get_root().title = html.escape(title)  # type: ignore[attr-defined]  # the root is a Figure: <title> as it is
        self.add_child(OfflineAssets())


def build_map(
    collection: Mapping,
    *,
    types: Mapping[str, Any] | None = None,
    title: str = "geoevents",
    outline_for: OutlineFor | None = None,
) -> folium.Map:
    """The interactive map of a GeoJSON FeatureCollection of events.

    `types` maps each event type to its label, colour and shape (dicts or
    geo.events.taxonomy entries; default: the bundled taxonomy's). `outline_for`
    gives the outline of a region, country or sea by place id, for events
    whose features carry no `outline` of their own.
    """
    table = event_table(collection, outline_for)
    m = OfflineMap(title)
    WorldBasemap(world_outlines(), table.bounds()).add_to(m)
    events = EventLayer(table, styles(types, table.types), title)
    events.add_to(m)
    Controls(events).add_to(m)
    return m


def save_map(m: folium.Map, path: str | os.PathLike) -> None:
    """Write the map's page to `path` at once: a reader never sees a half-written file."""
    page = m.get_root().render()
    with atomic_writer(path) as f:
        f.write(page)
