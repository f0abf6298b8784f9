"""Does a sentence report something that happened at a place, or only talk about it?

News surrounds each event with talk: background nouns ("the war", "Kurdish fighters",
"the president"), things wanted or feared ("called on them to halt the attacks", "proposed an
operations room in Amman"), headlines' figures of speech ("UK, France strike new pact"),
topics ("talks on Crimea", "the status of Donbas") and names that hold a place without being
one ("Iran-backed militants", "Mar-a-Lago" split in two). The finder asks these questions
before it puts a point on the map.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from geo.record import Toponym
from geo.text.words import FACILITIES

from .taxonomy import Trigger

#: Weak words that still name an occurrence as nouns: "an attack", "a blast". Other weak nouns
#: ("war", "fighters", "president", "damage") only set a scene.
OCCURRENCE_NOUNS = frozenset(
    """attack raid barrage blitz explosion blast detonation gunfire shooting visit withdrawal
    assault""".split()
)
#: Trigger words that name people, kit or bodies rather than an occurrence: "the ambassador",
#: "Patriot missiles", "the Security Council". They add to a type but report nothing alone.
ACTOR_WORDS = frozenset(
    """ambassador diplomat diplomats envoy delegation negotiator counterpart mediator interceptor
    sapper sappers patriot nasams gepard pantsir militant militants fighter fighters militia
    militias president minister leader leaders""".split()
)
#: Verbs and nouns of wanting, proposing, threatening or preventing: what they govern has not
#: happened ("urged them to halt the attacks", "a proposal to host talks").
IRREALIS = frozenset(
    """propose proposal call urge demand threaten threat warn ask press want seek request
    halt stop prevent avoid deter risk fear scenario possibility consider mull discuss
    envisage envision pressure hope wish plan order refuse decline deny offer reject""".split()
) | {"hoped", "hoping"}  # the tagger's lemma of "hoped" is "hop"
#: Words of pressing a party to give something up: a place they govern is what is asked for, not a
#: scene ("pressing Kyiv to cede the Donbas region").
COERCION = frozenset("press pressure demand urge relinquish cede surrender".split())
#: Nouns of a whole war or crisis: they set the background, and a place tied to them ("the war in
#: Ukraine", "the Gaza conflict") is where that background is, not where a sentence's event is.
BACKGROUND = frozenset("war conflict invasion crisis campaign hostilities".split())
#: Nouns whose "on"/"over"/"of" object is their topic, not their place: "talks on Crimea",
#: "pressure on Russia", "the status of Donbas", "control over the plant".
TOPIC_NOUNS = frozenset(
    """talk talks negotiation negotiations pressure sanction sanctions deal agreement stance
    position decision debate discussion view views dialogue consultation statement ruling status
    future fate question issue sovereignty claim claims war conflict policy
    strategy""".split()
)
#: Nouns of a state of affairs sought, whose "in" names where it is wished for: "peace in the Middle East".
AIM_LINKS = frozenset({"in", "across", "throughout", "for"})
AIMS = frozenset("peace stability security reconciliation normalisation normalization prosperity".split())
#: Words that keep a talked-about thing going rather than report it: "negotiations continue".
CONTINUING = frozenset({"continue", "remain", "persist", "drag", "stall", "go"})
#: Nouns of an aim rather than an occurrence: "diplomatic efforts", "humanitarian initiatives".
ENDEAVOURS = frozenset("attempt effort push bid initiative drive solution track channel process path avenue".split())
#: Verbs that say where something is, not that anything happened: "a cell based at the headquarters".
LOCATED = frozenset("base locate station house headquarter situate".split())
#: Nouns of a whole war or offensive whose relative clause in the perfect tallies it ("the offensive
#: that has killed thousands"): the total of many occurrences, not one.
TALLIED = BACKGROUND | {"offensive", "bombardment", "fighting", "operation", "siege"}
#: What "advance" may move and still be fighting: "advanced their positions", not "advance peace".
ADVANCING = frozenset("position positions line lines troop troops force forces unit units".split())
#: Nouns of saying: a place tied to them is where words were said ("in an interview at her desk in Rome").
SAYINGS = frozenset("interview statement speech address briefing conference remarks broadcast".split())
#: Bodies that speak for a place: "according to the health ministry in Gaza" names the source's seat.
INSTITUTIONS = frozenset("ministry office court council government authority agency department".split())
#: Verbs by which a place is where someone comes from: "she is originally from Hardan".
ORIGINS = frozenset("be come hail originate".split())
#: Nouns of a settlement that a name before them may only qualify: "the Donetsk town".
SETTLEMENTS = frozenset("town village city settlement".split())
#: Words whose "from ... to ..." is an extent: "regions spanning from Volyn to Odesa".
SPANS = frozenset("span stretch range extend reach".split())
#: How many nouns up a chain of "in"/"of"/"at" phrases a place is followed ("office in Rome" -> "interview").
CHAIN = 3
#: A game's score: "110-99", "3 - 1".
SCORE = re.compile(r"(?<![\d.])\d{1,3} ?[-\u2013] ?\d{1,3}(?![\d.])")
#: Nouns of getting ready for something, which has not happened: "a framework for negotiations".
PREPARATIONS = ENDEAVOURS | frozenset("framework readiness willingness preparation preparations basis".split())
#: Weights of the taxonomy's trigger words and subtype words (a weapon, a kind).
WEAK = 0.5
#: Words that say a sentence counts what has piled up rather than one occurrence ("as of now" only
#: says how fresh the figure is: "as of now, four are known dead" is the toll of this event).
CUMULATIVE = re.compile(
    r"\b(?:in total|in all|altogether|to date|so far this|since the (?:start|beginning|war|invasion|conflict)"
    r"|since (?:the )?(?:full[- ]scale )?(?:war|invasion) began|since (?:[A-Z][a-z]+\.? \d{1,2}|\d{4})"
    r"|as of(?! (?:now|today|tonight|press time|this (?:morning|afternoon|evening|writing))\b)"
    r"|(?:in|over|during) (?:recent|the (?:past|last)(?: few| several)?) (?:weeks|months|years))\b",
    re.IGNORECASE,
)
#: What may stand before a name in a dateline: nothing, or the city in capitals ("KYIV, Ukraine").
DATELINE = re.compile(r"\s*(?:[A-Z][A-Z .'-]{2,}, )?")
#: Quotation marks that open and close a quote.
OPENING, CLOSING = "\u201c", "\u201d"
#: Links to a clause of its own, which what governs the sentence does not govern.
CLAUSE_LINKS = frozenset({"advcl", "conj", "parataxis", "relcl"})
#: How far up the parse a governing word of wanting or preventing is looked for.
IRREALIS_REACH = 4


def names_occurrence(trigger: Trigger, token: Token) -> bool:
    """Whether a trigger word reports an occurrence on its own: a verb, an event noun, or a strong
    trigger that is no actor word ("attacked", "an attack", "shelling"; not "the war", "the envoy")."""
    words = {token.lemma_.lower(), token.lower_, trigger.text.lower()}
    if words & (ACTOR_WORDS | IRREALIS) or any(c.dep_ == "dobj" and c.lower_ == "place" for c in token.children):
        return False  # "the envoy", "proposed talks", "talks took place" (a happening, not a capture)
    if token.dep_ == "amod" and token.head.lemma_.lower() in ENDEAVOURS:
        return False  # "diplomatic efforts to end the war": an aim, not a meeting
    if any(c.dep_ == "dobj" and c.lemma_.lower() in ENDEAVOURS for c in token.children):
        return False  # "launched a concerted effort": an aim, however it is pursued
    if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_.lower() in PREPARATIONS:
        return False  # "a framework for negotiations", "readiness for a ceasefire": what is prepared for
    if token.dep_ == "pobj" and token.head.head.lemma_.lower() in LOCATED:
        return False  # "an office based at the headquarters": where something is, not what happened
    if _tally(token) or _figurative(token):
        return False
    if token.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in BACKGROUND for c in token.children
    ):
        return False  # "the war has pushed Russia into China's arms": a figure of speech
    if token.pos_ in ("VERB", "AUX"):
        # "(speaking) to discuss": a weak verb in a clause of purpose says what was meant to happen
        purpose = token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        return trigger.weight >= WEAK or not purpose
    return trigger.weight >= WEAK or bool(words & OCCURRENCE_NOUNS)


def _tally(token: Token) -> bool:
    """Whether the trigger, in the perfect, describes a whole war or offensive: "the offensive that has
    killed thousands" is its toll so far, not an occurrence of the day."""
    return (
        token.dep_ == "relcl"
        and token.head.lemma_.lower() in TALLIED
        and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in token.children)
    )


