"""Finding and placing place names in sentences written for these tests."""


def names(toponyms):
    return [t["name"] for t in toponyms]


def only(toponyms, name):
    (hit,) = [t for t in toponyms if t["name"] == name]
    return hit


def near(t, lat, lon, km=161):
    import math

    dlat, dlon = math.radians(t["lat"] - lat), math.radians(t["lon"] - lon)
    x = dlon * math.cos(math.radians((t["lat"] + lat) / 2))
    return 6371 * math.hypot(x, dlat) < km


def test_places_the_small_model_misses(extract):
    found = extract(
        "Russian planes dropped glide bombs on the northeastern city of Kharkiv, and for the first "
        "time Russia fired glide bombs in Ukraine's southern Odesa region on Friday."
    )
    assert near(only(found, "Kharkiv"), 49.98, 36.25)
    region = only(found, "Odesa region")
    assert region["kind"] == "region" and region["country_code"] == "UA"


def test_people_acronyms_and_companies_are_not_places(extract):
    found = extract(
        "Zelenskyy met the G7 leaders. Volodymyr Zelenskyy said AI would help. "
        "Ukraine's rail company, Ukrzaliznytsia, announced train delays."
    )
    assert not {"Zelenskyy", "G7", "AI", "Ukrzaliznytsia"} & set(names(found))
    assert "Ukraine" in names(found)


def test_common_words_that_are_also_towns(extract):
    found = extract(
        "Reading the report in March, Mark said it was a nice result. Of course, Victoria Beckham agreed with Sir Keir."
    )
    assert names(found) == []


def test_demonyms_are_hints_not_toponyms(extract):
    found = extract("Ukrainian forces said Russian troops had advanced.")
    assert found == []


def test_composite_forms(extract):
    found = extract(
        "A drone hit an apartment building in Krasnogorsk on Moscow's northwestern edge. "
        "Migrants crossed the English Channel. The leaders met at 10 Downing Street."
    )
    assert near(only(found, "Krasnogorsk"), 55.82, 37.33, km=30)
    assert only(found, "English Channel")["kind"] == "sea"
    assert only(found, "10 Downing Street")["kind"] == "landmark"
    assert only(found, "Moscow")["role"] == "literal"


def test_container_picks_paris_texas(extract):
    found = extract("The storm reached Paris, Texas, on Monday.")
    paris = only(found, "Paris")
    assert paris["country_code"] == "US" and near(paris, 33.66, -95.56)


def test_context_picks_the_us_state(extract):
    found = extract(
        "Flooding hit Atlanta and Savannah on Tuesday. Georgia's governor declared an emergency "
        "as rivers rose across Georgia."
    )
    assert {t["country_code"] for t in found if t["name"] == "Georgia"} == {"US"}


def test_one_sense_per_name(extract):
    found = extract("Talks were held in Washington. Later, Washington said the deal was close.")
    assert len({(t["lat"], t["lon"]) for t in found if t["name"] == "Washington"}) == 1


def test_unknown_place_is_kept_without_coordinates(extract):
    found = extract("Russian forces said they captured Zorianivka, Donetsk, after days of fighting.")
    village = only(found, "Zorianivka")
    assert village["lat"] is None and village["lon"] is None
    assert only(found, "Donetsk")["country_code"] == "UA"


def test_metonymy(extract):
    found = extract("Moscow rejected the proposal, and Washington pushed for a ceasefire.")
    assert only(found, "Moscow")["role"] == "metonymic"
    assert only(found, "Washington")["role"] == "metonymic"
    literal = extract("Three drones were shot down over Moscow.")
    assert only(literal, "Moscow")["role"] == "literal"


def test_spacy_component_in_a_users_pipeline(index_cache):
    import geo.text.component  # noqa: F401
    from geo.text.model import load_model

    nlp = load_model()
    nlp.add_pipe("geoevents_toponyms")
    doc = nlp("Shelling hit Kherson overnight.")
    (toponym,) = doc._.toponyms
    assert toponym.name == "Kherson" and toponym.place.country_code == "UA" and toponym.role == "literal"


def test_region_after_a_comma_whatever_the_model_took_it_for(extract):
    # en_core_web_sm tags this "Kharkiv" as a PERSON; after "Zolochiv," it names the region
    found = extract("Russian forces shelled Zolochiv, Kharkiv, hitting a dormitory.")
    assert near(only(found, "Kharkiv"), 49.99, 36.23)
    assert near(only(found, "Zolochiv"), 50.28, 35.98)  # not the Zolochiv of Lviv Oblast


def test_no_hamlet_at_the_head_of_an_unknown_name(extract):
    found = names(extract("Forces shelled near Mala Vovcha, Kharkiv, and in Tall Refaat (Aleppo)."))
    assert "Mala" not in found and "Tall" not in found and "Aleppo" in found


