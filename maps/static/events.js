/* The events: filters, clusters of what is in view, region events as outlines with a count, popups.

   The page's table comes in columns (maps/event_layer.py). Filters (types, dates, undated, minimum
   confidence, text) are applied in one pass over typed arrays; the points in view are then grouped
   in a grid of screen cells, so 100,000 events cost one pass per change and a few hundred DOM
   markers, not 100,000 Leaflet layers. Popups are built from DOM text nodes when opened: nothing an
   article says is ever parsed as markup. The state lives in `window.geoevents`. */
"use strict";

var geoeventsPage = window.geoeventsPage || {};
window.geoeventsPage = geoeventsPage;

geoeventsPage.events = function (map, data) {
    const timings = geoeventsPage.timings || {};
    timings.events = performance.now();
    const n = data.n, F = {};
    for (const name of data.fields) {
        const c = data.columns[name];
        F[name] = Array.isArray(c) ? c : c.codes.map(k => c.values[k]);
    }
    timings.columns = performance.now();
    const types = data.types, style = {}, typeIndex = {};
    types.forEach((t, k) => { style[t.id] = t; typeIndex[t.id] = k; });
    const CELL = 56, MAX_ZOOM = map.getMaxZoom(), HOLLOW = new Set(["planned", "hypothetical"]);

    // -- the table as typed arrays ------------------------------------------------------------
    const dayCache = new Map();
    function day(iso) {
        if (iso === null || iso === undefined) return NaN;
        let d = dayCache.get(iso);
        if (d === undefined) {
            d = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
            dayCache.set(iso, d);
        }
        return d;
    }
    function iso(d) { return new Date(d * 864e5).toISOString().slice(0, 10); }
    const type = new Uint8Array(n), from = new Float64Array(n), to = new Float64Array(n);
    const x = new Float64Array(n), y = new Float64Array(n), conf = new Float64Array(n);
    const area = new Int32Array(n), areaKeys = [], areaIndex = new Map();
    for (let i = 0; i < n; i++) {
        type[i] = typeIndex[F.type[i]];
        from[i] = day(F.from[i]);
        to[i] = day(F.to[i]);
        conf[i] = F.confidence[i] === null ? 1 : F.confidence[i];
        const key = F.outline[i];
        let lat = F.lat[i], lon = F.lon[i];
        if (key !== null) {
            if (!areaIndex.has(key)) { areaIndex.set(key, areaKeys.length); areaKeys.push(key); }
            area[i] = areaIndex.get(key);
            [lat, lon] = data.anchors[key];
        } else area[i] = -1;
        // Web Mercator in [0, 1): a point's pixel at zoom z is this times 256 * 2^z.
        const s = Math.sin(Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180);
        x[i] = (lon + 180) / 360;
        y[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }
    timings.arrays = performance.now();
    const dated = [];
    for (let i = 0; i < n; i++) if (!isNaN(from[i])) dated.push(i);
    // Newest first: the order of the list (undated events last).
    const order = Array.from({length: n}, (_, i) => i).sort((a, b) =>
        (isNaN(to[b]) ? -Infinity : to[b]) - (isNaN(to[a]) ? -Infinity : to[a]) || a - b);
    timings.sorted = performance.now();
    const rank = new Int32Array(n);
    order.forEach((i, k) => { rank[i] = k; });
    let firstDay = Infinity, lastDay = -Infinity;
    for (const i of dated) { firstDay = Math.min(firstDay, from[i]); lastDay = Math.max(lastDay, to[i]); }
    // The timeline's span leaves out a stray early or late date (one in a hundred at most) rather than
    // stretching months of events into a sliver; the ends of the range stay open, so none is lost.
    // (One in a hundred, or one in ten to a hundred events.)
    let lo = firstDay, hi = lastDay;
    if (dated.length >= 10) {
        const starts = Float64Array.from(dated, i => from[i]).sort(), ends = Float64Array.from(dated, i => to[i]).sort();
        const cut = Math.max(1, Math.floor(dated.length * 0.01));
        const a = starts[cut], b = ends[ends.length - 1 - cut];
        if (b - a < 0.5 * (lastDay - firstDay)) { lo = a; hi = b; }
    }

    function latLng(i) { return area[i] >= 0 ? data.anchors[areaKeys[area[i]]] : [F.lat[i], F.lon[i]]; }

    // -- drawing helpers ----------------------------------------------------------------------
    function svg(t, size, hollow) {
        return '<svg class="' + (hollow ? "ge-hollow" : "ge-solid") + '" width="' + size + '" height="' + size
            + '" viewBox="0 0 20 20" aria-hidden="true">' + style[t].svg + "</svg>";
    }
    function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined && text !== null) node.textContent = text;
        return node;
    }
    function swatch(i, size) {
        const s = el("span", "ge-swatch");
        s.innerHTML = svg(F.type[i], size, HOLLOW.has(F.status[i]));
        return s;
    }
    function countsText(i) {
        return Object.entries(F.counts[i] || {}).map(([name, k]) => name + " " + k).join(", ");
    }
    function words(text, most) {
        const all = String(text || "").split(/\s+/);
        return all.slice(0, most).join(" ") + (all.length > most ? " \u2026" : "");
    }

    function popupContent(i) {
        const box = el("div", "ge-popup");
        box.dataset.eventId = i;
        const head = el("div", "ge-type");
        head.append(swatch(i, 12), style[F.type[i]].label + (F.subtype[i] ? " \u2014 " + F.subtype[i] : ""));
        box.append(head, el("div", "ge-place", F.place[i]));
        const where = [F.admin1[i], F.country[i]].filter(v => v && v !== F.place[i]).join(", ");
        if (where) box.append(el("div", "ge-where", where));
        const facts = el("div", "ge-facts", F.when[i] || "date unknown");
        const counts = countsText(i);
        if (counts) facts.append(" \u00b7 " + counts);
        if (F.confidence[i] !== null) facts.append(" \u00b7 confidence " + F.confidence[i]);
        box.append(facts);
        if (F.status[i] !== "reported") box.append(el("div", "ge-status", F.status[i]));
        if (area[i] >= 0) box.append(el("div", "ge-status", "somewhere in this area: no nearer place given"));
        if (F.source[i] !== "gazetteer") box.append(el("div", "ge-status", "placed online (" + F.source[i] + ")"));
        const s = F.sentence[i], m = F.mark[i];
        if (s) {
            const quote = el("blockquote", "ge-evidence");
            if (m) quote.append(s.slice(0, m[0]), el("mark", null, s.slice(m[0], m[1])), s.slice(m[1]));
            else quote.append(s);
            box.append(quote);
        }
        if (F.docs[i].length) {
            const list = el("ol", "ge-sources");
            for (const d of F.docs[i]) {
                const [id, title, url] = data.docs[d];
                const item = el("li");
                if (url && /^https?:/i.test(url)) {
                    const link = el("a", null, title || id);
                    link.href = url;
                    link.target = "_blank";
                    link.rel = "noopener noreferrer";
                    item.append(link);
                } else item.append(title || id);
                list.append(item);
            }
            box.append(list);
        }
        return box;
    }

    // A popup listing several events (a region's, or those at one spot): each opens its own.
    function listContent(members, heading) {
        const box = el("div", "ge-popup ge-many");
        box.append(el("div", "ge-place", heading));
        const list = el("ol", "ge-members");
        const newest = members.slice().sort((a, b) => rank[a] - rank[b]);
        for (const i of newest.slice(0, 40)) {
            const item = el("li");
            const button = el("button", "ge-member");
            button.type = "button";
            button.append(swatch(i, 11), (F.when[i] || "undated") + " \u00b7 " + words(F.sentence[i], 10));
            button.addEventListener("click", () => api.openEvent(i, false));
            item.append(button);
            list.append(item);
        }
        box.append(list);
        if (members.length > 40) box.append(el("div", "ge-facts", "and " + (members.length - 40) + " more: zoom in or filter"));
        return box;
    }

    // Popups stay clear of the controls on the map and within the screen, on a phone as well.
    function popupOptions() {
        const box = map.getContainer(), size = map.getSize();
        const corner = name => box.querySelector(".leaflet-" + name);
        const tl = corner("top.leaflet-left"), tr = corner("top.leaflet-right");
        const bl = corner("bottom.leaflet-left"), br = corner("bottom.leaflet-right");
        const left = tl.offsetWidth + 6, top = Math.max(tl.offsetHeight, tr.offsetHeight) + 6;
        const bottom = Math.max(bl.offsetHeight, br.offsetHeight) + 6;
        return {maxWidth: Math.max(160, Math.min(380, size.x - left - 12 - 50)), minWidth: Math.min(220, size.x - 120),
                maxHeight: Math.max(120, size.y - top - bottom - 70), autoPanPaddingTopLeft: [left, top],
                autoPanPaddingBottomRight: [12, bottom], className: "ge-popup-box"};
    }
    function openPopup(latlng, content, eventId) {
        const popup = L.popup(popupOptions()).setLatLng(latlng).setContent(content);
        popup.eventId = eventId;
        popup.openOn(map);
        return popup;
    }

    // -- state and filters --------------------------------------------------------------------
    const on = types.map(() => true), keep = new Uint8Array(n);
    let haystack = null;
    const api = {
        map: map, total: n, types: types, docs: data.docs, svg: svg, style: style, fields: F, latLng: latLng, day: day, iso: iso,
        first: isFinite(firstDay) ? iso(firstDay) : null, last: isFinite(lastDay) ? iso(lastDay) : null,
        lo: isFinite(lo) ? iso(lo) : null, hi: isFinite(hi) ? iso(hi) : null,
        from: null, to: null, undated: true, minConfidence: 0, query: "",
        undatedTotal: n - dated.length, shown: 0, onScreen: 0, stats: null, histogram: null,
        openId: null, timings: timings, drawn: false, drawnAt: null, listeners: [], viewListeners: [],
        words: words, countsText: countsText, swatch: swatch, hollow: i => HOLLOW.has(F.status[i]),
    };

    function matches(i, q) {
        if (!haystack) {
            haystack = new Array(n);
            for (let k = 0; k < n; k++) {
                haystack[k] = [F.place[k], F.admin1[k], F.country[k], F.subtype[k], style[F.type[k]].label,
                               F.sentence[k]].filter(Boolean).join(" \u0001 ").toLowerCase();
            }
        }
        return haystack[i].includes(q);
    }

    // One pass: what each filter keeps, the counts per type (whatever the type toggles say), the
    // histogram (whatever the dates say) and the most affected places.
    function update() {
        const started = performance.now();
        const f = api.from === null ? -Infinity : day(api.from), t = api.to === null ? Infinity : day(api.to);
        const q = api.query.trim().toLowerCase(), minConf = api.minConfidence;
        const perType = {}, places = new Map();
        for (const tp of types) perType[tp.id] = 0;
        const bins = isFinite(lo) ? Math.max(1, hi - lo + 1) : 0;
        const hist = types.map(() => new Float64Array(bins));
        let shown = 0;
        for (let i = 0; i < n; i++) {
            keep[i] = 0;
            if (conf[i] < minConf || (q && !matches(i, q))) continue;
            const k = type[i], undated = isNaN(from[i]);
            if (on[k] && !undated) hist[k][Math.max(0, Math.min(bins - 1, from[i] - lo))]++;
            if (undated ? !api.undated : (to[i] < f || from[i] > t)) continue;
            perType[types[k].id]++;
            if (!on[k]) continue;
            keep[i] = 1;
            shown++;
            const key = F.place_id[i] || F.place[i];
            let p = places.get(key);
            if (!p) places.set(key, p = {place: F.place[i], country: F.country[i], events: 0, casualties: 0});
            p.events++;
            p.casualties += F.casualties[i];
        }
        api.shown = shown;
        api.histogram = {lo: api.lo, bins: bins, counts: hist};
        api.stats = {perType: perType, places: Array.from(places.values())
            .sort((a, b) => b.casualties - a.casualties || b.events - a.events).slice(0, 5)};
        timings.filtered = performance.now() - started;
        drawAreas();
        timings.areas = performance.now() - started;
        redraw();
        timings.redrawn = performance.now() - started;
        api.listeners.forEach(listener => listener(api));
        timings.update = performance.now() - started;
    }

    // -- what is in view ----------------------------------------------------------------------
    const pointLayer = L.layerGroup().addTo(map), areaLayer = L.layerGroup().addTo(map);
    const markerIcons = new Map();
    function markerIcon(i) {
        const key = F.type[i] + " " + F.size[i] + " " + api.hollow(i);
        if (!markerIcons.has(key)) {
            markerIcons.set(key, L.divIcon({className: "ge-marker", iconSize: [F.size[i], F.size[i]],
                                            html: svg(F.type[i], F.size[i], api.hollow(i))}));
        }
        return markerIcons.get(key);
    }
    function clusterIcon(c) {
        const size = Math.round(30 + 7 * Math.log10(c.n)), r = 15.9155, total = c.n;
        let offset = 25, ring = "";
        c.byType.forEach((k, t) => {
            if (!k) return;
            const share = 100 * k / total;
            ring += '<circle r="' + r + '" cx="21" cy="21" fill="none" stroke="' + types[t].colour
                + '" stroke-width="6" stroke-dasharray="' + share + " " + (100 - share)
                + '" stroke-dashoffset="' + offset + '"/>';
            offset -= share;
        });
        const html = '<svg viewBox="0 0 42 42" width="' + size + '" height="' + size + '" aria-hidden="true">'
            + '<circle r="13" cx="21" cy="21" fill="#fff" fill-opacity="0.92"/>' + ring + "</svg>"
            + '<span class="ge-n">' + total.toLocaleString("en") + "</span>"
            + (c.cas ? '<span class="ge-cas" title="killed or injured">' + c.cas.toLocaleString("en") + "</span>" : "");
        return L.divIcon({className: "ge-cluster", iconSize: [size, size], html: html});
    }

    // An area's outline is made once and only added or taken away as filters change: projecting
    // a country's border again at every change would cost more than all the rest of a filter pass.
    const outlines = new Map(), outlineLayer = L.layerGroup().addTo(map), areaRenderer = L.canvas({padding: 0.3});
    function drawAreas() {
        areaLayer.clearLayers();
        const groups = new Map();
        for (let i = 0; i < n; i++) {
            if (!keep[i] || area[i] < 0) continue;
            let g = groups.get(area[i]);
            if (!g) groups.set(area[i], g = {members: [], byType: new Int32Array(types.length)});
            g.members.push(i);
            g.byType[type[i]]++;
        }
        const lit = new Set();
        for (const [a, g] of groups) {
            const key = areaKeys[a], main = types[g.byType.indexOf(Math.max(...g.byType))];
            if (!outlines.has(key)) {
                outlines.set(key, {colour: null, layer: L.geoJSON(data.outlines[key], {interactive: false,
                    renderer: areaRenderer, style: {weight: 1.5, dashArray: "5 4", fill: false, opacity: 0.8}})});
            }
            const outline = outlines.get(key);
            if (outline.colour !== main.colour) outline.layer.setStyle({color: outline.colour = main.colour});
            if (!outlineLayer.hasLayer(outline.layer)) outlineLayer.addLayer(outline.layer);
            lit.add(outline.layer);
            const first = g.members[0], name = F.place[first];
            const badge = el("span", "ge-area-n", g.members.length.toLocaleString("en"));
            badge.style.borderColor = main.colour;
            const marker = L.marker(data.anchors[key], {title: name + ": " + g.members.length + " events in the area",
                icon: L.divIcon({className: "ge-area", iconSize: null, html: badge.outerHTML}), riseOnHover: true});
            marker.on("click", () => openPopup(data.anchors[key], listContent(g.members,
                name + ": " + g.members.length + (g.members.length === 1 ? " event" : " events") + " in the area"), null));
            marker.on("add", () => { marker.getElement().dataset.count = g.members.length; });
            areaLayer.addLayer(marker);
        }
        for (const {layer} of outlines.values()) if (!lit.has(layer)) outlineLayer.removeLayer(layer);
    }

    // Groups in neighbouring cells whose centres came close are one: the largest takes in the others.
    function merged(cells) {
        const out = [], taken = new Set();
        for (const c of Array.from(cells.values()).sort((a, b) => b.n - a.n)) {
            if (taken.has(c.key)) continue;
            taken.add(c.key);
            for (const dx of [-1, 0, 1]) {
                for (const dy of [-1, 0, 1]) {
                    const other = cells.get(c.key + dx * 1e7 + dy);
                    if (!other || taken.has(other.key)) continue;
                    const gap = Math.hypot(c.sx / c.n - other.sx / other.n, c.sy / c.n - other.sy / other.n);
                    if (gap >= CELL * 0.75) continue;
                    taken.add(other.key);
                    c.n += other.n;
                    c.sx += other.sx;
                    c.sy += other.sy;
                    c.cas += other.cas;
                    other.byType.forEach((k, t) => { c.byType[t] += k; });
                    for (const i of other.members) c.members.push(i);
                }
            }
            out.push(c);
        }
        return out;
    }

    // Points in view grouped by screen cell; a lone event is its own marker.
    let drawing = 0;
    function redraw() {
        pointLayer.clearLayers();
        const z = map.getZoom(), scale = 256 * Math.pow(2, z);
        const view = map.getPixelBounds(), pad = CELL * 2;
        const x0 = view.min.x - pad, x1 = view.max.x + pad, y0 = view.min.y - pad, y1 = view.max.y + pad;
        const cells = new Map();
        let onScreen = 0;
        for (let i = 0; i < n; i++) {
            if (!keep[i] || area[i] >= 0) continue;
            const px = x[i] * scale, py = y[i] * scale;
            if (px < x0 || px > x1 || py < y0 || py > y1) continue;
            onScreen++;
            const key = Math.floor(px / CELL) * 1e7 + Math.floor(py / CELL);
            let c = cells.get(key);
            if (!c) cells.set(key, c = {key: key, n: 0, sx: 0, sy: 0, cas: 0, byType: new Int32Array(types.length), members: []});
            c.n++;
            c.sx += px;
            c.sy += py;
            c.cas += F.casualties[i];
            c.byType[type[i]]++;
            c.members.push(i);
        }
        for (const c of merged(cells)) {
            if (c.n === 1) {
                const i = c.members[0];
                const marker = L.marker([F.lat[i], F.lon[i]], {icon: markerIcon(i), title: F.place[i], riseOnHover: true});
                marker.on("click", () => api.openEvent(i, false));
                marker.on("add", () => {
                    const node = marker.getElement();
                    node.dataset.count = 1;
                    node.dataset.eventId = i;
                });
                pointLayer.addLayer(marker);
                continue;
            }
            const at = map.unproject([c.sx / c.n, c.sy / c.n], z);
            const marker = L.marker(at, {icon: clusterIcon(c), riseOnHover: true,
                title: c.n + " events" + (c.cas ? ", " + c.cas + " killed or injured" : "")});
            marker.on("add", () => { marker.getElement().dataset.count = c.n; });
            marker.on("click", () => {
                const b = L.latLngBounds(c.members.map(i => [F.lat[i], F.lon[i]]));
                const spot = b.getNorthEast().equals(b.getSouthWest(), 1e-4);
                if (spot || z >= MAX_ZOOM) openPopup(at, listContent(c.members, c.n + " events at " + F.place[c.members[0]]
                    + (spot ? "" : " and nearby")), null);
                else map.fitBounds(b.pad(0.1), {maxZoom: Math.min(MAX_ZOOM, z + 4)});
            });
            pointLayer.addLayer(marker);
        }
        api.onScreen = onScreen;
        api.viewListeners.forEach(listener => listener(api));
        api.drawn = false;
        if (!api.stats) return;  // the filters have not run yet: nothing is drawn
        const pending = ++drawing;
        requestAnimationFrame(() => setTimeout(() => {
            if (pending !== drawing) return;
            api.drawn = true;
            if (api.drawnAt === null) api.drawnAt = performance.now();
        }));
    }

    /** The filtered events in view, newest first: up to `most`, and how many there are. */
    api.inView = function (most) {
        const b = map.getBounds(), out = [];
        let count = 0;
        for (const i of order) {
            if (!keep[i]) continue;
            const p = latLng(i);
            if (!b.contains(p)) continue;
            if (count++ < most) out.push(i);
        }
        return {events: out, count: count};
    };
    /** Every filtered event (what an export of "all filtered" would hold), newest first. */
    api.kept = () => order.filter(i => keep[i]);

    api.openEvent = function (i, fly) {
        i = Number(i);
        if (!(i >= 0 && i < n)) return;
        const at = latLng(i), zoom = Math.max(map.getZoom(), area[i] >= 0 ? 6 : 9);
        const show = () => { const p = openPopup(at, popupContent(i), i); api.openId = i; return p; };
        if (fly && (zoom !== map.getZoom() || !map.getBounds().pad(-0.1).contains(at))) {
            map.once("moveend", () => setTimeout(show));
            map.flyTo(at, zoom, {duration: 0.6});
        } else show();
    };
    map.on("popupclose", e => { if (e.popup.eventId === api.openId) api.openId = null; api.changed(); });
    map.on("popupopen", () => api.changed());
    document.addEventListener("keydown", e => { if (e.key === "Escape") map.closePopup(); });

    api.active = id => on[typeIndex[id]];
    api.setType = (id, show) => { on[typeIndex[id]] = Boolean(show); update(); };
    api.setRange = (a, b) => {
        a = a || null;
        b = b || null;
        if (a && b && a > b) [a, b] = [b, a];
        api.from = a && api.first && a <= api.first ? null : a;
        api.to = b && api.last && b >= api.last ? null : b;
        update();
    };
    api.setUndated = show => { api.undated = Boolean(show); update(); };
    api.setMinConfidence = v => { api.minConfidence = Math.max(0, Math.min(1, Number(v) || 0)); update(); };
    api.setQuery = q => { api.query = String(q || ""); update(); };
    api.onUpdate = listener => { api.listeners.push(listener); if (api.stats) listener(api); };
    api.onView = listener => { api.viewListeners.push(listener); };
    api.changed = () => api.viewListeners.forEach(listener => listener(api));
    api.update = update;

    api.fit = function () {
        if (!data.bounds) return map.setView([30, 10], 2);
        map.fitBounds(data.bounds, {padding: [24, 24], maxZoom: 8, animate: false});
    };
    map.on("moveend", redraw);
    window.geoevents = api;
    return api;
};
