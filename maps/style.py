"""How each event type looks: its label, colour and marker shape, all read from the taxonomy.

The taxonomy (geo/data/taxonomy.toml, or the user's own) is the one style table:
a type has the same colour and shape in every map, whatever other types the
map holds. This module only turns a shape's name into inline SVG (no icon font
or image from a CDN); shapes as well as colours tell the types apart, for
colour-blind readers and print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from geo.events.taxonomy import Taxonomy, default_shape

# Points of each shape in a 20×20 box; "circle" is drawn as such. The names are geo.events.taxonomy.SHAPES.
SHAPES: dict[str, str] = {
    "circle": "",
    "square": "4,4 16,4 16,16 4,16",
    "diamond": "10,2 18,10 10,18 2,10",
    "triangle": "10,2.5 18.5,17 1.5,17",
    "triangle-down": "1.5,3 18.5,3 10,17.5",
    "pentagon": "10,2 18,8 15,17.5 5,17.5 2,8",
    "hexagon": "5.5,2.5 14.5,2.5 19,10 14.5,17.5 5.5,17.5 1,10",
    "cross": "7,2 13,2 13,7 18,7 18,13 13,13 13,18 7,18 7,13 2,13 2,7 7,7",
    "star": "10,1.5 12.5,7.5 19,7.8 14,12 15.6,18.5 10,15 4.4,18.5 6,12 1,7.8 7.5,7.5",
}
# Colours go into SVG attributes and CSS: only forms that cannot carry markup pass.
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|hsl)a?\([0-9.,%\s]+\)")
UNKNOWN_COLOUR = "#6f6f6f"


@cache
def default_types() -> Mapping[str, Any]:
    """The bundled taxonomy's types: what a map uses when it is given none."""
    return Taxonomy.load().types


@dataclass(frozen=True)
class TypeStyle:
    """One event type as the page draws it."""

    id: str
    label: str
    colour: str
    shape: str

    def svg(self) -> str:
        """The marker's inner SVG in a 0 0 20 20 view box; the page sets its size (and hollows it)."""
        paint = f'fill="{self.colour}" stroke="{self.colour}"'
        if self.shape == "circle":
            return f'<circle cx="10" cy="10" r="8" {paint}/>'
        return f'<polygon points="{SHAPES[self.shape]}" {paint}/>'


def _field(entry: Any, name: str) -> Any:
    """A field of a taxonomy entry: a dict's key or an object's attribute (geo.events.taxonomy.EventType)."""
    return entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)


def styles(types: Mapping[str, Any] | None, present: Iterable[str]) -> dict[str, TypeStyle]:
    """The style of every type in `present`, in the taxonomy's order, then unknown types by name.

    A type's shape is its taxonomy entry's `shape` (an older entry's `icon`
    when that names a shape); a type the taxonomy does not know, or that names
    no shape, takes the one its id picks, so it looks the same in every map.
    """
    types = default_types() if types is None else types
    present = set(present)
    order = [t for t in types if t in present] + sorted(present - set(types))
    result = {}
    for type_id in order:
        entry = types.get(type_id, {})
        colour = str(_field(entry, "colour") or "")
        shape = next(
            (s for s in (_field(entry, "shape"), _field(entry, "icon")) if s in SHAPES), default_shape(type_id)
        )
        result[type_id] = TypeStyle(
            id=type_id,
            label=str(_field(entry, "label") or type_id.replace("_", " ").capitalize()),
            colour=colour if _COLOUR.fullmatch(colour) else UNKNOWN_COLOUR,
            shape=shape,
        )
    return result
