"""From documents to JSON-ready records: the extractor every engine of geo.run.engines runs.

A document that fails, for whatever reason, becomes a `Failure` in the stream instead of a
record, so one bad article never costs the others theirs. A document longer than `LONG_TEXT`
goes through the pipeline in windows of about `WINDOW` characters, cut at paragraph breaks
(else at a line break, a sentence end or a space), so its cost grows with its length and its
memory stays that of one window. What a window shares with the others: the document's date,
which every event falls back on; the countries of the places the windows before it found, which
weigh in its resolution; and its events: one event per type, place and date across the whole
document, merged as the event finder merges them within one. A paragraph's date and place,
which later events of the paragraph inherit, stay within its window (windows are cut between
paragraphs). Documents up to `LONG_TEXT` go through whole, exactly as before windows existed
(every article of the dev sets is under 15,000 characters, so their output is the same byte for
byte).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from spacy.tokens import Doc

from gazetteer.errors import GeoeventsError
from gazetteer.geocoders import OFFLINE, GeocoderSettings
from geo.events.dates import document_date
from geo.record import DocumentRecord, EventRecord, PlaceRecord, ToponymRecord
from geo.text.model import load_model

from .readers import Document

if TYPE_CHECKING:
    import datetime

#: Documents longer than this (in characters) go through the pipeline in windows.
LONG_TEXT = 20_000
#: The length a window aims at: long enough for every paragraph, short enough to stay linear.
WINDOW = 10_000


def text_hash(text: str) -> str:
    """A fingerprint of a document's text, kept in its record so a resumed run can tell
    an article it has seen from one whose text has changed since."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class ExtractionError(GeoeventsError):
    """A document the pipeline could not extract; the message names it and says why."""


@dataclass(frozen=True)
class Failure:
    """A document that could not be extracted, in place of its record (picklable, for other processes)."""

    doc_id: str
    source: str
    reason: str

    def error(self) -> ExtractionError:
        return ExtractionError(f"{self.source or self.doc_id}: not extracted ({self.reason}); skipped")


Outcome = DocumentRecord | Failure


class Extractor:
    """Runs a spaCy pipeline with the toponym and event components over documents."""

    def __init__(
        self,
        model: str | None = None,
        aliases: Sequence[str] = (),
        taxonomy: str | os.PathLike | None = None,
        batch_size: int = 32,
        geocoder: GeocoderSettings = OFFLINE,
    ) -> None:
        from geo.events.component import EventComponent
        from geo.text.attribute_table import replace_attribute_ruler
        from geo.text.component import shared_gazetteer

        self.nlp = load_model(model)
        replace_attribute_ruler(self.nlp)
        if "parser" in self.nlp.pipe_names:
            self.nlp.add_pipe("geoevents_line_breaks", before="parser")
        self.nlp.add_pipe("geoevents_toponyms", config={"aliases": list(aliases), "geocoder": geocoder.to_config()})
        events = self.nlp.add_pipe("geoevents_events", config={"taxonomy": None if taxonomy is None else str(taxonomy)})
        assert isinstance(events, EventComponent)
        self.gazetteer = shared_gazetteer(tuple(aliases))
        self.taxonomy = events.taxonomy
        self.batch_size = batch_size

    def extract(self, documents: Iterable[Document]) -> Iterator[DocumentRecord]:
        """One record per document, in input order, in this process; ExtractionError on the first failure.

        geo.run.engines runs it in other processes or on a cluster, and reports failures instead.
        """
        for outcome in self.outcomes(documents):
            if isinstance(outcome, Failure):
                raise outcome.error()
            yield outcome

    def outcomes(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        """A record or a Failure per document, in input order."""
        it = iter(documents)
        while batch := list(islice(it, self.batch_size)):
            yield from self._batch(batch)

    def _batch(self, batch: list[Document]) -> Iterator[Outcome]:
        whole = [d for d in batch if len(d.text) <= LONG_TEXT]
        try:  # as one batch, as spaCy works fastest; once one fails, one by one to find which
            done: dict[int, Outcome] = dict(zip((id(d) for d in whole), self._records(whole)))
        except Exception:
            done = {id(d): self._one(self._whole, d) for d in whole}
        for document in batch:
            yield done[id(document)] if id(document) in done else self._one(self._windowed, document)

    @staticmethod
    def _one(run: Callable[[Document], DocumentRecord], document: Document) -> Outcome:
        try:
            return run(document)
        except Exception as e:  # any reason at all: this document is reported, the others go on
            return Failure(document.doc_id, document.source, f"{type(e).__name__}: {e}")

    def _records(self, documents: list[Document]) -> list[DocumentRecord]:
        pairs = ((self._doc(d.text, _published(d)), d) for d in documents)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size)
        return [self._record(document, doc._.document_date, [(0, doc)]) for doc, document in docs]

    def _whole(self, document: Document) -> DocumentRecord:
        return self._records([document])[0]

    def _windowed(self, document: Document) -> DocumentRecord:
        date = _published(document)
        return self._record(document, date, self._windows(document.text, date))

    def _windows(self, text: str, date: datetime.date | None) -> Iterator[tuple[int, Doc]]:
        """(offset, Doc) of each window of a long text, parsed in turn, each resolving its names with
        the countries of the places the windows before it found (as one Doc would)."""
        context: Counter[str] = Counter()
        for start, end in windows(text, WINDOW):
            doc = self._doc(text[start:end], date)
            doc._.context_hints = context.copy()
            doc = self.nlp(doc)
            context.update(t.place.country_code for t in doc._.toponyms if t.place and t.place.country_code)
            yield start, doc

    def _doc(self, text: str, date: datetime.date | None) -> Doc:
        """A Doc of `text` (the document's, or a window of it) before the pipeline, carrying the
        document's date: the event component dates relative days by it."""
        doc = self.nlp.make_doc(text)
        doc._.document_date = date
        return doc

    def _record(
        self, document: Document, date: datetime.date | None, parts: Iterable[tuple[int, Doc]]
    ) -> DocumentRecord:
        """The record of a document parsed as `parts` (offset, Doc); the Docs are let go one by one."""
        toponyms: list[ToponymRecord] = []
        events: list[EventRecord] = []
        parsed = 0
        for offset, doc in parts:
            toponyms += (_shifted(t.to_dict(), offset) for t in doc._.toponyms)
            events += (_shifted_event(e.to_dict(date), offset) for e in doc._.events)
            parsed += 1
        if parsed > 1:
            events = _merged(events)
        return {
            "doc_id": document.doc_id,
            "text_hash": text_hash(document.text),
            "date": date.isoformat() if date else None,
            "title": document.title,
            "url": document.url,
            "toponyms": toponyms,
            "events": events,
        }


