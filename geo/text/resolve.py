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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from gazetteer import Gazetteer, Place
from gazetteer.geocoders import Geocoder
from gazetteer.normalize import name_key
from gazetteer.ranking import MATCH_WEIGHTS

from .colocation import colocation, great_circle_km, stray
from .ranker import Evidence, Ranker, features
from .spans import Mention, bracket_end, container_start, is_acronym, list_before, region_named
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
#: Countries with counties of their own, which English news names as the US names its own ("Kent County",
#: "Nakuru County", "Cluj County", "Hualien County"), and which the gazetteer lacks in that form.
COUNTY_COUNTRIES = frozenset({"GB", "IE", "KE", "LR", "NO", "SE", "EE", "HU", "HR", "RO", "CN", "TW"})
#: A town this close to a county's point lies in it, as far as choosing between namesakes goes.
COUNTY_TOWN_KM = 35.0
POOL = 200  # "Ivanivka" names dozens of villages: the one in the region the text names must stay in reach
WORLD_CITY = 100_000  # list-mates this big in two countries make a list of the world's cities
SMALL_PLACE = 100_000  # below this, a place the container's region does not hold is taken for an unknown namesake
CONTENDER_SHARE = 0.8  # a candidate found by another name must score this share of the best to compete
ROUNDS = 2
OWN_NAME_MARGIN = 0.1  # in prior: ten times as important
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


@dataclass
class _Name:
    """All mentions of one name in a document, and what it may mean."""

    key: str
    mentions: list[Mention]
    candidates: list[Place]
    containers: list[str] = field(default_factory=list)
    regions: list[Place] = field(default_factory=list)  # the regions its containers may name
    regional: bool = False  # some container ends the phrase ("Lozove, Donetsk."), so it is no list of places
    kind_hint: str | None = None
    direction: str | None = None  # "Mykolaiv in the south": of namesakes in one country, the southern one
    pool: list[Place] = field(default_factory=list)  # the less likely places of the name, past the candidates
    renamed: list[Place] = field(default_factory=list)  # places known by the name only as another, held back
    mates: set[str] = field(default_factory=set)  # the other names of a list it stands in ("Geneva, Miami, Berlin")
    colocated: list[float] = field(default_factory=list)  # per candidate: how well it lies with the other names'
    pick: Place | None = None
    score: float = 0.0


