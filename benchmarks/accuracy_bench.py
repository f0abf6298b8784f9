"""How well geoevents finds and places toponyms on public geoparsing corpora, next to published systems.

    python benchmarks/accuracy_bench.py [--eval-dir ../shared/eval/dev] [--corpora lgl,trnews,geovirus,geowebnews]
                                        [--model NAME] [--limit N] [--out DIR] [--baseline]

Each corpus's gold JSONL is read, its texts go through `geo.run.extract.Extractor`, and the answers
are scored by `geo.scoring` exactly as the shared geoeval.py scores them: exact spans, and for
GeoWebNews only its geocoding set (`in_geocoding_eval`), as in the published figures.
`--baseline` adds a second row per corpus, computed in the same run: the spaCy model's
GPE/LOC/FAC entities, each placed at the gazetteer's first candidate, to show what the
extractor adds. `--out DIR` keeps the answers as DIR/<corpus>.<system>.jsonl.

Columns:
  corpus, system  the corpus, and `extractor` or `baseline`
  docs            documents scored
  P, R, F1        recognition precision, recall and F1 (a span counts when start and end are exact)
  Acc@161         share of found toponyms with coordinates placed less than 161 km from the gold point
  AUC             area under the log-error curve of those toponyms (0 best, 1 worst)
  e2e_f1@161      F1 counting a toponym only when its span is exact AND it is placed within 161 km
  seconds         wall time to process the corpus's texts (model loading excluded: a warm-up runs first)
  best e2e        the best published e2e_f1@161 on this corpus half (CamCoder; ../shared/eval/README.md)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from geo.run.readers import Document  # noqa: E402
from geo.scoring import Scores, read_gold, score  # noqa: E402

DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
CORPORA = {  # file stem -> (display name, best published e2e_f1@161, gold key restricting the scored set)
    "lgl": ("LGL", 0.465, None),
    "trnews": ("TR-News", 0.601, None),
    "geovirus": ("GeoVirus", 0.683, None),
    "geowebnews": ("GeoWebNews", 0.577, "in_geocoding_eval"),
}
MATCH = "exact"
BASELINE_LABELS = ("GPE", "LOC", "FAC")
HEADER = ("corpus", "system", "docs", "P", "R", "F1", "Acc@161", "AUC", "e2e_f1@161", "seconds", "best e2e")
WIDTHS = (10, 10, 5, 6, 6, 6, 7, 6, 10, 8, 8)
WARM_UP = [Document("warm-up", "Heavy rain fell on Lyon and the Rhone valley on Monday.")]

System = Callable[[list[Document]], list[dict]]  # documents -> one record per document


def extractor_system(model: str | None) -> System:
    """The project's pipeline, as users run it."""
    from geo.run.extract import Extractor

    extractor = Extractor(model)
    return lambda documents: list(extractor.extract(documents))


def baseline_system(model: str | None) -> System:
    """spaCy's place entities, each placed at the gazetteer's first candidate: the floor to beat.

    `load_model` gives a pipeline of its own, so the extractor's component is not in it.
    """
    from gazetteer import Gazetteer
    from geo.text.model import load_model

    nlp, gazetteer = load_model(model), Gazetteer()

    def run(documents: list[Document]) -> list[dict]:
        parsed = nlp.pipe(d.text for d in documents)
        return [
            {
                "doc_id": d.doc_id,
                "toponyms": [_baseline_toponym(ent, gazetteer) for ent in doc.ents if ent.label_ in BASELINE_LABELS],
            }
            for d, doc in zip(documents, parsed)
        ]

    return run


def _baseline_toponym(ent, gazetteer) -> dict:
    top = gazetteer.candidates(ent.text, limit=1)
    place = top[0] if top else None
    return {
        "start": ent.start_char,
        "end": ent.end_char,
        "name": ent.text,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
    }


def run_system(system: System, documents: list[Document]) -> tuple[list[dict], float]:
    """The system's records for `documents`, and the seconds they took."""
    start = time.perf_counter()
    records = system(documents)
    return records, time.perf_counter() - start


def load_corpus(path: Path, limit: int | None) -> dict[str, dict]:
    gold = read_gold(path)
    return dict(list(gold.items())[:limit])


def write_predictions(path: Path, records: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def table_row(cells: Iterable[str]) -> str:
    return "  ".join(f"{c:<{w}}" if i < 2 else f"{c:>{w}}" for i, (c, w) in enumerate(zip(cells, WIDTHS)))


def result_row(corpus: str, system: str, docs: int, s: Scores, seconds: float) -> str:
    name, best_e2e, _ = CORPORA[corpus]
    return table_row(
        [
            name,
            system,
            str(docs),
            _figure(s.precision),
            _figure(s.recall),
            _figure(s.f1),
            _figure(s.acc_161),
            _figure(s.auc),
            _figure(s.e2e_f1),
            f"{seconds:.1f}",
            f"{best_e2e:.3f}",
        ]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="folder of the gold JSONL files")
    parser.add_argument("--corpora", default=",".join(CORPORA), help="comma-separated, of: " + ", ".join(CORPORA))
    parser.add_argument("--model", default=None, help="spaCy model package (default: geo.text.model's choice)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents of each corpus")
    parser.add_argument("--out", type=Path, default=None, help="keep the answers as DIR/<corpus>.<system>.jsonl")
    parser.add_argument("--baseline", action="store_true", help="also score the spaCy NER + top-candidate baseline")
    args = parser.parse_args(argv)
    args.corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    unknown = [c for c in args.corpora if c not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)} (known: {', '.join(CORPORA)})")
    return args


def build_systems(args: argparse.Namespace) -> dict[str, System]:
    """The systems to compare, each warmed up so that timings leave out loading."""
    systems = {"extractor": extractor_system(args.model)}
    if args.baseline:
        systems["baseline"] = baseline_system(args.model)
    for system in systems.values():
        system(WARM_UP)
    return systems


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    corpora = {c: load_corpus(args.eval_dir / f"{c}.jsonl", args.limit) for c in args.corpora}  # fail early
    systems = build_systems(args)
    print(table_row(HEADER))
    for corpus, gold in corpora.items():
        documents = [Document(doc["doc_id"], doc["text"]) for doc in gold.values()]
        for system_name, system in systems.items():
            records, seconds = run_system(system, documents)
            if args.out:
                write_predictions(args.out / f"{corpus}.{system_name}.jsonl", records)
            scores = score(gold, {r["doc_id"]: r for r in records}, match=MATCH, only_key=CORPORA[corpus][2])
            print(result_row(corpus, system_name, len(gold), scores, seconds), flush=True)


if __name__ == "__main__":
    main()
