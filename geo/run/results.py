"""A folder of extraction results that grows run by run, in numbered parts that are never rewritten.

    results/
      _geoevents.json      marks the folder as geoevents results, with its layout version
      part-00000.jsonl     records as `geoevents extract` writes them, one document a line
      part-00001.parquet   or the same records as a table (`--format parquet`)
      .geoevents.lock      held by the run writing into the folder, naming it

Each part is written whole or not at all (a hidden temporary file renamed into place), so a run
that stops half-way leaves only complete parts, and the next run goes on after them: documents
whose doc_id and text are already in the folder are skipped, the others go into new parts. A
document whose text has changed is extracted again and its new record, in a later part,
replaces the old one: readers see the last record of each doc_id.

A Parquet part has one row per document and one string column per record key; the nested
`toponyms` and `events` are JSON text, so both formats read back to the same records. It is
plain Parquet, not GeoParquet: a document has no single geometry (`geoevents export` writes
the events as GeoParquet).

One writer at a time: a run holds the folder's lock (an flock on `.geoevents.lock`, which the
system releases whatever way the process ends, kill -9 included) from the moment it decides
which documents are new until its last part is in place. A second run into the same folder
meanwhile is refused with a DatasetError naming the holder (process id, host, start time and
command), so two overlapping daily jobs never take the same part number or lose documents.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import re
import socket
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.errors import GeoeventsError
from geo.record import SCHEMA_VERSION, DocumentRecord, RecordError, from_dict

from .engines import batches
from .extract import text_hash
from .output import atomic_path, atomic_writer, write_jsonl

if TYPE_CHECKING:
    from .readers import Document

MARKER = "_geoevents.json"
LOCK = ".geoevents.lock"
NESTED = ("toponyms", "events")
_PART = re.compile(r"part-(\d+)\.(jsonl|parquet)")

Row = dict[str, Any]  # a Parquet row: nested columns as JSON text


class DatasetError(GeoeventsError, ValueError):
    """A folder that is not readable results, or cannot become them; the message names folder or part."""


def is_dataset(path: str | os.PathLike) -> bool:
    """Whether `path` is a folder of results (it has the marker file)."""
    return (Path(path) / MARKER).is_file()


def is_records_file(path: str | os.PathLike) -> bool:
    """Whether `path` is a JSONL file `geoevents extract -o FILE` wrote: its first record has
    doc_id, toponyms and events, and no text (articles have a text, records do not)."""
    path = Path(path)
    if path.suffix.lower() not in (".jsonl", ".ndjson") or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8-sig") as f:
            first = next((line for line in f if line.strip()), "")
        record = json.loads(first)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(record, dict) and {"doc_id", "toponyms", "events"} <= record.keys() and "text" not in record


def is_results(path: str | os.PathLike) -> bool:
    """Whether `path` holds extraction results: a results folder or an extract JSONL file."""
    return is_dataset(path) or is_records_file(path)


def read_results(paths: Iterable[str | os.PathLike]) -> Iterator[DocumentRecord]:
    """The records of results folders and extract JSONL files, in order; DatasetError on a bad one."""
    for path in paths:
        if is_dataset(path):
            yield from Dataset(path).records()
        elif is_records_file(path):
            yield from _read_jsonl(Path(path))
        else:
            raise DatasetError(f"{path}: neither a folder of geoevents results nor a JSONL file of extract records")


class Dataset:
    """The results folder at `folder`: its parts, the documents they hold, and new parts after them."""

    def __init__(self, folder: str | os.PathLike, *, new_ok: bool = False) -> None:
        """Open the results at `folder`; with `new_ok` also a new or empty folder, made on the first write.

        A file, or a folder holding anything but results, is refused rather than mixed with parts.
        """
        self.folder = Path(folder)
        self._locked = False
        if is_dataset(self.folder):
            self._check_marker()
        elif not new_ok:
            raise DatasetError(f"{self.folder}: not a folder of geoevents results (no {MARKER})")
        elif self.folder.exists() and not self.folder.is_dir():
            raise DatasetError(f"{self.folder}: is a file; results go into a folder")
        elif self.folder.is_dir() and any(not p.name.startswith(".") for p in self.folder.iterdir()):
            raise DatasetError(
                f"{self.folder}: the folder holds other files, not geoevents results; give a new or empty folder"
            )

    def _check_marker(self) -> None:
        marker = self.folder / MARKER
        try:
            version = json.loads(marker.read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError, AttributeError) as e:
            raise DatasetError(f"{marker}: not a readable geoevents marker ({e})") from None
        if version != SCHEMA_VERSION:
            raise DatasetError(
                f"{marker}: record schema version {version!r}, but this geoevents reads version {SCHEMA_VERSION}"
            )

    def parts(self) -> list[Path]:
        """The part files, in the order they were written."""
        if not self.folder.is_dir():
            return []
        try:
            numbered = [(_number(p), p) for p in self.folder.iterdir() if _PART.fullmatch(p.name)]
        except OSError as e:
            raise DatasetError(f"{self.folder}: cannot read ({e.strerror or e})") from None
        return [p for _, p in sorted(numbered)]

    def unseen(self, documents: Iterable[Document]) -> Iterator[Document]:
        """The documents not in the folder yet: a new doc_id, or a text that has changed."""
        seen = {key for part in self.parts() for key in _keys(part)}
        return (d for d in documents if (d.doc_id, text_hash(d.text)) not in seen)

    def records(self) -> Iterator[DocumentRecord]:
        """Every record in the order written, except those a later record of the same doc_id replaces."""
        parts = self.parts()
        latest = {doc_id: (n, row) for n, part in enumerate(parts) for row, (doc_id, _) in enumerate(_keys(part))}
        for n, part in enumerate(parts):
            for row, record in enumerate(_read(part)):
                if latest.get(record["doc_id"]) == (n, row):
                    yield record

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder for this run; DatasetError naming the holder when another run holds it."""
        if self._locked:
            yield
            return
        path = self.folder / LOCK
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held open for the whole block)
        except OSError as e:
            raise DatasetError(f"{self.folder}: cannot write here ({e.strerror or e})") from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise DatasetError(
                    f"{self.folder}: another run is writing into this folder ({holder}); "
                    "wait until it ends, or write into another folder"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(_holder() + "\n")
            handle.flush()
            self._locked = True
            try:
                yield
            finally:
                self._locked = False
                fcntl.flock(handle, fcntl.LOCK_UN)

    def write(self, records: Iterable[DocumentRecord], *, fmt: str = "jsonl", size: int = 500) -> int:
        """Write `records` into new parts of `size` records after the existing ones; how many were written.

        Holds the folder's lock meanwhile (callers that chose the records from `unseen` hold it
        from before). DatasetError when the folder cannot be written.
        """
        with self.lock():
            number = max((_number(p) for p in self.parts()), default=-1) + 1
            written = 0
            try:
                for chunk in batches(records, size):
                    if not is_dataset(self.folder):
                        with atomic_writer(self.folder / MARKER) as f:
                            f.write(json.dumps({"geoevents": "extraction records", "version": SCHEMA_VERSION}) + "\n")
                    _WRITERS[fmt](chunk, self.folder / f"part-{number:05d}.{fmt}")
                    number += 1
                    written += len(chunk)
            except OSError as e:
                raise DatasetError(f"{e.filename or self.folder}: cannot write ({e.strerror or e})") from None
            return written


def _holder() -> str:
    """Who holds a lock: process, host, since when, doing what."""
    started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    command = " ".join(["geoevents", *sys.argv[1:]]) if sys.argv else "?"
    return f"process {os.getpid()} on {socket.gethostname()} since {started}: {command}"


def _number(part: Path) -> int:
    match = _PART.fullmatch(part.name)
    assert match is not None, part  # only part files are numbered
    return int(match[1])


def _write_jsonl(records: list[DocumentRecord], path: Path) -> None:
    with atomic_writer(path) as f:
        write_jsonl(records, f)


def _write_parquet(records: list[DocumentRecord], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{k: json.dumps(v, ensure_ascii=False) if k in NESTED else v for k, v in r.items()} for r in records]
    table = pa.Table.from_pylist(rows, schema=pa.schema([(key, pa.string()) for key in rows[0]]))
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)


