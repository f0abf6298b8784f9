"""What happened where: events from trigger words, literal places, counts and dates.

A sentence reports an event when a trigger of the taxonomy fires in it
("talks", "drone hit", "downed three drones", "captured 10 villages"). The
event happens at the literal place the parse ties to that trigger — "talks
in Saudi Arabia", "interceptions over Moscow" — not at any place the
sentence names: "Moscow said" is an actor, not a scene, and "talks" does not
take place over Moscow because the same sentence mentions interceptions
there. Counts go to the event of the clause that states them (mentions.py);
dates come from the sentence, else from the sentence before it in the same
paragraph, else (for something reported, not planned) the document's date,
flagged as inferred.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from gazetteer import Place
from geo.record import LITERAL, EventRecord, Toponym

from .counts import Count, find_counts
from .dates import EventDate, sentence_date
from .mentions import add_count, at_the_venue, dated_back, owner_of, referred_back
from .occurrence import (
    abbreviation,
    acronym,
    background,
    coerced,
    continuing,
    cumulative,
    dateline,
    extent,
    headline,
    hyphenated,
    names_occurrence,
    organisation,
    quoted,
    source,
    topic,
    unnamed_settlement,
    wished,
)
from .scenes import (
    BROAD_KINDS,
    MAX_ARCS,
    SPECIFICITY,
    areal,
    attachment,
    capital_word,
    conjoined,
    container_of,
    contains_another,
    is_scene,
    kind_of,
    place_id_of,
    rises,
    scene_of,
    setting_of,
    token_at,
)
from .sifting import WORDED, harm_retyped, may_be, merged, without_consequences, without_shadows
from .status import REPORTED, VENUES, may_happen, status_of
from .taxonomy import Taxonomy, Trigger, read_sentence

#: Places too large to put an event on: "talks on security in Europe".
UNMAPPABLE = frozenset({"continent"})
#: Types (and subtypes) that happen over the ground of whoever does them: air defences shoot down, and
#: air forces scramble, over their own land.
OWN_GROUND = frozenset({"interception", "scramble"})
#: Kinds of place inside which a sentence may mark out a narrower area by its towns.
REGIONAL = frozenset({"region", "county", "country"})
#: A sentence reports its first type, and each other type nearly as likely that a word of its own
#: (not a weapon word several types share) signals.
TYPE_MARGIN = 0.15
SIGNAL = 0.8
#: Confidence factor of an event that no place is tied to.
UNPLACED = 0.3
#: Confidence factor of an event placed at "the capital" of the country the document is about.
CAPITAL = 0.5


@dataclass
class Event:
    """One event: its type, where, when, how many, and the sentence that says so."""

    event_type: str
    subtype: str | None
    status: str
    place: Toponym | None
    date: EventDate | None
    sentence: Span
    triggers: list[Trigger]
    counts: dict[str, Count] = field(default_factory=dict)
    confidence: float = 0.0

    def to_dict(self, reported: datetime.date | None = None) -> EventRecord:
        """The record of `geoevents extract`'s "events"."""
        mention = self.place
        place = mention.place if mention is not None else None
        return {
            "event_type": self.event_type,
            "subtype": self.subtype,
            "status": self.status,
            "date": self.date.date.isoformat() if self.date else None,
            "date_precision": self.date.precision if self.date else None,
            "date_inferred": self.date.inferred if self.date else None,
            "reported": reported.isoformat() if reported else None,
            "counts": {name: c.value for name, c in self.counts.items()},
            "count_qualifiers": {name: c.qualifier for name, c in self.counts.items() if c.qualifier},
            "confidence": round(self.confidence, 3),
            "sentence": self.sentence.text,
            "start": self.sentence.start_char,
            "end": self.sentence.end_char,
            "trigger": self.triggers[0].text,
            "place": None
            if place is None or mention is None
            else {
                "name": place.name,
                "mention": mention.name,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
                "country_code": place.country_code,
                "kind": place.kind,
                "id": place.id,
                "admin1": place.admin1,
                "source": place.source,
                "start": mention.start,
                "end": mention.end,
            },
        }


