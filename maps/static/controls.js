/* The controls around the map: the filter panel (types with their counts, confidence, undated events,
   base map, key, export, most affected places), the event list beside the map (a bottom sheet on a
   phone), the timeline below it, search, and the permalink that keeps the view and filters in the
   URL's "#". Everything reads and sets the one state in `window.geoevents`, so they always agree. */
"use strict";

var geoeventsPage = window.geoeventsPage || {};
window.geoeventsPage = geoeventsPage;

geoeventsPage.controls = function (events) {
    events.timings.controls = performance.now();
    const map = events.map, F = events.fields;
    const phone = () => window.matchMedia("(max-width: 599px)").matches;
    function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined && text !== null) node.textContent = text;
        return node;
    }
    function quiet(node) {
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
    }

    // -- the page's layout: panel | map | list, the timeline under the map -------------------------
    const app = el("div", "ge-app");
    app.id = "ge-app";
    const mapBox = map.getContainer();
    mapBox.parentNode.insertBefore(app, mapBox);
    const panel = el("aside", "ge-panel"), list = el("section", "ge-list"), timeline = el("footer", "ge-timeline");
    panel.setAttribute("aria-label", "Filters");
    list.setAttribute("aria-label", "Events in view");
    app.append(panel, mapBox, timeline, list);
    map.invalidateSize({pan: false});

    // -- the panel ---------------------------------------------------------------------------------
    const title = el("h1", null, document.title);
    const close = el("button", "ge-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close filters");
    close.addEventListener("click", () => panel.classList.remove("ge-open"));
    const shownLine = el("div", "ge-shown");
    const typeBox = el("div", "ge-types");
    const typeRows = {};
    for (const t of events.types) {
        const label = el("label", "ge-type-row");
        label.dataset.type = t.id;
        const box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.addEventListener("change", () => events.setType(t.id, box.checked));
        const swatch = el("span", "ge-swatch");
        swatch.innerHTML = events.svg(t.id, 14, false);
        const count = el("span", "ge-n");
        label.append(box, swatch, el("span", "ge-label", t.label), count);
        typeBox.append(label);
        typeRows[t.id] = {label: label, box: box, count: count};
    }
    const confLabel = el("label", "ge-conf");
    const conf = el("input");
    conf.type = "range";
    conf.min = "0";
    conf.max = "1";
    conf.step = "0.05";
    conf.value = "0";
    conf.setAttribute("data-min-confidence", "");
    conf.setAttribute("aria-label", "Minimum confidence");
    const confValue = el("output", null, "0");
    confLabel.append("Confidence at least ", confValue, conf);
    conf.addEventListener("input", () => { confValue.textContent = conf.value; events.setMinConfidence(conf.value); });
    const undatedLabel = el("label", "ge-check");
    const undated = el("input");
    undated.type = "checkbox";
    undated.checked = true;
    undated.className = "ge-undated";
    undatedLabel.append(undated, " undated events (" + events.undatedTotal + ")");
    undated.addEventListener("change", () => events.setUndated(undated.checked));
    if (!events.undatedTotal) undatedLabel.hidden = true;

    const baseBox = el("div", "ge-base");
    for (const [value, text] of [["offline", "Offline map"], ["online", "OpenStreetMap (online)"]]) {
        const label = el("label", "ge-check"), radio = el("input");
        radio.type = "radio";
        radio.name = "ge-base";
        radio.value = value;
        radio.checked = value === "offline";
        radio.addEventListener("change", () => geoeventsPage.useBase(value));
        label.append(radio, " " + text);
        baseBox.append(label);
    }
    map.on("geoevents:base", e => {
        for (const radio of baseBox.querySelectorAll("input")) radio.checked = radio.value === e.base;
        save();
    });

    const key = el("div", "ge-key");
    const sizes = el("div", "ge-sizes");
    for (const [size, text] of [[18, "1"], [27, "10"], [44, "50+"]]) {
        const s = el("span", "ge-size");
        s.innerHTML = '<svg width="' + size + '" height="' + size + '" viewBox="0 0 20 20" aria-hidden="true">'
            + '<circle cx="10" cy="10" r="8" fill="#888" fill-opacity="0.5" stroke="#555"/></svg>';
        s.append(text);
        sizes.append(s);
    }
    key.append(el("h2", null, "Key"), sizes,
               el("p", null, "Size: killed and injured, or the number of reports when none are counted."),
               el("p", "ge-key-hollow", "Hollow: planned or hypothetical."),
               el("p", "ge-key-ring", "Ring: the types in a group; red figure: killed or injured."),
               el("p", "ge-key-area", "Dashed outline and count: events placed only at region or country level."));

    const exportBox = el("div", "ge-export");
    for (const [kind, text] of [["geojson", "GeoJSON"], ["csv", "CSV"]]) {
        const button = el("button", null, "Export " + text);
        button.type = "button";
        button.dataset.export = kind;
        button.title = "The events shown in view, with the filters applied";
        button.addEventListener("click", () => download(kind));
        exportBox.append(button);
    }
    const places = el("ol", "ge-places");
    panel.append(close, title, shownLine, el("h2", null, "Types"), typeBox, confLabel, undatedLabel,
                 el("h2", null, "Base map"), baseBox, key, el("h2", null, "Export"), exportBox,
                 el("h2", null, "Most affected places"), places);
    quiet(panel);

    const toggle = L.control({position: "topright"});
    toggle.onAdd = function () {
        const button = L.DomUtil.create("button", "ge-toggle");
        button.type = "button";
        button.textContent = "Filters";
        button.setAttribute("aria-label", "Show filters");
        L.DomEvent.on(button, "click", e => { L.DomEvent.stop(e); panel.classList.toggle("ge-open"); });
        return button;
    };
    toggle.addTo(map);

    // -- the event list ----------------------------------------------------------------------------
    const head = el("div", "ge-list-head");
    const search = el("input", "ge-search");
    search.type = "search";
    search.placeholder = "Search places and events";
    search.setAttribute("aria-label", "Search places and events");
    const suggestions = el("ul", "ge-suggest");
    const count = el("button", "ge-count");
    count.type = "button";
    count.setAttribute("aria-expanded", "false");
    count.addEventListener("click", () => {
        const open = list.classList.toggle("ge-open");
        count.setAttribute("aria-expanded", String(open));
    });
    head.append(count, search, suggestions);
    const entries = el("ol", "ge-entries");
    entries.setAttribute("data-event-list", "");
    const more = el("button", "ge-more", "Show more");
    more.type = "button";
    list.append(head, entries, more);
    quiet(list);
    let most = 100;
    more.addEventListener("click", () => { most += 100; renderList(); });

    function entry(i) {
        const item = el("li", "ge-entry");
        item.dataset.eventId = i;
        item.tabIndex = 0;
        item.setAttribute("role", "button");
        const top = el("div", "ge-entry-top");
        top.append(events.swatch(i, 13), el("strong", null, F.place[i]), el("span", "ge-when", F.when[i] || "undated"));
        item.append(top);
        const facts = [events.style[F.type[i]].label + (F.subtype[i] ? " \u2014 " + F.subtype[i] : ""),
                       events.countsText(i), F.status[i] !== "reported" ? F.status[i] : ""].filter(Boolean);
        item.append(el("div", "ge-entry-facts", facts.join(" \u00b7 ")));
        if (F.sentence[i]) item.append(el("div", "ge-snippet", events.words(F.sentence[i], 14)));
        if (i === events.openId) item.setAttribute("aria-current", "true");
        return item;
    }
    function openFromList(item) {
        if (phone()) {
            list.classList.remove("ge-open");
            count.setAttribute("aria-expanded", "false");
        }
        events.openEvent(item.dataset.eventId, true);
    }
    entries.addEventListener("click", e => {
        const item = e.target.closest("[data-event-id]");
        if (item) openFromList(item);
    });
    entries.addEventListener("keydown", e => {
        const item = e.target.closest("[data-event-id]");
        if (!item) return;
        if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            openFromList(item);
        } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const next = e.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
            if (next) next.focus();
        }
    });
    let listQueued = false;
    function renderList() {
        if (listQueued) return;
        listQueued = true;
        requestAnimationFrame(() => {
            listQueued = false;
            const view = events.inView(most);
            entries.replaceChildren(...view.events.map(entry));
            count.textContent = view.count.toLocaleString("en") + (view.count === 1 ? " event" : " events") + " in view";
            more.hidden = view.count <= view.events.length;
            list.dataset.count = view.count;
        });
    }

    // Search: the text filters the events; matching place names (from the reference layer and the
    // events) are offered to fly to.
    let typing = null;
    search.addEventListener("input", () => {
        clearTimeout(typing);
        typing = setTimeout(() => { events.setQuery(search.value); suggest(search.value); }, 150);
    });
    search.addEventListener("keydown", e => {
        if (e.key === "Enter" && suggestions.firstChild) suggestions.firstChild.firstChild.click();
    });
    function suggest(text) {
        suggestions.replaceChildren();
        const q = text.trim().toLowerCase();
        if (q.length < 2) return;
        const found = new Map(), ref = geoeventsPage.places || {name: []};
        for (let i = 0; i < ref.name.length && found.size < 6; i++) {
            const name = ref.name[i];
            if (name.toLowerCase().startsWith(q) && !found.has(name)) found.set(name, [ref.lat[i], ref.lon[i], 9]);
        }
        for (let i = 0; i < events.total && found.size < 8; i++) {
            const name = F.place[i];
            if (name && name.toLowerCase().startsWith(q) && !found.has(name)) found.set(name, events.latLng(i).concat([8]));
        }
        for (const [name, [lat, lon, zoom]] of found) {
            const item = el("li"), button = el("button", null, "Go to " + name);
            button.type = "button";
            button.addEventListener("click", () => {
                suggestions.replaceChildren();
                map.flyTo([lat, lon], zoom, {duration: 0.6});
            });
            item.append(button);
            suggestions.append(item);
        }
    }

    // -- the timeline ------------------------------------------------------------------------------
    timeline.setAttribute("data-timeline", "");
    timeline.setAttribute("aria-label", "Timeline");
    const play = el("button", "ge-play", "\u25b6");
    play.type = "button";
    play.setAttribute("aria-label", "Play: step through the days");
    const fromInput = el("input", "ge-from"), toInput = el("input", "ge-to");
    for (const input of [fromInput, toInput]) {
        input.type = "date";
        input.min = events.first || "";
        input.max = events.last || "";
        input.addEventListener("change", () => events.setRange(fromInput.value, toInput.value));
    }
    fromInput.setAttribute("aria-label", "From");
    toInput.setAttribute("aria-label", "To");
    const chart = el("div", "ge-chart"), canvas = el("canvas"), selection = el("div", "ge-sel");
    const reset = el("button", "ge-reset", "All dates");
    reset.type = "button";
    reset.addEventListener("click", () => events.setRange(null, null));
    chart.append(canvas, selection);
    const rangeText = el("div", "ge-range");
    timeline.append(play, fromInput, chart, toInput, reset, rangeText);
    quiet(timeline);
    if (!events.lo) timeline.classList.add("ge-empty");

    const lo = events.lo ? events.day(events.lo) : 0, hi = events.hi ? events.day(events.hi) : 0, span = hi - lo + 1;
    const dayAt = px => lo + Math.max(0, Math.min(span - 1, Math.floor(px / chart.clientWidth * span)));
    const fromDay = () => (events.from ? Math.max(lo, events.day(events.from)) : lo);
    const toDay = () => (events.to ? Math.min(hi, events.day(events.to)) : hi);
    function setDays(a, b) {
        if (a > b) [a, b] = [b, a];
        events.setRange(a <= lo ? null : events.iso(a), b >= hi ? null : events.iso(b));
    }
    function drawChart() {
        const w = chart.clientWidth, h = chart.clientHeight, ratio = window.devicePixelRatio || 1;
        if (!w || !h) return;
        canvas.width = w * ratio;
        canvas.height = h * ratio;
        const g = canvas.getContext("2d"), hist = events.histogram;
        g.setTransform(ratio, 0, 0, ratio, 0, 0);
        g.clearRect(0, 0, w, h);
        if (!hist || !hist.bins) return;
        const per = Math.max(1, Math.ceil(hist.bins / Math.max(1, w / 3))), buckets = Math.ceil(hist.bins / per);
        const totals = new Float64Array(buckets);
        for (const c of hist.counts) for (let d = 0; d < hist.bins; d++) totals[Math.floor(d / per)] += c[d];
        const top = Math.max(1, ...totals), bw = w / buckets;
        const base = new Float64Array(buckets);
        hist.counts.forEach((c, t) => {
            g.fillStyle = events.types[t].colour;
            for (let b = 0; b < buckets; b++) {
                let k = 0;
                for (let d = b * per; d < Math.min(hist.bins, (b + 1) * per); d++) k += c[d];
                if (!k) continue;
                const bh = k / top * (h - 2);
                g.fillRect(b * bw + 0.5, h - base[b] - bh, Math.max(1, bw - 1), bh);
                base[b] += bh;
            }
        });
        const a = fromDay(), b = toDay();
        selection.style.left = ((a - lo) / span * 100) + "%";
        selection.style.width = ((b - a + 1) / span * 100) + "%";
        selection.hidden = a === lo && b === hi;
        fromInput.value = events.from || events.lo || "";
        toInput.value = events.to || events.hi || "";
        fromInput.max = toInput.value || events.last || "";
        toInput.min = fromInput.value || events.first || "";
        rangeText.textContent = events.from || events.to
            ? (events.from || "start") + " \u2013 " + (events.to || "end") : "all dates";
    }
    // Drag on the chart: near an end of the range moves that end, elsewhere draws a new range.
    let drag = null;
    chart.addEventListener("pointerdown", e => {
        const px = e.clientX - chart.getBoundingClientRect().left, d = dayAt(px), unit = chart.clientWidth / span;
        const a = fromDay(), b = toDay(), ax = (a - lo) * unit, bx = (b - lo + 1) * unit;
        drag = Math.abs(px - ax) < 8 ? {fixed: b} : Math.abs(px - bx) < 8 ? {fixed: a} : {fixed: d};
        chart.setPointerCapture(e.pointerId);
        stop();
        setDays(drag.fixed, d);
    });
    chart.addEventListener("pointermove", e => {
        if (!drag) return;
        const d = dayAt(e.clientX - chart.getBoundingClientRect().left);
        if (drag.last === d) return;
        drag.last = d;
        setDays(drag.fixed, d);
    });
    chart.addEventListener("pointerup", () => { drag = null; });
    let timer = null;
    function stop() {
        clearInterval(timer);
        timer = null;
        play.textContent = "\u25b6";
        play.setAttribute("aria-label", "Play: step through the days");
    }
    play.addEventListener("click", () => {
        if (timer) return stop();
        let a = fromDay(), b = toDay();
        if (a === lo && b === hi || b >= hi) { b = lo + Math.min(6, span - 1); a = lo; }
        const width = b - a;
        setDays(a, b);
        play.textContent = "\u275a\u275a";
        play.setAttribute("aria-label", "Pause");
        timer = setInterval(() => {
            a += 1;
            if (a + width > hi) return stop();
            setDays(a, a + width);
        }, 600);
    });
    new ResizeObserver(drawChart).observe(chart);

    // -- following the state -----------------------------------------------------------------------
    events.onUpdate(() => {
        shownLine.textContent = events.shown.toLocaleString("en") + " of " + events.total.toLocaleString("en")
            + " events shown";
        for (const t of events.types) {
            const row = typeRows[t.id];
            row.count.textContent = events.stats.perType[t.id].toLocaleString("en");
            row.box.checked = events.active(t.id);
            row.label.classList.toggle("ge-off", !events.active(t.id));
        }
        places.replaceChildren(...events.stats.places.map(p => el("li", null,
            p.place + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + (p.events === 1 ? " event" : " events")
            + (p.casualties ? ", " + p.casualties + " killed or injured" : ""))));
        undated.checked = events.undated;
        conf.value = String(events.minConfidence);
        confValue.textContent = String(events.minConfidence);
        drawChart();
        renderList();
        save();
    });
    events.onView(() => { renderList(); save(); });

    // -- export of what is shown -------------------------------------------------------------------
    function record(i) {
        return {id: i, event_type: F.type[i], subtype: F.subtype[i], status: F.status[i], place: F.place[i],
                place_id: F.place_id[i], admin1: F.admin1[i], country_code: F.country[i], from: F.from[i], to: F.to[i],
                when: F.when[i], counts: F.counts[i], casualties: F.casualties[i], confidence: F.confidence[i],
                sentence: F.sentence[i], sources: F.docs[i].map(d => ({doc_id: events.docs[d][0],
                    title: events.docs[d][1], url: events.docs[d][2]}))};
    }
    function csvCell(value) {
        let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
        if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // a spreadsheet must not run it as a formula
        return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    events.exportText = function (kind) {
        const shown = events.inView(Infinity).events.map(record);
        if (kind === "csv") {
            const columns = ["id", "event_type", "subtype", "status", "place", "place_id", "admin1", "country_code",
                             "lat", "lon", "from", "to", "when", "casualties", "counts", "confidence", "sentence", "sources"];
            const rows = shown.map(r => {
                const [lat, lon] = events.latLng(r.id);
                return columns.map(c => csvCell(c === "lat" ? lat : c === "lon" ? lon : r[c])).join(",");
            });
            return [columns.join(","), ...rows].join("\r\n") + "\r\n";
        }
        return JSON.stringify({type: "FeatureCollection", features: shown.map(r => {
            const [lat, lon] = events.latLng(r.id);
            return {type: "Feature", geometry: {type: "Point", coordinates: [lon, lat]}, properties: r};
        })}, null, 1);
    };
    function download(kind) {
        const blob = new Blob([events.exportText(kind)], {type: kind === "csv" ? "text/csv" : "application/geo+json"});
        const link = el("a");
        link.href = URL.createObjectURL(blob);
        link.download = "geoevents." + kind;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }

    // -- the permalink: view, filters and the open event in the URL's "#" -------------------------
    let restoring = true, saving = null;
    function save() {
        if (restoring) return;
        clearTimeout(saving);
        saving = setTimeout(() => {
            const c = map.getCenter(), p = new URLSearchParams();
            p.set("map", map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4));
            const off = events.types.filter(t => !events.active(t.id)).map(t => t.id);
            if (off.length) p.set("off", off.join(","));
            if (events.from) p.set("from", events.from);
            if (events.to) p.set("to", events.to);
            if (!events.undated) p.set("undated", "0");
            if (events.minConfidence) p.set("conf", String(events.minConfidence));
            if (events.query) p.set("q", events.query);
            if (events.openId !== null) p.set("event", String(events.openId));
            if (map.hasLayer && baseBox.querySelector("input:checked").value === "online") p.set("base", "online");
            history.replaceState(null, "", "#" + p.toString());
        }, 150);
    }
    function restore() {
        const p = new URLSearchParams(location.hash.slice(1));
        const off = new Set((p.get("off") || "").split(","));
        for (const t of events.types) if (off.has(t.id)) events.active(t.id) && events.setType(t.id, false);
        events.undated = p.get("undated") !== "0";
        events.minConfidence = Math.max(0, Math.min(1, Number(p.get("conf")) || 0));
        events.query = p.get("q") || "";
        search.value = events.query;
        events.from = p.get("from");
        events.to = p.get("to");
        const view = (p.get("map") || "").split("/").map(Number);
        if (view.length === 3 && view.every(isFinite)) map.setView([view[1], view[2]], view[0], {animate: false});
        else events.fit();
        if (p.get("base") === "online") geoeventsPage.useBase("online");
        return p.get("event");
    }
    map.on("moveend", save);
    events.timings.controlsDone = performance.now();
    setTimeout(() => {
        events.timings.restore = performance.now();
        const open = restore();
        events.update();
        restoring = false;
        if (open !== null && open !== "") events.openEvent(open, false);
        save();
    });
};
