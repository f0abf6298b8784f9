"""Choosing, for each place name, the place the whole document means.

The gazetteer's order knows only the name ("Georgia" the country, "Paris"
in France). A document adds evidence, weighed here on top of that prior:

* a container right after the name ("Paris, Texas", "Vremivka, Donetsk");
* the countries the document talks about, by their names and demonyms;
* the regions it names, and the other places it names (they lie near each other);
* which namesakes of its names lie together, whichever are picked (`colocation`: the learned ranker's);
* the kind of place the words ask for ("the city of Kharkiv").

One name means one place within a document; evidence from a name never
counts for its own candidates. Two rounds let places settle each other.
A name the gazetteer has no candidate for goes to the `online` geocoder, when
one is given (gazetteer.geocoders): its places then compete like the gazetteer's.
What the words around a name say of its candidates before the choice (lists,
containers, designators, counties) is read in `readings`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set

from gazetteer import Gazetteer, Place
from gazetteer.geocoders import Geocoder
from gazetteer.normalize import name_key

from .colocation import colocation, great_circle_km, stray
from .ranker import Evidence, Ranker, features
from .readings import (
    Name,
    borrowed,
    contained_in,
    containers_after,
    contenders_of,
    counties_with_their_towns,
    designator_after,
    lists,
    lists_on,
    no_us_counties_abroad,
    outside,
    own_names_first,
    recall_regional,
    regions_listed_together,
    worldwide,
)
from .spans import Mention, is_acronym, list_before, region_named
from .words import BROAD_KINDS, FRONT_WORDS, NEAR_WORDS, PLURAL_DESIGNATORS

W_COUNTRY = 0.4  # times the share of the document's other places in the candidate's country
W_ADMIN1 = 0.2  # its region is named in the document
W_NEAR = 0.25  # it lies near the other places named
W_CONTAINER = 0.6  # "X, Y" with the candidate in Y
W_KIND = 0.15  # "the city of X" and X is a city
W_DIRECTION = 0.4  # "X in the south" and X is the southernmost of its country's namesakes
HINT_WEIGHT = 0.5  # a demonym ("Russian troops") says less about where than a place name does
MIN_VOTES = 3  # one or two mentions make no country the document's subject
NEAR_KM = 400.0  # proximity counts fully at 0 km and not at all from here on
CANDIDATES = 12
POOL = 200  # "Ivanivka" names dozens of villages: the one in the region the text names must stay in reach
ROUNDS = 2
#: The hand-set order: the candidate's prior plus these weights times its `Evidence`.
_HANDSET = (
    ("country", W_COUNTRY),
    ("admin1", W_ADMIN1),
    ("near", W_NEAR),
    ("contained", W_CONTAINER),
    ("kind", W_KIND),
    ("direction", W_DIRECTION),
)

_KIND_WORDS = {
    "city": "city",
    "town": "city",
    "village": "city",
    "port": "city",
    "capital": "city",
    "region": "region",
    "province": "region",
    "oblast": "region",
    "state": "region",
    "country": "country",
}
_SPREAD_KINDS = frozenset({"country", "continent", "sea", "physical"})
#: Directions as (north, east) unit steps: "Mykolaiv in the south" is the namesake furthest south.
_DIRECTIONS = {
    "north": (1, 0),
    "south": (-1, 0),
    "east": (0, 1),
    "west": (0, -1),
    "northeast": (1, 1),
    "northwest": (1, -1),
    "southeast": (-1, 1),
    "southwest": (-1, -1),
}
_CONTAINER_KINDS = frozenset({"region", "country"})
#: Where the hand-set order takes one of these, the learned ranker may take a region: Georgia the state in a
#: text about Alabama and Florida (a country outranks a region by its prior alone).
_STATE_KINDS = frozenset({"region", "country"})


class Resolver:
    """Resolves a document's mentions together (see the module's docstring)."""

    def __init__(self, gazetteer: Gazetteer, ranker: Ranker | None = None, online: Geocoder | None = None) -> None:
        self.gazetteer = gazetteer
        self.ranker = ranker
        self.online = online

    def _pick(self, name: Name, handset: list[float], rows: list[list[float]], barred: set[int]) -> int:
        """The index of the candidate taken: the learned ranker's first where there is one, else the hand-set one's.

        The ranker never turns a town, sea or county the hand-set rules take into a region of that name (a country
        it may: see `_STATE_KINDS`): trained on US news,
        where a bare state name is common, it leans to regions, while in war reporting a bare "Donetsk" or
        "Kherson" is the city, the region is named as one ("the Kherson region"), and "the Red Sea" is the sea,
        not Sudan's Red Sea State (unrestricted, it lost places on the dev articles: recall@161 0.952 -> 0.937).
        Where the evidence is of a sort the ranker did not learn from, the hand-set order decides alone:
        "X in the south" (no feature of the ranker's), a name the user added with `gazetteer add` (the corpora
        have no user layer), a candidate found only by transliterating the name (the English-language corpora
        hardly hold such spellings). The score reported stays the hand-set one either way: event confidence
        is calibrated on it. Neither order takes a `barred` candidate (a `borrowed` name always leaves one)."""
        first = max((i for i in range(len(handset)) if i not in barred), key=handset.__getitem__)
        allowed = self._allowed(name, first, barred)
        if self.ranker is None or allowed is None:
            return first
        learned = self.ranker.scores(rows)
        return max(allowed, key=learned.__getitem__)

    def _allowed(self, name: Name, first: int, barred: Set[int] = frozenset()) -> list[int] | None:
        """The candidates the learned ranker chooses between (no region where the hand-set order takes a place
        of another kind than a region or a country, no `barred` one), or None where the hand-set order decides
        alone (see `_pick`); training may see the same."""
        unseen = (
            name.direction is not None
            or self.gazetteer.added(name.mentions[0].text)
            or any(place.match == "variant" for place in name.candidates)
        )
        if unseen:
            return None
        broad = name.candidates[first].kind in _STATE_KINDS
        return [i for i, place in enumerate(name.candidates) if i not in barred and (broad or place.kind != "region")]

    def __call__(self, mentions: Sequence[Mention], hints: Counter[str]) -> dict[int, tuple[Place | None, float]]:
        """For each mention (by its index), the place it means and how sure that is (0..1). A mention whose
        name is taken for no place at all (`_strays`) has no entry."""
        names = self._group(mentions, hints)
        together = colocation([name.candidates for name in names.values()])
        for name, support in zip(names.values(), together):
            name.colocated = support
        for name in names.values():
            name.pick, name.score = (name.candidates[0], name.candidates[0].score) if name.candidates else (None, 0.0)
        for _ in range(ROUNDS):
            for name in names.values():
                if name.candidates:
                    self._choose(name, names, hints)
        strays = self._strays(names, hints)
        by_key = {id(m): names[name_key(m.text)] for m in mentions}
        return {
            i: (by_key[id(m)].pick, by_key[id(m)].score)
            for i, m in enumerate(mentions)
            if by_key[id(m)].key not in strays
        }

    def _strays(self, names: dict[str, Name], hints: Counter[str]) -> set[str]:
        """The names whose pick is a small town apart from all else the document names (`colocation.stray`),
        said with nothing that makes it a place: no container ("Titan, Texas"), no kind ("the town of
        Titan"), never after a word of location ("near Titan"), not the user's own (`gazetteer add`)."""
        picks = {key: name.pick for key, name in names.items() if name.pick is not None}
        countries = {p.country_code for p in picks.values() if p.kind == "country" and p.country_code} | set(hints)
        return {
            key
            for key, pick in picks.items()
            if not names[key].containers
            and not names[key].regions
            and names[key].kind_hint is None
            and not any(
                m.span.start > 0 and m.span.doc[m.span.start - 1].lower_ in NEAR_WORDS for m in names[key].mentions
            )
            and not self.gazetteer.added(names[key].mentions[0].text)
            and stray(pick, [p for other, p in picks.items() if other != key], countries)
        }

    def _group(self, mentions: Sequence[Mention], hints: Counter[str]) -> dict[str, Name]:
        names: dict[str, Name] = {}
        containing: set[int] = set()  # the mentions that end "X, Y" as its Y
        for i, mention in enumerate(mentions):
            key = name_key(mention.text)
            name = names.get(key)
            if name is None:
                pool = self.gazetteer.candidates(mention.text, limit=POOL) if mention.known else []
                found = pool[:CANDIDATES]
                if is_acronym(mention.text):  # "US" is the country, not the village of Us
                    found = [p for p in found if p.kind in BROAD_KINDS]
                else:  # "Peski" may be Pisky, "Pavlovka" a Pavlivka: context chooses
                    ids = {p.id for p in found}
                    found += [p for p in self.gazetteer.variants(mention.text, CANDIDATES) if p.id not in ids]
                    found.sort(key=lambda p: -p.score)
                if not found and self.online is not None and not is_acronym(mention.text):
                    found = self.online.geocode(mention.text)[:CANDIDATES]  # "MO", "DPR": no server's guess
                contenders = own_names_first(contenders_of(found))
                kept = {p.id for p in contenders}
                renamed = [p for p in found if p.id not in kept]
                name = names[key] = Name(key, [], contenders, pool=pool[CANDIDATES:], renamed=renamed)
            name.mentions.append(mention)
            span = mention.span
            doc = span.doc
            containers, bracketed = containers_after(i, mentions)
            for container in containers:
                name.containers.append(name_key(container.text))
                name.regions += self.gazetteer.candidates(container.text, kind="region", limit=2)
            if containers:
                last = i + len(containers)
                ends = bracketed or not lists_on(
                    mentions[last].span, mentions[last + 1] if last + 1 < len(mentions) else None
                )
                name.regional |= ends
                if ends:
                    containing.update(id(c) for c in containers)
            designator = designator_after(span)
            word, kind = PLURAL_DESIGNATORS[designator.lower_] if designator is not None else ("", "")
            if designator is not None and not (
                kind == "county" and all(region_named(self.gazetteer, t.text) for t in list_before(designator))
            ):  # "the Kherson and Dnepropetrovsk regions": the oblasts; "Otoe and Sarpy counties": the counties,
                # but "Ohio counties" and "Ohio and Indiana counties" are theirs
                regions = self._designated(mention.text, word, kind)
                if regions:
                    name.candidates, name.pool = regions[:CANDIDATES], regions[CANDIDATES:]
            after = doc[span.end : span.end + 3]
            if len(after) == 3 and [w.lower_ for w in after[:2]] == ["in", "the"] and after[2].lower_ in _DIRECTIONS:
                name.direction = after[2].lower_
            before = doc[max(0, span.start - 2) : span.start]
            if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in _KIND_WORDS:
                name.kind_hint = _KIND_WORDS[before[0].lower_]  # "the city of Kharkiv"
        runs = lists(mentions)
        for members in runs:
            keys = {name_key(m.text) for m in members}
            for key in keys:
                names[key].mates |= keys - {key}
        self._on_fronts(mentions, names)
        regions_listed_together(runs, names)
        self._containers_as_regions(names, containing)
        recall_regional(names)
        no_us_counties_abroad(names, hints)
        counties_with_their_towns(names)
        return names

    def _designated(self, text: str, word: str, kind: str) -> list[Place]:
        """The places "the X and Y regions" may mean by X: those called "X region", and the regions called X
        in countries that have none so called. Cameroon's "North West Region" must not hide South Africa's
        North West, which the list's Limpopo then chooses; "Kyiv region" stays the oblast, not the city."""
        found = self.gazetteer.candidates(f"{text} {word}", kind=kind, limit=POOL)
        countries = {p.country_code for p in found}
        more = [p for p in self.gazetteer.candidates(text, kind=kind, limit=POOL) if p.country_code not in countries]
        return sorted(found + more, key=lambda p: -p.score)

    def _containers_as_regions(self, names: dict[str, Name], containing: set[int]) -> None:
        """A name the document uses only to say where another place is ("Mykhailivka, Kherson") means the
        region named after its city, not the city: that city's point is no evidence of where the village
        lies (a village 40 km from Kherson and one 130 km away are both "Mykhailivka, Kherson"). Only a
        region called so with a designator ("Kherson Oblast"): "Brooklyn, New York" keeps the city."""
        for name in names.values():
            if not name.candidates or not all(id(m) in containing for m in name.mentions):
                continue
            city = name.candidates[0]
            if city.kind != "city" or not city.admin1_code:
                continue
            text = name.mentions[0].text
            region = [
                r
                for r in self.gazetteer.candidates(f"{text} region", kind="region", limit=1)
                if r.admin1_code == city.admin1_code and name_key(r.name) != name.key
            ]
            name.candidates = region or name.candidates

    def _on_fronts(self, mentions: Sequence[Mention], names: dict[str, Name]) -> None:
        """ "On the Kherson direction, near Antonivka": the places of a sentence that names a front lie
        in the front's region (the oblast of that name, or of the town that names it), as if it were
        their container ("Antonivka, Kherson")."""
        for mention in mentions:
            span = mention.span
            if span.end >= len(span.doc) or span.doc[span.end].lower_ not in FRONT_WORDS:
                continue
            front = names[name_key(mention.text)]
            codes = {p.admin1_code for p in front.candidates[:1] if p.admin1_code}
            codes |= {
                r.admin1_code for r in self.gazetteer.candidates(mention.text, kind="region", limit=1) if r.admin1_code
            }
            regions = [r for code in codes if (r := self.gazetteer.get(f"admin1:{code}")) is not None]
            sentence = span.sent
            for other in mentions:
                key = name_key(other.text)
                if other is not mention and other.span.sent == sentence and key != front.key:
                    names[key].regions += [r for r in regions if r not in names[key].regions]

    def _choose(self, name: Name, names: dict[str, Name], hints: Counter[str]) -> None:
        picks = [n.pick for n in names.values() if n is not name and n.pick is not None]
        if worldwide(name, names):  # the document's country and towns say nothing of where it is
            picks, hints = [], Counter()
        countries: Counter[str] = Counter({code: HINT_WEIGHT * n for code, n in hints.items()})
        admin1s: set[str] = set()
        regions: Counter[str] = Counter(pick.admin1_code for pick in picks if pick.admin1_code)
        inner: set[str] = set()
        anchors = []
        for pick in picks:
            if pick.kind == "country" and pick.country_code:
                countries[pick.country_code] += 2
            elif pick.country_code:
                countries[pick.country_code] += 1
            if pick.kind == "region" and pick.admin1_code:
                admin1s.add(pick.admin1_code)
            elif pick.admin1_code:
                inner.add(pick.admin1_code)
            if pick.kind not in _SPREAD_KINDS:
                anchors.append(pick)
        # a town contains no other town: in "Geneva, Vienna and Oslo" Vienna says nothing of where Geneva is
        containers = [
            p for q in name.containers if q in names for p in names[q].candidates[:3] if p.kind in _CONTAINER_KINDS
        ] + name.regions
        total = max(sum(countries.values()), MIN_VOTES)
        focus = countries.most_common(1)[0][0] if countries else None
        focus_region = regions.most_common(1)[0][0] if regions else None
        context = bool(countries or anchors or containers)
        handset: list[float] = []
        rows: list[list[float]] = []
        barred: set[int] = set()
        for rank, place in enumerate(name.candidates):
            km = (
                min((great_circle_km(place, a) for a in anchors), default=None)
                if place.kind not in _SPREAD_KINDS
                else None
            )
            evidence = Evidence(
                country=countries[place.country_code] / total if place.country_code else 0.0,
                # its region is named, or, for a region, places in it are
                admin1=float(place.admin1_code in admin1s or (place.kind == "region" and place.admin1_code in inner)),
                near=max(0.0, 1 - km / NEAR_KM) if km is not None else 0.0,
                km=km,
                contained=max((contained_in(place, q) for q in containers), default=0.0),
                kind=float(bool(name.kind_hint) and place.kind == name.kind_hint),
                focus=float(place.country_code is not None and place.country_code == focus),
                region=regions[place.admin1_code] / len(picks) if place.admin1_code and picks else 0.0,
                focus_region=float(place.admin1_code is not None and place.admin1_code == focus_region),
                direction=float(
                    name.direction is not None and place is _furthest(name.candidates, place, name.direction)
                ),
                colocated=name.colocated[rank],
            )
            score = place.score + sum(w * getattr(evidence, f) for f, w in _HANDSET)
            handset.append(score)
            if not evidence.contained and borrowed(place, name.candidates):
                barred.add(rank)  # only "Philadelphia, Jordan" takes the name to Amman, its other name
            if self.ranker is not None:
                rows.append(features(place, rank, score, evidence, context))
        if name.regional and outside(name.candidates, name.regions):
            name.pick, name.score = None, 0.0  # "Lozove, Donetsk" and no Lozove is known there: not one elsewhere
            return
        i = self._pick(name, handset, rows, barred)
        name.pick, name.score = name.candidates[i], min(1.0, handset[i])


def _furthest(candidates: list[Place], place: Place, direction: str) -> Place | None:
    """The candidate of `place`'s country and kind lying furthest in the direction, if it has namesakes there."""
    north, east = _DIRECTIONS[direction]
    peers = [p for p in candidates if p.country_code == place.country_code and p.kind == place.kind]
    if len(peers) < 2:
        return None
    return max(peers, key=lambda p: north * p.lat + east * p.lon)
