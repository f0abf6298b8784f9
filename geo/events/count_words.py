"""The words counts are read by: what happens to people, the things counted by their own noun, the
people counted by what they are, and the words that make a number a measure or a total.

counts.py asks the parse what a number counts; this module holds the vocabulary it asks with, so
the words can be read (and grown) apart from the chain of questions.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lemmas (verbs, adjectives, nouns) that say what happened to people.
EVENT_WORDS = {
    "killed": _words("kill die dead death fatality slay execute killing murder assassinate behead massacre drown"),
    "injured": _words("injure wound hurt injury injured wounded hospitalise hospitalize"),
    "arrested": _words("arrest detain apprehend jail imprison arrested detained detention"),
    "displaced": _words("displace flee uproot evacuate displaced displacement"),
    "kidnapped": _words("abduct kidnap abduction kidnapping abducted kidnapped"),
}
#: Things counted by their own noun, whatever the verb.
THING_WORDS = {
    "drones": _words("drone uav uavs quadcopter shahed shaheds"),
    "missiles": _words("missile projectile"),  # what hits a ship or a town "by a projectile" is a missile
    "bombs": _words("bomb"),
    "shells": _words("shell mortar"),
    "rockets": _words("rocket"),
    "aircraft": _words("aircraft jet plane airplane aeroplane warplane helicopter bomber chopper gunship"),
    "villages": _words("village settlement town hamlet locality"),
    "munitions": _words("munition"),
    "generators": _words("generator"),
    "attacks": _words("attack assault"),
}
#: Things that "a" or "an" counts as one: "hit by a missile". Not attacks: "a drone attack" is one of many.
SINGLE_THINGS = frozenset({"drones", "missiles", "bombs", "shells", "rockets"})
#: Kinds of missile a report itemises ("13 ballistic missiles and 22 cruise missiles"), kept besides the sum.
MISSILE_KINDS = frozenset({"ballistic", "cruise"})
#: Causes that make deaths non-violent ("died of hunger"): `deaths`, not `killed`.
NATURAL_CAUSES = _words("""malnutrition starvation hunger dehydration thirst famine disease illness cold exposure heat
cholera measles typhoid infection""")
#: What aid is weighed in: "200 tonnes of relief supplies" are counted, "a 20-ton truck" is a measure.
TONNES = _words("tonne ton")
AID_WORDS = _words("aid relief supply supplies food flour wheat grain rice medicine fuel water ration assistance cargo")
#: Nouns whose "of" object is the number of people taking part: "a crowd of 50,000".
CROWD_WORDS = _words("crowd rally march demonstration protest gathering turnout")
#: Nouns for a figure someone gives: "organisers put the figure at 50,000".
FIGURE_WORDS = _words("figure number turnout estimate")
#: Who gives a crowd's figure: police and organisers often disagree, and both figures are kept.
SOURCES = {"police": "police", "organiser": "organisers", "organizer": "organisers"}
#: People counted by what they are, unless a verb says what happened to them.
GROUP_WORDS = {
    "migrants": _words("migrant refugee immigrant"),
    "participants": _words("leader delegation delegate participant attendee"),
    "kidnapped": _words("hostage captive"),
}
#: Office holders, who are participants only when they attend something ("officials from 20 states met").
OFFICE_WORDS = _words("official minister representative envoy diplomat chief")
#: Countries, participants only when they send someone or attend ("leaders from 26 nations").
COUNTRY_WORDS = _words("country nation")
#: Verbs of attending that make office holders participants.
ATTEND_WORDS = _words("attend participate join meet gather convene assemble sign arrive travel visit talk discuss")
PERSON_WORDS = _words("""people person civilian soldier serviceman servicemen servicemember troop fighter militant
militiaman militiamen resident child children kid woman women man men member officer policeman policemen police
worker journalist reporter student protester protestor demonstrator activist prisoner detainee victim passenger
pilot crew crewman family other combatant insurgent rebel guard citizen individual teenager teen adult baby infant
boy girl patient doctor medic paramedic nurse volunteer farmer shepherd fisherman miner employee staff personnel
inhabitant villager settler worshipper pilgrim gunman gunmen assailant attacker suspect youth elder mercenary
recruit conscript sailor marine commander jihadist terrorist bomber element operative firefighter rescuer driver
peacekeeper contractor national foreigner tourist local brother son daughter relative pedestrian bystander
defender partisan paratrooper trooper gendarme forester teacher official planner expert adviser advisor
analyst engineer specialist instructor observer monitor inspector""")
#: Heads that make a number a measure, a date or an age, not a count.
MEASURE_WORDS = _words("""year month week day hour minute second night time decade century age aged old
km kilometre kilometer kilometres kilometers mile metre meter mm cm kg ton tonne percent % per cent dollar euro
pound rouble ruble hryvnia hryvnias yuan rupee $ € £ degree hectare acre litre liter barrel point mph kmh
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday am pm o'clock gmt bn m""")
#: Shells counted as "rounds" only with a weapon word beside them ("mortar rounds", not "rounds of talks").
ROUND_MARKERS = _words("artillery mortar tank mm shell ammunition howitzer")
#: Nouns that report a total: "the death toll rose to 40"; a bare "toll" counts the dead, a "tally" needs saying.
TOTAL_WORDS = _words("toll tally")
#: Nouns whose "of" object says what a total counts: "the number of dead rose to 40".
COUNT_HOLDERS = _words("number total count")
CURRENCY_SIGNS = ("$", "€", "£", "¥", "₴", "₽")
NOT_A_COUNT = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
SUBSET_PREPS = _words("including among like")
TOTAL_PREPS = _words("to at as")
#: Event verbs whose subject is the one it happens to, object or not: "thousands fled the city".
SUBJECT_SUFFERS = _words("die flee drown evacuate")
PATIENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})
PREDICATE_DEPS = frozenset({"acomp", "oprd", "xcomp", "advmod"})
ANAPHORA = _words("the these those all both")
#: Subjects whose toll adds up a whole war, not one occurrence: "the war has killed thousands".
WAR_WORDS = _words("war conflict invasion occupation")
NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON", "ADJ"})
