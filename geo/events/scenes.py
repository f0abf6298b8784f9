"""Where an event happened: the place the parse ties to its trigger.

"talks in Paris", "hit Kherson", "Kharkiv was shelled" make a place the scene; "Moscow said",
"Russia's forces", "drones launched from Belgorod" make it a party or an origin. A place named
right after an unknown one ("Lozove, Donetsk") contains it and stands for it; a list
("Kharkiv, Odesa and Lviv") gives each place. finder.py asks these questions of each trigger.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from geo.record import Toponym
from geo.text.spans import bracket_end, container_start

from .occurrence import venue

#: Kinds of place from the most to the least specific: an event goes to the most specific place tied to it.
SPECIFICITY = {
    "landmark": 0,
    "city": 1,
    "county": 2,
    "region": 2,
    "sea": 2,
    "physical": 3,
    "country": 4,
    "continent": 5,
}


#: A place further than this many dependency arcs from the trigger is not its scene.
MAX_ARCS = 7


#: A country or sea is the scene only when the parse ties it this close: "strikes on Ukraine",
#: not a country named at the far end of a long sentence.
BROAD_ARCS = 5


BROAD_KINDS = frozenset({"country", "continent", "sea", "physical"})


#: Events of nature, which no country does: a country before them is where they happened.
NATURAL = frozenset(
    """earthquake quake flood flooding storm hurricane cyclone typhoon tornado tsunami wildfire drought
eruption landslide avalanche heatwave""".split()
)


#: Words that give examples of a plural noun: "cities including Vienna and Doha", "towns such as Izium".
EXAMPLES = frozenset({"including", "like", "as"})


#: Kinds a list may mix and still name places of one rank: "in Geneva, Miami and at Mar-a-Lago".
VENUE_KINDS = frozenset({"city", "landmark"})


#: Parts of a town or region a place may own: "in Beirut's Hamra quarter" happened where the quarter is.
OWN_AREAS = frozenset(
    """area district quarter neighbourhood neighborhood suburb suburbs outskirts centre center port
    village town city county province region oblast""".split()
)


#: Nouns a place name can stand behind with "of": "the city of Kharkiv", "the outskirts of Kyiv".
AREA_NOUNS = frozenset(
    """city town village region province oblast district area outskirts suburb suburbs centre
center port capital county state territory part parts edge north south east west northeast northwest
southeast southwest""".split()
)


#: Verbs whose object is where the event happens: "hit Kherson", "visited Kyiv".
SCENE_VERBS = frozenset(
    """hit strike attack shell bomb target pound capture seize take enter reach visit host
liberate besiege surround storm raid occupy recapture retake cross land arrive gain regain rock shake
devastate ravage""".split()
)


#: Movements away "from" the place where they happen: "retreating from the Kursk region".
WITHDRAWALS = frozenset(
    {"retreat", "withdraw", "flee", "pull", "evacuate", "expel", "oust", "drive", "push", "deport", "relocate"}
)


#: Prepositions of where a movement away ends: "evacuated to Spain".
DESTINATIONS = frozenset({"to", "into", "toward", "towards"})


#: Verbs of sending someone or something somewhere: where it goes is no scene ("sent back to the US").
SENDINGS = frozenset({"send", "return", "transfer", "bring", "fly", "ship", "deliver"})


#: Taking things away "from" the place where it happens: "looted equipment from the hospital in Izium".
TAKINGS = frozenset({"transfer", "remove", "confiscate", "steal", "loot", "seize"})


#: What comes "from" the place where it happened: "reports from Washington".
REPORT_NOUNS = frozenset({"report", "news", "dispatch", "footage", "image", "video", "account"})


#: How many "of"/"including" links up a moved group's head may lie: "dozens of the residents of ...".
GROUP_DEPTH = 3
#: The words a group's head may be: "dozens" (NOUN), "300" (NUM), "some" (PRON).
GROUP_HEADS = frozenset({"NOUN", "NUM", "PRON"})


#: Relations by which a place is the scene of a trigger: "talks in Paris", "hit Kherson", "Kharkiv was shelled".
SCENE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "on",
        "over",
        "near",
        "into",
        "across",
        "outside",
        "inside",
        "around",
        "to",
        "toward",
        "towards",
        "through",
        "off",
        "along",
        "throughout",
        "within",
    }
)


#: Ties of a place that make it an actor or an origin ("Russia's forces", "Ukraine said", "drones from
#: Belgorod", "left Washington"), not the setting of a sentence's event.
PARTIES = frozenset(
    {"nsubj", "poss", "agent", "pobj:by", "pobj:from", "pobj:between", "pobj:with", "dobj", "nsubjpass", "advmod"}
)


#: Words that take a part of a country: "southern Ukraine", "the east of Syria" are not the country.
COMPASS = frozenset(
    """north south east west northern southern eastern western northeast northwest southeast southwest
