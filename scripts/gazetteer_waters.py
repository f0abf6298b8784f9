"""Rivers, lakes and reservoirs for the gazetteer, from Natural Earth (called by build_gazetteer.py).

A river is a place news names ("shelling across the Dnieper", "the Dnipro River"), drawn as its
centre-line; a lake or reservoir as its outline. Their point is the middle of the line (or a
point on the water) so that a marker lands on the feature. Three cautions keep them from taking
other places' names:

* a bare name that a country, region or town of TOWN_POPULATION also bears stays theirs
  ("Dnipro" is the city, "Missouri" the state); the "X River" form still names the river;
* a bare name of three letters or fewer is a word or a person's name more often ("Don", "Po");
* the prior falls with Natural Earth's rank, so that a small river never outranks a town.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import build_gazetteer as bg
import shapely
from shapely.geometry import LineString, MultiLineString, Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, nearest_points

RIVERS = "ne_10m_rivers_lake_centerlines.geojson.gz"
LAKES = "ne_10m_lakes.geojson.gz"
MAX_RANK = {"river": 7, "lake": 6}  # Natural Earth scalerank: 0 the largest; 7 still has the Donets
TOWN_POPULATION = 15_000
#: A population-like importance by scalerank: the Nile and the Danube rank with big cities, a rank-7
#: river with a small town.
IMPORTANCE = {0: 2_000_000, 1: 2_000_000, 2: 2_000_000, 3: 500_000, 4: 500_000, 5: 100_000, 6: 50_000, 7: 20_000}
TOLERANCE = 0.02  # degrees, as for regions
WORDS = {"river": "River", "lake": "Lake", "reservoir": "Reservoir"}


@dataclass
class Water:
    """One Natural Earth feature, before same-named pieces are merged."""

    name: str
    kind: str  # river, lake, reservoir
    alternates: list[str]
    rank: int
    geometry: BaseGeometry


def read_waters(folder: Path) -> list[Water]:
    """The named rivers, lakes and reservoirs of rank MAX_RANK or larger."""
    waters = []
    for feature in bg.read_features(folder / RIVERS):
        p = feature["properties"]
        name = bg.spelt_out(p.get("name_en") or p.get("name"))
        rank = int(p.get("scalerank") or 10)
        if name and rank <= MAX_RANK["river"] and feature["geometry"]:
            others = [bg.spelt_out(p.get("name")), *bg.split_pipes(p.get("name_alt"))]
            waters.append(Water(name, "river", [o for o in others if o], rank, shape(feature["geometry"])))
    for feature in bg.read_features(folder / LAKES):
        p = feature["properties"]
        name = bg.spelt_out(p.get("name"))
        rank = int(p.get("scalerank") or 10)
        if name and rank <= MAX_RANK["lake"] and feature["geometry"]:
            kind = "reservoir" if p.get("featurecla") == "Reservoir" else "lake"
            waters.append(Water(name, kind, bg.split_pipes(p.get("name_alt")), rank, bg.feature_geometry(feature)))
    return waters


def water_names(water: Water, taken: set[str]) -> tuple[str, list[str]]:
    """The place's name ("Dnieper River" when the bare name is taken) and its other names."""
    word = WORDS[water.kind]
    forms: list[str] = []
    for name in [water.name, *water.alternates]:
        has_word = any(w in name.split() for w in ("River", "Lake", "Reservoir", "Sea", "Lac", "Lago"))
        if not has_word and len(name) > 3 and bg.fold(name) not in taken:
            forms.append(name)
        forms.append(name if has_word else (f"{word} {name}" if word == "Lake" else f"{name} {word}"))
    unique = list(dict.fromkeys(forms))
    return unique[0], unique[1:]


def point_on(geometry: BaseGeometry) -> tuple[float, float]:
    """(lat, lon) on the feature: the middle of the longest line, or a point on the water."""
    if isinstance(geometry, LineString | MultiLineString):
        line = max(bg.parts(geometry), key=lambda g: g.length)
        point = line.interpolate(0.5, normalized=True)
    else:
        point = geometry.centroid
        if not geometry.contains(point):
            point = nearest_points(geometry, point)[0]
    return point.y, point.x


def merged(parts: list[BaseGeometry]) -> BaseGeometry:
    """One geometry of same-named pieces: lines joined where they meet, polygons unioned."""
    if all(isinstance(g, LineString | MultiLineString) for g in parts):
        lines = [line for g in parts for line in bg.parts(g)]
        return linemerge(MultiLineString(lines)) if len(lines) > 1 else lines[0]
    return bg.union(g for g in parts if not isinstance(g, LineString | MultiLineString | Point))


def build_waters(
    folder: Path, countries: list[bg.Place], regions: list[bg.Place], towns: list[bg.City]
) -> list[bg.Place]:
    """One place per name and cluster of nearby pieces; ids "physical:<slug>" (made unique later)."""
    taken = {bg.fold(n) for p in (*countries, *regions) for n in (p.name, *p.names)}
    taken |= {bg.fold(c.name) for c in towns if c.population >= TOWN_POPULATION}
    finder = bg.CountryFinder(countries)
    by_name: dict[tuple[str, str], list[Water]] = defaultdict(list)
    for water in read_waters(folder):
        by_name[(water.name, water.kind)].append(water)
    places = []
    for (_, kind), named in sorted(by_name.items()):
        for group in bg.clusters([w.geometry for w in named]):
            members = [named[i] for i in group]
            geometry = merged([m.geometry for m in members])
            if geometry.is_empty:
                continue
            first = min(members, key=lambda m: m.rank)
            name, others = water_names(first, taken)
            lat, lon = point_on(geometry)
            places.append(
                bg.Place(
                    id=f"physical:{bg.slug(name)}",
                    kind="physical",
                    name=name,
                    lat=lat,
                    lon=lon,
                    country_code=finder.sole_country(geometry.buffer(0.01) if kind == "river" else geometry),
                    names=tuple(others),
                    featurecla=kind,
                    geometry=geometry,
                    importance=IMPORTANCE[first.rank],
                )
            )
    return places


def compact_line(geometry: BaseGeometry) -> BaseGeometry:
    """A river's line simplified and snapped to the output grid."""
    return shapely.set_precision(geometry.simplify(TOLERANCE, preserve_topology=False), bg.GRID)
