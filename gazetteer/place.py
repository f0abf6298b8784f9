"""The record a gazetteer answers with."""

from __future__ import annotations

from typing import Any, NamedTuple

#: Kinds of place, from the widest to the most specific.
KINDS = ("continent", "country", "region", "county", "sea", "physical", "city", "landmark")


class Place(NamedTuple):
    """One place of the gazetteer, as a candidate for a name.

        `score` says how well the place fits the name it was found under (0..1);
        it is 0 for a place fetched by id. `match` says how the name was found:
        as the place's `name`, an `alternate` name, a `namesake` (a region named
        like a city in it), by `designator` ("Kursk region"), by transliteration
        `skeleton`, as a Russian-style spelling of a Ukrainian name (`variant`,
    from `Gazetteer.variants`), by `id`, or `online` (gazetteer.geocoders). `source` says who
        answered: the offline `gazetteer`, or an online geocoder ("nominatim"). `parent` is the id
        of the place this one lies in where the gazetteer knows it better than by country and
        admin-1: a landmark's city, an informal region's first member.

        A named tuple rather than a dataclass: the index makes several for
        every lookup, and a tuple is made from its fields in C.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    population: int = 0
    geonameid: int | None = None
    parent: str | None = None
    score: float = 0.0
    match: str = ""
    source: str = "gazetteer"

    # Places are the same place when their ids are; sets and dict keys work.
    def __hash__(self) -> int:
        return hash(self.id)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return self._asdict()
