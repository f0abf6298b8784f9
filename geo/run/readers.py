"""Read news articles from folders, text files, JSONL, CSV or stdin into Documents.

Every command (extract, export, map) reads its input through here, so bad input is
handled the same way everywhere: each problem becomes an InputError naming the file
(and line), and the remaining documents are still read.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, dropwhile
from pathlib import Path
from typing import TextIO

from gazetteer.errors import GeoeventsError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
MANIFEST_NAME = "manifest.json"
STDIN = "-"

_SNIFF_BYTES = 8192
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BYTES_PER_CHAR = 4  # UTF-8 never needs more, so a bigger file must be over max_chars
_JSON_TYPES = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "null",
}


@dataclass(frozen=True)
class Document:
    """One article; offsets found later refer to `text` exactly as stored here."""

    doc_id: str
    text: str
    date: datetime.date | None = None
    title: str | None = None
    url: str | None = None
    source: str = ""  # e.g. "seeds/000.txt" or "feed.jsonl:17", for messages and map popups


class InputError(GeoeventsError, ValueError):
    """One bad input file or record; the message names the file (and line)."""


def read_documents(
    inputs: Sequence[str | os.PathLike],
    *,
    date: datetime.date | None = None,
    on_error: Callable[[InputError], None] | None = None,
    max_chars: int = 2_000_000,
    stdin: TextIO | None = None,
) -> Iterator[Document]:
    """Yield the documents of every input in order, skipping the bad ones.

    Each input is a folder (its .txt/.md/.jsonl/.ndjson/.csv files and those of its
    subfolders, sorted by path, hidden files and folders skipped; a text file's doc_id is its
    path relative to the folder given, e.g. "x.txt" or "a/b/x.txt"), one such file, or "-" for
    stdin (JSONL if its first non-blank character is "{", else one plain-text document "stdin").

    Dates: a text file takes its date from manifest.json in its folder, a JSONL/CSV
    record from its "date" field; `date` (the CLI's --date) is only the fallback for
    documents that have none, so it never overrides a known date.

    Texts are kept as given except that "\\r\\n" becomes "\\n", so that later character
    offsets do not depend on the platform that wrote the file.

    Each problem is passed to `on_error` as an InputError and reading goes on with the
    next record or file; without `on_error` the first problem is raised.
    """
    # csv refuses fields over 128 KiB by default; articles may be longer. Only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), _BYTES_PER_CHAR * max_chars))
    reader = _Reader(date=date, on_error=on_error, max_chars=max_chars, stdin=stdin)
    for item in inputs:
        yield from reader.read_input(item)


@dataclass
class _Reader:
    """State shared across one run: options, ids seen so far, manifests loaded."""

    date: datetime.date | None
    on_error: Callable[[InputError], None] | None
    max_chars: int
    stdin: TextIO | None
    _seen: dict[str, str] = field(default_factory=dict)  # doc_id -> source of its first use
    _manifests: dict[Path, dict[str, datetime.date | None]] = field(default_factory=dict)

    def report(self, error: InputError) -> None:
        """Hand a problem to the caller, or raise it if nobody listens."""
        if self.on_error is None:
            raise error
        self.on_error(error)

    def read_input(self, item: str | os.PathLike) -> Iterator[Document]:
        """Dispatch one command-line input to the right reader."""
        if os.fspath(item) == STDIN:
            return self._guarded("stdin", self._read_stdin())
        path = Path(item)
        if path.is_dir():
            return self._guarded(str(path), self._read_folder(path))
        return self._guarded(str(path), self._read_file(path))

    def _guarded(self, name: str, documents: Iterator[Document]) -> Iterator[Document]:
        """Turn a problem that stops one file into a report, so the next file is still read."""
        try:
            yield from documents
        except InputError as error:
            self.report(error)
        except OSError as error:
            self.report(InputError(f"{name}: cannot read ({error.strerror or error})"))

    def _read_folder(self, folder: Path) -> Iterator[Document]:
        files = _folder_files(folder)
        if not files:
            raise InputError(f"{folder}: no {', '.join(SUPPORTED_SUFFIXES)} files in this folder or below it")
        for path in files:
            doc_id = path.relative_to(folder).as_posix()
            yield from self._guarded(str(path), self._read_file(path, doc_id))

    def _read_file(self, path: Path, doc_id: str | None = None) -> Iterator[Document]:
        """The documents of one file; a text file's doc_id is `doc_id`, by default its name."""
        if not path.exists():
            raise InputError(f"{path}: file not found")
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            yield self._text_file_document(path, doc_id or path.name)
        elif suffix in JSONL_SUFFIXES:
            yield from self._jsonl_documents(self._file_lines(path), str(path))
        elif suffix in CSV_SUFFIXES:
            yield from self._csv_documents(self._file_lines(path), str(path))
        else:
            raise InputError(
                f"{path}: unsupported file type '{suffix}' (use {', '.join(SUPPORTED_SUFFIXES)}, or a folder of them)"
            )

    def _text_file_document(self, path: Path, doc_id: str) -> Document:
        size = path.stat().st_size
        if size > _BYTES_PER_CHAR * self.max_chars:
            raise InputError(
                f"{path}: file is {size:,} bytes, over the limit of {self.max_chars:,} "
                "characters; split it or raise --max-chars"
            )
        text = _decode(path.read_bytes(), str(path))
        date = self._manifest_date(path) or self.date
        return self._document(str(path), doc_id, text, date=date, source=str(path))

    def _manifest_date(self, path: Path) -> datetime.date | None:
        folder = path.parent
        if folder not in self._manifests:
            self._manifests[folder] = self._load_manifest(folder / MANIFEST_NAME)
        return self._manifests[folder].get(path.name)

    def _load_manifest(self, manifest: Path) -> dict[str, datetime.date | None]:
        """A broken manifest is reported once; its folder is then read undated."""
        if not manifest.is_file():
            return {}
        try:
            return _read_manifest(manifest, self.report)
        except InputError as error:
            self.report(InputError(f"{error}; its dates are ignored"))
            return {}

    def _read_stdin(self) -> Iterator[Document]:
        stream = self.stdin or codecs.getreader("utf-8-sig")(sys.stdin.buffer)
        lines = _stream_lines(stream)
        head = []  # leading blank lines plus the first non-blank one, to sniff the format
        for line in lines:
            head.append(line)
            if line.strip():
                break
        if "".join(head).lstrip().startswith("{"):
            yield from self._jsonl_documents(enumerate(chain(head, lines), 1), "stdin")
        else:
            text = "".join(chain(head, lines))
            yield self._document("stdin", "stdin", text, date=self.date, source="stdin")

    def _file_lines(self, path: Path) -> Iterator[tuple[int, str]]:
        """Yield numbered lines without loading the file; undecodable lines are reported and skipped."""
        with path.open("rb") as raw:
            head = raw.read(_SNIFF_BYTES)
            raw.seek(0)
            if head.startswith(_UTF16_BOMS):
                yield from _utf16_lines(raw, str(path))
                return
            _reject_binary_lines(head, str(path))
            offset = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
            raw.seek(offset)
            for lineno, line in enumerate(raw, 1):
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError as error:
                    self.report(_not_utf8(f"{path} line {lineno}", line, error, offset))
                else:
                    yield lineno, text
                offset += len(line)

    def _jsonl_documents(self, lines: Iterable[tuple[int, str]], name: str) -> Iterator[Document]:
        empty = True
        for lineno, line in lines:
            if not line.strip():
                continue
            empty = False
            where = f"{name} line {lineno}"
            try:
                document = self._record_document(json_object(line, where), name, lineno)
            except InputError as error:
                self.report(error)
                continue
            yield document
        if empty:
            raise InputError(f"{name}: no records (empty or only whitespace)")

    def _csv_documents(self, lines: Iterator[tuple[int, str]], name: str) -> Iterator[Document]:
        feed = _CsvFeed(dropwhile(lambda numbered: not numbered[1].strip(), lines))
        # strict: a quote out of place is an error, not a field that runs on over the next rows
        reader = csv.DictReader(feed, strict=True)
        try:
            fieldnames = reader.fieldnames
        except csv.Error as error:
            raise InputError(f"{name} line {feed.row_start}: the header row is not valid CSV ({error})") from None
        if not fieldnames:
            raise InputError(f"{name}: no records (empty or only whitespace)")
        if "text" not in fieldnames:
            raise InputError(f"{name}: no 'text' column in the header row (found: {', '.join(fieldnames)})")
        while True:
            feed.new_row()
            try:
                row = next(reader)
                document = self._csv_row_document(row, len(fieldnames), name, feed.row_start)
            except StopIteration:
                return
            except csv.Error as error:
                self.report(InputError(f"{name} line {feed.row_start}: {_csv_problem(error)}; the row is skipped"))
                feed.replay_after_start()  # the rows the broken one ran into are read again, on their own
                continue
            except InputError as error:
                self.report(error)
                continue
            yield document

    def _csv_row_document(self, row: dict, width: int, name: str, lineno: int) -> Document:
        found = width + len(row[None]) if None in row else width - list(row.values()).count(None)
        if found != width:
            raise InputError(f"{name} line {lineno}: {found} fields, but the header has {width}")
        return self._record_document(row, name, lineno)

    def _record_document(self, record: dict, name: str, lineno: int) -> Document:
        """Build a Document from one JSONL object or CSV row; unknown keys are ignored."""
        where = f"{name} line {lineno}"
        text = record.get("text")
        if text is None:
            raise InputError(f"{where}: no 'text' field")
        if not isinstance(text, str):
            raise InputError(f"{where}: 'text' must be a string, not {_json_type(text)}")
        return self._document(
            where,
            _record_id(record) or f"{Path(name).name}:{lineno}",
            text,
            date=_parse_date(record.get("date"), where) or self.date,
            title=_optional_str(record.get("title")),
            url=_optional_str(record.get("url")),
            source=f"{name}:{lineno}",
        )

    def _document(self, where: str, doc_id: str, text: str, **fields) -> Document:
        """Apply the checks every source shares: some text, within max_chars, id not seen yet."""
        if not text.strip():
            raise InputError(f"{where}: no text (empty or only whitespace)")
        text = text.replace("\r\n", "\n")
        if len(text) > self.max_chars:
            raise InputError(
                f"{where}: text is {len(text):,} characters, over the limit of "
                f"{self.max_chars:,}; split it or raise --max-chars"
            )
        if doc_id in self._seen:
            raise InputError(f"{where}: duplicate doc_id '{doc_id}' (first seen in {self._seen[doc_id]}); skipped")
        document = Document(doc_id, text, **fields)
        self._seen[doc_id] = document.source
        return document


class _CsvFeed:
    """Feed lines to csv while remembering the lines of the row being read, for messages and so
    that the rows a broken row ran into (an unbalanced quote) can be read again."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines
        self._again: deque[tuple[int, str]] = deque()
        self._row: list[tuple[int, str]] = []
        self._waiting = True
        self.row_start = 0

    def new_row(self) -> None:
        self._waiting = True
        self._row = []

    def replay_after_start(self) -> None:
        """Read again the lines of the failed row after its first one."""
        started = [i for i, (lineno, _) in enumerate(self._row) if lineno == self.row_start]
        if started:
            self._again.extendleft(reversed(self._row[started[0] + 1 :]))

    def __iter__(self) -> _CsvFeed:
        return self

    def __next__(self) -> str:
        lineno, line = self._again.popleft() if self._again else next(self._lines)
        self._row.append((lineno, line))
        if self._waiting and line.strip():  # csv skips blank lines between rows
            self.row_start, self._waiting = lineno, False
        return line


def _csv_problem(error: csv.Error) -> str:
    """What a csv.Error means for the user: most are a quote that is never closed."""
    text = str(error)
    if "unexpected end of data" in text or "expected after" in text:
        return f"unbalanced quote ({text})"
    return f"not valid CSV ({text})"


def _folder_files(folder: Path) -> list[Path]:
    """The article files of a folder and its subfolders, by path; hidden files and folders
    (editor locks, macOS "._" metadata, .git) and results folders are never articles."""
    from .results import MARKER

    files = []
    for here, folders, names in os.walk(folder, onerror=_raise):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not (Path(here) / f / MARKER).is_file())
        files += [
            Path(here) / name
            for name in names
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith(".")
        ]
    return sorted(files, key=lambda p: p.relative_to(folder).parts)


def _raise(error: OSError) -> None:
    raise error


def _decode(data: bytes, name: str) -> str:
    """Decode a whole file: UTF-8 (BOM optional) or UTF-16 with a BOM, nothing else."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text; convert it to UTF-8") from None
    _reject_binary(data[:_SNIFF_BYTES], name)
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8(name, data[skip:], error, skip) from None