def _published(document: Document) -> datetime.date | None:
    """The date the document was published: as given, else its dateline's."""
    return document.date or document_date(document.text)


def windows(text: str, size: int = WINDOW) -> list[tuple[int, int]]:
    """(start, end) of consecutive windows covering `text`, each at most `size` characters,
    cut after a paragraph break where one falls in the window's second half, else after a
    line break, a sentence end or a space, else (a run of `size` characters without one) anywhere."""
    spans = []
    start = 0
    while len(text) - start > size:
        low, high = start + size // 2, start + size
        for mark in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(mark, low, high)
            if cut >= 0:
                end = cut + len(mark)
                break
        else:
            end = high
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


_Spanned = TypeVar("_Spanned", ToponymRecord, EventRecord, PlaceRecord)


def _shifted(item: _Spanned, offset: int) -> _Spanned:
    """`item` with its offsets moved from its window's text to the document's."""
    item["start"] += offset
    item["end"] += offset
    return item


def _shifted_event(event: EventRecord, offset: int) -> EventRecord:
    if event["place"] is not None:
        _shifted(event["place"], offset)
    return _shifted(event, offset)


def _merged(events: list[EventRecord]) -> list[EventRecord]:
    """One event per type, place and date across the windows of a document, by the event finder's
    rule within one (geo.events.sifting.merged): a later mention adds the counts the first did not
    give, never replaces one, so two reports' tolls are not mixed; the best confidence and the
    first subtype given stay."""
    kept: dict[tuple, EventRecord] = {}
    for n, event in enumerate(events):
        place = event.get("place")
        key = (event["event_type"], place["id"] if place else n, event.get("date"))
        first = kept.get(key)
        if first is None:
            kept[key] = event
            continue
        for name, value in event["counts"].items():
            if name not in first["counts"]:
                first["counts"][name] = value
                if name in event["count_qualifiers"]:
                    first["count_qualifiers"][name] = event["count_qualifiers"][name]
        first["confidence"] = max(first["confidence"], event["confidence"])
        first["subtype"] = first["subtype"] or event["subtype"]
    return list(kept.values())
