"""Name keys: the forms under which places are indexed and looked up.

News spells one place many ways: "Donets'k", "Donetsk", "DONETSK"; "Kyiv" and
"Kiev"; "the Donetsk region" and "Donetsk Oblast". Two keys absorb this:

* `name_key` folds case, diacritics, apostrophes, hyphens and punctuation, so
  that spellings differing only in typography meet ("Donets'k" == "Donetsk").
* `skeleton_key` also folds the transliteration habits of Slavic and Arabic
  names (kh/h, zh/z, y/i/j, doubled letters), a looser key used only when the
  name key finds nothing ("Zaporizhzhya" meets "Zaporizhzhia").

`split_designator` separates a trailing word such as "region" or "city" that
says what kind of place a name is, so "Kursk region" asks for the region of
Kursk rather than for a place literally called that.
"""

from __future__ import annotations

import re
import unicodedata
from operator import itemgetter

from anyascii import anyascii

# Marks that separate nothing in a name: apostrophes of transliteration and
# quotation marks ("Donets'k", "Sana'a"), and full stops ("U.S.", "D.C."). Every other character
# that is not a letter or digit separates words.
_DROP = ".'’‘`´ʼʹʽ\"“”"
# For ASCII names (most of them), one C-level pass over the bytes: letters and digits
# lower-cased, the marks above dropped, anything else a space.
_ASCII_FOLD = bytes(
    (c | 0x20) if chr(c).isalpha() and c < 128 else c if chr(c).isdigit() and c < 128 else 32 for c in range(256)
)
_ASCII_DROP = _DROP.encode("ascii", "ignore")


