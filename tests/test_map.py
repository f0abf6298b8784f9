"""The HTML events map: offline, escaped, and working in a real browser (Debian's Chromium)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import folium
import pytest
from shapely.geometry import box

from maps.assets import SCRIPTS, STATIC, script_json
from maps.basemap import reference
from maps.event_layer import FIELDS, columns, date_span, event_table, marker_size, safe_url, utf16_mark
from maps.render import build_map, save_map
from maps.style import SHAPES, styles

CHROMIUM = Path("/usr/bin/chromium")
XSS = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(2)>",
    "attribute": '" onmouseover="alert(3)',
}
EVIL = " ".join(XSS.values())
TEMPLATE = "{{ 7 * 7 }} {% if true %}jinja{% endif %}"  # folium's templates must not evaluate article text


def event(lon: float, lat: float, **props) -> dict:
    """A feature as geo's event output writes it, with defaults for what a test does not care about."""
    sentence = props.pop("sentence")
    place = props["place"]
    start = sentence.find(place.split()[0])
    source = {
        "doc_id": props.pop("doc_id", "doc-1"),
        "title": props.pop("title", None),
        "url": props.pop("url", None),
        "sentence": sentence,
        "mark": [start, start + len(place.split()[0])] if start >= 0 else None,
    }
    properties = {
        "subtype": None,
        "status": "reported",
        "place_kind": "city",
        "admin1": None,
        "geonameid": None,
        "date_precision": "day",
        "counts": {},
        "doc_ids": [source["doc_id"]],
        "sources": [source],
        "sentence": sentence,
        "confidence": 0.8,
        **props,
    }
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


@pytest.fixture(scope="module")
def collection() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            event(
                2.3488,
                48.8534,
                event_type="diplomacy",
                subtype="talks",
                place="Paris",
                place_id="gn:2988507",
                admin1="Île-de-France",
                country_code="FR",
                geonameid=2988507,
                date="2024-03-01",
                status="planned",
                sentence="The foreign ministers will meet in Paris on Friday.",
                title="Talks in Paris",
                url="https://example.org/paris",
            ),
            event(
                37.3297,
                55.8317,
                event_type="strike",
                subtype="drone",
                place="Krasnogorsk " + EVIL,
                place_id="gn:542420",
                admin1="Moscow Oblast",
                country_code="RU",
                date="2024-03-10",
                counts={"injured": 5},
                doc_id="doc-2",
                title="Drone hits suburb " + EVIL,
                url="javascript:alert(4)",
                sentence="A drone hit Krasnogorsk overnight. " + EVIL,
            ),
            event(
                37.6156,
                55.7522,
                event_type="interception",
                subtype="drone",
                place="Moscow",
                place_id="gn:524901",
                admin1="Moscow",
                country_code="RU",
                date="2024-03-20",
                doc_id="doc-2",
                confidence=0.5,
                sentence="Air defences shot down two drones over Moscow. " + TEMPLATE,
            ),
            event(
                37.8,
                48.0,
                event_type="ground",
                place="Donetsk Oblast",
                place_kind="region",
                place_id="admin1:UA.05",
                country_code="UA",
                date="2024-04-01",
                date_precision="month",
                counts={"killed": 2, "injured": 22},
                doc_id="doc-3",
                sentence="Fighting went on in Donetsk Oblast all month.",
                outline={"type": "Polygon", "coordinates": [[[36, 47], [39, 47], [39, 49.5], [36, 49.5], [36, 47]]]},
            ),
        ],
    }


