"""Writing event features to the formats GIS tools read: one function per format, as geopandas does.

GeoJSON keeps nested properties (counts, sources) as they are; the tabular
formats (CSV, GeoPackage, GeoParquet) hold them as JSON text in one column
each, so every format reads back to the same events.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from geo.run.output import atomic_path

if TYPE_CHECKING:
    import geopandas

NESTED = ("counts", "doc_ids", "sources", "by_type", "dates")
INTEGERS = ("geonameid", "events")  # whole numbers that may be missing: kept whole in every format


def to_geodataframe(collection: dict) -> geopandas.GeoDataFrame:
    """The features as a GeoDataFrame in EPSG:4326, nested properties as Python objects."""
    import geopandas
    from shapely.geometry import shape

    rows = [f["properties"] for f in collection["features"]]
    geometry = [shape(f["geometry"]) for f in collection["features"]]
    frame = geopandas.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")
    for column in INTEGERS:
        if column in frame:  # a missing id would make pandas turn the others into floats (2988507.0)
            frame[column] = frame[column].astype("Int64")
    return frame


def _flat(collection: dict) -> geopandas.GeoDataFrame:
    frame = to_geodataframe(collection)
    for column in NESTED:
        if column in frame:
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary path beside `path`, renamed into place only when complete."""
    with atomic_path(path, create=False) as tmp:  # GDAL drivers want to create the file themselves
        write(tmp)


def write_geojson(collection: dict, path: Path) -> None:
    """RFC 7946 GeoJSON, UTF-8."""
    _atomic(path, lambda tmp: tmp.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8"))


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert as OWASP advises: a single
    quote in front, which spreadsheets show as text. Numbers (a negative longitude) stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def write_csv(collection: dict, path: Path, *, raw: bool = False) -> None:
    """One row per feature: lon, lat, then the properties (nested ones as JSON).

    Text cells that start with = + - @, a tab or a carriage return are neutralised with a
    leading single quote (a sentence such as "=HYPERLINK(...)" would otherwise run when the file
    is opened in a spreadsheet); `raw` writes them as they are, for pipelines that read the
    file as data. Lines end in CRLF, as RFC 4180 has it: a text with a lone carriage return is
    then quoted like one with a line break, not split across two rows.
    """
    from pandas.api.types import is_string_dtype

    frame = _flat(collection)
    if not raw:
        for column in frame.columns:
            if column != "geometry" and (frame[column].dtype == object or is_string_dtype(frame[column])):
                frame[column] = frame[column].map(neutralised)
    frame.insert(0, "lat", frame.geometry.y)
    frame.insert(0, "lon", frame.geometry.x)
    _atomic(path, lambda tmp: frame.drop(columns="geometry").to_csv(tmp, index=False, lineterminator="\r\n"))


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