def _reject_binary(head: bytes, name: str) -> None:
    if b"\0" in head:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")


def _reject_binary_lines(head: bytes, name: str) -> None:
    """A line-based file is binary if it starts with NUL bytes that are not UTF-8 text either
    (gzip, a spreadsheet); a NUL in otherwise good text only spoils its own line, reported there."""
    if b"\0" not in head:
        return
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text") from None


def _not_utf8(where: str, data: bytes, error: UnicodeDecodeError, base: int) -> InputError:
    """Name the first bad byte and its file offset, so the user can find it."""
    return InputError(
        f"{where}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {base + error.start}); convert it to UTF-8"
    )


def _utf16_lines(raw: io.BufferedReader, name: str) -> Iterator[tuple[int, str]]:
    lineno = 0
    try:
        for lineno, line in enumerate(io.TextIOWrapper(raw, encoding="utf-16", newline=""), 1):
            yield lineno, line
    except UnicodeDecodeError:
        raise InputError(f"{name} line {lineno + 1}: not valid UTF-16 text; convert it to UTF-8") from None


def _stream_lines(stream: TextIO | codecs.StreamReader) -> Iterator[str]:
    try:
        yield from iter(stream.readline, "")
    except UnicodeDecodeError as error:
        raise InputError(f"stdin: not UTF-8 text ({error.reason}); convert it to UTF-8") from None


