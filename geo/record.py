"""The one record of the pipeline: what extraction says of a document, from `extract` to the map.

A document's record is plain JSON data, typed here once: `DocumentRecord` holds the document's
identity and its `ToponymRecord`s and `EventRecord`s; an event's place is a `PlaceRecord`.
`Toponym.to_dict` and `Event.to_dict` (geo.events.finder) make them, the extractor assembles
them, results folders and JSONL files store them as they are, and `maps` reads them: the same
keys at every step. `from_dict` is the one way back in from a file, checking what it reads, since
a results file may come from another version or another hand. `SCHEMA_VERSION` is written into
results folders and goes up whenever a key changes meaning.

`Toponym` is the text stage's own object (it holds the gazetteer's `Place`), turned into a
`ToponymRecord` by `to_dict`. This module imports nothing but the gazetteer: every room of `geo`
and `maps` may import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from gazetteer import Place

if TYPE_CHECKING:  # the annotations are strings at run time; typing has it from Python 3.11 only
    from typing_extensions import NotRequired

SCHEMA_VERSION = 1

LITERAL, METONYMIC = "literal", "metonymic"
GAZETTEER = "gazetteer"  # the `source` of a place the offline gazetteer gave
STATUSES = ("reported", "planned", "hypothetical")


class ToponymRecord(TypedDict):
    """A place name of the text (`start`/`end` index the document's text, `end` exclusive) and the
    place it resolved to (`lat` .. `place_id` and `source` all None when no fitting place is known).
    `source` says who placed it: "gazetteer" (offline) or an online geocoder ("nominatim")."""

    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    country_code: str | None
    kind: str | None
    place: str | None
    place_id: str | None
    source: NotRequired[str | None]  # written since online geocoders; absent: the gazetteer's
    role: str
    score: float


class PlaceRecord(TypedDict):
    """Where an event happened: the gazetteer's place (`name`, `id`, ...), who placed it (`source`:
    "gazetteer", or an online geocoder such as "nominatim") and the words of the text that named
    it (`mention`, `start`, `end`)."""

    name: str
    mention: str
    lat: float
    lon: float
    geonameid: int | None
    country_code: str | None
    kind: str
    id: str
    admin1: str | None
    source: NotRequired[str]  # written since online geocoders; absent: the gazetteer's
    start: int
    end: int


class EventRecord(TypedDict):
    """One event: type, status, when (`date` with its precision, or `reported`, the document's
    date), how many (`counts`, with "at least"-style `count_qualifiers`), how sure, the sentence
    that says so (`start`/`end` in the document), and where (None when no place is tied to it)."""

    event_type: str
    subtype: str | None
    status: str
    date: str | None
    date_precision: str | None
    date_inferred: bool | None
    reported: str | None
    counts: dict[str, int]
    count_qualifiers: dict[str, str]
    confidence: float
    sentence: str
    start: int
    end: int
    trigger: str
    place: PlaceRecord | None


class DocumentRecord(TypedDict):
    """What `geoevents extract` writes for one document, one JSON object a line."""

    doc_id: str
    text_hash: str
    date: str | None
    title: str | None
    url: str | None
    toponyms: list[ToponymRecord]
    events: list[EventRecord]


class RecordError(ValueError):
    """A stored record that is not one this version can read; the message says what is wrong."""


@dataclass(slots=True)
class Toponym:
    """A place name in a text: where it stands, how it is used, and what it means.

    `start`/`end` are character offsets into the document text (`end`
    exclusive). `place` is None when the gazetteer knows no fitting place:
    the name is kept, unplaced, rather than forced onto a wrong one.
    `role` is `literal` (something is or happens there) or `metonymic` (the
    name stands for a government or organisation: "Moscow rejected…").
    """

    start: int
    end: int
    name: str
    role: str = LITERAL
    place: Place | None = None
    score: float = 0.0

    def to_dict(self) -> ToponymRecord:
        """The record of `geoevents extract`'s "toponyms"."""
        p = self.place
        return {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "geonameid": p.geonameid if p else None,
            "country_code": p.country_code if p else None,
            "kind": p.kind if p else None,
            "place": p.name if p else None,
            "place_id": p.id if p else None,
            "source": p.source if p else None,
            "role": self.role,
            "score": round(self.score, 4),
        }


def from_dict(data: Any) -> DocumentRecord:
    """`data` (parsed JSON) as a document record, checked; RecordError says what does not fit.

    Keys this version does not know are kept: a newer writer may add some. A record written
    before places said their `source` has none: its places all came from the gazetteer.
    """
    _check(data, _DOCUMENT, "the record")
    for i, toponym in enumerate(data["toponyms"]):
        _check(toponym, _TOPONYM, f"toponym {i}")
    for i, event in enumerate(data["events"]):
        _check(event, _EVENT, f"event {i}")
        if event["place"] is not None:
            _check(event["place"], _PLACE, f"event {i}'s place")
    checked: DocumentRecord = data  # key by key, above
    return checked


_TEXT, _NUMBER, _INT = (str,), (int, float), (int,)
_OPTIONAL_TEXT, _OPTIONAL_NUMBER, _OPTIONAL_INT = (str, type(None)), (int, float, type(None)), (int, type(None))
_DOCUMENT = {
    "doc_id": _TEXT,
    "date": _OPTIONAL_TEXT,
    "title": _OPTIONAL_TEXT,
    "url": _OPTIONAL_TEXT,
    "toponyms": (list,),
    "events": (list,),
}
_TOPONYM = {"start": _INT, "end": _INT, "name": _TEXT, "lat": _OPTIONAL_NUMBER, "lon": _OPTIONAL_NUMBER}
_EVENT = {
    "event_type": _TEXT,
    "status": _TEXT,
    "date": _OPTIONAL_TEXT,
    "reported": _OPTIONAL_TEXT,
    "counts": (dict,),
    "confidence": _NUMBER,
    "sentence": _TEXT,
    "start": _INT,
    "place": (dict, type(None)),
}
_PLACE = {
    "name": _TEXT,
    "lat": _NUMBER,
    "lon": _NUMBER,
    "kind": _TEXT,
    "id": _TEXT,
    "geonameid": _OPTIONAL_INT,
    "start": _OPTIONAL_INT,
    "end": _OPTIONAL_INT,
}


def _check(value: Any, fields: Mapping[str, tuple[type, ...]], what: str) -> None:
    if not isinstance(value, dict):
        raise RecordError(f"{what} is not a JSON object")
    for key, types in fields.items():
        if key not in value:
            raise RecordError(f"{what} has no {key!r}")
        if not isinstance(value[key], types) or isinstance(value[key], bool):
            raise RecordError(f"{what}: {key!r} is {type(value[key]).__name__}, not {types[0].__name__}")
