"""What is not an event on the map, each next to the real event that still is (issue 12).

Every sentence here was written for these tests.
"""

import datetime

import pytest


@pytest.fixture(scope="module")
def events(index_cache):
    from geo.run.extract import Extractor
    from geo.run.readers import Document

    extractor = Extractor()

    def run(text: str, date: str = "2025-06-02") -> list[dict]:
        (record,) = extractor.extract([Document("t", text, date=datetime.date.fromisoformat(date))])
        return record["events"]

    return run


def placed(found: list[dict]) -> set[tuple[str, str]]:
    """(type, place as written) of the events that go on the map."""
    return {(e["event_type"], e["place"]["mention"]) for e in found if e["place"]}


def test_capital_standing_for_its_government_is_no_venue(events):
    found = placed(events("Moscow rejected the truce offer on Monday, while a drone hit a fuel depot in Belgorod."))
    assert not any(place == "Moscow" for _, place in found)
    assert ("strike", "Belgorod") in found


def test_pressure_on_a_country_is_no_event_there(events):
    found = placed(events("Allies stepped up pressure on Russia as artillery shelled Nikopol on Sunday."))
    assert not any(place == "Russia" for _, place in found)
    assert ("strike", "Nikopol") in found


def test_topic_of_talks_is_not_their_venue(events):
    found = placed(events("Negotiators met in Geneva on Tuesday for talks on Crimea."))
    assert ("diplomacy", "Geneva") in found
    assert not any(place == "Crimea" for _, place in found)


def test_background_war_is_no_event(events):
    assert placed(events("The war in Ukraine has dragged on for years and weighs on the economy.")) == set()
    assert ("ground", "Bakhmut") in placed(events("Heavy fighting broke out near Bakhmut on Sunday."))


def test_negotiations_that_continue_are_no_meeting(events):
    found = placed(events("While negotiations continue, Russian troops attacked positions near Pokrovsk on Friday."))
    assert not any(kind == "diplomacy" for kind, _ in found)
    assert ("ground", "Pokrovsk") in found


def test_what_continues_in_a_paragraph_is_no_new_event_there(events):
    text = (
        "Shelling hit Kramatorsk in the Donetsk region on Sunday.\n\n"
        "As diplomatic negotiations continue, fighting along the front remains fierce."
    )
    found = {(e["event_type"], e["sentence"][:2]) for e in events(text) if e["place"]}
    assert ("strike", "Sh") in found
    assert not any(start == "As" for _, start in found)


def test_diplomatic_efforts_are_an_aim_and_talks_are_a_meeting(events):
    assert placed(events("The mayor of Odesa praised diplomatic efforts to end the war.")) == set()
    assert ("diplomacy", "Geneva") in placed(events("Diplomatic negotiations opened in Geneva on Monday."))


def test_threatened_strike_is_no_event_but_a_real_one_is(events):
    assert placed(events("The general threatened to bomb the bridges of Odesa.")) == set()
    assert ("strike", "Odesa") in placed(events("Missiles struck a bridge in Odesa on Monday."))


def test_what_is_called_for_has_not_happened(events):
    assert placed(events("The council called on both sides to halt the shelling of Kherson.")) == set()
    assert ("strike", "Kherson") in placed(events("Russian shelling hit Kherson on Saturday, officials said."))


def test_hypothetical_meeting_only_at_a_venue(events):
    assert placed(events("A possible peace agreement between the two countries could include Ukraine.")) == set()
    found = events("The two presidents would be willing to meet in Vienna next month.")
    assert [(e["event_type"], e["status"]) for e in found if e["place"]] == [("diplomacy", "hypothetical")]


def test_generic_words_of_a_quote_are_no_event(events):
    assert placed(events('"Bombing has become the daily reality of Ukraine," the minister told reporters.')) == set()
    found = placed(events('"Shelling hit Nikopol twice overnight," the governor said on Monday.'))
    assert ("strike", "Nikopol") in found


def test_headline_figure_of_speech_is_no_event(events):
    text = (
        "Budget cuts bomb in Berlin\n\n"
        "The finance minister defended the spending plan on Monday. "
        "A drone hit a warehouse in Kharkiv the same day."
    )
    found = placed(events(text))
    assert not any(place == "Berlin" for _, place in found)
    assert ("strike", "Kharkiv") in found


def test_name_glued_by_a_hyphen_describes_and_does_not_place(events):
    found = placed(events("Iran-backed militants fired rockets at a base in Erbil on Sunday."))
    assert not any(place == "Iran" for _, place in found)
    assert ("strike", "Erbil") in found


def test_dateline_is_where_the_reporter_filed(events):
    found = placed(events("BERLIN, June 2 - Drones struck an oil depot in Bryansk overnight, the governor said."))
    assert not any(place == "BERLIN" for _, place in found)
    assert ("strike", "Bryansk") in found


def test_launching_an_investigation_is_no_strike(events):
    assert not any(kind == "strike" for kind, _ in placed(events("Prosecutors launched an investigation in Kherson.")))
    assert ("strike", "Kherson") in placed(events("Russia launched missiles at Kherson on Tuesday."))


def test_cumulative_total_is_not_the_toll_of_the_day(events):
    found = events(
        "A missile hit Kharkiv on Monday, killing three people. "
        "Since the war began, more than 900 civilians have been killed in Kharkiv."
    )
    strikes = [e for e in found if e["event_type"] == "strike" and e["place"]]
    assert strikes and all(e["counts"].get("killed") == 3 for e in strikes)


def test_tally_of_the_week_is_no_event_at_the_country(events):
    found = placed(events("In total, more than 900 drones and 40 missiles were launched at Ukraine this week."))
    assert ("strike", "Ukraine") not in found
    assert ("strike", "Ukraine") in placed(events("Russia launched 40 missiles at Ukraine overnight."))


def test_killed_in_a_report_of_strikes_is_a_strike(events):
    found = events(
        "Russian missiles struck Dnipro overnight, the governor said. Two people were killed in Zaporizhzhia."
    )
    assert ("strike", "Zaporizhzhia") in placed(found)
    assert ("violence_against_civilians", "Zaporizhzhia") not in placed(found)
    # with no strike in the report, a killing stays violence against civilians
    assert ("violence_against_civilians", "Kherson") in placed(events("Gunmen executed two farmers in Kherson."))


def test_interception_happens_over_the_defenders_land(events):
    (event,) = [e for e in events("Ukraine's air force said it shot down 40 drones overnight.") if e["place"]]
    assert event["event_type"] == "interception" and event["place"]["mention"] == "Ukraine"


def test_protest_crowd_is_counted_as_participants(events):
    (rally,) = [e for e in events("Some 5,000 people rallied in Leipzig on Saturday.") if e["place"]]
    assert rally["event_type"] == "protest" and rally["counts"] == {"participants": 5000}


def test_later_mention_does_not_replace_the_count(events):
    found = events(
        "A drone struck Sumy on Monday, killing two people. "
        "On Monday, another strike on Sumy killed seven people, officials said later."
    )
    (strike,) = [e for e in found if e["event_type"] == "strike" and e["place"]]
    assert strike["counts"]["killed"] == 2


def test_what_was_done_instead_is_the_event(events):
    found = placed(events("Rather than storming Kupiansk, the troops shelled Izium on Monday."))
    assert ("strike", "Izium") in found
    assert not any(place == "Kupiansk" for _, place in found)
