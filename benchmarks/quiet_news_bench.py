"""Events found in news that is mostly not about war: a watch on false events where no event gold exists.

    python benchmarks/quiet_news_bench.py [--eval-dir ../shared/eval/dev] [--sample N] [--seed S]

The geoparsing corpora (LGL: US local news; TR-News, GeoVirus, GeoWebNews: world news of every
kind) carry toponym gold only. Their texts are full of words that look like event triggers
("the single hit the charts", "the firm launched a phone", "the Rockets beat the Jazz"), so
every event found there is a candidate false event, and most of them are. This prints, per
corpus, the documents, the events found and the mapped ones (with a place), by type; with
`--sample N`, N mapped events drawn at random with their sentence, to judge by hand.
Fewer mapped events here, with the articles' recall held (`articles_bench.py`), is less noise.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.run.extract import Extractor  # noqa: E402
from geo.run.readers import Document  # noqa: E402
from geo.scoring import read_gold  # noqa: E402

CORPORA = ("lgl", "trnews", "geovirus", "geowebnews")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--sample", type=int, default=0, help="mapped events to print for judging by hand")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model")
    args = parser.parse_args()
    extractor = Extractor(args.model)
    mapped_all: list[tuple[str, str, str, str]] = []
    print(f"{'corpus':<11} {'docs':>5} {'events':>7} {'mapped':>7}  mapped by type")
    for corpus in CORPORA:
        gold = read_gold(Path(args.eval_dir) / f"{corpus}.jsonl")
        records = extractor.extract(Document(doc_id, doc["text"]) for doc_id, doc in gold.items())
        events = [e for r in records for e in r["events"]]
        mapped = [e for e in events if e["place"]]
        types = Counter(e["event_type"] for e in mapped)
        print(f"{corpus:<11} {len(gold):>5} {len(events):>7} {len(mapped):>7}  {dict(types.most_common())}")
        mapped_all += [(corpus, e["event_type"], e["place"]["name"], e.get("sentence") or "") for e in mapped]
    if args.sample:
        print()
        for corpus, kind, place, sentence in random.Random(args.seed).sample(
            mapped_all, min(args.sample, len(mapped_all))
        ):
            print(f"{corpus:<10} {kind} at {place}: {sentence[:140]!r}")


if __name__ == "__main__":
    main()
