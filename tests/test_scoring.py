"""Tests for geo.scoring: each figure checked by hand on made-up articles, and agreement with geoeval."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

from geo.scoring import MAX_ERROR_KM, auc_km, haversine_km, read_gold, score

GEOEVAL = Path(__file__).resolve().parents[1].parent / "shared/tools/geoeval.py"
KM_PER_DEGREE = 6371.0 * math.pi / 180  # along the equator, so errors can be checked by hand

TEXT = "Floods closed roads near Marlowe and Tessing before the storm reached Port Avel."


def span(name: str, text: str = TEXT, lat: float | None = 0.0, lon: float | None = 0.0, **extra) -> dict:
    """A toponym at the first occurrence of `name` in `text`."""
    start = text.index(name)
    return {"start": start, "end": start + len(name), "name": name, "lat": lat, "lon": lon, **extra}


def gold_doc(*toponyms: dict, unresolved: tuple[dict, ...] = (), doc_id: str = "d1", text: str = TEXT) -> dict:
    return {doc_id: {"doc_id": doc_id, "text": text, "toponyms": list(toponyms), "unresolved": list(unresolved)}}


def pred_doc(*toponyms: dict, doc_id: str = "d1") -> dict:
    return {doc_id: {"doc_id": doc_id, "toponyms": list(toponyms)}}


def log_error(km: float) -> float:
    return math.log(1 + km) / math.log(MAX_ERROR_KM)


# --- recognition and resolution, by hand ----------------------------------------------------


def test_exact_match_counts_and_resolution():
    gold = gold_doc(span("Marlowe", lon=0.0), span("Tessing", lon=10.0), span("Port Avel", lon=20.0))
    pred = pred_doc(
        span("Marlowe", lon=0.0),  # right place
        span("Tessing", lon=12.0),  # right span, 2 degrees off
        span("Floods"),  # not a place
    )  # Port Avel missed

    s = score(gold, pred)

    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.n_resolved_pairs == 2
    assert s.acc_161 == pytest.approx(0.5)
    assert s.mean_km == pytest.approx(KM_PER_DEGREE)  # (0 + 2 degrees) / 2
    assert s.median_km == pytest.approx(KM_PER_DEGREE)
    assert s.auc == pytest.approx(0.5 * log_error(2 * KM_PER_DEGREE))  # one trapezoid from 0 to it
    # only Marlowe is both found and placed: 1 of 3 predictions, 1 of 3 gold toponyms
    assert s.e2e_f1 == pytest.approx(1 / 3) and s.e2e_recall == pytest.approx(1 / 3)


def test_error_km_on_the_equator():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(KM_PER_DEGREE)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0)


def test_auc_three_errors():
    errors = [0.0, 50.0, 1000.0]
    expected = (0.5 * (0 + log_error(1000.0)) + log_error(50.0)) / 2
    assert auc_km(errors) == pytest.approx(expected)
    assert auc_km([5.0]) == 0.0  # one point has no area, as in geoeval


def test_161_km_is_a_strict_limit():
    gold = gold_doc(span("Marlowe"), span("Tessing"))
    just_inside, just_outside = 160.99 / KM_PER_DEGREE, 161.01 / KM_PER_DEGREE
    pred = pred_doc(span("Marlowe", lon=just_inside), span("Tessing", lon=just_outside))
    s = score(gold, pred)
    assert s.acc_161 == pytest.approx(0.5)
    assert s.e2e_recall == pytest.approx(0.5)


def test_overlap_and_exact_differ():
    gold = gold_doc(span("Port Avel"))
    pred = pred_doc(span("Avel"))
    assert score(gold, pred, match="exact").tp == 0
    assert score(gold, pred, match="overlap").tp == 1
    touching = {"start": TEXT.index("Port Avel") - 1, "end": TEXT.index("Port Avel"), "name": " "}
    assert score(gold, pred_doc(touching), match="overlap").tp == 0  # end is exclusive


def test_eupeg_needs_close_midpoints_and_the_same_name():
    gold = gold_doc(span("Tessing"))
    start = TEXT.index("Tessing")
    shifted = {"start": start + 9, "end": start + 16, "name": "TESSING", "lat": 0.0, "lon": 0.0}
    too_far = dict(shifted, start=start + 10, end=start + 17)
    other_name = dict(span("Tessing"), name="Tessington")
    assert score(gold, pred_doc(shifted), match="eupeg").tp == 1  # 9 characters apart, case ignored
    assert score(gold, pred_doc(too_far), match="eupeg").tp == 0  # 10 is not below 10
    assert score(gold, pred_doc(other_name), match="eupeg").tp == 0


def test_pairing_is_greedy_first_match_in_gold_order():
    # "Port Avel" takes the first prediction overlapping it, the long one, although "Port" would
    # have done and the long one was the river's only match: greedy pairing, as geoeval does it.
    text = "Port Avel lies on the Avel river."
    gold = gold_doc(span("Port Avel", text), {"start": 22, "end": 26, "name": "Avel"}, text=text)
    pred = pred_doc({"start": 5, "end": 26, "name": "Avel lies on the Avel"}, {"start": 0, "end": 4, "name": "Port"})
    s = score(gold, pred, match="overlap")
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)


def test_one_prediction_matches_one_gold_span_only():
    gold = gold_doc(span("Marlowe"), span("Marlowe"))
    s = score(gold, pred_doc(span("Marlowe"), span("Marlowe"), span("Marlowe")))
    assert (s.tp, s.fp, s.fn) == (2, 1, 0)


def test_unplaced_prediction_is_found_but_not_resolved():
    gold = gold_doc(span("Marlowe"))
    s = score(gold, pred_doc(span("Marlowe", lat=None, lon=None)))
    assert (s.tp, s.n_resolved_pairs, s.e2e_recall) == (1, 0, 0.0)
    assert s.acc_161 is s.auc is s.mean_km is s.median_km is None
    assert "acc@161km" not in s.to_dict() and "auc" not in s.to_dict()


def test_geonameid_accuracy_on_pairs_with_ids_on_both_sides():
    gold = gold_doc(span("Marlowe", geonameid=101), span("Tessing", geonameid="202"), span("Port Avel", geonameid=303))
    pred = pred_doc(span("Marlowe", geonameid="101"), span("Tessing", geonameid=999), span("Port Avel"))
    s = score(gold, pred)
    assert (s.geonameid_pairs, s.geonameid_acc) == (2, 0.5)
    assert score(gold, pred_doc(span("Port Avel"))).to_dict().keys().isdisjoint({"geonameid_acc", "geonameid_pairs"})


def test_documents_missing_on_either_side():
    gold = gold_doc(span("Marlowe")) | gold_doc(span("Tessing"), doc_id="d2")
    pred = pred_doc(span("Marlowe")) | pred_doc(span("Floods"), doc_id="not-in-gold")
    s = score(gold, pred)
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)  # d2 unanswered; extra documents are not scored


def test_nothing_to_score_gives_zeros_not_errors():
    s = score(gold_doc(), pred_doc())
    assert (s.precision, s.recall, s.f1, s.e2e_f1, s.e2e_recall) == (0.0, 0.0, 0.0, 0.0, 0.0)


# --- options --------------------------------------------------------------------------------


def test_only_key_ignores_predictions_on_excluded_gold():
    gold = gold_doc(span("Marlowe", in_eval=True), span("Tessing", in_eval=False), span("Port Avel", in_eval=True))
    pred = pred_doc(span("Marlowe"), span("Tessing"), span("Floods"))
    s = score(gold, pred, only_key="in_eval")
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)  # Tessing: neither TP nor FP nor FN
    assert gold["d1"]["toponyms"][1]["name"] == "Tessing" and "ignore" not in gold["d1"]  # gold untouched
    assert (score(gold, pred).tp, score(gold, pred).fp) == (2, 1)


def test_gold_may_carry_its_own_ignore_spans():
    gold = gold_doc(span("Marlowe"))
    gold["d1"]["ignore"] = [span("Tessing")]
    s = score(gold, pred_doc(span("Marlowe"), span("Tessing")))
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def test_include_unresolved_counts_spans_without_coordinates():
    gold = gold_doc(span("Marlowe"), unresolved=({"start": 0, "end": 6, "name": "Floods"},))
    pred = pred_doc(span("Marlowe"), span("Floods", lat=None, lon=None))
    assert (score(gold, pred).tp, score(gold, pred).fp) == (1, 1)
    s = score(gold, pred, include_unresolved=True)
    assert (s.tp, s.fp, s.fn, s.n_resolved_pairs) == (2, 0, 0, 1)
    assert s.e2e_recall == pytest.approx(0.5)


def test_without_fp_counting_precision_figures_are_none():
    gold = gold_doc(span("Marlowe"), span("Tessing"))
    s = score(gold, pred_doc(span("Marlowe"), span("Floods")), count_fp=False)
    assert s.fp is s.precision is s.f1 is s.e2e_f1 is None
    assert (s.tp, s.fn, s.recall, s.e2e_recall) == (1, 1, 0.5, 0.5)
    assert {"fp", "precision", "f1", "e2e_f1@161"} <= s.to_dict().keys()


def test_unknown_match_rule():
    with pytest.raises(ValueError, match="unknown match rule 'fuzzy'"):
        score(gold_doc(), pred_doc(), match="fuzzy")


def test_to_dict_keys():
    s = score(gold_doc(span("Marlowe", geonameid=1)), pred_doc(span("Marlowe", geonameid=1)))
    assert list(s.to_dict()) == [
        "match",
        "tp",
        "e2e_f1@161",
        "e2e_recall@161",
        "fp",
        "fn",
        "precision",
        "recall",
        "f1",
        "n_resolved_pairs",
        "acc@161km",
        "mean_km",
        "median_km",
        "auc",
        "geonameid_acc",
        "geonameid_pairs",
    ]  # geoeval's order


# --- reading gold ---------------------------------------------------------------------------


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_gold(tmp_path):
    doc = gold_doc(span("Marlowe"))["d1"]
    path = write_lines(tmp_path / "g.jsonl", json.dumps(doc), "", json.dumps(dict(doc, doc_id="d2")))
    assert list(read_gold(path)) == ["d1", "d2"]
    assert read_gold(path)["d1"] == doc


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"doc_id": "a", "toponyms": [}', r"g\.jsonl:2: not valid JSON"),
        ('["a"]', r"g\.jsonl:2: expected a JSON object"),
        ('{"doc_id": "a"}', r"g\.jsonl:2: missing key\(s\) toponyms"),
        ('{"doc_id": 7, "toponyms": []}', r"g\.jsonl:2: doc_id must be a string"),
        ('{"doc_id": "a", "toponyms": {}}', r"g\.jsonl:2: toponyms must be a list"),
        ('{"doc_id": "a", "toponyms": [{"start": 0, "name": "X"}]}', r"g\.jsonl:2: toponyms #1 \('X'\) lacks end"),
        ('{"doc_id": "a", "toponyms": [], "unresolved": [3]}', r"g\.jsonl:2: unresolved #1 must be an object"),
        ('{"doc_id": "d0", "toponyms": []}', r"g\.jsonl:2: duplicate doc_id 'd0' \(first on line 1\)"),
    ],
)
def test_read_gold_names_file_and_line(tmp_path, line, message):
    path = write_lines(tmp_path / "g.jsonl", '{"doc_id": "d0", "toponyms": []}', line)
    with pytest.raises(ValueError, match=message):
        read_gold(path)


# --- agreement with the reference scorer ----------------------------------------------------

NAMES = ["Marlowe", "Tessing", "Port Avel", "Kestrel Bay", "Oranmore Hills", "Vask", "Lindqvist Fjord", "Ebbington"]


def synthetic_corpus(seed: int, n_docs: int = 40) -> tuple[dict, dict]:
    """Made-up documents and a noisy system's answers: every case the rules distinguish."""
    rng = random.Random(seed)
    gold, pred = {}, {}
    for d in range(n_docs):
        doc_id = f"doc{d}"
        text, toponyms, unresolved = "", [], []
        for _ in range(rng.randint(0, 8)):
            text += rng.choice(["Rain near ", "Talks in ", "The mayor of ", "Crowds left "])
            name = rng.choice(NAMES)
            entry = {"start": len(text), "end": len(text) + len(name), "name": name}
            text += name + ". "
            if rng.random() < 0.2:
                unresolved.append(entry)
                continue
            entry.update(lat=rng.uniform(-60, 60), lon=rng.uniform(-180, 180), in_eval=rng.random() < 0.7)
            if rng.random() < 0.8:
                entry["geonameid"] = rng.randint(1, 5)
            toponyms.append(entry)
        gold[doc_id] = {"doc_id": doc_id, "text": text, "toponyms": toponyms, "unresolved": unresolved}
        if rng.random() < 0.9:  # some documents get no answer at all
            pred[doc_id] = {"doc_id": doc_id, "toponyms": noisy_answers(rng, toponyms + unresolved, len(text))}
    return gold, pred


