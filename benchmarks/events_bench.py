"""Events against ACLED rows, CASE 2021 snippets and the sample articles' gold.

    python benchmarks/events_bench.py [--eval-dir ../shared/eval] [--limit N] [--model NAME]

ACLED (`dev/acled.jsonl`): each row's `notes` is extracted as a document of its own (doc_id = `id`,
no date given). Figures, over all rows:
  type       the most confident event's type equals `project_type` (no event counts as `other`)
  161 km     some event lies within 161 km of the ACLED point
  50 km      some event lies within 50 km of it: the right town, not the right province
  date       the most confident event's date equals `event_date`
  killed     the most confident event's `killed` count (0 when none) equals `fatalities`
CASE 2021 (`dev/case2021.jsonl`): the most confident event's type equals the label mapped to the
project's types (README of ../shared/eval); no event counts as `other`.
With `--acled-layer`, ACLED runs a second time after `geoevents gazetteer add` of a GeoNames-format
file written from the rows' own locations (name, point, country, admin-1) into a temporary cache:
what village-level coverage gives when the analyst has the places (the file is never kept).
Seeds (`seeds.gold.json`): gold events found with the right type within 161 km (a country also by
its ISO code, as the gold's README says for places), their counts
and dates exact, and forbidden events (a strike in Paris, diplomacy in Kherson) absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.run.extract import Extractor  # noqa: E402
from geo.run.readers import Document, read_documents  # noqa: E402
from geo.scoring import haversine_km  # noqa: E402

CASE_TYPES = {
    "strike": "AIR_STRIKE ART_MISS_ATTACK REM_EXPLOS GRENADE SUIC_BOMB CHEM_WEAP",
    "ground": "ARMED_CLASH GOV_REGAINS_TERIT NON_STATE_ACTOR_OVERTAKES_TER",
    "interception": "DISR_WEAP",
    "protest": "PEACE_PROTEST PROTEST_WITH_INTER FORCE_AGAINST_PROTEST VIOL_DEMONSTR MOB_VIOL",
    "violence_against_civilians": "ATTACK ABDUCT_DISSAP SEX_VIOL",
    "diplomacy": "DIPLO AGREEMENT",
}
CASE_TO_TYPE = {label: kind for kind, labels in CASE_TYPES.items() for label in labels.split()}


def top(record: dict) -> dict | None:
    return max(record["events"], key=lambda e: e["confidence"], default=None)


def read_jsonl(path: Path, limit: int | None) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return rows[:limit] if limit else rows


def acled(extractor: Extractor, path: Path, limit: int | None) -> dict[str, float]:
    rows = read_jsonl(path, limit)
    records = {r["doc_id"]: r for r in extractor.extract(Document(row["id"], row["notes"]) for row in rows)}
    tallies = {"type": 0, "161 km": 0, "50 km": 0, "date": 0, "killed": 0}
    for row in rows:
        record = records[row["id"]]
        best = top(record)
        tallies["type"] += (best["event_type"] if best else "other") == row["project_type"]
        tallies["161 km"] += any(
            e["place"] and haversine_km(e["place"]["lat"], e["place"]["lon"], row["lat"], row["lon"]) < 161
            for e in record["events"]
        )
        tallies["50 km"] += any(
            e["place"] and haversine_km(e["place"]["lat"], e["place"]["lon"], row["lat"], row["lon"]) < 50
            for e in record["events"]
        )
        tallies["date"] += bool(best) and best["date"] == row["event_date"]
        tallies["killed"] += (best["counts"].get("killed", 0) if best else 0) == row["fatalities"]
    return {name: n / len(rows) for name, n in tallies.items()} | {"rows": len(rows)}


def geonames_dump(rows: list[dict], path: Path) -> None:
    """The rows' locations as GeoNames rows (19 columns; ids from 900,000,000, clear of GeoNames')."""
    from gazetteer import Gazetteer

    gazetteer = Gazetteer()
    lines = []
    for n, row in enumerate(rows):
        country = next(iter(gazetteer.candidates(row["country"], kind="country", limit=1)), None)
        cc = country.country_code if country and country.country_code else ""
        region = next(iter(gazetteer.candidates(row.get("admin1") or "", cc or None, "region", 1)), None)
        admin1 = region.admin1_code.split(".", 1)[1] if region and region.admin1_code else ""
        name = row["location"]
        cols = [str(900_000_000 + n), name, name, "", str(row["lat"]), str(row["lon"]), "P", "PPL", cc, "", admin1]
        lines.append("\t".join(cols + ["", "", "", "0", "", "", "", ""]) + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def acled_with_layer(path: Path, limit: int | None, model: str | None) -> dict[str, float]:
    """ACLED after `gazetteer add` of the rows' locations, in a temporary cache."""
    from gazetteer import cache_dir
    from gazetteer.imported import command
    from geo.text.component import shared_gazetteer

    rows = read_jsonl(path, limit)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        cache.mkdir()
        for index in cache_dir().glob("index-*.bin"):  # the built base index: no rebuild
            shutil.copy(index, cache / index.name)
        dump = Path(tmp) / "XX.txt"
        geonames_dump(rows, dump)
        os.environ["GEOEVENTS_CACHE_DIR"] = str(cache)
        command("add", [str(dump)], cache=cache)
        shared_gazetteer.cache_clear()
        return acled(Extractor(model), path, limit)