@pytest.fixture(scope="module")
def page_file(collection: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("map") / "map.html"
    save_map(build_map(collection, title="Events " + EVIL), path)
    return path


@pytest.fixture(scope="module")
def html(page_file: Path) -> str:
    return page_file.read_text(encoding="utf-8")


# -- the page as text ------------------------------------------------------------------------------


def test_page_needs_no_network(html: str):
    assert not re.search(r"<(script|img|iframe)\b[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.IGNORECASE)
    assert "@import" not in html
    # The only web addresses: the optional tile layer and its credit, Leaflet's credit and the
    # articles' links (kept as data for popups), the SVG namespace, a comment in Leaflet's code.
    allowed = (
        "https://tile.openstreetmap.org/",
        "https://www.openstreetmap.org/copyright",
        "https://leafletjs.com",
        "http://www.w3.org/2000/svg",
        "https://bugzilla.mozilla.org/",
        "https://example.org/paris",
    )
    for url in re.findall(r"https?://[^\s\"'<>\\)]+", html):
        assert url.startswith(allowed), url
    assert "L.map(" in html and "geoeventsPage.events" in html  # Leaflet and the page's scripts inlined


def test_article_text_is_never_markup(html: str):
    for text in XSS.values():
        assert text not in html
    assert "alert(4)" not in html  # the javascript: link is dropped, not just escaped
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html  # kept, as JSON data
    assert "<title>Events &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert len(re.findall(r"<script\b", html)) == len(re.findall(r"</script>", html))
    assert TEMPLATE in html


def test_script_json_cannot_end_its_element():
    text = script_json({"a": "</script><!-- x & y \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- x & y \u2028"}
    assert json.loads(script_json(["\ud800"])) == ["?"]


def test_build_map_is_a_folium_map_a_notebook_shows(collection: dict):
    m = build_map(collection)
    assert isinstance(m, folium.Map)
    assert "iframe" in m._repr_html_()


@pytest.mark.parametrize("features", [[], "one"])
def test_zero_and_one_event(collection: dict, features, tmp_path: Path):
    chosen = collection["features"][:1] if features == "one" else []
    save_map(build_map({"type": "FeatureCollection", "features": chosen}), tmp_path / "map.html")
    assert (tmp_path / "map.html").stat().st_size > 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary file left behind


def test_save_map_leaves_the_old_file_when_writing_fails(tmp_path: Path):
    path = tmp_path / "map.html"
    path.write_text("old")
    unwritable = SimpleNamespace(get_root=lambda: SimpleNamespace(render=lambda: "\ud800"))
    with pytest.raises(UnicodeEncodeError):
        save_map(unwritable, path)
    assert path.read_text() == "old" and len(list(tmp_path.iterdir())) == 1


# -- the pieces ------------------------------------------------------------------------------------


def test_dates_span_their_precision():
    assert date_span("2024-02-01", "month") == ("2024-02-01", "2024-02-29", "2024-02")
    assert date_span("2024-03-04", "week") == ("2024-03-04", "2024-03-10", "week of 2024-03-04")
    assert date_span("2023-01-01", "year") == ("2023-01-01", "2023-12-31", "2023")
    assert date_span("2024-03-04", None) == ("2024-03-04", "2024-03-04", "2024-03-04")
    assert date_span(None, None) == (None, None, None)
    assert date_span(None, None, "2024-05-02") == ("2024-05-02", "2024-05-02", "reported 2024-05-02")
    assert date_span("2024-13-45", "day") == (None, None, None) and date_span(20240101, "day")[0] is None


def test_marker_size_grows_by_square_root_within_bounds():
    sizes = [marker_size(n) for n in (0, 1, 4, 16, 10_000)]
    assert sizes == sorted(sizes) and sizes[0] == 14 and sizes[-1] == 44
    assert sizes[3] - sizes[2] == sizes[2] - sizes[0]  # 0 -> 4 -> 16: equal steps


def test_marks_count_javascript_string_units():
    assert utf16_mark("🚀 hit Kyiv", [6, 10]) == [7, 11]
    assert utf16_mark("Kyiv", [2, 9]) is None and utf16_mark("Kyiv", None) is None


def test_only_web_links_are_kept():
    assert safe_url("https://a.org/x") == "https://a.org/x"
    assert safe_url(" JavaScript:alert(1)") is None and safe_url("data:text/html,x") is None


def test_styles_take_dicts_or_taxonomy_objects():
    taxonomy = {
        "strike": SimpleNamespace(label="Strikes", colour="#ff0000", shape="square", icon="bomb"),
        "talks": {"label": "Talks", "colour": 'red"><script>', "icon": "diamond"},
    }
    result = styles(taxonomy, ["strike", "talks", "unknown_thing", "more"])
    assert list(result) == ["strike", "talks", "more", "unknown_thing"]
    assert result["strike"].label == "Strikes" and result["strike"].colour == "#ff0000"
    assert result["strike"].shape == "square" and result["talks"].shape == "diamond"  # an older entry's icon
    assert result["talks"].colour.startswith("#")  # not a colour: replaced
    assert result["unknown_thing"].label == "Unknown thing"
    assert all(s.shape in SHAPES for s in result.values())


def test_a_type_looks_the_same_in_every_map():
    from geo.events.taxonomy import Taxonomy

    taxonomy = Taxonomy.load().types
    alone = styles(None, ["diplomacy", "made_up"])
    crowded = styles(None, [*taxonomy, "made_up", "another_one"])
    assert alone["diplomacy"] == crowded["diplomacy"] and alone["made_up"] == crowded["made_up"]
    for type_id, entry in taxonomy.items():  # colour and shape: the taxonomy's, nothing else's
        assert (crowded[type_id].colour, crowded[type_id].shape) == (entry.colour, entry.shape)
    assert len({crowded[t].shape for t in taxonomy}) == len(taxonomy)  # the bundled types stay apart


def test_a_taxonomy_naming_an_unknown_shape_is_refused(tmp_path: Path):
    from geo.events.taxonomy import Taxonomy

    path = tmp_path / "mine.toml"
    entry = '[[types]]\nid = "flood"\nlabel = "Flood"\ncolour = "#0000ff"\ntriggers = ["flood"]\n'
    path.write_text(entry + 'shape = "blob"\n')
    with pytest.raises(ValueError, match="shape must be one of"):
        Taxonomy.load(path)
    path.write_text(entry + 'shape = "hexagon"\n')
    assert Taxonomy.load(path).get("flood").shape == "hexagon"


def test_columns_store_few_distinct_values_once():
    def row(**values) -> list:
        return [values.get(name) for name in FIELDS]

    out = columns([row(type=f"t{i % 2}", lat=i, docs=[i % 2]) for i in range(10)])
    assert out["type"] == {"values": ["t0", "t1"], "codes": [0, 1] * 5}  # two values for ten rows
    assert out["lat"] == list(range(10))  # numbers: a plain list
    assert out["docs"] == {"values": [[0], [1]], "codes": [0, 1] * 5}
    assert columns([row(type=f"t{i}") for i in range(4)])["type"] == ["t0", "t1", "t2", "t3"]  # all distinct


def test_first_view_leaves_out_stray_events(collection: dict):
    features = [
        event(
            30 + i / 10,
            49 + i / 20,
            event_type="strike",
            place="Town",
            place_id=f"gn:{i}",
            date="2024-01-01",
            sentence="A strike near Town.",
        )
        for i in range(40)
    ]
    stray = event(-77.0, 38.9, event_type="strike", place="Far", place_id="gn:x", date=None, sentence="Far away.")
    (_, west), (north, _) = event_table({"features": [*features, stray]}).bounds()
    assert west >= 29.9 and north <= 51.1  # Washington left out
    few = event_table({"features": [features[0], stray]}).bounds()
    assert few == [[38.9, -77.0], [49.0, 30.0]]  # two events: neither is a stray


def test_reference_layer_is_detailed_only_where_the_events_are():
    donbas = reference([[47.0, 36.0], [49.5, 39.5]])
    assert "Kramatorsk" in donbas["places"]["name"] and len(donbas["borders"]) >= 5
    assert any(name.startswith(("Dnieper", "Dnipro", "Donets")) for name, _, _ in donbas["rivers"])
    nowhere = reference(None)
    assert "Kramatorsk" not in nowhere["places"]["name"] and "Kyiv" in nowhere["places"]["name"]
    assert nowhere["borders"] == [] and len(nowhere["rivers"]) < len(donbas["rivers"])


@pytest.mark.parametrize("name", SCRIPTS)
def test_page_scripts_parse(name: str):
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node to parse the page's JavaScript")
    result = subprocess.run([node, "--check", str(STATIC / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_page_stylesheet_is_balanced():
    css = (STATIC / "geoevents.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    depth = 0
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0 and "</" not in css


def test_event_table_skips_bad_features_and_shades_only_regions(collection: dict):
    asked = []

    def outline_for(place_id: str):
        asked.append(place_id)
        return box(30, 40, 31, 41)

    bad = [
        {"type": "Feature", "geometry": None, "properties": {}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 10]}, "properties": {}},
    ]
    region = event(
        30.5,
        40.5,
        event_type="strike",
        place="Somewhere",
        place_kind="country",
        place_id="country:XX",
        country_code="XX",
        date=None,
        sentence="Strikes in Somewhere.",
    )
    table = event_table({"features": [*collection["features"], region, *bad]}, outline_for)
    assert table.skipped == 2 and len(table.rows) == 5
    assert asked == ["country:XX"]  # Donetsk brings its own outline; cities have none
    assert set(table.outlines) == {"admin1:UA.05", "country:XX"}
    assert [d[0] for d in table.docs] == ["doc-1", "doc-2", "doc-3"]  # one entry per document
    assert table.docs[1][2] is None  # the javascript: url


# -- in a browser ----------------------------------------------------------------------------------


def _playwright():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    return pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install '.[test]')")


@pytest.fixture(scope="module")
def browser():
    api = _playwright()
    with api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield chromium
        chromium.close()


def offline_tab(browser, **options):
    """A fresh tab that may load files only; its page errors, dialogs and blocked requests are
    recorded in `tab.errors`, `tab.dialogs` and `tab.requests` (dialogs are dismissed)."""
    tab = browser.new_page(**{"viewport": {"width": 1280, "height": 800}, **options})
    tab.errors, tab.dialogs, tab.requests = [], [], []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))

    def offline(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            tab.requests.append(route.request.url)
            route.abort()

    tab.route("**/*", offline)
    return tab


@pytest.fixture
def page(browser, page_file: Path):
    """The saved map in a fresh tab with no network; page errors, dialogs and requests recorded."""
    tab = offline_tab(browser)
    tab.add_init_script(
        "window.__xss = []; for (const f of ['alert', 'confirm', 'prompt'])"
        " { const real = window[f]; window[f] = m => { window.__xss.push(m); return real(m); }; }"
    )
    tab.goto(page_file.as_uri())
    drawn(tab)
    yield tab
    assert tab.errors == [] and tab.dialogs == [] and tab.evaluate("window.__xss") == []
    assert tab.requests == []
    tab.close()


def drawn(tab) -> int:
    """Events drawn in view once the page has drawn: lone markers, the counts of groups and of areas."""
    tab.wait_for_function("window.geoevents && window.geoevents.drawn", timeout=30_000)
    return tab.evaluate("""() => [...document.querySelectorAll('.ge-marker, .ge-cluster, .ge-area')]
        .reduce((n, e) => n + Number(e.dataset.count || 0), 0)""")


def toggle_type(tab, type_id: str) -> None:
    tab.locator(f'.ge-type-row[data-type="{type_id}"] input').click()


def test_every_event_is_drawn_offline(page):
    assert page.evaluate("typeof window.L === 'object' && typeof geoeventsPage.events === 'function'")
    assert page.evaluate("geoevents.shown") == 4 and drawn(page) == 4
    types = page.inner_text(".ge-types")
    assert "Diplomacy" in types and "Strike" in types
    assert "Offline map" in page.inner_text(".ge-base")
    assert "4 of 4 events shown" in page.inner_text(".ge-panel")


def test_hiding_a_type_and_narrowing_the_dates_work_together(page):
    toggle_type(page, "strike")
    assert drawn(page) == 3 and page.evaluate("geoevents.shown") == 3
    page.fill(".ge-to", "2024-03-15")
    assert drawn(page) == 1  # Paris; Moscow (20 March) and Donetsk (April) fall outside
    assert page.locator(".ge-area").count() == 0  # Donetsk's outline goes with its event
    toggle_type(page, "strike")
    assert drawn(page) == 2
    page.click(".ge-reset")
    assert drawn(page) == 4 and "4 of 4 events shown" in page.inner_text(".ge-panel")
    page.evaluate("""() => { geoevents.setRange("2024-03-05", "2024-03-05"); geoevents.setUndated(false);
                             geoevents.setRange("2024-03-01", "2024-03-31"); }""")
    assert drawn(page) == 3 and "3 of 4 events shown" in page.inner_text(".ge-panel")


def test_popup_shows_article_text_as_text(page):
    page.evaluate("void geoevents.map.setView([55.8317, 37.3297], 12, {animate: false})")
    drawn(page)
    page.locator('.ge-marker[title^="Krasnogorsk"]').click()
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    for evil in XSS.values():
        assert text.count(evil) == 3  # place, sentence and title, each shown as written
    assert "Strike — drone" in text and "Moscow Oblast, RU" in text and "injured 5" in text
    assert popup.locator("mark").inner_text() == "Krasnogorsk"
    assert popup.locator("img, script, a").count() == 0  # the javascript: link is plain text
    popup.hover()
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")  # Esc closes it


def test_the_list_shows_what_is_in_view_and_opens_popups(page):
    entries = page.locator("[data-event-list] [data-event-id]")
    assert entries.count() == 4
    assert "Donetsk Oblast" in entries.first.inner_text()  # newest first: April
    assert page.locator("[data-event-list] li").filter(has_text="Krasnogorsk").locator("script, img").count() == 0
    page.locator("[data-event-list] [data-event-id]", has_text="Paris").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Paris" in popup.inner_text() and "planned" in popup.inner_text()
    page.keyboard.press("Escape")
    page.evaluate("geoevents.fit()")  # back to the first view: Paris flew the map in
    moscow = page.locator("[data-event-list] [data-event-id]", has_text="Moscow")
    moscow.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content", has_text="Air defences").wait_for()
    # Moving the map away from the events empties the list.
    page.keyboard.press("Escape")
    page.evaluate("void geoevents.map.setView([-40, -60], 6, {animate: false})")
    drawn(page)
    page.wait_for_function("document.querySelectorAll('[data-event-list] [data-event-id]').length === 0")


def test_triage_confidence_hollow_areas_and_groups(page):
    page.evaluate("""() => { const c = document.querySelector('[data-min-confidence]');
                             c.value = '0.6'; c.dispatchEvent(new Event('input')); }""")
    assert drawn(page) == 3 and page.evaluate("geoevents.shown") == 3  # Moscow (0.5) goes
    assert page.locator(".ge-type-row[data-type=interception] .ge-n").inner_text() == "0"
    page.evaluate("""() => { const c = document.querySelector('[data-min-confidence]');
                             c.value = '0'; c.dispatchEvent(new Event('input')); }""")
    assert drawn(page) == 4
    assert page.locator('.ge-marker[title^="Paris"] svg.ge-hollow').count() == 1  # planned: hollow
    page.evaluate("void geoevents.map.setView([55.8, 37.5], 9, {animate: false})")
    drawn(page)
    assert page.locator('.ge-marker[title^="Moscow"] svg.ge-solid').count() == 1
    page.evaluate("geoevents.fit()")
    drawn(page)
    area = page.locator(".ge-area")  # a region event: its outline and a count, no pin
    assert area.count() == 1 and area.get_attribute("data-count") == "1"
    assert page.locator('.ge-marker[title^="Donetsk"]').count() == 0
    area.click()
    page.locator(".ge-member").first.click()
    page.locator(".leaflet-popup-content .ge-evidence", has_text="Fighting went on in Donetsk Oblast").wait_for()
    page.evaluate("void geoevents.map.setView([55.8, 37.5], 4, {animate: false})")
    drawn(page)
    group = page.locator(".ge-cluster")  # Krasnogorsk and Moscow: a ring of their two types, the injured
    assert group.count() == 1 and group.get_attribute("data-count") == "2"
    colours = {c.get_attribute("stroke") for c in group.locator("circle[stroke]").all()}
    assert colours == {page.evaluate(f"geoevents.style['{t}'].colour") for t in ("strike", "interception")}
    assert group.locator(".ge-cas").inner_text() == "5"


def test_timeline_filters_list_markers_and_counts_together(page):
    chart = page.locator("[data-timeline] .ge-chart")
    box = chart.bounding_box()
    span = 61  # 1 March to 30 April
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)  # the end of the range
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 14.5 / span, box["y"] + box["height"] / 2, steps=4)
    page.mouse.up()
    page.wait_for_function("geoevents.to === '2024-03-15' && geoevents.from === null")
    assert drawn(page) == 2 and page.evaluate("geoevents.shown") == 2  # Paris and Krasnogorsk
    page.wait_for_function("document.querySelectorAll('[data-event-list] [data-event-id]').length === 2")
    counts = {t: page.locator(f".ge-type-row[data-type={t}] .ge-n").inner_text() for t in ("strike", "ground")}
    assert counts == {"strike": "1", "ground": "0"}
    assert page.input_value(".ge-to") == "2024-03-15" and page.input_value(".ge-from") == "2024-03-01"
    # From after To is not kept as such: the two swap.
    page.evaluate("geoevents.setRange('2024-03-25', '2024-03-05')")
    assert page.evaluate("[geoevents.from, geoevents.to]") == ["2024-03-05", "2024-03-25"]
    page.click(".ge-reset")
    page.click(".ge-play")  # a week's window steps through the days
    page.wait_for_function("geoevents.from !== null && geoevents.from > '2024-03-01'", timeout=5_000)
    page.click(".ge-play")
    assert page.evaluate("geoevents.to") is not None


def test_permalink_restores_view_filters_and_open_event(page):
    toggle_type(page, "diplomacy")
    page.fill(".ge-to", "2024-03-25")
    page.evaluate("void geoevents.map.setView([55.8, 37.5], 9, {animate: false})")
    drawn(page)
    page.locator('.ge-marker[title^="Moscow"]').click()
    page.locator(".leaflet-popup-content").wait_for()
    page.wait_for_function("location.hash.includes('event=')")
    link = page.url
    page.goto("about:blank")
    page.goto(link)
    assert drawn(page) >= 1
    assert page.evaluate("[geoevents.active('diplomacy'), geoevents.to, geoevents.shown]") == [False, "2024-03-25", 2]
    assert page.evaluate("geoevents.map.getZoom()") == 9
    centre = page.evaluate("[geoevents.map.getCenter().lat, geoevents.map.getCenter().lng]")
    assert abs(centre[0] - 55.8) < 0.01 and abs(centre[1] - 37.5) < 0.01
    assert "Air defences" in page.locator(".leaflet-popup-content").inner_text()


def test_search_filters_events_and_finds_places(page):
    page.fill(".ge-search", "drone")
    page.wait_for_function("geoevents.shown === 2")  # Krasnogorsk and Moscow speak of drones
    page.fill(".ge-search", "Kramat")
    page.locator(".ge-suggest button", has_text="Kramatorsk").click()  # a place from the reference layer
    page.wait_for_function("geoevents.map.getZoom() === 9")
    centre = page.evaluate("geoevents.map.getCenter()")
    assert abs(centre["lat"] - 48.72) < 0.2 and abs(centre["lng"] - 37.56) < 0.2


def test_export_holds_what_is_shown(page):
    toggle_type(page, "strike")
    drawn(page)
    geojson = json.loads(page.evaluate("geoevents.exportText('geojson')"))
    assert sorted(f["properties"]["place"] for f in geojson["features"]) == ["Donetsk Oblast", "Moscow", "Paris"]
    csv_text = page.evaluate("geoevents.exportText('csv')")
    lines = csv_text.strip().split("\r\n")
    assert lines[0].startswith("id,event_type") and len(lines) == 4
    with page.expect_download() as download:
        page.click("[data-export=csv]")
    assert download.value.suggested_filename == "geoevents.csv"


def test_print_shows_the_map_alone(page):
    page.emulate_media(media="print")
    assert page.locator(".ge-panel").is_hidden() and page.locator("[data-timeline]").is_hidden()
    assert page.locator("[data-event-list]").is_hidden() and page.locator(".leaflet-container").is_visible()


def test_online_tiles_say_when_they_cannot_load(browser, page_file: Path):
    tab = offline_tab(browser)
    tab.goto(page_file.as_uri())
    drawn(tab)
    tab.click("input[name=ge-base][value=online]")
    tab.locator(".ge-notice").wait_for()
    assert "could not be loaded" in tab.inner_text(".ge-notice")
    tab.wait_for_function("document.querySelector('input[name=ge-base][value=offline]').checked")
    tab.close()


def test_phone_layout_keeps_the_map_free(browser, page_file: Path):
    tab = offline_tab(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab.goto(page_file.as_uri())
    drawn(tab)
    assert covered(tab) <= 0.25
    assert tab.locator(".ge-panel").is_hidden()
    tab.click(".ge-toggle")
    assert tab.locator(".ge-panel").is_visible()
    tab.click(".ge-close")
    tab.click(".ge-count")  # the list slides up as a sheet; opening an event lowers it
    tab.locator("[data-event-list] [data-event-id]", has_text="Krasnogorsk").click()
    tab.locator(".leaflet-popup-content", has_text="Krasnogorsk").wait_for()
    tab.wait_for_timeout(600)  # the map's pan to fit the popup
    assert popup_inside(tab)
    tab.close()


def covered(tab) -> float:
    """The share of the screen that is not map, or is map under a control."""
    return tab.evaluate("""() => {
        const view = innerWidth * innerHeight;
        const map = document.querySelector('.leaflet-container').getBoundingClientRect();
        let hidden = view - map.width * map.height;
        for (const c of document.querySelectorAll('.leaflet-control')) {
            const r = c.getBoundingClientRect();
            if (r.width && r.height) hidden += r.width * r.height;
        }
        return hidden / view;
    }""")


def popup_inside(tab) -> bool:
    """Whether the open popup lies within the screen and clear of every control on the map."""
    return tab.evaluate("""() => {
        const p = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
        const close = document.querySelector('.leaflet-popup-close-button').getBoundingClientRect();
        if (p.left < 0 || p.top < 0 || p.right > innerWidth || p.bottom > innerHeight) return false;
        const clear = r => [...document.querySelectorAll('.leaflet-control')].every(c => {
            const b = c.getBoundingClientRect();
            return !b.width || r.right <= b.left || r.left >= b.right || r.bottom <= b.top || r.top >= b.bottom;
        });
        return clear(p) && clear(close);
    }""")


# -- the sample articles, as a user makes and opens their map --------------------------------------


def test_seeds_map_offline_in_a_browser(browser, tmp_path: Path):
    from conftest import run_cli

    page_path, events_path = tmp_path / "map.html", tmp_path / "events.geojson"
    result = run_cli("map", "seeds", "-o", str(page_path), "--geojson", str(events_path), "--quiet")
    assert result.returncode == 0, result.stderr
    exported = json.loads(events_path.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["event_type"] for f in exported} >= {"diplomacy", "strike"}

    tab = offline_tab(browser)
    tab.goto(page_path.as_uri())
    assert tab.evaluate("typeof window.L === 'object'")
    drawn(tab)
    assert tab.evaluate("geoevents.shown") == len(exported)
    listed = int(tab.locator("[data-event-list]").evaluate("e => e.parentNode.dataset.count"))
    assert listed >= 0.8 * len(exported)  # the first view holds most events
    tab.evaluate("void geoevents.map.setView([30, 20], 1, {animate: false})")
    assert drawn(tab) == len(exported)
    types = tab.inner_text(".ge-types")
    assert "Diplomacy" in types and "Strike" in types

    strikes = sum(f["properties"]["event_type"] == "strike" for f in exported)
    toggle_type(tab, "strike")
    assert drawn(tab) == len(exported) - strikes
    toggle_type(tab, "strike")
    tab.fill(".ge-from", "2025-10-01")
    assert 0 < drawn(tab) < len(exported)  # the March articles' events are filtered out

    entry = tab.locator("[data-event-list] [data-event-id]").first
    place = entry.locator("strong").inner_text()
    entry.click()
    tab.locator(".leaflet-popup-content .ge-place", has_text=place).wait_for()
    tab.keyboard.press("Escape")
    tab.locator(".leaflet-popup").wait_for(state="detached")  # closed, not still fading out

    tab.evaluate("void geoevents.map.setView([55.8317, 37.3297], 12, {animate: false})")
    drawn(tab)
    tab.locator('.ge-marker[title^="Krasnogorsk"]').first.click()
    popup = tab.locator(".leaflet-popup-content").inner_text()
    assert "Strike" in popup and "injured 5" in popup and "Krasnogorsk" in popup
    assert tab.errors == [] and tab.requests == []
    tab.close()


def test_article_markup_next_to_place_names_stays_text(browser, tmp_path: Path):
    from conftest import run_cli

    article = tmp_path / "evil.txt"
    article.write_text(
        'Drones hit Odesa on Friday, injuring three people <script>alert("s")</script>. '
        'Talks were held in Riyadh on Friday <img src=x onerror=alert("i")> '
        "\" onmouseover=\"alert('m')",
        encoding="utf-8",
    )
    page_path = tmp_path / "map.html"
    result = run_cli("map", str(article), "--date", "2025-10-24", "-o", str(page_path), "--quiet")
    assert result.returncode == 0, result.stderr
    html = page_path.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html

    tab = offline_tab(browser)
    tab.goto(page_path.as_uri())
    assert drawn(tab) >= 1
    tab.evaluate("void geoevents.map.setView([46.48, 30.73], 11, {animate: false})")
    drawn(tab)
    tab.locator('.ge-marker[title^="Odesa"]').first.click()
    popup = tab.locator(".leaflet-popup-content")
    assert '<script>alert("s")</script>' in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    tab.locator(".ge-marker").first.hover()
    assert tab.dialogs == [] and tab.errors == []
    tab.close()
