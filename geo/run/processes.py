"""Extraction in several processes: the model is loaded once, in the parent, and forked.

Documents go out in small batches and records come back in input order. At
most two batches per worker are in flight, so a feed of any size is read as
fast as it is processed, never all at once.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from geo.record import DocumentRecord

if TYPE_CHECKING:
    from .extract import Extractor
    from .readers import Document

T = TypeVar("T")

#: The extractor the workers inherit when the pool forks.
_inherited: Extractor | None = None


def _extract(batch: list[Document]) -> list[DocumentRecord]:
    assert _inherited is not None
    return list(_inherited.extract_here(batch))


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last may be shorter), read as they are needed."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def extract_in_workers(
    extractor: Extractor, documents: Iterable[Document], workers: int, batch_size: int = 8
) -> Iterator[DocumentRecord]:
    """`extractor.extract` over `workers` forked processes, records in input order."""
    global _inherited
    _inherited = extractor
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        pending: deque = deque()
        for batch in batches(documents, batch_size):
            pending.append(pool.apply_async(_extract, (batch,)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
