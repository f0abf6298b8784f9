"""Turning place records into a `PlaceIndex` (seconds, done once per data set)."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

from .index import HashIndex, PlaceIndex, PlaceTable
from .normalize import CODE_MARK, code_key, name_key, skeleton_key, split_article, split_designator
from .ranking import ALTERNATE, MATCH_WEIGHTS, NAMESAKE, NAMESAKE_CITY_POPULATION, PRIMARY, prior
from .sources import AliasFile, BundledCounties, BundledPlaces, GeoNamesCities, PlaceRecord, RecordSet

#: Kinds that give way to a city of their name in them.
REGIONAL = ("region", "county")


def gather(alias_files: Sequence[AliasFile]) -> list[PlaceRecord]:
    """All records of the bundled sources, with the alias files applied in order."""
    records = RecordSet(chain(BundledPlaces().records(), BundledCounties().records(), GeoNamesCities().records()))
    for alias_file in alias_files:
        records.apply(alias_file)
    return list(records.by_id.values())


def record_keys(record: PlaceRecord) -> dict[str, int]:
    """The name keys of a record and how each was found (PRIMARY: its name or a spelling of it; else ALTERNATE).

    Regions are also keyed by their name without its designator ("Donetsk"
    for "Donetsk Oblast"), since news writes "Donetsk region" as often.
    """
    keys: dict[str, int] = {}
    own_key = name_key(record.name)
    own, own_kind = skeleton_key(own_key), split_designator(own_key)[1]
    for name in [record.name, *record.names]:
        if name != record.name and (code := code_key(name)) is not None:
            keys[code] = ALTERNATE  # "DXB" of Dubai: found only as written, in capitals
            continue
        key = name_key(name)
        if len(key) < 2:
            continue
        if own_kind == "city" and split_designator(key)[1] == "region":
            continue  # a city-region is not the region around it: "Minsk region" is not Minsk City
        # Another spelling of the place's own name ("Sloviansk" of Slovyansk) is as good as the
        # name; only other names (former, foreign, a district's) weigh less. GeoNames gives some
        # places a neighbour's spellings too (Nikopol has "Slov'yansk"), which then lose.
        quality = PRIMARY if skeleton_key(key) == own else ALTERNATE
        keys[key] = min(keys.get(key, quality), quality)
        if record.kind == "region":
            head, kind = split_designator(key)
            if kind == "region":
                keys.setdefault(head, ALTERNATE)
    return keys


def build_index(
    records: Sequence[PlaceRecord], meta: dict | None = None, region_names: Mapping[str, str] | None = None
) -> PlaceIndex:
    """Index `records` by name, skeleton and id, each posting list best first.

    `region_names` names the admin-1 regions of places whose regions are
    indexed elsewhere (a user's layer over the base index).
    """
    # Rounded to the float32 the index stores, so build and query order alike.
    priors = array("f", (prior(r) for r in records)).tolist()
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row, record in enumerate(records):
        for key, quality in record_keys(record).items():
            by_key[key].append((row, quality))
    capitals = _cities_by_skeleton(by_key, records)
    for key, hits in by_key.items():
        _spell_region_capital(key, hits, records, capitals)
        _demote_namesake_regions(hits, records)

    def order(hit: tuple[int, int]) -> tuple[float, int, int]:
        row, quality = hit
        return (-MATCH_WEIGHTS[quality] * priors[row], -records[row].population, row)

    names = {key: [row << 2 | quality for row, quality in sorted(hits, key=order)] for key, hits in by_key.items()}
    skeleton_hits: dict[str, dict[int, int]] = defaultdict(dict)
    for key, hits in by_key.items():
        if key.startswith(CODE_MARK):
            continue  # a code has no other spellings
        best = skeleton_hits[skeleton_key(key)]
        for row, quality in hits:
            best[row] = min(best.get(row, quality), quality)
    skeletons = {
        key: [row << 2 | q for row, q in sorted(hits.items(), key=order)] for key, hits in skeleton_hits.items()
    }
    articles: dict[str, list[int]] = defaultdict(list)
    for key in names:
        if (split := split_article(key)) is not None:
            articles[split[1]].append(split[0])
    ids = {r.id.encode("ascii", "ignore").decode(): [row << 2] for row, r in enumerate(records)}
    meta = dict(meta or {}, members={r.id: r.members for r in records if r.members})
    return PlaceIndex(
        PlaceTable.build(records, priors, region_names),
        HashIndex.build(names),
        HashIndex.build(skeletons),
        HashIndex.build(ids),
        HashIndex.build({key: sorted(numbers) for key, numbers in articles.items()}),
        meta,
    )


def _cities_by_skeleton(
    by_key: Mapping[str, list[tuple[int, int]]], records: Sequence[PlaceRecord]
) -> dict[str, set[int]]:
    """The sizeable cities under the skeleton of each of their names."""
    cities: dict[str, set[int]] = defaultdict(set)
    for key, hits in by_key.items():
        for row, _ in hits:
            if records[row].kind == "city" and records[row].population >= NAMESAKE_CITY_POPULATION:
                cities[skeleton_key(key)].add(row)
    return cities


def _spell_region_capital(
    key: str, hits: list[tuple[int, int]], records: Sequence[PlaceRecord], cities: Mapping[str, set[int]]
) -> None:
    """Give a region's name to the sizeable city it is named after where the region has the city's name in
    a spelling the city's record lacks ("Zaporizhia", from "Zaporizhia Oblast", of Zaporizhzhia): the bare
    name is then the city, as "Kursk" is, and the region still answers "Zaporizhia region"."""
    rows = {row for row, _ in hits}
    regions = {(records[row].country_code, records[row].admin1_code) for row in rows if records[row].kind == "region"}
    if not regions or any(records[row].kind == "city" for row in rows):
        return
    for row in sorted(cities.get(skeleton_key(key), ())):
        record = records[row]
        if (record.country_code, record.admin1_code) in regions:
            own = skeleton_key(name_key(record.name)) == skeleton_key(key)
            hits.append((row, PRIMARY if own else ALTERNATE))


def _demote_namesake_regions(hits: list[tuple[int, int]], records: Sequence[PlaceRecord]) -> None:
    """Mark regions and second-level units that share this key with a sizeable city in their region
    ("Kursk", "New York City"; the province of Turin, County Galway); a city elsewhere leaves the region
    first ("Kansas" is the state, not Kansas City, Missouri)."""
    city_regions = {
        (records[row].country_code, records[row].admin1_code)
        for row, _ in hits
        if records[row].kind == "city" and records[row].population >= NAMESAKE_CITY_POPULATION
    }
    if not city_regions:
        return
    for n, (row, _) in enumerate(hits):
        if records[row].kind in REGIONAL and (records[row].country_code, records[row].admin1_code) in city_regions:
            hits[n] = (row, NAMESAKE)


def build(alias_files: Iterable[AliasFile] = (), meta: dict | None = None) -> PlaceIndex:
    """The index of everything the gazetteer knows, from its sources."""
    return build_index(gather(list(alias_files)), meta)
