"""Names that are not places, though a town somewhere bears them: "Hamas" (Hamm), "Amal", "Ramadan".

The hand-kept list `data/not_places.txt` holds organisations, services,
ministries' acronyms and holidays that news writes and the gazetteer would
otherwise answer with a namesake town. The text stage drops them unless the
sentence itself makes one a place ("the village of Amal").
"""

from __future__ import annotations

from functools import cache
from importlib import resources

_TABLE = resources.files("gazetteer") / "data" / "not_places.txt"


@cache
def not_places() -> frozenset[str]:
    """The listed names, case-folded (accents kept: "Göd" is a town, "God" is not)."""
    with _TABLE.open(encoding="utf-8") as f:
        return frozenset(s.casefold() for line in f if (s := line.strip()) and not s.startswith("#"))


def is_not_place(text: str) -> bool:
    """Whether `text` ("Hamas", "the MoD") is a listed name that is no place."""
    words = text.strip()
    if words[:4].casefold() == "the ":
        words = words[4:]
    return words.casefold() in not_places()
