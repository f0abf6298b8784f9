"""The engines that turn documents into records, behind one interface.

Like geopy's geocoders, each backend is one class with the same method:

    engine.extract(documents) -> records, one per document that could be extracted, in input order

- `LocalEngine`: this process.
- `ProcessEngine`: N forked processes of this machine (the model loads once, in the parent).
- `DaskEngine`: the workers of a Dask cluster (see geo.run.dask_engine).

`open_engine` is the one place that chooses among them. Every engine reports a document it
cannot extract to `on_error` and goes on with the next; the ordered, bounded work queue the
parallel ones share is `in_order`, written once here.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Protocol, TypeVar

from gazetteer.geocoders import OFFLINE, GeocoderSettings
from gazetteer.geocoders import check as check_geocoder

from .extract import DocumentRecord, ExtractionError, Extractor, Failure, Outcome

if TYPE_CHECKING:
    from distributed import Client

    from geo.events.taxonomy import Taxonomy

    from .dask_engine import Settings
    from .readers import Document

log = logging.getLogger(__name__)

T = TypeVar("T")
J = TypeVar("J")
F = TypeVar("F")

OnError = Callable[[ExtractionError], None]


class Engine(Protocol):
    """What turns documents into records."""

    def extract(self, documents: Iterable[Document]) -> Iterator[DocumentRecord]:
        """One record per document, in input order; a document that fails is reported and skipped."""
        ...


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last may be shorter), read as they are needed."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def in_order(
    jobs: Iterable[J], submit: Callable[[J], F], result: Callable[[F, J], list[T]], limit: Callable[[], int]
) -> Iterator[T]:
    """Submit each job and yield the results job by job, in the order submitted.

    At most `limit()` jobs are in flight (asked again at each job: a cluster may grow), so a
    feed of any size is read as fast as it is worked through, never all at once.
    """
    pending: deque[tuple[F, J]] = deque()
    for job in jobs:
        pending.append((submit(job), job))
        if len(pending) >= limit():
            yield from result(*pending.popleft())
    while pending:
        yield from result(*pending.popleft())


def _reported(outcomes: Iterable[Outcome], on_error: OnError | None) -> Iterator[DocumentRecord]:
    """The records of `outcomes`; each failure goes to `on_error`, or is raised if nobody listens."""
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            if on_error is None:
                raise outcome.error()
            on_error(outcome.error())
        else:
            yield outcome


class LocalEngine:
    """Extraction in this process."""

    def __init__(self, extractor: Extractor, on_error: OnError | None = None) -> None:
        self.extractor = extractor
        self.on_error = on_error

    def extract(self, documents: Iterable[Document]) -> Iterator[DocumentRecord]:
        return _reported(self.extractor.outcomes(documents), self.on_error)


#: The extractor the workers inherit when the pool forks.
_inherited: Extractor | None = None


def _extract_batch(batch: list[Document]) -> list[Outcome]:
    assert _inherited is not None
    return list(_inherited.outcomes(batch))


def _default_signals() -> None:
    """A worker ends on SIGTERM as any process does; the parent's handler is for the parent's files."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class ProcessEngine:
    """Extraction in `workers` forked processes of this machine; records come back in input order.

    Documents go out in small batches; at most two batches per worker are in flight.
    """

    def __init__(
        self, extractor: Extractor, workers: int, on_error: OnError | None = None, batch_size: int = 8
    ) -> None:
        self.extractor = extractor
        self.workers = workers
        self.on_error = on_error
        self.batch_size = batch_size

    def extract(self, documents: Iterable[Document]) -> Iterator[DocumentRecord]:
        global _inherited
        _inherited = self.extractor
        with multiprocessing.get_context("fork").Pool(self.workers, initializer=_default_signals) as pool:
            outcomes = in_order(
                batches(documents, self.batch_size),
                submit=lambda batch: pool.apply_async(_extract_batch, (batch,)),
                result=lambda future, _batch: future.get(),
                limit=lambda: 2 * self.workers,
            )
            yield from _reported(outcomes, self.on_error)


class DaskEngine:
    """Extraction on the workers of a Dask cluster, one task per partition; records in input order."""

    def __init__(
        self, client: Client, settings: Settings, partition_size: int = 500, on_error: OnError | None = None
    ) -> None:
        self.client = client
        self.settings = settings
        self.partition_size = partition_size
        self.on_error = on_error

    def extract(self, documents: Iterable[Document]) -> Iterator[DocumentRecord]:
        from . import dask_engine

        outcomes = in_order(
            batches(documents, self.partition_size),
            submit=lambda partition: dask_engine.submit(self.client, self.settings, partition),
            result=dask_engine.result,
            limit=lambda: 2 * max(1, sum(self.client.nthreads().values())),
        )
        return _reported(outcomes, self.on_error)


@dataclass(frozen=True)
class EngineOptions:
    """How to extract: which engine, and what every engine builds its extractor from."""

    engine: str = "local"  # local (this machine, `workers` processes) or dask
    model: str | None = None
    aliases: Sequence[str] = ()
    taxonomy: str | None = None
    workers: int = 1
    scheduler: str | None = None  # dask: the scheduler of a running cluster; None starts a local one
    partition_size: int = 500  # dask: documents per task
    geocoder: GeocoderSettings = OFFLINE  # names the gazetteer lacks: offline, or online (one process)


@dataclass
class Opened:
    """An engine ready to use, with the taxonomy its records follow and, locally, its extractor."""

    engine: Engine
    taxonomy: Taxonomy
    extractor: Extractor | None  # None on a cluster: the model lives on its workers


@contextmanager
def open_engine(options: EngineOptions, on_error: OnError | None = None) -> Iterator[Opened]:
    """The engine `options` ask for, closed (pool or cluster client) when the block ends.

    ModelNotFound, ClusterError, GeocoderError or an OSError/ValueError of an alias or taxonomy
    file when the settings cannot work.
    """
    check_geocoder(options.geocoder, options.workers if options.engine == "local" else 2)
    if options.engine == "local":
        extractor = Extractor(
            model=options.model, aliases=options.aliases, taxonomy=options.taxonomy, geocoder=options.geocoder
        )
        engine: Engine = (
            ProcessEngine(extractor, options.workers, on_error)
            if options.workers > 1
            else LocalEngine(extractor, on_error)
        )
        yield Opened(engine, extractor.taxonomy, extractor)
        return
    if options.engine != "dask":
        raise ValueError(f"unknown engine {options.engine!r}: local or dask")
    from geo.events.taxonomy import Taxonomy
    from geo.text.model import resolve_name

    from .dask_engine import Settings, connect

    taxonomy = Taxonomy.load(options.taxonomy)
    settings = Settings.of(resolve_name(options.model), options.aliases, options.taxonomy)
    with connect(options.scheduler, options.workers) as client:
        log.info("Dask cluster %s: %d worker processes", options.scheduler or "(local)", len(client.nthreads()))
        yield Opened(DaskEngine(client, settings, options.partition_size, on_error), taxonomy, None)


__all__ = [
    "DaskEngine",
    "Engine",
    "EngineOptions",
    "LocalEngine",
    "Opened",
    "ProcessEngine",
    "batches",
    "in_order",
    "open_engine",
]
