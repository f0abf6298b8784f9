"""The HTML events map: offline, escaped, and working in a real browser (Debian's Chromium)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import folium
import pytest
from shapely.geometry import box

from maps.assets import script_json
from maps.event_layer import date_span, event_table, marker_size, safe_url, utf16_mark
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
                sentence="The foreign ministers met in Paris on Friday.",
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
    assert "L.map(" in html and "L.MarkerClusterGroup" in html  # Leaflet and markercluster inlined


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


def test_styles_take_dicts_or_taxonomy_objects_and_keep_shapes_distinct():
    taxonomy = {
        "strike": SimpleNamespace(label="Strikes", colour="#ff0000", icon="bomb"),
        "talks": {"label": "Talks", "colour": 'red"><script>', "icon": "square"},
    }
    result = styles(taxonomy, ["strike", "talks", "unknown_thing", "more"])
    assert list(result) == ["strike", "talks", "more", "unknown_thing"]
    assert result["strike"].label == "Strikes" and result["strike"].colour == "#ff0000"
    assert result["talks"].colour.startswith("#")  # not a colour: replaced
    assert result["unknown_thing"].label == "Unknown thing"
    assert len({s.shape for s in result.values()}) == 4 and all(s.shape in SHAPES for s in result.values())


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


@pytest.fixture
def page(browser, page_file: Path):
    """The saved map in a fresh tab with no network; page errors, dialogs and requests recorded."""
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
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
    """Events on screen once the page has drawn: single markers plus the counts of the clusters."""
    tab.wait_for_function("window.geoevents && window.geoevents.drawn", timeout=30_000)
    return tab.evaluate("""() => document.querySelectorAll('.ge-marker').length
        + [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + Number(s.textContent), 0)""")


def test_every_event_is_drawn_offline(page):
    assert page.evaluate("typeof window.L === 'object' && typeof L.markerClusterGroup === 'function'")
    assert page.evaluate("geoevents.shown") == 4 and drawn(page) == 4
    overlays = page.inner_text(".leaflet-control-layers-overlays")
    assert "Diplomacy" in overlays and "Strike" in overlays
    assert "Country outlines (offline)" in page.inner_text(".leaflet-control-layers-base")
    assert page.locator(".leaflet-overlay-pane path").count() == 1  # Donetsk Oblast shaded
    assert "4 of 4 events shown" in page.inner_text(".ge-panel")


def test_hiding_a_layer_and_narrowing_the_dates_work_together(page):
    page.locator(".leaflet-control-layers-overlays label", has_text="Strike").click()
    assert drawn(page) == 3 and page.evaluate("geoevents.shown") == 3
    page.fill(".ge-to", "2024-03-15")
    assert drawn(page) == 1  # Paris; Moscow (20 March) and Donetsk (April) fall outside
    assert page.locator(".leaflet-overlay-pane path").count() == 0
    page.locator(".leaflet-control-layers-overlays label", has_text="Strike").click()
    assert drawn(page) == 2
    page.click(".ge-reset")
    assert drawn(page) == 4 and "4 of 4 events shown" in page.inner_text(".ge-panel")
    # Changes that come while the markers are still being added wait for them, then all apply.
    page.evaluate("""() => { geoevents.setRange("2024-03-05", "2024-03-05"); geoevents.setUndated(false);
                             geoevents.setRange("2024-03-01", "2024-03-31"); }""")
    assert drawn(page) == 3 and "3 of 4 events shown" in page.inner_text(".ge-panel")


def test_popup_shows_article_text_as_text(page):
    page.evaluate("geoevents.map.setView([55.8317, 37.3297], 12, {animate: false})")
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


# -- the sample articles, as a user makes and opens their map --------------------------------------


def test_seeds_map_offline_in_a_browser(browser, tmp_path: Path):
    from conftest import run_cli

    page_path, events_path = tmp_path / "map.html", tmp_path / "events.geojson"
    result = run_cli("map", "seeds", "-o", str(page_path), "--geojson", str(events_path), "--quiet")
    assert result.returncode == 0, result.stderr
    exported = json.loads(events_path.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["event_type"] for f in exported} >= {"diplomacy", "strike"}

    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    errors, requests = [], []
    tab.on("pageerror", lambda e: errors.append(str(e)))

    def offline(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    tab.route("**/*", offline)
    tab.goto(page_path.as_uri())
    assert tab.evaluate("typeof window.L === 'object'")
    assert drawn(tab) == len(exported) == tab.evaluate("geoevents.shown")
    overlays = tab.inner_text(".leaflet-control-layers-overlays")
    assert "Diplomacy" in overlays and "Strike" in overlays

    strikes = sum(f["properties"]["event_type"] == "strike" for f in exported)
    tab.locator(".leaflet-control-layers-overlays label", has_text="Strike").click()
    assert drawn(tab) == len(exported) - strikes
    tab.locator(".leaflet-control-layers-overlays label", has_text="Strike").click()
    tab.fill(".ge-from", "2025-10-01")
    assert 0 < drawn(tab) < len(exported)  # the March articles' events are filtered out

    tab.evaluate("geoevents.map.setView([55.8317, 37.3297], 12, {animate: false})")
    drawn(tab)
    tab.locator('.ge-marker[title^="Krasnogorsk"]').first.click()
    popup = tab.locator(".leaflet-popup-content").inner_text()
    assert "Strike" in popup and "injured 5" in popup and "Krasnogorsk" in popup
    assert errors == [] and requests == []
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

    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    dialogs, errors = [], []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    tab.goto(page_path.as_uri())
    assert drawn(tab) >= 1
    tab.evaluate("geoevents.map.setView([46.48, 30.73], 11, {animate: false})")
    drawn(tab)
    tab.locator('.ge-marker[title^="Odesa"]').first.click()
    popup = tab.locator(".leaflet-popup-content")
    assert '<script>alert("s")</script>' in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    tab.locator(".ge-marker").first.hover()
    assert dialogs == [] and errors == []
    tab.close()
