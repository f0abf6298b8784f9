"""`--geocoder nominatim`: names the gazetteer lacks, asked of a local stand-in speaking Nominatim's JSON.

The stand-in (http.server on 127.0.0.1, a free port) answers from a table of made-up places and
records every request, so each test can say how many reached it, and with which user agent.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import run_cli

from gazetteer.geocoders import (
    MAX_FAILURES,
    OFFLINE,
    GeocoderError,
    GeocoderSettings,
    NominatimGeocoder,
    OfflineGeocoder,
    check,
    open_geocoder,
)

#: Made-up villages no gazetteer holds, with what a Nominatim server says of them.
ANSWERS = {
    "zorvanka": [
        {
            "lat": "48.6210",
            "lon": "37.5120",
            "display_name": "Zorvanka, Kramatorsk Raion, Donetsk Oblast, Ukraine",
            "osm_type": "node",
            "osm_id": 900001,
            "class": "place",
            "type": "village",
            "importance": 0.31,
            "address": {"village": "Zorvanka", "state": "Donetsk Oblast", "country_code": "ua"},
        }
    ],
    "tesmarino": [
        {"lat": "44.1", "lon": "20.9", "display_name": "Tesmarino Bakery", "class": "shop", "type": "bakery"},
        {
            "lat": "44.2",
            "lon": "21.0",
            "display_name": "Tesmarino, Serbia",
            "osm_type": "relation",
            "osm_id": 77,
            "class": "boundary",
            "type": "administrative",
            "importance": 0.2,
        },
    ],
}


class StandIn:
    """A Nominatim stand-in: `mode` "ok", "error" (HTTP 500) or "garbage" (not JSON)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        self.mode = "ok"
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                stand_in.requests.append({"path": parts.path, "agent": self.headers.get("User-Agent", ""), **query})
                if stand_in.mode == "error":
                    self.send_error(500, "stand-in failure")
                    return
                answer = ANSWERS.get(query.get("q", "").lower(), [])
                body = b"<html>busy</html>" if stand_in.mode == "garbage" else json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:  # quiet: pytest shows what matters
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def asked(self) -> list[str]:
        return [r["q"] for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    server = StandIn()
    yield server
    server.close()


def settings(url: str, cache: Path, **more: object) -> GeocoderSettings:
    return GeocoderSettings("nominatim", url=url, cache=str(cache), min_delay=0.001, **more)  # type: ignore[arg-type]


def nominatim(url: str, cache: Path, **more: object) -> NominatimGeocoder:
    return NominatimGeocoder(settings(url, cache, **more), cache)


def free_port_url() -> str:
    """The address of a port nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# -- the geocoder ------------------------------------------------------------


def test_the_answer_is_used_and_marked_online(stand_in, tmp_path):
    (place,) = nominatim(stand_in.url, tmp_path).geocode("Zorvanka")
    assert (place.name, place.kind, place.country_code, place.admin1) == ("Zorvanka", "city", "UA", "Donetsk Oblast")
    assert (place.lat, place.lon) == (48.621, 37.512)
    assert (place.source, place.match, place.id) == ("nominatim", "online", "osm:node/900001")
    (request,) = stand_in.requests
    assert request["path"] == "/search" and request["format"] == "json"
    assert request["agent"].startswith("geoevents/")  # Nominatim's policy: an identifying user agent


def test_the_user_agent_can_be_chosen(stand_in, tmp_path):
    nominatim(stand_in.url, tmp_path, user_agent="newsroom-map/2 (desk@example.org)").geocode("Zorvanka")
    assert stand_in.requests[0]["agent"] == "newsroom-map/2 (desk@example.org)"


def test_a_shop_bearing_the_name_is_no_place_but_a_municipality_is(stand_in, tmp_path):
    (place,) = nominatim(stand_in.url, tmp_path).geocode("Tesmarino")
    assert (place.name, place.kind, place.id) == ("Tesmarino", "region", "osm:relation/77")


def test_a_second_geocoder_on_the_same_cache_makes_no_request(stand_in, tmp_path):
    first = nominatim(stand_in.url, tmp_path).geocode("Zorvanka")
    assert nominatim(stand_in.url, tmp_path).geocode("zorvanka") == first  # a new run: the file answers
    assert stand_in.asked == ["Zorvanka"]


def test_not_found_is_cached_too(stand_in, tmp_path):
    assert nominatim(stand_in.url, tmp_path).geocode("Pelvarsk") == []
    assert nominatim(stand_in.url, tmp_path).geocode("Pelvarsk") == []
    assert stand_in.asked == ["Pelvarsk"]
    (cache,) = tmp_path.glob("nominatim-*.json")
    assert json.loads(cache.read_text())["answers"] == {"pelvarsk": []}


def test_each_server_has_its_own_cache(stand_in, tmp_path):
    nominatim(stand_in.url, tmp_path).geocode("Zorvanka")
    other = StandIn()
    try:
        nominatim(other.url, tmp_path).geocode("Zorvanka")
        assert other.asked == ["Zorvanka"]
    finally:
        other.close()


def test_the_rate_limiter_spaces_the_requests(stand_in, tmp_path):
    """geopy's RateLimiter on a clock of the test's own: it must wait `min_delay` between requests."""
    geocoder = nominatim(stand_in.url, tmp_path)
    geocoder.limiter.min_delay_seconds = 0.25
    now = [100.0]
    waits: list[float] = []
    geocoder.limiter._clock = lambda: now[0]  # type: ignore[method-assign]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    geocoder.limiter._sleep = sleep  # type: ignore[method-assign]
    for name in ("Zorvanka", "Tesmarino", "Pelvarsk", "Zorvanka"):  # the last one from the cache
        geocoder.geocode(name)
    assert stand_in.asked == ["Zorvanka", "Tesmarino", "Pelvarsk"]
    assert waits == [pytest.approx(0.25), pytest.approx(0.25)]  # none before the first, none for a cached name


def test_the_default_delay_is_nominatims_policy():
    assert GeocoderSettings("nominatim").min_delay >= 1.0


def test_a_server_that_is_down_costs_a_warning_and_the_name(tmp_path, caplog):
    geocoder = nominatim(free_port_url(), tmp_path)
    with caplog.at_level(logging.WARNING):
        assert geocoder.geocode("Zorvanka") == []
    assert "failed for 'Zorvanka'" in caplog.text and "stays unresolved" in caplog.text
    assert not list(tmp_path.glob("nominatim-*.json"))  # a failure is no "not found"


def test_after_failures_in_a_row_the_run_goes_on_offline(tmp_path, caplog):
    geocoder = nominatim(free_port_url(), tmp_path)
    with caplog.at_level(logging.WARNING):
        for i in range(MAX_FAILURES + 3):
            geocoder.geocode(f"Name{i}")
    assert geocoder.requests == MAX_FAILURES
    assert "going on offline" in caplog.text


@pytest.mark.parametrize("mode", ["error", "garbage"])
def test_an_http_error_or_bad_json_costs_a_warning(stand_in, tmp_path, caplog, mode):
    stand_in.mode = mode
    with caplog.at_level(logging.WARNING):
        assert nominatim(stand_in.url, tmp_path).geocode("Zorvanka") == []
    assert "stays unresolved" in caplog.text
    stand_in.mode = "ok"  # the failure was not cached: the next run asks again, and is answered
    assert nominatim(stand_in.url, tmp_path).geocode("Zorvanka")


def test_a_damaged_cache_is_started_afresh(stand_in, tmp_path, caplog):
    nominatim(stand_in.url, tmp_path).geocode("Zorvanka")
    (cache,) = tmp_path.glob("nominatim-*.json")
    cache.write_text("{not json")
    with caplog.at_level(logging.WARNING):
        assert nominatim(stand_in.url, tmp_path).geocode("Zorvanka")
    assert "ignoring the online answers' cache" in caplog.text
    assert len(stand_in.requests) == 2 and json.loads(cache.read_text())["answers"]["zorvanka"]


def test_settings_are_checked_before_anything_loads():
    check(OFFLINE, processes=4)  # offline: any number of processes
    check(GeocoderSettings("nominatim"))
    with pytest.raises(GeocoderError, match="unknown geocoder"):
        check(GeocoderSettings("bing"))
    with pytest.raises(GeocoderError, match="http"):
        check(GeocoderSettings("nominatim", url="ftp://example.org"))
    with pytest.raises(GeocoderError, match="one process"):
        check(GeocoderSettings("nominatim"), processes=2)


def test_the_offline_geocoder_is_the_gazetteer(gazetteer):
    geocoder = open_geocoder(OFFLINE, gazetteer)
    assert isinstance(geocoder, OfflineGeocoder)
    assert geocoder.geocode("Kharkiv")[0].name == "Kharkiv"
    assert geocoder.geocode("Zorvanka") == []


# -- in extraction -----------------------------------------------------------

TEXT = "Shelling hit the village of Zorvanka near Kharkiv on Tuesday, killing two civilians."


@pytest.fixture(scope="module")
def online_extractor(index_cache, tmp_path_factory):
    """One extractor for the module (the model loads once), asking a stand-in of its own."""
    from geo.run.extract import Extractor

    server = StandIn()
    cache = tmp_path_factory.mktemp("online")
    yield Extractor(geocoder=settings(server.url, cache)), server
    server.close()


def test_extraction_places_the_name_online_and_keeps_the_known_one_offline(online_extractor):
    from geo.run.readers import Document

    extractor, server = online_extractor
    (record,) = extractor.extract([Document("d", TEXT)])
    toponyms = {t["name"]: t for t in record["toponyms"]}
    assert toponyms["Zorvanka"]["source"] == "nominatim" and toponyms["Zorvanka"]["place_id"] == "osm:node/900001"
    assert toponyms["Kharkiv"]["source"] == "gazetteer"
    assert "Kharkiv" not in server.asked and "Zorvanka" in server.asked  # a known name never goes online
    (event,) = record["events"]
    assert event["place"] is not None and event["place"]["source"] == "nominatim"


@pytest.mark.parametrize(("region", "placed"), [("Donetsk", True), ("Kharkiv", False)])
def test_a_container_region_holds_the_online_place_or_rules_it_out(online_extractor, region, placed):
    """The server's Zorvanka lies in Donetsk Oblast: "Zorvanka, Kharkiv region" is another one, unknown."""
    from geo.run.readers import Document

    extractor, _ = online_extractor
    text = f"Shelling hit Zorvanka, {region} region, on Tuesday, killing two civilians."
    (record,) = extractor.extract([Document("d", text)])
    (zorvanka,) = [t for t in record["toponyms"] if t["name"] == "Zorvanka"]
    assert (zorvanka["source"] == "nominatim") is placed and (zorvanka["place"] is None) is not placed


def test_the_default_never_touches_the_network(extract, monkeypatch):
    def no_network(*args: object) -> None:
        raise AssertionError("the offline default opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    toponyms = {t["name"]: t for t in extract(TEXT)}
    assert toponyms["Zorvanka"]["place"] is None and toponyms["Zorvanka"]["source"] is None
    assert toponyms["Kharkiv"]["source"] == "gazetteer"


# -- the command line --------------------------------------------------------


def test_cli_extract_asks_once_and_then_answers_from_the_cache(stand_in, index_cache, tmp_path):
    article = tmp_path / "zorvanka.txt"
    article.write_text(TEXT, encoding="utf-8")
    flags = ["--geocoder", "nominatim", "--geocoder-url", stand_in.url, "--user-agent", "geoevents-tests/1"]
    try:
        first = run_cli("extract", str(article), *flags)
        assert first.returncode == 0, first.stderr
        assert "Traceback" not in first.stderr
        (record,) = [json.loads(line) for line in first.stdout.splitlines()]
        assert {t["name"]: t["source"] for t in record["toponyms"]} == {"Zorvanka": "nominatim", "Kharkiv": "gazetteer"}
        assert stand_in.asked == ["Zorvanka"] and stand_in.requests[0]["agent"] == "geoevents-tests/1"
        second = run_cli("extract", str(article), *flags, "--quiet")
        assert second.stdout == first.stdout and second.stderr == ""
        assert stand_in.asked == ["Zorvanka"]  # the second run made no request
    finally:  # the cache of this stand-in's port is of no use to later sessions
        for path in (index_cache / "online").glob("nominatim-*.json"):
            if "zorvanka" in path.read_text(encoding="utf-8"):
                path.unlink()


def test_cli_server_down_warns_and_goes_on(index_cache, tmp_path):
    article = tmp_path / "zorvanka.txt"
    article.write_text(TEXT, encoding="utf-8")
    run = run_cli("extract", str(article), "--geocoder", "nominatim", "--geocoder-url", free_port_url())
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "stays unresolved" in run.stderr
    (record,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert {t["name"]: t["source"] for t in record["toponyms"]} == {"Zorvanka": None, "Kharkiv": "gazetteer"}


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--geocoder-url", "http://127.0.0.1:9"], "--geocoder-url is for --geocoder nominatim"),
        (["--user-agent", "me"], "--user-agent is for --geocoder nominatim"),
        (["--geocoder", "nominatim", "--workers", "2"], "one process"),
        (["--geocoder", "nominatim", "--geocoder-url", "127.0.0.1:9"], "http(s) address"),
        (["--geocoder", "google"], "invalid choice"),
    ],
)
def test_cli_bad_geocoder_settings_are_explained(tmp_path, flags, message):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    run = run_cli("extract", str(article), *flags)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


# -- the output: exports and the map ------------------------------------------


def placed_record(source: str | None) -> dict:
    """A record of one strike at a made-up village, its place from `source` (None: a record from before sources)."""
    place = {
        "name": "Zorvanka",
        "mention": "Zorvanka",
        "lat": 48.621,
        "lon": 37.512,
        "geonameid": None,
        "country_code": "UA",
        "kind": "city",
        "id": "osm:node/9",
        "admin1": None,
        "start": 10,
        "end": 18,
    }
    if source is not None:
        place["source"] = source
    event = {
        "event_type": "strike",
        "subtype": None,
        "status": "reported",
        "date": "2025-05-02",
        "reported": None,
        "counts": {},
        "confidence": 0.7,
        "sentence": "Drones hit Zorvanka.",
        "start": 0,
        "end": 20,
        "trigger": "hit",
        "place": place,
    }
    return {
        "doc_id": "d",
        "text_hash": "h",
        "date": None,
        "title": None,
        "url": None,
        "toponyms": [],
        "events": [event],
    }


@pytest.mark.parametrize(
    ("source", "shown"), [("nominatim", "nominatim"), ("gazetteer", "gazetteer"), (None, "gazetteer")]
)
def test_features_and_the_map_say_who_placed_the_event(source, shown):
    from maps.event_layer import FIELDS, event_table
    from maps.features import collection, event_features, place_features

    events = list(event_features([placed_record(source)]))
    assert events[0]["properties"]["place_source"] == shown
    assert place_features(events)[0]["properties"]["place_source"] == shown
    (row,) = event_table(collection(events)).rows
    assert row[FIELDS.index("source")] == shown  # the popup says "placed online" unless it is the gazetteer
