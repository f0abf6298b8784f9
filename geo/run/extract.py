"""From documents to JSON-ready records: the engine behind `geoevents extract`, `export` and `map`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.tokens import Doc

from geo.text.model import load_model

from .readers import Document


def text_hash(text: str) -> str:
    """A fingerprint of a document's text, kept in its record so a resumed run can tell
    an article it has seen from one whose text has changed since."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Extractor:
    """Runs a spaCy pipeline with the toponym and event components over documents."""

    def __init__(
        self,
        model: str | None = None,
        aliases: Sequence[str] = (),
        taxonomy: str | os.PathLike | None = None,
        batch_size: int = 32,
        workers: int = 1,
    ) -> None:
        from geo.events.component import EventComponent
        from geo.text.attribute_table import replace_attribute_ruler
        from geo.text.component import shared_gazetteer

        self.nlp = load_model(model)
        replace_attribute_ruler(self.nlp)
        if "parser" in self.nlp.pipe_names:
            self.nlp.add_pipe("geoevents_line_breaks", before="parser")
        self.nlp.add_pipe("geoevents_toponyms", config={"aliases": list(aliases)})
        events = self.nlp.add_pipe("geoevents_events", config={"taxonomy": None if taxonomy is None else str(taxonomy)})
        assert isinstance(events, EventComponent)
        self.gazetteer = shared_gazetteer(tuple(aliases))
        self.taxonomy = events.taxonomy
        self.batch_size = batch_size
        self.workers = workers

    def extract(self, documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
        """One record per document, in input order (in `workers` processes when more than one)."""
        if self.workers > 1:
            from .processes import extract_in_workers

            return extract_in_workers(self, documents, self.workers)
        return self.extract_here(documents)

    def extract_here(self, documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
        """`extract` in this process."""
        pairs = ((self._doc(d), d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            date = doc._.document_date  # the document's own, else its dateline's: set by the event component
            yield {
                "doc_id": document.doc_id,
                "text_hash": text_hash(document.text),
                "date": date.isoformat() if date else None,
                "title": document.title,
                "url": document.url,
                "toponyms": [t.to_dict() for t in doc._.toponyms],
                "events": [e.to_dict(date) for e in doc._.events],
            }

    def _doc(self, document: Document) -> Doc:
        """The document's Doc before the pipeline, carrying the date it was published if known."""
        doc = self.nlp.make_doc(document.text)
        doc._.document_date = document.date
        return doc
