"""Reading a number as news writes it: digits ("4,000", European "1.500"), words ("two hundred",
"a dozen"), vague amounts coded as lower bounds ("dozens" -> 24, "several" -> 3) and the
qualifiers around them ("at least", "more than", "38-plus").

counts.py decides what a number counts; this module only reads how many.
"""

from __future__ import annotations

import re

UNITS = {
    w: i
    for i, w in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen""".split()
    )
}
UNITS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
#: Scales that multiply what came before; a bare "hundred" or "a hundred" is 100.
MULTIPLIERS = {"hundred": 100, "dozen": 12}
#: Scales that close a group: "two million three hundred thousand".
GROUPS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Vague plurals, coded as lower bounds; after a number they are plain scales ("tens of thousands").
VAGUE = {"dozens": 24, "tens": 20, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000}
#: Vague words needing an article ("a few") or none ("several").
VAGUE_SMALL = {"several": 3, "few": 3, "couple": 2}
#: Qualifiers written after the number: "38-plus nations", "20 or more people".
TRAILING_QUALIFIERS = ("plus", "or more")
QUALIFIERS = (
    "at least",
    "more than",
    "over",
    "about",
    "around",
    "up to",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "as many as",
    "fewer than",
    "less than",
    "at most",
    "no fewer than",
    "no less than",
    "upwards of",
    "an estimated",
    "close to",
    "just over",
    "just under",
    "under",
)
#: Number words an article makes one of: "a dozen", "a hundred", "a few".
SCALED_BY_ARTICLE = frozenset(MULTIPLIERS) | frozenset(GROUPS) | {"few", "couple"}
NUMBER_WORDS = frozenset(UNITS) | frozenset(MULTIPLIERS) | frozenset(GROUPS) | frozenset(VAGUE) | frozenset(VAGUE_SMALL)
_DIGITS = re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
_EURO_DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL = re.compile(r"\d+\.\d+")


def parse_number(text: str) -> tuple[int, str | None] | None:
    """(value, qualifier) of a number expression, or None when `text` is not one.

    "4,000" -> (4000, None); "twenty-two" -> (22, None); "1.5 million" -> (1500000, None);
    "more than 4,000" -> (4000, "more than"); "dozens" -> (24, "dozens"), see the module docstring.
    """
    words = text.lower().replace("-", " ").split()
    qualifier = _leading_qualifier(words) or _trailing_qualifier(words)
    if qualifier in QUALIFIERS:
        words = words[len(qualifier.split()) :]
    elif qualifier:
        words = words[: -len(qualifier.split())]
    parsed = _words_value(words)
    if parsed is None:
        return None
    value, vague = parsed
    return value, qualifier or vague


def is_vague(qualifier: str | None) -> bool:
    """Whether a count's qualifier is a vague word it was coded from ("hundreds", "several", "a few")."""
    return qualifier is not None and (qualifier.split()[-1] in VAGUE or qualifier.split()[-1] in VAGUE_SMALL)


def _leading_qualifier(words: list[str]) -> str | None:
    """The longest qualifier phrase `words` start with."""
    for phrase in sorted(QUALIFIERS, key=lambda q: (-len(q), q)):  # the same order in every process
        if words[: len(phrase.split())] == phrase.split() and len(words) > len(phrase.split()):
            return phrase
    return None


def _trailing_qualifier(words: list[str]) -> str | None:
    """The qualifier `words` end with: "38-plus", "20 or more"."""
    for phrase in TRAILING_QUALIFIERS:
        if words[-len(phrase.split()) :] == phrase.split() and len(words) > len(phrase.split()):
            return phrase
    return None


def _words_value(words: list[str]) -> tuple[int, str | None] | None:
    """Value of number words and digits read left to right, with the vague word if any."""
    total: float = 0
    current: float = 0
    seen, vague = False, None
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in ("a", "an") and i == 0 and (nxt in MULTIPLIERS or nxt in GROUPS or nxt in ("few", "couple")):
            current = 1
        elif word in ("and", "of") and seen and nxt:
            continue
        elif (digits := _digits_value(word, scaled=nxt in GROUPS or nxt in MULTIPLIERS)) is not None:
            current, seen = current + digits, True
        elif word in UNITS:
            current, seen = current + UNITS[word], True
        elif word in MULTIPLIERS:
            current, seen = (current or 1) * MULTIPLIERS[word], True
        elif word in GROUPS or (word in VAGUE and seen and word[:-1] in GROUPS):
            total, current, seen = total + (current or 1) * GROUPS[word.removesuffix("s")], 0, True
        elif word in VAGUE and not seen:
            current, seen, vague = VAGUE[word], True, word
        elif word in VAGUE_SMALL and not seen and (word == "several") == (i == 0):
            current, seen, vague = VAGUE_SMALL[word], True, " ".join(words[: i + 1])
        else:
            return None
    if not seen or (total + current) != int(total + current):
        return None
    return int(total + current), vague


def _digits_value(word: str, scaled: bool) -> float | None:
    """A written figure: "4,000", "1.500" (European thousands), "1.5" only before a scale word."""
    if _DIGITS.fullmatch(word):
        return int(word.replace(",", ""))
    if scaled and _DECIMAL.fullmatch(word):
        return float(word)
    if _EURO_DIGITS.fullmatch(word):
        return int(word.replace(".", ""))
    return None
