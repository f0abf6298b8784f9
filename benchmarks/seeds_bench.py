"""The sample articles against their hand-made gold: places found and placed, words that must not be places.

    python benchmarks/seeds_bench.py [--gold ../shared/eval/seeds.gold.json] [--seeds seeds]

A gold place counts as found when some toponym of its document lies within the gold
tolerance (161 km) of its point, or, for a country, resolves to its ISO code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.run.extract import Extractor  # noqa: E402
from geo.run.readers import read_documents  # noqa: E402
from geo.scoring import haversine_km  # noqa: E402


def found(place: dict, toponyms: list[dict], tolerance: float) -> bool:
    for t in toponyms:
        if t["lat"] is None:
            continue
        if place.get("kind") == "country" and t["kind"] == "country" and t["country_code"] == place["country"]:
            return True
        if haversine_km(place["lat"], place["lon"], t["lat"], t["lon"]) < tolerance:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "eval" / "seeds.gold.json"))
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    parser.add_argument("--model")
    args = parser.parse_args()
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    tolerance = gold.get("tolerance_km", 161)
    records = {r["doc_id"]: r for r in Extractor(args.model).extract(read_documents([args.seeds]))}
    total = hits = 0
    for doc_id, expected in gold["documents"].items():
        toponyms = records[doc_id]["toponyms"]
        for place in expected["places"]:
            total += 1
            ok = found(place, toponyms, tolerance)
            hits += ok
            if not ok:
                print(f"MISSED  {doc_id}: {place['mention']}")
    bad = [
        (doc_id, t["name"])
        for doc_id, r in records.items()
        for t in r["toponyms"]
        if t["name"] in set(gold["not_places"])
    ]
    for doc_id, name in bad:
        print(f"NOT A PLACE  {doc_id}: {name}")
    print(f"places found within {tolerance} km: {hits}/{total} ({hits / total:.0%}); not_places output: {len(bad)}")


if __name__ == "__main__":
    main()