class EventFinder:
    """Finds the events of a parsed document whose toponyms are already resolved."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def __call__(self, doc: Doc, toponyms: Sequence[Toponym], date: datetime.date | None) -> list[Event]:
        """`date` is the document's (given, or read from its dateline); without one, relative dates stay unknown."""
        events: list[Event] = []
        previous_date: EventDate | None = None
        setting: tuple[Toponym, set[str]] | None = None  # the paragraph's place so far, and the types held there
        sentences = list(doc.sents)
        text = doc.text  # built afresh on every access: once per document, not per sentence
        readings = [read_sentence(s, self.taxonomy) if not headline(s, text) else ([], []) for s in sentences]
        outright = {t.type for triggers, _ in readings for t in triggers if t.weight >= WORDED}
        for n, sentence in enumerate(sentences):
            here = [t for t in toponyms if sentence.start_char <= t.start < sentence.end_char]
            # names that only look like places (datelines, titles, "Iran-backed", organisations) are none
            named = [t for t in here if not _pseudo_place(t, sentence, text)]
            literal = [
                t
                for t in named
                if t.role == LITERAL
                and not contains_another(t, named, doc)
                and not background(attachment(t, doc))
                and not coerced(attachment(t, doc))
                and not topic(attachment(t, doc))
                and not source(attachment(t, doc))
                and not extent(attachment(t, doc))
                and not unnamed_settlement(attachment(t, doc))
                and (t.place is None or t.place.kind not in UNMAPPABLE)
            ]
            when = sentence_date(sentence, date) if date else None
            if _new_paragraph(sentence, text):
                previous_date = setting = None
            triggers, ranked = readings[n]
            found = []
            if ranked:
                following = (
                    sentences[n + 1] if n + 1 < len(sentences) and not _new_paragraph(sentences[n + 1], text) else None
                )
                later = [
                    t
                    for t in toponyms
                    if following is not None
                    and following.start_char <= t.start < following.end_char
                    and not _pseudo_place(t, following, text)
                    and (t.place is None or t.place.kind not in UNMAPPABLE)
                ]
                found = self._events(sentence, triggers, ranked, named, literal, later, outright)
                for event in found:
                    event.date = when or self._inherited(event, previous_date, date)
                    # "The motive of the protest is unknown.": where the paragraph has been, unless
                    # something else happened there ("talks in Paris. Drones were launched overnight.")
                    if event.place is None and doc._.capital is not None:  # "killed in the capital"
                        event.place = _capital(sentence, doc._.capital)
                        event.confidence *= CAPITAL / UNPLACED if event.place is not None else 1.0
                    # "Troops shelled Tokmak. Four civilians were killed.": the harm a strike did is its toll there
                    if event.place is None and setting is not None and setting[1] <= may_be(event):
                        event.place = setting[0]
                events.extend(found)
            previous_date = when or previous_date
            setting = _paragraph_setting(setting, literal, named, found, doc)
        return at_the_venue(referred_back(merged(dated_back(without_consequences(harm_retyped(events))))))

    def _events(
        self,
        sentence: Span,
        triggers: list[Trigger],
        ranked: list[tuple[str, str | None, float]],
        places: list[Toponym],
        literal: list[Toponym],
        later: list[Toponym],
        outright: set[str],
    ) -> list[Event]:
        """The events of one sentence; `literal` are its literal places that contain no other; `outright` are
        the types the document names with a trigger or subtype word."""
        rank = {kind: n for n, (kind, _, _) in enumerate(ranked)}
        confidence = {kind: c for kind, _, c in ranked}
        # A weak word out of its type's sense is no sign of that type ("the single hit the charts"), but the
        # place tied to it is still its own: "attacks increased near Pokrovsk, despite a ceasefire due in May"
        unsensed = [t for t in triggers if not self._in_sense(t, sentence, outright)]
        triggers = [t for t in triggers if t not in unsensed]
        # A word several types share ("drone": strike or interception) serves the type the sentence is about.
        by_span: dict[tuple[int, int], Trigger] = {}
        for t in triggers:
            held = by_span.get((t.start, t.end))
            if held is None or rank.get(t.type, 99) < rank.get(held.type, 99):
                by_span[(t.start, t.end)] = t
        doc = sentence.doc
        # "called for an end to the shelling", "negotiations continue": talk about it, no occurrence
        heads = {id(t): _head(doc, t) for t in by_span.values()}
        every = list(by_span.values())
        triggers = [t for t in by_span.values() if not wished(heads[id(t)]) and not continuing(heads[id(t)])]
        # a place tied to talk set aside is that talk's: "continues its strikes across Ukraine, targeting..."
        told = [*by_span.values(), *unsensed]  # all the sentence tells, for a plan's borrowed setting
        aside = [word for t in told if t not in triggers for word in _words(doc, t)]
        if quoted(sentence, triggers):  # a quote's words count only where it names a town: "we were ready for war"
            literal = [t for t in literal if t.place is None or t.place.kind in VENUES]
        # the type the sentence is about, once talk of one that did not happen is set aside
        present = {t.type for t in triggers}
        top = next((kind for kind, _, _ in ranked if kind in present), ranked[0][0])
        best = confidence[top]
        signalled = {t.type for t in triggers if t.weight >= SIGNAL}
        # "union" or "oppose" alone report no protest; "attack" in sense does report violence, "meet" a
        # meeting (of ministers); "the war" or "the envoy" report nothing.
        occurring = [t for t in triggers if names_occurrence(t, heads[id(t)])]
        worded = {t.type for t in occurring if t.weight >= WORDED or t.type in self.taxonomy.senses}
        kept = {
            kind
            for kind, c in confidence.items()
            if kind in worded and (kind == top or (c >= best - TYPE_MARGIN and kind in signalled))
        }
        triggers = [t for t in occurring if t.type in kept]
        events: dict[tuple[str, str | None], Event] = {}
        tied = []
        for trigger in triggers:
            token = token_at(doc, trigger.start)
            others = [word for t in triggers if t.type != trigger.type for word in _words(doc, t)] + aside
            scene, arcs = scene_of(token, literal, others)
            if (  # a plan's place must hang on its own clause, not on what else the sentence tells
                scene is not None
                and _borrowed(trigger, token, told, doc)
                and rises(token, token_at(doc, scene.start)) > 1
            ):
                scene = None
            if scene is not None and scene.place is None:  # "near Lozove, Donetsk": at least in Donetsk
                scene = container_of(scene, places, doc) or scene_of(token, [t for t in literal if t.place], others)[0]
            if (
                scene is None and not any(t.place for t in literal) and later
            ):  # "captured 10 villages. ... in the Donetsk region"
                scene = min(
                    (t for t in later if t.role == LITERAL and t.place is not None and is_scene(t, doc)),
                    key=lambda t: SPECIFICITY.get(kind_of(t), 9),
                    default=None,
                )
                arcs = MAX_ARCS
            # "an assault in the Donbas, chiefly east of Kramatorsk": also at the towns that mark out where
            narrower = [
                t
                for t in literal
                if scene is not None
                and t is not scene
                and kind_of(scene) in REGIONAL
                and kind_of(t) == "city"
                and areal(t, doc)
                and scene_of(token, [t], others)[0] is t
            ]
            tied.append((trigger, token, scene, arcs, narrower))
        for trigger, token, scene, arcs, narrower in tied:
            if scene is None and not _borrowed(trigger, token, told, doc):
                # the parse ties no place to it: the most specific one the sentence sets it in, not another's
                taken = {id(s) for t, _, s, _, _ in tied if s is not None and t.type != trigger.type}
                scene, arcs = setting_of([t for t in literal if id(t) not in taken], places, doc), MAX_ARCS
            closeness = 1.0 - arcs / (MAX_ARCS + 1)
            # "strikes hit Kharkiv, Odesa and Lviv": one event at each place of the list
            for place in [scene, *conjoined(scene, literal, doc), *narrower] if scene is not None else [None]:
                key = (trigger.type, place.place.id if place is not None and place.place else None)
                event = events.get(key)
                if event is None:
                    event = events[key] = Event(
                        trigger.type,
                        trigger.subtype,
                        status_of(token, _head(doc, trigger), _verbs(doc, trigger)),
                        place,
                        None,
                        sentence,
                        [trigger],
                    )
                else:
                    event.triggers.append(trigger)
                    event.subtype = event.subtype or trigger.subtype
                placed = place.score * (0.5 + 0.5 * closeness) if place is not None else UNPLACED
                event.confidence = max(event.confidence, confidence[trigger.type] * placed)
        found = [e for e in without_shadows(list(events.values())) if may_happen(e)]
        for event in found:  # "Kyiv's air force downed 40 drones": air defence fires over its own land
            if event.place is None and (event.event_type in OWN_GROUND or event.subtype in OWN_GROUND):
                event.place = _owner(event, places, doc)
        if cumulative(sentence):  # "in total, 1,300 drones this week": a tally, no event at a country
            found = [
                e for e in found if e.place is None or e.place.place is None or e.place.place.kind not in BROAD_KINDS
            ]
        for count in find_counts(sentence):  # a tally's own clause gives no counts (counts.py)
            owner = owner_of(count, found, places, every)
            if owner is not None:
                add_count(owner, count)
        return found

    def _in_sense(self, trigger: Trigger, sentence: Span, outright: set[str]) -> bool:
        """Whether a trigger may stand for its type: a trigger or subtype word always; a weak word of a type with
        a context where the document names the type outright, or where the sentence holds a context or subtype
        word besides the weak word ("gunmen attacked", "ministers met"; not "the single hit the charts", "the
        couple met in 1953"). The weak words of a type with no context stay as they are: they add to it, never
        report it."""
        context = self.taxonomy.senses.get(trigger.type)
        if trigger.weight >= WORDED or not context or trigger.type in outright:
            return True
        return any(
            (token.lower_ in context or token.lemma_.lower() in context)
            and not trigger.start <= token.idx < trigger.end
            for token in sentence
        )

    @staticmethod
    def _inherited(event: Event, previous: EventDate | None, document: datetime.date | None) -> EventDate | None:
        """A date from the paragraph so far, else the report's own date for something reported."""
        if previous is not None:
            return EventDate(previous.date, previous.precision, True, previous.start, previous.end, previous.text)
        if document is not None and event.status == REPORTED:
            return EventDate(document, "day", True, -1, -1, "")
        return None


