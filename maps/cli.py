"""The `geoevents` command line.

It lives in `maps`, the top of the stack (maps -> geo -> gazetteer), because
its commands reach every layer; each command imports only what it needs, so
`geoevents lookup` starts without loading spaCy, folium or geopandas.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gazetteer import KINDS, AliasError

if TYPE_CHECKING:
    from gazetteer import Gazetteer
    from geo.events.taxonomy import Taxonomy
    from geo.run.dask_engine import Settings
    from geo.run.readers import Document
    from geo.run.results import Dataset

log = logging.getLogger("geoevents")
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

Every place comes from an offline gazetteer (GeoNames, CC BY 4.0; Natural Earth,
public domain): nothing is sent over the network.
"""


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
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
    lookup.set_defaults(run=_lookup)

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
    extract.set_defaults(run=_extract)

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
        "--what",
        choices=("events", "places"),
        default="events",
        help="one feature per event (default) or per place, with event counts by type",
    )
    export.set_defaults(run=_export)

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
    draw.set_defaults(run=_map)

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
    evaluate.set_defaults(run=_evaluate)
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


def _lookup(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer

    gazetteer = Gazetteer(aliases=args.aliases)
    country = args.country.upper() if args.country else None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise CommandError(f"--country takes a two-letter ISO code such as UA, not {args.country!r}")
    found_all = True
    for name in args.names:
        places = gazetteer.candidates(name, country=country, kind=args.kind, limit=args.limit)
        found_all &= bool(places)
        if args.json:
            fields = ("name", "kind", "lat", "lon", "country_code", "admin1", "geonameid", "population", "score", "id")
            record = {"query": name, "candidates": [{f: getattr(p, f) for f in fields} for p in places]}
            for candidate in record["candidates"]:
                candidate["score"] = round(candidate["score"], 4)
            print(json.dumps(record, ensure_ascii=False))
            continue
        print(f"{name}:")
        if not places:
            print("  (no place of that name)")
        for p in places:
            where = ", ".join(x for x in (p.admin1, p.country_code) if x)
            print(
                f"  {p.score:.3f}  {p.name} ({p.kind}{', ' + where if where else ''})  "
                f"{p.lat:.4f}, {p.lon:.4f}  pop {p.population:,}  [{p.id}]"
            )
    return 0 if found_all else 1


def _read(args: argparse.Namespace, skipped: list) -> Iterator[Document]:
    """The documents of the inputs; each bad one is reported and counted, the others go on."""
    from geo.run.readers import read_documents
    from geo.run.results import is_dataset

    for item in args.inputs:
        if is_dataset(item):
            raise CommandError(f"{item} holds extraction results, not articles (export and map read it)")

    def report(error: Exception) -> None:
        skipped.append(error)
        log.warning("skipped: %s", error)

    return read_documents(args.inputs, date=args.date, on_error=report, max_chars=args.max_chars)


def _extractor(args: argparse.Namespace):
    from geo.run.extract import Extractor
    from geo.text.model import ModelNotFound

    try:
        extractor = Extractor(
            model=args.model,
            aliases=args.aliases,
            taxonomy=getattr(args, "taxonomy", None),
            workers=getattr(args, "workers", 1),
        )
    except (ModelNotFound, ValueError, OSError) as e:
        raise CommandError(str(e)) from None
    _check_filters(args, extractor.taxonomy)
    return extractor


def _taxonomy(args: argparse.Namespace) -> Taxonomy:
    """The taxonomy alone, for commands that need its types but no model."""
    from geo.events.taxonomy import Taxonomy

    try:
        taxonomy = Taxonomy.load(args.taxonomy)
    except ValueError as e:
        raise CommandError(str(e)) from None
    _check_filters(args, taxonomy)
    return taxonomy


def _check_filters(args: argparse.Namespace, taxonomy: Taxonomy) -> None:
    known = set(taxonomy.types)
    unknown = sorted((getattr(args, "types", None) or set()) - known)
    if unknown:
        raise CommandError(f"unknown event type(s) {', '.join(unknown)}; the taxonomy has {', '.join(sorted(known))}")
    statuses = {"reported", "planned", "hypothetical"}
    if getattr(args, "status", None) and not args.status <= statuses:
        raise CommandError(f"--status takes {', '.join(sorted(statuses))}")


def _settings(args: argparse.Namespace) -> Settings:
    """What Dask workers build their extractor from, checked here first; files by absolute path."""
    from geo.run.dask_engine import Settings
    from geo.text.model import ModelNotFound, resolve_name

    try:
        model = resolve_name(args.model)
    except ModelNotFound as e:
        raise CommandError(str(e)) from None
    _taxonomy(args)
    try:
        return Settings.of(model, args.aliases, args.taxonomy)
    except OSError as e:
        raise CommandError(f"{e.filename}: cannot read ({e.strerror})") from None


@contextmanager
def _engine(args: argparse.Namespace) -> Iterator[Callable[[Iterable[Document]], Iterator[dict]]]:
    """What turns documents into records: this machine's extractor, or a Dask cluster."""
    if args.engine == "local":
        if args.scheduler:
            raise CommandError("--scheduler is for --engine dask")
        yield _extractor(args).extract
        return
    from functools import partial

    from geo.run.dask_engine import connect, extract_on_cluster

    if args.scheduler and args.workers != 1:
        raise CommandError("--workers sizes a local Dask cluster; the cluster at --scheduler has its own workers")
    settings = _settings(args)
    with connect(args.scheduler, args.workers) as client:
        log.info("Dask cluster %s: %d worker processes", args.scheduler or "(local)", len(client.nthreads()))
        yield partial(extract_on_cluster, client, settings, partition_size=args.partition_size)


def _event_filter(args: argparse.Namespace):
    from .features import EventFilter

    return EventFilter(
        types=args.types,
        status=args.status,
        since=args.since.isoformat() if args.since else None,
        until=args.until.isoformat() if args.until else None,
        min_confidence=getattr(args, "min_confidence", 0.0),
    )


def _filtered(records: Iterator[dict], args: argparse.Namespace) -> Iterator[dict]:
    """Records with only the events the filters keep."""
    keep = _event_filter(args)
    for record in records:
        record["events"] = [e for e in record["events"] if keep.keep(e)]
        yield record


def _extract(args: argparse.Namespace) -> int:
    from geo.run.dask_engine import ClusterError
    from geo.run.output import progress
    from geo.run.results import DatasetError

    skipped: list = []
    read = _Counted(progress(_read(args, skipped), enabled=not args.quiet))
    try:
        dataset = _output_folder(args)
        with _engine(args) as extract:
            records = _filtered(extract(dataset.unseen(read) if dataset else read), args)
            written = _write_records(records, dataset, args, skipped)
    except (ClusterError, DatasetError) as e:
        raise CommandError(str(e)) from None
    if not read.count:
        raise _nothing_read(skipped)
    already = read.count - written  # only a results folder holds documents before the run
    log.info(
        "%d documents%s%s%s",
        written,
        f", {len(skipped)} skipped" if skipped else "",
        f" -> {args.output}" if args.output else "",
        f" ({already} already there, not extracted again)" if already else "",
    )
    return 1 if skipped else 0


def _output_folder(args: argparse.Namespace) -> Dataset | None:
    """The results folder `-o` names, or None for one JSONL file or standard output."""
    from geo.run.results import Dataset

    out = args.output
    if out is None:
        if args.format == "parquet":
            raise CommandError("--format parquet writes a folder of results: give -o FOLDER")
        return None
    if not (os.path.isdir(out) or out.endswith(("/", os.sep)) or args.engine == "dask" or args.format == "parquet"):
        return None
    return Dataset(out, new_ok=True)


def _write_records(records: Iterator[dict], dataset: Dataset | None, args: argparse.Namespace, skipped: list) -> int:
    """Write the records into the results folder, or as one JSONL file (none at all if there are none)."""
    from geo.run.output import atomic_writer, write_jsonl

    if dataset is not None:
        return dataset.write(records, fmt=args.format or "jsonl", size=args.partition_size)
    with atomic_writer(args.output) as out:
        written = write_jsonl(records, out)
        if not written:  # leave no empty file behind
            raise _nothing_read(skipped)
    return written


class _Events(NamedTuple):
    """The filtered event features of the inputs, and what a map needs besides."""

    features: list[dict]
    documents: int
    skipped: int
    taxonomy: Taxonomy
    gazetteer: Gazetteer | None  # the extractor's; None when the inputs are results read back


def _event_collection(args: argparse.Namespace) -> _Events:
    """Events from articles (extracted now) or from folders of results (read back, no model loaded)."""
    from geo.run.output import progress
    from geo.run.results import DatasetError

    from .features import event_features

    skipped: list = []
    folders = _results_inputs(args)
    if folders:
        taxonomy, gazetteer = _taxonomy(args), None
        records = (record for folder in folders for record in folder.records())
    else:
        extractor = _extractor(args)
        taxonomy, gazetteer = extractor.taxonomy, extractor.gazetteer
        records = extractor.extract(_read(args, skipped))
    read = _Counted(progress(records, enabled=not args.quiet))
    try:
        features = list(event_features(read, _event_filter(args)))  # records stream through; only events stay
    except DatasetError as e:
        raise CommandError(str(e)) from None
    if not read.count:
        raise _nothing_read(skipped)
    return _Events(features, read.count, len(skipped), taxonomy, gazetteer)


def _results_inputs(args: argparse.Namespace) -> list[Dataset]:
    """The inputs as folders of results when they all are; none when none is; an error when mixed."""
    from geo.run.results import Dataset, DatasetError, is_dataset

    folders = [item for item in args.inputs if is_dataset(item)]
    if folders and len(folders) < len(args.inputs):
        raise CommandError("give folders of results or articles, not both (extract the articles into the folder first)")
    try:
        return [Dataset(folder) for folder in folders]
    except DatasetError as e:
        raise CommandError(str(e)) from None


def _nothing_read(skipped: list) -> CommandError:
    return CommandError("no document could be read" + (f" ({len(skipped)} skipped)" if skipped else ""))


class _Counted:
    """An iterator that counts what passes through it, so a stream need not be kept to be counted."""

    def __init__(self, items: Iterator) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator:
        for item in self._items:
            self.count += 1
            yield item


def _map(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer

    from .export import write_geojson
    from .features import collection
    from .render import build_map, save_map

    found = _event_collection(args)
    events = collection(found.features)
    gazetteer = found.gazetteer if found.gazetteer is not None else Gazetteer(aliases=args.aliases)
    m = build_map(events, types=found.taxonomy.types, title=args.title, outline_for=gazetteer.polygon)
    try:
        save_map(m, args.output)
        if args.geojson:
            write_geojson(events, Path(args.geojson))
    except OSError as e:
        raise CommandError(f"cannot write {e.filename or args.output}: {e.strerror or e}") from None
    log.info("%d events from %d documents -> %s", len(found.features), found.documents, args.output)
    return 1 if found.skipped else 0


def _export(args: argparse.Namespace) -> int:
    from .export import WRITERS, format_for
    from .features import collection, place_features

    found = _event_collection(args)
    features, documents, skipped = found.features, found.documents, found.skipped
    if args.what == "places":
        features = place_features(features)
    output = Path(args.output)
    fmt = format_for(output, args.format)
    try:
        WRITERS[fmt](collection(features), output)
    except OSError as e:
        raise CommandError(f"cannot write {output}: {e.strerror or e}") from None
    log.info("%d %s from %d documents -> %s (%s)", len(features), args.what, documents, output, fmt)
    return 1 if skipped else 0


def _evaluate(args: argparse.Namespace) -> int:
    from geo.run.output import atomic_writer, progress, write_jsonl
    from geo.run.readers import Document
    from geo.scoring import read_gold, score

    try:
        gold = read_gold(args.gold)
    except (OSError, ValueError) as e:
        raise CommandError(str(e)) from None
    if not gold:
        raise CommandError(f"{args.gold}: no documents")
    extractor = _extractor(args)
    documents = (Document(doc_id, doc["text"]) for doc_id, doc in gold.items())
    predicted = {
        r["doc_id"]: r for r in extractor.extract(progress(documents, enabled=not args.quiet, total=len(gold)))
    }
    if args.output:
        with atomic_writer(args.output) as out:
            write_jsonl(predicted.values(), out)
    print(json.dumps(score(gold, predicted, match=args.match, only_key=args.only_key).to_dict(), indent=1))
    return 0


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="geoevents: %(message)s", stream=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status is 0 on success, 1 when nothing was found, 2 on errors."""
    args = _parser().parse_args(argv)
    _configure_logging(args)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (CommandError, AliasError) as e:
        log.error("error: %s", e)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return 0


if __name__ == "__main__":
    sys.exit(main())