northeastern northwestern southeastern southwestern central""".split()
)


#: A container stands at most this many characters after its place: "Kochubeivka territorial community, Kherson".
CONTAINER_REACH = 60


def _of_subject(toponym: Toponym, trigger: Token) -> bool:
    """Whether the place qualifies the subject of the trigger's verb: "Kurdish fighters in Syria liberated"."""
    token = attachment(toponym, trigger.doc)
    holder = token.head.head if token.dep_ == "pobj" else None
    return holder is not None and holder.dep_ in ("nsubj", "nsubjpass") and holder.head.i in (trigger.i, trigger.head.i)


def token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None else doc[0]


def contains_another(toponym: Toponym, places: list[Toponym], doc: Doc) -> bool:
    """Whether the place only says where the one before it lies: "Hlukhiv, Sumy", "Kyiv, Ukraine"."""
    here = toponym.place
    if here is None:
        return False
    for other in places:
        there = other.place
        if (
            there is not None
            and other is not toponym
            and _stands_as_container(toponym, other, doc)
            and (
                (here.kind in ("region", "country") and here.country_code == there.country_code)
                or (here.admin1_code is not None and here.admin1_code == there.admin1_code)
            )
        ):
            return True
    return False


def container_of(toponym: Toponym, places: list[Toponym], doc: Doc) -> Toponym | None:
    """The resolved place named right after an unknown one and a comma ("Lozove, Donetsk"), if any."""
    after = [p for p in places if p.place is not None and _stands_as_container(p, toponym, doc)]
    return after[0] if after else None


def _stands_as_container(container: Toponym, toponym: Toponym, doc: Doc) -> bool:
    """Whether `container` stands where a place's container does: after it and a comma or bracket
    ("Lozove, Donetsk", "Makovyshche village, Kyiv", "Arah (Merkhah Al Ulya, Shabwah)")."""
    if container.start <= toponym.end or container.start - toponym.end > CONTAINER_REACH:
        return False
    place = _words(toponym, doc)
    found = container_start(doc, place.end)
    if found is None:
        return False
    start, mark = found
    named = _words(container, doc)
    if mark == "," and kind_of(container) == "city" and _list_goes_on(named):
        return False  # "Geneva, Miami, Berlin": a list of towns, not Geneva in Miami's region
    if mark != "(":
        return named.start == start
    close = bracket_end(doc, start)
    if close + 2 < len(doc) and doc[close + 1].text == "(":  # "Midi district (a note) (Hajjah)": brackets in a row
        close = bracket_end(doc, close + 2)
    return start <= named.start and named.end <= close


def _list_goes_on(span: Span) -> bool:
    """Whether another name follows the span as the next item of a list: ", Berlin", "and Oslo"."""
    doc, i = span.doc, span.end
    while i < len(doc) and doc[i].lower_ in (",", "and", "or"):
        i += 1
    return i > span.end and i < len(doc) and doc[i].pos_ == "PROPN"


