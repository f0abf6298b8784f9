"""Whether an event was reported, is planned, or is only hypothetical, from the words that govern
its trigger ("will meet", "could strike", "the land they seized"), and which of them a map shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from .finder import Event

REPORTED, PLANNED, HYPOTHETICAL = "reported", "planned", "hypothetical"
#: Types that can be planned or hypothetical and still belong on a map: a summit set for Friday,
#: a march called for Sunday. A threatened strike or a proposed deployment is no event.
SCHEDULED = frozenset({"diplomacy", "protest"})
#: Kinds of place precise enough to be the venue of a hypothetical meeting.
VENUES = frozenset({"landmark", "city"})
#: Words that make a clause hypothetical or planned.
CONDITIONS = frozenset({"if", "unless", "whether", "should"})
#: Adjectives that make an event a possibility rather than a plan: "a potential summit".
POSSIBLE = frozenset({"potential", "possible", "proposed", "hypothetical"})
MODALS = frozenset({"could", "would", "might", "may", "can", "must"})
FUTURE = frozenset({"will", "shall", "'ll"})
PLAN_WORDS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "due",
        "set",
        "prepare",
        "propose",
        "intend",
        "aim",
        "upcoming",
        "future",
        "next",
        "potential",
        "possible",
        "proposed",
    }
)


def status_of(trigger: Token, head: Token | None = None, verbs: Sequence[Token] = ()) -> str:
    """hypothetical under "if"/"could", planned under "will"/"set to"/"expected to", else reported;
    a verb in the simple past ("the land they seized") says it happened, whatever governs it."""
    for verb in (trigger, head or trigger, *verbs):  # "seized" in "the land they seized" as in "they seized it"
        if verb.tag_ == "VBD" and not any(c.lower_ in CONDITIONS for c in verb.children):
            return REPORTED
    chain = [trigger, *trigger.ancestors][:4]
    for token in chain:
        children = {c.lower_ for c in token.children}
        if children & (CONDITIONS | MODALS):
            return HYPOTHETICAL
        if children & FUTURE or (token.lemma_.lower() in PLAN_WORDS and token.pos_ in ("VERB", "ADJ", "AUX")):
            return PLANNED
        if any(c.lemma_.lower() in POSSIBLE and c.dep_ == "amod" for c in token.children):
            return HYPOTHETICAL  # "a possible peace deal"
        if any(c.lemma_.lower() in PLAN_WORDS and c.dep_ == "amod" for c in token.children):
            return PLANNED
        if token.tag_ == "VBD" and not children & CONDITIONS and _finite(token):
            return REPORTED  # "(outages can follow,) as happened after the earthquake": what governs it happened
    return REPORTED


def _finite(verb: Token) -> bool:
    """Whether a past-tense verb heads a clause of its own ("as happened", "they said"), not a participle
    the tagger took for one ("the assets concentrated there")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in verb.children)


def may_happen(event: Event) -> bool:
    """Whether an event belongs on a map: reported, or a scheduled kind of event; a hypothetical one
    only at a venue ("willing to meet in Davos"), never a threatened strike or a proposed deployment."""
    if event.status == REPORTED:
        return True
    if event.event_type not in SCHEDULED:
        return False
    return event.status == PLANNED or (
        event.place is not None and event.place.place is not None and event.place.place.kind in VENUES
    )