def _capital(sentence: Span, capital: Place) -> Toponym | None:
    """ "killed in the capital": the capital of the country the document is about, named by these words."""
    word = capital_word(sentence)
    if word is None:
        return None
    return Toponym(word.idx, word.idx + len(word), word.text, LITERAL, capital, CAPITAL)


def _borrowed(trigger: Trigger, token: Token, triggers: list[Trigger], doc: Doc) -> bool:
    """Whether a plan would only borrow the setting of something else the sentence tells: "attacks rose
    near Pokrovsk despite a ceasefire due in May" puts the attacks there, not the ceasefire."""
    return status_of(token, _head(doc, trigger)) != REPORTED and any(t.type != trigger.type for t in triggers)


def _owner(event: Event, places: list[Toponym], doc: Doc) -> Toponym | None:
    """The place whose forces did it, named as their owner ("Russia's military said it shot down...") or,
    a country, as the one that says it did ("Poland said it had scrambled jets")."""
    trigger = _head(doc, event.triggers[0])
    owners = [
        t
        for t in places
        if t.place is not None
        and t.start < event.triggers[0].start
        and (
            attachment(t, doc).dep_ == "poss"
            or (t.place.kind == "country" and _says_it_did(attachment(t, doc), trigger))
        )
    ]
    return owners[0] if owners else None


