"""Property tests of the readers (issue 15): whatever bytes, JSON, CSV or manifest they meet,
no traceback, each problem reported through on_error, and every good document kept."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.run.readers import InputError, read_documents

PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
#: Text as a text file may hold it: no NUL (a file with one is refused as binary), no lone CR
#: (CRLF becomes LF on reading), no unpaired surrogate (not encodable).
letters = st.characters(blacklist_characters="\x00\r", blacklist_categories=("Cs",))
good_text = st.text(letters, min_size=1, max_size=60).filter(str.strip)


def read(paths: list[Path]) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    documents = list(read_documents(paths, on_error=errors.append))
    assert all(isinstance(e, InputError) for e in errors)
    return documents, errors


@PROPERTIES
@given(junk=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".csv"]))
def test_any_bytes_in_a_folder_leave_the_good_file_read(junk, suffix):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"junk{suffix}").write_bytes(junk)
        (Path(folder) / "zz-good.txt").write_text("Ferries sailed from Split again.", encoding="utf-8")
        documents, _ = read([Path(folder)])
        assert "zz-good.txt" in [d.doc_id for d in documents]


@PROPERTIES
@given(
    lines=st.lists(st.one_of(json_values.map(json.dumps), st.text(max_size=30)), max_size=8),
    texts=st.lists(good_text, min_size=1, max_size=5),
)
def test_every_good_jsonl_record_is_kept_among_any_lines(lines, texts):
    good = [json.dumps({"doc_id": f"good-{n}", "text": t}) for n, t in enumerate(texts)]
    mixed = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    for n, line in enumerate(good):
        mixed.insert(min(2 * n, len(mixed)), line)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text("\n".join(mixed) + "\n", encoding="utf-8")
        documents, _ = read([path])
        kept = {d.doc_id: d.text for d in documents if d.doc_id.startswith("good-")}
        assert kept == {f"good-{n}": t for n, t in enumerate(texts)}


@PROPERTIES
@given(
    rows=st.lists(st.tuples(good_text, st.text(letters, max_size=12)), min_size=1, max_size=6),
    junk=st.text(letters, max_size=40),
)
def test_every_well_formed_csv_row_is_kept(rows, junk):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "text", "title"])
    for n, (text, title) in enumerate(rows):
        writer.writerow([f"good-{n}", text, title])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        documents, errors = read([path])
        assert errors == []
        assert [(d.doc_id, d.text) for d in documents] == [(f"good-{n}", t) for n, (t, _) in enumerate(rows)]
        path.write_text(out.getvalue() + junk.replace("\r", "") + "\n", encoding="utf-8")  # junk after: reported
        documents, _ = read([path])
        assert [d.doc_id for d in documents][: len(rows)] == [f"good-{n}" for n in range(len(rows))]


@PROPERTIES
@given(manifest=st.one_of(json_values, st.builds(lambda e: {"documents": e}, st.lists(json_values, max_size=5))))
def test_any_manifest_leaves_every_article_read(manifest):
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.txt", "b.txt"):
            (Path(folder) / name).write_text(f"Note {name} from Gdansk.", encoding="utf-8")
        (Path(folder) / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        documents, _ = read([Path(folder)])
        assert [d.doc_id for d in documents] == ["a.txt", "b.txt"]
