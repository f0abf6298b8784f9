"""Two `geoevents extract` runs into one results folder at once: nothing may be lost silently.

    python benchmarks/concurrent_runs_bench.py [--first 300] [--second 200] [--trials 3]

Each trial starts two runs of distinct generated documents (memory_bench.py's news items) into
one new folder at the same moment and reports their exit statuses and how many documents the
folder holds: either all of them, or those of one run and one clear refusal (exit 2) of the other.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    from memory_bench import documents

    from geo.run.results import Dataset

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--first", type=int, default=300)
    parser.add_argument("--second", type=int, default=200)
    parser.add_argument("--trials", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feeds = []
        for name, count, offset in (("first", args.first, 0), ("second", args.second, args.first)):
            path = Path(tmp) / f"{name}.jsonl"
            items = list(documents(args.first + args.second))[offset : offset + count]
            path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
            feeds.append(path)
        for trial in range(1, args.trials + 1):
            folder = Path(tmp) / f"results-{trial}"
            runs = [
                subprocess.Popen(
                    [sys.executable, "-m", "maps.cli", "extract", str(feed), "-o", f"{folder}/", "-q"],
                    cwd=ROOT,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for feed in feeds
            ]
            results = [(run.wait(), (run.stderr.read() if run.stderr else "").strip()) for run in runs]
            held = len({r["doc_id"] for r in Dataset(folder).records()})
            refusals = [message for status, message in results if status == 2]
            verdict = (
                "all kept"
                if held == args.first + args.second
                else "one refusal, the other run's documents kept"
                if len(refusals) == 1 and held in (args.first, args.second)
                else "LOST DOCUMENTS"
            )
            print(f"trial {trial}: exit {[s for s, _ in results]}, {held} documents in the folder: {verdict}")
            for message in refusals:
                print(f"  {message}")


if __name__ == "__main__":
    main()
