"""Names the offline gazetteer lacks, asked of an online geocoder through geopy: opt-in, never by default.

Like geopy's own geocoders, each backend is one class with the same method:

    geocoder.geocode(name) -> places the name may mean, best first ([] when none)

- `OfflineGeocoder`: the gazetteer itself, the default; nothing leaves the machine.
- `NominatimGeocoder`: OpenStreetMap's Nominatim, or any server speaking its API (`url`, e.g. a
  self-hosted one), through `geopy.geocoders.Nominatim` behind geopy's `RateLimiter` (one request
  a second by default: the public server's usage policy), with a user agent that names the
  application (the policy asks for one) and an on-disk cache, so a name is asked once per server
  ever, "not found" included, and a second run makes no request.

`open_geocoder(settings)` is the one place that chooses. The resolver (geo.text.resolve) asks the
online one only for names the gazetteer has no candidate for: a name it knows never goes online.
An online answer is a `Place` with `source` "nominatim" (ids "osm:node/123"), which the records
carry on. A server that fails (down, timing out, HTTP error, bad JSON) costs a warning and leaves
the name unresolved; after `MAX_FAILURES` failures in a row the run goes on offline.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from .errors import GeoeventsError
from .files import atomic_path
from .normalize import name_key
from .place import Place

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

log = logging.getLogger(__name__)

NOMINATIM_URL = "https://nominatim.openstreetmap.org"
GEOCODERS = ("offline", "nominatim")
LIMIT = 5  # places asked for a name: the document's context chooses among them, as among the gazetteer's
ONLINE_SCORE = 0.8  # a server's full-text match, trusted like a transliterated spelling: below a gazetteer name
MAX_FAILURES = 3  # failed requests in a row before a run stops asking
CACHE_FORMAT = 1

#: Nominatim's `class`/`type` as the gazetteer's kinds. Only these classes are places a text means;
#: a shop, road or building that merely bears the name is not taken (precision first).
_PLACE_TYPES = {
    "country": "country",
    "state": "region",
    "region": "region",
    "province": "region",
    "county": "region",
    "district": "region",
    "continent": "continent",
    "sea": "sea",
    "ocean": "sea",
}
_PLACE_CLASSES = {"place": "city", "boundary": "region", "natural": "physical", "waterway": "physical"}


class GeocoderError(GeoeventsError):
    """Settings of an online geocoder that cannot work (a bad URL, a parallel run)."""


class Geocoder(Protocol):
    """Turns a name into the places it may mean, best first."""

    def geocode(self, name: str) -> list[Place]: ...


@dataclass(frozen=True)
class GeocoderSettings:
    """Which geocoder resolves names the gazetteer lacks; plain data, so a spaCy config can carry it.

    `url` is a Nominatim-compatible server (default: the public one), `user_agent` what the
    requests say they come from (default `geoevents/<version>`), `min_delay` the seconds between
    two requests (the public server's policy: at least 1), `cache` the folder of the answers'
    cache (default: the gazetteer's cache folder).
    """

    name: str = "offline"
    url: str | None = None
    user_agent: str | None = None
    min_delay: float = 1.0
    timeout: float = 10.0
    cache: str | None = None

    @property
    def online(self) -> bool:
        return self.name != "offline"

    def to_config(self) -> dict[str, Any]:
        """As a spaCy component's config section (None values are left out: configs hold no null)."""
        return {k: v for k, v in self.__dict__.items() if v is not None}

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> GeocoderSettings:
        return cls(**dict(config))


OFFLINE = GeocoderSettings()  # the default: the gazetteer alone


class OfflineGeocoder:
    """The gazetteer as a geocoder: its best candidates for the name."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def geocode(self, name: str) -> list[Place]:
        return self.gazetteer.candidates(name)


class NominatimGeocoder:
    """A Nominatim server through geopy, one request per `min_delay` seconds, its answers cached on disk.

    The rate limiter paces this object's requests only; processes do not share it, which is why
    an online geocoder is for one extracting process (see `check`).
    """

    def __init__(self, settings: GeocoderSettings, cache_folder: Path, gazetteer: Gazetteer | None = None) -> None:
        from geopy.adapters import URLLibAdapter
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.url = server_url(settings)
        parts = urlsplit(self.url)
        self.user_agent = settings.user_agent or default_user_agent()
        server = Nominatim(
            domain=parts.netloc + parts.path,
            scheme=parts.scheme,
            user_agent=self.user_agent,
            timeout=settings.timeout,
            adapter_factory=URLLibAdapter,  # the standard library's: no retries of its own, no log lines
        )
        # Errors are not swallowed (a failure must not be cached as "not found") nor retried here
        # (geopy would log each retry with a traceback): a failed name is asked again next run.
        self.limiter = RateLimiter(
            server.geocode, min_delay_seconds=settings.min_delay, max_retries=0, swallow_exceptions=False
        )
        self.cache = AnswerCache(cache_folder / f"nominatim-{hashlib.sha256(self.url.encode()).hexdigest()[:12]}.json")
        self.gazetteer = gazetteer  # codes the answers' admin-1 regions as the gazetteer does
        self.requests = 0
        self.failures = 0
        self.given_up = False

    def geocode(self, name: str) -> list[Place]:
        key = name_key(name)
        if not key:
            return []
        answer = self.cache.get(key)
        if answer is None:
            if self.given_up:
                return []
            answer = self._ask(name)
            if answer is None:
                return []
            self.cache.put(key, answer)
        else:
            log.debug("online, from the cache: %r", name)
        return [self._in_region(p) for p in places(answer)]

    def _in_region(self, place: Place) -> Place:
        """`place` with the gazetteer's code of its region, so that "Zorvanka, Donetsk region" holds it."""
        if self.gazetteer is None or not place.admin1 or not place.country_code or place.kind != "city":
            return place
        regions = self.gazetteer.candidates(place.admin1, country=place.country_code, kind="region", limit=1)
        return place._replace(admin1_code=regions[0].admin1_code) if regions else place

    def _ask(self, name: str) -> list[dict[str, Any]] | None:
        """The server's answer for `name` as stored in the cache, or None when the request failed."""
        from geopy.exc import GeopyError

        if self.requests == 0:
            delay = self.limiter.min_delay_seconds
            log.info("asking %s for the names the gazetteer lacks (one request every %gs at most)", self.url, delay)
        self.requests += 1
        try:
            found = self.limiter(name, exactly_one=False, limit=LIMIT, addressdetails=True, language="en")
        except (GeopyError, ValueError, TypeError, AttributeError) as e:  # geopy parses a malformed answer loosely
            self.failures += 1
            log.warning("online geocoder %s failed for %r (%s); the name stays unresolved", self.url, name, _reason(e))
            if self.failures >= MAX_FAILURES:
                self.given_up = True
                log.warning("online geocoder %s failed %d times in a row: going on offline", self.url, self.failures)
            return None
        self.failures = 0
        answer = [_kept(location.raw) for location in found or () if isinstance(location.raw, dict)]
        log.debug("online: %r -> %s", name, ", ".join(str(a.get("display_name")) for a in answer) or "nothing")
        return answer


class AnswerCache:
    """A server's answers by name key in one JSON file, "not found" ([]) included.

    Loaded once; each new answer is written at once, atomically (a temporary file renamed over the
    old), merged with what another run may have written meanwhile, so an interrupted run keeps
    what it asked. A file that cannot be read is started afresh with a warning.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.answers = self._read()

    def get(self, key: str) -> list[dict[str, Any]] | None:
        return self.answers.get(key)

    def put(self, key: str, answer: list[dict[str, Any]]) -> None:
        self.answers = {**self._read(), **self.answers, key: answer}
        try:
            with atomic_path(self.path) as tmp, open(tmp, "w", encoding="utf-8") as f:
                json.dump({"format": CACHE_FORMAT, "answers": self.answers}, f, ensure_ascii=False)
        except OSError as e:
            log.warning("could not cache online answers in %s (%s); they will be asked again", self.path, e)

    def _read(self) -> dict[str, list[dict[str, Any]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            log.warning("ignoring the online answers' cache %s (%s)", self.path, e)
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != CACHE_FORMAT
            or not isinstance(data.get("answers"), dict)
        ):
            return {}
        return {k: v for k, v in data["answers"].items() if isinstance(v, list)}


def open_geocoder(settings: GeocoderSettings, gazetteer: Gazetteer) -> Geocoder:
    """The geocoder `settings` name; GeocoderError for an unknown name or a bad URL."""
    if settings.name == "offline":
        return OfflineGeocoder(gazetteer)
    if settings.name == "nominatim":
        folder = Path(settings.cache) if settings.cache else gazetteer.cache / "online"
        return NominatimGeocoder(settings, folder, gazetteer)
    raise GeocoderError(f"unknown geocoder {settings.name!r}: one of {', '.join(GEOCODERS)}")


def check(settings: GeocoderSettings, processes: int = 1) -> None:
    """GeocoderError, before any model loads, for settings that cannot work: an unknown geocoder, a
    server address that is no http(s) URL, or an online geocoder in several processes (each would
    pace only itself)."""
    if settings.name not in GEOCODERS:
        raise GeocoderError(f"unknown geocoder {settings.name!r}: one of {', '.join(GEOCODERS)}")
    if not settings.online:
        return
    server_url(settings)
    if processes > 1:
        raise GeocoderError(
            f"--geocoder {settings.name} runs in one process (its rate limit of one request every "
            f"{settings.min_delay:g}s holds per process): use --workers 1 and the local engine"
        )


def server_url(settings: GeocoderSettings) -> str:
    """The server `settings` name, checked: GeocoderError unless an http(s) URL."""
    url = (settings.url or NOMINATIM_URL).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GeocoderError(f"--geocoder-url must be an http(s) address such as {NOMINATIM_URL}, not {url!r}")
    return url


def default_user_agent() -> str:
    """`geoevents/<version>`: Nominatim's policy asks every application to name itself."""
    try:
        return f"geoevents/{version('geoevents')}"
    except PackageNotFoundError:
        return "geoevents"


def places(answer: list[dict[str, Any]]) -> list[Place]:
    """A server's stored answer as places, best first; entries that are no place are left out."""
    found = [p for p in (_place(raw) for raw in answer) if p is not None]
    top = max((p.score for p in found), default=0.0)  # the importance Nominatim ranks by, 0..1
    ranked = [p._replace(score=ONLINE_SCORE * (p.score / top if top else 1.0)) for p in found]
    return sorted(ranked, key=lambda p: -p.score)


def _place(raw: Mapping[str, Any]) -> Place | None:
    lat, lon = _number(raw.get("lat")), _number(raw.get("lon"))
    kind = _PLACE_TYPES.get(str(raw.get("type"))) or _PLACE_CLASSES.get(str(raw.get("class")))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) or kind is None:
        return None
    if raw.get("class") == "boundary" and raw.get("type") != "administrative":
        return None  # protected areas, postal codes: no place a text means by name
    display = str(raw.get("display_name") or "").strip()
    address = raw.get("address")
    if not isinstance(address, dict):
        address = {}
    code = str(address.get("country_code") or "").upper()
    osm = f"osm:{raw['osm_type']}/{raw['osm_id']}" if raw.get("osm_type") and raw.get("osm_id") else None
    return Place(
        id=osm or f"nominatim:{lat:.5f},{lon:.5f}",
        name=display.split(",")[0].strip() or display,
        kind=kind,
        lat=lat,
        lon=lon,
        country_code=code if len(code) == 2 else None,
        admin1=address.get("state") or None,
        score=min(1.0, max(0.0, _number(raw.get("importance")) or 0.0)),  # made relative by `places`
        match="online",
        source="nominatim",
    )


def _kept(raw: dict[str, Any]) -> dict[str, Any]:
    """The fields of a Nominatim result the cache keeps (the rest is licence text and bounding boxes)."""
    fields = ("lat", "lon", "display_name", "osm_type", "osm_id", "class", "type", "importance")
    kept = {k: raw[k] for k in fields if k in raw}
    address = raw.get("address")
    if isinstance(address, dict):
        kept["address"] = {k: address[k] for k in ("country_code", "state") if k in address}
    return kept


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
