"""Peak memory of `geoevents extract` as the input grows: it should stay flat.

    python benchmarks/memory_bench.py [--docs 1000 5000 20000] [--workers 1]

Each size is a generated JSONL feed of short news items (made-up village names,
numbers and dates, so that the vocabulary keeps growing as a real feed's does),
extracted by the CLI in a fresh process; the figure is that process's peak
resident memory (from wait4). Flat means the last size costs about what the first does.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATES = (
    "Russian drones struck {village} in the {region} region overnight, killing {n} people and injuring {m}.",
    "Air defence units shot down {n} drones over {city} on {weekday}, the governor of {region} said.",
    "Ministers from {n} countries met in {city} on {weekday} to discuss a ceasefire and aid for {village}.",
    "Troops captured {village} after heavy fighting near {city}, the army said on {date}.",
    "About {n},{m:03d} people fled {village} as shelling cut power and water across {region}.",
    "Protesters gathered in {city} demanding the release of {n} detained journalists.",
)
CITIES = ("Kharkiv", "Kherson", "Odesa", "Paris", "London", "Riyadh", "Goma", "Aleppo", "Sanaa", "Rafah")
REGIONS = ("Donetsk", "Kursk", "Zaporizhzhia", "Sumy", "Belgorod", "North Kivu", "Idlib")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def village(rng: random.Random) -> str:
    """A made-up place name: a new word for the vocabulary nearly every time."""
    return "".join(
        rng.choice(("ka", "lo", "vy", "ne", "ro", "shi", "dor", "mi", "pe", "zu")) for _ in range(rng.randint(2, 4))
    ).capitalize() + rng.choice(("ka", "ivka", "ove", "ne", "sk"))


def documents(count: int, seed: int = 7) -> Iterator[dict]:
    """`count` generated news items, three or four sentences each, with dates."""
    rng = random.Random(seed)
    for n in range(count):
        sentences = [
            rng.choice(TEMPLATES).format(
                village=village(rng),
                city=rng.choice(CITIES),
                region=rng.choice(REGIONS),
                n=rng.randint(2, 99),
                m=rng.randint(1, 999),
                weekday=rng.choice(WEEKDAYS),
                date=f"{rng.randint(1, 28)} March 2025",
            )
            for _ in range(rng.randint(3, 4))
        ]
        yield {"id": f"gen-{n}", "date": f"2025-03-{1 + n % 28:02d}", "text": " ".join(sentences)}


def write_feed(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for record in documents(count):
            f.write(json.dumps(record) + "\n")


def peak_rss_mb(args: list[str]) -> tuple[float, float]:
    """(peak resident MB, seconds) of `geoevents ARGS` run in a new process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "maps.cli", *args], cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"geoevents {' '.join(args)} failed")
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    print(f"{'documents':>10} {'input MB':>9} {'peak RSS MB':>12} {'seconds':>8} {'docs/s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.docs:
            feed, out = Path(tmp) / f"feed-{count}.jsonl", Path(tmp) / "out.jsonl"
            write_feed(feed, count)
            rss, seconds = peak_rss_mb(["extract", str(feed), "-o", str(out), "-q", "--workers", str(args.workers)])
            print(
                f"{count:>10,} {feed.stat().st_size / 1e6:>9.1f} {rss:>12,.0f} {seconds:>8.1f} {count / seconds:>7.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
