"""From documents to JSON-ready records: the engine behind `geoevents extract`."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .documents import Document
from .model import load_model


class Extractor:
    """Runs a spaCy pipeline with the toponym component over documents, in batches."""

    def __init__(self, model: str | None = None, aliases: Sequence[str] = (), batch_size: int = 32) -> None:
        from . import component  # noqa: F401  (registers the factory)

        self.nlp = load_model(model)
        self.nlp.add_pipe("geoevents_toponyms", config={"aliases": list(aliases)})
        self.batch_size = batch_size

    def extract(self, documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
        """One record per document, in input order."""
        pairs = ((d.text, d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield {
                "doc_id": document.doc_id,
                "date": document.date.isoformat() if document.date else None,
                "toponyms": [t.to_dict() for t in doc._.toponyms],
            }
