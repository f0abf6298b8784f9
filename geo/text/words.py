"""The words place recognition reads: entity labels, and the small words around a place name.

Kept apart from the logic that uses them (recognize.py, patterns.py, spans.py) so that a reader can see at once
which words make "in Kharkiv" a location, "President Lviv" a person and "Dnipro River" a river.
"""

from __future__ import annotations

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entities whose words are never place names on their own.
BLOCKING_LABELS = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
#: Entities the small model often gives to places it does not know ("Kharkiv" ORG, "Kursk" PRODUCT):
#: a known, sizeable place that is the whole entity is taken; one inside a longer name is embedded.
NAMING_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
#: Lower-case words inside multi-word names: "Sea of Azov", "Rostov-on-Don", "Abu Dhabi".
CONNECTORS = frozenset(
    {
        "of",
        "de",
        "del",
        "la",
        "le",
        "du",
        "al",
        "el",
        "upon",
        "on",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "y",
        "sur",
        "en",
        "-",
        "am",
        "im",
        "an",
        "and",
        "ez",
        "ed",
        "es",
        "ash",
        "ar",
        "ad",
        "az",
        "wa",
        "um",
        "imeni",
    }
)  # "Deir ez Zor", "Khabb wa ash Shaaf", "Shakhta imeni Gagarina" (Russian: "named after")
#: Words before a name that make it a person: "Sir Keir", "President Macron".
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "minister",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "general",
        "gen",
        "admiral",
        "colonel",
        "col",
        "senator",
        "sen",
        "governor",
        "gov",
        "mayor",
        "judge",
        "saint",
        "professor",
        "prof",
        "chancellor",
        "secretary",
        "ambassador",
        "envoy",
        "rep",
        "captain",
        "capt",
        "sgt",
        "sergeant",
        "lieutenant",
        "lt",
        "coach",
        "father",
        "rabbi",
        "imam",
        "sheikh",
    }
)
#: Prepositions that put what follows in a location: evidence for a name the gazetteer lacks.
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "from",
        "to",
        "into",
        "towards",
        "toward",
        "across",
        "around",
        "through",
        "inside",
        "over",
        "off",
        "between",
        "along",
        "of",
    }
)
#: Words that, capitalised before a name, still leave it the name: "Southern California".
AREA_WORDS = frozenset(
    {
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "greater",
        "upper",
        "lower",
        "inner",
        "outer",
        "downtown",
        "rural",
        "coastal",
    }
)
#: Last words of names of places the gazetteer lacks: "Laurel County", "Neches River".
#: Facilities named after the place they stand at: "the al-Hawl camp", "Erbil Airbase".
FACILITIES = frozenset({"camp", "airbase", "airfield", "airport", "base", "refinery", "prison"})
#: Nouns whose "of" names a place: "the countryside of Idleb", "the outskirts of Kherson".
SURROUNDINGS = frozenset({"countryside", "outskirts", "suburbs", "vicinity", "environs"})
#: Last words of venues named after someone or something: "Hikari Plaza", "Union Station", "Tahrir Square".
VENUE_WORDS = frozenset(
    "plaza square station park street avenue boulevard stadium arena hall bridge market mall tower gate".split()
)
FEATURE_WORDS = frozenset(
    """county counties parish river lake island islands mountain mountains valley bay creek
township borough district canyon forest peninsula coast beach falls springs heights""".split()
)
#: Capitalised words that, alone, name a kind of thing, not the town that happens to bear the name.
GENERIC_WORDS = frozenset(
    """
city town village center centre hall road street avenue way lane drive boulevard highway route national
international central north south east west northeast northwest southeast southwest northern southern eastern
western river lake park valley court police human metro airport gulf main union state county college university
school hospital church station bridge tower square market office house building club council department
district region province territory capital harbor harbour port bay beach island coast mountain hill hills
forest garden gardens mall plaza village field fields green grove heights springs falls creek point lake
ocean sea channel strait canal desert plain plains island islands world earth home land mission victory
liberty independence freedom justice hope unity peace union federal republic kingdom empire crown royal
army navy force guard security health energy water fire power oil gas trade enterprise industry commerce
university academy institute library museum theatre theater stadium arena center church cathedral temple
mosque bank company group media news post times herald tribune journal star sun daily
""".split()
)
#: Verbs whose object is a place: "Shelling hit Kherson", "troops entered Kupiansk".
PLACE_VERBS = frozenset(
    """hit strike attack shell bomb target capture seize take visit reach enter leave liberate
besiege surround evacuate occupy recapture retake storm raid flee cross""".split()
)
#: Plural designators: the names before them are regions ("the Kherson and Zaporizhzhia regions") or
#: US counties ("Jackson and Barrow counties"); each gives the word a single name is looked up with, and
#: the kind it asks for.
PLURAL_DESIGNATORS = {
    "regions": ("region", "region"),
    "oblasts": ("region", "region"),
    "provinces": ("region", "region"),
    "governorates": ("region", "region"),
    "counties": ("County", "county"),
    "parishes": ("Parish", "county"),
}
#: Nouns after a place that make it the name of a front: "the Kherson direction", "the Pokrovsk axis",
#: "the Sirwah frontline".
FRONT_WORDS = frozenset({"direction", "axis", "sector", "frontline"})
#: Nouns after a demonym that make it the side that fights: "Russian forces", "Israeli jets".
ARMED = frozenset(
    """force forces troop troops army soldier military missile drone jet warplane aircraft artillery navy
strike shelling bombardment attack offensive invasion unit units""".split()
)
#: Kinds of place an acronym may stand for.
BROAD_KINDS = frozenset({"country", "region", "continent", "sea"})
#: Prepositions after which a capitalised word is a place even in a spelling the gazetteer lacks.
NEAR_WORDS = frozenset({"in", "near", "at", "outside", "into", "around", "towards", "toward"})
#: Words that may stand between a place and the region that contains it: "Makovyshche village, Kyiv",
#: "Kochubeivka territorial community, Kherson", "Eyyubiye town, Sanliurfa".
#: Posts named after the village they stand at: "the Senkivka border checkpoint".
OUTPOSTS = frozenset({"border", "checkpoint", "crossing", "post"})
#: Words of an attack whose "on" names its target, a place: "air strikes on Stelmakhivka, Luhansk".
TARGETED = frozenset(
    """strike airstrike attack raid assault fire shelling bombardment bombing offensive advance
    missile rocket drone""".split()
)
SETTLEMENT_WORDS = frozenset(
    """village town city district community territorial settlement area township
municipality raion hromada countryside suburb neighbourhood neighborhood county woreda""".split()
)
