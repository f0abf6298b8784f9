"""How candidates for a name are ordered when nothing but the name is known.

A score is a match weight times a prior. The prior grows with the log of a
place's importance (a country above any city, a big city above a village);
the match weight says how the name was found: as the place's own name, as
one of its other names (often a former one: "Pokrovsk" was Engels' name
until 1931, and is now a town in Donbas), or as a region that merely shares the name of a city
in it ("Kursk" the city, not Kursk Oblast; "Washington" the capital, not the
state). The document-level evidence of later stages refines this order.
"""

from __future__ import annotations

import math

from .sources import PlaceRecord

PRIMARY, ALTERNATE, NAMESAKE = 0, 1, 2
MATCH_WEIGHTS = (1.0, 0.9, 0.7)
#: How a place was found, as `Place.match` says it.
MATCHES = ("name", "alternate", "namesake")
#: The query named a kind ("Kursk region") and the place is of that kind.
DESIGNATOR_WEIGHT = 0.9
#: Found only through the transliteration skeleton ("Zaporizhzhya").
SKELETON_WEIGHT = 0.8

#: A region gives way to a city of its name in its country only if the city is this big.
NAMESAKE_CITY_POPULATION = 20_000

#: "northern X" finds a city X only if it is this big: a town has no northern part that news names.
MODIFIED_CITY_POPULATION = 20_000

#: A capital counts as a city this many times its size ("Washington" the capital, not the town in England).
CAPITAL_WEIGHT = 5

_KIND_IMPORTANCE = {"continent": 1e10, "country": 1e10, "sea": 2e7, "physical": 2e6, "landmark": 1e7}


def importance(record: PlaceRecord) -> float:
    """A population-like size: how often news is likely to mean this place."""
    if record.importance:
        return record.importance
    if record.kind in _KIND_IMPORTANCE:
        return _KIND_IMPORTANCE[record.kind]
    if record.capital:
        return CAPITAL_WEIGHT * record.population
    if record.kind == "region":
        # A region's population is the sum of its towns, so it outweighs its own
        # capital; a third of it keeps big regions big without drowning cities.
        return record.population / 3
    return float(record.population)


def prior(record: PlaceRecord) -> float:
    """`importance` on a 0..1 log scale (10 billion and above is 1)."""
    return min(1.0, math.log10(importance(record) + 10) / 10)
