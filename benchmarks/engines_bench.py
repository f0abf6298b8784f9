"""`geoevents extract` on one machine against a local Dask cluster: documents per second, start-up included or not.

    python benchmarks/engines_bench.py [--docs 200] [--workers 2] [--partition-size 20] [--eval-dir ../shared/eval/dev]

Each engine runs as a user runs it, a `geoevents extract` process, twice: on one document (the
start-up: Python, the model, the cluster) and on --docs documents of LGL (local US news). The
figures are documents per second over the whole run, and over what the run took beyond the
start-up. The last row is a cluster that keeps running between runs (`--scheduler`), as a
daily feed would use one: its workers loaded their models in an earlier run and kept them.
The outputs of all engines must be byte for byte the same, or the script says so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the running cluster's workers import this tree's geoevents, as the runs do


def write_feed(eval_dir: Path, count: int, path: Path) -> int:
    with open(eval_dir / "lgl.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()][:count]
    path.write_text(
        "".join(json.dumps({"doc_id": r["doc_id"], "text": r["text"]}) + "\n" for r in rows), encoding="utf-8"
    )
    return len(rows)


def run(args: list[str]) -> float:
    """Seconds one `geoevents extract` takes; stops the benchmark if it fails."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "maps.cli", "extract", *args, "-q"],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"failed: geoevents extract {' '.join(args)}\n{result.stderr}")
    return time.perf_counter() - start


def output_bytes(out: Path) -> bytes:
    return out.read_bytes() if out.is_file() else b"".join(p.read_bytes() for p in sorted(out.glob("part-*.jsonl")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=20)
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    args = parser.parse_args()
    engines = {
        "local, 1 process": [],
        f"local, {args.workers} processes": ["--workers", str(args.workers)],
        f"dask, {args.workers} workers": [
            "--engine",
            "dask",
            "--workers",
            str(args.workers),
            "--partition-size",
            str(args.partition_size),
        ],
    }
    with tempfile.TemporaryDirectory() as tmp, running_cluster(args.workers) as address:
        feed, one = Path(tmp) / "feed.jsonl", Path(tmp) / "one.jsonl"
        docs = write_feed(Path(args.eval_dir), args.docs, feed)
        write_feed(Path(args.eval_dir), 1, one)
        warm = Path(tmp) / "warm.jsonl"
        write_feed(Path(args.eval_dir), 2 * args.workers, warm)
        run([str(warm), "-o", f"{tmp}/warm/", "--engine", "dask", "--scheduler", address, "--partition-size", "1"])
        engines[f"dask, {args.workers} running"] = [
            "--engine",
            "dask",
            "--scheduler",
            address,
            "--partition-size",
            str(args.partition_size),
        ]
        print(f"{docs} LGL documents, {sum(len(json.loads(x)['text']) for x in feed.open()):,} characters")
        print(f"{'engine':<22} {'start-up (s)':>12} {'total (s)':>10} {'docs/s':>8} {'docs/s after start-up':>22}")
        outputs = {}
        for n, (label, options) in enumerate(engines.items()):
            startup = run([str(one), "-o", f"{tmp}/one{n}/", *options])
            out = Path(tmp) / f"out{n}"
            total = run([str(feed), "-o", f"{out}/", *options])
            outputs[label] = output_bytes(out)
            print(
                f"{label:<22} {startup:>12.1f} {total:>10.1f} {docs / total:>8.1f} "
                f"{(docs - 1) / max(total - startup, 1e-9):>22.1f}"
            )
        differ = [label for label, output in outputs.items() if output != outputs["local, 1 process"]]
        print(f"OUTPUTS DIFFER from one process: {', '.join(differ)}" if differ else "outputs identical")


@contextmanager
def running_cluster(workers: int) -> Iterator[str]:
    """The address of a local Dask cluster that outlives the runs against it."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


if __name__ == "__main__":
    main()
