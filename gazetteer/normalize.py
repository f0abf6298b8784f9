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
from functools import lru_cache

from anyascii import anyascii

# Marks that separate nothing in a name: apostrophes of transliteration and
# quotation marks ("Donets'k", "Sana'a"), and full stops ("U.S.", "D.C."). Every other character
# that is not a letter or digit separates words.
_DROP = ".'’‘`´ʼʹʽ\"“”"
# For ASCII names (most of them), one C-level pass over the bytes: letters and digits
# lower-cased, the marks above dropped, anything else a space.
_ASCII_FOLD = bytes((c | 0x20) if chr(c).isalpha() and c < 128 else c if chr(c).isdigit() and c < 128 else 32
                    for c in range(256))
_ASCII_DROP = _DROP.encode("ascii", "ignore")
_PUNCT = re.compile(r"[^0-9a-z]+")
_DROP_TABLE = {ord(c): None for c in _DROP}

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
        text = text.translate(_DROP_TABLE)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
        if not text.isascii():
            text = anyascii(text)
        return _PUNCT.sub(" ", text.lower()).strip()
    if text.replace(" ", "").isalpha() and text[:1] != " " and text[-1:] != " " and "  " not in text:
        return text.lower()  # the usual name, letters and single spaces: nothing else to fold
    return " ".join(text.encode("ascii").translate(_ASCII_FOLD, _ASCII_DROP).decode("ascii").split())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The index key of a name: folded, without leading words like "the" or "city of"."""
    key = fold(name)
    while key.startswith(_LEADING):
        lead = next(lead for lead in _LEADING if key.startswith(lead))
        if len(key) == len(lead):
            break
        key = key[len(lead):]
    return key


# Words that place a name within a wider area: "southern Odesa region", "eastern Ukraine".
_MODIFIERS = tuple(f"{w} " for w in (
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "north eastern", "north western", "south eastern", "south western",
    "northernmost", "southernmost", "easternmost", "westernmost"))


def strip_modifier(key: str) -> str | None:
    """"odesa region" for "southern odesa region"; None when there is nothing to strip.

    Only a fallback: "Western Sahara" and "Central African Republic" are names
    in their own right and are found before this is tried.
    """
    for modifier in _MODIFIERS:
        if key.startswith(modifier) and len(key) > len(modifier):
            return key[len(modifier):]
    return None


_SKELETON_PAIRS = (("kh", "h"), ("zh", "z"), ("sch", "sh"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("ck", "k"),
                   ("ie", "e"), ("ia", "a"), ("io", "o"), ("iu", "u"))
_SKELETON_LETTERS = str.maketrans("qwyj ", "kvii ", " ")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton_key(key: str) -> str:
    """A looser form of a name key that merges common transliteration variants."""
    for old, new in _SKELETON_PAIRS[:7]:
        if old in key:
            key = key.replace(old, new)
    key = key.translate(_SKELETON_LETTERS)
    for old, new in _SKELETON_PAIRS[7:]:
        if old in key:
            key = key.replace(old, new)
    return _REPEATS.sub(r"\1", key)


def split_designator(key: str) -> tuple[str, str | None]:
    """Split "kursk region" into ("kursk", "region"); keys without one come back whole."""
    head, _, last = key.rpartition(" ")
    if head and last in DESIGNATORS:
        return head, DESIGNATORS[last]
    return key, None
