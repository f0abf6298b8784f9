"""Events of many documents as GeoJSON features: one feature per happening, however many report it.

Two reports of the same strike (same place, same type, same day or
overlapping dates) are one feature that lists both sources; counts take the
highest figure any source gives, since later reports tend to update tolls.

A feature's properties are the event record's own keys (geo.record.EventRecord), flat: its place's
`name`, `kind`, `id` and `source` become `place`, `place_kind`, `place_id` and `place_source`
("gazetteer", or an online geocoder such as "nominatim"), the others (`admin1`, `country_code`,
`geonameid`) keep their names, and `sources` lists each report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from geo.events.filter import EventFilter
from geo.record import GAZETTEER, DocumentRecord, EventRecord, PlaceRecord

__all__ = ["EventFilter", "collection", "event_features", "place_features"]


def _source(record: DocumentRecord, event: EventRecord) -> dict[str, Any]:
    place = event["place"]
    start = event["start"]
    mark = [place["start"] - start, place["end"] - start] if place and place.get("start") is not None else None
    return {
        "doc_id": record["doc_id"],
        "title": record.get("title"),
        "url": record.get("url"),
        "sentence": event["sentence"],
        "mark": mark,
    }


def event_features(records: Iterable[DocumentRecord], keep: EventFilter = EventFilter()) -> Iterator[dict]:
    """GeoJSON features of the placed events of extraction records, merged across documents."""
    merged: dict[tuple, dict] = {}
    for record in records:
        for event in record.get("events", ()):
            place = event.get("place")
            if place is None or place.get("lat") is None or not keep.keep(event):
                continue
            key = (
                event["event_type"],
                place["id"],
                event.get("date") or ("reported", event.get("reported"), record["doc_id"]),
            )
            feature = merged.get(key)
            if feature is None:
                merged[key] = _feature(record, event, place)
            else:
                _absorb(feature["properties"], record, event)
    yield from merged.values()


def _feature(record: DocumentRecord, event: EventRecord, place: PlaceRecord) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": {
            "event_type": event["event_type"],
            "subtype": event.get("subtype"),
            "status": event["status"],
            "place": place["name"],
            "place_kind": place["kind"],
            "place_id": place["id"],
            "place_source": place.get("source", GAZETTEER),
            "admin1": place.get("admin1"),
            "country_code": place.get("country_code"),
            "geonameid": place.get("geonameid"),
            "date": event.get("date"),
            "date_precision": event.get("date_precision"),
            "reported": event.get("reported"),
            "counts": dict(event.get("counts") or {}),
            "doc_ids": [record["doc_id"]],
            "sources": [_source(record, event)],
            "sentence": event["sentence"],
            "confidence": event.get("confidence", 0.0),
        },
    }


def _absorb(properties: dict, record: DocumentRecord, event: EventRecord) -> None:
    """Another report of the same event: its source, higher counts, and the best confidence."""
    if record["doc_id"] not in properties["doc_ids"]:
        properties["doc_ids"].append(record["doc_id"])
        properties["sources"].append(_source(record, event))
    for name, value in (event.get("counts") or {}).items():
        properties["counts"][name] = max(value, properties["counts"].get(name, 0))
    properties["subtype"] = properties["subtype"] or event.get("subtype")
    properties["confidence"] = max(properties["confidence"], event.get("confidence", 0.0))


def place_features(events: Iterable[dict]) -> list[dict]:
    """One feature per place: how many events of each type happened there, and on which dates."""
    places: dict[str, dict] = {}
    for feature in events:
        p = feature["properties"]
        entry = places.get(p["place_id"])
        if entry is None:
            entry = places[p["place_id"]] = {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "place": p["place"],
                    "place_kind": p["place_kind"],
                    "place_id": p["place_id"],
                    "place_source": p["place_source"],
                    "admin1": p["admin1"],
                    "country_code": p["country_code"],
                    "geonameid": p["geonameid"],
                    "events": 0,
                    "by_type": {},
                    "dates": [],
                    "doc_ids": [],
                },
            }
        q = entry["properties"]
        q["events"] += 1
        q["by_type"][p["event_type"]] = q["by_type"].get(p["event_type"], 0) + 1
        when = p["date"] or p["reported"]
        if when and when not in q["dates"]:
            q["dates"] = sorted([*q["dates"], when])
        q["doc_ids"] = sorted(set(q["doc_ids"]) | set(p["doc_ids"]))
    return list(places.values())


def collection(features: Iterable[dict]) -> dict:
    """An RFC 7946 FeatureCollection (WGS 84 longitude, latitude; no "crs" member)."""
    return {"type": "FeatureCollection", "features": list(features)}
