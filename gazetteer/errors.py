"""The one base of every error geoevents reports to its user.

It lives at the bottom of the stack (gazetteer imports nothing of geo or maps) so
that every layer can derive from it: each error here is a problem the user can
fix, its message names the file, entry or setting, and the command line prints
it as one line and exits with status 2 instead of a traceback.
"""

from __future__ import annotations

__all__ = ["GeoeventsError"]


class GeoeventsError(Exception):
    """A problem the user can fix; the message says what and where."""
