"""The page's controls: the layer switcher the layers register with, and the filter and summary panel."""

from __future__ import annotations

from jinja2 import Template

from .assets import PageElement


class LayersControl(PageElement):
    """An open Leaflet layer control; base layers and overlays add themselves to it in the page."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control.layers({}, {}, {collapsed: false, position: "topright"})
                .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "LayersControl"


class FilterPanel(PageElement):
    """Date range, undated events, and a summary: events per type in range, the five most affected places.

    It only sets the event layer's date filter and shows its statistics, so
    the type toggles (layer control), the dates and the clusters always agree.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .ge-panel { background: rgba(255, 255, 255, 0.94); padding: 8px 10px; border-radius: 6px;
                            box-shadow: 0 1px 5px rgba(0, 0, 0, 0.4); font: 12px/1.4 system-ui, sans-serif;
                            max-width: 260px; max-height: calc(100vh - 60px); overflow-y: auto; }
                .ge-panel h1 { font-size: 15px; margin: 0 0 6px; }
                .ge-panel h2 { font-size: 12px; margin: 8px 0 2px; color: #444; }
                .ge-panel label { display: flex; justify-content: space-between; align-items: center;
                                  gap: 6px; margin: 3px 0; }
                .ge-panel label.ge-check { justify-content: flex-start; }
                .ge-panel input[type=date] { font: inherit; width: 140px; }
                .ge-panel table { border-collapse: collapse; width: 100%; }
                .ge-panel td { padding: 1px 2px; }
                .ge-panel td:first-child { width: 16px; }
                .ge-panel td.n { text-align: right; font-variant-numeric: tabular-nums; }
                .ge-panel tr.off { opacity: 0.4; }
                .ge-panel ol { margin: 0; padding-left: 18px; }
                .ge-panel .ge-shown { font-weight: 600; margin-top: 4px; }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function () {
                const events = {{ this.events.get_name() }};
                const panel = L.control({position: "bottomleft"});
                panel.onAdd = function () {
                    const box = L.DomUtil.create("div", "ge-panel");
                    L.DomEvent.disableClickPropagation(box);
                    L.DomEvent.disableScrollPropagation(box);
                    box.innerHTML = '<h1></h1>'
                        + '<label>From <input type="date" class="ge-from"></label>'
                        + '<label>To <input type="date" class="ge-to"></label>'
                        + '<label class="ge-check"><input type="checkbox" class="ge-undated" checked> </label>'
                        + '<button type="button" class="ge-reset">All dates</button>'
                        + '<div class="ge-shown"></div><table class="ge-types"></table>'
                        + '<h2>Most affected places</h2><ol class="ge-places"></ol>';
                    box.querySelector("h1").textContent = {{ this.title|tojson }};
                    const from = box.querySelector(".ge-from"), to = box.querySelector(".ge-to");
                    for (const input of [from, to]) {
                        input.min = events.first || "";
                        input.max = events.last || "";
                        input.addEventListener("change", () => events.setRange(from.value, to.value));
                    }
                    from.value = events.first || "";
                    to.value = events.last || "";
                    const undated = box.querySelector(".ge-undated");
                    if (!events.undatedTotal) undated.parentNode.style.display = "none";
                    undated.parentNode.lastChild.textContent = " undated events (" + events.undatedTotal + ")";
                    undated.addEventListener("change", () => events.setUndated(undated.checked));
                    box.querySelector(".ge-reset").addEventListener("click", () => {
                        from.value = events.first || "";
                        to.value = events.last || "";
                        events.setRange(from.value, to.value);
                    });
                    events.onUpdate(() => show(box));
                    return box;
                };

                function show(box) {
                    box.querySelector(".ge-shown").textContent =
                        events.shown.toLocaleString() + " of " + events.total.toLocaleString() + " events shown";
                    const table = box.querySelector(".ge-types");
                    table.replaceChildren();
                    for (const t of events.types) {
                        const row = table.insertRow();
                        const shape = row.insertCell();
                        shape.innerHTML = events.svg(t.id, 14);
                        row.insertCell().textContent = t.label;
                        const n = row.insertCell();
                        n.className = "n";
                        n.textContent = events.stats.perType[t.id].toLocaleString();
                        row.className = events.active(t.id) ? "" : "off";
                    }
                    const places = box.querySelector(".ge-places");
                    places.replaceChildren();
                    for (const p of events.stats.places) {
                        const item = document.createElement("li");
                        item.textContent = p.place + (p.country ? " (" + p.country + ")" : "") + ": "
                            + p.events + (p.events === 1 ? " event" : " events")
                            + (p.casualties ? ", " + p.casualties + " killed or injured" : "");
                        places.append(item);
                    }
                }
                panel.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
    """)

    def __init__(self, events: PageElement, title: str) -> None:
        super().__init__()
        self._name = "FilterPanel"
        self.events = events
        self.title = title
