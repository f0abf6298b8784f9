"""Tests for geo.run.readers: every input form, and every bad input reported without losing others."""

import datetime
import io
import json
import shutil
from pathlib import Path

import pytest

from geo.run.readers import Document, InputError, read_documents

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MARCH_1 = datetime.date(2025, 3, 1)


def read(inputs, **options):
    """Read everything, collecting the reported problems as messages."""
    errors: list[InputError] = []
    documents = list(read_documents([str(i) for i in inputs], on_error=errors.append, **options))
    return documents, [str(e) for e in errors]


def ids(documents):
    return [d.doc_id for d in documents]


def write_jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- folders, text files and the manifest -------------------------------------------------


def test_seed_folder_with_manifest(tmp_path):
    folder = shutil.copytree(SEEDS, tmp_path / "seeds")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    expected = {e["file"]: datetime.date.fromisoformat(e["date"]) for e in manifest["documents"]}

    documents, errors = read([folder])

    assert errors == []
    assert ids(documents) == sorted(expected)
    assert len(documents) == 5
    for doc in documents:
        assert doc.date == expected[doc.doc_id]
        assert doc.text == (folder / doc.doc_id).read_text(encoding="utf-8")
        assert doc.source == str(folder / doc.doc_id)


def test_single_text_file_uses_its_folders_manifest(tmp_path):
    folder = shutil.copytree(SEEDS, tmp_path / "seeds")
    documents, _ = read([folder / "003_5e784523b8096698.txt"], date=MARCH_1)
    assert documents[0].date == datetime.date(2025, 10, 22)


def test_date_argument_is_the_fallback(tmp_path):
    (tmp_path / "a.txt").write_text("Fire in Lyon.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Flood\nRain in Porto.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps({"about": "x", "documents": [{"file": "a.txt", "date": "2024-05-06"}]}), encoding="utf-8"
    )

    documents, errors = read([tmp_path], date=MARCH_1)

    assert errors == []
    assert [(d.doc_id, d.date) for d in documents] == [("a.txt", datetime.date(2024, 5, 6)), ("b.md", MARCH_1)]


def test_no_manifest_no_date(tmp_path):
    (tmp_path / "a.txt").write_text("Fire in Lyon.", encoding="utf-8")
    documents, errors = read([tmp_path])
    assert errors == [] and documents[0].date is None


def test_folder_ignores_other_files_and_reads_subfolders(tmp_path):
    (tmp_path / "a.txt").write_text("Fire in Lyon.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF\0")
    (tmp_path / "._a.txt").write_bytes(b"\0\0macos metadata")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Storm in Oslo.", encoding="utf-8")
    documents, errors = read([tmp_path])
    assert ids(documents) == ["a.txt", "sub/b.txt"] and errors == []


def test_folder_also_reads_jsonl_and_csv(tmp_path):
    (tmp_path / "b.txt").write_text("Fire in Lyon.", encoding="utf-8")
    write_jsonl(tmp_path / "a.jsonl", json.dumps({"id": "j1", "text": "Storm in Oslo."}))
    (tmp_path / "c.csv").write_text("id,text\nc1,Quake in Lima.\n", encoding="utf-8")
    documents, errors = read([tmp_path])
    assert ids(documents) == ["j1", "b.txt", "c1"] and errors == []


def test_malformed_manifest_is_reported_and_docs_read_undated(tmp_path):
    (tmp_path / "a.txt").write_text("Fire in Lyon.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Storm in Oslo.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"documents": [{"file": "a.txt", "date": "2025-01-01"}', encoding="utf-8")

    documents, errors = read([tmp_path])

    assert ids(documents) == ["a.txt", "b.txt"]
    assert all(d.date is None for d in documents)
    assert len(errors) == 1
    assert "manifest.json: not valid JSON" in errors[0] and "dates are ignored" in errors[0]


def test_manifest_with_bad_date_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Fire in Lyon.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps({"documents": [{"file": "a.txt", "date": "soon"}]}), encoding="utf-8"
    )
    documents, errors = read([tmp_path], date=MARCH_1)
    assert documents[0].date == MARCH_1
    assert errors == [
        f"{tmp_path / 'manifest.json'} entry 1 (a.txt): unknown date 'soon' (use YYYY-MM-DD); that entry is ignored"
    ]


