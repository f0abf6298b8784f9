"""The offline place index: names to ranked places, with no NLP and no network.

>>> from gazetteer import Gazetteer
>>> Gazetteer().candidates("Kharkov")[0].name
'Kharkiv'
"""

from .errors import GeoeventsError
from .gazetteer import Gazetteer, cache_dir
from .normalize import name_key
from .place import KINDS, Place
from .sources import AliasError

__all__ = ["KINDS", "AliasError", "Gazetteer", "GeoeventsError", "Place", "cache_dir", "name_key"]
