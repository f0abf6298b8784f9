"""Names that read as places but are not: organisations, dates, acronyms, common phrases.

The gazetteer matches "Hamas" (a name of Hamm), "God" (Göd, accents folded),
"Monday" (Mondaí, by transliteration), "MO" (Missouri) and "west bank" (the
West Bank). Each check here looks at how the text writes the name, never at
one document's words; `made_place` is the sentence overruling them ("the
town of Amal", "Amal, Sweden").
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from gazetteer import Place, name_key
from gazetteer.not_places import is_not_place

from .words import TITLES, VENUE_WORDS

#: Capitalised words before "of" that make what follows part of an organisation's name:
#: "the Party of God", "the Army of Islam", "the Ministry of Defence".
ORG_HEADS = frozenset(
    """party army ministry movement front brigade brigades battalion battalions corps guard guards council
church bank university college institute league union federation association committee society order
soldiers warriors partisans sons brothers brotherhood friends followers knights people house""".split()
)
#: Capitalised words that are dates or feasts far more often than towns ("March", "Ramadan").
CALENDAR = frozenset(
    """january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
ramadan eid christmas easter passover hanukkah diwali nowruz thanksgiving halloween lent""".split()
)
#: The legal forms that close a firm's name after a comma ("Snyder Funeral Home, Inc."): never a place,
#: whatever the comma before them suggests ("Inc" is a name of Yinchuan).
COMPANY_FORMS = frozenset({"inc", "ltd", "llc", "corp", "plc", "gmbh"})
#: Storms with given names, one and many.
_STORMS = frozenset({"hurricane", "typhoon", "cyclone", "storm"})
_STORMS_PLURAL = frozenset({"hurricanes", "typhoons", "cyclones", "storms"})
#: Diseases named after the place they were first found: "West Nile virus", "Lassa fever", "Lyme disease".
_DISEASES = frozenset({"virus", "viruses", "ebolavirus", "fever", "disease", "encephalitis"})
#: Words between such a name and its disease: "Marburg haemorrhagic fever", "Rocky Mountain spotted fever".
_DISEASE_QUALIFIERS = frozenset({"hemorrhagic", "haemorrhagic", "spotted", "valley"})
#: Last words of street names, capitalised as in a name, and their abbreviations ("Ave."); not "St.", which
#: begins names ("Paris St. Louis") as often as it ends them.
STREET_WORDS = frozenset("Street Avenue Ave Road Rd Drive Lane Boulevard Blvd Parkway Pike Way Circle Terrace".split())
#: Words naming a kind of settlement: "the town of Amal", "Hamm city".
_SETTLEMENTS = frozenset({"town", "village", "city", "settlement", "hamlet", "municipality", "commune", "district"})


def names_a_disease(span: Span) -> bool:
    """The name is part of a disease's ("West Nile virus", "Marburg hemorrhagic fever"): an outbreak of it
    anywhere says nothing of that place. A flu keeps its place ("Texas flu cases" are in Texas)."""
    doc = span.doc
    after = span.end
    while after < len(doc) and doc[after].lower_ in _DISEASE_QUALIFIERS:
        after += 1
    return after < len(doc) and doc[after].lower_ in _DISEASES and doc[after].is_lower


def listed_not_place(span: Span) -> bool:
    """A firm's legal form, or a listed organisation, service, acronym or holiday, or a date word, that
    the sentence leaves a name: "Hamas said", "on Ramadan"; not "the village of Amal"."""
    text = span.text
    if text.rstrip(".").casefold() in COMPANY_FORMS:
        return True
    return (is_not_place(text) or (len(span) == 1 and text.lower() in CALENDAR)) and not made_place(span)


def placed_venue(span: Span) -> Span | None:
    """The venue a name begins, when the sentence says the venue lies somewhere else: in "a rally at
    Hikari Plaza (Nagoya, Aichi)" or "near Union Station in Chicago" the name is the square's or the
    station's, not the town's (Hikari lies 470 km from Nagoya). "Kharkiv station" alone keeps Kharkiv."""
    doc = span.doc
    end = span.end
    while end < len(doc) and doc[end].is_title:
        end += 1
    after = doc[end : end + 2]
    if end - span.start < 2 or doc[end - 1].lower_ not in VENUE_WORDS or len(after) < 2:
        return None
    return doc[span.start : end] if after[0].lower_ in ("in", "(") and after[1].is_title else None


def personal_names(doc: Doc) -> set[str]:
    """The words of the full personal names in the text ("Volodymyr Zelenskyy"): no places in it.

    An entity the model calls a person counts only where each of its words reads as a name (a
    capitalised proper noun or an initial), past any title: "Rethinking Egypt" (a headline's verb),
    "Erie GM" (a job), "Lexington 4" are misreadings that must not make Egypt or Erie a person for
    the whole text; "Coach Ann Lee" gives Ann and Lee."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or _part_of_place_before(ent):
            continue
        words = list(ent)
        titled = [i for i, t in enumerate(words) if t.lower_.rstrip(".") in TITLES]
        words = words[titled[-1] + 1 :] if titled else words
        if (len(words) > 1 or (titled and words)) and all(_reads_as_name(t) for t in words):
            names.update(t.text for t in words if t.is_title)
    return names


def _part_of_place_before(ent: Span) -> bool:
    """Whether the entity opens a bracket after the very name it begins with: "in Sfax (Sfax Ville, Sfax)"
    is a part of the place named before the bracket, not a person called Sfax Ville."""
    doc = ent.doc
    return ent.start >= 2 and doc[ent.start - 1].text == "(" and doc[ent.start - 2].text == ent[0].text


def storm_names(doc: Doc) -> set[str]:
    """The names the text gives storms ("Hurricane Maria", "the hurricanes: Harvey, Irma and Maria"): named
    like people, and like people no towns in that text (Maria is no Spanish village there)."""
    names: set[str] = set()
    for token in doc:
        word = token.lower_
        if word in _STORMS and token.is_title and token.i + 1 < len(doc):
            following = doc[token.i + 1]
            if following.is_title and following.pos_ == "PROPN":
                names.add(following.text)  # "Hurricane Maria", "Tropical Storm Alberto"
        elif word in _STORMS_PLURAL:
            colon = next((t.i for t in doc[token.i : token.sent.end] if t.text == ":"), None)
            for listed in doc[colon + 1 : token.sent.end] if colon is not None else ():
                if listed.is_title and listed.pos_ == "PROPN":
                    names.add(listed.text)
                elif listed.text not in (",", "and", "or"):
                    break  # the list ends: "hurricanes: Harvey, Irma and Maria. Those..."
    return names


def _reads_as_name(token: Token) -> bool:
    text = token.text
    if token.is_punct:
        return text in ("-", ".", "'")
    initial = len(text) == 2 and text[0].isupper() and text[1] == "."
    return initial or (token.pos_ == "PROPN" and text[:1].isupper() and not text.isupper())


def street_named(span: Span) -> bool:
    """Whether the name begins a street's name ("a fire on Wichita Street", "Washington Drive"): the street,
    not the town it is named after; the word after it is a street's, capitalised, not "road" in "the Kherson
    road"."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text.rstrip(".") in STREET_WORDS


def family(span: Span, people: Collection[str]) -> bool:
    """ "the Boons" in a text that names someone Boon: the family, not a town that bears the plural."""
    text = span.text
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        len(span) == 1
        and before is not None
        and before.lower_ == "the"
        and ((text.endswith("s") and text[:-1] in people) or (text.endswith("es") and text[:-2] in people))
    )


def made_place(span: Span) -> bool:
    """Whether the words around the span say it is a settlement: "the village of X", "X village",
    "X, Sweden" (a comma and a capitalised name)."""
    doc = span.doc
    before = doc[max(0, span.start - 2) : span.start]
    if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in _SETTLEMENTS:
        return True
    after = doc[span.end : span.end + 2]
    if len(after) >= 1 and after[0].lower_ in _SETTLEMENTS:
        return True
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].is_title:
        return True  # the container of a place: "Springfield, MO"
    return len(after) == 2 and after[0].text == "," and after[1].is_title and after[1].ent_type_ in ("GPE", "LOC")


def org_tail(span: Span) -> bool:
    """Whether the span ends an organisation's name "<Head> of X": "the Party of God"."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].is_title
        and doc[span.start - 2].lower_ in ORG_HEADS
    )


def cased_unlike(text: str, place: Place) -> bool:
    """A word with a capital inside it that the place's name does not have: "MoD" is no "Mod",
    while "DeKalb" and "McAllen" are written as their towns are."""
    if " " in text or "-" in text:
        return False  # words may be written otherwise
    inner_capitals = not text.isupper() and any(c.isupper() for c in text[1:])
    if name_key(text) != name_key(place.name):
        # another name of the place may be written otherwise, but a brand's capitals ("UConn") are
        # no transliteration: a place found only by the spelling skeleton ("Ucon") is not the one meant
        return inner_capitals and place.match == "skeleton"
    return inner_capitals and text not in place.name


def lower_case(span: Span) -> bool:
    """A span with no capitalised word: "the west bank" of a river is no proper name."""
    return not any(t.text[:1].isupper() for t in span)  # "McKee" is capitalised, if not title case
