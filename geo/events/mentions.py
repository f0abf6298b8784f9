"""Counts given to an event: added within a sentence, and carried by a later mention of it.

A sentence that names several groups adds them up ("three civilians and two soldiers were
killed"); a crowd's figure given by the police and one given by the organisers are two estimates
of one crowd, kept apart and never added. A later sentence that only refers back to an event
already placed ("the attack involved 242 drones", "police said 20,000 people had turned out for
the demonstrations") names no place of its own: its counts belong to that event, the report's
first of its type, which gains only what it did not already say. The other way round, a later
sentence that places an event told before without a place ("they signed a declaration on
Tuesday. ... The declaration was adopted in Paris") gives no date of its own: it is that event's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .counts import Count
from .scenes import place_id_of

if TYPE_CHECKING:
    from .finder import Event

#: Types whose people are those who took part.
GATHERINGS = frozenset({"protest"})
#: Determiners that refer back to something already told: "the attack", "these protests".
REFERRING = frozenset({"the", "this", "that", "these", "those"})
#: Nouns that name an occurrence, which "the" can refer back to (not an actor: "the air force").
OCCURRENCES = frozenset(
    """attack strike raid barrage bombardment assault offensive shelling fighting clash battle protest
    demonstration rally march meeting talks summit visit declaration agreement accord pact deal""".split()
)


def add_count(event: Event, count: Count) -> None:
    """Give `count` to `event`: distinct groups of one sentence add up, sourced crowd figures stay apart."""
    if event.event_type in GATHERINGS and count.name in ("people", "participants"):  # "a rally of 5,000 people"
        count = replace(count, name="participants")
        if count.source:  # "police said 20,000", "organisers put it at 50,000": two estimates of one crowd
            event.counts.setdefault(f"participants_{count.source}", count)
            event.counts.setdefault("participants", count)
            return
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


def _refers_back(event: Event) -> bool:
    """Whether the event's trigger, or its sentence's subject, names an occurrence with a determiner
    that points back: "the attack involved...", "the declaration was adopted in Paris"."""
    doc = event.sentence.doc
    spans = [doc.char_span(t.start, t.end, alignment_mode="expand") for t in event.triggers]
    words = [span.root for span in spans if span is not None]
    words += [c for c in event.sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        word.lemma_.lower() in OCCURRENCES and any(c.dep_ == "det" and c.lower_ in REFERRING for c in word.children)
        for word in words
    )
