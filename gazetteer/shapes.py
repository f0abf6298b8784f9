"""Outlines of countries, regions and seas, read only when a map asks for them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from .sources import DATA

SHAPES = Path(str(DATA / "shapes.geojson.gz"))


def read_shapes(path: Path = SHAPES) -> dict[str, dict]:
    """GeoJSON geometries by place id, from the bundled simplified outlines."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        collection = json.load(f)
    return {feature["properties"]["id"]: feature["geometry"] for feature in collection["features"]}
