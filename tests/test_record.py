"""The one record: what extract writes is what from_dict reads back, and nothing else gets in."""

from __future__ import annotations

import copy

import pytest

from geo.record import RecordError, from_dict

PLACED = {
    "doc_id": "a",
    "text_hash": "h",
    "date": "2025-05-02",
    "title": None,
    "url": None,
    "toponyms": [
        {
            "start": 10,
            "end": 15,
            "name": "Sumy",
            "lat": 50.9,
            "lon": 34.8,
            "geonameid": 692194,
            "role": "literal",
            "source": "gazetteer",
        }
    ],
    "events": [
        {
            "event_type": "strike",
            "status": "reported",
            "date": "2025-05-02",
            "reported": "2025-05-02",
            "counts": {"killed": 2},
            "confidence": 0.8,
            "sentence": "A drone hit Sumy.",
            "start": 0,
            "place": {
                "name": "Sumy",
                "lat": 50.9,
                "lon": 34.8,
                "kind": "city",
                "id": "gn:692194",
                "geonameid": 692194,
                "source": "gazetteer",
                "start": 12,
                "end": 16,
            },
        }
    ],
}


def test_a_full_record_reads_back_as_it_is():
    assert from_dict(copy.deepcopy(PLACED)) == PLACED


def test_a_record_from_before_sources_reads_back_as_it_is():
    old = copy.deepcopy(PLACED)
    del old["toponyms"][0]["source"], old["events"][0]["place"]["source"]
    assert from_dict(copy.deepcopy(old)) == old  # no key made up: readers take a missing one for the gazetteer


def test_an_online_source_is_kept():
    online = copy.deepcopy(PLACED)
    online["events"][0]["place"]["source"] = online["toponyms"][0]["source"] = "nominatim"
    record = from_dict(online)
    assert record["toponyms"][0]["source"] == record["events"][0]["place"]["source"] == "nominatim"


def test_unknown_keys_are_kept():
    record = {**copy.deepcopy(PLACED), "newer": 1}
    assert from_dict(record)["newer"] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("doc_id"), "has no 'doc_id'"),
        (lambda r: r.update(events={}), "'events' is dict"),
        (lambda r: r["toponyms"][0].update(start="10"), "toponym 0: 'start' is str"),
        (lambda r: r["events"][0]["place"].update(lat=None), "event 0's place: 'lat' is NoneType"),
        (lambda r: r["events"][0]["place"].update(geonameid=True), "'geonameid' is bool"),
        (lambda r: r["events"][0].pop("sentence"), "event 0 has no 'sentence'"),
    ],
)
def test_what_does_not_fit_is_named(change, message):
    record = copy.deepcopy(PLACED)
    change(record)
    with pytest.raises(RecordError, match=message):
        from_dict(record)


def test_not_an_object():
    with pytest.raises(RecordError, match="not a JSON object"):
        from_dict(["a"])
