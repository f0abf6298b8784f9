"""A learned order of a name's candidates, in place of hand-set weights.

`resolve` gathers, for every candidate of a name, what the document says of it
(`Evidence`: the other places' countries and regions, how near they are, a
container, the kind the words ask for). The hand-set order adds five of those
up with fixed weights. `Ranker` weighs them, and what the gazetteer knows of
the place itself (size, kind, how the name matched it), with weights learned
from annotated news (`scripts/train_ranker.py`: a conditional logit, the
candidates of one name competing, trained on the geoparsing corpora listed in
the model file's metadata). At run time it is one dot product per candidate,
numpy only; the model is a small JSON file in `geo/data`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from gazetteer import Place
from gazetteer.place import KINDS

MODEL_FILE = "ranker.json"
_MATCHES = ("name", "alternate", "namesake", "designator", "skeleton", "variant")
_FAR_KM = 20_000.0  # half the Earth's circumference: no two places are further apart

#: The names of the features, in the order `features` gives them; a model names the ones it was trained on.
FEATURES = (
    ("prior", "log_population", "rank", "handset", "country", "admin1", "near", "log_km", "contained", "kind")
    + ("focus", "no_context", "region", "focus_region", "colocated")
    + tuple(f"kind={k}" for k in KINDS)
    + tuple(f"match={m}" for m in _MATCHES)
)


class Evidence(NamedTuple):
    """What the document says of one candidate (each 0..1 unless said otherwise); a tuple: one is made per candidate."""

    country: float  # share of the document's other places (and demonyms) in its country
    admin1: float  # its region is named (for a region: places in it are)
    near: float  # closeness to the nearest other place named (1 at 0 km, 0 from `NEAR_KM` on)
    km: float | None  # km to the nearest other place named; None if there is none
    contained: float  # a container right after the name holds it
    kind: float  # the words ask for its kind ("the city of X")
    focus: float  # its country is the one the document names most
    region: float  # share of the document's other places in its admin-1 region
    focus_region: float  # its admin-1 region is the one the document's other places lie in most
    direction: float  # "X in the south": it is the one of its country's namesakes lying furthest that way
    colocated: float = 0.0  # how near it lies to some namesake of each other name (`colocation`), picked or not


def features(place: Place, rank: int, handset: float, evidence: Evidence, context: bool) -> list[float]:
    """The feature row of one candidate, in `FEATURES` order."""
    km = evidence.km if evidence.km is not None else _FAR_KM
    row = [
        place.score,
        math.log10(place.population + 1) / 7,
        1.0 / (1 + rank),
        handset,
        evidence.country,
        evidence.admin1,
        evidence.near,
        math.log10(km + 1) / math.log10(_FAR_KM + 1),
        evidence.contained,
        evidence.kind,
        evidence.focus,
        0.0 if context else 1.0,
        evidence.region,
        evidence.focus_region,
        evidence.colocated,
    ]
    row += [1.0 if place.kind == k else 0.0 for k in KINDS]
    row += [1.0 if place.match == m else 0.0 for m in _MATCHES]
    return row


class Ranker:
    """A linear scorer over `FEATURES`: within a name, the candidate of the highest score is taken."""

    def __init__(self, weights: dict[str, float], meta: dict[str, Any] | None = None) -> None:
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"the ranker model names unknown features: {', '.join(sorted(unknown))}")
        self.weights = np.array([weights.get(name, 0.0) for name in FEATURES])
        self.meta = meta or {}

    def scores(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """One score per feature row; only their order matters."""
        return np.asarray(rows, dtype=float) @ self.weights

    def to_dict(self) -> dict[str, Any]:
        return {"meta": self.meta, "weights": dict(zip(FEATURES, (round(float(w), 6) for w in self.weights)))}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ranker:
        return cls(data["weights"], data.get("meta"))

    @classmethod
    def load(cls, path: str | Path) -> Ranker:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def shipped_ranker() -> Ranker | None:
    """The model in package data, or None where it is not shipped (the hand-set order then ranks)."""
    resource = resources.files("geo") / "data" / MODEL_FILE
    if not resource.is_file():
        return None
    return Ranker.from_dict(json.loads(resource.read_text(encoding="utf-8")))
