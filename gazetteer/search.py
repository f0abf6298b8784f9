"""Ranked answers from one `PlaceIndex`: the query half of the gazetteer."""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence

from .index import PlaceIndex
from .normalize import DESIGNATORS, code_key, name_key, skeleton_key, split_designator, strip_modifier
from .place import KINDS, Place
from .ranking import DESIGNATOR_WEIGHT, MATCH_WEIGHTS, MATCHES, MODIFIED_CITY_POPULATION, SKELETON_WEIGHT
from .sources import PlaceRecord

_CITY = KINDS.index("city")

#: The posting list of a key that is no name.
_NONE = array("I")

#: `Place` from a ready tuple of its fields, at C speed (`Place._make` checks the length in Python).
_new_tuple = tuple.__new__


class Search:
    """Answers names and ids from one index; `Gazetteer` layers several."""

    def __init__(self, index: PlaceIndex) -> None:
        self.index = index
        self._places = index.places
        # Bound once: `_place` runs for every candidate returned.
        self._names = index.names
        self._unpack = index.places.RECORD.unpack_from
        self._size = index.places.RECORD.size
        places = index.places
        self._records, self._id_blob, self._name_blob = places.records, places.ids.blob, places.names.blob

    def candidates(
        self, name: str, country: str | None = None, kind: str | None = None, limit: int | None = 10
    ) -> list[Place]:
        """The places `name` may mean, best first (see `Gazetteer.candidates`)."""
        key = name_key(name)
        return self.by_key(key, code_key(name), country, kind, limit) if key else []

    def by_key(
        self, key: str, as_code: str | None, country: str | None = None, kind: str | None = None, limit: int | None = 10
    ) -> list[Place]:
        """`candidates` of a name by its keys: `name_key`'s (not empty) and `code_key`'s."""
        found = self.named(key, as_code, country, kind, limit)
        return self.unnamed(key, country, kind, limit) if found is None else found

    def named(
        self, key: str, as_code: str | None, country: str | None = None, kind: str | None = None, limit: int | None = 10
    ) -> list[Place] | None:
        """`by_key`, where the key or the code is some place's name here; else None, having looked no further
        (the caller may try another way of writing it before the looser searches)."""
        postings = self._names.get(key)
        coded = self._names.get(as_code) if as_code is not None else None  # "DXB", "UK": names written as codes
        if not (postings or coded):
            return None
        if kind is not None:
            _check_kind(kind)
        if postings and not (coded or country or kind or key.rpartition(" ")[2] in DESIGNATORS):
            # The common case: posting lists are stored best first already.
            prior, place = self._places.prior, self._place
            return [
                place(code >> 2, MATCH_WEIGHTS[code & 3] * prior[code >> 2], MATCHES[code & 3])
                for code in postings[:limit]
            ]
        return self._ranked(key, postings, coded, country, kind, limit)

    def unnamed(
        self, key: str, country: str | None = None, kind: str | None = None, limit: int | None = 10
    ) -> list[Place]:
        """`by_key` of a key that `named` found no place's name here, nor its code's: what the looser searches
        (designator, skeleton, modifier) find, without probing the key again."""
        if kind is not None:
            _check_kind(kind)
        return self._ranked(key, _NONE, None, country, kind, limit)

    def _ranked(
        self,
        key: str,
        postings: Sequence[int],
        coded: Sequence[int] | None,
        country: str | None,
        kind: str | None,
        limit: int | None,
    ) -> list[Place]:
        """The places of a key and its code's key, with what the looser searches add, scored, filtered, ranked."""
        scores = self._scores(key, postings)
        if coded:
            self._score(coded, 1.0, None, scores, None)
        if not scores and (broader := strip_modifier(key)):
            # A part of somewhere that has parts ("eastern Ukraine", "northern Gaza"); not the
            # hamlet "Wall" for "Western Wall".
            places = self._places
            scores = {
                row: score
                for row, score in self._scores(broader, self.index.names.get(broader)).items()
                if places.kind[row] != _CITY or places.population[row] >= MODIFIED_CITY_POPULATION
            }
        if not scores:
            return []  # most names that are no name: nothing to filter or rank
        rows = self._filter(scores, country, kind)
        rows.sort(key=lambda row: (-scores[row][0], -self._places.population[row], row))
        return [self._place(row, *scores[row]) for row in rows[:limit]]

    def _scores(self, key: str, postings: Sequence[int]) -> dict[int, tuple[float, str]]:
        """Scores of the places a key may mean, and how each was found: by name, by designator, else by skeleton."""
        scores: dict[int, tuple[float, str]] = {}
        if postings:
            self._score(postings, 1.0, None, scores, None)
        head, wanted = split_designator(key)
        # A place of the asked kind named by the whole key ("Kyiv Oblast", "Kyiv region" as Kyiv
        # Oblast's other name) is what was asked for; the designator only finds places otherwise unnamed.
        if wanted and KINDS.index(wanted) not in {self._places.kind[row] for row in scores}:
            self._score(self.index.names.get(head), DESIGNATOR_WEIGHT, wanted, scores, "designator")
        if not scores:
            self._score(self.index.skeletons.get(skeleton_key(key)), SKELETON_WEIGHT, None, scores, "skeleton")
            if wanted:
                self._score(
                    self.index.skeletons.get(skeleton_key(head)),
                    SKELETON_WEIGHT * DESIGNATOR_WEIGHT,
                    wanted,
                    scores,
                    "skeleton",
                )
        return scores

    def _score(
        self,
        postings: Sequence[int],
        weight: float,
        wanted: str | None,
        scores: dict[int, tuple[float, str]],
        match: str | None,
    ) -> None:
        places = self._places
        wanted_kind = KINDS.index(wanted) if wanted else -1
        for code in postings:
            row, quality = code >> 2, code & 3
            if wanted_kind >= 0:
                if places.kind[row] != wanted_kind:
                    continue
                score = weight * places.prior[row]  # the designator overrides a namesake's demotion
            else:
                score = weight * MATCH_WEIGHTS[quality] * places.prior[row]
            if score > scores.get(row, (-1.0, ""))[0]:
                scores[row] = (score, match or MATCHES[quality])

    def _filter(self, scores: Mapping[int, object], country: str | None, kind: str | None) -> list[int]:
        places = self._places
        rows = list(scores)
        if country:
            code = country.upper()
            rows = [r for r in rows if places.countries[places.country[r]] == code]
        if kind:
            k = KINDS.index(kind)
            rows = [r for r in rows if places.kind[r] == k]
        return rows

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("gn:703448", "admin1:UA.05", "country:UA"…), if any."""
        postings = self.index.ids.get(place_id)
        return self._place(postings[0] >> 2, 0.0, "id") if postings else None

    def _place(self, row: int, score: float, match: str) -> Place:
        p = self._places
        lat, lon, population, geonameid, parent, admin1, country, kind, i0, i1, n0, n1 = self._unpack(
            self._records, row * self._size
        )
        return _new_tuple(
            Place,
            (
                self._id_blob[i0:i1].decode(),
                self._name_blob[n0:n1].decode(),
                KINDS[kind],
                lat,
                lon,
                p.countries[country] or None,
                p.admin1_names[admin1] or None,
                p.admin1_codes[admin1] or None,
                population,
                geonameid or None,
                p.ids[parent] if parent >= 0 else None,
                score,
                match,
                "gazetteer",
            ),
        )

    def knows(self, key: str) -> bool:
        """Whether a name key (or a code's key, see `code_key`) is some place's name, as it stands."""
        return key in self.index.names

    def articles(self, key: str) -> Sequence[int]:
        """The Arabic articles (numbers in `ARTICLE_FORMS`) after which a name key is some place's name here:
        [1] for "sawiyah", the name of As Sawiyah."""
        return self.index.articles.get(key)

    def record(self, place_id: str) -> PlaceRecord | None:
        """The place as a record again, for alias files that build on it."""
        place = self.get(place_id)
        if place is None:
            return None
        row = self.index.ids.get(place_id)[0] >> 2
        return PlaceRecord(
            id=place.id,
            name=place.name,
            kind=place.kind,
            lat=place.lat,
            lon=place.lon,
            country_code=place.country_code or "",
            admin1_code=place.admin1_code or "",
            population=place.population,
            geonameid=place.geonameid or 0,
            parent=place.parent or "",
            members=list(self.members(place.id)),
            importance=10 ** (10 * self._places.prior[row]) - 10,
        )

    def members(self, place_id: str) -> list[str]:
        """The ids of the regions an informal region is made of (none for other places)."""
        return self.index.meta.get("members", {}).get(place_id, [])

    def __len__(self) -> int:
        return len(self._places)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
