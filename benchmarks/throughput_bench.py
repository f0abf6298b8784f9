"""Extraction speed against a plain spaCy pass of the same model over the same texts.

    python benchmarks/throughput_bench.py [--docs 2000] [--model NAME] [--eval-dir ../shared/eval/dev]

The texts are the dev news corpora (LGL, TR-News, GeoVirus, GeoWebNews) repeated up to --docs
documents. Both passes run in this process, one after the other, so the ratio holds on a noisy
machine even when the absolute figures do not:
  plain spaCy   `nlp.pipe(texts)` with the model's own components, nothing of ours
  geoevents     `Extractor().extract(documents)`: toponyms, resolution and events
Figures: documents and words per second, time to the first result, and the ratio
geoevents / plain (1.0 = as fast as spaCy alone). Peak resident memory is the process's.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.run.extract import Extractor  # noqa: E402
from geo.run.readers import Document  # noqa: E402
from geo.text.model import load_model  # noqa: E402

CORPORA = ("lgl", "trnews", "geovirus", "geowebnews")


def texts(eval_dir: Path, count: int) -> list[str]:
    found = []
    for name in CORPORA:
        with open(eval_dir / f"{name}.jsonl", encoding="utf-8") as f:
            found.extend(json.loads(line)["text"] for line in f if line.strip())
    return list(islice(cycle(found), count))


def timed(run) -> tuple[float, float]:
    """(seconds to the first result, seconds in all) of an iterator-returning callable."""
    start = time.perf_counter()
    results = run()
    next(results)
    first = time.perf_counter() - start
    for _ in results:
        pass
    return first, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--model")
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    args = parser.parse_args()
    corpus = texts(Path(args.eval_dir), args.docs)
    words = sum(len(t.split()) for t in corpus)

    nlp = load_model(args.model)
    extractor = Extractor(args.model)
    list(nlp.pipe(corpus[:20]))  # warm both up: lazy loading is not throughput
    list(extractor.extract(Document(str(n), t) for n, t in enumerate(corpus[:20])))

    plain = timed(lambda: nlp.pipe(corpus))
    ours = timed(lambda: extractor.extract(Document(str(n), t) for n, t in enumerate(corpus)))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(corpus):,} documents, {words:,} words, model {extractor.nlp.meta['name']}")
    print(f"{'pass':<12} {'docs/s':>8} {'words/s':>9} {'first (s)':>10} {'total (s)':>10}")
    for label, (first, total) in (("plain spaCy", plain), ("geoevents", ours)):
        print(f"{label:<12} {len(corpus) / total:>8.1f} {words / total:>9.0f} {first:>10.2f} {total:>10.1f}")
    print(f"ratio geoevents / plain spaCy: {ours[1] / plain[1]:.2f}   peak RSS {rss:,.0f} MB")


if __name__ == "__main__":
    main()
