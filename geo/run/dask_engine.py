"""Extraction on a Dask cluster: the cluster side of geo.run.engines.DaskEngine.

The client (the process running `geoevents extract`) reads the inputs and writes the output;
each task carries the documents of one partition and returns their records, so inputs and
results need no folder shared with the workers. Workers need geoevents and the spaCy model
installed, and alias or taxonomy files at the same path as on the client.

Each worker process builds one Extractor when the first partition reaches it and keeps it for
the next ones, so the model loads once per worker, not once per partition; a cluster that keeps
running keeps it for the next run too, until the settings (or the alias and taxonomy files)
change. The ordered, bounded queue of partitions in flight is geo.run.engines.in_order.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.errors import GeoeventsError

from .extract import Extractor, Outcome

if TYPE_CHECKING:
    from distributed import Client

    from .readers import Document

CONNECT_TIMEOUT = 10  # seconds to reach a scheduler before giving up


class ClusterError(GeoeventsError, RuntimeError):
    """Dask missing, a scheduler out of reach, or a partition that failed; the message says which."""


@dataclass(frozen=True)
class Settings:
    """What a worker builds its Extractor from; it keeps that Extractor while the settings stay the same."""

    model: str | None = None
    aliases: tuple[str, ...] = ()
    taxonomy: str | None = None
    stamp: str = ""  # the contents of those files: a cluster that keeps running sees them change

    @classmethod
    def of(
        cls,
        model: str | None = None,
        aliases: Sequence[str | os.PathLike] = (),
        taxonomy: str | os.PathLike | None = None,
    ) -> Settings:
        """Settings with absolute paths, stamped with the files as they are now; OSError if one is unreadable."""
        files = tuple(os.path.abspath(a) for a in aliases)
        taxonomy = os.path.abspath(taxonomy) if taxonomy is not None else None
        digest = hashlib.blake2b(digest_size=16)
        for path in (*files, *([taxonomy] if taxonomy else [])):
            digest.update(Path(path).read_bytes())
        return cls(model, files, taxonomy, digest.hexdigest())


#: The Extractor of this worker process, and the settings it was built from.
_current: tuple[Settings, Extractor] | None = None
_lock = threading.Lock()


def _extract_partition(settings: Settings, documents: list[Document]) -> list[Outcome]:
    """Runs on a worker: the outcomes of one partition, by this worker process's Extractor."""
    global _current
    with _lock:  # a worker with several threads still loads one model, and runs it one batch at a time
        if _current is None or _current[0] != settings:
            _current = None  # let the old model go before the new one loads
            _current = (settings, Extractor(settings.model, settings.aliases, settings.taxonomy))
        return list(_current[1].outcomes(documents))


@contextmanager
def connect(scheduler: str | None = None, workers: int = 1) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a local one of `workers` processes; closed after."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--engine dask needs Dask: pip install 'geoevents[dask]'") from None
    # distributed sets its loggers to INFO when imported; a cluster starting and stopping is no news
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler is None:
        # ":0" puts the dashboard on a free port, so two local clusters never compete for one
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as e:  # a timeout is an OSError, a malformed address a ValueError
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    with client:
        yield client


def submit(client: Client, settings: Settings, partition: list[Document]) -> tuple[Any, str, str]:
    """Send one partition to the cluster: a future of its outcomes, and its first and last doc_id."""
    first, last = partition[0].doc_id, partition[-1].doc_id
    try:  # as data, not inside the task graph, which Dask wants small
        [data] = client.scatter([partition], hash=False)
    except TimeoutError:
        raise ClusterError(f"no Dask worker took documents {first} to {last}: the cluster has no workers") from None
    return client.submit(_extract_partition, settings, data, pure=False), first, last


def result(sent: tuple[Any, str, str], _partition: list[Document]) -> list[Outcome]:
    """The outcomes of a partition `submit` sent; ClusterError if its task failed."""
    future, first, last = sent
    try:
        return future.result()
    except Exception as e:
        raise ClusterError(f"a Dask worker failed on documents {first} to {last}: {type(e).__name__}: {e}") from None
