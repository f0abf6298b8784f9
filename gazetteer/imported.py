"""Places a user imports: GeoNames dumps and simple CSV or GeoJSON lists, a layer in the cache.

`geoevents gazetteer add UA.zip` makes every village of Ukraine a candidate
beside the shipped cities; every later command (and `Gazetteer()`) reads the
layer. Each added file is kept as a normalised, gzipped TSV under
`<cache>/user/` with a manifest, and the layer's index is rebuilt from all of
them, so `remove` needs no original file. Files are read as streams (a
GeoNames `allCountries.zip` is 1.5 GB unpacked); a bad row stops the import
with its file and line, and nothing is written until the whole file is read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from .errors import GeoeventsError
from .files import atomic_path
from .index import PlaceIndex
from .place import KINDS
from .sources import PlaceRecord, latin_names

#: The columns of a GeoNames dump (geoname table): https://download.geonames.org/export/dump/readme.txt
GEONAMES_COLUMNS = 19
#: GeoNames feature classes and the kind of place each becomes; A (administrative areas) and
#: U (undersea) are left out: the shipped regions cover the first, news rarely the second.
FEATURE_KINDS = {"P": "city", "S": "landmark", "H": "physical", "T": "physical", "L": "physical", "V": "physical"}
PROGRESS_EVERY = 100_000
#: GeoNames writes 0 for a population it does not know, as for most villages: such a place counts
#: as the smallest the shipped gazetteer holds (cities500), not as nobody, so that context can
#: choose it over a shipped namesake.
UNKNOWN_POPULATION = 500
_STORED = ("id", "kind", "name", "lat", "lon", "country_code", "admin1_code", "population", "geonameid", "names")
Progress = Callable[[str], None]


class PlaceFileError(GeoeventsError):
    """A file that cannot be imported; the message names the file and, for a bad row, its line."""


# -- reading ------------------------------------------------------------------


def read_places(path: Path, progress: Progress | None = None) -> Iterator[PlaceRecord]:
    """The places of a GeoNames dump (`XX.zip`, `XX.txt`, `allCountries.zip`, `cities500.zip`…),
    a CSV list or a GeoJSON list, by the file's name."""
    suffix = path.name.lower()
    if not path.is_file():
        raise PlaceFileError(f"{path}: no such file")
    if suffix.endswith(".zip"):
        yield from _zipped(path, progress)
    elif suffix.endswith((".txt", ".tsv")):
        with open(path, encoding="utf-8", newline="") as f:
            yield from geonames_rows(f, str(path), progress)
    elif suffix.endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            yield from csv_rows(f, str(path))
    elif suffix.endswith((".geojson", ".json")):
        yield from geojson_places(path)
    else:
        raise PlaceFileError(f"{path}: unknown kind of file; give a GeoNames .zip/.txt, a .csv or a .geojson")


