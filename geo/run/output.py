"""Writing results: whole files or nothing, and progress a person can see."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any, TypeVar

from gazetteer.files import atomic_path

T = TypeVar("T")


@contextmanager
def atomic_writer(path: str | os.PathLike | None) -> Iterator[IO[str]]:
    """A text stream that becomes `path` only when the block succeeds; stdout for None or "-".

    A crash, a bad input or Ctrl-C half-way leaves the old file (or none),
    never half a file.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        yield f


def write_jsonl(records: Iterable[Mapping[str, Any]], stream: IO[str]) -> int:
    """One compact JSON object per line; returns how many were written."""
    n = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def progress(items: Iterable[T], *, enabled: bool, unit: str = "doc", total: int | None = None) -> Iterable[T]:
    """A progress bar on a terminal (stderr), nothing when piped or quiet."""
    if not enabled or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, unit=unit, total=total, file=sys.stderr, dynamic_ncols=True)
