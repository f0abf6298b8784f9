"""The arguments of the `geoevents` command: its commands, their options and how each is checked.

maps.cli runs the commands; this module only describes them, so `geoevents --help` and the
command functions can each be read on their own.
"""

from __future__ import annotations

import argparse
import datetime

from gazetteer import KINDS
from gazetteer.geocoders import GEOCODERS, NOMINATIM_URL

#: `map` and `export` leave out events below this confidence: on the dev news articles, events below
#: it were right half the time, those above it 8 times in 10, those at 0.8 or more 9 in 10
#: (benchmarks/articles_bench.py); a plain "artillery struck Kherson" scores about 0.4.
MIN_CONFIDENCE = 0.2

EPILOG = """\
examples:
  geoevents map seeds -o out/map.html --geojson out/events.geojson
  geoevents map feed.jsonl --types strike,diplomacy --since 2025-03-01 -o strikes.html
  geoevents extract seeds -o out/seeds.jsonl
  geoevents extract feed/ -o results/ --engine dask --scheduler tcp://10.0.0.5:8786
  geoevents map results/ -o out/map.html
  geoevents lookup Kharkov "Donetsk region" --json
  geoevents lookup Paris --country US
  geoevents evaluate gold.jsonl --only-key in_geocoding_eval
  geoevents gazetteer add UA.zip     (villages from GeoNames; see README)

Every place comes from an offline gazetteer (GeoNames, CC BY 4.0; Natural Earth,
public domain): nothing is sent over the network, unless --geocoder nominatim asks.
"""


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    noise = common.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print only results and errors")
    noise.add_argument("-v", "--verbose", action="store_true", help="say what is being done and why")
    common.add_argument(
        "--aliases",
        metavar="FILE",
        action="append",
        default=[],
        help="extra places and names in the TOML format of gazetteer/data/aliases.toml (repeatable)",
    )

    parser = argparse.ArgumentParser(
        prog="geoevents",
        description="Find the places news articles mention, what happened there, and map it - offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    lookup = commands.add_parser(
        "lookup",
        parents=[common],
        help="show the places a name may mean, best first",
        description="Look names up in the offline gazetteer and show the places each may mean, best first. "
        "Spelling variants (Kiev/Kyiv, Donets'k), a leading 'the' and suffixes such as "
        "'region', 'oblast' or 'city' are understood.",
    )
    lookup.add_argument("names", nargs="+", metavar="NAME", help="a place name, e.g. Kharkov or 'Kursk region'")
    lookup.add_argument("--country", metavar="CC", help="only places in this country (ISO code, e.g. UA)")
    lookup.add_argument("--kind", choices=KINDS, help="only places of this kind")
    lookup.add_argument("--limit", type=_positive_int, default=5, metavar="N", help="candidates per name (default: 5)")
    lookup.add_argument("--json", action="store_true", help="one JSON object per name, one per line")

    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a folder of .txt/.md articles (dates from its manifest.json), .txt/.md files, "
        "JSONL or CSV with doc_id/id, text and optional date, title, url; - for stdin; "
        "for export and map also folders of results written by extract",
    )
    reading.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="publication date for documents that give none"
    )
    reading.add_argument(
        "--max-chars",
        type=_positive_int,
        default=2_000_000,
        metavar="N",
        help="skip documents longer than this (default: 2,000,000)",
    )
    reading.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy model package (default: en_core_web_sm if installed, else its PyPI "
        "re-upload; en_core_web_md/lg/trf where installed)",
    )
    reading.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        metavar="N",
        help="extract in N processes (default: 1); output is the same, in the same order",
    )
    reading.add_argument(
        "--taxonomy",
        metavar="FILE",
        help="event types in the TOML format of geo/data/taxonomy.toml (replaces the default)",
    )
    reading.add_argument(
        "--geocoder",
        choices=GEOCODERS,
        default="offline",
        help="offline: only the gazetteer (default; nothing leaves the machine); nominatim: also ask "
        "OpenStreetMap's Nominatim (or --geocoder-url) for the names the gazetteer lacks, one request a "
        "second at most, answers cached; such places are marked source 'nominatim'",
    )
    reading.add_argument(
        "--geocoder-url",
        metavar="URL",
        help=f"a Nominatim-compatible server, e.g. a self-hosted one (default: {NOMINATIM_URL})",
    )
    reading.add_argument(
        "--user-agent",
        metavar="TEXT",
        help="how requests to the geocoder name this application (default: geoevents/VERSION; "
        "Nominatim's usage policy asks for one that identifies you)",
    )
    reading.add_argument("--types", type=_names, metavar="T1,T2", help="only these event types, e.g. strike,diplomacy")
    reading.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="only events on or after this date")
    reading.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", help="only events on or before this date")
    reading.add_argument(
        "--status", type=_names, metavar="S1,S2", help="only events of these statuses: reported, planned, hypothetical"
    )

    trusted = argparse.ArgumentParser(add_help=False)
    trusted.add_argument(
        "--min-confidence",
        type=_share,
        default=MIN_CONFIDENCE,
        metavar="C",
        help=f"leave out events less confident than C, 0-1 (default: {MIN_CONFIDENCE}; on real news articles, "
        "events at 0.8 or more were right 9 times in 10; 0 keeps all)",
    )

    extract = commands.add_parser(
        "extract",
        parents=[common, reading],
        help="find the places each document mentions (JSON Lines)",
        description="Find every place each document mentions, resolve it to coordinates, and write one JSON "
        "object per document: doc_id, date and toponyms (offsets, name, lat, lon, geonameid, "
        "country_code, kind, role literal/metonymic, score).",
    )
    extract.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="a JSONL file, or a folder of results in parts when OUT is a folder, ends with /, "
        "or with --engine dask or --format parquet; a rerun into the folder extracts only "
        "documents it does not hold yet (default: standard output)",
    )
    extract.add_argument(
        "--wait",
        action="store_true",
        help="when another run is writing into the results folder, wait for it to end instead of stopping",
    )
    extract.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine, --workers processes (default); dask: a Dask cluster, the one "
        "at --scheduler or else a local one of --workers processes",
    )
    extract.add_argument(
        "--scheduler", metavar="ADDRESS", help="the Dask scheduler of a running cluster, e.g. tcp://10.0.0.5:8786"
    )
    extract.add_argument(
        "--format", choices=("jsonl", "parquet"), help="the parts of a results folder: JSON Lines (default) or Parquet"
    )
    extract.add_argument(
        "--partition-size",
        type=_positive_int,
        default=500,
        metavar="N",
        help="documents per Dask task and per part of a results folder (default: 500)",
    )

    export = commands.add_parser(
        "export",
        parents=[common, reading, trusted],
        help="write the events as GeoJSON, CSV, GeoPackage or GeoParquet",
        description="Find the events of the documents and write one feature per event (the same event reported "
        "by several documents is one feature listing all its sources), or one per place.",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="the file to write (its suffix picks the format unless --format is given)",
    )
    export.add_argument("--format", choices=("geojson", "csv", "gpkg", "parquet"), help="default: from the suffix")
    export.add_argument(
        "--csv-raw",
        action="store_true",
        help="write CSV text cells as they are; by default a cell starting with = + - @, tab or CR gets a "
        "leading ' so that a spreadsheet shows it as text instead of running it as a formula",
    )
    export.add_argument(
        "--what",
        choices=("events", "places"),
        default="events",
        help="one feature per event (default) or per place, with event counts by type",
    )

    draw = commands.add_parser(
        "map",
        parents=[common, reading, trusted],
        help="draw the events on an interactive HTML map that works offline",
        description="Find the events of the documents and write one self-contained HTML map: a layer per event "
        "type, a date filter, popups with the evidence and sources, and a country basemap that needs "
        "no network (online tiles are offered as a second base layer).",
    )
    draw.add_argument("-o", "--output", metavar="FILE", default="map.html", help="the HTML file (default: map.html)")
    draw.add_argument("--title", default="geoevents", help="the page title")
    draw.add_argument("--geojson", metavar="FILE", help="also write the map's events here as GeoJSON")

    evaluate = commands.add_parser(
        "evaluate",
        parents=[common],
        help="score extraction against gold toponyms",
        description="Run extraction on the texts of a gold JSONL file ({doc_id, text, toponyms: [{start, end, "
        "lat, lon}]}) and print recognition P/R/F1, Acc@161, AUC and e2e_f1@161 as JSON.",
    )
    evaluate.add_argument("gold", metavar="GOLD.jsonl")
    evaluate.add_argument(
        "--match",
        choices=("exact", "overlap", "eupeg"),
        default="exact",
        help="how a found span must meet a gold one (default: exact)",
    )
    evaluate.add_argument(
        "--only-key", metavar="KEY", help="score only gold toponyms whose KEY is true (e.g. in_geocoding_eval)"
    )
    evaluate.add_argument("--model", metavar="NAME", help="spaCy model package, as for extract")
    evaluate.add_argument("-o", "--output", metavar="FILE", help="also keep the predictions here (JSONL)")
    evaluate.add_argument(
        "--predictions",
        metavar="RESULTS",
        help="score these results (a folder or JSONL file written by extract) instead of extracting now",
    )

    layer = commands.add_parser(
        "gazetteer",
        parents=[common],
        help="add your own places (a GeoNames dump, a CSV or GeoJSON list) to the gazetteer",
        description="add: import GeoNames dumps as published (UA.zip, allCountries.zip, cities500.zip, "
        "XX.txt) or CSV/GeoJSON lists (name, lat, lon; optional kind, country, admin1, alternate_names) "
        "into a layer in the cache that every later command uses; list: the added files; remove: drop one.",
    )
    layer.add_argument("action", choices=("add", "list", "remove"))
    layer.add_argument("files", nargs="*", metavar="FILE", help="files to add, or names (as list shows) to remove")
    return parser


def _names(text: str) -> frozenset[str]:
    names = frozenset(n.strip() for n in text.split(",") if n.strip())
    if not names:
        raise argparse.ArgumentTypeError("give one or more names separated by commas")
    return names


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
