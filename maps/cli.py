"""The `geoevents` command line: a thin layer over geo.api and maps.api.

Its arguments are described in maps.arguments; the work is done by the two APIs (reading,
engines, filters and results folders in geo.api; event collections, exports and maps in
maps.api). What is left here is what only a command line does: turn arguments into calls,
say what happened on stderr, and choose the exit status (0 done, 1 something skipped or not
found, 2 a problem the user can fix: every GeoeventsError, printed as one line).

It lives in `maps`, the top of the stack (maps -> geo -> gazetteer), because its commands
reach every layer; each command imports only what it needs, so `geoevents lookup` starts
without loading spaCy, folium or geopandas.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, NamedTuple

from gazetteer import GeoeventsError

from .arguments import parser

if TYPE_CHECKING:
    from gazetteer import Gazetteer
    from geo.api import Document, EngineOptions, EventFilter, Opened
    from geo.events.taxonomy import Taxonomy

log = logging.getLogger("geoevents")


class CommandError(GeoeventsError):
    """A problem the user can fix; printed as one line, exit status 2."""


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
    from geo.api import is_results, read_documents

    for item in args.inputs:
        if is_results(item):
            raise CommandError(f"{item} holds extraction results, not articles (export and map read it)")
    return read_documents(args.inputs, date=args.date, on_error=_reporter(skipped), max_chars=args.max_chars)


def _reporter(skipped: list) -> Callable[[Exception], None]:
    """What a skipped input or document is told to: counted, and said on stderr."""

    def report(error: Exception) -> None:
        skipped.append(error)
        log.warning("skipped: %s", error)

    return report


def _options(args: argparse.Namespace) -> EngineOptions:
    """The engine the arguments ask for; the choice itself is geo.run.engines.open_engine's."""
    from geo.api import EngineOptions, GeocoderSettings

    engine = getattr(args, "engine", "local")
    if engine == "local" and getattr(args, "scheduler", None):
        raise CommandError("--scheduler is for --engine dask")
    if getattr(args, "geocoder", "offline") == "offline":
        for option in ("geocoder_url", "user_agent"):
            if getattr(args, option, None):
                raise CommandError(f"--{option.replace('_', '-')} is for --geocoder nominatim")
    if engine == "dask" and args.scheduler and args.workers != 1:
        raise CommandError("--workers sizes a local Dask cluster; the cluster at --scheduler has its own workers")
    return EngineOptions(
        engine=engine,
        model=args.model,
        aliases=tuple(args.aliases),
        taxonomy=getattr(args, "taxonomy", None),
        workers=getattr(args, "workers", 1),
        scheduler=getattr(args, "scheduler", None),
        partition_size=getattr(args, "partition_size", 500),
        geocoder=GeocoderSettings(
            name=getattr(args, "geocoder", "offline"),
            url=getattr(args, "geocoder_url", None),
            user_agent=getattr(args, "user_agent", None),
        ),
    )


@contextmanager
def _engine(args: argparse.Namespace, skipped: list) -> Iterator[Opened]:
    """The engine of the arguments, its settings checked; their problems as CommandErrors."""
    from geo.api import open_engine

    options = _options(args)
    try:
        with open_engine(options, on_error=_reporter(skipped)) as opened:
            _check_filters(args, opened.taxonomy)
            yield opened
    except OSError as e:
        raise CommandError(f"{e.filename}: cannot read ({e.strerror})" if e.filename else str(e)) from None
    except ValueError as e:
        if isinstance(e, GeoeventsError):
            raise
        raise CommandError(str(e)) from None


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


def _event_filter(args: argparse.Namespace) -> EventFilter:
    from geo.api import EventFilter

    return EventFilter.of(
        types=args.types,
        status=args.status,
        since=args.since,
        until=args.until,
        min_confidence=getattr(args, "min_confidence", 0.0),
    )


def _extract(args: argparse.Namespace) -> int:
    from geo.api import ExtractionError, filter_events, results_folder, write_records
    from geo.run.output import progress

    if args.output is None and args.format == "parquet":
        raise CommandError("--format parquet writes a folder of results: give -o FOLDER")
    keep = _event_filter(args)
    skipped: list = []
    read = _Counted(progress(_read(args, skipped), enabled=not args.quiet))
    folder = results_folder(args.output, engine=args.engine, fmt=args.format) if args.output else None
    with folder.lock(wait=args.wait) if folder else nullcontext(), _engine(args, skipped) as opened:
        records = filter_events(opened.engine.extract(folder.unseen(read) if folder else read), keep)
        if folder is not None:
            written = folder.write(records, fmt=args.format or "jsonl", size=args.partition_size)
        else:
            written = write_records(records, args.output)
    if not read.count or (not written and folder is None and args.output not in (None, "-")):
        raise _nothing_read(skipped)
    already = read.count - written - len([e for e in skipped if isinstance(e, ExtractionError)])
    log.info(
        "%d documents%s%s%s",
        written,
        f", {len(skipped)} skipped" if skipped else "",
        f" -> {args.output}" if args.output else "",
        f" ({already} already there, not extracted again)" if folder is not None and already else "",
    )
    return 1 if skipped else 0


class _Events(NamedTuple):
    """The filtered events of the inputs, and what a map needs besides."""

    collection: dict
    documents: int
    skipped: int
    taxonomy: Taxonomy
    gazetteer: Gazetteer | None  # the extractor's; None when the inputs are results read back


