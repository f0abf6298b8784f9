"""Finding place names in a parsed text: the model's entities and the gazetteer, each checking the other.

spaCy's small English model misses places it has not seen ("Kharkiv" comes
out as an ORG, "Odesa" as nothing) and calls people and acronyms places
("Zelenskyy", "G7"). The gazetteer knows every place but also that "Of",
"March" and "Reading" are towns. So: a span the model calls a place is kept
when the gazetteer knows it or the sentence uses it as a location; a span
only the gazetteer knows is kept when it reads as a proper name that is not
a person, a date or part of an organisation's name.

Over 450 lines (about 700): each pattern that finds a name the model missed ("X, Region", "X direction",
"the X and Y regions") reads the same parse and asks the gazetteer the same questions, so they stay
together as one room.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from gazetteer import Gazetteer
from gazetteer.demonyms import country_of_demonym
from gazetteer.normalize import ARABIC_ARTICLES, DESIGNATORS, UNIT_WORDS, name_key

from .nonplaces import (
    cased_unlike,
    family,
    listed_not_place,
    lower_case,
    names_a_disease,
    org_tail,
    personal_names,
    placed_venue,
    storm_names,
    street_named,
)
from .roles import ACTOR_VERBS
from .spans import (
    Mention,
    bracket_end,
    bracketed_after,
    container_start,
    continued,
    generic,
    hyphen_joined,
    in_place_region_pair,
    is_acronym,
    is_capitalised,
    is_whole_entity,
    list_before,
    locative,
    misread_person,
    mixed_case,
    region_named,
    spaced_dash,
    trim,
    with_full_stop,
)
from .words import (
    AREA_WORDS,
    ARMED,
    BLOCKING_LABELS,
    BROAD_KINDS,
    CONNECTORS,
    FACILITIES,
    FEATURE_WORDS,
    FRONT_WORDS,
    LOCATIVE,
    NAMING_LABELS,
    NEAR_WORDS,
    OUTPOSTS,
    PLACE_LABELS,
    PLURAL_DESIGNATORS,
    SETTLEMENT_WORDS,
    TARGETED,
    TITLES,
)

#: How many of a name's candidates are looked at.
CANDIDATES_CHECKED = 12
#: A town this big outweighs the model's doubt (it called the name a person or an organisation).
PROMINENT_POPULATION = 50_000
#: A longest name is this many words.
MAX_WORDS = 6
#: A name only the gazetteer vouches for, of one word, must be a place at least this big (or no town).
MIN_POPULATION_ALONE = 5000


class Recognizer:
    """Finds the place names of a `Doc`, and the countries its demonyms point to."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> tuple[list[Mention], Counter[str]]:
        # Names seen as part of a full personal name ("Volodymyr Zelenskyy"), or given to a storm ("Hurricane
        # Maria"): never places in this text.
        people = personal_names(doc) | storm_names(doc)
        mentions = [m for m in self._from_model(doc, people) if m.known or self._plausible_unknown(m.span, people)]
        taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
        doubted = []
        for span in self._from_gazetteer(doc, taken):
            mention = self._vet(span, people)
            if mention is None:
                doubted.append(span)
            else:
                mentions.append(mention)
                taken.update(range(span.start, span.end))
        # One sense per discourse: a name taken as a place once is a place wherever the model
        # doubted it ("Gainesville residents" tagged ORG, "Gainesville's mayor" tagged PERSON).
        confirmed = {m.text for m in mentions if m.known} - people
        mentions.extend(Mention(span, known=True) for span in doubted if span.text in confirmed and not generic(span))
        mentions.extend(self._variant_spellings(doc, taken, people))
        mentions.extend(self._named_units(doc, taken))
        taken.update(i for m in mentions for i in range(m.span.start, m.span.end))
        mentions.extend(self._region_lists(doc, taken))  # marks what it takes in `taken`
        mentions.extend(self._fronts(doc, taken))  # marks what it takes in `taken`
        known_at = {m.span.start: m.span for m in mentions if m.known}
        mentions.extend(self._places_in_regions(doc, taken, people, known_at))  # marks what it takes in `taken`
        mentions.extend(self._contained_unknowns(doc, mentions, taken, people))
        taken.update(i for m in mentions for i in range(m.span.start, m.span.end))
        mentions.extend(self._containing_regions(doc, mentions, taken))
        mentions.sort(key=lambda m: m.span.start)
        mentions = [
            m
            for m in mentions
            if not listed_not_place(m.span)
            and not family(m.span, people)
            and not names_a_disease(m.span)
            and not street_named(m.span)
            and not self._venue_placed_elsewhere(m.span)
        ]
        return [with_full_stop(self._with_designator(m)) for m in mentions], self._country_hints(doc)

    def _venue_placed_elsewhere(self, span: Span) -> bool:
        """The name begins a venue the sentence places in another town, and the venue's whole name is no
        place's own ("Union Station" is an alternate name of Union, South Carolina; "Highland Park" a city)."""
        venue = placed_venue(span)
        return venue is not None and not any(
            p.match == "name" for p in self.gazetteer.candidates(venue.text, limit=CANDIDATES_CHECKED)
        )

    def _variant_spellings(self, doc: Doc, taken: set[int], people: set[str]) -> Iterator[Mention]:
        """A proper name after "in"/"near"/"at" that the gazetteer knows only by another
        transliteration: "near Avdiivka" (GeoNames: Avdiyivka)."""
        for token in doc[1:]:
            before = doc[token.i - 1]
            if (
                token.i not in taken
                and token.is_title
                and token.pos_ == "PROPN"
                and token.text not in people
                and before.lower_ in NEAR_WORDS
                and (token.i + 1 == len(doc) or not doc[token.i + 1].is_title)
                and not self._in_title(token)
            ):
                places = self.gazetteer.candidates(token.text, limit=1)
                if (
                    places
                    and places[0].match == "skeleton"
                    and (places[0].kind == "region" or places[0].population >= MIN_POPULATION_ALONE)
                ):
                    yield Mention(doc[token.i : token.i + 1], known=True)

    def _named_units(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
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

    def _region_lists(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
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

    def _fronts(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
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

    def _contained_unknowns(
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

    def _places_in_regions(
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
                    or _article_hyphen(doc[start - 1])
                    or _capital_article(doc[start - 1])
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
                region = found or next(self._from_gazetteer(doc, taken, within=doc[at : at + MAX_WORDS]), None)
            if (
                region is None
                or (region.start != at and comma.text != "(")
                or (len(region) == 1 and _capital_article(region[0]))  # "Ar" of an "Ar Raqqa" no place is called
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
        names += self._from_gazetteer(doc, taken, within=doc[at:stop])
        last = max(names, key=lambda s: s.end, default=None)
        return last if last is not None and last.end == stop else None

    def _containing_regions(self, doc: Doc, mentions: list[Mention], taken: set[int]) -> Iterator[Mention]:
        """A region or country named right after a place and a comma or bracket, whatever the model took
        it for: "Zolochiv, Kharkiv" (Kharkiv tagged PERSON), "Tall Refaat (Aleppo)"."""
        for mention in list(mentions):
            container = container_start(doc, mention.span.end)
            if container is None or container[0] in taken:
                continue
            i, mark = container
            # after a comma the name comes first; in brackets it may follow a district: "(Merkhah Al Ulya, Shabwah)"
            stop = bracket_end(doc, i) if mark == "(" else min(len(doc), i + MAX_WORDS)
            for found in self._from_gazetteer(doc, taken, within=doc[i:stop]):
                after = doc[found.end] if found.end < len(doc) else None
                if mark != "(" and found.start != i:
                    break
                if after is not None and after.pos_ == "PROPN" and is_capitalised(after):
                    continue  # "Lozove, Donetsk People's Republic" is for the model to read
                # "Vasylivka, Mykolaiv region": the word after says which of the name's places it is
                designated = after is not None and DESIGNATORS.get(after.lower_) == "region"
                named = f"{found.text} {after.text}" if designated and after is not None else found.text
                if any(p.kind in ("region", "country") for p in self.gazetteer.candidates(named, limit=3)):
                    taken.update(range(found.start, found.end))
                    yield Mention(found, known=True)
                if mark != "(":
                    break

    # -- the model's entities -----------------------------------------------

    def _from_model(self, doc: Doc, people: set[str]) -> Iterator[Mention]:
        reached = 0  # the end of the last name, which may run over later entities ("Shakhta imeni Gagarina")
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS or ent.start < reached:
                continue
            span = trim(ent)
            if (
                span is None or span.text in people or lower_case(span)
            ):  # "Farrin's" tagged GPE, "Henry Farrin" elsewhere
                continue
            if is_acronym(span.text) and not self._broad(span):
                continue  # "AI", "G7": the model's false places
            if len(span) == 1 and mixed_case(span.text) and not self._cased_as_named(span.text):
                continue  # "MoD" is no "Mod"
            if (
                len(span) > 1
                and span[0].lower_ in AREA_WORDS
                and not self.gazetteer.knows(span.text)
                and self.gazetteer.knows(span[1:].text)
            ):
                span = span[1:]  # "Northeast Georgia": the name is Georgia
            before = doc[span.start - 1] if span.start > 0 else None
            if (
                before is not None
                and before.lower_ in AREA_WORDS
                and self._informal_region(f"{before.text} {span.text}")
            ):
                span = doc[span.start - 1 : span.end]  # "southern Africa" is a region of its own, not Africa
            span = self._longest(span)
            span = self._site(span) or span
            if self.gazetteer.knows(span.text):
                reached = span.end
                yield Mention(span, known=True)
                continue
            known = bool(self.gazetteer.candidates(span.text, limit=1))
            if known or span[-1].lower_ in FEATURE_WORDS:  # "Laurel County": a place the gazetteer lacks
                yield Mention(span, known=known)
                continue
            # "Moscow's northwestern edge" tagged whole: keep a place inside that reads as one
            inner = [m for m in map(self._vet, self._from_gazetteer(doc, set(), within=span)) if m is not None]
            if all(is_capitalised(t) or t.lower_ in CONNECTORS for t in span) and not any(
                self._prominent(m.text) for m in inner
            ):
                inner = []  # "Mala Vovcha": one name the gazetteer lacks, not the hamlet of "Mala"
            yield from inner or [Mention(span, known=False)]

    def _informal_region(self, name: str) -> bool:
        """Whether the name is, first of all, a region without borders of its own ("southern Africa",
        "central Asia"), not a province that happens to bear a compass word ("the southern Red Sea" is
        the sea, not Eritrea's Southern Red Sea region)."""
        places = self.gazetteer.candidates(name, limit=1)
        return bool(places) and places[0].kind == "physical" and name_key(places[0].name) == name_key(name)

    def _longest(self, span: Span) -> Span:
        """The span, or the longest known name that starts with it: the model's "Deir" of "Deir ez Zor"."""
        doc, best = span.doc, span
        for end in range(span.end + 1, min(len(doc), span.start + MAX_WORDS) + 1):
            last = doc[end - 1]
            if not (is_capitalised(last) or last.lower_ in CONNECTORS):
                break
            if is_capitalised(last) and self.gazetteer.knows(doc[span.start : end].text):
                best = doc[span.start : end]
        return best

    def _county(self, name: str) -> bool:
        """Whether the name is a county's own full name ("Laurel County", "Mayo County"): a place, whatever
        the model says. A unit's bare name is not: "Devon" and "Kerry" are people's names as often."""
        if not any(word in FEATURE_WORDS or word in DESIGNATORS for word in name_key(name).split()):
            return False
        places = self.gazetteer.candidates(name, limit=1)
        return bool(places) and places[0].kind == "county" and places[0].match in ("name", "alternate")

    def _prominent(self, name: str, population: int | None = None) -> bool:
        """Whether the name's first place is big enough to outweigh the model's doubt (a region, a country,
        or a city of `population`, by default PROMINENT_POPULATION)."""
        places = self.gazetteer.candidates(name, limit=1)
        floor = PROMINENT_POPULATION if population is None else population
        return bool(places) and (places[0].kind != "city" or places[0].population >= floor)

    def _broad(self, span: Span) -> bool:
        """Whether an acronym names a country or region ("US", "UAE", "DRC", "BC"), not a village."""
        return any(p.kind in BROAD_KINDS for p in self.gazetteer.candidates(span.text, limit=CANDIDATES_CHECKED))

    def _cased_as_named(self, text: str) -> bool:
        """Whether some place of the name writes its inner capitals as the text does ("DeKalb")."""
        return any(not cased_unlike(text, p) for p in self.gazetteer.candidates(text, limit=CANDIDATES_CHECKED))

    def _plausible_unknown(self, span: Span, people: set[str]) -> bool:
        """A name the model calls a place but the gazetteer lacks: keep it if used as a location."""
        text = span.text
        if any(ch.isdigit() for ch in text) or is_acronym(text) or text in people:
            return False
        if not all(t.is_title or t.is_upper or t.lower_ in CONNECTORS for t in span):
            return False
        before = span.doc[span.start - 1] if span.start > 0 else None
        after = span.doc[span.end : span.end + 2]
        if before is not None and before.lower_ in LOCATIVE and before.dep_ == "prep":
            return True
        # "Vremivka, Donetsk": a comma and a known place right after
        return len(after) == 2 and after[0].text == "," and self.gazetteer.knows(after[1].text)

    # -- the gazetteer's names ---------------------------------------------

    def _from_gazetteer(self, doc: Doc, taken: set[int], within: Span | None = None) -> Iterator[Span]:
        """Longest known names made of capitalised words (and connectors), left to right."""
        start, stop = (within.start, within.end) if within is not None else (0, len(doc))
        i = start
        while i < stop:
            token = doc[i]
            if i in taken or not (is_capitalised(token) or _glued_article(token)) or token.lower_ in ("the", "a", "an"):
                i += 1
                continue
            best = None
            for j in range(i + 1, min(stop, i + MAX_WORDS) + 1):
                last = doc[j - 1]
                if j - 1 in taken or not (
                    is_capitalised(last) or last.lower_ in CONNECTORS or _hyphened(last) or _article_hyphen(last)
                ):
                    break
                if is_capitalised(last) and self.gazetteer.knows(doc[i:j].text):
                    best = doc[i:j]
            if best is None:
                i += 1
            else:
                yield best
                i = best.end

    def _site(self, span: Span) -> Span | None:
        """The name with the lower-case words of the site it qualifies, where the gazetteer knows a venue
        by the whole ("the Zaporizhzhia power plant", whatever the model took the town's name for); None
        otherwise ("the Zaporizhzhia region" is left to the designators)."""
        head = span.root.head
        if span.root.dep_ not in ("compound", "nmod") or not span.end <= head.i < span.end + MAX_WORDS:
            return None
        site = span.doc[span.start : head.i + 1]
        if not all(t.is_lower for t in span.doc[span.end : head.i + 1]):
            return None
        places = self.gazetteer.candidates(site.text, limit=1)
        return site if places and places[0].kind == "landmark" else None

    def _vet(self, span: Span, people: frozenset[str] | set[str] = frozenset()) -> Mention | None:
        """A name only the gazetteer found, if it reads as a place name here."""
        site = self._site(span)
        if site is not None:
            return Mention(site, known=True)
        first = span[0]
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            after is not None
            and after.is_title
            and after.lower_ in FEATURE_WORDS
            and span[-1].lower_ not in FEATURE_WORDS
        ):
            # "Laurel Creek"; a name that ends in one already is whole: "Wyandotte County District Court"
            return Mention(span.doc[span.start : span.end + 1], known=False)
        before = span.doc[span.start - 1] if span.start > 0 else None
        if (
            before is not None
            and before.lower_ in ("de", "del")
            and span.start > 1
            and span.doc[span.start - 2].like_num
        ):
            return None  # a date that names a square or a street: "25 de Mayo", "9 de Julio"
        if (
            before is not None
            and is_capitalised(before)
            and not before.is_sent_start
            and before.lower_ not in AREA_WORDS
        ):
            return None  # the tail of a longer name: "Street" in "Main Street", "York" in "Duke of York"
        if locative(span) and is_whole_entity(span) and self.gazetteer.added(span.text):
            return Mention(span, known=True)  # a village the user added, whatever the model took it for
        if self._county(span.text):
            return Mention(span, known=True)  # "McMinn County Sheriff Steve Frisbie" tagged PERSON: no one's name
        if span.text in people:  # "according to Taylor" after "Sheriff Greg Taylor": the sheriff, not the town
            return None
        if misread_person(span):
            sized = locative(span) and (
                self._prominent(span.text, MIN_POPULATION_ALONE) or self.gazetteer.added(span.text)
            )
            return Mention(span, known=True) if sized or self._capital_acting(span) else None
        if any(t.ent_type_ in BLOCKING_LABELS for t in span) or (
            len(span) == 1 and first.ent_type_ == "NORP" and (country_of_demonym(first.text) or not locative(span))
        ):
            return None  # a people, unless no people's name used as a location: "protested in Causeni"
        if generic(span):
            return None
        if before is not None and before.lower_.rstrip(".") in TITLES:
            return None
        joined = hyphen_joined(span)
        if joined is not None and not self.gazetteer.knows(joined.text):
            return None  # part of a hyphenated name: "Sloboda" of "Mykhalchyna-Sloboda", not of "US-Ukraine"
        if len(span) == 1 and (first.is_stop or first.pos_ != "PROPN" or country_of_demonym(first.text)):
            return None
        places = self.gazetteer.candidates(span.text, limit=1)
        if not places:
            return None
        top = places[0]
        if cased_unlike(span.text, top):
            return None  # "MoD" is no "Mod"
        # a unit's bare name ("Apes", a Latvian municipality) is sized like a town's
        town_like = top.kind == "city" or (top.kind == "county" and len(span) == 1)
        prominent = not town_like or top.population >= PROMINENT_POPULATION
        if org_tail(span):  # "the Party of God"; "the Bank of England" still names England
            return Mention(span, known=True, embedded=True) if prominent and top.match == "name" else None
        if (not prominent or top.match != "name") and continued(span):
            return None  # the head of a longer name the gazetteer lacks: "Tall" of "Tall Refaat", "Bir al Maraziq"
        head = span.root.head
        if (
            top.match != "name"
            and span.root.dep_ == "compound"
            and head.pos_ == "NOUN"
            and head.is_lower
            and head.lower_ not in SETTLEMENT_WORDS
            and head.lower_ not in DESIGNATORS
        ):
            return None  # a former name before a common noun: "Molotov cocktail" (Perm), not a place
        if (
            len(span) == 1
            and town_like
            and top.population < MIN_POPULATION_ALONE
            and not (locative(span) and (self.gazetteer.added(span.text) or self._only_place(span.text)))
        ):
            return None  # a small town's name alone, unless one the user added, or the only place of that
            # name anywhere, stands as a location ("shelling near Shyrokyne")
        if is_acronym(span.text) and not self._broad(span):
            return None
        if after is not None and after.lemma_.lower() in FACILITIES and top.match == "name":
            return Mention(span, known=True)  # "al-Hawl camp" tagged ORG: the camp lies at the place
        if first.ent_type_ in NAMING_LABELS:
            ent = next(e for e in span.doc.ents if e.start <= span.start < e.end)
            whole = trim(ent)
            if (
                whole is not None
                and bracketed_after(span, whole)
                and locative(whole)
                and not self.gazetteer.knows(whole.text)
            ):
                return Mention(span, known=True)  # "at Becharre (Bsharri)": the other spelling of a name no place bears
            if not prominent and not (locative(span) and top.match in ("name", "alternate") and is_whole_entity(span)):
                return None  # "in Soledar" tagged ORG is Soledar; "Amal said" is no town
            if whole is not None and whole.start == span.start and whole.end == span.end:
                return Mention(span, known=True)  # a place the model took for an ORG
            if whole is not None and whole.start == span.start and spaced_dash(span):
                return Mention(span, known=True)  # "Donetsk - Petrovskyi": a city and its district
            if in_place_region_pair(span):
                return Mention(span, known=True)  # "Kherson, Kherson region", "Beyoglu town, Istanbul" tagged ORG
            if (
                whole is not None
                and (top.match == "name" or top.kind == "city")  # not "Free" of the Free Syrian Army
                and (whole.start == span.start or (before is not None and before.lower_ == "of"))
            ):
                # "Mississippi State University", "University of Louisville"
                return Mention(span, known=True, embedded=True)
            return None
        return Mention(span, known=True)

    def _only_place(self, name: str) -> bool:
        """Whether exactly one place bears the name, as its own: no English word, no namesake to mistake."""
        places = self.gazetteer.candidates(name, limit=2)
        return len(places) == 1 and places[0].match == "name"

    def _capital_acting(self, span: Span) -> bool:
        """Whether a name alone, that the model took for a person, is a country's capital doing what
        governments do ("a claim Kyiv has denied"): the capital standing for its government, still a
        place of the text. A town that is no capital stays a person there ("as Lincoln has denied")."""
        root = span.root
        if len(span) != 1 or root.dep_ != "nsubj" or root.head.lemma_.lower() not in ACTOR_VERBS:
            return False
        top = next(iter(self.gazetteer.candidates(span.text, limit=1)), None)
        if top is None or top.kind != "city" or top.match != "name" or not top.country_code:
            return False
        capital = self.gazetteer.capital(top.country_code)
        return capital is not None and capital.id == top.id

    def _with_designator(self, mention: Mention) -> Mention:
        """Take in a following "region", "oblast", "province"…: "Donetsk region" is one name. Where a name
        in capitals goes on after it, the designator begins that name ("the Virginia State Board of
        Elections", "Colorado State University"), unless the region is called so ("Osun State Police")."""
        span = mention.span
        doc = span.doc
        if span.end < len(doc) and DESIGNATORS.get(doc[span.end].lower_) == "region":
            longer = doc[span.start : span.end + 1]
            goes_on = span.end + 1 < len(doc) and doc[span.end + 1].is_title
            if any(
                p.kind == "region" and not (goes_on and p.match == "designator")
                for p in self.gazetteer.candidates(longer.text, limit=3)
            ):
                return Mention(longer, True, mention.embedded)
        return mention

    @staticmethod
    def _country_hints(doc: Doc) -> Counter[str]:
        """Countries named by their demonyms ("Ukrainian", "Saudi"): context, not toponyms.

        An army's demonym says who fights, not where: "Russian forces shelled Artemovsk" is no
        hint of a place in Russia.
        """
        hints: Counter[str] = Counter()
        for token in doc:
            if token.i + 1 < len(doc) and doc[token.i + 1].lemma_.lower() in ARMED:
                continue
            if token.is_title or token.is_upper:
                code = country_of_demonym(token.text)
                if code:
                    hints[code] += 1
        return hints


def _hyphened(token: Token) -> bool:
    """Whether a word is glued between hyphens inside a name: the "a" of "Mar-a-Lago", "Stratford-upon-Avon"."""
    doc = token.doc
    return (
        0 < token.i < len(doc) - 1
        and doc[token.i - 1].text == "-"
        and doc[token.i + 1].text == "-"
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
    )


def _article_hyphen(token: Token) -> bool:
    """Whether a hyphen glues a capitalised Arabic article to the name after it: "As-Sweida"."""
    doc = token.doc
    return (
        token.text == "-"
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].lower_ in ARABIC_ARTICLES
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
    )


def _capital_article(token: Token) -> bool:
    """Whether a capitalised Arabic article opens the name after it, whatever the tagger took it for
    ("As Saqiyah": "As" read as a preposition); a sentence's first word is left alone."""
    doc = token.doc
    return (
        token.lower_ in ARABIC_ARTICLES
        and token.text[0].isupper()
        and not token.is_sent_start
        and token.i + 1 < len(doc)
        and is_capitalised(doc[token.i + 1])
    )


def _glued_article(token: Token) -> bool:
    """Whether a lower-case Arabic article opens a name it is hyphened to: "al-Hawl", "el-Arish"."""
    doc = token.doc
    return (
        token.lower_ in ARABIC_ARTICLES
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and not token.whitespace_
        and not doc[token.i + 1].whitespace_
        and is_capitalised(doc[token.i + 2])
    )
