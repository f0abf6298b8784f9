"""Geoparsing scores, computed the way the field's reference scorer (geoeval) computes them.

Our figures must be comparable with published ones, so every rule here follows that scorer
to the last float: the same span-matching rules, the same greedy pairing of each gold span with
the first unused prediction that matches it, the same great-circle formula and the same AUC.

Gold and predictions are dicts by doc_id, one document each:

    gold: {"doc_id", "text", "toponyms": [{"start", "end", "name", "lat", "lon", "geonameid"}],
          (a span without "name" is named by the text between its offsets)
           "unresolved": [{"start", "end", "name"}]}
    pred: {"doc_id", "toponyms": [{"start", "end", "name", "lat", "lon", "geonameid"}]}

Span rules: `exact` (same start and end), `overlap` (the spans share a character), `eupeg`
(midpoints less than 10 characters apart and the same name, ignoring case; EUPEG's rule).
"""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from geo.run.readers import json_object

MATCH_RULES = ("exact", "overlap", "eupeg")
ACC_KM = 161  # 100 miles: the tolerance every geocoding paper reports
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error
EARTH_RADIUS_KM = 6371.0
EUPEG_MAX_MID_DISTANCE = 10  # characters between span midpoints

_GOLD_KEYS = ("doc_id", "toponyms")
_SPAN_KEYS = ("start", "end")  # "name" is read from the text where a span does not give it


@dataclass(frozen=True)
class Scores:
    """Recognition, resolution and end-to-end figures of one scoring run.

    Figures that need false positives are None when they were not counted
    (`count_fp=False`); resolution figures are None without a resolved pair,
    and `geonameid_acc` is None when no pair has ids on both sides.
    """

    match: str
    tp: int
    fp: int | None
    fn: int
    precision: float | None
    recall: float
    f1: float | None
    e2e_f1: float | None  # a toponym counts only if its span matches AND it lies within ACC_KM
    e2e_recall: float
    n_resolved_pairs: int  # matched pairs with coordinates on both sides
    acc_161: float | None  # share of resolved pairs placed less than ACC_KM from the gold point
    mean_km: float | None
    median_km: float | None
    auc: float | None
    geonameid_acc: float | None
    geonameid_pairs: int

    def to_dict(self) -> dict[str, Any]:
        """The keys and values geoeval prints, in its order, omitting the ones it omits."""
        out: dict[str, Any] = {
            "match": self.match,
            "tp": self.tp,
            "e2e_f1@161": self.e2e_f1,
            "e2e_recall@161": self.e2e_recall,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "n_resolved_pairs": self.n_resolved_pairs,
        }
        if self.n_resolved_pairs:
            out.update(
                {"acc@161km": self.acc_161, "mean_km": self.mean_km, "median_km": self.median_km, "auc": self.auc}
            )
        if self.geonameid_pairs:
            out.update({"geonameid_acc": self.geonameid_acc, "geonameid_pairs": self.geonameid_pairs})
        return out


def score(
    gold: Mapping[str, dict],
    predicted: Mapping[str, Mapping[str, Any]],
    *,
    match: str = "exact",
    only_key: str | None = None,
    include_unresolved: bool = False,
    count_fp: bool = True,
) -> Scores:
    """Score `predicted` against `gold`; documents absent from `gold` are not scored.

    `only_key` keeps the gold toponyms whose value for that key is truthy (GeoWebNews'
    `in_geocoding_eval`); predictions matching the others are neither right nor wrong.
    `include_unresolved` also asks recognition to find the gold spans without coordinates.
    `count_fp=False` is for corpora annotated only in part, where an unmatched prediction
    proves nothing: precision, F1 and e2e F1 are then None.
    """
    if match not in MATCH_RULES:
        raise ValueError(f"unknown match rule {match!r} (use one of {', '.join(MATCH_RULES)})")
    tally = _Tally()
    for doc_id, gold_doc in gold.items():
        targets, ignored = _gold_spans(gold_doc, only_key, include_unresolved)
        preds = list(predicted.get(doc_id, {}).get("toponyms", []))
        unused = _pair_document(targets, preds, match, tally)
        if count_fp:
            tally.fp += sum(1 for p in unused if not any(_matches(g, p, match) for g in ignored))
    return tally.scores(match, count_fp)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere, written as geoeval writes it so floats agree.

    Not geopy's `great_circle`, which the rest of geoevents uses: it computes the same distance
    by another formula, and its last bits differ (median_km 77.44652429625765 against geoeval's
    ...724), which breaks the bit-for-bit agreement test_agrees_with_geoeval holds the scorer to."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc_km(errors: Sequence[float]) -> float:
    """Area under the sorted ln(1+error)/ln(MAX_ERROR_KM) curve (trapezoids, step 1), over n-1.

    0 means every point exact, 1 every point at the antipode (Gritta et al. 2018).
    """
    n = len(errors)
    if n < 2:
        return 0.0
    v = sorted(math.log(1 + e) / math.log(MAX_ERROR_KM) for e in errors)
    return (0.5 * (v[0] + v[-1]) + sum(v[1:-1])) / (n - 1)


def read_gold(path: str | os.PathLike) -> dict[str, dict]:
    """Gold documents of a JSONL file by doc_id; ValueError naming file:line if one is malformed."""
    docs: dict[str, dict] = {}
    first_line: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            doc = _parse_gold_line(line, where)
            doc_id = doc["doc_id"]
            if doc_id in docs:
                raise ValueError(f"{where}: duplicate doc_id {doc_id!r} (first on line {first_line[doc_id]})")
            docs[doc_id], first_line[doc_id] = doc, lineno
    return docs


