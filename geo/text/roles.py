"""Literal or metonymic: is the place where something happens, or who acts?

"Moscow rejected the plan" and "skepticism in Kyiv" use a city for its
government; "a drone hit Krasnogorsk" and "Moscow's northwestern edge" mean
the ground itself. The parse tells them apart well enough for events, which
use literal places only.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from geo.record import LITERAL, METONYMIC

#: Verbs whose subject must be people: a place as their subject stands for its government.
ACTOR_VERBS = frozenset(
    """
say tell announce reject accuse urge push warn claim deny insist want demand agree sign refuse condemn
threaten call respond pledge vow offer propose criticise criticize support back seek decide approve
sanction impose expel recognise recognize welcome invade launch deploy send supply provide pay fund
accept negotiate argue believe hope plan ask order allow ban block veto oppose praise blame suggest
promise request respond retaliate vote join leave withdraw summon confirm report mock insist mull
consider aim intend expect prepare resume suspend halt freeze cut boycott
""".split()
)
#: Verbs of attack and seizure: a place as their subject is a side of the war, which strikes and takes
#: ground abroad as often as at home ("Russia shelled the Pokrovsk district").
ATTACK_VERBS = frozenset(
    """
hit strike attack shell bomb target pound fire launch invade capture seize take occupy recapture retake
liberate besiege surround storm raid
""".split()
)
#: Nouns a possessive place stands behind as its owner-institution: "Russia's defence ministry".
INSTITUTIONS = frozenset(
    """
government ministry military army forces force navy president leader leaders official officials minister
ministers embassy ambassador decision position policy stance statement response regime authorities
administration parliament spokesman spokeswoman spokesperson envoy diplomats diplomat delegation troops
intelligence demands demand proposal plan plans offer refusal economy budget allies ally support
""".split()
)
#: Nouns that a place after "in" or "from" qualifies as a stance, not a location: "skepticism in Kyiv".
STANCES = frozenset(
    """
skepticism scepticism concern concerns anger frustration support criticism reaction reactions alarm
optimism hope hopes fears fear outrage opposition officials leaders
""".split()
)


def role_of(span: Span) -> str:
    """`metonymic` where the parse shows the place acting or owning an institution, else `literal`."""
    head = span.root
    if head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "conj" and head.head.dep_ == "nsubj"):
        subject = head if head.dep_ != "conj" else head.head
        if subject.dep_ == "nsubj" and subject.head.lemma_.lower() in ACTOR_VERBS:
            return METONYMIC
    if head.dep_ == "poss" and _lemma(head.head) in INSTITUTIONS:
        return METONYMIC
    if head.dep_ == "compound" and _lemma(head.head) in INSTITUTIONS:
        return METONYMIC
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "from") and _lemma(head.head.head) in STANCES:
        return METONYMIC
    return LITERAL


def attacking(span: Span) -> bool:
    """Whether the place is the subject of a verb of attack or seizure: a side that fights, whose own
    country says nothing of where the places it hits lie."""
    head = span.root
    return head.dep_ == "nsubj" and _lemma(head.head) in ATTACK_VERBS


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
