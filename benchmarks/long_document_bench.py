"""Extract time and peak memory of ONE long document, by length: cost should grow with length.

    python benchmarks/long_document_bench.py [--chars 10000 100000 1000000]

Each size is one generated article (the made-up news paragraphs of memory_bench.py joined
by blank lines, so it has paragraphs as real long texts do), extracted in a fresh process by
`Extractor.extract`; the figures are the extraction's seconds (the model's loading left out),
seconds per 10k characters, and the process's peak resident memory (model included).
Documents over geo.run.extract.LONG_TEXT go through the pipeline in windows; the goal is a
time per character at 1M within 1.5x of that at 10k and a peak under 700 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def article(chars: int) -> str:
    """One article of about `chars` characters: generated news paragraphs."""
    from memory_bench import documents

    paragraphs: list[str] = []
    size = 0
    for item in documents(chars // 100 + 10):
        if size >= chars:
            break
        paragraphs.append(item["text"])
        size += len(item["text"]) + 2
    return "\n\n".join(paragraphs)[:chars]


def one(chars: int) -> dict:
    """Run in a fresh process: extract one document of `chars` characters."""
    from geo.run.extract import Extractor
    from geo.run.readers import Document

    extractor = Extractor()
    list(extractor.extract([Document("warm-up", article(2000))]))
    document = Document("long", article(chars))
    start = time.perf_counter()
    [record] = extractor.extract([document])
    seconds = time.perf_counter() - start
    return {
        "chars": len(document.text),
        "seconds": round(seconds, 2),
        "s_per_10k": round(seconds / len(document.text) * 10_000, 3),
        "toponyms": len(record["toponyms"]),
        "events": len(record["events"]),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for chars in args.chars:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(chars)], capture_output=True, text=True, check=True, cwd=ROOT
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        row = rows[-1]
        print(
            f"{row['chars']:>9,} chars  {row['seconds']:>7.2f} s  {row['s_per_10k']:.3f} s/10k chars  "
            f"peak {row['peak_rss_mb']} MB  ({row['toponyms']} toponyms, {row['events']} events)",
            flush=True,
        )
    ratio = rows[-1]["s_per_10k"] / rows[0]["s_per_10k"]
    print(f"time per character, {rows[-1]['chars']:,} vs {rows[0]['chars']:,}: {ratio:.2f}x (goal: within 1.5x)")


if __name__ == "__main__":
    main()
