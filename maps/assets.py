"""Leaflet and the page's own scripts and styles, inlined into the page.

A map saved to disk must render with no network: folium links its scripts and
styles from CDNs, so the page instead carries the library files themselves,
Leaflet read from the XStatic package pip installed (no CDN, no download at run
time) and ours from maps/static (package data, where linters and tests read
them as the JavaScript and CSS they are).
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from pathlib import Path

from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from xstatic.pkg import leaflet

LEAFLET = Path(leaflet.BASE_DIR)
STATIC = Path(__file__).resolve().parent / "static"
#: The page's scripts, in the order they must run: each adds its part to `geoeventsPage`.
SCRIPTS = ("basemap.js", "events.js", "controls.js")

# A source-map comment would make the browser's developer tools fetch a file that is not there.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((images/[\w.-]+\.png)\)")


def _script_safe(text: str) -> str:
    """Text that cannot end the <script> or <style> element it is inlined into."""
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@cache
def stylesheet() -> str:
    """Leaflet's CSS (its images as data URIs), then the page's own (static/geoevents.css)."""
    leaflet_css = _CSS_URL.sub(
        lambda m: f"url({_data_uri(LEAFLET / m.group(1))})", (LEAFLET / "leaflet.css").read_text(encoding="utf-8")
    )
    return _script_safe(leaflet_css + "\n" + (STATIC / "geoevents.css").read_text(encoding="utf-8"))


@cache
def script() -> str:
    """Leaflet's minified JavaScript, then the page's own scripts, in the order they must run."""
    files = (LEAFLET / "leaflet.js", *(STATIC / name for name in SCRIPTS))
    return _script_safe("\n".join(_SOURCE_MAP.sub("", f.read_text(encoding="utf-8")) for f in files))


def script_json(value: object) -> str:
    """JSON to place inside a <script> element: no "</script>", "<!--" or U+2028 can break out of it.

    A lone surrogate (which JSON input may hold) becomes "?" rather than making the page unwritable.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class Raw(Element):
    """Markup placed as it is: library code is not a Jinja template (it may hold "{{")."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def render(self, **kwargs) -> str:
        return self.markup


class PageElement(MacroElement):
    """A MacroElement whose rendered header, html and script go into the page as they are.

    branca's MacroElement makes each rendered part a Jinja template again, so
    article text holding "{{ ... }}" would be evaluated as Python-like code
    when the page is written (and 100,000 events parsed twice). Here each part
    is rendered once, with data inserted only as values.
    """

    def render(self, **kwargs) -> None:  # type: ignore[override]  # branca's render returns str; this one adds to the page
        figure = self.get_root()
        assert isinstance(figure, Figure), f"{type(self).__name__} must be added to a map inside a Figure"
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if part in macros:
                getattr(figure, part).add_child(Raw(macros[part](self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class OfflineAssets(MacroElement):
    """Puts Leaflet's and the page's CSS and JS into the page's <head>, in place of folium's CDN links."""

    _template = Template("")

    def render(self, **kwargs) -> None:  # type: ignore[override]  # as PageElement.render
        figure = self.get_root()
        assert isinstance(figure, Figure), "OfflineAssets must be added to a map inside a Figure"
        figure.header.add_child(Raw(f"<style>{stylesheet()}</style>"), name="leaflet_css")
        figure.header.add_child(Raw(f"<script>{script()}</script>"), name="leaflet_js")
        super().render(**kwargs)
