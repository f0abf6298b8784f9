"""`--min-confidence`: map and export leave out the events the finder is least sure of."""

from conftest import run_cli

from maps.features import EventFilter


def event(confidence: float) -> dict:
    return {"event_type": "strike", "status": "reported", "date": "2025-06-02", "confidence": confidence}


def test_events_below_the_threshold_are_left_out():
    keep = EventFilter(min_confidence=0.5)
    assert not keep.keep(event(0.45))
    assert keep.keep(event(0.5)) and keep.keep(event(0.9))
    assert EventFilter().keep(event(0.01))  # no threshold: everything stays


def test_threshold_out_of_range_is_a_clear_error(tmp_path):
    done = run_cli("export", str(tmp_path), "-o", str(tmp_path / "e.geojson"), "--min-confidence", "1.5")
    assert done.returncode == 2 and "between 0 and 1" in done.stderr and "Traceback" not in done.stderr


def test_extract_has_no_threshold(tmp_path):
    done = run_cli("extract", str(tmp_path), "-o", str(tmp_path / "x.jsonl"), "--min-confidence", "0.5")
    assert done.returncode == 2 and "--min-confidence" in done.stderr