@dataclass
class _Tally:
    """Counts summed over all documents of a run."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    e2e_hits: int = 0
    errors_km: list[float] = field(default_factory=list)
    geonameid_hits: int = 0
    geonameid_pairs: int = 0

    def add_pair(self, gold: dict, pred: dict) -> None:
        """Record one matched span, and how well it was placed where both sides allow it."""
        self.tp += 1
        if gold.get("lat") is not None and pred.get("lat") is not None and pred.get("lon") is not None:
            error = haversine_km(gold["lat"], gold["lon"], pred["lat"], pred["lon"])
            self.errors_km.append(error)
            self.e2e_hits += error < ACC_KM
        if gold.get("geonameid") and pred.get("geonameid"):
            self.geonameid_pairs += 1
            self.geonameid_hits += int(gold["geonameid"]) == int(pred["geonameid"])

    def scores(self, match: str, count_fp: bool) -> Scores:
        precision, recall = _ratio(self.tp, self.tp + self.fp), _ratio(self.tp, self.tp + self.fn)
        e2e_precision = _ratio(self.e2e_hits, self.tp + self.fp)
        e2e_recall = _ratio(self.e2e_hits, self.tp + self.fn)
        errors = self.errors_km
        return Scores(
            match=match,
            tp=self.tp,
            fn=self.fn,
            fp=self.fp if count_fp else None,
            precision=precision if count_fp else None,
            recall=recall,
            f1=_f1(precision, recall) if count_fp else None,
            e2e_f1=_f1(e2e_precision, e2e_recall) if count_fp else None,
            e2e_recall=e2e_recall,
            n_resolved_pairs=len(errors),
            acc_161=sum(e < ACC_KM for e in errors) / len(errors) if errors else None,
            mean_km=statistics.fmean(errors) if errors else None,
            median_km=statistics.median(errors) if errors else None,
            auc=auc_km(errors) if errors else None,
            geonameid_acc=_ratio(self.geonameid_hits, self.geonameid_pairs) if self.geonameid_pairs else None,
            geonameid_pairs=self.geonameid_pairs,
        )


def _gold_spans(doc: dict, only_key: str | None, include_unresolved: bool) -> tuple[list[dict], list[dict]]:
    """The gold spans to find, and those whose matches count neither way.

    Without `only_key`, a gold document may list its own "ignore" spans, as geoeval allows.
    """
    toponyms = list(doc["toponyms"])
    if only_key:
        ignored = [t for t in toponyms if not t.get(only_key)]
        toponyms = [t for t in toponyms if t.get(only_key)]
    else:
        ignored = list(doc.get("ignore", []))
    if include_unresolved:
        toponyms += doc.get("unresolved", [])
    return toponyms, ignored


def _pair_document(targets: Iterable[dict], preds: list[dict], match: str, tally: _Tally) -> list[dict]:
    """Pair each gold span, in order, with the first unused prediction matching it; return the unused."""
    used = [False] * len(preds)
    for gold in targets:
        hit = next((i for i, p in enumerate(preds) if not used[i] and _matches(gold, p, match)), None)
        if hit is None:
            tally.fn += 1
            continue
        used[hit] = True
        tally.add_pair(gold, preds[hit])
    return [p for p, taken in zip(preds, used) if not taken]


def _matches(gold: dict, pred: dict, rule: str) -> bool:
    if rule == "exact":
        return gold["start"] == pred["start"] and gold["end"] == pred["end"]
    if rule == "overlap":
        return gold["start"] < pred["end"] and pred["start"] < gold["end"]
    mid_gold = (gold["start"] + gold["end"]) / 2.0
    mid_pred = (pred["start"] + pred["end"]) / 2.0
    return abs(mid_gold - mid_pred) < EUPEG_MAX_MID_DISTANCE and gold["name"].lower() == pred["name"].lower()


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _parse_gold_line(line: str, where: str) -> dict:
    """One gold document, checked for what scoring reads, so a bad file fails here and not mid-run."""
    doc = json_object(line, where)
    missing = [key for key in _GOLD_KEYS if key not in doc]
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    if not isinstance(doc["doc_id"], str):
        raise ValueError(f"{where}: doc_id must be a string, not {type(doc['doc_id']).__name__}")
    for list_key in ("toponyms", "unresolved"):
        _check_spans(doc.get(list_key, []), f"{where}: {list_key}")
        for span in doc.get(list_key, []):
            if "name" not in span and isinstance(doc.get("text"), str):
                span["name"] = doc["text"][span["start"] : span["end"]]
    return doc


def _check_spans(spans: object, where: str) -> None:
    if not isinstance(spans, list):
        raise ValueError(f"{where} must be a list")
    for number, span in enumerate(spans, 1):
        if not isinstance(span, dict):
            raise ValueError(f"{where} #{number} must be an object")
        missing = [key for key in _SPAN_KEYS if key not in span]
        if missing:
            raise ValueError(f"{where} #{number} ({span.get('name', '?')!r}) lacks {', '.join(missing)}")
        if not all(isinstance(span[key], int) and not isinstance(span[key], bool) for key in _SPAN_KEYS):
            raise ValueError(f"{where} #{number}: start and end must be whole numbers")