def _event_collection(args: argparse.Namespace) -> _Events:
    """Events from articles (extracted now) or from results (read back, no model loaded)."""
    from geo.api import read_results
    from geo.run.output import progress

    from .api import event_collection

    keep = _event_filter(args)
    skipped: list = []
    if _results_inputs(args):
        taxonomy = _taxonomy(args)
        read = _Counted(progress(read_results(args.inputs), enabled=not args.quiet))
        events = event_collection(read, keep)
        gazetteer = None
    else:
        args.engine, args.scheduler = "local", None
        with _engine(args, skipped) as opened:
            assert opened.extractor is not None  # a local engine
            taxonomy, gazetteer = opened.taxonomy, opened.extractor.gazetteer
            read = _Counted(progress(opened.engine.extract(_read(args, skipped)), enabled=not args.quiet))
            events = event_collection(read, keep)
    if not read.count:
        raise _nothing_read(skipped)
    return _Events(events, read.count, len(skipped), taxonomy, gazetteer)


def _results_inputs(args: argparse.Namespace) -> bool:
    """Whether the inputs are results (folders or extract JSONL files); an error when mixed with articles."""
    from geo.api import is_results

    results = [item for item in args.inputs if is_results(item)]
    if results and len(results) < len(args.inputs):
        raise CommandError("give results or articles, not both (extract the articles into the folder first)")
    return bool(results)


def _nothing_read(skipped: list) -> CommandError:
    return CommandError("no document could be read" + (f" ({len(skipped)} skipped)" if skipped else ""))


class _Counted:
    """An iterator that counts what passes through it, so a stream need not be kept to be counted."""

    def __init__(self, items: Iterable) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator:
        for item in self._items:
            self.count += 1
            yield item


def _map(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer

    from .api import write_map

    found = _event_collection(args)
    gazetteer = found.gazetteer if found.gazetteer is not None else Gazetteer(aliases=args.aliases)
    try:
        write_map(
            found.collection,
            args.output,
            types=found.taxonomy.types,
            title=args.title,
            outline_for=gazetteer.polygon,
            geojson=args.geojson,
        )
    except OSError as e:
        raise CommandError(f"cannot write {e.filename or args.output}: {e.strerror or e}") from None
    log.info("%d events from %d documents -> %s", len(found.collection["features"]), found.documents, args.output)
    return 1 if found.skipped else 0


def _export(args: argparse.Namespace) -> int:
    from .api import export

    found = _event_collection(args)
    try:
        fmt = export(found.collection, args.output, fmt=args.format, what=args.what, csv_raw=args.csv_raw)
    except OSError as e:
        raise CommandError(f"cannot write {args.output}: {e.strerror or e}") from None
    features = len(found.collection["features"]) if args.what == "events" else "all"
    log.info("%s %s from %d documents -> %s (%s)", features, args.what, found.documents, args.output, fmt)
    return 1 if found.skipped else 0


def _evaluate(args: argparse.Namespace) -> int:
    from geo.api import Document, is_results, read_results, write_records
    from geo.run.output import progress
    from geo.scoring import read_gold, score

    try:
        gold = read_gold(args.gold)
    except (OSError, ValueError) as e:
        raise CommandError(str(e)) from None
    if not gold:
        raise CommandError(f"{args.gold}: no documents")
    if args.predictions:
        if not is_results(args.predictions):
            raise CommandError(f"{args.predictions}: not results written by geoevents extract")
        predicted = {r["doc_id"]: r for r in read_results([args.predictions]) if r["doc_id"] in gold}
    else:
        args.engine, args.scheduler = "local", None
        documents = (Document(doc_id, doc["text"]) for doc_id, doc in gold.items())
        with _engine(args, []) as opened:
            records = opened.engine.extract(progress(documents, enabled=not args.quiet, total=len(gold)))
            predicted = {r["doc_id"]: r for r in records}
    if args.output:
        write_records(predicted.values(), args.output)
    print(json.dumps(score(gold, predicted, match=args.match, only_key=args.only_key).to_dict(), indent=1))
    return 0


def _gazetteer(args: argparse.Namespace) -> int:
    from gazetteer.imported import command

    if args.action != "list" and not args.files:
        raise CommandError(f"gazetteer {args.action} needs one or more files")
    return command(args.action, args.files, progress=None if args.quiet else log.info)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "lookup": _lookup,
    "extract": _extract,
    "export": _export,
    "map": _map,
    "evaluate": _evaluate,
    "gazetteer": _gazetteer,
}


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="geoevents: %(message)s", stream=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status is 0 on success, 1 when nothing was found, 2 on errors."""
    args = parser().parse_args(argv)
    _configure_logging(args)
    run = COMMANDS[args.command]
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        _refuse_output_among_inputs(args)
        return run(args)
    except GeoeventsError as e:
        log.error("error: %s", e)
        return 2
    except OSError as e:  # a folder or file the system refuses, not caught closer to where it was met
        if isinstance(e, BrokenPipeError):
            raise
        log.error("error: %s", f"{e.filename}: {e.strerror}" if e.filename and e.strerror else e)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except _Terminated:
        log.error("terminated")
        return 143
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Terminated(BaseException):
    """SIGTERM, raised where the program is, so that every file being written is removed whole."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def _refuse_output_among_inputs(args: argparse.Namespace) -> None:
    """An output that is one of the inputs would be overwritten while (or before) it is read."""
    output = getattr(args, "output", None)
    outputs = [o for o in (output, getattr(args, "geojson", None)) if o not in (None, "-")]
    inputs = [i for i in [*getattr(args, "inputs", []), getattr(args, "gold", None)] if i not in (None, "-")]
    for out in outputs:
        for item in inputs:
            if _same(out, item):
                raise CommandError(f"the output {out} is also an input: write it somewhere else")


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


if __name__ == "__main__":
    sys.exit(main())
