/* The offline basemap: country outlines, admin-1 borders, rivers, lakes and place names chosen
   by population for each zoom level, a scale bar, and OpenStreetMap tiles as an opt-in online
   layer that says so when it cannot load. Every name is set as text, never parsed as markup. */
"use strict";

var geoeventsPage = window.geoeventsPage || {};
window.geoeventsPage = geoeventsPage;
// Milliseconds since navigation at each step of building the page, for benchmarks/map_bench.py.
geoeventsPage.timings = {scripts: performance.now()};

geoeventsPage.basemap = function (map, opts) {
    geoeventsPage.timings.basemap = performance.now();
    const ref = opts.reference;
    map.createPane("basemap").style.zIndex = 150;
    map.createPane("reference").style.zIndex = 160;
    map.createPane("labels").style.zIndex = 450;
    map.getPane("labels").style.pointerEvents = "none";

    const outlines = L.geoJSON(opts.outlines, {
        pane: "basemap", interactive: false, attribution: opts.credit, renderer: L.canvas({pane: "basemap"}),
        style: {color: "#a59d90", weight: 0.7, fillColor: "#f6f3ec", fillOpacity: 1}});
    const refRenderer = L.canvas({pane: "reference", padding: 0.2});
    // Layers are made when first shown: most maps open at a zoom that needs few of them.
    const borders = {minZoom: 5, make: () => L.geoJSON({type: "FeatureCollection", features: ref.borders.map(
        g => ({type: "Feature", properties: {}, geometry: g}))}, {
        pane: "reference", interactive: false, renderer: refRenderer,
        style: {color: "#a89fae", weight: 0.7, dashArray: "3 3", fill: false}})};
    // Rivers and lakes, one layer per kind and the zoom from which Natural Earth shows them.
    const waters = new Map();
    for (const [kind, list] of [["river", ref.rivers], ["lake", ref.lakes]]) {
        for (const [, minZoom, geometry] of list) {
            const key = kind + minZoom;
            if (!waters.has(key)) waters.set(key, {kind: kind, minZoom: minZoom, features: []});
            waters.get(key).features.push({type: "Feature", properties: {}, geometry: geometry});
        }
    }
    for (const w of waters.values()) {
        w.make = () => L.geoJSON({type: "FeatureCollection", features: w.features}, {
            pane: "reference", interactive: false, renderer: refRenderer,
            style: w.kind === "river" ? {color: "#7fb0d6", weight: w.minZoom <= 3 ? 1.6 : 1, fill: false}
                : {color: "#7fb0d6", weight: 0.6, fillColor: "#bcd8ec", fillOpacity: 1}});
        w.minZoom -= 1;  // shown a zoom level early: the page has no tiles to fill the view otherwise
    }

    // Place names: the most populous first, each kept only where it overlaps no name already placed.
    const places = ref.places, labels = L.layerGroup();
    function placeLabels() {
        labels.clearLayers();
        const z = map.getZoom(), view = map.getBounds(), size = map.getSize(), taken = [];
        const least = z <= 3 ? 3e6 : z <= 5 ? 5e5 : z <= 6 ? 2e5 : z <= 7 ? 8e4 : z <= 8 ? 3e4 : 0;
        const most = 160;
        for (let i = 0; i < places.name.length && taken.length < most; i++) {
            if (places.population[i] < least) break;
            const lat = places.lat[i], lon = places.lon[i];
            if (!view.contains([lat, lon])) continue;
            const p = map.latLngToContainerPoint([lat, lon]), name = places.name[i];
            const big = places.population[i] >= 1e6;
            const w = name.length * (big ? 7.2 : 6.4) + 8, h = big ? 16 : 14;
            const box = [p.x - w / 2, p.y - h - 2, p.x + w / 2, p.y + 4];
            if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) continue;  // no name cut in half
            if (taken.some(b => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
            taken.push(box);
            const text = document.createElement("span");
            text.textContent = name;
            const marker = L.marker([lat, lon], {pane: "labels", interactive: false, keyboard: false,
                icon: L.divIcon({className: "geoevents-label" + (big ? " ge-big" : ""), iconSize: null,
                                 html: text.outerHTML})});
            labels.addLayer(marker);
        }
    }

    const offline = L.layerGroup([outlines]);
    function showWaters() {
        const z = map.getZoom(), offlineOn = map.hasLayer(offline);
        for (const w of [...waters.values(), borders]) {
            if (w.minZoom <= z && offlineOn) offline.addLayer(w.layer = w.layer || w.make());
            else if (w.layer) offline.removeLayer(w.layer);
        }
        if (offlineOn) placeLabels();
        else labels.clearLayers();
    }
    offline.addTo(map);
    labels.addTo(map);
    map.on("zoomend moveend", showWaters);
    map.whenReady(showWaters);

    const notice = L.control({position: "topright"});
    notice.onAdd = function () {
        const box = L.DomUtil.create("div", "ge-notice");
        box.setAttribute("role", "status");
        box.textContent = "Online tiles could not be loaded (no network?): showing the offline map.";
        return box;
    };
    const tiles = L.tileLayer(opts.tiles, {maxZoom: 19, attribution: opts.tilesCredit});
    let failed = false;
    tiles.on("tileerror", () => {
        if (failed) return;
        failed = true;
        notice.addTo(map);
        setTimeout(() => map.removeControl(notice), 8000);
        useBase("offline");
    });

    /** Switch between the offline map ("offline") and OpenStreetMap ("online"). */
    function useBase(name) {
        if (name === "online") {
            failed = false;
            map.removeLayer(offline);
            tiles.addTo(map);
        } else {
            map.removeLayer(tiles);
            offline.addTo(map);
        }
        showWaters();
        map.fire("geoevents:base", {base: name});
    }
    L.control.scale({position: "bottomright", imperial: false, maxWidth: 120}).addTo(map);
    geoeventsPage.useBase = useBase;
    geoeventsPage.places = places;
    geoeventsPage.timings.basemapDone = performance.now();
    return {useBase: useBase};
};
