"""Counts given to events: within a sentence, and carried by a later mention of an event.

A count belongs to the event of its own clause: "two people were killed in the Kherson region" is
not the toll of the strike on Odesa the same sentence reports, a toll given for the Kharkiv region
is not the city's, and one toll shared by a list of places ("struck Sumy, Kharkiv and Odesa,
killing two") belongs to none of them. A sentence that names several groups adds them up ("three
civilians and two soldiers were killed"); a crowd's figure given by the police and one given by
the organisers are two estimates of one crowd, kept apart and never added.

A later sentence that only refers back to an event already placed ("the attack involved 60
drones", "police said 8,000 had joined the marches") names no place of its own: its counts belong
to that event, the report's first of its type, which gains only what it did not already say. The
other way round, a later sentence that places an event told before without a place ("they signed
an accord on Tuesday. ... The accord was signed in Vienna") gives no date of its own: it is that
event's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from geo.record import LITERAL, Toponym

from .counts import Count
from .numbers import is_vague
from .scenes import place_id_of
from .taxonomy import Trigger

if TYPE_CHECKING:
    from .finder import Event

#: Types whose people are those who took part.
GATHERINGS = frozenset({"protest"})
#: Types whose people are those on the move: "300 children crossed into Moldova" are 300 migrants.
MOVEMENTS = frozenset({"migration"})
#: Determiners that refer back to something already told: "the attack", "these protests".
REFERRING = frozenset({"the", "this", "that", "these", "those"})
#: Nouns that name an occurrence, which "the" can refer back to (not an actor: "the air force").
OCCURRENCES = frozenset(
    """attack strike raid barrage bombardment assault offensive shelling fighting clash battle protest
    demonstration rally march meeting talks summit visit declaration agreement accord pact deal""".split()
)


def owner_of(count: Count, events: list[Event], places: list[Toponym], triggers: list[Trigger]) -> Event | None:
    """The event of the sentence a count belongs to, or None when it belongs to none of them.

    The event at a literal place of the count's clause. When that clause names places no event is
    at, the event a trigger of the clause put elsewhere, unless that lies inside a region the
    clause names (the region's toll is not the city's); none if the clause reports something of
    its own. Otherwise the event nearest the count, unless it is one of a list of places the same
    words report (a toll shared by the list is no one place's)."""
    if not events:
        return None
    doc = events[0].sentence.doc
    clause = _clause_of(doc, count.start)
    here = [t for t in places if t.role == LITERAL and _clause_of(doc, t.start) == clause]
    at = next((e for e in events if e.place is not None and any(e.place.start == t.start for t in here)), None)
    if at is not None:
        return at
    own = {t.start for t in triggers if _clause_of(doc, t.start) == clause}
    if here and own:
        told = [e for e in events if any(t.start in own for t in e.triggers)]
        told.sort(key=lambda e: e.place is None)  # placed first
        return next((e for e in told if not _inside(e, here) and not _listed(e, events)), None)
    owner = min(events, key=lambda e: (e.place is None, min(abs(t.start - count.start) for t in e.triggers)))
    return None if _listed(owner, events) else owner


def _listed(event: Event, events: list[Event]) -> bool:
    """Whether the words that report the event report it at other places too ("struck Sumy, Kharkiv and Odesa")."""
    return sum(e.triggers[0] == event.triggers[0] and e.place is not None for e in events) > 1


def _inside(event: Event, regions: list[Toponym]) -> bool:
    """Whether the event's place lies in one of the regions or countries named."""
    place = event.place.place if event.place is not None else None
    return place is not None and any(
        r.place is not None
        and r.place.id != place.id
        and r.place.country_code == place.country_code
        and (r.place.kind == "country" or (r.place.kind == "region" and r.place.admin1_code == place.admin1_code))
        for r in regions
    )


def _clause_of(doc: Doc, char: int) -> int:
    """The index of the verb whose clause holds the word at `char`."""
    token = next(t for t in doc if t.idx + len(t) > char)
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token.i


def add_count(event: Event, count: Count) -> None:
    """Give `count` to `event`: distinct groups of one sentence add up, sourced crowd figures stay apart;
    the people of a gathering took part in it, those of a movement are the migrants. A vague number of
    people to whom nothing happens is no count: ACLED codes "dozens killed" as 24, not "hundreds of
    children" as 200."""
    if event.event_type in GATHERINGS and count.name in ("people", "participants"):  # "a rally of 5,000 people"
        count = replace(count, name="participants")
        if count.source:  # "police said 20,000", "organisers put it at 50,000": two estimates of one crowd
            event.counts.setdefault(f"participants_{count.source}", count)
            event.counts.setdefault("participants", count)
            return
    if event.event_type in MOVEMENTS and count.name == "people":
        count = replace(count, name="migrants")
    if count.name == "people" and is_vague(count.qualifier):
        return  # "a camp housing tens of thousands of people": the size of a group nothing is told of
    before = event.counts.get(count.name)
    event.counts[count.name] = count if before is None else replace(count, value=before.value + count.value)


def referred_back(events: list[Event]) -> list[Event]:
    """Counts of an unplaced mention that refers back ("the attack") go to the first placed event of its type."""
    for n, event in enumerate(events):
        if event.place is not None or not event.counts or not _refers_back(event):
            continue
        first = next((e for e in events[:n] if e.event_type == event.event_type and e.place is not None), None)
        if first is not None:
            for name, count in event.counts.items():
                first.counts.setdefault(name, count)
    return events


def dated_back(events: list[Event]) -> list[Event]:
    """A mention that refers back ("the declaration") with only the report's date takes the date of
    the event told just before it, if that one is of its type, dated to the day by the text, and had no other place."""
    for n, event in enumerate(events):
        if event.date is None or event.date.start != -1 or not _refers_back(event):
            continue  # start -1: the report's own date, no date in the text
        told = events[n - 1] if n else None  # the event told just before, not any earlier one of its type
        if told is None or told.event_type != event.event_type or told.date is None or told.date.start == -1:
            continue
        if told.date.precision != "day":  # "in 2023", "this month": too vague to be that event's day
            continue
        if told.place is None or (event.place is not None and place_id_of(told.place) == place_id_of(event.place)):
            event.date = told.date
    return events


def at_the_venue(events: list[Event]) -> list[Event]:
    """Talks told once by their region or country ("after a meeting in Florida") and once by their
    venue there ("their meeting at Mar-a-Lago"), on the same day, are one meeting, drawn at the venue:
    a meeting has one place, and the state's centre is hundreds of kilometres from it."""
    venues = [e for e in events if e.event_type == "diplomacy" and _kind(e) == "landmark"]
    kept = []
    for event in events:
        venue = next((v for v in venues if _told_by_region(event, v)), None) if venues else None
        if venue is None:
            kept.append(event)
            continue
        for name, count in event.counts.items():
            venue.counts.setdefault(name, count)
        venue.confidence = max(venue.confidence, event.confidence)
    return kept


def _kind(event: Event) -> str | None:
    place = event.place.place if event.place is not None else None
    return place.kind if place is not None else None


def _told_by_region(event: Event, venue: Event) -> bool:
    """Whether the event is the venue's meeting told by the region or country the venue lies in."""
    region = event.place.place if event.place is not None else None
    site = venue.place.place if venue.place is not None else None
    if (
        event.event_type != venue.event_type
        or region is None
        or site is None
        or region.kind not in ("region", "country")
    ):
        return False
    if event.date is not None and venue.date is not None and event.date.date != venue.date.date:
        return False
    if region.kind == "country":
        return site.country_code is not None and site.country_code == region.country_code
    return site.admin1_code is not None and site.admin1_code == region.admin1_code


def _refers_back(event: Event) -> bool:
    """Whether the event's trigger, or its sentence's subject, names an occurrence with a determiner
    that points back: "the attack involved...", "the accord was signed in Vienna"."""
    doc = event.sentence.doc
    spans = [doc.char_span(t.start, t.end, alignment_mode="expand") for t in event.triggers]
    words = [span.root for span in spans if span is not None]
    words += [c for c in event.sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        word.lemma_.lower() in OCCURRENCES and any(c.dep_ == "det" and c.lower_ in REFERRING for c in word.children)
        for word in words
    )