class _FoldTable(dict):
    """Each character's folded form, for `str.translate`, worked out the first time it is met.

    Folding is character by character (a decomposition, its combining marks
    dropped, a transliteration), so one C-level `translate` over a table that
    fills itself does for other scripts what `_ASCII_FOLD` does for ASCII.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _DROP:
            folded = ""
        else:
            folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            if not folded.isascii():
                folded = anyascii(folded)
            folded = "".join(c if c.isalnum() else " " for c in folded.lower())
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()

# Trailing words that name a kind of place. Values are the kind they ask for.
DESIGNATORS: dict[str, str] = {
    "region": "region",
    "oblast": "region",
    "province": "region",
    "governorate": "region",
    "krai": "region",
    "kray": "region",
    "state": "region",
    "prefecture": "region",
    "voivodeship": "region",
    "republic": "region",
    "city": "city",
    "town": "city",
    "village": "city",
}

# Leading words that only set the scene: "the English Channel", "the city of Kharkiv".
_LEADING = ("the ", "city of ", "town of ", "village of ", "region of ", "province of ")


def fold(text: str) -> str:
    """Lower-case ASCII with diacritics and apostrophes removed, punctuation as spaces."""
    if not text.isascii():
        return " ".join(text.translate(_FOLD_TABLE).split())
    if text.isalpha():
        return text.lower()  # one word of letters, the most common name
    if text.replace(" ", "").isalpha() and text[:1] != " " and text[-1:] != " " and "  " not in text:
        return text.lower()  # the usual name, letters and single spaces: nothing else to fold
    return " ".join(text.encode("ascii").translate(_ASCII_FOLD, _ASCII_DROP).decode("ascii").split())


def name_key(name: str) -> str:
    """The index key of a name: folded, without leading words like "the" or "city of"."""
    key = fold(name)
    while key.startswith(_LEADING):
        lead = next(lead for lead in _LEADING if key.startswith(lead))
        if len(key) == len(lead):
            break
        key = key[len(lead) :]
    return key


#: Marks the index key of a code ("DXB", "N.Y."): apart from the names, so that "Day" is not Dayton.
CODE_MARK = "="
_CODE = re.compile(r"(?:[A-Z]\.?){2,4}")


def code_key(name: str) -> str | None:
    """The index key under which `name` counts as a code, if it is written as one: two to four capitals,
    dots allowed ("DXB", "UK", "N.Y."). GeoNames gives towns their airports' codes as other names, which
    text in title case must not find ("Act" is no Waco, "Man" no Manchester); text in capitals may."""
    if not name.isupper() or len(name) > 8:  # what text in title or lower case costs: one C call
        return None
    return CODE_MARK + name_key(name) if _CODE.fullmatch(name) else None


# Words that place a name within a wider area: "southern Odesa region", "eastern Ukraine".
_MODIFIER = re.compile(
    "(?:{}) (?=.)".format(
        "|".join(
            (
                "northern",
                "southern",
                "eastern",
                "western",
                "central",
                "northeastern",
                "northwestern",
                "southeastern",
                "southwestern",
                "north eastern",
                "north western",
                "south eastern",
                "south western",
                "northernmost",
                "southernmost",
                "easternmost",
                "westernmost",
            )
        )
    )
)


def strip_modifier(key: str) -> str | None:
    """ "odesa region" for "southern odesa region"; None when there is nothing to strip.

    Only a fallback: "Western Sahara" and "Central African Republic" are names
    in their own right and are found before this is tried.
    """
    modifier = _MODIFIER.match(key)
    return key[modifier.end() :] if modifier else None


# Consonant groups merge before single letters change and spaces go (so "k h" of two words stays apart);
# vowel pairs after (so "ya" and "ia" both become "a").
_SKELETON_GROUPS = (("kh", "h"), ("zh", "z"), ("sch", "sh"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("ck", "k"))
_SKELETON_LETTERS = str.maketrans("qwyj ", "kvii ", " ")
_SKELETON_VOWELS = (("ie", "e"), ("ia", "a"), ("io", "o"), ("iu", "u"))
_REPEATS = re.compile(r"(.)\1+")
# The repeated letter, taken by a C callable: an r"\1" template is parsed in Python at every call.
_REPEATED = itemgetter(1)


def skeleton_key(key: str) -> str:
    """A looser form of a name key that merges common transliteration variants."""
    for old, new in _SKELETON_GROUPS:
        if old in key:
            key = key.replace(old, new)
    key = key.translate(_SKELETON_LETTERS)
    for old, new in _SKELETON_VOWELS:
        if old in key:
            key = key.replace(old, new)
    return _REPEATS.sub(_REPEATED, key)


#: Articles that open Arabic place names, hyphened to them: "al-Hawl", "As-Sweida", "Ar-Raqqa".
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"})


def without_article(name: str) -> str | None:
    """The name without the Arabic article hyphened to its front ("As-Sweida": "Sweida"), if it has one.
    Writers keep or drop the article at will, and GeoNames holds many such names only one way."""
    head, dash, rest = name.partition("-")
    return rest if dash and head.lower() in ARABIC_ARTICLES and rest[:1].isupper() else None


#: The Arabic article as GeoNames spells it before a name, most common first.
ARTICLE_FORMS = ("Al", "As", "Ash", "Ar", "Ad", "At", "Az", "An", "Adh", "Ath", "El")
_ARTICLE_KEYS = tuple(f"{a.lower()} " for a in ARTICLE_FORMS)


def split_article(key: str) -> tuple[int, str] | None:
    """The number in `ARTICLE_FORMS` of the article a name key opens with, and the key after it:
    (1, "sawiyah") for "as sawiyah"; None for a key without one."""
    if not key.startswith(_ARTICLE_KEYS):
        return None
    number = next(n for n, article in enumerate(_ARTICLE_KEYS) if key.startswith(article))
    return number, key[len(_ARTICLE_KEYS[number]) :]


def split_designator(key: str) -> tuple[str, str | None]:
    """Split "kursk region" into ("kursk", "region"); keys without one come back whole."""
    head, _, last = key.rpartition(" ")
    if head and last in DESIGNATORS:
        return head, DESIGNATORS[last]
    return key, None


#: Words of a unit named by an adjective of its centre: "Shostkynskyi district", "Vysokopilska hromada".
UNIT_WORDS = frozenset({"district", "raion", "community", "hromada", "municipality"})
#: The adjective's ending, after the stem of the centre's name ("Shostk-ynskyi", "Beryslav-skyi", "Vysokopil-ske").
_UNIT_ADJECTIVE = re.compile(r"(?P<stem>[A-Z][a-z]+?)(?:ynsk|insk|sk)(?:yi|yy|iy|y|a|e)", re.ASCII)


def unit_centre_forms(name: str) -> list[str]:
    """The names the centre of a unit called by an adjective may have, most likely first: Ukrainian
    districts and communities are named after their centre ("Shostkynskyi district": Shostka;
    "Vysokopilske community": Vysokopillia; "Kupianskyi district": Kupiansk; "Tokmatska hromada": Tokmak)."""
    head, _, unit = name.rpartition(" ")
    found = _UNIT_ADJECTIVE.fullmatch(head) if unit.lower() in UNIT_WORDS else None
    if found is None:
        return []
    stem = found["stem"]
    forms = [stem, stem + "a", stem + "sk", stem + "ia", stem + "e"]
    if stem.endswith("l"):  # Vysokopillia: "ll" before the ending
        forms.append(stem + "lia")
    if stem.endswith("iv"):  # Petrivka: Petrivske
        forms.append(stem + "ka")
    if stem.endswith("t"):  # Tokmak: Tokmatska
        forms.append(stem[:-1] + "k")
    return forms


#: Russian-style spellings of Ukrainian names, and their Ukrainian forms: "Pavlovka" / "Pavlivka",
#: "Avdeevka" / "Avdiivka", "Kharkov" / "Kharkiv", "Gorlovka" / "Horlivka", "Peski" / "Pisky".
_UKRAINIAN_SUFFIXES = (
    (re.compile(r"eevka\b"), "iivka"),
    (re.compile(r"[oe]vka\b"), "ivka"),
    (re.compile(r"(?<=\w)[oe]v\b"), "iv"),
)


def ukrainian_forms(key: str) -> list[str]:
    """The Ukrainian spellings a Russian-style name key may stand for, by rule (none if it has no
    letter the rule changes). Russian г is Ukrainian г (h), Russian е in a closed syllable often
    Ukrainian і, and the endings -овка/-евка, -ов/-ев are -івка, -ів."""
    forms: list[str] = []
    base = key
    for pattern, new in _UKRAINIAN_SUFFIXES:
        base = pattern.sub(new, base)
    for form in (base, base.replace("g", "h")):
        for variant in (form, form.replace("e", "i", 1), form.replace("e", "i")):
            if variant != key and variant not in forms:
                forms.append(variant)
    return forms