def noisy_answers(rng: random.Random, spans: list[dict], length: int) -> list[dict]:
    answers = []
    for g in spans:
        if rng.random() < 0.15:
            continue  # missed
        start = g["start"] + rng.choice([0, 0, 0, -2, 3, 8, 12])
        end = g["end"] + rng.choice([0, 0, 0, -1, 2])
        name = rng.choice([g["name"], g["name"].upper(), "Elsewhere"])
        km_off = rng.choice([0.0, 0.5, 2.0, 40.0])  # degrees: 0 to far off
        lat = None if rng.random() < 0.1 else max(-90.0, min(90.0, g.get("lat", 0.0) + km_off))
        answers.append(
            {
                "start": max(0, start),
                "end": max(1, end),
                "name": name,
                "lat": lat,
                "lon": None if lat is None else g.get("lon", 0.0) + km_off,
                "geonameid": rng.choice([None, g.get("geonameid"), rng.randint(1, 5)]),
            }
        )
        if rng.random() < 0.1:
            answers.append(dict(answers[-1]))  # duplicate answer
    for _ in range(rng.randint(0, 2)):  # spurious answers
        start = rng.randrange(max(1, length))
        answers.append({"start": start, "end": start + 4, "name": "Noise", "lat": 1.0, "lon": 1.0})
    rng.shuffle(answers)
    return answers


