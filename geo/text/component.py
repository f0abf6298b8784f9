"""The spaCy pipeline components for places: `nlp.add_pipe("geoevents_toponyms")`.

It needs the parser and NER of an English pipeline before it, and sets
`doc._.toponyms` (a list of `Toponym`), `doc._.country_hints` (a Counter
of the ISO codes that demonyms point to) and `doc._.capital` (the capital of
the country the document is about, for "in the capital"), so users can put
place finding into pipelines of their own. `geoevents_line_breaks`, before the parser, ends a
sentence at each line break. Both are registered through `spacy_factories` entry
points (pyproject.toml), so a pipeline finds them without importing geo first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from gazetteer import Gazetteer
from gazetteer.geocoders import Geocoder, GeocoderSettings, open_geocoder
from geo.record import LITERAL, METONYMIC, Toponym

from .ranker import shipped_ranker
from .recognize import Recognizer
from .resolve import Resolver
from .roles import role_of

#: `context_hints`: ISO codes a caller knows the document points to before this Doc is read (the
#: places of the earlier windows of a long document), weighed with the demonyms' hints.
#: `capital`: the capital city (a `Place`) of the country the document is about, what "the capital" means.
for _attr, _default in (("toponyms", None), ("country_hints", None), ("context_hints", None), ("capital", None)):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=_default)


@lru_cache(maxsize=4)
def shared_gazetteer(aliases: tuple[str, ...] = ()) -> Gazetteer:
    """One gazetteer per process and alias set, whatever number of pipelines use it."""
    return Gazetteer(aliases=aliases)


@lru_cache(maxsize=4)
def shared_geocoder(settings: GeocoderSettings, aliases: tuple[str, ...] = ()) -> Geocoder:
    """One online geocoder per process and settings: its rate limit and cache span every pipeline."""
    return open_geocoder(settings, shared_gazetteer(aliases))


class ToponymFinder:
    """Finds, resolves and gives a role to every place name of a `Doc`; `online`, when given,
    places the names the gazetteer lacks."""

    def __init__(self, gazetteer: Gazetteer, online: Geocoder | None = None) -> None:
        self.gazetteer = gazetteer
        self.recognize = Recognizer(gazetteer)
        self.resolve = Resolver(gazetteer, shipped_ranker(), online)

    def __call__(self, doc: Doc) -> Doc:
        mentions, hints = self.recognize(doc)
        if doc._.context_hints:
            hints.update(doc._.context_hints)
        resolved = self.resolve(mentions, hints)
        toponyms = []
        for i, mention in enumerate(mentions):
            if i not in resolved:
                continue  # a name the resolver takes for no place (a person, a firm) that a far village bears
            place, score = resolved[i]
            role = METONYMIC if mention.embedded else role_of(mention.span)
            span = mention.span
            toponyms.append(Toponym(span.start_char, span.end_char, span.text, role, place, score))
        doc._.toponyms = toponyms
        doc._.country_hints = hints
        subject = main_country(toponyms, hints)
        doc._.capital = self.gazetteer.capital(subject) if subject else None
        return doc


def main_country(toponyms: list[Toponym], hints: Counter[str]) -> str | None:
    """The country a document is about: the one its literal places (and, at half weight, its demonyms)
    name most, at least twice and more than any other; None when no country leads. "Moscow said" names
    an actor, not where the story is."""
    votes: dict[str, float] = {}
    for toponym in toponyms:
        if toponym.role == LITERAL and toponym.place is not None and toponym.place.country_code:
            votes[toponym.place.country_code] = votes.get(toponym.place.country_code, 0.0) + 1
    for code, n in hints.items():
        votes[code] = votes.get(code, 0.0) + n / 2
    ranked = sorted(votes.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] >= ranked[0]):
        return None
    return max(votes, key=lambda code: votes[code])


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
    default_config={"aliases": [], "geocoder": {"name": "offline"}},
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=["doc._.toponyms", "doc._.country_hints", "doc._.capital"],
)
def make_toponym_finder(nlp: Language, name: str, aliases: list[str], geocoder: dict[str, Any]) -> ToponymFinder:
    """`geocoder`: a `GeocoderSettings` as a config section ({"name": "nominatim", "url": ...})."""
    settings = GeocoderSettings.from_config(geocoder)
    online = shared_geocoder(settings, tuple(aliases)) if settings.online else None
    return ToponymFinder(shared_gazetteer(tuple(aliases)), online)