def test_towns_the_model_took_for_people_or_peoples(extract):
    found = extract(
        "Shots were heard near Avdiivka. Later, SOR members protested in Causeni, condemning the government. "
        "Russian forces shelled Zolota Balka, Kherson region."
    )
    assert near(only(found, "Avdiivka"), 48.14, 37.74)
    assert near(only(found, "Causeni"), 46.64, 29.41)
    assert only(found, "Zolota Balka")["lat"] is None  # a village the gazetteer lacks, in the region named after it
    assert near(only(found, "Kherson region"), 46.7, 33.5, km=200)


def test_a_word_of_a_persons_full_name_is_no_town_after_to_or_in(extract):
    found = extract("The crash was reported by County Sheriff Greg Taylor. The driver fled, according to Taylor.")
    assert "Taylor" not in names(found)
    town = extract("The driver fled north, according to police in Taylor, and was caught near Detroit.")
    assert near(only(town, "Taylor"), 42.24, -83.27)


def test_city_and_district(extract):
    (donetsk,) = extract("Ukrainian gunners hit separatist trenches in Donetsk - Petrovskyi.")
    assert donetsk["name"] == "Donetsk" and donetsk["role"] == "literal"


def test_names_the_model_cuts_or_misreads(extract):
    found = names(
        extract(
            "Rioters hurled a Molotov cocktail in Tripoli. IDPs gathered in Deir ez Zor countryside. "
            "Locals protested in As Samawah city. Forces shelled near Mykhalchyna-Sloboda, Chernihiv, "
            "and fired at positions in Bir al Maraziq (Al Jawf)."
        )
    )
    assert "Molotov" not in found  # a former name of Perm, here a common noun's modifier
    assert "Deir ez Zor" in found and "As Samawah" in found
    assert "Sloboda" not in found and "Bir" not in found


def test_a_town_named_before_its_plant_is_the_plant(extract):
    found = extract("Engineers fear another blackout at the Zaporizhzhia power plant after Sunday's shelling.")
    plant = only(found, "Zaporizhzhia power plant")
    assert plant["kind"] == "landmark" and near(plant, 47.51, 34.59, km=10)  # at Enerhodar, not in the city
    region = extract("Shelling hit villages across the Zaporizhzhia region on Sunday.")
    assert [(t["name"], t["kind"]) for t in region] == [("Zaporizhzhia region", "region")]


def test_a_compass_word_that_names_a_region_of_its_own_is_kept(extract):
    found = extract("Freighters now sail around southern Africa, while shelling went on in southern Ukraine.")
    assert near(only(found, "southern Africa"), -25.0, 25.0)  # not Africa's centre, 3,600 km north
    assert only(found, "Ukraine")["kind"] == "country"  # no region of that name: the country


def test_a_storms_name_is_no_town_but_the_places_it_hit_are(extract):
    found = extract(
        "Hurricane Maria flattened homes across Puerto Rico. Months later, Maria was still blamed for the outages."
    )
    assert "Maria" not in names(found) and "Puerto Rico" in names(found)
    listed = extract("Three storms hit the coast that year: Harvey, Irma and Maria. Houston flooded for days.")
    assert {"Harvey", "Irma", "Maria"}.isdisjoint(names(listed)) and "Houston" in names(listed)
    town = extract("Police in Harvey, Illinois, closed two streets after the flood.")
    assert near(only(town, "Harvey"), 41.61, -87.65)


def test_states_listed_together_stay_states_though_towns_bear_their_names(extract):
    found = extract(
        "Growers in Idaho, Kansas, Louisiana, Missouri, Nevada and Oregon lost most of the harvest to the drought."
    )
    assert [t["kind"] for t in found] == ["region"] * 6  # not Nevada and Louisiana, towns in Missouri


def test_a_town_written_with_its_state_is_still_the_town(extract):
    found = {t["name"]: t for t in extract("The fair opened in Nevada, Missouri, on Friday.")}
    assert found["Nevada"]["kind"] == "city" and found["Nevada"]["lon"] > -100  # Missouri's, not the state


def test_a_list_of_towns_keeps_its_towns(extract):
    found = extract("Volunteers drove food to Kharkiv, Odesa, Dnipro and Lviv.")
    assert [t["kind"] for t in found] == ["city"] * 4


def test_a_state_designator_that_begins_an_organisations_name_stays_out_of_the_place(extract):
    board = extract("Results will be posted by the Virginia State Board of Elections on Tuesday.")
    assert names(board) == ["Virginia"] and only(board, "Virginia")["kind"] == "region"
    # a region called so keeps its designator, whatever follows
    called = extract("Gunmen robbed a bank in Osun State last Friday, and Osun State University closed.")
    assert set(names(called)) == {"Osun State"} and all(t["country_code"] == "NG" for t in called)