def test_crlf_becomes_lf_and_text_is_not_stripped(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"  Fire in Lyon.\r\nSecond line.\r\n\r\n")
    documents, _ = read([tmp_path / "a.txt"])
    assert documents[0].text == "  Fire in Lyon.\nSecond line.\n\n"


# --- JSONL and CSV --------------------------------------------------------------------------


def test_jsonl_ids_dates_and_extra_keys(tmp_path):
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        json.dumps(
            {
                "doc_id": "a",
                "text": "Fire in Lyon.",
                "date": "2025-03-10",
                "title": "Fire",
                "url": "https://example.org/a",
                "lang": "en",
                "tags": ["x"],
            }
        ),
        "",
        json.dumps({"id": 7, "text": "Storm in Oslo.", "date": "2025-03-10T12:00:00Z"}),
        json.dumps({"text": "Quake in Lima."}),
    )

    documents, errors = read([feed], date=MARCH_1)

    assert errors == []
    assert documents[0] == Document(
        "a", "Fire in Lyon.", datetime.date(2025, 3, 10), "Fire", "https://example.org/a", f"{feed}:1"
    )
    assert (documents[1].doc_id, documents[1].date) == ("7", datetime.date(2025, 3, 10))
    assert (documents[2].doc_id, documents[2].date, documents[2].source) == ("feed.jsonl:4", MARCH_1, f"{feed}:4")


def test_ndjson_suffix(tmp_path):
    feed = write_jsonl(tmp_path / "feed.ndjson", json.dumps({"id": "a", "text": "Fire in Lyon."}))
    assert ids(read([feed])[0]) == ["a"]


def test_csv(tmp_path):
    table = tmp_path / "news.csv"
    table.write_text(
        'doc_id,title,text,date,extra\na,Fire,"Fire in Lyon,\nthen rain.",2025-03-10,x\n\nb,,Storm in Oslo.,,y\n',
        encoding="utf-8",
    )

    documents, errors = read([table], date=MARCH_1)

    assert errors == []
    assert documents[0] == Document(
        "a", "Fire in Lyon,\nthen rain.", datetime.date(2025, 3, 10), "Fire", None, f"{table}:2"
    )
    assert (documents[1].doc_id, documents[1].title, documents[1].date, documents[1].source) == (
        "b",
        None,
        MARCH_1,
        f"{table}:5",
    )


def test_csv_row_with_wrong_field_count(tmp_path):
    table = tmp_path / "news.csv"
    table.write_text(
        "id,text,date\na,Fire in Lyon.,2025-03-10\nb,Storm,2025-03-10,oops\nc\nd,Quake in Lima.,\n", encoding="utf-8"
    )
    documents, errors = read([table])
    assert ids(documents) == ["a", "d"]
    assert errors == [
        f"{table} line 3: 4 fields, but the header has 3",
        f"{table} line 4: 1 fields, but the header has 3",
    ]


def test_csv_without_text_column(tmp_path):
    table = tmp_path / "news.csv"
    table.write_text("id,body\na,Fire\n", encoding="utf-8")
    documents, errors = read([table])
    assert documents == [] and errors == [f"{table}: no 'text' column in the header row (found: id, body)"]


def test_csv_text_over_default_csv_field_limit(tmp_path):
    table = tmp_path / "long.csv"
    table.write_text("id,text\na," + "y" * 200_000 + "\n", encoding="utf-8")
    documents, errors = read([table])
    assert errors == [] and len(documents[0].text) == 200_000


# --- stdin ------------------------------------------------------------------------------------


def test_stdin_plain_text():
    documents, errors = read(["-"], stdin=io.StringIO("\n  Fire in Lyon.\nMore."), date=MARCH_1)
    assert errors == []
    assert documents == [Document("stdin", "\n  Fire in Lyon.\nMore.", MARCH_1, source="stdin")]


