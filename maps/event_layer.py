"""Events as one compact JSON table, and the script that draws, filters and explains them.

One folium object per marker would make a 100,000-event page enormous and slow,
so the page carries a single table (one array per event, field names once) and
a script that makes the markers, clusters them, shades region outlines, filters
by type and date together and builds each popup only when it is opened, from
DOM text nodes: nothing an article says is ever parsed as markup.
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

from .assets import PageElement, script_json
from .basemap import compact
from .controls import LayersControl
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
    if day is None:
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
        """South-west and north-east corners around every event, for the first view."""
        if not self.rows:
            return None
        lats, lons = [r[1] for r in self.rows], [r[2] for r in self.rows]
        return [[min(lats), min(lons)], [max(lats), max(lons)]]


def event_table(collection: Mapping, outline_for: OutlineFor | None = None) -> EventTable:
    """The events of a GeoJSON FeatureCollection as table rows; features without a usable point are skipped."""
    table = EventTable()
    shapes: dict[str, dict | None] = {}
    for feature in collection.get("features") or []:
        point = _point(feature)
        props = feature.get("properties") if point else None
        if not isinstance(props, Mapping):
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
            ]
        )
    table.outlines = {k: v for k, v in shapes.items() if v}
    if table.skipped:
        log.warning("map: skipped %d features without a valid point geometry and properties", table.skipped)
    return table


def _outline(given: Any, place_id: str, outline_for: OutlineFor | None) -> dict | None:
    """The compact GeoJSON outline of a region: the feature's own, else the callback's; None if unusable."""
    try:
        geometry = shape(given) if given else (outline_for(place_id) if outline_for else None)
        return compact(geometry, 0.01, 0.001) if geometry is not None else None
    except (AttributeError, TypeError, ValueError, shapely.errors.ShapelyError) as e:
        log.warning("map: no outline drawn for %s: %s", place_id, e)
        return None


class EventLayer(PageElement):
    """Clustered event markers, one toggleable overlay per type, and shaded region outlines.

    In the page it is `window.geoevents`: the state the filter panel and tests
    read (`shown`, `stats`, `drawn`) and the filters they set (`setRange`,
    `setUndated`; type overlays through the layer control).
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .ge-marker { background: none; border: none; }
                .leaflet-container .marker-cluster { background-color: rgba(40, 48, 60, 0.22); }
                .leaflet-container .marker-cluster div { background-color: rgba(40, 48, 60, 0.78); color: #fff;
                                                         font-weight: 600; }
                .ge-marker svg, .ge-swatch svg { display: block; overflow: visible; }
                .ge-swatch { display: inline-block; vertical-align: -2px; margin-right: 4px; }
                .ge-popup { font: 13px/1.4 system-ui, sans-serif; }
                .ge-popup .ge-type { font-weight: 600; }
                .ge-popup .ge-place { font-size: 15px; font-weight: 600; margin-top: 2px; }
                .ge-popup .ge-where, .ge-popup .ge-facts { color: #555; }
                .ge-popup .ge-status { color: #b35c00; font-weight: 600; }
                .ge-popup blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; }
                .ge-popup mark { background: #ffe27a; padding: 0 1px; }
                .ge-popup ol { margin: 4px 0 0; padding-left: 18px; }
            </style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.get_name() }}_data">{{ this.data }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                const map = {{ this._parent.get_name() }};
                const control = {{ this.control.get_name() }};
                const data = JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent);
                const F = Object.fromEntries(data.fields.map((name, i) => [name, i]));
                const style = Object.fromEntries(data.types.map(t => [t.id, t]));
                const rows = data.rows;

                function svg(type, size) {
                    return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 20 20">'
                        + style[type].svg + "</svg>";
                }
                function escape(text) {
                    const span = document.createElement("span");
                    span.textContent = text;
                    return span.innerHTML;
                }
                function el(tag, className, text) {
                    const node = document.createElement(tag);
                    if (className) node.className = className;
                    if (text !== undefined && text !== null) node.textContent = text;
                    return node;
                }

                const icons = new Map();
                function icon(type, size) {
                    const key = type + " " + size;
                    if (!icons.has(key)) {
                        icons.set(key, L.divIcon({className: "ge-marker", iconSize: [size, size],
                                                  popupAnchor: [0, -size / 2], html: svg(type, size)}));
                    }
                    return icons.get(key);
                }

                function popup(r) {
                    const box = el("div", "ge-popup");
                    const head = el("div", "ge-type");
                    const swatch = el("span", "ge-swatch");
                    swatch.innerHTML = svg(r[F.type], 12);
                    head.append(swatch, style[r[F.type]].label + (r[F.subtype] ? " \u2014 " + r[F.subtype] : ""));
                    box.append(head, el("div", "ge-place", r[F.place]));
                    const where = [r[F.admin1], r[F.country]].filter(x => x && x !== r[F.place]).join(", ");
                    if (where) box.append(el("div", "ge-where", where));
                    const facts = el("div", "ge-facts", r[F.when] || "date unknown");
                    const counts = Object.entries(r[F.counts]).map(([name, n]) => name + " " + n).join(", ");
                    if (counts) facts.append(" \u00b7 " + counts);
                    if (r[F.confidence] !== null) facts.append(" \u00b7 confidence " + r[F.confidence]);
                    box.append(facts);
                    if (r[F.status] !== "reported") box.append(el("div", "ge-status", r[F.status]));
                    if (r[F.sentence]) {
                        const quote = el("blockquote", "ge-evidence");
                        const s = r[F.sentence], m = r[F.mark];
                        if (m) quote.append(s.slice(0, m[0]), el("mark", null, s.slice(m[0], m[1])), s.slice(m[1]));
                        else quote.append(s);
                        box.append(quote);
                    }
                    if (r[F.docs].length) {
                        const list = el("ol", "ge-sources");
                        for (const i of r[F.docs]) {
                            const [id, title, url] = data.docs[i];
                            const item = el("li");
                            if (url && /^https?:/i.test(url)) {
                                const link = el("a", null, title || id);
                                link.href = url;
                                link.target = "_blank";
                                link.rel = "noopener noreferrer";
                                item.append(link);
                            } else {
                                item.append(title || id);
                            }
                            list.append(item);
                        }
                        box.append(list);
                    }
                    return box;
                }

                const markers = rows.map(r => L.marker([r[F.lat], r[F.lon]],
                        {icon: icon(r[F.type], r[F.size]), title: r[F.place]})
                    .bindPopup(() => popup(r), {maxWidth: 380}));
                // Markers are added in slices (chunkedLoading) so that 100,000 keep the page responsive;
                // a filter change while a slice is pending waits for it ("again"), then applies.
                let busy = false, again = false;
                const clusters = L.markerClusterGroup({
                    showCoverageOnHover: false, maxClusterRadius: 40, spiderfyDistanceMultiplier: 1.5,
                    chunkedLoading: true, chunkDelay: 1,
                    chunkProgress: (done, total) => { if (done === total) setTimeout(drawn); }}).addTo(map);

                const groups = {}, on = {};
                for (const t of data.types) {
                    groups[t.id] = L.layerGroup().addTo(map);
                    on[t.id] = true;
                    control.addOverlay(groups[t.id], '<span class="ge-swatch">' + svg(t.id, 14) + "</span>"
                        + escape(t.label) + ' <span class="ge-total">(' + t.count + ")</span>");
                }
                map.on("overlayadd overlayremove", e => {
                    const t = data.types.find(t => groups[t.id] === e.layer);
                    if (t) {
                        on[t.id] = e.type === "overlayadd";
                        update();
                    }
                });

                const shades = new Map();
                function shade(type, placeId) {
                    const key = type + " " + placeId;
                    if (!shades.has(key)) {
                        const colour = style[type].colour;
                        shades.set(key, {type: type, layer: L.geoJSON(data.outlines[placeId], {interactive: false,
                            style: {color: colour, weight: 1, fillColor: colour, fillOpacity: 0.15}})});
                    }
                    return shades.get(key);
                }

                const api = {map: map, total: rows.length, undatedTotal: rows.filter(r => r[F.from] === null).length,
                             types: data.types, svg: svg, first: data.first, last: data.last,
                             from: data.first, to: data.last, undated: true, shown: 0, stats: null,
                             drawn: false, drawnAt: null, listeners: []};
                const onMap = new Uint8Array(rows.length);

                function inRange(r) {
                    if (r[F.from] === null) return api.undated;
                    return (!api.from || r[F.to] >= api.from) && (!api.to || r[F.from] <= api.to);
                }

                // Show what the filters let through: only the markers that change are moved, unless
                // most go, when starting afresh is cheaper for the cluster index.
                function update() {
                    if (busy) {
                        again = true;
                        return;
                    }
                    const visible = [], add = [], remove = [], perType = {}, places = new Map(), lit = new Set();
                    for (const t of data.types) perType[t.id] = 0;
                    rows.forEach((r, i) => {
                        const dated = inRange(r), wanted = dated && on[r[F.type]];
                        if (dated) perType[r[F.type]]++;
                        if (wanted !== Boolean(onMap[i])) (wanted ? add : remove).push(i);
                        if (!wanted) return;
                        visible.push(i);
                        const key = r[F.place_id] || r[F.place];
                        const place = places.get(key) || {place: r[F.place], country: r[F.country],
                                                          events: 0, casualties: 0};
                        place.events++;
                        place.casualties += r[F.casualties];
                        places.set(key, place);
                        if (r[F.outline] !== null) lit.add(shade(r[F.type], r[F.outline]));
                    });
                    busy = true;
                    api.drawn = false;
                    let fresh = add;
                    if (remove.length > api.shown / 2) {
                        clusters.clearLayers();
                        onMap.fill(0);
                        fresh = visible;
                    } else {
                        clusters.removeLayers(remove.map(i => markers[i]));
                        for (const i of remove) onMap[i] = 0;
                    }
                    for (const i of fresh) onMap[i] = 1;
                    clusters.addLayers(fresh.map(i => markers[i]));
                    for (const s of shades.values()) {
                        if (lit.has(s)) groups[s.type].addLayer(s.layer);
                        else groups[s.type].removeLayer(s.layer);
                    }
                    api.shown = visible.length;
                    api.stats = {perType: perType, places: Array.from(places.values())
                        .sort((a, b) => b.casualties - a.casualties || b.events - a.events).slice(0, 5)};
                    api.listeners.forEach(listener => listener(api));
                }

                // The last slice is in: apply a filter change that came meanwhile, or say the map is drawn.
                function drawn() {
                    busy = false;
                    if (again) {
                        again = false;
                        return update();
                    }
                    requestAnimationFrame(() => setTimeout(() => {
                        if (busy) return;
                        api.drawn = true;
                        api.drawnAt = performance.now();
                    }));
                }

                api.active = type => on[type];
                api.setRange = (from, to) => { api.from = from; api.to = to; update(); };
                api.setUndated = show => { api.undated = show; update(); };
                api.onUpdate = listener => { api.listeners.push(listener); if (api.stats) listener(api); };

                // Fit once every control is on the map, leaving the corners they cover free.
                function fit() {
                    if (!data.bounds) return map.setView([30, 10], 2);
                    const side = corner => map.getContainer().querySelector(corner).offsetWidth + 10;
                    let left = side(".leaflet-bottom.leaflet-left"), right = side(".leaflet-top.leaflet-right");
                    if (left + right > map.getSize().x * 0.6) left = right = 20;
                    map.fitBounds(data.bounds, {paddingTopLeft: [left, 30], paddingBottomRight: [right, 30],
                                                maxZoom: 7, animate: false});
                }
                setTimeout(() => { fit(); update(); });
                window.geoevents = api;
                return api;
            })();
        {% endmacro %}
    """)

    def __init__(self, table: EventTable, styles: Mapping[str, TypeStyle], control: LayersControl) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.control = control
        totals = Counter(row[0] for row in table.rows)
        dates = [d for row in table.rows for d in (row[4], row[5]) if d]
        self.data = script_json(
            {
                "fields": FIELDS,
                "rows": table.rows,
                "docs": table.docs,
                "outlines": table.outlines,
                "bounds": table.bounds(),
                "first": min(dates, default=None),
                "last": max(dates, default=None),
                "types": [
                    {"id": s.id, "label": s.label, "colour": s.colour, "svg": s.svg(), "count": totals[s.id]}
                    for s in styles.values()
                    if s.id in totals
                ],
            }
        )
