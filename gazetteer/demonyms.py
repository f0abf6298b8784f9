"""Demonyms: words such as "Ukrainian" or "Saudi" that hint at a country.

A demonym is not a toponym: "Ukrainian troops" names no place, yet it tells the
text stage which country an article is about. This module maps demonyms, as
news writes them, to ISO 3166-1 alpha-2 codes from the hand-kept table
`data/demonyms.tsv` (one row per country, demonyms separated by "|").

Ambiguous demonyms sit on one country only, the one news usually means
("Congolese" -> CD, "Dominican" -> DO, "Korean" -> KR); a demonym listed twice
would make the answer depend on file order, so loading refuses it.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

_TABLE = resources.files("gazetteer") / "data" / "demonyms.tsv"


@cache
def demonyms() -> dict[str, str]:
    """Demonym (as written, e.g. "Ukrainian") -> ISO country code; loaded once (functools.cache).

    Raises ValueError if a demonym appears on two rows (or twice on one), since
    a silent last-row-wins would hide a mistake in the table.
    """
    table: dict[str, str] = {}
    with io.StringIO(_TABLE.read_text(encoding="utf-8"), newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            code = row["country_code"].strip()
            for word in row["demonyms"].split("|"):
                word = word.strip()
                if not word:
                    continue
                if word in table:
                    raise ValueError(f"demonyms.tsv: {word!r} is listed for both {table[word]} and {code}")
                table[word] = code
    return table


@cache
def _upper() -> dict[str, str]:
    """All-caps form -> code, for headlines and wire slugs written in capitals."""
    table: dict[str, str] = {}
    for word, code in demonyms().items():
        key = word.upper()
        if table.setdefault(key, code) != code:
            raise ValueError(f"demonyms.tsv: {key!r} is ambiguous once capitalised")
    return table


def country_of_demonym(word: str) -> str | None:
    """ISO code of the country a demonym hints at, or None if `word` is not one.

    Case-sensitive, because news capitalises demonyms and the lower-case forms
    are often ordinary words ("polish", "swede", "welsh"): "Ukrainian" -> "UA",
    "ukrainian" -> None. All-caps ("UKRAINIAN") is accepted too, as headlines
    use it. Only the plain word or phrase ("North Korean") is looked up; a
    possessive ("Ukrainian's") or surrounding punctuation is the caller's to strip.
    """
    code = demonyms().get(word)
    if code is None and word.isupper():
        code = _upper().get(word)
    return code
