"""Writing event features to the formats GIS tools read: one function per format, as geopandas does.

GeoJSON keeps nested properties (counts, sources) as they are; the tabular
formats (CSV, GeoPackage, GeoParquet) hold them as JSON text in one column
each, so every format reads back to the same events.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import geopandas

NESTED = ("counts", "doc_ids", "sources", "by_type", "dates")


def to_geodataframe(collection: dict) -> geopandas.GeoDataFrame:
    """The features as a GeoDataFrame in EPSG:4326, nested properties as Python objects."""
    import geopandas
    from shapely.geometry import shape

    rows = [f["properties"] for f in collection["features"]]
    geometry = [shape(f["geometry"]) for f in collection["features"]]
    return geopandas.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


def _flat(collection: dict) -> geopandas.GeoDataFrame:
    frame = to_geodataframe(collection)
    for column in NESTED:
        if column in frame:
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file beside `path`, renamed into place only when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    os.close(fd)
    os.unlink(tmp)  # GDAL drivers want to create the file themselves
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_geojson(collection: dict, path: Path) -> None:
    """RFC 7946 GeoJSON, UTF-8."""
    _atomic(path, lambda tmp: tmp.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8"))


def write_csv(collection: dict, path: Path) -> None:
    """One row per feature: lon, lat, then the properties (nested ones as JSON)."""
    frame = _flat(collection)
    frame.insert(0, "lat", frame.geometry.y)
    frame.insert(0, "lon", frame.geometry.x)
    _atomic(path, lambda tmp: frame.drop(columns="geometry").to_csv(tmp, index=False))


def write_gpkg(collection: dict, path: Path) -> None:
    """A GeoPackage layer named after the file (via pyogrio)."""
    frame = _flat(collection)
    _atomic(path, lambda tmp: frame.to_file(tmp, layer=path.stem, driver="GPKG", engine="pyogrio"))


def write_parquet(collection: dict, path: Path) -> None:
    """GeoParquet."""
    frame = _flat(collection)
    _atomic(path, lambda tmp: frame.to_parquet(tmp, index=False))


WRITERS: dict[str, Callable[[dict, Path], None]] = {
    "geojson": write_geojson,
    "csv": write_csv,
    "gpkg": write_gpkg,
    "parquet": write_parquet,
}
SUFFIXES = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg", ".parquet": "parquet"}


def format_for(path: Path, requested: str | None) -> str:
    """The format asked for, else the one the file name says, else GeoJSON."""
    return requested or SUFFIXES.get(path.suffix.lower(), "geojson")