def case2021(extractor: Extractor, path: Path, limit: int | None) -> dict[str, float]:
    rows = read_jsonl(path, limit)
    records = {r["doc_id"]: r for r in extractor.extract(Document(row["id"], row["text"]) for row in rows)}
    right = 0
    for row in rows:
        best = top(records[row["id"]])
        right += (best["event_type"] if best else "other") == CASE_TO_TYPE.get(row["label"], "other")
    return {"type": right / len(rows), "rows": len(rows)}


def seeds(extractor: Extractor, gold_path: Path) -> dict[str, object]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    records = {r["doc_id"]: r for r in extractor.extract(read_documents([ROOT / "seeds"]))}
    found = exact = total = 0
    problems = []
    for doc_id, expected in gold["documents"].items():
        events = [e for e in records[doc_id]["events"] if e["place"]]
        for want in expected["events"]:
            total += 1
            near = [
                e
                for e in events
                if e["event_type"] == want["type"]
                and (
                    haversine_km(e["place"]["lat"], e["place"]["lon"], want["lat"], want["lon"]) < 161
                    or (e["place"]["kind"] == "country" and e["place"]["country_code"] == want.get("country"))
                )
            ]
            if not near:
                problems.append(f"missing {want['type']} at {want['place']} ({doc_id})")
                continue
            found += 1
            ok = any(
                all(e["counts"].get(k) == v for k, v in (want.get("counts") or {}).items())
                and (want.get("date") is None or e["date"] == want["date"])
                for e in near
            )
            exact += ok
            if not ok:
                problems.append(
                    f"{want['type']} at {want['place']}: counts/date "
                    f"{[(e['counts'], e['date']) for e in near]} != {want.get('counts')}, {want.get('date')}"
                )
    forbidden = [
        (rule["type"], e["place"]["mention"], doc_id)
        for rule in gold["forbidden_events"]
        for doc_id, r in records.items()
        for e in r["events"]
        if e["event_type"] == rule["type"] and e["place"] and e["place"]["mention"] in rule["places"]
    ]
    problems += [f"forbidden {t} at {p} ({d})" for t, p, d in forbidden]
    return {
        "found": f"{found}/{total}",
        "counts and dates exact": f"{exact}/{found}",
        "forbidden": len(forbidden),
        "problems": problems,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--limit", type=int, help="rows per data set")
    parser.add_argument("--model")
    parser.add_argument("--acled-layer", action="store_true", help="also ACLED with its locations added as a layer")
    args = parser.parse_args()
    root = Path(args.eval_dir)
    extractor = Extractor(args.model)
    t = time.perf_counter()
    print("seeds     ", json.dumps(seeds(extractor, root / "seeds.gold.json"), indent=1))
    print("ACLED     ", json.dumps(acled(extractor, root / "dev" / "acled.jsonl", args.limit)))
    print("CASE 2021 ", json.dumps(case2021(extractor, root / "dev" / "case2021.jsonl", args.limit)))
    if args.acled_layer:
        layer = acled_with_layer(root / "dev" / "acled.jsonl", args.limit, args.model)
        print("ACLED + layer", json.dumps(layer))
    print(f"({time.perf_counter() - t:.0f} s)")


if __name__ == "__main__":
    main()
