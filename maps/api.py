"""The Python API of what `geoevents export` and `geoevents map` do with records.

    from geo import api
    from maps.api import event_collection, export, write_map

    records = api.read_results(["results/"])                 # or api.extract(api.read_documents(...))
    events = event_collection(records, api.EventFilter.of(types=frozenset({"strike"})))
    export(events, "strikes.csv")                             # GeoJSON, CSV, GeoPackage, GeoParquet
    write_map(events, "strikes.html", title="Strikes")        # one self-contained offline page

Records come from geo.api (reading, extracting, filtering, results folders); this layer turns
them into GeoJSON features, files and maps.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geo.events.filter import EventFilter

from .export import WRITERS, format_for, write_csv
from .features import collection, event_features, place_features

__all__ = ["event_collection", "export", "write_map"]


def event_collection(records: Iterable[Mapping[str, Any]], keep: EventFilter = EventFilter()) -> dict:
    """The placed events of `records` that `keep` keeps, as a GeoJSON FeatureCollection, one
    feature per happening however many documents report it. Records stream through; only events stay."""
    return collection(event_features(records, keep))


def export(
    events: dict, path: str | os.PathLike, *, fmt: str | None = None, what: str = "events", csv_raw: bool = False
) -> str:
    """Write an event collection to `path` in `fmt` (default: from the suffix); the format written.

    `what="places"` writes one feature per place instead, with its events counted by type.
    """
    output = Path(path)
    chosen = format_for(output, fmt)
    features = place_features(events["features"]) if what == "places" else events["features"]
    if chosen == "csv":
        write_csv(collection(features), output, raw=csv_raw)
    else:
        WRITERS[chosen](collection(features), output)
    return chosen


def write_map(
    events: dict,
    path: str | os.PathLike,
    *,
    types: Mapping[str, Any] | None = None,
    title: str = "geoevents",
    outline_for: Any = None,
    geojson: str | os.PathLike | None = None,
) -> None:
    """Draw an event collection as one offline HTML page at `path` (and its GeoJSON at `geojson`).

    Each file is written whole or not at all; the GeoJSON goes first, so a GeoJSON path that
    cannot be written leaves no map behind either.
    """
    from .export import write_geojson
    from .render import build_map, save_map

    m = build_map(events, types=types, title=title, outline_for=outline_for)
    if geojson is None:
        save_map(m, path)
        return
    write_geojson(events, Path(geojson))
    save_map(m, path)
