"""The Python API of geoevents: what `geoevents extract` does, and what `export` and `map` read.

    from geo import api

    documents = api.read_documents(["feed/"], on_error=print)        # folders, files, JSONL, CSV
    records = api.extract(documents, api.EngineOptions(workers=2))   # one record per document
    keep = api.EventFilter.of(types=frozenset({"strike"}))
    strikes = list(api.filter_events(records, keep))

    api.write_records(strikes, "results/")                           # a results folder, resumable
    again = list(api.read_results(["results/"]))                     # folders or extract JSONL files

The map and the export formats are one layer up, in maps.api, which builds on this one. Every
error meant for the user derives from gazetteer.errors.GeoeventsError.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from gazetteer.errors import GeoeventsError
from gazetteer.geocoders import GeocoderError, GeocoderSettings

from .events.filter import EventFilter, FilterError
from .record import DocumentRecord
from .run.engines import Engine, EngineOptions, OnError, Opened, open_engine
from .run.extract import ExtractionError, Extractor
from .run.output import atomic_writer, write_jsonl
from .run.readers import Document, InputError, read_documents
from .run.results import Dataset, DatasetError, is_results, read_results

__all__ = [
    "Dataset",
    "DatasetError",
    "Document",
    "DocumentRecord",
    "Engine",
    "EngineOptions",
    "EventFilter",
    "ExtractionError",
    "Extractor",
    "FilterError",
    "GeocoderError",
    "GeocoderSettings",
    "GeoeventsError",
    "InputError",
    "Opened",
    "extract",
    "filter_events",
    "is_results",
    "open_engine",
    "read_documents",
    "read_results",
    "results_folder",
    "write_records",
]


def extract(
    documents: Iterable[Document], options: EngineOptions = EngineOptions(), on_error: OnError | None = None
) -> Iterator[DocumentRecord]:
    """The records of `documents`, in input order, by the engine `options` choose.

    A document that cannot be extracted goes to `on_error` and is skipped (raised as
    ExtractionError without `on_error`). The engine closes when the records are exhausted.
    """
    with open_engine(options, on_error) as opened:
        yield from opened.engine.extract(documents)


def filter_events(records: Iterable[DocumentRecord], keep: EventFilter) -> Iterator[DocumentRecord]:
    """The records with only the events `keep` keeps (the records themselves all stay)."""
    for record in records:
        record["events"] = [e for e in record["events"] if keep.keep(e)]
        yield record


def results_folder(output: str | os.PathLike, *, engine: str = "local", fmt: str | None = None) -> Dataset | None:
    """The results folder an output names, or None when it names one JSONL file (or standard output).

    An output is a folder when it is one already, ends with a slash, or when the Dask engine
    or the Parquet format ask for one (they write in parts).
    """
    out = os.fspath(output)
    if not (os.path.isdir(out) or out.endswith(("/", os.sep)) or engine == "dask" or fmt == "parquet"):
        return None
    return Dataset(out, new_ok=True)


def write_records(
    records: Iterable[DocumentRecord],
    output: str | os.PathLike | None,
    *,
    fmt: str | None = None,
    partition_size: int = 500,
    engine: str = "local",
) -> int:
    """Write `records` into a results folder, or one JSONL file (standard output for None or "-").

    Returns how many were written; a JSONL file with none is not written at all.
    """
    folder = results_folder(output, engine=engine, fmt=fmt) if output not in (None, "-") else None
    if folder is not None:
        return folder.write(records, fmt=fmt or "jsonl", size=partition_size)
    try:
        with atomic_writer(output) as out:
            written = write_jsonl(records, out)
            if not written and output not in (None, "-"):
                raise _NothingWritten  # the writer then leaves no file behind
    except _NothingWritten:
        return 0
    return written


class _NothingWritten(Exception):
    """No record came: the JSONL file is not written at all."""
