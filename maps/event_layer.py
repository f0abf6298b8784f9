"""Events as one compact column table for the page, whose script (static/events.js) draws them.

One folium object per marker would make a 100,000-event page enormous and slow,
so the page carries one table in columns (a column of few distinct values as a
dictionary and codes) and a script that clusters what is in view, draws region
events as outlines with a count, filters by type, date, confidence and text
together and builds each popup only when it is opened, from DOM text nodes:
nothing an article says is ever parsed as markup.
"""

from __future__ import annotations

import calendar
import datetime
import logging
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import shapely
from jinja2 import Template
from shapely.geometry import shape

from geo.record import GAZETTEER

from .assets import PageElement, script_json
from .basemap import compact
from .style import TypeStyle

log = logging.getLogger("geoevents")

OutlineFor = Callable[[str], "shapely.Geometry | None"]

# Kinds of place that are areas rather than points: their outline is shaded.
REGION_KINDS = frozenset({"region", "country", "sea"})
# The order of each event's values in the page's table; the script reads them by name.
FIELDS = (
    "type",
    "lat",
    "lon",
    "size",
    "from",
    "to",
    "when",
    "status",
    "subtype",
    "place",
    "place_id",
    "admin1",
    "country",
    "counts",
    "casualties",
    "sentence",
    "mark",
    "docs",
    "confidence",
    "outline",
    "source",
)
MIN_SIZE, MAX_SIZE = 14, 44


def marker_size(weight: int) -> int:
    """Marker width in pixels: its area grows with the weight (square-root scale), within readable bounds."""
    return round(min(MAX_SIZE, MIN_SIZE + 4 * math.sqrt(max(weight, 0))))


def date_span(
    date: str | None, precision: str | None, reported: str | None = None
) -> tuple[str | None, str | None, str | None]:
    """The first and last day an event may fall on, and its date as a reader should see it.

    "2024-03-01" with precision month spans all of March, so a date filter on
    March 10-20 keeps it rather than dropping what the article left vague. An
    event the article does not date is placed on the day it was reported, as
    maps.features.EventFilter does, and shown as such.
    """
    day = _day(date)
    if day is None or date is None:
        return (reported, reported, f"reported {reported}") if _day(reported) else (None, None, None)
    if precision == "week":
        return date, (day + datetime.timedelta(days=6)).isoformat(), f"week of {date}"
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return date, day.replace(day=last).isoformat(), date[:7]
    if precision == "year":
        return date, day.replace(month=12, day=31).isoformat(), date[:4]
    return date, date, date


def _day(text: Any) -> datetime.date | None:
    """The date "YYYY-MM-DD" names; None for anything else (the page compares dates as such strings)."""
    try:
        return datetime.date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
    except ValueError:
        return None


def utf16_mark(sentence: str, mark: Any) -> list[int] | None:
    """A [start, end) span of Python string offsets as the UTF-16 offsets JavaScript slices by."""
    if not (isinstance(mark, (list, tuple)) and len(mark) == 2 and all(type(x) is int for x in mark)):
        return None
    start, end = mark
    if not 0 <= start < end <= len(sentence):
        return None
    return [len(sentence[:i].encode("utf-16-le")) // 2 for i in (start, end)]


def safe_url(url: Any) -> str | None:
    """The url if a click on it can only open a web page (no javascript: or data: links)."""
    return url if isinstance(url, str) and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if type(v) is int and v >= 0}