_WRITERS = {"jsonl": _write_jsonl, "parquet": _write_parquet}


def _keys(part: Path) -> Iterator[tuple[str, str | None]]:
    """(doc_id, text_hash) of each record of a part, reading no more than needed."""
    if part.suffix == ".parquet":
        return ((r["doc_id"], r["text_hash"]) for r in _parquet_rows(part, columns=["doc_id", "text_hash"]))
    return ((r["doc_id"], r.get("text_hash")) for r in _read_jsonl(part))


def _read(part: Path) -> Iterator[DocumentRecord]:
    return _read_parquet(part) if part.suffix == ".parquet" else _read_jsonl(part)


def _read_jsonl(part: Path) -> Iterator[DocumentRecord]:
    try:
        with part.open(encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if line.strip():
                    yield _record(line, f"{part} line {lineno}")
    except (OSError, UnicodeDecodeError) as e:
        raise DatasetError(f"{part}: cannot read ({e})") from None


def _record(line: str, where: str) -> DocumentRecord:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise DatasetError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from None
    try:
        return from_dict(record)
    except RecordError as e:
        raise DatasetError(f"{where}: not an extraction record ({e})") from None


def _read_parquet(part: Path) -> Iterator[DocumentRecord]:
    for row, record in enumerate(_parquet_rows(part), 1):
        try:
            yield from_dict({k: json.loads(v) if k in NESTED and v is not None else v for k, v in record.items()})
        except json.JSONDecodeError as e:
            raise DatasetError(f"{part} row {row}: a nested column is not valid JSON ({e.msg})") from None
        except RecordError as e:
            raise DatasetError(f"{part} row {row}: not an extraction record ({e})") from None


def _parquet_rows(part: Path, columns: list[str] | None = None) -> list[Row]:
    import pyarrow.parquet as pq

    try:
        rows = pq.ParquetFile(part).read(columns=columns).to_pylist()
    except (OSError, ValueError) as e:  # pyarrow's ArrowInvalid is a ValueError
        raise DatasetError(f"{part}: not a readable Parquet part ({e})") from None
    if rows and not isinstance(rows[0].get("doc_id"), str):
        raise DatasetError(f"{part}: not extraction records (no doc_id)")
    return rows