class Resolver:
    """Resolves a document's mentions together (see the module's docstring)."""

    def __init__(self, gazetteer: Gazetteer, ranker: Ranker | None = None, online: Geocoder | None = None) -> None:
        self.gazetteer = gazetteer
        self.ranker = ranker
        self.online = online

    def _pick(self, name: _Name, handset: list[float], rows: list[list[float]], barred: set[int]) -> int:
        """The index of the candidate taken: the learned ranker's first where there is one, else the hand-set one's.

        The ranker never turns a place the hand-set rules take into a region of that name: trained on US news,
        where a bare state name is common, it leans to regions, while in war reporting a bare "Donetsk" or
        "Kherson" is the city, the region is named as one ("the Kherson region"), and "the Red Sea" is the sea,
        not Sudan's Red Sea State (unrestricted, it lost places on the dev articles: recall@161 0.952 -> 0.937).
        Where the evidence is of a sort the ranker did not learn from, the hand-set order decides alone:
        "X in the south" (no feature of the ranker's), a name the user added with `gazetteer add` (the corpora
        have no user layer), a candidate found only by transliterating the name (the English-language corpora
        hardly hold such spellings). The score reported stays the hand-set one either way: event confidence
        is calibrated on it. Neither order takes a `barred` candidate (a `_borrowed` name always leaves one)."""
        first = max((i for i in range(len(handset)) if i not in barred), key=handset.__getitem__)
        allowed = self._allowed(name, first, barred)
        if self.ranker is None or allowed is None:
            return first
        learned = self.ranker.scores(rows)
        return max(allowed, key=learned.__getitem__)

    def _allowed(self, name: _Name, first: int, barred: Set[int] = frozenset()) -> list[int] | None:
        """The candidates the learned ranker chooses between (no region where the hand-set order takes another
        kind, no `barred` one), or None where the hand-set order decides alone (see `_pick`); training may see
        the same."""
        unseen = (
            name.direction is not None
            or self.gazetteer.added(name.mentions[0].text)
            or any(place.match == "variant" for place in name.candidates)
        )
        if unseen:
            return None
        regional = name.candidates[first].kind == "region"
        return [
            i for i, place in enumerate(name.candidates) if i not in barred and (regional or place.kind != "region")
        ]

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

    def _strays(self, names: dict[str, _Name], hints: Counter[str]) -> set[str]:
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

    def _group(self, mentions: Sequence[Mention], hints: Counter[str]) -> dict[str, _Name]:
        names: dict[str, _Name] = {}
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
                contenders = _own_names_first(_contenders(found))
                kept = {p.id for p in contenders}
                renamed = [p for p in found if p.id not in kept]
                name = names[key] = _Name(key, [], contenders, pool=pool[CANDIDATES:], renamed=renamed)
            name.mentions.append(mention)
            span = mention.span
            doc = span.doc
            containers, bracketed = _containers(i, mentions)
            for container in containers:
                name.containers.append(name_key(container.text))
                name.regions += self.gazetteer.candidates(container.text, kind="region", limit=2)
            if containers:
                last = i + len(containers)
                ends = bracketed or not _listed(
                    mentions[last].span, mentions[last + 1] if last + 1 < len(mentions) else None
                )
                name.regional |= ends
                if ends:
                    containing.update(id(c) for c in containers)
            designator = _designator_after(span)
            word, kind = PLURAL_DESIGNATORS[designator.lower_] if designator is not None else ("", "")
            if designator is not None and not (
                kind == "county" and all(region_named(self.gazetteer, t.text) for t in list_before(designator))
            ):  # "the Kherson and Dnepropetrovsk regions": the oblasts; "Otoe and Sarpy counties": the counties,
                # but "Ohio counties" and "Ohio and Indiana counties" are theirs
                regions = self.gazetteer.candidates(f"{mention.text} {word}", kind=kind, limit=POOL)
                if regions:
                    name.candidates, name.pool = regions[:CANDIDATES], regions[CANDIDATES:]
            after = doc[span.end : span.end + 3]
            if len(after) == 3 and [w.lower_ for w in after[:2]] == ["in", "the"] and after[2].lower_ in _DIRECTIONS:
                name.direction = after[2].lower_
            before = doc[max(0, span.start - 2) : span.start]
            if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in _KIND_WORDS:
                name.kind_hint = _KIND_WORDS[before[0].lower_]  # "the city of Kharkiv"
        for members in _lists(mentions):
            keys = {name_key(m.text) for m in members}
            for key in keys:
                names[key].mates |= keys - {key}
        self._on_fronts(mentions, names)
        _regions_listed_together(mentions, names)
        self._containers_as_regions(names, containing)
        _recall_regional(names)
        _no_us_counties_abroad(names, hints)
        _counties_with_their_towns(names)
        return names

    def _containers_as_regions(self, names: dict[str, _Name], containing: set[int]) -> None:
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

    def _on_fronts(self, mentions: Sequence[Mention], names: dict[str, _Name]) -> None:
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

    def _choose(self, name: _Name, names: dict[str, _Name], hints: Counter[str]) -> None:
        picks = [n.pick for n in names.values() if n is not name and n.pick is not None]
        if _worldwide(name, names):  # the document's country and towns say nothing of where it is
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
                contained=max((_contained_in(place, q) for q in containers), default=0.0),
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
            if not evidence.contained and _borrowed(place, name.candidates):
                barred.add(rank)  # only "Philadelphia, Jordan" takes the name to Amman, its other name
            if self.ranker is not None:
                rows.append(features(place, rank, score, evidence, context))
        if name.regional and _outside(name.candidates, name.regions):
            name.pick, name.score = None, 0.0  # "Lozove, Donetsk" and no Lozove is known there: not one elsewhere
            return
        i = self._pick(name, handset, rows, barred)
        name.pick, name.score = name.candidates[i], min(1.0, handset[i])