def _says_it_did(subject: Token, trigger: Token) -> bool:
    """Whether the place is the subject of a verb whose clause reports the trigger with "it" as its doer:
    "Poland said it had scrambled", not "Poland said Russia had fired"."""
    if subject.dep_ != "nsubj":
        return False
    verb = next((t for t in (trigger, *trigger.ancestors) if t.pos_ == "VERB"), None)
    return (
        verb is not None
        and verb.head.i == subject.head.i
        and verb.i != subject.head.i
        and any(c.dep_ == "nsubj" and c.lower_ in ("it", "its") for c in verb.children)
    )


def _pseudo_place(toponym: Toponym, sentence: Span, text: str) -> bool:
    """Whether a name found as a place is part of something else: a dateline, a title, a hyphened word,
    an acronym, an organisation."""
    doc = sentence.doc
    return (
        hyphenated(toponym, text)
        or abbreviation(toponym, text, sentence)
        or dateline(toponym, text)
        or acronym(toponym, text)
        or organisation(toponym, doc)
    )


def _words(doc: Doc, trigger: Trigger) -> Span | tuple[()]:
    """The words of a trigger."""
    return doc.char_span(trigger.start, trigger.end, alignment_mode="expand") or ()


def _head(doc: Doc, trigger: Trigger) -> Token:
    """The word that governs a trigger's words: "killed" of "people were killed"."""
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span.root if span is not None else token_at(doc, trigger.start)


def _paragraph_setting(
    setting: tuple[Toponym, set[str]] | None,
    literal: list[Toponym],
    places: list[Toponym],
    found: list[Event],
    doc: Doc,
) -> tuple[Toponym, set[str]] | None:
    """The paragraph's place after a sentence: its most specific literal setting, if it has one, and the
    types of event placed there. None after a sentence that spreads one kind of event over a list of
    places ("shells hit A, B and C"): a toll told next is shared by the list, so it is none of its places'."""
    place = setting_of(literal, places, doc)
    if place is None:
        return setting
    placed = [(e.event_type, place_id_of(e.place)) for e in found if e.place is not None]
    if any(len({where for kind, where in placed if kind == k}) > 1 for k, _ in placed):
        return None
    return place, {e.event_type for e in found if e.place is not None and e.place.place == place.place}


def _verbs(doc: Doc, trigger: Trigger) -> list[Token]:
    """The full verbs among a trigger's words: "seized" of "an area of land that they seized"."""
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return [t for t in span or () if t.pos_ == "VERB"]


def _new_paragraph(sentence: Span, text: str) -> bool:
    """Whether a line break comes right before the sentence (dates do not carry across); `text` is the doc's."""
    start = sentence.start_char
    return start == 0 or "\n" in text[max(0, start - 2) : start]
