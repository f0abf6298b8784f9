"""Counts given to events: sourced crowd figures kept apart, a later mention's counts carried back."""

import pytest


@pytest.fixture(scope="module")
def events(record_of):
    def run(text: str, date: str | None = "2025-06-09") -> list[dict]:
        return record_of(text, date)["events"]

    return run


def at(events, name, kind):
    return [e for e in events if e["place"] and e["place"]["mention"] == name and e["event_type"] == kind]


def test_police_and_organisers_figures_are_kept_apart_not_added(events):
    found = events(
        "Thousands of people marched through Madrid on Saturday against the new housing law.\n\n"
        "Police said 8,000 people had taken part in the march, but organisers put the figure closer to 25,000."
    )
    (march,) = at(found, "Madrid", "protest")
    assert march["counts"]["participants_police"] == 8000
    assert march["counts"]["participants_organisers"] == 25000
    assert march["counts"]["participants"] != 33000


def test_a_figure_nobody_is_said_to_give_is_the_participants(events):
    found = events("About 3,000 people marched through Madrid on Saturday against the new housing law.")
    (march,) = at(found, "Madrid", "protest")
    assert march["counts"] == {"participants": 3000}


def test_the_attack_referred_back_to_gives_its_counts_to_the_attack_reported(events):
    found = events(
        "Russia struck the city of Kharkiv overnight with drones and missiles, officials said.\n\n"
        "The air force said the attack involved 60 drones and 4 ballistic missiles."
    )
    (strike,) = at(found, "Kharkiv", "strike")
    assert strike["counts"] == {"drones": 60, "missiles": 4, "ballistic_missiles": 4}


def test_another_attack_is_not_the_one_reported(events):
    found = events(
        "Russia struck the city of Kharkiv overnight with drones and missiles, officials said.\n\n"
        "The air force said another attack involved 60 drones and 4 ballistic missiles."
    )
    (strike,) = at(found, "Kharkiv", "strike")
    assert "drones" not in strike["counts"]


def test_a_later_mention_that_places_an_event_takes_its_date(events):
    found = events(
        "The two governments signed a trade accord on Tuesday, officials said.\n\n"
        "The accord was signed in Vienna by both foreign ministers.",
        date="2025-06-11",
    )
    (signing,) = at(found, "Vienna", "diplomacy")
    assert signing["date"] == "2025-06-10"


def test_a_mention_after_another_kind_of_event_keeps_the_report_date(events):
    found = events(
        "Drones struck the city of Kharkiv on Tuesday, officials said.\n\n"
        "The accord was signed in Vienna by both foreign ministers.",
        date="2025-06-11",
    )
    (signing,) = at(found, "Vienna", "diplomacy")
    assert signing["date"] == "2025-06-11"


def test_a_toll_shared_by_a_list_of_places_is_none_of_theirs(events):
    found = events("Overnight attacks across the country struck Sumy, Kharkiv and Odesa, killing two people.")
    assert {e["place"]["mention"] for e in found if e["place"]} >= {"Sumy", "Kharkiv", "Odesa"}
    assert all("killed" not in e["counts"] for e in found)


def test_a_toll_stated_at_one_place_of_a_list_is_that_place(events):
    (odesa,) = at(events("Russian strikes hit Kharkiv and Odesa, killing three people in Odesa."), "Odesa", "strike")
    assert odesa["counts"] == {"killed": 3}


def test_a_toll_in_another_clause_at_another_place_is_not_the_strike(events):
    (odesa,) = at(events("Drones struck Odesa overnight, and two people were killed in Kherson."), "Odesa", "strike")
    assert "killed" not in odesa["counts"]
    (odesa,) = at(events("Drones struck Odesa overnight, and two people were killed."), "Odesa", "strike")
    assert odesa["counts"] == {"killed": 2}  # counter-case: no place of its own, the clause's toll is the strike's


def test_a_toll_given_for_the_region_is_not_the_city(events):
    found = events(
        "Drones hit Kharkiv overnight, while in the wider Kharkiv region four people were injured by shelling."
    )
    assert all("injured" not in e["counts"] for e in at(found, "Kharkiv", "strike"))


def test_a_count_goes_to_the_event_its_clause_reports_wherever_it_is_placed(events):
    found = events(
        "A ship that satellites spotted near the coast of Gaza City on Friday had sailed from Larnaca two days "
        "earlier with 300 tonnes of relief supplies."
    )
    (delivery,) = at(found, "Gaza City", "humanitarian")
    assert delivery["counts"] == {"tonnes": 300}
