"""How fast the gazetteer is ready, how fast it answers, and what it costs in memory.

    python benchmarks/gazetteer_bench.py [--rebuild] [--lookups 200000]

Each figure is measured in a fresh process, as a user meets it:
  * build      building the index from the sources (first use only; --rebuild to measure)
  * ready      import + load + first answer, in a new process after the first use
  * cli        `geoevents lookup Paris`, whole process, wall clock
  * lookups/s  `candidates(name, limit=1)`, `limit=5` and the default 10 on a mix of names (random
               place names, lower-cased ones, "... region" forms, misses), best of five rounds, new
               names each round; printed with the interpreter's speed at the time: it varies with the
               Python build (a PGO build is twice as fast as pyenv's default) and with the load of a
               shared host
  * rss        resident memory of a process holding the loaded index
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

READY = """
import time, sys
t = time.perf_counter()
from gazetteer import Gazetteer
g = Gazetteer()
g.candidates("Paris")
ready = time.perf_counter() - t
import resource
print({"ready": ready, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
       "spacy_imported": "spacy" in sys.modules, "places": len(g)})
"""

LOOKUPS = """
import random, time, timeit
from gazetteer import Gazetteer
g = Gazetteer()
p = g.index.places
rng = random.Random(7)


def draw(n):
    names = [p.names[rng.randrange(len(p))] for _ in range(n)]
    # Variants a news text would use: lower case, suffixes, misses.
    for i in range(0, n, 10):
        names[i] = names[i].lower()
    for i in range(5, n, 20):
        names[i] = names[i] + " region"
    for i in range(7, n, 20):
        names[i] = names[i] + "zzq"
    return names


result, hits, asked = {{}}, 0, 0
for limit in (1, 5, 10):  # 10 is candidates()' default
    elapsed = float("inf")
    for _ in range(5):  # best of five, as timeit does: a shared machine only ever adds time
        names = draw({n})  # new names every round, so nothing is answered twice from any cache
        t = time.perf_counter()
        found = sum(1 for n in names if g.candidates(n, limit=limit))
        elapsed = min(elapsed, time.perf_counter() - t)
        hits, asked = hits + found, asked + len(names)
    result[limit] = ({n} / elapsed, 1e6 * elapsed / {n})
# The speed of this interpreter on this host at the time, to compare runs: builds differ (Debian's
# optimised python3.11 ran it in 7-17 us here, pyenv's default build in 12-31 us) and so does the host.
host = min(timeit.repeat("sum(range(1000))", number=10000, repeat=5)) / 10000 * 1e6
print({{"per_limit": result, "hit_rate": hits / asked, "host_us": host}})
"""


def python(code: str, env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    ).stdout
    return eval(out.strip().splitlines()[-1])  # our own dict literal, printed above


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="also time a build into an empty cache")
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per start-up figure")
    args = parser.parse_args()
    env = dict(os.environ)
    rows: list[tuple[str, str]] = []

    if args.rebuild:
        with tempfile.TemporaryDirectory() as cache:
            t = time.perf_counter()
            python(READY, dict(env, GEOEVENTS_CACHE_DIR=cache))
            rows.append(("build (first use, empty cache)", f"{time.perf_counter() - t:.1f} s"))
    python(READY, env)  # make sure the cache exists

    ready = [python(READY, env) for _ in range(args.repeat)]
    rows.append(
        (
            "ready: import+load+first answer",
            f"{statistics.median(r['ready'] for r in ready) * 1000:.0f} ms (median of {args.repeat})",
        )
    )
    rows.append(("places in the index", f"{ready[0]['places']:,}"))
    rows.append(("resident memory, loaded", f"{statistics.median(r['rss_mb'] for r in ready):.0f} MB"))
    rows.append(("spaCy imported by the gazetteer", str(any(r["spacy_imported"] for r in ready))))

    cli = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "maps.cli", "lookup", "Paris"], capture_output=True, env=env, cwd=ROOT, check=True
        )
        cli.append(time.perf_counter() - t)
    rows.append(("`geoevents lookup Paris`, fresh process", f"{statistics.median(cli) * 1000:.0f} ms (median)"))

    speed = python(LOOKUPS.format(n=args.lookups), env)
    for limit, (per_s, us) in speed["per_limit"].items():
        rows.append((f"lookups per second, limit={limit}", f"{per_s:,.0f} ({us:.1f} µs each)"))
    rows.append(("  of which found", f"{speed['hit_rate']:.0%}"))
    rows.append(("interpreter speed: sum(range(1000))", f"{speed['host_us']:.1f} µs"))

    width = max(len(k) for k, _ in rows)
    print(f"{'figure':<{width}}  value")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print(json.dumps({"python": sys.version.split()[0], "executable": sys.executable, "cores": os.cpu_count()}))


if __name__ == "__main__":
    main()
