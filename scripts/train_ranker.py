"""Train the candidate ranker (geo/data/ranker.json) on annotated geoparsing corpora, cross-validated.

A developer tool, run by hand; the runtime never reads the corpora:

    python scripts/train_ranker.py --eval-dir PATH/TO/eval/dev [--folds 5] [--out geo/data/ranker.json]

1. The extractor reads every document once with the hand-set order, and records for each name the
   feature rows of its candidates (`geo.text.ranker.features`, in the resolver's last round).
   A name's mention whose span is a gold toponym's gives one training group: its candidates,
   those within 161 km of the gold point labelled right.
2. A conditional logit (the candidates of a group compete in a softmax; L2-regularised; numpy)
   is trained k times, each time without one fold of documents, and the extractor reads that
   fold again with that model: no document is scored by a model that saw it. The figures printed
   (e2e_f1@161 per corpus, scored as `geo.scoring` scores) are these cross-validated ones, next to
   the hand-set order's; the folds are read by the resolver as it runs, so the ranker chooses only
   where `Resolver._allowed` lets it. Training sees every choice by default (`--run-time-choices`: only
   those, which measured no better).
3. The shipped model is trained on all documents and written with its training data, licence and
   cross-validated figures in its metadata.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.run.extract import Extractor  # noqa: E402
from geo.run.readers import Document  # noqa: E402
from geo.scoring import haversine_km, read_gold, score  # noqa: E402
from geo.text.ranker import FEATURES, MODEL_FILE, Ranker  # noqa: E402
from geo.text.readings import Name  # noqa: E402
from geo.text.resolve import Resolver  # noqa: E402

CORPORA = {"lgl": None, "trnews": None, "geovirus": None, "geowebnews": "in_geocoding_eval"}
LICENCE = "GPL-3.0"
ORIGIN = "GitHub milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation (dev halves as in the project's evaluation data)"
RIGHT_KM = 161.0
L2 = 0.03
STEPS = 300
RATE = 0.05

Group = tuple[np.ndarray, np.ndarray]  # feature rows of a name's candidates, and which are right


class RecordingResolver(Resolver):
    """The resolver, remembering each name's candidate rows as last ranked (rows need a ranker: the
    hand-set one, expressed as a `Ranker`, until a learned one is set). With `run_time_choices`, only
    the choices the ranker makes at run time are kept: the candidates `Resolver._allowed` leaves it, and
    none where the hand-set order decides alone."""

    def __init__(self, resolver: Resolver, run_time_choices: bool = False) -> None:
        super().__init__(resolver.gazetteer, Ranker({"handset": 1.0}))
        self.run_time_choices = run_time_choices
        self.rows: dict[tuple[str, int, int], tuple[list[tuple[float, float]], list[list[float]]]] = {}

    def _pick(self, name: Name, handset: list[float], rows: list[list[float]], barred: set[int]) -> int:
        everyone = list(range(len(name.candidates)))
        first = max(everyone, key=handset.__getitem__)
        peers = (self._allowed(name, first, barred) or []) if self.run_time_choices else everyone
        points = [(name.candidates[i].lat, name.candidates[i].lon) for i in peers]
        kept = [rows[i] for i in peers]
        for mention in name.mentions:
            span = mention.span
            self.rows[(span.doc.text, span.start_char, span.end_char)] = (points, kept)
        return super()._pick(name, handset, rows, barred)


def load(eval_dir: Path) -> dict[str, dict[str, dict]]:
    return {corpus: read_gold(eval_dir / f"{corpus}.jsonl") for corpus in CORPORA}


def extract(extractor: Extractor, docs: list[dict]) -> dict[str, dict]:
    records = extractor.extract(Document(d["doc_id"], d["text"]) for d in docs)
    return {r["doc_id"]: dict(r) for r in records}


def groups_of(doc: dict, rows: dict) -> list[Group]:
    """Training groups from one gold document: its gold spans that the resolver ranked candidates for."""
    out = []
    for gold in doc["toponyms"]:
        found = rows.get((doc["text"], gold["start"], gold["end"]))
        if found is None or gold.get("lat") is None:
            continue
        points, feature_rows = found
        right = np.array([haversine_km(gold["lat"], gold["lon"], lat, lon) < RIGHT_KM for lat, lon in points])
        if len(points) > 1 and right.any() and not right.all():
            out.append((np.asarray(feature_rows, dtype=float), right.astype(float)))
    return out


def train(groups: list[Group]) -> dict[str, float]:
    """Weights of a conditional logit over `groups` (Adam on the mean negative log-likelihood)."""
    x = np.concatenate([g[0] for g in groups])
    y = np.concatenate([g[1] for g in groups])
    starts = np.cumsum([0] + [len(g[0]) for g in groups[:-1]])
    index = np.repeat(np.arange(len(groups)), [len(g[0]) for g in groups])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, STEPS + 1):
        s = z @ w
        s -= np.maximum.reduceat(s, starts)[index]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[index]
        # the target: the right candidates share the group's probability mass equally
        q = y / np.add.reduceat(y, starts)[index]
        grad = z.T @ (p - q) / len(groups) + L2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    raw = w / scale  # within a group the offset cancels: weights on the raw features
    return {name: float(weight) for name, weight in zip(FEATURES, raw)}


def top1(groups: list[Group], weights: dict[str, float] | None) -> float:
    """Share of groups whose first candidate is right (hand-set order when `weights` is None)."""
    column = FEATURES.index("handset")
    vector = None if weights is None else np.array([weights[f] for f in FEATURES])
    hits = [g[1][int(np.argmax(g[0][:, column] if vector is None else g[0] @ vector))] for g in groups]
    return sum(hits) / max(1, len(hits))


def folds_of(corpora: dict[str, dict[str, dict]], k: int, seed: int) -> dict[str, int]:
    """Each document's fold, dealt round-robin within its corpus after a seeded shuffle."""
    fold = {}
    rng = random.Random(seed)
    for corpus, docs in corpora.items():
        ids = sorted(docs)
        rng.shuffle(ids)
        fold.update({(corpus, doc_id): i % k for i, doc_id in enumerate(ids)})
    return fold  # type: ignore[return-value]


