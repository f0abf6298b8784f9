"""Russian and Ukrainian spellings of one place, and the region a text puts a place in.
Sentences written for these tests."""

from gazetteer.normalize import ukrainian_forms
from tests.test_toponyms import near, only


def test_russian_endings_give_their_ukrainian_forms():
    assert "pavlivka" in ukrainian_forms("pavlovka")
    assert "avdiivka" in ukrainian_forms("avdeevka")
    assert "horlivka" in ukrainian_forms("gorlovka")
    assert "piski" in ukrainian_forms("peski")  # "Pisky" by the transliteration skeleton (y ~ i)
    assert ukrainian_forms("london") == []  # nothing the rule changes


def test_variants_are_ukrainian_places_found_by_the_rule(gazetteer):
    found = gazetteer.variants("Pavlovka")
    assert found and all(p.country_code == "UA" and p.match == "variant" for p in found)
    assert "Pavlivka" in {p.name for p in found}
    assert gazetteer.variants("Paris") == []


def test_a_place_in_the_dpr_is_not_a_namesake_in_another_oblast(extract):
    found = extract("Russian troops stormed Pavlovka in the DPR at dawn.")
    assert (
        only(found, "Pavlovka")["lat"] is None
    )  # no Pavlivka of Donetsk Oblast is shipped: none rather than Vinnytsia's
    kept = extract("A storm felled trees in Pavlivka in the Vinnytsia region.")
    assert only(kept, "Pavlivka")["lat"] is not None


def test_an_army_s_demonym_does_not_move_a_town_into_its_country(extract):
    found = extract("Russian forces shelled Artemovsk again overnight.")
    assert near(only(found, "Artemovsk"), 48.59, 38.0, km=20)  # Bakhmut's old name
    siberia = extract("Snow cut the road to Artemovsk, Krasnoyarsk Krai, for a week.")
    assert only(siberia, "Artemovsk")["country_code"] == "RU"


def test_names_before_a_plural_designator_are_regions(extract):
    found = extract("Air raid alerts sounded in the Sumy and Poltava regions.")
    assert {t["name"]: t["kind"] for t in found} == {"Sumy": "region", "Poltava": "region"}
    city = extract("Air raid alerts sounded in Poltava and its suburbs.")
    assert only(city, "Poltava")["kind"] == "city"


def test_a_place_before_a_region_already_found_is_still_the_place(extract):
    # The region's name is a place of its own ("Kharkiv" the city) and the village before it is tagged
    # as an organisation or a common noun: the village in that region is the place all the same.
    found = extract("Mortars struck near Kindrashivka, Kharkiv, before noon.")
    assert near(only(found, "Kindrashivka"), 49.77, 37.58, km=10)
    town = extract("Drones struck Marhanets, Dnipropetrovsk region, at night.")
    assert near(only(town, "Marhanets"), 47.63, 34.62, km=10)


def test_a_person_before_a_region_is_no_place(extract):
    found = extract("The attack was condemned by Oleh Marchenko, Kharkiv's governor, on television.")
    assert "Oleh Marchenko" not in [t["name"] for t in found]
    assert "Marchenko" not in [t["name"] for t in found]


def test_a_date_or_another_place_after_and_or_on_ends_a_name(extract):
    # "on" and "and" join the words of some names ("Stratford on Avon"); a weekday or the next place of a
    # list does not: the Russian spelling of Mykolaiv is then the city, not the head of a longer name.
    found = extract("Drones hit Nikolaev on Monday, the governor said.")
    assert near(only(found, "Nikolaev"), 46.97, 31.99, km=20)
    pair = extract("Russian forces shelled Nikolaev and Dnepropetrovsk overnight.")
    assert near(only(pair, "Nikolaev"), 46.97, 31.99, km=20)
    assert near(only(pair, "Dnepropetrovsk"), 48.45, 35.05, km=20)
    whole = extract("Tourists came back to Trinidad and Tobago this winter.")
    assert only(whole, "Trinidad and Tobago")["kind"] == "country"
    assert "Trinidad" not in [t["name"] for t in whole]


def test_a_front_named_in_the_sentence_puts_its_villages_in_that_oblast(extract):
    # Kamianske is a big city of Dnipropetrovsk Oblast and a village of Zaporizhzhia Oblast, among others.
    front = extract("On the Zaporizhzhia direction, Russian troops attacked near Kamianske.")
    assert near(only(front, "Kamianske"), 47.54, 35.37, km=20)
    alone = extract("Russian troops attacked near Kamianske.")
    assert near(only(alone, "Kamianske"), 48.52, 34.61, km=20)


def test_the_place_that_names_a_front_is_found_whatever_the_model_took_it_for(extract):
    found = extract("Fighting went on along the Kherson direction near Antonivka.")
    assert only(found, "Kherson")["country_code"] == "UA"
    assert near(only(found, "Antonivka"), 46.68, 32.73, km=20)
    assert "Kherson" not in [t["name"] for t in extract("Mr Kherson gave directions to the press.")]


def test_a_city_named_only_to_say_where_a_village_is_stands_for_its_oblast(extract):
    # Two Vasylivkas of Odesa Oblast: the bigger in the south-west, a smaller one next to Odesa city.
    found = extract("Artillery shelled Vasylivka, Odesa, before dawn.")
    assert only(found, "Odesa")["kind"] == "region"
    assert near(only(found, "Vasylivka"), 45.64, 28.83, km=20)  # not pulled to the city's suburbs
    # The city named in its own right stays the city; a state called by the city's very name too.
    city = extract("Drones hit Odesa overnight. Later artillery shelled Vasylivka, Odesa.")
    assert {t["kind"] for t in city if t["name"] == "Odesa"} == {"city"}
    brooklyn = extract("A storm flooded basements in Brooklyn, New York, on Sunday.")
    assert near(only(brooklyn, "New York"), 40.71, -74.01, km=30)


def test_an_arabic_article_hyphened_to_a_name_may_be_left_out():
    from gazetteer.normalize import without_article

    assert without_article("As-Sweida") == "Sweida" and without_article("ar-Raqqa") == "Raqqa"
    assert without_article("Ashford") is None and without_article("US-Ukraine") is None
    assert without_article("Al-qaeda") is None  # no capital after the hyphen: no name of a place


def test_a_name_known_only_without_its_article_is_found(gazetteer, extract):
    assert gazetteer.knows("As-Sweida") and gazetteer.candidates("As-Sweida")[0].country_code == "SY"
    found = extract("Gunmen stormed a checkpoint in As-Sweida late on Sunday.")
    assert only(found, "As-Sweida")["country_code"] == "SY"
    kept = extract("At Kharkiv, people queued for bread.")  # a capitalised preposition is no article
    assert only(kept, "Kharkiv")["country_code"] == "UA"


def test_the_countryside_of_a_place_contains_the_village_before_it(extract):
    found = extract("Regime artillery hit Bara in the northern countryside of Idleb at night.")
    assert only(found, "Bara")["lat"] is None  # Nigeria's Bara lies outside Idlib: no namesake
    assert only(found, "Idleb")["country_code"] == "SY"
    kept = extract("Storms flooded Moscow in the countryside of Idaho.")
    assert near(only(kept, "Moscow"), 46.73, -117.0)  # a namesake inside the container still counts
