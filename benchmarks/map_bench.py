"""How big the events map gets, how long it takes to write, and how long Chromium takes to draw it.

    python benchmarks/map_bench.py [--sizes 10000 100000] [--screenshot docs/map.png]

For each size, synthetic events (real region outlines and centres from the
gazetteer, random types, dates, counts, sentences and sources) are mapped:
  * build      build_map: the events table, styles, basemap (outlines cached after the first map)
  * write      save_map: render the page and write it
  * size       the page on disk
  * drawn      Debian's Chromium, network cut off: from navigation to the page's own flag that the
               filters have run and the markers in view are on the map (geoevents.drawn), as
               measured inside the page: the time until the map can be used
  * toggle     hiding the strike layer until the page has drawn again
--screenshot also writes a picture of a 400-event map with a popup open.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer  # noqa: E402
from gazetteer.sources import BundledPlaces  # noqa: E402
from maps.render import build_map, save_map  # noqa: E402

COUNTRIES = ("UA", "RU", "BY", "PL", "MD", "IL", "PS", "LB", "SY", "JO", "IQ")
TYPES = {
    "strike": 30,
    "interception": 15,
    "ground": 20,
    "diplomacy": 10,
    "violence_against_civilians": 8,
    "protest": 6,
    "humanitarian": 5,
    "migration": 3,
    "other": 3,
}
SUBTYPES = {
    "strike": ["drone", "missile", "glide bomb", "artillery"],
    "interception": ["drone", "missile"],
    "diplomacy": ["talks", "visit", "statement"],
}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def synthetic(n: int, seed: int = 7) -> dict:
    """n events in and around real regions; one in ten at region level, shaded with its outline."""
    rng = random.Random(seed)
    regions = [
        r for r in BundledPlaces().records() if r.kind == "region" and r.country_code in COUNTRIES and r.lon < 50
    ]
    kinds, weights = list(TYPES), list(TYPES.values())
    features = []
    for i in range(n):
        region = rng.choice(regions)
        event_type = rng.choices(kinds, weights)[0]
        at_region = rng.random() < 0.1
        place = region.name if at_region else f"Town {i % 997}"
        lat, lon = (
            (region.lat, region.lon) if at_region else (region.lat + rng.gauss(0, 0.4), region.lon + rng.gauss(0, 0.6))
        )
        doc = f"doc-{rng.randrange(max(1, n // 5))}"
        sentence = (
            f"Officials said the {event_type.replace('_', ' ')} near {place} on Tuesday was the "
            f"latest in a week of reports from the area."
        )
        start = sentence.index(place)
        killed = rng.choice([0, 0, 0, 1, 2, 5]) if event_type in ("strike", "ground") else 0
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "event_type": event_type,
                    "subtype": rng.choice(SUBTYPES.get(event_type, [None])),
                    "status": rng.choices(["reported", "planned", "hypothetical"], [90, 7, 3])[0],
                    "place": place,
                    "place_kind": "region" if at_region else "city",
                    "place_id": region.id if at_region else f"gn:{i % 997}",
                    "admin1": None if at_region else region.name,
                    "country_code": region.country_code,
                    "geonameid": None,
                    "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "date_precision": rng.choices(["day", "week", "month"], [85, 10, 5])[0],
                    "counts": {k: v for k, v in (("killed", killed), ("injured", killed * rng.randint(0, 4))) if v},
                    "doc_ids": [doc],
                    "sources": [
                        {
                            "doc_id": doc,
                            "title": f"Report {doc}",
                            "url": f"https://example.org/{doc}",
                            "sentence": sentence,
                            "mark": [start, start + len(place)],
                        }
                    ],
                    "sentence": sentence,
                    "confidence": round(rng.uniform(0.4, 1), 2),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def open_offline(browser, path: Path, width: int = 1280, height: int = 800):
    """A tab showing the page with every non-file request refused, once the page says it has drawn."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(path.as_uri(), timeout=600_000)
    page.wait_for_function("window.geoevents && geoevents.drawn", timeout=600_000, polling=50)
    return page


def measure(browser, n: int, outline_for, folder: Path) -> dict:
    collection = synthetic(n)
    path = folder / f"map-{n}.html"
    t = time.perf_counter()
    m = build_map(collection, outline_for=outline_for)
    built = time.perf_counter() - t
    t = time.perf_counter()
    save_map(m, path)
    written = time.perf_counter() - t
    page = open_offline(browser, path)
    drawn = page.evaluate("geoevents.drawnAt") / 1000
    t = time.perf_counter()
    page.locator('.ge-type-row[data-type="strike"] input').click()
    page.wait_for_function("geoevents.drawn", polling=50, timeout=600_000)
    toggled = time.perf_counter() - t
    shown = page.evaluate("geoevents.shown")
    page.close()
    return {
        "events": n,
        "build_s": built,
        "write_s": written,
        "size_mb": path.stat().st_size / 2**20,
        "drawn_s": drawn,
        "toggle_s": toggled,
        "shown_after_toggle": shown,
    }


def screenshot(browser, outline_for, path: Path, folder: Path) -> None:
    """A picture of a modest map with one popup open, for the README."""
    page_file = folder / "demo.html"
    save_map(build_map(synthetic(400, seed=3), title="geoevents: synthetic sample", outline_for=outline_for), page_file)
    page = open_offline(browser, page_file)
    page.locator("[data-event-id]").first.click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--screenshot", type=Path, metavar="PNG")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    outline_for = Gazetteer().polygon
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        build_map({"features": []})  # load the basemap outlines once, outside the timings
        if args.screenshot:
            screenshot(browser, outline_for, args.screenshot, Path(tmp))
            print(f"screenshot: {args.screenshot}")
        print(f"{'events':>8} {'build s':>8} {'write s':>8} {'size MB':>8} {'drawn s':>8} {'toggle s':>9}")
        for n in args.sizes:
            r = measure(browser, n, outline_for, Path(tmp))
            print(
                f"{r['events']:>8,} {r['build_s']:>8.2f} {r['write_s']:>8.2f} {r['size_mb']:>8.1f} "
                f"{r['drawn_s']:>8.2f} {r['toggle_s']:>9.2f}",
                flush=True,
            )
        browser.close()


if __name__ == "__main__":
    main()
