"""A document's names and the places each may mean, before `resolve` chooses between them.

`Name` gathers the mentions of one name. The passes here read the words around the names
and narrow or widen each name's candidates: lists ("Geneva, Miami and Berlin"; "Alabama,
Georgia and Nevada"), containers ("Lozove, Donetsk", "Halba (Akkar)"), plural designators
("the Kherson and Sumy regions"), counties and their towns, and names a place bears only
as another (often former) name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from gazetteer import Place
from gazetteer.normalize import name_key
from gazetteer.ranking import MATCH_WEIGHTS

from .colocation import great_circle_km
from .spans import Mention, bracket_end, container_start
from .words import PLURAL_DESIGNATORS

#: Countries with counties of their own, which English news names as the US names its own ("Kent County",
#: "Nakuru County", "Cluj County", "Hualien County"), and which the gazetteer lacks in that form.
COUNTY_COUNTRIES = frozenset({"GB", "IE", "KE", "LR", "NO", "SE", "EE", "HU", "HR", "RO", "CN", "TW"})

#: A town this close to a county's point lies in it, as far as choosing between namesakes goes.
COUNTY_TOWN_KM = 35.0

WORLD_CITY = 100_000  # list-mates this big in two countries make a list of the world's cities

SMALL_PLACE = 100_000  # below this, a place the container's region does not hold is taken for an unknown namesake

CONTENDER_SHARE = 0.8  # a candidate found by another name must score this share of the best to compete

OWN_NAME_MARGIN = 0.1  # in prior: ten times as important


@dataclass
class Name:
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


def lists(mentions: Sequence[Mention]) -> list[list[Mention]]:
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


def worldwide(name: Name, names: dict[str, Name]) -> bool:
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


def regions_listed_together(runs: Sequence[Sequence[Mention]], names: dict[str, Name]) -> None:
    """Names of a list (`lists`) that mostly (3 in 4, and at least three) first mean regions of one country
    ("Alabama, Georgia, Nevada and Oregon") are that country's regions, each that has one: towns named after
    them (Nevada and Louisiana in Missouri, which the same list names) must not pull each other to one state,
    and Georgia is the state. A list of towns keeps every sense, and so do "Nevada, Missouri" (a town in its
    state) and "Springfield, Illinois, and Columbus, Ohio"."""
    for members in runs:
        run = list({name_key(m.text): names[name_key(m.text)] for m in members}.values())
        countries = Counter(
            n.candidates[0].country_code for n in run if n.candidates and n.candidates[0].kind == "region"
        )
        country, count = countries.most_common(1)[0] if countries else (None, 0)
        if count >= 3 and 4 * count >= 3 * len(run):
            for member in run:
                regions = [p for p in member.candidates if p.kind == "region" and p.country_code == country]
                member.candidates = regions or member.candidates


def contenders_of(candidates: list[Place]) -> list[Place]:
    """The candidates context may choose between: places of that very name, and others nearly as likely.

    A town that merely lists "Missouri" or "Iraq" among its other names cannot
    overtake the state or the country on the strength of context alone.
    """
    if not candidates:
        return candidates
    floor = CONTENDER_SHARE * candidates[0].score
    return [p for p in candidates if p.match in ("name", "designator", "variant") or p.score >= floor]


def recall_regional(names: dict[str, Name]) -> None:
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


def no_us_counties_abroad(names: dict[str, Name], hints: Counter[str]) -> None:
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


def counties_with_their_towns(names: dict[str, Name]) -> None:
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


def own_names_first(candidates: list[Place]) -> list[Place]:
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


def borrowed(place: Place, candidates: list[Place]) -> bool:
    """Whether the place bears the name only as another (often ancient) name, behind a namesake of its kind
    that bears it as its own (`own_names_first` put it there): nearness and a shared country may not carry
    "Philadelphia" to Amman, once Philadelphia, because the text also names the West Bank."""
    return place.match == "alternate" and any(
        p.match == "name" and p.kind == place.kind and p.score >= place.score for p in candidates
    )


def designator_after(span: Span) -> Token | None:
    """The plural designator ending the list the span stands in, if one does: "regions" of "Kherson and
    Sumy regions"."""
    doc = span.doc
    i = span.end
    while i + 1 < len(doc) and doc[i].lower_ in (",", "and", "&") and doc[i + 1].is_title:
        i += 2
    return doc[i] if i < len(doc) and doc[i].lower_ in PLURAL_DESIGNATORS else None


def containers_after(i: int, mentions: Sequence[Mention]) -> tuple[list[Mention], bool]:
    """The names right after mention `i` that say where it is, and whether they stand in brackets:
    "Lozove, Donetsk", "Akdeniz town, Mersin", "Halba (Akkar)", "Arah (Merkhah Al Ulya, Shabwah)".
    After a comma only the next name is a container: "Kharkiv, Odesa and Lviv" is a list (see `lists_on`)."""
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


def lists_on(span: Span, following: Mention | None) -> bool:
    """Whether the place named in `span` goes on to a list ("Kharkiv, Odesa and Lviv"), the next
    mention being the following one."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in (",", "and", "or", "&"):
        return False
    return following is not None and following.span.start in (span.end + 1, span.end + 2)


def outside(candidates: list[Place], regions: list[Place]) -> bool:
    """Whether no candidate lies in the regions a container names, and each is a small place or
    one known by that name only as an alternate (often a former) name; a large city called so
    is not for a container to rule out."""
    codes = {r.admin1_code for r in regions if r.admin1_code}
    return bool(codes) and all(
        p.kind == "city" and p.admin1_code not in codes and (p.population < SMALL_PLACE or p.match != "name")
        for p in candidates
    )


def contained_in(place: Place, container: Place) -> float:
    """1 when `container` is the region of `place`, 0.5 when only its country."""
    if container.kind == "region" and place.admin1_code and place.admin1_code == container.admin1_code:
        return 1.0
    if container.kind == "country" and place.country_code == container.country_code:
        return 1.0
    if place.country_code and place.country_code == container.country_code:
        return 0.5
    return 0.0


def _us_county(place: Place) -> bool:
    return place.kind == "county" and place.country_code == "US"
