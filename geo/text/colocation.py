"""Which namesakes of a document's names lie together, before any of them is chosen.

Local news names its small towns side by side: "a Columbus woman ... a Norfolk man". Each name
alone goes to its largest namesake (Columbus, Ohio; Norfolk, Virginia), and a resolver that weighs
a candidate by its nearness to the other names' *current picks* never leaves that start: the two
big ones lie far apart, so neither pick pulls the other. Nearness to any of the other names'
*candidates* finds the pair that fits (Columbus and Norfolk, Nebraska, 75 km apart) whatever the
starting picks. One distance matrix per document (numpy): every candidate against every other.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from geopy.distance import great_circle

from gazetteer import Place

COLOCATED_KM = 150.0  # full support at 0 km, none from here on
_EARTH_KM = 6371.0088


#: The kinds of place whose point says where they are (a county is a few dozen km across: "Paris and Henry
#: County" are the Tennessee pair); a region's or a country's centre says nothing of where a town in it lies
#: ("Vasylivka, Odesa": the village by the oblast's centre is not the likelier one).
POINT_KINDS = frozenset({"city", "landmark", "county"})


def colocation(candidates: Sequence[Sequence[Place]]) -> list[list[float]]:
    """For each name (one list of candidates each) and each of its candidates, how well it lies with
    the other names: the mean, over the other names that have a place of `POINT_KINDS`, of
    max(0, 1 - d / COLOCATED_KM), d being the distance to that name's nearest such candidate.
    Places of other kinds take part neither way (0)."""
    owners = [i for i, places in enumerate(candidates) for p in places if p.kind in POINT_KINDS]
    out = [[0.0] * len(places) for places in candidates]
    others = sorted(set(owners))
    if len(others) < 2:
        return out
    points = np.radians([[p.lat, p.lon] for places in candidates for p in places if p.kind in POINT_KINDS])
    owner = np.asarray(owners)
    lat, lon = points[:, 0], points[:, 1]
    # haversine, every bounded candidate against every other
    a = (
        np.sin((lat[:, None] - lat[None, :]) / 2) ** 2
        + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2
    )
    km = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    close = np.clip(1 - km / COLOCATED_KM, 0.0, None)
    # per name of the columns, the best support any of its candidates gives
    best = np.stack([close[:, owner == j].max(axis=1) for j in others], axis=1)
    row = 0
    for i, places in enumerate(candidates):
        for k, place in enumerate(places):
            if place.kind not in POINT_KINDS:
                continue
            mask = np.asarray(others) != i
            out[i][k] = float(best[row, mask].mean())
            row += 1
    return out


#: A town smaller than this, lying apart from everything else a document names, is taken for no place there.
STRAY_POPULATION = 50_000
#: "Apart": no other place named within this distance.
STRAY_KM = 300.0
_BOUNDED = frozenset({"city", "landmark", "region", "county"})


def stray(place: Place, others: Sequence[Place], countries: Collection[str]) -> bool:
    """Whether `place`, a name's pick, is a small town lying apart from the document's `others` (the
    other names' picks): none of them a town, county or region within `STRAY_KM` or in its region, and its
    country not among `countries` (named, or pointed to by a demonym), while some other place is named.

    Such a pick is most often a word that some village somewhere bears: a person ("Kristina said"), a
    firm ("Titan Operating"), a common noun of a title ("Dolly Sods Wilderness"). A small town that is
    meant comes with its neighbours, its state or its country; without any other place named there is
    nothing to judge by."""
    if place.kind != "city" or place.population >= STRAY_POPULATION or place.country_code in countries:
        return False
    bounded = [p for p in others if p.kind in _BOUNDED]
    return bool(bounded) and not any(
        (place.admin1_code and p.admin1_code == place.admin1_code) or great_circle_km(place, p) < STRAY_KM
        for p in bounded
    )


def great_circle_km(a: Place, b: Place) -> float:
    """Great-circle distance (geopy): a sphere is plenty accurate at the few hundred km that matter here.

    The resolver runs it for each candidate and each other place of a document, some 75 times a document
    of the news corpora and at most ~1,300 on the dev articles: ~6 µs each, under 1.5 % of extraction."""
    return float(great_circle((a.lat, a.lon), (b.lat, b.lon)).km)
