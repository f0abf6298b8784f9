"""The spaCy pipeline components for places: `nlp.add_pipe("geoevents_toponyms")`.

It needs the parser and NER of an English pipeline before it, and sets
`doc._.toponyms` (a list of `Toponym`) and `doc._.country_hints` (a Counter
of the ISO codes that demonyms point to), so users can put place finding
into pipelines of their own. `geoevents_line_breaks`, before the parser, ends a
sentence at each line break. Both are registered through `spacy_factories` entry
points (pyproject.toml), so a pipeline finds them without importing geo first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from gazetteer import Gazetteer
from geo.record import METONYMIC, Toponym

from .ranker import shipped_ranker
from .recognize import Recognizer
from .resolve import Resolver
from .roles import role_of

#: `context_hints`: ISO codes a caller knows the document points to before this Doc is read (the
#: places of the earlier windows of a long document), weighed with the demonyms' hints.
for _attr, _default in (("toponyms", None), ("country_hints", None), ("context_hints", None)):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=_default)


@lru_cache(maxsize=4)
def shared_gazetteer(aliases: tuple[str, ...] = ()) -> Gazetteer:
    """One gazetteer per process and alias set, whatever number of pipelines use it."""
    return Gazetteer(aliases=aliases)


class ToponymFinder:
    """Finds, resolves and gives a role to every place name of a `Doc`."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.recognize = Recognizer(gazetteer)
        self.resolve = Resolver(gazetteer, shipped_ranker())

    def __call__(self, doc: Doc) -> Doc:
        mentions, hints = self.recognize(doc)
        if doc._.context_hints:
            hints.update(doc._.context_hints)
        resolved = self.resolve(mentions, hints)
        toponyms = []
        for i, mention in enumerate(mentions):
            place, score = resolved[i]
            role = METONYMIC if mention.embedded else role_of(mention.span)
            span = mention.span
            toponyms.append(Toponym(span.start_char, span.end_char, span.text, role, place, score))
        doc._.toponyms = toponyms
        doc._.country_hints = hints
        return doc


def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs carry no full stop."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@Language.factory("geoevents_line_breaks", requires=["token.text"], assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A factory rather than `Language.component`, so an entry point can name it (spaCy calls it with nlp and name)."""
    return line_breaks


@Language.factory(
    "geoevents_toponyms",
    default_config={"aliases": []},
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=["doc._.toponyms", "doc._.country_hints"],
)
def make_toponym_finder(nlp: Language, name: str, aliases: list[str]) -> ToponymFinder:
    return ToponymFinder(shared_gazetteer(tuple(aliases)))
