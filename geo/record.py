"""What the text stage finds: place mentions, and the places they resolve to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gazetteer import Place

LITERAL, METONYMIC = "literal", "metonymic"


@dataclass(slots=True)
class Toponym:
    """A place name in a text: where it stands, how it is used, and what it means.

    `start`/`end` are character offsets into the document text (`end`
    exclusive). `place` is None when the gazetteer knows no fitting place:
    the name is kept, unplaced, rather than forced onto a wrong one.
    `role` is `literal` (something is or happens there) or `metonymic` (the
    name stands for a government or organisation: "Moscow rejected…").
    """

    start: int
    end: int
    name: str
    role: str = LITERAL
    place: Place | None = None
    score: float = 0.0
    candidates: list[Place] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of `geoevents extract`."""
        p = self.place
        return {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "geonameid": p.geonameid if p else None,
            "country_code": p.country_code if p else None,
            "kind": p.kind if p else None,
            "place": p.name if p else None,
            "place_id": p.id if p else None,
            "role": self.role,
            "score": round(self.score, 4),
        }
