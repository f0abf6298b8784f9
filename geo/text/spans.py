"""How a name sits in its sentence: the checks recognition runs on a candidate span.

Whether the span is the model's whole entity, a person misread as a place, part of a longer or
hyphenated name, a generic word, used as a location; where the region containing a place
begins ("Lozove, Donetsk", "Arah (Merkhah, Shabwah)"). Also used by resolution and by events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from gazetteer import Gazetteer
from gazetteer.normalize import ARABIC_ARTICLES, without_article

from .nonplaces import CALENDAR
from .words import (
    AREA_WORDS,
    CONNECTORS,
    FRONT_WORDS,
    GENERIC_WORDS,
    LOCATIVE,
    NEAR_WORDS,
    PLACE_VERBS,
    SETTLEMENT_WORDS,
    SURROUNDINGS,
    TITLES,
)


@dataclass(slots=True)
class Mention:
    """A span of text taken for a place name, before resolution."""

    span: Span
    known: bool  # the gazetteer has the name
    embedded: bool = False  # part of an organisation's name ("Odesa" in "Odesa Regional Administration")

    @property
    def text(self) -> str:
        return self.span.text


def is_whole_entity(span: Span) -> bool:
    """Whether the span is the whole of the model's entity over it."""
    ent = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
    whole = trim(ent) if ent is not None else None
    return whole is not None and (whole.start, whole.end) == (span.start, span.end)


def mixed_case(text: str) -> bool:
    """A word with capitals inside it that is not all capitals: "MoD", "DeKalb"."""
    return not text.isupper() and any(c.isupper() for c in text[1:])


def misread_person(span: Span) -> bool:
    """A name of which the model called one word a PERSON, or the whole name, with no title or other
    name beside it: "hit Kherson", "in As Samawah", "in Den Haag" ("the church of St. Paul" keeps its saint)."""
    doc = span.doc
    persons = [e for e in doc.ents if e.label_ == "PERSON" and e.start < span.end and span.start < e.end]
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        bool(persons)
        and all(
            span.start <= e.start
            and e.end <= span.end
            and (
                len(e) == 1
                or without_article(e.text) == e[-1].text  # "As-Sweida" is one word
                or (e.start == span.start and e.end == span.end and not any(t.text.endswith(".") for t in e))
            )
            for e in persons
        )
        and not (before is not None and before.lower_.rstrip(".") in TITLES)
    )


def container_start(doc: Doc, end: int) -> tuple[int, str] | None:
    """Where a container of the place ending at token `end` would begin, and the mark before it
    ("," "(" or "in"), past settlement words and a front's ("the Sirwah frontline (Marib)"); None when none
    follows."""
    while end < len(doc) and (doc[end].lower_ in SETTLEMENT_WORDS or doc[end].lower_ in FRONT_WORDS):
        end += 1
    if end + 1 < len(doc) and doc[end].lower_ in (",", "(", "in"):
        if doc[end].lower_ == "in" and doc[end + 1].lower_ == "the" and end + 2 < len(doc):
            start = end + 2
            while start < len(doc) and doc[start].lower_ in AREA_WORDS:
                start += 1
            if start + 2 < len(doc) and doc[start].lower_ in SURROUNDINGS and doc[start + 1].lower_ == "of":
                return start + 2, "in"  # "Bara in the southern countryside of Idleb"
            return end + 2, "in"  # "Pavlovka in the DPR"
        return end + 1, doc[end].lower_
    return None


def bracket_end(doc: Doc, start: int) -> int:
    """The token index of the ")" closing a bracket opened just before `start` (or the sentence's end)."""
    end = start
    while end < len(doc) and doc[end].text != ")" and not (end > start and doc[end].is_sent_start):
        end += 1
    return end


def _alone_in_brackets(span: Span) -> bool:
    """Whether the span is all that a pair of brackets holds: "(Bsharri)"."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")"


def bracketed_after(span: Span, name: Span) -> bool:
    """Whether the span stands alone in brackets right after `name`: "Becharre (Bsharri)"."""
    return name.end + 1 == span.start and _alone_in_brackets(span)


#: Words that, with a letter or number, label a unit of a town: "Ward C", "District 4", "Precinct 12".
_UNIT_LABELS = frozenset({"ward", "district", "precinct", "zone", "sector", "block", "division", "section"})


def glosses_a_label(span: Span) -> bool:
    """Whether the span stands alone in brackets after a unit's label ("Ward C (East End)"): the local
    name of a part of the text's own town, not a town of that name elsewhere."""
    if span.start < 3 or not _alone_in_brackets(span):
        return False
    label, unit = span.doc[span.start - 2], span.doc[span.start - 3]
    letter = len(label.text) == 1 and label.text.isupper()
    return unit.lower_ in _UNIT_LABELS and unit.is_title and (letter or label.like_num)


def continued(span: Span) -> bool:
    """Whether a capitalised proper noun follows the span, directly or after a connector ("Umm el Araneb").
    After a connector, a date or the start of another place continues no name: "Nikolaev on Monday",
    "Nikolaev and Dnepropetrovsk" (not "Trinidad and Tobago", one entity)."""
    doc, i = span.doc, span.end
    connected = i + 1 < len(doc) and doc[i].lower_ in CONNECTORS and doc[i].lower_ != "-"
    if connected:
        i += 1
    if i >= len(doc) or doc[i].pos_ != "PROPN" or not is_capitalised(doc[i]):
        return False
    following = doc[i]
    return not connected or not (
        following.ent_type_ in ("DATE", "TIME") or (following.ent_type_ in ("GPE", "LOC") and following.ent_iob_ == "B")
    )


