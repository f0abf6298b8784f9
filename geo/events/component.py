"""The spaCy pipeline component for events: `nlp.add_pipe("geoevents_events")`.

It comes after `geoevents_toponyms`, whose places it reads, and sets `doc._.events`
(a list of `Event`). Relative dates ("on Friday") need the document's date: set
`doc._.document_date` on the Doc before the pipeline runs (`nlp.make_doc(text)`, then
`nlp.pipe(docs)`); without one, the component reads it from the dateline and sets it,
so `doc._.document_date` is always the date the events were dated against.
"""

from __future__ import annotations

import datetime

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .dates import DATELINE_CHARS, document_date
from .finder import EventFinder
from .taxonomy import Taxonomy

for _attr in ("events", "document_date"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


class EventComponent:
    """Finds the events of a parsed Doc whose toponyms are resolved."""

    def __init__(self, taxonomy: Taxonomy, vocab: Vocab) -> None:
        self.taxonomy = taxonomy
        self.find = EventFinder(taxonomy)
        taxonomy.matcher(vocab)  # compiled now, not by the first document: forked workers share it

    def __call__(self, doc: Doc) -> Doc:
        date: datetime.date | None = doc._.document_date
        if date is None:
            date = doc._.document_date = document_date(_opening(doc))
        if doc._.toponyms is None:
            raise ValueError("geoevents_events reads doc._.toponyms: add geoevents_toponyms before it")
        doc._.events = self.find(doc, doc._.toponyms, date)
        return doc


def _opening(doc: Doc) -> str:
    """The start of the text, as far as a dateline may reach (`doc.text` would join every token)."""
    words = []
    for token in doc:
        if token.idx > DATELINE_CHARS + 40:
            break
        words.append(token.text_with_ws)
    return "".join(words)


@Language.factory(
    "geoevents_events",
    default_config={"taxonomy": None},
    requires=["doc._.toponyms", "token.dep", "token.lemma"],
    assigns=["doc._.events", "doc._.document_date"],
)
def make_event_finder(nlp: Language, name: str, taxonomy: str | None) -> EventComponent:
    """`taxonomy`: the path of a taxonomy file; the bundled one by default."""
    return EventComponent(Taxonomy.load(taxonomy), nlp.vocab)
