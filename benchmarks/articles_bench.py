"""Events on real news articles: precision, recall, false events, counts, dates, and calibration.

    python benchmarks/articles_bench.py [--articles ../shared/eval/dev/articles] [--details] [--model NAME]

Extracts every article of the folder (dated by its manifest) and scores the events with the
evaluation's own script (`../shared/tools/eventeval.py`, run as a program, never imported):
precision, recall and F1 of mapped events, the annotated false events produced (`not_events`),
exact counts and dates on matched events. Then the reliability table: predicted events by
`confidence` band, and how many of each band match a gold event (same type, within the radius the
place's kind allows). Events at >= 0.8 should be right >= 90 % of the time: that is what
`--min-confidence` on `map` and `export` relies on.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.run.extract import Extractor  # noqa: E402
from geo.run.readers import read_documents  # noqa: E402

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
#: Match radius by the gold place's kind, as the evaluation's script has it.
RADIUS = {"region": 161, "country": 500, "sea": 500}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def right(event: dict, gold: list[dict]) -> bool:
    """Whether a mapped event matches some gold event of its type near enough."""
    place = event["place"]
    return any(
        g["type"] == event["event_type"]
        and km(g["lat"], g["lon"], place["lat"], place["lon"]) <= RADIUS.get(g.get("place_kind"), 50)
        for g in gold
    )


def reliability(records: list[dict], gold: dict) -> list[tuple[float, float, int, int]]:
    """(low, high, events, right) for each confidence band of the mapped events."""
    rows = []
    for low, high in itertools.pairwise(BANDS):
        events = [
            (e, r["doc_id"])
            for r in records
            for e in r["events"]
            if e["place"] and low <= e["confidence"] < high and r["doc_id"] in gold
        ]
        rows.append((low, min(high, 1.0), len(events), sum(right(e, gold[d]["events"]) for e, d in events)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default=str(ROOT.parent / "shared" / "eval" / "dev" / "articles"))
    parser.add_argument("--details", action="store_true", help="list every false and missed event")
    parser.add_argument("--model")
    args = parser.parse_args()
    folder = Path(args.articles)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    records = list(Extractor(args.model).extract(read_documents([folder])))
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        script = folder.parent.parent.parent / "tools" / "eventeval.py"
        command = [sys.executable, str(script), str(folder), str(pred)] + (["--details"] if args.details else [])
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    print(out.rstrip())
    print("\nreliability (mapped events by confidence)\n  band        events  right  share")
    for low, high, n, ok in reliability(records, gold):
        print(f"  {low:.1f}-{high:.1f}  {n:8d} {ok:6d}  {ok / n if n else float('nan'):5.2f}")
    high = [(n, ok) for low, _, n, ok in reliability(records, gold) if low >= 0.8]
    n, ok = map(sum, zip(*high))
    print(f"  >= 0.8: {ok}/{n} right ({ok / n if n else float('nan'):.2f})")


if __name__ == "__main__":
    main()