def _point(feature: Any) -> tuple[float, float] | None:
    """(lat, lon) of a Point feature with finite, in-range coordinates."""
    geometry = feature.get("geometry") if isinstance(feature, Mapping) else None
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        return None
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, (list, tuple)):
        return None
    try:
        lon, lat = (float(c) for c in coordinates[:2])
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@dataclass
class EventTable:
    """What the page's script needs, in the order FIELDS gives; documents and outlines stored once."""

    rows: list[list] = field(default_factory=list)
    docs: list[list] = field(default_factory=list)
    outlines: dict[str, dict] = field(default_factory=dict)
    anchors: dict[str, list[float]] = field(default_factory=dict)  # where an area's count stands: [lat, lon]
    skipped: int = 0
    _doc_index: dict[str, int] = field(default_factory=dict, repr=False)

    def doc(self, doc_id: str, title: Any = None, url: Any = None) -> int:
        """The index of a document in `docs`, adding it (or a title or url it lacked) as needed."""
        index = self._doc_index.get(doc_id)
        if index is None:
            index = self._doc_index[doc_id] = len(self.docs)
            self.docs.append([doc_id, None, None])
        entry = self.docs[index]
        if entry[1] is None and isinstance(title, str) and title.strip():
            entry[1] = title
        if entry[2] is None and url:
            entry[2] = safe_url(url)
        return index

    @property
    def types(self) -> list[str]:
        return sorted({row[0] for row in self.rows})

    def bounds(self) -> list[list[float]] | None:
        """South-west and north-east corners around where most events are, for the first view.

        Events farther from the median event than 1.5 times the distance within
        which nine in ten lie are left out, so that one stray event (a misread
        place across the ocean) does not pull the view out to the world.
        """
        if not self.rows:
            return None
        points = [(r[1], r[2]) for r in self.rows]
        if len(points) >= 5:
            mid_lat = sorted(p[0] for p in points)[len(points) // 2]
            mid_lon = sorted(p[1] for p in points)[len(points) // 2]
            shrink = math.cos(math.radians(mid_lat))
            dist = [math.hypot(lat - mid_lat, (lon - mid_lon) * shrink) for lat, lon in points]
            reach = 1.5 * sorted(dist)[int(0.9 * (len(dist) - 1))] + 0.5
            points = [p for p, d in zip(points, dist) if d <= reach]
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return [[min(lats), min(lons)], [max(lats), max(lons)]]


def event_table(collection: Mapping, outline_for: OutlineFor | None = None) -> EventTable:
    """The events of a GeoJSON FeatureCollection as table rows; features without a usable point are skipped."""
    table = EventTable()
    shapes: dict[str, dict | None] = {}
    for feature in collection.get("features") or []:
        point = _point(feature)
        props = feature.get("properties") if point else None
        if point is None or not isinstance(props, Mapping):
            table.skipped += 1
            continue
        lat, lon = point
        start, end, when = date_span(props.get("date"), props.get("date_precision"), props.get("reported"))
        counts = _counts(props.get("counts"))
        casualties = counts.get("killed", 0) + counts.get("injured", 0)
        sources = [s for s in props.get("sources") or [] if isinstance(s, Mapping) and s.get("doc_id")]
        sentence = str(props.get("sentence") or "")
        first = sources[0] if sources else {}
        mark = utf16_mark(sentence, first.get("mark")) if first.get("sentence") == sentence else None
        docs = [table.doc(str(s["doc_id"]), s.get("title"), s.get("url")) for s in sources]
        docs += [i for i in (table.doc(str(d)) for d in props.get("doc_ids") or []) if i not in docs]
        place_id = props.get("place_id")
        outline = None
        if props.get("place_kind") in REGION_KINDS and place_id:
            if place_id not in shapes:
                shapes[place_id] = _outline(props.get("outline"), place_id, outline_for)
            outline = place_id if shapes[place_id] else None
        confidence = props.get("confidence")
        table.rows.append(
            [
                str(props.get("event_type") or "other"),
                round(lat, 5),
                round(lon, 5),
                marker_size(casualties or len(docs)),
                start,
                end,
                when,
                str(props.get("status") or "reported"),
                props.get("subtype") or None,
                str(props.get("place") or ""),
                place_id,
                props.get("admin1") or None,
                props.get("country_code") or None,
                counts,
                casualties,
                sentence,
                mark,
                docs,
                round(confidence, 2) if isinstance(confidence, (int, float)) and math.isfinite(confidence) else None,
                outline,
                str(props.get("place_source") or GAZETTEER),
            ]
        )
    table.outlines = {k: v for k, v in shapes.items() if v}
    bounds = table.bounds()
    table.anchors = {k: _anchor(v, bounds) for k, v in table.outlines.items()}
    if table.skipped:
        log.warning("map: skipped %d features without a valid point geometry and properties", table.skipped)
    return table


def _anchor(outline: dict, bounds: list[list[float]] | None) -> list[float]:
    """Where an area's count is drawn: inside the area, on its side nearest where most events are.

    A country's centre can lie thousands of kilometres from its events (Russia's
    is in Siberia), and a centroid may lie outside the area altogether.
    """
    area = shape(outline)
    if bounds is not None:
        (south, west), (north, east) = bounds
        centre = shapely.Point((west + east) / 2, (south + north) / 2)
        reach = area.distance(centre) + 0.5  # degrees: the area's part within half a degree of its nearest edge
        near = area.intersection(centre.buffer(reach))
        if not near.is_empty and near.area > 0:
            area = near
    if isinstance(area, (shapely.MultiPolygon, shapely.GeometryCollection)):
        area = max(area.geoms, key=lambda g: g.area)
    point = area.representative_point()
    return [round(point.y, 4), round(point.x, 4)]


def _outline(given: Any, place_id: str, outline_for: OutlineFor | None) -> dict | None:
    """The compact GeoJSON outline of a region: the feature's own, else the callback's; None if unusable."""
    try:
        geometry = shape(given) if given else (outline_for(place_id) if outline_for else None)
        return compact(geometry, 0.01, 0.001) if geometry is not None else None
    except (AttributeError, TypeError, ValueError, shapely.errors.ShapelyError) as e:
        log.warning("map: no outline drawn for %s: %s", place_id, e)
        return None


# Columns of numbers that seldom repeat: kept as plain lists. The others are text, lists or
# tables, where a dictionary of distinct values saves much (types, places, dates, shared sentences).
PLAIN = frozenset({"lat", "lon", "size", "casualties", "confidence"})
_TEXT = frozenset({"type", "from", "to", "when", "status", "subtype", "place", "place_id", "admin1", "country",
                   "sentence", "outline", "source"})  # fmt: skip


def columns(rows: list[list]) -> dict[str, Any]:
    """FIELDS as columns: a list, or {"values": distinct values, "codes": an index per row} when that is smaller."""
    out: dict[str, Any] = {}
    for i, name in enumerate(FIELDS):
        column = [row[i] for row in rows]
        if name in PLAIN:
            out[name] = column
            continue
        index: dict[Any, int] = {}
        # Text and None are their own keys; a list's or table's text stands for it.
        keys = column if name in _TEXT else [None if v is None else repr(v) for v in column]
        codes = [index.setdefault(k, len(index)) for k in keys]
        if len(index) <= len(column) // 2:
            values: list[Any] = [None] * len(index)
            for v, code in zip(column, codes):
                values[code] = v
            out[name] = {"values": values, "codes": codes}
        else:
            out[name] = column
    return out


class EventLayer(PageElement):
    """The events' table in the page and the call that hands it to the page's script (static/events.js).

    In the page the script's state is `window.geoevents`: what the panel, the
    list, the timeline and the tests read (`shown`, `stats`, `drawn`) and the
    filters they set (`setRange`, `setUndated`, `setType`, `setMinConfidence`,
    `setQuery`).
    """

    _template = Template("""
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.get_name() }}_data">{{ this.data }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = geoeventsPage.events({{ this._parent.get_name() }},
                JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent));
        {% endmacro %}
    """)

    def __init__(self, table: EventTable, styles: Mapping[str, TypeStyle], title: str) -> None:
        super().__init__()
        self._name = "EventLayer"
        totals = Counter(row[0] for row in table.rows)
        self.data = script_json(
            {
                "title": title,
                "fields": FIELDS,
                "n": len(table.rows),
                "columns": columns(table.rows),
                "docs": table.docs,
                "outlines": table.outlines,
                "anchors": table.anchors,
                "bounds": table.bounds(),
                "types": [
                    {"id": s.id, "label": s.label, "colour": s.colour, "svg": s.svg(), "count": totals[s.id]}
                    for s in styles.values()
                    if s.id in totals
                ],
            }
        )
