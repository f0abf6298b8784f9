"""How each event type looks: label, colour and a marker shape drawn as inline SVG.

Shapes as well as colours tell the types apart (for colour-blind readers and
print), and inline SVG needs no icon font or image from a CDN.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Points of each shape in a 20×20 box; "circle" is drawn as such.
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

# Until the project's taxonomy is passed in (geo.events.taxonomy), these are the types.
DEFAULT_TYPES: dict[str, dict[str, str]] = {
    "diplomacy": {"label": "Diplomacy", "colour": "#1f6fb4", "icon": "circle"},
    "strike": {"label": "Strike", "colour": "#d62728", "icon": "triangle"},
    "interception": {"label": "Interception", "colour": "#ff8c1a", "icon": "diamond"},
    "ground": {"label": "Ground fighting", "colour": "#8c564b", "icon": "square"},
    "violence_against_civilians": {"label": "Violence against civilians", "colour": "#7b3fa0", "icon": "cross"},
    "protest": {"label": "Protest", "colour": "#e052a8", "icon": "pentagon"},
    "humanitarian": {"label": "Humanitarian", "colour": "#2ca02c", "icon": "hexagon"},
    "migration": {"label": "Migration", "colour": "#17a2b8", "icon": "triangle-down"},
    "other": {"label": "Other", "colour": "#6f6f6f", "icon": "star"},
}

# Colours go into SVG attributes and CSS: only forms that cannot carry markup pass.
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|hsl)a?\([0-9.,%\s]+\)")


@dataclass(frozen=True)
class TypeStyle:
    """One event type as the page draws it."""

    id: str
    label: str
    colour: str
    shape: str

    def svg(self) -> str:
        """The marker's inner SVG in a 0 0 20 20 view box; the page sets its size."""
        paint = f'fill="{self.colour}" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"'
        if self.shape == "circle":
            return f'<circle cx="10" cy="10" r="8" {paint}/>'
        return f'<polygon points="{SHAPES[self.shape]}" {paint} stroke-linejoin="round"/>'


def _field(entry: Any, name: str) -> Any:
    """A field of a taxonomy entry: a dict's key or an object's attribute (geo.events.taxonomy)."""
    return entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)


def styles(types: Mapping[str, Any] | None, present: Iterable[str]) -> dict[str, TypeStyle]:
    """The style of every type in `present`, in the taxonomy's order, then unknown types by name.

    A type's icon is used when it names one of SHAPES (a taxonomy's icon-font
    names do not); otherwise the type keeps its default shape, or takes the
    next one no other type has, so that the types stay apart.
    """
    types = DEFAULT_TYPES if types is None else types
    present = set(present)
    order = [t for t in types if t in present] + sorted(present - set(types))
    used = {str(_field(types[t], "icon")) for t in order if t in types} & SHAPES.keys()
    result = {}
    for type_id in order:
        entry = types.get(type_id, {})
        colour = str(_field(entry, "colour") or "")
        shape = str(_field(entry, "icon"))
        if shape not in SHAPES:
            default = DEFAULT_TYPES.get(type_id, {}).get("icon")
            free = [s for s in SHAPES if s not in used] or list(SHAPES)
            shape = default if default in free else free[0]
            used.add(shape)
        result[type_id] = TypeStyle(
            id=type_id,
            label=str(_field(entry, "label") or type_id.replace("_", " ").capitalize()),
            colour=colour if _COLOUR.fullmatch(colour) else DEFAULT_TYPES["other"]["colour"],
            shape=shape,
        )
    return result
