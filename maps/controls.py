"""The page's controls around the map: the filter panel, the event list and the timeline.

They are built by the page's script (static/controls.js) from the event
layer's state, so the type toggles, dates, confidence, search, list, timeline
and counts always agree; this element only hands that state over.
"""

from __future__ import annotations

from jinja2 import Template

from .assets import PageElement


class Controls(PageElement):
    """The panel (filters, key, export), the event list beside the map and the timeline below it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            geoeventsPage.controls({{ this.events.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, events: PageElement) -> None:
        super().__init__()
        self._name = "Controls"
        self.events = events