def is_scene(toponym: Toponym, doc: Doc, trigger: Token | None = None) -> bool:
    """Whether the sentence puts the place as a location ("in Paris", "hit Kherson", "the London meeting")
    rather than as a party ("US-Ukraine talks", "Russia's forces", "trust Moscow")."""
    token = attachment(toponym, doc)
    if kind_of(toponym) in BROAD_KINDS and (
        any(c.dep_ == "amod" and c.lower_ in COMPASS for c in token.children)
        or (token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in COMPASS)
    ):
        return False  # "in southern Ukraine", "the east of Ukraine": a part of the country, not its centre
    if token.dep_ == "poss" and token.head.lemma_.lower() in OWN_AREAS and kind_of(toponym) not in BROAD_KINDS:
        token = token.head  # "in Beirut's Hamra quarter", "hit Kyiv's outskirts": where its part is
    # "the southeastern city of Kherson": the place stands where the city does
    token, own = _area_of(token), token
    if token is not own and token.dep_ in ("advmod", "npadvmod"):  # "(began) southeast of Kramatorsk"
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "of":  # "the battle of Pokrovsk", not "the status of Donbas"
        return trigger is not None and token.head.head.i == trigger.i
    if token.dep_ == "pobj":
        if token.head.lower_ == "from":  # "reports from Washington", not "drones launched from Russia"
            noun = token.head.head
            moved = _group_of(noun)
            if moved.dep_ in ("nsubjpass", "dobj") and moved.head.lemma_.lower() in WITHDRAWALS:
                return True  # "40 people from Izium were evacuated": the ones moved, where they left
            return noun.lemma_.lower() in REPORT_NOUNS | WITHDRAWALS | TAKINGS
        mover = token.head.head.head if token.head.head.lower_ in ("back", "home") else token.head.head
        if token.head.lower_ in DESTINATIONS and mover.lemma_.lower() in WITHDRAWALS | SENDINGS:
            return False  # "evacuated from Druzhkivka to Spain" happened where they left
        return token.head.lower_ in SCENE_PREPOSITIONS
    if token.dep_ in ("dobj", "nsubjpass", "advmod"):  # advmod: "shelled Toretsk", parsed as an adverb
        return (trigger is not None and token.head.i == trigger.i) or token.head.lemma_.lower() in SCENE_VERBS
    if token.dep_ in ("attr", "npadvmod"):
        return True
    if token.dep_ in ("compound", "nmod", "amod"):  # "the London meeting", not "US-Ukraine talks"
        if token.head.lemma_.lower() in NATURAL:  # "the Taiwan earthquake": nature has no party
            return True
        return toponym.place is None or toponym.place.kind not in ("country", "continent")
    return token.dep_ == "ROOT"


def _group_of(noun: Token) -> Token:
    """The head of the group a noun is part of, up through "of" and "including": "dozens of residents",
    "300 civilians including 40 children" (the group is what a verb moves), also where the parse hangs
    "including" on the verb: then the group is the verb's object."""
    for _ in range(GROUP_DEPTH):
        link = noun.head
        if noun.dep_ == "pobj" and link.lower_ == "including" and link.head.pos_ == "VERB":
            return next((c for c in link.head.children if c.dep_ in ("dobj", "nsubjpass")), noun)
        if noun.dep_ != "pobj" or link.dep_ != "prep" or link.lower_ not in ("of", "including"):
            break
        if link.head.pos_ not in GROUP_HEADS:
            break
        noun = link.head
    return noun


def _area_of(token: Token) -> Token:
    """The word of area a place stands behind ("east of the town of Kramatorsk and north of Horlivka":
    "east" for both), or the place's own word."""
    while True:
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in AREA_NOUNS:
            token = token.head.head
        elif token.dep_ == "conj" and token.lemma_.lower() in AREA_NOUNS and token.head.lemma_.lower() in AREA_NOUNS:
            token = token.head
        else:
            return token


def areal(toponym: Toponym, doc: Doc) -> bool:
    """Whether the place only marks out an area ("southwest of Donetsk", "the outskirts of Kyiv")."""
    token = attachment(toponym, doc)
    return _area_of(token) is not token


def conjoined(scene: Toponym, places: Iterable[Toponym], doc: Doc) -> list[Toponym]:
    """The resolved places listed with the scene ("Kharkiv, Odesa and Lviv"), of its kind."""
    root = _words(scene, doc).root
    # "in Geneva, Miami and at Mar-a-Lago": the list may go on through a preposition of its own
    members = [*root.conjuncts, *(root.head.conjuncts if root.dep_ == "pobj" else ())]
    listed = {t.i for member in members for t in (member, *_objects(member), *_misread(member))}
    found = []
    for toponym in places:
        if toponym is scene or toponym.place is None or scene.place is None:
            continue
        if toponym.place.kind != scene.place.kind and {toponym.place.kind, scene.place.kind} != VENUE_KINDS:
            continue
        if _words(toponym, doc).root.i in listed:
            found.append(toponym)
    return found


def _objects(member: Token) -> list[Token]:
    """The places a preposition of a list names: "at Mar-a-Lago", "in cities including Vienna and Doha"."""
    found = []
    for noun in (c for c in member.children if c.dep_ == "pobj"):
        found.append(noun)
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in EXAMPLES):
            for item in (c for c in prep.children if c.dep_ == "pobj"):
                found += [item, *item.conjuncts]
    return found


def _misread(member: Token) -> list[Token]:
    """A place the parser took for a modifier of the list's next word: "Zaporizhzhia and Dnipro west of
    the Donbas" parsed as "Dnipro west"."""
    if member.lemma_.lower() not in AREA_NOUNS:
        return []
    return [c for c in member.children if c.dep_ == "compound" and c.i == member.i - 1]