def _read_manifest(path: Path, report: Callable[[InputError], None]) -> dict[str, datetime.date | None]:
    """Map file name -> date from a manifest like seeds/manifest.json.

    InputError if the file as a whole is unusable; a bad entry is reported and the others kept.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read ({error})") from None
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(f'{path}: expected {{"documents": [{{"file": ..., "date": "YYYY-MM-DD"}}]}}')
    dates = {}
    for number, entry in enumerate(entries, 1):
        try:
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                raise InputError(f'{path}: entry {number} has no "file" name')
            dates[entry["file"]] = _parse_date(entry.get("date"), f"{path} entry {number} ({entry['file']})")
        except InputError as error:
            report(InputError(f"{error}; that entry is ignored"))
    return dates


def json_object(line: str, where: str) -> dict:
    """One JSON Lines record, which must be an object; InputError naming `where` otherwise."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object {{...}}, got {_json_type(value)}")
    return value


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _parse_date(value: object, where: str) -> datetime.date | None:
    """Accept YYYY-MM-DD or a full ISO datetime (its date as written); blank means no date."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):  # Python 3.10's fromisoformat does not know "Z"
            text = text[:-1] + "+00:00"
        try:
            return datetime.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputError(f"{where}: unknown date {value!r} (use YYYY-MM-DD)")


def _record_id(record: dict) -> str | None:
    for key in ("doc_id", "id"):
        value = record.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _optional_str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
