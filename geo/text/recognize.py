"""Finding place names in a parsed text: the model's entities and the gazetteer, each checking the other.

spaCy's small English model misses places it has not seen ("Kharkiv" comes
out as an ORG, "Odesa" as nothing) and calls people and acronyms places
("Zelenskyy", "G7"). The gazetteer knows every place but also that "Of",
"March" and "Reading" are towns. So: a span the model calls a place is kept
when the gazetteer knows it or the sentence uses it as a location; a span
only the gazetteer knows is kept when it reads as a proper name that is not
a person, a date or part of an organisation's name.

The shapes in which news names a place the model missed ("X, Region", "the X and Y regions",
"on the X direction") are `patterns`' room: each asks the same gazetteer of the same parse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from gazetteer import Gazetteer
from gazetteer.demonyms import country_of_demonym
from gazetteer.normalize import DESIGNATORS, name_key

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
from .patterns import MAX_WORDS, MIN_POPULATION_ALONE, MissedNames, known_names
from .roles import ACTOR_VERBS
from .spans import (
    Mention,
    bracketed_after,
    continued,
    generic,
    glosses_a_label,
    hyphen_joined,
    in_place_region_pair,
    is_acronym,
    is_capitalised,
    is_whole_entity,
    locative,
    misread_person,
    mixed_case,
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
    LOCATIVE,
    NAMING_LABELS,
    PLACE_LABELS,
    SETTLEMENT_WORDS,
    TITLES,
)

#: How many of a name's candidates are looked at.
CANDIDATES_CHECKED = 12
#: A town this big outweighs the model's doubt (it called the name a person or an organisation).
PROMINENT_POPULATION = 50_000


class Recognizer:
    """Finds the place names of a `Doc`, and the countries its demonyms point to."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.missed = MissedNames(gazetteer)

    def __call__(self, doc: Doc) -> tuple[list[Mention], Counter[str]]:
        # Names seen as part of a full personal name ("Volodymyr Zelenskyy"), or given to a storm ("Hurricane
        # Maria"): never places in this text.
        people = personal_names(doc) | storm_names(doc)
        mentions = [m for m in self._from_model(doc, people) if m.known or self._plausible_unknown(m.span, people)]
        taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
        doubted = []
        for span in known_names(self.gazetteer, doc, taken):
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
        mentions.extend(self.missed.variant_spellings(doc, taken, people))
        mentions.extend(self.missed.named_units(doc, taken))
        taken.update(i for m in mentions for i in range(m.span.start, m.span.end))
        mentions.extend(self.missed.region_lists(doc, taken))  # marks what it takes in `taken`
        mentions.extend(self.missed.fronts(doc, taken))  # marks what it takes in `taken`
        known_at = {m.span.start: m.span for m in mentions if m.known}
        mentions.extend(self.missed.places_in_regions(doc, taken, people, known_at))  # marks what it takes in `taken`
        mentions.extend(self.missed.contained_unknowns(doc, mentions, taken, people))
        taken.update(i for m in mentions for i in range(m.span.start, m.span.end))
        mentions.extend(self.missed.containing_regions(doc, mentions, taken))
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
                and not generic(span[1:])
            ):
                span = span[1:]  # "Northeast Georgia": the name is Georgia; "the South Coast" is no "Coast"
            before = doc[span.start - 1] if span.start > 0 else None
            if (
                before is not None
                and before.lower_ in AREA_WORDS
                and self._informal_region(f"{before.text} {span.text}")
            ):
                span = doc[span.start - 1 : span.end]  # "southern Africa" is a region of its own, not Africa
            span = self._longest(span)
            span = self._site(span) or span
            named = _named_after(span)
            if named is not None:  # "Shakhta imeni Gagarina": one name, not the Shakhta of the Urals
                reached = named.end
                yield Mention(named, known=self.gazetteer.knows(named.text))
                continue
            if self.gazetteer.knows(span.text):
                reached = span.end
                yield Mention(span, known=True)
                continue
            known = bool(self.gazetteer.candidates(span.text, limit=1))
            if known or span[-1].lower_ in FEATURE_WORDS:  # "Laurel County": a place the gazetteer lacks
                yield Mention(span, known=known)
                continue
            # "Moscow's northwestern edge" tagged whole: keep a place inside that reads as one
            inner = [m for m in map(self._vet, known_names(self.gazetteer, doc, set(), within=span)) if m is not None]
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

    def _prominent_after(self, span: Span) -> bool:
        """Whether the name of a sea or a country follows right after the span ("Hodeidah Red Sea port city"):
        two names side by side, not the head of a longer one. A town's or a region's name may be a person's
        or a feature's last word ("David Lawrence", "Big Slough", "St. Patrick")."""
        doc = span.doc
        after = next(known_names(self.gazetteer, doc, set(), within=doc[span.end : span.end + MAX_WORDS]), None)
        if after is None or after.start != span.end:
            return False
        places = self.gazetteer.candidates(after.text, limit=1)
        return bool(places) and places[0].kind in ("sea", "country")

    def _big_city(self, name: str) -> bool:
        """Whether the name's first place is a city of PROMINENT_POPULATION or more: no people's name."""
        places = self.gazetteer.candidates(name, limit=1)
        return bool(places) and places[0].kind == "city" and places[0].population >= PROMINENT_POPULATION

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
        if glosses_a_label(span):
            return None
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
            len(span) == 1
            and first.ent_type_ == "NORP"
            and (country_of_demonym(first.text) or not (locative(span) or self._big_city(span.text)))
        ):
            # a people, unless no people's name used as a location ("protested in Causeni") or a big city
            # ("Hodeidah Red Sea port city" tagged NORP)
            return None
        if generic(span):
            return None
        if before is not None and before.lower_.rstrip(".") in TITLES:
            return None
        joined = hyphen_joined(span)
        if joined is not None and not self.gazetteer.knows(joined.text):
            return None  # part of a hyphenated name: "Sloboda" of "Mykhalchyna-Sloboda", not of "US-Ukraine"
        if len(span) == 1 and (
            first.is_stop or (first.pos_ != "PROPN" and not locative(span)) or country_of_demonym(first.text)
        ):
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
        if (not prominent or top.match != "name") and continued(span) and not self._prominent_after(span):
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
        hint of a place in Russia, nor is "Saudi-led coalition airstrikes" of one in Saudi Arabia.
        """
        hints: Counter[str] = Counter()
        for token in doc:
            if token.i + 1 < len(doc) and doc[token.i + 1].lemma_.lower() in ARMED:
                continue
            if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in _SIDING:
                continue
            if token.is_title or token.is_upper:
                code = country_of_demonym(token.text)
                if code:
                    hints[code] += 1
        return hints


def _named_after(span: Span) -> Span | None:
    """The whole of a name that goes on with "imeni" (Russian: "named after") and the capitalised words of
    the person it honours ("Shakhta imeni Gagarina", "Kolkhoz imeni Lenina"); None where it does not."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].lower_ != "imeni" or not is_capitalised(doc[end + 1]):
        return None
    end += 1
    while end < len(doc) and is_capitalised(doc[end]):
        end += 1
    return doc[span.start : end]


#: Words after a demonym and a hyphen that make it a side's sponsor: "Saudi-led", "Iranian-backed".
_SIDING = frozenset({"led", "backed", "supported", "funded", "allied", "aligned", "affiliated", "sponsored"})