def capital_word(sentence: Span) -> Token | None:
    """ "the capital" used as a location ("killed in the capital", "struck the capital"), not "the capital
    of France" (named next) or "capital markets"."""
    for token in sentence:
        if (
            token.lower_ == "capital"
            and token.pos_ == "NOUN"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in ("prep", "appos", "compound", "amod") for c in token.children)
            and (
                (token.dep_ == "pobj" and token.head.lower_ in SCENE_PREPOSITIONS)
                or (token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in SCENE_VERBS)
            )
        ):
            return token
    return None


def setting_of(literal: Iterable[Toponym], places: list[Toponym], doc: Doc) -> Toponym | None:
    """The most specific place of a sentence that is a location ("in Toretsk", however far the parse
    puts it from the trigger) or at least no party to it, an unknown one standing for its container
    ("Sulyhivka, Kharkiv"); a country is too broad to be the setting."""
    settings = [
        t if t.place is not None else container_of(t, places, doc)
        for t in literal
        if is_scene(t, doc) or _dependency(t, doc) not in PARTIES
    ]
    chosen = [t for t in settings if t is not None and kind_of(t) not in ("country", "continent")]
    return min(chosen, key=lambda t: (SPECIFICITY.get(kind_of(t), 9), t.start), default=None)


def _dependency(toponym: Toponym, doc: Doc) -> str:
    """How the place is tied into the sentence: "pobj:from", "nsubj", "compound"..."""
    token = attachment(toponym, doc)
    return f"pobj:{token.head.lower_}" if token.dep_ == "pobj" else token.dep_


def _words(toponym: Toponym, doc: Doc) -> Span:
    """The words of a place name (its offsets come from this document, so "expand" always finds them)."""
    span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    assert span is not None
    return span


def kind_of(toponym: Toponym) -> str:
    return toponym.place.kind if toponym.place is not None else ""


def place_id_of(toponym: Toponym) -> str | None:
    return toponym.place.id if toponym.place is not None else None


def attachment(toponym: Toponym, doc: Doc) -> Token:
    """The word by which the place hangs in the parse: its head word, or the first of a list or
    apposition it belongs to ("Kharkiv, Odesa and Lviv", "Toretsk, Donetsk")."""
    token = _words(toponym, doc).root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def scene_of(trigger: Token, places: Iterable[Toponym], others: list[Token]) -> tuple[Toponym | None, int]:
    """The literal place tied closest to the trigger as a location, not through another trigger; a
    country not through another verb joined to it either ("assaulted towns and poured troops into
    Ukraine": the troops went into the country, the assault was on the towns)."""
    best, best_key = None, None
    blocked = {o.i for o in others}
    joined = blocked | {t.i for t in trigger.sent if t.pos_ == "VERB" and t.dep_ == "conj" and t.i != trigger.i}
    for toponym in places:
        if not is_scene(toponym, trigger.doc, trigger):
            continue
        head = token_at(trigger.doc, toponym.start)
        broad = toponym.place is not None and toponym.place.kind in BROAD_KINDS
        arcs = _arcs(trigger, head, joined if broad else blocked)
        if broad and _of_subject(toponym, trigger):  # "fighters in Syria freed a woman": where they are based
            continue
        if arcs is None or arcs > (BROAD_ARCS if broad and not venue(attachment(toponym, trigger.doc)) else MAX_ARCS):
            continue
        kind = toponym.place.kind if toponym.place is not None else "city"  # unknown names are mostly villages
        key = (arcs + SPECIFICITY.get(kind, 9) * 0.5, toponym.start)
        if best_key is None or key < best_key:
            best, best_key = toponym, key
    return best, (int(best_key[0]) if best_key else MAX_ARCS)


def rises(trigger: Token, place: Token) -> int:
    """How many arcs up from the trigger the path to the place climbs before it goes down to it:
    0 for "talks in Geneva", 1 for "talks are planned in Geneva", more for a place of another clause."""
    above = {t.i for t in place.ancestors} | {place.i}
    for n, token in enumerate([trigger, *trigger.ancestors]):
        if token.i in above:
            return n
    return len(list(trigger.ancestors)) + 1


def _arcs(a: Token, b: Token, blocked: set[int]) -> int | None:
    """Dependency arcs between two tokens of a sentence; None when the path crosses a blocked token."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in index_b:
            path = up_a[1:n] + up_b[1 : index_b[token.i]]
            if any(t.i in blocked for t in path):
                return None
            return n + index_b[token.i]
    return None
