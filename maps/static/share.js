/* What leaves the page: the events shown, exported as GeoJSON or CSV, and the permalink that keeps
   the view, the filters and the open event in the URL's "#", so a copied link (also of a local file)
   reopens the same state. */
"use strict";

var geoeventsPage = window.geoeventsPage || {};
window.geoeventsPage = geoeventsPage;

/** Sets `events.exportText(kind)` and returns `download(kind)`, which saves that text as a file. */
geoeventsPage.exporter = function (events) {
    const F = events.fields;
    function record(i) {
        return {id: i, event_type: F.type[i], subtype: F.subtype[i], status: F.status[i], place: F.place[i],
                place_id: F.place_id[i], place_source: F.source[i], admin1: F.admin1[i], country_code: F.country[i],
                from: F.from[i], to: F.to[i],
                when: F.when[i], counts: F.counts[i], casualties: F.casualties[i], confidence: F.confidence[i],
                sentence: F.sentence[i], sources: F.docs[i].map(d => ({doc_id: events.docs[d][0],
                    title: events.docs[d][1], url: events.docs[d][2]}))};
    }
    function csvCell(value) {
        let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
        if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // a spreadsheet must not run it as a formula
        return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    /** The filtered events in view as a GeoJSON FeatureCollection ("geojson") or CSV ("csv"). */
    events.exportText = function (kind) {
        const shown = events.inView(Infinity).events.map(record);
        if (kind === "csv") {
            const columns = ["id", "event_type", "subtype", "status", "place", "place_id", "place_source", "admin1",
                             "country_code", "lat", "lon", "from", "to", "when", "casualties", "counts", "confidence",
                             "sentence", "sources"];
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
    return function download(kind) {
        const blob = new Blob([events.exportText(kind)], {type: kind === "csv" ? "text/csv" : "application/geo+json"});
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "geoevents." + kind;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    };
};

/** The URL's "#" kept in step with the state: `restore()` reads it once, `start()` then writes every change. */
geoeventsPage.permalink = function (events, base) {
    const map = events.map, DAY = /^\d{4}-\d{2}-\d{2}$/;
    let started = false, saving = null;
    function save() {
        if (!started) return;
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
            if (base() === "online") p.set("base", "online");
            history.replaceState(null, "", "#" + p.toString());
        }, 150);
    }
    /** Sets the filters and the view the "#" holds (filters run later, once); returns the open event's id. */
    function restore() {
        const p = new URLSearchParams(location.hash.slice(1));
        const off = new Set((p.get("off") || "").split(","));
        for (const t of events.types) if (off.has(t.id) && events.active(t.id)) events.setType(t.id, false);
        events.undated = p.get("undated") !== "0";
        events.minConfidence = Math.max(0, Math.min(1, Number(p.get("conf")) || 0));
        events.query = p.get("q") || "";
        let from = DAY.test(p.get("from") || "") ? p.get("from") : null;
        let to = DAY.test(p.get("to") || "") ? p.get("to") : null;
        if (from && to && from > to) [from, to] = [to, from];
        events.from = from;
        events.to = to;
        const view = (p.get("map") || "").split("/").map(Number);
        if (view.length === 3 && view.every(isFinite)) map.setView([view[1], view[2]], view[0], {animate: false});
        else events.fit();
        if (p.get("base") === "online") geoeventsPage.useBase("online");
        return p.get("event");
    }
    return {save: save, restore: restore, start: () => { started = true; save(); }};
};