def hyphen_joined(span: Span) -> Token | None:
    """The capitalised word joined to the span by a hyphen without spaces, before or after it, if any."""
    doc = span.doc
    if (
        span.start >= 2
        and doc[span.start - 1].text == "-"
        and not doc[span.start - 2].whitespace_
        and not doc[span.start - 1].whitespace_
        and is_capitalised(doc[span.start - 2])
    ):
        return doc[span.start - 2]
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and not doc[span.end - 1].whitespace_
        and not doc[span.end].whitespace_
        and is_capitalised(doc[span.end + 1])
    ):
        return doc[span.end + 1]
    return None


def in_place_region_pair(span: Span) -> bool:
    """Whether the name is a place or its container in "Place[ village], Region": no organisation's
    name holds a comma so placed."""
    doc = span.doc
    after = container_start(doc, span.end)
    if after is not None and after[1] == "," and is_capitalised(doc[after[0]]):
        return True
    i = span.start - 1  # "Beyoglu town, Istanbul"
    return i > 0 and doc[i].text == "," and (is_capitalised(doc[i - 1]) or doc[i - 1].lower_ in SETTLEMENT_WORDS)


def spaced_dash(span: Span) -> bool:
    """Whether a dash with spaces either side follows the span: "Minsk - Tsentralny"."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text in ("-", "–")
        and bool(doc[span.end - 1].whitespace_)
        and bool(doc[span.end].whitespace_)
    )


def generic(span: Span) -> bool:
    """A title, a month or day, or a common noun that some town happens to bear ("Street")."""
    word = span.text.lower().rstrip(".")
    return word in TITLES or word in CALENDAR or (len(span) == 1 and word in GENERIC_WORDS)


def with_full_stop(mention: Mention) -> Mention:
    """Take in the full stop the tokenizer split off an abbreviation: "W.Va." is the name, not "W.Va"."""
    span = mention.span
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "." and not span[-1].whitespace_ and "." in span.text:
        return Mention(doc[span.start : span.end + 1], mention.known, mention.embedded)
    return mention


def locative(span: Span) -> bool:
    """Whether the sentence uses the span as a location: "in Kherson", "hit Kherson", "near Peski and
    Avdeevka", "the countryside of Idleb"."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:  # "from Polohy, Tokmak, Enerhodar": the list's first
        root = root.head
    if (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE) or (
        span.start > 0 and span.doc[span.start - 1].lower_ in NEAR_WORDS
    ):
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in SURROUNDINGS:
        return True
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in PLACE_VERBS:
        return True
    # right after the verb, whatever the parse made of a word it has never seen ("shelled Bakhmut on Friday")
    verb = span.doc[span.start - 1] if span.start > 0 else None
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in PLACE_VERBS


def is_acronym(text: str) -> bool:
    """ "US", "UAE", "G7", "U.S.": short and in capitals, so it matches towns by accident."""
    letters = text.replace(".", "")
    return len(letters) <= 4 and letters.isupper()


def is_capitalised(token: Token) -> bool:
    return (
        token.is_title
        or (token.is_upper and token.is_alpha)
        or (token.like_num and token.i + 1 < len(token.doc) and token.doc[token.i + 1].is_title)
    )


def trim(span: Span) -> Span | None:
    """Drop a leading article and trailing punctuation or possessive: "the English Channel" -> "English Channel";
    and an opened bracket the span does not close, with what follows: "Kherson (Kherson" -> "Kherson"."""
    start, end = span.start, span.end
    doc = span.doc
    words = [t.text for t in span]
    if "(" in words and ")" not in words[words.index("(") :]:
        end = start + words.index("(")
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    return doc[start:end] if end > start else None


def list_before(token: Token) -> list[Token]:
    """The one-word names of the list that ends right before `token`, last first: "Otoe" and "Dakota"
    of "Dakota and Otoe counties"."""
    doc, names, i = token.doc, [], token.i - 1
    while i >= 0 and is_capitalised(doc[i]) and doc[i].lower_ not in ("the", "a"):
        names.append(doc[i])
        if i < 2 or doc[i - 1].lower_ not in (",", "and", "&"):
            break
        i -= 2
    return names


def region_named(gazetteer: Gazetteer, text: str) -> bool:
    """Whether the name is a region's own ("Ohio", "Georgia"), not one it is also known by."""
    return any(r.match == "name" for r in gazetteer.candidates(text, kind="region", limit=1))


def hyphened(token: Token) -> bool:
    """Whether a word is glued between hyphens inside a name: the "a" of "Mar-a-Lago", "Stratford-upon-Avon"."""
    doc = token.doc
    return (
        0 < token.i < len(doc) - 1
        and doc[token.i - 1].text == "-"
        and doc[token.i + 1].text == "-"
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
    )


def article_hyphen(token: Token) -> bool:
    """Whether a hyphen glues a capitalised Arabic article to the name after it: "As-Sweida"."""
    doc = token.doc
    return (
        token.text == "-"
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].lower_ in ARABIC_ARTICLES
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
    )


def capital_article(token: Token) -> bool:
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


def glued_article(token: Token) -> bool:
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
