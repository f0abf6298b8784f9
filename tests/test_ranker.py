"""The learned candidate ranker: its model file, its arithmetic, and what it changes in the resolver."""

from __future__ import annotations

import pytest

from gazetteer import Place
from geo.text.ranker import FEATURES, Evidence, Ranker, features, shipped_ranker

NO_EVIDENCE = Evidence(
    country=0.0,
    admin1=0.0,
    near=0.0,
    km=None,
    contained=0.0,
    kind=0.0,
    focus=0.0,
    region=0.0,
    focus_region=0.0,
    direction=0.0,
)


def test_shipped_model_names_its_training_data_and_licence():
    ranker = shipped_ranker()
    assert ranker is not None
    meta = ranker.meta
    assert meta["training_licence"] == "GPL-3.0"
    assert set(meta["training_data"]) == {"lgl", "trnews", "geovirus", "geowebnews"}
    assert "learned" in meta["cross_validated_e2e_f1_161"]
    assert set(ranker.to_dict()["weights"]) == set(FEATURES)


def test_scores_are_a_dot_product_over_named_features():
    ranker = Ranker({"log_population": 2.0, "near": 1.0})
    big = features(Place("a", "A", "city", 0, 0, population=1_000_000, score=0.6), 0, 0.6, NO_EVIDENCE, False)
    near = features(
        Place("b", "B", "city", 0, 0, population=1_000, score=0.3),
        1,
        0.55,
        NO_EVIDENCE._replace(near=1.0, km=5.0),
        True,
    )
    scores = ranker.scores([big, near])
    assert scores[0] == pytest.approx(2.0 * 6 / 7, abs=0.01)
    assert scores[1] > scores[0]  # a village next to the other places beats a far city
    assert Ranker({"log_population": 2.0}).scores([big, near]).argmax() == 0


def test_a_model_naming_unknown_features_is_refused():
    with pytest.raises(ValueError, match="unknown features"):
        Ranker({"phase_of_the_moon": 1.0})


def test_places_of_the_same_state_settle_a_common_town_name(extract):
    """LGL-style local news: a town name shared by many states goes to the one the others lie in."""
    found = extract(
        "The county fair opened in Lebanon on Saturday. Visitors drove in from Nashville, Murfreesboro "
        "and Gallatin, and the mayor of Lebanon thanked the volunteers."
    )
    lebanon = [t for t in found if t["name"] == "Lebanon"]
    assert lebanon and all(t["country_code"] == "US" for t in lebanon)


def test_without_such_context_the_country_stays_first(extract):
    found = extract("Aid convoys crossed from Syria into Lebanon after the floods, the agency said.")
    (lebanon,) = [t for t in found if t["name"] == "Lebanon"]
    assert lebanon["country_code"] == "LB" and lebanon["kind"] == "country"
