"""Place names the model missed, found by the words around them.

News names places in a few fixed shapes the model does not know: "Vremivka, Donetsk", "the Kherson
and Sumy regions", "on the Zaporizhzhia direction", "near Avdiivka" in a spelling GeoNames lacks,
"the Shostkynskyi district", "Tall Refaat (Aleppo)". Each pattern here reads the parse for one
shape and asks the gazetteer whether the name fits; `Recognizer` runs them after the model's
entities and the gazetteer's own names, and each marks the tokens it takes in `taken`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from gazetteer import Gazetteer
from gazetteer.normalize import DESIGNATORS, UNIT_WORDS

from .spans import (
    Mention,
    article_hyphen,
    bracket_end,
    capital_article,
    container_start,
    continued,
    generic,
    glued_article,
    hyphened,
    is_capitalised,
    list_before,
    region_named,
)
from .words import (
    CONNECTORS,
    FRONT_WORDS,
    LOCATIVE,
    NEAR_WORDS,
    OUTPOSTS,
    PLURAL_DESIGNATORS,
    SETTLEMENT_WORDS,
    TARGETED,
)

#: A longest name is this many words.
MAX_WORDS = 6
#: A name only the gazetteer vouches for, of one word, must be a place at least this big (or no town).
MIN_POPULATION_ALONE = 5000


def known_names(gazetteer: Gazetteer, doc: Doc, taken: set[int], within: Span | None = None) -> Iterator[Span]:
    """Longest known names made of capitalised words (and connectors), left to right."""
    start, stop = (within.start, within.end) if within is not None else (0, len(doc))
    i = start
    while i < stop:
        token = doc[i]
        if i in taken or not (is_capitalised(token) or glued_article(token)) or token.lower_ in ("the", "a", "an"):
            i += 1
            continue
        best = None
        for j in range(i + 1, min(stop, i + MAX_WORDS) + 1):
            last = doc[j - 1]
            if j - 1 in taken or not (
                is_capitalised(last) or last.lower_ in CONNECTORS or hyphened(last) or article_hyphen(last)
            ):
                break
            if is_capitalised(last) and gazetteer.knows(doc[i:j].text):
                best = doc[i:j]
        if best is None:
            i += 1
        else:
            yield best
            i = best.end


class MissedNames:
    """The patterns of this module, each asking the same gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def variant_spellings(self, doc: Doc, taken: set[int], people: set[str]) -> Iterator[Mention]:
        """A proper name after "in"/"near"/"at"/"between" that the gazetteer knows only by another
        transliteration: "near Avdiivka" (GeoNames: Avdiyivka), "between Sawiyah and Lubban" (As Sawiyah).
        A village the user added counts whatever its size."""
        for token in doc[1:]:
            before = doc[token.i - 1]
            if (
                token.i not in taken
                and token.is_title
                and token.pos_ == "PROPN"
                and token.text not in people
                and (before.lower_ in NEAR_WORDS or (before.lower_ == "between" and _between_names(token)))
                and (token.i + 1 == len(doc) or not doc[token.i + 1].is_title)
                and not self._in_title(token)
                and not self.gazetteer.knows(token.text)
            ):
                places = self.gazetteer.candidates(token.text, limit=1)
                if places and (
                    places[0].kind == "region"
                    or places[0].population >= MIN_POPULATION_ALONE
                    or self.gazetteer.added(places[0].name)
                ):
                    yield Mention(doc[token.i : token.i + 1], known=True)

    def named_units(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
        """A district or community called by the adjective of its centre's name, which stands for it:
        "fired on Shostkynskyi district", "Ivanivka (the Vysokopilske community)"."""
        for token in doc[:-1]:
            unit = doc[token.i + 1]
            if token.i in taken or not token.is_title or unit.lower_ not in UNIT_WORDS:
                continue
            span = doc[token.i : token.i + 2]
            if self.gazetteer.variants(span.text, limit=1):
                taken.update(range(span.start, span.end))
                yield Mention(span, known=True)

    def _in_title(self, token: Token) -> bool:
        """Whether the word may end a title of capitalised words joined by the preposition before it
        ("Farmers in Action", "Women in Science"): the word with a capital before the preposition, inside
        the sentence, is a common noun, or one entity with this word, or no entity and no place either."""
        if token.i < 2:
            return False
        first = token.doc[token.i - 2]
        if not first.is_title or first.is_sent_start:
            return False
        if first.pos_ == "NOUN" or (token.ent_iob_ == "I" and first.ent_type_ == token.ent_type_):
            return True
        return not first.ent_type_ and not self.gazetteer.knows(first.text)

    def region_lists(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
        """The names before a plural designator are regions or counties, however the model tagged them:
        "the Kherson and Dnepropetrovsk regions", "Sumy, Kharkiv and Poltava oblasts", "Otoe and Sarpy counties"."""
        for token in doc[2:]:
            if token.lower_ not in PLURAL_DESIGNATORS:
                continue
            word, kind = PLURAL_DESIGNATORS[token.lower_]
            names = list_before(token)
            if kind == "county" and all(region_named(self.gazetteer, t.text) for t in names):
                continue  # "Ohio counties", "Ohio and Indiana counties" are theirs
            for name in names:
                if name.i not in taken:
                    if not self.gazetteer.candidates(f"{name.text} {word}", kind=kind, limit=1):
                        break
                    taken.add(name.i)
                    yield Mention(doc[name.i : name.i + 1], known=True)

    def fronts(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
        """The place that names a front is a place, however the model tagged it: "on the Kherson
        direction" (Kherson tagged PERSON), "the Zaporizhzhia axis"."""
        for token in doc[1:]:
            i = token.i - 1
            if (
                token.lower_ in FRONT_WORDS
                and i not in taken
                and is_capitalised(doc[i])
                and doc[i].pos_ == "PROPN"
                and not doc[i].is_sent_start
                and any(p.kind in ("region", "city") for p in self.gazetteer.candidates(doc[i].text, limit=3))
            ):
                taken.add(i)
                yield Mention(doc[i : i + 1], known=True)

    def contained_unknowns(
        self, doc: Doc, mentions: list[Mention], taken: set[int], people: set[str]
    ) -> Iterator[Mention]:
        """A proper name right before ", <place>" is a place the gazetteer lacks: "Vremivka, Donetsk"."""
        starts = {m.span.start for m in mentions if m.known}
        for token in doc[:-2]:
            if (
                token.i not in taken
                and token.i + 2 in starts
                and doc[token.i + 1].text == ","
                and token.pos_ == "PROPN"
                and token.is_title
                and not token.is_stop
                and token.text not in people
                and token.ent_type_ not in ("NORP", "ORG", "DATE")
                and not (token.i > 0 and doc[token.i - 1].is_title)
            ):
                # known when some place bears the name; its container then picks it, or rules namesakes out
                yield Mention(doc[token.i : token.i + 1], known=self.gazetteer.knows(token.text))

    def places_in_regions(
        self, doc: Doc, taken: set[int], people: set[str], known_at: dict[int, Span]
    ) -> Iterator[Mention]:
        """ "towards Hlukhiv, Sumy", "shelled Veletenske, Kherson": a name set as a location and followed
        by a region's name is a place in that region, however the model tagged the two (PERSON, ORG, or a
        NOUN for a word it has never seen). The region may already be a mention ("Kharkiv" found on its
        own): the name before it is still the place (`known_at`: the known mentions by first token). In
        brackets the region closes them, maybe after a district: "targeted As Saqiyah (Al Maslub, Al Jawf)"."""
        for comma in doc[2:-1]:
            if comma.text in (",", "("):  # "(": "targeted As Saqiyah (Al Maslub, Al Jawf)", district then region
                at = comma.i + 1
            elif comma.lower_ == "in":  # "Kharab Rashak town in Al Hasakeh countryside"
                at = comma.i + 2 if doc[comma.i + 1].lower_ == "the" else comma.i + 1
            else:
                continue
            if at >= len(doc) or (at in taken and at not in known_at):
                continue
            end = comma.i
            while end > 1 and (doc[end - 1].lower_ in SETTLEMENT_WORDS or doc[end - 1].lower_ in OUTPOSTS):
                end -= 1  # "Makovyshche village, Kyiv", "the Hoptivka border crossing by Kharkiv"
            if comma.lower_ == "in" and end == comma.i:
                continue  # "shelled Kupiansk in Kharkiv Oblast": found as it stands; only a settlement word asks
            start = end  # the name: up to three capitalised proper nouns, an Arabic article's hyphen among them
            while (
                start > max(0, end - 3)
                and (
                    (doc[start - 1].pos_ in ("PROPN", "NOUN") and is_capitalised(doc[start - 1]))
                    or article_hyphen(doc[start - 1])
                    or capital_article(doc[start - 1])
                )
                and not doc[start - 1].is_sent_start
                and start - 1 not in taken
            ):
                start -= 1
            name = doc[start:end]
            before = doc[start - 1] if start > 0 else None
            if (
                not name
                or before is None
                or name[0].text == "-"
                or name.text in people
                or any(t.ent_type_ == "DATE" for t in name)
                or not (
                    before.lower_ in LOCATIVE
                    or before.pos_ == "VERB"
                    or (before.lower_ == "on" and before.head.lemma_.lower() in TARGETED)  # "strikes on X, Luhansk"
                    or (before.lower_ == "the" and doc[end].lower_ in OUTPOSTS)  # "shelled the X checkpoint"
                )
            ):
                continue
            found = known_at.get(at)
            if comma.text == "(":
                region = self._last_region(doc, at, taken, known_at)
                found = known_at.get(region.start) if region is not None else None
            else:
                region = found or next(known_names(self.gazetteer, doc, taken, within=doc[at : at + MAX_WORDS]), None)
            if (
                region is None
                or (region.start != at and comma.text != "(")
                or (len(region) == 1 and capital_article(region[0]))  # "Ar" of an "Ar Raqqa" no place is called
                # after "in", a settlement word already says the name is a place: a city may contain it
                or not self.gazetteer.candidates(region.text, kind=None if comma.lower_ == "in" else "region", limit=1)
            ):
                continue
            known = bool(self.gazetteer.candidates(name.text, limit=1))
            if comma.text == "(" and not known and end == comma.i:
                continue  # "of District A (East End)" glosses a name that is no place; "X village (" names one
            taken.update(range(start, region.end))
            yield Mention(name, known=known)
            if found is None:
                yield Mention(region, known=True)

    def _last_region(self, doc: Doc, at: int, taken: set[int], known_at: dict[int, Span]) -> Span | None:
        """The name that closes the bracket opened before `at`, where it may be a region's: the last of
        "(Al Maslub, Al Jawf)", a district and then its region."""
        stop = bracket_end(doc, at)
        if stop >= len(doc) or doc[stop].text != ")":
            return None
        names = [s for s in known_at.values() if at <= s.start and s.end <= stop]
        names += known_names(self.gazetteer, doc, taken, within=doc[at:stop])
        last = max(names, key=lambda s: s.end, default=None)
        return last if last is not None and last.end == stop else None

    def containing_regions(self, doc: Doc, mentions: list[Mention], taken: set[int]) -> Iterator[Mention]:
        """A region or country named right after a place and a comma or bracket, whatever the model took
        it for: "Zolochiv, Kharkiv" (Kharkiv tagged PERSON), "Tall Refaat (Aleppo)"."""
        for mention in list(mentions):
            container = container_start(doc, mention.span.end)
            if container is None or container[0] in taken:
                continue
            i, mark = container
            # after a comma the name comes first; in brackets it may follow a district: "(Merkhah Al Ulya, Shabwah)"
            stop = bracket_end(doc, i) if mark == "(" else min(len(doc), i + MAX_WORDS)
            for found in known_names(self.gazetteer, doc, taken, within=doc[i:stop]):
                after = doc[found.end] if found.end < len(doc) else None
                if mark != "(" and found.start != i:
                    break
                if after is not None and after.pos_ == "PROPN" and is_capitalised(after):
                    continue  # "Lozove, Donetsk People's Republic" is for the model to read
                if generic(found) and continued(found):
                    continue  # "(near the Coast of X)": a kind of place heading a name, not Tanzania's Coast Region
                # "Vasylivka, Mykolaiv region": the word after says which of the name's places it is
                designated = after is not None and DESIGNATORS.get(after.lower_) == "region"
                named = f"{found.text} {after.text}" if designated and after is not None else found.text
                if any(p.kind in ("region", "country") for p in self.gazetteer.candidates(named, limit=3)):
                    taken.update(range(found.start, found.end))
                    yield Mention(found, known=True)
                if mark != "(":
                    break


def _between_names(token: Token) -> bool:
    """Whether "between" joins the word to another name ("between Qaim and Rawa"), not to people's words
    ("between Qaim and his brother")."""
    return any(other.is_title and other.pos_ == "PROPN" for other in token.conjuncts)