def _lists(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Runs of three or more names joined only by commas and "and"/"or": "Geneva, Miami and Berlin"."""
    runs: list[list[Mention]] = []
    run: list[Mention] = []
    for mention in mentions:
        if run and _joined(run[-1].span, mention.span):
            run.append(mention)
            continue
        if len(run) >= 3:
            runs.append(run)
        run = [mention]
    if len(run) >= 3:
        runs.append(run)
    return runs


def _joined(before: Span, after: Span) -> bool:
    between = before.doc[before.end : after.start]
    return 0 < len(between) <= 2 and all(t.lower_ in (",", "and", "or", "&") for t in between)


def _worldwide(name: _Name, names: dict[str, _Name]) -> bool:
    """Whether the name stands in a list with big cities of two countries or more ("Geneva, Miami,
    Berlin"): such a list spans the world, so the places the rest of the document names (Florida, US
    towns) say nothing of which Geneva it is, and the better-known one stands. A list of towns of one
    country ("Rome, Cedartown and Calhoun") keeps its context, and so does one of small towns, whose
    first guesses may lie anywhere ("Sharon, Cornwall and Salisbury")."""
    countries = {
        pick.country_code
        for key in name.mates
        if (pick := names[key].pick) is not None
        and pick.kind == "city"
        and pick.country_code
        and pick.population >= WORLD_CITY
    }
    return len(countries) >= 2


def _regions_listed_together(mentions: Sequence[Mention], names: dict[str, _Name]) -> None:
    """Three or more names listed together that mostly (3 in 4) first mean regions of one country ("Alabama,
    Georgia, Nevada and Oregon") are that country's regions, each that has one: towns named after them
    (Nevada and Louisiana in Missouri, which the same list names) must not pull each other to one state,
    and Georgia is the state. A list of towns keeps every sense, and so do "Nevada, Missouri" (a town in
    its state) and "Springfield, Illinois, and Columbus, Ohio"."""
    run: list[_Name] = []
    for i, mention in enumerate(mentions):
        name = names[name_key(mention.text)]
        if name not in run:
            run.append(name)
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if _listed(mention.span, following):
            continue
        countries = Counter(
            n.candidates[0].country_code for n in run if n.candidates and n.candidates[0].kind == "region"
        )
        country, count = countries.most_common(1)[0] if countries else (None, 0)
        if count >= 3 and 4 * count >= 3 * len(run):
            for listed in run:
                regions = [p for p in listed.candidates if p.kind == "region" and p.country_code == country]
                listed.candidates = regions or listed.candidates
        run = []


def _furthest(candidates: list[Place], place: Place, direction: str) -> Place | None:
    """The candidate of `place`'s country and kind lying furthest in the direction, if it has namesakes there."""
    north, east = _DIRECTIONS[direction]
    peers = [p for p in candidates if p.country_code == place.country_code and p.kind == place.kind]
    if len(peers) < 2:
        return None
    return max(peers, key=lambda p: north * p.lat + east * p.lon)


def _contenders(candidates: list[Place]) -> list[Place]:
    """The candidates context may choose between: places of that very name, and others nearly as likely.

    A town that merely lists "Missouri" or "Iraq" among its other names cannot
    overtake the state or the country on the strength of context alone.
    """
    if not candidates:
        return candidates
    floor = CONTENDER_SHARE * candidates[0].score
    return [p for p in candidates if p.match in ("name", "designator", "variant") or p.score >= floor]


def _recall_regional(names: dict[str, _Name]) -> None:
    """Bring back, from past the first CANDIDATES, the towns and counties of a name that lie in a region
    the document names (as a container of that name, or anywhere as a region): "Ivanivka, Kharkiv";
    "Madison County" in a text on Georgia (19 states have one). A county is known by its full name only,
    so any region a name may be ("Georgia": the country or the state), or the first place of a name lies
    in, brings back its counties there: then context chooses."""
    named = {n.candidates[0].admin1_code for n in names.values() if n.candidates and n.candidates[0].kind == "region"}
    around = {p.admin1_code for n in names.values() for p in n.candidates if p.kind == "region"}
    around |= {n.candidates[0].admin1_code for n in names.values() if n.candidates}
    for name in names.values():
        codes = (named | {r.admin1_code for r in name.regions}) - {None, ""}
        extra = [
            p
            for p in name.pool
            if (p.kind == "city" and p.admin1_code in codes) or (p.kind == "county" and p.admin1_code in codes | around)
        ]
        # a town known by the name only as another name, in the region its container names: "Druzhba, Sumy"
        # (the Sumy town renamed so); a region named elsewhere in the text is not enough for it
        contained = {r.admin1_code for r in name.regions} - {None, ""}
        extra += [p for p in name.renamed if p.kind == "city" and p.admin1_code in contained]
        if extra:
            name.candidates = name.candidates + extra
        name.pool = []


def _no_us_counties_abroad(names: dict[str, _Name], hints: Counter[str]) -> None:
    """A county name means no US county in a text about a country with counties of its own that the
    gazetteer lacks ("Kent County Council" in news from England): the countries and regions the text names
    (and its demonyms) are mostly that country's, and none is the US or a state. The country's own units
    stay ("Dorset")."""
    broad: Counter[str] = Counter(hints)
    for name in names.values():
        first = name.candidates[0] if name.candidates else None
        if first is not None and first.kind in ("country", "region") and first.country_code:
            broad[first.country_code] += len(name.mentions)
    if not broad or "US" in broad or broad.most_common(1)[0][0] not in COUNTY_COUNTRIES:
        return
    for name in names.values():
        if name.candidates and all(_us_county(p) for p in name.candidates):
            name.candidates = []


def _us_county(place: Place) -> bool:
    return place.kind == "county" and place.country_code == "US"


def _counties_with_their_towns(names: dict[str, _Name]) -> None:
    """Put first, among a county's namesakes, those the other names of the text place around it: a town
    that lies in it ("Paris" and "Henry County": the Tennessee pair, not Georgia's larger Henry County)
    or its state ("Kentucky"). Each other name counts by its likeliest such place (1 for its first
    candidate, 1/2 for its second...) times its mentions; ties keep the order by size, and context still
    chooses. A county
    without such support has only its size to go by. A town named like the county ("DeKalb" for DeKalb
    County) says nothing: news shortens a county's name so, and most counties have a namesake town."""
    for name in names.values():
        if len(name.candidates) < 2 or name.candidates[0].kind != "county":
            continue
        stem = name_key(name.candidates[0].name).rpartition(" ")[0]
        others = [other for other in names.values() if other is not name and other.key != stem]
        support = {
            c.id: sum(len(other.mentions) * _support(c, other.candidates) for other in others)
            for c in name.candidates
            if c.kind == "county"
        }
        if any(support.values()):
            order = {c.id: n for n, c in enumerate(name.candidates)}
            name.candidates = sorted(name.candidates, key=lambda c: (-support.get(c.id, 0.0), order[c.id]))


def _support(county: Place, candidates: list[Place]) -> float:
    """How likely a name places the county: 1/(1 + rank) of its first candidate that is a town in the county
    or the county's state; a town by another name only as the name's first ("St. Paris": Saint Paris)."""
    for rank, p in enumerate(candidates):
        if p.admin1_code != county.admin1_code:
            continue
        town = p.kind == "city" and (p.match == "name" or rank == 0) and great_circle_km(county, p) < COUNTY_TOWN_KM
        if town or (p.kind == "region" and p.match == "name"):
            return 1 / (1 + rank)
    return 0.0


def _own_names_first(candidates: list[Place]) -> list[Place]:
    """A place known by the name only as another (often former) name stands behind a place that bears
    it, unless it is more than `OWN_NAME_MARGIN` more important: "Albertville" is the town in Alabama
    (or Savoie) before Kalemie, once Albertville; "Artemovsk" is still Bakhmut before a Siberian village."""
    own = max((p.score for p in candidates if p.match == "name"), default=None)
    if own is None:
        return candidates
    demoted = [
        p._replace(score=p.score * MATCH_WEIGHTS[1])
        if p.match == "alternate" and p.score / MATCH_WEIGHTS[1] < own + OWN_NAME_MARGIN
        else p
        for p in candidates
    ]
    return sorted(demoted, key=lambda p: -p.score)


def _borrowed(place: Place, candidates: list[Place]) -> bool:
    """Whether the place bears the name only as another (often ancient) name, behind a namesake of its kind
    that bears it as its own (`_own_names_first` put it there): nearness and a shared country may not carry
    "Philadelphia" to Amman, once Philadelphia, because the text also names the West Bank."""
    return place.match == "alternate" and any(
        p.match == "name" and p.kind == place.kind and p.score >= place.score for p in candidates
    )


def _designator_after(span: Span) -> Token | None:
    """The plural designator ending the list the span stands in, if one does: "regions" of "Kherson and
    Sumy regions"."""
    doc = span.doc
    i = span.end
    while i + 1 < len(doc) and doc[i].lower_ in (",", "and", "&") and doc[i + 1].is_title:
        i += 2
    return doc[i] if i < len(doc) and doc[i].lower_ in PLURAL_DESIGNATORS else None


def _containers(i: int, mentions: Sequence[Mention]) -> tuple[list[Mention], bool]:
    """The names right after mention `i` that say where it is, and whether they stand in brackets:
    "Lozove, Donetsk", "Akdeniz town, Mersin", "Halba (Akkar)", "Arah (Merkhah Al Ulya, Shabwah)".
    After a comma only the next name is a container: "Kharkiv, Odesa and Lviv" is a list (see `_listed`)."""
    span = mentions[i].span
    doc = span.doc
    container = container_start(doc, span.end)
    if container is None:
        return [], False
    start, mark = container
    if mark == "(":  # every name in the brackets
        end = bracket_end(doc, start)
        return [m for m in mentions[i + 1 :] if start <= m.span.start and m.span.end <= end], True
    following = mentions[i + 1] if i + 1 < len(mentions) else None
    return ([following] if following is not None and following.span.start == start else []), False


def _listed(span: Span, following: Mention | None) -> bool:
    """Whether the place named in `span` goes on to a list ("Kharkiv, Odesa and Lviv"), the next
    mention being the following one."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in (",", "and", "or", "&"):
        return False
    return following is not None and following.span.start in (span.end + 1, span.end + 2)


def _outside(candidates: list[Place], regions: list[Place]) -> bool:
    """Whether no candidate lies in the regions a container names, and each is a small place or
    one known by that name only as an alternate (often a former) name; a large city called so
    is not for a container to rule out."""
    codes = {r.admin1_code for r in regions if r.admin1_code}
    return bool(codes) and all(
        p.kind == "city" and p.admin1_code not in codes and (p.population < SMALL_PLACE or p.match != "name")
        for p in candidates
    )


def _contained_in(place: Place, container: Place) -> float:
    """1 when `container` is the region of `place`, 0.5 when only its country."""
    if container.kind == "region" and place.admin1_code and place.admin1_code == container.admin1_code:
        return 1.0
    if container.kind == "country" and place.country_code == container.country_code:
        return 1.0
    if place.country_code and place.country_code == container.country_code:
        return 0.5
    return 0.0
