"""Take the README's pictures of the map of the sample articles, at desktop and phone size.

    python scripts/map_screenshots.py [--events seeds.geojson] [--out docs]

The map is built from the sample articles (`geoevents map seeds`), or from an
events file that command exported, and opened in Debian's Chromium with the
network cut off; one event is opened from the list, as a reader would.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SIZES = {"seeds-map.png": (1280, 800), "seeds-map-phone.png": (390, 844)}


def build(events: Path | None, folder: Path) -> Path:
    """The map's page: from an exported events file, or made from the sample articles by the CLI."""
    page = folder / "map.html"
    if events is None:
        command = [sys.executable, "-m", "maps.cli", "map", str(ROOT / "seeds"), "-o", str(page), "--quiet"]
        subprocess.run(command, check=True, cwd=ROOT)
        return page
    from gazetteer import Gazetteer
    from geo.events.taxonomy import Taxonomy
    from maps.render import build_map, save_map

    collection = json.loads(events.read_text(encoding="utf-8"))
    title = "geoevents: the sample articles"
    save_map(build_map(collection, types=Taxonomy.load().types, title=title, outline_for=Gazetteer().polygon), page)
    return page


def shoot(browser, page_path: Path, size: tuple[int, int], out: Path) -> None:
    width, height = size
    phone = width < 600
    tab = browser.new_page(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    tab.goto(page_path.as_uri())
    tab.wait_for_function("window.geoevents && geoevents.drawn")
    if phone:
        tab.click(".ge-count")
    tab.locator("[data-event-list] [data-event-id]", has_text="Krasnogorsk").first.click()
    tab.locator(".leaflet-popup-content", has_text="Krasnogorsk").wait_for()
    tab.wait_for_timeout(1200)  # the flight, the popup's fade and the map's pan to fit it
    tab.screenshot(path=str(out))
    tab.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=Path, help="a GeoJSON file `geoevents map --geojson` wrote")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page = build(args.events, Path(tmp))
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, size in SIZES.items():
            shoot(browser, page, size, args.out / name)
            print(args.out / name)
        browser.close()


if __name__ == "__main__":
    main()
