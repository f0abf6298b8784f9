"""From documents to JSON-ready records: the engine behind `geoevents extract`, `export` and `map`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence

from geo.record import DocumentRecord
from geo.text.model import load_model

from .readers import Document


def text_hash(text: str) -> str:
    """A fingerprint of a document's text, kept in its record so a resumed run can tell
    an article it has seen from one whose text has changed since."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Extractor:
    """Runs a spaCy pipeline with the toponym component over documents, then finds their events."""

    def __init__(
        self,
        model: str | None = None,
        aliases: Sequence[str] = (),
        taxonomy: str | os.PathLike | None = None,
        batch_size: int = 32,
        workers: int = 1,
    ) -> None:
        from geo.events.finder import EventFinder
        from geo.events.taxonomy import Taxonomy
        from geo.text.attribute_table import replace_attribute_ruler
        from geo.text.component import shared_gazetteer

        self.nlp = load_model(model)
        replace_attribute_ruler(self.nlp)
        if "parser" in self.nlp.pipe_names:
            self.nlp.add_pipe("geoevents_line_breaks", before="parser")
        self.nlp.add_pipe("geoevents_toponyms", config={"aliases": list(aliases)})
        self.gazetteer = shared_gazetteer(tuple(aliases))
        self.taxonomy = Taxonomy.load(taxonomy)
        self.events = EventFinder(self.taxonomy)
        self.batch_size = batch_size
        self.workers = workers

    def extract(self, documents: Iterable[Document]) -> Iterator[DocumentRecord]:
        """One record per document, in input order (in `workers` processes when more than one)."""
        if self.workers > 1:
            from .processes import extract_in_workers

            return extract_in_workers(self, documents, self.workers)
        return self.extract_here(documents)

    def extract_here(self, documents: Iterable[Document]) -> Iterator[DocumentRecord]:
        """`extract` in this process."""
        from geo.events.dates import document_date

        pairs = ((d.text, d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            date = document.date or document_date(document.text)  # doc.text would join every token again
            yield {
                "doc_id": document.doc_id,
                "text_hash": text_hash(document.text),
                "date": date.isoformat() if date else None,
                "title": document.title,
                "url": document.url,
                "toponyms": [t.to_dict() for t in doc._.toponyms],
                "events": [e.to_dict(date) for e in self.events(doc, doc._.toponyms, date)],
            }