def _figurative(token: Token) -> bool:
    """Whether a verb of fighting is used for something else: "advance cooperation" (promote it), "beat the
    Jazz" (won a game: `_game`),
    "the region has been impacted" (affected, with no weapon that hit it), "sanctions hurt people"
    (only "people were hurt" says they were injured)."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return False
    if lemma == "beat":
        return _game(token)
    if lemma == "advance":
        return any(c.dep_ == "dobj" and c.lemma_.lower() not in ADVANCING for c in token.children)
    children = {c.dep_ for c in token.children}
    if lemma == "hurt":  # "two people were hurt" were injured; "prices hurt people" did them harm of another kind
        return "auxpass" not in children
    return lemma == "impact" and "auxpass" in children and "agent" not in children


def _game(token: Token) -> bool:
    """Whether "beat" reports a game: the sentence gives a score ("beat Chelsea 3-1"), or a
    name beat a name and neither is a person's ("the Rockets beat the Jazz"). "Police beat protesters" and
    "soldiers beat a man" stay violence."""
    if SCORE.search(token.sent.text):
        return True
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(subjects and objects) and all(
        t.tag_ in ("NNP", "NNPS") and t.ent_type_ != "PERSON" for t in (subjects[0], objects[0])
    )


def wished(token: Token) -> bool:
    """Whether a word stands under one of wanting, proposing or preventing ("called for an end to
    the shelling", "the proposed summit in Rome"): something not (yet) happened."""
    head = token
    for n in range(IRREALIS_REACH + 1):
        if n and (head.lemma_.lower() in IRREALIS or head.lower_ in IRREALIS):
            return True
        if any(c.dep_ == "amod" and c.lemma_.lower() in IRREALIS for c in head.children):
            return True
        if head.dep_ == "pcomp" and _instead(head.head):  # "rather than attacking the town": not done
            return True
        if head.dep_ in CLAUSE_LINKS or head.head is head:  # "rejected the plan, while drones struck": another clause
            return False
        head = head.head
    return False


def continuing(token: Token) -> bool:
    """Whether the trigger is what a verb only keeps going: "talks continue", "it continues its strikes",
    "diplomatic negotiations continue" (the noun the trigger describes), "fighting remains intense"."""
    noun = token.head if token.dep_ in ("amod", "compound") else token
    return noun.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj") and noun.head.lemma_.lower() in CONTINUING


def headline(sentence: Span, text: str) -> bool:
    """Whether the sentence is the document's headline: a first line standing alone above the body,
    with no full stop ("Drones blitz the capital" is a figure of speech as often as a report)."""
    if sentence.start_char > 0:
        return False
    line, gap, rest = text.partition("\n\n")
    return bool(gap and rest.strip()) and "\n" not in line.strip() and not line.rstrip().endswith((".", "!", "?"))


def hyphenated(toponym: Toponym, text: str) -> bool:
    """Whether the name is glued by a hyphen into another word: "Iran-backed", "US-owned",
    "Mar-a-Lago" read as two places. Such a name describes, it does not place."""
    before = text[toponym.start - 1] if toponym.start > 0 else ""
    after = text[toponym.end] if toponym.end < len(text) else ""
    return before == "-" or after == "-"


def topic(token: Token) -> bool:
    """Whether a place is the topic of a noun rather than where it happens: "talks on Crimea",
    "the status of Donbas", "pressure on Russia", "peace in the Middle East" (an aim)."""
    if token.dep_ == "pobj" and token.head.lower_ in AIM_LINKS and token.head.head.lemma_.lower() in AIMS:
        return True
    if token.dep_ != "pobj" or token.head.lower_ not in ("on", "over", "of", "about", "regarding"):
        return False
    return token.head.head.lemma_.lower() in TOPIC_NOUNS or token.head.head.lower_ in TOPIC_NOUNS


def abbreviation(toponym: Toponym, text: str, sentence: Span) -> bool:
    """Whether the name is a short word with a full stop inside a sentence: a title ("Maj. Gen."), not a place."""
    return (
        toponym.end - toponym.start <= 4
        and text[toponym.end : toponym.end + 1] == "."
        and bool(text[toponym.end + 1 : sentence.end_char].strip())  # "a visit to Rome.\n\n" ends there
    )


def cumulative(sentence: Span) -> bool:
    """Whether the sentence tallies many occurrences ("in total", "since the war began")."""
    return CUMULATIVE.search(sentence.text) is not None


def quoted(sentence: Span, triggers: list[Trigger]) -> bool:
    """Whether the sentence's triggers all stand inside a quotation: a speaker's words, often generic."""
    if not triggers:
        return False
    text = sentence.doc.text
    paragraph = text.rfind("\n", 0, sentence.start_char) + 1
    for trigger in triggers:
        before = text[paragraph : trigger.start]
        opened = sum(before.count(c) for c in OPENING) - sum(before.count(c) for c in CLOSING)
        if opened <= 0 and before.count('"') % 2 == 0:
            return False
    return True


def dateline(toponym: Toponym, text: str) -> bool:
    """Whether the name opens a paragraph in capitals, as a dateline does ("KYIV, Nov 17 (Reuters) -"):
    where the reporter filed from, not where it happened."""
    paragraph = text.rfind("\n", 0, toponym.start) + 1
    name = text[toponym.start : toponym.end]
    before = text[paragraph : toponym.start]
    return DATELINE.fullmatch(before) is not None and (bool(before.strip()) or (name.isupper() and len(name) > 3))


def coerced(token: Token) -> bool:
    """Whether a place is what one party presses another to give up ("pressing Kyiv to cede Donbas")."""
    return any(head.lemma_.lower() in COERCION for head in list(token.ancestors)[:IRREALIS_REACH])


def background(token: Token) -> bool:
    """Whether a place names where a whole war or crisis is: "the Gaza conflict", "the war in Ukraine"."""
    if token.dep_ in ("compound", "nmod", "amod"):
        return token.head.lemma_.lower() in BACKGROUND
    return token.dep_ == "pobj" and token.head.head.lemma_.lower() in BACKGROUND


def acronym(toponym: Toponym, text: str) -> bool:
    """Whether the name is an acronym that the gazetteer took for a town or region ("IMO", "ICJ"):
    countries aside ("US", "UAE"), such names are organisations far more often than places."""
    name = text[toponym.start : toponym.end]
    place = toponym.place
    return name.isupper() and len(name) <= 5 and place is not None and place.kind != "country"


def organisation(toponym: Toponym, doc: Doc) -> bool:
    """Whether the name lies inside a longer organisation's name ("Bayern Munich", "the Islamic
    Resistance in Iraq", "Kurdistan Liberation Army"): the organisation acts, the place is not a scene."""
    span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    if span is None:
        return False
    text = doc.text
    for ent in doc.ents:
        if ent.label_ != "ORG" or not (ent.start <= span.start and span.end <= ent.end and len(ent) > len(span)):
            continue
        if ent[-1].lemma_.lower() in FACILITIES and ent.end == span.end + 1:
            continue  # "Erbil Airbase": a facility stands at the place it is named after
        # "Novovorontsovka, Kherson", "Donetsk - Kyivskyi": places listed, which the tagger took for a name
        rest = (text[ent.start_char : toponym.start], text[toponym.end : ent.end_char])
        if (rest[0].rstrip().endswith("(") and not rest[1].strip()) or (
            rest[1].lstrip().startswith("(") and ")" not in rest[1]
        ):
            continue  # "Bcharre (Bsharri" tagged ORG: the model ran into a bracket, no organisation's name
        if not rest[0].rstrip().endswith((",", "-")) and not rest[1].lstrip().startswith((",", "-")):
            return True
    return False


def venue(token: Token) -> bool:
    """Whether a place is stated as where something is held: "taking place in Saudi Arabia",
    "held in Riyadh", "hosted in Qatar". Such a statement places the sentence's meeting however far
    the parse puts it from the meeting's noun."""
    if token.dep_ != "pobj" or token.head.lower_ not in ("in", "at"):
        return False
    verb = token.head.head
    if verb.lemma_.lower() == "take":
        return any(c.lower_ == "place" for c in verb.children)
    return verb.lemma_.lower() in ("hold", "host")


def _instead(preposition: Token) -> bool:
    """Whether a preposition sets what follows aside: "rather than", "instead of"."""
    if preposition.lower_ == "than":
        return any(c.lower_ == "rather" for c in preposition.children) or preposition.nbor(-1).lower_ == "rather"
    return preposition.lower_ == "of" and preposition.i > 0 and preposition.nbor(-1).lower_ == "instead"


def unnamed_settlement(token: Token) -> bool:
    """Whether the name only qualifies an unnamed town: "the Donetsk town" is a town of the Donetsk
    region (named elsewhere), not the city of Donetsk; "Kharkiv city" is the city."""
    head = token.head
    return (
        token.dep_ in ("compound", "nmod", "amod")
        and head.lemma_.lower() in SETTLEMENTS
        and any(c.dep_ == "det" for c in head.children)
    )


def extent(token: Token) -> bool:
    """Whether a place is an end of a span ("from Cologne to Dresden", "regions from Volyn to the
    Odesa region") or a way through ("routes via the Cape"): the span says how far something
    reaches, its ends and waypoints are not where it happened."""
    if token.dep_ == "pobj" and token.head.lower_ == "via":
        return True
    if token.dep_ != "pobj" or token.head.lower_ != "to":
        return False
    preposition = token.head
    spanning = preposition.head.lemma_.lower() in SPANS and any(c.lower_ == "from" for c in preposition.head.children)
    return preposition.head.lower_ == "from" or spanning  # not "walked from Mariupol to Zaporizhzhia": a route


def source(token: Token) -> bool:
    """Whether a place only says where words came from: where they were said ("in an interview at her
    desk in Rome"), the seat of the body that speaks ("according to the health ministry in Gaza"),
    or where someone is from ("she is originally from a village in Sinjar")."""
    for _ in range(CHAIN):
        if token.dep_ not in ("pobj", "poss", "compound"):
            return False
        preposition = token.head if token.dep_ == "pobj" else None
        noun = preposition.head if preposition is not None else token.head
        if preposition is not None and preposition.lower_ == "from" and noun.lemma_.lower() in ORIGINS:
            return True
        lemma = noun.lemma_.lower()
        if lemma in SAYINGS:
            return True
        if (
            lemma in INSTITUTIONS
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "to"
            and noun.head.head.lower_ == "according"
        ):
            return True
        token = noun
    return False
