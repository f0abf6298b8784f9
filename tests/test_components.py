"""The spaCy components in pipelines of their own: found by name, dated by the Doc, in order."""

import datetime
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def nlp(index_cache):
    import geo.events.component  # noqa: F401  (in this process the tests import geo anyway)
    from geo.text.model import load_model

    nlp = load_model()
    nlp.add_pipe("geoevents_line_breaks", before="parser")
    nlp.add_pipe("geoevents_toponyms")
    nlp.add_pipe("geoevents_events")
    return nlp


def test_components_are_found_without_importing_geo(index_cache):
    script = textwrap.dedent(
        """
        import sys
        import spacy

        assert "geo" not in sys.modules
        nlp = spacy.load(sys.argv[1])
        nlp.add_pipe("geoevents_line_breaks", before="parser")
        nlp.add_pipe("geoevents_toponyms")
        nlp.add_pipe("geoevents_events")
        doc = nlp("Artillery shelled Kherson overnight.")
        print([t.name for t in doc._.toponyms], [e.event_type for e in doc._.events])
        """
    )
    from geo.text.model import resolve_name

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script, resolve_name(None)], capture_output=True, text=True, env=env, timeout=300
    )
    assert "E002" not in result.stderr, "entry points missing: reinstall the package (pip install -e .)"
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['Kherson'] ['strike']"


def test_the_date_set_before_the_pipeline_dates_the_events(nlp):
    doc = nlp.make_doc("Protesters marched through Tbilisi on Sunday.")
    doc._.document_date = datetime.date(2025, 3, 12)  # a Wednesday
    (doc,) = nlp.pipe([doc])
    (event,) = doc._.events
    assert event.event_type == "protest" and event.date.date == datetime.date(2025, 3, 9)
    assert doc._.document_date == datetime.date(2025, 3, 12)


def test_without_a_date_the_dateline_gives_it(nlp):
    doc = nlp("LVIV, 4 June 2024 - Rockets hit a depot in Lviv yesterday.")
    assert doc._.document_date == datetime.date(2024, 6, 4)
    (event,) = doc._.events
    assert event.date.date == datetime.date(2024, 6, 3)


def test_without_any_date_relative_dates_stay_unknown(nlp):
    doc = nlp("Rockets hit a depot in Lviv yesterday.")
    assert doc._.document_date is None
    (event,) = doc._.events
    assert event.date is None


def test_events_need_the_toponyms_before_them(index_cache):
    import geo.events.component  # noqa: F401
    from geo.text.model import load_model

    nlp = load_model()
    nlp.add_pipe("geoevents_events")
    with pytest.raises(ValueError, match="add geoevents_toponyms before it"):
        nlp("Rockets hit a depot in Lviv.")


def test_a_taxonomy_of_ones_own(index_cache, tmp_path):
    import geo.events.component  # noqa: F401
    from geo.text.model import load_model

    path = tmp_path / "floods.toml"
    path.write_text('[[types]]\nid = "flood"\nlabel = "Flood"\ncolour = "#00f"\ntriggers = ["flood"]\n')
    nlp = load_model()
    nlp.add_pipe("geoevents_toponyms")
    nlp.add_pipe("geoevents_events", config={"taxonomy": str(path)})
    doc = nlp("A flood swept through Valencia. Drones hit Odesa.")
    assert [e.event_type for e in doc._.events] == ["flood"]