def figures(corpora: dict[str, dict[str, dict]], predictions: dict[str, dict[str, dict]]) -> dict[str, float]:
    return {
        corpus: round(score(gold, predictions[corpus], match="exact", only_key=CORPORA[corpus]).e2e_f1 or 0.0, 4)
        for corpus, gold in corpora.items()
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, required=True, help="folder of lgl/trnews/geovirus/geowebnews.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=ROOT / "geo" / "data" / MODEL_FILE)
    parser.add_argument("--no-write", action="store_true", help="report the figures only")
    parser.add_argument(
        "--run-time-choices",
        action="store_true",
        help="train only on the choices the resolver leaves the ranker (measured no better: benchmarks/RESULTS.md)",
    )
    args = parser.parse_args(argv)

    corpora = load(args.eval_dir)
    extractor = Extractor()
    finder = extractor.nlp.get_pipe("geoevents_toponyms")
    recorder = RecordingResolver(finder.resolve, args.run_time_choices)
    finder.resolve = recorder
    handset = {corpus: extract(extractor, list(docs.values())) for corpus, docs in corpora.items()}
    fold = folds_of(corpora, args.folds, args.seed)
    groups: dict[int, list[Group]] = defaultdict(list)
    for corpus, docs in corpora.items():
        for doc_id, doc in docs.items():
            groups[fold[(corpus, doc_id)]] += groups_of(doc, recorder.rows)
    everything = [g for k in range(args.folds) for g in groups[k]]
    print(f"{len(everything)} groups with a choice; hand-set top-1 {top1(everything, None):.3f}", flush=True)

    learned: dict[str, dict[str, dict]] = {corpus: {} for corpus in corpora}
    for k in range(args.folds):
        weights = train([g for j in range(args.folds) if j != k for g in groups[j]])
        print(f"fold {k}: top-1 held out {top1(groups[k], weights):.3f} (hand-set {top1(groups[k], None):.3f})")
        finder.resolve = Resolver(recorder.gazetteer, Ranker(weights))
        for corpus, docs in corpora.items():
            learned[corpus].update(extract(extractor, [d for i, d in docs.items() if fold[(corpus, i)] == k]))
    before, after = figures(corpora, handset), figures(corpora, learned)
    print("e2e_f1@161   hand-set  learned (cross-validated)")
    for corpus in corpora:
        print(f"{corpus:<12} {before[corpus]:.3f}     {after[corpus]:.3f}")
    if args.no_write:
        return
    model: dict[str, Any] = Ranker(train(everything)).to_dict()
    model["meta"] = {
        "model": "conditional logit over a name's candidates (scripts/train_ranker.py)",
        "training_data": {corpus: f"{len(docs)} documents" for corpus, docs in corpora.items()},
        "training_origin": ORIGIN,
        "training_licence": LICENCE,
        "groups": len(everything),
        "cross_validated_e2e_f1_161": {"folds": args.folds, "hand_set": before, "learned": after},
    }
    args.out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    assert math.isfinite(sum(model["weights"].values()))


if __name__ == "__main__":
    main()