def write_jsonl(path: Path, docs: dict) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs.values()), encoding="utf-8")
    return path


@pytest.mark.parametrize("match", ["exact", "overlap", "eupeg"])
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"only_key": "in_eval"},
        {"include_unresolved": True},
        {"count_fp": False},
        {"only_key": "in_eval", "include_unresolved": True},
    ],
)
def test_agrees_with_geoeval(tmp_path, match, options):
    if not GEOEVAL.exists():
        pytest.skip(f"reference scorer not found at {GEOEVAL}")
    gold, pred = synthetic_corpus(seed=2024)
    gold_path, pred_path = write_jsonl(tmp_path / "gold.jsonl", gold), write_jsonl(tmp_path / "pred.jsonl", pred)
    flags = ["--match", match]
    if "only_key" in options:
        flags += ["--only-key", options["only_key"]]
    if options.get("include_unresolved"):
        flags.append("--include-unresolved")
    if options.get("count_fp") is False:
        flags.append("--no-fp")
    run = subprocess.run(
        [sys.executable, str(GEOEVAL), str(gold_path), str(pred_path), *flags],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    reference = json.loads(run.stdout)

    ours = score(read_gold(gold_path), pred, match=match, **options).to_dict()

    assert ours == reference
    assert reference["tp"] > 0 and "auc" in reference  # the corpus exercised the metrics
