"""The passes over a document's events once every sentence is read: harm told in a report of strikes is
the strikes' doing, power cuts they caused are not events of their own, a weaker report of the same
harm gives way to the stronger, and mentions of one event (type, place, date) become one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .scenes import place_id_of

if TYPE_CHECKING:
    from .finder import Event

#: Weak triggers ("union", "oppose") add to a type's likelihood but report no event on their own.
WORDED = 0.5
#: The subtype of violence that only says people were hurt, by whom or what it does not say.
HARM = "harm to civilians"
#: The subtype of humanitarian events that only say power, water or supplies were cut.
OUTAGE = "outage"
#: Types that another type reporting the same harm absorbs: "a drone hit…, injuring five" is one strike.
SHADOWED_BY = {"violence_against_civilians": ("strike", "ground")}


def harm_retyped(events: list[Event]) -> list[Event]:
    """People "killed" or "wounded" with no attacker named, in a report of strikes, were hit by
    them: "three residents died in the Kherson region" after a night of missiles is a strike."""
    if not any(e.event_type == "strike" for e in events):
        return events
    for event in events:
        if _harm_only(event):
            event.event_type, event.subtype = "strike", None
    return events


def _harm_only(event: Event) -> bool:
    """Whether the event only says people were harmed, with no attacker named: in a report of
    strikes, the strikes' doing (see `_harm_retyped`)."""
    return event.event_type == "violence_against_civilians" and all(
        t.subtype == HARM or t.weight < WORDED for t in event.triggers
    )


def may_be(event: Event) -> set[str]:
    """The types the event may turn out to be: its own, and a strike for harm with no attacker."""
    return {event.event_type, "strike"} if _harm_only(event) else {event.event_type}


def without_consequences(events: list[Event]) -> list[Event]:
    """Power cut where strikes hit the grid are what the strikes did, not events of their own: in a
    report of strikes, an outage is left to them ("power was cut in the Odesa region")."""
    if not any(e.event_type == "strike" for e in events):
        return events
    return [e for e in events if not (e.event_type == "humanitarian" and all(t.subtype == OUTAGE for t in e.triggers))]


def without_shadows(events: list[Event]) -> list[Event]:
    """Drop an event that only restates, at the same place, the harm of a stronger one."""
    kept = []
    for event in events:
        hosts = [
            e
            for e in events
            if e.event_type in SHADOWED_BY.get(event.event_type, ())
            and (e.place is None or event.place is None or place_id_of(e.place) == place_id_of(event.place))
        ]
        if hosts:
            hosts[0].confidence = max(hosts[0].confidence, event.confidence)
            continue
        kept.append(event)
    return kept


def merged(events: list[Event]) -> list[Event]:
    """One event per type, place and date within a document: later mentions add their counts."""
    kept: dict[tuple, Event] = {}
    for event in events:
        key = (
            event.event_type,
            place_id_of(event.place) if event.place else id(event),
            event.date.date if event.date else None,
        )
        first = kept.get(key)
        if first is None:
            kept[key] = event
            continue
        for name, count in event.counts.items():  # a later mention adds what the first did not say,
            first.counts.setdefault(name, count)  # it does not replace one event's toll by another's
        first.confidence = max(first.confidence, event.confidence)
        first.subtype = first.subtype or event.subtype
    return list(kept.values())