def test_stdin_jsonl():
    stream = io.StringIO('\n{"id": "a", "text": "Fire in Lyon."}\n{"id": "b", "text": ""}\n')
    documents, errors = read(["-"], stdin=stream)
    assert ids(documents) == ["a"]
    assert errors == ["stdin line 3: no text (empty or only whitespace)"]


def test_stdin_empty():
    documents, errors = read(["-"], stdin=io.StringIO("  \n"))
    assert documents == [] and errors == ["stdin: no text (empty or only whitespace)"]


# --- bad input: each reported, the others still read ---------------------------------------


def test_bad_jsonl_records_are_reported_with_line_numbers(tmp_path):
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        json.dumps({"id": "ok1", "text": "Fire in Lyon."}),
        json.dumps({"id": "d", "text": "Storm.", "date": "32/13/2025"}),
        '{"id": "j" "text": "x"}',
        '["not", "an", "object"]',
        json.dumps({"id": "m", "title": "no text"}),
        json.dumps({"id": "e", "text": "   "}),
        json.dumps({"id": "n", "text": 42}),
        json.dumps({"id": "ok2", "text": "Quake in Lima."}),
    )

    documents, errors = read([feed])

    assert ids(documents) == ["ok1", "ok2"]
    assert errors == [
        f"{feed} line 2: unknown date '32/13/2025' (use YYYY-MM-DD)",
        f"{feed} line 3: not valid JSON (Expecting ',' delimiter at column 12)",
        f"{feed} line 4: expected a JSON object {{...}}, got an array",
        f"{feed} line 5: no 'text' field",
        f"{feed} line 6: no text (empty or only whitespace)",
        f"{feed} line 7: 'text' must be a string, not a number",
    ]


def test_missing_and_unsupported_files_do_not_stop_the_run(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Fire in Lyon.", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")

    documents, errors = read([tmp_path / "missing.txt", tmp_path / "report.pdf", good])

    assert ids(documents) == ["good.txt"]
    assert errors[0] == f"{tmp_path / 'missing.txt'}: file not found"
    assert errors[1].startswith(f"{tmp_path / 'report.pdf'}: unsupported file type '.pdf'")


def test_empty_files(tmp_path):
    (tmp_path / "a.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Fire in Lyon.", encoding="utf-8")

    documents, errors = read([tmp_path])

    assert ids(documents) == ["d.txt"]
    assert errors == [
        f"{tmp_path / 'a.txt'}: no text (empty or only whitespace)",
        f"{tmp_path / 'b.jsonl'}: no records (empty or only whitespace)",
        f"{tmp_path / 'c.csv'}: no records (empty or only whitespace)",
    ]


def test_empty_folder(tmp_path):
    documents, errors = read([tmp_path])
    assert documents == [] and errors[0].startswith(f"{tmp_path}: no .txt")


def test_binary_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"GIF89a\0\0\x01\x02")
    (tmp_path / "b.jsonl").write_bytes(b'{"id": "x"}\0\0')
    (tmp_path / "c.txt").write_text("Fire in Lyon.", encoding="utf-8")
    (tmp_path / "d.jsonl").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\xff\x03")  # gzip, named .jsonl
    documents, errors = read([tmp_path])
    assert ids(documents) == ["c.txt"]
    assert errors == [
        f"{tmp_path / 'a.txt'}: looks like a binary file (NUL bytes), not text",
        f"{tmp_path / 'b.jsonl'} line 1: not valid JSON (Extra data at column 12)",  # UTF-8 but for its NULs
        f"{tmp_path / 'd.jsonl'}: looks like a binary file (NUL bytes), not text",
    ]


def test_latin1_file_rejected_with_byte_and_offset(tmp_path):
    (tmp_path / "a.txt").write_bytes("Fire in Besançon.".encode("latin-1"))  # ç is byte 13
    (tmp_path / "b.txt").write_text("Storm in Oslo.", encoding="utf-8")
    documents, errors = read([tmp_path])
    assert ids(documents) == ["b.txt"]
    assert errors == [f"{tmp_path / 'a.txt'}: not UTF-8 text (byte 0xe7 at offset 13); convert it to UTF-8"]