def _zipped(path: Path, progress: Progress | None) -> Iterator[PlaceRecord]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise PlaceFileError(f"{path}: not a readable zip file ({e})") from None
    with archive:
        members = [m for m in archive.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
        if not members:
            raise PlaceFileError(f"{path}: the archive holds no GeoNames .txt dump")
        for member in members:
            with archive.open(member) as raw:
                yield from geonames_rows(
                    io.TextIOWrapper(raw, encoding="utf-8", newline=""), f"{path}:{member}", progress
                )


def geonames_rows(lines: Iterable[str], where: str, progress: Progress | None = None) -> Iterator[PlaceRecord]:
    """Records of the 19-column GeoNames rows of the kinds in FEATURE_KINDS."""
    n = 0
    for n, line in enumerate(lines, 1):
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(f"{where}: {n:,} rows read")
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            raise PlaceFileError(f"{where}: line {n}: {len(cols)} tab-separated columns; a GeoNames row has 19")
        kind = FEATURE_KINDS.get(cols[6])
        if kind is None:
            continue
        try:
            geonameid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError:
            raise PlaceFileError(
                f"{where}: line {n}: geonameid, latitude, longitude or population is no number"
            ) from None
        _check_point(lat, lon, f"{where}: line {n}")
        country = cols[8].upper()
        yield PlaceRecord(
            id=f"gn:{geonameid}",
            name=cols[1],
            kind=kind,
            lat=lat,
            lon=lon,
            country_code=country,
            admin1_code=f"{country}.{cols[10]}" if country and cols[10] and cols[10] != "00" else "",
            population=population,
            geonameid=geonameid,
            names=latin_names([cols[2], *cols[3].split(",")]),
        )
    if n == 0:
        raise PlaceFileError(f"{where}: empty file")


def csv_rows(lines: Iterable[str], where: str) -> Iterator[PlaceRecord]:
    """Records of a CSV list with a header: name, lat, lon, and optionally kind, country, admin1
    (a GeoNames code such as "05" or "UA.05") and alternate_names ("|"-separated)."""
    reader = csv.DictReader(lines)
    header = {h.strip().lower() for h in reader.fieldnames or ()}
    if not {"name", "lat", "lon"} <= header:
        raise PlaceFileError(f"{where}: the header must name the columns name, lat and lon")
    for n, row in enumerate(reader, 2):
        yield _listed({k.strip().lower(): v for k, v in row.items() if k}, f"{where}: line {n}")


def geojson_places(path: Path) -> Iterator[PlaceRecord]:
    """Records of a GeoJSON FeatureCollection of Points whose properties hold the CSV columns."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise PlaceFileError(f"{path}: not readable GeoJSON ({e})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise PlaceFileError(f"{path}: not a GeoJSON FeatureCollection")
    for n, feature in enumerate(features, 1):
        where = f"{path}: feature {n}"
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") != "Point" or len(geometry.get("coordinates") or ()) < 2:
            raise PlaceFileError(f"{where}: needs a Point geometry")
        lon, lat = geometry["coordinates"][:2]
        yield _listed(dict(feature.get("properties") or {}, lat=lat, lon=lon), where)


def _listed(row: Mapping[str, object], where: str) -> PlaceRecord:
    """One place of a CSV or GeoJSON list."""
    name = str(row.get("name") or "").strip()
    if not name:
        raise PlaceFileError(f"{where}: no name")
    try:
        lat, lon = float(row.get("lat")), float(row.get("lon"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise PlaceFileError(f"{where} ({name}): lat and lon must be numbers") from None
    _check_point(lat, lon, f"{where} ({name})")
    kind = str(row.get("kind") or "city").strip().lower()
    if kind not in KINDS:
        raise PlaceFileError(f"{where} ({name}): kind must be one of {', '.join(KINDS)}")
    country = str(row.get("country") or "").strip().upper()
    admin1 = str(row.get("admin1") or "").strip()
    if admin1 and "." not in admin1 and country:
        admin1 = f"{country}.{admin1}"
    others = row.get("alternate_names") or row.get("names") or ""
    names = others if isinstance(others, list) else str(others).split("|")
    population = row.get("population") or 0
    return PlaceRecord(
        id=f"user:{_slug(name)}:{lat:.4f}:{lon:.4f}",
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country_code=country,
        admin1_code=admin1,
        population=int(float(population)) if str(population).strip() else 0,  # type: ignore[arg-type]
        names=[str(n).strip() for n in names if str(n).strip()],
    )


def _check_point(lat: float, lon: float, where: str) -> None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise PlaceFileError(f"{where}: latitude {lat} or longitude {lon} out of range")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "place"


# -- the layer in the cache ------------------------------------------------------


class ImportedLayer:
    """The added files of one cache folder: their stored places, manifest and index."""

    def __init__(self, cache: Path) -> None:
        self.folder = cache / "user"
        self.manifest_path = self.folder / "sources.json"
        self.index_path = self.folder / "index.bin"

    def sources(self) -> dict[str, dict]:
        """Added files by name: where each came from and how many places it gave."""
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError):
            return {}

    def add(self, path: Path, region_names: Mapping[str, str], progress: Progress | None = None) -> int:
        """Import one file (replacing an earlier one of the same name); returns its number of places."""
        name = path.name
        count = 0
        with atomic_path(self.folder / f"{_slug(name)}.tsv.gz") as tmp:
            with gzip.open(tmp, "wt", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
                for record in read_places(path, progress):
                    writer.writerow([str(getattr(record, c)) for c in _STORED[:-1]] + ["|".join(record.names)])
                    count += 1
            if count == 0:
                raise PlaceFileError(f"{path}: no places in it (GeoNames rows of classes {', '.join(FEATURE_KINDS)})")
        sources = self.sources()
        sources[name] = {"file": str(path.resolve()), "places": count, "stored": f"{_slug(name)}.tsv.gz"}
        self._commit(sources, region_names, progress)
        return count

    def remove(self, name: str, region_names: Mapping[str, str]) -> None:
        """Drop an added file by the name `list` shows; KeyError if there is none."""
        sources = self.sources()
        entry = sources.pop(name)
        self._commit(sources, region_names, None)
        (self.folder / entry["stored"]).unlink(missing_ok=True)

    def reindex(self, region_names: Mapping[str, str]) -> None:
        """Build the layer's index again from the stored files (after a change of index format)."""
        self._commit(self.sources(), region_names, None)

    def records(self, sources: Mapping[str, dict]) -> Iterator[PlaceRecord]:
        """The stored places of `sources`, later files first over the same id."""
        for entry in sources.values():
            with gzip.open(self.folder / entry["stored"], "rt", encoding="utf-8", newline="") as f:
                for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"):
                    values = dict(zip(_STORED, row))
                    unknown = values["kind"] == "city" and values["population"] == "0"  # GeoNames gives most none
                    yield PlaceRecord.from_row(values, UNKNOWN_POPULATION if unknown else 0)

    def _commit(self, sources: dict[str, dict], region_names: Mapping[str, str], progress: Progress | None) -> None:
        """Rebuild the index of all sources, then the manifest, each written whole or not at all."""
        from .build import build_index

        if progress is not None:
            progress("indexing the added places")
        by_id = {r.id: r for r in self.records(sources)}
        if by_id:
            build_index(list(by_id.values()), region_names=region_names).save(self.index_path)
        else:
            self.index_path.unlink(missing_ok=True)
        with atomic_path(self.manifest_path) as tmp, open(tmp, "w", encoding="utf-8") as f:
            json.dump(sources, f, indent=1, ensure_ascii=False)

    def load(self) -> PlaceIndex | None:
        """The layer's index, if files were added (None otherwise)."""
        try:
            return PlaceIndex.load(self.index_path)
        except (FileNotFoundError, NotADirectoryError):  # nothing added (or no cache folder at all)
            return None


# -- the `geoevents gazetteer` command ----------------------------------------------


def command(action: str, files: Iterable[str], cache: Path | None = None, progress: Progress | None = None) -> int:
    """`geoevents gazetteer add FILE...`, `list` and `remove NAME...`: prints what it did, returns
    the exit status; raises PlaceFileError (exit 2) for a file or name it cannot use."""
    from .gazetteer import Gazetteer, cache_dir

    layer = ImportedLayer(cache or cache_dir())
    if action == "list":
        sources = layer.sources()
        for name, entry in sources.items():
            print(f"{name}\t{entry['places']:,} places\t{entry['file']}")
        if not sources:
            print("no files added; add a GeoNames dump (e.g. UA.zip) with: geoevents gazetteer add FILE")
        return 0
    region_names = Gazetteer(cache=cache).region_names
    for file in files:
        if action == "add":
            count = layer.add(Path(file), region_names, progress)
            print(f"added {count:,} places from {file}")
        else:
            try:
                layer.remove(Path(file).name, region_names)
            except KeyError:
                known = ", ".join(layer.sources()) or "none"
                raise PlaceFileError(f"no added file named {Path(file).name!r} (added: {known})") from None
            print(f"removed {Path(file).name}")
    return 0
