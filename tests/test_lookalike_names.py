"""Names that look up a namesake town but mean something else here: a weather pattern, a family, a brand."""

from __future__ import annotations


def places(found):
    return {t["name"]: t for t in found}


def test_el_nino_the_weather_is_no_mexican_town(extract):
    from gazetteer.not_places import is_not_place

    assert is_not_place("El Niño") and is_not_place("La Nina")  # with or without the accent
    found = places(extract("Forecasters expect a weak El Niño to bring wetter winters to southern Peru."))
    assert "El Niño" not in found and "Peru" in found


def test_el_nino_the_town_when_the_sentence_says_so(extract):
    found = places(extract("Volunteers handed out water in the town of El Niño after the storm."))
    assert found["El Niño"]["country_code"] == "MX"


def test_a_family_named_after_a_person_in_the_text_is_no_town(extract):
    found = extract(
        "The province bought the farm of the Boons. The Boons had worked it for forty years. Ann Boon cried."
    )
    assert not [t for t in found if t["name"] == "Boons"]


def test_a_plural_name_without_such_a_person_is_still_a_place(extract):
    found = places(extract("Typhoon relief flights landed in the Philippines on Sunday."))
    assert found["Philippines"]["country_code"] == "PH"


def test_a_brand_written_with_inner_capitals_is_no_namesake_found_by_spelling(extract):
    found = extract("Fans packed the arena as UConn rallied in the second half.")
    assert not [t for t in found if t["name"] == "UConn"]


def test_inner_capitals_written_as_the_town_writes_them_still_count(extract):
    found = places(extract("The school board of DeKalb voted on Tuesday."))
    assert found["DeKalb"]["country_code"] == "US"


def _doc(words, pos, person):
    """A parsed sentence built by hand, the model's PERSON entity over tokens `person` (start, end)."""
    import spacy
    from spacy.tokens import Doc, Span

    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    doc.ents = [Span(doc, *person, label="PERSON")]
    return doc


def test_a_misread_person_does_not_make_its_place_a_person_for_the_whole_text():
    from geo.text.nonplaces import personal_names

    headline = _doc(["Revisiting", "Peru", "ties"], ["VERB", "PROPN", "NOUN"], (0, 2))
    job = _doc(["Tulsa", "GM", "Al", "Ray", "spoke"], ["PROPN", "PROPN", "PROPN", "PROPN", "VERB"], (0, 2))
    assert "Peru" not in personal_names(headline) and "Tulsa" not in personal_names(job)


def test_a_real_full_name_still_counts_and_so_does_a_surname_after_a_title():
    from geo.text.nonplaces import personal_names

    full = _doc(["Lincoln", "Hale", "won"], ["PROPN", "PROPN", "VERB"], (0, 2))
    titled = _doc(["Mayor", "Paris", "spoke"], ["PROPN", "PROPN", "VERB"], (0, 2))
    assert personal_names(full) == {"Lincoln", "Hale"} and personal_names(titled) == {"Paris"}


def test_a_venue_the_sentence_places_in_another_town_is_no_town_of_its_first_name(extract):
    found = places(extract("Police broke up a crowd at Hikari Plaza in Nagoya on Sunday."))
    assert "Hikari" not in found and found["Nagoya"]["country_code"] == "JP"
    found = places(extract("A guard was stabbed near Union Station in Chicago on Friday."))
    assert "Union Station" not in found and "Union" not in found and "Chicago" in found


def test_a_venue_left_unplaced_or_a_town_so_named_keeps_its_place(extract):
    found = places(extract("Missiles hit Kharkiv station on Tuesday."))
    assert found["Kharkiv"]["country_code"] == "UA"
    found = places(extract("A gunman opened fire at a parade in Highland Park in Illinois."))
    assert found["Highland Park"]["country_code"] == "US"


def test_a_disease_named_after_a_place_is_no_mention_of_it(extract):
    found = places(
        extract(
            "Health officers in Ohio confirmed three more West Nile virus infections, and a traveller "
            "from Ghana was treated for Lassa fever. Doctors compared it with Marburg hemorrhagic fever."
        )
    )
    assert "Nile" not in found and "West Nile" not in found and "Lassa" not in found and "Marburg" not in found
    assert {"Ohio", "Ghana"} <= set(found)


def test_the_place_an_outbreak_struck_stays_and_so_does_a_local_flu(extract):
    found = places(extract("A fever swept through Marburg last winter, and Texas flu cases doubled in a week."))
    assert "Marburg" in found and "Texas" in found