def test_latin1_jsonl_line_rejected_others_kept(tmp_path):
    feed = tmp_path / "feed.jsonl"
    data = (
        b'{"id": "a", "text": "Lyon"}\n'
        + '{"id": "b", "text": "Besançon"}\n'.encode("latin-1")
        + b'{"id": "c", "text": "Oslo"}\n'
    )
    feed.write_bytes(data)
    documents, errors = read([feed])
    assert ids(documents) == ["a", "c"]
    offset = data.index(b"\xe7")  # counted from the start of the file, not of the line
    assert errors == [f"{feed} line 2: not UTF-8 text (byte 0xe7 at offset {offset}); convert it to UTF-8"]


def test_utf8_bom_and_utf16(tmp_path):
    (tmp_path / "a.txt").write_bytes("Fire in Besançon.".encode("utf-8-sig"))
    (tmp_path / "b.txt").write_text("Storm in Gdańsk.", encoding="utf-16")
    (tmp_path / "c.jsonl").write_bytes('{"id": "c", "text": "Kraków"}\n'.encode("utf-8-sig"))
    (tmp_path / "d.csv").write_text("id,text\nd,Zürich\n", encoding="utf-16")

    documents, errors = read([tmp_path])

    assert errors == []
    assert [d.text for d in documents] == ["Fire in Besançon.", "Storm in Gdańsk.", "Kraków", "Zürich"]


def test_huge_text_rejected(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 120, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("x" * 500, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("x" * 100, encoding="utf-8")
    feed = write_jsonl(tmp_path / "feed.jsonl", json.dumps({"id": "j", "text": "y" * 101}))

    documents, errors = read([tmp_path], max_chars=100)

    assert ids(documents) == ["ok.txt"]
    assert errors == [
        f"{tmp_path / 'big.txt'}: text is 120 characters, over the limit of 100; split it or raise --max-chars",
        f"{feed} line 1: text is 101 characters, over the limit of 100; split it or raise --max-chars",
        f"{tmp_path / 'huge.txt'}: file is 500 bytes, over the limit of 100 characters; split it or raise --max-chars",
    ]


def test_limit_message_uses_thousands_separators(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", json.dumps({"id": "j", "text": "y" * 3_400}))
    _, errors = read([feed], max_chars=2_000)
    assert "is 3,400 characters, over the limit of 2,000" in errors[0]


def test_duplicate_ids_keep_the_first(tmp_path):
    (tmp_path / "a.txt").write_text("Fire in Lyon.", encoding="utf-8")
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        json.dumps({"id": "x", "text": "first"}),
        json.dumps({"doc_id": "x", "text": "second"}),
        json.dumps({"id": "a.txt", "text": "clash with the file"}),
    )

    documents, errors = read([tmp_path / "a.txt", feed])

    assert [(d.doc_id, d.text) for d in documents] == [("a.txt", "Fire in Lyon."), ("x", "first")]
    assert errors == [
        f"{feed} line 2: duplicate doc_id 'x' (first seen in {feed}:1); skipped",
        f"{feed} line 3: duplicate doc_id 'a.txt' (first seen in {tmp_path / 'a.txt'}); skipped",
    ]


def test_without_on_error_the_first_problem_is_raised(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", json.dumps({"id": "a", "text": "ok"}), "{oops")
    documents = read_documents([feed])
    assert next(documents).doc_id == "a"
    with pytest.raises(InputError, match=r"feed\.jsonl line 2: not valid JSON"):
        next(documents)


def test_jsonl_is_streamed_not_loaded_whole(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", *(json.dumps({"id": i, "text": "t"}) for i in range(3)))
    documents = read_documents([feed])
    assert next(documents).doc_id == "0"
    with feed.open("a", encoding="utf-8") as more:  # lines added after reading began still arrive
        more.write(json.dumps({"id": "late", "text": "t"}) + "\n")
    assert [d.doc_id for d in documents] == ["1", "2", "late"]
